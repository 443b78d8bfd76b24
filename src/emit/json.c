/* The JSON record (schema newsclaims/1, docs/schema.md).
 *
 * The record is written as text directly, in exactly the bytes cJSON's
 * printers gave when the record was built as a cJSON tree (member order,
 * string escapes, number forms, cJSON_Print's tab layout with --pretty):
 * building and printing a tree of a few hundred nodes per document cost
 * more than several of the extractors together. */
#include "core/record.h"
#include "text/segment.h"
#include "emit/claims_json.h"
#include "link/figure_claim.h"
#include "newsclaims.h"
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Layout state, as cJSON's printer keeps it: depth counts the open objects
 * and arrays (both indent), first is set until the current container has
 * its first member. rc is sticky: after the first error nothing is
 * written. */
typedef struct writer {
    nc_buf *b;
    int pretty, depth, first, rc;
} writer;

static void put(writer *w, const char *s, size_t n)
{
    if (!w->rc)
        w->rc = nc_buf_append(w->b, s, n);
}

static void lit(writer *w, const char *s) { put(w, s, strlen(s)); }

static void tabs(writer *w, int n)
{
    static const char t[] = "\t\t\t\t\t\t\t\t";
    for (; n > 0; n -= 8)
        put(w, t, n < 8 ? (size_t)n : 8);
}

static void obj_open(writer *w)
{
    put(w, "{", 1);
    w->depth++;
    w->first = 1;
}

/* cJSON_Print ends every member with a newline and indents the brace one
 * level less than the members; "{\n}" for an empty object. */
static void obj_close(writer *w)
{
    if (w->pretty) {
        put(w, "\n", 1);
        tabs(w, w->depth - 1);
    }
    put(w, "}", 1);
    w->depth--;
    w->first = 0;
}

/* Starts member k of the current object: "k":value, pretty "\n\t\t"k":\tvalue. */
static void key(writer *w, const char *k)
{
    if (!w->first)
        put(w, ",", 1);
    if (w->pretty) {
        put(w, "\n", 1);
        tabs(w, w->depth);
    }
    w->first = 0;
    if (!w->rc)
        w->rc = nc_json_string(w->b, k, strlen(k));
    put(w, w->pretty ? ":\t" : ":", w->pretty ? 2 : 1);
}

static void arr_open(writer *w)
{
    put(w, "[", 1);
    w->depth++;
    w->first = 1;
}

/* Before each element: cJSON_Print separates them with ", ". */
static void elem(writer *w)
{
    if (!w->first)
        put(w, w->pretty ? ", " : ",", w->pretty ? 2 : 1);
    w->first = 0;
}

static void arr_close(writer *w)
{
    put(w, "]", 1);
    w->depth--;
    w->first = 0;
}

static void str_n(writer *w, const char *s, size_t n)
{
    if (!w->rc)
        w->rc = nc_json_string(w->b, s, n);
}

/* A slice of the document as a string, or null when empty. The decoded
 * text holds no NUL (control bytes are dropped), so the whole slice is the
 * string cJSON_CreateString made of it. */
static void slice(writer *w, const nc_document *doc, size_t s, size_t e)
{
    if (e <= s)
        lit(w, "null");
    else
        str_n(w, doc->text + s, e - s);
}

/* Strings that did not come through the document decoder (paths, JSONL
 * ids, titles, urls, error messages quoting them) may hold any bytes: the
 * output must still be valid UTF-8, so they are decoded the same way. */
static void str_or_null(writer *w, const char *s)
{
    if (!s) {
        lit(w, "null");
        return;
    }
    const unsigned char *u = (const unsigned char *)s;
    while (*u >= 0x20 && *u < 0x80)
        u++;
    if (!*u) { /* plain printable ASCII, the usual case */
        str_n(w, s, (size_t)(u - (const unsigned char *)s));
        return;
    }
    char *clean;
    size_t len, invalid;
    if (w->rc || (w->rc = nc_text_decode(s, strlen(s), &clean, &len, &invalid)))
        return;
    str_n(w, clean, strlen(clean));
    free(clean);
}

/* A number as cJSON prints the double it was given ("%1.15g", "%1.17g"
 * when that does not read back): for an integer below 10^15 in size that
 * is its plain decimal form, written here without printf; anything larger
 * goes through cJSON itself so the form stays exactly its own. */
