/* Part-of-speech tagger: features, model table, greedy tagging (pos.h). */
#include "text/pos.h"
#include "input/lines.h"
#include "newsclaims.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const upos_names[NC_UPOS_COUNT] = {
    "", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART",
    "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
};

static const char *const xpos_names[NC_XPOS_COUNT] = {
    "", "$", "``", "''", ",", "-LRB-", "-RRB-", ".", ":", "ADD", "AFX", "CC", "CD", "DT", "EX", "FW",
    "GW", "HYPH", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NFP", "NN", "NNP", "NNPS", "NNS", "PDT", "POS",
    "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ",
    "WDT", "WP", "WP$", "WRB", "XX",
};

const char *nc_upos_name(nc_upos u) { return (unsigned)u < NC_UPOS_COUNT ? upos_names[u] : ""; }
const char *nc_xpos_name(nc_xpos x) { return (unsigned)x < NC_XPOS_COUNT ? xpos_names[x] : ""; }

static unsigned name_index(const char *const *names, unsigned n, const char *s, size_t len)
{
    for (unsigned i = 1; i < n; i++)
        if (strlen(names[i]) == len && memcmp(names[i], s, len) == 0)
            return i;
    return 0;
}

nc_upos nc_upos_from_name(const char *s, size_t len) { return (nc_upos)name_index(upos_names, NC_UPOS_COUNT, s, len); }
nc_xpos nc_xpos_from_name(const char *s, size_t len) { return (nc_xpos)name_index(xpos_names, NC_XPOS_COUNT, s, len); }

const char *const nc_pos_template_name[NC_POSF_COUNT] = {
    "b", "w", "sh", "W", "i0", "s1", "s2", "s3", "s4", "p1", "p2", "p3", "a", "t1", "t2", "t12",
    "t1w", "t1s3", "w-1", "s-1", "sh-1", "w-1w", "w-2", "w+1", "s+1", "sh+1", "ww+1", "t1w+1", "a+1",
    "t1a+1", "aa+1", "w+2", "a+2",
};

/* ---- hashing: a feature's hash combines its template and the hashes of
 * its values, so each token's parts are hashed once, not once per feature */
#define FNV_OFF 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static uint64_t fnv(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
    return h;
}

/* FNV-1a spreads its low bits poorly for short keys: finish with a mixer
 * (a bijection). */
static uint64_t finish(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

uint64_t nc_pos_value_hash(const char *s, size_t len) { return fnv(FNV_OFF, s, len); }

/* The value hash of a suffix ("s1".."s4", "s-1", "s+1" and t1s3's second
 * value): FNV-1a from the last byte back, so that a token's four suffixes
 * are hashed in one pass. */
static uint64_t suffix_hash(const char *s, size_t len)
{
    uint64_t h = FNV_OFF;
    while (len > 0)
        h = (h ^ (unsigned char)s[--len]) * FNV_PRIME;
    return h;
}

static uint64_t combine(unsigned tmpl, uint64_t a, int has_b, uint64_t b)
{
    uint64_t h = a * 0x9e3779b97f4a7c15ull + (uint64_t)(tmpl + 1) * 0xc2b2ae3d27d4eb4full;
    if (has_b)
        h ^= (b + 0x165667b19e3779f9ull) * 0xbf58476d1ce4e5b9ull;
    h = finish(h);
    return h ? h : 1;
}

/* The fingerprint a slot keeps: the high half, which the slot's position
 * (the low bits) does not tell; never 0, the empty slot. */
static uint32_t fingerprint(uint64_t h)
{
    uint32_t f = (uint32_t)(h >> 32);
    return f ? f : 1;
}

/* A word-list key from the norm's value hash (which a prepared token has
 * already): mixed apart from the feature keys. */
static uint64_t word_key(uint64_t hnorm)
{
    uint64_t h = finish(hnorm ^ 0x776f72640977ull);
    return h ? h : 1;
}

uint64_t nc_pos_word_hash(const char *norm, size_t len) { return word_key(nc_pos_value_hash(norm, len)); }

/* ---- token preparation ---- */

static int is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

static char norm_byte(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return (char)(c + 32);
    if (c >= '0' && c <= '9')
        return '0';
    if (c <= ' ' || c == 0x7F)
        return '_';
    return (char)c;
}

/* Byte offset of the character boundary at or before want within s[0..len). */
static size_t back_to_char(const char *s, size_t len, size_t want)
{
    if (want >= len)
        return len;
    while (want > 0 && is_cont((unsigned char)s[want]))
        want--;
    return want;
}

static const char UNKNOWN_AMB[] = "?";
#define UNKNOWN_AMB_HASH ((FNV_OFF ^ (uint64_t)'?') * FNV_PRIME) /* nc_pos_value_hash("?", 1) */

void nc_pos_prepare(nc_pos_tok *t, const char *form, size_t len)
{
    t->form = form;
    t->len = len;
    size_t half = (NC_POS_NORM_MAX - 1) / 2; /* 19: head ~ tail */
    size_t n = 0;
    int upper = 0, space = 0;
    if (len <= NC_POS_NORM_MAX) {
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)form[i];
            upper |= c >= 'A' && c <= 'Z';
            space |= c <= ' ';
            t->norm[n++] = norm_byte(c);
        }
    } else {
        size_t head = back_to_char(form, len, half);
        size_t tail = len - half;
        while (tail < len && is_cont((unsigned char)form[tail]))
            tail++;
        for (size_t i = 0; i < head; i++)
            t->norm[n++] = norm_byte((unsigned char)form[i]);
        t->norm[n++] = '~';
        for (size_t i = tail; i < len; i++)
            t->norm[n++] = norm_byte((unsigned char)form[i]);
    }
    t->normlen = (unsigned char)n;

    /* shape: a run of one kind of character is written once */
    size_t s = 0;
    char last = 0;
    for (size_t i = 0; i < len && s < NC_POS_SHAPE_MAX; i++) {
        unsigned char c = (unsigned char)form[i];
        char k;
        if (c >= 'A' && c <= 'Z') k = 'X';
        else if (c >= 'a' && c <= 'z') k = 'x';
        else if (c >= '0' && c <= '9') k = 'd';
        else if (c >= 0x80) { if (is_cont(c)) continue; k = 'u'; }
        else if (c <= ' ' || c == 0x7F) k = '_';
        else k = (char)c;
        if (k != last)
            t->shape[s++] = k;
        last = k;
    }
    t->shapelen = (unsigned char)s;
    t->hshape = nc_pos_value_hash(t->shape, t->shapelen);
    /* the form as written, when its case tells something (a value holds
     * no space: the model file splits at spaces) */
    t->hform = upper && !space ? nc_pos_value_hash(form, len) : 0;
    /* the norm's hash, its prefixes of 1..3 characters on the way */
    uint64_t h = FNV_OFF;
    size_t chars = 0;
    for (size_t k = 0; k < t->normlen; k++) {
        h = (h ^ (unsigned char)t->norm[k]) * FNV_PRIME;
        if (chars < 3 && (k + 1 == t->normlen || !is_cont((unsigned char)t->norm[k + 1]))) {
            t->prelen[chars] = (unsigned char)(k + 1);
            t->hpre[chars++] = h;
        }
    }
    t->hnorm = h;
    t->npre = (unsigned char)chars;
    /* suffixes of 1..4 characters, up to the whole word, hashed from the
     * end in one pass (suffix_hash) */
    chars = 0;
    h = FNV_OFF;
    for (size_t k = t->normlen; k > 0 && chars < 4;) {
        k--;
        h = (h ^ (unsigned char)t->norm[k]) * FNV_PRIME;
        if (k == 0 || !is_cont((unsigned char)t->norm[k])) {
            t->suflen[chars] = (unsigned char)(t->normlen - k);
            t->hsuf[chars++] = h;
        }
    }
    t->nsuf = (unsigned char)chars;
    for (size_t c = chars; c < 4; c++) { /* "s3" of a short word: the word */
        t->suflen[c] = t->normlen;
        t->hsuf[c] = h;
    }
    t->amb = UNKNOWN_AMB;
    t->amblen = 1;
    t->hamb = UNKNOWN_AMB_HASH;
    t->cand = NULL;
    t->ncand = 0;
    t->state = 0;
    t->checked = 0;
}

