/* Speakers: the noun phrase that says something, found without a parser
 * by reading outwards from the cue and stopping at words that begin a
 * clause; and the resolution of "he", "they", "the ministry" to a named
 * speaker met before. */
#include "extract/claims/speaker.h"
#include "text/chars.h"
#include "util/utf8.h"
#include <string.h>

#define SPEAKER_MAX 14   /* words in a speaker before its appositive */
#define APPOSITIVE_MAX 20 /* tokens of ", a spokesman for ...," */
#define RESOLVE_PARAGRAPHS 6 /* how far back a reference may look */
#define RESOLVE_CLAIMS 64     /* and over at most this many speakers (keeps it linear) */
#define RESOLVE_SUBJECTS 3    /* or the subjects of this many sentences before */

static const nc_tok *T(const cl_state *st, size_t i) { return &st->toks.items[i]; }

static int is_word(const cl_state *st, size_t i) { return T(st, i)->kind == NC_TOK_WORD; }

static int is_cap_end(const cl_state *st, size_t i)
{
    const nc_tok *t = T(st, i);
    if (t->kind == NC_TOK_WORD)
        return (t->flags & NC_TOK_CAP) != 0;
    /* "U.S." ends in a '.' glued to a capitalised word */
    return (nc_tok_punct(t, '.') || nc_tok_punct(t, ')')) && !(t->flags & NC_TOK_SPACE_BEFORE) && i > 0 &&
           (T(st, i - 1)->flags & NC_TOK_CAP);
}

static int word_is(const cl_state *st, size_t i, const char *w) { return nc_tok_is(T(st, i), st->text, w); }

/* Token i's tag when it is a verb (NC_XPOS_VB...), else NC_XPOS_NONE. A
 * word with a possessive or a capital inside a sentence counts as a name,
 * whatever its tag: the view keeps "Obama's" one word, which the tagger
 * never saw, and it tags names it does not know as it can. */
static nc_xpos verb_tag(const cl_state *st, size_t i)
{
    const nc_tok *t = T(st, i);
    if (t->kind != NC_TOK_WORD || (t->flags & NC_TOK_POSS) ||
        ((t->flags & NC_TOK_CAP) && i != cl_sent_first(st, t->sent)) || !cl_may_be(st, i, CL_U(VERB), 0) ||
        cl_upos(st, i) != NC_UPOS_VERB)
        return NC_XPOS_NONE;
    return (nc_xpos)st->pos->class_xtag[cl_class(st, i)];
}

/* 1 if token v is a verb whose object starts at v + 1: "defending his
 * tweets", "convince a court", "Cruz endorses Trump" (a finite verb after
 * a subject, not last before end); not a participle or a mis-tagged adjective
 * before a noun ("restructuring experts", "retired Air Force general"),
 * nor a verb after a pronoun ("the experts I interviewed"). */
static int verb_taking(const cl_state *st, size_t v, size_t lo, size_t end)
{
    nc_xpos x = verb_tag(st, v);
    if (x == NC_XPOS_NONE || x == NC_XPOS_VBN)
        return 0;
    nc_upos p = v > lo && is_word(st, v - 1) ? cl_upos(st, v - 1) : NC_UPOS_NONE;
    if (p == NC_UPOS_PRON)
        return 0;
    const nc_tok *n = T(st, v + 1);
    if (n->kind != NC_TOK_WORD)
        return 0;
    nc_upos u = cl_upos(st, v + 1);
    if (u == NC_UPOS_DET || u == NC_UPOS_PRON || strcmp(cl_xpos(st, v + 1), "PRP$") == 0)
        return 1;
    /* a finite verb after a subject with words after it ("the figures
     * came from the police, which"); a last word may be a plural the
     * tagger took for a verb ("McConnell aides said") */
    return (x == NC_XPOS_VBD || x == NC_XPOS_VBZ || x == NC_XPOS_VBP) && v + 1 < end &&
           (p == NC_UPOS_PROPN || p == NC_UPOS_NOUN);
}

