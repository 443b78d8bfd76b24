/* Unit tests for src/text/segment.c: decoding, the abbreviation list and
 * sentence segmentation. Run from the repository root (reads data/). */
#include "check.h"
#include "text/segment.h"
#include "newsclaims.h"
#include <stdlib.h>

/* ---- helpers ---- */

static nc_abbrevs *load_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char data[1 << 16];
    size_t n = fread(data, 1, sizeof data, f);
    fclose(f);
    nc_abbrevs *a = NULL;
    char err[256] = "";
    if (nc_abbrevs_load(data, n, path, &a, err, sizeof err))
        fprintf(stderr, "%s\n", err);
    return a;
}

/* Decodes in and returns the result (caller frees); *bad gets the count. */
static char *dec(const char *in, size_t len, size_t *out_len, size_t *bad)
{
    char *out = NULL;
    CHECK_INT(nc_text_decode(in, len, &out, out_len, bad), 0);
    return out;
}

/* Segments text and renders the sentences as "P:text|P:text", a title as
 * "T0:text"; the paragraph count is appended as "#N". */
static char *segment(const char *text, const nc_abbrevs *ab, int title, char **meta_title)
{
    nc_document doc = {0};
    doc.text = strdup(text);
    doc.len = strlen(text);
    if (meta_title && *meta_title)
        doc.meta.title = strdup(*meta_title);
    CHECK_INT(nc_text_segment(&doc, ab, title), 0);
    nc_buf b = {0};
    for (size_t i = 0; i < doc.n_sentences; i++) {
        const nc_sentence *s = &doc.sentences[i];
        char head[32];
        snprintf(head, sizeof head, "%s%s%u:", i ? "|" : "", s->is_title ? "T" : "", s->paragraph);
        nc_buf_append_str(&b, head);
        nc_buf_append(&b, doc.text + s->start, s->end - s->start);
        if (i && s->start < doc.sentences[i - 1].end)
            nc_buf_append_str(&b, "<OVERLAP>");
        if (s->end <= s->start)
            nc_buf_append_str(&b, "<EMPTY>");
    }
    char tail[32];
    snprintf(tail, sizeof tail, "#%u", doc.n_paragraphs);
    nc_buf_append_str(&b, tail);
    if (meta_title) {
        free(*meta_title);
        *meta_title = doc.meta.title ? strdup(doc.meta.title) : NULL;
    }
    nc_document_clear(&doc);
    return nc_buf_take(&b, NULL);
}

#define CHECK_SEG(text, ab, title, expect) do { char *r_ = segment((text), (ab), (title), NULL); \
    CHECK_STR(r_, (expect)); free(r_); } while (0)

/* ---- decoding ---- */

