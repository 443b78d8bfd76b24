/* The lexicon (see lexicon.h): entries in an array, found through an
 * open-addressing table of entry ids, and a bit filter on the hash that
 * answers "not in the lexicon" for most words of a text without touching
 * the table. A lexicon built on a compiled image has two such tables: its
 * own (searched first) and the image's, whose ids come first. */
#include "text/lexicon.h"
#include "newsclaims.h"
#include "util/buf.h"
#include <stdlib.h>
#include <string.h>

#define FILTER_MIN_BITS 65536

typedef struct entry {
    uint64_t hash;
    uint32_t key_off, key_len;
    uint32_t value[NC_LEX_SLOTS];
} entry;

/* One table: entries, the ids by hash, the keys, the filter. */
typedef struct table {
    const entry *entries; /* entries[0] is unused: id 0 means "none" */
    size_t n;             /* entries, the unused one included */
    const uint32_t *slots; /* entry ids, 0 = empty; mask + 1 of them (a power of two) */
    size_t mask;
    const char *keys;
    const uint64_t *filter; /* bit (hash & filter_mask): some key has it */
    size_t filter_mask;
} table;

struct nc_lexicon {
    table own;   /* the arrays below, as read */
    entry *entries;
    size_t cap;
    uint32_t *slots;
    uint64_t *filter;
    nc_buf keys;
    table base;  /* an image's entries (n == 0: none); ids 1 .. base.n - 1 */
    unsigned base_slots; /* the slots whose values the image's entries give (bit per slot) */
};

static size_t filter_bits_for(size_t slots)
{
    return 4 * slots > FILTER_MIN_BITS ? 4 * slots : FILTER_MIN_BITS;
}

/* Points lx->own at the arrays (after any of them moved). */
static void own_sync(nc_lexicon *lx)
{
    lx->own.entries = lx->entries;
    lx->own.slots = lx->slots;
    lx->own.keys = lx->keys.data;
    lx->own.filter = lx->filter;
}

nc_lexicon *nc_lexicon_new(void)
{
    nc_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx)
        return NULL;
    lx->cap = 1024;
    lx->entries = calloc(lx->cap, sizeof *lx->entries);
    lx->own.mask = 2047;
    lx->slots = calloc(lx->own.mask + 1, sizeof *lx->slots);
    size_t bits = filter_bits_for(lx->own.mask + 1);
    lx->filter = calloc(bits / 64, sizeof *lx->filter);
    if (!lx->entries || !lx->slots || !lx->filter) {
        nc_lexicon_free(lx);
        return NULL;
    }
    lx->own.filter_mask = bits - 1;
    lx->own.n = 1;
    own_sync(lx);
    return lx;
}

void nc_lexicon_free(nc_lexicon *lx)
{
    if (!lx)
        return;
    free(lx->entries);
    free(lx->slots);
    free(lx->filter);
    nc_buf_free(&lx->keys);
    free(lx);
}

static size_t slot_of(uint64_t hash, size_t mask) { return (size_t)(hash >> 20 ^ hash) & mask; }

static int filter_has(const table *t, uint64_t hash)
{
    size_t bit = (size_t)hash & t->filter_mask;
    return t->filter[bit >> 6] >> (bit & 63) & 1;
}

/* The entry index of key in t, 0 when absent. */
static uint32_t table_find(const table *t, const char *key, size_t len, uint64_t hash)
{
    if (!t->n || !filter_has(t, hash))
        return 0;
    for (size_t i = slot_of(hash, t->mask);; i = (i + 1) & t->mask) {
        uint32_t id = t->slots[i];
        if (!id)
            return 0;
        const entry *e = &t->entries[id];
        if (e->hash == hash && e->key_len == len && memcmp(t->keys + e->key_off, key, len) == 0)
            return id;
    }
}

/* Ids: the image's entries first, then the lexicon's own. */
static uint32_t own_id(const nc_lexicon *lx, uint32_t i) { return i + (uint32_t)(lx->base.n ? lx->base.n - 1 : 0); }

