/* Actor extraction: one left-to-right pass over each sentence's tokens.
 * At each word the gazetteer's longest phrase decides what it is; a
 * country word then tries to take what follows (a title and a name, an
 * institution, an organisation, role words), so "North Korean soldiers" is
 * one actor and "Russian President Vladimir Putin" one person. What the
 * gazetteer does not know is found by pattern. Decisions:
 *   - country words that only qualify another actor ("South Korea's NIS")
 *     are part of that actor's mention, not a mention of the country;
 *   - bare role words ("soldiers") are kept as mentions for linking
 *     figures, but are not actors themselves;
 *   - short names ("Kim", "the ministry") only join an actor the text has
 *     already named. */
#include "extract/actors/actor.h"
#include "newsclaims.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PHRASES                                                                                    \
    (NC_KIND(NC_FORM_NAME) | NC_KIND(NC_FORM_DEMONYM) | NC_KIND(NC_FORM_SEAT) | NC_KIND(NC_FORM_SHORT) | \
     NC_KIND(NC_FORM_INSTITUTION) | NC_KIND(NC_FORM_ROLE) | NC_KIND(NC_FORM_GENERIC) |              \
     NC_KIND(NC_FORM_TITLE) | NC_KIND(NC_FORM_BLOCKED) | NC_KIND(NC_FORM_PLACE))
#define ROLES (NC_KIND(NC_FORM_ROLE) | NC_KIND(NC_FORM_GENERIC) | NC_KIND(NC_FORM_TITLE))
#define COUNTRY_FORMS (NC_KIND(NC_FORM_NAME) | NC_KIND(NC_FORM_DEMONYM) | NC_KIND(NC_FORM_SEAT))
#define NAME_MAX_WORDS 5
#define ID_MAX 128

typedef struct vote { /* how much the text so far is about a country */
    int country, weight;
} vote;

typedef struct scan {
    const nc_gazetteer *g;
    const nc_lexicon *lex; /* the gazetteer's */
    const char *text;
    nc_actors *out;
    const nc_token *t; /* the sentence's tokens */
    size_t n;
    vote *votes;
    size_t n_votes, cap_votes;
    int prev_country;   /* the country of the last country word, */
    size_t prev_end;    /* and where it ended */
    const char *date;   /* the article's date, "YYYY-MM-DD", or NULL */
} scan;

/* Weight of a mention for the country a text is about: a country named or
 * a place in it counts twice as much as a group, organisation or person
 * that belongs to it ("Kenyan troops" in a story from Somalia). */
static int vote_weight(nc_mention_kind kind)
{
    return kind == NC_MENTION_COUNTRY ? 2 : kind == NC_MENTION_ROLE ? 0 : 1;
}

