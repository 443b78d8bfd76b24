/* Unit tests for casualty extraction through the public API: built-in rules,
 * nc_record_new() on short invented texts, nc_record_to_json(), the JSON
 * parsed back with cJSON and checked field by field. Run from the
 * repository root. */
#include "check.h"
#include "newsclaims.h"
#include "util/buf.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static nc_context *CTX;
static char CUR[512]; /* the input under test, for failure messages */

/* A check with its own line number and message. */
static void expect(int ok, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void expect(int ok, int line, const char *fmt, ...)
{
    if (ok) {
        nc_t_pass++;
        return;
    }
    nc_t_fail++;
    fprintf(stderr, "%s:%d: FAILED: ", __FILE__, line);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n    input: \"%s\"\n", CUR);
}

#define NUL INT64_MIN  /* a number expected to be JSON null */
#define SKIPN INT64_MAX /* a number not checked */
#define SKIP ((const char *)1) /* a string not checked (NULL = JSON null) */

static void check_num(int line, const cJSON *o, const char *key, int64_t want)
{
    if (want == SKIPN)
        return;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (want == NUL) {
        expect(cJSON_IsNull(v), line, "%s should be null", key);
        return;
    }
    expect(cJSON_IsNumber(v) && (int64_t)v->valuedouble == want && v->valuedouble == (double)want, line,
           "%s == %s, expected %lld", key,
           cJSON_IsNumber(v) ? "(a number)" : v ? "(not a number)" : "(missing)", (long long)want);
    if (cJSON_IsNumber(v) && (int64_t)v->valuedouble != want)
        fprintf(stderr, "    got %.0f\n", v->valuedouble);
}

static void check_str(int line, const cJSON *o, const char *key, const char *want)
{
    if (want == SKIP)
        return;
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!want) {
        expect(cJSON_IsNull(v), line, "%s == \"%s\", expected null", key,
               cJSON_IsString(v) ? v->valuestring : "(not a string)");
        return;
    }
    expect(cJSON_IsString(v) && strcmp(v->valuestring, want) == 0, line, "%s == \"%s\", expected \"%s\"", key,
           cJSON_IsString(v) ? v->valuestring : cJSON_IsNull(v) ? "null" : "(missing)", want);
}

static void check_bool(int line, const cJSON *o, const char *key, int want)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    expect(cJSON_IsBool(v) && !!cJSON_IsTrue(v) == !!want, line, "%s should be %s", key, want ? "true" : "false");
}

/* The document text the spans point into (NC_JSON_WITH_TEXT). */
static const char *doc_text(const cJSON *root)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(root, "text");
    return cJSON_IsString(t) ? t->valuestring : NULL;
}

/* Bytes [a, b) of the text as a new string, or NULL when out of range. */
static char *text_slice(const cJSON *root, const cJSON *span)
{
    const char *text = doc_text(root);
    if (!text || !cJSON_IsArray(span) || cJSON_GetArraySize(span) != 2)
        return NULL;
    double a = cJSON_GetArrayItem(span, 0)->valuedouble, b = cJSON_GetArrayItem(span, 1)->valuedouble;
    if (a < 0 || b < a || b > (double)strlen(text))
        return NULL;
    size_t n = (size_t)(b - a);
    char *s = malloc(n + 1);
    if (!s)
        exit(2);
    memcpy(s, text + (size_t)a, n);
    s[n] = '\0';
    return s;
}

static const char *const KEYS[] = {"schema", "source", "meta", "summary", "casualties",
                                   "actors", "places", "claims", "status", "errors"};

/* Checks the record-wide invariants: keys in schema order (then "text"
 * only with NC_JSON_WITH_TEXT), and for every figure that its span is in
 * the text, that "matched" (only with NC_JSON_EXPLAIN) is the span's text,
 * and that the count text and who lie in the matched span. */
static void check_invariants(int line, const cJSON *root, unsigned flags)
{
    const cJSON *k = root ? root->child : NULL;
    for (size_t i = 0; i < sizeof KEYS / sizeof *KEYS; i++, k = k ? k->next : NULL)
        expect(k && k->string && strcmp(k->string, KEYS[i]) == 0, line, "key %zu is \"%s\", expected \"%s\"", i,
               k && k->string ? k->string : "(none)", KEYS[i]);
    if (flags & NC_JSON_WITH_TEXT) {
        expect(k && k->string && strcmp(k->string, "text") == 0, line, "last key should be text");
        k = k ? k->next : NULL;
    }
    expect(k == NULL, line, "unexpected key \"%s\" at the end", k && k->string ? k->string : "");
    check_str(line, root, "schema", NC_SCHEMA);
    const cJSON *cas = cJSON_GetObjectItemCaseSensitive(root, "casualties");
    expect(cJSON_IsArray(cas), line, "casualties should be an array");
    expect(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "actors")), line, "actors should be an array");
    expect(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "claims")), line, "claims should be an array");
    expect(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "errors")), line, "errors should be an array");
    expect(cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, "summary")), line, "summary should be an object");
    const cJSON *f;
    cJSON_ArrayForEach(f, cas) {
        const cJSON *matched = cJSON_GetObjectItemCaseSensitive(f, "matched");
        expect((matched != NULL) == !!(flags & NC_JSON_EXPLAIN), line, "\"matched\" %s",
               matched ? "present without NC_JSON_EXPLAIN" : "missing with NC_JSON_EXPLAIN");
        if (!(flags & NC_JSON_WITH_TEXT))
            continue;
        char *span = text_slice(root, cJSON_GetObjectItemCaseSensitive(f, "span"));
        expect(span != NULL, line, "span out of the text");
        if (!span)
            continue;
        if (matched)
            expect(cJSON_IsString(matched) && strcmp(matched->valuestring, span) == 0, line,
                   "matched \"%s\" differs from the span's text \"%s\"",
                   cJSON_IsString(matched) ? matched->valuestring : "", span);
        const cJSON *sentence = cJSON_GetObjectItemCaseSensitive(f, "sentence");
        expect(cJSON_IsString(sentence) && strstr(sentence->valuestring, span), line,
               "span \"%s\" is not inside its sentence", span);
        const cJSON *ct = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(f, "count"), "text");
        expect(cJSON_IsString(ct) && strstr(span, ct->valuestring), line, "count text not inside the span \"%s\"",
               span);
        const cJSON *who = cJSON_GetObjectItemCaseSensitive(f, "who");
        expect(cJSON_IsNull(who) || (cJSON_IsString(who) && strstr(span, who->valuestring)), line,
               "who not inside the span \"%s\"", span);
        free(span);
    }
}

