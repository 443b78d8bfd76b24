/* Unit tests for src/rules/ruleset.c: the rule and macro loader (fields,
 * error messages with their "file:line:"), macro expansion, and the keyword
 * prefilter nc_ruleset_candidates(). Rules and macros are in-memory sources;
 * the numbers vocabulary is data/numbers.txt. Run from the repository root. */
#include "input/input.h"
#include "check.h"
#include "newsclaims.h"
#include "rules/ruleset.h"
#include "rules/ruleset_int.h" /* NC_COMPILE_OPTIONS */
#include "text/lexicon.h"
#include "text/token.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static nc_numbers *NUMS;

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

/* An exactly sized heap copy with no NUL after it, so ASan catches any read
 * past the end of a source. */
static char *exact_copy(const char *s, size_t len)
{
    char *p = malloc(len ? len : 1);
    if (!p)
        exit(2);
    memcpy(p, s, len);
    return p;
}

/* The prefilter's bits for text[0, len) as one sentence: read from the
 * token stream once with the words' lexicon entries and once without
 * (the ruleset's own keyword table), which must agree. */
static void candidates(nc_ruleset *rs, const char *text, size_t len, uint64_t *bits)
{
    size_t words = nc_ruleset_bitset_words(rs);
    uint64_t *other = calloc(words, sizeof *other);
    nc_lexicon *lex = nc_lexicon_new();
    if (!other || !lex || nc_ruleset_index(rs, lex))
        exit(2);
    nc_sentence sen = {.start = 0, .end = len};
    nc_document doc = {.text = (char *)text, .len = len, .sentences = &sen, .n_sentences = 1};
    if (nc_tokens_build(&doc, lex))
        exit(2);
    nc_ruleset_candidates(rs, &doc, 0, bits);
    if (nc_tokens_build(&doc, NULL))
        exit(2);
    nc_ruleset_candidates(rs, &doc, 0, other);
    for (size_t w = 0; w < words; w++)
        CHECK_INT(other[w], bits[w]);
    nc_tokens_free(&doc.tokens);
    nc_lexicon_free(lex);
    free(other);
}

/* Builds a ruleset from rule files named t.rules, u.rules (n of them) and a
 * macros file named m.txt (none when macros is NULL). */
static int build_n(const char *const *rules, size_t n, const char *macros, nc_ruleset **rs,
                   char *err, size_t errlen)
{
    static const char *const names[] = {"t.rules", "u.rules", "v.rules"};
    nc_rule_source src[3], msrc;
    char *copies[3] = {0}, *mcopy = NULL;
    for (size_t i = 0; i < n && i < 3; i++) {
        copies[i] = exact_copy(rules[i], strlen(rules[i]));
        src[i] = (nc_rule_source){names[i], copies[i], strlen(rules[i])};
    }
    if (macros) {
        mcopy = exact_copy(macros, strlen(macros));
        msrc = (nc_rule_source){"m.txt", mcopy, strlen(macros)};
    }
    err[0] = '\0';
    *rs = (nc_ruleset *)(uintptr_t)1; /* must be reset to NULL on failure */
    int rc = nc_ruleset_new(rs, src, n, macros ? &msrc : NULL, NUMS, err, errlen);
    for (size_t i = 0; i < 3; i++)
        free(copies[i]);
    free(mcopy);
    return rc;
}

static int build(const char *rules, const char *macros, nc_ruleset **rs, char *err, size_t errlen)
{
    return build_n(&rules, 1, macros, rs, err, errlen);
}

/* The same through nc_ruleset_new_lazy. */
static int build_lazy(const char *rules, const char *macros, nc_ruleset **rs, char *err, size_t errlen)
{
    nc_rule_source src = {"t.rules", rules, strlen(rules)}, msrc = {"m.txt", macros, strlen(macros)};
    err[0] = '\0';
    return nc_ruleset_new_lazy(rs, &src, 1, &msrc, NUMS, err, errlen);
}

static const nc_rule *find_rule(const nc_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < nc_ruleset_size(rs); i++)
        if (strcmp(nc_ruleset_rule(rs, i)->id, id) == 0)
            return nc_ruleset_rule(rs, i);
    return NULL;
}

/* 1 if pattern re matches all of s (anchored at both ends by the caller's
 * choice of s); 0 otherwise. Returns the match length in *mlen. */
static int re_find(const pcre2_code *re, const char *s, size_t *mstart, size_t *mend)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    if (!md)
        exit(2);
    int rc = pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL);
    if (rc > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        if (mstart)
            *mstart = ov[0];
        if (mend)
            *mend = ov[1];
    }
    pcre2_match_data_free(md);
    return rc > 0;
}

/* The text of capture group g of the first match of re in s ("" if unset). */
static void re_group(const pcre2_code *re, const char *s, int g, char *out, size_t outlen)
{
    out[0] = '\0';
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    if (!md)
        exit(2);
    if (pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL) > 0 && g > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        if (ov[2 * g] != PCRE2_UNSET) {
            size_t n = ov[2 * g + 1] - ov[2 * g];
            if (n >= outlen)
                n = outlen - 1;
            memcpy(out, s + ov[2 * g], n);
            out[n] = '\0';
        }
    }
    pcre2_match_data_free(md);
}

/* Rule r's expanded pattern compiled unanchored with the rules' options:
 * what nc_rule_match must agree with. Caller frees; NULL if r has no
 * pattern (yet). */
static pcre2_code *unanchored(const nc_rule *r)
{
    int errcode;
    PCRE2_SIZE erroff;
    return r->pattern ? pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED, NC_COMPILE_OPTIONS, &errcode,
                                      &erroff, NULL)
                      : NULL;
}

/* ---------- a valid rule ---------- */

static const char *MACROS =
    "# test macros\n"
    "NUM = \\d+\n"
    "\n"
    "WHO = men\n"
    "      # a comment inside a continuation is skipped\n"
    "      | women\n"
    "DAY = (?: today | yesterday )\n";

static const char *VALID =
    "# a comment line\n"
    "\n"
    "id: test.killed.basic\n"
    "category: killed\n"
    "keywords: kill* dead, died\n"
    "pattern: (?<count>{NUM}) \\s+ (?<who>{WHO}) \\s+ (?:killed|dead|died)\n"
    "         (?: \\s+ (?<when>{DAY}) )?\n"
    "example: 3 men killed today => killed 3\n"
    "example: A sentence that goes on\n"
    "   over two lines => none\n";

