/* Language identification (text/langid.h).
 *
 * First the script: the one most of the letters are written in (Han with
 * a few kana is Japanese). A script only one profiled language uses
 * decides alone; otherwise naive Bayes over the word trigrams picks among
 * the languages of that script: the log probability of every trigram of
 * the text under each profile, a trigram the profile does not list
 * counting as if seen once. The confidence is the share of letters in the
 * script times the best language's posterior, the scores scaled down by
 * the square root of the number of trigrams (naive Bayes treats
 * overlapping trigrams as independent, which they are not, and would be
 * sure of everything), with a prior for the languages the rules cover. */
#include "text/langid.h"
#include "text/langid_table.h"
#include "text/chars.h"
#include "newsclaims.h"
#include "util/utf8.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define READ_MAX 512       /* bytes of text looked at (~80 words): a few hundred letters decide; more only costs */
/* Letters needed (a Han character or Hangul syllable counting three):
 * fewer than MIN_LETTERS, no guess; a text is called foreign only with
 * FOREIGN_LETTERS in a script no covered language uses, or SHARED_LETTERS
 * in one it shares with a covered language. A short English text full of
 * foreign names (a raid on a village with an unfamiliar name) can look like
 * Swedish; a real article in another language has hundreds of letters. */
#define MIN_LETTERS 20
#define FOREIGN_LETTERS 40
#define SHARED_LETTERS 250
#define FOREIGN_CONFIDENCE 0.6 /* script share (times the posterior of the
                                  uncovered languages, for a shared script) */
#define MAX_COVERED 16
/* The rules' languages are what this tool mostly reads: their scores get
 * e^1.5 times the odds (in the tempered units of the posterior), which keeps
 * short English texts full of foreign names English */
#define COVERED_PRIOR 1.5
#define FLOOR_COUNT 0.5 /* a trigram a profile does not list: as if seen half a time */
#define BOUNDARY 0x5F      /* '_' in the profiles: start or end of a word */

enum { S_LATN, S_CYRL, S_GREK, S_HEBR, S_ARAB, S_DEVA, S_BENG, S_THAI, S_HANI, S_JPAN, S_HANG, S_KANA, S_OTHER, S_COUNT };
static const char *const script_names[] = {"Latn", "Cyrl", "Grek", "Hebr", "Arab", "Deva", "Beng", "Thai", "Hani", "Jpan", "Hang"};
#define N_NAMED_SCRIPTS (sizeof script_names / sizeof script_names[0])


static int script_of(uint32_t c)
{
    /* combining marks (U+0300-036F) go with the letters they follow, mostly Latin */
    if (c < 0x370 || (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0xFF21 && c <= 0xFF5A))
        return S_LATN;
    if (c < 0x400 || (c >= 0x1F00 && c <= 0x1FFF))
        return S_GREK;
    if (c < 0x530)
        return S_CYRL;
    if (c >= 0x590 && c < 0x600)
        return S_HEBR;
    if ((c >= 0x600 && c < 0x700) || (c >= 0x750 && c < 0x780) || (c >= 0xFB50 && c <= 0xFDFF) ||
        (c >= 0xFE70 && c <= 0xFEFF))
        return S_ARAB;
    if (c >= 0x900 && c < 0x980)
        return S_DEVA;
    if (c >= 0x980 && c < 0xA00)
        return S_BENG;
    if (c >= 0xE00 && c < 0xE80)
        return S_THAI;
    if ((c >= 0x1100 && c < 0x1200) || (c >= 0x3130 && c < 0x3190) || (c >= 0xAC00 && c < 0xD7B0))
        return S_HANG;
    if ((c >= 0x3040 && c < 0x3100) || (c >= 0x31F0 && c < 0x3200) || (c >= 0xFF66 && c <= 0xFF9F))
        return S_KANA;
    if ((c >= 0x3400 && c < 0xA000) || (c >= 0xF900 && c < 0xFB00) || c >= 0x20000)
        return S_HANI;
    return S_OTHER;
}

static uint64_t gram_key(uint32_t a, uint32_t b, uint32_t c)
{
    return ((uint64_t)a << 42) | ((uint64_t)b << 21) | c;
}

static size_t gram_hash(uint64_t k, size_t mask)
{
    k ^= k >> 29;
    k *= 0xBF58476D1CE4E5B9ull;
    k ^= k >> 32;
    return (size_t)k & mask;
}

void nc_langid_free(nc_langid *l)
{
    if (!l || l->builtin)
        return;
    free(l->langs);
    free(l->grams);
    free(l->heads);
    free(l);
}

size_t nc_langid_count(const nc_langid *l) { return l->n_langs; }
const char *nc_langid_code(const nc_langid *l, size_t i) { return i < l->n_langs ? l->langs[i].code : NULL; }