/* Processes text (an exactly sized heap copy) and returns the parsed JSON
 * record; checks the invariants. */
static cJSON *run_fmt(int line, const char *text, size_t len, nc_format fmt, unsigned flags)
{
    snprintf(CUR, sizeof CUR, "%.*s", (int)(len < 400 ? len : 400), text);
    char *copy = malloc(len ? len : 1);
    if (!copy)
        exit(2);
    memcpy(copy, text, len);
    nc_record *rec = NULL;
    int rc = nc_record_new(&rec, CTX, copy, len, fmt, NULL);
    free(copy);
    expect(rc == 0 && rec, line, "nc_record_new failed: %d", rc);
    if (rc || !rec)
        exit(1);
    char *json = nc_record_to_json(rec, flags);
    expect(json != NULL, line, "nc_record_to_json failed");
    if (!json)
        exit(1);
    cJSON *root = cJSON_Parse(json);
    expect(root != NULL, line, "output is not JSON: %s", json);
    if (!root)
        exit(1);
    check_str(line, root, "status", nc_record_status(rec));
    nc_free(json);
    nc_record_free(rec);
    check_invariants(line, root, flags);
    return root;
}

#define FLAGS (NC_JSON_WITH_TEXT | NC_JSON_EXPLAIN)
#define RUN(text) run_fmt(__LINE__, (text), strlen(text), NC_FORMAT_TEXT, FLAGS)

static const cJSON *casualties(const cJSON *root) { return cJSON_GetObjectItemCaseSensitive(root, "casualties"); }

#define CHECK_NFIG(root, n) do { int got_ = cJSON_GetArraySize(casualties(root)); \
    expect(got_ == (n), __LINE__, "%d figures, expected %d", got_, (n)); } while (0)

/* Checks figure i of root, every field. */
static void check_fig(int line, const cJSON *root, int i, const char *category, int64_t value, int64_t low,
                      int64_t high, const char *qualifier, int approximate, const char *count_text,
                      const char *who, const char *when, const char *span, int64_t sentence, const char *rule)
{
    const cJSON *f = cJSON_GetArrayItem(casualties(root), i);
    expect(f != NULL, line, "no figure %d", i);
    if (!f)
        return;
    check_str(line, f, "category", category);
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(f, "count");
    check_num(line, c, "value", value);
    check_num(line, c, "low", low);
    check_num(line, c, "high", high);
    check_str(line, c, "qualifier", qualifier);
    check_bool(line, c, "approximate", approximate);
    check_str(line, c, "text", count_text);
    check_str(line, f, "who", who);
    check_str(line, f, "when", when);
    check_str(line, f, "rule", rule);
    check_num(line, f, "sentence_index", sentence);
    /* who the counted are is the actor extractor's (tests/unit/test_actor.c) */
    const cJSON *actor = cJSON_GetObjectItemCaseSensitive(f, "actor");
    expect(cJSON_IsNull(actor) || (cJSON_IsObject(actor) && cJSON_GetObjectItemCaseSensitive(actor, "role")),
           line, "actor should be null or {id, country, role}");
    /* the source comes from the claims extractor (tests/unit/test_claim.c) */
    const cJSON *src = cJSON_GetObjectItemCaseSensitive(f, "source");
    expect(cJSON_IsNull(src) || cJSON_IsString(src), line, "source should be null or a string");
    if (span != SKIP) {
        char *s = text_slice(root, cJSON_GetObjectItemCaseSensitive(f, "span"));
        expect(s && strcmp(s, span) == 0, line, "span text \"%s\", expected \"%s\"", s ? s : "(bad span)", span);
        free(s);
    }
}
#define FIG(root, i, ...) check_fig(__LINE__, (root), (i), __VA_ARGS__)

/* Checks that no figure has v as its value, low or high. */
static void check_no_value(int line, const cJSON *root, int64_t v)
{
    const cJSON *f;
    cJSON_ArrayForEach(f, casualties(root)) {
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(f, "count");
        static const char *const keys[] = {"value", "low", "high"};
        for (int k = 0; k < 3; k++) {
            const cJSON *n = cJSON_GetObjectItemCaseSensitive(c, keys[k]);
            expect(!cJSON_IsNumber(n) || n->valuedouble != (double)v, line, "%lld taken as a count (%s)",
                   (long long)v, keys[k]);
        }
    }
}
#define NO_VALUE(root, v) check_no_value(__LINE__, (root), (v))

/* Checks the summary is exactly spec: "killed=5 injured=0" ("" = empty). */
static void check_summary(int line, const cJSON *root, const char *spec)
{
    const cJSON *sum = cJSON_GetObjectItemCaseSensitive(root, "summary");
    int n = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *save = NULL, *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq)
            continue;
        *eq = '\0';
        check_num(line, sum, tok, strtoll(eq + 1, NULL, 10));
        n++;
    }
    char *got = cJSON_PrintUnformatted(sum);
    expect(cJSON_GetArraySize(sum) == n, line, "summary %s, expected exactly \"%s\"", got ? got : "?", spec);
    free(got);
}
#define SUMMARY(root, spec) check_summary(__LINE__, (root), (spec))

/* ---------- the tests ---------- */