static void test_valid_rule(void)
{
    char err[512];
    nc_ruleset *rs;
    int rc = build(VALID, MACROS, &rs, err, sizeof err);
    CHECK_INT(rc, 0);
    if (rc) {
        fprintf(stderr, "  valid rule failed: %s\n", err);
        return;
    }
    CHECK_INT(nc_ruleset_size(rs), 1);
    CHECK_INT(nc_ruleset_bitset_words(rs), 1);
    const nc_rule *r = nc_ruleset_rule(rs, 0);
    CHECK_STR(r->id, "test.killed.basic");
    CHECK_INT(r->category, NC_CAT_KILLED);
    CHECK_STR(r->file, "t.rules");
    CHECK_INT(r->line, 3);
    CHECK_INT(r->add, 0);
    CHECK_INT(r->zero, 0);
    CHECK_INT(r->needs_number, 1);
    /* macros become subroutine calls, defined once in a DEFINE block at the
     * end; continuation lines joined by newlines; branches that share a
     * first letter grouped under it (rules/factor.c) */
    CHECK_STR(r->pattern, "(?:(?<count>(?&NUM)) \\s+ (?<who>(?&WHO)) \\s+ (?:killed|d(?:ead|ied))\n"
                          "(?: \\s+ (?<when>(?&DAY)) )?)(?(DEFINE)(?<NUM>\\d+)(?<WHO>men\n| women)"
                          "(?<DAY>(?: today | yesterday )))");
    pcre2_code *re = unanchored(r);
    CHECK(re != NULL);
    /* group numbers */
    CHECK_INT(r->g_count[0], 1);
    CHECK_INT(r->g_who[0], 2);
    CHECK_INT(r->g_when, 3);
    CHECK_INT(r->g_count[1], 0);
    CHECK_INT(r->g_count[2], 0);
    CHECK_INT(r->g_who[1], 0);
    CHECK_INT(r->g_who[2], 0);
    CHECK(nc_ruleset_max_groups(rs) >= 4);
    /* examples: text and expectation trimmed, continuation joined by a space */
    CHECK_INT(r->n_examples, 2);
    if (r->n_examples == 2) {
        CHECK_STR(r->examples[0].text, "3 men killed today");
        CHECK_STR(r->examples[0].expect, "killed 3");
        CHECK_INT(r->examples[0].line, 8);
        CHECK_STR(r->examples[1].text, "A sentence that goes on over two lines");
        CHECK_STR(r->examples[1].expect, "none");
        CHECK_INT(r->examples[1].line, 9);
    }
    /* the compiled pattern is caseless and extended */
    char g[64];
    re_group(re, "Police said 14 WOMEN Died yesterday.", r->g_count[0], g, sizeof g);
    CHECK_STR(g, "14");
    re_group(re, "Police said 14 WOMEN Died yesterday.", r->g_who[0], g, sizeof g);
    CHECK_STR(g, "WOMEN");
    re_group(re, "Police said 14 WOMEN Died yesterday.", r->g_when, g, sizeof g);
    CHECK_STR(g, "yesterday");
    CHECK(!re_find(re, "14 children died", NULL, NULL));
    pcre2_code_free(re);
    /* keywords: kill* (prefix), dead and died (comma and space separated) */
    size_t words = nc_ruleset_bitset_words(rs);
    uint64_t *bits = calloc(words, sizeof *bits);
    const char *yes[] = {"3 killed", "3 dead", "3 died", "Killings: 3"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        candidates(rs, yes[i], strlen(yes[i]), bits);
        CHECK_INT(bits[0], 1);
    }
    candidates(rs, "3 hurt", 6, bits);
    CHECK_INT(bits[0], 0);
    free(bits);
    nc_ruleset_free(rs);

    /* the other fields; "casualties" is an alias of killed_or_injured */
    const char *more =
        "id: t.others.one\n"
        "category: injured\n"
        "add: 1\n"
        "keywords: shot\n"
        "pattern: he \\s+ and \\s+ (?<count>{NUM}) \\s+ (?<who>others) \\s+ shot\n"
        "example: he and 3 others shot => injured 4\n"
        "\n"
        "id: t.zero_1.two\n"
        "category: casualties\n"
        "zero: yes\n"
        "keywords: hurt\n"
        "pattern: nobody \\s+ hurt\n"
        "example: nobody hurt => killed_or_injured 0\n"
        "\n"
        "id: t.any.three\n"
        "category: deployed\n"
        "numbers: any\n"
        "add: -2\n"
        "zero: no\n"
        "pattern: (?<count>an?) \\s+ (?<who>{WHO}) \\s+ (?<count2>{NUM}) \\s+ (?<who2>{WHO})\n"
        "         \\s+ (?<count3>{NUM}) \\s+ (?<who3>{WHO}) \\s+ sent\n"
        "example: a man 2 men 3 men sent => deployed 1\n"
        "id: t.required.four\n"
        "category: missing\n"
        "numbers: required\n"
        "zero: yes\n"
        "pattern: nobody \\s+ missing\n"
        "example: nobody missing => missing 0\n";
    rc = build(more, MACROS, &rs, err, sizeof err);
    CHECK_INT(rc, 0);
    if (rc) {
        fprintf(stderr, "  rules failed: %s\n", err);
        return;
    }
    CHECK_INT(nc_ruleset_size(rs), 4);
    r = find_rule(rs, "t.others.one");
    CHECK(r && r->add == 1 && r->category == NC_CAT_INJURED && r->needs_number == 1 && r->line == 1);
    r = find_rule(rs, "t.zero_1.two");
    CHECK(r && r->zero == 1 && r->category == NC_CAT_KILLED_OR_INJURED && r->needs_number == 0 &&
          r->g_count[0] == 0 && r->line == 8);
    r = find_rule(rs, "t.any.three");
    CHECK(r != NULL);
    if (r) {
        CHECK_INT(r->add, -2);
        CHECK_INT(r->zero, 0);
        CHECK_INT(r->needs_number, 0);
        CHECK_INT(r->category, NC_CAT_DEPLOYED);
        CHECK_INT(r->line, 15);
        CHECK_INT(r->g_count[0], 1);
        CHECK_INT(r->g_who[0], 2);
        CHECK_INT(r->g_count[1], 3);
        CHECK_INT(r->g_who[1], 4);
        CHECK_INT(r->g_count[2], 5);
        CHECK_INT(r->g_who[2], 6);
        CHECK_INT(r->g_when, 0);
        CHECK(nc_ruleset_max_groups(rs) >= 7);
    }
    r = find_rule(rs, "t.required.four");
    CHECK(r && r->zero == 1 && r->needs_number == 1 && r->line == 23);
    nc_ruleset_free(rs);

    /* rules of several files keep their order; names go to r->file */
    const char *two[] = {"id: a.one\ncategory: killed\npattern: (?<count>\\d+) \\s+ dead\nexample: 2 dead => killed 2\n",
                         "# second file\nid: a.two\ncategory: injured\npattern: (?<count>\\d+) \\s+ hurt\n"
                         "example: 2 hurt => injured 2\n"};
    rc = build_n(two, 2, NULL, &rs, err, sizeof err);
    CHECK_INT(rc, 0);
    if (!rc) {
        CHECK_INT(nc_ruleset_size(rs), 2);
        CHECK_STR(nc_ruleset_rule(rs, 0)->id, "a.one");
        CHECK_STR(nc_ruleset_rule(rs, 0)->file, "t.rules");
        CHECK_STR(nc_ruleset_rule(rs, 1)->id, "a.two");
        CHECK_STR(nc_ruleset_rule(rs, 1)->file, "u.rules");
        CHECK_INT(nc_ruleset_rule(rs, 1)->line, 2);
        nc_ruleset_free(rs);
    }

    /* CRLF line ends are read like LF */
    const char *crlf = "# x\r\nid: c.crlf\r\ncategory: killed\r\npattern: (?<count>\\d+) \\s+\r\n"
                       "   dead\r\nexample: 2 dead => killed 2\r\n";
    rc = build(crlf, NULL, &rs, err, sizeof err);
    CHECK_INT(rc, 0);
    if (!rc) {
        r = nc_ruleset_rule(rs, 0);
        CHECK_STR(r->id, "c.crlf");
        CHECK_INT(r->line, 2);
        CHECK_STR(r->pattern, "(?:(?<count>\\d+) \\s+\ndead)");
        CHECK_STR(r->examples[0].expect, "killed 2");
        CHECK_INT(r->examples[0].line, 6);
        nc_ruleset_free(rs);
    }
}

