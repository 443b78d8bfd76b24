/* claims[].speaker_actor: the actor a speaker names. Every actor's mention
 * spans go into one array sorted by start; a speaker's span finds its
 * mentions by binary search, so linking costs O((claims + mentions) log
 * mentions) however many actors and claims a document has. */
#include "link/speaker_actor.h"
#include "newsclaims.h"
#include <stdlib.h>

typedef struct mspan {
    size_t s, e;
    size_t actor;
} mspan;

static int by_start(const void *a, const void *b)
{
    const mspan *x = a, *y = b;
    if (x->s != y->s)
        return x->s < y->s ? -1 : 1;
    return x->actor < y->actor ? -1 : x->actor > y->actor;
}

/* Index of the first span that starts at or after pos. */
static size_t first_from(const mspan *m, size_t n, size_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m[mid].s < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int nc_claims_link_speakers(nc_claims *claims, const nc_actors *actors)
{
    for (size_t k = 0; k < claims->n; k++)
        claims->items[k].speaker_actor = NULL;
    size_t n = 0, longest = 0;
    for (size_t i = 0; i < actors->n; i++)
        n += actors->items[i].n_spans;
    if (!n || !claims->n)
        return 0;
    mspan *m = malloc(n * sizeof *m);
    size_t *bytes = calloc(actors->n, sizeof *bytes); /* per actor, for the claim at hand */
    size_t *touched = malloc(actors->n * sizeof *touched);
    if (!m || !bytes || !touched) {
        free(m);
        free(bytes);
        free(touched);
        return NC_ENOMEM;
    }
    n = 0;
    for (size_t i = 0; i < actors->n; i++)
        for (size_t j = 0; j < actors->items[i].n_spans; j++) {
            const size_t *sp = &actors->items[i].spans[2 * j];
            m[n++] = (mspan){sp[0], sp[1], i};
            if (sp[1] - sp[0] > longest)
                longest = sp[1] - sp[0];
        }
    qsort(m, n, sizeof *m, by_start);
    for (size_t k = 0; k < claims->n; k++) {
        nc_claim *c = &claims->items[k];
        size_t s = c->speaker.s, e = c->speaker.e;
        if (e <= s)
            continue;
        /* the mentions that can overlap [s, e): they start before e, and
         * no later than `longest` bytes before s */
        size_t from = first_from(m, n, s > longest ? s - longest : 0), n_touched = 0, total = 0;
        for (size_t i = from; i < n && m[i].s < e; i++) {
            if (m[i].e <= s)
                continue;
            size_t cov = (m[i].e < e ? m[i].e : e) - (m[i].s > s ? m[i].s : s);
            if (!bytes[m[i].actor])
                touched[n_touched++] = m[i].actor;
            bytes[m[i].actor] += cov;
            total += cov;
        }
        /* the actor with the most bytes; on a tie the first actor */
        size_t best = 0, who = 0;
        for (size_t t = 0; t < n_touched; t++) {
            size_t a = touched[t];
            if (bytes[a] > best || (bytes[a] == best && a < who)) {
                best = bytes[a];
                who = a;
            }
            bytes[a] = 0;
        }
        /* "Officials from the U.S., South Korea, and Ukraine" speak for no
         * one actor: link only when one actor is most of what is named */
        if (best && 3 * best >= 2 * total)
            c->speaker_actor = actors->items[who].id;
    }
    free(m);
    free(bytes);
    free(touched);
    return 0;
}
