/* CSV and TSV rows (emit/table.h). Empty fields stand for null; booleans
 * are true/false; spans are written as start and end columns, in bytes
 * (span_*) and in code points (cspan_*). */
#include "emit/table.h"
#include "emit/fields.h"
#include "input/keep.h"
#include "newsclaims.h"
#include <cjson/cJSON.h>
#include "util/utf8.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every row starts with the document's columns: doc_ keeps them apart
 * from the items' own (a figure's source is who reported it, not the
 * file). The --keep-fields columns follow them (keep_columns). */
#define DOC_COLUMNS "doc_path", "doc_id", "doc_url", "doc_title", "doc_published", "doc_published_source", \
                    "doc_lang", "doc_status"

static const char *const figure_columns[] = {
    DOC_COLUMNS, "index", "category", "count_value", "count_low", "count_high", "qualifier", "approximate",
    "count_text", "who", "actor_id", "actor_country", "actor_role", "source_speaker", "when",
    "span_start", "span_end", "cspan_start", "cspan_end", "sentence_index", "rule", "sentence", NULL};
static const char *const claim_columns[] = {
    DOC_COLUMNS, "index", "speaker", "speaker_actor", "speaker_resolved_from", "cue", "stance", "form",
    "content", "speaker_start", "speaker_end", "content_start", "content_end", "span_start", "span_end",
    "cspan_start", "cspan_end", "sentence_index", "rule", NULL};
static const char *const actor_columns[] = {
    DOC_COLUMNS, "actor_id", "name", "type", "country", "role", "mentions", "first_start", "first_end",
    "first_cstart", "first_cend", NULL};

typedef struct row {
    nc_buf *b;
    char sep;
    int first, rc;
    const char *keep; /* --keep-fields, or NULL */
} row;

static void put(row *r, const char *s, size_t n)
{
    if (!r->rc)
        r->rc = nc_buf_append(r->b, s, n);
}

/* A field, quoted when it must be. */
static void field(row *r, const char *s, size_t n)
{
    if (!r->first)
        put(r, &r->sep, 1);
    r->first = 0;
    if (!s)
        return;
    int quote = 0;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == r->sep || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        put(r, s, n);
        return;
    }
    put(r, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        const char *q = memchr(s + i, '"', n - i);
        size_t upto = q ? (size_t)(q - s) + 1 : n;
        put(r, s + i, upto - i);
        if (q)
            put(r, "\"", 1); /* the quote doubled */
        i = upto - 1;
    }
    put(r, "\"", 1);
}

static void str(row *r, const char *s) { field(r, s, s ? strlen(s) : 0); }

/* A string from outside the document text: made valid UTF-8 first. */
static void ext(row *r, const char *s)
{
    char *tmp;
    const char *clean = nc_clean_string(s, &tmp, &r->rc);
    str(r, clean);
    free(tmp);
}

static void slice(row *r, const nc_document *doc, size_t s, size_t e)
{
    if (e <= s)
        field(r, NULL, 0);
    else
        field(r, doc->text + s, e - s);
}

static void num(row *r, int has, int64_t v)
{
    char buf[24];
    if (!has) {
        field(r, NULL, 0);
        return;
    }
    int n = snprintf(buf, sizeof buf, "%lld", (long long)v);
    field(r, buf, (size_t)n);
}

static void unum(row *r, size_t v) { num(r, 1, (int64_t)v); }

static void end_row(row *r)
{
    if (r->sep == ',')
        put(r, "\r\n", 2);
    else
        put(r, "\n", 1);
    r->first = 1;
}

/* A kept field's value: a string as its text, null as an empty field,
 * numbers, booleans, objects and arrays as their JSON text. */
static void json_field(row *r, const char *v, size_t n)
{
    if (n == 4 && memcmp(v, "null", 4) == 0) {
        field(r, NULL, 0);
        return;
    }
    if (n < 2 || v[0] != '"' || !memchr(v, '\\', n)) {
        field(r, v + (n >= 2 && v[0] == '"'), n >= 2 && v[0] == '"' ? n - 2 : n);
        return;
    }
    cJSON *j = cJSON_ParseWithLength(v, n); /* escapes to decode */
    if (cJSON_IsString(j))
        str(r, j->valuestring);
    else
        field(r, v, n); /* cannot happen for a line cJSON accepted; kept as written */
    cJSON_Delete(j);
}