/* ---------- loader errors ---------- */

/* The line number of err when it starts with "FILE:LINE: ", else -1. */
static int err_line(const char *err, const char *file)
{
    size_t n = strlen(file);
    if (strncmp(err, file, n) != 0 || err[n] != ':')
        return -1;
    const char *p = err + n + 1;
    int line = 0, digits = 0;
    while (*p >= '0' && *p <= '9') {
        line = line * 10 + (*p++ - '0');
        digits++;
    }
    return digits && p[0] == ':' && p[1] == ' ' ? line : -1;
}

/* Expects NC_ERULES, *out NULL, err "FILE:LINE: ..." containing `part`. */
static void expect_err_n(int src_line, const char *const *rules, size_t n, const char *macros,
                         const char *file, int line, const char *part)
{
    char err[512];
    nc_ruleset *rs;
    int rc = build_n(rules, n, macros, &rs, err, sizeof err);
    int before = nc_t_fail;
    CHECK_INT(rc, NC_ERULES);
    CHECK(rs == NULL);
    CHECK_INT(err_line(err, file), line);
    CHECK(strstr(err, part) != NULL);
    if (nc_t_fail != before)
        fprintf(stderr, "  (test at line %d: err = \"%s\", expected %s:%d: ... %s)\n", src_line, err,
                file, line, part);
    if (!rc)
        nc_ruleset_free(rs);
}
#define EXPECT_ERR(rules, macros, file, line, part) \
    do { const char *r_[] = {(rules)}; expect_err_n(__LINE__, r_, 1, (macros), (file), (line), (part)); } while (0)

/* As EXPECT_ERR, for errors reported at the rule's "id:" line rather than at
 * the line of the field at fault: checks the file, the message and that the
 * line lies within the rule's block [first, last] without fixing which. */
static void expect_err_within(int src_line, const char *rules, const char *macros, const char *file,
                              int first, int last, const char *part)
{
    char err[512];
    nc_ruleset *rs;
    int rc = build(rules, macros, &rs, err, sizeof err);
    int before = nc_t_fail;
    CHECK_INT(rc, NC_ERULES);
    CHECK(rs == NULL);
    int line = err_line(err, file);
    CHECK(line >= first && line <= last);
    CHECK(strstr(err, part) != NULL);
    if (nc_t_fail != before)
        fprintf(stderr, "  (test at line %d: err = \"%s\", expected %s:%d-%d: ... %s)\n", src_line, err,
                file, first, last, part);
    if (!rc)
        nc_ruleset_free(rs);
}
#define EXPECT_ERR_IN(rules, macros, file, first, last, part) \
    expect_err_within(__LINE__, (rules), (macros), (file), (first), (last), (part))

/* A good rule first, so that errors in the second rule are not on line 1. */
#define GOOD "# header\n"                                                     \
             "id: good.rule\n"                                                \
             "category: killed\n"                                             \
             "pattern: (?<count>\\d+) \\s+ dead\n"                            \
             "example: 4 dead => killed 4\n"                                  \
             "\n" /* the next rule starts on line 7 */

