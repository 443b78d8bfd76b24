/* Reported speech, beliefs and "according to", sentence by sentence:
 *
 *   X said (that) C  /  X told Reuters (that) C  /  X believes C
 *   C, X said (in a statement).      trailing attribution
 *   C, said X.  /  C, Says X         inverted (also headlines)
 *   X did Y, saying C  /  ... and said C   the speaker of the clause before
 *   X's claim that C                 noun cues
 *   According to X, C  /  C, according to X  /  According to X: <list>
 *
 * Content with a quoted fragment is "mixed"; content that is exactly one
 * quotation is "direct". Cues inside quotations are left alone (the
 * quoted speaker's own reports are not the article's claims). */
#include "extract/claims/forms.h"
#include <string.h>
#include <strings.h>

#define THAT_REACH 6   /* tokens between a cue and its "that" */
#define THAT_REACH_ADJUNCT 10 /* when they open with a preposition: "said during a rally in Ohio that" */
#define ADJUNCT_MAX 6  /* "in a statement on Monday" after a trailing cue */
#define LIST_MAX 40    /* paragraphs of an "According to X:" list */
#define LABEL_REACH 60 /* bytes to the colon of a "Label: text" list item */

static const nc_tok *T(const cl_state *st, size_t i) { return &st->toks.items[i]; }
static int word_is(const cl_state *st, size_t i, const char *w) { return nc_tok_is(T(st, i), st->text, w); }

typedef struct sent_ctx {
    size_t s, f, e;   /* sentence, first token, end token */
    size_t body_end;  /* end without the final . ! ? */
    size_t lo;        /* where content before a cue may start: after the last claim here */
    size_t start;     /* where the sentence's own text starts (after a dateline) */
    size_t last_claim; /* st->out index of the last claim of this sentence, or SIZE_MAX */
    size_t first_claim; /* and of its first, or SIZE_MAX */
    int title;
} sent_ctx;

static int ends_in_ing(const cl_state *st, size_t i)
{
    const nc_tok *t = T(st, i);
    return t->e - t->s > 4 && strncmp(st->text + t->e - 3, "ing", 3) == 0;
}

/* Where "that" opens the content after the cue at [i, r): "said that",
 * "told reporters on Monday that", "said Tuesday that". SIZE_MAX if none. */
static size_t that_after(const cl_state *st, const sent_ctx *sc, size_t r)
{
    /* the first "that" or non-word decides; whether r opens an adjunct
     * (which reads r's tag, tagging the sentence) only for a "that" two
     * words on or more */
    for (size_t k = r; k < sc->body_end && k < r + THAT_REACH_ADJUNCT; k++) {
        const nc_tok *t = T(st, k);
        if (t->kind != NC_TOK_WORD)
            return SIZE_MAX;
        if (word_is(st, k, "that")) {
            if (k == r || k == r + 1)
                return k; /* "said that", "told reporters that" */
            int adjunct = (nc_tok_classes(T(st, r)) & (NC_WC_PREP | NC_WC_TIME)) ||
                          (cl_may_be(st, r, CL_U(ADP), 0) && cl_upos(st, r) == NC_UPOS_ADP);
            if (k >= r + (adjunct ? THAT_REACH_ADJUNCT : THAT_REACH))
                return SIZE_MAX;
            /* longer gaps must read as adjuncts or an addressee: "said on
             * Monday that", "told the Associated Press that" */
            if (adjunct)
                return k;
            /* an addressee: "told the crowd that", "assured a reporter that" */
            if (k <= r + 3 && r > 0 && (nc_tok_classes(T(st, r - 1)) & NC_WC_TELL))
                return k;
            for (size_t j = r; j < k; j++)
                if (T(st, j)->flags & NC_TOK_CAP)
                    return k;
            return SIZE_MAX;
        }
    }
    return SIZE_MAX;
}

/* 1 if the tokens after a cue, up to a comma, read as adjuncts ("in a
 * statement", "on Monday", "told Reuters") rather than a clause. */
/* After "told": the addressee ("Reuters", "the Associated Press",
 * "reporters"), which is not what was said. Returns the token after it. */