static void test_passive_at_least(void)
{
    cJSON *r = RUN("At least 14 villagers were killed when gunmen raided a market on Tuesday, officials said.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 14, 14, NUL, "at_least", 0, "At least 14", "villagers", "on Tuesday",
        "At least 14 villagers were killed", 0, "casualty.killed.passive");
    SUMMARY(r, "killed=14");
    check_str(__LINE__, r, "status", "ok");
    expect(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, "errors")) == 0, __LINE__, "no errors");
    /* the figure's sentence */
    check_str(__LINE__, cJSON_GetArrayItem(casualties(r), 0), "sentence",
              "At least 14 villagers were killed when gunmen raided a market on Tuesday, officials said.");
    cJSON_Delete(r);

    r = RUN("More than 40 people were injured in the collapse of a footbridge.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "injured", 40, 40, NUL, "more_than", 0, "More than 40", "people", NULL,
        "More than 40 people were injured", 0, "casualty.injured.passive");
    SUMMARY(r, "injured=40");
    cJSON_Delete(r);
}

static void test_active_joined(void)
{
    cJSON *r = RUN("A drone strike hit the checkpoint, killing 2 soldiers and 3 civilians.");
    CHECK_NFIG(r, 2);
    FIG(r, 0, "killed", 2, 2, 2, "exact", 0, "2", "soldiers", NULL, "killing 2 soldiers and 3 civilians", 0,
        "casualty.killed.active");
    FIG(r, 1, "killed", 3, 3, 3, "exact", 0, "3", "civilians", NULL, "killing 2 soldiers and 3 civilians", 0,
        "casualty.killed.active");
    SUMMARY(r, "killed=5");
    cJSON_Delete(r);

    /* joined figures add up, and the sum beats a larger single figure of
     * another match */
    r = RUN("Gunmen killed 4 farmers on Sunday. On Monday an ambush killed 3 policemen and 2 villagers.");
    CHECK_NFIG(r, 3);
    FIG(r, 0, "killed", 4, 4, 4, "exact", 0, "4", "farmers", "on Sunday", "killed 4 farmers", 0,
        "casualty.killed.active");
    FIG(r, 1, "killed", 3, 3, 3, "exact", 0, "3", "policemen", "On Monday", "killed 3 policemen and 2 villagers",
        1, "casualty.killed.active");
    FIG(r, 2, "killed", 2, 2, 2, "exact", 0, "2", "villagers", "On Monday", "killed 3 policemen and 2 villagers",
        1, "casualty.killed.active");
    SUMMARY(r, "killed=5");
    cJSON_Delete(r);

    r = RUN("At least 4 police officers and 9 civilians were killed in the raid.");
    CHECK_NFIG(r, 2);
    FIG(r, 0, "killed", 4, 4, NUL, "at_least", 0, "At least 4", "police officers", NULL,
        "At least 4 police officers and 9 civilians were killed", 0, "casualty.killed.joined");
    FIG(r, 1, "killed", 9, 9, 9, "exact", 0, "9", "civilians", NULL,
        "At least 4 police officers and 9 civilians were killed", 0, "casualty.killed.joined");
    SUMMARY(r, "killed=13");
    cJSON_Delete(r);

    /* killed and injured in one sentence */
    r = RUN("The bomb exploded outside a bakery, killing five and injuring 13 others.");
    CHECK_NFIG(r, 2);
    FIG(r, 0, "killed", 5, 5, 5, "exact", 0, "five", NULL, NULL, "killing five", 0, "casualty.killed.active");
    FIG(r, 1, "injured", 13, 13, 13, "exact", 0, "13", "others", NULL, "injuring 13 others", 0,
        "casualty.injured.active");
    SUMMARY(r, "killed=5 injured=13");
    cJSON_Delete(r);
}

static void test_largest_wins(void)
{
    cJSON *r = RUN("Four people were killed in the first wave of shelling. "
                   "By evening, officials said 9 people had been killed. "
                   "A hospital spokesman said 6 people had died there.");
    CHECK_NFIG(r, 3);
    FIG(r, 0, "killed", 4, 4, 4, "exact", 0, "Four", "people", NULL, "Four people were killed", 0,
        "casualty.killed.passive");
    FIG(r, 1, "killed", 9, 9, 9, "exact", 0, "9", "people", NULL, "9 people had been killed", 1,
        "casualty.killed.passive");
    FIG(r, 2, "killed", 6, 6, 6, "exact", 0, "6", "people", NULL, "6 people had died", 2,
        "casualty.killed.passive");
    SUMMARY(r, "killed=9");
    cJSON_Delete(r);
}

