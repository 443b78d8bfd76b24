/* Who the people counted by a casualty figure are (see actor.h). */
#include "link/figure_actor.h"
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
        fig->actor_from = NC_FROM_NONE;
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
        fig->actor_from = NC_FROM_TEXT;
        fig->actor = best->actor;
        fig->actor_country = best->country >= 0 ? nc_gaz_entry_at(g, (size_t)best->country)->id : NULL;
        fig->actor_sector = best->sector;
    }
}

/* The group actor the article names most (the first of equals), or -1. */
static int subject_of(const nc_actors *a)
{
    int best = -1;
    for (size_t i = 0; i < a->n; i++)
        if (a->items[i].type == NC_ACTOR_GROUP && (best < 0 || a->items[i].n_spans > a->items[best].n_spans))
            best = (int)i;
    return best;
}

/* 1 when figure f's sentence reads "Label: count" (a list item). */
static int list_item(const nc_document *doc, const nc_figure *f)
{
    const nc_sentence *s = &doc->sentences[f->sentence];
    for (size_t i = s->start; i < f->count_start; i++)
        if (doc->text[i] == ':')
            return 1;
    return 0;
}

/* A figure takes an actor from its context when it has none, or only a
 * role word of the same sector as the actor it would take. */
static int takes(const nc_figure *f, const nc_actor *x)
{
    if (!f->has_actor)
        return 1;
    return f->actor < 0 && !f->actor_country && (!f->actor_sector || f->actor_sector == x->sector);
}

static void inherit(nc_figure *f, const nc_actors *a, const nc_gazetteer *g, int actor, int sector)
{
    const nc_actor *x = &a->items[actor];
    f->has_actor = 1;
    f->actor = actor;
    f->actor_country = x->country >= 0 ? nc_gaz_entry_at(g, (size_t)x->country)->id : NULL;
    f->actor_sector = x->sector ? x->sector : sector;
    f->actor_from = NC_FROM_CONTEXT;
}

void nc_actors_inherit(const nc_actors *a, const nc_gazetteer *g, const nc_document *doc, nc_figures *f)
{
    int subject = subject_of(a);
    for (size_t i = 0; i < f->n; i++) {
        nc_figure *fig = &f->items[i];
        if (fig->has_actor && fig->actor >= 0)
            continue;
        unsigned para = doc->sentences[fig->sentence].paragraph;
        int from = -1;
        /* the nearest figure before, in an earlier sentence of the paragraph */
        for (size_t k = i; k > 0 && from < 0; k--) {
            const nc_figure *p = &f->items[k - 1];
            if (doc->sentences[p->sentence].paragraph != para)
                break;
            if (p->sentence != fig->sentence && p->has_actor && p->actor >= 0 && p->actor_from == NC_FROM_TEXT)
                from = p->actor;
        }
        if (from < 0 && list_item(doc, fig))
            from = subject;
        if (from >= 0 && takes(fig, &a->items[from]))
            inherit(fig, a, g, from, fig->actor_sector);
    }
}