/* "forcefully", "very aptly": an adverb between a speaker and its cue */
static int is_adverb(const cl_state *st, size_t i)
{
    const nc_tok *t = T(st, i);
    return !(t->flags & NC_TOK_CAP) && !t->cue && cl_may_be(st, i, CL_U(ADV), 0) && cl_upos(st, i) == NC_UPOS_ADV;
}

static int is_name(const cl_state *st, size_t i)
{
    return (T(st, i)->flags & (NC_TOK_POSS | NC_TOK_CAP)) != 0;
}

/* Walks back from end over a plain noun phrase: words (any case) and the
 * punctuation of names ("U.S.", "(NIS)"), a list "A, B, and C" of
 * capitalised items; stops at words that begin a clause. */
static cl_range np_core_v(const cl_state *st, size_t end, size_t lo, int *at_verb)
{
    *at_verb = 0;
    size_t a = end, words = 0;
    int list = 0;
    while (a > lo && words < SPEAKER_MAX) {
        const nc_tok *t = T(st, a - 1);
        if (st->used[a - 1])
            break;
        if (t->kind == NC_TOK_WORD) {
            uint32_t cls = nc_tok_classes(t);
            if (word_is(st, a - 1, "and") || word_is(st, a - 1, "or") || word_is(st, a - 1, "&")) {
                /* "Smith and Jones", "the U.S., South Korea, and Ukraine" */
                if (a < end && (T(st, a)->flags & NC_TOK_CAP) && a - 1 > lo &&
                    (is_cap_end(st, a - 2) || nc_tok_punct(T(st, a - 2), ','))) {
                    list = 1;
                    a--;
                    continue;
                }
                break;
            }
            if ((cls & NC_WC_BOUNDARY) && !(cls & NC_WC_PREP))
                break;
            /* "Ted Cruz endorses Trump, who": a verb ends the phrase, but
             * not one after a pronoun ("the experts I interviewed") */
            if (a < end && verb_taking(st, a - 1, lo, end)) {
                *at_verb = 1;
                break;
            }
            words++;
            a--;
            continue;
        }
        if (t->kind == NC_TOK_PUNCT) {
            if ((t->ch == '.' && !(t->flags & NC_TOK_SPACE_BEFORE) && a - 1 > lo && is_word(st, a - 2)) ||
                t->ch == '(' || t->ch == ')') {
                a--;
                continue;
            }
            if (t->ch == ',' && list && a - 1 > lo && is_cap_end(st, a - 2)) {
                a--;
                continue;
            }
        }
        break;
    }
    /* a phrase does not start with a preposition, a conjunction or punctuation */
    while (a < end && (T(st, a)->kind != NC_TOK_WORD || (nc_tok_classes(T(st, a)) & NC_WC_PREP) ||
                       word_is(st, a, "and") || word_is(st, a, "or")))
        a++;
    return (cl_range){a, end};
}

static cl_range np_core(const cl_state *st, size_t end, size_t lo)
{
    int v;
    return np_core_v(st, end, lo, &v);
}

/* A relative clause right before the cue: "lawmakers who attended the
 * briefing said" is one speaker. Returns the relative pronoun's token, or
 * SIZE_MAX. */
static size_t relative_before(const cl_state *st, size_t end, size_t lo)
{
    for (size_t i = end, n = 0; i > lo && n < 10; i--, n++) {
        const nc_tok *t = T(st, i - 1);
        if (t->kind != NC_TOK_WORD)
            return SIZE_MAX;
        if (nc_tok_classes(t) & NC_WC_RELATIVE)
            return i - 1;
    }
    return SIZE_MAX;
}