static void test_zero(void)
{
    cJSON *r = RUN("No one was killed.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 0, 0, 0, "exact", 0, "No one was killed", NULL, NULL, "No one was killed", 0,
        "casualty.killed.none");
    SUMMARY(r, "killed=0");
    cJSON_Delete(r);

    r = RUN("The storm tore roofs off dozens of homes, but nobody died.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 0, 0, 0, "exact", 0, "nobody died", NULL, NULL, "nobody died", 0, "casualty.killed.none");
    SUMMARY(r, "killed=0");
    cJSON_Delete(r);

    /* "no casualties": killed 0 and injured 0 as well */
    r = RUN("There were no casualties in the blast.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed_or_injured", 0, 0, 0, "exact", 0, "no casualties", NULL, NULL, "no casualties", 0,
        "casualty.killed_or_injured.none");
    SUMMARY(r, "killed=0 injured=0 killed_or_injured=0");
    cJSON_Delete(r);

    r = RUN("Nobody was hurt when the wall of the old mill collapsed.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed_or_injured", 0, 0, 0, "exact", 0, "Nobody was hurt", NULL, NULL, "Nobody was hurt", 0,
        "casualty.killed_or_injured.none");
    SUMMARY(r, "killed=0 injured=0 killed_or_injured=0");
    cJSON_Delete(r);

    /* a stated zero and a positive figure: the positive one, either order */
    r = RUN("No one was killed in the first explosion. A second blast an hour later killed 6 people.");
    CHECK_NFIG(r, 2);
    FIG(r, 0, "killed", 0, 0, 0, "exact", 0, "No one was killed", NULL, NULL, "No one was killed", 0,
        "casualty.killed.none");
    FIG(r, 1, "killed", 6, 6, 6, "exact", 0, "6", "people", NULL, "killed 6 people", 1, "casualty.killed.active");
    SUMMARY(r, "killed=6");
    cJSON_Delete(r);

    r = RUN("Police said 3 people were killed in the first attack. Nobody died in the second.");
    CHECK_NFIG(r, 2);
    FIG(r, 0, "killed", 3, 3, 3, "exact", 0, "3", "people", NULL, "3 people were killed", 0,
        "casualty.killed.passive");
    FIG(r, 1, "killed", 0, 0, 0, "exact", 0, "Nobody died", NULL, NULL, "Nobody died", 1, "casualty.killed.none");
    SUMMARY(r, "killed=3");
    cJSON_Delete(r);

    /* "no casualties" does not override a stated figure (the injured 0 it
     * also gives here is left unchecked: see the report) */
    r = RUN("Officials first reported no casualties. Later they said 2 guards were killed.");
    CHECK_NFIG(r, 2);
    FIG(r, 1, "killed", 2, 2, 2, "exact", 0, "2", "guards", NULL, "2 guards were killed", 1,
        "casualty.killed.passive");
    check_num(__LINE__, cJSON_GetObjectItemCaseSensitive(r, "summary"), "killed", 2);
    cJSON_Delete(r);
}

static void test_headline(void)
{
    /* the headline states killed: it wins over the body's figure (the
     * headline is the article's own summary of the incident) */
    cJSON *r = RUN("Ferry Capsizes, Killing 41 Off Coast\n\n"
                   "A crowded ferry overturned in rough seas near the island on Sunday. "
                   "The coast guard said 38 passengers had died.");
    CHECK_NFIG(r, 2);
    FIG(r, 0, "killed", 41, 41, 41, "exact", 0, "41", NULL, NULL, "Killing 41", 0, "casualty.killed.active");
    FIG(r, 1, "killed", 38, 38, 38, "exact", 0, "38", "passengers", NULL, "38 passengers had died", 2,
        "casualty.killed.passive");
    SUMMARY(r, "killed=41");
    check_str(__LINE__, cJSON_GetObjectItemCaseSensitive(r, "meta"), "title", "Ferry Capsizes, Killing 41 Off Coast");
    cJSON_Delete(r);

    /* the body states no killed figure: the headline's is used */
    r = RUN("Ferry Capsizes, Killing 41 Off Coast\n\n"
            "A crowded ferry overturned in rough seas near the island on Sunday. "
            "Rescuers pulled 60 survivors from the water, and 12 passengers were injured.");
    CHECK_NFIG(r, 2);
    FIG(r, 0, "killed", 41, 41, 41, "exact", 0, "41", NULL, NULL, "Killing 41", 0, "casualty.killed.active");
    FIG(r, 1, "injured", 12, 12, 12, "exact", 0, "12", "passengers", NULL, "12 passengers were injured", 2,
        "casualty.injured.passive");
    SUMMARY(r, "killed=41 injured=12");
    cJSON_Delete(r);

    /* categories are independent: a body stating only injured (and that
     * vaguely) leaves the headline's killed figure in use */
    r = RUN("Blast Kills 30 in Northern Town\n\n"
            "A bomb went off near a bus station on Monday, police said. Dozens were injured.");
    CHECK_NFIG(r, 2);
    FIG(r, 1, "injured", NUL, 24, NUL, "vague", 1, "Dozens", NULL, NULL, "Dozens were injured", 2,
        "casualty.injured.passive");
    SUMMARY(r, "killed=30");
    cJSON_Delete(r);
}

static void test_range_and_vague(void)
{
    cJSON *r = RUN("Between 10,000 and 12,000 troops were deployed to the border region.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "deployed", NUL, 10000, 12000, "range", 0, "Between 10,000 and 12,000", "troops", NULL,
        "Between 10,000 and 12,000 troops were deployed", 0, "casualty.deployed.passive");
    SUMMARY(r, "deployed=10000");
    cJSON_Delete(r);

    r = RUN("Dozens were injured in the stampede at the stadium gates.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "injured", NUL, 24, NUL, "vague", 1, "Dozens", NULL, NULL, "Dozens were injured", 0,
        "casualty.injured.passive");
    SUMMARY(r, "");
    cJSON_Delete(r);

    /* a vague figure does not make it into the summary next to an exact one
     * either, even when its low bound is larger */
    r = RUN("Dozens of people were injured, and 7 people were killed.");
    CHECK_NFIG(r, 2);
    FIG(r, 0, "injured", NUL, 24, NUL, "vague", 1, "Dozens of", "people", NULL, "Dozens of people were injured",
        0, "casualty.injured.passive");
    FIG(r, 1, "killed", 7, 7, 7, "exact", 0, "7", "people", NULL, "7 people were killed", 0,
        "casualty.killed.passive");
    SUMMARY(r, "killed=7");
    cJSON_Delete(r);
}

/* Inputs with numbers that are not counts: figures as listed, nothing else. */
static void test_not_counts(void)
{
    /* years ("killed nobody" giving no killed 0 is left unchecked: see the
     * report) */
    cJSON *r = RUN("The 2019 attack killed nobody.");
    NO_VALUE(r, 2019);
    cJSON_Delete(r);
    r = RUN("Since 2015, 300 people have been killed in the valley.");
    NO_VALUE(r, 2015);
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 300, 300, 300, "exact", 0, "300", "people", "Since 2015", "300 people have been killed", 0,
        "casualty.killed.passive");
    check_str(__LINE__, cJSON_GetArrayItem(casualties(r), 0), "scope", "cumulative");
    SUMMARY(r, ""); /* "since 2015" is a running total, not the event */
    cJSON_Delete(r);
    r = RUN("In 2019 dozens were killed in the floods.");
    NO_VALUE(r, 2019);
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", NUL, 24, NUL, "vague", 1, "dozens", NULL, "In 2019", "dozens were killed", 0,
        "casualty.killed.passive");
    SUMMARY(r, "");
    cJSON_Delete(r);
    r = RUN("The 1994 massacre killed about 800,000 people.");
    NO_VALUE(r, 1994);
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 800000, NUL, NUL, "about", 1, "about 800,000", "people", NULL,
        "killed about 800,000 people", 0, "casualty.killed.active");
    cJSON_Delete(r);
    /* ages (that these give no figure of 1 or 3 at all is left unchecked:
     * see the report) */
    r = RUN("A 16-year-old died in hospital on Sunday.");
    NO_VALUE(r, 16);
    cJSON_Delete(r);
    r = RUN("The 45-year-old was killed at his home.");
    NO_VALUE(r, 45);
    cJSON_Delete(r);
    r = RUN("Three teenagers, aged 15, 16 and 17, were injured in the crash.");
    NO_VALUE(r, 15);
    NO_VALUE(r, 16);
    NO_VALUE(r, 17);
    cJSON_Delete(r);
    r = RUN("Police said 2 teenagers, both 17, were injured.");
    NO_VALUE(r, 17);
    cJSON_Delete(r);
    r = RUN("The victims were 23 and 31 years old; 2 people died.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 2, 2, 2, "exact", 0, "2", "people", NULL, "2 people died", 0, "casualty.killed.passive");
    cJSON_Delete(r);
    /* percentages */
    r = RUN("Nearly 40% of the residents were displaced.");
    NO_VALUE(r, 40);
    CHECK_NFIG(r, 0);
    SUMMARY(r, "");
    cJSON_Delete(r);
    r = RUN("Prices rose 40 percent, and 3 traders were injured in the riot.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "injured", 3, 3, 3, "exact", 0, "3", "traders", NULL, "3 traders were injured", 0,
        "casualty.injured.passive");
    SUMMARY(r, "injured=3");
    cJSON_Delete(r);
    r = RUN("Turnout fell to 12 per cent after 2 protesters were shot.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "shot", 2, 2, 2, "exact", 0, "2", "protesters", NULL, "2 protesters were shot", 0,
        "casualty.shot.passive");
    SUMMARY(r, "injured=2"); /* shot, none killed */
    cJSON_Delete(r);
    /* money */
    r = RUN("The storm caused $5 million in damage and killed 7 people.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 7, 7, 7, "exact", 0, "7", "people", NULL, "killed 7 people", 0, "casualty.killed.active");
    SUMMARY(r, "killed=7");
    cJSON_Delete(r);
    r = RUN("The fund paid $5 million to the families of those killed.");
    NO_VALUE(r, 5);
    NO_VALUE(r, 5000000);
    CHECK_NFIG(r, 0);
    cJSON_Delete(r);
    r = RUN("Rebels demanded 20,000 dollars for each of the 3 hostages kidnapped last week.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "kidnapped", 3, 3, 3, "exact", 0, "3", "hostages", "last week", "3 hostages kidnapped", 0,
        "casualty.kidnapped.passive");
    cJSON_Delete(r);
    /* times */
    r = RUN("The bomb went off at 10:30 and killed 4 people.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 4, 4, 4, "exact", 0, "4", "people", NULL, "killed 4 people", 0, "casualty.killed.active");
    SUMMARY(r, "killed=4");
    cJSON_Delete(r);
    r = RUN("Shelling went on for 3 hours and killed nobody.");
    NO_VALUE(r, 3);
    cJSON_Delete(r);
    r = RUN("Residents said the siege lasted 12 days before 8 hostages were killed.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 8, 8, 8, "exact", 0, "8", "hostages", NULL, "8 hostages were killed", 0,
        "casualty.killed.passive");
    cJSON_Delete(r);
    /* distances and weights */
    r = RUN("The patrol was killed 150 km south of the capital.");
    NO_VALUE(r, 150);
    CHECK_NFIG(r, 0);
    SUMMARY(r, "");
    cJSON_Delete(r);
    r = RUN("Rebels advanced 30 km and killed 12 villagers.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 12, 12, 12, "exact", 0, "12", "villagers", NULL, "killed 12 villagers", 0,
        "casualty.killed.active");
    cJSON_Delete(r);
    r = RUN("The bomb, weighing 250 kg, killed 13.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 13, 13, 13, "exact", 0, "13", NULL, NULL, "killed 13", 0, "casualty.killed.active");
    cJSON_Delete(r);
}

static void test_people(void)
{
    cJSON *r = RUN("A man was killed in the crash on the ring road.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 1, 1, 1, "exact", 0, "A", "man", NULL, "A man was killed", 0, "casualty.killed.one");
    SUMMARY(r, "killed=1");
    cJSON_Delete(r);

    r = RUN("An elderly woman was wounded by shrapnel.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "injured", 1, 1, 1, "exact", 0, "An", "elderly woman", NULL, "An elderly woman was wounded", 0,
        "casualty.injured.one");
    cJSON_Delete(r);

    /* "he and three others": 4. The count text is not checked here: see
     * the report (it is "He and three", without "others") */
    r = RUN("He and three others were shot outside a bar.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "shot", 4, 4, 4, "exact", 0, SKIP, "others", NULL, "He and three others were shot", 0,
        "casualty.shot.others");
    SUMMARY(r, "injured=4");
    cJSON_Delete(r);

    r = RUN("The driver and two others were killed.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 3, 3, 3, "exact", 0, SKIP, "others", NULL, "The driver and two others were killed", 0,
        "casualty.killed.others");
    SUMMARY(r, "killed=3");
    cJSON_Delete(r);
}

static void test_key_figures(void)
{
    cJSON *r = RUN("Key figures\n"
                   "Injured soldiers: About 4,100\n"
                   "Displaced: 30,000\n");
    CHECK_NFIG(r, 2);
    FIG(r, 0, "injured", 4100, NUL, NUL, "about", 1, "About 4,100", "soldiers", NULL,
        "Injured soldiers: About 4,100", 1, "casualty.injured.list");
    FIG(r, 1, "displaced", 30000, 30000, 30000, "exact", 0, "30,000", NULL, NULL, "Displaced: 30,000", 2,
        "casualty.displaced.list");
    SUMMARY(r, "injured=4100 displaced=30000");
    cJSON_Delete(r);

    r = RUN("Injured soldiers: About 4,100");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "injured", 4100, NUL, NUL, "about", 1, "About 4,100", "soldiers", NULL,
        "Injured soldiers: About 4,100", 0, "casualty.injured.list");
    cJSON_Delete(r);

    /* who of a killed list line: not checked, see the report */
    r = RUN("Key figures\nKilled civilians: 1,250\nMissing: 12\n");
    CHECK_NFIG(r, 2);
    FIG(r, 0, "killed", 1250, 1250, 1250, "exact", 0, "1,250", SKIP, NULL, "Killed civilians: 1,250", 1,
        "casualty.killed.list");
    FIG(r, 1, "missing", 12, 12, 12, "exact", 0, "12", NULL, NULL, "Missing: 12", 2, "casualty.missing.list");
    SUMMARY(r, "killed=1250 missing=12");
    cJSON_Delete(r);
}

static void test_when(void)
{
    cJSON *r = RUN("More than 40 people were killed on Tuesday.");
    FIG(r, 0, "killed", 40, 40, NUL, "more_than", 0, "More than 40", "people", "on Tuesday",
        "More than 40 people were killed", 0, "casualty.killed.passive");
    cJSON_Delete(r);

    r = RUN("At least 300 people were killed between January and March 2025, the agency said.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 300, 300, NUL, "at_least", 0, "At least 300", "people", "between January and March 2025",
        "At least 300 people were killed", 0, "casualty.killed.passive");
    cJSON_Delete(r);

    r = RUN("The country has deployed between 10,000 and 12,000 troops since last fall.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "deployed", NUL, 10000, 12000, "range", 0, "between 10,000 and 12,000", "troops", "since last fall",
        "deployed between 10,000 and 12,000 troops", 0, "casualty.deployed.active");
    SUMMARY(r, "deployed=10000");
    cJSON_Delete(r);

    /* a time before the count, in the same clause */
    r = RUN("On 3 May the flood killed 14.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 14, 14, 14, "exact", 0, "14", NULL, "On 3 May", "killed 14", 0, "casualty.killed.active");
    cJSON_Delete(r);

    /* not from another clause: after ';' or before "that" */
    r = RUN("On Monday the mayor toured the town; 5 people were injured in a fire.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "injured", 5, 5, 5, "exact", 0, "5", "people", NULL, "5 people were injured", 0,
        "casualty.injured.passive");
    cJSON_Delete(r);
    r = RUN("On Friday the ministry said that 8 soldiers were killed in the north.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 8, 8, 8, "exact", 0, "8", "soldiers", NULL, "8 soldiers were killed", 0,
        "casualty.killed.passive");
    cJSON_Delete(r);
    /* and not from another sentence */
    r = RUN("The raid began on Sunday. 6 guards were killed.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 6, 6, 6, "exact", 0, "6", "guards", NULL, "6 guards were killed", 1,
        "casualty.killed.passive");
    cJSON_Delete(r);
}

static void test_typography(void)
{
    /* curly quotes around the sentence */
    cJSON *r = RUN("\xE2\x80\x9C" "At least 15 people were killed,\xE2\x80\x9D the governor said.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 15, 15, NUL, "at_least", 0, "At least 15", "people", NULL, "At least 15 people were killed",
        0, "casualty.killed.passive");
    SUMMARY(r, "killed=15");
    cJSON_Delete(r);

    /* en dash range */
    r = RUN("The floods killed 10,000\xE2\x80\x93" "12,000 people.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", NUL, 10000, 12000, "range", 0, "10,000\xE2\x80\x93" "12,000", "people", NULL,
        "killed 10,000\xE2\x80\x93" "12,000 people", 0, "casualty.killed.active");
    SUMMARY(r, "killed=10000");
    cJSON_Delete(r);

    r = RUN("Between 10,000\xE2\x80\x93" "12,000 troops were deployed.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "deployed", NUL, 10000, 12000, "range", 0, "10,000\xE2\x80\x93" "12,000", "troops", NULL,
        "10,000\xE2\x80\x93" "12,000 troops were deployed", 0, "casualty.deployed.passive");
    cJSON_Delete(r);

    /* a no-break space as thousands separator */
    r = RUN("Officials said 4\xC2\xA0" "700 people were displaced by the floods.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "displaced", 4700, 4700, 4700, "exact", 0, "4\xC2\xA0" "700", "people", NULL,
        "4\xC2\xA0" "700 people were displaced", 0, "casualty.displaced.passive");
    SUMMARY(r, "displaced=4700");
    cJSON_Delete(r);

    /* a curly apostrophe and a no-break space between words before the
     * figure: spans stay byte offsets into the UTF-8 text */
    r = RUN("The region\xE2\x80\x99s governor said\xC2\xA0" "22 soldiers died in the fighting.");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 22, 22, 22, "exact", 0, "22", "soldiers", NULL, "22 soldiers died", 0,
        "casualty.killed.passive");
    cJSON_Delete(r);
}

static void test_status(void)
{
    /* invalid UTF-8: still processed, with an error entry */
    const char bad[] = "At least 7 people were killed \xFF\xFE in the blast.";
    cJSON *r = run_fmt(__LINE__, bad, sizeof bad - 1, NC_FORMAT_TEXT, FLAGS);
    check_str(__LINE__, r, "status", "ok");
    const cJSON *errors = cJSON_GetObjectItemCaseSensitive(r, "errors");
    expect(cJSON_GetArraySize(errors) == 1, __LINE__, "one error expected");
    const cJSON *e0 = cJSON_GetArrayItem(errors, 0);
    expect(cJSON_IsString(e0) && strstr(e0->valuestring, "invalid UTF-8"), __LINE__, "invalid UTF-8 error");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 7, 7, NUL, "at_least", 0, "At least 7", "people", NULL, "At least 7 people were killed", 0,
        "casualty.killed.passive");
    const char *text = doc_text(r);
    expect(text && strstr(text, "\xEF\xBF\xBD"), __LINE__, "U+FFFD in the text");
    cJSON_Delete(r);

    /* empty and whitespace-only input */
    const char *empties[] = {"", " ", "\n", "  \n\t \n", "\r\n\r\n", "\xEF\xBB\xBF"};
    for (size_t i = 0; i < sizeof empties / sizeof *empties; i++) {
        r = run_fmt(__LINE__, empties[i], strlen(empties[i]), NC_FORMAT_TEXT, FLAGS);
        check_str(__LINE__, r, "status", "empty");
        CHECK_NFIG(r, 0);
        SUMMARY(r, "");
        expect(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, "errors")) == 0, __LINE__, "no errors");
        check_num(__LINE__, cJSON_GetObjectItemCaseSensitive(r, "source"), "bytes", (int64_t)strlen(empties[i]));
        cJSON_Delete(r);
    }
    r = run_fmt(__LINE__, "", 0, NC_FORMAT_AUTO, 0);
    check_str(__LINE__, r, "status", "empty");
    cJSON_Delete(r);
    r = run_fmt(__LINE__, "<html><body>  </body></html>", 28, NC_FORMAT_AUTO, FLAGS);
    check_str(__LINE__, r, "status", "empty");
    check_str(__LINE__, cJSON_GetObjectItemCaseSensitive(r, "source"), "format", "html");
    cJSON_Delete(r);

    /* a document that could not be read */
    nc_source src = {.path = "missing/article.txt", .id = "doc-7"};
    nc_record *rec = NULL;
    int rc = nc_record_new_failed(&rec, &src, 123, "cannot read file: permission denied");
    expect(rc == 0 && rec, __LINE__, "nc_record_new_failed");
    if (rec) {
        CHECK_STR(nc_record_status(rec), "error");
        char *json = nc_record_to_json(rec, NC_JSON_PRETTY);
        nc_record_free(rec);
        r = json ? cJSON_Parse(json) : NULL;
        nc_free(json);
        expect(r != NULL, __LINE__, "failed record JSON");
        if (r) {
            snprintf(CUR, sizeof CUR, "(failed record)");
            check_invariants(__LINE__, r, NC_JSON_PRETTY);
            check_str(__LINE__, r, "status", "error");
            errors = cJSON_GetObjectItemCaseSensitive(r, "errors");
            expect(cJSON_GetArraySize(errors) == 1, __LINE__, "one error");
            check_str(__LINE__, r, "schema", NC_SCHEMA);
            e0 = cJSON_GetArrayItem(errors, 0);
            expect(cJSON_IsString(e0) && strcmp(e0->valuestring, "cannot read file: permission denied") == 0,
                   __LINE__, "the reason as the error");
            const cJSON *s = cJSON_GetObjectItemCaseSensitive(r, "source");
            check_str(__LINE__, s, "path", "missing/article.txt");
            check_str(__LINE__, s, "id", "doc-7");
            check_num(__LINE__, s, "bytes", 123);
            CHECK_NFIG(r, 0);
            SUMMARY(r, "");
            cJSON_Delete(r);
        }
    }
    rc = nc_record_new_failed(&rec, NULL, 0, "gzip data is corrupt");
    expect(rc == 0 && rec, __LINE__, "nc_record_new_failed without source");
    if (rec) {
        CHECK_STR(nc_record_status(rec), "error");
        char *json = nc_record_to_json(rec, 0);
        expect(json && strstr(json, "\"errors\":[\"gzip data is corrupt\"]"), __LINE__, "error in JSON: %s",
               json ? json : "");
        expect(json && strstr(json, "\"path\":null"), __LINE__, "null path");
        nc_free(json);
        nc_record_free(rec);
    }

    /* source fields */
    nc_source s2 = {.path = "in.txt", .id = "a1", .url = "https://example.org/x", .title = "A title"};
    rc = nc_record_new(&rec, CTX, "Two killed.", 11, NC_FORMAT_TEXT, &s2);
    expect(rc == 0, __LINE__, "nc_record_new with a source");
    if (!rc) {
        char *json = nc_record_to_json(rec, 0);
        r = json ? cJSON_Parse(json) : NULL;
        nc_free(json);
        nc_record_free(rec);
        if (r) {
            const cJSON *s = cJSON_GetObjectItemCaseSensitive(r, "source");
            check_str(__LINE__, s, "path", "in.txt");
            check_str(__LINE__, s, "id", "a1");
            check_str(__LINE__, s, "format", "text");
            check_num(__LINE__, s, "bytes", 11);
            const cJSON *m = cJSON_GetObjectItemCaseSensitive(r, "meta");
            check_str(__LINE__, m, "url", "https://example.org/x");
            check_str(__LINE__, m, "title", "A title");
            check_str(__LINE__, m, "lang", NULL); /* two words: too few letters to tell */
            SUMMARY(r, "killed=2");
            cJSON_Delete(r);
        }
    }
}

