/* The gazetteer's store and token trie (see gazetteer.h). Trie edges live
 * in one open-addressing hash table keyed by (parent node, token key). */
#include "extract/actors/gazetteer.h"
#include "newsclaims.h"
#include "util/buf.h"
#include <stdlib.h>
#include <string.h>

static const char *const sector_codes[NC_SECTOR_COUNT] = {
    NULL, "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "PTY", "OPP",
    "CVL", "MED", "JRN", "BUS", "EDU", "REF", "REL", "IGO", "NGO"};

int nc_sector_parse(const char *s, size_t n)
{
    if (n == 1 && s[0] == '-')
        return 0;
    for (int i = 1; i < NC_SECTOR_COUNT; i++)
        if (n == 3 && memcmp(s, sector_codes[i], 3) == 0)
            return i;
    return -1;
}

const char *nc_sector_code(int sector)
{
    return sector > 0 && sector < NC_SECTOR_COUNT ? sector_codes[sector] : NULL;
}

const char *nc_actor_type_name(nc_actor_type t)
{
    static const char *const names[] = {"country", "organization", "person", "group", "place"};
    return names[t];
}

typedef struct edge {
    uint64_t hash;
    uint32_t parent, child, key_off; /* child 0: empty slot (root is never a child) */
    uint32_t key_len;
} edge;

typedef struct node {
    uint32_t first, count; /* forms after freezing; while building, first is
                            * the node's last pending form + 1 (0: none) */
} node;

typedef struct pending { /* a form before freezing */
    nc_gaz_form f;
    uint32_t node;
    uint32_t next; /* previous form of the same node + 1, 0 for none */
} pending;

struct nc_gazetteer {
    nc_lexicon *lex; /* borrowed: a phrase's first word is found there (NC_LEX_GAZ) */
    nc_gaz_entry *entries;
    size_t n_entries, cap_entries;
    uint32_t *ids; /* entry index + 1 by id hash (0: empty), size 2 * cap_entries */
    uint32_t *principal; /* entries marked as their country's one body of a sector */
    size_t n_principal;
    node *nodes;
    size_t n_nodes, cap_nodes;
    edge *edges; /* hash table of the edges below the first word, size a power of two */
    size_t n_edges, cap_edges;
    nc_buf keys; /* edge keys */
    pending *pend;
    size_t n_pend, cap_pend;
    nc_gaz_form *forms; /* by node, after freezing */
    char *sector_word[NC_SECTOR_COUNT];
    /* built from a compiled image: the arrays and strings are the image's,
     * only `entries` and the struct itself are ours to free */
    int borrowed;
};

nc_gazetteer *nc_gaz_create(nc_lexicon *lex)
{
    nc_gazetteer *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->lex = lex;
    g->nodes = calloc(1, sizeof *g->nodes);
    g->cap_edges = 1024;
    g->edges = calloc(g->cap_edges, sizeof *g->edges);
    if (!g->nodes || !g->edges) {
        nc_gazetteer_free(g);
        return NULL;
    }
    g->n_nodes = g->cap_nodes = 1; /* the root */
    return g;
}

void nc_gaz_entry_clear(nc_gaz_entry *e)
{
    free(e->id);
    free(e->name);
    free(e->names);
    free(e->adjective);
    free(e->office);
    free(e->from);
    free(e->to);
    free(e->countries);
}

void nc_gazetteer_free(nc_gazetteer *g)
{
    if (!g)
        return;
    if (g->borrowed) {
        free(g->entries);
        free(g);
        return;
    }
    for (size_t i = 0; i < g->n_entries; i++)
        nc_gaz_entry_clear(&g->entries[i]);
    free(g->entries);
    free(g->ids);
    free(g->principal);
    free(g->nodes);
    free(g->edges);
    nc_buf_free(&g->keys);
    free(g->pend);
    free(g->forms);
    for (int i = 0; i < NC_SECTOR_COUNT; i++)
        free(g->sector_word[i]);
    free(g);
}

