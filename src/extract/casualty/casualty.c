/* Casualty figures from rule matches. */
#include "extract/casualty/casualty.h"
#include "newsclaims.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Bounds so that no sentence can make a rule run away (PCRE2 limits). */
#define MATCH_LIMIT 2000000
#define DEPTH_LIMIT 100000

typedef struct matcher {
    pcre2_match_data *md;
    pcre2_match_context *mctx;
} matcher;

static int matcher_init(matcher *m, uint32_t groups)
{
    m->md = pcre2_match_data_create(groups ? groups : 1, NULL);
    m->mctx = pcre2_match_context_create(NULL);
    if (!m->md || !m->mctx)
        return NC_ENOMEM;
    pcre2_set_match_limit(m->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(m->mctx, DEPTH_LIMIT);
    return 0;
}

static void matcher_clear(matcher *m)
{
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mctx);
}

static int figures_push(nc_figures *f, const nc_figure *fig)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 16;
        nc_figure *p = realloc(f->items, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        f->items = p;
        f->cap = cap;
    }
    f->items[f->n++] = *fig;
    return 0;
}

void nc_figures_free(nc_figures *f)
{
    free(f->items);
    memset(f, 0, sizeof *f);
}

/* The figure (index + 1) whose count overlaps [s, e), or 0. */
static size_t count_taken(const nc_figures *f, size_t from, size_t s, size_t e)
{
    for (size_t i = from; i < f->n; i++)
        if (s < f->items[i].count_end && f->items[i].count_start < e)
            return i + 1;
    return 0;
}

/* A count of a joined match ("Two adults, one child dead") that an earlier
 * rule took on its own ("one child dead"): that figure joins this match's
 * group, so that the numbers of the clause still add up. Only a figure
 * alone in its group moves. */
static void join_group(nc_figures *f, size_t from, size_t taken, const nc_figure *fig)
{
    nc_figure *t = &f->items[taken];
    if (t->category != fig->category || t->count_start != fig->count_start || t->count_end != fig->count_end ||
        t->group == fig->group)
        return;
    for (size_t i = from; i < f->n; i++)
        if (i != taken && f->items[i].group == t->group)
            return;
    t->group = fig->group;
}

/* A growable array of byte offsets. */
typedef struct offsets {
    size_t *v;
    size_t n, cap;
} offsets;

static int offsets_push(offsets *o, size_t x)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16;
        size_t *p = realloc(o->v, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        o->v = p;
        o->cap = cap;
    }
    o->v[o->n++] = x;
    return 0;
}