static void test_html(void)
{
    const char *html = "<!DOCTYPE html><html><head><title>Storm hits coast</title>"
                       "<script>var s = '900 people were killed';</script></head><body>"
                       "<nav>Home | World</nav>"
                       "<p>At least 9 people were killed when the storm made landfall.</p>"
                       "<p>About 30 people were <b>injured</b>, the agency said.</p>"
                       "<!-- 500 people were injured --></body></html>";
    for (int sniff = 0; sniff < 2; sniff++) {
        cJSON *r = run_fmt(__LINE__, html, strlen(html), sniff ? NC_FORMAT_AUTO : NC_FORMAT_HTML, FLAGS);
        check_str(__LINE__, r, "status", "ok");
        check_str(__LINE__, cJSON_GetObjectItemCaseSensitive(r, "source"), "format", "html");
        check_str(__LINE__, cJSON_GetObjectItemCaseSensitive(r, "meta"), "title", "Storm hits coast");
        CHECK_NFIG(r, 2);
        FIG(r, 0, "killed", 9, 9, NUL, "at_least", 0, "At least 9", "people", NULL, "At least 9 people were killed",
            SKIPN, "casualty.killed.passive");
        FIG(r, 1, "injured", 30, NUL, NUL, "about", 1, "About 30", "people", NULL, "About 30 people were injured",
            SKIPN, "casualty.injured.passive");
        SUMMARY(r, "killed=9 injured=30");
        const char *text = doc_text(r);
        expect(text && !strstr(text, "<p>") && !strstr(text, "900") && !strstr(text, "500"), __LINE__,
               "the text is the visible text: \"%s\"", text ? text : "");
        cJSON_Delete(r);
    }
    /* a fragment with inline markup, sniffed */
    const char *frag = "<p>Three people were killed by the <b>storm</b>.</p>";
    cJSON *r = run_fmt(__LINE__, frag, strlen(frag), NC_FORMAT_AUTO, FLAGS);
    check_str(__LINE__, cJSON_GetObjectItemCaseSensitive(r, "source"), "format", "html");
    CHECK_NFIG(r, 1);
    FIG(r, 0, "killed", 3, 3, 3, "exact", 0, "Three", "people", NULL, "Three people were killed", 0,
        "casualty.killed.passive");
    cJSON_Delete(r);
    /* the same bytes as text: markup stays in the text, format "text" */
    r = run_fmt(__LINE__, frag, strlen(frag), NC_FORMAT_TEXT, FLAGS);
    check_str(__LINE__, cJSON_GetObjectItemCaseSensitive(r, "source"), "format", "text");
    const char *text = doc_text(r);
    expect(text && strstr(text, "<b>storm</b>"), __LINE__, "markup kept as text");
    CHECK_NFIG(r, 1);
    cJSON_Delete(r);
    /* plain text is not taken for HTML */
    r = run_fmt(__LINE__, "Two soldiers were killed.", 25, NC_FORMAT_AUTO, FLAGS);
    check_str(__LINE__, cJSON_GetObjectItemCaseSensitive(r, "source"), "format", "text");
    cJSON_Delete(r);
}

