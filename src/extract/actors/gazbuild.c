/* Building the gazetteer's trie (see gazpriv.h): phrases are cut by the
 * text's tokenizer, so a phrase and the text it should match agree about
 * every word; edges go into a hash table, and nc_gaz_freeze lays the trie
 * out for lookups. */
#include "extract/actors/gazpriv.h"
#include "newsclaims.h"
#include <stdlib.h>
#include <string.h>

static size_t table_slot(uint32_t parent, uint64_t hash, size_t mask)
{
    return (size_t)((hash ^ (hash >> 29) ^ (parent * 0x9E3779B1u)) * 0x85EBCA6Bu) & mask;
}

/* Child of parent (not the root) by key, 0 if none. */
static uint32_t table_child(const nc_gazetteer *g, uint32_t parent, const nc_token *t)
{
    size_t mask = g->cap_table - 1;
    const uint64_t h = nc_token_hash(t);
    for (size_t i = table_slot(parent, h, mask);; i = (i + 1) & mask) {
        const gaz_build_edge *e = &g->table[i];
        if (!e->child)
            return 0;
        const unsigned char *k = (const unsigned char *)g->keys.data + e->key;
        if (e->parent == parent && e->hash == h && k[0] == t->key_len &&
            memcmp(k + 1, t->key, t->key_len) == 0)
            return e->child;
    }
}

static void table_put(gaz_build_edge *table, size_t cap, const gaz_build_edge *e)
{
    size_t mask = cap - 1;
    size_t i = table_slot(e->parent, e->hash, mask);
    while (table[i].child)
        i = (i + 1) & mask;
    table[i] = *e;
}

static int table_grow(nc_gazetteer *g)
{
    size_t cap = g->cap_table * 2;
    gaz_build_edge *t = calloc(cap, sizeof *t);
    if (!t)
        return NC_ENOMEM;
    for (size_t i = 0; i < g->cap_table; i++)
        if (g->table[i].child)
            table_put(t, cap, &g->table[i]);
    free(g->table);
    g->table = t;
    g->cap_table = cap;
    return 0;
}