static void test_decode(void)
{
    size_t n = 0, bad = 99;
    char *s = dec("\xEF\xBB\xBFHello\r\nWorld\rX\n\r", 19, &n, &bad);
    CHECK_STR(s, "Hello\nWorld\nX\n\n");
    CHECK_INT(n, 15);
    CHECK_INT(bad, 0);
    free(s);

    /* a BOM only at the very start */
    s = dec("a\xEF\xBB\xBF", 4, &n, &bad);
    CHECK_STR(s, "a\xEF\xBB\xBF");
    free(s);

    /* controls dropped, TAB and LF kept, NUL dropped */
    s = dec("a\x01" "b\tc\0d\x1B\x7F", 9, &n, &bad);
    CHECK_STR(s, "ab\tcd\x7F");
    CHECK_INT(n, 6);
    CHECK_INT(bad, 0);
    free(s);

    /* valid multi-byte text passes through */
    const char *ok = "caf\xC3\xA9 \xE2\x80\x93 \xE2\x80\x9Cx\xE2\x80\x9D \xF0\x9F\x98\x80 \xC2\xA0";
    s = dec(ok, strlen(ok), &n, &bad);
    CHECK_STR(s, ok);
    CHECK_INT(bad, 0);
    free(s);

    /* lone continuation, overlong (C0 AF), surrogate (ED A0 80), above
     * U+10FFFF (F4 90 80 80), 5-byte lead (F8), truncated at the end */
    const char in[] = "a\xFF" "b\xC0\xAF" "c\xED\xA0\x80" "d\xF4\x90\x80\x80" "e\xF8" "f\xE2\x82";
    s = dec(in, sizeof in - 1, &n, &bad);
    CHECK_STR(s, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                 "d\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "e\xEF\xBF\xBD" "f\xEF\xBF\xBD");
    CHECK_INT(bad, 12);
    free(s);

    /* a truncated sequence followed by ASCII: one U+FFFD, the ASCII kept */
    s = dec("\xE2\x82x \xF0\x9F\x98y", 8, &n, &bad);
    CHECK_STR(s, "\xEF\xBF\xBDx \xEF\xBF\xBDy");
    CHECK_INT(bad, 2);
    free(s);

    /* all-invalid input grows the buffer (3 output bytes per input byte) */
    char junk[300];
    memset(junk, 0xFF, sizeof junk);
    s = dec(junk, sizeof junk, &n, &bad);
    CHECK_INT(n, 900);
    CHECK_INT(bad, 300);
    CHECK_INT(strlen(s), 900);
    free(s);

    /* empty input, NULL counters allowed */
    char *e = NULL;
    CHECK_INT(nc_text_decode("", 0, &e, NULL, NULL), 0);
    CHECK_STR(e, "");
    free(e);
    e = NULL;
    CHECK_INT(nc_text_decode("\xEF\xBB\xBF", 3, &e, &n, NULL), 0);
    CHECK_STR(e, "");
    free(e);

    /* the 8-byte fast path: a control or non-ASCII byte at every offset */
    char buf[64], want[64];
    int all_ok = 1;
    for (int pos = 0; pos < 40; pos++) {
        for (int k = 0; k < 40; k++)
            buf[k] = (char)('a' + k % 26);
        memcpy(want, buf, 40);
        buf[pos] = '\x07';
        memmove(want + pos, want + pos + 1, 39 - (size_t)pos);
        want[39] = '\0';
        s = dec(buf, 40, &n, &bad);
        all_ok &= strcmp(s, want) == 0 && n == 39;
        free(s);
        buf[pos] = '\x80';
        s = dec(buf, 40, &n, &bad);
        all_ok &= n == 42 && bad == 1 && memcmp(s + pos, "\xEF\xBF\xBD", 3) == 0;
        free(s);
    }
    CHECK(all_ok);
}

/* ---- abbreviation list ---- */

static void test_abbrevs(void)
{
    nc_abbrevs *a = NULL;
    char err[128] = "";
    const char *data = "# comment\n\n  Mr.  \r\nDr. # trailing comment\nMr.\ne.g.\n";
    CHECK_INT(nc_abbrevs_load(data, strlen(data), "t.txt", &a, err, sizeof err), 0);
    CHECK(a != NULL);
    CHECK_INT(nc_abbrevs_has(a, "Mr.", 3), 1);
    CHECK_INT(nc_abbrevs_has(a, "MR.", 3), 1);
    CHECK_INT(nc_abbrevs_has(a, "dr.", 3), 1);
    CHECK_INT(nc_abbrevs_has(a, "E.G.", 4), 1);
    CHECK_INT(nc_abbrevs_has(a, "Mr", 2), 0);
    CHECK_INT(nc_abbrevs_has(a, "Mrs.", 4), 0);
    CHECK_INT(nc_abbrevs_has(a, "#", 1), 0);
    CHECK_INT(nc_abbrevs_has(a, "", 0), 0);
    nc_abbrevs_free(a);

    a = (nc_abbrevs *)1;
    data = "Mr.\n# fine\nSt. Louis\n";
    CHECK_INT(nc_abbrevs_load(data, strlen(data), "abbr.txt", &a, err, sizeof err), NC_ERULES);
    CHECK(a == NULL);
    CHECK_STR(err, "abbr.txt:3: an abbreviation is one word; this line contains a space");
    data = "Mr.\nGen\n";
    CHECK_INT(nc_abbrevs_load(data, strlen(data), "abbr.txt", &a, err, sizeof err), NC_ERULES);
    CHECK_STR(err, "abbr.txt:2: an abbreviation must end with '.'");
    data = "Abcdefghijklmnopqrstuvwxyzabcdefgh.";
    CHECK_INT(nc_abbrevs_load(data, strlen(data), "abbr.txt", &a, err, sizeof err), NC_ERULES);
    CHECK_STR(err, "abbr.txt:1: abbreviation is too long (at most 32 bytes)");

    /* an empty list is valid */
    CHECK_INT(nc_abbrevs_load("", 0, "e.txt", &a, err, sizeof err), 0);
    CHECK_INT(nc_abbrevs_has(a, "Mr.", 3), 0);
    nc_abbrevs_free(a);
    nc_abbrevs_free(NULL);

    /* the shipped list */
    a = load_file("data/abbreviations.txt");
    CHECK(a != NULL);
    const char *listed[] = {"Mr.", "Gen.", "Sept.", "U.S.", "U.S.A.", "a.m.", "p.m.", "No.",
                            "etc.", "e.g.", "Inc.", "St.", "Calif."};
    for (size_t i = 0; i < sizeof listed / sizeof listed[0]; i++)
        CHECK_INT(nc_abbrevs_has(a, listed[i], strlen(listed[i])), 1);
    CHECK_INT(nc_abbrevs_has(a, "May.", 4), 0);
    CHECK_INT(nc_abbrevs_has(a, "said.", 5), 0);
    nc_abbrevs_free(a);
}

/* ---- segmentation ---- */

static void test_sentences(const nc_abbrevs *ab)
{
    CHECK_SEG("The U.S. Army said 12 people died. Gen. Smith agreed.", ab, 0,
              "0:The U.S. Army said 12 people died.|0:Gen. Smith agreed.#1");
    CHECK_SEG("John F. Kennedy spoke. The quake measured 4.7 on Monday. It hit at 9 a.m. "
              "Rescuers came.", ab, 0,
              "0:John F. Kennedy spoke.|0:The quake measured 4.7 on Monday.|"
              "0:It hit at 9 a.m. Rescuers came.#1");
    CHECK_SEG("He said \"we are done.\" Then he left. (Officials agreed.) Others did not.", ab, 0,
              "0:He said \"we are done.\"|0:Then he left.|0:(Officials agreed.)|0:Others did not.#1");
    CHECK_SEG("\xE2\x80\x9CWe lost 40 people.\xE2\x80\x9D The mayor wept. \xE2\x80\x98Why?\xE2\x80\x99 "
              "she asked.", ab, 0,
              "0:\xE2\x80\x9CWe lost 40 people.\xE2\x80\x9D|0:The mayor wept.|"
              "0:\xE2\x80\x98Why?\xE2\x80\x99 she asked.#1");
    CHECK_SEG("Is it true? Yes! It is. Wait... Then it fell\xE2\x80\xA6 Nobody moved.", ab, 0,
              "0:Is it true?|0:Yes!|0:It is.|0:Wait...|0:Then it fell\xE2\x80\xA6|0:Nobody moved.#1");
    CHECK_SEG("The toll: 40. 15 more died in No. 5 district. He said no. The rest agreed.", ab, 0,
              "0:The toll: 40.|0:15 more died in No. 5 district.|0:He said no.|0:The rest agreed.#1");
    CHECK_SEG("Prices rose approx. five percent. e.g. bread. Not a split: a. b.", ab, 0,
              "0:Prices rose approx. five percent. e.g. bread.|0:Not a split: a. b.#1");
    CHECK_SEG("It ended. \xC3\x89lys\xC3\xA9" "e officials spoke. \xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA"
              "\xD0\xB2\xD0\xB0 replied.", ab, 0,
              "0:It ended.|0:\xC3\x89lys\xC3\xA9" "e officials spoke.|"
              "0:\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0 replied.#1");
    CHECK_SEG("Troops entered (Gen. Lee led) at dawn. The \xE2\x80\x94Lt. Ray\xE2\x80\x94 stayed.", ab, 0,
              "0:Troops entered (Gen. Lee led) at dawn.|0:The \xE2\x80\x94Lt. Ray\xE2\x80\x94 stayed.#1");
    /* no-break and thin spaces split and are trimmed */
    CHECK_SEG("\xC2\xA0" "First\xC2\xA0sentence.\xC2\xA0Second one.\xE2\x80\x89\xE2\x80\xAF"
              "Third.\xC2\xA0", ab, 0,
              "0:First\xC2\xA0sentence.|0:Second one.|0:Third.#1");
    /* without an abbreviation list, initials still hold */
    CHECK_SEG("Dr. Who came. J. Smith left.", NULL, 0, "0:Dr.|0:Who came.|0:J. Smith left.#1");
    /* a sentence without punctuation is one sentence, however long */
    CHECK_SEG("no punctuation at all here", ab, 0, "0:no punctuation at all here#1");
    CHECK_SEG("", ab, 1, "#0");
    CHECK_SEG(" \n\xC2\xA0\n\t\n", ab, 1, "#0");
}

static void test_paragraphs(const nc_abbrevs *ab)
{
    /* one line per paragraph, key figures one per line, a headline */
    const char *t1 = "Quake kills hundreds in mountain region\n"
                     "At least 600 people died, officials said. Rescue work goes on.\n"
                     "\n"
                     "Confirmed deaths: Around 600\n"
                     "Injured: 1,200\n";
    char *title = NULL;
    char *r = segment(t1, ab, 1, &title);
    CHECK_STR(r, "T0:Quake kills hundreds in mountain region|"
                 "1:At least 600 people died, officials said.|1:Rescue work goes on.|"
                 "2:Confirmed deaths: Around 600|3:Injured: 1,200#4");
    CHECK_STR(title, "Quake kills hundreds in mountain region");
    free(r);
    free(title);

    /* no title detection asked for */
    CHECK_SEG("Headline\n\nBody text.", ab, 0, "0:Headline|1:Body text.#2");

    /* a title already known is kept; the line is still marked */
    title = strdup("From HTML");
    r = segment("Headline here?\n\nBody text.", ab, 1, &title);
    CHECK_STR(r, "T0:Headline here?|1:Body text.#2");
    CHECK_STR(title, "From HTML");
    free(r);
    free(title);

    /* not headlines: ends with '.', only line, list item, too long,
     * continued on the next line in lower case */
    CHECK_SEG("First sentence.\nSecond line", ab, 1, "0:First sentence.|1:Second line#2");
    title = NULL;
    r = segment("Only one line", ab, 1, &title);
    CHECK_STR(r, "0:Only one line#1");
    CHECK(title == NULL);
    free(r);
    CHECK_SEG("- item one\n- item two", ab, 1, "0:- item one|1:- item two#2");
    CHECK_SEG("Rescuers said on Monday that\nthe toll rose", ab, 1,
              "0:Rescuers said on Monday that|1:the toll rose#2");
    char long_line[400];
    memset(long_line, 'x', 250);
    strcpy(long_line + 250, "\nBody.");
    r = segment(long_line, ab, 1, NULL);
    CHECK(strncmp(r, "0:xxx", 5) == 0 && strstr(r, "|1:Body.#2") != NULL);
    free(r);
    /* 31 short words: too many for a headline, though only 92 bytes */
    char words[200] = "";
    for (int i = 0; i < 31; i++)
        strcat(words, i ? " ab" : "ab");
    char with_body[300], expect[300];
    snprintf(with_body, sizeof with_body, "%s\nBody.", words);
    snprintf(expect, sizeof expect, "0:%s|1:Body.#2", words);
    CHECK_SEG(with_body, ab, 1, expect);
    words[strlen(words) - 3] = '\0'; /* 30 words: a headline */
    snprintf(with_body, sizeof with_body, "%s\nBody.", words);
    snprintf(expect, sizeof expect, "T0:%s|1:Body.#2", words);
    CHECK_SEG(with_body, ab, 1, expect);

    /* list lines always start paragraphs; "1." is not a sentence */
    CHECK_SEG("Key figures:\n1. Deaths: 600. Most were children.\n2) Injured: 1,200\n"
              "* Missing: 40\n\xE2\x80\xA2 Displaced: 9,000", ab, 0,
              "0:Key figures:|1:1. Deaths: 600.|1:Most were children.|2:2) Injured: 1,200|"
              "3:* Missing: 40|4:\xE2\x80\xA2 Displaced: 9,000#5");
    /* blank lines made of spaces still separate */
    CHECK_SEG("A.\n \t\xC2\xA0\nB.", ab, 0, "0:A.|1:B.#2");
}

static void test_hard_wrapped(const nc_abbrevs *ab)
{
    const char *t =
        "Floods in the north\n"
        "\n"
        "Heavy rain caused rivers to burst their banks across the northern\n"
        "provinces on Sunday, killing at least 35 people, the U.S. embassy\n"
        "said. Local officials put the number of missing at more than 100\n"
        "and warned that the toll could rise.\n"
        "\n"
        "Rescue teams reached the worst-hit villages by boat on Monday and\n"
        "began moving survivors to shelters set up in schools and mosques.\n"
        "- Deaths: 35\n"
        "- Missing: 100\n";
    CHECK_SEG(t, ab, 1,
              "T0:Floods in the north|"
              "1:Heavy rain caused rivers to burst their banks across the northern\n"
              "provinces on Sunday, killing at least 35 people, the U.S. embassy\n"
              "said.|1:Local officials put the number of missing at more than 100\n"
              "and warned that the toll could rise.|"
              "2:Rescue teams reached the worst-hit villages by boat on Monday and\n"
              "began moving survivors to shelters set up in schools and mosques.|"
              "3:- Deaths: 35|4:- Missing: 100#5");

    /* the same words one paragraph per line are not hard-wrapped */
    CHECK_SEG("Heavy rain caused rivers to burst their banks on Sunday, officials said.\n"
              "Local officials put the number of missing at more than one hundred.\n"
              "Rescue teams reached the worst-hit villages by boat on Monday.\n", ab, 0,
              "0:Heavy rain caused rivers to burst their banks on Sunday, officials said.|"
              "1:Local officials put the number of missing at more than one hundred.|"
              "2:Rescue teams reached the worst-hit villages by boat on Monday.#3");
}

/* Segmenting a large document stays linear (a quadratic scan would not
 * finish in the test's time). */
static void test_large(const nc_abbrevs *ab)
{
    size_t n = 4u << 20;
    char *big = malloc(n + 1);
    const char *unit = "Officials said 12 people died. ";
    size_t ul = strlen(unit);
    for (size_t i = 0; i < n; i++)
        big[i] = unit[i % ul];
    big[n] = '\0';
    nc_document doc = {.text = big, .len = n};
    CHECK_INT(nc_text_segment(&doc, ab, 1), 0);
    CHECK_INT(doc.n_sentences, (n + ul - 1) / ul);
    CHECK_INT(doc.n_paragraphs, 1);
    nc_document_clear(&doc);

    /* one huge sentence without punctuation */
    big = malloc(n + 1);
    memset(big, 'a', n);
    big[n] = '\0';
    doc = (nc_document){.text = big, .len = n};
    CHECK_INT(nc_text_segment(&doc, ab, 1), 0);
    /* cut into pieces of NC_SENTENCE_MAX bytes, nothing lost */
    CHECK_INT(doc.n_sentences, n / NC_SENTENCE_MAX);
    int whole = 1;
    for (size_t i = 0; i < doc.n_sentences; i++)
        whole &= doc.sentences[i].start == i * NC_SENTENCE_MAX && doc.sentences[i].end == (i + 1) * NC_SENTENCE_MAX;
    CHECK(whole);
    nc_document_clear(&doc);
}

/* A document of unit repeated past twice NC_SENTENCE_MAX, then "end.",
 * segmented; its text is b's (freed with the document). */
static nc_document run_on(nc_abbrevs *ab, const char *unit, nc_buf *b)
{
    *b = (nc_buf){0};
    while (b->len < 2 * NC_SENTENCE_MAX + 100)
        nc_buf_append_str(b, unit);
    nc_buf_append_str(b, "end.");
    nc_document doc = {.text = b->data, .len = b->len};
    CHECK_INT(nc_text_segment(&doc, ab, 0), 0);
    return doc;
}

/* A run-on sentence is cut at "; ", else ", ", else before "and"/"but"/
 * "or"/"while", else a space, in the second
 * half of each piece; each piece is trimmed and keeps its paragraph. */
static void test_sentence_cap(nc_abbrevs *ab)
{
    nc_buf b = {0};
    while (b.len < NC_SENTENCE_MAX - 100)
        nc_buf_append_str(&b, "and the rescue teams searched the ruins ");
    size_t semi = b.len;
    nc_buf_append_str(&b, "; ");
    while (b.len < NC_SENTENCE_MAX + 3000)
        nc_buf_append_str(&b, "word, ");
    nc_buf_append_str(&b, "end.");
    nc_document doc = {.text = b.data, .len = b.len};
    CHECK_INT(nc_text_segment(&doc, ab, 0), 0);
    CHECK_INT(doc.n_sentences, 2);
    CHECK_INT(doc.sentences[0].start, 0);
    CHECK_INT(doc.sentences[0].end, semi + 1);   /* the ';' kept, the space not */
    CHECK_INT(doc.sentences[1].start, semi + 2);
    CHECK_INT(doc.sentences[1].end, b.len);
    CHECK_INT(doc.sentences[1].paragraph, 0);
    nc_document_clear(&doc);

    /* words only: cut at a space, the space in neither piece */
    doc = run_on(ab, "rescue ", &b);
    CHECK_INT(doc.n_sentences, 3);
    int ok = 1;
    for (size_t i = 0; i < doc.n_sentences; i++) {
        const nc_sentence *x = &doc.sentences[i];
        ok &= x->end - x->start <= NC_SENTENCE_MAX && b.data[x->start] == 'r' && b.data[x->end - 1] != ' ';
        ok &= i == 0 || x->start == doc.sentences[i - 1].end + 1;
    }
    CHECK(ok);
    CHECK_INT(doc.sentences[2].end, b.len);
    nc_document_clear(&doc);

    /* clauses joined by "and", no comma: cut before an "and", so that no
     * clause is cut in two */
    doc = run_on(ab, "four people were hurt and ", &b);
    CHECK_INT(doc.n_sentences, 3);
    ok = 1;
    for (size_t i = 0; i + 1 < doc.n_sentences; i++) {
        const nc_sentence *x = &doc.sentences[i];
        ok &= x->end - x->start <= NC_SENTENCE_MAX && x->end >= 4 && memcmp(b.data + x->end - 4, "hurt", 4) == 0 &&
              memcmp(b.data + doc.sentences[i + 1].start, "and ", 4) == 0;
    }
    CHECK(ok);
    nc_document_clear(&doc);
}

int main(void)
{
    test_decode();
    test_abbrevs();
    nc_abbrevs *ab = load_file("data/abbreviations.txt");
    test_sentence_cap(ab);
    test_sentences(ab);
    test_paragraphs(ab);
    test_hard_wrapped(ab);
    test_large(ab);
    nc_abbrevs_free(ab);
    return CHECK_DONE("text");
}
