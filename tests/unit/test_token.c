/* Unit tests for the token stream (src/text/token.h), the character
 * classes behind it (src/text/chars.h) and the lexicon probe: the cases of
 * tests/unit/tokens.txt, then the stream of a segmented document. Run from
 * the repository root. */
#include "check.h"
#include "document/document.h"
#include "input/input.h"
#include "newsclaims.h"
#include "text/chars.h"
#include "text/lexicon.h"
#include "text/segment.h"
#include "text/token.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* s with every \uXXXX written as UTF-8, into out (cap bytes). */
static void unescape(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 5 < cap;) {
        if (s[i] == '\\' && i + 5 < n + 1 && s[i + 1] == 'u') {
            char hex[5] = {s[i + 2], s[i + 3], s[i + 4], s[i + 5], 0};
            o += nc_utf8_encode((uint32_t)strtoul(hex, NULL, 16), (unsigned char *)out + o);
            i += 6;
        } else {
            out[o++] = s[i++];
        }
    }
    out[o] = '\0';
}

/* The tokens as tokens.txt writes them. */
static void render(const nc_tokens *t, char *out, size_t cap)
{
    static const struct {
        unsigned flag;
        char letter;
    } F[] = {{NC_TOKEN_CAP, 'C'},  {NC_TOKEN_UPPER, 'U'}, {NC_TOKEN_DIGIT, 'D'},    {NC_TOKEN_HAS_DIGIT, 'H'},
             {NC_TOKEN_POSS, 'P'}, {NC_TOKEN_SPACE, 'S'}, {NC_TOKEN_GLUED, 'G'},    {NC_TOKEN_INITIALS, 'I'},
             {NC_TOKEN_ALPHA, 'A'}};
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < t->n && o + 64 < cap; i++) {
        const nc_token *k = &t->items[i];
        if (i)
            out[o++] = ' ';
        o += (size_t)snprintf(out + o, cap - o, "%.*s", (int)k->key_len, k->key);
        char fl[16];
        size_t f = 0;
        for (size_t j = 0; j < sizeof F / sizeof *F; j++)
            if (k->flags & F[j].flag)
                fl[f++] = F[j].letter;
        fl[f] = '\0';
        if (f)
            o += (size_t)snprintf(out + o, cap - o, "/%s", fl);
        if (k->kind == NC_TOKEN_PUNCT)
            o += (size_t)snprintf(out + o, cap - o, "=%c", k->ch);
        /* every token: its key hashed as documented, its span in the text */
        CHECK(nc_token_hash(k) == nc_key_hash(k->key, k->key_len));
        CHECK(k->start < k->end);
    }
}

static void test_cases(void)
{
    char *data = NULL;
    size_t len = 0;
    char msg[256];
    if (nc_input_read("tests/unit/tokens.txt", 1 << 20, &data, &len, msg, sizeof msg)) {
        fprintf(stderr, "tests/unit/tokens.txt: %s\n", msg);
        nc_t_fail++;
        return;
    }
    size_t cases = 0;
    for (char *line = data; line < data + len;) {
        char *nl = memchr(line, '\n', (size_t)(data + len - line));
        size_t n = nl ? (size_t)(nl - line) : (size_t)(data + len - line);
        char *next = nl ? nl + 1 : data + len;
        char *arrow = NULL;
        for (char *p = line; p + 4 <= line + n; p++)
            if (memcmp(p, " => ", 4) == 0)
                arrow = p;
        if (n && line[0] != '#' && arrow) {
            char text[512], want[1024], got[1024];
            unescape(line, (size_t)(arrow - line), text, sizeof text);
            unescape(arrow + 4, (size_t)(line + n - arrow - 4), want, sizeof want);
            nc_tokens t = {0};
            CHECK_INT(nc_tokens_cut(&t, text, strlen(text), NULL), 0);
            render(&t, got, sizeof got);
            if (strcmp(got, want) != 0)
                fprintf(stderr, "tokens.txt: \"%s\"\n  got  %s\n  want %s\n", text, got, want);
            CHECK_STR(got, want);
            nc_tokens_free(&t);
            cases++;
        }
        line = next;
    }
    CHECK(cases >= 15);
    free(data);
}