void nc_pos_tok_set_amb(nc_pos_tok *t, const char *amb, size_t len)
{
    t->amb = amb;
    t->amblen = (unsigned char)len;
    t->hamb = nc_pos_value_hash(amb, len);
}

/* ---- features ---- */

static const char START1[] = "-S-", START2[] = "-S2-", END1[] = "-E-", END2[] = "-E2-";

static void put(nc_pos_feature *out, size_t *n, unsigned tmpl, const char *a, size_t alen, uint64_t ha,
                const char *b, size_t blen, uint64_t hb)
{
    nc_pos_feature *f = &out[(*n)++];
    f->tmpl = (unsigned char)tmpl;
    f->a = a;
    f->alen = (unsigned char)alen;
    f->ha = ha;
    f->b = b;
    f->blen = (unsigned char)blen;
    f->hb = hb;
}

/* one-part and two-part features from a token's prepared parts */
#define P1(...) P1_(__VA_ARGS__)
#define P1_(tm, s, l, h) put(out, &n, NC_POSF_##tm, s, l, h, NULL, 0, 0)
#define P2(...) P2_(__VA_ARGS__)
#define P2_(tm, s, l, h, s2, l2, h2) put(out, &n, NC_POSF_##tm, s, l, h, s2, l2, h2)
#define NORM(t) (t)->norm, (t)->normlen, (t)->hnorm
#define SHAPE(t) (t)->shape, (t)->shapelen, (t)->hshape
#define AMB(t) (t)->amb, (t)->amblen, (t)->hamb
#define SUF3(t) (t)->norm + (t)->normlen - (t)->suflen[2], (t)->suflen[2], (t)->hsuf[2]
#define PREV(p) (p)->name, (p)->len, (p)->hash

/* value hashes of the literals, computed once (FNV-1a of the bytes) */
#define H_EMPTY 0xcbf29ce484222325ull

static uint64_t lit_hash(const char *s) { return nc_pos_value_hash(s, strlen(s)); }

size_t nc_pos_features(const nc_pos_tok *toks, size_t n_toks, size_t i, const nc_pos_prev *prev1,
                       const nc_pos_prev *prev2, nc_pos_feature *out)
{
    size_t n = 0;
    const nc_pos_tok *t = &toks[i];
    nc_pos_prev s1 = {START1, 3, 0}, s2 = {START2, 4, 0};
    if (!prev1 || !prev2) {
        s1.hash = lit_hash(START1);
        s2.hash = lit_hash(START2);
    }
    const nc_pos_prev *p1 = prev1 ? prev1 : &s1, *p2 = prev2 ? prev2 : (i == 0 ? &s2 : &s1);
    P1(B, "", 0, H_EMPTY);
    P1(W, NORM(t));
    P1(SH, SHAPE(t));
    if (t->hform)
        P1(WCASE, t->form, t->len, t->hform);
    if (i == 0)
        P1(I0, SHAPE(t));
    for (unsigned k = 0; k < t->nsuf; k++)
        put(out, &n, NC_POSF_S1 + k, t->norm + t->normlen - t->suflen[k], t->suflen[k], t->hsuf[k], NULL, 0, 0);
    for (unsigned k = 0; k < t->npre; k++)
        put(out, &n, NC_POSF_P1 + k, t->norm, t->prelen[k], t->hpre[k], NULL, 0, 0);
    P1(A, AMB(t));
    P1(T1, PREV(p1));
    P1(T2, PREV(p2));
    P2(T12, PREV(p1), PREV(p2));
    P2(T1W, PREV(p1), NORM(t));
    P2(T1S3, PREV(p1), SUF3(t));
    if (i >= 1) {
        const nc_pos_tok *u = &toks[i - 1];
        P1(WM1, NORM(u));
        P1(SM1, SUF3(u));
        P1(SHM1, SHAPE(u));
        P2(WM1W, NORM(u), NORM(t));
    } else {
        P1(WM1, START1, 3, lit_hash(START1));
    }
    if (i >= 2)
        P1(WM2, NORM(&toks[i - 2]));
    else if (i == 1)
        P1(WM2, START1, 3, lit_hash(START1));
    else
        P1(WM2, START2, 4, lit_hash(START2));
    if (i + 1 < n_toks) {
        const nc_pos_tok *u = &toks[i + 1];
        P1(WP1, NORM(u));
        P1(SP1, SUF3(u));
        P1(SHP1, SHAPE(u));
        P2(WWP1, NORM(t), NORM(u));
        P2(T1WP1, PREV(p1), NORM(u));
        P1(AP1, AMB(u));
        P2(T1AP1, PREV(p1), AMB(u));
        P2(AAP1, AMB(t), AMB(u));
    } else {
        P1(WP1, END1, 3, lit_hash(END1));
    }
    if (i + 2 < n_toks) {
        P1(WP2, NORM(&toks[i + 2]));
        P1(AP2, AMB(&toks[i + 2]));
    } else if (i + 1 < n_toks)
        P1(WP2, END1, 3, lit_hash(END1));
    else
        P1(WP2, END2, 4, lit_hash(END2));
    return n;
}

size_t nc_pos_feature_text(const nc_pos_feature *f, char *buf, size_t cap)
{
    const char *name = nc_pos_template_name[f->tmpl];
    size_t nl = strlen(name), len = nl + 1 + f->alen + (f->b ? 1u + f->blen : 0);
    if (!cap)
        return len;
    char tmp[3 * 256 + 16];
    size_t k = 0;
    memcpy(tmp, name, nl);
    k = nl;
    tmp[k++] = '=';
    memcpy(tmp + k, f->a, f->alen);
    k += f->alen;
    if (f->b) {
        tmp[k++] = ' ';
        memcpy(tmp + k, f->b, f->blen);
        k += f->blen;
    }
    size_t c = k < cap - 1 ? k : cap - 1;
    memcpy(buf, tmp, c);
    buf[c] = '\0';
    return len;
}

/* A feature's text split: its template (NC_POSF_COUNT: none) and the
 * hashes of its values. */
static unsigned split_text(const char *s, size_t len, uint64_t *ha, int *has_b, uint64_t *hb)
{
    const char *eq = memchr(s, '=', len);
    if (!eq)
        return NC_POSF_COUNT;
    unsigned tmpl = NC_POSF_COUNT;
    for (unsigned k = 0; k < NC_POSF_COUNT; k++)
        if (strlen(nc_pos_template_name[k]) == (size_t)(eq - s) && memcmp(nc_pos_template_name[k], s, (size_t)(eq - s)) == 0)
            tmpl = k;
    const char *v = eq + 1, *end = s + len;
    const char *sp = memchr(v, ' ', (size_t)(end - v));
    int suf_a = (tmpl >= NC_POSF_S1 && tmpl <= NC_POSF_S4) || tmpl == NC_POSF_SM1 || tmpl == NC_POSF_SP1;
    size_t alen = (size_t)((sp ? sp : end) - v);
    *ha = suf_a ? suffix_hash(v, alen) : nc_pos_value_hash(v, alen);
    *has_b = sp != NULL;
    *hb = !sp ? 0 : tmpl == NC_POSF_T1S3 ? suffix_hash(sp + 1, (size_t)(end - sp - 1))
                                         : nc_pos_value_hash(sp + 1, (size_t)(end - sp - 1));
    return tmpl;
}

uint64_t nc_pos_hash_text(const char *s, size_t len)
{
    uint64_t ha, hb;
    int has_b;
    unsigned tmpl = split_text(s, len, &ha, &has_b, &hb);
    return tmpl == NC_POSF_COUNT ? 0 : combine(tmpl, ha, has_b, hb);
}

