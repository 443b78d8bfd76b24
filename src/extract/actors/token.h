/* Words of a text as actor matching sees them: each token has its byte
 * span, a normalised key (ASCII lower case, curly apostrophes as ', dashes
 * as -, a possessive 's or s' cut off) and flags for its case. The same
 * function cuts data phrases and article text, so they compare by key.
 * Tokens are plain values: an nc_tokens list is freed with
 * nc_tokens_free(). */
#ifndef NC_EXTRACT_ACTORS_TOKEN_H
#define NC_EXTRACT_ACTORS_TOKEN_H
#include <stddef.h>
#include <stdint.h>

/* Longest key kept; longer words never match anything. */
#define NC_TOKEN_KEY_MAX 40

enum nc_token_flags {
    NC_TOK_WORD = 1 << 0,  /* letters or digits (else one punctuation mark) */
    NC_TOK_CAP = 1 << 1,   /* starts with a capital letter */
    NC_TOK_UPPER = 1 << 2, /* two or more letters, all capitals ("US", "U.S.") */
    NC_TOK_POSS = 1 << 3,  /* ended in 's or s' (cut from the key) */
    NC_TOK_LONG = 1 << 4,  /* key longer than NC_TOKEN_KEY_MAX: never matches */
    NC_TOK_SPACE = 1 << 5  /* white space (or the start) before it */
};

typedef struct nc_token {
    size_t start, end; /* byte span in the text, possessive included */
    uint32_t hash;     /* of key */
    uint32_t node;     /* gazetteer trie node of this word alone (nc_gaz_tag), 0: none */
    uint8_t len;       /* key length */
    uint8_t flags;
    char key[NC_TOKEN_KEY_MAX + 1];
} nc_token;

typedef struct nc_tokens {
    nc_token *items;
    size_t n, cap;
} nc_tokens;

/* Appends the tokens of text[start, end) to *out. 0 or NC_ENOMEM. */
int nc_tokenize(const char *text, size_t start, size_t end, nc_tokens *out);
void nc_tokens_free(nc_tokens *t);
/* Hash of a key, as stored in nc_token.hash. */
uint32_t nc_token_hash(const char *key, size_t len);

#endif
