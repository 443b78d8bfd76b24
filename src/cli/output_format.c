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

static int rows_or_section(const nc_output *o, nc_buf *b, const nc_record *rec, size_t n, int deadline)
{
    if (o->format == NC_OUTPUT_HTML)
        return nc_report_document(b, rec, n, deadline);
    return nc_table_rows(b, rec, o->table, sep(o), o->keep_fields, deadline);
}

char *nc_output_record(const nc_output *o, nc_record *rec, size_t n)
{
    nc_buf b = {0};
    char *json;
    if (o->format == NC_OUTPUT_JSONL)
        return nc_record_render(rec, o->json_flags, &json) ? NULL : json;
    /* within the record's deadline, as nc_record_render writes JSON: past
     * it the record becomes a timeout record, and that is written */
    int rc = rows_or_section(o, &b, rec, n, rec->doc.deadline_ns != 0);
    if (rc == NC_ELIMIT) {
        nc_buf_free(&b);
        if (!(rc = nc_record_time_out(rec)))
            rc = rows_or_section(o, &b, rec, n, 0);
    }
    return done(&b, rc);
}

int nc_output_is_lines(const nc_output *o) { return o->format == NC_OUTPUT_JSONL; }