static int new_node(nc_gazetteer *g, uint32_t *out)
{
    if (g->n_nodes >= UINT32_MAX - 1)
        return NC_ETOOBIG;
    if (g->n_nodes == g->cap_nodes) {
        size_t cap = g->cap_nodes * 2;
        uint32_t *p = realloc(g->pend_head, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        g->pend_head = p;
        g->cap_nodes = cap;
    }
    g->pend_head[g->n_nodes] = 0;
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
    uint32_t c = table_child(g, parent, t);
    if (c) {
        *out = c;
        return 0;
    }
    if ((g->n_edges + 1) * 2 > g->cap_table && table_grow(g))
        return NC_ENOMEM;
    if (g->keys.len > UINT32_MAX - 256)
        return NC_ETOOBIG;
    if ((rc = new_node(g, &c)))
        return rc;
    gaz_build_edge e = {nc_token_hash(t), parent, c, (uint32_t)g->keys.len};
    char len = (char)(unsigned char)t->key_len;
    if (nc_buf_append(&g->keys, &len, 1) || nc_buf_append(&g->keys, t->key, t->key_len))
        return NC_ENOMEM;
    table_put(g->table, g->cap_table, &e);
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
        if ((t->flags & NC_TOKEN_LONG) || t->key_len > 255) {
            *why = "word too long (255 bytes at most)";
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
    for (uint32_t i = rc ? 0 : g->pend_head[at]; i; i = g->pend[i - 1].next) {
        const gaz_pending *p = &g->pend[i - 1];
        if (p->f.kind == f.kind && p->f.entry == f.entry && p->f.sector == f.sector &&
            p->f.need_cap == f.need_cap && p->f.need_upper == f.need_upper) {
            nc_tokens_free(&toks);
            return 0;
        }
    }
    if (!rc && g->n_pend == g->cap_pend) {
        size_t cap = g->cap_pend ? g->cap_pend * 2 : 1024;
        gaz_pending *p = realloc(g->pend, cap * sizeof *p);
        if (!p)
            rc = NC_ENOMEM;
        else {
            g->pend = p;
            g->cap_pend = cap;
        }
    }
    if (!rc) {
        g->pend[g->n_pend] = (gaz_pending){f, at, g->pend_head[at]};
        g->pend_head[at] = (uint32_t)++g->n_pend;
    }
    nc_tokens_free(&toks);
    return rc;
}

static int by_parent_hash(const void *a, const void *b)
{
    const gaz_build_edge *x = a, *y = b;
    if (x->parent != y->parent)
        return x->parent < y->parent ? -1 : 1;
    return x->hash < y->hash ? -1 : x->hash > y->hash;
}

/* The nodes' kinds and case needs (gaz_node). A child is made after its
 * parent, so its index is larger: depths go up the indexes, subtrees
 * down. parent: by node, 0 for a first word (and the root). */
static int summarise(nc_gazetteer *g, const uint32_t *parent)
{
    /* by node: the AND of its subtree's forms' case masks (need_cap |
     * need_upper, need_upper), then of its descendants' only */
    uint32_t(*sub)[2] = malloc(g->n_nodes * sizeof *sub), (*below)[2] = malloc(g->n_nodes * sizeof *below);
    uint8_t *depth = malloc(g->n_nodes);
    if (!sub || !below || !depth) {
        free(sub), free(below), free(depth);
        return NC_ENOMEM;
    }
    depth[0] = 0;
    for (size_t i = 1; i < g->n_nodes; i++)
        depth[i] = (uint8_t)(parent[i] ? depth[parent[i]] + 1 : 1);
    for (size_t i = 0; i < g->n_nodes; i++) {
        below[i][0] = below[i][1] = UINT32_MAX; /* no descendant: needs anything */
        g->nodes[i].kinds = g->nodes[i].below_kinds = 0;
    }
    for (size_t i = g->n_nodes; i-- > 1;) {
        gaz_node *nd = &g->nodes[i];
        sub[i][0] = below[i][0];
        sub[i][1] = below[i][1];
        for (uint32_t k = 0; k < nd->count; k++) {
            const nc_gaz_form *f = &g->forms[nd->first + k];
            nd->kinds |= (uint16_t)NC_KIND(f->kind);
            sub[i][0] &= f->need_cap | f->need_upper;
            sub[i][1] &= f->need_upper;
        }
        unsigned d = depth[i] - 1u; /* the node's token */
        nd->need = (uint8_t)((sub[i][0] >> d & 1) * GAZ_SUB_CAP | (sub[i][1] >> d & 1) * GAZ_SUB_UPPER);
        if (d + 1 < 32)
            nd->need |= (uint8_t)((below[i][0] >> (d + 1) & 1) * GAZ_BELOW_CAP |
                                  (below[i][1] >> (d + 1) & 1) * GAZ_BELOW_UPPER);
        if (parent[i]) {
            gaz_node *up = &g->nodes[parent[i]];
            up->below_kinds |= nd->kinds | nd->below_kinds;
            below[parent[i]][0] &= sub[i][0];
            below[parent[i]][1] &= sub[i][1];
        }
    }
    free(sub), free(below), free(depth);
    return 0;
}

int nc_gaz_freeze(nc_gazetteer *g)
{
    g->nodes = calloc(g->n_nodes, sizeof *g->nodes);
    g->forms = malloc((g->n_pend ? g->n_pend : 1) * sizeof *g->forms);
    g->edges = malloc((g->n_edges ? g->n_edges : 1) * sizeof *g->edges);
    gaz_build_edge *sorted = malloc((g->n_edges ? g->n_edges : 1) * sizeof *sorted);
    if (!g->nodes || !g->forms || !g->edges || !sorted) {
        free(sorted);
        return NC_ENOMEM;
    }
    /* forms: a counting sort by node; a node's forms stay in the order
     * they were listed */
    uint32_t *count = calloc(g->n_nodes, sizeof *count);
    if (!count) {
        free(sorted);
        return NC_ENOMEM;
    }
    for (size_t i = 0; i < g->n_pend; i++)
        count[g->pend[i].node]++;
    uint32_t at = 0;
    for (size_t i = 0; i < g->n_nodes; i++) {
        if (count[i] > UINT16_MAX) {
            free(count), free(sorted);
            return NC_ETOOBIG;
        }
        g->nodes[i].first = at;
        at += count[i];
    }
    for (size_t i = 0; i < g->n_pend; i++) {
        gaz_node *nd = &g->nodes[g->pend[i].node];
        g->forms[nd->first + nd->count++] = g->pend[i].f;
    }
    g->n_forms = g->n_pend;
    free(count);
    /* edges: by parent, then by hash */
    size_t k = 0;
    for (size_t i = 0; i < g->cap_table; i++)
        if (g->table[i].child)
            sorted[k++] = g->table[i];
    qsort(sorted, k, sizeof *sorted, by_parent_hash);
    for (size_t i = 0; i < k; i++) {
        gaz_node *nd = &g->nodes[sorted[i].parent];
        if (!nd->n_kids)
            nd->kids = (uint32_t)i;
        if (nd->n_kids == UINT16_MAX) {
            free(sorted);
            return NC_ETOOBIG;
        }
        nd->n_kids++;
        g->edges[i] = (gaz_edge){sorted[i].hash, sorted[i].child, sorted[i].key};
    }
    uint32_t *parent = calloc(g->n_nodes, sizeof *parent);
    if (!parent) {
        free(sorted);
        return NC_ENOMEM;
    }
    for (size_t i = 0; i < k; i++)
        parent[sorted[i].child] = sorted[i].parent;
    free(sorted);
    int rc = summarise(g, parent);
    free(parent);
    if (rc)
        return rc;
    free(g->pend);
    free(g->pend_head);
    free(g->table);
    g->pend = NULL;
    g->pend_head = NULL;
    g->table = NULL;
    g->n_pend = g->cap_pend = g->cap_nodes = g->cap_table = 0;
    return 0;
}