static size_t skip_addressee(const cl_state *st, const sent_ctx *sc, size_t r)
{
    size_t k = r;
    if (k < sc->body_end && word_is(st, k, "the"))
        k++;
    size_t names = k;
    while (names < sc->body_end && T(st, names)->kind == NC_TOK_WORD && (T(st, names)->flags & NC_TOK_CAP))
        names++;
    if (names > k && names - k <= 4)
        return names;
    if (k < sc->body_end && T(st, k)->kind == NC_TOK_WORD && (nc_tok_classes(T(st, k)) & NC_WC_ADDRESSEE) &&
        !word_is(st, k, "the"))
        return k + 1;
    return r;
}

static int adjuncts_only(const cl_state *st, size_t r, size_t end)
{
    size_t m = r;
    while (m < end && !nc_tok_punct(T(st, m), ','))
        m++;
    if (m == r)
        return 1;
    if (m - r > ADJUNCT_MAX || T(st, r)->kind != NC_TOK_WORD)
        return 0;
    int cap = 0;
    for (size_t k = r; k < m; k++) {
        const nc_tok *t = T(st, k);
        if (t->kind == NC_TOK_DQUOTE || (nc_tok_classes(t) & (NC_WC_BE | NC_WC_AUX | NC_WC_BOUNDARY)))
            return 0;
        cap |= (t->flags & NC_TOK_CAP) != 0;
    }
    return cap || (nc_tok_classes(T(st, r)) & (NC_WC_PREP | NC_WC_TIME)) || cl_words(st, r, m) <= 2;
}

/* After "A, X said" at r (adjuncts before a comma): where B starts when
 * the sentence goes on with the rest of A's clause ("The bridge, officials
 * said, will reopen in May"; "so bad, he noted, that ..."), SIZE_MAX when
 * there is no such rest: the sentence ends, or a new clause is joined
 * ("..., officials said, and crews were sent"; a cue: ", adding that";
 * ", who"). */
static size_t parenthetical_rest(const cl_state *st, const sent_ctx *sc, size_t r)
{
    size_t m = r;
    while (m < sc->body_end && !nc_tok_punct(T(st, m), ','))
        m++;
    size_t b = m + 1;
    if (m >= sc->body_end || b >= sc->body_end || cl_words(st, b, sc->body_end) < 2)
        return SIZE_MAX;
    const nc_tok *t = T(st, b);
    if (t->kind == NC_TOK_DQUOTE)
        return b;
    if (t->kind != NC_TOK_WORD)
        return SIZE_MAX;
    if (word_is(st, b, "that"))
        return b + 1;
    size_t len;
    if ((nc_tok_classes(t) & NC_WC_RELATIVE) || cl_cue_at(st, b, CL_ANY, &len))
        return SIZE_MAX;
    return cl_upos(st, b) == NC_UPOS_CCONJ ? SIZE_MAX : b;
}

/* 1 if content r is only an adjunct: it opens with a preposition, an
 * adverb or a time word and holds no verb ("in June 2012", "earlier in
 * the hearing", "Friday"). */
static int adjunct_only(const cl_state *st, cl_range r)
{
    if (r.a >= r.b || T(st, r.a)->kind != NC_TOK_WORD)
        return 0;
    /* the word alone first: most contents cannot open with an adverbial,
     * and their sentence then needs no tagging for this */
    if (!(nc_tok_classes(T(st, r.a)) & NC_WC_TIME)) {
        if (!cl_may_be(st, r.a, CL_U(ADP) | CL_U(ADV), 0))
            return 0;
        nc_upos u = cl_upos(st, r.a);
        if (u != NC_UPOS_ADP && u != NC_UPOS_ADV)
            return 0;
    }
    for (size_t k = r.a; k < r.b; k++)
        if (T(st, k)->kind == NC_TOK_DQUOTE)
            return 0;
    for (size_t k = r.a; k < r.b; k++)
        if (T(st, k)->kind == NC_TOK_WORD && cl_may_be(st, k, CL_U(VERB) | CL_U(AUX), 0) && cl_is_verb(st, k))
            return 0;
    return 1;
}

/* 1 if one of the n tokens from k (before b) has cues: without one no
 * verb there can be a cue, whatever the tags say. */
static int cue_word_within(const cl_state *st, size_t k, size_t b, size_t n)
{
    for (size_t v = k; v < b && v < k + n; v++)
        if (T(st, v)->flags & NC_TOK_CUES)
            return 1;
    return 0;
}

static int is_cue_verb_at(const cl_state *st, size_t k)
{
    const nc_tok *t = T(st, k);
    return t->kind == NC_TOK_WORD && (t->flags & NC_TOK_CUES) && cl_is_verb(st, k);
}

