/* Figure -> claim links: a figure's source is the speaker of the claim
 * whose content contains it; nothing is inferred beyond that. */
#include "link/figure_claim.h"
#include "newsclaims.h"
#include <stdlib.h>

/* The claim with a speaker whose content overlaps [s, e), or NC_NO_CLAIM
 * (the first in text order: claims are sorted by start). */
static size_t claim_over(const nc_claims *c, size_t s, size_t e)
{
    for (size_t k = 0; k < c->n && c->items[k].span.s < e; k++) {
        const nc_claim *cl = &c->items[k];
        if (cl->speaker.s == cl->speaker.e)
            continue;
        for (size_t p = 0; p < cl->n_content; p++)
            if (cl->content[p].s < e && s < cl->content[p].e)
                return k;
    }
    return NC_NO_CLAIM;
}

/* Figures of a sentence no claim touches take the claim of the sentence
 * before, in the same paragraph. */
static void inherit_sources(const nc_document *doc, nc_figures *f, const nc_claims *c, size_t *src)
{
    size_t cached_sentence = SIZE_MAX, cached = NC_NO_CLAIM;
    for (size_t i = 0; i < f->n; i++) {
        nc_figure *fig = &f->items[i];
        if (src[i] != NC_NO_CLAIM || fig->sentence == 0)
            continue;
        if (fig->sentence != cached_sentence) {
            cached_sentence = fig->sentence;
            cached = NC_NO_CLAIM;
            const nc_sentence *s = &doc->sentences[fig->sentence], *prev = s - 1;
            if (prev->paragraph == s->paragraph && !prev->is_title && claim_over(c, s->start, s->end) == NC_NO_CLAIM)
                cached = claim_over(c, prev->start, prev->end);
        }
        if (cached != NC_NO_CLAIM) {
            src[i] = cached;
            fig->source_from = NC_FROM_CONTEXT;
        }
    }
}

int nc_claims_link(const nc_document *doc, nc_figures *f, const nc_claims *c, size_t **out)
{
    *out = NULL;
    if (!f->n)
        return 0;
    size_t *src = malloc(f->n * sizeof *src);
    if (!src)
        return NC_ENOMEM;
    /* Figures and claims are both in text order: a figure can only sit in
     * a claim that starts before it and is not longer than the longest
     * claim, so each figure looks back over that window only (linear in
     * practice, where a scan from the first claim was quadratic). */
    size_t longest = 0, hi = 0;
    for (size_t k = 0; k < c->n; k++)
        if (c->items[k].span.e - c->items[k].span.s > longest)
            longest = c->items[k].span.e - c->items[k].span.s;
    for (size_t i = 0; i < f->n; i++) {
        nc_figure *fig = &f->items[i];
        size_t best = NC_NO_CLAIM, best_len = SIZE_MAX;
        while (hi < c->n && c->items[hi].span.s <= fig->count_start)
            hi++;
        for (size_t k = hi; k > 0; k--) {
            const nc_claim *cl = &c->items[k - 1];
            if (cl->span.s + longest < fig->count_start)
                break; /* too far back to reach the figure */
            if (cl->speaker.s == cl->speaker.e)
                continue;
            for (size_t p = 0; p < cl->n_content; p++) {
                const nc_span *sp = &cl->content[p];
                /* ties keep the earliest claim, as the forward scan did */
                if (sp->s <= fig->count_start && fig->count_end <= sp->e && sp->e - sp->s <= best_len) {
                    best = k - 1;
                    best_len = sp->e - sp->s;
                }
            }
        }
        src[i] = best;
        fig->source_from = best == NC_NO_CLAIM ? NC_FROM_NONE : NC_FROM_TEXT;
    }
    inherit_sources(doc, f, c, src);
    *out = src;
    return 0;
}
