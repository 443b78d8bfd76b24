/* The claim reader's view of the token stream (see token.h). */
#include "extract/claims/token.h"
#include "newsclaims.h"
#include "text/chars.h"
#include "util/utf8.h"
#include <stdlib.h>
#include <string.h>

/* Longest key looked up for a joined word: longer ones are in no lexicon. */
#define KEY_MAX 128

/* A hyphen-minus, dot or '&' between two words keeps them one word here. */
static int is_joiner(const nc_token *p, const char *text)
{
    if (p->kind != NC_TOKEN_PUNCT || p->end - p->start != 1)
        return 0;
    char c = text[p->start];
    return c == '-' || c == '.' || c == '&';
}

/* The last stream token of the word starting at stream token i (< end). */
static size_t word_end(const nc_token *st, size_t i, size_t end, const char *text)
{
    while (i + 2 < end && (st[i].flags & NC_TOKEN_GLUED) && !(st[i].flags & NC_TOKEN_INITIALS) &&
           is_joiner(&st[i + 1], text) && (st[i + 1].flags & NC_TOKEN_GLUED) && st[i + 2].kind == NC_TOKEN_WORD)
        i += 2;
    return i;
}

/* The view's key of the word made of stream tokens [i, j] into out
 * (possessives as written: "'s" or "'"); its length, 0 when over cap. */
static size_t joined_key(const nc_token *st, size_t i, size_t j, const char *text, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t p = i; p <= j; p++) {
        const nc_token *t = &st[p];
        size_t n = t->key_len;
        if ((t->flags & NC_TOKEN_INITIALS) && p == j)
            n--; /* its last dot is a token of its own */
        if (k + n + 2 > cap)
            return 0;
        memcpy(out + k, t->key, n);
        k += n;
        if (t->flags & NC_TOKEN_POSS) {
            out[k++] = '\'';
            char last = text[t->end - 1];
            if (last == 's' || last == 'S')
                out[k++] = 's';
        }
    }
    return k;
}

/* ALLCAPS of a word read from its bytes: a capital first, two cased
 * letters or more, no small one. */
static int all_caps(const unsigned char *t, size_t s, size_t e)
{
    size_t up = 0, low = 0;
    for (size_t i = s; i < e;) {
        size_t n;
        uint32_t c = nc_utf8_decode(t, i, e, &n);
        up += nc_char_is_upper(c);
        low += nc_char_is_lower(c);
        i += n;
    }
    return up >= 2 && !low;
}

/* Word token t gets the cue-lexicon entry of lexicon id. */
static void set_entry(nc_tok *t, const nc_cues *cues, const nc_lexicon *lex, uint32_t id)
{
    uint32_t v = lex ? nc_lexicon_get(lex, id, NC_LEX_CUE) : 0;
    if (!v)
        return;
    const nc_word_info *wi = nc_cues_info(cues, v);
    t->cue = v;
    t->classes = wi->classes;
    t->flags |= wi->n_cues ? NC_TOK_CUES : 0;
}

/* 1 if stream token t is the punctuation mark of UTF-8 bytes m. */
static int is_mark(const nc_token *t, const char *text, const char *m)
{
    size_t n = strlen(m);
    return t->kind == NC_TOKEN_PUNCT && t->end - t->start == n && memcmp(text + t->start, m, n) == 0;
}

/* 1 if stream token t is a double quote mark ('"', or 'L'/'R' curly). */
static int is_double_mark(const nc_token *t)
{
    return t->kind == NC_TOKEN_PUNCT && (t->ch == '"' || t->ch == 'L' || t->ch == 'R');
}

#define SQUOTE_MIN_WORDS 6
#define LSQUO "\xE2\x80\x98" /* U+2018, single opening quote */
#define RSQUO "\xE2\x80\x99" /* U+2019, single closing quote and apostrophe */

static uint32_t para_of(const nc_document *doc, const nc_token *t) { return doc->sentences[t->sentence].paragraph; }

