/* The per-document actor list, its mentions and the aliases the text
 * defines (see actor.h). Documents have tens of actors, so lookups by id
 * are linear. */
#include "extract/actors/actor.h"
#include "newsclaims.h"
#include "util/buf.h"
#include <stdlib.h>
#include <string.h>

static int grow(void **items, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 16;
    void *p = realloc(*items, c * size);
    if (!p)
        return NC_ENOMEM;
    *items = p;
    *cap = c;
    return 0;
}

int nc_actors_get(nc_actors *a, const nc_gazetteer *g, const char *id, const char *name,
                  nc_actor_type type, int country, int sector, int entry, int *index)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->items[i].id, id) == 0) {
            *index = (int)i;
            return 0;
        }
    if (grow((void **)&a->items, &a->cap, a->n, sizeof *a->items))
        return NC_ENOMEM;
    nc_actor *x = &a->items[a->n];
    memset(x, 0, sizeof *x);
    x->id = strdup(id);
    x->name = strdup(name);
    if (!x->id || !x->name) {
        free(x->id);
        free(x->name);
        return NC_ENOMEM;
    }
    x->type = type;
    x->country = country;
    x->country_code = country >= 0 ? nc_gaz_entry_at(g, (size_t)country)->id : NULL;
    x->sector = sector;
    x->entry = entry;
    *index = (int)a->n++;
    return 0;
}

int nc_actors_mention(nc_actors *a, int actor, size_t start, size_t end, nc_mention_kind kind,
                      int country, int sector)
{
    if (grow((void **)&a->mentions, &a->cap_mentions, a->n_mentions, sizeof *a->mentions))
        return NC_ENOMEM;
    a->mentions[a->n_mentions++] = (nc_mention){start, end, actor, country, sector, kind};
    return actor < 0 ? 0 : nc_actors_add_span(a, actor, start, end);
}

