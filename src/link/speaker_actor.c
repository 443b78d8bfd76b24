/* claims[].speaker_actor: the actor a speaker names. */
#include "link/speaker_actor.h"

/* Bytes of [s, e) covered by the mentions of actor a. Mentions are in text
 * order, so the scan stops past e. */
static size_t covered(const nc_actor *a, size_t s, size_t e)
{
    size_t n = 0;
    for (size_t i = 0; i < a->n_spans; i++) {
        size_t ms = a->spans[2 * i], me = a->spans[2 * i + 1];
        if (ms >= e)
            break;
        if (me > s)
            n += (me < e ? me : e) - (ms > s ? ms : s);
    }
    return n;
}

void nc_claims_link_speakers(nc_claims *claims, const nc_actors *actors)
{
    for (size_t k = 0; k < claims->n; k++) {
        nc_claim *c = &claims->items[k];
        size_t best = 0, total = 0;
        c->speaker_actor = NULL;
        if (c->speaker.e <= c->speaker.s)
            continue;
        for (size_t i = 0; i < actors->n; i++) {
            size_t n = covered(&actors->items[i], c->speaker.s, c->speaker.e);
            total += n;
            if (n > best) {
                best = n;
                c->speaker_actor = actors->items[i].id;
            }
        }
        /* "Officials from the U.S., South Korea, and Ukraine" speak for no
         * one actor: link only when one actor is most of what is named */
        if (3 * best < 2 * total)
            c->speaker_actor = NULL;
    }
}