static void test_explain(void)
{
    const char *t = "Police said 6 protesters were shot on Sunday.";
    static const unsigned flag_sets[] = {0, NC_JSON_PRETTY, NC_JSON_WITH_TEXT, NC_JSON_EXPLAIN,
                                         NC_JSON_EXPLAIN | NC_JSON_PRETTY, FLAGS, FLAGS | NC_JSON_PRETTY};
    for (size_t i = 0; i < sizeof flag_sets / sizeof *flag_sets; i++) {
        unsigned flags = flag_sets[i];
        cJSON *r = run_fmt(__LINE__, t, strlen(t), NC_FORMAT_TEXT, flags); /* checks "matched" and keys */
        const cJSON *f = cJSON_GetArrayItem(casualties(r), 0);
        expect(f != NULL, __LINE__, "a figure (flags %u)", flags);
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(f, "matched");
        if (flags & NC_JSON_EXPLAIN)
            expect(cJSON_IsString(m) && strcmp(m->valuestring, "6 protesters were shot") == 0, __LINE__,
                   "matched (flags %u)", flags);
        else
            expect(m == NULL, __LINE__, "no matched without NC_JSON_EXPLAIN (flags %u)", flags);
        expect((cJSON_GetObjectItemCaseSensitive(r, "text") != NULL) == !!(flags & NC_JSON_WITH_TEXT), __LINE__,
               "text only with NC_JSON_WITH_TEXT (flags %u)", flags);
        check_str(__LINE__, f, "when", "on Sunday");
        cJSON_Delete(r);
    }
    /* the figure's keys, in order */
    cJSON *r = RUN(t);
    static const char *const fkeys[] = {"category", "count", "who", "actor", "actor_from", "source",
                                        "source_from", "claim", "when", "where", "role", "scope", "superseded",
                                        "person", "span", "cspan", "sentence_index", "rule", "sentence", "matched"};
    const cJSON *k = cJSON_GetArrayItem(casualties(r), 0)->child;
    for (size_t i = 0; i < sizeof fkeys / sizeof *fkeys; i++, k = k ? k->next : NULL)
        expect(k && strcmp(k->string, fkeys[i]) == 0, __LINE__, "figure key %zu should be %s", i, fkeys[i]);
    expect(k == NULL, __LINE__, "no more figure keys");
    static const char *const ckeys[] = {"value", "low", "high", "qualifier", "approximate", "text"};
    k = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(casualties(r), 0), "count")->child;
    for (size_t i = 0; i < sizeof ckeys / sizeof *ckeys; i++, k = k ? k->next : NULL)
        expect(k && strcmp(k->string, ckeys[i]) == 0, __LINE__, "count key %zu should be %s", i, ckeys[i]);
    expect(k == NULL, __LINE__, "no more count keys");
    cJSON_Delete(r);
}