static size_t id_slot(const char *id, size_t len, size_t mask)
{
    uint64_t h = nc_key_hash(id, len);
    return (size_t)(h ^ (h >> 32)) & mask;
}

static void id_put(nc_gazetteer *g, uint32_t index)
{
    size_t mask = 2 * g->cap_entries - 1;
    const char *id = g->entries[index].id;
    size_t i = id_slot(id, strlen(id), mask);
    while (g->ids[i])
        i = (i + 1) & mask;
    g->ids[i] = index + 1;
}

int nc_gaz_add_entry(nc_gazetteer *g, nc_gaz_entry *e, uint32_t *index)
{
    if (g->n_entries == g->cap_entries) {
        size_t cap = g->cap_entries ? g->cap_entries * 2 : 256;
        nc_gaz_entry *p = realloc(g->entries, cap * sizeof *p);
        uint32_t *ids = p ? calloc(2 * cap, sizeof *ids) : NULL;
        if (!ids) {
            if (p)
                g->entries = p;
            nc_gaz_entry_clear(e);
            return NC_ENOMEM;
        }
        g->entries = p;
        g->cap_entries = cap;
        free(g->ids);
        g->ids = ids;
        for (size_t i = 0; i < g->n_entries; i++)
            id_put(g, (uint32_t)i);
    }
    if (e->principal) {
        uint32_t *p = realloc(g->principal, (g->n_principal + 1) * sizeof *p);
        if (!p) {
            nc_gaz_entry_clear(e);
            return NC_ENOMEM;
        }
        g->principal = p;
        p[g->n_principal++] = (uint32_t)g->n_entries;
    }
    *index = (uint32_t)g->n_entries;
    g->entries[g->n_entries++] = *e;
    id_put(g, *index);
    return 0;
}

int nc_gaz_find_id(const nc_gazetteer *g, const char *id, size_t len)
{
    if (!g->ids)
        return -1;
    size_t mask = 2 * g->cap_entries - 1;
    for (size_t i = id_slot(id, len, mask); g->ids[i]; i = (i + 1) & mask) {
        const char *x = g->entries[g->ids[i] - 1].id;
        if (strlen(x) == len && memcmp(x, id, len) == 0)
            return (int)g->ids[i] - 1;
    }
    return -1;
}

nc_gaz_entry *nc_gaz_entry_mut(nc_gazetteer *g, size_t i) { return &g->entries[i]; }

int nc_gaz_principal(const nc_gazetteer *g, int country, int sector)
{
    /* a few dozen bodies: a scan of the entries that have one is cheap */
    for (size_t i = 0; i < g->n_principal; i++) {
        const nc_gaz_entry *e = &g->entries[g->principal[i]];
        if (e->country == country && e->sector == sector)
            return (int)g->principal[i];
    }
    return -1;
}

int nc_gaz_entry_in(const nc_gazetteer *g, const nc_gaz_entry *e, int country)
{
    if (country < 0)
        return 0;
    if (e->country == country)
        return 1;
    const char *code = g->entries[country].id;
    for (const char *p = e->countries; p && *p; p += p[3] ? 4 : 3)
        if (memcmp(p, code, 3) == 0)
            return 1;
    return 0;
}

int nc_gaz_find_country(const nc_gazetteer *g, const char *code, size_t len)
{
    int i = nc_gaz_find_id(g, code, len);
    return i >= 0 && g->entries[i].type == NC_ACTOR_COUNTRY ? i : -1;
}

int nc_gaz_set_sector_word(nc_gazetteer *g, int sector, const char *word, size_t len)
{
    char *w = nc_strndup(word, len);
    if (!w)
        return NC_ENOMEM;
    free(g->sector_word[sector]);
    g->sector_word[sector] = w;
    return 0;
}

const char *nc_gaz_sector_word(const nc_gazetteer *g, int sector)
{
    if (sector <= 0 || sector >= NC_SECTOR_COUNT)
        return NULL;
    return g->sector_word[sector] ? g->sector_word[sector] : sector_codes[sector];
}

