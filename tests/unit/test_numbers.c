/* Unit tests for src/rules/numbers: the data file loader, nc_numbers_parse
 * and the regex alternations. Run from the repository root. */
#include "input/input.h"
#include "check.h"
#include "newsclaims.h"
#include "rules/numbers.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOV 0 /* "no value" placeholder for fields whose has_ flag is 0 */

/* A data file, read with the project's own reader; the test stops (exit 2)
 * when it cannot be read. */
static char *read_file(const char *path, size_t *len)
{
    char *buf, msg[256];
    if (nc_input_read(path, 0, &buf, len, msg, sizeof msg)) {
        fprintf(stderr, "%s: %s\n", path, msg);
        exit(2);
    }
    return buf;
}

/* Parses s from an exactly sized heap copy with no NUL after it, so ASan
 * catches any read past len. */
static int parse(const nc_numbers *n, const char *s, nc_count *c)
{
    size_t len = strlen(s);
    char *copy = malloc(len ? len : 1);
    if (!copy)
        exit(2);
    memcpy(copy, s, len);
    int rc = nc_numbers_parse(n, copy, len, c);
    free(copy);
    return rc;
}

/* Checks every field of the result; on failure names the input. */
#define EXPECT(str, q, hv, v, hl, lo, hh, hi, ap)                                              \
    do {                                                                                       \
        int before_ = nc_t_fail;                                                               \
        nc_count c_;                                                                           \
        CHECK_INT(parse(n, (str), &c_), 0);                                                    \
        CHECK_STR(nc_qualifier_name(c_.qualifier), nc_qualifier_name(q));                      \
        CHECK_INT(c_.has_value, (hv));                                                         \
        CHECK_INT(c_.has_low, (hl));                                                           \
        CHECK_INT(c_.has_high, (hh));                                                          \
        CHECK_INT(c_.has_value ? c_.value : NOV, (v));                                         \
        CHECK_INT(c_.has_low ? c_.low : NOV, (lo));                                            \
        CHECK_INT(c_.has_high ? c_.high : NOV, (hi));                                          \
        CHECK_INT(c_.approximate, (ap));                                                       \
        if (nc_t_fail != before_)                                                              \
            fprintf(stderr, "    ^ input: \"%s\"\n", (str));                                   \
    } while (0)

#define EXACT(s, v) EXPECT(s, NC_Q_EXACT, 1, v, 1, v, 1, v, 0)
#define AT_LEAST(s, v) EXPECT(s, NC_Q_AT_LEAST, 1, v, 1, v, 0, NOV, 0)
#define MORE_THAN(s, v) EXPECT(s, NC_Q_MORE_THAN, 1, v, 1, v, 0, NOV, 0)
#define AT_MOST(s, v) EXPECT(s, NC_Q_AT_MOST, 1, v, 0, NOV, 1, v, 0)
#define UP_TO(s, v) EXPECT(s, NC_Q_UP_TO, 1, v, 0, NOV, 1, v, 0)
#define NEARLY(s, v) EXPECT(s, NC_Q_NEARLY, 1, v, 0, NOV, 1, v, 0)
#define ABOUT(s, v) EXPECT(s, NC_Q_ABOUT, 1, v, 0, NOV, 0, NOV, 1)
#define RANGE(s, lo, hi, ap) EXPECT(s, NC_Q_RANGE, 0, NOV, 1, lo, 1, hi, ap)
#define VAGUE(s, lo) EXPECT(s, NC_Q_VAGUE, 0, NOV, 1, lo, 0, NOV, 1)

#define FAIL(str)                                                                              \
    do {                                                                                       \
        nc_count c_;                                                                           \
        int rc_ = parse(n, (str), &c_);                                                        \
        CHECK_INT(rc_, NC_EINVAL);                                                             \
        if (rc_ != NC_EINVAL)                                                                  \
            fprintf(stderr, "    ^ input: \"%s\"\n", (str));                                   \
    } while (0)