/* 1 if token k, after a comma, ends reported content that may run to b:
 * "but" opening a clause ("said A, but critics B"), or a connective that
 * is the last word ("..., though."; class contrast in data/cues.txt). */
static int contrast_at(const cl_state *st, size_t k, size_t b)
{
    if (word_is(st, k, "but"))
        return 1;
    return k + 1 == b && T(st, k)->kind == NC_TOK_WORD && (nc_tok_classes(T(st, k)) & NC_WC_CONTRAST);
}

/* Where content that starts at a and may run to b ends: at the first
 * clause that is not part of what was said (outside quotations):
 *   "; "                                  another clause
 *   ", saying ..."  ", arguing that ..."   a participle clause after a comma
 *   "... and said ..."  ", and warned"     the speaker's next verb
 *   ", but ..."                           a contrasting clause
 *   ", though."                           a connective ending the sentence */
static size_t content_end(const cl_state *st, size_t a, size_t b)
{
    uint32_t q0 = a < b ? st->in_quote[a] : 0;
    for (size_t k = a + 2; k < b; k++) {
        if (st->in_quote[k] && st->in_quote[k] != q0)
            continue;
        const nc_tok *t = T(st, k);
        if (nc_tok_punct(t, ';'))
            return k;
        if (nc_tok_punct(t, ',') && k + 1 < b) {
            /* each test ends the content here: those without tags first */
            const nc_tok *u = T(st, k + 1);
            if (contrast_at(st, k + 1, b))
                return k;
            size_t len;
            const nc_cue *cue = (u->flags & NC_TOK_CUES) ? cl_cue_at(st, k + 1, CL_KIND(NC_CUE_ACCORDING), &len) : NULL;
            if (cue && cue->kind == NC_CUE_ACCORDING) /* ", according to X": X's claim */
                return k;
            int verb = u->kind == NC_TOK_WORD && !st->in_quote[k + 1] &&
                       cl_may_be(st, k + 1, 0, CL_X(VBG) | CL_X(VBD) | CL_X(VBZ));
            const char *x = verb ? cl_xpos(st, k + 1) : "";
            if (strcmp(x, "VBG") == 0 && !word_is(st, k + 1, "including"))
                return k;
            /* "the mayor, who said C, left early": the main clause goes on */
            if (strcmp(x, "VBD") == 0 || strcmp(x, "VBZ") == 0)
                return k;
        }
        if (word_is(st, k, "and") && k + 1 < b && cue_word_within(st, k + 1, b, 3)) {
            size_t v = k + 1;
            while (v < b && v < k + 3 && cl_may_be(st, v, CL_U(ADV), 0) && cl_upos(st, v) == NC_UPOS_ADV)
                v++;
            if (v < b && is_cue_verb_at(st, v))
                return nc_tok_punct(T(st, k - 1), ',') ? k - 1 : k;
        }
    }
    return b;
}

/* A question: "asked whether C", "asks why C", "wondered if C"; the
 * content is what was asked. */
static int is_question(const cl_state *st, const cl_claim *c)
{
    if (c->stance == NC_STANCE_QUESTION)
        return 1;
    size_t a = c->content[0].a;
    if (!c->n_content || a >= c->content[0].b)
        return 0;
    if (word_is(st, a, "whether"))
        return 1;
    const nc_tok *q = T(st, c->cue.a);
    int ask = q->e - q->s >= 3 && strncasecmp(st->text + q->s, "ask", 3) == 0;
    static const char *const wh[] = {"if", "why", "how", "what", "when", "where", "who", "which"};
    for (size_t k = 0; ask && k < sizeof wh / sizeof wh[0]; k++)
        if (word_is(st, a, wh[k]))
            return 1;
    return 0;
}

/* A request: "asked residents to stay indoors", "told drivers to avoid
 * the bridge" — a cue that names whom it addresses, then an infinitive
 * (after the addressee when it is still in the content: a few nouns,
 * determiners or adjectives). */
