/* The lexicon (see lexicon.h): entries in an array, found through an
 * open-addressing table of entry ids, and a bit filter on the hash that
 * answers "not in the lexicon" for most words of a text without touching
 * the table. A lexicon built on a compiled image has two tables: the
 * image's (ids 1 .. base.n - 1) and its own (the ids after), with one
 * values array and one filter over both. */
#include "text/lexicon.h"
#include "newsclaims.h"
#include "util/buf.h"
#include <stdlib.h>
#include <string.h>

#define FILTER_MIN_BITS 65536

typedef struct entry {
    uint64_t hash;
    uint32_t key_off, key_len;
} entry;

/* One table: entries, the ids by hash, the keys. */
typedef struct table {
    const entry *entries; /* entries[0] is unused: index 0 means "none" */
    size_t n;             /* entries, the unused one included */
    const uint32_t *slots; /* entry indexes, 0 = empty; mask + 1 of them (a power of two) */
    size_t mask;
    const char *keys;
} table;

typedef uint32_t values_row[NC_LEX_SLOTS];

struct nc_lexicon {
    struct nc_lexicon_head head; /* values and filter, read inline (lexicon.h) */
    table own;                   /* the arrays below, as read */
    entry *entries;
    size_t cap; /* of entries */
    uint32_t *slots;
    nc_buf keys;
    values_row *values; /* owned values by id (NULL while head.values is the image's) */
    size_t values_cap;
    uint64_t *filter; /* owned filter (NULL while head.filter is the image's) */
    table base;       /* an image's entries (n == 0: none) */
};

static size_t n_base(const nc_lexicon *lx) { return lx->base.n ? lx->base.n - 1 : 0; }

static size_t filter_bits_for(size_t keys)
{
    size_t bits = FILTER_MIN_BITS;
    while (bits < 8 * keys)
        bits *= 2;
    return bits;
}

/* Points lx->own at the arrays (after any of them moved). */
static void own_sync(nc_lexicon *lx)
{
    lx->own.entries = lx->entries;
    lx->own.slots = lx->slots;
    lx->own.keys = lx->keys.data;
}

nc_lexicon *nc_lexicon_new(void)
{
    nc_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx)
        return NULL;
    lx->cap = lx->values_cap = 1024;
    lx->entries = calloc(lx->cap, sizeof *lx->entries);
    lx->values = calloc(lx->values_cap, sizeof *lx->values);
    lx->own.mask = 2047;
    lx->slots = calloc(lx->own.mask + 1, sizeof *lx->slots);
    lx->filter = calloc(FILTER_MIN_BITS / 64, sizeof *lx->filter);
    if (!lx->entries || !lx->values || !lx->slots || !lx->filter) {
        nc_lexicon_free(lx);
        return NULL;
    }
    lx->head.values = lx->values;
    lx->head.filter = lx->filter;
    lx->head.filter_mask = FILTER_MIN_BITS - 1;
    lx->own.n = 1;
    own_sync(lx);
    return lx;
}

void nc_lexicon_free(nc_lexicon *lx)
{
    if (!lx)
        return;
    free(lx->entries);
    free(lx->values);
    free(lx->slots);
    free(lx->filter);
    nc_buf_free(&lx->keys);
    free(lx);
}

static size_t slot_of(uint64_t hash, size_t mask) { return (size_t)(hash >> 20 ^ hash) & mask; }