static void test_digits(const nc_numbers *n)
{
    EXACT("600", 600);
    EXACT("  600 \n", 600);
    EXACT("0", 0);
    EXACT("4,700", 4700);
    EXACT("4,700,000", 4700000);
    EXACT("4 700", 4700);
    EXACT("4\xC2\xA0" "700", 4700);         /* no-break space */
    EXACT("4\xE2\x80\x89" "700", 4700);     /* thin space */
    EXACT("4\xE2\x80\xAF" "700", 4700);     /* narrow no-break space */
    EXACT("12\xE2\x80\xAF" "345\xE2\x80\xAF" "678", 12345678);
    EXACT("4.700", 4700);
    EXACT("4.700.000", 4700000);
    EXACT("4'700", 4700);
    EXACT("4\xE2\x80\x99" "700", 4700);     /* curly apostrophe */
    EXACT("1.2 million", 1200000);
    EXACT("1.2million", 1200000);
    EXACT("1.25 million", 1250000);
    EXACT("0.5 million", 500000);
    EXACT("3 million", 3000000);
    EXACT("3 Million", 3000000);
    EXACT("2.5 billion", 2500000000LL);
    EXACT("1.200 million", 1200000);        /* a dot before a scale is decimal */
    EXACT("4.7k", 4700);
    EXACT("4.7K", 4700);
    EXACT("12k", 12000);
    EXACT("1.2m", 1200000);
    EXACT("3bn", 3000000000LL);
    EXACT("1.5 lakh", 150000);
    EXACT("4.0", 4);
    EXACT("2 dozen", 24);
    EXACT("3 hundred thousand", 300000);
    EXACT("9223372036854775807", INT64_MAX);

    FAIL("4.7");          /* counts are whole numbers */
    FAIL("1.25");
    EXACT("4.75k", 4750);
    FAIL("4.7505k");      /* 4750.5 */
    FAIL("4,70");
    FAIL("4,7000");
    FAIL("47,00");
    FAIL("4,700,00");
    FAIL("1234,567");     /* a group after more than three digits */
    FAIL("4,700.5");
    FAIL("2024th");
    FAIL("12%");
    FAIL("-5");
    FAIL("\xE2\x88\x92" "5"); /* minus sign */
    FAIL("+5");
    FAIL("9223372036854775808");
    FAIL("99999999999999999999");
    FAIL("9,999,999,999 billion");
    EXACT("3 thousand million", 3000000000LL); /* British "thousand million" */
    FAIL("3 million thousand"); /* multipliers after digits must grow */
    FAIL("20 billion billion");
    FAIL("3 k");
    FAIL("4.7km");
    FAIL("600 killed");
    FAIL("10 12");
}

static void test_words(const nc_numbers *n)
{
    EXACT("three", 3);
    EXACT("Three", 3);
    EXACT("THREE", 3);
    EXACT("zero", 0);
    EXACT("eleven", 11);
    EXACT("twenty", 20);
    EXACT("twenty-five", 25);
    EXACT("twenty five", 25);
    EXACT("Twenty\xE2\x80\x90" "five", 25);   /* U+2010 hyphen */
    EXACT("ninety-nine", 99);
    EXACT("three hundred", 300);
    EXACT("three hundred and twelve", 312);
    EXACT("three hundred twelve", 312);
    EXACT("one hundred and one", 101);
    EXACT("two thousand five hundred", 2500);
    EXACT("two thousand and twelve", 2012);
    EXACT("twenty-five hundred", 2500);
    EXACT("three hundred and twelve thousand", 312000);
    EXACT("two million three hundred thousand", 2300000);
    EXACT("a dozen", 12);
    EXACT("two dozen", 24);
    EXACT("half a dozen", 6);
    EXACT("half a million", 500000);
    EXACT("a hundred", 100);
    EXACT("a thousand", 1000);
    EXACT("a hundred thousand", 100000);
    EXACT("an", 1);
    EXACT("a", 1);
    EXACT("A", 1);
    EXACT("one", 1);
    EXACT("one million", 1000000);
    EXACT("nine billion", 9000000000LL);

    FAIL("many");
    FAIL("abc");
    FAIL("hundred");
    FAIL("thousand");
    FAIL("dozen");
    FAIL("a three");
    FAIL("one a");
    FAIL("and");
    FAIL("three and");
    FAIL("three hundred and");
    FAIL("twenty twenty");
    FAIL("five twenty");
    FAIL("twenty nineteen");
    FAIL("nineteen eighty");
    FAIL("zero hundred");
    FAIL("one hundred hundred");
    FAIL("a thousand thousand");
    FAIL("half");
    FAIL("half a");
    FAIL("half a hour");
    FAIL("half dozen");
    FAIL("threes");
    FAIL("three people");
    FAIL("onetwo");
}