/* ---- loading ---- */

typedef struct parser {
    const char *name;
    size_t line;
    char *err;
    size_t errlen;
    char covered[MAX_COVERED][8];
    size_t n_covered;
    long total; /* of the current language */
    double logs[256]; /* log(count / FLOOR_COUNT) for small counts, 0 = not yet */
} parser;

static int fail(parser *p, const char *msg, const char *what, size_t n)
{
    snprintf(p->err, p->errlen, "%s:%zu: %s '%.*s'", p->name, p->line, msg, (int)(n > 40 ? 40 : n), what);
    return NC_ERULES;
}

/* Next space-separated word of [*s, end), or 0 when none. */
static size_t word(const char **s, const char *end, const char **w)
{
    const char *p = *s;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
    *w = p;
    while (p < end && *p != ' ' && *p != '\t' && *p != '\r')
        p++;
    *s = p;
    return (size_t)(p - *w);
}

/* A positive decimal number of at most nine digits, or -1. */
static long number(const char *w, size_t n)
{
    long v = 0;
    if (!n || n > 9)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (w[i] < '0' || w[i] > '9')
            return -1;
        v = v * 10 + (w[i] - '0');
    }
    return v;
}

static int add_gram(nc_langid *l, uint64_t key, double gain)
{
    if (l->n_grams == l->cap_grams) {
        size_t cap = l->cap_grams ? l->cap_grams * 2 : 4096;
        gram *g = realloc(l->grams, cap * sizeof *g);
        if (!g)
            return NC_ENOMEM;
        l->grams = g;
        l->cap_grams = cap;
    }
    l->grams[l->n_grams++] = (gram){key, UINT32_MAX, (uint16_t)(l->n_langs - 1), (float)gain};
    return 0;
}

static int parse_lang(nc_langid *l, parser *p, const char *s, const char *end)
{
    const char *w[4];
    size_t n[4];
    for (int i = 0; i < 4; i++)
        if (!(n[i] = word(&s, end, &w[i])))
            return fail(p, "expected: lang CODE SCRIPT NAME TOTAL, got", "", 0);
    if (n[0] >= sizeof l->langs->code)
        return fail(p, "language code too long:", w[0], n[0]);
    int script = -1;
    for (size_t k = 0; k < N_NAMED_SCRIPTS; k++)
        if (n[1] == 4 && memcmp(w[1], script_names[k], 4) == 0)
            script = (int)k;
    if (script < 0)
        return fail(p, "unknown script", w[1], n[1]);
    p->total = number(w[3], n[3]);
    if (p->total <= 0)
        return fail(p, "TOTAL must be a positive number, not", w[3], n[3]);
    if (l->n_langs >= UINT16_MAX)
        return fail(p, "too many languages at", w[0], n[0]);
    lang *nl = realloc(l->langs, (l->n_langs + 1) * sizeof *nl);
    if (!nl)
        return NC_ENOMEM;
    l->langs = nl;
    lang *g = &l->langs[l->n_langs++];
    memset(g, 0, sizeof *g);
    memcpy(g->code, w[0], n[0]);
    g->script = script;
    g->floor = log(FLOOR_COUNT / (double)p->total);
    return 0;
}

/* "GRAM COUNT GRAM COUNT ..." for the current language. */
static int parse_grams(nc_langid *l, parser *p, const char *s, const char *end)
{
    const char *w;
    size_t n;
    while ((n = word(&s, end, &w)) != 0) {
        uint32_t cp[3];
        size_t k = 0, i = 0;
        const unsigned char *u = (const unsigned char *)w;
        while (i < n && k < 3) {
            size_t len;
            uint32_t c = nc_utf8_decode(u, i, n, &len);
            cp[k++] = c == '_' ? BOUNDARY : c;
            i += len;
        }
        if (k != 3 || i != n)
            return fail(p, "a trigram is three letters, not", w, n);
        if (!l->n_langs)
            return fail(p, "trigrams before the first 'lang' line:", w, n);
        const char *cw;
        size_t cn = word(&s, end, &cw);
        long count = number(cw, cn);
        if (count <= 0 || count > p->total)
            return fail(p, "expected a count (at most the language's TOTAL) after", w, n);
        /* log(count / total) - log(FLOOR_COUNT / total); counts repeat, so
         * the logarithms of small ones are kept */
        double gain = count < (long)(sizeof p->logs / sizeof p->logs[0]) && p->logs[count] ? p->logs[count]
                                                                                             : log((double)count / FLOOR_COUNT);
        if (count < (long)(sizeof p->logs / sizeof p->logs[0]))
            p->logs[count] = gain;
        int rc = add_gram(l, gram_key(cp[0], cp[1], cp[2]), gain);
        if (rc)
            return rc;
    }
    return 0;
}

