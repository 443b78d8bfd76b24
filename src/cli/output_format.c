/* The format records are written in (cli/output.h). */
#include "cli/output.h"
#include "emit/report.h"
#include <stdlib.h>
#include <string.h>

static char *done(nc_buf *b, int rc)
{
    if (!rc && !b->data)
        rc = nc_buf_append(b, "", 0);
    if (rc) {
        nc_buf_free(b);
        return NULL;
    }
    return nc_buf_take(b, NULL);
}

static char sep(const nc_output *o) { return o->format == NC_OUTPUT_TSV ? '\t' : ','; }

char *nc_output_head(const nc_output *o)
{
    nc_buf b = {0};
    int rc = 0;
    if (o->format == NC_OUTPUT_CSV || o->format == NC_OUTPUT_TSV)
        rc = nc_table_header(&b, o->table, sep(o), o->keep_fields);
    else if (o->format == NC_OUTPUT_HTML)
        rc = nc_report_head(&b);
    return done(&b, rc);
}

char *nc_output_tail(const nc_output *o)
{
    nc_buf b = {0};
    return done(&b, o->format == NC_OUTPUT_HTML ? nc_report_tail(&b) : 0);
}

char *nc_output_record(const nc_output *o, const nc_record *rec, size_t n)
{
    nc_buf b = {0};
    switch (o->format) {
    case NC_OUTPUT_CSV:
    case NC_OUTPUT_TSV: return done(&b, nc_table_rows(&b, rec, o->table, sep(o), o->keep_fields));
    case NC_OUTPUT_HTML: return done(&b, nc_report_document(&b, rec, n));
    default: return nc_record_to_json(rec, o->json_flags);
    }
}

int nc_output_is_lines(const nc_output *o) { return o->format == NC_OUTPUT_JSONL; }