static void num(writer *w, int64_t v)
{
    if (v > -1000000000000000LL && v < 1000000000000000LL) {
        char buf[24], *p = buf + sizeof buf;
        uint64_t m = v < 0 ? (uint64_t)-v : (uint64_t)v;
        do
            *--p = (char)('0' + m % 10);
        while (m /= 10);
        if (v < 0)
            *--p = '-';
        put(w, p, (size_t)(buf + sizeof buf - p));
        return;
    }
    cJSON *n = cJSON_CreateNumber((double)v);
    char *s = n ? cJSON_PrintUnformatted(n) : NULL;
    if (s)
        lit(w, s);
    else if (!w->rc)
        w->rc = NC_ENOMEM;
    free(s);
    cJSON_Delete(n);
}

static void unum(writer *w, size_t v) { num(w, v > INT64_MAX ? INT64_MAX : (int64_t)v); }

static void num_or_null(writer *w, int has, int64_t v)
{
    if (has)
        num(w, v);
    else
        lit(w, "null");
}

static void span(writer *w, size_t s, size_t e)
{
    arr_open(w);
    elem(w);
    unum(w, s);
    elem(w);
    unum(w, e);
    arr_close(w);
}

static void count_json(writer *w, const nc_document *doc, const nc_figure *f)
{
    const nc_count *n = &f->count;
    obj_open(w);
    key(w, "value");
    num_or_null(w, n->has_value, n->value);
    key(w, "low");
    num_or_null(w, n->has_low, n->low);
    key(w, "high");
    num_or_null(w, n->has_high, n->high);
    key(w, "qualifier");
    str_n(w, nc_qualifier_name(n->qualifier), strlen(nc_qualifier_name(n->qualifier)));
    key(w, "approximate");
    lit(w, n->approximate ? "true" : "false");
    key(w, "text");
    slice(w, doc, f->count_start, f->count_end);
    obj_close(w);
}

/* casualties[].actor: who the counted people are, or null. */
static void figure_actor(writer *w, const nc_actors *actors, const nc_figure *f)
{
    if (!f->has_actor) {
        lit(w, "null");
        return;
    }
    obj_open(w);
    key(w, "id");
    str_or_null(w, f->actor >= 0 ? actors->items[f->actor].id : NULL);
    key(w, "country");
    str_or_null(w, f->actor_country);
    key(w, "role");
    str_or_null(w, nc_sector_code(f->actor_sector));
    obj_close(w);
}

static void actor_json(writer *w, const nc_actor *a)
{
    obj_open(w);
    key(w, "id");
    str_n(w, a->id, strlen(a->id));
    key(w, "name");
    str_n(w, a->name, strlen(a->name));
    key(w, "type");
    str_n(w, nc_actor_type_name(a->type), strlen(nc_actor_type_name(a->type)));
    key(w, "country");
    str_or_null(w, a->country_code);
    key(w, "role");
    str_or_null(w, nc_sector_code(a->sector));
    key(w, "mentions");
    unum(w, a->n_spans);
    key(w, "spans");
    arr_open(w);
    for (size_t i = 0; i < a->n_spans; i++) {
        elem(w);
        span(w, a->spans[2 * i], a->spans[2 * i + 1]);
    }
    arr_close(w);
    obj_close(w);
}

/* The source of figure i: the speaker of the claim it was reported in. */
static void source_json(writer *w, const nc_record *rec, size_t i)
{
    size_t k = rec->figure_claim ? rec->figure_claim[i] : NC_NO_CLAIM;
    if (k == NC_NO_CLAIM) {
        lit(w, "null");
        return;
    }
    const nc_span *sp = &rec->claims.items[k].speaker;
    slice(w, &rec->doc, sp->s, sp->e);
}

/* actor_from / source_from: "text", "context", or null when there is none. */
static void from_json(writer *w, int from)
{
    lit(w, from == NC_FROM_TEXT ? "\"text\"" : from == NC_FROM_CONTEXT ? "\"context\"" : "null");
}

