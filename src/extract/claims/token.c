/* Tokeniser for the claim extractor: words keep inner apostrophes, hyphens
 * and dots ("Korea's", "neo-Nazi", "U.S"); quote marks, dashes and other
 * punctuation are tokens of their own. */
#include "extract/claims/token.h"
#include "newsclaims.h"
#include <stdlib.h>
#include <string.h>

static int ascii_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Length of a three-byte U+20xx sequence E2 80 xx at t[i], matched on xx. */
static int u20(const unsigned char *t, size_t i, size_t end, unsigned char xx)
{
    return t[i] == 0xE2 && i + 2 < end && t[i + 1] == 0x80 && t[i + 2] == xx;
}

/* Byte length of white space at t[i] (ASCII, no-break, U+2000-200A, U+202F), or 0. */
static size_t space_at(const unsigned char *t, size_t i, size_t end)
{
    if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n')
        return 1;
    if (t[i] == 0xC2 && i + 1 < end && t[i + 1] == 0xA0)
        return 2;
    if (i + 2 < end && t[i] == 0xE2 && t[i + 1] == 0x80 && (t[i + 2] <= 0x8A || t[i + 2] == 0xAF))
        return 3;
    return 0;
}

/* 1 if a letter or digit starts at t[i] (any non-ASCII byte that is not
 * punctuation of the U+20xx block counts as a letter). */
static int letter_at(const unsigned char *t, size_t i, size_t end)
{
    if (i >= end)
        return 0;
    if (t[i] < 0x80)
        return ascii_alnum(t[i]);
    if (t[i] == 0xE2 && i + 1 < end && t[i + 1] == 0x80)
        return 0;
    if (t[i] == 0xC2 && i + 1 < end && (t[i + 1] == 0xA0 || t[i + 1] == 0xAB || t[i + 1] == 0xBB))
        return 0;
    return 1;
}

/* Byte classes for the fast path over ASCII text. */
enum { CT_LOWER = 1, CT_UPPER = 2, CT_DIGIT = 4, CT_SPACE = 8, CT_HIGH = 16 };
static const unsigned char CT[256] = {
    ['\t'] = CT_SPACE, ['\n'] = CT_SPACE, [' '] = CT_SPACE,
    ['0'] = CT_DIGIT, ['1'] = CT_DIGIT, ['2'] = CT_DIGIT, ['3'] = CT_DIGIT, ['4'] = CT_DIGIT,
    ['5'] = CT_DIGIT, ['6'] = CT_DIGIT, ['7'] = CT_DIGIT, ['8'] = CT_DIGIT, ['9'] = CT_DIGIT,
#define L(c) [c] = CT_LOWER, [c - 32] = CT_UPPER
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'), L('l'), L('m'),
    L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
#undef L
#define H4(c) [c] = CT_HIGH, [c + 1] = CT_HIGH, [c + 2] = CT_HIGH, [c + 3] = CT_HIGH
#define H16(c) H4(c), H4(c + 4), H4(c + 8), H4(c + 12)
    H16(0x80), H16(0x90), H16(0xA0), H16(0xB0), H16(0xC0), H16(0xD0), H16(0xE0), H16(0xF0),
#undef H16
#undef H4
};

/* A word being read: its lower-cased form for the lexicon. */
typedef struct word_scan {
    char low[NC_CUES_WORD_MAX];
    size_t k; /* its length; more than NC_CUES_WORD_MAX when too long to keep */
} word_scan;

static inline void ws_add(word_scan *w, unsigned char c)
{
    if (w->k < NC_CUES_WORD_MAX)
        w->low[w->k] = (char)c;
    w->k++;
}

/* Reads the word starting at t[i]; returns its end. Joiners (' - . & and
 * the curly apostrophe, read as ') stay inside a word when a letter
 * follows; "officials' " keeps its apostrophe. */
