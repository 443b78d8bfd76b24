/* Trains the part-of-speech model (data/pos/en-ewt.model) from a CoNLL-U
 * treebank with the library's own feature function (src/text/pos.c), then
 * loads the written file with the library's loader and reports accuracy on
 * a dev treebank. Deterministic: the same treebank and options give the
 * same file byte for byte (integer perceptron, fixed shuffling seed,
 * features written in sorted order).
 *
 * usage: train_pos [--epochs N] [--prune P] [--scale S] [--amb-min N] [--cand-min N]
 *                  TRAIN.conllu[.gz] DEV.conllu[.gz] OUT.model
 *
 * Each class is a (UPOS, XPOS) pair seen in training. A normalised word
 * seen at least N times (--cand-min) is scored only against the classes
 * it had (not at all when it had one), in training as in tagging.
 * Averaged weights are written as round(average * S); weights whose
 * magnitude is below P are left out (P trades size for accuracy). */
#include "input/input.h"
#include "newsclaims.h"
#include "text/pos.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct sent {
    const char **forms;
    size_t *lens;
    unsigned char *gold;
    size_t n;
} sent;

typedef struct bank {
    char *text;
    sent *s;
    size_t n, cap;
    size_t tokens;
} bank;

/* pair names "UPOS|XPOS" seen while reading, with their counts */
typedef struct classes {
    char *name[NC_POS_MAX_CLASSES + 1];
    size_t count[NC_POS_MAX_CLASSES + 1];
    unsigned n;
} classes;

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "train_pos: out of memory\n");
        exit(1);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "train_pos: out of memory\n");
        exit(1);
    }
    return p;
}

static unsigned class_id(classes *c, const char *name, int add)
{
    for (unsigned i = 0; i < c->n; i++)
        if (strcmp(c->name[i], name) == 0)
            return i;
    if (!add)
        return NC_POS_MAX_CLASSES; /* unknown pair in dev: never right */
    if (c->n >= NC_POS_MAX_CLASSES) {
        fprintf(stderr, "train_pos: more than %d classes\n", NC_POS_MAX_CLASSES);
        exit(1);
    }
    c->name[c->n] = strdup(name);
    c->count[c->n] = 0;
    return c->n++;
}

/* Column k (0-based) of a tab-separated line. */
static int column(char *line, int k, char **out)
{
    char *s = line;
    for (int i = 0; i < k; i++) {
        s = strchr(s, '\t');
        if (!s)
            return -1;
        s++;
    }
    *out = s;
    return 0;
}

/* Reads a CoNLL-U file: word lines only (no ranges "1-2", no empty nodes
 * "1.1"); FORM and UPOS|XPOS. The pair ids are looked up in c (added when
 * add). Forms point into b->text, which is cut into lines. */
