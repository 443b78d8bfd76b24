/* Reading bytes: files or stdin, gzip undone, size-limited.
 *
 * One byte stream (nc_instream) serves every reader: whole documents here
 * (nc_input_read) and lines (input/lines.c). The first two bytes decide
 * between plain and gzip; gzip input is inflated chunk by chunk as the
 * caller asks for bytes, so neither a large compressed file nor a gzip bomb
 * ever takes memory beyond what the caller keeps. Plain input is read with
 * read(2), so a pipe's bytes are handed on as soon as they arrive.
 *
 * Checks on a whole document's (decompressed) bytes: the binary check looks
 * at the first KiB as soon as it is there (or at the end of shorter
 * input), then the size limit is checked as bytes arrive, so reading stops
 * at the first KiB of a binary file and just past max_bytes of a large one.
 * A document that is binary in its first KiB is NC_EBINARY unless the limit
 * is below a KiB and was passed first; the same bytes always give the same
 * answer, whatever the chunking.
 *
 * Bytes after the last gzip member that do not start another member
 * (e.g. zero padding) are ignored, as gzip(1) does. */
#include "input/input.h"
#include "newsclaims.h"
#include "document/charset.h"
#include "util/buf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define READ_CHUNK ((size_t)64 * 1024)
#define BINARY_PROBE ((size_t)1024)
#define FIRST_READ ((size_t)4096) /* read_all; at least BINARY_PROBE */

struct nc_instream {
    int fd;   /* -1 for bytes in memory */
    int own_fd;
    const unsigned char *mem;
    size_t mem_len, mem_pos;
    unsigned char *raw; /* undecoded bytes read ahead (gzip, and the magic probe) */
    size_t raw_len, raw_pos;
    int raw_eof;
    int decided, gzip;
    z_stream zs;
    int z_ready;   /* inflateInit2 succeeded */
    size_t max_read;   /* 0, or the most bytes one read hands on (tests) */
    int in_member; /* inside a gzip member (its end not seen yet) */
    int trailing;  /* the rest of the input is ignored */
};

static int fail(int code, char *msg, size_t msglen, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(int code, char *msg, size_t msglen, const char *fmt, ...)
{
    if (msg && msglen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, msglen, fmt, ap);
        va_end(ap);
    }
    return code;
}

static int errno_code(int err)
{
    return err == ENOENT ? NC_ENOTFOUND : err == ENOMEM ? NC_ENOMEM : NC_EIO;
}

static int stream_alloc(nc_instream **out, char *msg, size_t msglen)
{
    nc_instream *s = calloc(1, sizeof *s);
    if (s)
        s->raw = malloc(READ_CHUNK);
    if (!s || !s->raw) {
        free(s);
        *out = NULL;
        return fail(NC_ENOMEM, msg, msglen, "out of memory");
    }
    s->fd = -1;
    *out = s;
    return 0;
}