static size_t word_read(const unsigned char *t, size_t i, size_t end, word_scan *w)
{
    while (i < end) {
        unsigned char c = t[i], ct = CT[c];
        if (ct & (CT_LOWER | CT_DIGIT | CT_UPPER)) {
            /* the common run of ASCII letters and digits ('|' 0x20 lower-cases
             * a letter and leaves a digit alone) */
            size_t k = w->k;
            do {
                if (k < NC_CUES_WORD_MAX)
                    w->low[k] = (char)(t[i] | 0x20);
                k++;
                i++;
            } while (i < end && (CT[t[i]] & (CT_LOWER | CT_DIGIT | CT_UPPER)));
            w->k = k;
            continue;
        }
        size_t j = u20(t, i, end, 0x99) ? 3 : (c == '\'' || c == '-' || c == '.' || c == '&') ? 1 : 0;
        if (j) {
            if (letter_at(t, i + j, end)) {
                ws_add(w, j == 3 ? '\'' : c);
                i += j;
                continue;
            }
            if ((c == '\'' || j == 3) && (t[i - 1] == 's' || t[i - 1] == 'S')) {
                ws_add(w, '\'');
                i += j;
            }
            break;
        }
        if ((ct & CT_HIGH) && letter_at(t, i, end)) {
            size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            for (size_t m = 0; m < n && i < end; m++)
                ws_add(w, t[i++]);
            continue;
        }
        break;
    }
    return i;
}

static uint8_t word_flags(const unsigned char *t, size_t s, size_t e)
{
    uint8_t f = 0;
    if ((CT[t[s]] & CT_UPPER) || (t[s] == 0xC3 && s + 1 < e && t[s + 1] >= 0x80 && t[s + 1] <= 0x9E))
        f |= NC_TOK_CAP;
    if (CT[t[s]] & CT_DIGIT)
        f |= NC_TOK_DIGIT;
    if (CT[t[s]] & CT_UPPER) { /* only a capitalised word can be all capitals */
        size_t upper = 0, lower = 0;
        for (size_t i = s; i < e; i++) {
            upper += (CT[t[i]] & CT_UPPER) != 0;
            lower += (CT[t[i]] & CT_LOWER) != 0;
        }
        if (upper >= 2 && !lower)
            f |= NC_TOK_ALLCAPS;
    }
    if (e - s >= 3 && (t[e - 1] == 's' || t[e - 1] == 'S') && (t[e - 2] == '\'' || (e - s >= 5 && u20(t, e - 4, e, 0x99))))
        f |= NC_TOK_POSS;
    if (e - s >= 3 && (t[e - 1] == '\'' || u20(t, e - 3, e, 0x99)) &&
        (t[e - 2] == 's' || (e - s >= 4 && t[e - 4] == 's')))
        f |= NC_TOK_POSS;
    return f;
}

/* 1 if sentence [i, end) may hold a claim: a quote mark, the key word of
 * a cue, or, opening a paragraph, capitals and a colon ("SMITH: ..."). Most
 * sentences have none, and tokenising only the others halves the cost. */
/* `` or '' : two grave accents or two apostrophes, a double quote mark in
 * typewriter style (some papers' archives, TeX) */
static int twin_quote(const unsigned char *t, size_t i, size_t end)
{
    return i + 1 < end && (t[i] == '`' || t[i] == '\'') && t[i + 1] == t[i];
}

static int may_hold_claim(const nc_cues *cues, const unsigned char *t, size_t i, size_t end, int para_start)
{
    size_t min_key = nc_cues_min_key(cues);
    if (para_start && i + 2 < end && (CT[t[i]] & CT_UPPER) && (CT[t[i + 1]] & CT_UPPER) &&
        memchr(t + i, ':', end - i))
        return 1;
    while (i < end) {
        unsigned char ct = CT[t[i]];
        if (ct & (CT_LOWER | CT_UPPER)) {
            uint32_t h = NC_CUES_HASH_INIT;
            size_t s = i;
            do {
                h = nc_cues_hash_step(h, (unsigned char)(ct & CT_UPPER ? t[i] + 32 : t[i]));
                ct = CT[t[++i]];
            } while (i < end && (ct & (CT_LOWER | CT_UPPER)));
            if (i - s >= min_key && nc_cues_may_start(cues, h))
                return 1;
            continue;
        }
        if (t[i] == '"' || u20(t, i, end, 0x9C) || u20(t, i, end, 0x9D) || u20(t, i, end, 0x9E) ||
            twin_quote(t, i, end))
            return 1;
        i++;
    }
    return 0;
}

