/* Reading a document's bytes: files or stdin, gzip undone, size-limited.
 *
 * Files are streamed: the first chunk decides between plain and gzip, and
 * gzip input is inflated chunk by chunk, so neither a large compressed file
 * nor a gzip bomb ever takes memory much beyond max_bytes.
 *
 * Checks on the (decompressed) output: the size limit is checked as bytes
 * arrive, so reading stops just past max_bytes; the binary check looks at
 * the first KiB once everything is read. A document that is both too big
 * and binary is therefore always NC_ETOOBIG, whatever the chunking.
 *
 * Bytes after the last gzip member that do not start another member
 * (e.g. zero padding) are ignored, as gzip(1) does. */
#include "input/input.h"
#include "newsclaims.h"
#include "document/charset.h"
#include "util/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#define READ_CHUNK ((size_t)64 * 1024)
#define BINARY_PROBE ((size_t)1024)

/* Where decoded bytes accumulate, with the checks applied as they grow. */
typedef struct sink {
    nc_buf buf;
    size_t max; /* 0 = no limit */
} sink;

typedef struct gunzip {
    z_stream zs;
    int ready;     /* inflateInit2 succeeded */
    int in_member; /* inside a gzip member (its end not seen yet) */
    int trailing;  /* the rest of the input is ignored */
} gunzip;

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

/* Applies the checks after bytes were added; at_end: no more will come. */
static int sink_check(const sink *s, int at_end, char *msg, size_t msglen)
{
    if (s->max && s->buf.len > s->max)
        return fail(NC_ETOOBIG, msg, msglen, "larger than %zu bytes", s->max);
    size_t probe = s->buf.len < BINARY_PROBE ? s->buf.len : BINARY_PROBE;
    if (at_end && probe && memchr(s->buf.data, '\0', probe) && !nc_charset_is_utf16(s->buf.data, s->buf.len))
        return fail(NC_EBINARY, msg, msglen, "binary file (NUL bytes)");
    return 0;
}

/* Bytes that may still be added: up to one past the limit, which is
 * enough to know that it was exceeded. */
static size_t sink_left(const sink *s)
{
    if (!s->max || s->max == SIZE_MAX)
        return SIZE_MAX;
    return s->buf.len <= s->max ? s->max - s->buf.len + 1 : 0;
}

/* Output space to offer zlib next: a chunk, or less near the limit. */
static size_t sink_room(const sink *s)
{
    size_t left = sink_left(s);
    return left < READ_CHUNK ? left : READ_CHUNK;
}

