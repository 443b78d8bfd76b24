/* WARC record stream (see warc.h).
 *
 * Bytes flow raw -> (inflate, one gzip member at a time) -> buf, and
 * records are parsed out of buf. Stream offsets count the bytes of the
 * decompressed data; a small queue remembers where in the stream each
 * gzip member began and at which file offset, so that a record starting a
 * member can be named by its file offset, and a record that runs into a
 * member beginning with "WARC/" is known to be cut short.
 *
 * Recovery: a record whose declared length runs past the next record (a
 * "WARC/" line inside its block where the record should have ended) or
 * past the end of the input is reported as truncated and reading resumes
 * at that next record; bytes between records that start no record are
 * reported once and skipped; a corrupt gzip member is skipped up to the
 * next member header. */
#include "input/warc.h"
#include "input/http.h"
#include "newsclaims.h"
#include "util/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

#define RAW_CHUNK ((size_t)64 * 1024)
#define HEADER_MAX ((size_t)64 * 1024)
#define QMAX 256
/* Raw bytes of the current gzip member kept for a rescan when it turns
 * out corrupt (the next member may start inside what inflate consumed). */
#define RAW_KEEP ((size_t)1024 * 1024)
#define NO_START ((size_t)-1)

typedef struct member_start {
    uint64_t dec, raw; /* stream offset of its first byte, file offset of its header */
    char note[120];    /* "" or the gzip error that ended the member before it */
} member_start;

struct nc_warc {
    nc_warc_read_fn read;
    void *user;
    int fd;
    size_t max;
    /* raw input */
    unsigned char *raw;
    size_t raw_pos, raw_len, raw_cap;
    size_t mstart;     /* raw index of the current member's header, or NO_START */
    uint64_t raw_read; /* bytes read from the input so far */
    int raw_eof, raw_errno;
    nc_buf prefix;     /* raw bytes read while sniffing (for nc_warc_take_rest) */
    int recording;
    /* gzip */
    int gz, zready, in_member;
    z_stream zs;
    char pending_note[120];
    char end_note[160]; /* why the data ended early, "" if it did not */
    /* decompressed bytes not yet consumed: buf[pos, len), stream offset off */
    unsigned char *buf;
    size_t pos, len, cap;
    uint64_t off;
    member_start *q; /* ring of QMAX, gzip only: qh first, qn entries, increasing dec */
    size_t qh, qn;
};

/* ---------------------------------------------------------------- raw */

static uint64_t raw_file_pos(const nc_warc *w) { return w->raw_read - (w->raw_len - w->raw_pos); }

/* Makes at least `need` raw bytes available (need <= RAW_CHUNK) unless
 * the input ends: how many are. */
static size_t raw_fill(nc_warc *w, size_t need)
{
    while (w->raw_len - w->raw_pos < need && !w->raw_eof) {
        size_t keep = w->mstart != NO_START && w->raw_pos - w->mstart <= RAW_KEEP ? w->mstart : w->raw_pos;
        if (keep) {
            memmove(w->raw, w->raw + keep, w->raw_len - keep);
            w->raw_len -= keep;
            w->raw_pos -= keep;
            w->mstart = w->mstart != NO_START && w->mstart >= keep ? w->mstart - keep : NO_START;
        }
        if (w->raw_cap - w->raw_len < RAW_CHUNK) {
            size_t nc = w->raw_len + RAW_CHUNK > w->raw_cap * 2 ? w->raw_len + RAW_CHUNK : w->raw_cap * 2;
            unsigned char *p = realloc(w->raw, nc);
            if (!p) {
                w->raw_eof = 1;
                w->raw_errno = ENOMEM;
                break;
            }
            w->raw = p;
            w->raw_cap = nc;
        }
        ssize_t n = w->read(w->user, w->raw + w->raw_len, w->raw_cap - w->raw_len);
        if (n < 0 && errno == EINTR && !w->recording) {
            /* a signal: the runner decides whether to stop; the input ends here */
            w->raw_eof = 1;
            w->raw_errno = EINTR;
            break;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            w->raw_eof = 1;
            if (n < 0)
                w->raw_errno = errno ? errno : EIO;
            break;
        }
        if (w->recording && nc_buf_append(&w->prefix, (const char *)w->raw + w->raw_len, (size_t)n))
            w->raw_errno = ENOMEM;
        w->raw_len += (size_t)n;
        w->raw_read += (uint64_t)n;
    }
    return w->raw_len - w->raw_pos;
}

