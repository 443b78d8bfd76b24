/* The gazetteer's layout, shared by its store and lookups (gazetteer.c),
 * its building (gazbuild.c) and its compiled image (gazimage.c); nothing
 * else includes this.
 *
 * The trie: a phrase's first word is an entry of the lexicon (slot
 * NC_LEX_GAZ: its node); a node's children are edges[kids .. kids +
 * n_kids), ordered by the token key's hash, and its forms are forms[first
 * .. first + count). Keys are stored once per edge, each after a length
 * byte. While building, edges live in a hash table keyed by (parent, key)
 * and forms in a list per node; nc_gaz_freeze lays them out as above. */
#ifndef NC_EXTRACT_ACTORS_GAZPRIV_H
#define NC_EXTRACT_ACTORS_GAZPRIV_H
#include "extract/actors/gazetteer.h"
#include "util/buf.h"

typedef struct gaz_node {
    uint32_t first, kids;
    uint16_t count, n_kids;
    /* what the node's forms and its descendants' can match, so that a
     * lookup stops without reading forms or edges that cannot fit (most
     * lookups find nothing): kinds of its own forms, of the descendants'
     * forms (bits NC_KIND), and the case every form of the subtree needs
     * of the node's own token (GAZ_SUB_*) and every descendant's of the
     * next token (GAZ_BELOW_*) */
    uint16_t kinds, below_kinds;
    uint8_t need;
} gaz_node;

enum {
    GAZ_SUB_CAP = 1,   /* capitalised or in capitals */
    GAZ_SUB_UPPER = 2, /* in capitals */
    GAZ_BELOW_CAP = 4,
    GAZ_BELOW_UPPER = 8
};

typedef struct gaz_edge {
    uint64_t hash;
    uint32_t child, key; /* key: offset of its length byte in keys */
} gaz_edge;

typedef struct gaz_build_edge { /* the hash table while building; child 0: empty */
    uint64_t hash;
    uint32_t parent, child, key;
} gaz_build_edge;

typedef struct gaz_pending { /* a form before freezing */
    nc_gaz_form f;
    uint32_t node;
    uint32_t next; /* the node's previous form + 1, 0 for none */
} gaz_pending;

struct nc_gazetteer {
    nc_lexicon *lex; /* borrowed: a phrase's first word is found there (NC_LEX_GAZ) */
    nc_gaz_entry *entries;
    size_t n_entries, cap_entries;
    uint32_t *ids; /* entry index + 1 by id hash (0: empty), 2 * cap_entries; while loading */
    uint32_t *principal; /* entries marked as their country's one body of a sector */
    size_t n_principal;
    nc_gaz_place *places;
    size_t n_places, cap_places;
    uint32_t *place_ids; /* place index + 1 by id hash, 2 * cap_places; while loading */
    nc_buf strs;         /* places' strings; offset 0 is "" */
    /* the frozen trie */
    gaz_node *nodes;
    size_t n_nodes;
    gaz_edge *edges;
    size_t n_edges;
    nc_buf keys;
    nc_gaz_form *forms;
    size_t n_forms;
    char *sector_word[NC_SECTOR_COUNT];
    /* while building */
    uint32_t *pend_head; /* per node: its last pending form + 1 */
    size_t cap_nodes;
    gaz_build_edge *table;
    size_t cap_table;
    gaz_pending *pend;
    size_t n_pend, cap_pend;
    /* built on a compiled image: the arrays and strings are the image's;
     * only `entries` and the struct itself are ours to free */
    int borrowed;
};

/* Slot of a key hash in an open-addressing table of mask + 1 slots. */
static inline size_t nc_gaz_slot(uint64_t h, size_t mask) { return (size_t)(h ^ (h >> 32)) & mask; }

#endif