/* ---- what the previous classes can change ----
 * t1, t2 and t12 read only the previous classes; t1w, t1s3, t1w+1 and
 * t1a+1 pair the previous class with a value of the token or the next
 * one. A token's class depends on the tokens before it only through
 * them: when its best class stays best whatever the previous class is
 * (one of that token's candidates) and whatever the one before can add
 * (the model's p2_lo, p2_hi), tagging it need not look further back. */
/* per template: 0..3 for those that pair the previous class with another
 * value (t1w, t1s3, t1w+1, t1a+1), 4 for t1, t2, t12, -1 for the rest */
static const signed char prev_kind[NC_POSF_COUNT] = {
    [NC_POSF_B] = -1, [NC_POSF_W] = -1, [NC_POSF_SH] = -1, [NC_POSF_WCASE] = -1, [NC_POSF_I0] = -1,
    [NC_POSF_S1] = -1, [NC_POSF_S2] = -1, [NC_POSF_S3] = -1, [NC_POSF_S4] = -1, [NC_POSF_P1] = -1,
    [NC_POSF_P2] = -1, [NC_POSF_P3] = -1, [NC_POSF_A] = -1, [NC_POSF_T1] = 4, [NC_POSF_T2] = 4,
    [NC_POSF_T12] = 4, [NC_POSF_T1W] = 0, [NC_POSF_T1S3] = 1, [NC_POSF_WM1] = -1, [NC_POSF_SM1] = -1,
    [NC_POSF_SHM1] = -1, [NC_POSF_WM1W] = -1, [NC_POSF_WM2] = -1, [NC_POSF_WP1] = -1, [NC_POSF_SP1] = -1,
    [NC_POSF_SHP1] = -1, [NC_POSF_WWP1] = -1, [NC_POSF_T1WP1] = 2, [NC_POSF_AP1] = -1, [NC_POSF_T1AP1] = 3,
    [NC_POSF_AAP1] = -1, [NC_POSF_WP2] = -1, [NC_POSF_AP2] = -1,
};

static int is_ctx_tmpl(unsigned t) { return prev_kind[t] == 4; }


static inline uint64_t feature_hash(const nc_pos_feature *f) { return combine(f->tmpl, f->ha, f->b != NULL, f->hb); }
uint64_t nc_pos_feature_hash(const nc_pos_feature *f) { return feature_hash(f); }

/* ---- the word list, scoring and tagging ---- */

void nc_pos_lookup(const nc_pos_model *m, nc_pos_tok *t)
{
    if (!m->nwords)
        return;
    uint64_t h = word_key(t->hnorm);
    uint32_t fp = fingerprint(h);
    for (uint32_t s = (uint32_t)h & m->word_mask; m->words[s].fp; s = (s + 1) & m->word_mask)
        if (m->words[s].fp == fp) {
            const nc_pos_word *w = &m->words[s];
            t->amb = m->amb_value[w->amb];
            t->amblen = (unsigned char)strlen(t->amb);
            t->hamb = m->amb_hash[w->amb];
            t->ncand = m->cands[w->cand];
            t->cand = m->cands + w->cand + 1;
            return;
        }
}

static const nc_pos_slot *find(const nc_pos_model *m, uint64_t h)
{
    uint32_t fp = fingerprint(h);
    for (uint32_t s = (uint32_t)h & m->mask;; s = (s + 1) & m->mask) {
        const nc_pos_slot *x = &m->slots[s];
        if (x->fp == fp)
            return x;
        if (!x->fp)
            return NULL;
    }
}

/* A dense row into the scores: rows are padded to whole blocks of 8 and
 * the loop is plain, so the compiler adds them as vectors (the Makefile
 * asks gcc for that in this file). */
static void add_row(int32_t *restrict sc, const int16_t *restrict r, unsigned width)
{
    for (unsigned c = 0; c < width; c++)
        sc[c] += r[c];
}

/* The same into 16-bit sums, twice as many a vector (model->dense16 says
 * they cannot overflow). */
static void add_row16(int16_t *restrict sc, const int16_t *restrict r, unsigned width)
{
    for (unsigned c = 0; c < width; c++)
        sc[c] = (int16_t)(sc[c] + r[c]);
}

/* Scores over a token's candidates (at[class]: the candidate's index,
 * 0xFF for others) or, with ncand 0, over all classes (sc by class). */
typedef struct scorer {
    const nc_pos_model *m;
    const unsigned char *cand;
    unsigned ncand;
    int16_t *dense; /* NULL, or dense_sums: dense rows add here (all classes, a dense16 model) */
    unsigned char at[256];
    int16_t dense_sums[NC_POS_DENSE_WIDTH(NC_POS_MAX_CLASSES)];
} scorer;

static void scorer_init(scorer *s, const nc_pos_model *m, const unsigned char *cand, unsigned ncand)
{
    s->m = m;
    s->cand = cand;
    s->ncand = ncand;
    s->dense = NULL;
    if (ncand) {
        memset(s->at, 0xFF, sizeof s->at);
        for (unsigned j = 0; j < ncand; j++)
            s->at[cand[j]] = (unsigned char)j;
    }
}

/* How many scores sc holds. */
static unsigned scorer_width(const scorer *s) { return s->ncand ? s->ncand : NC_POS_DENSE_WIDTH(s->m->nclasses); }

/* Adds the weights of the feature in slot x. */
static void scorer_add_slot(const scorer *s, const nc_pos_slot *x, int32_t *sc)
{
    const nc_pos_model *m = s->m;
    if (s->ncand) {
        if (x->n <= NC_POS_INLINE) {
            for (unsigned e = 0; e < x->n; e++) {
                unsigned j = s->at[(x->row >> (8 * e)) & 0xFF];
                if (j != 0xFF)
                    sc[j] += x->w[e];
            }
        } else if (x->n == NC_POS_DENSE) {
            const int16_t *r = m->rows + x->row;
            for (unsigned j = 0; j < s->ncand; j++)
                sc[j] += r[s->cand[j]];
        } else {
            const int16_t *r = m->rows + x->row;
            for (unsigned e = 0; e < x->n; e++) {
                unsigned j = s->at[(unsigned char)r[2 * e]];
                if (j != 0xFF)
                    sc[j] += r[2 * e + 1];
            }
        }
    } else if (x->n <= NC_POS_INLINE) {
        for (unsigned e = 0; e < x->n; e++)
            sc[(x->row >> (8 * e)) & 0xFF] += x->w[e];
    } else if (x->n == NC_POS_DENSE) {
        if (s->dense)
            add_row16(s->dense, m->rows + x->row, NC_POS_DENSE_WIDTH(m->nclasses));
        else
            add_row(sc, m->rows + x->row, NC_POS_DENSE_WIDTH(m->nclasses));
    } else {
        const int16_t *r = m->rows + x->row;
        for (unsigned e = 0; e < x->n; e++)
            sc[(unsigned char)r[2 * e]] += r[2 * e + 1];
    }
}

/* Adds the weights of the features of hashes h[0..n) (none for those the
 * model lacks) in three passes, so that their cache misses overlap (the
 * slot table is megabytes): every slot fetched, then each found and its
 * row fetched, then the weights added. A token's static features went in
 * one by one, miss after miss: 24% of the tagger's time. */
static void scorer_add_many(const scorer *s, const uint64_t *h, size_t n, int32_t *sc)
{
    const nc_pos_model *m = s->m;
    const nc_pos_slot *xs[NC_POS_MAX_FEATURES];
    size_t nx = 0;
    for (size_t q = 0; q < n; q++)
        __builtin_prefetch(&m->slots[(uint32_t)h[q] & m->mask]);
    for (size_t q = 0; q < n; q++) {
        const nc_pos_slot *x = find(m, h[q]);
        if (!x)
            continue;
        if (x->n > NC_POS_INLINE)
            __builtin_prefetch(m->rows + x->row);
        xs[nx++] = x;
    }
    for (size_t q = 0; q < nx; q++)
        scorer_add_slot(s, xs[q], sc);
}

/* Adds the features of hashes h[0..n) to sc (scores kept from before):
 * over all classes of a dense16 model, the dense rows go through 16-bit
 * sums first. */
