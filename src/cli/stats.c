/* --stats: the numbers of a run, as a line of text or one JSON object. */
#include "cli/batch.h"
#include <cjson/cJSON.h>
#include <stdlib.h>

/* A stage's name in --stats: the record's, then "output". */
static const char *stage_label(int k) { return k < NC_STAGES ? nc_stage_name(k) : "output"; }

static void print_json(FILE *f, const nc_batch_stats *s, double seconds)
{
    cJSON *o = cJSON_CreateObject(), *w = cJSON_CreateObject(), *sk = cJSON_CreateObject();
    if (!o || !w || !sk) {
        cJSON_Delete(o);
        cJSON_Delete(w);
        cJSON_Delete(sk);
        return;
    }
    cJSON_AddNumberToObject(o, "documents", (double)s->read);
    cJSON_AddNumberToObject(o, "records", (double)s->documents);
    cJSON_AddNumberToObject(o, "failed", (double)s->failed);
    cJSON_AddNumberToObject(o, "files_skipped", (double)s->skipped);
    cJSON_AddNumberToObject(o, "resumed", (double)s->resumed);
    cJSON_AddNumberToObject(o, "bytes", (double)s->bytes);
    cJSON_AddNumberToObject(o, "seconds", (double)(long long)(seconds * 1000 + 0.5) / 1000);
    cJSON_AddBoolToObject(o, "output_closed", s->pipe_closed != 0);
    if (s->interrupted)
        cJSON_AddNumberToObject(o, "signal", s->interrupted);
    else
        cJSON_AddNullToObject(o, "signal");
    cJSON_AddNumberToObject(w, "records", (double)s->warc_records);
    for (int k = 0; k < NC_SKIP_KINDS; k++)
        cJSON_AddNumberToObject(sk, nc_warc_skip_names[k], (double)s->warc_skipped[k]);
    cJSON_AddItemToObject(w, "skipped", sk);
    cJSON_AddItemToObject(o, "warc", w);
    cJSON *st = cJSON_AddObjectToObject(o, "cpu_seconds");
    for (int k = 0; st && k < NC_BATCH_STAGES; k++)
        cJSON_AddNumberToObject(st, stage_label(k), (double)(long long)(s->stage_s[k] * 1000 + 0.5) / 1000);
    char *text = cJSON_PrintUnformatted(o);
    if (text)
        fprintf(f, "%s\n", text);
    free(text);
    cJSON_Delete(o);
}

void nc_batch_stats_print(FILE *f, const nc_batch_stats *s, double seconds, int json)
{
    if (json) {
        print_json(f, s, seconds);
        return;
    }
    fprintf(f, "newsclaims: stats: %zu documents, %zu records, %zu with errors, %zu files skipped, %zu bytes, %.3f s",
            s->read, s->documents, s->failed, s->skipped, s->bytes, seconds);
    if (s->resumed)
        fprintf(f, ", %zu already in the output", s->resumed);
    if (s->warc_records) {
        size_t skipped = 0;
        for (int k = 0; k < NC_SKIP_KINDS; k++)
            skipped += s->warc_skipped[k];
        fprintf(f, "; %zu WARC records, %zu not documents", s->warc_records, skipped);
        for (int k = 0, first = 1; k < NC_SKIP_KINDS; k++)
            if (s->warc_skipped[k]) {
                fprintf(f, "%s%zu %s", first ? " (" : ", ", s->warc_skipped[k], nc_warc_skip_names[k]);
                first = 0;
            }
        if (skipped)
            fputc(')', f);
    }
    double cpu = 0;
    for (int k = 0; k < NC_BATCH_STAGES; k++)
        cpu += s->stage_s[k];
    if (cpu > 0) {
        fputs("; CPU by stage:", f);
        for (int k = 0; k < NC_BATCH_STAGES; k++)
            fprintf(f, "%s %s %.3f s", k ? "," : "", stage_label(k), s->stage_s[k]);
    }
    if (s->pipe_closed)
        fputs(" (output closed early)", f);
    if (s->interrupted)
        fprintf(f, " (stopped by signal %d)", s->interrupted);
    fputc('\n', f);
}
