/* The JSON record (schema newsclaims/2, docs/schema.md), written with the
 * one JSON writer (emit/writer.h), in exactly the bytes cJSON's printers
 * gave when the record was built as a cJSON tree; --pretty as jq lays it
 * out. Next to every byte span goes its cspan, the same range in code
 * points (ix turns one into the other). */
#include "core/record.h"
#include "emit/fields.h"
#include "emit/writer.h"
#include "link/figure_claim.h"
#include "link/figure_place.h"
#include "newsclaims.h"
#include "util/utf8.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef nc_jw writer;

/* A slice of the document as a string, or null when empty. The decoded
 * text holds no NUL (control bytes are dropped), so the whole slice is the
 * string cJSON_CreateString made of it. */
static void slice(writer *w, const nc_document *doc, size_t s, size_t e)
{
    if (e <= s)
        nc_jw_lit(w, "null");
    else
        nc_jw_str(w, doc->text + s, e - s);
}

/* Strings that did not come through the document decoder (paths, JSONL
 * ids, titles, urls, error messages quoting them) may hold any bytes: the
 * output must still be valid UTF-8, so they are decoded the same way. */
static void str_or_null(writer *w, const char *s)
{
    if (!s) {
        nc_jw_lit(w, "null");
        return;
    }
    char *tmp;
    const char *clean = nc_clean_string(s, &tmp, &w->rc);
    if (clean)
        nc_jw_str(w, clean, strlen(clean));
    free(tmp);
}

static void num_or_null(writer *w, int has, int64_t v)
{
    if (has)
        nc_jw_num(w, v);
    else
        nc_jw_lit(w, "null");
}

/* A number in [0, 1] with two decimals ("0.97", "1", "0"). */
static void confidence(writer *w, double v)
{
    int c = (int)(v * 100 + 0.5);
    char buf[8];
    if (c >= 100)
        nc_jw_lit(w, "1");
    else if (c <= 0)
        nc_jw_lit(w, "0");
    else {
        snprintf(buf, sizeof buf, c % 10 ? "0.%02d" : "0.%d", c % 10 ? c : c / 10);
        nc_jw_lit(w, buf);
    }
}

/* The range [s, e) of bytes as code points. */
static void cspan(writer *w, const nc_utf8_index *ix, size_t s, size_t e)
{
    nc_jw_span(w, nc_utf8_index_cp(ix, s), nc_utf8_index_cp(ix, e));
}

static void count_json(writer *w, const nc_document *doc, const nc_figure *f)
{
    const nc_count *n = &f->count;
    nc_jw_obj_open(w);
    nc_jw_key(w, "value");
    num_or_null(w, n->has_value, n->value);
    nc_jw_key(w, "low");
    num_or_null(w, n->has_low, n->low);
    nc_jw_key(w, "high");
    num_or_null(w, n->has_high, n->high);
    nc_jw_key(w, "qualifier");
    nc_jw_str(w, nc_qualifier_name(n->qualifier), strlen(nc_qualifier_name(n->qualifier)));
    nc_jw_key(w, "approximate");
    nc_jw_lit(w, n->approximate ? "true" : "false");
    nc_jw_key(w, "text");
    slice(w, doc, f->count_start, f->count_end);
    nc_jw_obj_close(w);
}

/* casualties[].actor: who the counted people are, or null. */
static void figure_actor(writer *w, const nc_actors *actors, const nc_figure *f)
{
    if (!f->has_actor) {
        nc_jw_lit(w, "null");
        return;
    }
    nc_jw_obj_open(w);
    nc_jw_key(w, "id");
    str_or_null(w, f->actor >= 0 ? actors->items[f->actor].id : NULL);
    nc_jw_key(w, "country");
    str_or_null(w, f->actor_country);
    nc_jw_key(w, "role");
    str_or_null(w, nc_sector_code(f->actor_sector));
    nc_jw_obj_close(w);
}

/* "mentions", "spans" and "cspans" of an actor or a place: n ranges,
 * spans[2i] to spans[2i+1]. */
static void mentions_json(writer *w, const nc_utf8_index *ix, const size_t *spans, size_t n)
{
    nc_jw_key(w, "mentions");
    nc_jw_unum(w, n);
    nc_jw_key(w, "spans");
    nc_jw_arr_open(w);
    for (size_t i = 0; i < n; i++) {
        nc_jw_elem(w);
        nc_jw_span(w, spans[2 * i], spans[2 * i + 1]);
    }
    nc_jw_arr_close(w);
    nc_jw_key(w, "cspans");
    nc_jw_arr_open(w);
    for (size_t i = 0; i < n; i++) {
        nc_jw_elem(w);
        cspan(w, ix, spans[2 * i], spans[2 * i + 1]);
    }
    nc_jw_arr_close(w);
}

