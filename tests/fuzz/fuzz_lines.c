/* Fuzzes the line reader against a second, plain implementation of its
 * rules: every way of splitting the input into reads, plain or gzip'd
 * (compressed here, so the expected lines are known), any delimiter and
 * line cap. Lines must come back byte for byte, numbered 1, 2, ...; a line
 * over the cap exactly once, as an error; memory within the cap.
 *
 * Input: byte 0 picks the delimiter, the cap and gzip; byte 1 the most
 * bytes one read hands on; the rest is the stream. */
#include "input/lines.h"
#include "newsclaims.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static const size_t caps[8] = {0, 1, 2, 3, 5, 16, 100, 4096};

/* gzip of data (one member), malloc'd; NULL if zlib fails. */
static unsigned char *gzip_of(const uint8_t *data, size_t size, size_t *out_len)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return NULL;
    size_t cap = deflateBound(&zs, size) + 32;
    unsigned char *out = malloc(cap);
    zs.next_in = (unsigned char *)data;
    zs.avail_in = (uInt)size;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    if (!out || deflate(&zs, Z_FINISH) != Z_STREAM_END) {
        free(out);
        deflateEnd(&zs);
        return NULL;
    }
    *out_len = cap - zs.avail_out;
    deflateEnd(&zs);
    return out;
}

/* The expected line starting at *pos (advanced past it): its content. */
static void expect_line(const uint8_t *p, size_t n, size_t *pos, char delim, size_t lineno,
                        const uint8_t **s, size_t *len)
{
    const uint8_t *d = memchr(p + *pos, delim, n - *pos);
    size_t end = d ? (size_t)(d - p) : n;
    *s = p + *pos;
    *len = end - *pos;
    *pos = d ? end + 1 : n;
    if (lineno == 1 && *len >= 3 && memcmp(*s, "\xEF\xBB\xBF", 3) == 0)
        *s += 3, *len -= 3;
    if (delim == '\n' && *len && (*s)[*len - 1] == '\r')
        (*len)--;
}

static void check(nc_lines *ls, const uint8_t *p, size_t n, char delim, size_t max)
{
    size_t pos = 0, lineno = 0;
    nc_line line;
    int rc;
    while ((rc = nc_lines_next(ls, &line)) > 0) {
        if (pos >= n || line.lineno != ++lineno)
            abort();
        const uint8_t *s;
        size_t len;
        expect_line(p, n, &pos, delim, lineno, &s, &len);
        if (max && len > max) {
            if (line.error != NC_ETOOBIG || line.s || line.len < len)
                abort();
        } else if (line.error || line.len != len || memcmp(line.s, s, len) != 0) {
            abort();
        }
        if (max && ls->cap > max + 3 * 65536)
            abort(); /* memory stays within the cap */
    }
    if (rc != 0 || pos != n || nc_lines_next(ls, &line) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    char delim = data[0] & 1 ? '\0' : '\n';
    size_t max = caps[(data[0] >> 1) & 7];
    int gz = data[0] >> 4 & 1;
    size_t chunk = data[1];
    const uint8_t *p = data + 2;
    size_t n = size - 2;

    /* the data files' way: in memory, no cap */
    nc_lines ls;
    nc_lines_mem(&ls, (const char *)p, n);
    nc_lines_set_delim(&ls, delim);
    check(&ls, p, n, delim, 0);
    nc_lines_close(&ls);

    /* a stream, read in pieces of `chunk` bytes, plain or gzip */
    size_t zlen = 0;
    unsigned char *z = NULL;
    if (gz && !(z = gzip_of(p, n, &zlen)))
        abort();
    if (!gz && n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
        return 0; /* would be read as gzip: the expected lines are unknown */
    if (nc_lines_open_bytes(&ls, gz ? (const char *)z : (const char *)p, gz ? zlen : n, max))
        abort();
    nc_instream_set_max_read(ls.in, chunk);
    nc_lines_set_delim(&ls, delim);
    check(&ls, p, n, delim, max);
    nc_lines_close(&ls);
    free(z);
    return 0;
}
