/* Tokeniser for the claim extractor: words keep inner apostrophes, hyphens
 * and dots ("Korea's", "neo-Nazi", "U.S"); quote marks, dashes and other
 * punctuation are tokens of their own. */
#include "extract/token.h"
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
    return i + 2 < end && t[i] == 0xE2 && t[i + 1] == 0x80 && t[i + 2] == xx;
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

/* End of the word starting at t[i]. */
static size_t word_end(const unsigned char *t, size_t i, size_t end)
{
    while (i < end) {
        if (letter_at(t, i, end)) {
            i += t[i] < 0x80 ? 1 : t[i] < 0xE0 ? 2 : t[i] < 0xF0 ? 3 : 4;
            continue;
        }
        /* joiners inside a word: ' - . & and the curly apostrophe */
        size_t j = u20(t, i, end, 0x99) ? 3 : (t[i] == '\'' || t[i] == '-' || t[i] == '.' || t[i] == '&') ? 1 : 0;
        if (j && letter_at(t, i + j, end)) {
            i += j;
            continue;
        }
        /* plural possessive: "officials' ", "officials’ " */
        if (j && (t[i] == '\'' || j == 3) && (t[i - 1] == 's' || t[i - 1] == 'S') && !letter_at(t, i + j, end)) {
            i += j;
            break;
        }
        break;
    }
    return i > end ? end : i;
}

static int push(nc_toks *o, const nc_tok *t)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 512;
        nc_tok *p = realloc(o->items, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        o->items = p;
        o->cap = cap;
    }
    o->items[o->n++] = *t;
    return 0;
}

static uint8_t word_flags(const unsigned char *t, size_t s, size_t e)
{
    uint8_t f = 0;
    if ((t[s] >= 'A' && t[s] <= 'Z') || (t[s] == 0xC3 && s + 1 < e && t[s + 1] >= 0x80 && t[s + 1] <= 0x9E))
        f |= NC_TOK_CAP;
    if (t[s] >= '0' && t[s] <= '9')
        f |= NC_TOK_DIGIT;
    size_t upper = 0, lower = 0;
    for (size_t i = s; i < e; i++) {
        upper += t[i] >= 'A' && t[i] <= 'Z';
        lower += t[i] >= 'a' && t[i] <= 'z';
    }
    if (upper >= 2 && !lower)
        f |= NC_TOK_ALLCAPS;
    if (e - s >= 3 && (t[e - 1] == 's' || t[e - 1] == 'S') && (t[e - 2] == '\'' || (e - s >= 5 && u20(t, e - 4, e, 0x99))))
        f |= NC_TOK_POSS;
    if (e - s >= 3 && (t[e - 1] == '\'' || u20(t, e - 3, e, 0x99)) &&
        (t[e - 2] == 's' || (e - s >= 4 && t[e - 4] == 's')))
        f |= NC_TOK_POSS;
    return f;
}

static int tokenize_sentence(const nc_cues *cues, const nc_document *doc, size_t si, nc_toks *o)
{
    const unsigned char *t = (const unsigned char *)doc->text;
    const nc_sentence *sen = &doc->sentences[si];
    size_t i = sen->start, end = sen->end;
    int space = 1;
    while (i < end) {
        size_t sp = space_at(t, i, end);
        if (sp) {
            i += sp;
            space = 1;
            continue;
        }
        nc_tok tok = {.s = i, .sent = (uint32_t)si, .para = sen->paragraph,
                      .flags = space ? NC_TOK_SPACE_BEFORE : 0};
        space = 0;
        if (letter_at(t, i, end)) {
            tok.kind = NC_TOK_WORD;
            tok.e = word_end(t, i, end);
            tok.flags |= word_flags(t, tok.s, tok.e);
            tok.info = nc_cues_word(cues, doc->text + tok.s, tok.e - tok.s);
        } else if (t[i] == '"' || u20(t, i, end, 0x9C) || u20(t, i, end, 0x9D) || u20(t, i, end, 0x9E)) {
            tok.kind = NC_TOK_DQUOTE;
            tok.ch = t[i] == '"' ? '"' : t[i + 2] == 0x9D ? 'R' : 'L';
            tok.e = i + (t[i] == '"' ? 1 : 3);
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
        int rc = push(o, &tok);
        if (rc)
            return rc;
        i = tok.e;
    }
    return 0;
}

int nc_tokenize(const nc_cues *cues, const nc_document *doc, nc_toks *out)
{
    out->n = 0;
    free(out->sent_first);
    out->sent_first = malloc((doc->n_sentences + 1) * sizeof *out->sent_first);
    if (!out->sent_first)
        return NC_ENOMEM;
    for (size_t si = 0; si < doc->n_sentences; si++) {
        out->sent_first[si] = out->n;
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
