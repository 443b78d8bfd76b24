/* Direct speech: quotations and who they are attributed to.
 *
 *   "...," he said.  /  "...," said Smith.  /  "...," according to X.
 *   Smith said: "..."  /  Smith told reporters, "..."
 *   "...," he said, "..."            one claim, two parts (split quote;
 *   "...," he said, but "..."        a connective after the comma too)
 *   "...," he said. "..."            the next quotation goes on
 *   "... <paragraph> "... <paragraph> "..."   one quotation (quote.c)
 *   SMITH: ...                       transcripts
 *   Headline: "Smith: ..."           headline quotes
 *
 * A quotation with no cue next to it (a title, a scare quote, a quoted
 * term) is no claim unless it continues the quote just before it. */
#include "extract/claims/forms.h"
#include <stdlib.h>
#include <string.h>

#define ATTRIBUTION_REACH 16 /* tokens from a closing mark to its cue */
#define ADJUNCT_REACH 6     /* "told reporters in Kyiv:" */
#define CONTINUE_MIN_WORDS 3
#define SPLIT_REACH 14      /* "...," he said, referring to the report, "..." */

static const nc_tok *T(const cl_state *st, size_t i) { return &st->toks.items[i]; }

/* 1 if the cue at i reads as reporting here: not "the said", "an
 * estimated", "was told", "600 confirmed", nor a capitalised name inside a
 * sentence ("Edward Said"). */
static int cue_plausible(const cl_state *st, size_t i, const nc_cue *cue)
{
    if (cue->kind != NC_CUE_VERB && cue->kind != NC_CUE_ACCORDING)
        return 0;
    if (st->used[i] || st->in_quote[i])
        return 0;
    size_t first = cl_sent_first(st, T(st, i)->sent);
    if (i > first) {
        const nc_tok *p = T(st, i - 1);
        if (p->kind == NC_TOK_WORD && ((nc_tok_classes(p) & (NC_WC_DET | NC_WC_BE)) || (p->flags & NC_TOK_DIGIT)))
            return 0;
    }
    return 1;
}

/* 1 if token i is a single quote mark (' or a curly one). */
static int is_single_mark(const cl_state *st, size_t i)
{
    const nc_tok *t = T(st, i);
    const unsigned char *p = (const unsigned char *)st->text + t->s;
    return t->kind == NC_TOK_PUNCT && ((t->e - t->s == 1 && p[0] == '\'') ||
                                       (t->e - t->s == 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)));
}

/* 1 if the sentence of the closing mark at close has words after it: a
 * quotation that is part of a sentence of its own ('"You squeezed
 * employees" to drive up the price, she said') continues no quote. */
static int sentence_goes_on(const cl_state *st, size_t close)
{
    size_t end = cl_sent_end(st, T(st, close)->sent);
    for (size_t k = close + 1; k < end; k++)
        if (T(st, k)->kind == NC_TOK_WORD)
            return 1;
    return 0;
}

/* Where the sentence starts when the quotation opening at open is the end
 * of a clause begun outside it ('the goal ''is a misguided approach,''
 * said Smith'): min_words or more before the mark in its sentence, with no
 * other quotation, colon or semicolon. SIZE_MAX otherwise. */
static size_t clause_before(const cl_state *st, size_t open, size_t min_words)
{
    size_t f = cl_sent_first(st, T(st, open)->sent);
    if (cl_words(st, f, open) < min_words)
        return SIZE_MAX;
    for (size_t k = f; k < open; k++) {
        const nc_tok *t = T(st, k);
        if (t->kind == NC_TOK_DQUOTE || nc_tok_punct(t, ':') || nc_tok_punct(t, ';') || st->used[k])
            return SIZE_MAX;
    }
    return f;
}

/* 1 if what follows an attribution ending before token end reads as the
 * content of reported speech ("said the plan would pass", "said that"),
 * not as adjuncts ("said on Monday"): more than four words, or three
 * opening with a determiner, a pronoun or "that". */
static int clause_after(const cl_state *st, size_t end)
{
    if (end >= st->toks.n || T(st, end)->kind != NC_TOK_WORD)
        return 0;
    size_t words = cl_words(st, end, cl_sent_end(st, T(st, end)->sent));
    if (words > ADJUNCT_REACH - 2)
        return 1;
    nc_upos u = words >= 3 ? cl_upos(st, end) : NC_UPOS_NONE;
    return u == NC_UPOS_DET || u == NC_UPOS_PRON || nc_tok_is(T(st, end), st->text, "that");
}

