/* The tokenizer (see token.h): one pass over each sentence, ASCII letters
 * and digits on a fast path, everything else classified by chars.h. Each
 * word's key is written to the pool, hashed on the way and looked up once
 * in the lexicon. */
#include "text/token.h"
#include "document/document.h"
#include "newsclaims.h"
#include "text/chars.h"
#include "util/utf8.h"
#include <stdlib.h>
#include <string.h>

/* Byte classes for the fast path. */
enum { B_LOWER = 1, B_UPPER = 2, B_DIGIT = 4, B_SPACE = 8, B_HIGH = 16 };
static const unsigned char BT[256] = {
    ['\t'] = B_SPACE, ['\n'] = B_SPACE, ['\v'] = B_SPACE, ['\f'] = B_SPACE, ['\r'] = B_SPACE, [' '] = B_SPACE,
    ['0'] = B_DIGIT, ['1'] = B_DIGIT, ['2'] = B_DIGIT, ['3'] = B_DIGIT, ['4'] = B_DIGIT,
    ['5'] = B_DIGIT, ['6'] = B_DIGIT, ['7'] = B_DIGIT, ['8'] = B_DIGIT, ['9'] = B_DIGIT,
#define L(c) [c] = B_LOWER, [c - 32] = B_UPPER
    L('a'), L('b'), L('c'), L('d'), L('e'), L('f'), L('g'), L('h'), L('i'), L('j'), L('k'), L('l'), L('m'),
    L('n'), L('o'), L('p'), L('q'), L('r'), L('s'), L('t'), L('u'), L('v'), L('w'), L('x'), L('y'), L('z'),
#undef L
#define H4(c) [c] = B_HIGH, [c + 1] = B_HIGH, [c + 2] = B_HIGH, [c + 3] = B_HIGH
#define H16(c) H4(c), H4(c + 4), H4(c + 8), H4(c + 12)
    H16(0x80), H16(0x90), H16(0xA0), H16(0xB0), H16(0xC0), H16(0xD0), H16(0xE0), H16(0xF0),
#undef H16
#undef H4
};
#define B_ALNUM (B_LOWER | B_UPPER | B_DIGIT)

/* Class of the character at t[i] (i < end), its code point and length. */
static unsigned class_at(const unsigned char *t, size_t i, size_t end, uint32_t *cp, size_t *n)
{
    if (t[i] < 0x80) {
        *cp = t[i];
        *n = 1;
        return nc_ascii_class[t[i]];
    }
    /* document text is valid UTF-8 (nc_text_decode); a data phrase that is
     * not gets some class, never a read past end */
    *cp = nc_utf8_decode_valid(t, i, end, n);
    return nc_char_class_of(*cp);
}

static int word_at(const unsigned char *t, size_t i, size_t end)
{
    uint32_t cp;
    size_t n;
    return i < end && (class_at(t, i, end, &cp, &n) & NC_CH_WORD);
}

/* Length of dotted initials at t[i] ("U.S.", "D.P.R.K.", "a.m."), or 0. */
static size_t initials_at(const unsigned char *t, size_t i, size_t end)
{
    size_t k = i, letters = 0;
    while (k + 1 < end && (BT[t[k]] & (B_LOWER | B_UPPER)) && t[k + 1] == '.' && (k == i || t[k - 1] == '.')) {
        k += 2;
        letters++;
    }
    if (letters < 2 || word_at(t, k, end))
        return 0;
    return k - i;
}

typedef struct cutter {
    nc_tokens *out;
    const unsigned char *t;
    const nc_lexicon *lex;
    uint64_t hash; /* the last token's key hashed (tokens do not keep it) */
    int text_keys; /* a key the same as its text points into the text (which
                      outlives the tokens: a document's) and uses no pool */
} cutter;

