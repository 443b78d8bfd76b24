/* Records as tables (CSV and TSV): one row per casualty figure, claim or
 * actor, each row carrying the document's path, id, url, title, published
 * date, language and status, and the input fields kept with --keep-fields.
 * Columns: docs/schema.md "Tables". */
#ifndef NC_EMIT_TABLE_H
#define NC_EMIT_TABLE_H
#include "core/record.h"
#include "newsclaims.h"
#include "util/buf.h"

typedef enum { NC_TABLE_FIGURES, NC_TABLE_CLAIMS, NC_TABLE_ACTORS } nc_table_kind;

/* sep ',' writes CSV (RFC 4180: a field holding the separator, a quote or
 * a line break is quoted, quotes doubled; rows end in CRLF); sep '\t'
 * writes TSV with the same quoting and rows ending in LF. */

/* keep_fields: --keep-fields ("a,b,c": a column doc_field_a... each, the
 * value of a string without its quotes, others as JSON text; "all": one
 * column doc_fields holding source.fields as JSON), or NULL for none. */

/* Appends the header row. 0 or NC_ENOMEM. */
int nc_table_header(nc_buf *out, nc_table_kind kind, char sep, const char *keep_fields);
/* Appends the rows of one record (none when it has no such items).
 * deadline 1: rec's deadline (doc.deadline_ns) is checked before each row,
 * and past it the rows stop with NC_ELIMIT (what is appended then is not a
 * whole record's: the caller drops it). 0, NC_ENOMEM or NC_ELIMIT. */
int nc_table_rows(nc_buf *out, const nc_record *rec, nc_table_kind kind, char sep, const char *keep_fields,
                  int deadline);

#endif
