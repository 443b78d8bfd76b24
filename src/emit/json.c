/* The JSON record (schema newsclaims/1, docs/schema.md). */
#include "core/record.h"
#include "document/text.h"
#include "emit/claims_json.h"
#include "extract/link.h"
#include "newsclaims.h"
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

/* Adds a string slice of the document, or null when empty. */
static cJSON *slice(const nc_document *doc, size_t s, size_t e)
{
    if (e <= s)
        return cJSON_CreateNull();
    char *tmp = malloc(e - s + 1);
    if (!tmp)
        return NULL;
    memcpy(tmp, doc->text + s, e - s);
    tmp[e - s] = '\0';
    cJSON *v = cJSON_CreateString(tmp);
    free(tmp);
    return v;
}

/* Strings that did not come through the document decoder (paths, JSONL
 * ids, titles, urls, error messages quoting them) may hold any bytes: the
 * output must still be valid UTF-8, so they are decoded the same way. */
static cJSON *str_or_null(const char *s)
{
    if (!s)
        return cJSON_CreateNull();
    const unsigned char *u = (const unsigned char *)s;
    while (*u >= 0x20 && *u < 0x80)
        u++;
    if (!*u) /* plain printable ASCII, the usual case */
        return cJSON_CreateString(s);
    char *clean;
    size_t len, invalid;
    if (nc_text_decode(s, strlen(s), &clean, &len, &invalid))
        return NULL;
    cJSON *v = cJSON_CreateString(clean);
    free(clean);
    return v;
}


static int add(cJSON *obj, const char *key, cJSON *v)
{
    if (!v)
        return NC_ENOMEM;
    return cJSON_AddItemToObject(obj, key, v) ? 0 : NC_ENOMEM;
}

static cJSON *num_or_null(int has, int64_t v) { return has ? cJSON_CreateNumber((double)v) : cJSON_CreateNull(); }

static cJSON *count_json(const nc_document *doc, const nc_figure *f)
{
    cJSON *c = cJSON_CreateObject();
    if (!c)
        return NULL;
    const nc_count *n = &f->count;
    if (add(c, "value", num_or_null(n->has_value, n->value)) || add(c, "low", num_or_null(n->has_low, n->low)) ||
        add(c, "high", num_or_null(n->has_high, n->high)) ||
        add(c, "qualifier", cJSON_CreateString(nc_qualifier_name(n->qualifier))) ||
        add(c, "approximate", cJSON_CreateBool(n->approximate)) ||
        add(c, "text", slice(doc, f->count_start, f->count_end))) {
        cJSON_Delete(c);
        return NULL;
    }
    return c;
}

/* An offset or index as a raw JSON integer: cJSON prints numbers as
 * doubles with a round-trip check, which costs more than the extraction
 * of the claims that carry most of them. */
static cJSON *int_json(size_t v)
{
    char buf[24], *p = buf + sizeof buf;
    *--p = '\0';
    do
        *--p = (char)('0' + v % 10);
    while (v /= 10);
    return cJSON_CreateRaw(p);
}

static cJSON *span_json(size_t s, size_t e)
{
    cJSON *a = cJSON_CreateArray();
    if (a && (!cJSON_AddItemToArray(a, int_json(s)) || !cJSON_AddItemToArray(a, int_json(e)))) {
        cJSON_Delete(a);
        return NULL;
    }
    return a;
}