static void read_bank(const char *path, bank *b, classes *c, int add)
{
    char msg[256];
    size_t len;
    memset(b, 0, sizeof *b);
    if (nc_input_read(path, 0, &b->text, &len, msg, sizeof msg)) {
        fprintf(stderr, "train_pos: %s: %s\n", path, msg);
        exit(1);
    }
    size_t cap = 0, n = 0, lineno = 0;
    const char **forms = NULL;
    size_t *lens = NULL;
    unsigned char *gold = NULL;
    char *s = b->text, *end = b->text + len;
    while (s <= end) {
        char *nl = memchr(s, '\n', (size_t)(end - s));
        char *le = nl ? nl : end;
        *le = '\0';
        if (le > s && le[-1] == '\r')
            le[-1] = '\0';
        lineno++;
        char *line = s;
        s = le + 1;
        if (!*line) {
            if (n) {
                if (b->n == b->cap) {
                    b->cap = b->cap ? 2 * b->cap : 1024;
                    b->s = xrealloc(b->s, b->cap * sizeof *b->s);
                }
                b->s[b->n++] = (sent){forms, lens, gold, n};
                b->tokens += n;
                forms = NULL;
                lens = NULL;
                gold = NULL;
                n = cap = 0;
            }
            if (!nl)
                break;
            continue;
        }
        if (line[0] == '#')
            continue;
        char *id_end = line + strspn(line, "0123456789");
        if (id_end == line || *id_end != '\t')
            continue; /* a multiword range or an empty node */
        char *form, *upos, *xpos;
        if (column(line, 1, &form) || column(line, 3, &upos) || column(line, 4, &xpos)) {
            fprintf(stderr, "train_pos: %s:%zu: fewer than 5 columns\n", path, lineno);
            exit(1);
        }
        char *t = strchr(form, '\t');
        *t = '\0';
        char *ut = strchr(upos, '\t');
        char *xt = strchr(xpos, '\t');
        if (!ut || !xt) {
            fprintf(stderr, "train_pos: %s:%zu: fewer than 6 columns\n", path, lineno);
            exit(1);
        }
        char pair[128];
        snprintf(pair, sizeof pair, "%.*s|%.*s", (int)(ut - upos), upos, (int)(xt - xpos), xpos);
        if (n == cap) {
            cap = cap ? 2 * cap : 32;
            forms = xrealloc(forms, cap * sizeof *forms);
            lens = xrealloc(lens, cap * sizeof *lens);
            gold = xrealloc(gold, cap);
        }
        unsigned id = class_id(c, pair, add);
        if (add)
            c->count[id]++;
        forms[n] = form;
        lens[n] = strlen(form);
        gold[n] = (unsigned char)(id < NC_POS_MAX_CLASSES ? id : 255);
        n++;
    }
    if (n) {
        if (b->n == b->cap) {
            b->cap = b->cap ? 2 * b->cap : 1024;
            b->s = xrealloc(b->s, b->cap * sizeof *b->s);
        }
        b->s[b->n++] = (sent){forms, lens, gold, n};
        b->tokens += n;
    }
}

/* ---- weights being trained ---- */
typedef struct entry {
    int32_t w, ts;
    int64_t total;
    unsigned char cls;
} entry;

typedef struct feat {
    uint64_t hash;
    char *text;
    entry *e;
    unsigned n, cap;
} feat;

typedef struct weights {
    feat *f;
    size_t n;
    uint64_t mask;
    uint32_t *slot; /* feature index + 1, 0 = empty */
} weights;

static feat *find(weights *w, uint64_t h)
{
    for (uint64_t s = h & w->mask;; s = (s + 1) & w->mask) {
        if (!w->slot[s])
            return NULL;
        if (w->f[w->slot[s] - 1].hash == h)
            return &w->f[w->slot[s] - 1];
    }
}

static feat *add(weights *w, uint64_t h, const nc_pos_feature *pf)
{
    if ((w->n + 1) * 2 > w->mask + 1) { /* grow at half full */
        uint64_t size = (w->mask + 1) * 2;
        free(w->slot);
        w->slot = calloc(size, sizeof *w->slot);
        if (!w->slot) {
            fprintf(stderr, "train_pos: out of memory\n");
            exit(1);
        }
        w->mask = size - 1;
        for (size_t k = 0; k < w->n; k++) {
            uint64_t s = w->f[k].hash & w->mask;
            while (w->slot[s])
                s = (s + 1) & w->mask;
            w->slot[s] = (uint32_t)(k + 1);
        }
    }
    if ((w->n & (w->n - 1)) == 0 || w->n == 0)
        w->f = xrealloc(w->f, (w->n ? 2 * w->n : 1) * sizeof *w->f);
    feat *f = &w->f[w->n];
    memset(f, 0, sizeof *f);
    f->hash = h;
    size_t tl = nc_pos_feature_text(pf, NULL, 0);
    f->text = xmalloc(tl + 1);
    nc_pos_feature_text(pf, f->text, tl + 1);
    uint64_t s = h & w->mask;
    while (w->slot[s])
        s = (s + 1) & w->mask;
    w->slot[s] = (uint32_t)(++w->n);
    return f;
}

