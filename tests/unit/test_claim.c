/* Unit tests for sourced claims through the public API: built-in cues,
 * nc_record_new() on short invented texts, the JSON parsed back with cJSON
 * and checked member by member. Each form, each stance, reference
 * resolution, figure sources, and the traps (titles and scare quotes,
 * other senses of "said", unbalanced quote marks). Run from the
 * repository root. */
#include "check.h"
#include "newsclaims.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static nc_context *CTX;
static char CUR[1024]; /* the input under test, for failure messages */

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

/* The record of text, with the text itself (for span checks). */
static cJSON *run(const char *text)
{
    snprintf(CUR, sizeof CUR, "%s", text);
    nc_record *rec = NULL;
    if (nc_record_new(&rec, CTX, text, strlen(text), NC_FORMAT_TEXT, NULL))
        return NULL;
    char *json = nc_record_to_json(rec, NC_JSON_WITH_TEXT);
    nc_record_free(rec);
    cJSON *root = json ? cJSON_Parse(json) : NULL;
    nc_free(json);
    return root;
}

static const cJSON *claims(const cJSON *r) { return cJSON_GetObjectItemCaseSensitive(r, "claims"); }

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The text a [start, end] member points at. */
static char *at(const cJSON *root, const cJSON *span)
{
    const char *text = str(root, "text");
    if (!text || !cJSON_IsArray(span) || cJSON_GetArraySize(span) != 2)
        return NULL;
    int s = cJSON_GetArrayItem(span, 0)->valueint, e = cJSON_GetArrayItem(span, 1)->valueint;
    if (s < 0 || e < s || (size_t)e > strlen(text))
        return NULL;
    char *out = malloc((size_t)(e - s) + 1);
    if (out) {
        memcpy(out, text + s, (size_t)(e - s));
        out[e - s] = '\0';
    }
    return out;
}

#define ANY ((const char *)1) /* a member not checked */

/* Checks claim i: speaker, cue, stance, form, content (ANY: not checked,
 * NULL: JSON null), the rule, and that speaker_span and content_span
 * point at what they say. */
static void check_claim(int line, const cJSON *root, int i, const char *speaker, const char *cue,
                        const char *stance, const char *form, const char *content, const char *rule)
{
    const cJSON *c = cJSON_GetArrayItem(claims(root), i);
    expect(c != NULL, line, "no claim %d (%d claims)", i, cJSON_GetArraySize(claims(root)));
    if (!c)
        return;
    const char *want[] = {speaker, cue, stance, form, content, rule};
    const char *keys[] = {"speaker", "cue", "stance", "form", "content", "rule"};
    for (int k = 0; k < 6; k++) {
        if (want[k] == ANY)
            continue;
        const char *got = str(c, keys[k]);
        expect((!want[k] && !got) || (want[k] && got && strcmp(want[k], got) == 0), line,
               "claim %d %s == \"%s\", expected \"%s\"", i, keys[k], got ? got : "(null)",
               want[k] ? want[k] : "(null)");
    }
    /* speaker_actor: null, or the id of an actor of this record */
    const cJSON *sa = cJSON_GetObjectItemCaseSensitive(c, "speaker_actor");
    int known = cJSON_IsNull(sa);
    const cJSON *a;
    cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(root, "actors"))
    {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(a, "id");
        known |= cJSON_IsString(sa) && cJSON_IsString(id) && strcmp(sa->valuestring, id->valuestring) == 0;
    }
    expect(known, line, "speaker_actor is neither null nor an actor id");
    char *sp = at(root, cJSON_GetObjectItemCaseSensitive(c, "speaker_span"));
    expect(sp && str(c, "speaker") && strcmp(sp, str(c, "speaker")) == 0, line,
           "speaker_span gives \"%s\", speaker is \"%s\"", sp ? sp : "(bad)", str(c, "speaker"));
    free(sp);
    /* one-part content is exactly its span */
    char *cs = at(root, cJSON_GetObjectItemCaseSensitive(c, "content_span"));
    const char *content_text = str(c, "content");
    expect(cs && content_text && (strcmp(cs, content_text) == 0 || strlen(cs) > strlen(content_text)), line,
           "content_span gives \"%s\", content is \"%s\"", cs ? cs : "(bad)", content_text);
    free(cs);
}
#define CLAIM(root, i, ...) check_claim(__LINE__, (root), (i), __VA_ARGS__)

static void check_n(int line, const cJSON *root, int n)
{
    int got = root ? cJSON_GetArraySize(claims(root)) : -1;
    expect(got == n, line, "%d claims, expected %d", got, n);
    if (got != n && root)
        for (const cJSON *c = claims(root)->child; c; c = c->next)
            fprintf(stderr, "    claim: %s | %s | %s\n", str(c, "speaker"), str(c, "cue"), str(c, "content"));
}
#define CHECK_N(root, n) check_n(__LINE__, (root), (n))

