/* Figure -> claim links: a figure's source is the speaker of the claim
 * whose content contains it; nothing is inferred beyond that. */
#include "extract/link.h"
#include "newsclaims.h"
#include <stdlib.h>

int nc_claims_link(const nc_figures *f, const nc_claims *c, size_t **out)
{
    *out = NULL;
    if (!f->n)
        return 0;
    size_t *src = malloc(f->n * sizeof *src);
    if (!src)
        return NC_ENOMEM;
    for (size_t i = 0; i < f->n; i++) {
        const nc_figure *fig = &f->items[i];
        size_t best = NC_NO_CLAIM, best_len = SIZE_MAX;
        for (size_t k = 0; k < c->n; k++) {
            const nc_claim *cl = &c->items[k];
            if (cl->span.s > fig->count_start)
                break; /* claims are in text order: none later can hold it */
            if (cl->speaker.s == cl->speaker.e)
                continue;
            for (size_t p = 0; p < cl->n_content; p++) {
                const nc_span *sp = &cl->content[p];
                if (sp->s <= fig->count_start && fig->count_end <= sp->e && sp->e - sp->s < best_len) {
                    best = k;
                    best_len = sp->e - sp->s;
                }
            }
        }
        src[i] = best;
    }
    *out = src;
    return 0;
}
