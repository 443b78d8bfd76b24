/* The "claims" array of a record, written as JSON text directly: a claim
 * has a dozen members, and building them as cJSON nodes cost more than
 * finding the claims. The text is put into the record's cJSON tree as one
 * raw value. */
#ifndef NC_EMIT_CLAIMS_JSON_H
#define NC_EMIT_CLAIMS_JSON_H
#include "document/document.h"
#include "extract/claims/claim.h"
#include "util/buf.h"
#include "util/utf8.h"

/* Appends the array to out (NUL-terminated). With pretty, the layout is
 * the record's (two spaces a level, as jq) for an array that is a member
 * of an object at nesting depth `depth`. ix gives the cspans. 0 or
 * NC_ENOMEM. */
int nc_claims_json(const nc_document *doc, const nc_claims *c, const nc_utf8_index *ix, int pretty, int depth,
                   nc_buf *out);

/* A string as JSON (quotes and escapes as cJSON writes them). */
int nc_json_string(nc_buf *out, const char *s, size_t n);

#endif
