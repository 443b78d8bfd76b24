/* The claim reader's shared primitives (state.h): sentences in tokens,
 * cues at a token, and turning a claim in tokens into an output claim. */
#include "extract/claims/state.h"
#include "newsclaims.h"
#include <stdlib.h>
#include <string.h>

size_t cl_sent_first(const cl_state *st, size_t s) { return st->toks.sent_first[s]; }
size_t cl_sent_end(const cl_state *st, size_t s) { return st->toks.sent_first[s + 1]; }

size_t cl_words(const cl_state *st, size_t a, size_t b)
{
    return a < b ? st->words_upto[b] - st->words_upto[a] : 0;
}

const nc_cue *cl_cue_at(const cl_state *st, size_t i, unsigned kinds, size_t *len)
{
    const nc_tok *t = &st->toks.items[i];
    if (!(t->flags & NC_TOK_CUES))
        return NULL;
    const nc_word_info *wi = nc_cues_info(st->cues, t->cue);
    size_t end = cl_sent_end(st, t->sent);
    for (uint32_t k = 0; k < wi->n_cues; k++) {
        const nc_cue *c = nc_cues_get(st->cues, wi->cues[k]);
        if (i + c->n_words > end || (!(kinds & (1u << c->kind)) && c->kind != NC_CUE_NOT))
            continue;
        size_t w = 1;
        for (; w < c->n_words; w++) {
            const nc_tok *u = &st->toks.items[i + w];
            if (strcmp(c->words[w], ",") == 0 ? !nc_tok_punct(u, ',') : !nc_tok_is(u, st->text, c->words[w]))
                break;
        }
        if (w == c->n_words) {
            *len = c->n_words;
            /* "claimed responsibility" is longer than "claimed": no cue here */
            return c->kind == NC_CUE_NOT ? NULL : c;
        }
    }
    return NULL;
}

static nc_span bytes_of(const cl_state *st, cl_range r)
{
    if (r.a >= r.b)
        return (nc_span){0, 0};
    return (nc_span){st->toks.items[r.a].s, st->toks.items[r.b - 1].e};
}

/* Content without the punctuation around it (", " before, ". " after). */
static cl_range trim_content(const cl_state *st, cl_range r)
{
    while (r.a < r.b && st->toks.items[r.a].kind == NC_TOK_PUNCT && strchr(",:;-", st->toks.items[r.a].ch))
        r.a++;
    while (r.b > r.a && st->toks.items[r.b - 1].kind == NC_TOK_PUNCT && strchr(",:;.-", st->toks.items[r.b - 1].ch))
        r.b--;
    return r;
}

/* 1 if the content holds a number: digits or a number word. */
static int has_figure(const cl_state *st, const cl_range *parts, size_t n)
{
    static const char *const words[] = {"hundred", "hundreds", "thousand", "thousands", "million", "millions",
                                        "billion", "billions", "trillion", "dozen", "dozens", "half", "percent"};
    for (size_t p = 0; p < n; p++)
        for (size_t i = parts[p].a; i < parts[p].b; i++) {
            const nc_tok *t = &st->toks.items[i];
            if (t->kind != NC_TOK_WORD)
                continue;
            if ((t->flags & NC_TOK_DIGIT) || cl_upos(st, i) == NC_UPOS_NUM)
                return 1;
            for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
                if (nc_tok_is(t, st->text, words[k]))
                    return 1;
        }
    return 0;
}

/* The quotation whose marks are exactly a and b - 1 (index + 1), else 0. */
static size_t whole_quote(const cl_state *st, cl_range r)
{
    if (r.b - r.a < 3 || st->toks.items[r.a].kind != NC_TOK_DQUOTE)
        return 0;
    uint32_t q = st->in_quote[r.a];
    return q && st->quotes.items[q - 1].open == r.a && st->quotes.items[q - 1].close == r.b - 1 ? q : 0;
}