/* --keep-fields: doc_fields (the object as JSON) for all, else a column
 * doc_field_NAME per name. */
static void keep_columns(row *r, const nc_record *rec)
{
    if (!r->keep)
        return;
    const char *fields = rec->fields ? rec->fields : "{}";
    if (strcmp(r->keep, "all") == 0) {
        str(r, fields);
        return;
    }
    const char *p = r->keep, *name, *v;
    size_t len, n;
    while (nc_keep_spec_next(r->keep, &p, &name, &len)) {
        int got = nc_keep_field_get(fields, name, len, &v, &n);
        if (got < 0 && !r->rc)
            r->rc = got;
        if (got > 0)
            json_field(r, v, n);
        else
            field(r, NULL, 0);
    }
}

static void keep_header(row *r)
{
    if (!r->keep)
        return;
    if (strcmp(r->keep, "all") == 0) {
        str(r, "doc_fields");
        return;
    }
    const char *p = r->keep, *name;
    size_t len;
    nc_buf col = {0};
    while (nc_keep_spec_next(r->keep, &p, &name, &len) && !r->rc) {
        col.len = 0;
        if ((r->rc = nc_buf_append(&col, "doc_field_", 10)) || (r->rc = nc_buf_append(&col, name, len)))
            break;
        field(r, col.data, col.len);
    }
    nc_buf_free(&col);
}

static void doc_columns(row *r, const nc_record *rec)
{
    const nc_meta *m = &rec->doc.meta;
    ext(r, rec->path);
    ext(r, rec->id);
    ext(r, m->url);
    ext(r, m->title);
    ext(r, m->published);
    str(r, m->published ? m->published_source : NULL);
    ext(r, nc_record_lang(rec));
    str(r, rec->status);
    keep_columns(r, rec);
}

static void cspan(row *r, const nc_utf8_index *ix, size_t s, size_t e)
{
    unum(r, nc_utf8_index_cp(ix, s));
    unum(r, nc_utf8_index_cp(ix, e));
}

static void figure_row(row *r, const nc_record *rec, const nc_utf8_index *ix, size_t i)
{
    const nc_document *doc = &rec->doc;
    const nc_figure *f = &rec->figures.items[i];
    const nc_count *n = &f->count;
    doc_columns(r, rec);
    unum(r, i);
    str(r, nc_category_name(f->category));
    num(r, n->has_value, n->value);
    num(r, n->has_low, n->low);
    num(r, n->has_high, n->high);
    str(r, nc_qualifier_name(n->qualifier));
    str(r, n->approximate ? "true" : "false");
    slice(r, doc, f->count_start, f->count_end);
    slice(r, doc, f->who_start, f->who_end);
    str(r, f->has_actor && f->actor >= 0 ? rec->actors.items[f->actor].id : NULL);
    str(r, f->has_actor ? f->actor_country : NULL);
    str(r, f->has_actor ? nc_sector_code(f->actor_sector) : NULL);
    const nc_span *src = nc_figure_source(rec, i);
    if (src)
        slice(r, doc, src->s, src->e);
    else
        field(r, NULL, 0);
    slice(r, doc, f->when_start, f->when_end);
    unum(r, f->span_start);
    unum(r, f->span_end);
    cspan(r, ix, f->span_start, f->span_end);
    unum(r, f->sentence);
    str(r, f->rule->id);
    const nc_sentence *s = &doc->sentences[f->sentence];
    slice(r, doc, s->start, s->end);
    end_row(r);
}