static void scorer_add_all(scorer *s, const uint64_t *h, size_t n, int32_t *sc)
{
    unsigned width = NC_POS_DENSE_WIDTH(s->m->nclasses);
    if (!s->ncand && s->m->dense16) {
        memset(s->dense_sums, 0, width * sizeof *s->dense_sums);
        s->dense = s->dense_sums;
    }
    scorer_add_many(s, h, n, sc);
    if (s->dense) {
        for (unsigned c = 0; c < width; c++)
            sc[c] += s->dense[c];
        s->dense = NULL;
    }
}

/* The class of the best score; the lowest class on a tie. */
static unsigned scorer_best(const scorer *s, const int32_t *sc)
{
    unsigned n = s->ncand ? s->ncand : s->m->nclasses, best = 0;
    for (unsigned j = 1; j < n; j++)
        if (sc[j] > sc[best])
            best = j;
    return s->ncand ? s->cand[best] : best;
}

unsigned nc_pos_score(const nc_pos_model *m, const nc_pos_feature *f, size_t nf, const unsigned char *cand,
                      unsigned ncand)
{
    scorer s;
    int32_t sc[NC_POS_DENSE_WIDTH(NC_POS_MAX_CLASSES)];
    uint64_t h[NC_POS_MAX_FEATURES];
    scorer_init(&s, m, cand, ncand);
    memset(sc, 0, scorer_width(&s) * sizeof *sc);
    for (size_t k = 0; k < nf; k += NC_POS_MAX_FEATURES) { /* in batches of what one token has */
        size_t n = nf - k < NC_POS_MAX_FEATURES ? nf - k : NC_POS_MAX_FEATURES;
        for (size_t q = 0; q < n; q++)
            h[q] = feature_hash(&f[k + q]);
        scorer_add_all(&s, h, n, sc);
    }
    return scorer_best(&s, sc);
}

int nc_pos_cands_allow(const nc_pos_model *m, const unsigned char *cand, unsigned ncand, uint32_t upos_mask,
                       uint64_t xpos_mask)
{
    if (!ncand)
        return 1;
    for (unsigned j = 0; j < ncand; j++)
        if ((upos_mask >> m->class_upos[cand[j]] & 1) || (xpos_mask >> m->class_xtag[cand[j]] & 1))
            return 1;
    return 0;
}

int nc_pos_may_be(const nc_pos_model *m, const char *form, size_t len, uint32_t upos_mask, uint64_t xpos_mask)
{
    nc_pos_tok t;
    nc_pos_prepare(&t, form, len);
    nc_pos_lookup(m, &t);
    return nc_pos_cands_allow(m, t.cand, t.ncand, upos_mask, xpos_mask);
}

void nc_pos_run_init(nc_pos_run *r, const nc_pos_model *m, const char *const *forms, const size_t *lens, size_t n,
                     unsigned char *out, nc_pos_tok *scratch)
{
    *r = (nc_pos_run){m, forms, lens, n, out, scratch, 0, 0, 0, n};
    nc_pos_run_next(r, forms, lens, n, out);
}

void nc_pos_run_next(nc_pos_run *r, const char *const *forms, const size_t *lens, size_t n, unsigned char *out)
{
    for (size_t k = r->prep_lo; k < r->prep_hi; k++)
        r->toks[k].form = NULL; /* not prepared */
    *r = (nc_pos_run){r->m, forms, lens, n, out, r->toks, 0, 0, n, 0};
}

static void prev_of(const nc_pos_model *m, unsigned c, nc_pos_prev *p)
{
    *p = (nc_pos_prev){m->class_name[c], strlen(m->class_name[c]), m->class_hash[c]};
}

/* Token k prepared and looked up (once a run). */
static const nc_pos_tok *ready(nc_pos_run *r, size_t k)
{
    nc_pos_tok *t = &r->toks[k];
    if (!t->form) {
        nc_pos_prepare(t, r->forms[k] ? r->forms[k] : "", r->lens[k]);
        nc_pos_lookup(r->m, t);
        if (k < r->prep_lo)
            r->prep_lo = k;
        if (k + 1 > r->prep_hi)
            r->prep_hi = k + 1;
    }
    return t;
}

enum { TOK_FRESH, TOK_STATIC, TOK_FULL };

/* The features of token k, its neighbours prepared; the previous classes
 * as out[] has them, class 0 where it has none yet (the features that
 * read them are then not to be scored). */
static size_t features_of(nc_pos_run *r, size_t k, nc_pos_feature *f)
{
    nc_pos_prev p1, p2;
    unsigned c1 = k >= 1 ? r->out[k - 1] : 0, c2 = k >= 2 ? r->out[k - 2] : 0;
    prev_of(r->m, c1 == NC_POS_UNTAGGED ? 0 : c1, &p1);
    prev_of(r->m, c2 == NC_POS_UNTAGGED ? 0 : c2, &p2);
    for (size_t j = k >= 2 ? k - 2 : 0; j < r->n && j <= k + 2; j++)
        ready(r, j);
    return nc_pos_features(r->toks, r->n, k, k >= 1 ? &p1 : NULL, k >= 2 ? &p2 : NULL, f);
}

static const unsigned char bound_tmpl[4] = {NC_POSF_T1W, NC_POSF_T1S3, NC_POSF_T1WP1, NC_POSF_T1AP1};


/* The hashes of token k's features that read the previous classes, from
 * their value hashes: h1 class k-1's, h2 class k-2's (-S- for k = 1);
 * nc_pos_features() gives the same features (t1, t2, t12 always; the
 * others as the token's dyn_mask says). Returns how many. */
static size_t prev_features(const nc_pos_tok *t, uint64_t h1, uint64_t h2, uint64_t *out)
{
    size_t n = 0;
    out[n++] = combine(NC_POSF_T1, h1, 0, 0);
    out[n++] = combine(NC_POSF_T2, h2, 0, 0);
    out[n++] = combine(NC_POSF_T12, h1, 1, h2);
    for (unsigned b = 0; b < 4; b++)
        if (t->dyn_mask >> b & 1)
            out[n++] = combine(bound_tmpl[b], h1, 1, t->dyn_hb[b]);
    return n;
}

/* The value hash of class c, or of -S- for none (NC_POS_UNTAGGED). */
static uint64_t class_value(const nc_pos_model *m, unsigned c)
{
    return c == NC_POS_UNTAGGED ? nc_pos_value_hash(START1, 3) : m->class_hash[c];
}

/* Token k's scores from the features that do not read the previous
 * classes, once (TOK_STATIC); TOK_FULL when the token cannot keep them
 * (a model of many classes, a token of any class). */
static int static_scores(nc_pos_run *r, size_t k, scorer *s)
{
    nc_pos_tok *t = &r->toks[k];
    scorer_init(s, r->m, t->cand, t->ncand);
    if (t->state == TOK_FRESH) {
        if (scorer_width(s) > NC_POS_STAT_MAX) {
            t->state = TOK_FULL;
            return 0;
        }
        nc_pos_feature f[NC_POS_MAX_FEATURES];
        size_t nf = features_of(r, k, f);
        unsigned width = scorer_width(s);
        memset(t->stat, 0, width * sizeof *t->stat);
        if (!t->ncand && r->m->dense16) {
            memset(s->dense_sums, 0, width * sizeof *s->dense_sums);
            s->dense = s->dense_sums;
        }
        t->dyn_mask = 0;
        uint64_t h[NC_POS_MAX_FEATURES];
        size_t nh = 0;
        for (size_t q = 0; q < nf; q++) {
            int bi = prev_kind[f[q].tmpl];
            if (bi < 0)
                h[nh++] = feature_hash(&f[q]);
            else if (bi < 4) {
                t->dyn_hb[bi] = f[q].hb;
                t->dyn_mask |= (unsigned char)(1u << bi);
            }
        }
        scorer_add_many(s, h, nh, t->stat);
        if (s->dense) {
            for (unsigned c = 0; c < width; c++)
                t->stat[c] += s->dense[c];
            s->dense = NULL;
        }
        t->state = TOK_STATIC;
    }
    return t->state == TOK_STATIC;
}