static void test_qualifiers(const nc_numbers *n)
{
    AT_LEAST("at least 600", 600);
    AT_LEAST("At least 600", 600);
    AT_LEAST("AT  LEAST\xC2\xA0" "600", 600);
    AT_LEAST("at least three", 3);
    AT_LEAST("at least a dozen", 12);
    AT_LEAST("no fewer than 20", 20);
    AT_LEAST("600 or more", 600);
    AT_LEAST("600-plus", 600);
    AT_LEAST("600+", 600);
    MORE_THAN("more than 40", 40);
    MORE_THAN("over 40", 40);
    MORE_THAN("Over 1.2 million", 1200000);
    MORE_THAN("upwards of 40", 40);
    MORE_THAN("in excess of 40", 40);
    MORE_THAN("more than a hundred", 100);
    UP_TO("up to 50", 50);
    UP_TO("as many as 50", 50);
    NEARLY("nearly 50", 50);
    NEARLY("almost 50", 50);
    NEARLY("close to 50", 50);
    NEARLY("just under 50", 50);
    NEARLY("nearly a hundred", 100);
    AT_MOST("at most 50", 50);
    AT_MOST("no more than 50", 50);
    AT_MOST("fewer than 50", 50);
    ABOUT("about 4,100", 4100);
    ABOUT("around 600", 600);
    ABOUT("Approximately 4,700", 4700);
    ABOUT("approx. 4,700", 4700);
    ABOUT("an estimated 4,700", 4700);
    ABOUT("An estimated 4,700", 4700);
    ABOUT("estimated 4,700", 4700);
    ABOUT("some 300", 300);
    ABOUT("roughly 20", 20);
    ABOUT("some two dozen", 24);
    ABOUT("600 or so", 600);
    EXACT("exactly 600", 600);

    FAIL("at least");
    FAIL("about");
    FAIL("overall 40");
    FAIL("over40");
    FAIL("at least many");
    FAIL("or more");
    FAIL("at most -3");
}

static void test_ranges(const nc_numbers *n)
{
    RANGE("10,000\xE2\x80\x93" "12,000", 10000, 12000, 0); /* en dash */
    RANGE("10,000\xE2\x80\x94" "12,000", 10000, 12000, 0); /* em dash */
    RANGE("10,000\xE2\x88\x92" "12,000", 10000, 12000, 0); /* minus sign */
    RANGE("10,000-12,000", 10000, 12000, 0);
    RANGE("10,000 - 12,000", 10000, 12000, 0);
    RANGE("10,000 \xE2\x80\x93 12,000", 10000, 12000, 0);
    RANGE("10,000 to 12,000", 10000, 12000, 0);
    RANGE("10 000 to 12 000", 10000, 12000, 0);
    RANGE("between 10,000 and 12,000", 10000, 12000, 0);
    RANGE("Between 10 and 12", 10, 12, 0);
    RANGE("between 10-12", 10, 12, 0);
    RANGE("from 10 to 12", 10, 12, 0);
    RANGE("10 or 12", 10, 12, 0);
    RANGE("10-10", 10, 10, 0);
    RANGE("two or three", 2, 3, 0);
    RANGE("ten to twelve", 10, 12, 0);
    RANGE("ten-twelve", 10, 12, 0);
    RANGE("twenty-five to thirty", 25, 30, 0);
    RANGE("between one hundred and two hundred", 100, 200, 0);
    RANGE("two to three hundred", 200, 300, 0);
    RANGE("10-12 million", 10000000, 12000000, 0);
    RANGE("1.2 to 1.5 million", 1200000, 1500000, 0);
    RANGE("between 9 and 10 million", 9000000, 10000000, 0);
    RANGE("900 to 1.2 million", 900, 1200000, 0); /* 900 million would pass the top */
    RANGE("about 10-12", 10, 12, 1);
    RANGE("an estimated 10,000 to 12,000", 10000, 12000, 1);
    RANGE("some between 10 and 12", 10, 12, 1);

    FAIL("12-10");
    FAIL("12,000-10,000");
    FAIL("between 12 and 10");
    FAIL("between 10");
    FAIL("between 10 or 12");
    FAIL("from 10 or 12");
    FAIL("10 and 12");
    FAIL("10-");
    FAIL("-");
    FAIL("10--12");
    FAIL("4.5-6");
    FAIL("dozens-hundreds");
}