cl_range cl_speaker_before(const cl_state *st, size_t end, size_t lo)
{
    cl_range none = {end, end};
    size_t k = end;
    /* "he also said", "Putin later stated", "Trump on Monday said" */
    while (k > lo && is_word(st, k - 1) && !(nc_tok_classes(T(st, k - 1)) & NC_WC_PRONOUN) &&
           ((nc_tok_classes(T(st, k - 1)) & (NC_WC_AUX | NC_WC_TIME)) || is_adverb(st, k - 1)))
        k--;
    if (k == lo)
        return none;
    const nc_tok *t = T(st, k - 1);
    if (t->kind == NC_TOK_WORD && (nc_tok_classes(t) & NC_WC_PRONOUN))
        return (cl_range){k - 1, k};
    if (nc_tok_punct(t, ',')) {
        /* "Smith, a spokesman for the ministry, said": the appositive or
         * relative clause between two commas belongs to the speaker */
        for (size_t p = k - 1, n = 0; p > lo && n < APPOSITIVE_MAX; p--, n++) {
            const nc_tok *u = T(st, p - 1);
            if (u->kind == NC_TOK_DQUOTE || nc_tok_punct(u, ';') || nc_tok_punct(u, ':') || st->used[p - 1])
                return none;
            if (nc_tok_punct(u, ',')) {
                cl_range core = np_core(st, p - 1, lo);
                if (core.a == core.b || !cl_speaker_ok(st, core))
                    return none;
                return (cl_range){core.a, k - 1};
            }
        }
        return none;
    }
    size_t rel = relative_before(st, k, lo);
    if (rel != SIZE_MAX && rel > lo) {
        cl_range core = np_core(st, rel, lo);
        if (core.a < core.b && cl_speaker_ok(st, core))
            return (cl_range){core.a, rel + 1 == k ? rel : k}; /* "the department which reported": its antecedent */
    }
    /* a phrase after a verb is its object, not the cue's subject ("is
     * defending his tweets", "try to convince a U.S. appeals court") */
    int at_verb;
    cl_range r = np_core_v(st, k, lo, &at_verb);
    if (at_verb && !(T(st, r.b - 1)->flags & NC_TOK_POSS)) /* "contradicting the police's claim" */
        return none;
    return r.a < r.b && cl_speaker_ok(st, r) ? r : none;
}

cl_range cl_antecedent(const cl_state *st, size_t end, size_t lo)
{
    cl_range r = np_core(st, end, lo);
    return r.a < r.b && cl_speaker_ok(st, r) ? r : (cl_range){end, end};
}

cl_range cl_speaker_after(const cl_state *st, size_t start, size_t hi)
{
    size_t b = start, words = 0;
    int relative = 0;
    while (b < hi && words < SPEAKER_MAX + 6) {
        const nc_tok *t = T(st, b);
        if (st->used[b] && b > start)
            break;
        if (t->kind == NC_TOK_WORD) {
            uint32_t cls = nc_tok_classes(t);
            if (cls & NC_WC_RELATIVE)
                relative = 1; /* "officials who attended the briefing" */
            else if (!relative && (cls & NC_WC_BOUNDARY) && !(cls & NC_WC_PREP) && !word_is(st, b, "and") &&
                     !word_is(st, b, "or"))
                break;
            words++;
            b++;
            continue;
        }
        if (t->kind == NC_TOK_PUNCT && ((t->ch == '.' && !(t->flags & NC_TOK_SPACE_BEFORE) && b + 1 < hi) ||
                                        t->ch == '(' || t->ch == ')' ||
                                        (t->ch == '-' && !(t->flags & NC_TOK_SPACE_BEFORE)))) {
            b++;
            continue;
        }
        break;
    }
    while (b > start && (T(st, b - 1)->kind != NC_TOK_WORD || word_is(st, b - 1, "and") ||
                         (nc_tok_classes(T(st, b - 1)) & NC_WC_PREP)) &&
           !nc_tok_punct(T(st, b - 1), ')'))
        b--;
    cl_range r = {start, b};
    return r.a < r.b && cl_speaker_ok(st, r) ? r : (cl_range){start, start};
}

/* Where a sentence's subject may start: after a fronted adverbial that
 * ends at a comma ("Later,", "On Monday,", "In a statement on Friday,"). */