static void actor_json(writer *w, const nc_utf8_index *ix, const nc_actor *a)
{
    nc_jw_obj_open(w);
    nc_jw_key(w, "id");
    nc_jw_str(w, a->id, strlen(a->id));
    nc_jw_key(w, "name");
    nc_jw_str(w, a->name, strlen(a->name));
    nc_jw_key(w, "type");
    nc_jw_str(w, nc_actor_type_name(a->type), strlen(nc_actor_type_name(a->type)));
    nc_jw_key(w, "country");
    str_or_null(w, a->country_code);
    nc_jw_key(w, "role");
    str_or_null(w, nc_sector_code(a->sector));
    mentions_json(w, ix, a->spans, a->n_spans);
    nc_jw_obj_close(w);
}

/* casualties[].where: the place mention, or null. */
static void where_json(writer *w, const nc_utf8_index *ix, const nc_record *rec, const nc_figure *f)
{
    if (f->where < 0 || (size_t)f->where >= rec->actors.n_place_mentions || !rec->gaz) {
        nc_jw_lit(w, "null");
        return;
    }
    const nc_place_mention *m = &rec->actors.place_mentions[f->where];
    const nc_gaz_place *e = nc_gaz_place_at(rec->gaz, (size_t)rec->actors.places[m->place].entry);
    const nc_gaz_place *region = nc_gaz_place_region(rec->gaz, e);
    nc_jw_obj_open(w);
    nc_jw_key(w, "place");
    str_or_null(w, nc_gaz_str(rec->gaz, e->id));
    nc_jw_key(w, "text");
    slice(w, &rec->doc, m->start, m->end);
    nc_jw_key(w, "span");
    nc_jw_span(w, m->start, m->end);
    nc_jw_key(w, "cspan");
    cspan(w, ix, m->start, m->end);
    nc_jw_key(w, "country");
    str_or_null(w, e->country >= 0 ? nc_gaz_entry_at(rec->gaz, (size_t)e->country)->id : NULL);
    nc_jw_key(w, "region");
    str_or_null(w, region ? nc_gaz_str(rec->gaz, region->name) : NULL);
    nc_jw_obj_close(w);
}

static void place_json(writer *w, const nc_utf8_index *ix, const nc_record *rec, const nc_place *p)
{
    const nc_gaz_place *e = nc_gaz_place_at(rec->gaz, (size_t)p->entry);
    const nc_gaz_place *region = nc_gaz_place_region(rec->gaz, e);
    nc_jw_obj_open(w);
    nc_jw_key(w, "id");
    str_or_null(w, nc_gaz_str(rec->gaz, e->id));
    nc_jw_key(w, "name");
    str_or_null(w, nc_gaz_str(rec->gaz, e->name));
    nc_jw_key(w, "kind");
    str_or_null(w, nc_place_kind_name((nc_place_kind)e->kind));
    nc_jw_key(w, "country");
    str_or_null(w, e->country >= 0 ? nc_gaz_entry_at(rec->gaz, (size_t)e->country)->id : NULL);
    nc_jw_key(w, "region");
    str_or_null(w, region ? nc_gaz_str(rec->gaz, region->name) : NULL);
    mentions_json(w, ix, p->spans, p->n_spans);
    nc_jw_obj_close(w);
}

/* The source of figure i: the speaker of the claim it was reported in. */
static void source_json(writer *w, const nc_record *rec, size_t i)
{
    const nc_span *sp = nc_figure_source(rec, i);
    if (sp)
        slice(w, &rec->doc, sp->s, sp->e);
    else
        nc_jw_lit(w, "null");
}

/* actor_from / source_from: "text", "context", or null when there is none. */
static void from_json(writer *w, int from)
{
    nc_jw_lit(w, from == NC_FROM_TEXT ? "\"text\"" : from == NC_FROM_CONTEXT ? "\"context\"" : "null");
}

/* For every claim, the index in claims[] of the top-level claim it is
 * written in (itself, or the outermost claim a nested one is inside):
 * casualties[].claim indexes the array users see. NULL on no memory. */
static size_t *top_level_index(const nc_claims *cs)
{
    size_t *top = malloc((cs->n ? cs->n : 1) * sizeof *top);
    if (!top)
        return NULL;
    size_t n_top = 0;
    for (size_t i = 0; i < cs->n; i++)
        if (cs->items[i].parent == SIZE_MAX || cs->items[i].parent >= cs->n)
            top[i] = n_top++;
    for (size_t i = 0; i < cs->n; i++) {
        size_t r = i;
        /* nesting is at most a few levels; the bound only guards a cycle */
        for (size_t steps = 0; cs->items[r].parent != SIZE_MAX && cs->items[r].parent < cs->n && steps < 64; steps++)
            r = cs->items[r].parent;
        top[i] = top[r];
    }
    return top;
}

