/* What a run writes: its records in the chosen --output-format
 * (output_format.c), and the output file of a long run (-o FILE) and
 * resuming it (--resume, output.c): the records already there, by
 * source.path and source.id, so that a resumed run skips the inputs that
 * have one and appends the rest. */
#ifndef NC_CLI_OUTPUT_H
#define NC_CLI_OUTPUT_H
#include "core/record.h"
#include "emit/table.h"
#include "newsclaims.h"
#include <stddef.h>
#include <stdio.h>

/* ---- the format (output_format.c) ---- */

typedef enum { NC_OUTPUT_JSONL, NC_OUTPUT_CSV, NC_OUTPUT_TSV, NC_OUTPUT_HTML } nc_output_format;

typedef struct nc_output {
    nc_output_format format;
    nc_table_kind table; /* CSV/TSV: which items make the rows */
    unsigned json_flags; /* JSONL: NC_JSON_* */
    const char *keep_fields; /* CSV/TSV: --keep-fields ("a,b" or "all"), or NULL */
} nc_output;

/* The text before the first record (CSV/TSV: the header row; HTML: the
 * page's head) and after the last (HTML: the page's end); "" when there is
 * none. Malloc'd, NULL on out of memory. */
char *nc_output_head(const nc_output *o);
char *nc_output_tail(const nc_output *o);
/* One record: a JSON line (without its newline), the record's rows (each
 * ending in its line break; "" when it has none), or its HTML section. n is
 * the record's number in the run. Every format is written within the
 * record's --timeout (JSON: nc_record_render; past it, rec becomes a
 * timeout record and that is written). Malloc'd, NULL on out of memory. */
char *nc_output_record(const nc_output *o, nc_record *rec, size_t n);
/* 1 when records are written as lines that need a newline after them. */
int nc_output_is_lines(const nc_output *o);

/* ---- the file (output.c) ---- */

typedef struct nc_resume nc_resume;

/* Opens path for writing records. Without resume it is created or
 * emptied. With resume an existing file's torn last line (a record cut
 * off by a kill) is cut, the (source.path, source.id) of every record in
 * it goes to *done, and the file is opened for appending; a missing file
 * is created and *done is empty. 0; NC_EIO (msg says why, naming the file
 * and errno's text); NC_EJSON (msg: "FILE:LINE: not a newsclaims record");
 * NC_ENOMEM. *out is closed by the caller; *done freed with
 * nc_resume_free (NULL without resume). */
int nc_output_open(const char *path, int resume, FILE **out, nc_resume **done, char *msg, size_t msglen);

/* Whether a record of (path, id) (id NULL for none) is in the file and not
 * yet taken: 1, and it counts as taken (an input given twice is matched
 * twice only if the file has it twice); 0 otherwise. */
int nc_resume_take(nc_resume *done, const char *path, const char *id);
/* Whether any record of path is still not taken (cheap; lets the runner
 * avoid reading ids of inputs that cannot match). */
int nc_resume_has_path(const nc_resume *done, const char *path);
/* Records found in the file; records cut as a torn line (0 or 1). */
size_t nc_resume_records(const nc_resume *done);
size_t nc_resume_torn(const nc_resume *done);
void nc_resume_free(nc_resume *done);

#endif
