/* HTTP response payloads inside WARC records (see http.h). */
#include "input/http.h"
#include "input/input.h"
#include "newsclaims.h"
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static const char *skip_sp(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

/* Copies [s, e) lower-cased and trimmed into dst. */
static void copy_lower(char *dst, size_t cap, const char *s, const char *e)
{
    s = skip_sp(s, e);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    size_t n = 0;
    for (; s < e && n + 1 < cap; s++)
        dst[n++] = (char)lower((unsigned char)*s);
    dst[n] = '\0';
}

/* "text/html; charset=\"windows-1252\"" -> media type and charset. */
static void content_type(nc_http_response *r, const char *v, const char *ve)
{
    const char *semi = memchr(v, ';', (size_t)(ve - v));
    copy_lower(r->media_type, sizeof r->media_type, v, semi ? semi : ve);
    for (const char *p = semi; p && p < ve; p = memchr(p + 1, ';', (size_t)(ve - p - 1))) {
        const char *k = skip_sp(p + 1, ve);
        if ((size_t)(ve - k) > 8 && strncasecmp(k, "charset=", 8) == 0) {
            const char *s = k + 8, *e = s;
            if (s < ve && (*s == '"' || *s == '\'')) {
                char q = *s++;
                for (e = s; e < ve && *e != q; e++)
                    ;
            } else {
                for (e = s; e < ve && *e != ';' && *e != ' ' && *e != '\t' && *e != '\r'; e++)
                    ;
            }
            copy_lower(r->charset, sizeof r->charset, s, e);
            break;
        }
    }
}

/* Removes chunked framing in place: the decoded length. A body that does
 * not start with a chunk-size line is left as it is. */
static size_t dechunk(char *b, size_t len)
{
    size_t in = 0, out = 0;
    int any = 0;
    for (;;) {
        size_t size = 0, digits = 0;
        while (in < len && digits < 16) {
            int c = lower((unsigned char)b[in]);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0)
                break;
            size = size * 16 + (size_t)d;
            in++;
            digits++;
        }
        char *eol = digits ? memchr(b + in, '\n', len - in) : NULL;
        if (!eol) /* not chunked after all, or the framing breaks off */
            return any ? out : len;
        in = (size_t)(eol - b) + 1;
        any = 1;
        if (size == 0 || size > len - in) {
            if (size) { /* a last chunk cut short: keep what there is */
                memmove(b + out, b + in, len - in);
                out += len - in;
            }
            return out;
        }
        memmove(b + out, b + in, size);
        out += size;
        in += size;
        if (in < len && b[in] == '\r')
            in++;
        if (in < len && b[in] == '\n')
            in++;
    }
}

/* zlib-wrapped or raw deflate (servers send both for "deflate"). */
static int inflate_body(const char *in, size_t len, size_t max, int raw, nc_buf *out)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, raw ? -15 : 15) != Z_OK)
        return NC_ENOMEM;
    int rc = 0;
    size_t fed = 0;
    for (;;) {
        if (!zs.avail_in && fed < len) {
            size_t n = len - fed > (1u << 30) ? 1u << 30 : len - fed;
            zs.next_in = (unsigned char *)in + fed;
            zs.avail_in = (uInt)n;
            fed += n;
        }
        if (nc_buf_reserve(out, 65536)) {
            rc = NC_ENOMEM;
            break;
        }
        zs.next_out = (unsigned char *)out->data + out->len;
        zs.avail_out = 65536;
        int zrc = inflate(&zs, Z_NO_FLUSH);
        out->len += 65536 - zs.avail_out;
        out->data[out->len] = '\0';
        if (zrc == Z_STREAM_END)
            break;
        if (max && out->len > max) {
            rc = NC_ETOOBIG;
            break;
        }
        if (zrc == Z_MEM_ERROR) {
            rc = NC_ENOMEM;
            break;
        }
        /* an error, or the input ended inside the stream */
        if ((zrc != Z_OK && zrc != Z_BUF_ERROR) || (!zs.avail_in && fed == len && zs.avail_out)) {
            rc = NC_EGZIP;
            break;
        }
    }
    inflateEnd(&zs);
    return rc;
}

