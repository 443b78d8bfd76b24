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
    static const char *const names[] = {"country", "organization", "person", "group"};
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
    node *nodes;
    size_t n_nodes, cap_nodes;
    edge *edges; /* hash table of the edges below the first word, size a power of two */
    size_t n_edges, cap_edges;
    nc_buf keys; /* edge keys */
    pending *pend;
    size_t n_pend, cap_pend;
    nc_gaz_form *forms; /* by node, after freezing */
    char *sector_word[NC_SECTOR_COUNT];
    uint32_t *id_slots; /* entries by id: index + 1, 0 = empty; size id_mask + 1 */
    size_t id_mask;
    nc_tokens scratch;  /* the phrase being added */
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
}

void nc_gazetteer_free(nc_gazetteer *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n_entries; i++)
        nc_gaz_entry_clear(&g->entries[i]);
    free(g->entries);
    free(g->id_slots);
    nc_tokens_free(&g->scratch);
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

/* Room in the id index for one more entry. */
static int reserve_ids(nc_gazetteer *g)
{
    if (g->id_slots && 2 * (g->n_entries + 1) <= g->id_mask + 1)
        return 0;
    size_t mask = g->id_slots ? 2 * g->id_mask + 1 : 1023;
    uint32_t *s = calloc(mask + 1, sizeof *s);
    if (!s)
        return NC_ENOMEM;
    for (size_t i = 0; i < g->n_entries; i++) {
        size_t k = id_slot(g->entries[i].id, strlen(g->entries[i].id), mask);
        while (s[k])
            k = (k + 1) & mask;
        s[k] = (uint32_t)i + 1;
    }
    free(g->id_slots);
    g->id_slots = s;
    g->id_mask = mask;
    return 0;
}

int nc_gaz_find_id(const nc_gazetteer *g, const char *id, size_t len)
{
    if (!g->id_slots)
        return -1;
    for (size_t k = id_slot(id, len, g->id_mask); g->id_slots[k]; k = (k + 1) & g->id_mask) {
        const char *e = g->entries[g->id_slots[k] - 1].id;
        if (strncmp(e, id, len) == 0 && e[len] == '\0')
            return (int)g->id_slots[k] - 1;
    }
    return -1;
}

int nc_gaz_add_entry(nc_gazetteer *g, nc_gaz_entry *e, uint32_t *index)
{
    if (reserve_ids(g)) {
        nc_gaz_entry_clear(e);
        return NC_ENOMEM;
    }
    if (g->n_entries == g->cap_entries) {
        size_t cap = g->cap_entries ? g->cap_entries * 2 : 256;
        nc_gaz_entry *p = realloc(g->entries, cap * sizeof *p);
        if (!p) {
            nc_gaz_entry_clear(e);
            return NC_ENOMEM;
        }
        g->entries = p;
        g->cap_entries = cap;
    }
    *index = (uint32_t)g->n_entries;
    g->entries[g->n_entries++] = *e;
    size_t k = id_slot(e->id, strlen(e->id), g->id_mask);
    while (g->id_slots[k])
        k = (k + 1) & g->id_mask;
    g->id_slots[k] = *index + 1;
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
    nc_tokens *tp = &g->scratch; /* reused: thousands of phrases, one buffer */
    tp->n = 0;
    tp->pool_len = 0;
    int rc = nc_tokens_cut(tp, phrase, len, NULL);
    if (rc)
        return rc;
    nc_tokens toks = *tp;
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
            p->f.need_cap == f.need_cap && p->f.need_upper == f.need_upper)
            return 0;
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

const nc_lexicon *nc_gaz_lexicon(const nc_gazetteer *g) { return g->lex; }

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
    uint32_t at = nc_gaz_node(g->lex, t);
    if (!at)
        return 0;
    const node *nd = &g->nodes[at];
    for (uint32_t i = 0; i < nd->count; i++)
        if (g->forms[nd->first + i].kind == kind && nc_gaz_fits(&g->forms[nd->first + i], t))
            return 1;
    return 0;
}
