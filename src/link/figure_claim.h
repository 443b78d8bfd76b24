/* Figure sources: which claim each casualty figure was reported in. */
#ifndef NC_LINK_FIGURE_CLAIM_H
#define NC_LINK_FIGURE_CLAIM_H
#include "extract/casualty/casualty.h"
#include "extract/claims/claim.h"
#include <stddef.h>

#define NC_NO_CLAIM SIZE_MAX

/* For each figure, the index of the claim whose content holds its count
 * (the innermost when claims nest; an "According to X:" list holds its
 * items), or NC_NO_CLAIM: a figure nobody is said to report has no source.
 * *out is malloc'd with f->n entries (NULL when f->n is 0); the caller
 * frees it. 0 or NC_ENOMEM. */
int nc_claims_link(const nc_figures *f, const nc_claims *c, size_t **out);

#endif