/* The reference speaker i was resolved from ("he"), or NULL. */
static const char *resolved_from(const cJSON *root, int i)
{
    const cJSON *c = cJSON_GetArrayItem(claims(root), i);
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(c, "speaker_resolved_from");
    return cJSON_IsObject(f) ? str(f, "text") : NULL;
}

/* The source of casualty i, or NULL for JSON null. */
static const char *source(const cJSON *root, int i)
{
    const cJSON *f = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "casualties"), i);
    return str(f, "source");
}

/* ---- direct quotes ------------------------------------------------- */

static void test_direct(void)
{
    cJSON *r = run("\"We will rebuild the bridge by spring,\" the mayor said.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the mayor", "said", "assert", "direct", "We will rebuild the bridge by spring", "claim.direct.after");
    cJSON_Delete(r);

    /* curly marks, speaker after the cue, appositive */
    r = run("\xe2\x80\x9cThe water is rising fast,\xe2\x80\x9d said Anna Lind, a farmer near the river.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "Anna Lind", "said", "assert", "direct", "The water is rising fast", "claim.direct.after");
    cJSON_Delete(r);

    /* speaker before, with a colon and an addressee */
    r = run("The minister told reporters: \"The border will stay closed until further notice.\"");
    CHECK_N(r, 1);
    CLAIM(r, 0, "The minister", "told", "assert", "direct", "The border will stay closed until further notice",
          "claim.direct.before");
    cJSON_Delete(r);

    /* split quote: one claim, two parts */
    r = run("\"We tried to reach the village,\" the captain said, \"but the road was gone.\"");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the captain", "said", "assert", "direct", "We tried to reach the village but the road was gone",
          "claim.direct.split");
    cJSON_Delete(r);

    /* several sentences inside one quotation */
    r = run("\"The dam held. The levee did not. We lost the lower town,\" the engineer said.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the engineer", "said", "assert", "direct", "The dam held. The levee did not. We lost the lower town",
          "claim.direct.after");
    cJSON_Delete(r);

    /* the next sentence's quotation goes on without a cue of its own */
    r = run("\"The shelter is full,\" Ms. Okafor said. \"We are sending people to the school.\"");
    CHECK_N(r, 1);
    CLAIM(r, 0, "Ms. Okafor", "said", "assert", "direct",
          "The shelter is full We are sending people to the school", "claim.direct.after");
    cJSON_Delete(r);

    /* over paragraphs: each reopens, only the last closes */
    r = run("The governor said in a statement: \"The first convoy left at dawn.\n\n"
            "\"The second will follow once the road is cleared.\"\n\nTraffic was light.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "The governor", "said", "assert", "direct", ANY, "claim.direct.before");
    const char *c = str(cJSON_GetArrayItem(claims(r), 0), "content");
    expect(c && strstr(c, "first convoy") && strstr(c, "once the road is cleared"), __LINE__,
           "multi-paragraph content \"%s\"", c ? c : "(null)");
    cJSON_Delete(r);

    /* a quotation opening the next paragraph continues the same speaker */
    r = run("\"The wells are poisoned,\" said Omar Haddad, the village head.\n\n"
            "\"Nobody can drink the water now and the trucks have stopped coming.\"");
    CHECK_N(r, 2);
    CLAIM(r, 1, "Omar Haddad", NULL, "assert", "direct",
          "Nobody can drink the water now and the trucks have stopped coming", "claim.direct.continued");
    cJSON_Delete(r);

    /* transcripts */
    r = run("Debate notes\n\nLINDQVIST: We will not raise taxes this year, and that is final.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "LINDQVIST", ":", "assert", "direct", "We will not raise taxes this year, and that is final",
          "claim.direct.transcript");
    cJSON_Delete(r);

    /* cues inside a quotation are the quoted speaker's, not the article's */
    r = run("\"They told us it was safe to return,\" the farmer said.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the farmer", "said", "assert", "direct", "They told us it was safe to return", "claim.direct.after");
    cJSON_Delete(r);
}

/* ---- reported speech ------------------------------------------------ */

static void test_reported(void)
{
    cJSON *r = run("The agency said that 40 houses were destroyed in the storm.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "The agency", "said", "assert", "indirect", "40 houses were destroyed in the storm",
          "claim.reported.before");
    cJSON_Delete(r);

    r = run("The commander told Reuters the unit had withdrawn from the hill.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "The commander", "told", "assert", "indirect", "the unit had withdrawn from the hill",
          "claim.reported.before");
    cJSON_Delete(r);

    /* a dateline is no part of the content */
    r = run("LORA, Monday \xe2\x80\x94 Two bridges collapsed overnight, officials said.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "officials", "said", "assert", "indirect", "Two bridges collapsed overnight", "claim.reported.after");
    cJSON_Delete(r);

    r = run("Two bridges collapsed overnight, officials said.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "officials", "said", "assert", "indirect", "Two bridges collapsed overnight", "claim.reported.after");
    cJSON_Delete(r);

    r = run("The curfew will be lifted on Friday, the interior ministry said in a statement.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the interior ministry", "said", "assert", "indirect", "The curfew will be lifted on Friday",
          "claim.reported.after");
    cJSON_Delete(r);

    r = run("The situation is under control, said Maria Costa.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "Maria Costa", "said", "assert", "indirect", "The situation is under control",
          "claim.reported.inverted");
    cJSON_Delete(r);

    r = run("In a statement, the ministry said the strikes hit only military targets.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the ministry", "said", "assert", "indirect", "the strikes hit only military targets",
          "claim.reported.before");
    cJSON_Delete(r);

    r = run("The Northern Command (NC) revealed on Tuesday that its drones had been jammed.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "The Northern Command (NC)", "revealed", "assert", "indirect", "its drones had been jammed",
          "claim.reported.before");
    cJSON_Delete(r);

    /* a list of speakers with commas */
    r = run("Officials from Norway, Chile, and Kenya have raised concerns that the fund is too small.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "Officials from Norway, Chile, and Kenya", "raised concerns that", "belief", "indirect",
          "the fund is too small", "claim.reported.before");
    cJSON_Delete(r);

    /* multi-word cue with a comma */
    r = run("President Ilves later expressed gratitude, stating that the rescuers would not be forgotten.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "President Ilves", "expressed gratitude, stating that", "assert", "indirect",
          "the rescuers would not be forgotten", "claim.reported.before");
    cJSON_Delete(r);

    /* noun cue */
    r = run("The company's claim that the pipeline was safe was rejected by the court.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "The company", "claim", "allege", "indirect", ANY, "claim.reported.noun");
    cJSON_Delete(r);

    /* participle: the speaker of the clause */
    r = run("Senator Vale criticised the budget, saying it ignored rural hospitals.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "Senator Vale", "saying", "assert", "indirect", "it ignored rural hospitals",
          "claim.reported.participle");
    cJSON_Delete(r);

    /* two claims in one sentence: the first ends where the second starts */
    r = run("The police said the road was open, but the army said it was still mined.");
    CHECK_N(r, 2);
    CLAIM(r, 0, "The police", "said", "assert", "indirect", "the road was open", "claim.reported.before");
    CLAIM(r, 1, "the army", "said", "assert", "indirect", "it was still mined", "claim.reported.before");
    cJSON_Delete(r);
}

/* ---- mixed, according to, headlines -------------------------------- */

static void test_mixed_according_headline(void)
{
    cJSON *r = run("The general described the operation as a \"complete success\" for the brigade.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "The general", "described", "assert", "mixed", ANY, "claim.reported.before");
    cJSON_Delete(r);

    /* reported speech whose content is exactly a quotation is direct */
    r = run("The envoy said: \"There will be no ceasefire before the elections.\" Talks resume today.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "The envoy", "said", "assert", "direct", "There will be no ceasefire before the elections", ANY);
    cJSON_Delete(r);

    r = run("According to the coast guard, 14 fishermen are still missing.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the coast guard", "According to", "assert", "according_to", "14 fishermen are still missing",
          "claim.according.before");
    cJSON_Delete(r);

    r = run("The fire started in the kitchen, according to investigators.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "investigators", "according to", "assert", "according_to", "The fire started in the kitchen",
          "claim.according.after");
    cJSON_Delete(r);

    r = run("Aid report\n\nAccording to the regional health office and doctors who visited the camp:\n"
            "Cholera cases: 120\nDeaths from cholera: 9\nClean water for a third of the families\n"
            "The camp was set up in March after the river flooded the valley.\n");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the regional health office and doctors who visited the camp", "According to", "assert",
          "according_to", ANY, "claim.according.list");
    const char *c = str(cJSON_GetArrayItem(claims(r), 0), "content");
    expect(c && strstr(c, "Cholera cases") && strstr(c, "third of the families") && !strstr(c, "March"), __LINE__,
           "list content \"%s\"", c ? c : "(null)");
    cJSON_Delete(r);

    r = run("Rains Displace 5,000 in the Delta, Says Aid Agency\n\nThe river rose overnight.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "Aid Agency", "Says", "assert", "indirect", "Rains Displace 5,000 in the Delta",
          "claim.reported.inverted");
    cJSON_Delete(r);

    r = run("Governor: \"We need more boats\"\n\nThe river rose overnight.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "Governor", ":", "assert", ANY, ANY, "claim.headline.colon");
    cJSON_Delete(r);
}

/* ---- stances -------------------------------------------------------- */

static void test_stances(void)
{
    static const struct {
        const char *text, *cue, *stance;
    } cases[] = {
        {"The ministry confirmed that the two pilots were rescued.", "confirmed", "assert"},
        {"Western diplomats believe the talks will collapse within a week.", "believe", "belief"},
        {"Residents fear the river will rise again tonight.", "fear", "belief"},
        {"Local officials estimated that 2,000 families had fled the area.", "estimated", "estimate"},
        {"The opposition claimed the vote count had been rigged.", "claimed", "allege"},
        {"The army denied that its troops had crossed the river.", "denied", "deny"},
        {"The mayor urged residents to leave their homes before dark.", "urged", "directive"},
        {"The union called for an inquiry into the collapse of the mine.", "called for", "directive"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cJSON *r = run(cases[i].text);
        CHECK_N(r, 1);
        CLAIM(r, 0, ANY, cases[i].cue, cases[i].stance, "indirect", ANY, "claim.reported.before");
        cJSON_Delete(r);
    }
}

/* ---- references ----------------------------------------------------- */

static void test_resolution(void)
{
    cJSON *r = run("Mayor Ana Ruiz said the shelter was full. She added that more beds were coming.");
    CHECK_N(r, 2);
    CLAIM(r, 1, "Mayor Ana Ruiz", "added", "assert", "indirect", "more beds were coming", ANY);
    CHECK_STR(resolved_from(r, 1), "She");
    CHECK_STR(resolved_from(r, 0), NULL);
    cJSON_Delete(r);

    /* "the ministry" -> the named speaker with that word */
    r = run("The Ministry of Water said the pumps were working.\n\nThe ministry added that repairs would take a week.");
    CHECK_N(r, 2);
    CLAIM(r, 1, "The Ministry of Water", "added", ANY, ANY, ANY, ANY);
    CHECK_STR(resolved_from(r, 1), "The ministry");
    cJSON_Delete(r);

    /* "they" -> a group, not the person in between */
    r = run("Rescue workers said the mine was flooded. Mr. Bauer said he saw the water. They said two shafts were blocked.");
    CHECK_N(r, 3);
    CLAIM(r, 2, "Rescue workers", ANY, ANY, ANY, ANY, ANY);
    CHECK_STR(resolved_from(r, 2), "They");
    cJSON_Delete(r);

    /* "she" does not resolve to "Mr. ..." */
    r = run("Mr. Bauer said the mine was flooded. She said the shafts were blocked.");
    CHECK_N(r, 2);
    CLAIM(r, 1, "She", ANY, ANY, ANY, ANY, ANY);
    CHECK_STR(resolved_from(r, 1), NULL);
    cJSON_Delete(r);

    /* nothing earlier: the pronoun stays */
    r = run("He said the road was closed for the winter.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "He", "said", ANY, ANY, "the road was closed for the winter", ANY);
    CHECK_STR(resolved_from(r, 0), NULL);
    cJSON_Delete(r);

    /* a direct quote by "he" */
    r = run("General Moss said the front was stable. \"We are holding every position,\" he said.");
    CHECK_N(r, 2);
    CLAIM(r, 1, "General Moss", "said", "assert", "direct", "We are holding every position", "claim.direct.after");
    CHECK_STR(resolved_from(r, 1), "he");
    cJSON_Delete(r);
}

/* ---- figure sources ------------------------------------------------- */

static void test_sources(void)
{
    cJSON *r = run("At least 7 people were killed in the blast, police said.");
    CHECK_STR(source(r, 0), "police");
    cJSON_Delete(r);

    r = run("Hospital officials said 12 people were injured. Another 3 people were killed on Monday.");
    CHECK_STR(source(r, 0), "Hospital officials");
    /* nothing in its own sentence reports it: the sentence before does
     * (casualties[].source_from "context") */
    CHECK_STR(source(r, 1), "Hospital officials");
    cJSON_Delete(r);

    r = run("According to the Red Crescent, 40 people were injured in the clashes.");
    CHECK_STR(source(r, 0), "the Red Crescent");
    cJSON_Delete(r);

    r = run("Dr. Amal Nasser said the ward was overflowing. She said 25 people were injured overnight.");
    CHECK_STR(source(r, 0), "Dr. Amal Nasser");
    cJSON_Delete(r);

    r = run("Storm report\n\nAccording to the civil defence:\nKilled: 14 people\nInjured: 60 people\n");
    int n = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, "casualties"));
    expect(n >= 1, __LINE__, "no casualties in the list");
    for (int i = 0; i < n; i++)
        CHECK_STR(source(r, i), "the civil defence");
    cJSON_Delete(r);
}

/* ---- the view over the stream ---------------------------------------- */

/* The claims view is written over the stream's own array, one slot more
 * for each set of initials ("U.S" "."): a text dense with initials, joined
 * words and typewriter quotes reads as it did, and nc_record_new_take
 * (which frees the input once read) gives the same record. */
static void test_view_in_stream(void)
{
    const char *text = "The U.S. envoy said the ceasefire would hold. \xE2\x80\x98We will not sign anything until the "
                       "shelling stops,\xE2\x80\x99 the foreign minister told reporters. A.B.C. spokeswoman J.R. "
                       "Smith-Jones said: ``The talks are over.''";
    cJSON *r = run(text);
    const cJSON *c = claims(r);
    CHECK_INT(cJSON_GetArraySize(c), 3);
    CHECK_STR(str(cJSON_GetArrayItem(c, 0), "speaker"), "The U.S. envoy");
    CHECK_STR(str(cJSON_GetArrayItem(c, 0), "content"), "the ceasefire would hold");
    CHECK_STR(str(cJSON_GetArrayItem(c, 1), "speaker"), "the foreign minister");
    CHECK_STR(str(cJSON_GetArrayItem(c, 1), "form"), "direct");
    CHECK_STR(str(cJSON_GetArrayItem(c, 2), "speaker"), "A.B.C. spokeswoman J.R. Smith-Jones");
    CHECK_STR(str(cJSON_GetArrayItem(c, 2), "content"), "The talks are over");
    cJSON_Delete(r);

    nc_record *a = NULL, *b = NULL;
    char *copy = strdup(text);
    CHECK(copy != NULL);
    CHECK_INT(nc_record_new(&a, CTX, text, strlen(text), NC_FORMAT_TEXT, NULL), 0);
    nc_options opt = {.format = NC_FORMAT_TEXT};
    CHECK_INT(nc_record_new_take(&b, CTX, copy, strlen(text), &opt, NULL), 0); /* frees copy */
    char *ja = a ? nc_record_to_json(a, NC_JSON_WITH_TEXT) : NULL, *jb = b ? nc_record_to_json(b, NC_JSON_WITH_TEXT) : NULL;
    CHECK(ja && jb && strcmp(ja, jb) == 0);
    nc_free(ja);
    nc_free(jb);
    nc_record_free(a);
    nc_record_free(b);
}

/* ---- traps ---------------------------------------------------------- */

static void test_traps(void)
{
    static const char *none[] = {
        "She read \"War and Peace\" on the train to the coast.",           /* quoted title */
        "Critics mocked the \"peace plan\" for weeks after its release.",  /* scare quotes */
        "The said property was sold at auction in May.",                   /* "said" as an adjective */
        "The bridge is said to be unsafe for heavy trucks.",               /* passive */
        "An estimated 300 people attended the funeral on Sunday.",         /* "estimated" as an adjective */
        "There were 600 confirmed deaths in the first month.",             /* "confirmed" after a number */
        "The students read Edward Said Reports on the bus.",               /* a name, not a cue */
        "Police found the car near the border on Tuesday.",                /* "found" without "that" */
        "No group has claimed responsibility for the attack.",             /* nobody, and no report */
        "The rebels claimed responsibility for the ambush on Friday.",     /* "claimed responsibility" */
    };
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        cJSON *r = run(none[i]);
        CHECK_N(r, 0);
        cJSON_Delete(r);
    }

    /* unbalanced marks: an opening mark the next paragraph does not
     * reopen, and a stray closing mark, make no quotation */
    /* a request for anonymity is no claim: the one claim is the "said" */
    cJSON *r = run("The spokesman, who asked not to be named, said the talks had collapsed.");
    CHECK_N(r, 1);
    CLAIM(r, 0, ANY, "said", "assert", ANY, "the talks had collapsed", ANY);
    cJSON_Delete(r);

    r = run("\"The water came in the night and took everything,\n\nResidents left by boat.");
    CHECK_N(r, 0);
    cJSON_Delete(r);
    r = run("The levee\" broke at noon, officials said.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "officials", "said", "assert", ANY, ANY, "claim.reported.after");
    cJSON_Delete(r);
    r = run("He said \"the road was closed.\n\nNobody came.");
    const cJSON *c = cJSON_GetArrayItem(claims(r), 0);
    expect(!c || strcmp(str(c, "form"), "direct") != 0, __LINE__, "an unclosed quotation became a direct quote");
    cJSON_Delete(r);
}

/* ---- the lexicon as data -------------------------------------------- */

static void test_bad_cues(void)
{
    char dir[] = "/tmp/nc-test-cues-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(0);
        return;
    }
    char path[256], err[256] = "";
    snprintf(path, sizeof path, "%s/a.rules", dir);
    FILE *f = fopen(path, "w");
    /* a minimal rule file so the folder is a valid rules folder */
    fputs("id: casualty.killed.t\ncategory: killed\nkeywords: killed\npattern: (?<count>\\d+)\\s+killed\n"
          "example: 3 killed => killed 3\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/cues.txt", dir);
    f = fopen(path, "w");
    fputs("# test\nassert verb: said\nsure verb: reckoned\n", f);
    fclose(f);
    nc_context *ctx = NULL;
    int rc = nc_context_new(&ctx, dir, err, sizeof err);
    CHECK_INT(rc, NC_ERULES);
    CHECK(strstr(err, "cues.txt:3:") != NULL);
    nc_context_free(ctx);
    f = fopen(path, "w");
    fputs("assert verb: said, \"went on, saying\"\nclass person: he\n", f);
    fclose(f);
    rc = nc_context_new(&ctx, dir, err, sizeof err);
    CHECK_INT(rc, 0);
    nc_context_free(ctx);
    remove(path);
    snprintf(path, sizeof path, "%s/a.rules", dir);
    remove(path);
    rmdir(dir);
}

/* speaker_actor names the actor the speaker is; a speaker naming several
 * actors links none */
static void test_speaker_actor(void)
{
    cJSON *r = run("The Russian Defence Ministry said 12 soldiers were killed. "
                   "\"We will respond,\" said officials from Poland and Estonia.");
    const cJSON *c0 = cJSON_GetArrayItem(claims(r), 0);
    const cJSON *sa = c0 ? cJSON_GetObjectItemCaseSensitive(c0, "speaker_actor") : NULL;
    CHECK(cJSON_IsString(sa) && strcmp(sa->valuestring, "RUS-defence-ministry") == 0);
    const cJSON *c1 = cJSON_GetArrayItem(claims(r), 1);
    CHECK(c1 && cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(c1, "speaker_actor")));
    cJSON_Delete(r);
}

/* The nested claim k of top-level claim i: its member key. */
static const char *nested_str(const cJSON *r, int i, int k, const char *key)
{
    const cJSON *c = cJSON_GetArrayItem(claims(r), i);
    const cJSON *n = c ? cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(c, "nested"), k) : NULL;
    return n ? str(n, key) : NULL;
}

/* Constructions read with the part-of-speech tags: cue words that are
 * nouns, noun cues, participle and relative speakers, content boundaries,
 * nesting, questions, '' quotes, estimates. */
static void test_constructions(void)
{
    cJSON *r;
    /* cue words in a non-reporting sense */
    r = run("A warning light came on in the cockpit before the plane landed.");
    CHECK_N(r, 0);
    cJSON_Delete(r);
    r = run("They live in a town called Springfield.");
    CHECK_N(r, 0);
    cJSON_Delete(r);
    r = run("The team hopes to claim the title next year.");
    CHECK_N(r, 0);
    cJSON_Delete(r);
    r = run("Weather reports said snow would fall in the north.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "Weather reports", "said", "assert", "indirect", "snow would fall in the north",
          "claim.reported.before");
    cJSON_Delete(r);
    r = run("The minister praised the rescuers. Her late-night tweets drew criticism from the opposition.");
    CHECK_N(r, 0);
    cJSON_Delete(r);

    /* noun cues with of, that, a colon, from X that */
    r = run("The senator's allegations of fraud were rejected by the court.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "The senator", "allegations", "allege", "indirect", "fraud", "claim.reported.noun");
    cJSON_Delete(r);
    r = run("The ministry's answer: the road will stay closed until May.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "The ministry", "answer", "assert", "indirect", "the road will stay closed until May",
          "claim.reported.noun");
    cJSON_Delete(r);
    r = run("The announcement from the transport agency that the line would close surprised commuters.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the transport agency", "announcement", "assert", "indirect", ANY, "claim.reported.noun");
    cJSON_Delete(r);

    /* speakers: a relative pronoun's antecedent, a subject after a fronted phrase */
    r = run("The mayor, who told reporters that the bridge would reopen on Friday, left early.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "The mayor", "told", "assert", "indirect", "the bridge would reopen on Friday",
          "claim.reported.before");
    cJSON_Delete(r);
    r = run("Later, the minister visited the site, adding that repairs would take a month.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the minister", "adding", "assert", "indirect", "repairs would take a month",
          "claim.reported.participle");
    cJSON_Delete(r);
    r = run("The governor is saying that the dam is safe.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "The governor", "saying", "assert", "indirect", "the dam is safe", "claim.reported.before");
    cJSON_Delete(r);

    /* content boundaries: a participle clause, "and" + the next cue, a semicolon, ", but" */
    r = run("The mayor said the bridge was safe, citing a report from May.");
    CLAIM(r, 0, "The mayor", "said", "assert", "indirect", "the bridge was safe", "claim.reported.before");
    cJSON_Delete(r);
    r = run("The union said the strike would go on and warned that trains would stop.");
    CLAIM(r, 0, "The union", "said", "assert", "indirect", "the strike would go on", "claim.reported.before");
    cJSON_Delete(r);
    r = run("The agency said the water was clean; residents remained wary.");
    CLAIM(r, 0, "The agency", "said", "assert", "indirect", "the water was clean", "claim.reported.before");
    cJSON_Delete(r);

    /* nested attribution: one outer claim, the inner one inside it */
    r = run("Police said the driver told them that he had fallen asleep.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "Police", "said", "assert", "indirect", "the driver told them that he had fallen asleep",
          "claim.reported.before");
    CHECK_STR(nested_str(r, 0, 0, "speaker"), "the driver");
    CHECK_STR(nested_str(r, 0, 0, "cue"), "told");
    CHECK_STR(nested_str(r, 0, 0, "content"), "he had fallen asleep");
    cJSON_Delete(r);
    /* a quotation that starts before the claim whose content holds its
     * speaker is not inside that claim: both stay at the top level */
    r = run("Flood Update\n\n\"The water came fast. We lost everything in one night,\" Smith said, according to "
            "the local paper.");
    CHECK_N(r, 2);
    CHECK_STR(str(cJSON_GetArrayItem(claims(r), 0), "speaker"), "Smith");
    CHECK(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(claims(r), 0), "nested") == NULL);
    CHECK(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(claims(r), 1), "nested") == NULL);
    cJSON_Delete(r);

    /* questions */
    r = run("Reporters asked whether the minister would resign.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "Reporters", "asked", "question", "indirect", "whether the minister would resign",
          "claim.reported.before");
    cJSON_Delete(r);
    r = run("The mayor asked the council to approve the budget.");
    CHECK(cJSON_GetArraySize(claims(r)) == 0 || strcmp(str(cJSON_GetArrayItem(claims(r), 0), "stance"), "question") != 0);
    cJSON_Delete(r);

    /* '' and `` as quote marks */
    r = run("Flood Update\n\n''We will rebuild every house,'' the governor said.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the governor", "said", "assert", "direct", "We will rebuild every house", "claim.direct.after");
    cJSON_Delete(r);
    r = run("Flood Update\n\n``We will rebuild every house,'' the governor said.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the governor", "said", "assert", "direct", "We will rebuild every house", "claim.direct.after");
    cJSON_Delete(r);

    /* estimates are of figures; forecasts are beliefs */
    r = run("The agency estimated that 4,000 homes were damaged.");
    CLAIM(r, 0, "The agency", "estimated", "estimate", "indirect", "4,000 homes were damaged", ANY);
    cJSON_Delete(r);
    r = run("Experts estimate that the damage is severe.");
    CLAIM(r, 0, "Experts", "estimate", "belief", "indirect", "the damage is severe", ANY);
    cJSON_Delete(r);
    r = run("The central bank forecast that growth would slow next year.");
    CLAIM(r, 0, "The central bank", "forecast", "belief", "indirect", "growth would slow next year", ANY);
    cJSON_Delete(r);
}

/* Constructions of the second pass over PolNeAR-style errors. */
static void test_constructions_s2(void)
{
    cJSON *r;
    /* "A, X said, B": both sides are the content; not before a new clause */
    r = run("The bridge, officials said, will reopen in May.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "officials", "said", "assert", "indirect", "The bridge will reopen in May",
          "claim.reported.parenthetical");
    cJSON_Delete(r);
    r = run("The damage was so bad, the engineer noted, that the school stayed shut.");
    CLAIM(r, 0, "the engineer", "noted", "assert", "indirect", "The damage was so bad the school stayed shut",
          "claim.reported.parenthetical");
    cJSON_Delete(r);
    r = run("The road collapsed, officials said, and crews were sent to the valley.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "officials", "said", "assert", "indirect", "The road collapsed", "claim.reported.after");
    cJSON_Delete(r);
    r = run("The storm hit the coast, officials said, adding that two fishermen were missing.");
    CHECK_N(r, 2);
    CLAIM(r, 0, "officials", "said", "assert", "indirect", "The storm hit the coast", "claim.reported.after");
    cJSON_Delete(r);

    /* a quotation closing inside a single-quoted one: '... ‘we can wait,’" he said' */
    r = run("Flood Update\n\n\"It feels like, \xe2\x80\x98we can wait,\xe2\x80\x99\" the mayor said.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the mayor", "said", "assert", "direct", "It feels like, \xe2\x80\x98we can wait,\xe2\x80\x99",
          "claim.direct.after");
    cJSON_Delete(r);
    r = run("Flood Update\n\n\"People keep saying, 'It does not matter,'\" said the mayor.");
    CLAIM(r, 0, "the mayor", "said", "assert", "direct", "People keep saying, 'It does not matter,'",
          "claim.direct.after");
    cJSON_Delete(r);

    /* a quotation with an attribution of its own in its sentence continues no quote */
    r = run("Flood Update\n\n\"This is wrong,\" Warren said. \"You emptied the fund\" to pay the bonuses, she said.");
    CHECK_N(r, 2);
    CLAIM(r, 0, "Warren", "said", "assert", "direct", "This is wrong", "claim.direct.after");
    CLAIM(r, 1, "Warren", "said", "assert", "mixed", "\"You emptied the fund\" to pay the bonuses",
          "claim.reported.after");
    CHECK_STR(resolved_from(r, 1), "she");
    cJSON_Delete(r);

    /* a quotation ending a clause begun outside it: the whole sentence */
    r = run("Flood Update\n\nThe plan sends a message that the priority \"is safety,\" the mayor said.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the mayor", "said", "assert", "mixed", "The plan sends a message that the priority \"is safety,\"",
          "claim.direct.mixed_after");
    cJSON_Delete(r);
    /* a quoted title before reported speech is no quotation of the speaker */
    r = run("Flood Update\n\nOn \"Morning News,\" the governor said the plan would pass.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the governor", "said", "assert", "indirect", "the plan would pass", "claim.reported.before");
    cJSON_Delete(r);

    /* speakers by their tags: no verb phrase, adverbs skipped, antecedents */
    r = run("The senator is defending her tweets attacking the judge.");
    CHECK_N(r, 0);
    cJSON_Delete(r);
    r = run("The council tried to convince a state appeals court to block the plan.");
    CHECK_N(r, 0);
    cJSON_Delete(r);
    r = run("The minister forcefully told reporters that the deal was done.");
    CLAIM(r, 0, "The minister", "told", "assert", "indirect", "the deal was done", "claim.reported.before");
    cJSON_Delete(r);
    r = run("Cruz endorsed the governor, who says he is honored.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the governor", "says", "assert", "indirect", "he is honored", "claim.reported.before");
    cJSON_Delete(r);
    r = run("The figures came from the state police, which reported that 2,000 cars were stolen.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the state police", "reported", "assert", "indirect", "2,000 cars were stolen",
          "claim.reported.before");
    cJSON_Delete(r);
    r = run("Senior aides said the deal was done.");
    CLAIM(r, 0, "Senior aides", "said", "assert", "indirect", "the deal was done", "claim.reported.before");
    cJSON_Delete(r);
    r = run("Restructuring experts say the judges move quickly.");
    CLAIM(r, 0, "Restructuring experts", "say", "assert", "indirect", "the judges move quickly",
          "claim.reported.before");
    cJSON_Delete(r);
    /* after a direct quote, ", adding that C" is the quoted speaker's */
    r = run("Flood Update\n\n\"We see no link,\" the mayor said, adding that the tests would take hours.");
    CHECK_N(r, 2);
    CLAIM(r, 1, "the mayor", "adding", "assert", "indirect", "the tests would take hours",
          "claim.reported.participle");
    cJSON_Delete(r);
    /* a participle after a nested claim belongs to the outer speaker */
    r = run("Senator Smith said Jones did not believe the plan would work, arguing that it was too costly.");
    CHECK_N(r, 2);
    CLAIM(r, 1, "Senator Smith", "arguing", "assert", "indirect", "it was too costly", "claim.reported.participle");
    cJSON_Delete(r);
    /* contractions between a speaker and its cue */
    r = run("Senator Smith said he didn't believe the plan would work.");
    CHECK_STR(nested_str(r, 0, 0, "speaker"), "Senator Smith");
    cJSON_Delete(r);
    /* a pronoun refers to its own sentence's subject first */
    r = run("Flood Update\n\nThe mayor said the river was rising. Governor Ann Lee condemned what she called a "
            "reckless delay.");
    CHECK_N(r, 2);
    CLAIM(r, 1, "Governor Ann Lee", "called", "assert", "indirect", "a reckless delay", "claim.reported.before");
    CHECK_STR(resolved_from(r, 1), "she");
    cJSON_Delete(r);
    r = run("The statement also described the damage it said the storm would cause.");
    CHECK_STR(str(cJSON_GetArrayItem(claims(r), 1), "speaker"), "The statement");
    CHECK_STR(resolved_from(r, 1), "it");
    cJSON_Delete(r);
    /* "X said C, according to Y": Y's claim holds X's */
    r = run("Police have said they will not release the recordings, according to lawyers for the family.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "lawyers for the family", "according to", "assert", "according_to",
          "Police have said they will not release the recordings", "claim.according.after");
    CHECK_STR(nested_str(r, 0, 0, "speaker"), "Police");
    CHECK_STR(nested_str(r, 0, 0, "content"), "they will not release the recordings");
    cJSON_Delete(r);
    /* "that" after a longer adjunct, or after an addressee */
    r = run("The senator said during a long evening rally in Ohio that the plan was a fraud.");
    CLAIM(r, 0, "The senator", "said", "assert", "indirect", "the plan was a fraud", "claim.reported.before");
    cJSON_Delete(r);
    r = run("The senator told the crowd that the plan was a fraud.");
    CLAIM(r, 0, "The senator", "told", "assert", "indirect", "the plan was a fraud", "claim.reported.before");
    cJSON_Delete(r);
    /* an adjunct after a cue is not what was said */
    r = run("The senator explained earlier in the committee hearing.");
    CHECK_N(r, 0);
    cJSON_Delete(r);
    /* "X reports:" ending a paragraph, the quotation in the next one */
    r = run("Donor Survey\n\nThe Daily Post reports:\n\n\"Only a quarter of the donors gave less than $200. The rest "
            "gave more.\"\n\nThe rally went on.");
    CHECK_N(r, 1);
    CLAIM(r, 0, "The Daily Post", "reports", "assert", "direct",
          "Only a quarter of the donors gave less than $200. The rest gave more", "claim.direct.before");
    cJSON_Delete(r);
    /* a split quotation around a participle clause */
    r = run("Donor Survey\n\n\"Every time you say that,\" the senator said, referring to the excuse, \"you give "
            "ammunition to the critics.\"");
    CHECK_N(r, 1);
    CLAIM(r, 0, "the senator", "said", "assert", "direct", "Every time you say that you give ammunition to the critics",
          "claim.direct.split");
    cJSON_Delete(r);
}

int main(void)
{
    char err[512];
    if (nc_context_new(&CTX, NULL, err, sizeof err)) {
        fprintf(stderr, "context: %s\n", err);
        return 1;
    }
    test_direct();
    test_reported();
    test_mixed_according_headline();
    test_stances();
    test_resolution();
    test_sources();
    test_traps();
    test_view_in_stream();
    test_bad_cues();
    test_speaker_actor();
    test_constructions();
    test_constructions_s2();
    nc_context_free(CTX);
    return CHECK_DONE("claim");
}