static void test_vague(const nc_numbers *n)
{
    VAGUE("dozens", 24);
    VAGUE("Dozens", 24);
    VAGUE("dozens of", 24);
    VAGUE("scores", 40);
    VAGUE("hundreds", 200);
    VAGUE("hundreds of", 200);
    VAGUE("thousands", 2000);
    VAGUE("tens of thousands", 20000);
    VAGUE("Tens\xC2\xA0of thousands of", 20000);
    VAGUE("hundreds of thousands", 200000);
    VAGUE("several", 3);
    VAGUE("a few", 3);
    VAGUE("a handful", 3);
    VAGUE("a handful of", 3);
    VAGUE("several hundred", 300);
    VAGUE("a few thousand", 3000);
    VAGUE("several dozen", 36);
    VAGUE("at least dozens", 24);
    VAGUE("some dozens", 24);

    FAIL("dozens of thousand");
    FAIL("several people");
    FAIL("of");
    FAIL("few");
}

static void test_edges(const nc_numbers *n)
{
    nc_count c;
    /* never reads past len; s need not be NUL-terminated */
    CHECK_INT(nc_numbers_parse(n, "600 extra", 3, &c), 0);
    CHECK_INT(c.value, 600);
    CHECK_INT(nc_numbers_parse(n, "4\xC2\xA0" "700", 2, &c), NC_EINVAL); /* cut UTF-8 */
    CHECK_INT(nc_numbers_parse(n, "twenty\xE2\x80", 8, &c), NC_EINVAL);
    CHECK_INT(nc_numbers_parse(n, NULL, 0, &c), NC_EINVAL);
    CHECK_INT(nc_numbers_parse(n, "", 0, &c), NC_EINVAL);
    CHECK_INT(nc_numbers_parse(NULL, "600", 3, &c), NC_EINVAL);
    CHECK_INT(nc_numbers_parse(n, "600", 3, NULL), NC_EINVAL);
    CHECK_INT(nc_numbers_parse(n, "6\0" "00", 4, &c), NC_EINVAL); /* embedded NUL */
    FAIL("");
    FAIL("   ");
    FAIL("\xC2\xA0");
    FAIL("\xE2\x80\x99");
    FAIL("six\xC3\xA9");

    /* over-long input fails rather than being truncated */
    char big[600];
    memset(big, '1', sizeof big);
    CHECK_INT(nc_numbers_parse(n, big, sizeof big, &c), NC_EINVAL);
    memset(big, ' ', sizeof big);
    memcpy(big + 300, "42", 2);
    CHECK_INT(nc_numbers_parse(n, big, sizeof big, &c), 0);
    CHECK_INT(c.value, 42);

    /* result is cleared on failure */
    memset(&c, 0x5a, sizeof c);
    CHECK_INT(nc_numbers_parse(n, "many", 4, &c), NC_EINVAL);
    CHECK_INT(c.has_value, 0);
    CHECK_INT(c.has_low, 0);

    CHECK_STR(nc_qualifier_name(NC_Q_EXACT), "exact");
    CHECK_STR(nc_qualifier_name(NC_Q_AT_LEAST), "at_least");
    CHECK_STR(nc_qualifier_name(NC_Q_MORE_THAN), "more_than");
    CHECK_STR(nc_qualifier_name(NC_Q_AT_MOST), "at_most");
    CHECK_STR(nc_qualifier_name(NC_Q_UP_TO), "up_to");
    CHECK_STR(nc_qualifier_name(NC_Q_NEARLY), "nearly");
    CHECK_STR(nc_qualifier_name(NC_Q_ABOUT), "about");
    CHECK_STR(nc_qualifier_name(NC_Q_RANGE), "range");
    CHECK_STR(nc_qualifier_name(NC_Q_VAGUE), "vague");
}

/* True when alt has alternative s, and returns its position. */
static int alt_index(const char *alt, const char *s)
{
    int idx = 0;
    size_t l = strlen(s);
    for (const char *p = alt;; idx++) {
        const char *bar = strchr(p, '|');
        size_t pl = bar ? (size_t)(bar - p) : strlen(p);
        if (pl == l && memcmp(p, s, l) == 0)
            return idx;
        if (!bar)
            return -1;
        p = bar + 1;
    }
}