uint32_t nc_lexicon_find(const nc_lexicon *lx, const char *key, size_t len, uint64_t hash)
{
    uint32_t i = table_find(&lx->own, key, len, hash);
    if (i)
        return own_id(lx, i);
    return table_find(&lx->base, key, len, hash);
}

static void slot_put(uint32_t *slots, size_t mask, uint64_t hash, uint32_t i)
{
    size_t k = slot_of(hash, mask);
    while (slots[k])
        k = (k + 1) & mask;
    slots[k] = i;
}

static void filter_put(uint64_t *filter, size_t filter_mask, uint64_t hash)
{
    size_t bit = (size_t)hash & filter_mask;
    filter[bit >> 6] |= 1ULL << (bit & 63);
}

static int grow_slots(nc_lexicon *lx)
{
    size_t mask = lx->own.mask * 2 + 1, bits = filter_bits_for(mask + 1);
    uint32_t *s = calloc(mask + 1, sizeof *s);
    uint64_t *f = calloc(bits / 64, sizeof *f);
    if (!s || !f) {
        free(s), free(f);
        return NC_ENOMEM;
    }
    for (uint32_t i = 1; i < lx->own.n; i++) {
        slot_put(s, mask, lx->entries[i].hash, i);
        filter_put(f, bits - 1, lx->entries[i].hash);
    }
    free(lx->slots);
    free(lx->filter);
    lx->slots = s;
    lx->filter = f;
    lx->own.mask = mask;
    lx->own.filter_mask = bits - 1;
    own_sync(lx);
    return 0;
}