int nc_actors_add_span(nc_actors *a, int actor, size_t start, size_t end)
{
    nc_actor *x = &a->items[actor];
    if (x->n_spans && x->spans[2 * (x->n_spans - 1)] == start)
        return 0; /* the same words again (an alias right after its name) */
    if (x->n_spans * 2 + 2 > x->cap_spans) {
        size_t c = x->cap_spans ? x->cap_spans * 2 : 8;
        size_t *p = realloc(x->spans, c * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        x->spans = p;
        x->cap_spans = c;
    }
    x->spans[2 * x->n_spans] = start;
    x->spans[2 * x->n_spans + 1] = end;
    x->n_spans++;
    x->last = start;
    return 0;
}

int nc_actors_alias(nc_actors *a, const nc_token *t, int actor)
{
    for (size_t i = 0; i < a->n_aliases; i++)
        if (strcmp(a->aliases[i].key, t->key) == 0) {
            a->aliases[i].actor = actor; /* the latest definition wins */
            return 0;
        }
    if (grow((void **)&a->aliases, &a->cap_aliases, a->n_aliases, sizeof *a->aliases))
        return NC_ENOMEM;
    nc_alias *x = &a->aliases[a->n_aliases++];
    memcpy(x->key, t->key, (size_t)t->len + 1);
    x->actor = actor;
    x->upper = (t->flags & NC_TOK_UPPER) != 0;
    return 0;
}

int nc_actors_find_alias(const nc_actors *a, const nc_token *t)
{
    if (!(t->flags & (NC_TOK_CAP | NC_TOK_UPPER)))
        return -1;
    for (size_t i = 0; i < a->n_aliases; i++)
        if (strcmp(a->aliases[i].key, t->key) == 0 && (!a->aliases[i].upper || (t->flags & NC_TOK_UPPER)))
            return a->aliases[i].actor;
    return -1;
}

/* Spans of each actor in text order (deferred mentions come late), then
 * the actors in order of first mention, indices remapped. */
int nc_actors_order(nc_actors *a)
{
    for (size_t i = 0; i < a->n; i++) {
        nc_actor *x = &a->items[i];
        for (size_t k = 1; k < x->n_spans; k++) { /* insertion sort: nearly sorted, short */
            size_t s0 = x->spans[2 * k], e0 = x->spans[2 * k + 1], j = k;
            for (; j > 0 && x->spans[2 * (j - 1)] > s0; j--) {
                x->spans[2 * j] = x->spans[2 * (j - 1)];
                x->spans[2 * j + 1] = x->spans[2 * (j - 1) + 1];
            }
            x->spans[2 * j] = s0;
            x->spans[2 * j + 1] = e0;
        }
    }
    int sorted = 1;
    for (size_t i = 1; i < a->n && sorted; i++)
        sorted = a->items[i].n_spans && a->items[i - 1].n_spans && a->items[i - 1].spans[0] <= a->items[i].spans[0];
    if (sorted || a->n < 2)
        return 0;
    size_t *order = malloc(a->n * sizeof *order), *where = malloc(a->n * sizeof *where);
    nc_actor *items = malloc(a->n * sizeof *items);
    if (!order || !where || !items) {
        free(order), free(where), free(items);
        return NC_ENOMEM;
    }
    for (size_t i = 0; i < a->n; i++)
        order[i] = i;
    for (size_t k = 1; k < a->n; k++) { /* stable insertion sort by first span */
        size_t v = order[k], j = k;
        size_t key = a->items[v].n_spans ? a->items[v].spans[0] : (size_t)-1;
        for (; j > 0; j--) {
            const nc_actor *p = &a->items[order[j - 1]];
            if ((p->n_spans ? p->spans[0] : (size_t)-1) <= key)
                break;
            order[j] = order[j - 1];
        }
        order[j] = v;
    }
    for (size_t i = 0; i < a->n; i++) {
        items[i] = a->items[order[i]];
        where[order[i]] = i;
    }
    memcpy(a->items, items, a->n * sizeof *items);
    for (size_t i = 0; i < a->n_mentions; i++)
        if (a->mentions[i].actor >= 0)
            a->mentions[i].actor = (int)where[a->mentions[i].actor];
    for (size_t i = 0; i < a->n_aliases; i++)
        a->aliases[i].actor = (int)where[a->aliases[i].actor];
    free(order), free(where), free(items);
    return 0;
}

void nc_slug(const char *text, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    int dash = 0;
    for (size_t i = 0; i < len && o + 2 < cap; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + ('a' - 'A'));
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
            if (dash && o)
                out[o++] = '-';
            dash = 0;
            out[o++] = (char)c;
        } else if (c != '\'' && c != '.') {
            dash = 1; /* "O'Brien" and "U.N." stay one word */
        }
    }
    /* never cut a UTF-8 character in two */
    while (o && ((unsigned char)out[o - 1] & 0xC0) == 0xC0)
        o--;
    out[o] = '\0';
}

int nc_actors_place(nc_actors *a, int entry, size_t start, size_t end)
{
    size_t i = 0;
    while (i < a->n_places && a->places[i].entry != entry)
        i++;
    if (i == a->n_places) {
        if (grow((void **)&a->places, &a->cap_places, a->n_places, sizeof *a->places))
            return NC_ENOMEM;
        a->places[a->n_places++] = (nc_place){entry, NULL, 0, 0};
    }
    if (grow((void **)&a->place_mentions, &a->cap_place_mentions, a->n_place_mentions, sizeof *a->place_mentions))
        return NC_ENOMEM;
    a->place_mentions[a->n_place_mentions++] = (nc_place_mention){start, end, (int)i};
    nc_place *p = &a->places[i];
    if (p->n_spans * 2 + 2 > p->cap_spans) {
        size_t c = p->cap_spans ? p->cap_spans * 2 : 8;
        size_t *q = realloc(p->spans, c * sizeof *q);
        if (!q)
            return NC_ENOMEM;
        p->spans = q;
        p->cap_spans = c;
    }
    p->spans[2 * p->n_spans] = start;
    p->spans[2 * p->n_spans + 1] = end;
    p->n_spans++;
    return 0;
}

void nc_actors_free(nc_actors *a)
{
    for (size_t i = 0; i < a->n_places; i++)
        free(a->places[i].spans);
    free(a->places);
    free(a->place_mentions);
    for (size_t i = 0; i < a->n; i++) {
        free(a->items[i].id);
        free(a->items[i].name);
        free(a->items[i].spans);
    }
    free(a->items);
    free(a->mentions);
    free(a->aliases);
    memset(a, 0, sizeof *a);
}