#define REQUEST_ADDRESSEE_MAX 3
static int is_request(const cl_state *st, const cl_claim *c)
{
    if (c->stance != NC_STANCE_ASSERT || !c->n_content || !(nc_tok_classes(T(st, c->cue.a)) & NC_WC_TELL))
        return 0;
    size_t a = c->content[0].a, b = c->content[0].b;
    for (size_t k = a; k + 1 < b && k <= a + REQUEST_ADDRESSEE_MAX; k++) {
        if (word_is(st, k, "to"))
            return T(st, k + 1)->kind == NC_TOK_WORD && cl_is_verb(st, k + 1);
        if (T(st, k)->kind != NC_TOK_WORD)
            return 0;
        nc_upos u = cl_upos(st, k);
        if (u != NC_UPOS_NOUN && u != NC_UPOS_PROPN && u != NC_UPOS_PRON && u != NC_UPOS_DET && u != NC_UPOS_ADJ &&
            u != NC_UPOS_NUM)
            return 0;
    }
    return 0;
}

static int push(cl_state *st, sent_ctx *sc, const cl_claim *c0, size_t end_tok)
{
    cl_claim q;
    const cl_claim *c = c0;
    if (c0->stance != NC_STANCE_QUESTION && c0->n_content && is_question(st, c0)) {
        q = *c0;
        q.stance = NC_STANCE_QUESTION;
        c = &q;
    } else if (is_request(st, c0)) {
        q = *c0;
        q.stance = NC_STANCE_DIRECTIVE;
        c = &q;
    }
    size_t before = st->out->n;
    int rc = cl_push(st, c);
    if (!rc && st->out->n > before) {
        sc->last_claim = st->out->n - 1;
        if (sc->first_claim == SIZE_MAX)
            sc->first_claim = sc->last_claim;
        if (end_tok > sc->lo)
            sc->lo = end_tok;
    }
    return rc;
}

/* "According to X:" ending its paragraph: the list paragraphs after it
 * (short lines, "Label: text" lines, sub-headings ending in ':'). */
static nc_span list_after(const cl_state *st, const sent_ctx *sc)
{
    /* read from the sentences: a list item is a whole line */
    const nc_document *doc = st->doc;
    size_t s = sc->s + 1, items = 0;
    nc_span r = {0, 0};
    while (s < doc->n_sentences && items < LIST_MAX) {
        const nc_sentence *sen = &doc->sentences[s];
        if (s + 1 < doc->n_sentences && doc->sentences[s + 1].paragraph == sen->paragraph)
            break; /* a paragraph of several sentences is prose, not a list item */
        if (sen->end <= sen->start || sen->paragraph != doc->sentences[s - 1].paragraph + 1)
            break;
        int open_end = !strchr(".!?", st->text[sen->end - 1]);
        const char *colon = memchr(st->text + sen->start, ':', sen->end - sen->start);
        int labelled = colon && colon - (st->text + sen->start) < LABEL_REACH;
        if (!open_end && !labelled)
            break;
        if (!items)
            r.s = sen->start;
        r.e = sen->end;
        items++;
        s++;
    }
    return r;
}

static int according(cl_state *st, sent_ctx *sc, size_t i, size_t len, const nc_cue *cue)
{
    cl_range sp = cl_speaker_after(st, i + len, sc->body_end);
    if (sp.a == sp.b)
        return 0;
    size_t after = sp.b;
    cl_claim c = {.speaker = sp, .cue = {i, i + len}, .stance = cue->stance, .form = NC_FORM_ACCORDING_TO};
    int opens = i == sc->lo || (i == sc->f + 1 && (nc_tok_classes(T(st, sc->f)) & NC_WC_BOUNDARY));
    if (opens) {
        if (after < sc->e && nc_tok_punct(T(st, after), ',')) {
            c.content[0] = (cl_range){after + 1, sc->body_end};
            c.rule = "claim.according.before";
        } else if (after < sc->e && nc_tok_punct(T(st, after), ':') && after + 1 == sc->e &&
                   (sc->s + 1 == st->doc->n_sentences ||
                    st->doc->sentences[sc->s + 1].paragraph != st->doc->sentences[sc->s].paragraph)) {
            c.list = list_after(st, sc);
            if (c.list.e == c.list.s)
                return 0;
            c.content[0] = (cl_range){i, i + len}; /* placeholder: the list bytes are the content */
            c.rule = "claim.according.list";
        } else
            return 0;
        c.n_content = 1;
    } else {
        /* "Police said C, according to their lawyers": the lawyers' claim
         * holds the police's */
        size_t from = sc->lo;
        if (sc->first_claim != SIZE_MAX && i > sc->f && nc_tok_punct(T(st, i - 1), ',') &&
            st->out->items[sc->first_claim].span.s >= T(st, sc->start)->s)
            from = sc->start;
        c.content[0] = (cl_range){from, i};
        c.n_content = 1;
        if (after < sc->body_end && nc_tok_punct(T(st, after), ',') && cl_words(st, after + 1, sc->body_end) >= 2)
            c.content[c.n_content++] = (cl_range){after + 1, sc->body_end};
        c.rule = "claim.according.after";
    }
    if (c.list.e == c.list.s && cl_words(st, c.content[0].a, c.content[0].b) < 2)
        return 0;
    return push(st, sc, &c, after);
}

