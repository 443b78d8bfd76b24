/* Records as tables (CSV and TSV): one row per casualty figure, claim or
 * actor, each row carrying the document's path, id, url, title and
 * published date. Columns: docs/schema.md "Tables". */
#ifndef NC_EMIT_TABLE_H
#define NC_EMIT_TABLE_H
#include "core/record.h"
#include "newsclaims.h"
#include "util/buf.h"

typedef enum { NC_TABLE_FIGURES, NC_TABLE_CLAIMS, NC_TABLE_ACTORS } nc_table_kind;

/* sep ',' writes CSV (RFC 4180: a field holding the separator, a quote or
 * a line break is quoted, quotes doubled; rows end in CRLF); sep '\t'
 * writes TSV with the same quoting and rows ending in LF. */

/* Appends the header row. 0 or NC_ENOMEM. */
int nc_table_header(nc_buf *out, nc_table_kind kind, char sep);
/* Appends the rows of one record (none when it has no such items).
 * 0 or NC_ENOMEM. */
int nc_table_rows(nc_buf *out, const nc_record *rec, nc_table_kind kind, char sep);

#endif