static void figure_json(writer *w, const nc_record *rec, size_t i, unsigned flags)
{
    const nc_document *doc = &rec->doc;
    const nc_figure *f = &rec->figures.items[i];
    const nc_sentence *s = &doc->sentences[f->sentence];
    obj_open(w);
    key(w, "category");
    str_n(w, nc_category_name(f->category), strlen(nc_category_name(f->category)));
    key(w, "count");
    count_json(w, doc, f);
    key(w, "who");
    slice(w, doc, f->who_start, f->who_end);
    key(w, "actor");
    figure_actor(w, &rec->actors, f);
    key(w, "actor_from");
    from_json(w, f->has_actor ? f->actor_from : NC_FROM_NONE);
    key(w, "source");
    source_json(w, rec, i);
    key(w, "source_from");
    from_json(w, rec->figure_claim && rec->figure_claim[i] != NC_NO_CLAIM ? f->source_from : NC_FROM_NONE);
    key(w, "claim");
    if (rec->figure_claim && rec->figure_claim[i] != NC_NO_CLAIM)
        unum(w, rec->figure_claim[i]);
    else
        lit(w, "null");
    key(w, "when");
    slice(w, doc, f->when_start, f->when_end);
    key(w, "role");
    str_n(w, nc_role_name(f->role), strlen(nc_role_name(f->role)));
    key(w, "scope");
    str_n(w, nc_scope_name(f->scope), strlen(nc_scope_name(f->scope)));
    key(w, "superseded");
    lit(w, f->superseded ? "true" : "false");
    key(w, "person");
    if (f->person >= 0)
        num(w, f->person);
    else
        lit(w, "null");
    key(w, "span");
    span(w, f->span_start, f->span_end);
    key(w, "sentence_index");
    unum(w, f->sentence);
    key(w, "rule");
    str_n(w, f->rule->id, strlen(f->rule->id));
    key(w, "sentence");
    slice(w, doc, s->start, s->end);
    if (flags & NC_JSON_EXPLAIN) {
        key(w, "matched");
        slice(w, doc, f->span_start, f->span_end);
    }
    obj_close(w);
}

static void build(writer *w, const nc_record *rec, unsigned flags)
{
    const nc_document *doc = &rec->doc;
    const nc_meta *m = &doc->meta;
    obj_open(w);
    key(w, "schema");
    str_n(w, NC_SCHEMA, strlen(NC_SCHEMA));

    key(w, "source");
    obj_open(w);
    key(w, "path");
    str_or_null(w, rec->path);
    key(w, "id");
    str_or_null(w, rec->id);
    key(w, "format");
    str_or_null(w, doc->format);
    key(w, "bytes");
    unum(w, doc->bytes);
    obj_close(w);

    key(w, "meta");
    obj_open(w);
    key(w, "title");
    str_or_null(w, m->title);
    key(w, "byline");
    str_or_null(w, m->byline);
    key(w, "published");
    str_or_null(w, m->published);
    key(w, "site");
    str_or_null(w, m->site);
    key(w, "url");
    str_or_null(w, m->url);
    key(w, "lang");
    str_or_null(w, m->lang ? m->lang : doc->text ? "en" : NULL);
    if (m->encoding) { /* HTML input only: how its bytes were decoded */
        key(w, "encoding");
        str_or_null(w, m->encoding);
        key(w, "encoding_source");
        str_or_null(w, m->encoding_source);
    }
    if (m->published_source) {
        key(w, "published_source");
        str_or_null(w, m->published_source);
    }
    obj_close(w);

    key(w, "summary");
    obj_open(w);
    for (int c = 0; c < NC_CAT_COUNT; c++)
        if (rec->summary.has[c] && c != NC_CAT_SHOT) {
            key(w, nc_category_name((nc_category)c));
            num(w, rec->summary.value[c]);
        }
    obj_close(w);

    key(w, "casualties");
    arr_open(w);
    for (size_t i = 0; i < rec->figures.n; i++) {
        elem(w);
        figure_json(w, rec, i, flags);
    }
    arr_close(w);

    key(w, "actors");
    arr_open(w);
    for (size_t i = 0; i < rec->actors.n; i++) {
        elem(w);
        actor_json(w, &rec->actors.items[i]);
    }
    arr_close(w);

    /* the claims writer lays out its array for the root's depth itself */
    key(w, "claims");
    if (!w->rc)
        w->rc = nc_claims_json(doc, &rec->claims, w->pretty, w->depth, w->b);

    key(w, "status");
    str_n(w, rec->status, strlen(rec->status));
    key(w, "errors");
    arr_open(w);
    for (size_t i = 0; i < doc->errors.n; i++) {
        elem(w);
        str_or_null(w, doc->errors.items[i]);
    }
    arr_close(w);
    if (flags & NC_JSON_WITH_TEXT) {
        key(w, "text");
        str_n(w, doc->text ? doc->text : "", doc->text ? strlen(doc->text) : 0);
    }
    obj_close(w);
}

char *nc_record_to_json(const nc_record *rec, unsigned flags)
{
    nc_buf b = {0};
    /* one allocation for most records: the text, if included, dominates */
    size_t guess = 4096 + ((flags & NC_JSON_WITH_TEXT) && rec->doc.text ? rec->doc.len + rec->doc.len / 8 : 0);
    writer w = {.b = &b, .pretty = (flags & NC_JSON_PRETTY) != 0};
    w.rc = nc_buf_reserve(&b, guess);
    build(&w, rec, flags);
    if (w.rc) {
        nc_buf_free(&b);
        return NULL;
    }
    /* nc_free (free) releases it, as it did cJSON's malloc'ed text */
    return nc_buf_take(&b, NULL);
}