/* The closing mark of the single quote that opens at stream token i
 * ("‘We will not go,’ he said"), or SIZE_MAX. U+2019 is an apostrophe as
 * often, so only a pair counts: an opening mark glued to the word after
 * it, and later in the same paragraph a U+2019 of its own (not inside a
 * word, not a possessive: the tokenizer keeps those in the word) glued to
 * what it closes and not to a word after it. Another opening mark first:
 * none; inside a double quote ("‘Look,’ she said" quoted) it is a quote
 * within the quote, not one of its own (the caller sees to that), and a
 * double mark before the closing one ends the search. A few quoted
 * words ("the so-called ‘peace plan’") are a name or scare quotes, not
 * speech: the quote holds SQUOTE_MIN_WORDS words or more, or ends its
 * sentence or clause (",’" ".’" "?’" "!’"). */
static size_t single_quote_close(const nc_document *doc, const nc_token *st, size_t n, size_t i)
{
    const char *text = doc->text;
    if (!(st[i].flags & NC_TOKEN_GLUED) || i + 1 >= n || st[i + 1].kind != NC_TOKEN_WORD)
        return SIZE_MAX;
    uint32_t para = para_of(doc, &st[i]);
    size_t words = 0;
    for (size_t c = i + 1; c < n && para_of(doc, &st[c]) == para; c++) {
        if (is_mark(&st[c], text, LSQUO) || is_double_mark(&st[c]))
            return SIZE_MAX; /* another single quote, or a double one, first */
        if (is_mark(&st[c], text, RSQUO) && !(st[c].flags & NC_TOKEN_SPACE) &&
            (!(st[c].flags & NC_TOKEN_GLUED) || c + 1 == n || st[c + 1].kind != NC_TOKEN_WORD)) {
            char last = st[c - 1].kind == NC_TOKEN_PUNCT ? st[c - 1].ch : 0;
            int ends = last == ',' || last == '.' || last == '?' || last == '!';
            return words >= SQUOTE_MIN_WORDS || ends ? c : SIZE_MAX;
        }
        words += st[c].kind == NC_TOKEN_WORD;
    }
    return SIZE_MAX;
}

