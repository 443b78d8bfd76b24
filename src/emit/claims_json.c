/* Claims as JSON text (schema newsclaims/1, docs/schema.md "claims"). */
#include "emit/claims_json.h"
#include "newsclaims.h"
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct writer {
    nc_buf *b;
    int pretty, depth, rc;
    int first; /* no member written yet in the current object */
} writer;

static void put(writer *w, const char *s, size_t n)
{
    if (w->rc || (w->b->cap - w->b->len <= n && (w->rc = nc_buf_reserve(w->b, n))))
        return;
    memcpy(w->b->data + w->b->len, s, n);
    w->b->len += n;
    w->b->data[w->b->len] = '\0';
}

static void puts_(writer *w, const char *s) { put(w, s, strlen(s)); }

int nc_json_string(nc_buf *out, const char *s, size_t n)
{
    /* reserve for the common case (nothing to escape), grow on escapes */
    if (nc_buf_reserve(out, n + 3))
        return NC_ENOMEM;
    char *d = out->data + out->len;
    *d++ = '"';
    for (size_t i = 0; i < n; i++) {
        /* eight bytes at a time while none needs escaping (the usual case):
         * a byte below 0x20, '"' or '\\' sets its high bit in `bad` */
        while (i + 8 <= n) {
            uint64_t v, ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
            memcpy(&v, s + i, 8);
            uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
            uint64_t bad = ((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((b - ones) & ~b);
            if (bad & high)
                break;
            memcpy(d, s + i, 8);
            d += 8;
            i += 8;
        }
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\') {
            *d++ = (char)c;
            continue;
        }
        out->len = (size_t)(d - out->data);
        if (nc_buf_reserve(out, (n - i) + 8))
            return NC_ENOMEM;
        d = out->data + out->len;
        *d++ = '\\';
        switch (c) {
        case '"': *d++ = '"'; break;
        case '\\': *d++ = '\\'; break;
        case '\b': *d++ = 'b'; break;
        case '\f': *d++ = 'f'; break;
        case '\n': *d++ = 'n'; break;
        case '\r': *d++ = 'r'; break;
        case '\t': *d++ = 't'; break;
        default: d += sprintf(d, "u%04x", c); break;
        }
    }
    *d++ = '"';
    *d = '\0';
    out->len = (size_t)(d - out->data);
    return 0;
}

static void indent(writer *w, int depth)
{
    for (int i = 0; i < depth; i++)
        put(w, "\t", 1);
}

/* Starts member `key` of the current object. */
static void key(writer *w, const char *k)
{
    if (w->pretty) {
        if (!w->first)
            put(w, ",", 1);
        put(w, "\n", 1);
        indent(w, w->depth + 1);
    }
    char buf[40]; /* ,"key": in one piece */
    size_t n = strlen(k), m = 0;
    if (!w->first && !w->pretty)
        buf[m++] = ',';
    buf[m++] = '"';
    memcpy(buf + m, k, n);
    m += n;
    buf[m++] = '"';
    buf[m++] = ':';
    if (w->pretty)
        buf[m++] = '\t';
    w->first = 0;
    put(w, buf, m);
}

static void open_obj(writer *w)
{
    put(w, "{", 1);
    w->depth++;
    w->first = 1;
}

static void close_obj(writer *w)
{
    w->depth--;
    if (w->pretty) {
        put(w, "\n", 1);
        indent(w, w->depth + 1);
    }
    put(w, "}", 1);
    w->first = 0;
}

static void str(writer *w, const char *text, nc_span sp)
{
    if (sp.e <= sp.s)
        puts_(w, "null");
    else if (!w->rc)
        w->rc = nc_json_string(w->b, text + sp.s, sp.e - sp.s);
}

static void num(writer *w, size_t v)
{
    char buf[24], *p = buf + sizeof buf;
    do
        *--p = (char)('0' + v % 10);
    while (v /= 10);
    put(w, p, (size_t)(buf + sizeof buf - p));
}

static void span(writer *w, nc_span sp)
{
    put(w, "[", 1);
    num(w, sp.s);
    put(w, w->pretty ? ", " : ",", w->pretty ? 2 : 1);
    num(w, sp.e);
    put(w, "]", 1);
}

/* The parts joined by one space: each written as a string, the quotes
 * between them replaced by the space. */
static void content(writer *w, const nc_document *doc, const nc_claim *c)
{
    for (size_t i = 0; i < c->n_content && !w->rc; i++) {
        if (i) /* drop the closing quote just written */
            w->b->len--;
        size_t at = w->b->len;
        w->rc = nc_json_string(w->b, doc->text + c->content[i].s, c->content[i].e - c->content[i].s);
        if (i && !w->rc)
            w->b->data[at] = ' ';
    }
}

static void claim(writer *w, const nc_document *doc, const nc_claims *cs, size_t at, int level)
{
    const nc_claim *c = &cs->items[at];
    open_obj(w);
    key(w, "speaker");
    str(w, doc->text, c->speaker);
    key(w, "speaker_span");
    if (c->speaker.e > c->speaker.s)
        span(w, c->speaker);
    else
        puts_(w, "null");
    key(w, "speaker_actor");
    if (c->speaker_actor && !w->rc)
        w->rc = nc_json_string(w->b, c->speaker_actor, strlen(c->speaker_actor));
    else
        puts_(w, "null");
    key(w, "speaker_resolved_from");
    if (c->resolved) {
        open_obj(w);
        key(w, "text");
        str(w, doc->text, c->ref);
        key(w, "span");
        span(w, c->ref);
        close_obj(w);
    } else
        puts_(w, "null");
    key(w, "cue");
    str(w, doc->text, c->cue);
    key(w, "stance");
    str(w, nc_stance_name(c->stance), (nc_span){0, strlen(nc_stance_name(c->stance))});
    key(w, "form");
    str(w, nc_claim_form_name(c->form), (nc_span){0, strlen(nc_claim_form_name(c->form))});
    key(w, "content");
    content(w, doc, c);
    key(w, "content_span");
    span(w, (nc_span){c->content[0].s, c->content[c->n_content - 1].e});
    key(w, "span");
    span(w, c->span);
    key(w, "sentence_index");
    num(w, c->sentence);
    key(w, "rule");
    str(w, c->rule, (nc_span){0, strlen(c->rule)});
    /* the claims inside this one's content, when there are any */
    size_t lo = at > NC_CLAIM_NEST_REACH ? at - NC_CLAIM_NEST_REACH : 0;
    size_t hi = cs->n - at > NC_CLAIM_NEST_REACH ? at + NC_CLAIM_NEST_REACH : cs->n;
    int any = 0;
    for (size_t j = lo; j < hi && level < 8; j++) {
        if (cs->items[j].parent != at)
            continue;
        if (!any) {
            key(w, "nested");
            put(w, "[", 1);
        } else
            put(w, w->pretty ? ", " : ",", w->pretty ? 2 : 1);
        any = 1;
        claim(w, doc, cs, j, level + 1);
    }
    if (any)
        put(w, "]", 1);
    close_obj(w);
}

int nc_claims_json(const nc_document *doc, const nc_claims *c, int pretty, int depth, nc_buf *out)
{
    writer w = {.b = out, .pretty = pretty, .depth = depth};
    put(&w, "[", 1);
    int first = 1;
    for (size_t i = 0; i < c->n; i++) {
        if (c->items[i].parent != SIZE_MAX && c->items[i].parent < c->n)
            continue; /* written inside its parent */
        if (!first)
            put(&w, pretty ? ", " : ",", pretty ? 2 : 1);
        first = 0;
        claim(&w, doc, c, i, 0);
    }
    put(&w, "]", 1);
    if (!w.rc && !out->data) /* always NUL-terminated text */
        w.rc = nc_buf_append(out, "", 0);
    return w.rc;
}
