/* The per-document actor list, its mentions and the aliases the text
 * defines (see actor.h). Actors by id and aliases by key are found through
 * small hash indexes, so a long document with thousands of actors costs
 * one probe per lookup. */
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

/* ---- hash indexes: slots hold index + 1 ---- */

typedef uint64_t (*hash_of_fn)(const nc_actors *a, uint32_t index);

static uint64_t id_hash(const nc_actors *a, uint32_t i)
{
    return nc_key_hash(a->items[i].id, strlen(a->items[i].id));
}

static uint64_t alias_hash(const nc_actors *a, uint32_t i) { return a->aliases[i].hash; }

static size_t first_slot(uint64_t h, size_t mask) { return (size_t)(h ^ (h >> 32)) & mask; }

/* Makes room for one more item in the index *slots of n items. */
static int index_reserve(const nc_actors *a, uint32_t **slots, size_t *mask, size_t n, hash_of_fn hash_of)
{
    if (*slots && 2 * (n + 1) <= *mask + 1)
        return 0;
    size_t m = *slots ? *mask * 2 + 1 : 31;
    uint32_t *s = calloc(m + 1, sizeof *s);
    if (!s)
        return NC_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        size_t k = first_slot(hash_of(a, (uint32_t)i), m);
        while (s[k])
            k = (k + 1) & m;
        s[k] = (uint32_t)i + 1;
    }
    free(*slots);
    *slots = s;
    *mask = m;
    return 0;
}

static void index_put(uint32_t *slots, size_t mask, uint64_t h, size_t index)
{
    size_t k = first_slot(h, mask);
    while (slots[k])
        k = (k + 1) & mask;
    slots[k] = (uint32_t)index + 1;
}

int nc_actors_get(nc_actors *a, const nc_gazetteer *g, const char *id, const char *name,
                  nc_actor_type type, int country, int sector, int entry, int *index)
{
    size_t id_len = strlen(id);
    uint64_t h = nc_key_hash(id, id_len);
    for (size_t k = a->id_slots ? first_slot(h, a->id_mask) : 0; a->id_slots && a->id_slots[k];
         k = (k + 1) & a->id_mask) {
        uint32_t i = a->id_slots[k] - 1;
        if (strcmp(a->items[i].id, id) == 0) {
            *index = (int)i;
            return 0;
        }
    }
    if (grow((void **)&a->items, &a->cap, a->n, sizeof *a->items) ||
        index_reserve(a, &a->id_slots, &a->id_mask, a->n, id_hash))
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
    if (entry >= 0) {
        if (!a->entry_first) {
            a->n_entries = nc_gaz_entry_count(g);
            a->entry_first = calloc(a->n_entries ? a->n_entries : 1, sizeof *a->entry_first);
            a->entry_last = calloc(a->n_entries ? a->n_entries : 1, sizeof *a->entry_last);
            if (!a->entry_first || !a->entry_last) {
                free(x->id);
                free(x->name);
                return NC_ENOMEM;
            }
        }
        if ((size_t)entry < a->n_entries) {
            if (!a->entry_first[entry])
                a->entry_first[entry] = (uint32_t)a->n + 1;
            a->entry_last[entry] = (uint32_t)a->n + 1;
        }
    }
    index_put(a->id_slots, a->id_mask, h, a->n);
    *index = (int)a->n++;
    return 0;
}

int nc_actors_of_entry(const nc_actors *a, int entry, int latest)
{
    if (entry < 0 || (size_t)entry >= a->n_entries)
        return -1;
    return (int)(latest ? a->entry_last : a->entry_first)[entry] - 1;
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

/* The alias with t's key, -1 if none. */
static long alias_find(const nc_actors *a, const nc_token *t)
{
    if (!a->alias_slots)
        return -1;
    const uint64_t h = nc_token_hash(t);
    for (size_t k = first_slot(h, a->alias_mask); a->alias_slots[k]; k = (k + 1) & a->alias_mask) {
        const nc_alias *x = &a->aliases[a->alias_slots[k] - 1];
        if (x->hash == h && x->len == t->key_len && memcmp(x->key, t->key, x->len) == 0)
            return (long)(a->alias_slots[k] - 1);
    }
    return -1;
}

int nc_actors_alias(nc_actors *a, const nc_token *t, int actor)
{
    long i = alias_find(a, t);
    if (i >= 0) {
        a->aliases[i].actor = actor; /* the latest definition wins */
        return 0;
    }
    if (grow((void **)&a->aliases, &a->cap_aliases, a->n_aliases, sizeof *a->aliases) ||
        index_reserve(a, &a->alias_slots, &a->alias_mask, a->n_aliases, alias_hash))
        return NC_ENOMEM;
    nc_alias *x = &a->aliases[a->n_aliases];
    if (!(x->key = nc_strndup(t->key, t->key_len)))
        return NC_ENOMEM;
    x->len = t->key_len;
    x->hash = nc_token_hash(t);
    x->actor = actor;
    x->upper = (t->flags & NC_TOKEN_UPPER) != 0;
    index_put(a->alias_slots, a->alias_mask, x->hash, a->n_aliases++);
    return 0;
}

int nc_actors_find_alias(const nc_actors *a, const nc_token *t)
{
    if (!(t->flags & (NC_TOKEN_CAP | NC_TOKEN_UPPER)))
        return -1;
    long i = alias_find(a, t);
    if (i < 0 || (a->aliases[i].upper && !(t->flags & NC_TOKEN_UPPER)))
        return -1;
    return a->aliases[i].actor;
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
    for (size_t i = 0; i < a->n_entries; i++) {
        if (a->entry_first[i])
            a->entry_first[i] = (uint32_t)where[a->entry_first[i] - 1] + 1;
        if (a->entry_last[i])
            a->entry_last[i] = (uint32_t)where[a->entry_last[i] - 1] + 1;
    }
    /* the id index holds the old positions */
    memset(a->id_slots, 0, (a->id_mask + 1) * sizeof *a->id_slots);
    for (size_t i = 0; i < a->n; i++)
        index_put(a->id_slots, a->id_mask, id_hash(a, (uint32_t)i), i);
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

int nc_actors_place(nc_actors *a, int entry, size_t start, size_t end, int dateline)
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
    a->place_mentions[a->n_place_mentions++] = (nc_place_mention){start, end, (int)i, dateline};
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
    for (size_t i = 0; i < a->n_aliases; i++)
        free(a->aliases[i].key);
    free(a->items);
    free(a->mentions);
    free(a->aliases);
    free(a->id_slots);
    free(a->alias_slots);
    free(a->entry_first);
    free(a->entry_last);
    memset(a, 0, sizeof *a);
}