static size_t after_fronted(const cl_state *st, size_t a, size_t end)
{
    if (a >= end || !is_word(st, a))
        return a;
    nc_upos u = cl_upos(st, a);
    if (u != NC_UPOS_ADV && u != NC_UPOS_ADP && u != NC_UPOS_SCONJ)
        return a;
    for (size_t k = a + 1; k < end && k < a + 8; k++) {
        if (nc_tok_punct(T(st, k), ','))
            return k + 1 < end ? k + 1 : a;
        if (!is_word(st, k) || cl_is_verb(st, k))
            return a;
    }
    return a;
}

/* A noun phrase by its tags, "the minister", "the new finance minister",
 * "Acme Corp.", when a verb follows it; empty otherwise. */
static cl_range np_by_tags(const cl_state *st, size_t a, size_t end)
{
    size_t b = a;
    if (b < end && is_word(st, b) && (cl_upos(st, b) == NC_UPOS_DET || strcmp(cl_xpos(st, b), "PRP$") == 0))
        b++;
    size_t head = SIZE_MAX;
    while (b < end && is_word(st, b)) {
        nc_upos u = cl_upos(st, b);
        if (u == NC_UPOS_NOUN || u == NC_UPOS_PROPN)
            head = b;
        else if (u != NC_UPOS_ADJ && u != NC_UPOS_NUM)
            break;
        b++;
    }
    if (head == SIZE_MAX || head + 1 != b || b >= end)
        return (cl_range){a, a};
    size_t v = b;
    while (v < end && is_word(st, v) && cl_upos(st, v) == NC_UPOS_ADV)
        v++;
    return v < end && is_word(st, v) && cl_is_verb(st, v) ? (cl_range){a, b} : (cl_range){a, a};
}

/* The capitalised words that open sentence s (after a fronted phrase)
 * when they name somebody, read without tags; empty otherwise. Sets *a
 * to where the subject starts. */
static cl_range named_words(const cl_state *st, size_t s, size_t *start)
{
    size_t a = cl_sent_first(st, s), end = cl_sent_end(st, s), b;
    a = after_fronted(st, a, end);
    *start = a;
    b = a;
    int named = 0;
    while (b < end) {
        const nc_tok *t = T(st, b);
        if (t->kind == NC_TOK_WORD && (t->flags & NC_TOK_CAP) && !(nc_tok_classes(t) & NC_WC_BOUNDARY)) {
            named |= !(nc_tok_classes(t) & (NC_WC_DET | NC_WC_PREP));
            b++;
        } else if (t->kind == NC_TOK_PUNCT && t->ch == '.' && !(t->flags & NC_TOK_SPACE_BEFORE) && b > a) {
            b++;
        } else
            break;
    }
    while (b > a && !is_word(st, b - 1))
        b--;
    if (named && b > a && (b == end || is_word(st, b)))
        return (cl_range){a, b};
    return (cl_range){a, a};
}

/* 1 if word i may go on a subject's noun phrase after the names that open
 * it: a noun, adjective, number, determiner, name or preposition ("Police
 * in Walker County", "Democratic presidential nominee Hillary Clinton"),
 * or "and" before a name ("David and Myrtle Parsons"). */
static int phrase_goes_on(const cl_state *st, size_t i)
{
    const nc_tok *t = T(st, i);
    if (t->kind != NC_TOK_WORD)
        return 0;
    if (word_is(st, i, "and"))
        return is_word(st, i + 1) && (T(st, i + 1)->flags & NC_TOK_CAP);
    if (nc_tok_classes(t) & (NC_WC_AUX | NC_WC_BE | NC_WC_BOUNDARY))
        return 0;
    if (is_name(st, i) || (nc_tok_classes(t) & NC_WC_PREP))
        return 1;
    nc_upos u = cl_upos(st, i);
    return u == NC_UPOS_NOUN || u == NC_UPOS_PROPN || u == NC_UPOS_ADJ || u == NC_UPOS_NUM || u == NC_UPOS_DET;
}