/* The class scored best by lo, when every other class's hi stays below
 * it (then no score between the bounds can change the winner); -1
 * otherwise. */
static int sure_best(const scorer *s, const int32_t *lo, int32_t *hi)
{
    unsigned n = s->ncand ? s->ncand : s->m->nclasses, best = 0;
    int32_t top = lo[0], other = INT32_MIN;
    for (unsigned j = 1; j < n; j++) /* plain max loops: vectorised */
        top = lo[j] > top ? lo[j] : top;
    while (lo[best] != top)
        best++;
    int32_t keep = hi[best];
    hi[best] = INT32_MIN;
    for (unsigned j = 0; j < n; j++)
        other = hi[j] > other ? hi[j] : other;
    hi[best] = keep;
    if (other >= top)
        return -1;
    return (int)(s->ncand ? s->cand[best] : best);
}

/* lo and hi for class k-1 = p1: the static scores and p1's features,
 * within what class k-2 can add (p2_lo, p2_hi). */
static void p1_bounds(const nc_pos_run *r, const nc_pos_tok *t, scorer *s, unsigned p1, int32_t *restrict lo,
                      int32_t *restrict hi)
{
    const nc_pos_model *m = r->m;
    memcpy(lo, t->stat, scorer_width(s) * sizeof *lo);
    uint64_t h1 = m->class_hash[p1], h[5];
    size_t nh = 0;
    h[nh++] = combine(NC_POSF_T1, h1, 0, 0);
    for (unsigned b = 0; b < 4; b++)
        if (t->dyn_mask >> b & 1)
            h[nh++] = combine(bound_tmpl[b], h1, 1, t->dyn_hb[b]);
    scorer_add_all(s, h, nh, lo);
    const int32_t *restrict plo = m->p2_lo + p1 * m->nclasses, *restrict phi = m->p2_hi + p1 * m->nclasses;
    if (t->ncand) {
        for (unsigned j = 0; j < t->ncand; j++) {
            hi[j] = lo[j] + phi[t->cand[j]];
            lo[j] += plo[t->cand[j]];
        }
    } else { /* all classes: a plain loop, vectorised */
        for (unsigned c = 0; c < m->nclasses; c++) {
            hi[c] = lo[c] + phi[c];
            lo[c] += plo[c];
        }
    }
}

/* 1 when token k (k >= 1, untagged, of several classes) has its best
 * class whatever class k-1 is, out[k] then set. Class k-1 is one of its
 * candidates (TRY_MAX at most), each tried with the features that read
 * it, within what class k-2 can add. Asked once a token. */
#define TRY_MAX 4

static int context_free(nc_pos_run *r, size_t k)
{
    nc_pos_tok *t = &r->toks[k];
    scorer s;
    if (t->checked || !static_scores(r, k, &s))
        return 0;
    t->checked = 1;
    int32_t lo[NC_POS_STAT_MAX], hi[NC_POS_STAT_MAX];
    const nc_pos_tok *before = ready(r, k - 1);
    int sure = -1;
    unsigned char one = r->out[k - 1]; /* tagged already: that class alone */
    if (one == NC_POS_UNTAGGED && (!before->ncand || before->ncand > TRY_MAX))
        return 0; /* token k-1 may be of too many classes to try (measured: 4 costs least) */
    const unsigned char *c1 = one != NC_POS_UNTAGGED ? &one : before->cand;
    unsigned n1 = one != NC_POS_UNTAGGED ? 1 : before->ncand;
    for (unsigned e = 0; e < n1; e++) {
        p1_bounds(r, t, &s, c1[e], lo, hi);
        int best = sure_best(&s, lo, hi);
        if (best < 0 || (e && best != sure))
            return 0;
        sure = best;
    }
    if (sure < 0)
        return 0;
    r->out[k] = (unsigned char)sure;
    return 1;
}

/* 1 when token k (k >= 2, untagged, of several classes, out[k-1] set)
 * has its best class whatever class k-2 is, out[k] then set: each of
 * token k-2's candidates is tried, or a token k-2 of any class is
 * bounded by p2_lo, p2_hi. */
static int free_of_p2(nc_pos_run *r, size_t k)
{
    const nc_pos_model *m = r->m;
    const nc_pos_tok *t = &r->toks[k];
    scorer s;
    if (!static_scores(r, k, &s))
        return 0;
    int32_t lo[NC_POS_STAT_MAX], hi[NC_POS_STAT_MAX];
    unsigned p1 = r->out[k - 1];
    const nc_pos_tok *two = ready(r, k - 2);
    int sure = -1;
    if (!two->ncand) {
        p1_bounds(r, t, &s, p1, lo, hi);
        sure = sure_best(&s, lo, hi);
    } else {
        uint64_t h[NC_POS_MAX_FEATURES];
        int32_t sc[NC_POS_STAT_MAX];
        for (unsigned e = 0; e < two->ncand; e++) {
            memcpy(sc, t->stat, scorer_width(&s) * sizeof *sc);
            size_t nh = prev_features(t, m->class_hash[p1], m->class_hash[two->cand[e]], h);
            scorer_add_all(&s, h, nh, sc);
            int best = (int)scorer_best(&s, sc);
            if (e && best != sure)
                return 0;
            sure = best;
        }
    }
    if (sure < 0)
        return 0;
    r->out[k] = (unsigned char)sure;
    return 1;
}

/* Tags token k, whose two left neighbours are tagged (or absent). */
static void tag_one(nc_pos_run *r, size_t k)
{
    const nc_pos_tok *t = ready(r, k);
    if (t->ncand == 1) { /* a word with one class: no scoring */
        r->out[k] = t->cand[0];
        return;
    }
    r->tagged++;
    scorer s;
    if (k >= 1 && t->state == TOK_STATIC && static_scores(r, k, &s)) {
        /* the static scores a check kept, and the features of the classes
         * before (a token not checked, as in nc_pos_tag, is scored whole) */
        uint64_t h[NC_POS_MAX_FEATURES];
        int32_t sc[NC_POS_STAT_MAX];
        memcpy(sc, t->stat, scorer_width(&s) * sizeof *sc);
        size_t nh = prev_features(t, class_value(r->m, r->out[k - 1]),
                                  class_value(r->m, k >= 2 ? r->out[k - 2] : NC_POS_UNTAGGED), h);
        scorer_add_all(&s, h, nh, sc);
        r->out[k] = (unsigned char)scorer_best(&s, sc);
        return;
    }
    nc_pos_feature f[NC_POS_MAX_FEATURES];
    size_t nf = features_of(r, k, f);
    r->out[k] = (unsigned char)nc_pos_score(r->m, f, nf, t->cand, t->ncand);
}

/* Token k's class without tagging the tokens before it, when that can be
 * told: a word of one class, the first token, or one whose class the
 * previous ones cannot change. */
static int known(nc_pos_run *r, size_t k)
{
    if (r->out[k] != NC_POS_UNTAGGED)
        return 1;
    if (ready(r, k)->ncand == 1 || k == 0) {
        tag_one(r, k);
        return 1;
    }
    return context_free(r, k);
}

#define RESOLVE_DEPTH 48

/* Sets out[i]: known, or from class i-1 (resolved first) when class i-2
 * cannot change it, or from both. Past RESOLVE_DEPTH tokens back, from the
 * nearest two tagged tokens in a row, left to right. */
static void resolve(nc_pos_run *r, size_t i, unsigned depth)
{
    if (i < r->lowest)
        r->lowest = i;
    if (known(r, i))
        return;
    if (depth >= RESOLVE_DEPTH) {
        size_t p = i;
        while (p > 0 && !(r->out[p - 1] != NC_POS_UNTAGGED && (p < 2 || r->out[p - 2] != NC_POS_UNTAGGED)))
            p--;
        if (p < r->lowest)
            r->lowest = p;
        for (size_t k = p; k <= i; k++)
            if (r->out[k] == NC_POS_UNTAGGED)
                tag_one(r, k);
        return;
    }
    resolve(r, i - 1, depth + 1);
    if (i >= 2 && r->out[i - 2] == NC_POS_UNTAGGED) {
        if (free_of_p2(r, i))
            return;
        resolve(r, i - 2, depth + 1);
    }
    tag_one(r, i);
}

