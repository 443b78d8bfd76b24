/* Unit tests for --timeout's deadline in the stages that are linear but can
 * still outrun it: segmenting and tokenizing 100s of MB, and writing a
 * record whose items are 100s of MB of JSON (a few hundred KiB of nested
 * quotes). A deadline already past makes each stage stop at its next check,
 * so the tests do not depend on the machine's speed. Also the stage
 * times --stats adds up. Run from the repository root. */
#include "check.h"
#include "cli/output.h"
#include "emit/report.h"
#include "core/context.h"
#include "core/record.h"
#include "newsclaims.h"
#include "text/segment.h"
#include "text/token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 10000

/* text of N copies of piece */
static char *repeat(const char *piece)
{
    size_t n = strlen(piece);
    char *t = malloc(n * N + 1);
    if (!t)
        abort();
    for (size_t i = 0; i < N; i++)
        memcpy(t + i * n, piece, n);
    t[n * N] = '\0';
    return t;
}

/* sentences nc_text_segment finds in N copies of piece, with the deadline
 * passed (past = 1) or none */
static size_t segment(const nc_context *ctx, const char *piece, int past, size_t *tokens_of_last)
{
    nc_document doc = {0};
    doc.text = repeat(piece);
    doc.len = strlen(doc.text);
    doc.deadline_ns = past ? 1 : 0; /* 1 ns after boot: long past */
    size_t n = 0;
    if (nc_text_segment(&doc, ctx->abbrevs, 0) == 0)
        n = doc.n_sentences;
    if (tokens_of_last) {
        doc.deadline_ns = past ? 1 : 0;
        *tokens_of_last = (size_t)-1;
        if (nc_tokens_build(&doc, ctx->lexicon) == 0)
            *tokens_of_last = doc.tokens.sent_first[doc.n_sentences] - doc.tokens.sent_first[doc.n_sentences - 1];
    }
    nc_document_clear(&doc);
    return n;
}

static void test_segment(const nc_context *ctx)
{
    /* one paragraph a line */
    CHECK_INT(segment(ctx, "Two were killed.\n", 0, NULL), N);
    size_t n = segment(ctx, "Two were killed.\n", 1, NULL);
    CHECK(n > 0 && n < N);
    /* one paragraph of N sentences */
    CHECK_INT(segment(ctx, "Two were killed. ", 0, NULL), N);
    n = segment(ctx, "Two were killed. ", 1, NULL);
    CHECK(n > 0 && n < N);
    /* tokens: every sentence has its three words and the period; past the
     * deadline the last sentences have none, the stream still consistent */
    size_t last;
    CHECK_INT(segment(ctx, "Two were killed.\n", 0, &last), N);
    CHECK_INT(last, 4);
    segment(ctx, "Two were killed. ", 1, &last);
    CHECK_INT(last, 0);
}

static const char *TEXT = "\"We will rebuild,\" the governor said. \"We will not leave,\" she said. "
                          "Two soldiers were killed, the army said.";

static void test_render(const nc_context *ctx)
{
    nc_options opt = {.format = NC_FORMAT_TEXT, .timeout = 60};
    nc_record *rec = NULL;
    CHECK(nc_record_new_opts(&rec, ctx, TEXT, strlen(TEXT), &opt, NULL) == 0);
    if (!rec)
        return;
    CHECK_STR(nc_record_status(rec), "ok");
    char *json = NULL;
    /* within the deadline: the record as nc_record_to_json writes it */
    char *plain = nc_record_to_json(rec, 0);
    CHECK(nc_record_render(rec, 0, &json) == 0);
    CHECK(json && plain && strcmp(json, plain) == 0);
    CHECK(plain && strstr(plain, "\"claims\":[{") != NULL);
    nc_free(json);
    /* past it: the timeout record, items dropped */
    rec->doc.deadline_ns = 1;
    CHECK(nc_record_render(rec, 0, &json) == 0);
    CHECK_STR(nc_record_status(rec), "timeout");
    CHECK(json && strstr(json, "\"summary\":{},\"casualties\":[],\"actors\":[],\"places\":[],\"claims\":[],\"status\":\"timeout\","
                               "\"errors\":[\"stopped after the time limit of 60 s: no items extracted\"]") != NULL);
    nc_free(json);
    nc_free(plain);
    nc_record_free(rec);

    /* nc_record_to_json ignores the deadline: library callers render when they like */
    CHECK(nc_record_new_opts(&rec, ctx, TEXT, strlen(TEXT), &opt, NULL) == 0);
    if (!rec)
        return;
    rec->doc.deadline_ns = 1;
    plain = nc_record_to_json(rec, 0);
    CHECK(plain && strstr(plain, "\"status\":\"ok\"") != NULL && strstr(plain, "\"claims\":[{") != NULL);
    nc_free(plain);
    nc_record_free(rec);
}