static void update(feat *f, unsigned cls, int delta, int32_t now)
{
    entry *e = NULL;
    for (unsigned k = 0; k < f->n; k++)
        if (f->e[k].cls == cls)
            e = &f->e[k];
    if (!e) {
        if (f->n == f->cap) {
            f->cap = f->cap ? 2 * f->cap : 2;
            f->e = xrealloc(f->e, f->cap * sizeof *f->e);
        }
        e = &f->e[f->n++];
        *e = (entry){0, now, 0, (unsigned char)cls};
    }
    e->total += (int64_t)(now - e->ts) * e->w;
    e->ts = now;
    e->w += delta;
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void) /* xorshift64*: the shuffling order */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ull;
}

static int cmp_feat(const void *a, const void *b)
{
    return strcmp(((const feat *)a)->text, ((const feat *)b)->text);
}

#define AMB_MAX 96 /* bytes of an ambiguity class string */

/* The ambiguity lexicon: per norm, the classes it had in training. */
typedef struct amb_word {
    char norm[NC_POS_NORM_MAX];
    unsigned char len;
    size_t total;
    size_t *per;
    char *value; /* "0+9", NULL when not listed */
    char *cand;  /* "0+9" or "*" */
    int only;    /* the one candidate, or -1 */
} amb_word;

typedef struct amb_lex {
    amb_word *w;
    size_t n;
    uint64_t mask;
    uint32_t *slot;
} amb_lex;

static amb_word *amb_find(amb_lex *a, const char *norm, size_t len, unsigned nclasses)
{
    uint64_t s = nc_pos_word_hash(norm, len) & a->mask;
    while (a->slot[s]) {
        amb_word *w = &a->w[a->slot[s] - 1];
        if (w->len == len && memcmp(w->norm, norm, len) == 0)
            return w;
        s = (s + 1) & a->mask;
    }
    if (!nclasses)
        return NULL;
    if (a->n * 2 > a->mask) {
        fprintf(stderr, "train_pos: too many words\n");
        exit(1);
    }
    a->w = xrealloc(a->w, (a->n + 1) * sizeof *a->w);
    amb_word *w = &a->w[a->n];
    memcpy(w->norm, norm, len);
    w->len = (unsigned char)len;
    w->total = 0;
    w->per = calloc(nclasses, sizeof *w->per);
    w->value = NULL;
    w->cand = NULL;
    w->only = -1;
    a->slot[s] = (uint32_t)(++a->n);
    return w;
}

