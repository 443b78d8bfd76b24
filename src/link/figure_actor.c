/* Who the people counted by a casualty figure are (see actor.h). */
#include "extract/actors/actor.h"
#include <string.h>

static int rank(nc_mention_kind k)
{
    switch (k) {
    case NC_MENTION_GROUP:
        return 4;
    case NC_MENTION_COUNTRY:
    case NC_MENTION_DEMONYM:
        return 3;
    case NC_MENTION_ENTITY:
        return 2;
    default:
        return 1;
    }
}

/* First mention starting at or after pos (mentions are in text order). */
static size_t first_from(const nc_actors *a, size_t pos)
{
    size_t lo = 0, hi = a->n_mentions;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->mentions[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void consider(const nc_mention *m, const nc_mention **best)
{
    /* equal rank: the later one, nearer the count, wins */
    if (!*best || rank(m->kind) >= rank((*best)->kind))
        *best = m;
}

void nc_actors_link(const nc_actors *a, const nc_gazetteer *g, nc_figures *f)
{
    for (size_t i = 0; i < f->n; i++) {
        nc_figure *fig = &f->items[i];
        const nc_mention *best = NULL;
        fig->actor = -1;
        fig->has_actor = 0;
        if (fig->who_end > fig->who_start) {
            /* a mention overlapping `who` counts: who "troops" of "North
             * Korean troops" is the group */
            size_t k = first_from(a, fig->who_start);
            while (k > 0 && a->mentions[k - 1].end > fig->who_start)
                k--;
            for (; k < a->n_mentions && a->mentions[k].start < fig->who_end; k++)
                if (a->mentions[k].end > fig->who_start)
                    consider(&a->mentions[k], &best);
        } else {
            /* no `who`: the words of the match before the count ("Total
             * North Korean casualties: 4,700"), or a group right before the
             * match ("North Korean Troop Deaths Cross 4,700"); only words
             * that say who people are, not who speaks */
            size_t k = first_from(a, fig->span_start);
            if (k > 0) {
                const nc_mention *m = &a->mentions[k - 1];
                if (m->end <= fig->span_start && fig->span_start - m->end <= 1 && m->kind != NC_MENTION_ENTITY &&
                    m->kind != NC_MENTION_COUNTRY)
                    consider(m, &best);
            }
            for (; k < a->n_mentions && a->mentions[k].end <= fig->count_start; k++)
                if (a->mentions[k].kind != NC_MENTION_ENTITY && a->mentions[k].kind != NC_MENTION_COUNTRY)
                    consider(&a->mentions[k], &best);
        }
        if (!best)
            continue;
        fig->has_actor = 1;
        fig->actor = best->actor;
        fig->actor_country = best->country >= 0 ? nc_gaz_entry_at(g, (size_t)best->country)->id : NULL;
        fig->actor_sector = best->sector;
    }
}
