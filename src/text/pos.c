/* Part-of-speech tagger: features, model table, greedy tagging (pos.h). */
#include "text/pos.h"
#include "input/lines.h"
#include "newsclaims.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const upos_names[NC_UPOS_COUNT] = {
    "X", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART",
    "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB",
};

const char *nc_upos_name(nc_upos u) { return (unsigned)u < NC_UPOS_COUNT ? upos_names[u] : "X"; }

nc_upos nc_upos_from_name(const char *s, size_t len)
{
    for (unsigned i = 0; i < NC_UPOS_COUNT; i++)
        if (strlen(upos_names[i]) == len && memcmp(upos_names[i], s, len) == 0)
            return (nc_upos)i;
    return NC_UPOS_X;
}

/* ---- hashing: a feature's hash combines the hashes of its name and
 * values, so each token's parts are hashed once, not once per feature ---- */
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

static uint64_t value_hash(const char *s, size_t len) { return fnv(FNV_OFF, s, len); }

static uint64_t combine(uint64_t name, uint64_t a, int has_b, uint64_t b)
{
    uint64_t h = finish(name ^ finish(a + 0x9e3779b97f4a7c15ull));
    if (has_b)
        h = finish(h ^ (b * 0xbf58476d1ce4e5b9ull + 1));
    return h ? h : 1;
}

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

