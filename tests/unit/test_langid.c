/* Unit tests for src/text/langid.c: the profile file's format and every
 * paragraph of tests/lang/news.tsv (news written for this test in twenty-odd
 * languages), with a table of accuracy per language. Run from the
 * repository root. */
#include "check.h"
#include "input/input.h"
#include "text/langid.h"
#include "text/langid_table.h"
#include "newsclaims.h"
#include <stdlib.h>

static char *slurp(const char *path, size_t *len)
{
    char *buf = NULL, msg[256];
    if (nc_input_read(path, 0, &buf, len, msg, sizeof msg)) {
        fprintf(stderr, "%s: %s\n", path, msg);
        exit(1);
    }
    return buf;
}

static nc_lang_guess guess(const nc_langid *l, const char *s)
{
    nc_lang_guess g;
    nc_langid_detect(l, s, strlen(s), &g);
    return g;
}

static int load_err(const char *data, char *err, size_t errlen)
{
    nc_langid *l = NULL;
    int rc = nc_langid_load(data, strlen(data), "t.txt", &l, err, errlen);
    nc_langid_free(l);
    return rc;
}

static void format_errors(void)
{
    char err[256];
    CHECK_INT(load_err("# nothing\n", err, sizeof err), NC_ERULES);
    CHECK_STR(err, "t.txt:1: no 'lang' line");
    CHECK_INT(load_err("lang en Latn English\n", err, sizeof err), NC_ERULES);
    CHECK_INT(load_err("lang en Xxxx English 10\n", err, sizeof err), NC_ERULES);
    CHECK_STR(err, "t.txt:1: unknown script 'Xxxx'");
    CHECK_INT(load_err("lang en Latn English 10\n_th 3 the\n", err, sizeof err), NC_ERULES);
    CHECK_STR(err, "t.txt:2: expected a count (at most the language's TOTAL) after 'the'");
    CHECK_INT(load_err("lang en Latn English 10\n_t 3\n", err, sizeof err), NC_ERULES);
    CHECK_STR(err, "t.txt:2: a trigram is three letters, not '_t'");
    CHECK_INT(load_err("_th 3\n", err, sizeof err), NC_ERULES);
    CHECK_STR(err, "t.txt:1: trigrams before the first 'lang' line: '_th'");
    CHECK_INT(load_err("covered en # rules\nlang en Latn English 10 # c\n_th 3 the 3\n", err, sizeof err), 0);
}

/* A two-language profile: what decides, and when nothing is said. */
static void tiny_profile(void)
{
    const char *data = "covered en\n"
                       "lang en Latn English 100\n_th 10 the 10 he_ 10 _an 5 and 5 nd_ 5\n"
                       "lang de Latn German 100\n_di 10 die 10 ie_ 10 _un 5 und 5 nd_ 5\n"
                       "lang el Grek Greek 100\n_κα 10\n";
    char err[256];
    nc_langid *l;
    CHECK_INT(nc_langid_load(data, strlen(data), "t.txt", &l, err, sizeof err), 0);
    CHECK_INT(nc_langid_count(l), 3);
    CHECK_STR(nc_langid_code(l, 1), "de");
    nc_lang_guess g = guess(l, "the and the and the and the and the and");
    CHECK_STR(g.code, "en");
    CHECK(g.covered && !g.foreign && g.confidence > 0.9);
    char de[600] = "";
    for (int i = 0; i < 60; i++)
        strcat(de, i % 3 ? "die und " : "DIE UND ");
    g = guess(l, de);
    CHECK_STR(g.code, "de");
    CHECK(!g.covered && g.foreign && g.confidence > 0.9);
    g = guess(l, "the and"); /* too few letters to tell */
    CHECK(g.code == NULL && !g.foreign && g.confidence == 0);
    g = guess(l, "Η αστυνομία ανακοίνωσε ότι δώδεκα άνθρωποι σκοτώθηκαν"); /* the only Greek profile */
    CHECK_STR(g.code, "el");
    CHECK(g.foreign && g.confidence == 1.0);
    g = guess(l, "Հայաստանի կառավարությունը հայտարարեց, որ տասներկու մարդ զոհվել է"); /* no Armenian profile */
    CHECK(g.code == NULL && g.foreign);
    nc_langid_free(l);
}

typedef struct tally {
    char code[8];
    char all[4096]; /* the paragraphs of the language, as one article */
    int n, ok;
    double conf;
} tally;

static void paragraphs(const nc_langid *l)
{
    size_t len;
    char *data = slurp("tests/lang/news.tsv", &len);
    static tally t[64];
    size_t nt = 0;
    int all = 0, right = 0;
    for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab)
            continue;
        *tab = '\0';
        nc_lang_guess g = guess(l, tab + 1);
        size_t k = 0;
        while (k < nt && strcmp(t[k].code, line) != 0)
            k++;
        if (k == nt && nt < 64) {
            memset(&t[nt], 0, sizeof t[nt]);
            snprintf(t[nt++].code, sizeof t[0].code, "%s", line);
        }
        int ok = g.code && strcmp(g.code, line) == 0;
        if (!ok)
            fprintf(stderr, "tests/lang/news.tsv: %s read as %s (%.2f): %.60s\n", line,
                    g.code ? g.code : "(none)", g.confidence, tab + 1);
        CHECK_STR(g.code, line);
        /* the compiled-in tables answer exactly as the parsed file */
        nc_lang_guess b = guess(&nc_langid_builtin, tab + 1);
        CHECK(b.code && g.code && strcmp(b.code, g.code) == 0 && b.confidence == g.confidence && b.foreign == g.foreign);
        t[k].n++;
        if (strlen(t[k].all) + strlen(tab + 1) + 2 < sizeof t[k].all)
            strcat(strcat(t[k].all, tab + 1), "\n");
        t[k].ok += ok;
        t[k].conf += g.confidence;
        all++;
        right += ok;
    }
    printf("language  paragraphs  correct  mean confidence\n");
    for (size_t k = 0; k < nt; k++)
        printf("%-8s  %10d  %7d  %15.2f\n", t[k].code, t[k].n, t[k].ok, t[k].conf / t[k].n);
    printf("all       %10d  %7d  (%zu languages)\n", all, right, nt);
    /* as an article of several paragraphs: English kept, the rest refused */
    for (size_t k = 0; k < nt; k++) {
        nc_lang_guess g = guess(l, t[k].all);
        CHECK_STR(g.code, t[k].code);
        if (g.foreign != (strcmp(t[k].code, "en") != 0))
            fprintf(stderr, "tests/lang/news.tsv: the %s paragraphs together: foreign %d\n", t[k].code, g.foreign);
        CHECK_INT(g.foreign, strcmp(t[k].code, "en") != 0);
    }
    CHECK(nt >= 20);
    free(data);
}

int main(void)
{
    format_errors();
    tiny_profile();
    size_t len;
    char *data = slurp("data/languages.txt", &len), err[256];
    nc_langid *l = NULL;
    CHECK_INT(nc_langid_load(data, len, "data/languages.txt", &l, err, sizeof err), 0);
    if (l) {
        CHECK(nc_langid_count(l) >= 20);
        paragraphs(l);
    }
    nc_langid_free(l);
    free(data);
    return CHECK_DONE("test_langid");
}