/* Quotation q's text without its marks. */
static cl_range inner(const cl_state *st, size_t q)
{
    return (cl_range){st->quotes.items[q].open + 1, st->quotes.items[q].close};
}

/* The attribution after quotation q: ", he said", ", said Smith", ",
 * according to X". Fills c and returns the token after the attribution,
 * or 0 when there is none. */
static size_t after_quote(cl_state *st, size_t q, cl_claim *c)
{
    const nc_quote *qu = &st->quotes.items[q];
    size_t close = qu->close, j = close + 1, n = st->toks.n;
    /* American style puts the comma inside ("...," he said); some put it outside */
    /* past a single mark closing a quote inside the quote: "... ‘we can wait,’" he said */
    size_t inside = close;
    while (inside > qu->open + 1 && is_single_mark(st, inside - 1))
        inside--;
    int open_end = inside > 0 && T(st, inside - 1)->kind == NC_TOK_PUNCT && strchr(",!?-", T(st, inside - 1)->ch);
    if (j < n && nc_tok_punct(T(st, j), ',')) {
        open_end = 1;
        j++;
    }
    if (!open_end || j >= n || T(st, j)->para != T(st, close)->para)
        return 0;
    if (T(st, j)->sent != T(st, close)->sent &&
        (close + 1 != cl_sent_end(st, T(st, close)->sent) || T(st, j)->sent != T(st, close)->sent + 1))
        return 0;
    size_t hi = cl_sent_end(st, T(st, j)->sent), len = 0;
    const nc_cue *cue = cl_cue_at(st, j, CL_KIND(NC_CUE_VERB) | CL_KIND(NC_CUE_ACCORDING), &len);
    if (cue && cue_plausible(st, j, cue)) { /* ", said Smith" */
        cl_range sp = cl_speaker_after(st, j + len, hi);
        if (sp.a == sp.b)
            return 0;
        c->speaker = sp;
        c->cue = (cl_range){j, j + len};
        c->stance = cue->stance;
        c->form = cue->kind == NC_CUE_ACCORDING ? NC_FORM_ACCORDING_TO : NC_FORM_DIRECT;
        return sp.b;
    }
    for (size_t k = j + 1; k < hi && k < j + ATTRIBUTION_REACH; k++) {
        const nc_tok *t = T(st, k);
        if (t->kind == NC_TOK_DQUOTE || nc_tok_punct(t, ';') || nc_tok_punct(t, ':'))
            return 0;
        if (!(cue = cl_cue_at(st, k, CL_KIND(NC_CUE_VERB), &len)) || cue->kind != NC_CUE_VERB || !cue_plausible(st, k, cue))
            continue;
        cl_range sp = cl_speaker_before(st, k, j);
        if (sp.a == sp.b || sp.a != j)
            return 0;
        c->speaker = sp;
        c->cue = (cl_range){k, k + len};
        c->stance = cue->stance;
        c->form = NC_FORM_DIRECT;
        return k + len;
    }
    return 0;
}

/* The attribution before quotation q: "Smith said: ", "he told reporters,". */
static int before_quote(cl_state *st, size_t q, cl_claim *c)
{
    size_t o = st->quotes.items[q].open;
    /* "He said:" ending the paragraph before the one the quotation opens */
    int colon_para = o > 0 && nc_tok_punct(T(st, o - 1), ':') && T(st, o - 1)->para + 1 == T(st, o)->para;
    if (o == 0 || (T(st, o - 1)->para != T(st, o)->para && !colon_para))
        return 0;
    size_t p = o - 1;
    int punct = nc_tok_punct(T(st, p), ':') || nc_tok_punct(T(st, p), ',');
    if (punct) {
        if (p == 0)
            return 0;
        p--;
    }
    size_t lo = cl_sent_first(st, T(st, p)->sent);
    for (size_t k = p + 1, steps = 0; k > lo && steps <= ADJUNCT_REACH; k--, steps++) {
        size_t ci = k - 1, len = 0;
        const nc_tok *t = T(st, ci);
        if (t->kind != NC_TOK_WORD)
            return 0;
        const nc_cue *cue = cl_cue_at(st, ci, CL_KIND(NC_CUE_VERB) | CL_KIND(NC_CUE_ACCORDING), &len);
        if (!cue || ci + len - 1 > p || !cue_plausible(st, ci, cue))
            continue;
        if (!punct && ci + len - 1 != p)
            return 0; /* 'he said the plan was "a disaster"' is reported speech */
        cl_range sp = cue->kind == NC_CUE_ACCORDING ? cl_speaker_after(st, ci + len, p + 1)
                                                    : cl_speaker_before(st, ci, lo);
        if (sp.a == sp.b)
            return 0;
        c->speaker = sp;
        c->cue = (cl_range){ci, ci + len};
        c->stance = cue->stance;
        c->form = cue->kind == NC_CUE_ACCORDING ? NC_FORM_ACCORDING_TO : NC_FORM_DIRECT;
        return 1;
    }
    return 0;
}