static int add_vote(scan *s, int country, int weight)
{
    if (country < 0 || weight <= 0)
        return 0;
    for (size_t i = 0; i < s->n_votes; i++)
        if (s->votes[i].country == country) {
            s->votes[i].weight += weight;
            return 0;
        }
    if (s->n_votes == s->cap_votes) {
        size_t cap = s->cap_votes ? s->cap_votes * 2 : 8;
        vote *p = realloc(s->votes, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        s->votes = p;
        s->cap_votes = cap;
    }
    s->votes[s->n_votes++] = (vote){country, weight};
    return 0;
}

/* The country the text is about: the one with the most weight, when it has
 * at least twice that of any other; -1 when none dominates. */
static int dominant(const scan *s)
{
    int best = -1, top = 0, second = 0;
    for (size_t i = 0; i < s->n_votes; i++) {
        int w = s->votes[i].weight;
        if (w > top) {
            second = top;
            top = w;
            best = s->votes[i].country;
        } else if (w > second) {
            second = w;
        }
    }
    return top >= 2 && top >= 2 * second ? best : -1;
}

/* The country with the most weight so far, alone at the top; -1 if none.
 * Enough to choose between organisations of one name. */
static int leading(const scan *s)
{
    int best = -1, top = 0, tie = 0;
    for (size_t i = 0; i < s->n_votes; i++) {
        if (s->votes[i].weight > top) {
            top = s->votes[i].weight;
            best = s->votes[i].country;
            tie = 0;
        } else if (s->votes[i].weight == top) {
            tie = 1;
        }
    }
    return tie ? -1 : best;
}

static int mention(scan *s, int actor, size_t start, size_t end, nc_mention_kind kind, int country, int sector)
{
    int rc = nc_actors_mention(s->out, actor, start, end, kind, country, sector);
    if (kind == NC_MENTION_COUNTRY || kind == NC_MENTION_DEMONYM) {
        s->prev_country = country;
        s->prev_end = end;
    }
    return rc ? rc : add_vote(s, country, vote_weight(kind));
}

/* The country that chooses between organisations of one name at token i:
 * a country word right before it ("South Korea's NIS"), else the one the
 * text is about so far. */
static int preferred_country(const scan *s, size_t i)
{
    if (s->prev_country >= 0 && s->t[i].start >= s->prev_end && s->t[i].start - s->prev_end <= 1)
        return s->prev_country;
    return leading(s);
}

typedef struct hit { /* the longest gazetteer phrase at a token */
    size_t len;
    const nc_gaz_form *forms;
    size_t n_forms;
} hit;

static int is_word(const nc_token *t) { return t->kind == NC_TOKEN_WORD; }

/* A hyphen (or any dash) token. */
static int is_dash(const nc_token *t) { return t->key_len == 1 && t->key[0] == '-'; }

static hit lookup(const scan *s, size_t i, unsigned kinds)
{
    hit h = {0, NULL, 0};
    if (i < s->n && is_word(&s->t[i]))
        h.len = nc_gaz_longest(s->g, s->t + i, s->n - i, kinds, &h.forms, &h.n_forms);
    return h;
}

static const nc_gaz_entry *entry(const scan *s, const nc_gaz_form *f)
{
    return nc_gaz_entry_at(s->g, f->entry);
}

static int is_key(const nc_token *t, const char *k) { return nc_token_is(t, k); }

/* A capitalised word that may be part of a name. */
static int name_word(const scan *s, size_t i)
{
    const nc_token *t = &s->t[i];
    return i < s->n && is_word(t) && (t->flags & NC_TOKEN_CAP) &&
           !nc_gaz_word_is(s->g, t, NC_FORM_NOT_NAME);
}

/* 1 if token j is a word that, after a place's name, belongs to it
 * ("Bay Region", "Borno State"). */
static size_t place_word_after(const scan *s, size_t j)
{
    return j < s->n && nc_gaz_word_is(s->g, &s->t[j], NC_FORM_PLACE_WORD);
}

/* "~Chad": not when next to another capitalised name ("Chad Smith",
 * "Michael Jordan"); a neighbour the gazetteer knows is fine ("Jordan
 * Hamas talks"). */
static int ambiguity_ok(const scan *s, size_t i, size_t len)
{
    size_t j = i + len;
    /* a place of that name does not make a neighbour known: "Smith" is a
     * county, "Chad Smith" still a man */
    unsigned known = PHRASES & ~NC_KIND(NC_FORM_PLACE);
    if (i > 0 && name_word(s, i - 1) && !lookup(s, i - 1, known).len)
        return 0;
    if (j < s->n && name_word(s, j) && !lookup(s, j, known).len && !place_word_after(s, j))
        return 0;
    return 1;
}

static const nc_gaz_form *pick(const scan *s, size_t i, const hit *h, unsigned kinds, unsigned type_mask,
                               int prefer_country);

/* A place's name is not part of a longer name: each capitalised word next
 * to it must be something the gazetteer knows for sure ("Jordan Peterson"
 * is a man, though Peterson is a county and Jordan a country). */
static int place_neighbours_ok(const scan *s, size_t i, size_t len)
{
    unsigned known = PHRASES & ~NC_KIND(NC_FORM_PLACE);
    size_t at[2] = {i - 1, i + len};
    for (int k = 0; k < 2; k++) {
        if ((k == 0 && i == 0) || !name_word(s, at[k]))
            continue;
        hit h = lookup(s, at[k], known);
        if (!h.len || !pick(s, at[k], &h, known, ~0u, -1))
            return 0;
    }
    return 1;
}

/* The first fitting form of the kinds; with prefer_country >= 0, one of
 * that country when there is one. type_mask: entry types (bit per
 * nc_actor_type) for entry kinds but places, ~0 for any. */
static const nc_gaz_form *pick(const scan *s, size_t i, const hit *h, unsigned kinds, unsigned type_mask,
                               int prefer_country)
{
    const nc_gaz_form *best = NULL;
    for (size_t k = 0; k < h->n_forms; k++) {
        const nc_gaz_form *f = &h->forms[k];
        if (!(kinds >> f->kind & 1) || f->ntok != h->len || !nc_gaz_fits(f, s->t + i))
            continue;
        int has_entry = f->kind <= NC_FORM_PLACE;
        if (f->kind < NC_FORM_PLACE && !(type_mask >> entry(s, f)->type & 1))
            continue;
        if (f->kind == NC_FORM_PLACE) {
            /* every place: not beside an unknown name ("Paris Hilton",
             * "Victoria Beckham"); "~" ones only after "in", "near"... */
            if (!place_neighbours_ok(s, i, h->len + place_word_after(s, i + h->len)))
                continue;
            if (f->ambiguous && !(i > 0 && nc_gaz_word_is(s->g, &s->t[i - 1], NC_FORM_LOCATIVE)))
                continue;
        } else if (f->ambiguous && !ambiguity_ok(s, i, h->len)) {
            continue;
        }
        if (!best)
            best = f;
        if (prefer_country < 0 || !has_entry)
            break;
        if (f->kind == NC_FORM_PLACE ? nc_gaz_place_at(s->g, f->entry)->country == prefer_country
                                     : nc_gaz_entry_in(s->g, entry(s, f), prefer_country)) {
            best = f;
            break;
        }
    }
    return best;
}

/* Number of tokens of a person's name at i ("Andrei Belousov", "Kim
 * Jong-un", "Ahmed al-Sharaa"), 0 if none. A possessive ends it. */
static size_t name_len(const scan *s, size_t i)
{
    size_t k = i, words = 0, end = 0;
    while (k < s->n && words < NAME_MAX_WORDS) {
        const nc_token *x = &s->t[k];
        int glued = k > i && !(x->flags & NC_TOKEN_SPACE);
        if (is_word(x)) {
            int after_hyphen = glued && is_dash(&s->t[k - 1]);
            int particle = k > i && !(x->flags & NC_TOKEN_CAP) && k + 1 < s->n && is_dash(&s->t[k + 1]) && !(s->t[k + 1].flags & NC_TOKEN_SPACE);
            if (!after_hyphen && !particle && !name_word(s, k))
                break;
            words++;
            if (!particle)
                end = k + 1;
            k++;
            if (x->flags & NC_TOKEN_POSS)
                break;
        } else if (is_dash(x) && glued && k + 1 < s->n &&
                   !(s->t[k + 1].flags & NC_TOKEN_SPACE)) {
            k++;
        } else {
            break;
        }
    }
    return end > i ? end - i : 0;
}

/* out = a + sep + b, cut to cap (ids and names are far shorter). */
static void join3(char *out, size_t cap, const char *a, const char *sep, const char *b)
{
    size_t o = 0;
    const char *parts[3] = {a, sep, b};
    for (int k = 0; k < 3; k++)
        for (const char *p = parts[k]; *p && o + 1 < cap; p++)
            out[o++] = *p;
    out[o] = '\0';
}

static int span_text(const scan *s, size_t i, size_t j, char *out, size_t cap)
{
    size_t a = s->t[i].start, b = s->t[j - 1].end;
    if (s->t[j - 1].flags & NC_TOKEN_POSS) { /* "Belousov's": the name without 's */
        while (b > a && s->text[b - 1] != '\'' && (unsigned char)s->text[b - 1] != 0x99)
            b--;
        if (b > a)
            b -= (unsigned char)s->text[b - 1] == 0x99 ? 3 : 1;
    }
    int w = snprintf(out, cap, "%.*s", (int)(b - a), s->text + a);
    return w > 0 && (size_t)w < cap;
}

/* A person from the gazetteer (a name or, when allowed, a short name) or
 * by pattern at i; *end gets the token after the name. 0 when there is no
 * name, 1 when found, or NC_ENOMEM. */
static int person_at(scan *s, size_t i, int country, int sector, int title_before, size_t *end)
{
    hit h = lookup(s, i, NC_KIND(NC_FORM_NAME) | NC_KIND(NC_FORM_SHORT));
    const nc_gaz_form *f = h.len ? pick(s, i, &h, NC_KIND(NC_FORM_NAME) | NC_KIND(NC_FORM_SHORT),
                                        1u << NC_ACTOR_PERSON, country)
                                 : NULL;
    int idx, rc;
    if (f && (f->kind == NC_FORM_NAME || title_before)) {
        const nc_gaz_entry *e = entry(s, f);
        /* an office holder counts as the office only while in it */
        int office = nc_gaz_in_office(e, s->date) ? e->sector : NC_SECTOR_NONE;
        if ((rc = nc_actors_get(s->out, s->g, e->id, e->name, NC_ACTOR_PERSON, e->country, office,
                                (int)f->entry, &idx)))
            return rc;
        *end = i + h.len;
    } else {
        size_t len = name_len(s, i);
        if (!len || lookup(s, i, COUNTRY_FORMS).len)
            return 0;
        /* a name with or before a place word names the place: "the Sheikh
         * Ibrahim neighbourhood", "Abdi Hassan Village", "Ali Mohamed District" */
        for (size_t k = i + 1; k <= i + len && k < s->n; k++)
            if (nc_gaz_word_is(s->g, &s->t[k], NC_FORM_SMALL_PLACE) || place_word_after(s, k))
                return 0;
        idx = len == 1 ? nc_actors_find_alias(s->out, &s->t[i]) : -1;
        if (idx < 0) {
            char name[ID_MAX], id[ID_MAX];
            if (!span_text(s, i, i + len, name, sizeof name))
                return 0;
            nc_slug(name, strlen(name), id, sizeof id);
            if (!id[0])
                return 0;
            if ((rc = nc_actors_get(s->out, s->g, id, name, NC_ACTOR_PERSON, country, sector, -1, &idx)))
                return rc;
            /* later mentions by surname join: "Belousov" */
            if ((rc = nc_actors_alias(s->out, &s->t[i + len - 1], idx)))
                return rc;
        }
        *end = i + len;
    }
    rc = mention(s, idx, s->t[i].start, s->t[*end - 1].end, NC_MENTION_ENTITY,
                           s->out->items[idx].country, s->out->items[idx].sector);
    return rc ? rc : 1;
}

/* Role words from i on ("military officials"): the last specific role
 * wins over generic ones. Returns the tokens taken; *sector the role. */
static size_t role_run(const scan *s, size_t i, int *sector)
{
    size_t j = i;
    int specific = 0;
    *sector = 0;
    for (int k = 0; k < 3; k++) {
        hit h = lookup(s, j, PHRASES);
        const nc_gaz_form *f = h.len ? pick(s, j, &h, ROLES, ~0u, -1) : NULL;
        if (!f || pick(s, j, &h, NC_KIND(NC_FORM_BLOCKED) | NC_KIND(NC_FORM_NAME), ~0u, -1))
            break;
        if (f->kind != NC_FORM_GENERIC || !specific)
            *sector = f->sector;
        specific |= f->kind != NC_FORM_GENERIC;
        j += h.len;
    }
    return j - i;
}

/* The actor for an institution of a country ("RUS-defence-ministry"). */
static int institution_actor(scan *s, const nc_gaz_entry *inst, int inst_index, int country, int *idx)
{
    char id[ID_MAX], name[ID_MAX];
    if (country >= 0) {
        const nc_gaz_entry *c = nc_gaz_entry_at(s->g, (size_t)country);
        join3(id, sizeof id, c->id, "-", inst->id);
        if (c->adjective)
            join3(name, sizeof name, c->adjective, " ", inst->name);
        else
            join3(name, sizeof name, inst->name, " of ", c->name);
    } else {
        join3(id, sizeof id, inst->id, "", "");
        join3(name, sizeof name, inst->name, "", "");
    }
    return nc_actors_get(s->out, s->g, id, name, NC_ACTOR_ORG, country, inst->sector, inst_index, idx);
}

static int group_actor(scan *s, int country, int sector, int *idx)
{
    /* "South Korean intelligence" is the National Intelligence Service */
    int body = nc_gaz_principal(s->g, country, sector);
    if (body >= 0) {
        const nc_gaz_entry *e = nc_gaz_entry_at(s->g, (size_t)body);
        return nc_actors_get(s->out, s->g, e->id, e->name, NC_ACTOR_ORG, e->country, e->sector, body, idx);
    }
    const nc_gaz_entry *c = nc_gaz_entry_at(s->g, (size_t)country);
    char id[ID_MAX], name[ID_MAX];
    join3(id, sizeof id, c->id, "-", nc_sector_code(sector));
    join3(name, sizeof name, c->adjective ? c->adjective : c->name, " ", nc_gaz_sector_word(s->g, sector));
    return nc_actors_get(s->out, s->g, id, name, NC_ACTOR_GROUP, country, sector, -1, idx);
}

/* "National Intelligence Service (NIS)": the acronym becomes an alias.
 * Returns the tokens after the name to skip (3 or 0), or NC_ENOMEM. */
static int acronym_after(scan *s, size_t j, int idx)
{
    if (j + 2 >= s->n || !is_key(&s->t[j], "(") || !is_key(&s->t[j + 2], ")") ||
        !(s->t[j + 1].flags & NC_TOKEN_UPPER) || !is_word(&s->t[j + 1]))
        return 0;
    int rc = nc_actors_alias(s->out, &s->t[j + 1], idx);
    if (!rc)
        rc = mention(s, idx, s->t[j + 1].start, s->t[j + 1].end, NC_MENTION_ENTITY,
                               s->out->items[idx].country, s->out->items[idx].sector);
    return rc ? rc : 3;
}

/* An unlisted institution by pattern at i: "Agriculture Ministry",
 * "Ministry of Culture". Returns tokens taken (0: none) or NC_ENOMEM. */
static int pattern_org(scan *s, size_t i, int country, size_t mention_start)
{
    size_t j = i;
    int inst_last = 0;
    while (j < s->n && j - i < 5 && name_word(s, j) && !(s->t[j].flags & NC_TOKEN_POSS)) {
        inst_last = nc_gaz_word_is(s->g, &s->t[j], NC_FORM_INST_WORD);
        j++;
        if (inst_last)
            break;
    }
    size_t end = 0;
    if (inst_last && j - i >= 2) {
        end = j; /* "Agriculture Ministry" */
    } else if (j == i + 1 && inst_last && j + 1 < s->n && is_key(&s->t[j], "of") && name_word(s, j + 1) &&
               !lookup(s, j + 1, COUNTRY_FORMS).len) {
        end = j + 1 + name_len(s, j + 1); /* "Ministry of Culture" */
    }
    if (!end)
        return 0;
    char name[ID_MAX], slug[ID_MAX], id[ID_MAX];
    if (!span_text(s, i, end, name, sizeof name))
        return 0;
    nc_slug(name, strlen(name), slug, sizeof slug);
    join3(id, sizeof id, country >= 0 ? nc_gaz_entry_at(s->g, (size_t)country)->id : "",
          country >= 0 ? "-" : "", slug);
    int idx, rc;
    /* ministries, agencies and the like are state bodies */
    if ((rc = nc_actors_get(s->out, s->g, id, name, NC_ACTOR_ORG, country, NC_SECTOR_GOV, -1, &idx)) ||
        (rc = mention(s, idx, mention_start, s->t[end - 1].end, NC_MENTION_ENTITY, country,
                                NC_SECTOR_GOV)))
        return rc;
    int skip = acronym_after(s, end, idx);
    return skip < 0 ? skip : (int)(end - i) + skip;
}

/* What follows a country word at j, taken together with it: a title and a
 * name, an institution, an organisation, role words. Returns the tokens
 * taken (0: nothing) or NC_ENOMEM. */
static int country_and(scan *s, size_t j, int country, size_t cs)
{
    if (j >= s->n)
        return 0;
    hit h = lookup(s, j, PHRASES);
    const nc_gaz_form *f;
    int idx, rc;
    size_t end;
    if (h.len && pick(s, j, &h, NC_KIND(NC_FORM_BLOCKED), ~0u, -1))
        return 0;
    if (h.len && (f = pick(s, j, &h, NC_KIND(NC_FORM_TITLE), ~0u, -1))) {
        rc = person_at(s, j + h.len, country, f->sector, 1, &end);
        if (rc)
            return rc < 0 ? rc : (int)(end - j);
    }
    if (h.len && (f = pick(s, j, &h, NC_KIND(NC_FORM_INSTITUTION), ~0u, -1))) {
        if ((rc = institution_actor(s, entry(s, f), (int)f->entry, country, &idx)) ||
            (rc = mention(s, idx, cs, s->t[j + h.len - 1].end, NC_MENTION_ENTITY, country,
                                    entry(s, f)->sector)))
            return rc;
        int skip = acronym_after(s, j + h.len, idx);
        return skip < 0 ? skip : (int)h.len + skip;
    }
    if (h.len && (f = pick(s, j, &h, NC_KIND(NC_FORM_NAME), 1u << NC_ACTOR_ORG | 1u << NC_ACTOR_PERSON,
                           country)))
        return 0; /* the organisation or person is taken on its own */
    int sector;
    size_t n = role_run(s, j, &sector);
    if (!n && j + 1 < s->n && is_word(&s->t[j]) && !(s->t[j].flags & NC_TOKEN_CAP)) {
        n = role_run(s, j + 1, &sector); /* one word between: "North Korean combat engineers" */
        if (n)
            n++;
    }
    if (n && nc_sector_code(sector)) { /* a title without a sector ("Dr") makes no group */
        if ((rc = group_actor(s, country, sector, &idx)) ||
            (rc = mention(s, idx, cs, s->t[j + n - 1].end, NC_MENTION_GROUP, country, sector)))
            return rc;
        return (int)n;
    }
    return pattern_org(s, j, country, cs);
}

/* "of (the) <country>" at j: the country entry and tokens taken, or 0. */
static size_t of_country(const scan *s, size_t j, int *country)
{
    if (j >= s->n || !is_key(&s->t[j], "of"))
        return 0;
    size_t k = j + 1;
    if (k < s->n && is_key(&s->t[k], "the"))
        k++;
    hit h = lookup(s, k, COUNTRY_FORMS);
    const nc_gaz_form *f = h.len ? pick(s, k, &h, NC_KIND(NC_FORM_NAME), 1u << NC_ACTOR_COUNTRY, -1) : NULL;
    if (!f)
        return 0;
    *country = (int)f->entry;
    return k + h.len - j;
}

/* First place in the NUL-terminated hay where needle[0, n) occurs,
 * ignoring ASCII case (strcasestr for a key that is not NUL-terminated). */
static const char *find_ci(const char *hay, const char *needle, size_t n)
{
    for (; *hay; hay++) {
        size_t k = 0;
        while (k < n && hay[k] && ((unsigned char)hay[k] | (hay[k] >= 'A' && hay[k] <= 'Z' ? 32 : 0)) ==
                                      ((unsigned char)needle[k] | (needle[k] >= 'A' && needle[k] <= 'Z' ? 32 : 0)))
            k++;
        if (k == n)
            return hay;
    }
    return NULL;
}

/* The latest organisation whose names have the word ("the ministry"). */
static int anaphor_target(const scan *s, const nc_token *w)
{
    int best = -1;
    for (size_t i = 0; i < s->out->n; i++) {
        const nc_actor *a = &s->out->items[i];
        if (a->type != NC_ACTOR_ORG)
            continue;
        const char *names = a->entry >= 0 ? nc_gaz_entry_at(s->g, (size_t)a->entry)->names : a->name;
        if (a->entry >= 0 && nc_gaz_entry_at(s->g, (size_t)a->entry)->institution)
            names = a->name;
        for (const char *p = names; (p = find_ci(p, w->key, w->key_len)); p++) {
            int start_ok = p == names || !((p[-1] | 32) >= 'a' && (p[-1] | 32) <= 'z');
            char c = p[w->key_len];
            int end_ok = !((c | 32) >= 'a' && (c | 32) <= 'z');
            if (start_ok && end_ok) {
                if (best < 0 || a->last > s->out->items[best].last)
                    best = (int)i;
                break;
            }
        }
    }
    return best;
}

/* "Anna Petrova, a spokeswoman for the Interior Ministry": a person whose
 * country (and, for an organisation, sector) comes from what they speak
 * for. Returns the name's tokens (0: no such pattern) or NC_ENOMEM. */
static int spokesperson(scan *s, size_t i)
{
    size_t len = name_len(s, i);
    if (len < 2 || i + len + 2 >= s->n || !is_key(&s->t[i + len], ","))
        return 0;
    size_t j = i + len + 1;
    if (!is_key(&s->t[j], "a") && !is_key(&s->t[j], "an") && !is_key(&s->t[j], "the"))
        return 0;
    int sector = -1;
    for (size_t k = j + 1; k < s->n && k < j + 6; k++) {
        hit h = lookup(s, k, ROLES);
        if (h.len) {
            const nc_gaz_form *f = pick(s, k, &h, ROLES, ~0u, -1);
            if (f)
                sector = f->sector;
            k += h.len - 1;
            continue;
        }
        if (sector < 0 || !(is_key(&s->t[k], "for") || is_key(&s->t[k], "of") || is_key(&s->t[k], "at")))
            continue;
        size_t at = k + 1 + (k + 1 < s->n && is_key(&s->t[k + 1], "the"));
        hit h2 = lookup(s, at, NC_KIND(NC_FORM_NAME) | NC_KIND(NC_FORM_DEMONYM) | NC_KIND(NC_FORM_SEAT));
        const nc_gaz_form *f = h2.len ? pick(s, at, &h2, NC_KIND(NC_FORM_NAME) | NC_KIND(NC_FORM_DEMONYM) |
                                                         NC_KIND(NC_FORM_SEAT),
                                             1u << NC_ACTOR_COUNTRY | 1u << NC_ACTOR_ORG, -1)
                                      : NULL;
        if (!f)
            return 0;
        const nc_gaz_entry *e = entry(s, f);
        int country = e->country;
        if (e->type == NC_ACTOR_ORG && e->sector)
            sector = e->sector;
        size_t end;
        int rc = person_at(s, i, country, sector, 0, &end);
        return rc <= 0 ? rc : (int)(end - i);
    }
    return 0;
}

/* 1 if the place at [i, end) is the sentence's dateline: it opens the
 * sentence in capitals and a dash, a comma or an agency's "(" follows
 * ("SEOUL ― ...", "KISMAYO, Somalia (Reuters) -"). */
static int dateline_at(const scan *s, size_t i, size_t end)
{
    if (i != 0 || end >= s->n)
        return 0;
    for (size_t k = i; k < end; k++)
        if (is_word(&s->t[k]) && !(s->t[k].flags & NC_TOKEN_UPPER))
            return 0;
    const nc_token *t = &s->t[end];
    return is_dash(t) || is_key(t, ",") || is_key(t, "(");
}

/* A place at i (the hit h, or the place form of a capital's name when
 * `seat` is set): its mention, the division word after it ("Bay Region"),
 * and role words after it ("Kismayo police": the Somali police). Returns
 * tokens taken (0: no place) or NC_ENOMEM. */
/* A city beats the division of the same name it lies in ("Herat",
 * "Baghdad": the city, not the province or governorate), and a national
 * capital (seat) every division of its name ("Kyiv", not Kyiv Oblast).
 * The place form of the phrase at i to take instead of f, or f. */
static const nc_gaz_form *city_over_division(const scan *s, size_t i, const hit *h, const nc_gaz_form *f,
                                             int seat)
{
    const nc_gaz_place *d = nc_gaz_place_at(s->g, f->entry);
    if (d->kind != NC_PLACE_ADMIN1 && d->kind != NC_PLACE_ADMIN2)
        return f;
    int division = d->kind == NC_PLACE_ADMIN1 ? (int)f->entry : d->region;
    for (size_t k = 0; k < h->n_forms; k++) {
        const nc_gaz_form *c = &h->forms[k];
        if (c->kind != NC_FORM_PLACE || c->ntok != h->len || !nc_gaz_fits(c, s->t + i))
            continue;
        const nc_gaz_place *p = nc_gaz_place_at(s->g, c->entry);
        if (p->kind == NC_PLACE_CITY && p->country == d->country && (seat || division < 0 || p->region == division))
            return c;
    }
    return f;
}

static int place_here(scan *s, size_t i, const hit *h, int seat)
{
    const nc_gaz_form *f = pick(s, i, h, NC_KIND(NC_FORM_PLACE), ~0u, preferred_country(s, i));
    if (!f)
        return 0;
    f = city_over_division(s, i, h, f, seat);
    const nc_gaz_place *e = nc_gaz_place_at(s->g, f->entry);
    size_t end = i + h->len;
    end += place_word_after(s, end);
    int rc;
    /* "Baghdad village" is a village named Baghdad: the place only when
     * its country is the one the text is about */
    if (end < s->n && nc_gaz_word_is(s->g, &s->t[end], NC_FORM_SMALL_PLACE) && e->country != dominant(s))
        return (int)(end - i);
    if ((rc = nc_actors_place(s->out, (int)f->entry, s->t[i].start, s->t[end - 1].end, dateline_at(s, i, end))) ||
        (rc = add_vote(s, e->country, seat ? 0 : 2)))
        return rc;
    int sector;
    size_t n = seat ? 0 : role_run(s, end, &sector);
    if (n && e->country >= 0 && nc_sector_code(sector)) { /* a title without a sector ("Dr") makes no group */
        int idx;
        if ((rc = group_actor(s, e->country, sector, &idx)) ||
            (rc = mention(s, idx, s->t[i].start, s->t[end + n - 1].end, NC_MENTION_GROUP, e->country, sector)))
            return rc;
        end += n;
    }
    return (int)(end - i);
}

/* One token position of the main pass; returns tokens taken (>= 1) or
 * NC_ENOMEM. */
static int step(scan *s, size_t i)
{
    const nc_token *t = &s->t[i];
    /* most words: lowercase and in no phrase */
    if (!is_word(t) || (!nc_gaz_node(s->lex, t) && !(t->flags & (NC_TOKEN_CAP | NC_TOKEN_UPPER)) && !is_key(t, "the")))
        return 1;
    hit h = lookup(s, i, PHRASES);
    const nc_gaz_form *f;
    int idx, rc, country;
    size_t end, k;
    if (h.len) {
        if (pick(s, i, &h, NC_KIND(NC_FORM_BLOCKED), ~0u, -1))
            return (int)h.len;
        if ((f = pick(s, i, &h, COUNTRY_FORMS, 1u << NC_ACTOR_COUNTRY, -1)) && f->kind == NC_FORM_SEAT &&
            (!ambiguity_ok(s, i, h.len) ||
             (i + h.len < s->n && nc_gaz_word_is(s->g, &s->t[i + h.len], NC_FORM_SMALL_PLACE) &&
              (int)f->entry != dominant(s))))
            f = NULL; /* "Aden Adde International Airport", "Baghdad village" */
        if (f) {
            country = (int)f->entry;
            if (f->kind == NC_FORM_SEAT && (rc = place_here(s, i, &h, 1)) < 0)
                return rc;
            rc = country_and(s, i + h.len, country, t->start);
            if (rc)
                return rc < 0 ? rc : (int)h.len + rc;
            const nc_gaz_entry *e = entry(s, f);
            if ((rc = nc_actors_get(s->out, s->g, e->id, e->name, NC_ACTOR_COUNTRY, country, 0, country, &idx)) ||
                (rc = mention(s, idx, t->start, s->t[i + h.len - 1].end,
                                        f->kind == NC_FORM_DEMONYM ? NC_MENTION_DEMONYM : NC_MENTION_COUNTRY,
                                        country, 0)))
                return rc;
            return (int)h.len;
        }
        if ((f = pick(s, i, &h, NC_KIND(NC_FORM_NAME), 1u << NC_ACTOR_ORG, preferred_country(s, i)))) {
            const nc_gaz_entry *e = entry(s, f);
            if (e->qualifier) { /* "Puntland forces": the Somali military */
                rc = country_and(s, i + h.len, e->country, t->start);
                if (rc)
                    return rc < 0 ? rc : (int)h.len + rc;
            }
            /* role words after the name are the organisation's own ("HTS
             * forces", "FARDC troops", "Hamas gunmen"), not a country's */
            int role_sector;
            size_t roles = e->type == NC_ACTOR_ORG && !e->institution ? role_run(s, i + h.len, &role_sector) : 0;
            if ((rc = nc_actors_get(s->out, s->g, e->id, e->name, NC_ACTOR_ORG, e->country, e->sector,
                                    (int)f->entry, &idx)) ||
                (rc = mention(s, idx, t->start, s->t[i + h.len + roles - 1].end, NC_MENTION_ENTITY,
                                        e->country, e->sector)))
                return rc;
            if (roles)
                return (int)(h.len + roles);
            int skip = acronym_after(s, i + h.len, idx);
            return skip < 0 ? skip : (int)h.len + skip;
        }
        if (pick(s, i, &h, NC_KIND(NC_FORM_NAME), 1u << NC_ACTOR_PERSON, -1)) {
            rc = person_at(s, i, -1, 0, 0, &end);
            return rc < 0 ? rc : (int)(end - i);
        }
        /* a name the text gave an actor before beats a place of that name
         * ("Petrovsky" after "Ivan Petrovsky", not Petrovsky District) */
        if (h.len == 1 && (idx = nc_actors_find_alias(s->out, t)) >= 0) {
            rc = mention(s, idx, t->start, t->end, NC_MENTION_ENTITY, s->out->items[idx].country,
                         s->out->items[idx].sector);
            return rc ? rc : 1;
        }
        if ((rc = place_here(s, i, &h, 0)))
            return rc;
        if ((f = pick(s, i, &h, NC_KIND(NC_FORM_SHORT), 1u << NC_ACTOR_PERSON, -1))) {
            int a = nc_actors_of_entry(s->out, (int)f->entry, 0);
            if (a >= 0) {
                rc = mention(s, a, t->start, s->t[i + h.len - 1].end, NC_MENTION_ENTITY,
                         s->out->items[a].country, s->out->items[a].sector);
                return rc ? rc : (int)h.len;
            }
        }
        if ((f = pick(s, i, &h, NC_KIND(NC_FORM_TITLE), ~0u, -1))) {
            rc = person_at(s, i + h.len, -1, f->sector, 1, &end);
            if (rc)
                return rc < 0 ? rc : (int)(end - i);
        }
        if ((f = pick(s, i, &h, NC_KIND(NC_FORM_INSTITUTION), ~0u, -1))) {
            country = -1;
            k = of_country(s, i + h.len, &country);
            if (country < 0) { /* "the defence ministry" after "the Russian Defence Ministry" */
                int a = nc_actors_of_entry(s->out, (int)f->entry, 1);
                if (a >= 0)
                    country = s->out->items[a].country;
            }
            if ((rc = institution_actor(s, entry(s, f), (int)f->entry, country, &idx)) ||
                (rc = mention(s, idx, t->start, s->t[i + h.len + k - 1].end, NC_MENTION_ENTITY,
                                        country, entry(s, f)->sector)))
                return rc;
            int skip = acronym_after(s, i + h.len + k, idx);
            return skip < 0 ? skip : (int)(h.len + k) + skip;
        }
        int sector;
        size_t n = role_run(s, i, &sector);
        if (n && nc_sector_code(sector)) { /* "Dr of Mali" makes no group */
            country = -1;
            k = of_country(s, i + n, &country);
            if (k) { /* "the army of Sudan" */
                if ((rc = group_actor(s, country, sector, &idx)) ||
                    (rc = mention(s, idx, t->start, s->t[i + n + k - 1].end, NC_MENTION_GROUP,
                                            country, sector)))
                    return rc;
                return (int)(n + k);
            }
            rc = mention(s, -1, t->start, s->t[i + n - 1].end, NC_MENTION_ROLE, -1, sector);
            return rc ? rc : (int)n;
        }
    }
    /* not in the gazetteer */
    if ((idx = nc_actors_find_alias(s->out, t)) >= 0) {
        rc = mention(s, idx, t->start, t->end, NC_MENTION_ENTITY, s->out->items[idx].country,
                               s->out->items[idx].sector);
        return rc ? rc : 1;
    }
    /* "the ministry", not "the Ministry of Defence of Ukraine" */
    if (is_key(t, "the") && i + 1 < s->n && nc_gaz_word_is(s->g, &s->t[i + 1], NC_FORM_ANAPHOR) &&
        !lookup(s, i + 1, PHRASES).len && !(i + 2 < s->n && is_key(&s->t[i + 2], "of")) &&
        (idx = anaphor_target(s, &s->t[i + 1])) >= 0) {
        rc = mention(s, idx, t->start, s->t[i + 1].end, NC_MENTION_ENTITY,
                               s->out->items[idx].country, s->out->items[idx].sector);
        return rc ? rc : 2;
    }
    if (name_word(s, i)) {
        if ((rc = pattern_org(s, i, -1, t->start)))
            return rc;
        if ((rc = spokesperson(s, i)))
            return rc;
    }
    return 1;
}

static int is_force(int sector)
{
    const char *c = nc_sector_code(sector);
    return c && (strcmp(c, "MIL") == 0 || strcmp(c, "COP") == 0 || strcmp(c, "SPY") == 0);
}

/* Bare force words ("soldiers", "government forces", "police") are the
 * forces of the country the text is about, when one dominates it (its
 * named countries, places, and the groups and bodies that belong to it);
 * otherwise they stay without a country. */
static int resolve_roles(scan *s)
{
    int c = dominant(s), rc;
    for (size_t i = 0; c >= 0 && i < s->out->n_mentions; i++) {
        nc_mention *m = &s->out->mentions[i];
        if (m->kind != NC_MENTION_ROLE || !is_force(m->sector))
            continue;
        int idx;
        if ((rc = group_actor(s, c, m->sector, &idx)) || (rc = nc_actors_add_span(s->out, idx, m->start, m->end)))
            return rc;
        m->actor = idx;
        m->country = c;
        m->kind = NC_MENTION_GROUP;
    }
    return nc_actors_order(s->out);
}

int nc_actors_extract(const nc_gazetteer *g, const nc_document *doc, const char *date, nc_actors *out)
{
    const nc_tokens *toks = &doc->tokens;
    scan s = {g, nc_gaz_lexicon(g), doc->text, out, NULL, 0, NULL, 0, 0, -1, 0, date};
    int rc = 0;
    for (size_t si = 0; si < doc->n_sentences && toks->sent_first && !rc; si++) {
        if (nc_document_expired(doc))
            break;
        size_t first = toks->sent_first[si];
        s.t = toks->items + first;
        s.n = toks->sent_first[si + 1] - first;
        for (size_t i = 0; i < s.n;) {
            int taken = step(&s, i);
            if (taken < 0) {
                rc = taken;
                break;
            }
            i += (size_t)taken;
        }
    }
    if (!rc)
        rc = resolve_roles(&s);
    free(s.votes);
    return rc;
}