/* ---------------------------------------------------------------- buf */

static int buf_room(nc_warc *w, size_t need)
{
    if (w->pos && w->cap - w->len < need) {
        memmove(w->buf, w->buf + w->pos, w->len - w->pos);
        w->len -= w->pos;
        w->pos = 0;
    }
    if (w->cap - w->len >= need)
        return 0;
    size_t nc = w->cap ? w->cap : RAW_CHUNK * 2;
    while (nc - w->len < need)
        nc *= 2;
    unsigned char *p = realloc(w->buf, nc);
    if (!p)
        return NC_ENOMEM;
    w->buf = p;
    w->cap = nc;
    return 0;
}

static void note_end(nc_warc *w, const char *msg)
{
    if (!w->end_note[0])
        snprintf(w->end_note, sizeof w->end_note, "%s", msg);
}

static void queue_push(nc_warc *w, uint64_t dec, uint64_t raw)
{
    if (w->qn == QMAX) { /* oldest entry goes */
        w->qh = (w->qh + 1) % QMAX;
        w->qn--;
    }
    member_start *m = &w->q[(w->qh + w->qn++) % QMAX];
    m->dec = dec;
    m->raw = raw;
    memcpy(m->note, w->pending_note, sizeof m->note);
    w->pending_note[0] = '\0';
}

/* The first member start at a stream offset in [from, to), or NULL. */
static const member_start *member_in(const nc_warc *w, uint64_t from, uint64_t to)
{
    for (size_t i = 0; i < w->qn; i++) {
        const member_start *m = &w->q[(w->qh + i) % QMAX];
        if (m->dec >= from && m->dec < to)
            return m;
    }
    return NULL;
}

/* Starts the next gzip member, skipping anything before its header.
 * 1 started, 0 no member follows. */
static int next_member(nc_warc *w)
{
    for (;;) {
        size_t n = raw_fill(w, 3);
        if (n < 3) {
            w->raw_pos = w->raw_len; /* a few trailing bytes: ignored, as gzip(1) does */
            return 0;
        }
        const unsigned char *p = w->raw + w->raw_pos;
        if (p[0] == 0x1f && p[1] == 0x8b && p[2] == 8)
            break;
        const unsigned char *hit = memchr(p + 1, 0x1f, n - 1);
        w->raw_pos = hit ? (size_t)(hit - w->raw) : w->raw_len - 2;
    }
    if (inflateReset(&w->zs) != Z_OK)
        return 0;
    w->in_member = 1;
    w->mstart = w->raw_pos;
    queue_push(w, w->off + (w->len - w->pos), raw_file_pos(w));
    return 1;
}