static int is_gzip(const unsigned char *p, size_t n)
{
    return n >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

static int gunzip_init(gunzip *g, char *msg, size_t msglen)
{
    memset(g, 0, sizeof *g);
    /* 15 + 32: largest window, gzip/zlib header detected automatically */
    int zrc = inflateInit2(&g->zs, 15 + 32);
    if (zrc == Z_MEM_ERROR)
        return fail(NC_ENOMEM, msg, msglen, "out of memory");
    if (zrc != Z_OK)
        return fail(NC_EGZIP, msg, msglen, "corrupt gzip data: %s",
                    g->zs.msg ? g->zs.msg : "cannot initialise zlib");
    g->ready = 1;
    return 0;
}

static void gunzip_end(gunzip *g)
{
    if (g->ready)
        inflateEnd(&g->zs);
    g->ready = 0;
}

static int gunzip_error(gunzip *g, int zrc, char *msg, size_t msglen)
{
    if (zrc == Z_MEM_ERROR)
        return fail(NC_ENOMEM, msg, msglen, "out of memory");
    return fail(NC_EGZIP, msg, msglen, "corrupt gzip data: %s",
                g->zs.msg ? g->zs.msg : zError(zrc));
}

/* Starts the next member if the input continues with one; anything else
 * after a complete member is trailing garbage and ignored. */
static int gunzip_next_member(gunzip *g, char *msg, size_t msglen)
{
    if (g->zs.next_in[0] != 0x1f) {
        g->trailing = 1;
        return 0;
    }
    if (inflateReset(&g->zs) != Z_OK)
        return fail(NC_EGZIP, msg, msglen, "corrupt gzip data: cannot reset zlib");
    g->in_member = 1;
    return 0;
}

/* Inflates all of in[0..n) into the sink. */
static int gunzip_feed(gunzip *g, sink *s, const unsigned char *in, size_t n,
                       char *msg, size_t msglen)
{
    g->zs.next_in = (unsigned char *)in; /* zlib's API is not const-correct */
    g->zs.avail_in = (uInt)n;            /* callers pass at most READ_CHUNK */
    int rc = 0;
    while (!rc && !g->trailing) {
        if (!g->in_member) {
            if (g->zs.avail_in == 0)
                break;
            rc = gunzip_next_member(g, msg, msglen);
            continue;
        }
        size_t room = sink_room(s);
        if (nc_buf_reserve(&s->buf, room))
            return fail(NC_ENOMEM, msg, msglen, "out of memory");
        g->zs.next_out = (unsigned char *)s->buf.data + s->buf.len;
        g->zs.avail_out = (uInt)room;
        int zrc = inflate(&g->zs, Z_NO_FLUSH);
        s->buf.len += room - g->zs.avail_out;
        s->buf.data[s->buf.len] = '\0';
        rc = sink_check(s, 0, msg, msglen);
        if (rc)
            break;
        if (zrc == Z_STREAM_END)
            g->in_member = 0;
        else if (zrc == Z_BUF_ERROR || (zrc == Z_OK && g->zs.avail_in == 0 && g->zs.avail_out))
            break; /* needs more input */
        else if (zrc != Z_OK)
            rc = gunzip_error(g, zrc, msg, msglen);
    }
    return rc;
}

static int gunzip_finish(gunzip *g, char *msg, size_t msglen)
{
    if (g->in_member)
        return fail(NC_EGZIP, msg, msglen, "gzip data is truncated");
    return 0;
}

/* Plain bytes: copied only up to one past the limit. */
static int sink_add_plain(sink *s, const char *in, size_t n, char *msg, size_t msglen)
{
    size_t left = sink_left(s);
    if (nc_buf_append(&s->buf, in, n < left ? n : left))
        return fail(NC_ENOMEM, msg, msglen, "out of memory");
    return sink_check(s, 0, msg, msglen);
}

/* Hands the sink's bytes to the caller after the final checks. */
static int sink_finish(sink *s, int rc, char **out, size_t *out_len, char *msg, size_t msglen)
{
    if (!rc)
        rc = sink_check(s, 1, msg, msglen);
    if (!rc) {
        size_t len = 0;
        *out = nc_buf_take(&s->buf, &len);
        if (!*out)
            rc = fail(NC_ENOMEM, msg, msglen, "out of memory");
        else if (out_len)
            *out_len = len;
    }
    nc_buf_free(&s->buf);
    return rc;
}

int nc_input_decode(const char *in, size_t len, size_t max_bytes, char **out,
                    size_t *out_len, char *msg, size_t msglen)
{
    sink s = {.max = max_bytes};
    gunzip g = {0};
    int rc = 0;
    *out = NULL;
    if (out_len)
        *out_len = 0;
    if (!is_gzip((const unsigned char *)in, len)) {
        rc = sink_add_plain(&s, in, len, msg, msglen);
        goto out;
    }
    rc = gunzip_init(&g, msg, msglen);
    /* fed in chunks because z_stream counts in uInt */
    for (size_t off = 0; !rc && off < len && !g.trailing; off += READ_CHUNK) {
        size_t n = len - off < READ_CHUNK ? len - off : READ_CHUNK;
        rc = gunzip_feed(&g, &s, (const unsigned char *)in + off, n, msg, msglen);
    }
    if (!rc)
        rc = gunzip_finish(&g, msg, msglen);
out:
    gunzip_end(&g);
    return sink_finish(&s, rc, out, out_len, msg, msglen);
}

/* Opens path ("-" = stdin), refusing directories. */
static int open_input(const char *path, FILE **f, char *msg, size_t msglen)
{
    if (strcmp(path, "-") == 0) {
        *f = stdin;
        return 0;
    }
    *f = fopen(path, "rb");
    if (!*f) {
        int err = errno;
        return fail(err == ENOENT ? NC_ENOTFOUND : err == ENOMEM ? NC_ENOMEM : NC_EIO,
                    msg, msglen, "%s", strerror(err));
    }
    struct stat st;
    if (fstat(fileno(*f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(*f);
        *f = NULL;
        return fail(NC_EIO, msg, msglen, "%s", strerror(EISDIR));
    }
    return 0;
}

/* Reads up to READ_CHUNK bytes into chunk; *n = 0 at end of input. */
static int read_chunk(FILE *f, unsigned char *chunk, size_t *n, char *msg, size_t msglen)
{
    errno = 0;
    *n = fread(chunk, 1, READ_CHUNK, f);
    if (*n == 0 && ferror(f))
        return fail(NC_EIO, msg, msglen, "%s", strerror(errno ? errno : EIO));
    return 0;
}

/* Streams the rest of a plain file into the sink, first chunk included. */
static int read_plain(FILE *f, sink *s, unsigned char *chunk, size_t n,
                      char *msg, size_t msglen)
{
    int rc = 0;
    while (!rc && n > 0) {
        rc = sink_add_plain(s, (const char *)chunk, n, msg, msglen);
        if (!rc)
            rc = read_chunk(f, chunk, &n, msg, msglen);
    }
    return rc;
}

/* Streams the rest of a gzip file through zlib, first chunk included. */
static int read_gzip(FILE *f, sink *s, unsigned char *chunk, size_t n,
                     char *msg, size_t msglen)
{
    gunzip g;
    int rc = gunzip_init(&g, msg, msglen);
    while (!rc && n > 0 && !g.trailing) {
        rc = gunzip_feed(&g, s, chunk, n, msg, msglen);
        if (!rc)
            rc = read_chunk(f, chunk, &n, msg, msglen);
    }
    if (!rc)
        rc = gunzip_finish(&g, msg, msglen);
    gunzip_end(&g);
    return rc;
}

int nc_input_read(const char *path, size_t max_bytes, char **out, size_t *out_len,
                  char *msg, size_t msglen)
{
    sink s = {.max = max_bytes};
    FILE *f = NULL;
    unsigned char *chunk = NULL;
    size_t n = 0;
    *out = NULL;
    if (out_len)
        *out_len = 0;
    int rc = open_input(path, &f, msg, msglen);
    if (rc)
        goto out;
    chunk = malloc(READ_CHUNK);
    if (!chunk) {
        rc = fail(NC_ENOMEM, msg, msglen, "out of memory");
        goto out;
    }
    /* fread fills the chunk unless the input ends, so two bytes of magic
     * are there whenever the input has them */
    rc = read_chunk(f, chunk, &n, msg, msglen);
    if (!rc && is_gzip(chunk, n))
        rc = read_gzip(f, &s, chunk, n, msg, msglen);
    else if (!rc)
        rc = read_plain(f, &s, chunk, n, msg, msglen);
out:
    free(chunk);
    if (f && f != stdin)
        fclose(f);
    return sink_finish(&s, rc, out, out_len, msg, msglen);
}