/* Reads the word at t[i]; fills the token's end, key, flags. */
static void read_word(cutter *c, nc_token *tok, size_t i, size_t end, uint32_t cp0)
{
    const unsigned char *t = c->t;
    char *key = c->out->pool + c->out->pool_len;
    size_t k = 0;
    uint64_t h = NC_KEY_HASH_INIT;
    unsigned flags = 0, cased = 0, small = 0;
    int plain = (BT[t[i]] & (B_LOWER | B_UPPER)) != 0;
    if (nc_char_is_upper(cp0))
        flags |= NC_TOKEN_CAP;
    if (BT[t[i]] & B_DIGIT)
        flags |= NC_TOKEN_DIGIT;
    size_t dots = initials_at(t, i, end);
    if (dots) {
        for (size_t m = 0; m < dots; m++) {
            unsigned char b = t[i + m];
            if (BT[b] & (B_LOWER | B_UPPER)) {
                cased++;
                small += (BT[b] & B_LOWER) != 0;
                b |= 0x20;
            }
            key[k++] = (char)b;
            h = NC_KEY_HASH_STEP(h, b);
        }
        i += dots;
        flags |= NC_TOKEN_INITIALS;
        plain = 0;
    } else {
        for (;;) {
            /* ASCII letters and digits: the common case, branch-light
             * ('| 0x20' lower-cases a letter and leaves a digit alone) */
            unsigned b;
            while (i < end && ((b = BT[t[i]]) & B_ALNUM)) {
                unsigned char ch = (unsigned char)(t[i] | 0x20);
                cased += (b & (B_LOWER | B_UPPER)) != 0;
                small += b & B_LOWER;
                flags |= (b & B_DIGIT) ? NC_TOKEN_HAS_DIGIT : 0;
                key[k++] = (char)ch;
                h = NC_KEY_HASH_STEP(h, ch);
                i++;
            }
            if (i >= end || (t[i] < 0x80 && t[i] != '\''))
                break;
            if (t[i] >= 0xC3 && t[i] <= 0xD3 && i + 1 < end && (t[i + 1] & 0xC0) == 0x80) {
                /* a two-byte letter of Latin, Greek or Cyrillic: the common
                 * case beyond ASCII, without the general class lookup */
                uint32_t c2 = ((uint32_t)(t[i] & 0x1F) << 6) | (t[i + 1] & 0x3F);
                if (nc_char_is_letter_c0_4ff(c2)) {
                    uint32_t lc = nc_char_lower(c2);
                    if (lc != c2)
                        cased++;
                    else if (nc_char_is_lower(c2))
                        cased++, small++;
                    unsigned char b1 = (unsigned char)(0xC0 | (lc >> 6)), b2 = (unsigned char)(0x80 | (lc & 0x3F));
                    key[k++] = (char)b1;
                    key[k++] = (char)b2;
                    h = NC_KEY_HASH_STEP(NC_KEY_HASH_STEP(h, b1), b2);
                    plain = 0;
                    i += 2;
                    continue;
                }
            }
            uint32_t cp;
            size_t n;
            unsigned cls = class_at(t, i, end, &cp, &n);
            if (cls & NC_CH_LETTER) {
                /* the cased scripts of chars.c are below U+0590 and in
                 * U+1E00..U+1EFF; other letters (CJK...) need no case */
                int caseless = cp >= 0x590 && (cp < 0x1E00 || cp > 0x1EFF);
                uint32_t lc = caseless ? cp : nc_char_lower(cp);
                if (lc != cp)
                    cased++;
                else if (!caseless && nc_char_is_lower(cp))
                    cased++, small++;
                unsigned char buf[4];
                size_t m = nc_utf8_encode(lc, buf);
                if (m != n) { /* never for the mappings of chars.c; keep the text's bytes */
                    memcpy(buf, t + i, n);
                    m = n;
                }
                for (size_t q = 0; q < m; q++) {
                    key[k++] = (char)buf[q];
                    h = NC_KEY_HASH_STEP(h, buf[q]);
                }
                plain = 0;
                i += n;
                continue;
            }
            if (cls & NC_CH_FORMAT) { /* invisible: in the word, not in its key */
                plain = 0;
                i += n;
                continue;
            }
            if (!(cls & NC_CH_APOS))
                break;
            size_t j = i + n;
            if (word_at(t, j, end)) {
                if ((t[j] == 's' || t[j] == 'S') && !word_at(t, j + 1, end)) {
                    flags |= NC_TOKEN_POSS; /* "People's", "it's" */
                    i = j + 1;
                    break;
                }
                key[k++] = '\''; /* "d'Ivoire", "don't" */
                h = NC_KEY_HASH_STEP(h, '\'');
                plain = 0;
                i = j;
                continue;
            }
            if (k && key[k - 1] == 's') { /* "soldiers'" */
                flags |= NC_TOKEN_POSS;
                i = j;
            }
            break;
        }
    }
    if (cased >= 2 && small == 0)
        flags |= NC_TOKEN_UPPER;
    if (plain && !(flags & (NC_TOKEN_POSS | NC_TOKEN_HAS_DIGIT)))
        flags |= NC_TOKEN_ALPHA;
    tok->end = (uint32_t)i;
    tok->key = key;
    c->out->pool_len += k;
    if (k > NC_TOKEN_KEY_MAX) {
        k = NC_TOKEN_KEY_MAX;
        flags |= NC_TOKEN_LONG;
        h = nc_key_hash(key, k);
    }
    tok->key_len = (uint16_t)k;
    c->hash = h;
    tok->flags |= (uint16_t)flags;
    tok->kind = NC_TOKEN_WORD;
}

