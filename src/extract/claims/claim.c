/* Claim extraction driver: tokens and quotations of the document, the
 * forms (direct.c, reported.c), then text order, clause limits, continued
 * quotes and reference resolution. */
#include "extract/claims/forms.h"
#include "extract/claims/speaker.h"
#include "newsclaims.h"
#include <stdlib.h>
#include <string.h>

static const char *const FORMS[] = {"direct", "indirect", "according_to", "mixed"};

const char *nc_claim_form_name(nc_claim_form f) { return FORMS[f]; }

void nc_claims_free(nc_claims *c)
{
    free(c->items);
    memset(c, 0, sizeof *c);
}

static int by_span(const void *a, const void *b)
{
    const nc_claim *x = a, *y = b;
    if (x->span.s != y->span.s)
        return x->span.s < y->span.s ? -1 : 1;
    return x->cue.s < y->cue.s ? -1 : x->cue.s > y->cue.s;
}

static int space_or(char c, const char *set) { return c == ' ' || c == '\n' || c == '\t' || strchr(set, c); }

/* Where the connective ending [s, e) starts ("... intact, although" before
 * the next claim: and, but, although; class contrast), or e when it ends
 * in none. */
static size_t connective_before(const cl_state *st, size_t s, size_t e)
{
    size_t w = e;
    while (w > s && ((st->text[w - 1] | 0x20) >= 'a' && (st->text[w - 1] | 0x20) <= 'z'))
        w--;
    if (w == e || w == s || !space_or(st->text[w - 1], ""))
        return e;
    const nc_word_info *info = nc_cues_word(st->cues, st->text + w, e - w);
    return info && (info->classes & NC_WC_CONTRAST) ? w : e;
}

/* Reported content runs to the end of its sentence; where a second claim
 * starts inside it ("X said A, and Y said B"), it ends there. */
static void clip_contents(cl_state *st)
{
    nc_claims *cs = st->out;
    for (size_t i = 0; i + 1 < cs->n; i++) {
        nc_claim *c = &cs->items[i], *d = &cs->items[i + 1];
        nc_span *last = &c->content[c->n_content - 1];
        if (c->form == NC_FORM_DIRECT || last->s >= d->span.s || last->e <= d->span.s)
            continue;
        size_t e = d->span.s;
        for (;;) {
            while (e > last->s && space_or(st->text[e - 1], ",;:"))
                e--;
            size_t w = connective_before(st, last->s, e);
            if (w == e)
                break;
            e = w;
        }
        if (e > last->s) {
            last->e = e;
            if (c->span.e > e && c->span.e > c->cue.e && c->span.e > c->speaker.e)
                c->span.e = e > c->cue.e ? (e > c->speaker.e ? e : c->speaker.e) : c->cue.e;
        }
    }
}

/* A continued quotation takes the speaker, stance and resolution of the
 * claim it continues (the one before it); without one it is dropped. */
static void fill_continued(cl_state *st)
{
    nc_claims *cs = st->out;
    size_t k = 0;
    for (size_t i = 0; i < cs->n; i++) {
        nc_claim *c = &cs->items[i];
        if (c->continued) {
            if (!k || cs->items[k - 1].speaker.e == cs->items[k - 1].speaker.s)
                continue; /* nobody to continue: never guess */
            const nc_claim *p = &cs->items[k - 1];
            c->speaker = p->speaker;
            c->ref = p->ref;
            c->resolved = p->resolved;
            c->sp_tok = p->sp_tok;
            c->sp_tok_end = p->sp_tok_end;
            c->stance = p->stance;
        }
        cs->items[k++] = *c;
    }
    cs->n = k;
}

static int inside(nc_span inner, size_t s, size_t e) { return inner.s >= s && inner.e <= e && inner.e > inner.s; }

/* Parents: the innermost other claim whose content (from its first part to
 * its last) holds this claim's cue and its speaker as written, and whose
 * span holds this claim's whole span (a claim whose content runs on past
 * its parent's stays at the top level). */
static void find_parents(cl_state *st, size_t first)
{
    nc_claims *cs = st->out;
    for (size_t i = first; i < cs->n; i++)
        cs->items[i].parent = SIZE_MAX;
    for (size_t i = first; i < cs->n; i++) {
        nc_claim *b = &cs->items[i];
        if (b->cue.e <= b->cue.s)
            continue;
        nc_span written = b->resolved ? b->ref : b->speaker;
        size_t lo = i - first > NC_CLAIM_NEST_REACH ? i - NC_CLAIM_NEST_REACH : first;
        size_t hi = cs->n - i > NC_CLAIM_NEST_REACH ? i + NC_CLAIM_NEST_REACH : cs->n;
        size_t best = SIZE_MAX, best_len = SIZE_MAX;
        for (size_t j = lo; j < hi; j++) {
            const nc_claim *a = &cs->items[j];
            if (j == i || !a->n_content)
                continue;
            size_t s = a->content[0].s, e = a->content[a->n_content - 1].e;
            if (!inside(b->cue, s, e) || (written.e > written.s && !inside(written, s, e)) ||
                !inside(b->span, a->span.s, a->span.e)) /* written inside it: wholly inside it */
                continue;
            if (e - s < best_len) {
                best = j;
                best_len = e - s;
            }
        }
        /* two claims holding each other's cue cannot both be nested */
        if (best != SIZE_MAX && best < i && cs->items[best].parent == i)
            continue;
        b->parent = best;
    }
}