/* Adds bytes to buf: 1 if any were added or may still come, 0 at the end. */
static int produce(nc_warc *w)
{
    if (buf_room(w, RAW_CHUNK))
        return -1;
    if (!w->gz) {
        size_t n = raw_fill(w, 1);
        if (!n)
            return 0;
        memcpy(w->buf + w->len, w->raw + w->raw_pos, n);
        w->len += n;
        w->raw_pos += n;
        return 1;
    }
    for (;;) {
        if (!w->in_member && !next_member(w))
            return 0;
        if (!raw_fill(w, 1)) {
            note_end(w, w->raw_errno && w->raw_errno != EINTR ? strerror(w->raw_errno) : "gzip data is truncated");
            w->in_member = 0;
            return 0;
        }
        uint64_t member_raw = w->qn ? w->q[(w->qh + w->qn - 1) % QMAX].raw : 0;
        w->zs.next_in = w->raw + w->raw_pos;
        w->zs.avail_in = (uInt)(w->raw_len - w->raw_pos);
        w->zs.next_out = w->buf + w->len;
        w->zs.avail_out = (uInt)RAW_CHUNK;
        int zrc = inflate(&w->zs, Z_NO_FLUSH);
        size_t produced = RAW_CHUNK - w->zs.avail_out;
        w->raw_pos = w->raw_len - w->zs.avail_in;
        w->len += produced;
        if (zrc == Z_STREAM_END) {
            w->in_member = 0;
            w->mstart = NO_START;
            return 1;
        }
        if (zrc == Z_MEM_ERROR)
            return -1;
        if (zrc == Z_DATA_ERROR || zrc == Z_NEED_DICT || zrc == Z_STREAM_ERROR) {
            snprintf(w->pending_note, sizeof w->pending_note, "corrupt gzip data (%s) in the member at byte %llu",
                     w->zs.msg ? w->zs.msg : "invalid data", (unsigned long long)member_raw);
            w->in_member = 0;
            /* look for the next member from just after this one's header */
            if (w->mstart != NO_START)
                w->raw_pos = w->mstart + 1;
            w->mstart = NO_START;
            if (produced)
                return 1;
            continue;
        }
        if (produced)
            return 1;
        /* Z_OK or Z_BUF_ERROR without output: more input needed (raw_fill
         * above gives it, or ends the data) */
        if (w->zs.avail_in)
            continue;
        if (!raw_fill(w, 1)) {
            note_end(w, w->raw_errno && w->raw_errno != EINTR ? strerror(w->raw_errno) : "gzip data is truncated");
            w->in_member = 0;
            return 0;
        }
    }
}

/* At least n unconsumed bytes unless the data ends: how many there are
 * ((size_t)-1 when out of memory). */
static size_t ensure(nc_warc *w, size_t n)
{
    while (w->len - w->pos < n) {
        int r = produce(w);
        if (r < 0)
            return (size_t)-1;
        if (r == 0)
            break;
    }
    return w->len - w->pos;
}

static void consume(nc_warc *w, size_t n)
{
    w->pos += n;
    w->off += n;
    while (w->qn && w->q[w->qh].dec < w->off) {
        w->qh = (w->qh + 1) % QMAX;
        w->qn--;
    }
}

/* Puts bytes that were consumed back in front of buf; they were the
 * bytes at stream offset `at`. */
static int push_back(nc_warc *w, const char *s, size_t n, uint64_t at)
{
    if (n > w->pos) {
        if (buf_room(w, n))
            return NC_ENOMEM;
        memmove(w->buf + n, w->buf + w->pos, w->len - w->pos);
        w->len = w->len - w->pos + n;
        w->pos = n;
    }
    w->pos -= n;
    memcpy(w->buf + w->pos, s, n);
    w->off = at;
    return 0;
}

/* ---------------------------------------------------------------- open */

static ssize_t read_fd(void *user, void *buf, size_t n) { return read(*(int *)user, buf, n); }

static int starts_record(const unsigned char *p, size_t n)
{
    return n >= 6 && memcmp(p, "WARC/", 5) == 0 && p[5] >= '0' && p[5] <= '9';
}

int nc_warc_may_start(const void *head, size_t n)
{
    const unsigned char *p = head;
    return (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) || starts_record(p, n);
}

/* Whether a file is WARC, from its first bytes: a whole version line,
 * "WARC/1.0" (digits, a dot, digits) then CR LF or LF. A text or JSON
 * line that merely starts with "WARC/6" is read as what it is. */
static int version_line(const unsigned char *p, size_t n)
{
    if (!starts_record(p, n))
        return 0;
    size_t i = 5, minor = 0;
    while (i < n && p[i] >= '0' && p[i] <= '9')
        i++;
    if (i >= n || p[i++] != '.')
        return 0;
    for (; i < n && p[i] >= '0' && p[i] <= '9'; i++)
        minor++;
    if (!minor || i >= n)
        return 0;
    if (p[i] == '\r')
        i++;
    return i < n && p[i] == '\n';
}

