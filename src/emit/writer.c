/* The JSON writer (see writer.h). */
#include "emit/writer.h"
#include "newsclaims.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef nc_jw writer;

char *nc_jw_grow(writer *w, size_t n)
{
    if (w->rc || (w->rc = nc_buf_reserve(w->b, n)))
        return NULL;
    return w->b->data + w->b->len;
}

/* A new line indented for depth n (--pretty: two spaces a level). */
static void newline(writer *w, int n)
{
    static const char sp[] = "\n                                ";
    nc_jw_put(w, sp, 1);
    for (n *= 2; n > 0; n -= 32)
        nc_jw_put(w, sp + 1, n < 32 ? (size_t)n : 32);
}

void nc_jw_obj_open(writer *w)
{
    nc_jw_put(w, "{", 1);
    w->depth++;
    w->first = 1;
}

/* The closing brace or bracket on a line of its own, one level less than
 * the members; right after the opening one when there were none ("{}"). */
static void close_(writer *w, const char *c)
{
    w->depth--;
    if (w->pretty && !w->first)
        newline(w, w->depth);
    nc_jw_put(w, c, 1);
    w->first = 0;
}

void nc_jw_obj_close(writer *w) { close_(w, "}"); }

/* Starts member k of the current object: "k":value, pretty "\n    "k": value.
 * nc_jw_key writes the compact form of a schema name itself; this is for
 * --pretty and for names longer than NC_JW_KEY_PLAIN_MAX, escaped. */
void nc_jw_key_slow(writer *w, const char *k)
{
    size_t n = strlen(k);
    if (!w->first)
        nc_jw_put(w, ",", 1);
    if (w->pretty)
        newline(w, w->depth);
    if (n > NC_JW_KEY_PLAIN_MAX) {
        if (!w->rc)
            w->rc = nc_json_string(w->b, k, n);
    } else { /* the schema's names: plain ASCII */
        nc_jw_put(w, "\"", 1);
        nc_jw_put(w, k, n);
        nc_jw_put(w, "\"", 1);
    }
    nc_jw_put(w, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
    w->first = 0;
}

void nc_jw_arr_open(writer *w)
{
    nc_jw_put(w, "[", 1);
    w->depth++;
    w->first = 1;
}

/* Before each element: "," and, pretty, a new line. */
void nc_jw_elem_slow(writer *w)
{
    if (!w->first)
        nc_jw_put(w, ",", 1);
    if (w->pretty)
        newline(w, w->depth);
    w->first = 0;
}

void nc_jw_arr_close(writer *w) { close_(w, "]"); }

/* A string of compact JSON text copied as it is: s at its opening quote,
 * returns just past the closing one. */
static const char *raw_string(writer *w, const char *s)
{
    const char *p = s + 1;
    while (*p && *p != '"')
        p += p[0] == '\\' && p[1] ? 2 : 1;
    if (*p)
        p++;
    nc_jw_put(w, s, (size_t)(p - s));
    return p;
}

/* One value of compact JSON text, laid out as the writer lays out its
 * own; returns the text after it. Nesting is as deep as the parser that
 * accepted the text allowed (cJSON: 1000). */
static const char *raw_value(writer *w, const char *s)
{
    if (*s == '"')
        return raw_string(w, s);
    if (*s != '{' && *s != '[') {
        size_t n = strcspn(s, ",}]");
        nc_jw_put(w, s, n);
        return s + n;
    }
    int obj = *s == '{';
    char close = obj ? '}' : ']';
    if (obj)
        nc_jw_obj_open(w);
    else
        nc_jw_arr_open(w);
    s++;
    while (*s && *s != close && !w->rc) {
        if (*s == ',')
            s++;
        if (obj) {
            /* a key as written: the member's start without nc_jw_key's escaping */
            if (!w->first)
                nc_jw_put(w, ",", 1);
            if (w->pretty)
                newline(w, w->depth);
            w->first = 0;
            s = raw_string(w, s);
            nc_jw_put(w, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
            if (*s == ':')
                s++;
        } else {
            nc_jw_elem(w);
        }
        s = raw_value(w, s);
    }
    if (obj)
        nc_jw_obj_close(w);
    else
        nc_jw_arr_close(w);
    return *s ? s + 1 : s;
}

void nc_jw_json(writer *w, const char *s)
{
    if (w->pretty)
        raw_value(w, s);
    else
        nc_jw_lit(w, s);
}

void nc_jw_str(writer *w, const char *s, size_t n)
{
    if (!w->rc)
        w->rc = nc_json_string(w->b, s, n);
}

/* two digits at a time: half the divisions */
static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899";

char *nc_jw_digits(char *d, uint64_t v)
{
    size_t n = 1;
    for (uint64_t p = 10; n < 20 && v >= p; p *= 10)
        n++;
    char *e = d + n;
    while (v >= 100) {
        e -= 2;
        memcpy(e, digit_pairs + v % 100 * 2, 2);
        v /= 100;
    }
    if (v >= 10)
        memcpy(e - 2, digit_pairs + v * 2, 2);
    else
        e[-1] = (char)('0' + v);
    return d + n;
}

/* Below 10^15 in size, cJSON's "%1.15g" of the double is the integer's plain
 * decimal form. */
#define PLAIN_MAX 1000000000000000LL

/* A number as cJSON prints the double it was given ("%1.15g", "%1.17g"
 * when that does not read back): for an integer below 10^15 in size that
 * is its plain decimal form, written here without printf; anything larger
 * goes through cJSON itself so the form stays exactly its own. */
void nc_jw_num(writer *w, int64_t v)
{
    if (v > -PLAIN_MAX && v < PLAIN_MAX) {
        char *d = nc_jw_room(w, 21);
        if (!d)
            return;
        if (v < 0)
            *d++ = '-';
        nc_jw_done(w, nc_jw_digits(d, v < 0 ? (uint64_t)-v : (uint64_t)v));
        return;
    }
    cJSON *n = cJSON_CreateNumber((double)v);
    char *s = n ? cJSON_PrintUnformatted(n) : NULL;
    if (s)
        nc_jw_lit(w, s);
    else if (!w->rc)
        w->rc = NC_ENOMEM;
    free(s);
    cJSON_Delete(n);
}

void nc_jw_unum(writer *w, size_t v) { nc_jw_num(w, v > INT64_MAX ? INT64_MAX : (int64_t)v); }

void nc_jw_span(writer *w, size_t s, size_t e)
{
    char *d;
    /* compact and plain numbers (every real span): "[s,e]" at once */
    if (!w->pretty && s < (size_t)PLAIN_MAX && e < (size_t)PLAIN_MAX && (d = nc_jw_room(w, 43))) {
        *d++ = '[';
        d = nc_jw_digits(d, s);
        *d++ = ',';
        d = nc_jw_digits(d, e);
        *d++ = ']';
        w->first = 0;
        nc_jw_done(w, d);
        return;
    }
    nc_jw_arr_open(w);
    nc_jw_elem(w);
    nc_jw_unum(w, s);
    nc_jw_elem(w);
    nc_jw_unum(w, e);
    nc_jw_arr_close(w);
}

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

