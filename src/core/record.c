/* The pipeline for one document: decode, parse, segment, extract, summarise. */
#include "core/record.h"
#include "link/speaker_actor.h"
#include "core/context.h"
#include "document/body.h"
#include "document/charset.h"
#include "document/date.h"
#include "document/html.h"
#include "document/meta.h"
#include "text/segment.h"
#include "link/figure_claim.h"
#include "link/figure_place.h"
#include "link/figure_actor.h"
#include "extract/casualty/headline.h"
#include "extract/casualty/role.h"
#include "extract/casualty/scope.h"
#include "newsclaims.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NC_INTERPRET_MAX (64u << 10) /* nc_options.no_jit: texts under 64 KiB */

static int dup_opt(char **dst, const char *src)
{
    if (!src)
        return 0;
    *dst = strdup(src);
    return *dst ? 0 : NC_ENOMEM;
}

static int record_alloc(nc_record **out, const nc_source *src, size_t bytes)
{
    nc_record *rec = calloc(1, sizeof *rec);
    if (!rec)
        return NC_ENOMEM;
    rec->status = "ok";
    rec->doc.bytes = bytes;
    if (src && (dup_opt(&rec->path, src->path) || dup_opt(&rec->id, src->id) || dup_opt(&rec->fields, src->fields) ||
                dup_opt(&rec->doc.meta.url, src->url) || dup_opt(&rec->doc.meta.title, src->title))) {
        nc_record_free(rec);
        return NC_ENOMEM;
    }
    *out = rec;
    return 0;
}

static int only_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
            return 0;
    return 1;
}

/* HTML bytes -> article text and metadata: charset, parse, metadata,
 * body. Problems with the page go to errors[]; only NC_ENOMEM fails. */
static int load_html(nc_record *rec, const char *bytes, size_t len, long long ref, const char *charset,
                     char **text, size_t *text_len)
{
    nc_document *doc = &rec->doc;
    nc_charset_info cs;
    char *utf8 = NULL, *ld_body = NULL;
    size_t ulen = 0;
    xmlDoc *tree = NULL;
    nc_body body = {0};
    int rc = nc_charset_to_utf8_hint(bytes, len, charset, &utf8, &ulen, &cs);
    if (rc)
        goto done;
    doc->meta.encoding = cs.encoding;
    doc->meta.encoding_source = cs.source;
    if (cs.note[0] && (rc = nc_strlist_add(&doc->errors, cs.note)))
        goto done;
    if (cs.invalid && (rc = nc_strlist_addf(&doc->errors, "invalid %s: %zu byte sequence(s) replaced with U+FFFD",
                                            cs.encoding, cs.invalid)))
        goto done;
    size_t dropped = 0;
    rc = nc_html_parse_until(utf8, ulen, doc->deadline_ns, &dropped, &tree);
    if (rc == NC_ELIMIT) { /* past the deadline: the caller says "timeout" */
        rc = 0;
        goto done;
    }
    if (dropped && (rc = nc_strlist_addf(&doc->errors, "%zu attribute(s) dropped from elements with more than %d",
                                         dropped, NC_HTML_MAX_ATTRS)))
        goto done;
    if (rc == NC_EHTML || rc == NC_ETOOBIG) {
        rec->status = "error";
        rc = nc_strlist_add(&doc->errors, rc == NC_EHTML ? "HTML could not be parsed" : "HTML page larger than 2 GiB");
        goto done;
    }
    if (rc || (rc = nc_meta_read(tree, &doc->meta, ref, &ld_body)) || (rc = nc_body_extract(tree, ld_body, &body)))
        goto done;
    if (body.not_article)
        rec->status = "not_article";
    *text = body.text;
    *text_len = body.len;
    body.text = NULL;
done:
    free(body.text);
    free(ld_body);
    xmlFreeDoc(tree);
    free(utf8);
    return rc;
}