/* 1 if a double quote mark is in r (binary search over the marks). */
static int has_mark(const cl_state *st, cl_range r)
{
    size_t lo = 0, hi = st->n_marks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (st->marks[mid] < r.a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < st->n_marks && st->marks[lo] < r.b;
}

int cl_push(cl_state *st, const cl_claim *in)
{
    cl_claim c = *in;
    /* the marks around quoted content, before trimming moves the ends */
    size_t open_tok = c.inner_quote ? c.content[0].a - 1 : 0;
    size_t close_tok = c.inner_quote ? c.content[c.n_content - 1].b : 0;
    for (size_t i = 0; i < c.n_content; i++)
        c.content[i] = trim_content(st, c.content[i]);
    if (!c.n_content || c.content[0].a >= c.content[0].b)
        return 0;
    if (c.form == NC_FORM_INDIRECT) {
        int quoted = 0;
        for (size_t p = 0; p < c.n_content; p++)
            quoted |= has_mark(st, c.content[p]);
        size_t q = c.n_content == 1 ? whole_quote(st, c.content[0]) : 0;
        if (q) { /* "X said that "...": a direct quote after all */
            c.form = NC_FORM_DIRECT;
            c.content[0] = (cl_range){c.content[0].a + 1, c.content[0].b - 1};
            c.content[0] = trim_content(st, c.content[0]);
            st->quote_used[q - 1] = 1;
        } else if (quoted)
            c.form = NC_FORM_MIXED;
    }
    nc_claims *o = st->out;
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16;
        nc_claim *p = realloc(o->items, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        o->items = p;
        o->cap = cap;
    }
    nc_claim *out = &o->items[o->n++];
    memset(out, 0, sizeof *out);
    out->speaker = bytes_of(st, c.speaker);
    if (c.possessive && out->speaker.e > out->speaker.s) {
        /* "Trump's claim": the speaker is "Trump" */
        const char *t = st->text;
        size_t e = out->speaker.e;
        if (t[e - 1] == 's' || t[e - 1] == 'S')
            e--;
        if (e >= 3 && (unsigned char)t[e - 1] == 0x99)
            e -= 3;
        else if (t[e - 1] == '\'')
            e--;
        out->speaker.e = e;
    }
    out->sp_tok = c.speaker.a;
    out->sp_tok_end = c.speaker.b;
    out->cue = bytes_of(st, c.cue);
    out->n_content = c.n_content;
    size_t first = c.content[0].a;
    for (size_t i = 0; i < c.n_content; i++)
        out->content[i] = bytes_of(st, c.content[i]);
    if (c.list.e > c.list.s) {
        out->content[0] = c.list;
        out->n_content = 1;
        while (out->content[0].e > c.list.s && strchr(".!?", st->text[out->content[0].e - 1]))
            out->content[0].e--;
    }
    out->stance = c.stance;
    /* an estimate is of a figure: "estimated that 4,000 died"; without one
     * ("experts estimate the damage is severe") it is a judgement */
    if (c.stance == NC_STANCE_ESTIMATE && c.list.e <= c.list.s && !has_figure(st, c.content, c.n_content))
        out->stance = NC_STANCE_BELIEF;
    out->form = c.form;
    out->rule = c.rule;
    out->continued = c.continued;
    /* the span covers what was written here (a continued quote's speaker
     * was written earlier) */
    out->span = out->content[0];
    out->span.e = out->content[out->n_content - 1].e;
    if (!c.continued && c.speaker.a < c.speaker.b) {
        if (out->speaker.s < out->span.s) {
            out->span.s = out->speaker.s;
            first = c.speaker.a;
        }
        if (out->speaker.e > out->span.e)
            out->span.e = out->speaker.e;
    }
    if (c.cue.a < c.cue.b) {
        if (out->cue.s < out->span.s) {
            out->span.s = out->cue.s;
            first = c.cue.a;
        }
        if (out->cue.e > out->span.e)
            out->span.e = out->cue.e;
    }
    /* quotations around direct content belong to the span too */
    if (c.inner_quote) {
        const nc_tok *open = &st->toks.items[open_tok];
        const nc_tok *close = &st->toks.items[close_tok];
        if (open->s < out->span.s) {
            out->span.s = open->s;
            first = open_tok;
        }
        if (close->e > out->span.e)
            out->span.e = close->e;
    }
    out->sentence = st->toks.items[first].sent;
    for (size_t i = c.cue.a; i < c.cue.b; i++)
        st->used[i] = 1;
    return 0;
}

void cl_tag_upto(const cl_state *st, size_t i)
{
    cl_tags *tg = st->tags;
    size_t s = st->toks.items[i].sent, a = st->toks.sent_first[s], b = st->toks.sent_first[s + 1];
    if (tg->run_sent != s) {
        for (size_t k = a; k < b; k++) { /* per sentence, not per document: memory */
            tg->forms[k - a] = st->text + st->toks.items[k].s;
            tg->lens[k - a] = st->toks.items[k].e - st->toks.items[k].s;
        }
        nc_pos_run_next(&tg->run, tg->forms, tg->lens, b - a, tg->cls + a);
        tg->run_sent = s;
    }
    for (size_t k = a + nc_pos_run_upto(&tg->run, i - a); k <= i; k++)
        st->toks.items[k].pos = tg->cls[k];
}

void cl_candidates(const cl_state *st, size_t i)
{
    cl_tags *tg = st->tags;
    const nc_tok *t = &st->toks.items[i];
    nc_pos_tok p;
    nc_pos_prepare(&p, st->text + t->s, t->e - t->s);
    nc_pos_lookup(st->pos, &p);
    tg->cand[i] = p.cand;
    tg->ncand[i] = p.ncand;
}

int cl_may_be(const cl_state *st, size_t i, uint32_t upos_mask, uint64_t xpos_mask)
{
    cl_tags *tg = st->tags;
    const nc_tok *t = &st->toks.items[i];
    if (tg->cls[i] != NC_POS_UNTAGGED) /* tagged: the tag answers */
        return nc_pos_cands_allow(st->pos, &t->pos, 1, upos_mask, xpos_mask);
    if (tg->ncand[i] == 0xFF) /* once per token: rules ask again as they scan */
        cl_candidates(st, i);
    return nc_pos_cands_allow(st->pos, tg->cand[i], tg->ncand[i], upos_mask, xpos_mask);
}
