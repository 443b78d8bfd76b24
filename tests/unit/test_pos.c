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

/* What the word list alone tells: "told" is never a noun, "report" may
 * be one, an unknown word may be anything; by XPOS too. */
static void test_may_be(void)
{
    CHECK_INT(nc_pos_may_be(M, "told", 4, 1u << NC_UPOS_NOUN | 1u << NC_UPOS_PROPN, 0), 0);
    CHECK_INT(nc_pos_may_be(M, "told", 4, 1u << NC_UPOS_VERB, 0), 1);
    CHECK_INT(nc_pos_may_be(M, "Told", 4, 0, 1ull << NC_XPOS_VBD), 1);
    CHECK_INT(nc_pos_may_be(M, "says", 4, 1u << NC_UPOS_NOUN, 1ull << NC_XPOS_VBD), 0);
    CHECK_INT(nc_pos_may_be(M, "report", 6, 1u << NC_UPOS_NOUN, 0), 1);
    CHECK_INT(nc_pos_may_be(M, "the", 3, 1u << NC_UPOS_ADV, 1ull << NC_XPOS_VBG), 0);
    CHECK_INT(nc_pos_may_be(M, "Zqxvbnmw", 8, 1u << NC_UPOS_ADV, 0), 1);
    /* and it agrees with the tagger where it says no */
    CHECK_STR(upos_of("The report said the talks failed .", 2), "VERB");
}

/* A sentence tagged on demand, token by token in any order and resumed
 * from a new run, gets the classes of tagging it whole, and tags only
 * back to two known classes in a row. */
static void test_run(void)
{
    const char *forms[] = {"Officials", "said", "on", "Monday", "that", "the", "report", "was", "wrong", ",",
                           "adding", "that", "talks", "would", "resume", "."};
    size_t n = sizeof forms / sizeof forms[0], lens[16];
    unsigned char whole[16], part[16];
    nc_pos_tok scratch[16];
    for (size_t i = 0; i < n; i++)
        lens[i] = strlen(forms[i]);
    CHECK_INT(nc_pos_tag(M, forms, lens, n, whole), 0);
    memset(part, NC_POS_UNTAGGED, sizeof part);
    nc_pos_run r;
    nc_pos_run_init(&r, M, forms, lens, n, part, scratch);
    CHECK(nc_pos_run_upto(&r, 1) <= 1);
    CHECK_INT(part[1], whole[1]);
    CHECK_INT(part[6], NC_POS_UNTAGGED); /* nothing past what was asked */
    size_t scored = r.tagged;
    CHECK_INT(nc_pos_run_upto(&r, 0), 0); /* already done: nothing */
    CHECK_INT(r.tagged, scored);
    /* "that" after ", adding": tagged without going back to the
     * sentence start (the classes of "Monday that the" cannot change it) */
    scored = r.tagged;
    unsigned char before[16];
    memcpy(before, part, sizeof before);
    size_t lo = nc_pos_run_upto(&r, 11);
    CHECK(lo >= 2 && lo <= 11);
    CHECK_INT(part[11], whole[11]);
    CHECK_INT(part[3], NC_POS_UNTAGGED);
    CHECK_INT(part[12], NC_POS_UNTAGGED);
    CHECK(memcmp(part, before, lo) == 0); /* nothing below lo changed */
    CHECK(r.tagged - scored < 9);
    CHECK_INT(nc_pos_run_upto(&r, n), n); /* past the end: nothing */
    /* a new run (other scratch contents) keeps what the first tagged */
    memset(scratch, 0x5A, sizeof scratch);
    nc_pos_run_init(&r, M, forms, lens, n, part, scratch);
    for (size_t k = n; k-- > 0;)
        nc_pos_run_upto(&r, k);
    CHECK(memcmp(part, whole, n) == 0);
    CHECK_STR(M->class_xpos[whole[6]], "NN");
    CHECK_STR(M->class_xpos[whole[10]], "VBG");
}