size_t nc_gaz_entry_count(const nc_gazetteer *g) { return g->n_entries; }
const nc_gaz_entry *nc_gaz_entry_at(const nc_gazetteer *g, size_t i) { return &g->entries[i]; }

/* ---- the edge table ---- */

static size_t slot_of(uint32_t parent, uint64_t hash, size_t mask)
{
    return (size_t)((hash ^ (hash >> 29) ^ (parent * 0x9E3779B1u)) * 0x85EBCA6Bu) & mask;
}

/* Child of parent (not the root) by key, 0 if none. */
static uint32_t child_of(const nc_gazetteer *g, uint32_t parent, uint64_t hash, const char *key,
                         size_t len)
{
    size_t mask = g->cap_edges - 1;
    for (size_t i = slot_of(parent, hash, mask);; i = (i + 1) & mask) {
        const edge *e = &g->edges[i];
        if (!e->child)
            return 0;
        if (e->parent == parent && e->hash == hash && e->key_len == len &&
            memcmp(g->keys.data + e->key_off, key, len) == 0)
            return e->child;
    }
}

/* The node of token t after `parent` (the root: t is a first word). */
static uint32_t next_node(const nc_gazetteer *g, uint32_t parent, const nc_token *t)
{
    if (parent == 0)
        return nc_lexicon_get(g->lex, t->lex, NC_LEX_GAZ);
    return child_of(g, parent, t->hash, t->key, t->key_len);
}

static void edge_put(edge *table, size_t cap, const edge *e)
{
    size_t mask = cap - 1;
    size_t i = slot_of(e->parent, e->hash, mask);
    while (table[i].child)
        i = (i + 1) & mask;
    table[i] = *e;
}

static int grow_edges(nc_gazetteer *g)
{
    size_t cap = g->cap_edges * 2;
    edge *t = calloc(cap, sizeof *t);
    if (!t)
        return NC_ENOMEM;
    for (size_t i = 0; i < g->cap_edges; i++)
        if (g->edges[i].child)
            edge_put(t, cap, &g->edges[i]);
    free(g->edges);
    g->edges = t;
    g->cap_edges = cap;
    return 0;
}

