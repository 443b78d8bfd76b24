/* The lexicon: every word key some data file cares about (gazetteer
 * words, cue words and word classes, rule keywords), in one hash table,
 * so the tokenizer probes each word of a text once and every extractor
 * reads what it needs from the entry. Keys are token keys (token.h:
 * lower-cased, normalised), hashed with nc_key_hash().
 *
 * Each entry holds one 32-bit value per slot; a slot belongs to one
 * consumer, which decides what its values mean (0 = nothing):
 *   NC_LEX_GAZ   gazetteer trie node of the word as a one-word phrase
 *   NC_LEX_CUE   cue lexicon entry + 1 (extract/claims/cue.h)
 *   NC_LEX_RULE  rule keyword + 1 (rules/ruleset.h)
 * Another consumer (a part-of-speech lexicon, say) adds a slot here.
 *
 * Built while the context loads (nc_lexicon_add, nc_lexicon_set), then
 * read-only and shared by threads. Owned by the context; nc_lexicon_free.
 * Part of it may be a compiled image (nc_lexicon_new_on_image below). */
#ifndef NC_TEXT_LEXICON_H
#define NC_TEXT_LEXICON_H
#include <stddef.h>
#include <stdint.h>

enum nc_lex_slot { NC_LEX_GAZ, NC_LEX_CUE, NC_LEX_RULE, NC_LEX_SLOTS };

typedef struct nc_lexicon nc_lexicon;

/* FNV-1a, 64 bits, over the key's bytes: the tokenizer computes it as it
 * writes a key. */
#define NC_KEY_HASH_INIT 1469598103934665603ULL
#define NC_KEY_HASH_STEP(h, c) (((h) ^ (unsigned char)(c)) * 1099511628211ULL)
static inline uint64_t nc_key_hash(const char *key, size_t len)
{
    uint64_t h = NC_KEY_HASH_INIT;
    for (size_t i = 0; i < len; i++)
        h = NC_KEY_HASH_STEP(h, key[i]);
    return h;
}

nc_lexicon *nc_lexicon_new(void); /* NULL on out of memory */
void nc_lexicon_free(nc_lexicon *lx);

/* The entry id (>= 1) of key, created when missing, in *id. 0 or
 * NC_ENOMEM. */
int nc_lexicon_add(nc_lexicon *lx, const char *key, size_t len, uint32_t *id);
void nc_lexicon_set(nc_lexicon *lx, uint32_t id, enum nc_lex_slot slot, uint32_t value);

/* The entry id of key with hash nc_key_hash(key, len), 0 when absent. */
uint32_t nc_lexicon_find(const nc_lexicon *lx, const char *key, size_t len, uint64_t hash);
/* What the lookups below read inline (one per token in the extractors):
 * the first member of the lexicon. Not for use otherwise. */
struct nc_lexicon_head {
    uint32_t (*values)[NC_LEX_SLOTS]; /* by entry id; values[0] is all 0 */
    const uint64_t *filter;           /* bit (hash & filter_mask): some key has that hash */
    uint64_t filter_mask;             /* bits - 1; at least 65535, more for a large lexicon */
};

/* The filter: bit (hash & nc_lexicon_filter_mask()) is set when some key
 * has that hash: most words of a text fail this test and need no probe. */
static inline const uint64_t *nc_lexicon_filter(const nc_lexicon *lx)
{
    return ((const struct nc_lexicon_head *)(const void *)lx)->filter;
}
static inline uint64_t nc_lexicon_filter_mask(const nc_lexicon *lx)
{
    return ((const struct nc_lexicon_head *)(const void *)lx)->filter_mask;
}
/* Value of a slot of entry id (0 for id 0). */
static inline uint32_t nc_lexicon_get(const nc_lexicon *lx, uint32_t id, enum nc_lex_slot slot)
{
    return ((const struct nc_lexicon_head *)(const void *)lx)->values[id][slot];
}
/* Number of entries. */
size_t nc_lexicon_size(const nc_lexicon *lx);

/* A lexicon compiled at build time (tools/gazgen.c holds the gazetteer's
 * first words in one) and read in place at start-up, so that a large word
 * list costs no parsing or hashing when the program starts.
 *   nc_lexicon_image_write appends lx to *out (8-byte padded); 0 or
 *   NC_ENOMEM. lx must not itself be built on an image.
 *   nc_lexicon_new_on_image builds a lexicon on the image at `image` (8-byte
 *   aligned; it must stay alive and unchanged while the lexicon is used)
 *   and says in *used how many bytes it took. Its entries are the image's,
 *   with the values of the slots in `slots` (bit 1 << slot; the others read
 *   as 0, for a consumer that enters its words again); nc_lexicon_add and
 *   _set work as on any lexicon (a key of the image that is added again
 *   keeps its id and the image's values of `slots`; the first change copies
 *   the values and the filter, so that a read-only image is never written). 0,
 *   NC_EINVAL (not a lexicon image of this build) or NC_ENOMEM. */
struct nc_buf;
int nc_lexicon_image_write(const nc_lexicon *lx, struct nc_buf *out);
int nc_lexicon_new_on_image(nc_lexicon **out, const void *image, size_t len, unsigned slots, size_t *used);

#endif
