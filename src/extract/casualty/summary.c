/* The summary (summary.h, docs/schema.md "summary").
 *
 * Only figures about the reported incident count (scope event), and not
 * those a later figure replaced. Per category the count is the largest
 * stated (figures of one match add up: "2 soldiers and 3 civilians" is 5),
 * except that a raised toll ("rose to 45") gives the latest; headline
 * figures count when the body states none of their category. Then:
 *   killed  = that, or the people counted one by one who died, if more;
 *   injured = the largest of: the injured stated (less those said to have
 *             died later), those shot less those killed ("six were shot,
 *             one fatally" gives 5; "four others were shot" gives 4), and
 *             the people counted one by one who survived.
 * Attackers count like everyone else (figures say their role). A stated
 * zero counts; "no casualties" gives killed 0 and injured 0 when nothing
 * else is known. */
#include "extract/casualty/summary.h"
#include <string.h>

static int summary_value(const nc_count *c, int64_t *v)
{
    if (c->qualifier == NC_Q_VAGUE)
        return 0;
    if (c->has_value) {
        *v = c->value;
        return 1;
    }
    if (c->has_low) {
        *v = c->low;
        return 1;
    }
    return 0;
}

static int counts(const nc_figure *x) { return x->scope == NC_SCOPE_EVENT; }

/* "four others were shot", "another 13": people besides those killed (not
 * "he and four others", a count that takes him in). */
static int others(const nc_document *doc, const nc_figure *x)
{
    const char *t = doc->text;
    if (x->rule->add)
        return 0;
    for (size_t i = x->span_start; i + 5 <= x->span_end; i++)
        if ((memcmp(t + i, "other", 5) == 0 || memcmp(t + i, "Other", 5) == 0) &&
            (i == x->span_start || t[i - 1] == ' ' || t[i - 1] == 'n'))
            return 1;
    for (size_t i = x->span_start; i + 5 <= x->span_end; i++)
        if (memcmp(t + i, " more", 5) == 0 || memcmp(t + i, "additional", 5) == 0)
            return 1;
    return 0;
}

typedef struct best {
    int has;
    int64_t value;
} best;

static void take(best *b, int64_t v)
{
    if (!b->has || v > b->value) {
        b->has = 1;
        b->value = v;
    }
}

/* One pass over figures (in_title: 1 the headline's, 0 the body's, -1
 * all): per category the largest
 * group sum, the latest toll update, shot totals with and without those
 * killed, and injured less later deaths. */
typedef struct tally {
    best cat[NC_CAT_COUNT], toll[NC_CAT_COUNT], shot_all, shot_others, injured_net;
    best perp[NC_CAT_COUNT]; /* figures of attackers ("the gunman was shot dead"), also in cat */
    best vic[NC_CAT_COUNT];  /* the others' */
} tally;

static void tally_figures(const nc_document *doc, const nc_figures *f, int in_title, const int *skip_super,
                          tally *t)
{
    memset(t, 0, sizeof *t);
    /* deaths "later": all of them, and those before the current figure */
    int64_t later_all = 0, later_before = 0, v;
    for (size_t i = 0; i < f->n; i++)
        if (f->items[i].category == NC_CAT_KILLED && f->items[i].update == NC_UPDATE_LATER && counts(&f->items[i]) &&
            summary_value(&f->items[i].count, &v))
            later_all += v;
    for (size_t i = 0; i < f->n; i++) {
        const nc_figure *fi = &f->items[i];
        if (i && f->items[i - 1].category == NC_CAT_KILLED && f->items[i - 1].update == NC_UPDATE_LATER &&
            counts(&f->items[i - 1]) && summary_value(&f->items[i - 1].count, &v))
            later_before += v;
        if (!counts(fi) || (fi->superseded && skip_super[fi->category]))
            continue;
        if (in_title >= 0 && doc->sentences[fi->sentence].is_title != in_title)
            continue;
        int seen = 0;
        for (size_t k = i; k > 0 && f->items[k - 1].sentence == fi->sentence && !seen; k--)
            seen = f->items[k - 1].group == fi->group && f->items[k - 1].category == fi->category;
        if (seen)
            continue;
        int64_t sum = 0;
        int any = 0;
        for (size_t j = i; j < f->n && f->items[j].sentence == fi->sentence; j++)
            if (f->items[j].group == fi->group && f->items[j].category == fi->category &&
                summary_value(&f->items[j].count, &v)) {
                sum += v;
                any = 1;
            }
        if (!any)
            continue;
        nc_category c = fi->category;
        take(&t->cat[c], sum);
        if (fi->role == NC_ROLE_PERPETRATOR) {
            take(&t->perp[c], sum);
            continue; /* the attackers are added apart (see nc_summary_compute) */
        }
        take(&t->vic[c], sum);
        if (fi->update == NC_UPDATE_TOLL) {
            t->toll[c].has = 1;
            t->toll[c].value = sum; /* the latest */
        }
        if (c == NC_CAT_SHOT) {
            if (others(doc, fi))
                take(&t->shot_others, sum);
            else
                take(&t->shot_all, sum);
        }
        if (c == NC_CAT_INJURED) {
            /* people counted here as hurt whom a later figure says died */
            int64_t later = later_all - later_before;
            take(&t->injured_net, sum > later ? sum - later : 0);
        }
    }
    for (int c = 0; c < NC_CAT_COUNT; c++)
        if (t->toll[c].has)
            t->cat[c] = t->toll[c];
}

/* The victims' killed figure: the latest toll, else the largest stated by
 * figures that are not the attackers'. */
static best victims_killed(const tally *t)
{
    return t->toll[NC_CAT_KILLED].has ? t->toll[NC_CAT_KILLED] : t->vic[NC_CAT_KILLED];
}

