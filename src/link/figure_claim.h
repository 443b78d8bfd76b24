/* Figure sources: which claim each casualty figure was reported in. */
#ifndef NC_LINK_FIGURE_CLAIM_H
#define NC_LINK_FIGURE_CLAIM_H
#include "extract/casualty/casualty.h"
#include "extract/claims/claim.h"
#include <stddef.h>

#define NC_NO_CLAIM SIZE_MAX

/* For each figure, the index of the claim whose content holds its count
 * (the innermost when claims nest; an "According to X:" list holds its
 * items; source_from NC_FROM_TEXT), else the claim that reports the
 * sentence before it in the same paragraph when its own sentence has no
 * claim ("The casualties include at least 600 confirmed deaths" after "the
 * NIS revealed that ..."; source_from NC_FROM_CONTEXT), else NC_NO_CLAIM: a
 * figure nobody is said to report has no source. Only claims with a
 * speaker count, so every figure with a source has a claim whose speaker is
 * that source. *out is malloc'd with f->n entries (NULL when f->n is 0);
 * the caller frees it. 0 or NC_ENOMEM. */
int nc_claims_link(const nc_document *doc, nc_figures *f, const nc_claims *c, size_t **out);

#endif
