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

/* Layout state, as cJSON's printer keeps it: depth counts the open
 * objects and arrays (both indent), first is set until the current
 * container has its first member. rc is sticky: after the first error
 * (NC_ENOMEM) nothing more is written. */
typedef struct nc_jw {
    nc_buf *b;
    int pretty, depth, first, rc;
} nc_jw;

void nc_jw_put(nc_jw *w, const char *s, size_t n);
void nc_jw_lit(nc_jw *w, const char *s);           /* a literal: null, true, 12 */
void nc_jw_obj_open(nc_jw *w);
void nc_jw_obj_close(nc_jw *w);
void nc_jw_key(nc_jw *w, const char *k);            /* starts member k */
void nc_jw_arr_open(nc_jw *w);
void nc_jw_elem(nc_jw *w);                          /* before each array element */
void nc_jw_arr_close(nc_jw *w);
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