/* Bytes -> doc->text, by format. */
static int load_text(nc_record *rec, const char *bytes, size_t len, nc_format format, long long ref,
                     const char *charset)
{
    nc_document *doc = &rec->doc;
    if (format == NC_FORMAT_AUTO)
        format = nc_html_sniff(bytes, len) || nc_charset_is_utf16(bytes, len) ? NC_FORMAT_HTML : NC_FORMAT_TEXT;
    size_t invalid = 0;
    int rc;
    if (format == NC_FORMAT_HTML) {
        doc->format = "html";
        char *visible = NULL;
        size_t vlen = 0;
        if ((rc = load_html(rec, bytes, len, ref, charset, &visible, &vlen)) || !visible)
            return rc;
        /* the text is UTF-8 already; decoding again keeps the promise of
         * valid output whatever happened on the way */
        rc = nc_text_decode(visible, vlen, &doc->text, &doc->len, &invalid);
        free(visible);
    } else {
        doc->format = "text";
        rc = nc_text_decode(bytes, len, &doc->text, &doc->len, &invalid);
    }
    if (rc)
        return rc;
    if (invalid)
        return nc_strlist_addf(&doc->errors, "invalid UTF-8: %zu byte sequence(s) replaced with U+FFFD",
                               invalid);
    return 0;
}

/* The article's date as "YYYY-MM-DD" in buf (16 bytes): its published
 * date, else the --reference-date the caller gave; NULL when neither is
 * known. */
static const char *article_date(const nc_record *rec, const nc_options *opt, char *buf)
{
    const char *p = rec->doc.meta.published;
    if (p && strlen(p) >= 10 && p[4] == '-' && p[7] == '-') {
        memcpy(buf, p, 10);
        buf[10] = '\0';
        return buf;
    }
    if (opt && opt->reference_time) {
        time_t t = (time_t)opt->reference_time;
        struct tm tm;
        if (gmtime_r(&t, &tm) && strftime(buf, 16, "%Y-%m-%d", &tm) == 10)
            return buf;
    }
    return NULL;
}

/* The summary, with the headline's figures when the headline is not a
 * sentence of the text (JSONL title, HTML headline). A first line of the
 * text that reads as a headline but is not the one given (a caption, a
 * kicker) is then body. */
static int summarise(const nc_context *ctx, nc_record *rec)
{
    const nc_document *doc = &rec->doc;
    const char *title = doc->meta.title;
    for (size_t i = 0; i < doc->n_sentences && title; i++) {
        const nc_sentence *s = &doc->sentences[i];
        if (s->is_title && strlen(title) == s->end - s->start && memcmp(title, doc->text + s->start, s->end - s->start) == 0)
            title = NULL; /* the headline is the text's first line */
    }
    nc_headline h;
    int rc = nc_headline_read(ctx->rules, ctx->numbers, nc_casualty_match_mode(doc), title, &h);
    if (!rc)
        nc_summary_compute(doc, &rec->figures, &rec->persons, h.doc.text ? &h : NULL, &rec->summary);
    nc_headline_clear(&h);
    return rc;
}

/* meta.published from the crawl date when the document gave none (and
 * the date is a real one, not after the reference time). */
static int crawl_date_fallback(nc_meta *m, const nc_source *src, long long ref)
{
    nc_date d;
    if (m->published || !src || !src->crawl_date || !nc_date_parse(src->crawl_date, &d) || nc_date_epoch(&d) > ref)
        return 0;
    char buf[32];
    nc_date_format(&d, buf, sizeof buf);
    if (!(m->published = strdup(buf)))
        return NC_ENOMEM;
    m->published_source = "warc-date";
    return 0;
}

int nc_record_new(nc_record **out, const nc_context *ctx, const char *bytes, size_t len,
                  nc_format format, const nc_source *src)
{
    nc_options opt = {.format = format};
    return nc_record_new_opts(out, ctx, bytes, len, &opt, src);
}

int nc_record_time_out(nc_record *rec)
{
    rec->status = "timeout";
    nc_figures_free(&rec->figures);
    nc_persons_free(&rec->persons);
    nc_actors_free(&rec->actors);
    nc_claims_free(&rec->claims);
    free(rec->figure_claim);
    rec->figure_claim = NULL;
    memset(&rec->summary, 0, sizeof rec->summary);
    return nc_strlist_addf(&rec->doc.errors, "stopped after the time limit of %g s: no items extracted",
                           rec->timeout);
}