cl_range cl_subject(const cl_state *st, size_t s)
{
    size_t a, end = cl_sent_end(st, s);
    cl_range r = named_words(st, s, &a);
    if (a < end && is_word(st, a) && (nc_tok_classes(T(st, a)) & (NC_WC_PERSON | NC_WC_GROUP | NC_WC_THING)))
        return (cl_range){a, a + 1};
    if (r.a < r.b && r.b < end && is_word(st, r.b) && !cl_is_verb(st, r.b)) {
        /* the names may open a longer phrase ("Democratic presidential
         * nominee Hillary Clinton chimed in"): the speaker written before
         * its verb, when it starts where the names do */
        size_t v = r.b;
        while (v < end && v < r.b + SPEAKER_MAX && phrase_goes_on(st, v))
            v++;
        cl_range sp = v < end && is_word(st, v) && cl_is_verb(st, v) ? cl_speaker_before(st, v, a) : r;
        return sp.a == a && sp.b > r.b ? sp : r;
    }
    if (r.a < r.b)
        return r;
    cl_range np = np_by_tags(st, a, end);
    return np.a < np.b && cl_speaker_ok(st, np) ? np : (cl_range){a, a};
}

/* 1 if the range reads as a noun phrase by its tags: it has a noun, name,
 * pronoun or number (or ends in a determiner standing alone: "some",
 * "each"); it does not open with a verb taking an object ("defending his
 * tweets", "convince a U.S.", "Following a", "built near"), nor hold a
 * finite verb with something after it ("Ted Cruz endorses Trump") or end
 * in a past tense ("Mr. Smith scrutinized"), unless after a pronoun
 * ("the experts I interviewed"); it does not end in a preposition or
 * conjunction ("Donald Trump for"). */
static int np_tags_ok(const cl_state *st, cl_range r)
{
    size_t a = r.a, b = r.b;
    while (a < b && !is_word(st, a))
        a++;
    while (b > a && !is_word(st, b - 1))
        b--;
    if (a == b)
        return 0;
    int head = 0;
    const uint32_t heads = CL_U(NOUN) | CL_U(PROPN) | CL_U(PRON) | CL_U(NUM) | CL_U(X) | CL_U(SYM);
    for (size_t i = b; i-- > a && !head;) { /* from the end: the head is usually last */
        if (!is_word(st, i))
            continue;
        if (is_name(st, i) || (T(st, i)->flags & NC_TOK_DIGIT)) {
            head = 1;
            continue;
        }
        uint32_t may = i + 1 == b ? heads | CL_U(DET) : heads;
        if (!cl_may_be(st, i, may, 0))
            continue;
        nc_upos u = cl_upos(st, i);
        head = (may >> u) & 1;
    }
    if (!head)
        return 0;
    nc_xpos v = is_name(st, a) && a + 1 == b ? NC_XPOS_NONE : verb_tag(st, a);
    if (v != NC_XPOS_NONE) {
        if (a + 1 == b)
            return 0; /* "fueling" */
        nc_upos n = cl_upos(st, a + 1);
        int object = n == NC_UPOS_DET || n == NC_UPOS_PRON || n == NC_UPOS_ADP || n == NC_UPOS_ADV ||
                     n == NC_UPOS_PART;
        if (object && (v != NC_XPOS_VBN || n == NC_UPOS_ADP))
            return 0;
    }
    for (size_t i = a + 1; i < b; i++) {
        const nc_tok *t = T(st, i);
        if (nc_tok_punct(t, ',') || (nc_tok_classes(t) & NC_WC_RELATIVE))
            break;
        nc_xpos x = verb_tag(st, i);
        if (x != NC_XPOS_VBD && x != NC_XPOS_VBZ && x != NC_XPOS_VBP)
            continue;
        if (is_word(st, i - 1) && cl_upos(st, i - 1) == NC_UPOS_PRON)
            continue;
        if (i + 1 < b || x == NC_XPOS_VBD)
            return 0;
    }
    if (is_name(st, b - 1) || !cl_may_be(st, b - 1, CL_U(ADP) | CL_U(CCONJ) | CL_U(SCONJ), 0))
        return 1;
    nc_upos last = cl_upos(st, b - 1);
    return last != NC_UPOS_ADP && last != NC_UPOS_CCONJ && last != NC_UPOS_SCONJ;
}