int nc_instream_open_flags(nc_instream **out, const char *path, unsigned flags, char *msg, size_t msglen)
{
    int rc = stream_alloc(out, msg, msglen);
    if (rc)
        return rc;
    nc_instream *s = *out;
    if (strcmp(path, "-") == 0 && !(flags & NC_INPUT_REGULAR)) {
        s->fd = 0;
        return 0;
    }
    /* O_NONBLOCK: opening a FIFO does not wait for a writer; it is then
     * refused below when only regular files are wanted */
    s->fd = open(path, O_RDONLY | O_CLOEXEC | (flags & NC_INPUT_REGULAR ? O_NONBLOCK : 0));
    if (s->fd < 0) {
        int err = errno;
        nc_instream_close(s);
        *out = NULL;
        return fail(errno_code(err), msg, msglen, "%s", strerror(err));
    }
    s->own_fd = 1;
    struct stat st;
    const char *why = NULL;
    if (fstat(s->fd, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            why = strerror(EISDIR);
        else if ((flags & NC_INPUT_REGULAR) && !S_ISREG(st.st_mode))
            why = "not a regular file (a FIFO, socket or device)";
    }
    if (why) {
        nc_instream_close(s);
        *out = NULL;
        return fail(NC_EIO, msg, msglen, "%s", why);
    }
    if (flags & NC_INPUT_REGULAR)
        fcntl(s->fd, F_SETFL, fcntl(s->fd, F_GETFL) & ~O_NONBLOCK);
    return 0;
}

int nc_instream_open(nc_instream **out, const char *path, char *msg, size_t msglen)
{
    return nc_instream_open_flags(out, path, 0, msg, msglen);
}

int nc_instream_mem(nc_instream **out, const char *data, size_t len)
{
    int rc = stream_alloc(out, NULL, 0);
    if (rc)
        return rc;
    (*out)->mem = (const unsigned char *)data;
    (*out)->mem_len = data ? len : 0;
    return 0;
}

void nc_instream_close(nc_instream *s)
{
    if (!s)
        return;
    if (s->z_ready)
        inflateEnd(&s->zs);
    if (s->own_fd)
        close(s->fd);
    free(s->raw);
    free(s);
}

/* Reads undecoded bytes into buf: the count, 0 at the end, or NC_EIO. */
static long source_read(nc_instream *s, unsigned char *buf, size_t cap, char *msg, size_t msglen)
{
    if (s->max_read && cap > s->max_read)
        cap = s->max_read;
    if (s->fd < 0) {
        size_t n = s->mem_len - s->mem_pos < cap ? s->mem_len - s->mem_pos : cap;
        if (n) /* mem may be NULL for empty input; memcpy must not see it */
            memcpy(buf, s->mem + s->mem_pos, n);
        s->mem_pos += n;
        return (long)n;
    }
    if (cap > (size_t)LONG_MAX)
        cap = (size_t)LONG_MAX;
    for (;;) {
        ssize_t n = read(s->fd, buf, cap);
        if (n >= 0)
            return (long)n;
        if (errno != EINTR)
            return fail(NC_EIO, msg, msglen, "%s", strerror(errno));
    }
}

/* Refills the read-ahead buffer when it is used up. 0 or NC_EIO. */
static int raw_fill(nc_instream *s, char *msg, size_t msglen)
{
    if (s->raw_pos < s->raw_len || s->raw_eof)
        return 0;
    long n = source_read(s, s->raw, READ_CHUNK, msg, msglen);
    if (n < 0)
        return (int)n;
    s->raw_pos = 0;
    s->raw_len = (size_t)n;
    s->raw_eof = n == 0;
    return 0;
}

/* Reads until two bytes are there (or the input ends) and looks at them. */
static int decide(nc_instream *s, char *msg, size_t msglen)
{
    while (s->raw_len < 2 && !s->raw_eof) {
        long n = source_read(s, s->raw + s->raw_len, READ_CHUNK - s->raw_len, msg, msglen);
        if (n < 0)
            return (int)n;
        s->raw_len += (size_t)n;
        s->raw_eof = n == 0;
    }
    s->decided = 1;
    if (s->raw_len < 2 || s->raw[0] != 0x1f || s->raw[1] != 0x8b)
        return 0;
    s->gzip = 1;
    /* 15 + 32: largest window, gzip/zlib header detected automatically */
    int zrc = inflateInit2(&s->zs, 15 + 32);
    if (zrc == Z_MEM_ERROR)
        return fail(NC_ENOMEM, msg, msglen, "out of memory");
    if (zrc != Z_OK)
        return fail(NC_EGZIP, msg, msglen, "corrupt gzip data: %s", s->zs.msg ? s->zs.msg : "cannot initialise zlib");
    s->z_ready = 1;
    s->in_member = 1;
    return 0;
}

static long plain_read(nc_instream *s, char *buf, size_t cap, char *msg, size_t msglen)
{
    if (s->raw_pos < s->raw_len) {
        size_t n = s->raw_len - s->raw_pos < cap ? s->raw_len - s->raw_pos : cap;
        memcpy(buf, s->raw + s->raw_pos, n);
        s->raw_pos += n;
        return (long)n;
    }
    if (s->raw_eof) /* not read again: a terminal would wait for a second end */
        return 0;
    long n = source_read(s, (unsigned char *)buf, cap, msg, msglen);
    s->raw_eof = n == 0;
    return n;
}

/* After a member's end: another member follows, or the rest is ignored. */
static int next_member(nc_instream *s, char *msg, size_t msglen)
{
    int rc = raw_fill(s, msg, msglen);
    if (rc)
        return rc;
    if (s->raw_pos == s->raw_len) /* the input ends after a whole member */
        return 0;
    if (s->raw[s->raw_pos] != 0x1f) {
        s->trailing = 1;
        return 0;
    }
    if (inflateReset(&s->zs) != Z_OK)
        return fail(NC_EGZIP, msg, msglen, "corrupt gzip data: cannot reset zlib");
    s->in_member = 1;
    return 0;
}

static long gzip_read(nc_instream *s, char *buf, size_t cap, char *msg, size_t msglen)
{
    if (cap > UINT_MAX)
        cap = UINT_MAX;
    for (;;) {
        if (s->trailing)
            return 0;
        int rc = raw_fill(s, msg, msglen);
        if (rc)
            return rc;
        if (!s->in_member) {
            if (s->raw_pos == s->raw_len)
                return 0;
            if ((rc = next_member(s, msg, msglen)))
                return rc;
            continue;
        }
        if (s->raw_pos == s->raw_len)
            return fail(NC_EGZIP, msg, msglen, "gzip data is truncated");
        s->zs.next_in = s->raw + s->raw_pos;
        s->zs.avail_in = (uInt)(s->raw_len - s->raw_pos);
        s->zs.next_out = (unsigned char *)buf;
        s->zs.avail_out = (uInt)cap;
        int zrc = inflate(&s->zs, Z_NO_FLUSH);
        s->raw_pos = s->raw_len - s->zs.avail_in;
        size_t got = cap - s->zs.avail_out;
        if (zrc == Z_STREAM_END)
            s->in_member = 0;
        else if (zrc == Z_MEM_ERROR)
            return fail(NC_ENOMEM, msg, msglen, "out of memory");
        else if (zrc != Z_OK && zrc != Z_BUF_ERROR)
            return fail(NC_EGZIP, msg, msglen, "corrupt gzip data: %s", s->zs.msg ? s->zs.msg : zError(zrc));
        if (got)
            return (long)got;
    }
}

void nc_instream_set_max_read(nc_instream *s, size_t n) { s->max_read = n; }

long nc_instream_read(nc_instream *s, char *buf, size_t cap, char *msg, size_t msglen)
{
    if (s->max_read && cap > s->max_read)
        cap = s->max_read;
    if (!cap)
        return 0;
    if (!s->decided) {
        int rc = decide(s, msg, msglen);
        if (rc)
            return rc;
    }
    return s->gzip ? gzip_read(s, buf, cap, msg, msglen) : plain_read(s, buf, cap, msg, msglen);
}

/* ---- whole documents ---- */

/* The checks after bytes were added; at_end: no more will come. */
static int check_doc(const nc_buf *b, size_t max, int *probed, int at_end, char *msg, size_t msglen)
{
    if (!*probed && (b->len >= BINARY_PROBE || at_end)) {
        *probed = 1;
        size_t probe = b->len < BINARY_PROBE ? b->len : BINARY_PROBE;
        if (probe && memchr(b->data, '\0', probe) && !nc_charset_is_utf16(b->data, b->len))
            return fail(NC_EBINARY, msg, msglen, "binary file (NUL bytes)");
    }
    if (max && b->len > max)
        return fail(NC_ETOOBIG, msg, msglen, "larger than %zu bytes", max);
    return 0;
}

/* Reads all of s into *out: up to one byte past max, which is enough to
 * know that it was exceeded. */
static int read_all(nc_instream *s, size_t max, char **out, size_t *out_len, char *msg, size_t msglen)
{
    nc_buf b = {0};
    int probed = 0, rc = 0;
    /* reads grow from a few KiB: most articles are that small, and a first
     * 64 KiB read would give each of them a 128 KiB buffer */
    size_t chunk = FIRST_READ;
    for (;; chunk = chunk < READ_CHUNK ? chunk * 2 : READ_CHUNK) {
        size_t left = max && max < SIZE_MAX ? max - (b.len < max ? b.len : max) + 1 : SIZE_MAX;
        size_t room = left < chunk ? left : chunk;
        if (nc_buf_reserve(&b, room)) {
            rc = fail(NC_ENOMEM, msg, msglen, "out of memory");
            break;
        }
        long n = nc_instream_read(s, b.data + b.len, room, msg, msglen);
        if (n < 0) {
            rc = (int)n;
            break;
        }
        b.len += (size_t)n;
        b.data[b.len] = '\0';
        if ((rc = check_doc(&b, max, &probed, n == 0, msg, msglen)) || n == 0)
            break;
    }
    if (!rc) {
        size_t len = 0;
        *out = nc_buf_take(&b, &len);
        if (!*out)
            rc = fail(NC_ENOMEM, msg, msglen, "out of memory");
        else if (out_len)
            *out_len = len;
    }
    nc_buf_free(&b);
    return rc;
}

int nc_input_decode(const char *in, size_t len, size_t max_bytes, char **out,
                    size_t *out_len, char *msg, size_t msglen)
{
    nc_instream *s;
    *out = NULL;
    if (out_len)
        *out_len = 0;
    int rc = nc_instream_mem(&s, in, len);
    if (rc)
        return fail(rc, msg, msglen, "out of memory");
    rc = read_all(s, max_bytes, out, out_len, msg, msglen);
    nc_instream_close(s);
    return rc;
}

int nc_input_read(const char *path, size_t max_bytes, char **out, size_t *out_len,
                  char *msg, size_t msglen)
{
    return nc_input_read_flags(path, 0, max_bytes, out, out_len, msg, msglen);
}

int nc_input_read_flags(const char *path, unsigned flags, size_t max_bytes, char **out, size_t *out_len,
                        char *msg, size_t msglen)
{
    nc_instream *s;
    *out = NULL;
    if (out_len)
        *out_len = 0;
    int rc = nc_instream_open_flags(&s, path, flags, msg, msglen);
    if (rc)
        return rc;
    rc = read_all(s, max_bytes, out, out_len, msg, msglen);
    nc_instream_close(s);
    return rc;
}
