/* The pipeline for one document: decode, parse, segment, extract, summarise. */
#include "core/record.h"
#include "extract/speaker_actor.h"
#include "core/context.h"
#include "document/html.h"
#include "document/text.h"
#include "extract/link.h"
#include "newsclaims.h"
#include <stdlib.h>
#include <string.h>

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
    if (src && (dup_opt(&rec->path, src->path) || dup_opt(&rec->id, src->id) ||
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

/* Bytes -> doc->text, by format. */
static int load_text(nc_record *rec, const char *bytes, size_t len, nc_format format)
{
    nc_document *doc = &rec->doc;
    if (format == NC_FORMAT_AUTO)
        format = nc_html_sniff(bytes, len) ? NC_FORMAT_HTML : NC_FORMAT_TEXT;
    size_t invalid = 0;
    int rc;
    if (format == NC_FORMAT_HTML) {
        doc->format = "html";
        char *visible = NULL;
        size_t vlen = 0;
        rc = nc_html_to_text(bytes, len, &visible, &vlen, &doc->meta);
        if (rc == NC_EHTML) {
            rec->status = "error";
            return nc_strlist_add(&doc->errors, "HTML could not be parsed");
        }
        if (rc)
            return rc;
        /* libxml2 converts to UTF-8, but a lying charset can still leave
         * bad bytes: decode again so the output is always valid */
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

int nc_record_new(nc_record **out, const nc_context *ctx, const char *bytes, size_t len,
                  nc_format format, const nc_source *src)
{
    nc_record *rec = NULL;
    int rc = record_alloc(&rec, src, len);
    if (rc)
        return rc;
    if ((rc = load_text(rec, bytes, len, format)))
        goto fail;
    if (strcmp(rec->status, "ok") != 0)
        goto done;
    if (!rec->doc.text || only_space(rec->doc.text, rec->doc.len)) {
        rec->status = "empty";
        goto done;
    }
    if ((rc = nc_text_segment(&rec->doc, ctx->abbrevs, strcmp(rec->doc.format, "text") == 0)))
        goto fail;
    if (rec->doc.n_sentences == 0) { /* only (Unicode) spaces */
        rec->status = "empty";
        goto done;
    }
    if ((rc = nc_casualty_extract(ctx->rules, ctx->numbers, ctx->when_re, &rec->doc, &rec->figures)))
        goto fail;
    nc_summary_compute(&rec->doc, &rec->figures, &rec->summary);
    if ((rc = nc_actors_extract(ctx->gazetteer, &rec->doc, &rec->actors)))
        goto fail;
    nc_actors_link(&rec->actors, ctx->gazetteer, &rec->figures);
    if ((rc = nc_claims_extract(ctx->cues, &rec->doc, &rec->claims)) ||
        (rc = nc_claims_link(&rec->figures, &rec->claims, &rec->figure_claim)))
        goto fail;
    nc_claims_link_speakers(&rec->claims, &rec->actors);
done:
    *out = rec;
    return 0;
fail:
    nc_record_free(rec);
    return rc;
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
    nc_actors_free(&rec->actors);
    nc_claims_free(&rec->claims);
    free(rec->figure_claim);
    free(rec->path);
    free(rec->id);
    free(rec);
}

const char *nc_record_status(const nc_record *rec) { return rec->status; }