void nc_pos_prepare(nc_pos_tok *t, const char *form, size_t len)
{
    t->form = form;
    t->len = len;
    size_t half = (NC_POS_NORM_MAX - 1) / 2; /* 19: head ~ tail */
    size_t n = 0;
    if (len <= NC_POS_NORM_MAX) {
        for (size_t i = 0; i < len; i++)
            t->norm[n++] = norm_byte((unsigned char)form[i]);
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
    t->hnorm = value_hash(t->norm, t->normlen);
    t->hshape = value_hash(t->shape, t->shapelen);
    t->hform = 0; /* the form as written, when its case tells something */
    if (len <= NC_POS_NORM_MAX)
        for (size_t i = 0; i < len; i++)
            if (form[i] >= 'A' && form[i] <= 'Z') {
                t->hform = value_hash(form, len);
                break;
            }
    /* suffixes of 1..4 and prefixes of 1..3 characters, up to the whole word */
    t->nsuf = t->npre = 0;
    size_t chars = 0, k = t->normlen;
    while (k > 0 && chars < 4) {
        k--;
        while (k > 0 && is_cont((unsigned char)t->norm[k]))
            k--;
        t->suflen[chars] = (unsigned char)(t->normlen - k);
        t->hsuf[chars] = value_hash(t->norm + k, t->normlen - k);
        chars++;
    }
    t->nsuf = (unsigned char)chars;
    for (size_t c = chars; c < 4; c++) { /* "s3" of a short word: the word */
        t->suflen[c] = t->normlen;
        t->hsuf[c] = t->hnorm;
    }
    chars = 0;
    k = 0;
    while (k < t->normlen && chars < 3) {
        k++;
        while (k < t->normlen && is_cont((unsigned char)t->norm[k]))
            k++;
        t->prelen[chars] = (unsigned char)k;
        t->hpre[chars] = value_hash(t->norm, k);
        chars++;
    }
    t->npre = (unsigned char)chars;
    nc_pos_tok_set_amb(t, "?", 1);
}

/* ---- features ---- */

static const char START1[] = "-S-", START2[] = "-S2-", END1[] = "-E-", END2[] = "-E2-";

static void put(nc_pos_feature *out, size_t *n, const char *name, const char *a, size_t alen, uint64_t ha,
                const char *b, size_t blen, uint64_t hb)
{
    nc_pos_feature *f = &out[(*n)++];
    f->name = name;
    f->a = a;
    f->alen = (unsigned char)alen;
    f->ha = ha;
    f->b = b;
    f->blen = (unsigned char)blen;
    f->hb = hb;
}

/* one-part and two-part features from a token's prepared parts */
#define P1(...) P1_(__VA_ARGS__)
#define P1_(name, s, l, h) put(out, &n, name, s, l, h, NULL, 0, 0)
#define P2(...) P2_(__VA_ARGS__)
#define P2_(name, s, l, h, s2, l2, h2) put(out, &n, name, s, l, h, s2, l2, h2)
#define NORM(t) (t)->norm, (t)->normlen, (t)->hnorm
#define SHAPE(t) (t)->shape, (t)->shapelen, (t)->hshape
#define AMB(t) (t)->amb, (t)->amblen, (t)->hamb
#define SUF3(t) (t)->norm + (t)->normlen - (t)->suflen[2], (t)->suflen[2], (t)->hsuf[2]
#define LIT(s) s, sizeof s - 1, value_hash(s, sizeof s - 1)

size_t nc_pos_features(const nc_pos_tok *toks, size_t n_toks, size_t i,
                       const char *prev1, const char *prev2, nc_pos_feature *out)
{
    size_t n = 0;
    const nc_pos_tok *t = &toks[i];
    const char *p1 = prev1 ? prev1 : START1, *p2 = prev2 ? prev2 : (i == 0 ? START2 : START1);
    size_t l1 = strlen(p1), l2 = strlen(p2);
    uint64_t h1 = value_hash(p1, l1), h2 = value_hash(p2, l2);
    P1("b", "", 0, value_hash("", 0));
    P1("w", NORM(t));
    P1("sh", SHAPE(t));
    if (t->hform)
        P1("W", t->form, t->len, t->hform);
    if (i == 0)
        P1("i0", SHAPE(t));
    static const char *const sname[] = {"s1", "s2", "s3", "s4"}, *const pname[] = {"p1", "p2", "p3"};
    for (unsigned k = 0; k < t->nsuf; k++)
        P1(sname[k], t->norm + t->normlen - t->suflen[k], t->suflen[k], t->hsuf[k]);
    for (unsigned k = 0; k < t->npre; k++)
        P1(pname[k], t->norm, t->prelen[k], t->hpre[k]);
    P1("a", AMB(t));
    P1("t1", p1, l1, h1);
    P1("t2", p2, l2, h2);
    P2("t12", p1, l1, h1, p2, l2, h2);
    P2("t1w", p1, l1, h1, NORM(t));
    P2("t1s3", p1, l1, h1, SUF3(t));
    if (i >= 1) {
        const nc_pos_tok *u = &toks[i - 1];
        P1("w-1", NORM(u));
        P1("s-1", SUF3(u));
        P1("sh-1", SHAPE(u));
        P2("w-1w", NORM(u), NORM(t));
    } else {
        P1("w-1", LIT(START1));
    }
    if (i >= 2)
        P1("w-2", NORM(&toks[i - 2]));
    else if (i == 1)
        P1("w-2", LIT(START1));
    else
        P1("w-2", LIT(START2));
    if (i + 1 < n_toks) {
        const nc_pos_tok *u = &toks[i + 1];
        P1("w+1", NORM(u));
        P1("s+1", SUF3(u));
        P1("sh+1", SHAPE(u));
        P2("ww+1", NORM(t), NORM(u));
        P2("t1w+1", p1, l1, h1, NORM(u));
        P1("a+1", AMB(u));
        P2("t1a+1", p1, l1, h1, AMB(u));
        P2("aa+1", AMB(t), AMB(u));
    } else {
        P1("w+1", LIT(END1));
    }
    if (i + 2 < n_toks) {
        P1("w+2", NORM(&toks[i + 2]));
        P1("a+2", AMB(&toks[i + 2]));
    } else if (i + 1 < n_toks)
        P1("w+2", LIT(END1));
    else
        P1("w+2", LIT(END2));
    return n;
}

size_t nc_pos_feature_text(const nc_pos_feature *f, char *buf, size_t cap)
{
    size_t nl = strlen(f->name), len = nl + 1 + f->alen + (f->b ? 1u + f->blen : 0);
    if (!cap)
        return len;
    char tmp[3 * 256 + 16];
    size_t k = 0;
    memcpy(tmp, f->name, nl);
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

uint64_t nc_pos_hash_text(const char *s, size_t len)
{
    const char *eq = memchr(s, '=', len);
    if (!eq)
        return combine(value_hash(s, len), value_hash("", 0), 0, 0);
    const char *v = eq + 1, *end = s + len;
    const char *sp = memchr(v, ' ', (size_t)(end - v));
    uint64_t hn = value_hash(s, (size_t)(eq - s));
    if (!sp)
        return combine(hn, value_hash(v, (size_t)(end - v)), 0, 0);
    return combine(hn, value_hash(v, (size_t)(sp - v)), 1, value_hash(sp + 1, (size_t)(end - sp - 1)));
}

uint64_t nc_pos_feature_hash(const nc_pos_feature *f)
{
    return combine(value_hash(f->name, strlen(f->name)), f->ha, f->b != NULL, f->hb);
}

uint64_t nc_pos_dict_hash(const char *form, size_t len)
{
    uint64_t h = finish(fnv(fnv(FNV_OFF, "dict\t", 5), form, len));
    return h ? h : 1;
}

uint64_t nc_pos_amb_hash(const char *norm, size_t len)
{
    uint64_t h = finish(fnv(fnv(FNV_OFF, "amb\t", 4), norm, len));
    return h ? h : 1;
}

void nc_pos_tok_set_amb(nc_pos_tok *t, const char *amb, size_t len)
{
    t->amb = amb;
    t->amblen = (unsigned char)len;
    t->hamb = value_hash(amb, len);
}

void nc_pos_set_amb(const nc_pos_model *m, nc_pos_tok *t)
{
    if (!m->namb)
        return;
    uint64_t h = nc_pos_amb_hash(t->norm, t->normlen);
    for (uint64_t s = h & m->amb_mask; m->amb_keys[s]; s = (s + 1) & m->amb_mask)
        if (m->amb_keys[s] == h) {
            const char *v = m->amb_value[m->amb_index[s]];
            nc_pos_tok_set_amb(t, v, strlen(v));
            return;
        }
}

/* ---- scoring and tagging ---- */

unsigned nc_pos_score(const nc_pos_model *m, const nc_pos_feature *f, size_t nf, int32_t *scores)
{
    memset(scores, 0, m->nclasses * sizeof *scores);
    for (size_t k = 0; k < nf; k++) {
        uint64_t h = nc_pos_feature_hash(&f[k]);
        for (uint64_t s = h & m->mask;; s = (s + 1) & m->mask) {
            uint64_t key = m->keys[s];
            if (!key)
                break;
            if (key == h) {
                for (uint32_t e = m->start[s]; e < m->start[s + 1]; e++)
                    scores[m->row_class[e]] += m->row_weight[e];
                break;
            }
        }
    }
    unsigned best = 0;
    for (unsigned c = 1; c < m->nclasses; c++)
        if (scores[c] > scores[best])
            best = c;
    return best;
}

int nc_pos_dict_lookup(const nc_pos_model *m, const char *form, size_t len)
{
    if (!m->ndict)
        return -1;
    uint64_t h = nc_pos_dict_hash(form, len);
    for (uint64_t s = h & m->dict_mask;; s = (s + 1) & m->dict_mask) {
        if (!m->dict_keys[s])
            return -1;
        if (m->dict_keys[s] == h)
            return m->dict_class[s];
    }
}

int nc_pos_tag(const nc_pos_model *m, const char *const *forms, const size_t *lens, size_t n,
               unsigned char *out)
{
    nc_pos_tok stack[96], *toks = stack;
    if (n > sizeof stack / sizeof stack[0]) {
        toks = malloc(n * sizeof *toks);
        if (!toks)
            return NC_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        nc_pos_prepare(&toks[i], forms[i], lens[i]);
        nc_pos_set_amb(m, &toks[i]);
    }
    int32_t scores[NC_POS_MAX_CLASSES];
    nc_pos_feature f[NC_POS_MAX_FEATURES];
    for (size_t i = 0; i < n; i++) {
        int d = nc_pos_dict_lookup(m, forms[i], lens[i]);
        if (d >= 0) {
            out[i] = (unsigned char)d;
            continue;
        }
        const char *p1 = i >= 1 ? m->class_name[out[i - 1]] : NULL;
        const char *p2 = i >= 2 ? m->class_name[out[i - 2]] : NULL;
        size_t nf = nc_pos_features(toks, n, i, p1, p2, f);
        out[i] = (unsigned char)nc_pos_score(m, f, nf, scores);
    }
    if (toks != stack)
        free(toks);
    return 0;
}

/* ---- the text format ---- */

typedef struct parsed {
    char **names, **xpos;
    unsigned char *upos;
    uint64_t *keys, *dict_keys, *amb_keys;
    uint16_t *amb_index;
    char **amb_value;
    size_t namb_values;
    uint32_t *start;
    unsigned char *row_class, *dict_class;
    int16_t *row_weight;
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
    free(p->upos);
    free(p->keys);
    free(p->dict_keys);
    free(p->start);
    free(p->row_class);
    free(p->dict_class);
    free(p->row_weight);
    free(p->amb_keys);
    free(p->amb_index);
    for (size_t i = 0; i < p->namb_values; i++)
        free(p->amb_value[i]);
    free(p->amb_value);
    free(p);
}

void nc_pos_model_free(nc_pos_model *m)
{
    if (!m)
        return;
    parsed_free(m->owned, m->nclasses);
    free(m);
}

typedef struct feat_in {
    uint64_t hash;
    size_t first, count; /* entries in the temporary arrays */
} feat_in;

static uint64_t table_size(size_t n)
{
    uint64_t s = 16;
    while (s < 2 * n + 1) /* load factor under 1/2: few probes for absent features */
        s <<= 1;
    return s;
}

#define FAIL(...) do { snprintf(errbuf, errlen, __VA_ARGS__); rc = NC_ERULES; goto out; } while (0)

int nc_pos_model_parse(nc_pos_model **out, const char *text, size_t len, char *errbuf, size_t errlen)
{
    *out = NULL;
    int rc = NC_ENOMEM;
    nc_pos_model *m = calloc(1, sizeof *m);
    parsed *p = calloc(1, sizeof *p);
    feat_in *feats = NULL;
    unsigned char *ecls = NULL;
    int16_t *ewt = NULL;
    uint64_t *dkeys = NULL;
    unsigned char *dcls = NULL;
    uint64_t *akeys = NULL;
    uint16_t *aidx = NULL;
    size_t nfeat = 0, capfeat = 0, nent = 0, capent = 0, ndict = 0, capdict = 0, namb = 0, capamb = 0;
    if (!m || !p) {
        free(p);
        goto out;
    }
    m->owned = p;
    size_t capclass = NC_POS_MAX_CLASSES;
    p->names = calloc(capclass, sizeof *p->names);
    p->xpos = calloc(capclass, sizeof *p->xpos);
    p->upos = calloc(capclass, 1);
    if (!p->names || !p->xpos || !p->upos)
        goto out;

    size_t lineno = 0;
    nc_lines ls;
    nc_line ln;
    nc_lines_mem(&ls, text, len);
    while (nc_lines_next(&ls, &ln) > 0) {
        lineno = ln.lineno;
        const char *line = ln.s;
        size_t ll = ln.len;
        if (!ll || line[0] == '#')
            continue;
        const char *tab = memchr(line, '\t', ll);
        if (!tab)
            FAIL("line %zu: expected a tab-separated line", lineno);
        size_t kl = (size_t)(tab - line);
        const char *val = tab + 1;
        size_t vl = ll - kl - 1;
        if (kl == 5 && memcmp(line, "class", 5) == 0) {
            /* class<TAB>UPOS<TAB>XPOS */
            const char *t2 = memchr(val, '\t', vl);
            if (!t2 || t2 == val || t2 + 1 == val + vl)
                FAIL("line %zu: class needs UPOS and XPOS", lineno);
            if (m->nclasses >= NC_POS_MAX_CLASSES)
                FAIL("line %zu: more than %d classes", lineno, NC_POS_MAX_CLASSES);
            size_t ul = (size_t)(t2 - val), xl = vl - ul - 1;
            nc_upos u = nc_upos_from_name(val, ul);
            if (u == NC_UPOS_X && !(ul == 1 && val[0] == 'X'))
                FAIL("line %zu: unknown UPOS '%.*s'", lineno, (int)ul, val);
            unsigned c = m->nclasses;
            p->names[c] = malloc(ul + xl + 2);
            p->xpos[c] = malloc(xl + 1);
            if (!p->names[c] || !p->xpos[c]) {
                m->nclasses++;
                goto out;
            }
            memcpy(p->names[c], val, ul);
            p->names[c][ul] = '|';
            memcpy(p->names[c] + ul + 1, t2 + 1, xl);
            p->names[c][ul + 1 + xl] = '\0';
            memcpy(p->xpos[c], t2 + 1, xl);
            p->xpos[c][xl] = '\0';
            p->upos[c] = (unsigned char)u;
            m->nclasses++;
        } else if (kl == 4 && memcmp(line, "dict", 4) == 0) {
            /* dict<TAB>FORM<TAB>CLASS */
            const char *t2 = NULL;
            for (const char *q = val + vl; q > val; q--)
                if (q[-1] == '\t') {
                    t2 = q - 1;
                    break;
                }
            if (!t2 || t2 == val)
                FAIL("line %zu: dict needs a form and a class number", lineno);
            char *e;
            long c = strtol(t2 + 1, &e, 10);
            if (e != val + vl || c < 0 || c >= (long)m->nclasses)
                FAIL("line %zu: bad class number", lineno);
            if (ndict == capdict) {
                capdict = capdict ? 2 * capdict : 256;
                uint64_t *nk = realloc(dkeys, capdict * sizeof *nk);
                if (!nk)
                    goto out;
                dkeys = nk;
                unsigned char *nc = realloc(dcls, capdict);
                if (!nc)
                    goto out;
                dcls = nc;
            }
            dkeys[ndict] = nc_pos_dict_hash(val, (size_t)(t2 - val));
            dcls[ndict++] = (unsigned char)c;
        } else if (kl == 3 && memcmp(line, "amb", 3) == 0) {
            /* amb<TAB>NORM<TAB>CLASS+CLASS... */
            const char *t2 = memchr(val, '\t', vl);
            if (!t2 || t2 == val || t2 + 1 == val + vl || (size_t)(val + vl - t2 - 1) > 200)
                FAIL("line %zu: amb needs a word and its classes", lineno);
            const char *v = t2 + 1;
            size_t vlen = (size_t)(val + vl - v), k;
            for (k = 0; k < p->namb_values; k++)
                if (strlen(p->amb_value[k]) == vlen && memcmp(p->amb_value[k], v, vlen) == 0)
                    break;
            if (k == p->namb_values) {
                if (k >= 65535)
                    FAIL("line %zu: too many ambiguity classes", lineno);
                if ((k & (k - 1)) == 0) {
                    char **nv = realloc(p->amb_value, (k ? 2 * k : 1) * sizeof *nv);
                    if (!nv)
                        goto out;
                    p->amb_value = nv;
                }
                if (!(p->amb_value[k] = malloc(vlen + 1)))
                    goto out;
                memcpy(p->amb_value[k], v, vlen);
                p->amb_value[k][vlen] = '\0';
                p->namb_values++;
            }
            if (namb == capamb) {
                capamb = capamb ? 2 * capamb : 1024;
                uint64_t *nk = realloc(akeys, capamb * sizeof *nk);
                if (!nk)
                    goto out;
                akeys = nk;
                uint16_t *ni = realloc(aidx, capamb * sizeof *ni);
                if (!ni)
                    goto out;
                aidx = ni;
            }
            akeys[namb] = nc_pos_amb_hash(val, (size_t)(t2 - val));
            aidx[namb++] = (uint16_t)k;
        } else if (memchr(line, '=', kl)) {
            /* FEATURE<TAB>CLASS:WEIGHT CLASS:WEIGHT ... */
            if (!m->nclasses)
                FAIL("line %zu: features before the classes", lineno);
            if (nfeat == capfeat) {
                capfeat = capfeat ? 2 * capfeat : 4096;
                feat_in *nf = realloc(feats, capfeat * sizeof *nf);
                if (!nf)
                    goto out;
                feats = nf;
            }
            feat_in *f = &feats[nfeat++];
            f->hash = nc_pos_hash_text(line, kl);
            f->first = nent;
            f->count = 0;
            const char *q = val, *qe = val + vl;
            while (q < qe) {
                char *e;
                long c = strtol(q, &e, 10);
                if (e == q || *e != ':' || c < 0 || c >= (long)m->nclasses)
                    FAIL("line %zu: expected CLASS:WEIGHT", lineno);
                q = e + 1;
                long w = strtol(q, &e, 10);
                if (e == q || w < -32767 || w > 32767 || (e < qe && *e != ' '))
                    FAIL("line %zu: expected a weight from -32767 to 32767", lineno);
                q = e < qe ? e + 1 : e;
                if (nent == capent) {
                    capent = capent ? 2 * capent : 16384;
                    unsigned char *nc = realloc(ecls, capent);
                    if (!nc)
                        goto out;
                    ecls = nc;
                    int16_t *nw = realloc(ewt, capent * sizeof *nw);
                    if (!nw)
                        goto out;
                    ewt = nw;
                }
                ecls[nent] = (unsigned char)c;
                ewt[nent++] = (int16_t)w;
                f->count++;
            }
        } else if (!(kl == 5 && memcmp(line, "model", 5) == 0) && !(kl == 5 && memcmp(line, "scale", 5) == 0)) {
            FAIL("line %zu: unknown line '%.*s'", lineno, (int)kl, line);
        }
    }
    if (!m->nclasses)
        FAIL("line %zu: no classes", lineno);

    /* features: open addressing; rows laid out in slot order */
    uint64_t slots = table_size(nfeat);
    p->keys = calloc(slots, sizeof *p->keys);
    uint32_t *slot_feat = malloc(slots * sizeof *slot_feat);
    if (!p->keys || !slot_feat) {
        free(slot_feat);
        goto out;
    }
    m->mask = slots - 1;
    for (size_t k = 0; k < nfeat; k++) {
        uint64_t s2 = feats[k].hash & m->mask;
        while (p->keys[s2] && p->keys[s2] != feats[k].hash)
            s2 = (s2 + 1) & m->mask;
        if (p->keys[s2]) {
            free(slot_feat);
            FAIL("a feature is listed twice (or two features share a hash)");
        }
        p->keys[s2] = feats[k].hash;
        slot_feat[s2] = (uint32_t)k;
    }
    p->start = malloc((slots + 1) * sizeof *p->start);
    p->row_class = malloc(nent ? nent : 1);
    p->row_weight = malloc((nent ? nent : 1) * sizeof *p->row_weight);
    if (!p->start || !p->row_class || !p->row_weight) {
        free(slot_feat);
        goto out;
    }
    uint32_t e = 0;
    for (uint64_t s2 = 0; s2 < slots; s2++) {
        p->start[s2] = e;
        if (!p->keys[s2])
            continue;
        feat_in *f = &feats[slot_feat[s2]];
        memcpy(p->row_class + e, ecls + f->first, f->count);
        memcpy(p->row_weight + e, ewt + f->first, f->count * sizeof *ewt);
        e += (uint32_t)f->count;
    }
    p->start[slots] = e;
    free(slot_feat);

    uint64_t dslots = table_size(ndict);
    p->dict_keys = calloc(dslots, sizeof *p->dict_keys);
    p->dict_class = calloc(dslots, 1);
    if (!p->dict_keys || !p->dict_class)
        goto out;
    m->dict_mask = dslots - 1;
    for (size_t k = 0; k < ndict; k++) {
        uint64_t s2 = dkeys[k] & m->dict_mask;
        while (p->dict_keys[s2] && p->dict_keys[s2] != dkeys[k])
            s2 = (s2 + 1) & m->dict_mask;
        if (p->dict_keys[s2])
            FAIL("a dict form is listed twice");
        p->dict_keys[s2] = dkeys[k];
        p->dict_class[s2] = dcls[k];
    }
    uint64_t aslots = table_size(namb);
    p->amb_keys = calloc(aslots, sizeof *p->amb_keys);
    p->amb_index = calloc(aslots, sizeof *p->amb_index);
    if (!p->amb_keys || !p->amb_index)
        goto out;
    m->amb_mask = aslots - 1;
    for (size_t k = 0; k < namb; k++) {
        uint64_t s2 = akeys[k] & m->amb_mask;
        while (p->amb_keys[s2] && p->amb_keys[s2] != akeys[k])
            s2 = (s2 + 1) & m->amb_mask;
        if (p->amb_keys[s2])
            FAIL("an amb word is listed twice");
        p->amb_keys[s2] = akeys[k];
        p->amb_index[s2] = aidx[k];
    }
    m->amb_keys = p->amb_keys;
    m->amb_index = p->amb_index;
    m->amb_value = (const char *const *)p->amb_value;
    m->namb = namb;
    m->namb_values = p->namb_values;
    m->class_name = (const char *const *)p->names;
    m->class_xpos = (const char *const *)p->xpos;
    m->class_upos = p->upos;
    m->keys = p->keys;
    m->start = p->start;
    m->row_class = p->row_class;
    m->row_weight = p->row_weight;
    m->dict_keys = p->dict_keys;
    m->dict_class = p->dict_class;
    m->nfeatures = nfeat;
    m->nentries = nent;
    m->ndict = ndict;
    *out = m;
    m = NULL;
    rc = 0;
out:
    free(feats);
    free(ecls);
    free(ewt);
    free(dkeys);
    free(dcls);
    free(akeys);
    free(aidx);
    nc_pos_model_free(m);
    if (rc == NC_ENOMEM && errlen)
        snprintf(errbuf, errlen, "out of memory");
    return rc;
}
