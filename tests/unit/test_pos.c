/* Unit tests for the part-of-speech tagger (src/text/pos.c) on sentences
 * written for these tests: cue words as nouns and as verbs, the feature
 * function against the loader's hash of its text, and the text format's
 * loader on good and bad files. Run from the repository root. */
#include "check.h"
#include "text/pos.h"
#include "newsclaims.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const nc_pos_model *M = &nc_pos_builtin_model;

/* Tags a sentence of space-separated tokens; returns "UPOS UPOS ..." in a
 * static buffer, and the XPOS of token `want` in xpos (may be NULL). */
static const char *tag(const char *sentence, int want, const char **xpos)
{
    static char copy[512], out[1024];
    const char *forms[64];
    size_t lens[64], n = 0;
    unsigned char tags[64];
    snprintf(copy, sizeof copy, "%s", sentence);
    for (char *s = strtok(copy, " "); s && n < 64; s = strtok(NULL, " ")) {
        forms[n] = s;
        lens[n++] = strlen(s);
    }
    CHECK_INT(nc_pos_tag(M, forms, lens, n, tags), 0);
    size_t k = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(out + k, sizeof out - k, "%s%s", i ? " " : "",
                              nc_upos_name((nc_upos)M->class_upos[tags[i]]));
    if (xpos)
        *xpos = want >= 0 && (size_t)want < n ? M->class_xpos[tags[want]] : NULL;
    return out;
}

/* The UPOS of token i of the sentence. */
static const char *upos_of(const char *sentence, int i)
{
    static char word[32];
    const char *all = tag(sentence, -1, NULL);
    for (int k = 0; k < i && all; k++) {
        all = strchr(all, ' ');
        if (all)
            all++;
    }
    if (!all)
        return NULL;
    size_t len = strcspn(all, " ");
    snprintf(word, sizeof word, "%.*s", (int)len, all);
    return word;
}

static void test_cue_words(void)
{
    const char *x;
    /* report, claim, warning, call, note: nouns and verbs */
    CHECK_STR(upos_of("The report was published on Monday .", 1), "NOUN");
    CHECK_STR(upos_of("They report that the road is closed .", 1), "VERB");
    CHECK_STR(upos_of("Weather reports warned of snow .", 1), "NOUN");
    CHECK_STR(upos_of("His claims that the vote was rigged were false .", 1), "NOUN");
    CHECK_STR(upos_of("She claims the title for the third time .", 1), "VERB");
    CHECK_STR(upos_of("The team hopes to claim the title .", 4), "VERB");
    CHECK_STR(upos_of("A warning light came on in the cockpit .", 1), "NOUN");
    CHECK_STR(upos_of("The minister made a call to the mayor .", 4), "NOUN");
    CHECK_STR(upos_of("They call the plan a failure .", 1), "VERB");
    CHECK_STR(upos_of("He said the bridge would reopen .", 1), "VERB");
    CHECK_STR(upos_of("The ministry denied the charges .", 2), "VERB");
    CHECK_STR(upos_of("The ministry denied the charges .", 4), "NOUN");
    /* XPOS too */
    tag("The spokesman said the talks had failed .", 2, &x);
    CHECK_STR(x, "VBD");
    tag("The reports were wrong .", 1, &x);
    CHECK_STR(x, "NNS");
    /* "that" as a subordinator after a verb, a determiner before a noun */
    CHECK_STR(upos_of("She said that the talks failed .", 2), "SCONJ");
    CHECK_STR(upos_of("That report was wrong .", 0), "DET");
    /* a sentence of one token, and none */
    CHECK_STR(tag("Yes", -1, NULL), "INTJ");
    CHECK_INT(nc_pos_tag(M, NULL, NULL, 0, NULL), 0);
}