/* The stream of a document: sentences, paragraphs, lexicon entries. */
static void test_document(void)
{
    const char *text = "North\xE3\x80\x80Korea said 3 soldiers died.\n\nSeoul denied it. Officials said nothing.";
    nc_document doc = {0};
    size_t invalid;
    CHECK_INT(nc_text_decode(text, strlen(text), &doc.text, &doc.len, &invalid), 0);
    CHECK_INT(nc_text_segment(&doc, NULL, 0), 0);
    CHECK_INT(doc.n_sentences, 3);
    nc_lexicon *lex = nc_lexicon_new();
    uint32_t korea, said;
    CHECK_INT(nc_lexicon_add(lex, "korea", 5, &korea), 0);
    CHECK_INT(nc_lexicon_add(lex, "said", 4, &said), 0);
    nc_lexicon_set(lex, said, NC_LEX_CUE, 7);
    uint32_t again;
    CHECK_INT(nc_lexicon_add(lex, "said", 4, &again), 0);
    CHECK_INT(again, said);
    CHECK_INT(nc_lexicon_size(lex), 2);
    CHECK_INT(nc_tokens_build(&doc, lex), 0);
    const nc_tokens *t = &doc.tokens;
    CHECK(t->lex == lex);
    /* North Korea said 3 soldiers died . | Seoul denied it . | Officials said nothing . */
    CHECK_INT(t->n, 15);
    CHECK_INT(t->sent_first[0], 0);
    CHECK_INT(t->sent_first[1], 7);
    CHECK_INT(t->sent_first[2], 11);
    CHECK_INT(t->sent_first[3], 15);
    CHECK_INT(t->items[1].lex, korea);
    CHECK_INT(t->items[2].lex, said);
    CHECK_INT(t->items[12].lex, said);
    CHECK_INT(nc_lexicon_get(lex, t->items[12].lex, NC_LEX_CUE), 7);
    CHECK_INT(nc_lexicon_get(lex, t->items[12].lex, NC_LEX_GAZ), 0);
    CHECK_INT(t->items[0].lex, 0);
    CHECK_INT(t->items[8].sentence, 1);
    CHECK_INT(doc.sentences[t->items[8].sentence].paragraph, 1);
    CHECK_INT(doc.sentences[t->items[12].sentence].paragraph, 1);
    CHECK_INT(t->items[11].flags & NC_TOKEN_SPACE, NC_TOKEN_SPACE); /* a sentence starts with "space" */
    CHECK_INT(t->items[6].flags & NC_TOKEN_GLUED, 0);                /* the last token of a sentence */
    CHECK_INT(t->items[5].flags & NC_TOKEN_GLUED, NC_TOKEN_GLUED);   /* "died" before "." */
    CHECK_INT(t->items[0].upos, 0);                                  /* untagged */
    CHECK_INT(doc.text[t->items[1].start], 'K');
    CHECK_INT(t->items[0].end + 3, t->items[1].start);                /* U+3000 between */
    /* a key that is its text as written points into the text (no pool
     * byte); a lower-cased one is the pool's */
    CHECK(t->items[2].key == doc.text + t->items[2].start); /* "said" */
    CHECK(t->items[6].key == doc.text + t->items[6].start); /* "." */
    CHECK(t->items[1].key != doc.text + t->items[1].start); /* "Korea" -> "korea" */
    CHECK(memcmp(t->items[1].key, "korea", 5) == 0);
    CHECK(t->pool_len < doc.len / 2);
    nc_document_clear(&doc);
    nc_lexicon_free(lex);
}

/* A word longer than a key holds: cut, marked, never found. */
static void test_long(void)
{
    size_t n = NC_TOKEN_KEY_MAX + 10;
    char *w = malloc(n);
    if (!w)
        exit(2);
    memset(w, 'a', n);
    nc_tokens t = {0};
    CHECK_INT(nc_tokens_cut(&t, w, n, NULL), 0);
    CHECK_INT(t.n, 1);
    CHECK_INT(t.items[0].end, n);
    CHECK_INT(t.items[0].key_len, NC_TOKEN_KEY_MAX);
    CHECK(t.items[0].flags & NC_TOKEN_LONG);
    nc_tokens_free(&t);
    free(w);
}

/* One definition of space, letter and case. */
static void test_chars(void)
{
    CHECK(nc_char_is_space(0x3000));
    CHECK(nc_char_is_space(0xA0));
    CHECK(nc_char_is_space(0x202F));
    CHECK(!nc_char_is_space('x'));
    CHECK(nc_char_class(0x2014) & NC_CH_DASH);
    CHECK(nc_char_class(0x201C) & NC_CH_DQUOTE);
    CHECK(nc_char_class(0x2019) & NC_CH_APOS);
    CHECK(nc_char_class(0x92) & NC_CH_APOS);
    CHECK(nc_char_class(0xD7) & NC_CH_PUNCT);   /* × */
    CHECK(nc_char_class(0x4E2D) & NC_CH_LETTER); /* 中 */
    CHECK(nc_char_class(0x0301) & NC_CH_LETTER); /* combining acute */
    CHECK(nc_char_is_upper(0x141));             /* Ł */
    CHECK_INT(nc_char_lower(0x141), 0x142);
    CHECK_INT(nc_char_lower(0x178), 0xFF);      /* Ÿ */
    CHECK_INT(nc_char_lower(0x3A9), 0x3C9);     /* Ω */
    CHECK_INT(nc_char_lower(0x416), 0x436);     /* Ж */
    CHECK(nc_char_is_lower(0xDF));              /* ß */
    CHECK(!nc_char_is_upper(0x4E2D));
    CHECK(nc_char_is_caseless_letter(0x4E2D));
    CHECK(nc_char_opens_quote(0x201E));
    /* the tokenizer's shortcut for two-byte letters agrees with the classes */
    int agree = 1;
    for (uint32_t c = 0xC0; c <= 0x4FF; c++)
        agree &= nc_char_is_letter_c0_4ff(c) == ((nc_char_class(c) & NC_CH_LETTER) != 0);
    CHECK(agree);
    /* lower-casing keeps the UTF-8 length (keys fit in their token's bytes) */
    unsigned char a[4], b[4];
    int same_len = 1;
    for (uint32_t c = 0x80; c < 0x10000; c++)
        same_len &= nc_utf8_encode(c, a) == nc_utf8_encode(nc_char_lower(c), b);
    CHECK(same_len);
    CHECK(nc_char_closes_quote(0x201D));
}

int main(void)
{
    test_cases();
    test_document();
    test_long();
    test_chars();
    return CHECK_DONE("token");
}