int nc_lexicon_add(nc_lexicon *lx, const char *key, size_t len, uint32_t *id)
{
    uint64_t hash = nc_key_hash(key, len);
    uint32_t i = table_find(&lx->own, key, len, hash);
    if (i) {
        *id = own_id(lx, i);
        return 0;
    }
    if (len > UINT32_MAX || lx->keys.len > UINT32_MAX - len)
        return NC_ENOMEM;
    if (lx->own.n == lx->cap) {
        entry *p = realloc(lx->entries, 2 * lx->cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        lx->entries = p;
        lx->cap *= 2;
        own_sync(lx);
    }
    if (2 * (lx->own.n + 1) > lx->own.mask + 1 && grow_slots(lx))
        return NC_ENOMEM;
    entry *e = &lx->entries[lx->own.n];
    memset(e, 0, sizeof *e);
    /* a key of the image: the copy keeps the image's values */
    uint32_t b = table_find(&lx->base, key, len, hash);
    for (int k = 0; b && k < NC_LEX_SLOTS; k++)
        e->value[k] = lx->base_slots >> k & 1 ? lx->base.entries[b].value[k] : 0;
    e->hash = hash;
    e->key_off = (uint32_t)lx->keys.len;
    e->key_len = (uint32_t)len;
    if (nc_buf_append(&lx->keys, key, len))
        return NC_ENOMEM;
    slot_put(lx->slots, lx->own.mask, hash, (uint32_t)lx->own.n);
    filter_put(lx->filter, lx->own.filter_mask, hash);
    own_sync(lx);
    *id = own_id(lx, (uint32_t)lx->own.n++);
    return 0;
}

void nc_lexicon_set(nc_lexicon *lx, uint32_t id, enum nc_lex_slot slot, uint32_t value)
{
    size_t nb = lx->base.n ? lx->base.n - 1 : 0;
    if (id > nb && id - nb < lx->own.n) /* ids of the image come back from add as own ids */
        lx->entries[id - nb].value[slot] = value;
}

uint32_t nc_lexicon_get(const nc_lexicon *lx, uint32_t id, enum nc_lex_slot slot)
{
    size_t nb = lx->base.n ? lx->base.n - 1 : 0;
    if (!id)
        return 0;
    if (id <= nb) /* an entry of the image: the slots it gives */
        return lx->base_slots >> slot & 1 ? lx->base.entries[id].value[slot] : 0;
    id -= (uint32_t)nb;
    return id < lx->own.n ? lx->entries[id].value[slot] : 0;
}

size_t nc_lexicon_size(const nc_lexicon *lx)
{
    /* keys of the image that were copied count once */
    size_t n = lx->base.n ? lx->base.n - 1 : 0;
    for (uint32_t i = 1; i < lx->own.n; i++) {
        const entry *e = &lx->entries[i];
        n += !table_find(&lx->base, lx->keys.data + e->key_off, e->key_len, e->hash);
    }
    return n;
}

/* ---- the compiled image ----
 * Layout: a header of uint64 values, then the entries, the slots, the keys
 * and the filter, each padded to 8 bytes. */
#define IMAGE_MAGIC 0x3158454c434eull /* "NCLEX1" */
enum { H_MAGIC, H_ENTRY, H_N, H_MASK, H_KEYS, H_FILTER_BITS, H_COUNT };

static int put_array(nc_buf *b, const void *data, size_t bytes)
{
    static const char zero[8];
    int rc = bytes ? nc_buf_append(b, data, bytes) : 0;
    if (!rc && b->len % 8)
        rc = nc_buf_append(b, zero, 8 - b->len % 8);
    return rc;
}

int nc_lexicon_image_write(const nc_lexicon *lx, nc_buf *out)
{
    if (lx->base.n)
        return NC_EINVAL;
    const table *t = &lx->own;
    uint64_t h[H_COUNT] = {IMAGE_MAGIC, sizeof(entry), t->n, t->mask, lx->keys.len, t->filter_mask + 1};
    int rc = put_array(out, h, sizeof h);
    if (!rc)
        rc = put_array(out, t->entries, t->n * sizeof *t->entries);
    if (!rc)
        rc = put_array(out, t->slots, (t->mask + 1) * sizeof *t->slots);
    if (!rc)
        rc = put_array(out, t->keys, lx->keys.len);
    if (!rc)
        rc = put_array(out, t->filter, (t->filter_mask + 1) / 8);
    return rc;
}

int nc_lexicon_new_on_image(nc_lexicon **out, const void *image, size_t len, unsigned slots, size_t *used)
{
    const unsigned char *p = image, *start = image, *end = p + len;
    uint64_t h[H_COUNT];
    *out = NULL;
    if (len < sizeof h || ((uintptr_t)p & 7))
        return NC_EINVAL;
    memcpy(h, p, sizeof h);
    if (h[H_MAGIC] != IMAGE_MAGIC || h[H_ENTRY] != sizeof(entry) || h[H_N] < 1 ||
        ((h[H_MASK] + 1) & h[H_MASK]) || h[H_N] > h[H_MASK] || h[H_FILTER_BITS] < 64 ||
        (h[H_FILTER_BITS] & (h[H_FILTER_BITS] - 1)))
        return NC_EINVAL;
    p += sizeof h;
    table t = {0};
    const void *at[4];
    const size_t bytes[4] = {h[H_N] * sizeof(entry), (h[H_MASK] + 1) * sizeof(uint32_t), h[H_KEYS],
                             h[H_FILTER_BITS] / 8};
    for (int k = 0; k < 4; k++) {
        if ((size_t)(end - p) < bytes[k])
            return NC_EINVAL;
        at[k] = p;
        p += (bytes[k] + 7) & ~(size_t)7;
        if (p > end)
            p = end;
    }
    t.entries = at[0];
    t.n = h[H_N];
    t.slots = at[1];
    t.mask = h[H_MASK];
    t.keys = at[2];
    t.filter = at[3];
    t.filter_mask = h[H_FILTER_BITS] - 1;
    nc_lexicon *lx = nc_lexicon_new();
    if (!lx)
        return NC_ENOMEM;
    lx->base = t;
    lx->base_slots = slots;
    *used = (size_t)(p - start);
    *out = lx;
    return 0;
}