static void test_errors(void)
{
    /* unknown field: the field's line */
    EXPECT_ERR(GOOD "id: t.a\ncategory: killed\ncolour: red\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
               NULL, "t.rules", 9, "unknown field \"colour\"");
    /* a field given twice: the second line */
    EXPECT_ERR(GOOD "id: t.a\ncategory: killed\ncategory: injured\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
               NULL, "t.rules", 9, "given twice");
    /* a line that is not "key: value" */
    EXPECT_ERR(GOOD "id: t.a\ncategory killed\n", NULL, "t.rules", 8, "key: value");
    /* fields before any "id:" */
    EXPECT_ERR("# rules\ncategory: killed\nid: t.a\n", NULL, "t.rules", 2, "must start with \"id:\"");
    /* missing id (empty value), category or pattern: the rule's first line */
    EXPECT_ERR(GOOD "id:\ncategory: killed\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
               NULL, "t.rules", 7, "rule needs id, category and pattern");
    EXPECT_ERR(GOOD "id: t.a\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
               NULL, "t.rules", 7, "rule needs id, category and pattern");
    EXPECT_ERR(GOOD "id: t.a\ncategory: killed\nexample: 1 => killed 1\n",
               NULL, "t.rules", 7, "rule needs id, category and pattern");
    /* ... also for the last rule of a file, and when followed by a rule */
    EXPECT_ERR(GOOD "id: t.a\ncategory: killed\nexample: 1 => killed 1\n\n" GOOD,
               NULL, "t.rules", 7, "rule needs id, category and pattern");
    /* invalid ids */
    EXPECT_ERR(GOOD "id: Casualty.Killed\ncategory: killed\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
               NULL, "t.rules", 7, "rule id \"Casualty.Killed\"");
    EXPECT_ERR(GOOD "id: nodots\ncategory: killed\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
               NULL, "t.rules", 7, "rule id \"nodots\"");
    EXPECT_ERR(GOOD "id: a..b\ncategory: killed\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
               NULL, "t.rules", 7, "rule id \"a..b\"");
    EXPECT_ERR(GOOD "id: a.b.\ncategory: killed\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
               NULL, "t.rules", 7, "rule id \"a.b.\"");
    EXPECT_ERR(GOOD "id: a.b-c\ncategory: killed\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
               NULL, "t.rules", 7, "rule id \"a.b-c\"");
    /* duplicate id: the second definition, naming the first */
    EXPECT_ERR(GOOD GOOD, NULL, "t.rules", 8, "rule id good.rule already defined at t.rules:2");
    {
        const char *two[] = {GOOD, "\n\n" GOOD};
        expect_err_n(__LINE__, two, 2, NULL, "u.rules", 4, "already defined at t.rules:2");
    }
    /* a rule with no example; an example with no "=>" (the example's line) */
    EXPECT_ERR(GOOD "id: t.a\ncategory: killed\npattern: (?<count>\\d+) \\s+ dead\n\n# end\n",
               NULL, "t.rules", 7, "has no example");
    EXPECT_ERR(GOOD "id: t.a\ncategory: killed\npattern: (?<count>\\d+) \\s+ dead\n"
               "example: 2 dead => killed 2\nexample: 3 dead killed 3\n",
               NULL, "t.rules", 11, "example needs \"sentence => figures\"");
    EXPECT_ERR(GOOD "id: t.a\ncategory: killed\npattern: (?<count>\\d+) \\s+ dead\n"
               "example: 3 dead = > killed 3\n   more text\n",
               NULL, "t.rules", 10, "example needs");
    /* an indented line that continues no field */
    EXPECT_ERR("   stray\n" GOOD, NULL, "t.rules", 1, "indented line continues no field");
    EXPECT_ERR(GOOD "  \tstray after a blank line\n", NULL, "t.rules", 7, "indented line continues no field");
    /* empty rule files */
    EXPECT_ERR("", NULL, "t.rules", 0, "no rules found");
    EXPECT_ERR("# only a comment\n\n", NULL, "t.rules", 0, "no rules found");

    /* errors about a field's value, reported at the rule's "id:" line (7);
     * the field is at line 8-10 (see the report for why the exact line is
     * not pinned down here) */
    EXPECT_ERR_IN(GOOD "id: t.a\ncategory: kiled\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
                  NULL, "t.rules", 7, 8, "unknown category \"kiled\"");
    EXPECT_ERR_IN(GOOD "id: t.a\ncategory: killed\npattern: (?<count>\\d+) {NOPE}\nexample: 1 => killed 1\n",
                  "NUM = \\d+\n", "t.rules", 7, 9, "unknown macro {NOPE}");
    EXPECT_ERR_IN(GOOD "id: t.a\ncategory: killed\npattern: (?<count>\\d+ (?: dead\nexample: 1 => killed 1\n",
                  NULL, "t.rules", 7, 9, "rule t.a: pattern error");
    EXPECT_ERR_IN(GOOD "id: t.a\ncategory: killed\npattern: (?<number>\\d+) \\s+ dead\nexample: 1 => killed 1\n",
                  NULL, "t.rules", 7, 9, "no (?<count>...) group");
    EXPECT_ERR_IN(GOOD "id: t.a\ncategory: killed\nzero: no\npattern: nobody \\s+ died\nexample: 1 => killed 1\n",
                  NULL, "t.rules", 7, 10, "no (?<count>...) group");
    EXPECT_ERR_IN(GOOD "id: t.a\ncategory: killed\nadd: two\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
                  NULL, "t.rules", 7, 9, "add must be a small integer");
    EXPECT_ERR_IN(GOOD "id: t.a\ncategory: killed\nadd: 5000\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
                  NULL, "t.rules", 7, 9, "add must be a small integer");
    EXPECT_ERR_IN(GOOD "id: t.a\ncategory: killed\nadd: 1x\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
                  NULL, "t.rules", 7, 9, "add must be a small integer");
    EXPECT_ERR_IN(GOOD "id: t.a\ncategory: killed\nnumbers: some\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
                  NULL, "t.rules", 7, 9, "numbers must be required, two or any");
    EXPECT_ERR_IN(GOOD "id: t.a\ncategory: killed\nnames: often\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
                  NULL, "t.rules", 7, 9, "names must be required or any");
    EXPECT_ERR_IN(GOOD "id: t.a\ncategory: killed\nkeywords: {NOSUCH}\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
                  NULL, "t.rules", 7, 9, "unknown macro {NOSUCH} in keywords");
    EXPECT_ERR_IN(GOOD "id: t.a\ncategory: killed\nzero: maybe\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
                  NULL, "t.rules", 7, 9, "zero must be yes or no");
    EXPECT_ERR_IN(GOOD "id: t.a\ncategory: killed\nkeywords: dead kill3d\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n",
                  NULL, "t.rules", 7, 9, "keyword \"kill3d\" must be letters");
    /* a keyword's mistake is found before the patterns compile (a large
     * folder fails fast): reported even when a later rule's pattern is bad */
    EXPECT_ERR_IN(GOOD "id: t.a\ncategory: killed\nkeywords: dead kill3d\npattern: (?<count>\\d+)\nexample: 1 => killed 1\n"
                       "\nid: t.b\ncategory: killed\npattern: (?<count>\\d+ (\nexample: 1 => killed 1\n",
                  NULL, "t.rules", 7, 9, "keyword \"kill3d\" must be letters");

    /* macros file errors */
    EXPECT_ERR(GOOD, "NUM = \\d+\n\n# again\nNUM = [0-9]+\n", "m.txt", 4, "macro NUM defined twice");
    EXPECT_ERR(GOOD, "NUM = \\d+\nWHO = men\n    | women\nWHO = people\n", "m.txt", 4, "macro WHO defined twice");
    /* the generated macros count as defined */
    EXPECT_ERR(GOOD, "# x\nNUMWORD = one\n", "m.txt", 2, "macro NUMWORD defined twice");
    EXPECT_ERR(GOOD, "NUM = \\d+\nWHO men\n", "m.txt", 2, "expected \"NAME = pattern\"");
    EXPECT_ERR(GOOD, "NUM = \\d+\n\nlower = x\n", "m.txt", 3, "expected \"NAME = pattern\"");
    EXPECT_ERR(GOOD, "NUM = \\d+\nNUM2 x = y\n", "m.txt", 2, "expected \"NAME = pattern\"");
    EXPECT_ERR(GOOD, "= \\d+\n", "m.txt", 1, "expected \"NAME = pattern\"");

    /* a macro that uses itself */
    {
        char err[512];
        nc_ruleset *rs;
        int rc = build(GOOD "id: t.a\ncategory: killed\npattern: (?<count>{LOOP})\nexample: 1 => killed 1\n",
                       "LOOP = a {LOOP}\n", &rs, err, sizeof err);
        CHECK_INT(rc, NC_ERULES);
        CHECK(rs == NULL);
        CHECK(strstr(err, "macro LOOP uses itself") != NULL);
    }
    /* a short error buffer is cut, NUL-terminated */
    {
        char err[12];
        nc_ruleset *rs;
        const char *bad = GOOD "id: t.a\ncategory: killed\ncolour: red\n";
        memset(err, 'x', sizeof err);
        int rc = build(bad, NULL, &rs, err, sizeof err);
        CHECK_INT(rc, NC_ERULES);
        CHECK(memchr(err, '\0', sizeof err) != NULL);
        CHECK(strncmp(err, "t.rules:9:", 10) == 0);
    }
}

/* ---------- macro expansion ---------- */