static const char *const stage_names[NC_STAGES] = {"document", "language", "segment", "tokens",
                                                   "casualty", "actors",   "claims"};

const char *nc_stage_name(int stage) { return stage >= 0 && stage < NC_STAGES ? stage_names[stage] : NULL; }

double nc_record_stage_seconds(const nc_record *rec, int stage)
{
    return stage >= 0 && stage < NC_STAGES ? (double)rec->stage_ns[stage] / 1e9 : 0;
}

/* The stage that has just ended took the CPU time since the last mark
 * (nothing when the record is not timed). */
static void stage_done(nc_record *rec, enum nc_stage stage)
{
    if (!rec->stage_mark)
        return;
    uint64_t now = nc_thread_cpu_ns();
    rec->stage_ns[stage] += now - rec->stage_mark;
    rec->stage_mark = now;
}

/* The record of bytes; owned (bytes, or NULL) is freed once they are read. */
static int record_new(nc_record **out, const nc_context *ctx, const char *bytes, size_t len, char *owned,
                      const nc_options *opt, const nc_source *src)
{
    nc_record *rec = NULL;
    nc_format format = opt ? opt->format : NC_FORMAT_AUTO;
    long long ref = opt && opt->reference_time ? opt->reference_time : (long long)time(NULL);
    int rc = record_alloc(&rec, src, len);
    if (rc) {
        free(owned);
        return rc;
    }
    if (opt && opt->stage_times)
        rec->stage_mark = nc_thread_cpu_ns();
    if (opt && opt->timeout > 0) {
        rec->timeout = opt->timeout;
        rec->doc.deadline_ns = nc_clock_ns() + (uint64_t)(opt->timeout * 1e9);
    }
    rc = load_text(rec, bytes, len, format, ref, opt ? opt->charset : NULL);
    free(owned); /* the text has what was read */
    if (rc || (rc = crawl_date_fallback(&rec->doc.meta, src, ref)))
        goto fail;
    stage_done(rec, NC_STAGE_DOCUMENT);
    if (nc_document_expired(&rec->doc))
        goto timeout;
    if (strcmp(rec->status, "ok") != 0 || (opt && opt->text_only))
        goto done;
    /* a long text repays the JIT on its own */
    rec->doc.no_jit = opt && opt->no_jit == 1 && rec->doc.len < NC_INTERPRET_MAX;
    rec->doc.jit_hot = opt && opt->no_jit == NC_JIT_HOT && rec->doc.len < NC_INTERPRET_MAX;
    if (!rec->doc.text || only_space(rec->doc.text, rec->doc.len)) {
        rec->status = "empty";
        goto done;
    }
    nc_lang_guess lang;
    nc_langid_detect(ctx->langid, rec->doc.text, rec->doc.len, &lang);
    rec->doc.meta.lang_detected = lang.code;
    rec->doc.meta.lang_confidence = lang.confidence;
    stage_done(rec, NC_STAGE_LANGUAGE);
    if (lang.foreign) { /* the rules would find nothing, and "ok" would hide why */
        rec->status = "unsupported_language";
        goto done;
    }
    if ((rc = nc_text_segment(&rec->doc, ctx->abbrevs, strcmp(rec->doc.format, "text") == 0)))
        goto fail;
    stage_done(rec, NC_STAGE_SEGMENT);
    if (nc_document_expired(&rec->doc)) /* segmenting and tokens are linear, but 100s of MB take seconds */
        goto timeout;
    if (rec->doc.n_sentences == 0) { /* only (Unicode) spaces */
        rec->status = "empty";
        goto done;
    }
    /* the one token stream every extractor reads */
    if ((rc = nc_tokens_build(&rec->doc, ctx->lexicon)) == NC_ETOOBIG) {
        rec->status = "error";
        rc = nc_strlist_add(&rec->doc.errors, "text of 4 GiB or more: not read");
        if (rc)
            goto fail;
        goto done;
    }
    if (rc)
        goto fail;
    stage_done(rec, NC_STAGE_TOKENS);
    if (nc_document_expired(&rec->doc))
        goto timeout;
    if ((rc = nc_casualty_extract(ctx->rules, ctx->numbers, &rec->doc, &rec->figures)))
        goto fail;
    if (nc_document_expired(&rec->doc))
        goto timeout;
    int jit = !rec->doc.no_jit;
    const pcre2_code *class_re = nc_ruleset_macro_code(ctx->rules, "PERSONCLASS", jit);
    if ((rc = nc_scope_assign(nc_ruleset_macro_code(ctx->rules, "SCOPE", jit), &rec->doc, &rec->figures)) ||
        (rc = nc_victims_link(class_re, &rec->doc, &rec->figures, &rec->persons)))
        goto fail;
    nc_roles_assign(class_re, &rec->doc, &rec->figures, &rec->persons);
    if ((rc = summarise(ctx, rec)))
        goto fail;
    stage_done(rec, NC_STAGE_CASUALTY);
    rec->gaz = ctx->gazetteer;
    char date[16];
    if ((rc = nc_actors_extract(ctx->gazetteer, &rec->doc, article_date(rec, opt, date), &rec->actors)))
        goto fail;
    nc_actors_link(&rec->actors, ctx->gazetteer, &rec->figures);
    nc_actors_inherit(&rec->actors, ctx->gazetteer, &rec->doc, &rec->figures);
    nc_places_link(&rec->actors, &rec->doc, &rec->figures);
    stage_done(rec, NC_STAGE_ACTORS);
    if ((rc = nc_claims_extract(ctx->cues, ctx->pos, &rec->doc, &rec->claims)) ||
        (rc = nc_claims_link(&rec->doc, &rec->figures, &rec->claims, &rec->figure_claim)))
        goto fail;
    if ((rc = nc_claims_link_speakers(&rec->claims, &rec->actors)))
        goto fail;
    stage_done(rec, NC_STAGE_CLAIMS);
    /* every extractor has read the stream (claims, the last, freed it as
     * soon as it had its view): it goes before the record is written */
    nc_tokens_free(&rec->doc.tokens);
    if (nc_document_expired(&rec->doc))
        goto timeout;
done:
    *out = rec;
    return 0;
timeout:
    if ((rc = nc_record_time_out(rec)))
        goto fail;
    goto done;
fail:
    nc_record_free(rec);
    return rc;
}