/* One punctuation character at t[i] of class cls, code point cp, length n. */
static void read_punct(cutter *c, nc_token *tok, size_t i, unsigned cls, uint32_t cp, size_t n)
{
    char *key = c->out->pool + c->out->pool_len;
    size_t k;
    char ch;
    if (cls & NC_CH_DASH) {
        ch = '-';
        key[0] = '-';
        k = 1;
    } else if (cls & NC_CH_APOS) {
        ch = '\'';
        key[0] = '\'';
        k = 1;
    } else {
        memcpy(key, c->t + i, n);
        k = n;
        if (cp < 0x80)
            ch = (char)cp;
        else if (cls & NC_CH_DQUOTE)
            ch = nc_char_opens_quote(cp) ? 'L' : 'R';
        else
            ch = cp == 0x2026 || cp == 0x85 ? '.' : '?';
    }
    tok->end = (uint32_t)(i + n);
    tok->key = key;
    tok->key_len = (uint16_t)k;
    c->hash = nc_key_hash(key, k);
    tok->kind = NC_TOKEN_PUNCT;
    tok->ch = ch;
    c->out->pool_len += k;
}

static int grow_items(nc_tokens *o)
{
    size_t cap = o->cap ? o->cap + o->cap / 2 : 64;
    nc_token *p = realloc(o->items, cap * sizeof *p);
    if (!p)
        return NC_ENOMEM;
    o->items = p;
    o->cap = cap;
    return 0;
}

/* A word of ASCII letters and digits at t[i], the common case, read in one
 * tight loop. Returns 0 (and writes nothing) when the word goes on with
 * something else (a non-ASCII letter, an apostrophe) or may be dotted
 * initials: read_word then reads it. */
