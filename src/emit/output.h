/* Output formats: one place that turns a record into the text the chosen
 * --output-format writes, and says what comes before the first record and
 * after the last. */
#ifndef NC_EMIT_OUTPUT_H
#define NC_EMIT_OUTPUT_H
#include "emit/table.h"
#include "newsclaims.h"

typedef enum { NC_OUTPUT_JSONL, NC_OUTPUT_CSV, NC_OUTPUT_TSV, NC_OUTPUT_HTML } nc_output_format;

typedef struct nc_output {
    nc_output_format format;
    nc_table_kind table; /* CSV/TSV: which items make the rows */
    unsigned json_flags; /* JSONL: NC_JSON_* */
} nc_output;

/* The text before the first record (CSV/TSV: the header row; HTML: the
 * page's head) and after the last (HTML: the page's end); "" when there is
 * none. Malloc'd, NULL on out of memory. */
char *nc_output_head(const nc_output *o);
char *nc_output_tail(const nc_output *o);
/* One record: a JSON line (without its newline), the record's rows (each
 * ending in its line break; "" when it has none), or its HTML section. n is
 * the record's number in the run. Malloc'd, NULL on out of memory. */
char *nc_output_record(const nc_output *o, const nc_record *rec, size_t n);
/* 1 when records are written as lines that need a newline after them. */
int nc_output_is_lines(const nc_output *o);

#endif