/* Headline "Smith: ..." and transcript paragraphs "SMITH: ...". */
static int colon_speakers(cl_state *st)
{
    const nc_document *doc = st->doc;
    for (size_t s = 0; s < doc->n_sentences && !nc_document_expired(doc); s++) {
        size_t f = cl_sent_first(st, s), e = cl_sent_end(st, s);
        int title = doc->sentences[s].is_title;
        int para_start = s == 0 || doc->sentences[s - 1].paragraph != doc->sentences[s].paragraph;
        if (f == e || !para_start || !(title || (T(st, f)->flags & NC_TOK_ALLCAPS)))
            continue;
        if (nc_tok_classes(T(st, f)) & (NC_WC_LABEL | NC_WC_PRONOUN | NC_WC_DET))
            continue;
        size_t p = f;
        while (p < e && p < f + (title ? 6 : 4) &&
               (T(st, p)->kind == NC_TOK_WORD || (nc_tok_punct(T(st, p), '.') && p > f)) &&
               !(T(st, p)->flags & NC_TOK_DIGIT) && (title || !(T(st, p)->kind == NC_TOK_WORD) ||
                                                    (T(st, p)->flags & NC_TOK_ALLCAPS)))
            p++;
        if (p == f || p >= e || !nc_tok_punct(T(st, p), ':'))
            continue;
        /* a transcript turn runs to the end of its paragraph */
        size_t end = e;
        if (!title)
            while (end < st->toks.n && T(st, end)->para == T(st, f)->para)
                end++;
        if (cl_words(st, p + 1, end) < 2)
            continue;
        cl_claim c = {.speaker = {f, p}, .cue = {p, p + 1}, .content = {{p + 1, end}}, .n_content = 1,
                      .stance = NC_STANCE_ASSERT, .form = title ? NC_FORM_INDIRECT : NC_FORM_DIRECT,
                      .rule = title ? "claim.headline.colon" : "claim.direct.transcript"};
        for (size_t i = p + 1; i < end; i++)
            if (st->in_quote[i])
                st->quote_used[st->in_quote[i] - 1] = 1;
        int rc = cl_push(st, &c);
        if (rc)
            return rc;
    }
    return 0;
}

/* 1 if quotation q, opening at k, goes on with the one before its cue:
 * after a comma or a colon ('"...," he said, "..."'), or after a comma
 * and a connective ('"...," he said, but "..."'; class contrast in
 * data/cues.txt) when it is more than a quoted word or two and ends the
 * sentence or a clause: a mark of punctuation on either side of its
 * closing one ('and "quiet and calm" was the word': the writer's). */
static int split_goes_on(const cl_state *st, size_t q, size_t k)
{
    const nc_tok *p = T(st, k - 1);
    if (nc_tok_punct(p, ',') || nc_tok_punct(p, ':'))
        return 1;
    if (k < 2 || p->kind != NC_TOK_WORD || !(nc_tok_classes(p) & NC_WC_CONTRAST) || !nc_tok_punct(T(st, k - 2), ','))
        return 0;
    const nc_quote *qu = &st->quotes.items[q];
    size_t after = qu->close + 1;
    return qu->words >= CONTINUE_MIN_WORDS &&
           (after >= cl_sent_end(st, T(st, qu->close)->sent) || T(st, after)->kind == NC_TOK_PUNCT ||
            T(st, qu->close - 1)->kind == NC_TOK_PUNCT);
}

