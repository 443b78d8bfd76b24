/* The lexicon (see lexicon.h): entries in an array, found through an
 * open-addressing table of entry ids, and a 64 Ki-bit filter on the hash
 * that answers "not in the lexicon" for most words of a text without
 * touching the table. */
#include "text/lexicon.h"
#include "newsclaims.h"
#include "util/buf.h"
#include <stdlib.h>
#include <string.h>


typedef struct entry {
    uint64_t hash;
    uint32_t key_off, key_len;
} entry;

struct nc_lexicon {
    struct nc_lexicon_head head; /* values and filter, read inline (lexicon.h) */
    entry *entries;              /* entries[0] is unused: id 0 means "none" */
    size_t n, cap;
    uint32_t *slots; /* entry ids, 0 = empty; size mask + 1 (a power of two) */
    size_t mask;
    nc_buf keys;
};

nc_lexicon *nc_lexicon_new(void)
{
    nc_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx)
        return NULL;
    lx->cap = 1024;
    lx->entries = calloc(lx->cap, sizeof *lx->entries);
    lx->head.values = calloc(lx->cap, sizeof *lx->head.values);
    lx->mask = 2047;
    lx->slots = calloc(lx->mask + 1, sizeof *lx->slots);
    if (!lx->entries || !lx->head.values || !lx->slots) {
        nc_lexicon_free(lx);
        return NULL;
    }
    lx->n = 1;
    return lx;
}

void nc_lexicon_free(nc_lexicon *lx)
{
    if (!lx)
        return;
    free(lx->entries);
    free(lx->head.values);
    free(lx->slots);
    nc_buf_free(&lx->keys);
    free(lx);
}

static size_t slot_of(uint64_t hash, size_t mask) { return (size_t)(hash >> 20 ^ hash) & mask; }

uint32_t nc_lexicon_find(const nc_lexicon *lx, const char *key, size_t len, uint64_t hash)
{
    if (!(lx->head.filter[(hash & 0xFFFF) >> 6] >> (hash & 63) & 1))
        return 0;
    for (size_t i = slot_of(hash, lx->mask);; i = (i + 1) & lx->mask) {
        uint32_t id = lx->slots[i];
        if (!id)
            return 0;
        const entry *e = &lx->entries[id];
        if (e->hash == hash && e->key_len == len && memcmp(lx->keys.data + e->key_off, key, len) == 0)
            return id;
    }
}

static int grow_slots(nc_lexicon *lx)
{
    size_t mask = lx->mask * 2 + 1;
    uint32_t *s = calloc(mask + 1, sizeof *s);
    if (!s)
        return NC_ENOMEM;
    for (uint32_t id = 1; id < lx->n; id++) {
        size_t i = slot_of(lx->entries[id].hash, mask);
        while (s[i])
            i = (i + 1) & mask;
        s[i] = id;
    }
    free(lx->slots);
    lx->slots = s;
    lx->mask = mask;
    return 0;
}

int nc_lexicon_add(nc_lexicon *lx, const char *key, size_t len, uint32_t *id)
{
    uint64_t hash = nc_key_hash(key, len);
    if ((*id = nc_lexicon_find(lx, key, len, hash)))
        return 0;
    if (len > UINT32_MAX || lx->keys.len > UINT32_MAX - len)
        return NC_ENOMEM;
    if (lx->n == lx->cap) {
        entry *p = realloc(lx->entries, 2 * lx->cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        lx->entries = p;
        uint32_t(*v)[NC_LEX_SLOTS] = realloc(lx->head.values, 2 * lx->cap * sizeof *v);
        if (!v)
            return NC_ENOMEM;
        lx->head.values = v;
        lx->cap *= 2;
    }
    if (2 * (lx->n + 1) > lx->mask + 1 && grow_slots(lx))
        return NC_ENOMEM;
    entry *e = &lx->entries[lx->n];
    memset(e, 0, sizeof *e);
    memset(lx->head.values[lx->n], 0, sizeof lx->head.values[lx->n]);
    e->hash = hash;
    e->key_off = (uint32_t)lx->keys.len;
    e->key_len = (uint32_t)len;
    if (nc_buf_append(&lx->keys, key, len))
        return NC_ENOMEM;
    size_t i = slot_of(hash, lx->mask);
    while (lx->slots[i])
        i = (i + 1) & lx->mask;
    lx->slots[i] = (uint32_t)lx->n;
    lx->head.filter[(hash & 0xFFFF) >> 6] |= 1ULL << (hash & 63);
    *id = (uint32_t)lx->n++;
    return 0;
}

void nc_lexicon_set(nc_lexicon *lx, uint32_t id, enum nc_lex_slot slot, uint32_t value)
{
    if (id && id < lx->n)
        lx->head.values[id][slot] = value;
}

size_t nc_lexicon_size(const nc_lexicon *lx) { return lx->n - 1; }