static void figure_json(writer *w, const nc_utf8_index *ix, const nc_record *rec, const size_t *top, size_t i,
                        unsigned flags)
{
    const nc_document *doc = &rec->doc;
    const nc_figure *f = &rec->figures.items[i];
    const nc_sentence *s = &doc->sentences[f->sentence];
    nc_jw_obj_open(w);
    nc_jw_key(w, "category");
    nc_jw_str(w, nc_category_name(f->category), strlen(nc_category_name(f->category)));
    nc_jw_key(w, "count");
    count_json(w, doc, f);
    nc_jw_key(w, "who");
    slice(w, doc, f->who_start, f->who_end);
    nc_jw_key(w, "actor");
    figure_actor(w, &rec->actors, f);
    nc_jw_key(w, "actor_from");
    from_json(w, f->has_actor ? f->actor_from : NC_FROM_NONE);
    nc_jw_key(w, "source");
    source_json(w, rec, i);
    nc_jw_key(w, "source_from");
    from_json(w, rec->figure_claim && rec->figure_claim[i] != NC_NO_CLAIM ? f->source_from : NC_FROM_NONE);
    nc_jw_key(w, "claim");
    if (rec->figure_claim && rec->figure_claim[i] != NC_NO_CLAIM && top)
        nc_jw_unum(w, top[rec->figure_claim[i]]);
    else
        nc_jw_lit(w, "null");
    nc_jw_key(w, "when");
    slice(w, doc, f->when_start, f->when_end);
    nc_jw_key(w, "where");
    where_json(w, ix, rec, f);
    nc_jw_key(w, "role");
    nc_jw_str(w, nc_role_name(f->role), strlen(nc_role_name(f->role)));
    nc_jw_key(w, "scope");
    nc_jw_str(w, nc_scope_name(f->scope), strlen(nc_scope_name(f->scope)));
    nc_jw_key(w, "superseded");
    nc_jw_lit(w, f->superseded ? "true" : "false");
    nc_jw_key(w, "person");
    if (f->person >= 0)
        nc_jw_num(w, f->person);
    else
        nc_jw_lit(w, "null");
    nc_jw_key(w, "span");
    nc_jw_span(w, f->span_start, f->span_end);
    nc_jw_key(w, "cspan");
    cspan(w, ix, f->span_start, f->span_end);
    nc_jw_key(w, "sentence_index");
    nc_jw_unum(w, f->sentence);
    nc_jw_key(w, "rule");
    nc_jw_str(w, f->rule->id, strlen(f->rule->id));
    nc_jw_key(w, "sentence");
    slice(w, doc, s->start, s->end);
    if (flags & NC_JSON_EXPLAIN) {
        nc_jw_key(w, "matched");
        slice(w, doc, f->span_start, f->span_end);
    }
    nc_jw_obj_close(w);
}

/* ---- claims (schema "claims") ---- */

/* The parts joined by one space: each written as a string, the quotes
 * between them replaced by the space. */
static void claim_content(writer *w, const nc_document *doc, const nc_claim *c)
{
    for (size_t i = 0; i < c->n_content && !w->rc; i++) {
        if (i) /* drop the closing quote just written */
            w->b->len--;
        size_t at = w->b->len;
        w->rc = nc_json_string(w->b, doc->text + c->content[i].s, c->content[i].e - c->content[i].s);
        if (i && !w->rc)
            w->b->data[at] = ' ';
    }
}

static void name(writer *w, const char *s) { nc_jw_str(w, s, strlen(s)); }