/* Grams by key, then language: the entries one lookup reads (a trigram
 * in every language that has it) lie side by side, not one per profile
 * megabytes apart, and the hash chains hold a key's first entry only. */
static int by_key(const void *a, const void *b)
{
    const gram *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->lang > y->lang) - (x->lang < y->lang);
}

static int build_table(nc_langid *l)
{
    if (l->n_grams > 1)
        qsort(l->grams, l->n_grams, sizeof *l->grams, by_key);
    size_t slots = 64;
    while (slots < 2 * l->n_grams)
        slots *= 2;
    l->heads = malloc(slots * sizeof *l->heads);
    if (!l->heads)
        return NC_ENOMEM;
    memset(l->heads, 0xFF, slots * sizeof *l->heads);
    l->mask = slots - 1;
    /* only the first entry of each key is chained: its languages follow it */
    for (size_t i = 0; i < l->n_grams; i++) {
        if (i && l->grams[i].key == l->grams[i - 1].key)
            continue;
        size_t h = gram_hash(l->grams[i].key, l->mask);
        l->grams[i].next = l->heads[h];
        l->heads[h] = (uint32_t)i;
    }
    return 0;
}

int nc_langid_load(const char *data, size_t len, const char *name, nc_langid **out, char *err,
                   size_t errlen)
{
    *out = NULL;
    nc_langid *l = calloc(1, sizeof *l);
    parser p = {.name = name, .err = err, .errlen = errlen};
    if (!l)
        return NC_ENOMEM;
    int rc = 0;
    const char *s = data, *end = data + len;
    while (s < end && !rc) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *le = nl ? nl : end, *hash = memchr(s, '#', (size_t)(le - s));
        const char *ce = hash ? hash : le, *t = s, *w;
        p.line++;
        size_t n = word(&t, ce, &w);
        if (n == 4 && memcmp(w, "lang", 4) == 0)
            rc = parse_lang(l, &p, t, ce);
        else if (n == 7 && memcmp(w, "covered", 7) == 0) {
            while (!rc && (n = word(&t, ce, &w)) != 0) {
                if (p.n_covered == MAX_COVERED || n >= sizeof p.covered[0])
                    rc = fail(&p, "too many covered languages, or a code too long:", w, n);
                else
                    snprintf(p.covered[p.n_covered++], sizeof p.covered[0], "%.*s", (int)n, w);
            }
        } else if (n)
            rc = parse_grams(l, &p, s, ce);
        s = nl ? nl + 1 : end;
    }
    if (!rc && !l->n_langs) {
        snprintf(err, errlen, "%s:%zu: no 'lang' line", name, p.line);
        rc = NC_ERULES;
    }
    for (size_t i = 0; !rc && i < l->n_langs; i++)
        for (size_t k = 0; k < p.n_covered; k++)
            if (strcmp(l->langs[i].code, p.covered[k]) == 0)
                l->langs[i].covered = 1;
    if (!rc)
        rc = build_table(l);
    if (rc) {
        nc_langid_free(l);
        return rc;
    }
    *out = l;
    return 0;
}

/* ---- detection ---- */

/* The trigrams are collected first and scored after, in text order (the
 * sums come out the same to the bit), so that the table lines a trigram
 * needs are fetched while earlier ones are scored: the table is larger
 * than the caches and each lookup was two misses in a row. */
#define MAX_GRAMS (READ_MAX + 1) /* a letter or a word end makes at most one */
#define AHEAD 8                  /* trigrams between fetching a chain head and using it */

typedef struct scan {
    const nc_langid *l;
    double *score; /* per language: sum of gains */
    size_t n_grams;
    uint32_t slot[MAX_GRAMS]; /* each trigram's hash slot */
    uint64_t key[MAX_GRAMS];
} scan;

static void collect_gram(scan *sc, uint32_t a, uint32_t b, uint32_t c)
{
    if (sc->n_grams == MAX_GRAMS)
        return;
    uint64_t k = gram_key(a, b, c);
    sc->key[sc->n_grams] = k;
    sc->slot[sc->n_grams++] = (uint32_t)gram_hash(k, sc->l->mask);
}

/* noinline: the fuzzers leave its probes out of their comparison tracing
 * (tests/fuzz/coverage-ignore.txt), which works per function as compiled */
