/* Claim extraction driver: tokens and quotations of the document, the
 * forms (direct.c, reported.c), then text order, clause limits, continued
 * quotes and reference resolution. */
#include "extract/claims/claim_int.h"
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

size_t cl_sent_first(const cl_state *st, size_t s) { return st->toks.sent_first[s]; }
size_t cl_sent_end(const cl_state *st, size_t s) { return st->toks.sent_first[s + 1]; }

size_t cl_words(const cl_state *st, size_t a, size_t b)
{
    size_t n = 0;
    for (size_t i = a; i < b; i++)
        n += st->toks.items[i].kind == NC_TOK_WORD;
    return n;
}

const nc_cue *cl_cue_at(const cl_state *st, size_t i, unsigned kinds, size_t *len)
{
    const nc_tok *t = &st->toks.items[i];
    if (!t->info || !t->info->n_cues)
        return NULL;
    size_t end = cl_sent_end(st, t->sent);
    for (uint32_t k = 0; k < t->info->n_cues; k++) {
        const nc_cue *c = nc_cues_get(st->cues, t->info->cues[k]);
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
            for (size_t i = c.content[p].a; i < c.content[p].b; i++)
                quoted |= st->toks.items[i].kind == NC_TOK_DQUOTE;
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

static int inside(nc_span inner, size_t s, size_t e) { return inner.s >= s && inner.e <= e && inner.e > inner.s; }

/* Parents: the innermost other claim whose content (from its first part to
 * its last) holds this claim's cue and its speaker as written. */
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
            if (!inside(b->cue, s, e) || (written.e > written.s && !inside(written, s, e)))
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

/* Part-of-speech classes of the tokens, sentence by sentence. */
static int tag_tokens(cl_state *st, const nc_pos_model *pos)
{
    size_t n = st->toks.n;
    st->tag = malloc(n + 1);
    const char **forms = malloc((n + 1) * sizeof *forms);
    size_t *lens = malloc((n + 1) * sizeof *lens);
    int rc = 0;
    if (!st->tag || !forms || !lens)
        rc = NC_ENOMEM;
    for (size_t i = 0; i < n && !rc; i++) {
        forms[i] = st->text + st->toks.items[i].s;
        lens[i] = st->toks.items[i].e - st->toks.items[i].s;
    }
    for (size_t s = 0; s < st->doc->n_sentences && !rc; s++) {
        size_t a = st->toks.sent_first[s], b = st->toks.sent_first[s + 1];
        /* only sentences with a cue word or a quote mark can hold a claim:
         * the others are not tagged (their tags are never read) */
        int cue = 0;
        for (size_t i = a; i < b && !cue; i++)
            cue = st->toks.items[i].kind == NC_TOK_DQUOTE || (st->toks.items[i].info && st->toks.items[i].info->n_cues) ||
                  (st->toks.items[i].kind == NC_TOK_PUNCT && st->toks.items[i].ch == ':');
        if (!cue) {
            memset(st->tag + a, 0, b - a);
            continue;
        }
        rc = nc_pos_tag(pos, forms + a, lens + a, b - a, st->tag + a);
    }
    st->pos = pos;
    free(forms);
    free(lens);
    return rc;
}

int nc_claims_extract(const nc_cues *cues, const nc_pos_model *pos, const nc_document *doc, nc_claims *out)
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
    if (!st.in_quote || !st.used || !st.quote_used) {
        rc = NC_ENOMEM;
        goto done;
    }
    for (size_t q = 0; q < st.quotes.n; q++)
        for (size_t i = st.quotes.items[q].open; i <= st.quotes.items[q].close; i++)
            st.in_quote[i] = (uint32_t)(q + 1);
    if ((rc = tag_tokens(&st, pos)))
        goto done;
    if ((rc = cl_direct(&st)) || (rc = cl_reported(&st)))
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
    free(st.tag);
    return rc;
}