static int decode_content(nc_http_response *r, const char *enc, size_t max)
{
    if (!*enc || strcmp(enc, "identity") == 0)
        return 0;
    char *decoded = NULL, msg[120] = "";
    size_t dlen = 0;
    int rc;
    if (strcmp(enc, "gzip") == 0 || strcmp(enc, "x-gzip") == 0) {
        if (r->len < 2 || (unsigned char)r->body[0] != 0x1f || (unsigned char)r->body[1] != 0x8b)
            return 0; /* stored decoded */
        rc = nc_input_decode(r->body, r->len, max, &decoded, &dlen, msg, sizeof msg);
        if (rc == NC_EBINARY) { /* binary is decided later, by media type */
            rc = nc_input_decode(r->body, r->len, 0, &decoded, &dlen, msg, sizeof msg);
            if (!rc && max && dlen > max)
                rc = NC_ETOOBIG;
        }
    } else if (strcmp(enc, "deflate") == 0) {
        nc_buf b = {0};
        rc = inflate_body(r->body, r->len, max, 0, &b);
        if (rc == NC_EGZIP) {
            b.len = 0;
            rc = inflate_body(r->body, r->len, max, 1, &b);
        }
        snprintf(msg, sizeof msg, "%s", rc == NC_ETOOBIG ? "larger than the limit" : "corrupt deflate data");
        if (!rc && !b.data)
            rc = nc_buf_reserve(&b, 1);
        decoded = rc ? NULL : nc_buf_take(&b, &dlen);
        nc_buf_free(&b);
    } else {
        snprintf(r->error, sizeof r->error, "Content-Encoding '%s' is not supported", enc);
        goto fail;
    }
    if (rc == NC_ENOMEM)
        return rc;
    if (rc) {
        snprintf(r->error, sizeof r->error, "Content-Encoding %s: %s", enc, msg[0] ? msg : nc_strerror(rc));
        goto fail;
    }
    free(r->body);
    r->body = decoded;
    r->len = dlen;
    return 0;
fail:
    free(decoded);
    free(r->body);
    r->body = NULL;
    r->len = 0;
    return 0;
}

static int is_sp(char c) { return c == ' ' || c == '\t'; }

int nc_header_next(const char **p, const char *end, nc_header_field *f)
{
    const char *line = *p;
    while (line < end) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        const char *next = eol ? eol + 1 : end;
        if (!eol)
            eol = end;
        if (eol == line || (eol == line + 1 && line[0] == '\r')) { /* the blank line */
            *p = next;
            return 0;
        }
        const char *colon = memchr(line, ':', (size_t)(eol - line));
        if (!colon || is_sp(line[0])) {
            line = next;
            continue;
        }
        const char *v = colon + 1, *ve = eol;
        while (next < end && is_sp(*next)) { /* continuation lines */
            const char *e2 = memchr(next, '\n', (size_t)(end - next));
            ve = e2 ? e2 : end;
            next = e2 ? e2 + 1 : end;
        }
        while (v < ve && (is_sp(*v) || *v == '\r' || *v == '\n'))
            v++;
        while (ve > v && (is_sp(ve[-1]) || ve[-1] == '\r' || ve[-1] == '\n'))
            ve--;
        f->name = line;
        f->name_len = (size_t)(colon - line);
        f->value = v;
        f->value_len = (size_t)(ve - v);
        *p = next;
        return 1;
    }
    *p = end;
    return 0;
}

static int field_is(const nc_header_field *f, const char *name)
{
    return strlen(name) == f->name_len && strncasecmp(f->name, name, f->name_len) == 0;
}

int nc_http_parse(const char *msg, size_t len, size_t max_bytes, nc_http_response *r)
{
    memset(r, 0, sizeof *r);
    const char *end = msg + len, *p = msg;
    if (len >= 12 && memcmp(msg, "HTTP/", 5) == 0) {
        const char *sp = memchr(msg, ' ', len < 16 ? len : 16);
        if (sp && sp + 4 <= end && sp[1] >= '1' && sp[1] <= '9' && sp[2] >= '0' && sp[2] <= '9' &&
            sp[3] >= '0' && sp[3] <= '9')
            r->status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
    }
    char te[40] = "", ce[40] = "";
    /* header lines up to the blank line */
    const char *line = memchr(p, '\n', len);
    line = line ? line + 1 : end;
    nc_header_field f;
    while (nc_header_next(&line, end, &f)) {
        const char *ve = f.value + f.value_len;
        if (field_is(&f, "Content-Type") && !r->media_type[0])
            content_type(r, f.value, ve);
        else if (field_is(&f, "Transfer-Encoding"))
            copy_lower(te, sizeof te, f.value, ve);
        else if (field_is(&f, "Content-Encoding"))
            copy_lower(ce, sizeof ce, f.value, ve);
    }
    size_t blen = line < end ? (size_t)(end - line) : 0;
    if (!(r->body = malloc(blen + 1)))
        return NC_ENOMEM;
    memcpy(r->body, line < end ? line : "", blen);
    r->len = blen;
    if (strstr(te, "chunked"))
        r->len = dechunk(r->body, r->len);
    r->body[r->len] = '\0';
    int rc = decode_content(r, ce, max_bytes);
    if (!rc && r->body && max_bytes && r->len > max_bytes) {
        snprintf(r->error, sizeof r->error, "payload larger than %zu bytes", max_bytes);
        free(r->body);
        r->body = NULL;
        r->len = 0;
    }
    return rc;
}

void nc_http_response_clear(nc_http_response *r)
{
    free(r->body);
    memset(r, 0, sizeof *r);
}