static int noun_at(const cl_state *st, size_t i)
{
    nc_upos u = cl_upos(st, i);
    return u == NC_UPOS_NOUN || u == NC_UPOS_PROPN;
}

/* 0 when noun_cue() cannot take the cue of len tokens at i, whatever the
 * tags: it needs a possessive before it or "from"/"by" after it. */
static int noun_cue_may(const cl_state *st, const sent_ctx *sc, size_t i, size_t len)
{
    size_t r = i + len;
    if (i == sc->f || r >= sc->body_end)
        return 0;
    return (T(st, i - 1)->flags & NC_TOK_POSS) || word_is(st, r, "from") || word_is(st, r, "by");
}

/* Noun cues: "Trump's claim that C", "Trump's allegations of C", "the
 * ministry's answer: C", "the announcement from the ministry that C",
 * "claims by officials that C". The noun must be tagged as one. */
static int noun_cue(cl_state *st, sent_ctx *sc, size_t i, size_t len, const nc_cue *cue)
{
    size_t r = i + len;
    if (i == sc->f || r >= sc->body_end)
        return 0;
    cl_range sp = {i, i};
    int possessive = 0;
    if (T(st, i - 1)->flags & NC_TOK_POSS) { /* a noun after a possessive whatever its tag */
        sp = cl_speaker_before(st, i, sc->f);
        if (sp.a == sp.b || sp.b != i)
            return 0;
        possessive = 1;
    } else if ((word_is(st, r, "from") || word_is(st, r, "by")) && noun_at(st, i + len - 1)) {
        /* "the announcement from X that C": X ends at "that" */
        size_t k = r + 1;
        while (k < sc->body_end && k < r + 10 && !word_is(st, k, "that") && T(st, k)->kind == NC_TOK_WORD)
            k++;
        if (k >= sc->body_end || !word_is(st, k, "that") || k == r + 1)
            return 0;
        sp = (cl_range){r + 1, k};
        if (!cl_speaker_ok(st, sp))
            return 0;
        r = k;
    } else
        return 0;
    size_t from;
    if (word_is(st, r, "that") || nc_tok_punct(T(st, r), ':'))
        from = r + 1;
    else if (possessive && word_is(st, r, "of"))
        from = r + 1;
    else
        return 0;
    cl_range content = {from, content_end(st, from, sc->body_end)};
    if (word_is(st, r, "of")) /* "allegations of fraud were ...": the noun phrase */
        for (size_t k = from; k < content.b; k++)
            if (cl_is_verb(st, k) || nc_tok_punct(T(st, k), ',')) {
                content.b = k;
                break;
            }
    cl_claim c = {.speaker = sp, .cue = {i, i + len}, .content = {content}, .n_content = 1,
                  .stance = cue->stance, .form = NC_FORM_INDIRECT, .rule = "claim.reported.noun",
                  .possessive = possessive};
    if (cl_words(st, content.a, content.b) < (word_is(st, r, "of") ? 1u : 2u))
        return 0;
    return push(st, sc, &c, from);
}

/* 1 if the cue word at i is a noun where it stands: tagged so, after a
 * word that opens or modifies a noun phrase ("a series of tweets", "Trump's
 * late-night calls", "weather reports"). After a bare name the tagger is
 * less sure ("the Journal reports"): the verb reading stays. */
