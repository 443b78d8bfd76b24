/* The line reader (see lines.h): one buffer of pending bytes, searched for
 * the delimiter only where it was not searched before, so that a line
 * arriving in many reads costs linear time; a line past the cap is dropped
 * as it streams by instead of being kept. */
#include "input/lines.h"
#include "newsclaims.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_CHUNK ((size_t)64 * 1024)

static void lines_init(nc_lines *ls)
{
    memset(ls, 0, sizeof *ls);
    ls->delim = '\n';
}

void nc_lines_mem(nc_lines *ls, const char *data, size_t len)
{
    lines_init(ls);
    ls->mem = 1;
    ls->buf = (char *)data; /* never written: mem lines are not NUL-terminated */
    ls->end = data ? len : 0;
    ls->eof = 1;
}

int nc_lines_open(nc_lines *ls, const char *path, size_t max_line, char *msg, size_t msglen)
{
    lines_init(ls);
    ls->max = max_line;
    return nc_instream_open(&ls->in, path, msg, msglen);
}

int nc_lines_open_bytes(nc_lines *ls, const char *data, size_t len, size_t max_line)
{
    lines_init(ls);
    ls->max = max_line;
    return nc_instream_mem(&ls->in, data, len);
}

void nc_lines_set_delim(nc_lines *ls, char delim) { ls->delim = delim; }

const char *nc_lines_error(const nc_lines *ls) { return ls->msg; }

void nc_lines_close(nc_lines *ls)
{
    nc_instream_close(ls->in);
    if (!ls->mem)
        free(ls->buf);
    lines_init(ls);
}

/* Hands out pending bytes [start, stop) as the next line. */
static int emit(nc_lines *ls, size_t stop, nc_line *line)
{
    char *s = ls->buf + ls->start;
    size_t len = stop - ls->start;
    ls->lineno++;
    if (ls->lineno == 1 && len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3, len -= 3;
    if (ls->delim == '\n' && len && s[len - 1] == '\r')
        len--;
    ls->start = ls->scan = stop + (stop < ls->end); /* past the delimiter */
    *line = (nc_line){.s = s, .len = len, .lineno = ls->lineno};
    if (ls->max && len > ls->max) {
        *line = (nc_line){.len = len, .lineno = ls->lineno, .error = NC_ETOOBIG};
        return 1;
    }
    if (!ls->mem)
        s[len] = '\0'; /* over the CR or delimiter; the buffer keeps a spare byte at its end */
    return 1;
}

/* Ends a skipped line: reported as one line with its error. */
static int emit_skipped(nc_lines *ls, size_t stop, int endless, nc_line *line)
{
    *line = (nc_line){.len = ls->skipped + (stop - ls->start), .lineno = ls->lineno,
                      .error = ls->skip_error, .endless = endless};
    ls->skipping = 0;
    ls->start = ls->scan = stop + (stop < ls->end);
    if (endless)
        ls->done = 1;
    return 1;
}

/* Starts dropping the line being read; its number is taken now. */
static void start_skipping(nc_lines *ls, int error)
{
    ls->skipping = 1;
    ls->skip_error = error;
    ls->skipped = ls->end - ls->start;
    ls->start = ls->scan = ls->end = 0;
    ls->lineno++;
}

/* Room for one more read: moves the pending bytes to the front and grows
 * the buffer up to what a line of max bytes needs. 0 or NC_ENOMEM. */
static int make_room(nc_lines *ls)
{
    if (ls->start > 0) {
        memmove(ls->buf, ls->buf + ls->start, ls->end - ls->start);
        ls->end -= ls->start;
        ls->scan -= ls->start;
        ls->start = 0;
    }
    if (ls->cap > 8 * LINE_CHUNK && ls->end < LINE_CHUNK) {
        /* a long line went by: give its memory back (the caller has
         * copied it), rather than hold it for the rest of the stream */
        char *p = realloc(ls->buf, 2 * LINE_CHUNK);
        if (p) {
            ls->buf = p;
            ls->cap = 2 * LINE_CHUNK;
        }
    }
    if (ls->cap && ls->cap - ls->end > LINE_CHUNK / 2)
        return 0;
    size_t want = ls->cap ? ls->cap * 2 : LINE_CHUNK + 1;
    if (ls->max && ls->max < SIZE_MAX - 2 * LINE_CHUNK && want > ls->max + LINE_CHUNK + 2)
        want = ls->max + LINE_CHUNK + 2; /* a line of max bytes, its CR, a chunk and a spare byte */
    if (want <= ls->cap)
        return 0;
    char *p = realloc(ls->buf, want);
    if (!p)
        return NC_ENOMEM;
    ls->buf = p;
    ls->cap = want;
    return 0;
}

int nc_lines_next(nc_lines *ls, nc_line *line)
{
    memset(line, 0, sizeof *line);
    if (ls->done)
        return 0;
    for (;;) {
        char *d = ls->scan < ls->end ? memchr(ls->buf + ls->scan, ls->delim, ls->end - ls->scan) : NULL;
        if (d)
            return ls->skipping ? emit_skipped(ls, (size_t)(d - ls->buf), 0, line)
                                : emit(ls, (size_t)(d - ls->buf), line);
        ls->scan = ls->end;
        if (ls->eof) {
            if (ls->skipping)
                return emit_skipped(ls, ls->end, 0, line);
            if (ls->start < ls->end)
                return emit(ls, ls->end, line);
            ls->done = 1;
            return 0;
        }
        if (ls->skipping) {
            ls->skipped += ls->end - ls->start;
            ls->start = ls->scan = ls->end = 0;
            if (ls->skipped > NC_LINES_ENDLESS)
                return emit_skipped(ls, 0, 1, line);
        } else if (ls->max && ls->end - ls->start > ls->max &&
                   ls->end - ls->start - ls->max > 1 + (ls->lineno == 0 ? 3 : 0)) {
            /* longer than max even without a CR that may end it (and the
             * first line's byte order mark) */
            start_skipping(ls, NC_ETOOBIG);
        }
        if (make_room(ls)) {
            if (ls->cap == 0 || ls->end - ls->start == 0) {
                line->lineno = ls->lineno + 1;
                snprintf(ls->msg, sizeof ls->msg, "out of memory");
                ls->done = 1;
                return NC_ENOMEM;
            }
            start_skipping(ls, NC_ENOMEM); /* the rest of this line is dropped as it comes */
            continue;
        }
        long n = nc_instream_read(ls->in, ls->buf + ls->end, ls->cap - ls->end - 1, ls->msg, sizeof ls->msg);
        if (n < 0) {
            line->lineno = ls->lineno + !ls->skipping;
            ls->done = 1;
            return (int)n;
        }
        ls->eof = n == 0;
        ls->end += (size_t)n;
    }
}
