/* The token stream: the words and punctuation of a whole document, cut
 * once, right after segmentation, and read by every extractor (the rule
 * prefilter, the actor matcher, the claim reader). Data phrases —
 * gazetteer names, cue words, rule keywords — are cut by the same function
 * when the context loads, so a phrase and the text it should match can
 * never disagree about what a word, a space or a capital is (chars.h).
 *
 * API for the extractors and the other teams
 * -----------------------------------------
 *   doc->tokens (nc_document, document.h) holds the stream once
 *   nc_tokens_build(doc, lexicon) has run (core/record.c does it after
 *   nc_text_segment). It is freed with the document.
 *
 *   toks->items[0 .. toks->n)        every token, in text order
 *   toks->sent_first[s]              index of sentence s's first token;
 *                                    sentence s is [sent_first[s],
 *                                    sent_first[s + 1]) (n_sentences + 1
 *                                    entries; empty sentences are empty)
 *
 * What a token is:
 *   - a word: a run of letters and digits (any script; combining marks and
 *     invisible format characters such as a soft hyphen stay inside and are
 *     left out of the key), with an apostrophe inside ("d'Ivoire",
 *     "don't"); a possessive "'s" / "s'" ends it and is cut from the key
 *     (NC_TOKEN_POSS). Dotted initials are one word: "U.S.", "a.m."
 *     (NC_TOKEN_INITIALS; the key keeps the dots). Hyphens, dots, commas,
 *     slashes and '&' between letters are tokens of their own: "Kim
 *     Jong-un" is Kim, Jong, -, un.
 *   - punctuation: one character, kind NC_TOKEN_PUNCT, with `ch` saying
 *     which: the ASCII character itself; '-' for every dash; '\'' for
 *     apostrophes and single quotes; double quote marks '"' (straight),
 *     'L' (opening: “ „ ‟ «), 'R' (closing: ” »); '.' for an ellipsis;
 *     '?' for any other symbol.
 *   - white space (chars.h) separates tokens and is no token.
 *
 * Fields:
 *   start, end   byte span in doc->text (possessive included)
 *   sentence     index into doc->sentences (its paragraph:
 *                doc->sentences[sentence].paragraph)
 *   key, key_len the normalised form: letters lower-cased (ASCII, Latin,
 *                Greek, Cyrillic, Armenian), apostrophes as ', dashes as -;
 *                for other punctuation its bytes. Points into the stream's
 *                key pool, or (doc->tokens) into doc->text where the key is
 *                the text as written; not NUL-terminated.
 *   the hash     nc_token_hash(t): nc_key_hash(key, key_len) (lexicon.h),
 *                computed when asked for, not stored (memory, see below)
 *   lex          lexicon entry of the key (0: in no data file); read the
 *                consumers' values with nc_lexicon_get(toks->lex, lex, slot)
 *   flags        NC_TOKEN_* below
 *   upos, xpos   part-of-speech tags, 0 = untagged. Nothing here sets them:
 *                the part-of-speech tagger fills them in after
 *                nc_tokens_build (upos: a Universal POS tag number; xpos: a
 *                Penn Treebank tag number; the tagger's header defines both).
 *
 * The stream is read-only for extractors; only the tagger writes upos/xpos.
 *
 * A token is 32 bytes: a document holds about one for every 4.5 bytes of
 * text, so each byte here is about a fifth of a byte of resident memory per
 * byte of text. A field added to it costs that for every document. */
#ifndef NC_TEXT_TOKEN_H
#define NC_TEXT_TOKEN_H
#include "text/lexicon.h"
#include <stddef.h>
#include <stdint.h>

typedef enum nc_token_kind { NC_TOKEN_WORD = 1, NC_TOKEN_PUNCT = 2 } nc_token_kind;

enum nc_token_flags {
    NC_TOKEN_CAP = 1 << 0,      /* starts with a capital letter */
    NC_TOKEN_UPPER = 1 << 1,    /* two or more cased letters, no small one ("US", "U.S.", "NATO") */
    NC_TOKEN_DIGIT = 1 << 2,    /* starts with a digit 0-9 */
    NC_TOKEN_HAS_DIGIT = 1 << 3, /* has a digit 0-9 somewhere */
    NC_TOKEN_POSS = 1 << 4,     /* ended in 's or s' (cut from the key) */
    NC_TOKEN_SPACE = 1 << 5,    /* white space (or the sentence start) before it */
    NC_TOKEN_GLUED = 1 << 6,    /* the next token of the sentence follows without space */
    NC_TOKEN_INITIALS = 1 << 7, /* dotted initials: "U.S.", "a.m." */
    NC_TOKEN_ALPHA = 1 << 8,    /* a word of ASCII letters only, the key is the text lower-cased */
    NC_TOKEN_LONG = 1 << 9      /* key longer than NC_TOKEN_KEY_MAX bytes: cut there, matches nothing */
};

#define NC_TOKEN_KEY_MAX 0xFFFF

typedef struct nc_token {
    uint32_t start, end;
    const char *key;
    uint32_t sentence;
    uint32_t lex;
    uint16_t key_len;
    uint16_t flags;
    uint8_t kind; /* nc_token_kind */
    char ch;      /* punctuation: see above; words: 0 */
    uint8_t upos, xpos;
} nc_token;

typedef struct nc_tokens {
    nc_token *items;
    size_t n, cap;
    size_t *sent_first;     /* n_sentences + 1 entries */
    char *pool;             /* the keys */
    size_t pool_len, pool_cap;
    const nc_lexicon *lex;  /* the lexicon tok->lex refers to (borrowed) */
} nc_tokens;

typedef struct nc_document nc_document;

/* Cuts every sentence of doc (segmented) into doc->tokens, looking each
 * key up in lex (which may be NULL: then every lex is 0). Texts of 4 GiB
 * or more get no tokens (NC_ETOOBIG). 0, NC_ENOMEM or NC_ETOOBIG. */
int nc_tokens_build(nc_document *doc, const nc_lexicon *lex);

/* Cuts text[0, len) — a data phrase, or any text outside a document — into
 * *out (appended; sentence and paragraph 0). 0 or NC_ENOMEM. */
int nc_tokens_cut(nc_tokens *out, const char *text, size_t len, const nc_lexicon *lex);

void nc_tokens_free(nc_tokens *t);

_Static_assert(sizeof(nc_token) <= 32, "nc_token: 32 bytes at most (see above)");

/* The token's key hashed: nc_key_hash(t->key, t->key_len). */
static inline uint64_t nc_token_hash(const nc_token *t) { return nc_key_hash(t->key, t->key_len); }

/* 1 if the token's key is the NUL-terminated word k. */
static inline int nc_token_is(const nc_token *t, const char *k)
{
    size_t i = 0;
    for (; i < t->key_len; i++)
        if (t->key[i] != k[i] || !k[i])
            return 0;
    return k[i] == '\0';
}

#endif