static int noun_reading(const cl_state *st, size_t i)
{
    if (!cl_may_be(st, i, CL_U(NOUN) | CL_U(PROPN), 0))
        return 0; /* "told": never a noun, its sentence needs no tagging for this */
    const nc_tok *p = T(st, i - 1);
    if (p->kind != NC_TOK_WORD)
        return 0;
    /* the word before by its word alone first ("he said", "officials
     * said"): when it cannot be what opens a noun phrase, no tagging */
    int noun_before = !(p->flags & NC_TOK_CAP) || i - 1 == cl_sent_first(st, p->sent);
    if (!(p->flags & NC_TOK_POSS) &&
        !cl_may_be(st, i - 1, CL_U(DET) | CL_U(ADJ) | CL_U(NUM) | CL_U(ADP) | (noun_before ? CL_U(NOUN) : 0),
                   CL_X(PRPS)))
        return 0;
    nc_upos u = cl_upos(st, i);
    if (u != NC_UPOS_NOUN && u != NC_UPOS_PROPN)
        return 0;
    nc_upos pu = cl_upos(st, i - 1);
    return pu == NC_UPOS_DET || pu == NC_UPOS_ADJ || pu == NC_UPOS_NUM || pu == NC_UPOS_ADP ||
           (p->flags & NC_TOK_POSS) || strcmp(cl_xpos(st, i - 1), "PRP$") == 0 ||
           (pu == NC_UPOS_NOUN && (!(p->flags & NC_TOK_CAP) || i - 1 == cl_sent_first(st, p->sent)));
}

/* The sentence's claim that holds its last claim's cue in its content
 * ("Smith said he did not believe it, arguing that": Smith argues), or
 * the last claim itself. */
static size_t outermost(const cl_state *st, const sent_ctx *sc)
{
    const nc_claim *l = &st->out->items[sc->last_claim];
    for (size_t k = sc->first_claim; k < sc->last_claim; k++) {
        const nc_claim *c = &st->out->items[k];
        if (c->n_content && c->content[0].s <= l->cue.s && l->cue.e <= c->content[c->n_content - 1].e &&
            c->sp_tok < c->sp_tok_end)
            return k;
    }
    return sc->last_claim;
}

/* The direct claim of this sentence ('"...," he said, adding that C')
 * whose cue is before token i; SIZE_MAX if none. */
static size_t claim_before(const cl_state *st, const sent_ctx *sc, size_t i)
{
    size_t k = st->direct_in ? st->direct_in[sc->s] : SIZE_MAX;
    if (k == SIZE_MAX)
        return SIZE_MAX;
    const nc_claim *c = &st->out->items[k];
    return c->cue.e > c->cue.s && c->cue.e <= T(st, i)->s && c->sp_tok < c->sp_tok_end ? k : SIZE_MAX;
}

/* push(), unless the cue word at i is a noun where it stands (when
 * noun_gate): nothing else in verb_cue() changes the state, so asking it
 * here, not first, changes no claim. */
static int push_verb(cl_state *st, sent_ctx *sc, const cl_claim *c, int noun_gate, size_t i, size_t end_tok)
{
    if (noun_gate && noun_reading(st, i))
        return 0;
    return push(st, sc, c, end_tok);
}