static int new_node(nc_gazetteer *g, uint32_t *out)
{
    if (g->n_nodes == g->cap_nodes) {
        size_t cap = g->cap_nodes * 2;
        node *p = realloc(g->nodes, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        g->nodes = p;
        g->cap_nodes = cap;
    }
    g->nodes[g->n_nodes] = (node){0, 0};
    *out = (uint32_t)g->n_nodes++;
    return 0;
}

/* The child of parent for token t, created when missing. A first word's
 * node lives in the lexicon, so the text's lookup of the word finds it. */
static int child_make(nc_gazetteer *g, uint32_t parent, const nc_token *t, uint32_t *out)
{
    int rc;
    if (parent == 0) {
        uint32_t id;
        if ((rc = nc_lexicon_add(g->lex, t->key, t->key_len, &id)))
            return rc;
        if ((*out = nc_lexicon_get(g->lex, id, NC_LEX_GAZ)))
            return 0;
        if ((rc = new_node(g, out)))
            return rc;
        nc_lexicon_set(g->lex, id, NC_LEX_GAZ, *out);
        return 0;
    }
    uint32_t c = child_of(g, parent, t->hash, t->key, t->key_len);
    if (c) {
        *out = c;
        return 0;
    }
    if ((g->n_edges + 1) * 2 > g->cap_edges && grow_edges(g))
        return NC_ENOMEM;
    if ((rc = new_node(g, &c)))
        return rc;
    edge e = {t->hash, parent, c, (uint32_t)g->keys.len, t->key_len};
    if (nc_buf_append(&g->keys, t->key, t->key_len))
        return NC_ENOMEM;
    edge_put(g->edges, g->cap_edges, &e);
    g->n_edges++;
    *out = c;
    return 0;
}

int nc_gaz_add_phrase(nc_gazetteer *g, const char *phrase, size_t len, nc_gaz_form f, int proper,
                      const char **why)
{
    nc_tokens toks = {0};
    int rc = nc_tokens_cut(&toks, phrase, len, NULL);
    if (rc) {
        nc_tokens_free(&toks);
        return rc;
    }
    size_t first = 0;
    /* "the Pentagon": the article's "the" is not part of the name */
    if (toks.n > 1 && nc_token_is(&toks.items[0], "the"))
        first = 1;
    size_t n = toks.n - first;
    uint32_t at = 0;
    if (n == 0) {
        *why = "empty phrase";
        rc = NC_EINVAL;
    } else if (n > 32) {
        *why = "phrase has more than 32 words";
        rc = NC_EINVAL;
    }
    f.need_cap = f.need_upper = 0;
    f.ntok = (uint8_t)n;
    for (size_t k = 0; k < n && !rc; k++) {
        const nc_token *t = &toks.items[first + k];
        if (t->flags & NC_TOKEN_LONG) {
            *why = "word too long";
            rc = NC_EINVAL;
            break;
        }
        if (t->flags & NC_TOKEN_UPPER)
            f.need_upper |= 1u << k;
        else if (proper && (t->flags & NC_TOKEN_CAP))
            f.need_cap |= 1u << k;
        rc = child_make(g, at, t, &at);
    }
    /* the same form twice (a name listed twice) is kept once */
    for (uint32_t i = rc ? 0 : g->nodes[at].first; i; i = g->pend[i - 1].next) {
        const pending *p = &g->pend[i - 1];
        if (p->node == at && p->f.kind == f.kind && p->f.entry == f.entry && p->f.sector == f.sector &&
            p->f.need_cap == f.need_cap && p->f.need_upper == f.need_upper) {
            nc_tokens_free(&toks);
            return 0;
        }
    }
    if (!rc && g->n_pend == g->cap_pend) {
        size_t cap = g->cap_pend ? g->cap_pend * 2 : 1024;
        pending *p = realloc(g->pend, cap * sizeof *p);
        if (!p)
            rc = NC_ENOMEM;
        else {
            g->pend = p;
            g->cap_pend = cap;
        }
    }
    if (!rc) {
        g->pend[g->n_pend] = (pending){f, at, g->nodes[at].first};
        g->nodes[at].first = (uint32_t)++g->n_pend;
    }
    nc_tokens_free(&toks);
    return rc;
}

int nc_gaz_freeze(nc_gazetteer *g)
{
    g->forms = malloc((g->n_pend ? g->n_pend : 1) * sizeof *g->forms);
    if (!g->forms)
        return NC_ENOMEM;
    for (size_t i = 0; i < g->n_nodes; i++)
        g->nodes[i].count = 0;
    for (size_t i = 0; i < g->n_pend; i++)
        g->nodes[g->pend[i].node].count++;
    uint32_t at = 0;
    for (size_t i = 0; i < g->n_nodes; i++) {
        g->nodes[i].first = at;
        at += g->nodes[i].count;
        g->nodes[i].count = 0;
    }
    /* counting sort: forms of one node stay in the order they were listed */
    for (size_t i = 0; i < g->n_pend; i++) {
        node *nd = &g->nodes[g->pend[i].node];
        g->forms[nd->first + nd->count++] = g->pend[i].f;
    }
    free(g->pend);
    g->pend = NULL;
    g->n_pend = g->cap_pend = 0;
    return 0;
}

/* ---- lookups ---- */

int nc_gaz_fits(const nc_gaz_form *f, const nc_token *t)
{
    for (unsigned k = 0; k < f->ntok; k++) {
        if ((f->need_upper >> k & 1) && !(t[k].flags & NC_TOKEN_UPPER))
            return 0;
        if ((f->need_cap >> k & 1) && !(t[k].flags & (NC_TOKEN_CAP | NC_TOKEN_UPPER)))
            return 0;
    }
    return 1;
}

uint32_t nc_gaz_node(const nc_gazetteer *g, const nc_token *t)
{
    return nc_lexicon_get(g->lex, t->lex, NC_LEX_GAZ);
}

size_t nc_gaz_longest(const nc_gazetteer *g, const nc_token *t, size_t n, unsigned kinds,
                      const nc_gaz_form **forms, size_t *n_forms)
{
    size_t best = 0;
    uint32_t at = 0, best_node = 0;
    for (size_t k = 0; k < n && k < 32; k++) {
        if (t[k].flags & NC_TOKEN_LONG)
            break;
        at = next_node(g, at, &t[k]);
        if (!at)
            break;
        const node *nd = &g->nodes[at];
        for (uint32_t i = 0; i < nd->count; i++) {
            const nc_gaz_form *f = &g->forms[nd->first + i];
            if ((kinds >> f->kind & 1) && nc_gaz_fits(f, t)) {
                best = k + 1;
                best_node = at;
                break;
            }
        }
    }
    if (!best)
        return 0;
    *forms = &g->forms[g->nodes[best_node].first];
    *n_forms = g->nodes[best_node].count;
    return best;
}

int nc_gaz_word_is(const nc_gazetteer *g, const nc_token *t, nc_form_kind kind)
{
    uint32_t at = nc_gaz_node(g, t);
    if (!at)
        return 0;
    const node *nd = &g->nodes[at];
    for (uint32_t i = 0; i < nd->count; i++)
        if (g->forms[nd->first + i].kind == kind && nc_gaz_fits(&g->forms[nd->first + i], t))
            return 1;
    return 0;
}

/* ---- the compiled image (see gazetteer.h) ----
 * Layout: a header of uint64 counts, then each array padded to 8 bytes:
 * packed entries (strings as offsets into a pool; 0 is NULL), the pool,
 * nodes, edges, keys, forms, principal bodies, sector words (offsets), then
 * the lexicon of first words (lexicon.h). Every array but the entries is
 * used in place. */
#define IMAGE_MAGIC 0x315a47434eull /* "NCGZ1" */

typedef struct packed_entry {
    uint32_t id, name, names, adjective, office, from, to, countries, kind;
    int32_t country, sector, institution, qualifier, principal, region;
    uint32_t type;
} packed_entry;

enum { H_MAGIC, H_ENTRY, H_FORM, H_EDGE, H_ENTRIES, H_POOL, H_NODES, H_EDGES, H_KEYS, H_FORMS,
       H_PRINCIPAL, H_COUNT };

static uint32_t pool_put(nc_buf *pool, const char *s, int *rc)
{
    if (!s)
        return 0;
    uint32_t off = (uint32_t)pool->len;
    if (!*rc)
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
    int rc = 0;
    nc_buf pool = {0};
    rc = nc_buf_append(&pool, "", 1); /* offset 0: NULL */
    packed_entry *pe = calloc(g->n_entries ? g->n_entries : 1, sizeof *pe);
    if (!pe)
        rc = NC_ENOMEM;
    for (size_t i = 0; i < g->n_entries && !rc; i++) {
        const nc_gaz_entry *e = &g->entries[i];
        pe[i] = (packed_entry){pool_put(&pool, e->id, &rc), pool_put(&pool, e->name, &rc),
                               pool_put(&pool, e->names, &rc), pool_put(&pool, e->adjective, &rc),
                               pool_put(&pool, e->office, &rc), pool_put(&pool, e->from, &rc),
                               pool_put(&pool, e->to, &rc), pool_put(&pool, e->countries, &rc),
                               pool_put(&pool, e->kind, &rc), e->country, e->sector, e->institution,
                               e->qualifier, e->principal, e->region, (uint32_t)e->type};
    }
    uint32_t words[NC_SECTOR_COUNT];
    for (int i = 0; i < NC_SECTOR_COUNT; i++)
        words[i] = pool_put(&pool, g->sector_word[i], &rc);
    size_t n_forms = g->n_nodes ? g->nodes[g->n_nodes - 1].first + g->nodes[g->n_nodes - 1].count : 0;
    uint64_t h[H_COUNT] = {IMAGE_MAGIC, sizeof(packed_entry), sizeof(nc_gaz_form), sizeof(edge), g->n_entries,
                           pool.len, g->n_nodes, g->cap_edges, g->keys.len, n_forms, g->n_principal};
    put_array(out, h, sizeof h, &rc);
    put_array(out, pe, g->n_entries * sizeof *pe, &rc);
    put_array(out, pool.data, pool.len, &rc);
    put_array(out, g->nodes, g->n_nodes * sizeof *g->nodes, &rc);
    put_array(out, g->edges, g->cap_edges * sizeof *g->edges, &rc);
    put_array(out, g->keys.data, g->keys.len, &rc);
    put_array(out, g->forms, n_forms * sizeof *g->forms, &rc);
    put_array(out, g->principal, g->n_principal * sizeof *g->principal, &rc);
    put_array(out, words, sizeof words, &rc);
    if (!rc)
        rc = nc_lexicon_image_write(g->lex, out);
    free(pe);
    nc_buf_free(&pool);
    return rc;
}

int nc_gaz_image_read(nc_gazetteer **out, nc_lexicon **lex, const void *image, size_t len)
{
    const unsigned char *p = image, *end = p + len;
    uint64_t h[H_COUNT];
    *out = NULL;
    *lex = NULL;
    if (len < sizeof h || ((uintptr_t)p & 7))
        return NC_EINVAL;
    memcpy(h, p, sizeof h);
    if (h[H_MAGIC] != IMAGE_MAGIC || h[H_ENTRY] != sizeof(packed_entry) || h[H_FORM] != sizeof(nc_gaz_form) ||
        h[H_EDGE] != sizeof(edge))
        return NC_EINVAL;
    p += sizeof h;
#define TAKE(var, count, type)                                                                     \
    do {                                                                                           \
        size_t bytes_ = (size_t)(count) * sizeof(type);                                            \
        if ((size_t)(end - p) < bytes_)                                                            \
            return NC_EINVAL;                                                                      \
        var = (const type *)(const void *)p;                                                       \
        p += (bytes_ + 7) & ~(size_t)7;                                                            \
    } while (0)
    const packed_entry *pe;
    const char *pool;
    const node *nodes;
    const edge *edges;
    const char *keys;
    const nc_gaz_form *forms;
    const uint32_t *principal, *words;
    TAKE(pe, h[H_ENTRIES], packed_entry);
    TAKE(pool, h[H_POOL], char);
    TAKE(nodes, h[H_NODES], node);
    TAKE(edges, h[H_EDGES], edge);
    TAKE(keys, h[H_KEYS], char);
    TAKE(forms, h[H_FORMS], nc_gaz_form);
    TAKE(principal, h[H_PRINCIPAL], uint32_t);
    TAKE(words, NC_SECTOR_COUNT, uint32_t);
#undef TAKE
    size_t used;
    int rc = nc_lexicon_new_on_image(lex, p, (size_t)(end - p), &used);
    if (rc)
        return rc;
    nc_gazetteer *g = calloc(1, sizeof *g);
    if (!g || !(g->entries = malloc((h[H_ENTRIES] ? h[H_ENTRIES] : 1) * sizeof *g->entries))) {
        free(g);
        nc_lexicon_free(*lex);
        *lex = NULL;
        return NC_ENOMEM;
    }
    g->lex = *lex;
    g->borrowed = 1;
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
                                       .qualifier = x->qualifier, .region = x->region, .kind = S(x->kind),
                                       .principal = x->principal};
    }
    for (int i = 0; i < NC_SECTOR_COUNT; i++)
        g->sector_word[i] = S(words[i]);
#undef S
    g->n_entries = g->cap_entries = h[H_ENTRIES];
    g->nodes = (node *)(uintptr_t)nodes;
    g->n_nodes = g->cap_nodes = h[H_NODES];
    g->edges = (edge *)(uintptr_t)edges;
    g->cap_edges = h[H_EDGES];
    g->keys.data = (char *)(uintptr_t)keys;
    g->keys.len = h[H_KEYS];
    g->forms = (nc_gaz_form *)(uintptr_t)forms;
    g->principal = (uint32_t *)(uintptr_t)principal;
    g->n_principal = h[H_PRINCIPAL];
    *out = g;
    return 0;
}