/* injured from a tally: stated (less later deaths), shot less killed,
 * shot "others". */
static best injured_of(const tally *t, int64_t killed)
{
    best injured = t->injured_net;
    if (!injured.has && t->vic[NC_CAT_INJURED].has)
        injured = t->vic[NC_CAT_INJURED];
    if (t->shot_all.has && t->shot_all.value >= killed)
        take(&injured, t->shot_all.value - killed);
    if (t->shot_others.has)
        take(&injured, t->shot_others.value);
    return injured;
}

void nc_summary_compute(const nc_document *doc, const nc_figures *f, const nc_persons *p,
                        const nc_headline *h, nc_summary *out)
{
    memset(out, 0, sizeof *out);
    /* a superseded figure loses only to another figure of its category */
    int plain[NC_CAT_COUNT] = {0};
    for (size_t i = 0; i < f->n; i++)
        if (counts(&f->items[i]) && !f->items[i].superseded)
            plain[f->items[i].category] = 1;
    tally body, head;
    /* with a headline of its own, every sentence of the text is body */
    tally_figures(doc, f, h ? -1 : 0, plain, &body);
    if (h)
        tally_figures(&h->doc, &h->figures, 1, plain, &head);
    else
        tally_figures(doc, f, 1, plain, &head);
    /* a headline "deaths" figure that the body gives as killed or injured
     * ("Deaths Cross 4,700" over "4,700 killed or injured") is the body's */
    for (int c = NC_CAT_KILLED; c <= NC_CAT_INJURED; c++)
        if (head.cat[c].has && body.cat[c].has && body.cat[NC_CAT_KILLED_OR_INJURED].has &&
            head.cat[c].value == body.cat[NC_CAT_KILLED_OR_INJURED].value)
            head.cat[c].has = 0;
    /* people counted one by one: victims [0] and attackers [1] */
    int64_t died[2] = {0, 0}, survived[2] = {0, 0};
    for (size_t k = 0; k < p->n; k++) {
        int r = p->items[k].perpetrator != 0;
        died[r] += p->items[k].killed;
        survived[r] += !p->items[k].killed;
    }
    /* other categories: the headline's, else the body's */
    for (int c = 0; c < NC_CAT_COUNT; c++) {
        const best *b = head.cat[c].has && !body.toll[c].has ? &head.cat[c] : &body.cat[c];
        if (c != NC_CAT_SHOT && b->has) {
            out->has[c] = 1;
            out->value[c] = b->value;
        }
    }
    /* killed: the headline's unless the body raised the toll; else the
     * body's, or the people who died counted one by one if more */
    best killed = victims_killed(&body), pk = body.perp[NC_CAT_KILLED];
    if (died[0])
        take(&killed, died[0]);
    if (died[1])
        take(&pk, died[1]);
    if (pk.has) {
        killed.value = (killed.has ? killed.value : 0) + pk.value;
        killed.has = 1;
    }
    int head_killed = head.cat[NC_CAT_KILLED].has && !body.toll[NC_CAT_KILLED].has;
    if (head_killed)
        killed = head.cat[NC_CAT_KILLED];
    /* injured: the headline's when it says how many were hurt or shot;
     * else the body's, or the survivors counted one by one if more */
    int64_t k = killed.has ? killed.value : 0;
    int head_injured = head.cat[NC_CAT_INJURED].has || head.shot_all.has || head.shot_others.has;
    best injured;
    if (head_injured) {
        injured = injured_of(&head, k);
    } else {
        int64_t kv = k - (pk.has ? pk.value : 0);
        injured = injured_of(&body, kv);
        if (survived[0])
            take(&injured, survived[0]);
        /* attackers hurt: stated, or shot and not killed */
        best pi = body.perp[NC_CAT_INJURED];
        if (body.perp[NC_CAT_SHOT].has)
            take(&pi, body.perp[NC_CAT_SHOT].value > (pk.has ? pk.value : 0) ? body.perp[NC_CAT_SHOT].value - (pk.has ? pk.value : 0) : 0);
        if (survived[1])
            take(&pi, survived[1]);
        if (pi.has && pi.value) {
            injured.value = (injured.has ? injured.value : 0) + pi.value;
            injured.has = 1;
        }
    }
    /* "a third person died": the third of the people of the incident, so
     * with those of the other fate (killed or hurt) 3 at least ("two were
     * killed ... a third person died" gives killed 3; "two were killed ...
     * a third was wounded", injured 1) */
    for (size_t q = 0; q < p->n; q++) {
        const nc_person *x = &p->items[q];
        if (x->perpetrator || x->ordinal < 2)
            continue;
        if (x->killed && !head_killed) {
            int64_t rest = injured.has ? injured.value : 0;
            if (x->ordinal > rest)
                take(&killed, x->ordinal - rest);
        } else if (!x->killed && !head_injured) {
            int64_t rest = killed.has ? killed.value : 0;
            if (x->ordinal > rest)
                take(&injured, x->ordinal - rest);
        }
    }
    if (killed.has) {
        out->has[NC_CAT_KILLED] = 1;
        out->value[NC_CAT_KILLED] = killed.value;
    }
    out->has[NC_CAT_INJURED] = injured.has;
    out->value[NC_CAT_INJURED] = injured.value;
    if (out->has[NC_CAT_KILLED_OR_INJURED] && out->value[NC_CAT_KILLED_OR_INJURED] == 0) {
        if (!out->has[NC_CAT_KILLED])
            out->has[NC_CAT_KILLED] = 1, out->value[NC_CAT_KILLED] = 0;
        if (!out->has[NC_CAT_INJURED])
            out->has[NC_CAT_INJURED] = 1, out->value[NC_CAT_INJURED] = 0;
    }
}