int nc_record_new_opts(nc_record **out, const nc_context *ctx, const char *bytes, size_t len,
                       const nc_options *opt, const nc_source *src)
{
    return record_new(out, ctx, bytes, len, NULL, opt, src);
}

int nc_record_new_take(nc_record **out, const nc_context *ctx, char *bytes, size_t len, const nc_options *opt,
                       const nc_source *src)
{
    return record_new(out, ctx, bytes, len, bytes, opt, src);
}

int nc_record_new_failed(nc_record **out, const nc_source *src, size_t bytes, const char *reason)
{
    nc_record *rec = NULL;
    int rc = record_alloc(&rec, src, bytes);
    if (rc)
        return rc;
    rec->status = "error";
    if ((rc = nc_strlist_add(&rec->doc.errors, reason))) {
        nc_record_free(rec);
        return rc;
    }
    *out = rec;
    return 0;
}

void nc_record_free(nc_record *rec)
{
    if (!rec)
        return;
    nc_document_clear(&rec->doc);
    nc_figures_free(&rec->figures);
    nc_persons_free(&rec->persons);
    nc_actors_free(&rec->actors);
    nc_claims_free(&rec->claims);
    free(rec->figure_claim);
    free(rec->path);
    free(rec->id);
    free(rec->fields);
    free(rec);
}

const char *nc_record_status(const nc_record *rec) { return rec->status; }

const char *nc_record_text(const nc_record *rec, size_t *len)
{
    if (len)
        *len = rec->doc.text ? rec->doc.len : 0;
    return rec->doc.text ? rec->doc.text : "";
}
