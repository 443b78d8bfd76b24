/* Where each casualty figure happened (see figure_place.h). */
#include "link/figure_place.h"
#include <string.h>

/* 1 if text[a, b) holds a clause break: a place after it belongs to
 * another clause ("killed 12 people, while fighting went on in X"). */
static int clause_break(const char *text, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (text[i] == ',' || text[i] == ';' || text[i] == ':')
            return 1;
    return 0;
}

void nc_places_link(const nc_actors *a, const nc_document *doc, nc_figures *f)
{
    for (size_t i = 0; i < f->n; i++) {
        nc_figure *fig = &f->items[i];
        const nc_sentence *s = &doc->sentences[fig->sentence];
        int before = -1, after = -1;
        /* place mentions are in text order; documents name a few dozen */
        for (size_t k = 0; k < a->n_place_mentions && after < 0; k++) {
            const nc_place_mention *m = &a->place_mentions[k];
            if (m->start < s->start || m->end > s->end || m->dateline)
                continue;
            if (m->start < fig->span_start)
                before = (int)k;
            else if (m->start < fig->span_end || !clause_break(doc->text, fig->span_end, m->start))
                after = (int)k;
            else
                break;
        }
        fig->where = after >= 0 ? after : before;
    }
}