int cl_speaker_ok(const cl_state *st, cl_range r)
{
    if (r.a < r.b && (nc_tok_classes(T(st, r.a)) & NC_WC_NOBODY))
        return 0; /* "No group has claimed ..." */
    for (size_t i = r.a; i < r.b; i++)
        if (is_word(st, i) && !(T(st, i)->flags & NC_TOK_DIGIT) &&
            !(nc_tok_classes(T(st, i)) & (NC_WC_DET | NC_WC_PREP | NC_WC_TIME | NC_WC_BOUNDARY)))
            return np_tags_ok(st, r);
    for (size_t i = r.a; i < r.b; i++) /* "he", "they" */
        if (nc_tok_classes(T(st, i)) & NC_WC_PRONOUN)
            return 1;
    return 0;
}

/* ---- resolution ---------------------------------------------------- */

enum { REF_NONE, REF_PERSON, REF_GROUP, REF_THING, REF_NOUN };

/* What kind of reference a written speaker is: a pronoun, or "the" plus
 * one or two lower-case words ("the ministry", "the defence ministry"). */
static int ref_kind(const cl_state *st, size_t a, size_t b)
{
    if (b == a + 1) {
        uint32_t cls = nc_tok_classes(T(st, a));
        if (cls & NC_WC_PERSON)
            return REF_PERSON;
        if (cls & NC_WC_GROUP)
            return REF_GROUP;
        if (cls & NC_WC_THING)
            return REF_THING;
        return REF_NONE;
    }
    if (b - a < 2 || b - a > 3 || !word_is(st, a, "the"))
        return REF_NONE;
    for (size_t i = a + 1; i < b; i++)
        if (!is_word(st, i) || (T(st, i)->flags & NC_TOK_CAP))
            return REF_NONE;
    return REF_NOUN;
}

/* 1 if the speaker names somebody: a capitalised word that is not a
 * determiner or pronoun ("The", "He" at the start of a sentence). */
static int is_named(const cl_state *st, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (is_word(st, i) && (T(st, i)->flags & NC_TOK_CAP) &&
            !(nc_tok_classes(T(st, i)) & (NC_WC_DET | NC_WC_PRONOUN | NC_WC_PREP | NC_WC_BOUNDARY)))
            return 1;
    return 0;
}

static int has_class(const cl_state *st, size_t a, size_t b, uint32_t cls)
{
    for (size_t i = a; i < b; i++)
        if (is_word(st, i) && (nc_tok_classes(T(st, i)) & cls))
            return 1;
    return 0;
}

/* A group: an organisation, a list ("A and B"), or a plural head
 * ("Western analysts", "Officials from ..."). */
static int is_org(const cl_state *st, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (is_word(st, i) && ((nc_tok_classes(T(st, i)) & NC_WC_ORG) || (T(st, i)->flags & NC_TOK_ALLCAPS)))
            return 1;
    return 0;
}

static int is_group(const cl_state *st, size_t a, size_t b)
{
    if (is_org(st, a, b))
        return 1;
    for (size_t i = a; i < b; i++) {
        if (word_is(st, i, "and"))
            return 1;
        const nc_tok *t = T(st, i);
        if (t->kind != NC_TOK_WORD || (nc_tok_classes(t) & (NC_WC_DET | NC_WC_PREP)))
            continue;
        if (nc_tok_classes(t) & NC_WC_PREP)
            break;
        /* the head is the last word before a preposition or the end */
        size_t j = i;
        while (j + 1 < b && is_word(st, j + 1) && !(nc_tok_classes(T(st, j + 1)) & NC_WC_PREP))
            j++;
        const nc_tok *h = T(st, j);
        return !(h->flags & NC_TOK_CAP) && h->e - h->s > 3 && st->text[h->e - 1] == 's' &&
               st->text[h->e - 2] != 's';
    }
    return 0;
}

