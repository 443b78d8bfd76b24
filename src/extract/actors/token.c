/* Tokenizer for actor matching (see token.h). ASCII case rules only: keys
 * keep non-ASCII letters as they are, so "Élysée" matches "Élysée". */
#include "extract/actors/token.h"
#include "newsclaims.h"
#include <stdlib.h>
#include <string.h>

uint32_t nc_token_hash(const char *key, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)key[i];
        h *= 16777619u;
    }
    return h;
}

static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_alpha(int c) { return is_upper(c) || is_lower(c); }
static int is_alnum(int c) { return is_alpha(c) || (c >= '0' && c <= '9'); }

enum { C_SPACE, C_WORD, C_APOS, C_DASH, C_PUNCT };

/* Class of the character at u[i]; *step gets its length in bytes. */
static int char_class(const unsigned char *u, size_t i, size_t end, size_t *step)
{
    unsigned c = u[i];
    *step = 1;
    if (c < 0x80) {
        if (c == ' ' || (c >= '\t' && c <= '\r'))
            return C_SPACE;
        if (is_alnum((int)c))
            return C_WORD;
        if (c == '\'')
            return C_APOS;
        if (c == '-')
            return C_DASH;
        return C_PUNCT;
    }
    if (c == 0xC2 && i + 1 < end) {
        *step = 2;
        if (u[i + 1] == 0xA0)
            return C_SPACE; /* no-break space */
        if (u[i + 1] < 0xC0)
            return C_PUNCT; /* Latin-1 punctuation: « » ° § ... */
    }
    if (c == 0xE2 && i + 2 < end && (u[i + 1] == 0x80 || u[i + 1] == 0x81)) {
        *step = 3;
        unsigned c2 = u[i + 2];
        if (u[i + 1] == 0x80 && (c2 <= 0x8F || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF))
            return C_SPACE; /* U+2000..200F spaces and marks, line/paragraph separators */
        if (u[i + 1] == 0x80 && c2 >= 0x90 && c2 <= 0x95)
            return C_DASH;
        if (u[i + 1] == 0x80 && (c2 == 0x98 || c2 == 0x99))
            return C_APOS;
        return C_PUNCT; /* quotes, bullets, ellipsis */
    }
    /* any other non-ASCII character is taken as a letter */
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + n > end)
        n = end - i;
    *step = n;
    return C_WORD;
}

static int push(nc_tokens *out, nc_token **t)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 64;
        nc_token *p = realloc(out->items, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        out->items = p;
        out->cap = cap;
    }
    nc_token *x = &out->items[out->n++];
    x->start = x->end = 0;
    x->hash = x->node = 0;
    x->len = x->flags = 0;
    x->key[0] = '\0';
    *t = x;
    return 0;
}

