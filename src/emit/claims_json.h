/* The "claims" array of a record, written as JSON text directly: a claim
 * has a dozen members, and building them as cJSON nodes cost more than
 * finding the claims. The text is put into the record's cJSON tree as one
 * raw value. */
#ifndef NC_EMIT_CLAIMS_JSON_H
#define NC_EMIT_CLAIMS_JSON_H
#include "document/document.h"
#include "extract/claims/claim.h"
#include "util/buf.h"

/* Appends the array to out (NUL-terminated). With pretty, the layout is
 * cJSON's indented one for an array at nesting depth `depth` (tabs), so it
 * sits in a cJSON_Print()ed record like any other member. 0 or NC_ENOMEM. */
int nc_claims_json(const nc_document *doc, const nc_claims *c, int pretty, int depth, nc_buf *out);

/* A string as JSON (quotes and escapes as cJSON writes them). */
int nc_json_string(nc_buf *out, const char *s, size_t n);

#endif