/* Reads the first bytes and decides gzip or plain, WARC or not. */
static int start(nc_warc *w, int *is_warc)
{
    w->recording = 1;
    raw_fill(w, 2);
    if (w->raw_len >= 2 && w->raw[0] == 0x1f && w->raw[1] == 0x8b) {
        /* 15 + 16: gzip only, largest window */
        /* the member ring is 35 KB: only gzip needs it (a plain file is
         * sniffed by every run over a folder) */
        if (!(w->q = malloc(QMAX * sizeof *w->q)) || inflateInit2(&w->zs, 15 + 16) != Z_OK)
            return NC_ENOMEM;
        w->zready = w->gz = 1;
    }
    size_t n = ensure(w, 32);
    w->recording = 0;
    if (n == (size_t)-1 || w->raw_errno == ENOMEM)
        return NC_ENOMEM;
    *is_warc = version_line(w->buf + w->pos, n);
    return 0;
}

static int open_with(nc_warc **out, nc_warc_read_fn read, void *user, int fd, size_t max_bytes, int *is_warc)
{
    nc_warc *w = calloc(1, sizeof *w);
    *out = NULL;
    *is_warc = 0;
    if (!w || !(w->raw = malloc(RAW_CHUNK))) {
        free(w);
        return NC_ENOMEM;
    }
    w->raw_cap = RAW_CHUNK;
    w->mstart = NO_START;
    w->read = read;
    w->fd = fd;
    w->user = user ? user : &w->fd;
    w->max = max_bytes;
    int rc = start(w, is_warc);
    if (rc) {
        nc_warc_free(w);
        return rc;
    }
    *out = w;
    return 0;
}

int nc_warc_open(nc_warc **out, nc_warc_read_fn read, void *user, size_t max_bytes, int *is_warc)
{
    return open_with(out, read, user, -1, max_bytes, is_warc);
}

int nc_warc_open_fd(nc_warc **out, int fd, size_t max_bytes, int *is_warc)
{
    return open_with(out, read_fd, NULL, fd, max_bytes, is_warc);
}

uint64_t nc_warc_raw_pos(const nc_warc *w) { return raw_file_pos(w); }

void nc_warc_free(nc_warc *w)
{
    if (!w)
        return;
    if (w->zready)
        inflateEnd(&w->zs);
    free(w->raw);
    free(w->buf);
    free(w->q);
    nc_buf_free(&w->prefix);
    free(w);
}

int nc_warc_take_rest(nc_warc *w, size_t max, char **out, size_t *len, char *msg, size_t msglen)
{
    nc_buf b = w->prefix;
    w->prefix = (nc_buf){0};
    size_t limit = max ? max + 1 : SIZE_MAX;
    int rc = 0;
    /* raw bytes read but not yet in the prefix cannot exist: the prefix
     * holds every byte read so far */
    while (b.len < limit) {
        if (nc_buf_reserve(&b, RAW_CHUNK)) {
            rc = NC_ENOMEM;
            break;
        }
        size_t want = limit - b.len < RAW_CHUNK ? limit - b.len : RAW_CHUNK;
        ssize_t n = w->read(w->user, b.data + b.len, want);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 || (n == 0 && w->raw_errno && w->raw_errno != ENOMEM)) {
            int e = n < 0 ? errno : w->raw_errno;
            snprintf(msg, msglen, "%s", strerror(e));
            rc = NC_EIO;
            break;
        }
        if (n == 0)
            break;
        b.len += (size_t)n;
    }
    if (rc || (!b.data && nc_buf_reserve(&b, 1))) {
        nc_buf_free(&b);
        return rc ? rc : NC_ENOMEM;
    }
    b.data[b.len] = '\0';
    *out = nc_buf_take(&b, len);
    return 0;
}

/* ---------------------------------------------------------------- records */

void nc_warc_record_clear(nc_warc_record *r)
{
    free(r->type);
    free(r->id);
    free(r->uri);
    free(r->date);
    free(r->content_type);
    free(r->block);
    free(r->error);
    memset(r, 0, sizeof *r);
}

