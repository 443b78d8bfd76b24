/* The claim reader's view of the token stream (text/token.h): the same
 * tokens, except that a word keeps its inner hyphens, dots and '&'
 * ("neo-Nazi", "AT&T", "3.5" are one word here, three stream tokens) and
 * dotted initials leave their last dot apart ("U.S" "."), a paired
 * single curly quote ("‘We will stay,’ she said") is a quote mark, as the claim
 * rules were written for. Nothing is read from the text again: words are
 * joined from stream tokens, and each word's cue-lexicon entry comes from
 * the stream's lexicon probe (words joined from several tokens or with a
 * possessive are looked up once more, by their own key). The array is
 * owned by its caller and freed with nc_toks_free(). */
#ifndef NC_EXTRACT_CLAIMS_TOKEN_H
#define NC_EXTRACT_CLAIMS_TOKEN_H
#include "document/document.h"
#include "extract/claims/cue.h"
#include <stddef.h>
#include <stdint.h>

typedef enum nc_tok_kind {
    NC_TOK_WORD,
    NC_TOK_PUNCT, /* ch: , : ; ( ) . ! ? - (any dash) / and other ASCII; '?' other symbols */
    NC_TOK_DQUOTE /* a double quote mark, or a paired single curly one (‘ ’); ch: '"' straight, 'L' opening, 'R' closing */
} nc_tok_kind;

enum {
    NC_TOK_CAP = 1,     /* starts with a capital letter */
    NC_TOK_ALLCAPS = 2, /* starts with a capital; two cased letters or more, no small one */
    NC_TOK_DIGIT = 4,   /* starts with a digit */
    NC_TOK_POSS = 8,    /* ends in 's or s' (possessive) */
    NC_TOK_SPACE_BEFORE = 16, /* white space (or nothing: sentence start) before it */
    NC_TOK_CUES = 32          /* a cue starts with the word (its entry has cues) */
};

typedef struct nc_tok {
    uint32_t s, e;              /* bytes in doc->text (the stream holds texts under 4 GiB) */
    uint32_t sent;              /* sentence index */
    uint32_t para;              /* paragraph index */
    uint8_t kind;               /* nc_tok_kind */
    uint8_t flags;              /* NC_TOK_* */
    char ch;                    /* punctuation character (see kinds) */
    uint8_t pos;                /* part-of-speech class in the tagger's model (its class_upos,
                                   class_xpos): set when a claim rule first reads the tags of its
                                   sentence this far (cl_class, state.h); 0 until then */
    uint32_t classes;           /* NC_WC_* of the word's lexicon entry (0: none) */
    uint32_t cue;               /* the entry, for nc_cues_info(); 0 when the word has none */
} nc_tok;
/* one for every stream token or so: its size is memory on a large document */
_Static_assert(sizeof(nc_tok) <= 28, "nc_tok: 28 bytes at most");

typedef struct nc_toks {
    nc_tok *items;
    size_t n, cap;
    size_t *sent_first; /* per sentence: index of its first token (n_sentences + 1 entries) */
} nc_toks;

/* The view of doc->tokens (cut with the lexicon cues was indexed in),
 * built in the stream's own memory: doc->tokens is used up and freed
 * (empty afterwards, as after nc_tokens_free), so a document's tokens are
 * held once. On NC_ENOMEM doc->tokens may be half read: free both. 0 or
 * NC_ENOMEM. */
int nc_toks_build(const nc_cues *cues, nc_document *doc, nc_toks *out);
void nc_toks_free(nc_toks *t);

/* The key the view looks a word up by, for a data word written alone
 * (cue.c indexes its words with it): the word's stream tokens joined as
 * the view joins them, possessive included. Returns its length, or 0 when
 * the text is not one word of the view or the key would not fit in cap. */
size_t nc_toks_word_key(const char *word, size_t len, char *out, size_t cap);

static inline uint32_t nc_tok_classes(const nc_tok *t) { return t->classes; }
static inline int nc_tok_punct(const nc_tok *t, char c) { return t->kind == NC_TOK_PUNCT && t->ch == c; }

/* 1 if the token is the word w (lower-case ASCII), ignoring case. */
int nc_tok_is(const nc_tok *t, const char *text, const char *w);

#endif
