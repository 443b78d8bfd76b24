/* The gazetteer as a compiled image (see gazetteer.h, layout in
 * gazpriv.h). Layout: a header of uint64 values, then each array padded
 * to 8 bytes: packed entries (strings as offsets into their pool; 0 is
 * NULL), that pool, places, their strings, nodes, edges, keys, forms,
 * principal bodies, sector words (offsets into the entries' pool), then
 * the lexicon (text/lexicon.h: first words, cue and rule words). Everything but the few
 * thousand entries is used in place: the places, the trie and the
 * lexicon cost nothing at start-up and only the pages a text touches. */
#include "extract/actors/gazpriv.h"
#include "newsclaims.h"
#include <stdlib.h>
#include <string.h>

#define IMAGE_MAGIC 0x325a47434eull /* "NCGZ2" */

typedef struct packed_entry {
    uint32_t id, name, names, adjective, office, from, to, countries;
    int32_t country, sector;
    uint8_t type, institution, qualifier, principal;
} packed_entry;

enum { H_MAGIC, H_ENTRY, H_PLACE, H_NODE, H_EDGE, H_FORM, H_ENTRIES, H_POOL, H_PLACES, H_STRS, H_NODES,
       H_EDGES, H_KEYS, H_FORMS, H_PRINCIPAL, H_COUNT };

static uint32_t pool_put(nc_buf *pool, const char *s, int *rc)
{
    if (!s || *rc)
        return 0;
    if (pool->len > UINT32_MAX - strlen(s) - 1) {
        *rc = NC_ETOOBIG;
        return 0;
    }
    uint32_t off = (uint32_t)pool->len;
    *rc = nc_buf_append(pool, s, strlen(s) + 1);
    return off;
}

static void put_array(nc_buf *b, const void *data, size_t bytes, int *rc)
{
    static const char zero[8];
    if (!*rc && bytes)
        *rc = nc_buf_append(b, data, bytes);
    if (!*rc && b->len % 8)
        *rc = nc_buf_append(b, zero, 8 - b->len % 8);
}

int nc_gaz_image_write(const nc_gazetteer *g, nc_buf *out)
{
    nc_buf pool = {0};
    int rc = nc_buf_append(&pool, "", 1); /* offset 0: NULL */
    packed_entry *pe = calloc(g->n_entries ? g->n_entries : 1, sizeof *pe);
    if (!pe)
        rc = NC_ENOMEM;
    for (size_t i = 0; i < g->n_entries && !rc; i++) {
        const nc_gaz_entry *e = &g->entries[i];
        pe[i] = (packed_entry){pool_put(&pool, e->id, &rc), pool_put(&pool, e->name, &rc),
                               pool_put(&pool, e->names, &rc), pool_put(&pool, e->adjective, &rc),
                               pool_put(&pool, e->office, &rc), pool_put(&pool, e->from, &rc),
                               pool_put(&pool, e->to, &rc), pool_put(&pool, e->countries, &rc),
                               e->country, e->sector, (uint8_t)e->type, (uint8_t)e->institution,
                               (uint8_t)e->qualifier, (uint8_t)e->principal};
    }
    uint32_t words[NC_SECTOR_COUNT];
    for (int i = 0; i < NC_SECTOR_COUNT; i++)
        words[i] = pool_put(&pool, g->sector_word[i], &rc);
    uint64_t h[H_COUNT] = {IMAGE_MAGIC, sizeof(packed_entry), sizeof(nc_gaz_place), sizeof(gaz_node),
                           sizeof(gaz_edge), sizeof(nc_gaz_form), g->n_entries, pool.len, g->n_places,
                           g->strs.len, g->n_nodes, g->n_edges, g->keys.len, g->n_forms, g->n_principal};
    put_array(out, h, sizeof h, &rc);
    put_array(out, pe, g->n_entries * sizeof *pe, &rc);
    put_array(out, pool.data, pool.len, &rc);
    put_array(out, g->places, g->n_places * sizeof *g->places, &rc);
    put_array(out, g->strs.data, g->strs.len, &rc);
    put_array(out, g->nodes, g->n_nodes * sizeof *g->nodes, &rc);
    put_array(out, g->edges, g->n_edges * sizeof *g->edges, &rc);
    put_array(out, g->keys.data, g->keys.len, &rc);
    put_array(out, g->forms, g->n_forms * sizeof *g->forms, &rc);
    put_array(out, g->principal, g->n_principal * sizeof *g->principal, &rc);
    put_array(out, words, sizeof words, &rc);
    if (!rc)
        rc = nc_lexicon_image_write(g->lex, out);
    free(pe);
    nc_buf_free(&pool);
    return rc;
}