/* casualties[].actor: who the counted people are, or null. */
static cJSON *figure_actor(const nc_actors *actors, const nc_figure *f)
{
    if (!f->has_actor)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    const char *id = f->actor >= 0 ? actors->items[f->actor].id : NULL;
    if (add(o, "id", str_or_null(id)) || add(o, "country", str_or_null(f->actor_country)) ||
        add(o, "role", str_or_null(nc_sector_code(f->actor_sector)))) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *actor_json(const nc_actor *a)
{
    cJSON *o = cJSON_CreateObject(), *spans = cJSON_CreateArray();
    if (!o || !spans) {
        cJSON_Delete(o);
        cJSON_Delete(spans);
        return NULL;
    }
    int bad = add(o, "id", cJSON_CreateString(a->id)) | add(o, "name", cJSON_CreateString(a->name)) |
              add(o, "type", cJSON_CreateString(nc_actor_type_name(a->type))) |
              add(o, "country", str_or_null(a->country_code)) |
              add(o, "role", str_or_null(nc_sector_code(a->sector))) |
              add(o, "mentions", cJSON_CreateNumber((double)a->n_spans)) | add(o, "spans", spans);
    for (size_t i = 0; i < a->n_spans && !bad; i++) {
        cJSON *pair = cJSON_CreateArray();
        bad |= !pair || !cJSON_AddItemToArray(spans, pair);
        if (!bad)
            bad |= !cJSON_AddItemToArray(pair, cJSON_CreateNumber((double)a->spans[2 * i])) ||
                   !cJSON_AddItemToArray(pair, cJSON_CreateNumber((double)a->spans[2 * i + 1]));
    }
    if (bad) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

/* The source of figure i: the speaker of the claim it was reported in. */
static cJSON *source_json(const nc_record *rec, size_t i)
{
    size_t k = rec->figure_claim ? rec->figure_claim[i] : NC_NO_CLAIM;
    if (k == NC_NO_CLAIM)
        return cJSON_CreateNull();
    const nc_span *sp = &rec->claims.items[k].speaker;
    return slice(&rec->doc, sp->s, sp->e);
}

static cJSON *figure_json(const nc_record *rec, size_t i, unsigned flags)
{
    const nc_document *doc = &rec->doc;
    const nc_figure *f = &rec->figures.items[i];
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    const nc_sentence *s = &doc->sentences[f->sentence];
    cJSON *span = span_json(f->span_start, f->span_end);
    if (add(o, "category", cJSON_CreateString(nc_category_name(f->category))) ||
        add(o, "count", count_json(doc, f)) || add(o, "who", slice(doc, f->who_start, f->who_end)) ||
        add(o, "actor", figure_actor(&rec->actors, f)) || add(o, "source", source_json(rec, i)) ||
        add(o, "when", slice(doc, f->when_start, f->when_end)) || add(o, "span", span) ||
        add(o, "sentence_index", int_json(f->sentence)) ||
        add(o, "rule", cJSON_CreateString(f->rule->id)) || add(o, "sentence", slice(doc, s->start, s->end)) ||
        ((flags & NC_JSON_EXPLAIN) && add(o, "matched", slice(doc, f->span_start, f->span_end)))) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

static cJSON *build(const nc_record *rec, unsigned flags)
{
    const nc_document *doc = &rec->doc;
    const nc_meta *m = &doc->meta;
    cJSON *root = cJSON_CreateObject(), *source = cJSON_CreateObject(), *meta = cJSON_CreateObject();
    cJSON *summary = cJSON_CreateObject(), *cas = cJSON_CreateArray(), *errors = cJSON_CreateArray();
    if (!root || !source || !meta || !summary || !cas || !errors) {
        cJSON_Delete(root);
        cJSON_Delete(source);
        cJSON_Delete(meta);
        cJSON_Delete(summary);
        cJSON_Delete(cas);
        cJSON_Delete(errors);
        return NULL;
    }
    int bad = add(root, "schema", cJSON_CreateString(NC_SCHEMA));
    bad |= add(root, "source", source) | add(root, "meta", meta) | add(root, "summary", summary) |
           add(root, "casualties", cas);
    bad |= add(source, "path", str_or_null(rec->path)) | add(source, "id", str_or_null(rec->id)) |
           add(source, "format", str_or_null(doc->format)) |
           add(source, "bytes", cJSON_CreateNumber((double)doc->bytes));
    bad |= add(meta, "title", str_or_null(m->title)) | add(meta, "byline", str_or_null(m->byline)) |
           add(meta, "published", str_or_null(m->published)) | add(meta, "site", str_or_null(m->site)) |
           add(meta, "url", str_or_null(m->url)) | add(meta, "lang", str_or_null(m->lang ? m->lang : doc->text ? "en" : NULL));
    if (m->encoding)
        bad |= add(meta, "encoding", cJSON_CreateString(m->encoding)) |
               add(meta, "encoding_source", str_or_null(m->encoding_source));
    if (m->published_source)
        bad |= add(meta, "published_source", cJSON_CreateString(m->published_source));
    for (int c = 0; c < NC_CAT_COUNT; c++)
        if (rec->summary.has[c])
            bad |= add(summary, nc_category_name((nc_category)c), cJSON_CreateNumber((double)rec->summary.value[c]));
    for (size_t i = 0; i < rec->figures.n; i++) {
        cJSON *f = figure_json(rec, i, flags);
        if (!f || !cJSON_AddItemToArray(cas, f)) {
            cJSON_Delete(f);
            bad = 1;
        }
    }
    nc_buf claims = {0};
    bad |= nc_claims_json(doc, &rec->claims, (flags & NC_JSON_PRETTY) != 0, 1, &claims) != 0;
    cJSON *actors = cJSON_CreateArray();
    bad |= add(root, "actors", actors);
    for (size_t i = 0; actors && i < rec->actors.n; i++) {
        cJSON *a = actor_json(&rec->actors.items[i]);
        if (!a || !cJSON_AddItemToArray(actors, a)) {
            cJSON_Delete(a);
            bad = 1;
        }
    }
    bad |= add(root, "claims", cJSON_CreateRaw(claims.data ? claims.data : "[]")) |
           add(root, "status", cJSON_CreateString(rec->status)) | add(root, "errors", errors);
    nc_buf_free(&claims);
    for (size_t i = 0; i < doc->errors.n; i++)
        bad |= !cJSON_AddItemToArray(errors, str_or_null(doc->errors.items[i]));
    if (flags & NC_JSON_WITH_TEXT)
        bad |= add(root, "text", cJSON_CreateString(doc->text ? doc->text : ""));
    if (bad) {
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

char *nc_record_to_json(const nc_record *rec, unsigned flags)
{
    cJSON *root = build(rec, flags);
    if (!root)
        return NULL;
    char *s = (flags & NC_JSON_PRETTY) ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (!s)
        return NULL;
    /* cJSON allocates with malloc by default, so nc_free (free) releases it */
    return s;
}
