/* The gazetteer's store and lookups (see gazetteer.h; layout in
 * gazpriv.h). */
#include "extract/actors/gazpriv.h"
#include "newsclaims.h"
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

const char *nc_place_kind_name(nc_place_kind k)
{
    static const char *const names[NC_PLACE_KINDS] = {"city", "admin1", "admin2", "region"};
    return k < NC_PLACE_KINDS ? names[k] : NULL;
}

nc_gazetteer *nc_gaz_create(nc_lexicon *lex)
{
    nc_gazetteer *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->lex = lex;
    g->cap_nodes = 1024;
    g->pend_head = calloc(g->cap_nodes, sizeof *g->pend_head);
    g->cap_table = 1024;
    g->table = calloc(g->cap_table, sizeof *g->table);
    if (!g->pend_head || !g->table || nc_buf_append(&g->strs, "", 1)) {
        nc_gazetteer_free(g);
        return NULL;
    }
    g->n_nodes = 1; /* the root */
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
    free(g->places);
    free(g->place_ids);
    nc_buf_free(&g->strs);
    free(g->nodes);
    free(g->edges);
    nc_buf_free(&g->keys);
    free(g->forms);
    for (int i = 0; i < NC_SECTOR_COUNT; i++)
        free(g->sector_word[i]);
    free(g->pend_head);
    free(g->table);
    free(g->pend);
    free(g);
}

/* ---- entries and places by id (while loading) ---- */

static void index_put(uint32_t *slots, size_t mask, const char *id, size_t len, uint32_t index)
{
    size_t i = nc_gaz_slot(nc_key_hash(id, len), mask);
    while (slots[i])
        i = (i + 1) & mask;
    slots[i] = index + 1;
}

static int entries_grow(nc_gazetteer *g)
{
    size_t cap = g->cap_entries ? g->cap_entries * 2 : 256;
    nc_gaz_entry *p = realloc(g->entries, cap * sizeof *p);
    if (p)
        g->entries = p;
    uint32_t *ids = p ? calloc(2 * cap, sizeof *ids) : NULL;
    if (!ids)
        return NC_ENOMEM;
    g->cap_entries = cap;
    free(g->ids);
    g->ids = ids;
    for (size_t i = 0; i < g->n_entries; i++)
        index_put(g->ids, 2 * cap - 1, g->entries[i].id, strlen(g->entries[i].id), (uint32_t)i);
    return 0;
}

