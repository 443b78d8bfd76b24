/* Light coreference over the people counted one by one (victims.h).
 *
 * Mentions are read in text order. "A man" or a name starts a new person,
 * unless an earlier person has the same age (news repeats "a 30-year-old
 * man" in the lead and the body); "another", "a third person" always does;
 * "the man", "the victim", "he" and a surname seen before refer back to the
 * most recent person they fit (sex, age, surname, attacker or victim do not
 * clash), and start a new person only when none fits. A person who died in
 * any mention is killed. */
#include "extract/casualty/victims.h"
#include "extract/casualty/people.h"
#include "newsclaims.h"
#include <stdlib.h>
#include <string.h>

/* How far back (in sentences) "the man" looks for the person meant ("he"
 * looks as far as ENTITY_REACH people). */
#define DEFINITE_REACH 12
/* Bounds that keep hostile input linear: people looked back over, and
 * sentences compared for a word-for-word repeat. */
#define ENTITY_REACH 64
#define REPEAT_REACH 200

typedef struct entity {
    int sex, age, perpetrator, victim, killed, hurt;
    size_t surname_s, surname_e; /* 0, 0: no name yet */
    size_t last_sentence;
    int ordinal;
    int counted; /* the ordinal of "a third person" (not "the third", often a running count) */
} entity;

static int counts_one_person(const nc_figure *f)
{
    return f->category == NC_CAT_KILLED || f->category == NC_CAT_INJURED || f->category == NC_CAT_SHOT;
}

static int same_word(const char *text, size_t as, size_t ae, size_t bs, size_t be)
{
    return ae - as == be - bs && memcmp(text + as, text + bs, ae - as) == 0;
}

/* 1 when mention m may be entity e. */
static int fits(const char *text, const entity *e, const nc_people *m)
{
    if (e->sex && m->sex && e->sex != m->sex)
        return 0;
    if (e->age && m->age && e->age != m->age)
        return 0;
    if ((e->perpetrator && m->victim) || (e->victim && m->perpetrator))
        return 0;
    if (e->ordinal && m->ordinal && e->ordinal != m->ordinal)
        return 0;
    if (e->surname_e && m->surname_e && !same_word(text, e->surname_s, e->surname_e, m->surname_s, m->surname_e))
        return 0;
    return 1;
}

static void merge(entity *e, const nc_people *m, const nc_figure *f)
{
    if (!e->sex)
        e->sex = m->sex;
    if (!e->age)
        e->age = m->age;
    if (!e->ordinal)
        e->ordinal = m->ordinal;
    if (m->ref == NC_REF_ANOTHER && m->ordinal > e->counted)
        e->counted = m->ordinal;
    e->perpetrator |= m->perpetrator;
    e->victim |= m->victim;
    if (!e->surname_e && m->surname_e) {
        e->surname_s = m->surname_s;
        e->surname_e = m->surname_e;
    }
    e->killed |= f->category == NC_CAT_KILLED;
    e->hurt |= f->category != NC_CAT_KILLED;
    e->last_sentence = f->sentence;
}

/* 1 when what mention f says happened may have happened to e too: a
 * death and a survival do not go together ("in stable condition" is not the
 * man who died); being shot goes with either. */
static int same_fate(const entity *e, const nc_figure *f)
{
    if (f->category == NC_CAT_KILLED)
        return !e->hurt || e->killed;
    if (f->category == NC_CAT_INJURED)
        return !e->killed;
    return 1;
}