static int ascii_word(cutter *c, nc_token *tok, size_t i, size_t end)
{
    const unsigned char *t = c->t;
    unsigned char first = t[i], ch = first;
    unsigned b = BT[ch], orb = 0;
    if ((b & (B_LOWER | B_UPPER)) && i + 1 < end && t[i + 1] == '.')
        return 0; /* "U.S.", "a.m." */
    char *key = c->out->pool + c->out->pool_len;
    size_t s = i, k = 0;
    uint64_t h = NC_KEY_HASH_INIT;
    do {
        unsigned char lc = (unsigned char)(ch | 0x20); /* lower-cases a letter, keeps a digit */
        orb |= b;
        key[k++] = (char)lc;
        h = NC_KEY_HASH_STEP(h, lc);
        if (++i >= end)
            break;
        ch = t[i];
        b = BT[ch];
    } while (b & B_ALNUM);
    if (i < end && ch == '\'')
        return 0;
    if (i < end && ch >= 0x80) { /* a closing quote or a dash ends it; a letter does not */
        uint32_t cp;
        size_t n;
        if (class_at(t, i, end, &cp, &n) & (NC_CH_LETTER | NC_CH_FORMAT | NC_CH_APOS))
            return 0;
    }
    if (k > NC_TOKEN_KEY_MAX)
        return 0; /* read_word cuts and marks it */
    unsigned flags = 0;
    if (BT[first] & B_UPPER)
        flags |= NC_TOKEN_CAP;
    if (orb & B_DIGIT)
        flags |= NC_TOKEN_HAS_DIGIT | ((BT[first] & B_DIGIT) ? NC_TOKEN_DIGIT : 0);
    else
        flags |= NC_TOKEN_ALPHA;
    if ((orb & B_UPPER) && !(orb & B_LOWER)) { /* no small letter: two capitals or more? */
        size_t up = 0;
        for (size_t q = s; q < i && up < 2; q++)
            up += (BT[t[q]] & B_UPPER) != 0;
        if (up >= 2)
            flags |= NC_TOKEN_UPPER;
    }
    tok->end = (uint32_t)i;
    tok->key_len = (uint16_t)k;
    c->hash = h;
    tok->flags |= (uint16_t)flags;
    tok->kind = NC_TOKEN_WORD;
    if (c->text_keys && !(orb & B_UPPER)) {
        tok->key = (const char *)t + s; /* the pool bytes just written are used again */
    } else {
        tok->key = key;
        c->out->pool_len += k;
    }
    return 1;
}

/* Appends the tokens of t[start, end); room for end - start key bytes is
 * there already. 0 or NC_ENOMEM. */
static int cut(cutter *c, size_t start, size_t end, uint32_t sentence)
{
    const unsigned char *t = c->t;
    nc_tokens *o = c->out;
    const uint64_t *filter = c->lex ? nc_lexicon_filter(c->lex) : NULL;
    const uint64_t filter_mask = c->lex ? nc_lexicon_filter_mask(c->lex) : 0;
    int have_prev = 0;
    unsigned space = NC_TOKEN_SPACE;
    size_t i = start;
    while (i < end) {
        unsigned char ch = t[i];
        unsigned b = BT[ch];
        if (b & B_SPACE) {
            space = NC_TOKEN_SPACE;
            i++;
            continue;
        }
        uint32_t cp = ch;
        size_t n = 1;
        unsigned cls = 0;
        if (b & B_HIGH) {
            uint32_t c2 = ch >= 0xC3 && ch <= 0xD3 && i + 1 < end ? ((uint32_t)(ch & 0x1F) << 6) | (t[i + 1] & 0x3F) : 0;
            if (c2 && (t[i + 1] & 0xC0) == 0x80 && nc_char_is_letter_c0_4ff(c2)) {
                cp = c2; /* a two-byte letter starts a word */
                n = 2;
                cls = NC_CH_LETTER;
            } else {
                cls = class_at(t, i, end, &cp, &n);
            }
            if (cls & NC_CH_SPACE) {
                space = NC_TOKEN_SPACE;
                i += n;
                continue;
            }
            if (cls & NC_CH_FORMAT) {
                i += n;
                continue;
            }
        }
        if (o->n == o->cap && grow_items(o))
            return NC_ENOMEM;
        nc_token *tok = &o->items[o->n++];
        if (!space && have_prev)
            tok[-1].flags |= NC_TOKEN_GLUED;
        tok->start = (uint32_t)i;
        tok->sentence = sentence;
        tok->lex = 0;
        tok->flags = (uint16_t)space;
        tok->ch = 0;
        tok->upos = tok->xpos = 0;
        space = 0;
        have_prev = 1;
        if (b & B_ALNUM) {
            if (!ascii_word(c, tok, i, end))
                read_word(c, tok, i, end, cp);
        } else if (!(b & B_HIGH)) { /* ASCII punctuation: its key is itself */
            if (c->text_keys) {
                tok->key = (const char *)t + i;
            } else {
                char *key = o->pool + o->pool_len++;
                *key = (char)ch;
                tok->key = key;
            }
            tok->end = (uint32_t)(i + 1);
            tok->key_len = 1;
            c->hash = NC_KEY_HASH_STEP(NC_KEY_HASH_INIT, ch);
            tok->kind = NC_TOKEN_PUNCT;
            tok->ch = (char)ch;
        } else if (cls & NC_CH_WORD) {
            read_word(c, tok, i, end, cp);
        } else {
            read_punct(c, tok, i, cls, cp, n);
        }
        uint64_t h = c->hash;
        if (filter && (filter[(h & filter_mask) >> 6] >> (h & 63) & 1))
            tok->lex = nc_lexicon_find(c->lex, tok->key, tok->key_len, h);
        i = tok->end;
    }
    return 0;
}