static int compatible(const cl_state *st, int kind, size_t ra, size_t rb, size_t a, size_t b)
{
    /* a person or an "it" must have a name; a group or "the ministry" may
     * be a description ("rescue workers", "the health ministry") as long
     * as it is not itself a reference */
    int ak = ref_kind(st, a, b);
    if (ak != REF_NONE && !(ak == REF_NOUN && kind == REF_NOUN && b - a > rb - ra))
        return 0; /* but "the ministry" may be "the health ministry" */
    if ((kind == REF_PERSON || kind == REF_THING) && !is_named(st, a, b))
        return 0;
    if (kind == REF_NOUN && !is_named(st, a, b) && b - a <= rb - ra)
        return 0;
    switch (kind) {
    case REF_PERSON: {
        if (is_group(st, a, b) || !(T(st, b - 1)->flags & NC_TOK_CAP))
            return 0;
        int male = word_is(st, ra, "he");
        return !has_class(st, a, b, male ? NC_WC_FEMALE : NC_WC_MALE);
    }
    case REF_GROUP:
        return is_group(st, a, b);
    case REF_THING:
        return is_org(st, a, b);
    case REF_NOUN: {
        /* "the ministry" -> a speaker with the word "ministry" in it */
        const nc_tok *head = T(st, rb - 1);
        for (size_t i = a; i < b; i++) {
            const nc_tok *t = T(st, i);
            if (t->kind == NC_TOK_WORD && t->e - t->s == head->e - head->s &&
                strncasecmp(st->text + t->s, st->text + head->s, t->e - t->s) == 0)
                return 1;
        }
        return 0;
    }
    }
    return 0;
}

/* The subject of the sentence a pronoun speaker is written in, when it
 * comes before the pronoun and may be what it refers to: "Ban condemned
 * what he called", "The statement mentioned the impact it said ...". An
 * "it" may be a lower-case description here ("the statement"). Empty
 * otherwise. */
static cl_range own_subject(const cl_state *st, int kind, size_t ra, size_t rb)
{
    cl_range none = {ra, ra};
    if (kind != REF_PERSON && kind != REF_GROUP && kind != REF_THING)
        return none;
    cl_range sub = cl_subject(st, T(st, ra)->sent);
    if (sub.a >= sub.b || sub.b > ra || ref_kind(st, sub.a, sub.b) == REF_PERSON ||
        ref_kind(st, sub.a, sub.b) == REF_GROUP || ref_kind(st, sub.a, sub.b) == REF_THING)
        return none;
    if (compatible(st, kind, ra, rb, sub.a, sub.b))
        return sub;
    if (kind == REF_THING && word_is(st, sub.a, "the") && sub.b - sub.a >= 2 &&
        !(T(st, sub.b - 1)->flags & NC_TOK_CAP) && !is_group(st, sub.a, sub.b))
        return sub;
    return none;
}

/* 1 if word i is a pronoun with a contraction ("I've", "We’re", "It's"):
 * what comes before its apostrophe is a pronoun of the cue lexicon. */
static int contraction_of_pronoun(const cl_state *st, size_t i)
{
    const nc_tok *t = T(st, i);
    const unsigned char *w = (const unsigned char *)st->text;
    for (size_t k = t->s, n; k < t->e; k += n)
        if (nc_char_class(nc_utf8_decode(w, k, t->e, &n)) & NC_CH_APOS) {
            const nc_word_info *wi = nc_cues_word(st->cues, st->text + t->s, k - t->s);
            return wi && (wi->classes & NC_WC_PRONOUN);
        }
    return 0;
}

/* 1 if subject r of an earlier sentence may be what a reference points
 * back to: a whole name ("Defense Minister Sergei Shoigu visited"), not
 * a capitalised first word ("Bombs fell"), a possessive ("Trump's plan")
 * or the start of a longer noun phrase ("The Republican nominee"). */
