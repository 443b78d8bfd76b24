/* The JSON writer: objects, arrays, strings and numbers written as text
 * straight into a buffer, in exactly the bytes cJSON_PrintUnformatted
 * gives (member order as written, cJSON's string escapes and number
 * forms); pretty, laid out as jq does: two spaces a level, every member
 * and element on a line of its own, "{}" and "[]" when empty. Building and
 * printing a tree of a few hundred nodes per document cost more than
 * several extractors. The record writer (json.c) is its one user. */
#ifndef NC_EMIT_WRITER_H
#define NC_EMIT_WRITER_H
#include "util/buf.h"
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Layout state, as cJSON's printer keeps it: depth counts the open
 * objects and arrays (both indent), first is set until the current
 * container has its first member. rc is sticky: after the first error
 * (NC_ENOMEM) nothing more is written. */
typedef struct nc_jw {
    nc_buf *b;
    int pretty, depth, first, rc;
} nc_jw;

/* The calls below are made a few hundred times per record; the common
 * ones are inline (a key's strlen and memcpy then fold to constants) and
 * write straight into the buffer; the rest is in writer.c. */

/* Room for n more bytes (and the NUL) at the end of the buffer: where to
 * write them, or NULL once rc is set (no memory). nc_jw_grow is the slow
 * path; nc_jw_done ends what was written at end. */
char *nc_jw_grow(nc_jw *w, size_t n);
static inline char *nc_jw_room(nc_jw *w, size_t n)
{
    nc_buf *b = w->b;
    return !w->rc && b->len + n + 1 <= b->cap ? b->data + b->len : nc_jw_grow(w, n);
}
static inline void nc_jw_done(nc_jw *w, char *end)
{
    w->b->len = (size_t)(end - w->b->data);
    *end = '\0';
}

static inline void nc_jw_put(nc_jw *w, const char *s, size_t n)
{
    char *d = nc_jw_room(w, n);
    if (d) {
        memcpy(d, s, n);
        nc_jw_done(w, d + n);
    }
}
/* a literal: null, true, 12 */
static inline void nc_jw_lit(nc_jw *w, const char *s) { nc_jw_put(w, s, strlen(s)); }

void nc_jw_obj_open(nc_jw *w);
void nc_jw_obj_close(nc_jw *w);
void nc_jw_arr_open(nc_jw *w);
void nc_jw_arr_close(nc_jw *w);

/* starts member k; keys are the schema's names, plain ASCII, written as
 * they are up to this length (longer ones are escaped) */
#define NC_JW_KEY_PLAIN_MAX 59
void nc_jw_key_slow(nc_jw *w, const char *k);
static inline void nc_jw_key(nc_jw *w, const char *k)
{
    size_t n = strlen(k);
    char *d;
    if (w->pretty || n > NC_JW_KEY_PLAIN_MAX || !(d = nc_jw_room(w, n + 4))) {
        nc_jw_key_slow(w, k);
        return;
    }
    /* ,"key": in one piece */
    if (!w->first)
        *d++ = ',';
    *d++ = '"';
    memcpy(d, k, n);
    d += n;
    *d++ = '"';
    *d++ = ':';
    w->first = 0;
    nc_jw_done(w, d);
}

/* before each array element */
void nc_jw_elem_slow(nc_jw *w);
static inline void nc_jw_elem(nc_jw *w)
{
    if (w->pretty)
        nc_jw_elem_slow(w);
    else {
        if (!w->first)
            nc_jw_put(w, ",", 1);
        w->first = 0;
    }
}

/* v in decimal at d (room for 20 bytes); returns the end */
char *nc_jw_digits(char *d, uint64_t v);

void nc_jw_str(nc_jw *w, const char *s, size_t n);  /* a string, escaped */
void nc_jw_num(nc_jw *w, int64_t v);
void nc_jw_unum(nc_jw *w, size_t v);
void nc_jw_span(nc_jw *w, size_t s, size_t e);      /* [s, e] */
/* A value given as compact, valid JSON text (no white space between
 * tokens), written as it is, or laid out like the rest when pretty. */
void nc_jw_json(nc_jw *w, const char *s);

/* A string as JSON (quotes and escapes as cJSON writes them) appended to
 * out. 0 or NC_ENOMEM. */
int nc_json_string(nc_buf *out, const char *s, size_t n);

#endif
