/* Tokens for the claim extractor: the words and punctuation of a
 * document's sentences, each looked up once in the cue lexicon. The token
 * array is owned by its caller and freed with nc_toks_free(). */
#ifndef NC_EXTRACT_CLAIMS_TOKEN_H
#define NC_EXTRACT_CLAIMS_TOKEN_H
#include "document/document.h"
#include "extract/claims/cue.h"
#include <stddef.h>
#include <stdint.h>

typedef enum nc_tok_kind {
    NC_TOK_WORD,
    NC_TOK_PUNCT, /* ch: , : ; ( ) . ! ? - (any dash) / and other ASCII */
    NC_TOK_DQUOTE /* a double quote mark; ch: '"' straight, 'L' “, 'R' ” */
} nc_tok_kind;

enum {
    NC_TOK_CAP = 1,     /* starts with a capital letter */
    NC_TOK_ALLCAPS = 2, /* two letters or more, all capitals */
    NC_TOK_DIGIT = 4,   /* starts with a digit */
    NC_TOK_POSS = 8,    /* ends in 's or s' (possessive) */
    NC_TOK_SPACE_BEFORE = 16 /* white space (or nothing: sentence start) before it */
};

typedef struct nc_tok {
    size_t s, e;                /* bytes in doc->text */
    uint32_t sent;              /* sentence index */
    uint32_t para;              /* paragraph index */
    const nc_word_info *info;   /* lexicon entry of the word, or NULL */
    uint8_t kind;               /* nc_tok_kind */
    uint8_t flags;              /* NC_TOK_* */
    char ch;                    /* punctuation character (see kinds) */
} nc_tok;

typedef struct nc_toks {
    nc_tok *items;
    size_t n, cap;
    size_t *sent_first; /* per sentence: index of its first token (n_sentences + 1 entries) */
} nc_toks;

/* Tokenises the sentences of doc that may hold a claim (a cue word, a
 * quote mark, "SMITH:" opening a paragraph; the headline always): the
 * others get no tokens,
 * so a token's neighbour may be sentences or paragraphs away.
 * 0 or NC_ENOMEM. */
int nc_toks_build(const nc_cues *cues, const nc_document *doc, nc_toks *out);
void nc_toks_free(nc_toks *t);

static inline uint32_t nc_tok_classes(const nc_tok *t) { return t->info ? t->info->classes : 0; }
static inline int nc_tok_punct(const nc_tok *t, char c) { return t->kind == NC_TOK_PUNCT && t->ch == c; }

/* 1 if the token is the word w (lower-case ASCII), ignoring case. */
int nc_tok_is(const nc_tok *t, const char *text, const char *w);

#endif
