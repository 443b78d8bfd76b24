/* Sourced claims: who says what, with which cue and stance, and where each
 * part was written. Forms: direct quotes (with the speaker before or after,
 * split, over several sentences or paragraphs), reported speech ("X said
 * (that) C", "C, X said", "C, said X", "X's claim that C"), "according to
 * X" (before, after, or introducing a list), headline attribution, and
 * mixed (reported speech carrying a quoted fragment). Pronouns and short
 * references ("he", "the ministry") resolve to the most recent compatible
 * named speaker. The list is owned by the record: nc_claims_free(). */
#ifndef NC_EXTRACT_CLAIMS_CLAIM_H
#define NC_EXTRACT_CLAIMS_CLAIM_H
#include "document/document.h"
#include "extract/claims/cue.h"
#include "text/pos.h"
#include <stddef.h>

#define NC_CLAIM_MAX_PARTS 4 /* pieces of a split or continued quote */

typedef enum nc_claim_form {
    NC_FORM_DIRECT,
    NC_FORM_INDIRECT,
    NC_FORM_ACCORDING_TO,
    NC_FORM_MIXED
} nc_claim_form;

typedef struct nc_span {
    size_t s, e; /* bytes in doc->text, half-open; s == e: none */
} nc_span;

typedef struct nc_claim {
    nc_span speaker;  /* the speaker given in the output: as written here, or
                         the named speaker a reference resolved to */
    nc_span ref;      /* when resolved: the reference as written ("he") */
    int resolved;
    nc_span cue;      /* the cue as written; none for a continued quote */
    nc_span content[NC_CLAIM_MAX_PARTS]; /* in text order */
    size_t n_content;
    nc_span span;     /* from the first to the last byte of what this claim
                         wrote here: speaker, cue and content */
    nc_stance stance;
    nc_claim_form form;
    const char *rule; /* static id, e.g. "claim.direct.after" */
    const char *speaker_actor; /* id of the actor named in the speaker
                                  (borrowed from the record's actors), or NULL */
    size_t sentence;  /* index of the sentence where the claim starts */
    /* internal to the extractor: token range of the written speaker, and
     * whether the speaker is taken from the quote this one continues */
    size_t sp_tok, sp_tok_end;
    int continued;
    /* the claim whose content holds this one's cue and written speaker
     * ("officials said the minister denied it": the denial is inside the
     * officials' claim): the innermost such claim's index, or SIZE_MAX.
     * Written inside its parent's "nested", not at the top level. */
    size_t parent;
} nc_claim;

typedef struct nc_claims {
    nc_claim *items;
    size_t n, cap;
} nc_claims;

/* Claims this far apart in the list (text order) are not looked at as
 * parent and nested claim. */
#define NC_CLAIM_NEST_REACH 32

/* Finds the claims of doc (segmented into sentences), appending to *out in
 * text order (by span start), each with its parent. The last reader of
 * doc->tokens: frees them once its own view of them is built (on a large
 * document they and the view were the peak of memory). 0 or NC_ENOMEM. */
int nc_claims_extract(const nc_cues *cues, const nc_pos_model *pos, nc_document *doc, nc_claims *out);
void nc_claims_free(nc_claims *c);

const char *nc_claim_form_name(nc_claim_form f);

#endif
