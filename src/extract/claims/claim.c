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
            if (e >= last->s + 4 && strncasecmp(st->text + e - 4, " and", 4) == 0)
                e -= 3;
            else if (e >= last->s + 4 && strncasecmp(st->text + e - 4, " but", 4) == 0)
                e -= 3;
            else
                break;
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

int nc_claims_extract(const nc_cues *cues, const nc_document *doc, nc_claims *out)
{
    cl_state st = {.cues = cues, .doc = doc, .text = doc->text, .out = out};
    size_t first_claim = out->n;
    int rc = nc_toks_build(cues, doc, &st.toks);
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
    if ((rc = cl_direct(&st)) || (rc = cl_reported(&st)))
        goto done;
    if (out->n > first_claim) /* qsort wants a valid pointer even for none */
        qsort(out->items + first_claim, out->n - first_claim, sizeof *out->items, by_span);
    clip_contents(&st);
    cl_resolve(&st);
    fill_continued(&st);
done:
    nc_toks_free(&st.toks);
    nc_quotes_free(&st.quotes);
    free(st.in_quote);
    free(st.used);
    free(st.quote_used);
    free(st.words_upto);
    free(st.marks);
    return rc;
}