int cl_direct(cl_state *st)
{
    int rc = colon_speakers(st);
    if (rc)
        return rc;
    size_t last = SIZE_MAX;     /* st->out index of the last direct claim */
    size_t last_tok = SIZE_MAX; /* its last token */
    for (size_t q = 0; q < st->quotes.n && !nc_document_expired(st->doc); q++) {
        if (st->quote_used[q] || st->quotes.items[q].words == 0)
            continue;
        const nc_quote *qu = &st->quotes.items[q];
        cl_claim c = {.content = {inner(st, q)}, .n_content = 1, .inner_quote = 1, .rule = "claim.direct.after"};
        size_t end = after_quote(st, q, &c);
        size_t lead = end ? clause_before(st, qu->open, 2) : SIZE_MAX;
        if (end && clause_before(st, qu->open, 1) != SIZE_MAX && clause_after(st, end))
            continue; /* 'On "Fox News Sunday," Smith said the plan ...': a title, and reported speech */
        if (lead != SIZE_MAX) {
            /* 'the goal ''is a misguided approach,'' said Smith': the
             * sentence, quotation included, is what was said */
            c.content[0] = (cl_range){lead, qu->close + 1};
            c.inner_quote = 0;
            if (c.form == NC_FORM_DIRECT)
                c.form = NC_FORM_MIXED;
            c.rule = "claim.direct.mixed_after";
        } else if (end) {
            /* split quote: '"...," he said, "..."' */
            size_t hi = cl_sent_end(st, T(st, end - 1)->sent);
            for (size_t k = end; k < hi && k < end + SPLIT_REACH; k++) {
                if (T(st, k)->kind != NC_TOK_DQUOTE)
                    continue;
                if (q + 1 < st->quotes.n && st->quotes.items[q + 1].open == k && !st->quote_used[q + 1] &&
                    split_goes_on(st, q + 1, k)) {
                    c.content[c.n_content++] = inner(st, q + 1);
                    st->quote_used[q + 1] = 1;
                    c.rule = "claim.direct.split";
                    end = st->quotes.items[q + 1].close + 1;
                }
                break;
            }
        } else if (before_quote(st, q, &c)) {
            c.rule = "claim.direct.before";
            end = qu->close + 1;
        } else if (last != SIZE_MAX && qu->words >= CONTINUE_MIN_WORDS && last_tok < qu->open &&
                   !sentence_goes_on(st, qu->close)) {
            /* no cue of its own: it goes on with the quote just before when
             * it starts the next sentence of the same paragraph, or opens
             * the next paragraph */
            const nc_tok *o = T(st, qu->open), *l = T(st, last_tok);
            int sentence_start = qu->open == cl_sent_first(st, o->sent);
            int next_sentence = o->para == l->para && sentence_start && o->sent == l->sent + 1;
            int next_para = o->para == l->para + 1 && (qu->open == 0 || T(st, qu->open - 1)->para != o->para);
            nc_claim *prev = &st->out->items[last];
            if (next_sentence && prev->n_content < NC_CLAIM_MAX_PARTS) {
                cl_range r = inner(st, q);
                while (r.b > r.a && T(st, r.b - 1)->kind == NC_TOK_PUNCT && strchr(",.;:", T(st, r.b - 1)->ch))
                    r.b--;
                prev->content[prev->n_content++] = (nc_span){T(st, r.a)->s, T(st, r.b - 1)->e};
                prev->span.e = T(st, qu->close)->e;
                st->quote_used[q] = 1;
                last_tok = qu->close;
                continue;
            }
            if (!next_sentence && !next_para)
                continue;
            c.continued = 1;
            c.form = NC_FORM_DIRECT;
            c.rule = "claim.direct.continued";
            end = qu->close + 1;
        } else
            continue;
        st->quote_used[q] = 1;
        size_t before = st->out->n;
        if ((rc = cl_push(st, &c)))
            return rc;
        if (st->out->n > before && (c.form == NC_FORM_DIRECT || lead != SIZE_MAX)) {
            last = st->out->n - 1;
            last_tok = end - 1 > qu->close ? end - 1 : qu->close;
        }
    }
    return 0;
}