static int named_subject(const cl_state *st, int kind, cl_range r)
{
    const nc_tok *last = T(st, r.b - 1);
    if (!is_word(st, r.b - 1) || !(last->flags & NC_TOK_CAP) || (last->flags & NC_TOK_POSS) ||
        cl_upos(st, r.b - 1) != NC_UPOS_PROPN)
        return 0;
    for (size_t i = r.a; i < r.b; i++) /* "I've", "We’re": a pronoun, not a name */
        if (is_word(st, i) && contraction_of_pronoun(st, i))
            return 0;
    if (kind == REF_PERSON && (strcmp(cl_xpos(st, r.b - 1), "NNPS") == 0 ||
                               (r.b == r.a + 1 && st->text[last->e - 1] == 's')))
        return 0; /* "Delegates questioned", capitalised as the sentence's first word, is not "he" */
    if (r.b < cl_sent_end(st, last->sent) && is_word(st, r.b)) {
        nc_upos next = cl_upos(st, r.b);
        if (next == NC_UPOS_NOUN || next == NC_UPOS_PROPN || next == NC_UPOS_ADJ)
            return 0;
    }
    return 1;
}

void cl_resolve(cl_state *st)
{
    nc_claims *cs = st->out;
    for (size_t i = 0; i < cs->n && !nc_document_expired(st->doc); i++) {
        nc_claim *c = &cs->items[i];
        if (c->continued || c->sp_tok == c->sp_tok_end)
            continue;
        int kind = ref_kind(st, c->sp_tok, c->sp_tok_end);
        if (kind == REF_NONE)
            continue;
        cl_range sub = own_subject(st, kind, c->sp_tok, c->sp_tok_end);
        if (sub.a < sub.b) {
            c->ref = c->speaker;
            c->resolved = 1;
            c->speaker = (nc_span){T(st, sub.a)->s, T(st, sub.b - 1)->e};
            c->sp_tok = sub.a;
            c->sp_tok_end = sub.b;
            continue;
        }
        unsigned para = st->doc->sentences[c->sentence].paragraph;
        size_t tried = 0;
        const nc_claim *from = NULL; /* the most recent compatible speaker */
        for (size_t j = i; j-- > 0 && tried < RESOLVE_CLAIMS;) {
            nc_claim *p = &cs->items[j];
            if (para - st->doc->sentences[p->sentence].paragraph > RESOLVE_PARAGRAPHS)
                break;
            if (p->continued || p->sp_tok == p->sp_tok_end)
                continue;
            tried++;
            if (compatible(st, kind, c->sp_tok, c->sp_tok_end, p->sp_tok, p->sp_tok_end)) {
                from = p;
                break;
            }
        }
        /* or the named subject of a sentence before, when nearer: "Defense
         * Minister Sergei Shoigu visited the front. The minister said ..." */
        cl_range to = {0, 0};
        for (size_t s = c->sentence, k = 0; s-- > 0 && k < RESOLVE_SUBJECTS; k++) {
            if (para - st->doc->sentences[s].paragraph > RESOLVE_PARAGRAPHS)
                break;
            size_t start;
            cl_range r = named_words(st, s, &start);
            if (from && start < from->sp_tok_end)
                break; /* the speaker found is as near */
            if (r.a < r.b && compatible(st, kind, c->sp_tok, c->sp_tok_end, r.a, r.b) && named_subject(st, kind, r)) {
                to = r;
                break;
            }
        }
        if (to.a < to.b || from) {
            c->ref = c->speaker;
            c->resolved = 1;
            c->speaker = to.a < to.b ? (nc_span){T(st, to.a)->s, T(st, to.b - 1)->e} : from->speaker;
            c->sp_tok = to.a < to.b ? to.a : from->sp_tok;
            c->sp_tok_end = to.a < to.b ? to.b : from->sp_tok_end;
        }
    }
}