static void claim_json(writer *w, const nc_utf8_index *ix, const nc_document *doc, const nc_claims *all, size_t at,
                       int level)
{
    const nc_claim *c = &all->items[at];
    nc_jw_obj_open(w);
    nc_jw_key(w, "speaker");
    slice(w, doc, c->speaker.s, c->speaker.e);
    nc_jw_key(w, "speaker_span");
    if (c->speaker.e > c->speaker.s)
        nc_jw_span(w, c->speaker.s, c->speaker.e);
    else
        nc_jw_lit(w, "null");
    nc_jw_key(w, "speaker_cspan");
    if (c->speaker.e > c->speaker.s)
        cspan(w, ix, c->speaker.s, c->speaker.e);
    else
        nc_jw_lit(w, "null");
    nc_jw_key(w, "speaker_actor");
    if (c->speaker_actor)
        name(w, c->speaker_actor);
    else
        nc_jw_lit(w, "null");
    nc_jw_key(w, "speaker_resolved_from");
    if (c->resolved) {
        nc_jw_obj_open(w);
        nc_jw_key(w, "text");
        slice(w, doc, c->ref.s, c->ref.e);
        nc_jw_key(w, "span");
        nc_jw_span(w, c->ref.s, c->ref.e);
        nc_jw_key(w, "cspan");
        cspan(w, ix, c->ref.s, c->ref.e);
        nc_jw_obj_close(w);
    } else
        nc_jw_lit(w, "null");
    nc_jw_key(w, "cue");
    slice(w, doc, c->cue.s, c->cue.e);
    nc_jw_key(w, "stance");
    name(w, nc_stance_name(c->stance));
    nc_jw_key(w, "form");
    name(w, nc_claim_form_name(c->form));
    nc_jw_key(w, "content");
    claim_content(w, doc, c);
    size_t cs = c->content[0].s, ce = c->content[c->n_content - 1].e;
    nc_jw_key(w, "content_span");
    nc_jw_span(w, cs, ce);
    nc_jw_key(w, "content_cspan");
    cspan(w, ix, cs, ce);
    nc_jw_key(w, "span");
    nc_jw_span(w, c->span.s, c->span.e);
    nc_jw_key(w, "cspan");
    cspan(w, ix, c->span.s, c->span.e);
    nc_jw_key(w, "sentence_index");
    nc_jw_unum(w, c->sentence);
    nc_jw_key(w, "rule");
    name(w, c->rule);
    /* the claims inside this one's content, when there are any; a nested
     * claim lies within NC_CLAIM_NEST_REACH items of its parent */
    size_t lo = at > NC_CLAIM_NEST_REACH ? at - NC_CLAIM_NEST_REACH : 0;
    size_t hi = all->n - at > NC_CLAIM_NEST_REACH ? at + NC_CLAIM_NEST_REACH : all->n;
    int any = 0;
    for (size_t j = lo; j < hi && level < 8; j++) {
        if (all->items[j].parent != at)
            continue;
        if (!any) {
            nc_jw_key(w, "nested");
            nc_jw_arr_open(w);
        }
        any = 1;
        nc_jw_elem(w);
        claim_json(w, ix, doc, all, j, level + 1);
    }
    if (any)
        nc_jw_arr_close(w);
    nc_jw_obj_close(w);
}

/* With a deadline to keep (nc_record_render): whether it has passed, checked
 * before each item, as one item can be the whole document's text. */
static int late(writer *w, const nc_record *rec, int deadline)
{
    if (deadline && !w->rc && nc_document_expired(&rec->doc))
        w->rc = NC_ELIMIT;
    return w->rc != 0;
}