static void test_alternations(const nc_numbers *n)
{
    const char *w = nc_numbers_word_alternation(n);
    const char *q = nc_numbers_qualifier_alternation(n);
    const char *v = nc_numbers_vague_alternation(n);
    CHECK(w && q && v);
    if (!w || !q || !v)
        return;
    CHECK(w[0] != '(' && w[0] != '|' && w[strlen(w) - 1] != '|');
    CHECK(alt_index(w, "seventeen") >= 0);
    CHECK(alt_index(w, "thousand") >= 0);
    CHECK(alt_index(w, "dozen") >= 0);
    CHECK(alt_index(w, "one") >= 0);
    CHECK(alt_index(w, "a") < 0);
    CHECK(alt_index(w, "an") < 0);
    CHECK(alt_index(w, "seventeen") < alt_index(w, "seven"));
    CHECK(alt_index(w, "hundred") < alt_index(w, "one"));
    /* longest first throughout */
    size_t prev = (size_t)-1;
    int sorted = 1;
    for (const char *p = w; *p;) {
        size_t l = strcspn(p, "|");
        if (l > prev)
            sorted = 0;
        prev = l;
        p += l + (p[l] == '|');
    }
    CHECK(sorted);

    CHECK(alt_index(q, "at\\s+least") >= 0);
    CHECK(alt_index(q, "approx\\.") >= 0);
    CHECK(alt_index(q, "an\\s+estimated") >= 0);
    CHECK(alt_index(q, "no\\s+more\\s+than") < alt_index(q, "more\\s+than"));
    CHECK(alt_index(q, "more\\s+than") >= 0);
    CHECK(strstr(q, "at least") == NULL);

    CHECK(alt_index(v, "dozens") >= 0);
    CHECK(alt_index(v, "a\\s+few") >= 0);
    CHECK(alt_index(v, "tens\\s+of\\s+thousands") >= 0);
    CHECK(alt_index(v, "hundreds\\s+of\\s+thousands") < alt_index(v, "thousands"));
    CHECK(alt_index(v, "many") < 0);
}

/* Loads text as a data file called bad.txt and checks the error. */
static void expect_load_error(const char *text, const char *prefix)
{
    char err[256];
    nc_numbers *m = (nc_numbers *)&err; /* must be reset to NULL */
    int rc = nc_numbers_load(text, strlen(text), "bad.txt", &m, err, sizeof err);
    CHECK_INT(rc, NC_ERULES);
    CHECK(m == NULL);
    if (strncmp(err, prefix, strlen(prefix)) != 0) {
        nc_t_fail++;
        fprintf(stderr, "%s:%d: FAILED: error \"%s\", expected it to begin \"%s\"\n", __FILE__,
                __LINE__, err, prefix);
    } else {
        nc_t_pass++;
    }
    if (m != (nc_numbers *)&err)
        nc_numbers_free(m);
}