static void test_expansion(void)
{
    const char *macros =
        "NBSP = \\x{00A0}\n"
        "LETTERS = \\p{L}+\n"
        "WORD = {LETTERS} \\s* {NBSP}?\n"
        "ESC = \\N{U+00E9}\n";
    const char *rules =
        "id: x.expand\n"
        "category: killed\n"
        "pattern: (?<count>\\d{1,3}) {NBSP} (?<who>{WORD}) \\p{Lu}{2} \\{NOPE\\} \\\\{LETTERS} {ESC}\n"
        "example: x => none\n";
    char err[512];
    nc_ruleset *rs;
    int rc = build(rules, macros, &rs, err, sizeof err);
    CHECK_INT(rc, 0);
    if (rc) {
        fprintf(stderr, "  expansion failed: %s\n", err);
        return;
    }
    const nc_rule *r = nc_ruleset_rule(rs, 0);
    /* \d{1,3}, \x{00A0}, \p{L}, \p{Lu}{2}, \{NOPE\}, \N{...} are not macros;
     * {NBSP}, {WORD} (and {LETTERS} inside it) and {LETTERS} after an
     * escaped backslash are */
    CHECK_STR(r->pattern,
              "(?:(?<count>\\d{1,3}) (?&NBSP) (?<who>(?&WORD)) \\p{Lu}{2} \\{NOPE\\} \\\\(?&LETTERS) (?&ESC))"
              "(?(DEFINE)(?<NBSP>\\x{00A0})(?<LETTERS>\\p{L}+)(?<WORD>(?&LETTERS) \\s* (?&NBSP)?)"
              "(?<ESC>\\N{U+00E9}))");
    size_t s = 0, e = 0;
    /* "12<NBSP>Zoë<NBSP>AB{NOPE}\abc é" */
    const char *text = "12\xC2\xA0Zo\xC3\xAB\xC2\xA0" "AB{NOPE}\\abc\xC3\xA9";
    pcre2_code *re = unanchored(r);
    CHECK(re_find(re, text, &s, &e));
    CHECK_INT(s, 0);
    CHECK_INT(e, strlen(text));
    char g[64];
    re_group(re, text, r->g_who[0], g, sizeof g);
    CHECK_STR(g, "Zo\xC3\xAB\xC2\xA0");
    pcre2_code_free(re);
    nc_ruleset_free(rs);

    /* the generated macros {NUMWORD}, {QUALIFIER} and {VAGUE} come from
     * numbers.txt */
    rules = "id: x.generated\n"
            "category: injured\n"
            "pattern: (?<count> (?: {QUALIFIER} ) \\s+ (?: {NUMWORD} ) | {VAGUE} ) \\s+ hurt\n"
            "example: x => none\n";
    rc = build(rules, NULL, &rs, err, sizeof err);
    CHECK_INT(rc, 0);
    if (!rc) {
        r = nc_ruleset_rule(rs, 0);
        re = unanchored(r);
        re_group(re, "Police said at least seventeen hurt.", r->g_count[0], g, sizeof g);
        CHECK_STR(g, "at least seventeen");
        re_group(re, "DOZENS hurt", r->g_count[0], g, sizeof g);
        CHECK_STR(g, "DOZENS");
        CHECK(!re_find(re, "17 hurt", NULL, NULL));
        pcre2_code_free(re);
        nc_ruleset_free(rs);
    }

    /* nc_ruleset_compile_macro: a macro compiled on its own */
    rc = build(GOOD, macros, &rs, err, sizeof err);
    CHECK_INT(rc, 0);
    if (!rc) {
        CHECK(nc_ruleset_macro_regex(rs, "WORD") == NULL);
        CHECK_INT(nc_ruleset_compile_macro(rs, "WORD", err, sizeof err), 0);
        const pcre2_code *mre = nc_ruleset_macro_regex(rs, "WORD");
        CHECK(mre != NULL);
        if (mre) {
            CHECK(re_find(mre, "  caf\xC3\xA9", &s, &e));
            CHECK_INT(s, 2);
            CHECK_INT(e, 7);
        }
        err[0] = '\0';
        CHECK_INT(nc_ruleset_compile_macro(rs, "MISSING", err, sizeof err), NC_ERULES);
        CHECK(strstr(err, "macro MISSING is required") != NULL);
        CHECK(nc_ruleset_macro_regex(rs, "MISSING") == NULL);
        nc_ruleset_free(rs);
    }
}

/* ---------- prefilter ---------- */

/* Rule i is bit i. */
static const char *PREFILTER_RULES =
    "id: p.exact\n"             /* 0: exact keywords, needs a number */
    "category: killed\n"
    "keywords: dead died\n"
    "pattern: (?<count>\\d+) \\s+ dead\n"
    "example: 3 dead => killed 3\n"
    "\n"
    "id: p.prefix\n"            /* 1: prefix keyword, needs a number */
    "category: killed\n"
    "keywords: kill*\n"
    "pattern: killing \\s+ (?<count>\\d+)\n"
    "example: killing 3 => killed 3\n"
    "\n"
    "id: p.nokeywords\n"        /* 2: no keywords, needs a number */
    "category: injured\n"
    "pattern: (?<count>\\d+) \\s+ hurt\n"
    "example: 3 hurt => injured 3\n"
    "\n"
    "id: p.any\n"               /* 3: keywords, numbers: any */
    "category: killed\n"
    "numbers: any\n"
    "keywords: shot\n"
    "pattern: (?<count>an?) \\s+ man \\s+ shot\n"
    "example: a man shot => killed 1\n"
    "\n"
    "id: p.zero\n"              /* 4: zero rule, needs no number */
    "category: killed\n"
    "zero: yes\n"
    "keywords: NOBODY\n"
    "pattern: nobody \\s+ died\n"
    "example: nobody died => killed 0\n"
    "\n"
    "id: p.any_nokeywords\n"    /* 5: no keywords, numbers: any: always */
    "category: missing\n"
    "numbers: any\n"
    "pattern: (?<count>one) \\s+ missing\n"
    "example: one missing => missing 1\n"
    "\n"
    "id: p.shared\n"            /* 6: shares "dead" with rule 0 */
    "category: killed\n"
    "keywords: dead, slain\n"
    "pattern: (?<count>\\d+) \\s+ slain\n"
    "example: 3 slain => killed 3\n";

#define B(i) (1ULL << (i))

/* The candidate bits for text (one-word rulesets), from an exact copy. */
static uint64_t cands(nc_ruleset *rs, const char *text)
{
    size_t len = strlen(text);
    char *copy = exact_copy(text, len);
    uint64_t bits[1] = {0xdeadbeefULL}; /* overwritten, not or-ed into */
    candidates(rs, copy, len, bits);
    free(copy);
    return bits[0];
}

#define CHECK_CANDS(rs, text, expect) do { uint64_t got_ = cands((rs), (text)); \
    if (got_ != (uint64_t)(expect)) fprintf(stderr, "  candidates(\"%s\") = %#llx, expected %#llx\n", \
        (text), (unsigned long long)got_, (unsigned long long)(expect)); \
    CHECK_INT(got_, (expect)); } while (0)