static int verb_cue(cl_state *st, sent_ctx *sc, size_t i, size_t len, const nc_cue *cue)
{
    const nc_tok *t = T(st, i);
    size_t sp_end = i; /* where a speaker before the cue ends */
    /* a cue word used as a noun reports nothing: "weather reports", "a
     * warning light", "the call"; asked last, before a claim is taken
     * (push_verb): the other tests read fewer tags */
    int noun_gate = cue->kind != NC_CUE_NOUN && i > sc->f;
    if (i > sc->f) {
        const nc_tok *p = T(st, i - 1);
        int progressive = (nc_tok_classes(p) & NC_WC_BE) && ends_in_ing(st, i) &&
                          !word_is(st, i - 1, "being") && !word_is(st, i - 1, "get") && !word_is(st, i - 1, "got") &&
                          !word_is(st, i - 1, "gets");
        if (progressive) { /* "Trump is saying that", "she has been warning" */
            sp_end = i - 1;
            while (sp_end > sc->f + 1 && (nc_tok_classes(T(st, sp_end - 1)) & (NC_WC_BE | NC_WC_AUX)) &&
                   !(nc_tok_classes(T(st, sp_end - 1)) & NC_WC_PRONOUN))
                sp_end--;
        }
        /* "the said property", "an estimated 4,700", "is said to", "600 confirmed deaths" */
        else if (p->kind == NC_TOK_WORD && ((nc_tok_classes(p) & (NC_WC_DET | NC_WC_BE)) || (p->flags & NC_TOK_DIGIT)))
            return 0;
        /* "Edward Said", "the Claims Conference": a capital inside a sentence */
        if ((t->flags & NC_TOK_CAP) && !sc->title && !(t->flags & NC_TOK_ALLCAPS) && p->kind != NC_TOK_DQUOTE)
            return 0;
    }
    size_t r = i + len;
    int has_that = strcmp(cue->words[cue->n_words - 1], "that") == 0;
    if (!has_that) {
        size_t k = that_after(st, sc, r);
        if (k != SIZE_MAX) {
            r = k + 1;
            has_that = 1;
        }
    }
    if (!has_that && (nc_tok_classes(t) & NC_WC_TELL))
        r = skip_addressee(st, sc, r);
    if (!has_that && r < sc->e && nc_tok_punct(T(st, r), ':')) {
        r++;
        has_that = 1; /* "the poll shows: ..." */
    }
    if (cue->kind == NC_CUE_THAT && !has_that)
        return 0;
    cl_claim c = {.cue = {i, i + len}, .stance = cue->stance, .form = NC_FORM_INDIRECT};
    cl_range right = {r, sc->body_end};
    int after_comma = i > sc->f && nc_tok_punct(T(st, i - 1), ',');
    cl_range sp = {i, i};
    if (after_comma && !ends_in_ing(st, i)) { /* "C, said X" */
        sp = cl_speaker_after(st, r, sc->body_end);
        if (sp.a < sp.b && (sp.b == sc->body_end || nc_tok_punct(T(st, sp.b), ',')) &&
            cl_words(st, sc->lo, i - 1) >= 2) {
            c.speaker = sp;
            c.content[0] = (cl_range){sc->lo, i - 1};
            c.n_content = 1;
            c.rule = "claim.reported.inverted";
            return push_verb(st, sc, &c, noun_gate, i, sp.b);
        }
        sp = (cl_range){i, i};
    }
    if (!after_comma || !ends_in_ing(st, i))
        sp = cl_speaker_before(st, sp_end, sc->lo);
    if (sp.a == sp.b && sp_end > sc->lo + 1 && (word_is(st, sp_end - 1, "who") || word_is(st, sp_end - 1, "which"))) {
        /* "the mayor, who told reporters that C": the relative pronoun's
         * antecedent speaks */
        size_t e = sp_end - 1;
        if (e > sc->lo && nc_tok_punct(T(st, e - 1), ','))
            e--;
        sp = cl_antecedent(st, e, sc->lo);
        if (sp.a < sp.b && sp.b != e)
            sp = (cl_range){i, i};
    }
    if (sp.a < sp.b) {
        c.speaker = sp;
        size_t comma = sp.a > sc->f ? sp.a - 1 : SIZE_MAX;
        int left = comma != SIZE_MAX && comma >= sc->lo && nc_tok_punct(T(st, comma), ',') &&
                   cl_words(st, sc->lo, comma) >= 2;
        if (left && !has_that && adjuncts_only(st, r, sc->body_end)) { /* "C, officials said." */
            c.content[0] = (cl_range){sc->lo, comma};
            c.n_content = 1;
            c.rule = "claim.reported.after";
            size_t b = parenthetical_rest(st, sc, r);
            if (b != SIZE_MAX) { /* "The bridge, officials said, will reopen": both sides */
                c.content[c.n_content++] = (cl_range){b, content_end(st, b, sc->body_end)};
                c.rule = "claim.reported.parenthetical";
                return push_verb(st, sc, &c, noun_gate, i, c.content[1].b);
            }
        } else {
            if (!has_that && cl_words(st, right.a, right.b) < 2)
                return 0;
            right.b = content_end(st, right.a, right.b);
            if (!has_that && adjunct_only(st, right))
                return 0; /* "McConnell said in June 2012, citing ...": where, not what */
            c.content[0] = right;
            c.rule = "claim.reported.before";
        }
        c.n_content = 1;
        /* content before the cue ends there; content after it may hold a
         * second claim ("X said A, but Y said B"): the next one may start
         * right after this cue */
        return push_verb(st, sc, &c, noun_gate, i, i + len);
    }
    /* "..., saying C" / "... and said C": the clause's own speaker */
    if (i > sc->f && ((after_comma && ends_in_ing(st, i)) || word_is(st, i - 1, "and"))) {
        size_t last = sc->last_claim != SIZE_MAX ? outermost(st, sc) : claim_before(st, sc, i);
        if (last != SIZE_MAX) {
            const nc_claim *p = &st->out->items[last];
            sp = (cl_range){p->sp_tok, p->sp_tok_end};
        } else
            sp = cl_subject(st, sc->s);
        if (sp.a == sp.b || sp.b > i || cl_words(st, right.a, right.b) < 2)
            return 0;
        c.speaker = sp;
        right.b = content_end(st, right.a, right.b);
        c.content[0] = right;
        c.n_content = 1;
        c.rule = "claim.reported.participle";
        return push_verb(st, sc, &c, noun_gate, i, i + len);
    }
    return 0;
}

