/* Unit tests for src/input/warc.c (WARC record stream) and src/input/http.c
 * (HTTP payloads): record boundaries and offsets, gzip members, damaged
 * input, and payload decoding. Inputs are fed a few bytes at a time so
 * that every boundary falls inside a read somewhere. */
#include "check.h"
#include "input/http.h"
#include "input/warc.h"
#include "newsclaims.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct mem {
    const char *p;
    size_t len, pos, step; /* step: bytes per read, 0 = all */
} mem;

static ssize_t mem_read(void *user, void *buf, size_t n)
{
    mem *m = user;
    size_t left = m->len - m->pos;
    if (m->step && n > m->step)
        n = m->step;
    if (n > left)
        n = left;
    memcpy(buf, m->p + m->pos, n);
    m->pos += n;
    return (ssize_t)n;
}

/* One record's text. */
static char *record(const char *type, const char *id, const char *block)
{
    size_t n = strlen(block) + 300;
    char *r = malloc(n);
    snprintf(r, n, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:%s>\r\nContent-Length: %zu\r\n\r\n%s\r\n\r\n",
             type, id, strlen(block), block);
    return r;
}

static char *gzip_bytes(const char *in, size_t len, size_t *out_len)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    deflateInit2(&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    size_t cap = deflateBound(&zs, len) + 32;
    char *out = malloc(cap);
    zs.next_in = (unsigned char *)in;
    zs.avail_in = (uInt)len;
    zs.next_out = (unsigned char *)out;
    zs.avail_out = (uInt)cap;
    deflate(&zs, Z_FINISH);
    *out_len = cap - zs.avail_out;
    deflateEnd(&zs);
    return out;
}

/* Reads all records of data (fed step bytes at a time) into a summary:
 * "id@offset" or "ERR@offset" per record, space separated. */
static char *summarise(const char *data, size_t len, size_t step, size_t max, int *is_warc)
{
    mem m = {data, len, 0, step};
    nc_warc *w;
    static char out[2048];
    out[0] = '\0';
    if (nc_warc_open(&w, mem_read, &m, max, is_warc))
        return NULL;
    nc_warc_record r;
    while (nc_warc_next(w, &r) == 1) {
        char one[200];
        snprintf(one, sizeof one, "%s%s@%llu%s", out[0] ? " " : "", r.error ? "ERR" : r.id,
                 (unsigned long long)r.offset, r.offset_in_stream ? "s" : "");
        strncat(out, one, sizeof out - strlen(out) - 1);
        nc_warc_record_clear(&r);
    }
    nc_warc_free(w);
    return out;
}

static void test_plain(void)
{
    char *a = record("warcinfo", "a", "software: x\r\n"), *b = record("response", "b", "HTTP/1.1 200 OK\r\n\r\nhi");
    char *c = record("conversion", "c", "text here");
    size_t la = strlen(a), lb = strlen(b);
    char all[4096];
    snprintf(all, sizeof all, "%s%s%s", a, b, c);
    char want[256];
    snprintf(want, sizeof want, "<urn:a>@0 <urn:b>@%zu <urn:c>@%zu", la, la + lb);
    int is_warc;
    for (size_t step = 1; step <= 7; step += 3) {
        CHECK_STR(summarise(all, strlen(all), step, 0, &is_warc), want);
        CHECK_INT(is_warc, 1);
    }
    /* headers: continuation lines, LF-only writers, <> around the URI */
    const char *lf = "WARC/1.1\nWARC-Type: response\nWARC-Target-URI: <http://x.example/a>\n"
                     "WARC-Record-ID:\n  <urn:folded>\nContent-Length: 2\n\nok\n\n";
    mem m = {lf, strlen(lf), 0, 0};
    nc_warc *w;
    nc_warc_record r;
    CHECK_INT(nc_warc_open(&w, mem_read, &m, 0, &is_warc), 0);
    CHECK_INT(nc_warc_next(w, &r), 1);
    CHECK_STR(r.id, "<urn:folded>");
    CHECK_STR(r.uri, "http://x.example/a");
    CHECK_STR(r.block, "ok");
    CHECK_INT(r.len, 2);
    nc_warc_record_clear(&r);
    CHECK_INT(nc_warc_next(w, &r), 0);
    nc_warc_free(w);
    /* not WARC: the raw bytes come back whole */
    const char *text = "Just an article.\n";
    m = (mem){text, strlen(text), 0, 3};
    CHECK_INT(nc_warc_open(&w, mem_read, &m, 0, &is_warc), 0);
    CHECK_INT(is_warc, 0);
    char *rest;
    size_t rl;
    char msg[100];
    CHECK_INT(nc_warc_take_rest(w, 0, &rest, &rl, msg, sizeof msg), 0);
    CHECK_STR(rest, text);
    free(rest);
    nc_warc_free(w);
    free(a);
    free(b);
    free(c);
}

