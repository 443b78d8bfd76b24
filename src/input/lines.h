/* The line reader: the one way every line-oriented input is split into
 * lines — JSON Lines streams (files, gzip, standard input), lists of paths,
 * and the data files (rules, macros, numbers, abbreviations, cues, actors)
 * already in memory.
 *
 * Binary-safe: a line is its bytes and a length, NUL bytes included (never
 * strlen). A line ends at the delimiter ('\n' unless set otherwise) or at
 * the end of the input; a final delimiter does not make an empty last line.
 * With '\n', one CR before it is dropped too ("a\r\n" is "a"); a UTF-8 byte
 * order mark at the very start of the input is dropped.
 *
 * Streams are capped: a line longer than max_line bytes is not kept. The
 * reader skips to its end and returns it as one line with error set, so
 * the caller can say "line N: ..." and go on with line N+1; the same when
 * there is no memory to hold a line. A line that runs on for more than
 * NC_LINES_ENDLESS bytes without a delimiter (/dev/zero, a 3 GB gzip'd
 * line) is reported the same way with endless set, and the input ends
 * there. Memory stays below max_line plus a read chunk whatever the input.
 *
 * Usage:
 *     nc_lines ls;
 *     if (nc_lines_open(&ls, path, max, msg, sizeof msg)) ...report msg...
 *     nc_line line;
 *     int rc;
 *     while ((rc = nc_lines_next(&ls, &line)) > 0) ...line.s, line.len, line.lineno, line.error...
 *     if (rc < 0) ...nc_lines_error(&ls), at line.lineno...
 *     nc_lines_close(&ls);
 */
#ifndef NC_INPUT_LINES_H
#define NC_INPUT_LINES_H
#include "input/input.h"
#include <stddef.h>

/* Bytes a line may run on past its limit before the input is given up. */
#define NC_LINES_ENDLESS ((size_t)1 << 30)

typedef struct nc_line {
    /* The line's bytes without its delimiter (may hold NUL bytes: use len);
     * NULL when error is set. From a stream, s[len] is '\0'; from memory, s
     * points into the caller's data. Valid until the next call. */
    const char *s;
    size_t len;    /* with error set: the bytes the line had when it was given up */
    size_t lineno; /* 1-based; counts every line, empty and failed ones too */
    int error;     /* 0; NC_ETOOBIG (longer than max_line); NC_ENOMEM (no memory to hold it) */
    int endless;   /* with error: no delimiter came within NC_LINES_ENDLESS bytes; nothing follows */
} nc_line;

/* A reader; fields are private (declared here so it can live on the stack). */
typedef struct nc_lines {
    nc_instream *in; /* NULL for text in memory */
    char *buf;       /* stream: owned buffer; memory: the caller's text */
    size_t cap, start, end, scan; /* pending bytes [start, end), searched up to scan */
    size_t max, lineno, skipped;
    int eof, done, skipping, skip_error, mem;
    char delim;
    char msg[256];
} nc_lines;

/* Text already in memory (data files): no limit, no allocation, cannot
 * fail; lines point into data, which must outlive the reader. */
void nc_lines_mem(nc_lines *ls, const char *data, size_t len);

/* A file or "-" (standard input), gzip undone whatever its name; max_line
 * (0 = no limit) caps each line. 0, or NC_ENOTFOUND / NC_EIO / NC_ENOMEM
 * with msg (may be NULL) set to a one-line reason such as "No such file or
 * directory"; the reader is then closed already (nc_lines_close is safe). */
int nc_lines_open(nc_lines *ls, const char *path, size_t max_line, char *msg, size_t msglen);

/* The same over bytes in memory that may be gzip data (tests, fuzzers).
 * 0 or NC_ENOMEM. */
int nc_lines_open_bytes(nc_lines *ls, const char *data, size_t len, size_t max_line);

/* Lines end at delim instead of '\n' (e.g. '\0' for NUL-separated lists);
 * no CR is dropped then. Call before the first nc_lines_next. */
void nc_lines_set_delim(nc_lines *ls, char delim);

/* The next line into *line: 1; 0 at the end of the input; or a negative
 * code when the input cannot be read further (NC_EIO, NC_EGZIP for corrupt
 * or truncated gzip data, NC_ENOMEM): nc_lines_error says why, and
 * line->lineno is the number the unread line would have had. After 0 or
 * an error, further calls return 0. */
int nc_lines_next(nc_lines *ls, nc_line *line);

/* Why the last nc_lines_next failed ("gzip data is truncated"). */
const char *nc_lines_error(const nc_lines *ls);

/* Frees the stream's buffer and closes its file; safe on a zeroed,
 * memory, or failed-to-open reader. */
void nc_lines_close(nc_lines *ls);

#endif
