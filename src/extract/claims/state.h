/* The claim reader's state and primitives (state.c), the bottom of its
 * files: state.c <- speaker.c <- direct.c, reported.c <- claim.c (the
 * driver), each using only those below it. Not part of the library's
 * interface. Everything here borrows from the document and the lexicon;
 * cl_state owns its arrays and is cleared by claim.c. */
#ifndef NC_EXTRACT_CLAIMS_STATE_H
#define NC_EXTRACT_CLAIMS_STATE_H
#include "extract/claims/claim.h"
#include "extract/claims/quote.h"
#include "extract/claims/token.h"
#include <stdint.h>

typedef struct cl_state {
    const nc_cues *cues;
    const nc_document *doc;
    const char *text;
    nc_toks toks;
    nc_quotes quotes;
    uint32_t *in_quote;  /* per token: index + 1 of the quotation it is inside (marks included), 0 outside */
    uint8_t *used;       /* per token: part of a claim's cue or attribution already */
    uint8_t *quote_used; /* per quotation: already the content of a claim */
    uint32_t *words_upto; /* per token i (and n): word tokens before i, so ranges count in O(1) */
    uint32_t *marks;      /* the double quote mark tokens, in order (n_marks) */
    size_t n_marks;
    nc_claims *out;
    size_t *direct_in;    /* per sentence: st->out index of its last direct claim, SIZE_MAX none
                             (filled between cl_direct and cl_reported) */
    const nc_pos_model *pos;
    struct cl_tags *tags; /* the tagger's work, done on demand (cl_class) */
} cl_state;

/* Part-of-speech tags are computed when first read: a token is tagged
 * with only the tokens before it whose classes can change its own
 * (nc_pos_run_upto: the tags are the whole sentence's), and tokens no rule
 * reads are mostly not tagged at all. Each class lands on its token
 * (nc_tok.pos). */
typedef struct cl_tags {
    const char **forms;  /* the run sentence's tokens: their text (the longest sentence's worth) */
    size_t *lens;
    unsigned char *cls;  /* per token: its class once tagged, NC_POS_UNTAGGED until then */
    nc_pos_tok *scratch; /* the longest sentence's worth */
    const unsigned char **cand; /* per token: its candidate classes (cl_may_be), */
    uint8_t *ncand;             /* how many (0: any), 0xFF until looked up */
    nc_pos_run run;      /* over sentence run_sent */
    size_t run_sent;     /* SIZE_MAX: none yet */
} cl_tags;

/* Tags token i (and what its tag depends on). */
void cl_tag_upto(const cl_state *st, size_t i);

/* Token i's candidate classes from its word alone (cached per token). */
void cl_candidates(const cl_state *st, size_t i);

/* Token i's part-of-speech class in st->pos. A word with one class in the
 * model's word list takes it whatever its neighbours (the tagger does not
 * score it), so its sentence is not tagged for it. */
static inline unsigned cl_class(const cl_state *st, size_t i)
{
    if (st->tags->cls[i] == NC_POS_UNTAGGED) {
        if (st->tags->ncand[i] == 0xFF)
            cl_candidates(st, i);
        if (st->tags->ncand[i] == 1)
            return st->tags->cand[i][0];
        cl_tag_upto(st, i);
    }
    return st->toks.items[i].pos;
}

/* Part of speech of token i. */
static inline nc_upos cl_upos(const cl_state *st, size_t i) { return (nc_upos)st->pos->class_upos[cl_class(st, i)]; }
static inline const char *cl_xpos(const cl_state *st, size_t i) { return st->pos->class_xpos[cl_class(st, i)]; }
/* 0 when token i cannot be tagged with a UPOS in upos_mask (1 << NC_UPOS_*)
 * nor an XPOS in xpos_mask (1 << NC_XPOS_*), told by its word alone
 * without tagging its sentence (nc_pos_may_be): a rule asks this before
 * cl_upos() or cl_xpos() where that saves the tagging. */
#define CL_U(u) (1u << NC_UPOS_##u)
#define CL_X(x) (1ull << NC_XPOS_##x)
int cl_may_be(const cl_state *st, size_t i, uint32_t upos_mask, uint64_t xpos_mask);
static inline int cl_is_verb(const cl_state *st, size_t i)
{
    nc_upos u = cl_upos(st, i);
    return u == NC_UPOS_VERB || u == NC_UPOS_AUX;
}

/* Token range [a, b); empty when a == b. */
typedef struct cl_range {
    size_t a, b;
} cl_range;

/* A claim being built, in tokens. */
typedef struct cl_claim {
    cl_range speaker;
    cl_range cue;
    cl_range content[NC_CLAIM_MAX_PARTS];
    size_t n_content;
    nc_stance stance;
    nc_claim_form form; /* NC_FORM_INDIRECT: decided from the content's quotes */
    const char *rule;
    int continued;      /* speaker copied later from the quote this continues */
    int possessive;     /* speaker ends in 's ("Trump's claim that") */
    int inner_quote;    /* content parts are quotations: leave the marks out */
    nc_span list;       /* when not empty, the content instead of content[]: the
                           items of an "According to X:" list (bytes) */
} cl_claim;

/* The cue starting at token i (longest form, within i's sentence) whose
 * kind is in kinds (bits 1 << nc_cue_kind; CL_ANY for all), its length in
 * tokens in *len; NULL when none. */
#define CL_ANY 0xFu
#define CL_KIND(k) (1u << (k))
const nc_cue *cl_cue_at(const cl_state *st, size_t i, unsigned kinds, size_t *len);
/* First and one-past-last token of sentence s. */
size_t cl_sent_first(const cl_state *st, size_t s);
size_t cl_sent_end(const cl_state *st, size_t s);
/* Appends the claim (spans computed from tokens) and marks its cue used.
 * 0 or NC_ENOMEM. */
int cl_push(cl_state *st, const cl_claim *c);
/* Number of word tokens in [a, b). */
size_t cl_words(const cl_state *st, size_t a, size_t b);

#endif