/* Every feature's hash is the loader's hash of the feature's text. */
static void test_feature_text_hash(void)
{
    const char *forms[] = {"Dr.", "Smith-Jones", "said", "3,000", "Überlänge", "", "x"};
    size_t n = sizeof forms / sizeof forms[0];
    nc_pos_tok toks[8];
    for (size_t i = 0; i < n; i++) {
        nc_pos_prepare(&toks[i], forms[i], strlen(forms[i]));
        nc_pos_lookup(M, &toks[i]);
    }
    /* "said" is a listed word scored against its few classes; "x" too,
     * an unknown form is scored against all */
    CHECK(toks[2].ncand > 0 && toks[2].ncand < 8);
    CHECK(toks[2].amblen > 0 && toks[2].amb[0] != '?');
    nc_pos_tok unknown;
    nc_pos_prepare(&unknown, "Zqxvbnmw", 8);
    nc_pos_lookup(M, &unknown);
    CHECK(unknown.ncand == 0 && unknown.amblen == 1 && unknown.amb[0] == '?');
    nc_pos_prev noun = {"NOUN|NN", 7, nc_pos_value_hash("NOUN|NN", 7)};
    nc_pos_prev det = {"DET|DT", 6, nc_pos_value_hash("DET|DT", 6)};
    CHECK(memcmp(toks[1].norm, "smith-jones", 11) == 0);
    CHECK_INT(toks[1].normlen, 11);
    CHECK(memcmp(toks[1].shape, "Xx-Xx", 5) == 0 && toks[1].shapelen == 5);
    CHECK(memcmp(toks[3].norm, "0,000", 5) == 0 && toks[3].normlen == 5);
    CHECK(memcmp(toks[3].shape, "d,d", 3) == 0 && toks[3].shapelen == 3);
    size_t checked = 0, bad = 0;
    for (size_t i = 0; i < n; i++) {
        nc_pos_feature f[NC_POS_MAX_FEATURES];
        size_t nf = nc_pos_features(toks, n, i, i ? &noun : NULL, i > 1 ? &det : NULL, f);
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
    /* a two-class model by hand: "w=go" votes VERB, bias votes NOUN;
     * "the" has one candidate (tagged without scoring), "go" any */
    const char *good = "# a comment\nmodel\ttest\nclass\tNOUN\tNN\nclass\tVERB\tVB\n"
                       "word\tthe\t0\t0\nword\tgo\t1\t*\nb=\t0:5\nw=go\t0:-3 1:20\n"
                       "t2=NOUN|NN\t1:4\nt12=VERB|VB NOUN|NN\t1:-6\n";
    nc_pos_model *m;
    char err[256];
    CHECK_INT(nc_pos_model_parse(&m, good, strlen(good), err, sizeof err), 0);
    if (m) {
        CHECK_INT(m->nclasses, 2);
        CHECK_STR(m->class_name[1], "VERB|VB");
        CHECK_STR(m->class_xpos[0], "NN");
        CHECK_INT(m->class_upos[1], NC_UPOS_VERB);
        CHECK_INT(m->nfeatures, 4);
        /* what t2 + t12 can add to VERB after a VERB, the class before
         * being NOUN (4 - 6), VERB or -S- (0); after a NOUN: 4 or 0 */
        CHECK_INT(m->p2_lo[1 * 2 + 1], -2);
        CHECK_INT(m->p2_hi[1 * 2 + 1], 0);
        CHECK_INT(m->p2_lo[0 * 2 + 1], 0);
        CHECK_INT(m->p2_hi[0 * 2 + 1], 4);
        CHECK_INT(m->p2_hi[1 * 2 + 0], 0);
        CHECK_INT(m->nwords, 2);
        CHECK_INT(m->namb, 3); /* "?", "0", "1" */
        nc_pos_tok the;
        nc_pos_prepare(&the, "The", 3);
        nc_pos_lookup(m, &the);
        CHECK(the.ncand == 1 && the.cand[0] == 0 && the.amblen == 1 && the.amb[0] == '0');
        const char *forms[] = {"we", "go"};
        size_t lens[] = {2, 2};
        unsigned char t[2];
        CHECK_INT(nc_pos_tag(m, forms, lens, 2, t), 0);
        CHECK_INT(t[0], 0);
        CHECK_INT(t[1], 1);
        /* tagged on demand from the last token, the same classes */
        const char *f3[] = {"go", "we", "go"};
        size_t l3[] = {2, 2, 2};
        unsigned char part[3], whole[3];
        nc_pos_tok scratch[3];
        CHECK_INT(nc_pos_tag(m, f3, l3, 3, whole), 0);
        memset(part, NC_POS_UNTAGGED, sizeof part);
        nc_pos_run r;
        nc_pos_run_init(&r, m, f3, l3, 3, part, scratch);
        nc_pos_run_upto(&r, 2);
        CHECK_INT(part[2], whole[2]);
        nc_pos_run_upto(&r, 0);
        nc_pos_run_upto(&r, 1);
        CHECK(memcmp(part, whole, 3) == 0);
        nc_pos_tok tok;
        nc_pos_prepare(&tok, "Go", 2);
        nc_pos_lookup(m, &tok);
        CHECK(tok.amblen == 1 && tok.amb[0] == '1' && tok.ncand == 0);
        CHECK_INT(nc_pos_score(m, NULL, 0, NULL, 0), 0);
        nc_pos_model_free(m);
    }
    static const struct { const char *text, *msg; } bad[] = {
        {"class\tNOUN\n", "line 1: class needs UPOS and XPOS"},
        {"class\tNOUNS\tNN\n", "line 1: unknown UPOS 'NOUNS'"},
        {"w=go\t0:1\n", "line 1: features before the classes"},
        {"class\tNOUN\tNN\nw=go\t1:1\n", "line 2: expected CLASS:WEIGHT, classes ascending"},
        {"class\tNOUN\tNN\nclass\tVERB\tVB\nw=go\t1:1 0:2\n", "line 3: expected CLASS:WEIGHT, classes ascending"},
        {"class\tNOUN\tNN\nx=go\t0:1\n", "line 2: unknown feature template 'x=go'"},
        {"class\tNOUN\tNN\nw=go\n", "line 2: expected a tab-separated line"},
        {"class\tNOUN\tNN\nw=go\t0:40000\n", "line 2: expected a weight from -32767 to 32767"},
        {"class\tNOUN\tNN\nword\tthe\t3\t*\n", "line 2: bad ambiguity class '3'"},
        {"class\tNOUN\tNN\nword\tthe\t0\t0+0\n", "line 2: bad candidates '0+0'"},
        {"class\tNOUN\tNN\nword\tthe\t0\n", "line 2: word needs a norm, its ambiguity class and its candidates"},
        {"class\tNOUN\tNN\nword\tthe\t0\t*\nword\tthe\t0\t*\n", "a word is listed twice (or two words share a fingerprint)"},
        {"class\tNOUN\tNN\nw=go\t0:1\nw=go\t0:2\n", "a feature is listed twice (or two features share a fingerprint)"},
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
    CHECK(M->nwords > 10000);
    CHECK(M->namb > 100 && M->namb < 65536);
    /* the compiled table: 16-byte feature slots, 2-byte weights, 8-byte
     * words, the bounds of t2 + t12 per pair of classes; under 3 MB (the
     * first table, 8-byte keys and separate rows, was about 4 MB) */
    size_t bytes = ((size_t)M->mask + 1) * sizeof(nc_pos_slot) + M->nrows * sizeof(int16_t) +
                   ((size_t)M->word_mask + 1) * sizeof(nc_pos_word) + M->ncands +
                   2 * (size_t)M->nclasses * M->nclasses * sizeof(int32_t);
    CHECK(sizeof(nc_pos_slot) == 16);
    CHECK(bytes < 3u * 1024 * 1024);
}

int main(void)
{
    test_cue_words();
    test_may_be();
    test_run();
    test_feature_text_hash();
    test_loader();
    test_builtin_size();
    return CHECK_DONE("test_pos");
}