static void key_add(nc_token *t, char c)
{
    if (t->len < NC_TOKEN_KEY_MAX)
        t->key[t->len++] = (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c;
    else
        t->flags |= NC_TOK_LONG;
}

/* Length of an initialism with dots at u[i] ("U.S.", "D.P.R.K."), or 0. */
static size_t initialism(const unsigned char *u, size_t i, size_t end)
{
    size_t k = i, letters = 0;
    while (k + 1 < end && is_alpha(u[k]) && u[k + 1] == '.' && (k == i || u[k - 1] == '.')) {
        k += 2;
        letters++;
    }
    if (letters < 2 || (k < end && is_alnum(u[k])))
        return 0;
    return k - i;
}

/* Case flags and hash. wend: end of the word without its possessive
 * ending. The key holds the word lowercased: a key letter whose text byte
 * differs was a capital. */
static void finish(nc_token *t, const unsigned char *u, size_t wend)
{
    int letters = 0, lower = 0;
    if (wend - t->start == t->len) { /* plain word: key and text line up */
        for (size_t k = 0; k < t->len; k++) {
            unsigned char c = u[t->start + k];
            letters += is_alpha(c);
            lower += is_lower(c);
        }
    } else {
        for (size_t i = t->start; i < wend; i++) {
            letters += is_alpha(u[i]);
            lower += is_lower(u[i]);
        }
    }
    unsigned c0 = u[t->start];
    if (is_upper((int)c0) || (c0 == 0xC3 && wend > t->start + 1 && u[t->start + 1] >= 0x80 &&
                              u[t->start + 1] <= 0x9E))
        t->flags |= NC_TOK_CAP;
    if (letters >= 2 && lower == 0)
        t->flags |= NC_TOK_UPPER;
    t->key[t->len] = '\0';
    t->hash = nc_token_hash(t->key, t->len);
}

int nc_tokenize(const char *text, size_t start, size_t end, nc_tokens *out)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t i = start, step;
    int space = 1;
    while (i < end) {
        if (u[i] == ' ' || u[i] == '\n') {
            space = 1;
            i++;
            continue;
        }
        int cls = char_class(u, i, end, &step);
        if (cls == C_SPACE) {
            space = 1;
            i += step;
            continue;
        }
        nc_token *t;
        if (push(out, &t))
            return NC_ENOMEM;
        t->start = i;
        if (space)
            t->flags |= NC_TOK_SPACE;
        space = 0;
        if (cls != C_WORD) {
            key_add(t, cls == C_APOS ? '\'' : cls == C_DASH ? '-' : (char)u[i]);
            for (size_t k = 1; cls == C_PUNCT && k < step; k++)
                key_add(t, (char)u[i + k]);
            i += step;
            t->end = i;
            finish(t, u, i);
            continue;
        }
        t->flags |= NC_TOK_WORD;
        size_t wend = 0;
        /* hash and case counts of the ASCII letters read by the fast loop;
         * `slow` when anything else went into the key */
        uint32_t h = 2166136261u;
        int letters = 0, lower = 0, slow = 0;
        size_t dots = initialism(u, i, end);
        if (dots) {
            for (size_t k = 0; k < dots; k++)
                key_add(t, (char)u[i + k]);
            i += dots;
            slow = 1;
        } else {
            while (i < end) {
                /* plain ASCII letters and digits, the common case. The key
                 * length lives in a local: stores to the char array key
                 * may alias t->len, which would otherwise be reloaded and
                 * stored for every letter. */
                size_t len = t->len, room = end - i;
                if (room > NC_TOKEN_KEY_MAX - len)
                    room = NC_TOKEN_KEY_MAX - len;
                const unsigned char *p = u + i, *stop = p + room;
                char *key = t->key;
                while (p < stop) {
                    unsigned c = *p, lc = c | 0x20; /* branch-light: this loop sees every letter */
                    unsigned alpha = lc - 'a' < 26u;
                    if (!alpha && c - '0' >= 10u)
                        break;
                    letters += (int)alpha;
                    lower += (int)(alpha & (c >> 5) & 1);
                    c = alpha ? lc : c;
                    key[len++] = (char)c;
                    h = (h ^ c) * 16777619u;
                    p++;
                }
                i = (size_t)(p - u);
                t->len = (uint8_t)len;
                if (i >= end)
                    break;
                /* ASCII after the letters that is neither a letter nor a
                 * digit (the loop would have taken it, unless the key is
                 * full) nor an apostrophe ends the word: no need to
                 * classify it */
                if (u[i] < 0x80 && u[i] != '\'' && len < NC_TOKEN_KEY_MAX)
                    break;
                cls = char_class(u, i, end, &step);
                slow |= cls == C_APOS && i + step < end;
                if (cls == C_WORD) {
                    /* a non-ASCII letter (or a letter past a full key,
                     * which makes it LONG): its bytes go into the key and
                     * the hash as they are */
                    for (size_t k = 0; k < step; k++) {
                        key_add(t, (char)u[i + k]);
                        h = (h ^ u[i + k]) * 16777619u;
                    }
                    i += step;
                    continue;
                }
                if (cls != C_APOS)
                    break;
                /* an apostrophe inside a word ("People's", "d'Ivoire"), or a
                 * plural possessive ("soldiers'") */
                size_t s2;
                int next = i + step < end ? char_class(u, i + step, end, &s2) : C_SPACE;
                if (next == C_WORD) {
                    int is_s = (u[i + step] == 's' || u[i + step] == 'S') &&
                               (i + step + 1 >= end || char_class(u, i + step + 1, end, &s2) != C_WORD);
                    if (is_s) {
                        t->flags |= NC_TOK_POSS;
                        wend = i;
                        i += step + 1;
                        break;
                    }
                    key_add(t, '\'');
                    i += step;
                    continue;
                }
                if (t->len && t->key[t->len - 1] == 's') {
                    t->flags |= NC_TOK_POSS;
                    wend = i;
                    i += step;
                }
                break;
            }
        }
        t->end = i;
        if (slow || (t->flags & NC_TOK_LONG)) {
            finish(t, u, wend ? wend : i);
        } else {
            /* as finish() would: the ASCII letters were all counted on
             * the way, and non-ASCII bytes are no letters to it */
            size_t e = wend ? wend : i;
            unsigned c0 = u[t->start];
            t->key[t->len] = '\0';
            t->hash = h;
            if (is_upper((int)c0) ||
                (c0 == 0xC3 && e > t->start + 1 && u[t->start + 1] >= 0x80 && u[t->start + 1] <= 0x9E))
                t->flags |= NC_TOK_CAP;
            if (letters >= 2 && lower == 0)
                t->flags |= NC_TOK_UPPER;
        }
    }
    return 0;
}

void nc_tokens_free(nc_tokens *t)
{
    free(t->items);
    memset(t, 0, sizeof *t);
}