/* Index of the first element >= x (o->n when none). */
static size_t offsets_lower(const offsets *o, size_t x)
{
    size_t lo = 0, hi = o->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (o->v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The time expressions and clause marks of one sentence, found once for
 * all of its figures (a sentence of thousands of figures would otherwise
 * be scanned once per figure). */
typedef struct when_finder {
    const pcre2_code *re;
    matcher m;
    size_t sentence;  /* the sentence indexed below; SIZE_MAX: none yet */
    offsets ws, we;   /* the non-empty WHEN matches, in text order */
    offsets starts;   /* clause starts: just after ';', ':' or " that " */
    offsets semis;    /* ';' (clause ends) */
} when_finder;

static void when_finder_clear(when_finder *w)
{
    matcher_clear(&w->m);
    free(w->ws.v);
    free(w->we.v);
    free(w->starts.v);
    free(w->semis.v);
}

static int when_index(when_finder *w, const char *text, const nc_sentence *s, size_t si)
{
    w->sentence = si;
    w->ws.n = w->we.n = w->starts.n = w->semis.n = 0;
    for (size_t i = s->start + 1; i <= s->end; i++)
        if ((text[i - 1] == ';' || text[i - 1] == ':' ||
             (i >= s->start + 6 && memcmp(text + i - 6, " that ", 6) == 0)) &&
            offsets_push(&w->starts, i))
            return NC_ENOMEM;
    for (size_t i = s->start; i < s->end; i++)
        if (text[i] == ';' && offsets_push(&w->semis, i))
            return NC_ENOMEM;
    PCRE2_SIZE off = s->start;
    while (off < s->end) {
        int rc = pcre2_match(w->re, (PCRE2_SPTR)text, s->end, off, PCRE2_NO_UTF_CHECK, w->m.md, w->m.mctx);
        if (rc < 0)
            break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(w->m.md);
        size_t ws = ov[0], we = ov[1];
        off = we > ws ? we : ws + 1;
        if (we > ws && (offsets_push(&w->ws, ws) || offsets_push(&w->we, we)))
            return NC_ENOMEM;
    }
    return 0;
}

/* The time expression for a figure: one inside the rule's match ("troops
 * sent since last fall: 10,000"), else the first after the count in the
 * same clause, else the last before it. The count itself ("18 June") is
 * never its time. 0 or NC_ENOMEM. */
static int find_when(when_finder *w, const char *text, const nc_sentence *s, size_t si, nc_figure *fig)
{
    if (!w->re)
        return 0;
    if (w->sentence != si && when_index(w, text, s, si))
        return NC_ENOMEM;
    /* the clause ends at ';' and, before the count, at ':' or "that" (the
     * main clause's time is when it was said, not when it happened) */
    size_t k = offsets_lower(&w->starts, fig->count_start + 1);
    size_t clause_start = k ? w->starts.v[k - 1] : s->start;
    k = offsets_lower(&w->semis, fig->count_end);
    size_t clause_end = k < w->semis.n ? w->semis.v[k] : s->end;
    for (size_t i = offsets_lower(&w->ws, fig->span_start); i < w->ws.n && w->we.v[i] <= fig->span_end; i++)
        if (!(w->ws.v[i] < fig->count_end && fig->count_start < w->we.v[i])) {
            fig->when_start = w->ws.v[i];
            fig->when_end = w->we.v[i];
            return 0;
        }
    k = offsets_lower(&w->ws, fig->count_end);
    if (k < w->ws.n && w->we.v[k] <= clause_end) {
        fig->when_start = w->ws.v[k];
        fig->when_end = w->we.v[k];
        return 0;
    }
    /* the last match ending by the count: matches do not overlap, so
     * their ends are in order too */
    k = offsets_lower(&w->we, fig->count_start + 1);
    if (k && w->ws.v[k - 1] >= clause_start) {
        fig->when_start = w->ws.v[k - 1];
        fig->when_end = w->we.v[k - 1];
    }
    return 0;
}

static void trim_span(const char *text, size_t *s, size_t *e)
{
    while (*s < *e && (text[*s] == ' ' || text[*s] == '\t' || text[*s] == '\n'))
        (*s)++;
    while (*e > *s && (text[*e - 1] == ' ' || text[*e - 1] == '\t' || text[*e - 1] == '\n' ||
                       text[*e - 1] == ',' || text[*e - 1] == ':'))
        (*e)--;
}

static int group_span(const PCRE2_SIZE *ov, uint32_t n_pairs, int g, size_t *s, size_t *e)
{
    if (g <= 0 || (uint32_t)g >= n_pairs || ov[2 * g] == PCRE2_UNSET)
        return 0;
    *s = ov[2 * g];
    *e = ov[2 * g + 1];
    return 1;
}

/* Turns one match into its figures (one per count group). */
/* 1 when the count as written is a name holding a word no person's name
 * has (macro NOTNAME: "Indiana County", "Leaves Three"). */
static int not_a_name(const pcre2_code *notname, pcre2_match_data *md, const char *text, size_t s, size_t e)
{
    if (!notname || e <= s || !(text[s] >= 'A' && text[s] <= 'Z'))
        return 0;
    return pcre2_match(notname, (PCRE2_SPTR)text, e, s, PCRE2_NO_UTF_CHECK, md, NULL) >= 0;
}

/* 1 when text[s, e) is written in title case ("Soldiers Killed Near Border
 * Town"): nearly all its longer words capitalised, so that capitals say nothing
 * about names. */
static int title_cased(const char *text, size_t s, size_t e)
{
    int words = 0, caps = 0;
    for (size_t i = s; i < e;) {
        while (i < e && !((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z')))
            i++;
        size_t w = i;
        while (i < e && ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z')))
            i++;
        if (i - w >= 4) {
            words++;
            caps += text[w] >= 'A' && text[w] <= 'Z';
        }
    }
    return words >= 4 && caps * 100 >= words * 85;
}

static int take_match(const nc_rule *r, const nc_numbers *numbers, when_finder *when, const pcre2_code *notname,
                      pcre2_match_data *notname_md, const nc_document *doc, size_t si, const PCRE2_SIZE *ov,
                      uint32_t n_pairs, size_t group, size_t first_of_sentence, nc_figures *out)
{
    const nc_sentence *s = &doc->sentences[si];
    size_t when_s = 0, when_e = 0;
    int has_when = group_span(ov, n_pairs, r->g_when, &when_s, &when_e);
    int k_max = r->zero ? 1 : NC_RULE_MAX_COUNTS;
    /* counts of this match beside the one at hand: a joined clause */
    int joined = 0;
    for (int k = 0; k < k_max; k++)
        joined += r->g_count[k] > 0 && (uint32_t)r->g_count[k] < n_pairs && ov[2 * r->g_count[k]] != PCRE2_UNSET;
    joined = joined > 1;
    for (int k = 0; k < k_max; k++) {
        nc_figure fig;
        memset(&fig, 0, sizeof fig);
        fig.category = r->category;
        fig.rule = r;
        fig.sentence = si;
        fig.group = group;
        fig.span_start = ov[0];
        fig.span_end = ov[1];
        fig.role = r->role;
        fig.update = r->update;
        if (r->zero) {
            fig.count = (nc_count){.has_value = 1, .has_low = 1, .has_high = 1, .qualifier = NC_Q_EXACT};
            fig.count_start = ov[0];
            fig.count_end = ov[1];
        } else {
            if (!group_span(ov, n_pairs, r->g_count[k], &fig.count_start, &fig.count_end))
                continue;
            trim_span(doc->text, &fig.count_start, &fig.count_end);
            /* a count with no people words of its own: a name, perhaps */
            size_t ws, we;
            int named = !group_span(ov, n_pairs, r->g_who[k], &ws, &we);
            if (named && (r->count_items || r->has_fixed_count) && fig.count_start < fig.count_end &&
                doc->text[fig.count_start] >= 'A' && doc->text[fig.count_start] <= 'Z' &&
                memchr(doc->text + fig.count_start, ' ', fig.count_end - fig.count_start) &&
                title_cased(doc->text, s->start, s->end))
                continue; /* a "name" in a headline's capitals */
            if (r->count_items) {
                if (named && not_a_name(notname, notname_md, doc->text, fig.count_start, fig.count_end))
                    continue;
                fig.count = nc_count_exact(nc_list_items(doc->text + fig.count_start, fig.count_end - fig.count_start));
            } else if (nc_numbers_parse(numbers, doc->text + fig.count_start,
                                        fig.count_end - fig.count_start, &fig.count)) {
                int64_t word_count;
                if (nc_rule_count_word(r, doc->text + fig.count_start, fig.count_end - fig.count_start, &word_count))
                    fig.count = nc_count_exact(word_count); /* "a double homicide" */
                else if (!r->has_fixed_count)
                    continue; /* matched text that is not a count */
                else if (named && not_a_name(notname, notname_md, doc->text, fig.count_start, fig.count_end))
                    continue;
                else
                    fig.count = nc_count_exact(r->fixed_count); /* "the victim", a name, "both" */
            }
            if (k == 0 && r->add) {
                fig.count.value += r->add;
                fig.count.low += r->add;
                fig.count.high += r->add;
                /* the count as written is "he and three others", not "three" */
                fig.count_start = ov[0];
                size_t w0s, w0e;
                if (group_span(ov, n_pairs, r->g_who[0], &w0s, &w0e) && w0e > fig.count_end)
                    fig.count_end = w0e;
            }
        }
        size_t taken = count_taken(out, first_of_sentence, fig.count_start, fig.count_end);
        if (taken) {
            if (joined)
                join_group(out, first_of_sentence, taken - 1, &fig);
            continue;
        }
        if (group_span(ov, n_pairs, r->g_who[k], &fig.who_start, &fig.who_end))
            trim_span(doc->text, &fig.who_start, &fig.who_end);
        if (has_when) {
            fig.when_start = when_s;
            fig.when_end = when_e;
            trim_span(doc->text, &fig.when_start, &fig.when_end);
        } else if (find_when(when, doc->text, s, si, &fig)) {
            return NC_ENOMEM;
        }
        if (figures_push(out, &fig))
            return NC_ENOMEM;
    }
    return 0;
}

nc_count nc_count_exact(int64_t v)
{
    return (nc_count){.has_value = 1, .has_low = 1, .has_high = 1, .value = v, .low = v, .high = v,
                      .qualifier = NC_Q_EXACT};
}

/* Items of a list as written: "Smith, 34, Jones, 20, and Brown" (pieces
 * between commas and "and" that hold a letter: the ages are not people),
 * or "13, 17 and 19" (no letters: every piece is one). */
int64_t nc_list_items(const char *s, size_t n)
{
    int64_t lettered = 0, pieces = 0;
    int has_letter = 0, has_any = 0;
    for (size_t i = 0; i <= n; i++) {
        int cut = i == n || s[i] == ',' || s[i] == '&' ||
                  (i + 5 <= n && memcmp(s + i, " and ", 5) == 0);
        if (cut) {
            lettered += has_letter;
            pieces += has_any;
            has_letter = has_any = 0;
            if (i < n && s[i] == ' ')
                i += 3; /* over "and" */
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        has_letter |= (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
        has_any |= c != ' ';
    }
    return lettered ? lettered : pieces;
}

static int cmp_figures(const void *a, const void *b)
{
    const nc_figure *x = a, *y = b;
    if (x->count_start != y->count_start)
        return x->count_start < y->count_start ? -1 : 1;
    return x->category < y->category ? -1 : x->category > y->category;
}

int nc_casualty_extract_with(const nc_ruleset *rules, const nc_numbers *numbers, nc_document *doc,
                             nc_figures *out, const nc_rule *only_rule)
{
    matcher m = {0};
    nc_rule_scan scan = {0};
    int jit = !doc->no_jit, mode = nc_casualty_match_mode(doc);
    size_t n_rules = nc_ruleset_size(rules), words = nc_ruleset_bitset_words(rules);
    when_finder when = {.re = nc_ruleset_macro_code(rules, "WHEN", jit), .sentence = SIZE_MAX};
    const pcre2_code *notname = nc_ruleset_macro_code(rules, "NOTNAME", jit);
    pcre2_match_data *notname_md = notname ? pcre2_match_data_create(1, NULL) : NULL;
    uint64_t *bits = calloc(words, sizeof *bits);
    int rc = NC_ENOMEM;
    size_t group = 0, limit_hits = 0;
    if (!bits || (notname && !notname_md) || matcher_init(&m, nc_ruleset_max_groups(rules)) ||
        matcher_init(&when.m, 1))
        goto out;
    rc = 0;
    for (size_t si = 0; si < doc->n_sentences && !rc; si++) {
        /* every 64th sentence: the rest cost only the prefilter (linear in
         * their bytes) but for their rules' matches, which check it each */
        if ((si & 63) == 0 && nc_document_expired(doc))
            break;
        const nc_sentence *s = &doc->sentences[si];
        size_t first = out->n;
        nc_ruleset_candidates(rules, doc, si, bits);
        /* the candidates' bits only, in rule order (most sentences have few) */
        for (size_t w = 0; w < words && !rc; w++) {
            uint64_t b = bits[w];
            while (b && !rc) {
                size_t ri = w * 64 + (size_t)__builtin_ctzll(b);
                b &= b - 1;
                if (ri >= n_rules)
                    break; /* the prefilter's own bits */
                const nc_rule *r = nc_ruleset_rule(rules, ri);
                if (only_rule && r != only_rule)
                    continue;
                PCRE2_SIZE off = s->start;
                /* the deadline is checked per match: one sentence can hold
                 * thousands of figures */
                while (off < s->end && !nc_document_expired(doc)) {
                    int mrc = nc_rule_match(rules, ri, &scan, doc->text, s->start, s->end, off, mode, m.md, m.mctx);
                    if (mrc == PCRE2_ERROR_NOMATCH)
                        break;
                    if (mrc < 0) {
                        limit_hits++;
                        break;
                    }
                    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m.md);
                    uint32_t pairs = pcre2_get_ovector_count(m.md);
                    /* a match may start with lookbehind context before off */
                    if ((rc = take_match(r, numbers, &when, notname, notname_md, doc, si, ov, pairs, group++, first,
                                         out)))
                        break;
                    off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
                    while (off < s->end && (doc->text[off] & 0xC0) == 0x80)
                        off++; /* stay on a character boundary */
                }
            }
        }
        /* keep each sentence's figures in text order */
        if (out->n - first > 1)
            qsort(out->items + first, out->n - first, sizeof *out->items, cmp_figures);
    }
    if (!rc && limit_hits)
        rc = nc_strlist_addf(&doc->errors, "%zu sentence(s) skipped by a rule that hit its matching limit",
                             limit_hits);
out:
    free(bits);
    nc_rule_scan_free(&scan);
    matcher_clear(&m);
    when_finder_clear(&when);
    pcre2_match_data_free(notname_md);
    return rc;
}

int nc_casualty_extract(const nc_ruleset *rules, const nc_numbers *numbers, nc_document *doc, nc_figures *out)
{
    return nc_casualty_extract_with(rules, numbers, doc, out, NULL);
}