/* Every feature's hash is the loader's hash of the feature's text. */
static void test_feature_text_hash(void)
{
    const char *forms[] = {"Dr.", "Smith-Jones", "said", "3,000", "Überlänge", "", "x"};
    size_t n = sizeof forms / sizeof forms[0];
    nc_pos_tok toks[8];
    for (size_t i = 0; i < n; i++) {
        nc_pos_prepare(&toks[i], forms[i], strlen(forms[i]));
        nc_pos_set_amb(M, &toks[i]);
    }
    CHECK(memcmp(toks[1].norm, "smith-jones", 11) == 0);
    CHECK_INT(toks[1].normlen, 11);
    CHECK(memcmp(toks[1].shape, "Xx-Xx", 5) == 0 && toks[1].shapelen == 5);
    CHECK(memcmp(toks[3].norm, "0,000", 5) == 0 && toks[3].normlen == 5);
    CHECK(memcmp(toks[3].shape, "d,d", 3) == 0 && toks[3].shapelen == 3);
    size_t checked = 0, bad = 0;
    for (size_t i = 0; i < n; i++) {
        nc_pos_feature f[NC_POS_MAX_FEATURES];
        size_t nf = nc_pos_features(toks, n, i, i ? "NOUN|NN" : NULL, i > 1 ? "DET|DT" : NULL, f);
        CHECK(nf <= NC_POS_MAX_FEATURES);
        for (size_t k = 0; k < nf; k++) {
            char text[512];
            size_t len = nc_pos_feature_text(&f[k], text, sizeof text);
            checked++;
            if (nc_pos_hash_text(text, len) != nc_pos_feature_hash(&f[k])) {
                bad++;
                fprintf(stderr, "feature %s: hash differs from its text's\n", text);
            }
        }
    }
    CHECK(checked > 100);
    CHECK_INT(bad, 0);
}

static void test_loader(void)
{
    /* a two-class model by hand: "w=go" votes VERB, bias votes NOUN */
    const char *good = "# a comment\nmodel\ttest\nclass\tNOUN\tNN\nclass\tVERB\tVB\n"
                       "dict\tthe\t0\namb\tgo\t1\nb=\t0:5\nw=go\t1:20 0:-3\n";
    nc_pos_model *m;
    char err[256];
    CHECK_INT(nc_pos_model_parse(&m, good, strlen(good), err, sizeof err), 0);
    if (m) {
        CHECK_INT(m->nclasses, 2);
        CHECK_STR(m->class_name[1], "VERB|VB");
        CHECK_STR(m->class_xpos[0], "NN");
        CHECK_INT(m->class_upos[1], NC_UPOS_VERB);
        CHECK_INT(m->nfeatures, 2);
        CHECK_INT(m->nentries, 3);
        CHECK_INT(nc_pos_dict_lookup(m, "the", 3), 0);
        CHECK_INT(nc_pos_dict_lookup(m, "The", 3), -1);
        const char *forms[] = {"we", "go"};
        size_t lens[] = {2, 2};
        unsigned char t[2];
        CHECK_INT(nc_pos_tag(m, forms, lens, 2, t), 0);
        CHECK_INT(t[0], 0);
        CHECK_INT(t[1], 1);
        nc_pos_tok tok;
        nc_pos_prepare(&tok, "Go", 2);
        nc_pos_set_amb(m, &tok);
        CHECK(tok.amblen == 1 && tok.amb[0] == '1');
        nc_pos_model_free(m);
    }
    static const struct { const char *text, *msg; } bad[] = {
        {"class\tNOUN\n", "line 1: class needs UPOS and XPOS"},
        {"class\tNOUNS\tNN\n", "line 1: unknown UPOS 'NOUNS'"},
        {"w=go\t0:1\n", "line 1: features before the classes"},
        {"class\tNOUN\tNN\nw=go\t1:1\n", "line 2: expected CLASS:WEIGHT"},
        {"class\tNOUN\tNN\nw=go\t0:40000\n", "line 2: expected a weight from -32767 to 32767"},
        {"class\tNOUN\tNN\ndict\tthe\t3\n", "line 2: bad class number"},
        {"class\tNOUN\tNN\nw=go\t0:1\nw=go\t0:2\n", "a feature is listed twice (or two features share a hash)"},
        {"hello\n", "line 1: expected a tab-separated line"},
        {"class\tNOUN\tNN\nweights\t1\n", "line 2: unknown line 'weights'"},
        {"# nothing\n", "line 1: no classes"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        m = NULL;
        CHECK_INT(nc_pos_model_parse(&m, bad[i].text, strlen(bad[i].text), err, sizeof err), NC_ERULES);
        CHECK(m == NULL);
        CHECK_STR(err, bad[i].msg);
    }
}

static void test_builtin_size(void)
{
    /* the built-in model: the EWT pairs, a table that stays small */
    CHECK(M->nclasses > 40 && M->nclasses <= NC_POS_MAX_CLASSES);
    CHECK_STR(M->class_name[0], "NOUN|NN");
    CHECK(M->nfeatures > 10000 && M->nfeatures < 400000);
    CHECK(M->ndict > 100);
    CHECK(M->namb > 1000);
}

int main(void)
{
    test_cue_words();
    test_feature_text_hash();
    test_loader();
    test_builtin_size();
    return CHECK_DONE("test_pos");
}