/* The person mention m of figure f refers to, or -1 for someone new. */
static int resolve(const char *text, const entity *ents, size_t n, const nc_people *m, const nc_figure *f)
{
    int pronoun_fallback = -1; /* the nearest person "he" may be, whatever happened to them */
    for (size_t k = n; k > 0 && n - k < ENTITY_REACH; k--) {
        const entity *e = &ents[k - 1];
        size_t gap = f->sentence - e->last_sentence;
        if (!fits(text, e, m))
            continue;
        switch (m->ref) {
        case NC_REF_NEW:
            /* "a man" again in another sentence, nothing telling them
             * apart: the same man (news repeats its lead; a second victim
             * is "another man", "a second man", "also") */
            if (e->last_sentence != f->sentence && same_fate(e, f))
                return (int)(k - 1);
            break;
        case NC_REF_PRONOUN:
            /* "he" rarely brings in someone new: the nearest person who
             * fits, preferably one whose fate agrees ("he was pronounced
             * dead" is not the man "in stable condition" just before) */
            if (f->update == NC_UPDATE_LATER || same_fate(e, f))
                return (int)(k - 1);
            if (pronoun_fallback < 0)
                pronoun_fallback = (int)(k - 1);
            break;
        case NC_REF_DEF:
            /* "the man was pronounced dead" is not the friend "in stable
             * condition", unless he is said to have died later */
            if (gap <= DEFINITE_REACH && (f->update == NC_UPDATE_LATER || same_fate(e, f)))
                return (int)(k - 1);
            break;
        case NC_REF_NAME:
            if (e->surname_e && m->surname_e)
                return (int)(k - 1); /* the same surname (fits() compared them) */
            /* a name for someone described before ("a 29-year-old man ...
             * Quintroy Roberts"), not one of a list in the same sentence */
            if (!e->surname_e && e->last_sentence != f->sentence && same_fate(e, f))
                return (int)(k - 1);
            break;
        case NC_REF_RELATIVE:
            /* "his wife" again: only with the same age */
            if (m->age && e->age == m->age)
                return (int)(k - 1);
            break;
        default:
            break;
        }
    }
    return m->ref == NC_REF_PRONOUN ? pronoun_fallback : -1;
}

/* 1 when sentence si repeats an earlier sentence word for word (photo
 * captions and teasers copy the lead): its mentions are not new people. */
static int repeated_sentence(const nc_document *doc, size_t si)
{
    const nc_sentence *s = &doc->sentences[si];
    size_t n = s->end - s->start;
    for (size_t k = si > REPEAT_REACH ? si - REPEAT_REACH : 0; k < si; k++) {
        const nc_sentence *t = &doc->sentences[k];
        if (t->end - t->start == n && memcmp(doc->text + t->start, doc->text + s->start, n) == 0)
            return 1;
    }
    return 0;
}

int nc_victims_link(const pcre2_code *class_re, const nc_document *doc, nc_figures *f, nc_persons *out)
{
    memset(out, 0, sizeof *out);
    entity *ents = NULL;
    size_t n = 0, cap = 0;
    pcre2_match_data *md = class_re ? pcre2_match_data_create_from_pattern(class_re, NULL) : NULL;
    int rc = 0;
    if (class_re && !md)
        return NC_ENOMEM;
    size_t last_checked = SIZE_MAX;
    int repeated = 0;
    for (size_t i = 0; i < f->n; i++) {
        nc_figure *fig = &f->items[i];
        fig->person = -1;
        if (!counts_one_person(fig) || fig->scope != NC_SCOPE_EVENT || fig->superseded)
            continue;
        nc_people m;
        nc_people_read(class_re, md, doc->text, fig, &m);
        if (m.ref == NC_REF_NONE)
            continue;
        /* the rule may say: "killing his wife" names a victim */
        m.victim |= fig->rule->role == NC_ROLE_VICTIM;
        m.perpetrator |= fig->rule->role == NC_ROLE_PERPETRATOR;
        if (fig->sentence != last_checked) {
            last_checked = fig->sentence;
            repeated = repeated_sentence(doc, fig->sentence);
        }
        int k = resolve(doc->text, ents, n, &m, fig);
        if (k < 0 && repeated) {
            /* a copied sentence speaks of the people of the original */
            nc_people def = m;
            def.ref = NC_REF_DEF;
            if ((k = resolve(doc->text, ents, n, &def, fig)) < 0)
                continue;
        }
        if (k < 0) {
            if (n == cap) {
                size_t nc = cap ? cap * 2 : 8;
                entity *p = realloc(ents, nc * sizeof *p);
                if (!p) {
                    rc = NC_ENOMEM;
                    goto out;
                }
                ents = p;
                cap = nc;
            }
            memset(&ents[n], 0, sizeof ents[n]);
            k = (int)n++;
        }
        merge(&ents[k], &m, fig);
        fig->person = k;
    }
    if (n) {
        out->items = calloc(n, sizeof *out->items);
        if (!out->items) {
            rc = NC_ENOMEM;
            goto out;
        }
        for (size_t k = 0; k < n; k++) {
            out->items[k].killed = ents[k].killed;
            out->items[k].perpetrator = ents[k].perpetrator;
            out->items[k].ordinal = ents[k].counted;
        }
        out->n = n;
    }
out:
    free(ents);
    pcre2_match_data_free(md);
    return rc;
}

void nc_persons_free(nc_persons *p)
{
    free(p->items);
    memset(p, 0, sizeof *p);
}