/* CSV, TSV and HTML are written within the deadline too: past it the
 * record is a timeout record, and its rows (none) or section say so. */
static void test_output_formats(const nc_context *ctx)
{
    const nc_output_format formats[] = {NC_OUTPUT_CSV, NC_OUTPUT_TSV, NC_OUTPUT_HTML};
    for (size_t f = 0; f < 3; f++) {
        nc_output out = {.format = formats[f], .table = NC_TABLE_CLAIMS};
        nc_options opt = {.format = NC_FORMAT_TEXT, .timeout = 60};
        nc_record *rec = NULL;
        CHECK(nc_record_new_opts(&rec, ctx, TEXT, strlen(TEXT), &opt, NULL) == 0);
        if (!rec)
            return;
        /* within it: what the writer writes without a deadline */
        nc_buf plain = {0};
        int rc = formats[f] == NC_OUTPUT_HTML ? nc_report_document(&plain, rec, 3, 0)
                                              : nc_table_rows(&plain, rec, NC_TABLE_CLAIMS,
                                                              formats[f] == NC_OUTPUT_TSV ? '\t' : ',', NULL, 0);
        CHECK_INT(rc, 0);
        char *text = nc_output_record(&out, rec, 3);
        CHECK(text && plain.data && strcmp(text, plain.data) == 0);
        CHECK(text && strstr(text, "We will rebuild") != NULL);
        CHECK_STR(nc_record_status(rec), "ok");
        free(text);
        nc_buf_free(&plain);
        /* past it: a timeout record, its claims dropped */
        rec->doc.deadline_ns = 1;
        text = nc_output_record(&out, rec, 3);
        CHECK_STR(nc_record_status(rec), "timeout");
        if (formats[f] == NC_OUTPUT_HTML)
            CHECK(text && strstr(text, "data-claims=\"0\" data-status=\"timeout\"") != NULL &&
                  strstr(text, "stopped after the time limit of 60 s: no items extracted") != NULL &&
                  strstr(text, "We will rebuild") != NULL); /* the text is shown, without highlights */
        else
            CHECK_STR(text, ""); /* no claims, no rows */
        free(text);
        nc_record_free(rec);
    }
}

/* Stage times: none unless asked; asked, every stage a document goes
 * through has some CPU time, and the names come in pipeline order. */
static void test_stage_times(const nc_context *ctx)
{
    static const char *const names[] = {"document", "language", "segment", "tokens", "casualty", "actors", "claims"};
    const char *text = "Three people were killed in shelling in Kharkiv on Monday, the governor said.";
    nc_options opt = {.format = NC_FORMAT_TEXT};
    nc_record *rec = NULL;
    CHECK(nc_record_new_opts(&rec, ctx, text, strlen(text), &opt, NULL) == 0);
    for (int s = 0; s < NC_STAGES; s++)
        CHECK(nc_record_stage_seconds(rec, s) == 0);
    nc_record_free(rec);
    opt.stage_times = 1;
    CHECK(nc_record_new_opts(&rec, ctx, text, strlen(text), &opt, NULL) == 0);
    CHECK_STR(nc_record_status(rec), "ok");
    CHECK_INT(NC_STAGES, (int)(sizeof names / sizeof names[0]));
    for (int s = 0; s < NC_STAGES; s++) {
        CHECK_STR(nc_stage_name(s), names[s]);
        CHECK(nc_record_stage_seconds(rec, s) > 0);
    }
    CHECK(nc_stage_name(NC_STAGES) == NULL && nc_stage_name(-1) == NULL);
    CHECK(nc_record_stage_seconds(rec, NC_STAGES) == 0);
    nc_record_free(rec);
    /* a document of spaces stops before the language: no later stage ran */
    CHECK(nc_record_new_opts(&rec, ctx, "   \n", 4, &opt, NULL) == 0);
    CHECK_STR(nc_record_status(rec), "empty");
    CHECK(nc_record_stage_seconds(rec, NC_STAGE_DOCUMENT) > 0);
    for (int s = NC_STAGE_LANGUAGE; s < NC_STAGES; s++)
        CHECK(nc_record_stage_seconds(rec, s) == 0);
    nc_record_free(rec);
}

int main(void)
{
    nc_context *ctx = NULL;
    char err[512];
    if (nc_context_new(&ctx, NULL, err, sizeof err)) {
        fprintf(stderr, "test_deadline: %s\n", err);
        return 1;
    }
    test_segment(ctx);
    test_render(ctx);
    test_output_formats(ctx);
    test_stage_times(ctx);
    nc_context_free(ctx);
    return CHECK_DONE("test_deadline");
}