/* The quick look at a file's first bytes never calls WARC "not WARC":
 * where it says 0, the reader says so too. */
static void test_may_start(void)
{
    size_t gl;
    char *gz = gzip_bytes("WARC/1.0\n", 9, &gl);
    const struct { const char *p; size_t n; int may; } c[] = {
        {"WARC/1.0\r\n", 10, 1}, {"WARC/1.0", 8, 1}, {"WARC/9", 6, 1}, {"WARC/", 5, 0}, {"WARC/x.0\n", 9, 0},
        {"warc/1.0\n", 9, 0}, {"", 0, 0}, {"\x1f", 1, 0}, {"{\"text\":\"WARC/1.0\"}", 19, 0}, {gz, gl, 1},
        {"WARC/100000000000000000000000000000000000000.1\n", 46, 1}};
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        CHECK_INT(nc_warc_may_start(c[i].p, c[i].n), c[i].may);
        mem m = {c[i].p, c[i].n, 0, 0};
        nc_warc *w;
        int is_warc;
        CHECK_INT(nc_warc_open(&w, mem_read, &m, 0, &is_warc), 0);
        CHECK(c[i].may || !is_warc);
        nc_warc_free(w);
    }
    free(gz);
}

static void test_gzip_members(void)
{
    char *a = record("response", "a", "HTTP/1.1 200 OK\r\n\r\nfirst"), *b = record("response", "b", "HTTP/1.1 200 OK\r\n\r\nsecond");
    size_t ga, gb;
    char *za = gzip_bytes(a, strlen(a), &ga), *zb = gzip_bytes(b, strlen(b), &gb);
    char *all = malloc(ga + gb);
    memcpy(all, za, ga);
    memcpy(all + ga, zb, gb);
    char want[128];
    snprintf(want, sizeof want, "<urn:a>@0 <urn:b>@%zu", ga);
    int is_warc;
    CHECK_STR(summarise(all, ga + gb, 5, 0, &is_warc), want);
    CHECK_INT(is_warc, 1);
    /* one gzip stream: offsets in the decompressed data */
    size_t plain_len = strlen(a) + strlen(b), gl;
    char *plain = malloc(plain_len + 1);
    snprintf(plain, plain_len + 1, "%s%s", a, b);
    char *z = gzip_bytes(plain, plain_len, &gl);
    snprintf(want, sizeof want, "<urn:a>@0 <urn:b>@%zus", strlen(a));
    CHECK_STR(summarise(z, gl, 11, 0, &is_warc), want);
    /* the first member cut short: an error for it, the second still read */
    memcpy(all + ga / 2, zb, gb);
    snprintf(want, sizeof want, "ERR@0 <urn:b>@%zu", ga / 2);
    CHECK_STR(summarise(all, ga / 2 + gb, 5, 0, &is_warc), want);
    free(z);
    free(plain);
    free(all);
    free(za);
    free(zb);
    free(a);
    free(b);
}

static void test_damaged(void)
{
    char *a = record("response", "a", "0123456789"), *b = record("response", "b", "abc");
    char buf[1024];
    /* a declared length 5 bytes too long runs into the next record */
    char *a_long = strdup(a);
    char *cl = strstr(a_long, "Content-Length: 10");
    memcpy(cl, "Content-Length: 15", 18);
    snprintf(buf, sizeof buf, "%s%s", a_long, b);
    int is_warc;
    char want[128];
    snprintf(want, sizeof want, "ERR@0 <urn:b>@%zu", strlen(a));
    CHECK_STR(summarise(buf, strlen(buf), 4, 0, &is_warc), want);
    /* garbage between records is reported once and skipped */
    snprintf(buf, sizeof buf, "%sgarbage\r\nmore\r\n%s", a, b);
    snprintf(want, sizeof want, "<urn:a>@0 ERR@%zu <urn:b>@%zu", strlen(a), strlen(a) + 15);
    CHECK_STR(summarise(buf, strlen(buf), 3, 0, &is_warc), want);
    /* the data ends inside a record */
    snprintf(buf, sizeof buf, "%s%s", a, b);
    snprintf(want, sizeof want, "<urn:a>@0 ERR@%zu", strlen(a));
    CHECK_STR(summarise(buf, strlen(buf) - 6, 2, 0, &is_warc), want);
    /* no Content-Length */
    const char *nolen = "WARC/1.0\r\nWARC-Type: response\r\n\r\nbody\r\n\r\n";
    snprintf(buf, sizeof buf, "%s%s", nolen, b);
    snprintf(want, sizeof want, "ERR@0 <urn:b>@%zu", strlen(nolen));
    CHECK_STR(summarise(buf, strlen(buf), 0, 0, &is_warc), want);
    /* a block over the limit is skipped, the next record read */
    snprintf(buf, sizeof buf, "%s%s", a, b);
    snprintf(want, sizeof want, "ERR@0 <urn:b>@%zu", strlen(a));
    CHECK_STR(summarise(buf, strlen(buf), 0, 5, &is_warc), want);
    mem m = {buf, strlen(buf), 0, 0};
    nc_warc *w;
    nc_warc_record r;
    nc_warc_open(&w, mem_read, &m, 5, &is_warc);
    CHECK_INT(nc_warc_next(w, &r), 1);
    CHECK_STR(r.error, "record at byte 0: block of 10 bytes is larger than the --max-bytes limit");
    CHECK_STR(r.id, "<urn:a>");
    nc_warc_record_clear(&r);
    nc_warc_free(w);
    free(a_long);
    free(a);
    free(b);
}