/* The tagger's arrays for the document (cl_tags); nothing is tagged yet. */
static int tags_init(cl_state *st, cl_tags *tg, const nc_pos_model *pos)
{
    size_t n = st->toks.n, ns = st->doc->n_sentences, longest = 1;
    for (size_t s = 0; s < ns; s++)
        if (st->toks.sent_first[s + 1] - st->toks.sent_first[s] > longest)
            longest = st->toks.sent_first[s + 1] - st->toks.sent_first[s];
    *tg = (cl_tags){.run_sent = SIZE_MAX};
    tg->forms = malloc(longest * sizeof *tg->forms);
    tg->lens = malloc(longest * sizeof *tg->lens);
    tg->cls = malloc(n + 1);
    tg->scratch = calloc(longest, sizeof *tg->scratch); /* no token prepared (nc_pos_run_next) */
    tg->cand = malloc((n + 1) * sizeof *tg->cand);
    tg->ncand = malloc(n + 1);
    st->pos = pos;
    st->tags = tg;
    if (!tg->forms || !tg->lens || !tg->cls || !tg->scratch || !tg->cand || !tg->ncand)
        return NC_ENOMEM;
    nc_pos_run_init(&tg->run, pos, tg->forms, tg->lens, 0, tg->cls, tg->scratch);
    memset(tg->ncand, 0xFF, n + 1);
    memset(tg->cls, NC_POS_UNTAGGED, n + 1);
    return 0;
}

static void tags_free(cl_tags *tg)
{
    free(tg->forms);
    free(tg->lens);
    free(tg->cls);
    free(tg->scratch);
    free(tg->cand);
    free(tg->ncand);
}

int nc_claims_extract(const nc_cues *cues, const nc_pos_model *pos, nc_document *doc, nc_claims *out)
{
    cl_state st = {.cues = cues, .doc = doc, .text = doc->text, .out = out};
    cl_tags tags = {0};
    size_t first_claim = out->n;
    int rc = nc_toks_build(cues, doc, &st.toks);
    nc_tokens_free(&doc->tokens); /* used up by the view (what is left, on an error) */
    if (!rc)
        rc = nc_quotes_find(&st.toks, &st.quotes);
    if (rc)
        goto done;
    st.in_quote = calloc(st.toks.n + 1, sizeof *st.in_quote);
    st.used = calloc(st.toks.n + 1, 1);
    st.quote_used = calloc(st.quotes.n + 1, 1);
    st.words_upto = st.toks.n < UINT32_MAX ? malloc((st.toks.n + 1) * sizeof *st.words_upto) : NULL;
    for (size_t i = 0; i < st.toks.n; i++)
        st.n_marks += st.toks.items[i].kind == NC_TOK_DQUOTE;
    st.marks = malloc((st.n_marks + 1) * sizeof *st.marks);
    if (!st.in_quote || !st.used || !st.quote_used || !st.words_upto || !st.marks) {
        rc = NC_ENOMEM;
        goto done;
    }
    st.words_upto[0] = 0;
    for (size_t i = 0, m = 0; i < st.toks.n; i++) {
        st.words_upto[i + 1] = st.words_upto[i] + (st.toks.items[i].kind == NC_TOK_WORD);
        if (st.toks.items[i].kind == NC_TOK_DQUOTE)
            st.marks[m++] = (uint32_t)i;
    }
    for (size_t q = 0; q < st.quotes.n; q++)
        for (size_t i = st.quotes.items[q].open; i <= st.quotes.items[q].close; i++)
            st.in_quote[i] = (uint32_t)(q + 1);
    if ((rc = tags_init(&st, &tags, pos)))
        goto done;
    if ((rc = cl_direct(&st)))
        goto done;
    if (!(st.direct_in = malloc((doc->n_sentences + 1) * sizeof *st.direct_in))) {
        rc = NC_ENOMEM;
        goto done;
    }
    for (size_t s = 0; s <= doc->n_sentences; s++)
        st.direct_in[s] = SIZE_MAX;
    for (size_t k = first_claim; k < out->n; k++)
        if (out->items[k].sentence < doc->n_sentences)
            st.direct_in[out->items[k].sentence] = k;
    if ((rc = cl_reported(&st)))
        goto done;
    if (out->n > first_claim) /* qsort wants a valid pointer even for none */
        qsort(out->items + first_claim, out->n - first_claim, sizeof *out->items, by_span);
    clip_contents(&st);
    cl_resolve(&st);
    fill_continued(&st);
    find_parents(&st, first_claim);
done:
    nc_toks_free(&st.toks);
    nc_quotes_free(&st.quotes);
    free(st.in_quote);
    free(st.used);
    free(st.quote_used);
    tags_free(&tags);
    free(st.words_upto);
    free(st.marks);
    free(st.direct_in);
    return rc;
}