static void build(writer *w, const nc_utf8_index *ix, const nc_record *rec, unsigned flags, int deadline)
{
    const nc_document *doc = &rec->doc;
    const nc_meta *m = &doc->meta;
    nc_jw_obj_open(w);
    nc_jw_key(w, "schema");
    nc_jw_str(w, NC_SCHEMA, strlen(NC_SCHEMA));

    nc_jw_key(w, "source");
    nc_jw_obj_open(w);
    nc_jw_key(w, "path");
    str_or_null(w, rec->path);
    nc_jw_key(w, "id");
    str_or_null(w, rec->id);
    nc_jw_key(w, "format");
    str_or_null(w, doc->format);
    nc_jw_key(w, "bytes");
    nc_jw_unum(w, doc->bytes);
    if (rec->fields) { /* --keep-fields: a JSON object, already valid UTF-8 JSON text */
        nc_jw_key(w, "fields");
        nc_jw_json(w, rec->fields);
    }
    nc_jw_obj_close(w);

    nc_jw_key(w, "meta");
    nc_jw_obj_open(w);
    nc_jw_key(w, "title");
    str_or_null(w, m->title);
    nc_jw_key(w, "byline");
    str_or_null(w, m->byline);
    nc_jw_key(w, "published");
    str_or_null(w, m->published);
    nc_jw_key(w, "site");
    str_or_null(w, m->site);
    nc_jw_key(w, "url");
    str_or_null(w, m->url);
    nc_jw_key(w, "lang");
    str_or_null(w, nc_record_lang(rec));
    nc_jw_key(w, "lang_confidence");
    if (m->lang_detected)
        confidence(w, m->lang_confidence);
    else
        nc_jw_lit(w, "null");
    if (m->encoding) { /* HTML input only: how its bytes were decoded */
        nc_jw_key(w, "encoding");
        str_or_null(w, m->encoding);
        nc_jw_key(w, "encoding_source");
        str_or_null(w, m->encoding_source);
    }
    if (m->published_source) {
        nc_jw_key(w, "published_source");
        str_or_null(w, m->published_source);
    }
    nc_jw_obj_close(w);

    nc_jw_key(w, "summary");
    nc_jw_obj_open(w);
    for (int c = 0; c < NC_CAT_COUNT; c++)
        if (rec->summary.has[c] && c != NC_CAT_SHOT) {
            nc_jw_key(w, nc_category_name((nc_category)c));
            nc_jw_num(w, rec->summary.value[c]);
        }
    nc_jw_obj_close(w);

    nc_jw_key(w, "casualties");
    nc_jw_arr_open(w);
    size_t *top = rec->figures.n ? top_level_index(&rec->claims) : NULL;
    if (rec->figures.n && !top && !w->rc)
        w->rc = NC_ENOMEM;
    for (size_t i = 0; i < rec->figures.n && !late(w, rec, deadline); i++) {
        nc_jw_elem(w);
        figure_json(w, ix, rec, top, i, flags);
    }
    free(top);
    nc_jw_arr_close(w);

    nc_jw_key(w, "actors");
    nc_jw_arr_open(w);
    for (size_t i = 0; i < rec->actors.n && !late(w, rec, deadline); i++) {
        nc_jw_elem(w);
        actor_json(w, ix, &rec->actors.items[i]);
    }
    nc_jw_arr_close(w);

    nc_jw_key(w, "places");
    nc_jw_arr_open(w);
    for (size_t i = 0; rec->gaz && i < rec->actors.n_places && !late(w, rec, deadline); i++) {
        nc_jw_elem(w);
        place_json(w, ix, rec, &rec->actors.places[i]);
    }
    nc_jw_arr_close(w);

    nc_jw_key(w, "claims");
    nc_jw_arr_open(w);
    for (size_t i = 0; i < rec->claims.n && !late(w, rec, deadline); i++) {
        const nc_claim *c = &rec->claims.items[i];
        if (c->parent != SIZE_MAX && c->parent < rec->claims.n)
            continue; /* written inside its parent */
        nc_jw_elem(w);
        claim_json(w, ix, doc, &rec->claims, i, 0);
    }
    nc_jw_arr_close(w);

    nc_jw_key(w, "status");
    nc_jw_str(w, rec->status, strlen(rec->status));
    nc_jw_key(w, "errors");
    nc_jw_arr_open(w);
    for (size_t i = 0; i < doc->errors.n; i++) {
        nc_jw_elem(w);
        str_or_null(w, doc->errors.items[i]);
    }
    nc_jw_arr_close(w);
    if (flags & NC_JSON_WITH_TEXT) {
        nc_jw_key(w, "text");
        nc_jw_str(w, doc->text ? doc->text : "", doc->text ? strlen(doc->text) : 0);
    }
    nc_jw_obj_close(w);
}

static int render(const nc_record *rec, unsigned flags, int deadline, char **json)
{
    nc_buf b = {0};
    /* one allocation for most records: the text, if included, dominates */
    size_t guess = 4096 + ((flags & NC_JSON_WITH_TEXT) && rec->doc.text ? rec->doc.len + rec->doc.len / 8 : 0);
    nc_utf8_index ix;
    if (nc_utf8_index_init(&ix, rec->doc.text ? rec->doc.text : "", rec->doc.text ? rec->doc.len : 0)) {
        *json = NULL;
        return NC_ENOMEM;
    }
    writer w = {.b = &b, .pretty = (flags & NC_JSON_PRETTY) != 0};
    w.rc = nc_buf_reserve(&b, guess);
    build(&w, &ix, rec, flags, deadline);
    nc_utf8_index_free(&ix);
    if (w.rc) {
        nc_buf_free(&b);
        *json = NULL;
        return w.rc;
    }
    /* nc_free (free) releases it, as it did cJSON's malloc'ed text */
    *json = nc_buf_take(&b, NULL);
    return *json ? 0 : NC_ENOMEM;
}

char *nc_record_to_json(const nc_record *rec, unsigned flags)
{
    char *json;
    return render(rec, flags, 0, &json) ? NULL : json;
}

int nc_record_render(nc_record *rec, unsigned flags, char **json)
{
    int rc = render(rec, flags, rec->doc.deadline_ns != 0, json);
    if (rc == NC_ELIMIT && !(rc = nc_record_time_out(rec)))
        rc = render(rec, flags, 0, json);
    return rc;
}