__attribute__((noinline)) static void score_grams(scan *sc)
{
    const nc_langid *l = sc->l;
    for (size_t n = 0; n < sc->n_grams; n++) {
        if (n + AHEAD < sc->n_grams)
            __builtin_prefetch(&l->heads[sc->slot[n + AHEAD]]);
        if (n + AHEAD / 2 < sc->n_grams) {
            uint32_t h = l->heads[sc->slot[n + AHEAD / 2]];
            if (h != UINT32_MAX)
                __builtin_prefetch(&l->grams[h]);
        }
        uint64_t k = sc->key[n];
        for (uint32_t i = l->heads[sc->slot[n]]; i != UINT32_MAX; i = l->grams[i].next)
            if (l->grams[i].key == k) {
                for (size_t j = i; j < l->n_grams && l->grams[j].key == k; j++)
                    sc->score[l->grams[j].lang] += l->grams[j].gain;
                break;
            }
    }
}

void nc_langid_detect(const nc_langid *l, const char *text, size_t len, nc_lang_guess *out)
{
    memset(out, 0, sizeof *out);
    if (len > READ_MAX)
        len = READ_MAX;
    double stack_score[64], *score = l->n_langs <= 64 ? stack_score : calloc(l->n_langs, sizeof *score);
    if (!score)
        return;
    memset(score, 0, l->n_langs * sizeof *score);
    scan sc; /* the arrays are written before they are read */
    sc.l = l;
    sc.score = score;
    sc.n_grams = 0;
    size_t counts[S_COUNT] = {0}, letters = 0;
    const unsigned char *u = (const unsigned char *)text;
    uint32_t p2 = 0, p1 = 0; /* the two letters before; p2 = 0: fewer than two */
    int in_word = 0;
    for (size_t i = 0; i < len;) {
        size_t n;
        uint32_t c = nc_utf8_decode(u, i, len, &n);
        i += n;
        if (i > len) /* a sequence cut by READ_MAX */
            break;
        unsigned cls = nc_char_class(c);
        if (cls & NC_CH_FORMAT)
            continue; /* invisible inside a word (soft hyphen, zero-width joiner) */
        if (cls & NC_CH_LETTER) {
            counts[script_of(c)]++;
            letters++;
            c = nc_char_lower(c);
            if (!in_word) {
                in_word = 1;
                p2 = 0;
                p1 = BOUNDARY;
            }
            if (p2)
                collect_gram(&sc, p2, p1, c);
            p2 = p1;
            p1 = c;
        } else if (in_word) {
            in_word = 0;
            collect_gram(&sc, p2, p1, BOUNDARY);
        }
    }
    if (in_word)
        collect_gram(&sc, p2, p1, BOUNDARY);
    score_grams(&sc);

    /* Han with kana is Japanese */
    if (counts[S_KANA] && counts[S_KANA] * 20 >= counts[S_KANA] + counts[S_HANI]) {
        counts[S_JPAN] = counts[S_KANA] + counts[S_HANI];
        counts[S_KANA] = counts[S_HANI] = 0;
    }
    int dom = 0;
    for (int s = 1; s < S_COUNT; s++)
        if (counts[s] > counts[dom])
            dom = s;
    /* a Han character or a Hangul syllable says as much as a few letters */
    size_t weight = letters + 2 * (counts[S_HANI] + counts[S_JPAN] + counts[S_HANG]);
    if (weight >= MIN_LETTERS) {
        double share = (double)counts[dom] / (double)letters, best = -INFINITY, foreign = share;
        int bi = -1, shared = 0;
        double t = sqrt((double)(sc.n_grams ? sc.n_grams : 1));
        for (size_t i = 0; i < l->n_langs; i++) {
            if (l->langs[i].script != dom)
                continue;
            score[i] += (double)sc.n_grams * l->langs[i].floor + (l->langs[i].covered ? t * COVERED_PRIOR : 0);
            double s = score[i];
            if (s > best) {
                best = s;
                bi = (int)i;
            }
        }
        if (bi >= 0) {
            /* posterior over the candidates, scores tempered by sqrt(n) */
            double sum = 0, covered = 0;
            for (size_t i = 0; i < l->n_langs; i++)
                if (l->langs[i].script == dom) {
                    double e = exp((score[i] - best) / t);
                    sum += e;
                    covered += l->langs[i].covered ? e : 0;
                    shared |= l->langs[i].covered;
                }
            out->code = l->langs[bi].code;
            out->covered = l->langs[bi].covered;
            out->confidence = share / sum;
            foreign = share * (1 - covered / sum);
        }
        /* foreign: the languages the rules cover are unlikely, whichever
         * of the others it is */
        out->foreign = weight >= (shared ? SHARED_LETTERS : FOREIGN_LETTERS) && !out->covered &&
                       foreign >= FOREIGN_CONFIDENCE;
    }
    if (score != stack_score)
        free(score);
}