static void test_prefilter(void)
{
    char err[512];
    nc_ruleset *rs;
    int rc = build(PREFILTER_RULES, NULL, &rs, err, sizeof err);
    CHECK_INT(rc, 0);
    if (rc) {
        fprintf(stderr, "  prefilter rules failed: %s\n", err);
        return;
    }
    CHECK_INT(nc_ruleset_size(rs), 7);
    CHECK_INT(nc_ruleset_bitset_words(rs), 1);
    CHECK_INT(nc_ruleset_rule(rs, 0)->needs_number, 1);
    CHECK_INT(nc_ruleset_rule(rs, 3)->needs_number, 0);
    CHECK_INT(nc_ruleset_rule(rs, 4)->needs_number, 0);
    CHECK_INT(nc_ruleset_rule(rs, 5)->needs_number, 0);

    const uint64_t ALWAYS = B(2) | B(5);  /* no keywords */
    const uint64_t NONUM = B(5);          /* ... without a number in the text */

    /* exact keywords, as whole words, any case */
    CHECK_CANDS(rs, "3 dead", ALWAYS | B(0) | B(6));
    CHECK_CANDS(rs, "Three DIED in the fire.", ALWAYS | B(0));
    CHECK_CANDS(rs, "7 Dead, 2 slain", ALWAYS | B(0) | B(6));
    CHECK_CANDS(rs, "3 slain", ALWAYS | B(6));
    CHECK_CANDS(rs, "3 deadly storms", ALWAYS);   /* not a prefix keyword */
    CHECK_CANDS(rs, "3 undead", ALWAYS);
    CHECK_CANDS(rs, "3 die", ALWAYS);
    CHECK_CANDS(rs, "3 dead-end streets", ALWAYS | B(0) | B(6)); /* '-' ends a word */
    CHECK_CANDS(rs, "3\xC2\xA0" "dead\xE2\x80\x94" "ok", ALWAYS | B(0) | B(6));
    /* prefix keywords: kill* = kill, killed, Killing, KILLINGS; not skill */
    CHECK_CANDS(rs, "Killing 3", ALWAYS | B(1));
    CHECK_CANDS(rs, "4 KILLINGS", ALWAYS | B(1));
    CHECK_CANDS(rs, "kill 5", ALWAYS | B(1));
    CHECK_CANDS(rs, "killer whales: 2", ALWAYS | B(1));
    CHECK_CANDS(rs, "skill 5", ALWAYS);
    CHECK_CANDS(rs, "kil 5", ALWAYS);
    CHECK_CANDS(rs, "2 k i l l", ALWAYS);
    /* keyword matching is not fooled by digits glued to the word */
    CHECK_CANDS(rs, "3killed", ALWAYS | B(1));
    /* rules without keywords are always set; zero rules by keyword only */
    CHECK_CANDS(rs, "", NONUM);
    CHECK_CANDS(rs, "The weather was fine.", NONUM);
    CHECK_CANDS(rs, "The weather was fine on 4 days.", ALWAYS);
    CHECK_CANDS(rs, "Nobody died.", NONUM | B(4));
    CHECK_CANDS(rs, "nobody", NONUM | B(4));
    /* rules that need a number: cleared when the text has no digit and no
     * number word, kept when it has one */
    CHECK_CANDS(rs, "Many died and several were killed.", ALWAYS | B(0) | B(1)); /* "several" is vague */
    CHECK_CANDS(rs, "Many died and others were killed.", NONUM);
    CHECK_CANDS(rs, "Soldiers were killed", NONUM);
    CHECK_CANDS(rs, "three were killed", ALWAYS | B(1));
    CHECK_CANDS(rs, "Dozens were killed", ALWAYS | B(1));
    CHECK_CANDS(rs, "DOZENS were killed", ALWAYS | B(1));
    CHECK_CANDS(rs, "a dozen were killed", ALWAYS | B(1));   /* multiplier */
    CHECK_CANDS(rs, "hundreds were killed", ALWAYS | B(1));
    CHECK_CANDS(rs, "a few were killed", ALWAYS | B(1));     /* last word of "a few" */
    CHECK_CANDS(rs, "twenty-one were killed", ALWAYS | B(1));
    CHECK_CANDS(rs, "a man was killed", NONUM);              /* "a" is no number word */
    CHECK_CANDS(rs, "someone was killed", NONUM);            /* nor "one" inside a word */
    CHECK_CANDS(rs, "the killed numbered 12", ALWAYS | B(1));
    CHECK_CANDS(rs, "killed in 2024", ALWAYS | B(1));
    CHECK_CANDS(rs, "killed\xEF\xBC\x93", NONUM);            /* fullwidth 3 is no ASCII digit */
    /* numbers: any rules are kept without a number */
    CHECK_CANDS(rs, "A man was shot.", NONUM | B(3));
    CHECK_CANDS(rs, "Two men were shot.", ALWAYS | B(3));
    CHECK_CANDS(rs, "A man was shot and nobody died.", NONUM | B(3) | B(4));
    CHECK_CANDS(rs, "A man was shot and 2 died.", ALWAYS | B(0) | B(3));

    /* only text[0, len) is looked at */
    {
        const char *text = "killing them all 3";
        char *copy = exact_copy(text, strlen(text));
        uint64_t bits[1];
        candidates(rs, copy, 7, bits); /* "killing" */
        CHECK_INT(bits[0], NONUM);
        candidates(rs, copy, strlen(text), bits);
        CHECK_INT(bits[0], ALWAYS | B(1));
        candidates(rs, copy, 3, bits); /* "kil" */
        CHECK_INT(bits[0], NONUM);
        free(copy);
    }
    /* a very long word is no keyword, but its prefix may be */
    {
        char text[300];
        memset(text, 'x', sizeof text);
        memcpy(text, "dead", 4);
        text[298] = '7';
        text[299] = '\0';
        CHECK_CANDS(rs, text, ALWAYS);
        memcpy(text, "kill", 4);
        CHECK_CANDS(rs, text, ALWAYS | B(1));
    }
    nc_ruleset_free(rs);
}

/* More than 64 rules: the bitset spans several words. */
static void test_prefilter_wide(void)
{
    enum { N = 150 };
    size_t cap = (size_t)N * 200, len = 0;
    char *text = malloc(cap);
    if (!text)
        exit(2);
    for (int i = 0; i < N; i++) {
        /* keyword for rule i: "kw" + two letters, unique; rule 100 also
         * "zebra*"; rules 64 and 140 have no keywords */
        char kw[64] = "";
        if (i == 100)
            snprintf(kw, sizeof kw, "keywords: kw%c%c zebra*\n", 'a' + i / 26, 'a' + i % 26);
        else if (i != 64 && i != 140)
            snprintf(kw, sizeof kw, "keywords: kw%c%c\n", 'a' + i / 26, 'a' + i % 26);
        len += (size_t)snprintf(text + len, cap - len,
                                "id: wide.r%d\ncategory: killed\n%s%spattern: (?<count>\\d+) \\s+ x%d\n"
                                "example: 1 x%d => killed 1\n\n",
                                i, i == 140 ? "numbers: any\n" : "", kw, i, i);
    }
    char err[512];
    nc_ruleset *rs;
    int rc = build(text, NULL, &rs, err, sizeof err);
    free(text);
    CHECK_INT(rc, 0);
    if (rc) {
        fprintf(stderr, "  wide ruleset failed: %s\n", err);
        return;
    }
    CHECK_INT(nc_ruleset_size(rs), N);
    size_t words = nc_ruleset_bitset_words(rs);
    CHECK_INT(words, 3);
    uint64_t *bits = calloc(words, sizeof *bits);
    /* rule 100 is kwdw ('a'+3, 'a'+22) and zebra*; rule 149 is kwft */
    const char *s = "Zebras: 12 kwdw, KWFT and kwaa";
    candidates(rs, s, strlen(s), bits);
    CHECK_INT(bits[0], B(0));
    CHECK_INT(bits[1], B(64 - 64) | B(100 - 64));
    CHECK_INT(bits[2], B(140 - 128) | B(149 - 128));
    /* without a number: only the numbers: any rule 140 */
    s = "kwdw kwft kwaa kwcm";
    candidates(rs, s, strlen(s), bits);
    CHECK_INT(bits[0], 0);
    CHECK_INT(bits[1], 0);
    CHECK_INT(bits[2], B(140 - 128));
    free(bits);
    nc_ruleset_free(rs);
}

/* Rules with several keywords: lines (a word of each), keywords from a
 * macro, names: required and numbers: two; read from the token stream and,
 * for a headline without one, from the bytes. */