static void collect(const char *msg, void *user)
{
    (*(int *)user)++;
    fprintf(stderr, "  rule example failed: %s\n", msg);
}

static void test_examples(void)
{
    size_t passed = 0, failed = 99;
    int reported = 0;
    CHECK_INT(nc_context_check_examples(CTX, collect, &reported, &passed, &failed), 0);
    CHECK_INT(failed, 0);
    CHECK_INT(reported, 0);
    CHECK(passed > 0);
    /* every rule has at least one example, so at least one per rule ran */
    CHECK(passed >= nc_context_rule_count(CTX));
    /* a NULL report works too */
    CHECK_INT(nc_context_check_examples(CTX, NULL, NULL, &passed, &failed), 0);
    CHECK_INT(failed, 0);
}

/* A run-on "sentence" of 30 KB, clauses joined by "and" without a comma
 * (generated text): it is read in pieces, and no figure is lost where a
 * piece ends. */
static void test_run_on(void)
{
    nc_buf b = {0};
    for (int i = 0; i < 1200; i++)
        nc_buf_append_str(&b, "five people were killed and ");
    nc_buf_append_str(&b, "the roads were closed.");
    cJSON *r = run_fmt(__LINE__, b.data, b.len, NC_FORMAT_TEXT, 0);
    CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, "casualties")), 1200);
    cJSON_Delete(r);
    nc_buf_free(&b);
}

int main(void)
{
    char err[512] = "";
    int rc = nc_context_new(&CTX, NULL, err, sizeof err);
    CHECK_INT(rc, 0);
    if (rc) {
        fprintf(stderr, "cannot load the built-in rules: %s\n", err);
        return CHECK_DONE("casualty");
    }
    CHECK(nc_context_rule_count(CTX) > 0);
    test_passive_at_least();
    test_active_joined();
    test_largest_wins();
    test_zero();
    test_headline();
    test_range_and_vague();
    test_not_counts();
    test_people();
    test_key_figures();
    test_when();
    test_typography();
    test_status();
    test_html();
    test_explain();
    test_examples();
    test_run_on();
    nc_context_free(CTX);
    return CHECK_DONE("casualty");
}