/* The entry index of key in t, 0 when absent. */
static uint32_t table_find(const table *t, const char *key, size_t len, uint64_t hash)
{
    if (!t->n)
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

uint32_t nc_lexicon_find(const nc_lexicon *lx, const char *key, size_t len, uint64_t hash)
{
    uint64_t bit = hash & lx->head.filter_mask;
    if (!(lx->head.filter[bit >> 6] >> (bit & 63) & 1))
        return 0;
    uint32_t i = table_find(&lx->base, key, len, hash);
    if (i)
        return i;
    i = table_find(&lx->own, key, len, hash);
    return i ? i + (uint32_t)n_base(lx) : 0;
}

static void slot_put(uint32_t *slots, size_t mask, uint64_t hash, uint32_t i)
{
    size_t k = slot_of(hash, mask);
    while (slots[k])
        k = (k + 1) & mask;
    slots[k] = i;
}

static void filter_put(uint64_t *filter, uint64_t mask, uint64_t hash)
{
    uint64_t bit = hash & mask;
    filter[bit >> 6] |= 1ULL << (bit & 63);
}

/* A filter of `bits` for every key of both tables into lx->filter. */
static int filter_rebuild(nc_lexicon *lx, size_t bits)
{
    uint64_t *f = calloc(bits / 64, sizeof *f);
    if (!f)
        return NC_ENOMEM;
    for (size_t i = 1; i < lx->base.n; i++)
        filter_put(f, bits - 1, lx->base.entries[i].hash);
    for (size_t i = 1; i < lx->own.n; i++)
        filter_put(f, bits - 1, lx->entries[i].hash);
    free(lx->filter);
    lx->filter = f;
    lx->head.filter = f;
    lx->head.filter_mask = bits - 1;
    return 0;
}

/* Room for the values of id `need`: the image's values are copied on the
 * first change. */
static int values_room(nc_lexicon *lx, size_t need)
{
    if (lx->values && need < lx->values_cap)
        return 0;
    if (!lx->values && need < n_base(lx))
        need = n_base(lx);
    size_t cap = lx->values_cap ? lx->values_cap : 1024;
    while (cap <= need)
        cap *= 2;
    values_row *v = realloc(lx->values, cap * sizeof *v);
    if (!v)
        return NC_ENOMEM;
    size_t have = lx->values ? lx->values_cap : 0;
    if (!lx->values) /* the image's values, the slots it gives already masked */
        memcpy(v, lx->head.values, (n_base(lx) + 1) * sizeof *v), have = n_base(lx) + 1;
    memset(v + have, 0, (cap - have) * sizeof *v);
    lx->values = v;
    lx->values_cap = cap;
    lx->head.values = v;
    return 0;
}

static int grow_slots(nc_lexicon *lx)
{
    size_t mask = lx->own.mask * 2 + 1;
    uint32_t *s = calloc(mask + 1, sizeof *s);
    if (!s)
        return NC_ENOMEM;
    for (uint32_t i = 1; i < lx->own.n; i++)
        slot_put(s, mask, lx->entries[i].hash, i);
    free(lx->slots);
    lx->slots = s;
    lx->own.mask = mask;
    own_sync(lx);
    return 0;
}

int nc_lexicon_add(nc_lexicon *lx, const char *key, size_t len, uint32_t *id)
{
    uint64_t hash = nc_key_hash(key, len);
    if ((*id = nc_lexicon_find(lx, key, len, hash)))
        return 0;
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
    size_t new_id = n_base(lx) + lx->own.n;
    if (values_room(lx, new_id))
        return NC_ENOMEM;
    size_t bits = filter_bits_for(new_id);
    if ((!lx->filter || bits > lx->head.filter_mask + 1) &&
        filter_rebuild(lx, bits > lx->head.filter_mask + 1 ? bits : lx->head.filter_mask + 1))
        return NC_ENOMEM;
    entry *e = &lx->entries[lx->own.n];
    e->hash = hash;
    e->key_off = (uint32_t)lx->keys.len;
    e->key_len = (uint32_t)len;
    if (nc_buf_append(&lx->keys, key, len))
        return NC_ENOMEM;
    slot_put(lx->slots, lx->own.mask, hash, (uint32_t)lx->own.n);
    filter_put(lx->filter, lx->head.filter_mask, hash);
    own_sync(lx);
    lx->own.n++;
    *id = (uint32_t)new_id;
    return 0;
}

void nc_lexicon_set(nc_lexicon *lx, uint32_t id, enum nc_lex_slot slot, uint32_t value)
{
    if (!id || id >= n_base(lx) + lx->own.n || lx->head.values[id][slot] == value)
        return;
    if (!values_room(lx, id)) /* out of memory: the value stays as it was */
        lx->head.values[id][slot] = value;
}

size_t nc_lexicon_size(const nc_lexicon *lx) { return n_base(lx) + lx->own.n - 1; }

/* ---- the compiled image ----
 * Layout: a header of uint64 values, then the entries, the values, the
 * slots, the keys and the filter, each padded to 8 bytes. */
#define IMAGE_MAGIC 0x3258454c434eull /* "NCLEX2" */
enum { H_MAGIC, H_ENTRY, H_ROW, H_N, H_MASK, H_KEYS, H_FILTER_BITS, H_COUNT };

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
    uint64_t h[H_COUNT] = {IMAGE_MAGIC,   sizeof(entry), sizeof(values_row),         t->n,
                           t->mask,       lx->keys.len,  lx->head.filter_mask + 1};
    int rc = put_array(out, h, sizeof h);
    if (!rc)
        rc = put_array(out, t->entries, t->n * sizeof *t->entries);
    if (!rc)
        rc = put_array(out, lx->head.values, t->n * sizeof(values_row));
    if (!rc)
        rc = put_array(out, t->slots, (t->mask + 1) * sizeof *t->slots);
    if (!rc)
        rc = put_array(out, t->keys, lx->keys.len);
    if (!rc)
        rc = put_array(out, lx->head.filter, (lx->head.filter_mask + 1) / 8);
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
    if (h[H_MAGIC] != IMAGE_MAGIC || h[H_ENTRY] != sizeof(entry) || h[H_ROW] != sizeof(values_row) ||
        h[H_N] < 1 || ((h[H_MASK] + 1) & h[H_MASK]) || h[H_N] > h[H_MASK] || h[H_FILTER_BITS] < FILTER_MIN_BITS ||
        (h[H_FILTER_BITS] & (h[H_FILTER_BITS] - 1)))
        return NC_EINVAL;
    p += sizeof h;
    const void *at[5];
    const size_t bytes[5] = {h[H_N] * sizeof(entry), h[H_N] * sizeof(values_row), (h[H_MASK] + 1) * sizeof(uint32_t),
                             h[H_KEYS], h[H_FILTER_BITS] / 8};
    for (int k = 0; k < 5; k++) {
        if ((size_t)(end - p) < bytes[k])
            return NC_EINVAL;
        at[k] = p;
        p += (bytes[k] + 7) & ~(size_t)7;
        if (p > end)
            p = end;
    }
    nc_lexicon *lx = nc_lexicon_new();
    if (!lx)
        return NC_ENOMEM;
    lx->base = (table){.entries = at[0], .n = h[H_N], .slots = at[2], .mask = h[H_MASK], .keys = at[3]};
    /* the image is read in place: values and filter are copied on the
     * first change only */
    free(lx->values);
    free(lx->filter);
    lx->values = NULL;
    lx->filter = NULL;
    lx->values_cap = 0;
    lx->head.values = (values_row *)(uintptr_t)at[1];
    lx->head.filter = at[4];
    lx->head.filter_mask = h[H_FILTER_BITS] - 1;
    if (slots != (1u << NC_LEX_SLOTS) - 1) { /* slots the image does not give read as 0 */
        if (values_room(lx, n_base(lx))) {
            nc_lexicon_free(lx);
            return NC_ENOMEM;
        }
        for (size_t i = 1; i <= n_base(lx); i++)
            for (int k = 0; k < NC_LEX_SLOTS; k++)
                if (!(slots >> k & 1))
                    lx->values[i][k] = 0;
    }
    *used = (size_t)(p - start);
    *out = lx;
    return 0;
}