static void test_loader(void)
{
    expect_load_error("[words]\none = 1\ntwo 2\n", "bad.txt:3: ");
    expect_load_error("# comment\n\n[words]\ntwo 2\n", "bad.txt:4: expected");
    expect_load_error("one = 1\n", "bad.txt:1: entry before");
    expect_load_error("[numbers]\n", "bad.txt:1: unknown section");
    expect_load_error("[words\n", "bad.txt:1: section header");
    expect_load_error("[words]\none = one\n", "bad.txt:2: value must");
    expect_load_error("[words]\none = -1\n", "bad.txt:2: value must");
    expect_load_error("[words]\none = 99999999999999999999\n", "bad.txt:2: value must");
    expect_load_error("[words]\n= 1\n", "bad.txt:2: missing phrase");
    expect_load_error("[words]\none =\n", "bad.txt:2: missing value");
    expect_load_error("[words]\none = 1\nOne = 1\n", "bad.txt:3: 'one' is listed twice");
    expect_load_error("[words]\nhundred = 100\n", "bad.txt:2: 'hundred': number words");
    expect_load_error("[words]\ntwentyfive = 25\n", "bad.txt:2: 'twentyfive'");
    expect_load_error("[words]\ntwenty five = 25\n", "bad.txt:2: 'twenty five' must be");
    expect_load_error("[words]\na = 2\n", "bad.txt:2: 'a' must be 1");
    expect_load_error("[words]\nten = 10\n[multipliers]\nten = 10\n", "bad.txt:4: 'ten' is listed");
    expect_load_error("[multipliers]\nunit = 1\n", "bad.txt:2: 'unit'");
    expect_load_error("[suffixes]\nk = 0\n", "bad.txt:2: 'k'");
    expect_load_error("[vague]\nnone = 0\n", "bad.txt:2: 'none'");
    expect_load_error("[qualifiers]\nat least = least\n", "bad.txt:2: unknown kind 'least'");
    expect_load_error("[qualifiers]\nat least = range\n", "bad.txt:2: unknown kind");
    expect_load_error("[qualifiers]\nabout = about roughly\n", "bad.txt:2: expected 'approximate'");
    expect_load_error("[after]\nor more = 600\n", "bad.txt:2: unknown kind");

    /* A name of NULL still yields a located message. */
    char err[256];
    nc_numbers *m = NULL;
    CHECK_INT(nc_numbers_load("[x]\n", 4, NULL, &m, err, sizeof err), NC_ERULES);
    CHECK(strncmp(err, "numbers.txt:1: ", 15) == 0);
    /* A tiny buffer truncates but stays NUL-terminated. */
    CHECK_INT(nc_numbers_load("[x]\n", 4, "bad.txt", &m, err, 5), NC_ERULES);
    CHECK_STR(err, "bad.");
    CHECK_INT(nc_numbers_load("[x]\n", 4, "bad.txt", &m, NULL, 0), NC_ERULES);
    CHECK_INT(nc_numbers_load("[words]\n", 8, "x", NULL, err, sizeof err), NC_EINVAL);

    /* An empty vocabulary still reads digits, and its alternations match
     * nothing rather than the empty string. */
    CHECK_INT(nc_numbers_load("", 0, "empty.txt", &m, err, sizeof err), 0);
    CHECK_STR(err, "");
    if (m) {
        const nc_numbers *n = m;
        EXACT("4,700", 4700);
        FAIL("three");
        FAIL("about 4,700");
        FAIL("dozens");
        CHECK_STR(nc_numbers_word_alternation(m), "(?!)");
        CHECK_STR(nc_numbers_qualifier_alternation(m), "(?!)");
        CHECK_STR(nc_numbers_vague_alternation(m), "(?!)");
        nc_numbers_free(m);
    }

    /* BOM, CRLF, trailing comments, spaced section names, upper case,
     * commas in values, odd phrases that need escaping. */
    const char *custom = "\xEF\xBB\xBF# test vocabulary\r\n"
                         "[ WORDS ]\r\n"
                         "Two = 2   # trailing comment\r\n"
                         "a = 1\r\n"
                         "[Multipliers]\r\n"
                         "grand = 1,000\r\n"
                         "[qualifiers]\r\n"
                         "At\tLeast = AT_LEAST\r\n"
                         "c. (ca) = about Approximate\r\n"
                         "[vague]\r\n"
                         "a slew  of = 10\r\n";
    m = NULL;
    CHECK_INT(nc_numbers_load(custom, strlen(custom), "custom.txt", &m, err, sizeof err), 0);
    CHECK_STR(err, "");
    if (m) {
        const nc_numbers *n = m;
        EXACT("two grand", 2000);
        EXACT("a grand", 1000);
        AT_LEAST("at least two", 2);
        ABOUT("c. (ca) 2", 2);
        FAIL("three");
        CHECK_STR(nc_numbers_word_alternation(m), "grand|two");
        CHECK_STR(nc_numbers_qualifier_alternation(m), "at\\s+least|c\\.\\s+\\(ca\\)");
        CHECK_STR(nc_numbers_vague_alternation(m), "a\\s+slew\\s+of");
        nc_numbers_free(m);
    }
    nc_numbers_free(NULL);
}

int main(void)
{
    size_t len;
    char err[256];
    char *data = read_file("data/numbers.txt", &len);
    nc_numbers *n = NULL;
    int rc = nc_numbers_load(data, len, "numbers.txt", &n, err, sizeof err);
    free(data);
    CHECK_INT(rc, 0);
    if (rc) {
        fprintf(stderr, "cannot load data/numbers.txt: %s\n", err);
        return CHECK_DONE("numbers");
    }
    test_digits(n);
    test_words(n);
    test_qualifiers(n);
    test_ranges(n);
    test_vague(n);
    test_edges(n);
    test_alternations(n);
    nc_numbers_free(n);
    test_loader();
    return CHECK_DONE("numbers");
}