/* The best class among cand[0..ncand) (all when ncand is 0). */
static unsigned best_of(const int32_t *scores, unsigned nclasses, const unsigned char *cand, unsigned ncand)
{
    if (!ncand) {
        unsigned best = 0;
        for (unsigned c = 1; c < nclasses; c++)
            if (scores[c] > scores[best])
                best = c;
        return best;
    }
    unsigned best = cand[0];
    for (unsigned j = 1; j < ncand; j++)
        if (scores[cand[j]] > scores[best])
            best = cand[j];
    return best;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int epochs = 8;
    long prune = 95, scale = 100, amb_min = 1, cand_min = 10;
    int ai = 1;
    while (ai < argc && strncmp(argv[ai], "--", 2) == 0 && ai + 1 < argc) {
        if (strcmp(argv[ai], "--epochs") == 0) epochs = atoi(argv[ai + 1]);
        else if (strcmp(argv[ai], "--prune") == 0) prune = atol(argv[ai + 1]);
        else if (strcmp(argv[ai], "--scale") == 0) scale = atol(argv[ai + 1]);
        else if (strcmp(argv[ai], "--amb-min") == 0) amb_min = atol(argv[ai + 1]);
        else if (strcmp(argv[ai], "--cand-min") == 0) cand_min = atol(argv[ai + 1]);
        else break;
        ai += 2;
    }
    if (argc - ai != 3 || epochs < 1 || prune < 0 || scale < 1 || amb_min < 1 || cand_min < 1) {
        fprintf(stderr, "usage: train_pos [--epochs N] [--prune P] [--scale S] [--amb-min N] [--cand-min N] TRAIN.conllu[.gz] DEV.conllu[.gz] OUT.model\n");
        return 2;
    }
    const char *train_path = argv[ai], *dev_path = argv[ai + 1], *out_path = argv[ai + 2];
    classes seen = {0};
    bank train, dev;
    read_bank(train_path, &train, &seen, 1);

    /* classes by frequency (then name), so the common ones get low ids */
    unsigned order[NC_POS_MAX_CLASSES], remap[NC_POS_MAX_CLASSES];
    for (unsigned i = 0; i < seen.n; i++)
        order[i] = i;
    for (unsigned i = 1; i < seen.n; i++)
        for (unsigned j = i; j > 0; j--) {
            unsigned a = order[j - 1], b = order[j];
            if (seen.count[b] > seen.count[a] || (seen.count[b] == seen.count[a] && strcmp(seen.name[b], seen.name[a]) < 0)) {
                order[j - 1] = b;
                order[j] = a;
            } else
                break;
        }
    classes cls = {0};
    nc_pos_prev prev[NC_POS_MAX_CLASSES];
    for (unsigned i = 0; i < seen.n; i++) {
        cls.name[i] = seen.name[order[i]];
        cls.count[i] = seen.count[order[i]];
        remap[order[i]] = i;
        prev[i] = (nc_pos_prev){cls.name[i], strlen(cls.name[i]), nc_pos_value_hash(cls.name[i], strlen(cls.name[i]))};
    }
    cls.n = seen.n;
    for (size_t k = 0; k < train.n; k++)
        for (size_t i = 0; i < train.s[k].n; i++)
            train.s[k].gold[i] = (unsigned char)remap[train.s[k].gold[i]];
    read_bank(dev_path, &dev, &cls, 0);

    /* the word list: per norm, its classes in training. The ambiguity
     * class (a feature) lists those with >= 10%; a norm seen >= cand_min
     * times is scored only against the classes it had (its candidates),
     * and one with a single class is not scored at all */
    amb_lex amb = {0};
    amb.mask = (1u << 18) - 1;
    amb.slot = calloc(amb.mask + 1, sizeof *amb.slot);
    if (!amb.slot)
        return 1;
    for (size_t k = 0; k < train.n; k++)
        for (size_t i = 0; i < train.s[k].n; i++) {
            nc_pos_tok t;
            nc_pos_prepare(&t, train.s[k].forms[i], train.s[k].lens[i]);
            amb_word *aw = amb_find(&amb, t.norm, t.normlen, cls.n);
            aw->total++;
            aw->per[train.s[k].gold[i]]++;
        }
    size_t namb = 0, nfixed = 0, ncandw = 0;
    for (size_t k = 0; k < amb.n; k++) {
        amb_word *aw = &amb.w[k];
        if (aw->total < (size_t)amb_min)
            continue;
        char v[AMB_MAX];
        size_t vl = 0;
        for (unsigned c = 0; c < cls.n; c++)
            if (aw->per[c] * 10 >= aw->total && vl < sizeof v - 8)
                vl += (size_t)snprintf(v + vl, sizeof v - vl, "%s%u", vl ? "+" : "", c);
        aw->value = strdup(v);
        vl = 0;
        unsigned nc = 0, one = 0;
        if (aw->total >= (size_t)cand_min)
            for (unsigned c = 0; c < cls.n; c++)
                if (aw->per[c] && nc < NC_POS_MAX_CANDS) {
                    vl += (size_t)snprintf(v + vl, sizeof v - vl, "%s%u", vl ? "+" : "", c);
                    nc++;
                    one = c;
                }
        if (!nc || nc >= NC_POS_MAX_CANDS || vl >= sizeof v - 8)
            snprintf(v, sizeof v, "*");
        else {
            ncandw++;
            if (nc == 1) {
                aw->only = (int)one;
                nfixed++;
            }
        }
        aw->cand = strdup(v);
        namb++;
    }

    /* training */
    weights w = {0};
    w.mask = 1023;
    w.slot = calloc(w.mask + 1, sizeof *w.slot);
    size_t *perm = xmalloc(train.n * sizeof *perm);
    for (size_t k = 0; k < train.n; k++)
        perm[k] = k;
    nc_pos_tok *toks = NULL;
    size_t toks_cap = 0;
    unsigned char *pred = NULL, (*candbuf)[NC_POS_MAX_CANDS] = NULL;
    char (*ambbuf)[AMB_MAX] = NULL;
    int32_t now = 0;
    int32_t *scores = xmalloc(cls.n * sizeof *scores);
    for (int ep = 0; ep < epochs; ep++) {
        for (size_t k = train.n; k > 1; k--) { /* Fisher-Yates */
            size_t j = (size_t)(rng() % k);
            size_t t = perm[k - 1];
            perm[k - 1] = perm[j];
            perm[j] = t;
        }
        size_t right = 0, total = 0;
        for (size_t pk = 0; pk < train.n; pk++) {
            sent *s = &train.s[perm[pk]];
            if (s->n > toks_cap) {
                toks_cap = s->n;
                toks = xrealloc(toks, toks_cap * sizeof *toks);
                ambbuf = xrealloc(ambbuf, toks_cap * sizeof *ambbuf);
                candbuf = xrealloc(candbuf, toks_cap * sizeof *candbuf);
                pred = xrealloc(pred, toks_cap);
            }
            for (size_t i = 0; i < s->n; i++)
                nc_pos_prepare(&toks[i], s->forms[i], s->lens[i]);
            /* ambiguity classes as if this sentence had not been seen, so
             * that training meets them as tagging meets new text; the
             * candidates as the model lists them */
            for (size_t i = 0; i < s->n; i++) {
                amb_word *aw = amb_find(&amb, toks[i].norm, toks[i].normlen, 0);
                if (aw->cand[0] != '*') {
                    unsigned nc = 0;
                    for (const char *q = aw->cand; *q;) {
                        char *e;
                        candbuf[i][nc++] = (unsigned char)strtoul(q, &e, 10);
                        q = *e ? e + 1 : e;
                    }
                    toks[i].cand = candbuf[i];
                    toks[i].ncand = (unsigned char)nc;
                }
                size_t other = aw->total;
                for (size_t j = 0; j < s->n; j++)
                    if (toks[j].normlen == toks[i].normlen && memcmp(toks[j].norm, toks[i].norm, toks[i].normlen) == 0)
                        other--;
                if (other < (size_t)amb_min)
                    continue;
                size_t vl = 0;
                for (unsigned c = 0; c < cls.n; c++) {
                    size_t here = 0;
                    if (!aw->per[c])
                        continue;
                    for (size_t j = 0; j < s->n; j++)
                        if (s->gold[j] == c && toks[j].normlen == toks[i].normlen &&
                            memcmp(toks[j].norm, toks[i].norm, toks[i].normlen) == 0)
                            here++;
                    if ((aw->per[c] - here) * 10 >= other && vl < AMB_MAX - 8)
                        vl += (size_t)snprintf(ambbuf[i] + vl, AMB_MAX - vl, "%s%u", vl ? "+" : "", c);
                }
                nc_pos_tok_set_amb(&toks[i], ambbuf[i], vl);
            }
            for (size_t i = 0; i < s->n; i++) {
                if (toks[i].ncand == 1) {
                    pred[i] = toks[i].cand[0];
                    continue;
                }
                nc_pos_feature f[NC_POS_MAX_FEATURES];
                uint64_t h[NC_POS_MAX_FEATURES];
                size_t nf = nc_pos_features(toks, s->n, i, i >= 1 ? &prev[pred[i - 1]] : NULL,
                                            i >= 2 ? &prev[pred[i - 2]] : NULL, f);
                memset(scores, 0, cls.n * sizeof *scores);
                for (size_t q = 0; q < nf; q++) {
                    h[q] = nc_pos_feature_hash(&f[q]);
                    feat *ft = find(&w, h[q]);
                    for (unsigned e = 0; ft && e < ft->n; e++)
                        scores[ft->e[e].cls] += ft->e[e].w;
                }
                unsigned best = best_of(scores, cls.n, toks[i].cand, toks[i].ncand);
                now++;
                unsigned g = s->gold[i];
                if (best != g) {
                    for (size_t q = 0; q < nf; q++) {
                        feat *ft = find(&w, h[q]);
                        if (!ft)
                            ft = add(&w, h[q], &f[q]);
                        update(ft, g, 1, now);
                        update(ft, best, -1, now);
                    }
                } else
                    right++;
                total++;
                pred[i] = (unsigned char)best;
            }
        }
        fprintf(stderr, "train_pos: epoch %d: %.4f of scored training tokens right, %zu features\n",
                ep + 1, total ? (double)right / (double)total : 0.0, w.n);
    }

    /* averaged, scaled, pruned; features in sorted order */
    qsort(w.f, w.n, sizeof *w.f, cmp_feat);
    FILE *out = fopen(out_path, "w");
    if (!out) {
        perror(out_path);
        return 1;
    }
    fprintf(out,
            "# Part-of-speech model for newsclaims (src/text/pos.h): averaged perceptron weights.\n"
            "#\n"
            "# Licence: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), unlike the\n"
            "# project's code (MIT): this file is a derived work of the Universal Dependencies English\n"
            "# Web Treebank (UD_English-EWT), train split; annotations (c) 2013-2021 The Board of\n"
            "# Trustees of the Leland Stanford Junior University.\n"
            "#\n"
            "# HOW TO EDIT: do not edit by hand. `make tagger-model` rebuilds this file byte for byte\n"
            "# from the treebank (tools/train_pos.c: %d epochs, weights x %ld, |weight| < %ld left out,\n"
            "# candidates for words seen >= %ld times) and prints the dev accuracy. The build compiles\n"
            "# it into a table (tools/pos_table.c); `--rules DIR` reads DIR/pos/en-ewt.model instead.\n"
            "#\n"
            "# Lines, tab-separated:\n"
            "#   class  UPOS  XPOS              a class (numbered from 0 in order): a pair seen in training\n"
            "#   word   NORM  AMB  CANDIDATES   a normalised word: AMB the classes it had in training with\n"
            "#                                  >= 10%% (a feature), CANDIDATES the classes it is scored\n"
            "#                                  against (\"*\": all; one class: tagged without scoring)\n"
            "#   FEATURE  CLASS:WEIGHT ...      weights of a feature (template=value, see nc_pos_features)\n"
            "model\ten-ewt\n"
            "scale\t%ld\n",
            epochs, scale, prune, cand_min, scale);
    for (unsigned c = 0; c < cls.n; c++) {
        char *bar = strchr(cls.name[c], '|');
        fprintf(out, "class\t%.*s\t%s\n", (int)(bar - cls.name[c]), cls.name[c], bar + 1);
    }
    for (size_t k = 0; k < amb.n; k++)
        if (amb.w[k].value)
            fprintf(out, "word\t%.*s\t%s\t%s\n", (int)amb.w[k].len, amb.w[k].norm, amb.w[k].value, amb.w[k].cand);
    size_t kept_f = 0, kept_e = 0;
    for (size_t k = 0; k < w.n; k++) {
        feat *f = &w.f[k];
        /* entries by class number */
        for (unsigned a = 1; a < f->n; a++)
            for (unsigned b = a; b > 0 && f->e[b - 1].cls > f->e[b].cls; b--) {
                entry t = f->e[b - 1];
                f->e[b - 1] = f->e[b];
                f->e[b] = t;
            }
        int any = 0;
        for (unsigned e = 0; e < f->n; e++) {
            entry *x = &f->e[e];
            int64_t tot = x->total + (int64_t)(now - x->ts) * x->w;
            int64_t num = tot * scale, q = num >= 0 ? (num + now / 2) / now : -((-num + now / 2) / now);
            if (q > 32767) q = 32767;
            if (q < -32767) q = -32767;
            if (q < prune && q > -prune)
                continue;
            if (!any)
                fprintf(out, "%s\t", f->text);
            fprintf(out, "%s%u:%lld", any ? " " : "", x->cls, (long long)q);
            any = 1;
            kept_e++;
        }
        if (any) {
            fputc('\n', out);
            kept_f++;
        }
    }
    if (fclose(out)) {
        perror(out_path);
        return 1;
    }

    /* the file as the library loads it, on dev */
    char *text, msg[256];
    size_t len;
    if (nc_input_read(out_path, 0, &text, &len, msg, sizeof msg)) {
        fprintf(stderr, "train_pos: %s: %s\n", out_path, msg);
        return 1;
    }
    nc_pos_model *m;
    if (nc_pos_model_parse(&m, text, len, msg, sizeof msg)) {
        fprintf(stderr, "train_pos: %s: %s\n", out_path, msg);
        return 1;
    }
    size_t up = 0, xp = 0, all = 0;
    unsigned char *tags = NULL;
    size_t tcap = 0;
    double secs = 0;
    for (int rep = 0; rep < 5; rep++) {
        double t0 = now_s();
        for (size_t k = 0; k < dev.n; k++) {
            sent *s = &dev.s[k];
            if (s->n > tcap) {
                tcap = s->n;
                tags = xrealloc(tags, tcap);
            }
            if (nc_pos_tag(m, (const char *const *)s->forms, s->lens, s->n, tags))
                return 1;
            for (size_t i = 0; i < s->n && !rep; i++) {
                all++;
                if (s->gold[i] == tags[i]) {
                    up++;
                    xp++;
                    continue;
                }
                const char *gname = s->gold[i] < cls.n ? cls.name[s->gold[i]] : NULL;
                if (!gname)
                    continue; /* a pair unseen in training: counted wrong */
                const char *gb = strchr(gname, '|');
                if (strncmp(m->class_name[tags[i]], gname, (size_t)(gb - gname) + 1) == 0)
                    up++;
                if (strcmp(m->class_xpos[tags[i]], gb + 1) == 0)
                    xp++;
            }
        }
        double t = now_s() - t0;
        if (!rep || t < secs)
            secs = t;
    }
    size_t table = (size_t)(m->mask + 1) * sizeof(nc_pos_slot) + m->nrows * sizeof(int16_t) +
                   (size_t)(m->word_mask + 1) * sizeof(nc_pos_word) + m->ncands +
                   2 * (size_t)m->nclasses * m->nclasses * sizeof(int32_t); /* p2_lo, p2_hi */
    printf("train_pos: %zu words (%zu with candidates, %zu of one class), %u classes, %zu features, %zu weights "
           "kept (prune %ld), file %zu bytes, table %zu bytes\n",
           namb, ncandw, nfixed, cls.n, kept_f, kept_e, prune, len, table);
    printf("train_pos: dev %zu tokens: UPOS %.4f XPOS %.4f, %.0f tokens/s (best of 5)\n", all,
           (double)up / (double)all, (double)xp / (double)all, (double)all / secs);
    nc_pos_model_free(m);
    free(text);
    return 0;
}