int nc_gaz_image_read(nc_gazetteer **out, nc_lexicon **lex, const void *image, size_t len, unsigned lex_slots)
{
    const unsigned char *p = image, *end = p + len;
    uint64_t h[H_COUNT];
    *out = NULL;
    *lex = NULL;
    if (len < sizeof h || ((uintptr_t)p & 7))
        return NC_EINVAL;
    memcpy(h, p, sizeof h);
    if (h[H_MAGIC] != IMAGE_MAGIC || h[H_ENTRY] != sizeof(packed_entry) || h[H_PLACE] != sizeof(nc_gaz_place) ||
        h[H_NODE] != sizeof(gaz_node) || h[H_EDGE] != sizeof(gaz_edge) || h[H_FORM] != sizeof(nc_gaz_form) ||
        h[H_NODES] < 1)
        return NC_EINVAL;
    p += sizeof h;
#define TAKE(var, count, type)                                                                     \
    do {                                                                                           \
        size_t bytes_ = (size_t)(count) * sizeof(type);                                            \
        if ((size_t)(end - p) < bytes_)                                                            \
            return NC_EINVAL;                                                                      \
        var = (const type *)(const void *)p;                                                       \
        p += (bytes_ + 7) & ~(size_t)7;                                                            \
        if (p > end)                                                                               \
            p = end;                                                                               \
    } while (0)
    const packed_entry *pe;
    const char *pool, *strs, *keys;
    const nc_gaz_place *places;
    const gaz_node *nodes;
    const gaz_edge *edges;
    const nc_gaz_form *forms;
    const uint32_t *principal, *words;
    TAKE(pe, h[H_ENTRIES], packed_entry);
    TAKE(pool, h[H_POOL], char);
    TAKE(places, h[H_PLACES], nc_gaz_place);
    TAKE(strs, h[H_STRS], char);
    TAKE(nodes, h[H_NODES], gaz_node);
    TAKE(edges, h[H_EDGES], gaz_edge);
    TAKE(keys, h[H_KEYS], char);
    TAKE(forms, h[H_FORMS], nc_gaz_form);
    TAKE(principal, h[H_PRINCIPAL], uint32_t);
    TAKE(words, NC_SECTOR_COUNT, uint32_t);
#undef TAKE
    size_t used;
    int rc = nc_lexicon_new_on_image(lex, p, (size_t)(end - p), lex_slots, &used);
    if (rc)
        return rc;
    nc_gazetteer *g = calloc(1, sizeof *g);
    if (!g || !(g->entries = malloc((h[H_ENTRIES] ? h[H_ENTRIES] : 1) * sizeof *g->entries))) {
        free(g);
        nc_lexicon_free(*lex);
        *lex = NULL;
        return NC_ENOMEM;
    }
    g->borrowed = 1;
    g->lex = *lex;
    /* the image's strings are never written: the casts only fit the
     * struct, whose fields the loader owns in the other case */
#define S(off) ((off) ? (char *)(uintptr_t)(pool + (off)) : NULL)
    for (size_t i = 0; i < h[H_ENTRIES]; i++) {
        const packed_entry *x = &pe[i];
        g->entries[i] = (nc_gaz_entry){.id = S(x->id), .name = S(x->name), .names = S(x->names),
                                       .adjective = S(x->adjective), .office = S(x->office), .from = S(x->from),
                                       .to = S(x->to), .countries = S(x->countries),
                                       .type = (nc_actor_type)x->type, .country = x->country,
                                       .sector = x->sector, .institution = x->institution,
                                       .qualifier = x->qualifier, .principal = x->principal};
    }
    for (int i = 0; i < NC_SECTOR_COUNT; i++)
        g->sector_word[i] = S(words[i]);
#undef S
    g->n_entries = g->cap_entries = h[H_ENTRIES];
    g->places = (nc_gaz_place *)(uintptr_t)places;
    g->n_places = h[H_PLACES];
    g->strs.data = (char *)(uintptr_t)strs;
    g->strs.len = h[H_STRS];
    g->nodes = (gaz_node *)(uintptr_t)nodes;
    g->n_nodes = h[H_NODES];
    g->edges = (gaz_edge *)(uintptr_t)edges;
    g->n_edges = h[H_EDGES];
    g->keys.data = (char *)(uintptr_t)keys;
    g->keys.len = h[H_KEYS];
    g->forms = (nc_gaz_form *)(uintptr_t)forms;
    g->n_forms = h[H_FORMS];
    g->principal = (uint32_t *)(uintptr_t)principal;
    g->n_principal = h[H_PRINCIPAL];
    *out = g;
    return 0;
}