static int set_error(nc_warc_record *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* set_error's result for a record handed out: 1, or NC_ENOMEM */
static int err1(int rc) { return rc ? rc : 1; }

static int set_error(nc_warc_record *r, const char *fmt, ...)
{
    char where[96], reason[400];
    snprintf(where, sizeof where, "record at byte %llu%s", (unsigned long long)r->offset,
             r->offset_in_stream ? " of the decompressed data" : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    free(r->block);
    r->block = NULL;
    r->len = 0;
    size_t n = strlen(where) + strlen(reason) + 3;
    free(r->error);
    if (!(r->error = malloc(n)))
        return NC_ENOMEM;
    snprintf(r->error, n, "%s: %s", where, reason);
    return 0;
}

/* Consumes bytes up to the start of the next record ("WARC/" at a line
 * start, or at the start of a gzip member). 1 found, 0 the data ended. */
static int skip_to_record(nc_warc *w)
{
    for (;;) {
        size_t n = ensure(w, 4096);
        if (n == (size_t)-1)
            return -1;
        if (n < 7) {
            consume(w, n);
            return 0;
        }
        const unsigned char *p = w->buf + w->pos;
        size_t hit = n;
        for (const unsigned char *q = p; (q = memmem(q, (size_t)(p + n - q), "\nWARC/", 6)) != NULL; q++)
            if (starts_record(q + 1, (size_t)(p + n - q - 1))) {
                hit = (size_t)(q + 1 - p);
                break;
            }
        const member_start *m = member_in(w, w->off + 1, w->off + hit);
        if (m && starts_record(p + (m->dec - w->off), n - (size_t)(m->dec - w->off)))
            hit = (size_t)(m->dec - w->off);
        if (hit < n) {
            consume(w, hit);
            return 1;
        }
        consume(w, n - 6); /* keep a tail that may begin "\nWARC/" */
    }
}

static int name_is(const nc_header_field *f, const char *name)
{
    return strlen(name) == f->name_len && strncasecmp(f->name, name, f->name_len) == 0;
}

/* Header fields of interest; *length = -1 when Content-Length is missing
 * or not a number. */
static int parse_header(const char *h, size_t n, nc_warc_record *r, long long *length)
{
    *length = -1;
    const char *end = h + n;
    const char *line = memchr(h, '\n', n); /* after the version line */
    line = line ? line + 1 : end;
    nc_header_field f;
    while (nc_header_next(&line, end, &f)) {
        const char *v = f.value;
        size_t vl = f.value_len;
        char **dst = name_is(&f, "WARC-Type")         ? &r->type
                     : name_is(&f, "WARC-Record-ID")  ? &r->id
                     : name_is(&f, "WARC-Target-URI") ? &r->uri
                     : name_is(&f, "WARC-Date")       ? &r->date
                     : name_is(&f, "Content-Type")    ? &r->content_type
                                                      : NULL;
        if (dst == &r->uri && vl >= 2 && v[0] == '<' && v[vl - 1] == '>')
            v++, vl -= 2;
        if (dst && !*dst && !(*dst = nc_strndup(v, vl)))
            return NC_ENOMEM;
        if (name_is(&f, "Content-Length") && *length < 0) {
            long long x = 0;
            size_t i = 0;
            for (; i < vl && v[i] >= '0' && v[i] <= '9' && x < (1LL << 50); i++)
                x = x * 10 + (v[i] - '0');
            *length = i && i == vl ? x : -1;
        }
    }
    return 0;
}

/* Finds the end of the header block ("\r\n\r\n", or "\n\n" from writers
 * that drop the CRs): its length with the blank line, 0 if the data ends
 * first, (size_t)-1 when too long or out of memory (*oom). */
static size_t header_end(nc_warc *w, int *oom)
{
    size_t look = 4096;
    *oom = 0;
    for (;;) {
        size_t n = ensure(w, look);
        if (n == (size_t)-1) {
            *oom = 1;
            return (size_t)-1;
        }
        const unsigned char *p = w->buf + w->pos;
        for (size_t i = 0; i + 1 < n && i < HEADER_MAX; i++)
            if (p[i] == '\n' && (p[i + 1] == '\n' || (i + 2 < n && p[i + 1] == '\r' && p[i + 2] == '\n')))
                return i + (p[i + 1] == '\n' ? 2 : 3);
        if (n >= HEADER_MAX)
            return (size_t)-1;
        if (n < look)
            return 0;
        look *= 2;
    }
}

/* Where the next record begins inside a block that was cut short: just
 * after a "\n" followed by "WARC/<digit>", or len if nowhere. */
static size_t record_inside(const char *b, size_t len)
{
    for (const char *q = b; (q = memmem(q, (size_t)(b + len - q), "\nWARC/", 6)) != NULL; q++)
        if (starts_record((const unsigned char *)q + 1, (size_t)(b + len - q - 1)))
            return (size_t)(q + 1 - b);
    return len;
}

/* Reads the block of `length` bytes into r->block (or past it when over
 * the limit). 0 read, 1 cut short (r->error set), <0 error. */
static int read_block(nc_warc *w, nc_warc_record *r, uint64_t length)
{
    int keep = !w->max || length <= w->max;
    if (keep && !(r->block = malloc((size_t)length + 1)))
        return NC_ENOMEM;
    uint64_t start = w->off, got = 0;
    while (got < length) {
        if (w->gz && got) {
            /* a member that starts a record here: this one was cut short */
            const member_start *m = member_in(w, w->off, w->off + 1);
            size_t n = ensure(w, 6);
            if (n == (size_t)-1)
                return NC_ENOMEM;
            if (m && starts_record(w->buf + w->pos, n))
                return err1(set_error(r, "truncated after %llu of %llu bytes%s%s", (unsigned long long)got,
                                 (unsigned long long)length, m->note[0] ? ": " : "", m->note));
        }
        size_t n = ensure(w, 1);
        if (n == (size_t)-1)
            return NC_ENOMEM;
        if (!n) {
            /* the data ended: does another record begin inside what was read? */
            size_t at = keep ? record_inside(r->block, (size_t)got) : (size_t)got;
            if (at < got && push_back(w, r->block + at, (size_t)(got - at), start + at))
                return NC_ENOMEM;
            return err1(set_error(r, "truncated after %llu of %llu bytes%s%s", (unsigned long long)(at < got ? at : got),
                             (unsigned long long)length, w->end_note[0] ? ": " : "", w->end_note));
        }
        uint64_t want = length - got;
        if (n > want)
            n = (size_t)want;
        if (w->gz) {
            const member_start *m = member_in(w, w->off + 1, w->off + n);
            if (m)
                n = (size_t)(m->dec - w->off);
        }
        if (keep)
            memcpy(r->block + got, w->buf + w->pos, n);
        consume(w, n);
        got += n;
    }
    if (keep) {
        r->block[length] = '\0';
        r->len = (size_t)length;
    }
    return 0;
}

/* After a complete block: the next record (or the end) must follow, after
 * the CR LF CR LF. If instead a record starts inside the block, the block
 * was cut short: 1 with r->error set; else 0. */
static int check_trailer(nc_warc *w, nc_warc_record *r, uint64_t block_start)
{
    size_t skip = 0, n;
    for (;;) {
        n = ensure(w, skip + 6);
        if (n == (size_t)-1)
            return NC_ENOMEM;
        if (skip < n && (w->buf[w->pos + skip] == '\r' || w->buf[w->pos + skip] == '\n'))
            skip++;
        else
            break;
    }
    if (skip >= n || starts_record(w->buf + w->pos + skip, n - skip) ||
        (w->gz && member_in(w, w->off + skip, w->off + skip + 1)) || !r->block)
        return 0;
    size_t at = record_inside(r->block, r->len);
    if (at == r->len) {
        /* a record whose first bytes end the block, the rest following it */
        size_t tail = r->len < 6 ? r->len : 6;
        unsigned char win[16];
        memcpy(win, r->block + r->len - tail, tail);
        size_t more = n < 7 ? n : 7;
        memcpy(win + tail, w->buf + w->pos, more);
        for (size_t k = 0; k < tail; k++)
            if (win[k] == '\n' && k + 1 < tail && starts_record(win + k + 1, tail + more - k - 1)) {
                at = r->len - tail + k + 1;
                break;
            }
    }
    if (at == r->len)
        return 0; /* the block is whole; what follows it is reported next */
    if (push_back(w, r->block + at, r->len - at, block_start + at))
        return NC_ENOMEM;
    return err1(set_error(r, "truncated after %zu bytes: its Content-Length runs into the next record", at));
}

int nc_warc_next(nc_warc *w, nc_warc_record *r)
{
    memset(r, 0, sizeof *r);
    /* separators between records; NUL bytes are padding */
    for (;;) {
        size_t n = ensure(w, 1);
        if (n == (size_t)-1)
            return NC_ENOMEM;
        if (!n) {
            if (w->raw_errno && w->raw_errno != EINTR && w->raw_errno != ENOMEM) {
                int e = w->raw_errno;
                w->raw_errno = 0;
                r->offset = raw_file_pos(w);
                return err1(set_error(r, "read error: %s", strerror(e)));
            }
            return 0;
        }
        unsigned char c = w->buf[w->pos];
        if (c != '\r' && c != '\n' && c != ' ' && c != '\t' && c != '\0')
            break;
        consume(w, 1);
    }
    const member_start *m = w->gz ? member_in(w, w->off, w->off + 1) : NULL;
    r->offset = m ? m->raw : w->off;
    r->offset_in_stream = w->gz && !m;
    size_t n = ensure(w, 6);
    if (n == (size_t)-1)
        return NC_ENOMEM;
    if (!starts_record(w->buf + w->pos, n)) {
        if (skip_to_record(w) < 0)
            return NC_ENOMEM;
        return err1(set_error(r, "not the start of a WARC record: skipped to the next one"));
    }
    int oom;
    size_t hlen = header_end(w, &oom);
    if (oom)
        return NC_ENOMEM;
    if (hlen == 0 || hlen == (size_t)-1) {
        int cut = hlen == 0;
        if (cut) {
            consume(w, w->len - w->pos);
        } else {
            consume(w, 5);
            if (skip_to_record(w) < 0)
                return NC_ENOMEM;
        }
        return err1(set_error(r, cut ? "truncated in its header%s%s" : "header longer than 64 KiB%s%s",
                         cut && w->end_note[0] ? ": " : "", cut ? w->end_note : ""));
    }
    /* a record starting inside the header: this one was cut short there */
    size_t cut_at = record_inside((const char *)w->buf + w->pos + 1, hlen - 1) + 1;
    const member_start *mm = w->gz ? member_in(w, w->off + 1, w->off + hlen) : NULL;
    if (mm && starts_record(w->buf + w->pos + (mm->dec - w->off), hlen - (size_t)(mm->dec - w->off)) &&
        mm->dec - w->off < cut_at)
        cut_at = (size_t)(mm->dec - w->off);
    if (cut_at < hlen) {
        consume(w, cut_at);
        return err1(set_error(r, "truncated in its header%s%s", mm && mm->note[0] ? ": " : "",
                              mm && mm->note[0] ? mm->note : ""));
    }
    long long length;
    if (parse_header((const char *)w->buf + w->pos, hlen, r, &length))
        return NC_ENOMEM;
    consume(w, hlen);
    if (length < 0) {
        if (skip_to_record(w) < 0)
            return NC_ENOMEM;
        return err1(set_error(r, "no valid Content-Length"));
    }
    uint64_t block_start = w->off;
    int rc = read_block(w, r, (uint64_t)length);
    if (rc < 0)
        return rc;
    if (rc == 0 && (rc = check_trailer(w, r, block_start)) < 0)
        return rc;
    if (rc == 0 && !r->block)
        return err1(set_error(r, "block of %lld bytes is larger than the --max-bytes limit", length));
    return 1;
}