static const char *GROUP_MACROS = "PEOPLE = man woman\n          boy\n";
static const char *GROUP_RULES =
    "id: g.and\n"               /* 0: a death word and a person word */
    "category: killed\n"
    "numbers: any\n"
    "count: 1\n"
    "keywords: dead died\n"
    "keywords: {PEOPLE} teen\n"
    "pattern: (?<count>a) \\s+ \\w+ \\s+ (?:dead|died)\n"
    "example: a man died => killed 1\n"
    "\n"
    "id: g.name\n"              /* 1: two capitalised words in a row */
    "category: killed\n"
    "numbers: any\n"
    "names: required\n"
    "count: 1\n"
    "keywords: died\n"
    "pattern: (?<count>(?-i:[A-Z]\\w+ \\s+ [A-Z]\\w+)) \\s+ died\n"
    "example: Jo Smith died => killed 1\n"
    "\n"
    "id: g.two\n"               /* 2: two numbers */
    "category: killed\n"
    "numbers: two\n"
    "keywords: and\n"
    "pattern: (?<count>\\d+) \\s+ and \\s+ (?<count2>\\d+) \\s+ dead\n"
    "example: 2 and 3 dead => killed 2; killed 3\n";

static uint64_t group_bits(nc_ruleset *rs, const char *text, int from_bytes)
{
    uint64_t bits[2] = {0, 0};
    CHECK_INT(nc_ruleset_bitset_words(rs) <= 2, 1);
    if (from_bytes) {
        size_t len = strlen(text);
        char *copy = exact_copy(text, len);
        nc_sentence sen = {.start = 0, .end = len};
        nc_document doc = {.text = copy, .len = len, .sentences = &sen, .n_sentences = 1};
        nc_ruleset_candidates(rs, &doc, 0, bits);
        free(copy);
    } else {
        size_t len = strlen(text);
        char *copy = exact_copy(text, len);
        candidates(rs, copy, len, bits);
        free(copy);
    }
    return bits[0] & 7; /* the rules' bits; the groups' own bits are the prefilter's */
}

static void test_prefilter_groups(void)
{
    char err[512];
    nc_ruleset *rs;
    int rc = build(GROUP_RULES, GROUP_MACROS, &rs, err, sizeof err);
    CHECK_INT(rc, 0);
    if (rc) {
        fprintf(stderr, "  group rules failed: %s\n", err);
        return;
    }
    CHECK_INT(nc_ruleset_rule(rs, 1)->needs_name, 1);
    CHECK_INT(nc_ruleset_rule(rs, 2)->needs_number, 2);
    for (int bytes = 0; bytes <= 1; bytes++) {
        /* a word of each keywords: line; macro words count */
        CHECK_INT(group_bits(rs, "A man died.", bytes), B(0));
        CHECK_INT(group_bits(rs, "A boy died.", bytes), B(0));
        CHECK_INT(group_bits(rs, "A teen died.", bytes), B(0));
        CHECK_INT(group_bits(rs, "The storm died down.", bytes), 0);
        CHECK_INT(group_bits(rs, "A man left.", bytes), 0);
        /* names: two capitalised words one after the other */
        CHECK_INT(group_bits(rs, "Jo Smith died.", bytes), B(1));
        CHECK_INT(group_bits(rs, "Smith died.", bytes), 0);
        CHECK_INT(group_bits(rs, "Smith, Jones died.", bytes), 0);
        CHECK_INT(group_bits(rs, "The police said Jo died.", bytes), 0);
        /* numbers: two */
        CHECK_INT(group_bits(rs, "2 and 3 dead", bytes), B(2));
        CHECK_INT(group_bits(rs, "two and three dead", bytes), B(2));
        CHECK_INT(group_bits(rs, "Two and three dead", bytes), B(2));
        CHECK_INT(group_bits(rs, "2 and others dead", bytes), 0);
    }
    nc_ruleset_free(rs);
}

/* ---------- compilation on first use, anchored matching ---------- */

static const char *LEAD_MACROS =
    "COUNT = \\b (?: (?: at \\s+ least | about ) \\s+ )? \\d+\n"
    "WHO = (?: men | women | people )\n"
    "MORE = (?: another | more ) \\s+\n";

static const char *LEAD_RULES =
    "id: t.lead.passive\n"      /* 0: starts with its count: anchored at {COUNT} */
    "category: killed\n"
    "pattern: (?<count>{COUNT}) \\s+ (?<who>{WHO}) \\s+ (?: were \\s+ )? killed\n"
    "example: 3 men killed => killed 3\n"
    "\n"
    "id: t.lead.bare\n"         /* 1: the macro alone first */
    "category: injured\n"
    "pattern: {COUNT} \\s+ (?<count>\\d+) \\s+ hurt\n"
    "example: 2 4 hurt => injured 4\n"
    "\n"
    "id: t.lead.none\n"         /* 2: an optional word first: no lead macro */
    "category: missing\n"
    "pattern: (?: some \\s+ )? (?<count>{COUNT}) \\s+ missing\n"
    "example: 5 missing => missing 5\n"
    "\n"
    "id: t.lead.alt\n"          /* 3: alternatives at the top: no lead macro */
    "category: arrested\n"
    "pattern: (?<count>{COUNT}) \\s+ held | (?<count2>\\d+) \\s+ detained\n"
    "example: 6 held => arrested 6\n"
    "\n"
    "id: t.lead.more\n"         /* 4: an optional group of macros first: led by that prefix */
    "category: shot\n"
    "pattern: (?: {MORE} )? (?<count>{COUNT}) \\s+ shot\n"
    "example: another 3 shot => shot 3\n"
    "\n"
    "id: t.lead.more2\n"        /* 5: the same prefix: the same lead macro */
    "category: injured\n"
    "pattern: (?: {MORE} )? (?<count>{COUNT}) \\s+ (?<who>{WHO}) \\s+ hurt\n"
    "example: more 2 men hurt => injured 2\n";

/* Every match of rule ri in text, as casualty.c walks them, through
 * nc_rule_match and through an unanchored pcre2_match of the same
 * pattern: the same spans. */