static int tokenize_sentence(const nc_cues *cues, const nc_document *doc, size_t si, nc_toks *o)
{
    const unsigned char *t = (const unsigned char *)doc->text;
    const nc_sentence *sen = &doc->sentences[si];
    size_t max_word = nc_cues_max_word(cues);
    const uint64_t *known = nc_cues_known(cues);
    /* at most one token per byte: reserve once, then push cannot fail */
    if (o->cap - o->n < sen->end - sen->start) {
        size_t cap = o->cap ? o->cap : 512;
        while (cap - o->n < sen->end - sen->start)
            cap *= 2;
        nc_tok *p = realloc(o->items, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        o->items = p;
        o->cap = cap;
    }
    size_t i = sen->start, end = sen->end;
    int space = 1;
    while (i < end) {
        if (CT[t[i]] & CT_SPACE) {
            i++;
            space = 1;
            continue;
        }
        size_t sp = (CT[t[i]] & CT_HIGH) ? space_at(t, i, end) : 0;
        if (sp) {
            i += sp;
            space = 1;
            continue;
        }
        nc_tok tok;
        tok.s = i;
        tok.sent = (uint32_t)si;
        tok.para = sen->paragraph;
        tok.flags = space ? NC_TOK_SPACE_BEFORE : 0;
        tok.info = NULL;
        tok.ch = 0;
        space = 0;
        if ((CT[t[i]] & (CT_LOWER | CT_UPPER | CT_DIGIT)) || letter_at(t, i, end)) {
            word_scan w;
            w.k = 0;
            tok.kind = NC_TOK_WORD;
            tok.e = word_read(t, i, end, &w);
            tok.flags |= word_flags(t, tok.s, tok.e);
            if (w.k <= max_word) {
                uint32_t h = NC_CUES_HASH_INIT;
                for (size_t k = 0; k < w.k; k++)
                    h = nc_cues_hash_step(h, (unsigned char)w.low[k]);
                if ((known[(h & 0xFFFF) >> 6] >> (h & 63)) & 1)
                    tok.info = nc_cues_word_lower(cues, w.low, w.k, h);
            }
        } else if (t[i] == '"' || u20(t, i, end, 0x9C) || u20(t, i, end, 0x9D) || u20(t, i, end, 0x9E)) {
            tok.kind = NC_TOK_DQUOTE;
            tok.ch = t[i] == '"' ? '"' : t[i + 2] == 0x9D ? 'R' : 'L';
            tok.e = i + (t[i] == '"' ? 1 : 3);
        } else if (twin_quote(t, i, end)) { /* `` and '' written for “ and ” */
            tok.kind = NC_TOK_DQUOTE;
            tok.ch = t[i] == '`' ? 'L' : '"'; /* '' opens and closes: its spacing decides */
            tok.e = i + 2;
        } else {
            tok.kind = NC_TOK_PUNCT;
            if (u20(t, i, end, 0x93) || u20(t, i, end, 0x94)) {
                tok.ch = '-';
                tok.e = i + 3;
            } else if (u20(t, i, end, 0xA6)) {
                tok.ch = '.';
                tok.e = i + 3;
            } else if (u20(t, i, end, 0x98) || u20(t, i, end, 0x99)) {
                tok.ch = '\'';
                tok.e = i + 3;
            } else if (t[i] < 0x80) {
                tok.ch = (char)t[i];
                tok.e = i + 1;
            } else { /* other symbols: skip the whole UTF-8 sequence */
                tok.ch = '?';
                tok.e = i + (t[i] < 0xE0 ? 2 : t[i] < 0xF0 ? 3 : 4);
                if (tok.e > end)
                    tok.e = end;
            }
        }
        o->items[o->n++] = tok;
        i = tok.e;
    }
    return 0;
}

int nc_toks_build(const nc_cues *cues, const nc_document *doc, nc_toks *out)
{
    out->n = 0;
    free(out->sent_first);
    out->sent_first = malloc((doc->n_sentences + 1) * sizeof *out->sent_first);
    if (!out->sent_first)
        return NC_ENOMEM;
    int expired = 0;
    for (size_t si = 0; si < doc->n_sentences; si++) {
        out->sent_first[si] = out->n;
        if (expired || (expired = nc_document_expired(doc)))
            continue; /* out of time: the rest get no tokens */
        const nc_sentence *s = &doc->sentences[si];
        int para_start = si == 0 || doc->sentences[si - 1].paragraph != s->paragraph;
        if (!s->is_title && !may_hold_claim(cues, (const unsigned char *)doc->text, s->start, s->end, para_start))
            continue;
        int rc = tokenize_sentence(cues, doc, si, out);
        if (rc)
            return rc;
    }
    out->sent_first[doc->n_sentences] = out->n;
    return 0;
}

void nc_toks_free(nc_toks *t)
{
    free(t->items);
    free(t->sent_first);
    memset(t, 0, sizeof *t);
}

int nc_tok_is(const nc_tok *t, const char *text, const char *w)
{
    size_t n = strlen(w);
    if (t->kind != NC_TOK_WORD || t->e - t->s != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = text[t->s + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[i])
            return 0;
    }
    return 1;
}