/* Where a sentence's own text starts: after a dateline ("VARENNA, Tuesday
 * — ", "MOLT — "), which is no part of what anybody said. */
static size_t after_dateline(const cl_state *st, size_t f, size_t e)
{
    if (f >= e || !(T(st, f)->flags & NC_TOK_ALLCAPS))
        return f;
    for (size_t k = f + 1; k < e && k < f + 5; k++) {
        const nc_tok *t = T(st, k);
        if (nc_tok_punct(t, '-') && (t->flags & NC_TOK_SPACE_BEFORE))
            return k + 1;
        if (!(t->kind == NC_TOK_WORD && (t->flags & NC_TOK_CAP)) && !nc_tok_punct(t, ','))
            return f;
    }
    return f;
}

/* 1 if tokens [f, e) are written as a headline in title case: three
 * capitalised words of four letters or more, and no word in lower case
 * but the small ones (class minor in data/cues.txt): "Bridge Will Reopen
 * Next Week, Governor Says." is one, "Scholars of Edward Said met in
 * Paris" is not. */
#define TITLE_CASE_MIN_WORDS 3
static int title_cased(const cl_state *st, size_t f, size_t e)
{
    size_t caps = 0;
    for (size_t k = f; k < e; k++) {
        const nc_tok *t = T(st, k);
        if (t->kind != NC_TOK_WORD || (t->flags & NC_TOK_DIGIT))
            continue;
        if (!(t->flags & NC_TOK_CAP)) {
            if (!(nc_tok_classes(t) & NC_WC_MINOR))
                return 0;
        } else if (t->e - t->s >= 4) {
            caps++;
        }
    }
    return caps >= TITLE_CASE_MIN_WORDS;
}

int cl_reported(cl_state *st)
{
    const nc_document *doc = st->doc;
    for (size_t s = 0; s < doc->n_sentences; s++) {
        sent_ctx sc = {.s = s, .f = cl_sent_first(st, s), .e = cl_sent_end(st, s),
                       .last_claim = SIZE_MAX, .first_claim = SIZE_MAX, .title = doc->sentences[s].is_title};
        sc.title = sc.title || title_cased(st, sc.f, sc.e);
        sc.lo = sc.start = after_dateline(st, sc.f, sc.e);
        sc.body_end = sc.e;
        while (sc.body_end > sc.f && T(st, sc.body_end - 1)->kind == NC_TOK_PUNCT &&
               strchr(".!?", T(st, sc.body_end - 1)->ch))
            sc.body_end--;
        for (size_t i = sc.f; i < sc.e; i++) {
            if (!(T(st, i)->flags & NC_TOK_CUES) || st->used[i] || st->in_quote[i])
                continue;
            if (nc_document_expired(doc)) /* per cue: one sentence may hold thousands */
                return 0;
            size_t len = 0, before = st->out->n;
            int rc = 0;
            /* after a possessive, or tagged a noun, the noun reading is
             * tried first: "Trump's claim that", "claims by officials that" */
            /* the tag is read only for a word with a noun cue */
            const nc_cue *cue = cl_cue_at(st, i, CL_KIND(NC_CUE_NOUN), &len);
            if (cue && !noun_cue_may(st, &sc, i, len))
                cue = NULL; /* noun_cue() would take nothing: no tagging for it */
            if (cue && !(i > sc.f && (T(st, i - 1)->flags & NC_TOK_POSS)) &&
                !(cl_may_be(st, i, CL_U(NOUN), 0) && cl_upos(st, i) == NC_UPOS_NOUN))
                cue = NULL;
            if (cue && (rc = noun_cue(st, &sc, i, len, cue)))
                return rc;
            if (st->out->n == before) {
                cue = cl_cue_at(st, i, CL_ANY, &len);
                if (!cue)
                    continue;
                rc = cue->kind == NC_CUE_ACCORDING ? according(st, &sc, i, len, cue)
                     : cue->kind == NC_CUE_NOUN    ? noun_cue(st, &sc, i, len, cue)
                                                   : verb_cue(st, &sc, i, len, cue);
            }
            if (rc)
                return rc;
            if (st->out->n > before)
                i += len - 1;
        }
    }
    return 0;
}