/* Room for the keys of `bytes` more bytes of text (a key is never longer
 * than its token), and a first guess at the tokens. */
static int reserve(nc_tokens *o, size_t bytes)
{
    size_t guess = o->n + bytes / 5 + 16;
    if (o->cap < guess) {
        nc_token *p = realloc(o->items, guess * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        o->items = p;
        o->cap = guess;
    }
    if (o->pool_cap - o->pool_len < bytes) {
        size_t cap = o->pool_cap ? o->pool_cap : 256;
        while (cap - o->pool_len < bytes)
            cap *= 2;
        /* keys point into the pool (none into a text: only
         * nc_tokens_build puts them there, and it reserves once, before
         * any token): kept as offsets while it moves */
        for (size_t k = 0; k < o->n; k++)
            o->items[k].key = (const char *)(uintptr_t)(o->items[k].key - o->pool);
        char *p = realloc(o->pool, cap);
        if (!p) {
            for (size_t k = 0; k < o->n; k++)
                o->items[k].key = o->pool + (uintptr_t)o->items[k].key;
            return NC_ENOMEM;
        }
        for (size_t k = 0; k < o->n; k++)
            o->items[k].key = p + (uintptr_t)o->items[k].key;
        o->pool = p;
        o->pool_cap = cap;
    }
    return 0;
}

int nc_tokens_cut(nc_tokens *out, const char *text, size_t len, const nc_lexicon *lex)
{
    if (len >= UINT32_MAX)
        return NC_ETOOBIG;
    int rc = reserve(out, len);
    if (rc)
        return rc;
    out->lex = lex;
    cutter c = {out, (const unsigned char *)text, lex, 0, 0};
    return cut(&c, 0, len, 0);
}

int nc_tokens_build(nc_document *doc, const nc_lexicon *lex)
{
    nc_tokens *o = &doc->tokens;
    nc_tokens_free(o);
    o->lex = lex;
    o->sent_first = malloc((doc->n_sentences + 1) * sizeof *o->sent_first);
    if (!o->sent_first)
        return NC_ENOMEM;
    for (size_t s = 0; s <= doc->n_sentences; s++)
        o->sent_first[s] = 0;
    if (doc->len >= UINT32_MAX)
        return NC_ETOOBIG;
    size_t bytes = 0;
    for (size_t s = 0; s < doc->n_sentences; s++)
        bytes += doc->sentences[s].end - doc->sentences[s].start;
    int rc = reserve(o, bytes);
    if (rc)
        return rc;
    cutter c = {o, (const unsigned char *)doc->text, lex, 0, 1};
    size_t s = 0;
    for (; s < doc->n_sentences; s++) {
        /* past the deadline the rest of the sentences get no tokens (the
         * caller sees the deadline has passed and extracts nothing) */
        if ((s & 255) == 255 && nc_document_expired(doc))
            break;
        const nc_sentence *sen = &doc->sentences[s];
        o->sent_first[s] = o->n;
        if ((rc = cut(&c, sen->start, sen->end, (uint32_t)s)))
            return rc;
    }
    for (; s <= doc->n_sentences; s++)
        o->sent_first[s] = o->n;
    return 0;
}

void nc_tokens_free(nc_tokens *t)
{
    free(t->items);
    free(t->sent_first);
    free(t->pool);
    memset(t, 0, sizeof *t);
}