size_t nc_pos_run_upto(nc_pos_run *r, size_t i)
{
    if (i >= r->n || r->out[i] != NC_POS_UNTAGGED)
        return i;
    r->lowest = i;
    resolve(r, i, 0);
    return r->lowest;
}

int nc_pos_tag(const nc_pos_model *m, const char *const *forms, const size_t *lens, size_t n,
               unsigned char *out)
{
    nc_pos_tok stack[24], *toks = stack; /* a token is ~750 bytes: longer sentences malloc */
    if (!n)
        return 0;
    if (n > sizeof stack / sizeof stack[0]) {
        toks = malloc(n * sizeof *toks);
        if (!toks)
            return NC_ENOMEM;
    }
    nc_pos_run r;
    memset(out, NC_POS_UNTAGGED, n);
    nc_pos_run_init(&r, m, forms, lens, n, out, toks);
    for (size_t k = 0; k < n; k++)
        if (out[k] == NC_POS_UNTAGGED)
            tag_one(&r, k);
    if (toks != stack)
        free(toks);
    return 0;
}

/* ---- the text format ---- */

/* Distinct strings (ambiguity classes, candidate lists) numbered in the
 * order first seen. */
typedef struct intern {
    char **s;
    size_t n;
    uint32_t *slot; /* index + 1 */
    uint32_t mask;
} intern;

static void intern_free(intern *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->s[i]);
    free(t->s);
    free(t->slot);
    memset(t, 0, sizeof *t);
}

/* The number of s[0..len), added when new; -1 on NC_ENOMEM. */
static long intern_add(intern *t, const char *s, size_t len)
{
    if ((t->n + 1) * 2 > (size_t)t->mask + 1 || !t->slot) {
        uint32_t size = t->slot ? 2 * (t->mask + 1) : 256;
        uint32_t *ns = calloc(size, sizeof *ns);
        if (!ns)
            return -1;
        for (size_t k = 0; k < t->n; k++) {
            uint32_t h = (uint32_t)nc_pos_value_hash(t->s[k], strlen(t->s[k])) & (size - 1);
            while (ns[h])
                h = (h + 1) & (size - 1);
            ns[h] = (uint32_t)(k + 1);
        }
        free(t->slot);
        t->slot = ns;
        t->mask = size - 1;
    }
    uint32_t h = (uint32_t)nc_pos_value_hash(s, len) & t->mask;
    for (; t->slot[h]; h = (h + 1) & t->mask) {
        const char *x = t->s[t->slot[h] - 1];
        if (strlen(x) == len && memcmp(x, s, len) == 0)
            return (long)t->slot[h] - 1;
    }
    if ((t->n & (t->n - 1)) == 0) {
        char **ns = realloc(t->s, (t->n ? 2 * t->n : 1) * sizeof *ns);
        if (!ns)
            return -1;
        t->s = ns;
    }
    char *c = malloc(len + 1);
    if (!c)
        return -1;
    memcpy(c, s, len);
    c[len] = '\0';
    t->s[t->n] = c;
    t->slot[h] = (uint32_t)(t->n + 1);
    return (long)t->n++;
}

typedef struct parsed {
    char **names, **xpos;
    uint64_t *class_hash, *amb_hash;
    unsigned char *upos, *xtag, *cands;
    int32_t *p2_lo, *p2_hi;
    nc_pos_slot *slots;
    int16_t *rows;
    nc_pos_word *words;
    intern amb;
} parsed;

static void parsed_free(parsed *p, unsigned nclasses)
{
    if (!p)
        return;
    for (unsigned i = 0; p->names && i < nclasses; i++)
        free(p->names[i]);
    for (unsigned i = 0; p->xpos && i < nclasses; i++)
        free(p->xpos[i]);
    free(p->names);
    free(p->xpos);
    free(p->class_hash);
    free(p->amb_hash);
    free(p->upos);
    free(p->xtag);
    free(p->p2_lo);
    free(p->p2_hi);
    free(p->cands);
    free(p->slots);
    free(p->rows);
    free(p->words);
    intern_free(&p->amb);
    free(p);
}

void nc_pos_model_free(nc_pos_model *m)
{
    if (!m)
        return;
    parsed_free(m->owned, m->nclasses);
    free(m);
}

static uint32_t table_size(size_t n, unsigned load_pct)
{
    uint32_t s = 16;
    while ((size_t)s * load_pct < n * 100 + 1)
        s <<= 1;
    return s;
}

typedef struct feat_in {
    uint64_t hash, ha, hb; /* the hashes of its values (the previous classes; bound rows group by hb) */
    size_t first, count; /* entries in the temporary arrays */
    unsigned tmpl;
} feat_in;

/* The features being read, and their (class, weight) entries. */
typedef struct building {
    feat_in *f;
    size_t nf, capf;
    unsigned char *cls;
    int16_t *w;
    size_t ne, cape;
} building;

static void building_free(building *b)
{
    free(b->f);
    free(b->cls);
    free(b->w);
}

static feat_in *push_feat(building *b, uint64_t hash, unsigned tmpl, uint64_t ha, uint64_t hb)
{
    if (b->nf == b->capf) {
        size_t cap = b->capf ? 2 * b->capf : 4096;
        feat_in *nf = realloc(b->f, cap * sizeof *nf);
        if (!nf)
            return NULL;
        b->f = nf;
        b->capf = cap;
    }
    feat_in *f = &b->f[b->nf++];
    *f = (feat_in){hash, ha, hb, b->ne, 0, tmpl};
    return f;
}

/* An entry of the last feature pushed. 0 or NC_ENOMEM. */
static int push_entry(building *b, unsigned cls, int w)
{
    if (b->ne == b->cape) {
        size_t cap = b->cape ? 2 * b->cape : 16384;
        unsigned char *nc = realloc(b->cls, cap);
        if (!nc)
            return NC_ENOMEM;
        b->cls = nc;
        int16_t *nw = realloc(b->w, cap * sizeof *nw);
        if (!nw)
            return NC_ENOMEM;
        b->w = nw;
        b->cape = cap;
    }
    b->cls[b->ne] = (unsigned char)cls;
    b->w[b->ne++] = (int16_t)w;
    b->f[b->nf - 1].count++;
    return 0;
}

/* 1 when no token's sum of weights can leave 16 bits: a token has one
 * feature of each template at most, so per class the sum of each
 * template's largest weight (in magnitude) bounds it. */
static int sums_fit_16(const building *b, unsigned nclasses)
{
    int32_t most[NC_POSF_COUNT][NC_POS_MAX_CLASSES];
    memset(most, 0, sizeof most);
    for (size_t k = 0; k < b->nf; k++)
        for (size_t e = b->f[k].first; e < b->f[k].first + b->f[k].count; e++) {
            int32_t w = b->w[e] < 0 ? -b->w[e] : b->w[e];
            int32_t *x = &most[b->f[k].tmpl][b->cls[e]];
            *x = w > *x ? w : *x;
        }
    for (unsigned c = 0; c < nclasses; c++) {
        int32_t sum = 0;
        for (unsigned t = 0; t < NC_POSF_COUNT; t++)
            sum += most[t][c];
        if (sum > 32767)
            return 0;
    }
    return 1;
}

/* The index of the class (or of -S-, nclasses) whose value hash is h;
 * -1 for none. */
static int class_of_hash(const uint64_t *class_hash, unsigned nclasses, uint64_t h)
{
    for (unsigned c = 0; c < nclasses; c++)
        if (class_hash[c] == h)
            return (int)c;
    return h == nc_pos_value_hash(START1, 3) ? (int)nclasses : -1;
}