static void check_matches(nc_ruleset *rs, size_t ri, const char *text, int jit, size_t want)
{
    const nc_rule *r = nc_ruleset_rule(rs, ri);
    pcre2_match_data *md = pcre2_match_data_create(NC_RULE_MAX_GROUPS, NULL);
    pcre2_match_data *md2 = pcre2_match_data_create(NC_RULE_MAX_GROUPS, NULL);
    nc_rule_scan scan = {0};
    pcre2_code *re = NULL;
    size_t end = strlen(text), off = 0, got = 0;
    while (off < end) {
        int a = nc_rule_match(rs, ri, &scan, text, 0, end, off, jit, md, NULL);
        if (!re)
            re = unanchored(r); /* a lazy ruleset expands the rule on first use */
        int b = re ? pcre2_match(re, (PCRE2_SPTR)text, end, off, 0, md2, NULL) : a;
        CHECK_INT(a > 0, b > 0);
        if (a <= 0)
            break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        if (re) {
            PCRE2_SIZE *ov2 = pcre2_get_ovector_pointer(md2);
            CHECK_INT(ov[0], ov2[0]);
            CHECK_INT(ov[1], ov2[1]);
            CHECK_INT(ov[2 * r->g_count[0]], ov2[2 * r->g_count[0]]);
        }
        got++;
        off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
    CHECK_INT(got, want);
    pcre2_code_free(re);
    nc_rule_scan_free(&scan);
    pcre2_match_data_free(md);
    pcre2_match_data_free(md2);
}

static void test_lead_macros(void)
{
    char err[512];
    nc_ruleset *rs;
    CHECK_INT(build(LEAD_RULES, LEAD_MACROS, &rs, err, sizeof err), 0);
    if (!rs)
        return;
    CHECK(nc_ruleset_rule(rs, 0)->lead_macro >= 0);
    CHECK(nc_ruleset_rule(rs, 1)->lead_macro >= 0);
    CHECK_INT(nc_ruleset_rule(rs, 2)->lead_macro, -1);
    CHECK_INT(nc_ruleset_rule(rs, 3)->lead_macro, -1);
    CHECK(nc_ruleset_rule(rs, 4)->lead_macro >= 0);
    CHECK(nc_ruleset_rule(rs, 4)->lead_macro != nc_ruleset_rule(rs, 0)->lead_macro);
    CHECK_INT(nc_ruleset_rule(rs, 5)->lead_macro, nc_ruleset_rule(rs, 4)->lead_macro);
    const char *text = "About 3 men were killed, then at least 12 women killed; 7 people killed and 8 killed.";
    for (int jit = 0; jit < 2; jit++) {
        check_matches(rs, 0, text, jit, 3);
        check_matches(rs, 1, "2 4 hurt, 30 40 hurt", jit, 2);
        check_matches(rs, 2, "some 5 missing and 6 missing", jit, 2);
        check_matches(rs, 3, "6 held and 7 detained", jit, 2);
        check_matches(rs, 0, "no figures here at all", jit, 0);
        /* matches start at "another" where it is there, at the count where not */
        check_matches(rs, 4, "another 3 shot, 4 shot, more about 5 shot; another man shot; more 6 shot", jit, 4);
        check_matches(rs, 5, "another 3 men hurt and 4 women hurt, more people hurt", jit, 2);
    }
    nc_ruleset_free(rs);
}

/* A lazy ruleset compiles nothing at load: a bad pattern shows in
 * nc_ruleset_compile_all, and the rule matches nothing. */
static void test_lazy(void)
{
    char err[512];
    nc_ruleset *rs;
    CHECK_INT(build_lazy(LEAD_RULES, LEAD_MACROS, &rs, err, sizeof err), 0);
    if (!rs)
        return;
    CHECK(nc_ruleset_rule(rs, 0)->pattern == NULL);
    check_matches(rs, 0, "About 3 men were killed.", 0, 1);
    CHECK(nc_ruleset_rule(rs, 0)->pattern != NULL);
    CHECK_INT(nc_ruleset_rule(rs, 0)->g_count[0], 1);
    CHECK(nc_ruleset_rule(rs, 1)->pattern == NULL);
    CHECK_INT(nc_ruleset_compile_all(rs, err, sizeof err), 0);
    CHECK(nc_ruleset_rule(rs, 1)->pattern != NULL);
    nc_ruleset_free(rs);

    const char *bad = "id: t.bad.paren\ncategory: killed\npattern: (?<count>{COUNT} ( \\s+ killed\nexample: 3 killed => killed 3\n";
    CHECK_INT(build_lazy(bad, LEAD_MACROS, &rs, err, sizeof err), 0);
    if (!rs)
        return;
    check_matches(rs, 0, "3 killed", 1, 0);
    CHECK_INT(nc_ruleset_compile_all(rs, err, sizeof err), NC_ERULES);
    if (strstr(err, "t.rules:3: rule t.bad.paren: pattern error") != err)
        fprintf(stderr, "  compile_all said: %s\n", err);
    CHECK(strstr(err, "t.rules:3: rule t.bad.paren: pattern error") == err);
    nc_ruleset_free(rs);
}

/* Prebuilt code: the same rules decode it instead of compiling (no
 * expansion happens); other rules ignore it. */
static void test_prebuilt(void)
{
    char err[512];
    nc_ruleset *rs, *again, *other;
    CHECK_INT(build_lazy(LEAD_RULES, LEAD_MACROS, &rs, err, sizeof err), 0);
    if (!rs)
        return;
    nc_buf blob = {0};
    CHECK_INT(nc_ruleset_prebuilt_write(rs, &blob), 0);
    CHECK(blob.len > 100);
    CHECK_INT(build_lazy(LEAD_RULES, LEAD_MACROS, &again, err, sizeof err), 0);
    nc_ruleset_use_prebuilt(again, (const unsigned char *)blob.data, blob.len);
    check_matches(again, 0, "About 3 men were killed, then at least 12 women killed.", 1, 2);
    check_matches(again, 2, "some 5 missing and 6 missing", 0, 2);
    CHECK(nc_ruleset_rule(again, 0)->pattern == NULL); /* decoded, not expanded */
    CHECK_INT(nc_ruleset_rule(again, 0)->g_count[0], 1);
    const char *changed = "id: t.lead.passive\ncategory: killed\npattern: (?<count>{COUNT}) \\s+ died\n"
                          "example: 3 died => killed 3\n";
    CHECK_INT(build_lazy(changed, LEAD_MACROS, &other, err, sizeof err), 0);
    nc_ruleset_use_prebuilt(other, (const unsigned char *)blob.data, blob.len);
    check_matches(other, 0, "3 men killed, 4 died", 0, 1);
    CHECK(nc_ruleset_rule(other, 0)->pattern != NULL); /* compiled from its own source */
    nc_ruleset_use_prebuilt(other, (const unsigned char *)"junk", 4); /* no harm */
    nc_buf_free(&blob);
    nc_ruleset_free(rs);
    nc_ruleset_free(again);
    nc_ruleset_free(other);
}

/* Threads that meet the same rules first at the same time get the same
 * answers. */
typedef struct race {
    nc_ruleset *rs;
    int jit;
    size_t matches;
} race;

static void *race_run(void *arg)
{
    race *r = arg;
    pcre2_match_data *md = pcre2_match_data_create(NC_RULE_MAX_GROUPS, NULL);
    nc_rule_scan scan = {0};
    const char *text = "About 3 men were killed; 2 4 hurt; some 5 missing; 6 held.";
    for (int round = 0; round < 50; round++)
        for (size_t ri = 0; ri < nc_ruleset_size(r->rs); ri++)
            r->matches += nc_rule_match(r->rs, ri, &scan, text, 0, strlen(text), 0, r->jit, md, NULL) > 0;
    nc_rule_scan_free(&scan);
    pcre2_match_data_free(md);
    return NULL;
}

static void test_lazy_threads(void)
{
    char err[512];
    nc_ruleset *rs;
    CHECK_INT(build_lazy(LEAD_RULES, LEAD_MACROS, &rs, err, sizeof err), 0);
    if (!rs)
        return;
    race r[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        r[i] = (race){rs, i % 2, 0};
        CHECK_INT(pthread_create(&t[i], NULL, race_run, &r[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        CHECK_INT(r[i].matches, 50 * 4);
    }
    nc_ruleset_free(rs);
}

int main(void)
{
    size_t len;
    char err[256];
    char *data = read_file("data/numbers.txt", &len);
    int rc = nc_numbers_load(data, len, "numbers.txt", &NUMS, err, sizeof err);
    free(data);
    CHECK_INT(rc, 0);
    if (rc) {
        fprintf(stderr, "cannot load data/numbers.txt: %s\n", err);
        return CHECK_DONE("ruleset");
    }
    test_valid_rule();
    test_errors();
    test_expansion();
    test_prefilter();
    test_prefilter_wide();
    test_prefilter_groups();
    test_lead_macros();
    test_lazy();
    test_lazy_threads();
    test_prebuilt();
    nc_numbers_free(NUMS);
    return CHECK_DONE("ruleset");
}