int nc_gaz_add_entry(nc_gazetteer *g, nc_gaz_entry *e, uint32_t *index)
{
    if (g->n_entries == g->cap_entries && entries_grow(g)) {
        nc_gaz_entry_clear(e);
        return NC_ENOMEM;
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
    index_put(g->ids, 2 * g->cap_entries - 1, e->id, strlen(e->id), *index);
    return 0;
}

int nc_gaz_find_id(const nc_gazetteer *g, const char *id, size_t len)
{
    if (!g->ids)
        return -1;
    size_t mask = 2 * g->cap_entries - 1;
    for (size_t i = nc_gaz_slot(nc_key_hash(id, len), mask); g->ids[i]; i = (i + 1) & mask) {
        const char *x = g->entries[g->ids[i] - 1].id;
        if (strlen(x) == len && memcmp(x, id, len) == 0)
            return (int)g->ids[i] - 1;
    }
    return -1;
}

static int places_grow(nc_gazetteer *g)
{
    size_t cap = g->cap_places ? g->cap_places * 2 : 1024;
    nc_gaz_place *p = realloc(g->places, cap * sizeof *p);
    if (p)
        g->places = p;
    uint32_t *ids = p ? calloc(2 * cap, sizeof *ids) : NULL;
    if (!ids)
        return NC_ENOMEM;
    g->cap_places = cap;
    free(g->place_ids);
    g->place_ids = ids;
    for (size_t i = 0; i < g->n_places; i++) {
        const char *id = g->strs.data + g->places[i].id;
        index_put(ids, 2 * cap - 1, id, strlen(id), (uint32_t)i);
    }
    return 0;
}

static int str_put(nc_buf *b, const char *s, size_t n, uint32_t *off)
{
    if (b->len > UINT32_MAX - n - 1)
        return NC_ETOOBIG;
    *off = (uint32_t)b->len;
    int rc = nc_buf_append(b, s, n);
    return rc ? rc : nc_buf_append(b, "", 1);
}

int nc_gaz_add_place(nc_gazetteer *g, const char *id, size_t id_len, const char *name, size_t name_len,
                     int country, nc_place_kind kind, int region, uint32_t *index)
{
    if (country < -1 || country > INT16_MAX)
        return NC_EINVAL;
    if (g->n_places == g->cap_places && places_grow(g))
        return NC_ENOMEM;
    nc_gaz_place p = {0, 0, region, (int16_t)country, (uint8_t)kind, 0};
    int rc = str_put(&g->strs, id, id_len, &p.id);
    if (!rc)
        rc = str_put(&g->strs, name, name_len, &p.name);
    if (rc)
        return rc;
    *index = (uint32_t)g->n_places;
    g->places[g->n_places++] = p;
    index_put(g->place_ids, 2 * g->cap_places - 1, id, id_len, *index);
    return 0;
}

int nc_gaz_find_place(const nc_gazetteer *g, const char *id, size_t len)
{
    if (!g->place_ids)
        return -1;
    size_t mask = 2 * g->cap_places - 1;
    for (size_t i = nc_gaz_slot(nc_key_hash(id, len), mask); g->place_ids[i]; i = (i + 1) & mask) {
        const char *x = g->strs.data + g->places[g->place_ids[i] - 1].id;
        if (strlen(x) == len && memcmp(x, id, len) == 0)
            return (int)g->place_ids[i] - 1;
    }
    return -1;
}

nc_gaz_entry *nc_gaz_entry_mut(nc_gazetteer *g, size_t i) { return &g->entries[i]; }
nc_gaz_place *nc_gaz_place_mut(nc_gazetteer *g, size_t i) { return &g->places[i]; }

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
size_t nc_gaz_place_count(const nc_gazetteer *g) { return g->n_places; }
const nc_gaz_place *nc_gaz_place_at(const nc_gazetteer *g, size_t i) { return &g->places[i]; }
const char *nc_gaz_str(const nc_gazetteer *g, uint32_t off) { return g->strs.data + off; }

const nc_gaz_place *nc_gaz_place_region(const nc_gazetteer *g, const nc_gaz_place *p)
{
    if (p->kind == NC_PLACE_ADMIN1)
        return p;
    return p->region >= 0 ? &g->places[p->region] : NULL;
}

/* The next ';'-separated item of *list, advancing it; its length. */
static size_t next_item(const char **list, const char **item)
{
    const char *p = *list, *semi = strchr(p, ';');
    size_t n = semi ? (size_t)(semi - p) : strlen(p);
    *item = p;
    *list = semi ? semi + 1 : p + n;
    return n;
}

int nc_gaz_in_office(const nc_gaz_entry *e, const char *date)
{
    if (!date || !e->from || !e->from[0])
        return 1;
    const char *from = e->from, *to = e->to ? e->to : "";
    while (*from) {
        const char *f, *t;
        size_t nf = next_item(&from, &f), nt = next_item(&to, &t);
        /* compared at the data's precision: "2021" covers all of 2021 */
        if (nf && strncmp(date, f, nf) < 0)
            continue;
        if (nt && strncmp(date, t, nt) > 0)
            continue;
        return 1;
    }
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

/* The node after `parent` for token t (the root: t is a first word), 0
 * if none. A node's edges are ordered by hash: a binary search. */
static uint32_t next_node(const nc_gazetteer *g, uint32_t parent, const nc_token *t)
{
    if (parent == 0)
        return nc_gaz_node(g->lex, t);
    const gaz_node *nd = &g->nodes[parent];
    const gaz_edge *e = g->edges + nd->kids;
    if (nd->n_kids <= 4) { /* most nodes: a look at each key costs less than hashing the token's */
        for (size_t i = 0; i < nd->n_kids; i++) {
            const unsigned char *k = (const unsigned char *)g->keys.data + e[i].key;
            if (k[0] == t->key_len && memcmp(k + 1, t->key, t->key_len) == 0)
                return e[i].child;
        }
        return 0;
    }
    const uint64_t h = nc_token_hash(t); /* tokens do not keep their hash (token.h) */
    size_t lo = 0, hi = nd->n_kids;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (e[mid].hash < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < nd->n_kids && e[lo].hash == h; lo++) {
        const unsigned char *k = (const unsigned char *)g->keys.data + e[lo].key;
        if (k[0] == t->key_len && memcmp(k + 1, t->key, t->key_len) == 0)
            return e[lo].child;
    }
    return 0;
}

/* 1 if token flags meet a node's case need (GAZ_SUB_* bits, or GAZ_BELOW_*
 * shifted down). */
static int case_meets(unsigned need, unsigned flags)
{
    if ((need & GAZ_SUB_UPPER) && !(flags & NC_TOKEN_UPPER))
        return 0;
    return !(need & GAZ_SUB_CAP) || (flags & (NC_TOKEN_CAP | NC_TOKEN_UPPER));
}

size_t nc_gaz_longest(const nc_gazetteer *g, const nc_token *t, size_t n, unsigned kinds,
                      const nc_gaz_form **forms, size_t *n_forms)
{
    size_t best = 0;
    uint32_t at = 0, best_node = 0;
    const gaz_node *nd = NULL;
    for (size_t k = 0; k < n && k < 32; k++) {
        if (t[k].flags & NC_TOKEN_LONG)
            break;
        /* no descendant has a form that could fit: its edges are not read */
        if (nd && (!(nd->below_kinds & kinds) || !case_meets(nd->need >> 2, t[k].flags)))
            break;
        at = next_node(g, at, &t[k]);
        if (!at)
            break;
        nd = &g->nodes[at];
        if (!((nd->kinds | nd->below_kinds) & kinds) || !case_meets(nd->need, t[k].flags))
            break;
        if (!(nd->kinds & kinds))
            continue;
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
    const gaz_node *nd = &g->nodes[at];
    if (!(nd->kinds & NC_KIND(kind)))
        return 0;
    for (uint32_t i = 0; i < nd->count; i++)
        if (g->forms[nd->first + i].kind == kind && nc_gaz_fits(&g->forms[nd->first + i], t))
            return 1;
    return 0;
}