static void claim_row(row *r, const nc_record *rec, const nc_utf8_index *ix, size_t i)
{
    const nc_document *doc = &rec->doc;
    const nc_claim *c = &rec->claims.items[i];
    doc_columns(r, rec);
    unum(r, i);
    slice(r, doc, c->speaker.s, c->speaker.e);
    str(r, c->speaker_actor);
    if (c->resolved)
        slice(r, doc, c->ref.s, c->ref.e);
    else
        field(r, NULL, 0);
    slice(r, doc, c->cue.s, c->cue.e);
    str(r, nc_stance_name(c->stance));
    str(r, nc_claim_form_name(c->form));
    /* the parts of a split quote joined by one space, as in the JSON */
    nc_buf joined = {0};
    for (size_t k = 0; k < c->n_content && !r->rc; k++)
        if ((k && (r->rc = nc_buf_append(&joined, " ", 1))) ||
            (r->rc = nc_buf_append(&joined, doc->text + c->content[k].s, c->content[k].e - c->content[k].s)))
            break;
    field(r, joined.data ? joined.data : "", joined.len);
    nc_buf_free(&joined);
    int has_speaker = c->speaker.e > c->speaker.s;
    num(r, has_speaker, (int64_t)c->speaker.s);
    num(r, has_speaker, (int64_t)c->speaker.e);
    unum(r, c->content[0].s);
    unum(r, c->content[c->n_content - 1].e);
    unum(r, c->span.s);
    unum(r, c->span.e);
    cspan(r, ix, c->span.s, c->span.e);
    unum(r, c->sentence);
    str(r, c->rule);
    end_row(r);
}

static void actor_row(row *r, const nc_record *rec, const nc_utf8_index *ix, size_t i)
{
    const nc_actor *a = &rec->actors.items[i];
    doc_columns(r, rec);
    str(r, a->id);
    str(r, a->name);
    str(r, nc_actor_type_name(a->type));
    str(r, a->country_code);
    str(r, nc_sector_code(a->sector));
    unum(r, a->n_spans);
    int has = a->n_spans > 0;
    num(r, has, has ? (int64_t)a->spans[0] : 0);
    num(r, has, has ? (int64_t)a->spans[1] : 0);
    if (has)
        cspan(r, ix, a->spans[0], a->spans[1]);
    else {
        field(r, NULL, 0);
        field(r, NULL, 0);
    }
    end_row(r);
}

int nc_table_header(nc_buf *out, nc_table_kind kind, char sep, const char *keep_fields)
{
    row r = {.b = out, .sep = sep, .first = 1, .keep = keep_fields};
    const char *const *cols = kind == NC_TABLE_CLAIMS ? claim_columns
                              : kind == NC_TABLE_ACTORS ? actor_columns
                                                        : figure_columns;
    for (size_t i = 0; cols[i]; i++) {
        str(&r, cols[i]);
        if (strcmp(cols[i], "doc_status") == 0)
            keep_header(&r);
    }
    end_row(&r);
    return r.rc;
}

int nc_table_rows(nc_buf *out, const nc_record *rec, nc_table_kind kind, char sep, const char *keep_fields,
                  int deadline)
{
    size_t n = kind == NC_TABLE_CLAIMS ? rec->claims.n : kind == NC_TABLE_ACTORS ? rec->actors.n : rec->figures.n;
    row r = {.b = out, .sep = sep, .first = 1, .keep = keep_fields};
    if (!n)
        return nc_buf_append(out, "", 0); /* an empty, NUL-terminated string */
    nc_utf8_index ix;
    if (nc_utf8_index_init(&ix, rec->doc.text ? rec->doc.text : "", rec->doc.text ? rec->doc.len : 0))
        return NC_ENOMEM;
    for (size_t i = 0; i < n && !r.rc; i++) {
        if (deadline && nc_document_expired(&rec->doc)) { /* one row can hold the whole text */
            r.rc = NC_ELIMIT;
            break;
        }
        if (kind == NC_TABLE_CLAIMS)
            claim_row(&r, rec, &ix, i);
        else if (kind == NC_TABLE_ACTORS)
            actor_row(&r, rec, &ix, i);
        else
            figure_row(&r, rec, &ix, i);
    }
    nc_utf8_index_free(&ix);
    return r.rc;
}