int nc_toks_build(const nc_cues *cues, nc_document *doc, nc_toks *out)
{
    nc_tokens *in = &doc->tokens;
    const char *text = doc->text;
    const size_t n = in->n;
    nc_toks_free(out);
    out->sent_first = malloc((doc->n_sentences + 1) * sizeof *out->sent_first);
    if (!out->sent_first)
        return NC_ENOMEM;
    /* The view is written over the stream's own array, so a document's
     * tokens are held once, not twice (a view token per stream token, or
     * fewer, and one more for each set of initials, "U.S" "."). The
     * stream moves up by that many slots first; view token w is then
     * always written below the first stream token not yet read. */
    _Static_assert(sizeof(nc_tok) <= sizeof(nc_token), "the view fits in the stream's slots");
    size_t extra = 0;
    for (size_t i = 0; i < n; i++)
        extra += (in->items[i].flags & NC_TOKEN_INITIALS) != 0;
    unsigned char *mem = realloc(in->items, (n + extra + 1) * sizeof(nc_token));
    if (!mem)
        return NC_ENOMEM;
    in->items = NULL;
    out->items = (nc_tok *)mem;
    out->cap = n + extra + 1;
    nc_token *st = (nc_token *)mem + extra;
    memmove(st, mem, n * sizeof *st);
    size_t w = 0;
    /* stores go through memcpy: a slot written as a view token may have
     * held a stream token, and nothing reads it as one again */
#define PUT(t) memcpy(mem + w++ * sizeof(nc_tok), &(t), sizeof(nc_tok))
    size_t close_at = SIZE_MAX; /* the stream token that closes an open single quote */
    int in_double = 0;          /* inside a double quote of the paragraph (marks seen: odd) */
    uint32_t dpara = UINT32_MAX;
    for (size_t si = 0; si < doc->n_sentences; si++) {
        out->sent_first[si] = w;
        if (!in->sent_first)
            continue;
        size_t end = in->sent_first[si + 1];
        const uint32_t para = doc->sentences[si].paragraph;
        for (size_t i = in->sent_first[si]; i < end;) {
            const nc_token a = st[i];
            nc_tok tok = {.s = a.start, .sent = a.sentence, .para = para,
                          .flags = (a.flags & NC_TOKEN_SPACE) ? NC_TOK_SPACE_BEFORE : 0};
            if (a.kind == NC_TOKEN_PUNCT) {
                tok.kind = is_double_mark(&a) ? NC_TOK_DQUOTE : NC_TOK_PUNCT;
                tok.ch = a.ch;
                tok.e = a.end;
                size_t used = 1;
                if (para != dpara) {
                    dpara = para;
                    in_double = 0;
                }
                if (is_double_mark(&a))
                    in_double = a.ch == 'L' ? 1 : a.ch == 'R' ? 0 : !in_double;
                if (i == close_at) {
                    tok.kind = NC_TOK_DQUOTE;
                    tok.ch = 'R';
                    close_at = SIZE_MAX;
                } else if (close_at == SIZE_MAX && !in_double && is_mark(&a, text, LSQUO) &&
                           (close_at = single_quote_close(doc, st, n, i)) != SIZE_MAX) {
                    tok.kind = NC_TOK_DQUOTE; /* quoted words: read as a double quote mark */
                    tok.ch = 'L';
                } else if ((a.ch == '`' || a.ch == '\'') && i + 1 < end && st[i + 1].kind == NC_TOKEN_PUNCT &&
                           st[i + 1].ch == a.ch && st[i + 1].start == a.end) {
                    /* `` and '' written for a double quote mark (typewriter
                     * style): `` opens; '' opens or closes by its spacing */
                    tok.kind = NC_TOK_DQUOTE;
                    tok.ch = a.ch == '`' ? 'L' : '"';
                    tok.e = st[i + 1].end;
                    used = 2;
                }
                PUT(tok);
                i += used;
                continue;
            }
            size_t j = (a.flags & NC_TOKEN_GLUED) ? word_end(st, i, end, text) : i;
            const nc_token z = st[j];
            tok.kind = NC_TOK_WORD;
            tok.e = z.end - ((z.flags & NC_TOKEN_INITIALS) ? 1 : 0);
            tok.flags |= (a.flags & NC_TOKEN_CAP) ? NC_TOK_CAP : 0;
            tok.flags |= (a.flags & NC_TOKEN_DIGIT) ? NC_TOK_DIGIT : 0;
            if ((z.flags & NC_TOKEN_POSS) && tok.e - tok.s >= 3)
                tok.flags |= NC_TOK_POSS;
            int simple = i == j && !(a.flags & (NC_TOKEN_POSS | NC_TOKEN_INITIALS));
            if (a.flags & NC_TOKEN_CAP) {
                int caps = simple ? (a.flags & NC_TOKEN_UPPER) != 0
                                  : all_caps((const unsigned char *)text, tok.s, tok.e);
                tok.flags |= caps ? NC_TOK_ALLCAPS : 0;
            }
            if (simple) {
                set_entry(&tok, cues, in->lex, a.lex);
            } else if (in->lex) {
                char key[KEY_MAX];
                size_t k = joined_key(st, i, j, text, key, sizeof key);
                if (k)
                    set_entry(&tok, cues, in->lex, nc_lexicon_find(in->lex, key, k, nc_key_hash(key, k)));
            }
            PUT(tok);
            if (z.flags & NC_TOKEN_INITIALS) { /* "U.S" then "." */
                nc_tok dot = {.s = tok.e, .e = z.end, .sent = z.sentence, .para = para, .kind = NC_TOK_PUNCT, .ch = '.'};
                PUT(dot);
            }
            i = j + 1;
        }
    }
#undef PUT
    out->sent_first[doc->n_sentences] = w;
    out->n = w;
    nc_tokens_free(in); /* its keys and lexicon were read: the view has what claims need */
    if (w + 1 < out->cap) { /* give back what joined words saved */
        nc_tok *p = realloc(out->items, (w + 1) * sizeof *p);
        if (p) {
            out->items = p;
            out->cap = w + 1;
        }
    }
    return 0;
}

size_t nc_toks_word_key(const char *word, size_t len, char *out, size_t cap)
{
    nc_tokens t = {0};
    size_t k = 0;
    if (!nc_tokens_cut(&t, word, len, NULL) && t.n && t.items[0].kind == NC_TOKEN_WORD &&
        word_end(t.items, 0, t.n, word) == t.n - 1 && !(t.items[t.n - 1].flags & NC_TOKEN_INITIALS) &&
        t.items[0].start == 0 && t.items[t.n - 1].end == len)
        k = joined_key(t.items, 0, t.n - 1, word, out, cap);
    nc_tokens_free(&t);
    return k;
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