/* What t1, t2 and t12 can add (see "what the previous classes can
 * change" above), over previous classes p1 (a class) and p2 (a class, or
 * -S- for the second token): per class c, ctx_lo/ctx_hi the least and
 * most of t1 + t2 + t12, and p2_lo/p2_hi[p1 * nclasses + c] those of
 * t2 + t12 for a given p1. 0 or NC_ENOMEM. */
static int prev_bounds(const building *b, unsigned nclasses, const uint64_t *class_hash, int32_t *p2_lo,
                       int32_t *p2_hi)
{
    size_t n1 = nclasses, n2 = nclasses + 1u;
    int32_t *t1 = calloc(n1 * nclasses, sizeof *t1), *t2 = calloc(n2 * nclasses, sizeof *t2);
    int16_t *t12 = calloc(n1 * n2 * nclasses, sizeof *t12);
    if (!t1 || !t2 || !t12) {
        free(t1);
        free(t2);
        free(t12);
        return NC_ENOMEM;
    }
    for (size_t k = 0; k < b->nf; k++) {
        const feat_in *f = &b->f[k];
        if (!is_ctx_tmpl(f->tmpl))
            continue;
        int p1 = class_of_hash(class_hash, nclasses, f->ha);
        int p2 = f->tmpl == NC_POSF_T12 ? class_of_hash(class_hash, nclasses, f->hb) : 0;
        if (p1 < 0 || p2 < 0 || (f->tmpl != NC_POSF_T2 && p1 == (int)nclasses))
            continue; /* only at the sentence start, where the classes are known */
        for (size_t e = f->first; e < f->first + f->count; e++) {
            if (f->tmpl == NC_POSF_T1)
                t1[(size_t)p1 * nclasses + b->cls[e]] = b->w[e];
            else if (f->tmpl == NC_POSF_T2)
                t2[(size_t)p1 * nclasses + b->cls[e]] = b->w[e];
            else
                t12[((size_t)p1 * n2 + (size_t)p2) * nclasses + b->cls[e]] = b->w[e];
        }
    }
    for (size_t p1 = 0; p1 < n1; p1++)
        for (unsigned c = 0; c < nclasses; c++) {
            int32_t lo = INT32_MAX, hi = INT32_MIN;
            for (size_t p2 = 0; p2 < n2; p2++) {
                int32_t v = t2[p2 * nclasses + c] + t12[(p1 * n2 + p2) * nclasses + c];
                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
            p2_lo[p1 * nclasses + c] = lo;
            p2_hi[p1 * nclasses + c] = hi;
        }
    free(t1);
    free(t2);
    free(t12);
    return 0;
}

typedef struct word_in {
    uint64_t hash;
    uint16_t amb, cand;
} word_in;

/* "0+9+12" into classes (ascending, distinct, < nclasses); "*" is none.
 * The count, or -1 when malformed. */
static int class_list(const char *s, size_t len, unsigned nclasses, unsigned char *out)
{
    if (len == 1 && s[0] == '*')
        return 0;
    int n = 0;
    const char *q = s, *e = s + len;
    while (q < e) {
        char *end;
        long c = strtol(q, &end, 10);
        if (end == q || c < 0 || c >= (long)nclasses || n >= NC_POS_MAX_CANDS || (n && c <= out[n - 1]))
            return -1;
        out[n++] = (unsigned char)c;
        if (end < e && *end != '+')
            return -1;
        q = end < e ? end + 1 : end;
    }
    return n ? n : -1;
}

#define FAIL(...) do { snprintf(errbuf, errlen, __VA_ARGS__); rc = NC_ERULES; goto out; } while (0)

/* The next tab-separated field of [*q, e): its start and length. */
static int field(const char **q, const char *e, const char **s, size_t *len)
{
    if (*q > e)
        return -1;
    const char *t = memchr(*q, '\t', (size_t)(e - *q));
    *s = *q;
    *len = (size_t)((t ? t : e) - *q);
    *q = t ? t + 1 : e + 1;
    return 0;
}

int nc_pos_model_parse(nc_pos_model **out, const char *text, size_t len, char *errbuf, size_t errlen)
{
    *out = NULL;
    int rc = NC_ENOMEM;
    nc_pos_model *m = calloc(1, sizeof *m);
    parsed *p = calloc(1, sizeof *p);
    building bd = {0};
    word_in *words = NULL;
    intern cand = {0};
    size_t nword = 0, capword = 0;
    if (!m || !p) {
        free(p);
        goto out;
    }
    m->owned = p;
    p->names = calloc(NC_POS_MAX_CLASSES, sizeof *p->names);
    p->xpos = calloc(NC_POS_MAX_CLASSES, sizeof *p->xpos);
    p->class_hash = calloc(NC_POS_MAX_CLASSES, sizeof *p->class_hash);
    p->upos = calloc(NC_POS_MAX_CLASSES, 1);
    p->xtag = calloc(NC_POS_MAX_CLASSES, 1);
    if (!p->names || !p->xpos || !p->class_hash || !p->upos || !p->xtag || intern_add(&p->amb, UNKNOWN_AMB, 1) != 0 ||
        intern_add(&cand, "*", 1) != 0)
        goto out;

    size_t lineno = 0;
    nc_lines ls;
    nc_line ln;
    nc_lines_mem(&ls, text, len);
    while (nc_lines_next(&ls, &ln) > 0) {
        lineno = ln.lineno;
        const char *line = ln.s, *e = ln.s + ln.len, *q = line, *key = line, *a, *b, *c;
        size_t kl = 0, al, bl, cl;
        if (!ln.len || line[0] == '#')
            continue;
        if (!memchr(line, '\t', ln.len))
            FAIL("line %zu: expected a tab-separated line", lineno);
        field(&q, e, &key, &kl);
        if (kl == 5 && memcmp(key, "class", 5) == 0) {
            /* class<TAB>UPOS<TAB>XPOS */
            if (field(&q, e, &a, &al) || field(&q, e, &b, &bl) || !al || !bl || q <= e)
                FAIL("line %zu: class needs UPOS and XPOS", lineno);
            if (m->nclasses >= NC_POS_MAX_CLASSES)
                FAIL("line %zu: more than %d classes", lineno, NC_POS_MAX_CLASSES);
            nc_upos u = nc_upos_from_name(a, al);
            if (!u)
                FAIL("line %zu: unknown UPOS '%.*s'", lineno, (int)al, a);
            unsigned k = m->nclasses;
            p->names[k] = malloc(al + bl + 2);
            p->xpos[k] = malloc(bl + 1);
            if (!p->names[k] || !p->xpos[k]) {
                m->nclasses++;
                goto out;
            }
            memcpy(p->names[k], a, al);
            p->names[k][al] = '|';
            memcpy(p->names[k] + al + 1, b, bl);
            p->names[k][al + 1 + bl] = '\0';
            memcpy(p->xpos[k], b, bl);
            p->xpos[k][bl] = '\0';
            p->upos[k] = (unsigned char)u;
            p->xtag[k] = (unsigned char)nc_xpos_from_name(b, bl);
            p->class_hash[k] = nc_pos_value_hash(p->names[k], al + bl + 1);
            m->nclasses++;
        } else if (kl == 4 && memcmp(key, "word", 4) == 0) {
            /* word<TAB>NORM<TAB>AMB<TAB>CANDIDATES */
            unsigned char list[NC_POS_MAX_CANDS + 1];
            if (field(&q, e, &a, &al) || field(&q, e, &b, &bl) || field(&q, e, &c, &cl) || q <= e || !al)
                FAIL("line %zu: word needs a norm, its ambiguity class and its candidates", lineno);
            if (class_list(b, bl, m->nclasses, list) < 0)
                FAIL("line %zu: bad ambiguity class '%.*s'", lineno, (int)bl, b);
            int nc = class_list(c, cl, m->nclasses, list);
            if (nc < 0)
                FAIL("line %zu: bad candidates '%.*s'", lineno, (int)cl, c);
            long ai = intern_add(&p->amb, b, bl), ci = intern_add(&cand, c, cl);
            if (ai < 0 || ci < 0)
                goto out;
            if (ai > 65535 || ci > 65535)
                FAIL("line %zu: too many distinct ambiguity classes or candidate lists", lineno);
            if (nword == capword) {
                capword = capword ? 2 * capword : 1024;
                word_in *nw = realloc(words, capword * sizeof *nw);
                if (!nw)
                    goto out;
                words = nw;
            }
            words[nword++] = (word_in){nc_pos_word_hash(a, al), (uint16_t)ai, (uint16_t)ci};
        } else if (memchr(key, '=', kl)) {
            /* FEATURE<TAB>CLASS:WEIGHT CLASS:WEIGHT ... */
            if (!m->nclasses)
                FAIL("line %zu: features before the classes", lineno);
            uint64_t ha, hb;
            int has_b;
            unsigned tmpl = split_text(key, kl, &ha, &has_b, &hb);
            if (tmpl == NC_POSF_COUNT)
                FAIL("line %zu: unknown feature template '%.*s'", lineno, (int)kl, key);
            feat_in *f = push_feat(&bd, combine(tmpl, ha, has_b, hb), tmpl, ha, hb);
            if (!f)
                goto out;
            const char *v = key + kl + 1;
            int last = -1;
            while (v < e) {
                char *end;
                long k = strtol(v, &end, 10);
                if (end == v || *end != ':' || k < 0 || k >= (long)m->nclasses || k <= last)
                    FAIL("line %zu: expected CLASS:WEIGHT, classes ascending", lineno);
                last = (int)k;
                v = end + 1;
                long w = strtol(v, &end, 10);
                if (end == v || w < -32767 || w > 32767 || (end < e && *end != ' '))
                    FAIL("line %zu: expected a weight from -32767 to 32767", lineno);
                v = end < e ? end + 1 : end;
                if (push_entry(&bd, (unsigned)k, (int)w))
                    goto out;
            }
            if (!bd.f[bd.nf - 1].count)
                FAIL("line %zu: a feature without weights", lineno);
        } else if (!(kl == 5 && memcmp(key, "model", 5) == 0) && !(kl == 5 && memcmp(key, "scale", 5) == 0)) {
            FAIL("line %zu: unknown line '%.*s'", lineno, (int)kl, key);
        }
    }
    if (!m->nclasses)
        FAIL("line %zu: no classes", lineno);
    size_t nfeat = bd.nf;
    m->dense16 = sums_fit_16(&bd, m->nclasses);
    p->p2_lo = calloc((size_t)m->nclasses * m->nclasses, sizeof *p->p2_lo);
    p->p2_hi = calloc((size_t)m->nclasses * m->nclasses, sizeof *p->p2_hi);
    if (!p->p2_lo || !p->p2_hi || prev_bounds(&bd, m->nclasses, p->class_hash, p->p2_lo, p->p2_hi))
        goto out;
    feat_in *feats = bd.f;
    const unsigned char *ecls = bd.cls;
    const int16_t *ewt = bd.w;

    /* features: open addressing (load under 2/3), rows inline or after */
    uint32_t slots = table_size(bd.nf, 66);
    size_t nrows = 0;
    for (size_t k = 0; k < bd.nf; k++)
        if (feats[k].count > NC_POS_SPARSE_MAX)
            nrows += NC_POS_DENSE_WIDTH(m->nclasses);
        else if (feats[k].count > NC_POS_INLINE)
            nrows += 2 * feats[k].count;
    p->slots = calloc(slots, sizeof *p->slots);
    p->rows = calloc(nrows ? nrows : 1, sizeof *p->rows);
    if (!p->slots || !p->rows)
        goto out;
    m->mask = slots - 1;
    size_t r = 0;
    for (size_t k = 0; k < bd.nf; k++) {
        feat_in *f = &feats[k];
        uint32_t fp = fingerprint(f->hash), s = (uint32_t)f->hash & m->mask;
        for (; p->slots[s].fp; s = (s + 1) & m->mask)
            if (p->slots[s].fp == fp)
                FAIL("a feature is listed twice (or two features share a fingerprint)");
        nc_pos_slot *x = &p->slots[s];
        x->fp = fp;
        if (f->count <= NC_POS_INLINE) {
            x->n = (uint8_t)f->count;
            for (size_t e2 = 0; e2 < f->count; e2++) {
                x->row |= (uint32_t)ecls[f->first + e2] << (8 * e2);
                x->w[e2] = ewt[f->first + e2];
            }
        } else if (f->count <= NC_POS_SPARSE_MAX) {
            x->n = (uint8_t)f->count;
            x->row = (uint32_t)r;
            for (size_t e2 = 0; e2 < f->count; e2++) {
                p->rows[r++] = ecls[f->first + e2];
                p->rows[r++] = ewt[f->first + e2];
            }
        } else {
            x->n = NC_POS_DENSE;
            x->row = (uint32_t)r;
            for (size_t e2 = 0; e2 < f->count; e2++)
                p->rows[r + ecls[f->first + e2]] = ewt[f->first + e2];
            r += NC_POS_DENSE_WIDTH(m->nclasses);
        }
    }

    /* words */
    uint32_t wslots = table_size(nword, 50);
    p->words = calloc(wslots, sizeof *p->words);
    if (!p->words)
        goto out;
    m->word_mask = wslots - 1;
    for (size_t k = 0; k < nword; k++) {
        uint32_t fp = fingerprint(words[k].hash), s = (uint32_t)words[k].hash & m->word_mask;
        for (; p->words[s].fp; s = (s + 1) & m->word_mask)
            if (p->words[s].fp == fp)
                FAIL("a word is listed twice (or two words share a fingerprint)");
        p->words[s] = (nc_pos_word){fp, words[k].amb, words[k].cand};
    }
    /* candidate lists: a count, then the classes; words keep offsets */
    size_t ncands = 0;
    uint32_t *cand_at = malloc((cand.n ? cand.n : 1) * sizeof *cand_at);
    p->cands = malloc(cand.n * (NC_POS_MAX_CANDS + 1) + 1);
    if (!cand_at || !p->cands) {
        free(cand_at);
        goto out;
    }
    for (size_t k = 0; k < cand.n; k++) {
        cand_at[k] = (uint32_t)ncands;
        int nc = class_list(cand.s[k], strlen(cand.s[k]), m->nclasses, p->cands + ncands + 1);
        p->cands[ncands] = (unsigned char)nc;
        ncands += 1 + (size_t)nc;
    }
    for (uint32_t s = 0; s < wslots; s++)
        if (p->words[s].fp) {
            if (cand_at[p->words[s].cand] > 65535) {
                free(cand_at);
                FAIL("the candidate lists are too long");
            }
            p->words[s].cand = (uint16_t)cand_at[p->words[s].cand];
        }
    free(cand_at);
    p->amb_hash = malloc(p->amb.n * sizeof *p->amb_hash);
    if (!p->amb_hash)
        goto out;
    for (size_t k = 0; k < p->amb.n; k++)
        p->amb_hash[k] = nc_pos_value_hash(p->amb.s[k], strlen(p->amb.s[k]));

    m->class_name = (const char *const *)p->names;
    m->class_hash = p->class_hash;
    m->class_xpos = (const char *const *)p->xpos;
    m->class_upos = p->upos;
    m->class_xtag = p->xtag;
    m->p2_lo = p->p2_lo;
    m->p2_hi = p->p2_hi;
    m->slots = p->slots;
    m->rows = p->rows;
    m->words = p->words;
    m->amb_value = (const char *const *)p->amb.s;
    m->amb_hash = p->amb_hash;
    m->cands = p->cands;
    m->nfeatures = nfeat;
    m->nrows = r;
    m->nwords = nword;
    m->namb = p->amb.n;
    m->ncands = ncands;
    *out = m;
    m = NULL;
    rc = 0;
out:
    building_free(&bd);
    free(words);
    intern_free(&cand);
    nc_pos_model_free(m);
    if (rc == NC_ENOMEM && errlen)
        snprintf(errbuf, errlen, "out of memory");
    return rc;
}