static void test_http(void)
{
    nc_http_response h;
    const char *plain = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"Windows-1252\"\r\n\r\n<p>x</p>";
    CHECK_INT(nc_http_parse(plain, strlen(plain), 0, &h), 0);
    CHECK_INT(h.status, 200);
    CHECK_STR(h.media_type, "text/html");
    CHECK_STR(h.charset, "windows-1252");
    CHECK_STR(h.body, "<p>x</p>");
    nc_http_response_clear(&h);
    const char *chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n";
    CHECK_INT(nc_http_parse(chunked, strlen(chunked), 0, &h), 0);
    CHECK_STR(h.body, "Wikipedia");
    nc_http_response_clear(&h);
    /* framing that breaks off keeps what came before; a body stored
     * decoded under a chunked header is taken as it is */
    const char *cut = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n50\r\npedia";
    CHECK_INT(nc_http_parse(cut, strlen(cut), 0, &h), 0);
    CHECK_STR(h.body, "Wikipedia");
    nc_http_response_clear(&h);
    const char *decoded = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n<html>page</html>";
    CHECK_INT(nc_http_parse(decoded, strlen(decoded), 0, &h), 0);
    CHECK_STR(h.body, "<html>page</html>");
    nc_http_response_clear(&h);
    /* gzip and deflate (zlib-wrapped and raw) */
    const char *page = "<p>Seven people were injured.</p>";
    size_t gl;
    char *gz = gzip_bytes(page, strlen(page), &gl);
    char msg[512];
    int n = snprintf(msg, sizeof msg, "HTTP/1.0 200 OK\r\nContent-Encoding: gzip\r\n\r\n");
    memcpy(msg + n, gz, gl);
    CHECK_INT(nc_http_parse(msg, (size_t)n + gl, 0, &h), 0);
    CHECK_STR(h.body, page);
    CHECK_STR(h.error, "");
    nc_http_response_clear(&h);
    CHECK_INT(nc_http_parse(msg, (size_t)n + gl - 10, 0, &h), 0);
    CHECK(h.body == NULL && strstr(h.error, "Content-Encoding gzip") == h.error);
    nc_http_response_clear(&h);
    CHECK_INT(nc_http_parse(msg, (size_t)n + gl, 10, &h), 0);
    CHECK(h.body == NULL && h.error[0]);
    nc_http_response_clear(&h);
    for (int raw = 0; raw <= 1; raw++) {
        z_stream zs;
        memset(&zs, 0, sizeof zs);
        deflateInit2(&zs, 6, Z_DEFLATED, raw ? -15 : 15, 8, Z_DEFAULT_STRATEGY);
        unsigned char zb[256];
        zs.next_in = (unsigned char *)page;
        zs.avail_in = (uInt)strlen(page);
        zs.next_out = zb;
        zs.avail_out = sizeof zb;
        deflate(&zs, Z_FINISH);
        size_t zl = sizeof zb - zs.avail_out;
        deflateEnd(&zs);
        n = snprintf(msg, sizeof msg, "HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\n\r\n");
        memcpy(msg + n, zb, zl);
        CHECK_INT(nc_http_parse(msg, (size_t)n + zl, 0, &h), 0);
        CHECK_STR(h.body, page);
        nc_http_response_clear(&h);
    }
    const char *br = "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n\x1b\x02";
    CHECK_INT(nc_http_parse(br, strlen(br), 0, &h), 0);
    CHECK_STR(h.error, "Content-Encoding 'br' is not supported");
    nc_http_response_clear(&h);
    const char *redirect = "HTTP/1.1 301 Moved Permanently\r\nLocation: /x\r\n\r\n";
    CHECK_INT(nc_http_parse(redirect, strlen(redirect), 0, &h), 0);
    CHECK_INT(h.status, 301);
    CHECK_STR(h.media_type, "");
    nc_http_response_clear(&h);
    free(gz);
}

int main(void)
{
    test_plain();
    test_may_start();
    test_gzip_members();
    test_damaged();
    test_http();
    return CHECK_DONE("test_warc");
}
