/* Unit tests for actor extraction through the public API: invented
 * sentences through nc_record_new(), the JSON parsed back and the actors
 * and casualties[].actor checked. One test per matching rule and per
 * ambiguity trap, plus the data loader's error messages and the terms of
 * office (gazetteer.h). Run from the repository root. */
#include "check.h"
#include "extract/actors/gazetteer.h"
#include "input/lines.h"
#include "newsclaims.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static nc_context *CTX;
static const char *CUR;

static cJSON *run(const char *text)
{
    nc_record *rec = NULL;
    CUR = text;
    if (nc_record_new(&rec, CTX, text, strlen(text), NC_FORMAT_TEXT, NULL))
        return NULL;
    char *json = nc_record_to_json(rec, 0);
    nc_record_free(rec);
    cJSON *root = json ? cJSON_Parse(json) : NULL;
    nc_free(json);
    return root;
}

static const cJSON *actor(const cJSON *root, const char *id)
{
    const cJSON *a;
    cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(root, "actors"))
    {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(a, "id");
        if (cJSON_IsString(v) && strcmp(v->valuestring, id) == 0)
            return a;
    }
    return NULL;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int num(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) ? (int)v->valuedouble : -1;
}

static int n_actors(const cJSON *root)
{
    return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "actors"));
}

/* The actor has this type, country, role and number of mentions. */
#define HAS(root, id, type, country, role, mentions)                                              \
    do {                                                                                          \
        const cJSON *a_ = actor((root), (id));                                                    \
        if (!a_) {                                                                                \
            nc_t_fail++;                                                                          \
            fprintf(stderr, "%s:%d: FAILED: no actor %s in \"%s\"\n", __FILE__, __LINE__, (id), CUR); \
            break;                                                                                \
        }                                                                                         \
        CHECK_STR(str(a_, "type"), (type));                                                       \
        CHECK_STR(str(a_, "country"), (country));                                                 \
        CHECK_STR(str(a_, "role"), (role));                                                       \
        CHECK_INT(num(a_, "mentions"), (mentions));                                               \
    } while (0)
#define HASNT(root, id)                                                                           \
    do {                                                                                          \
        if (actor((root), (id))) {                                                                \
            nc_t_fail++;                                                                          \
            fprintf(stderr, "%s:%d: FAILED: unexpected actor %s in \"%s\"\n", __FILE__, __LINE__, (id), CUR); \
        } else                                                                                    \
            nc_t_pass++;                                                                          \
    } while (0)

/* The actor of casualty i. */
static const cJSON *cas_actor(const cJSON *root, int i)
{
    const cJSON *c = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "casualties"), i);
    return cJSON_GetObjectItemCaseSensitive(c, "actor");
}

static void test_countries(void)
{
    cJSON *r = run("North Korea and the DPRK are one country. Pyongyang said so, and so did the "
                   "North Koreans and a North Korean diplomat's wife.");
    HAS(r, "PRK", "country", "PRK", NULL, 4); /* name, abbreviation, capital, plural demonym */
    HAS(r, "PRK-GOV", "group", "PRK", "GOV", 1); /* "North Korean diplomat" is one actor */
    cJSON_Delete(r);

    r = run("The Kremlin and Moscow spoke for Russia; the White House answered for the U.S. and Kyiv and "
            "Kiev are the same city.");
    HAS(r, "RUS", "country", "RUS", NULL, 3);
    HAS(r, "USA", "country", "USA", NULL, 2);
    HAS(r, "UKR", "country", "UKR", NULL, 2);
    cJSON_Delete(r);

    /* the longest phrase wins */
    r = run("Troops from the Democratic Republic of the Congo and Papua New Guinea met in Guinea-Bissau.");
    HAS(r, "COD", "country", "COD", NULL, 1);
    HAS(r, "PNG", "country", "PNG", NULL, 1);
    HAS(r, "GNB", "country", "GNB", NULL, 1);
    HASNT(r, "COG");
    HASNT(r, "GIN");
    CHECK_INT(n_actors(r), 3);
    cJSON_Delete(r);

    /* old names */
    r = run("Burma, now Myanmar, and Swaziland, now Eswatini.");
    HAS(r, "MMR", "country", "MMR", NULL, 2);
    HAS(r, "SWZ", "country", "SWZ", NULL, 2);
    cJSON_Delete(r);
}

static void test_traps(void)
{
    cJSON *r = run("Let us go home, said one of us.");
    HASNT(r, "USA"); /* "us" is not the US */
    cJSON_Delete(r);
    r = run("US troops and UK officials arrived.");
    HAS(r, "USA-MIL", "group", "USA", "MIL", 1);
    HAS(r, "GBR-GOV", "group", "GBR", "GOV", 1);
    cJSON_Delete(r);

    r = run("Chad Smith and Michael Jordan watched the game.");
    HASNT(r, "TCD");
    HASNT(r, "JOR");
    cJSON_Delete(r);
    r = run("Refugees crossed from Sudan into Chad, and aid came from Jordan.");
    HAS(r, "TCD", "country", "TCD", NULL, 1);
    HAS(r, "JOR", "country", "JOR", NULL, 1);
    cJSON_Delete(r);

    /* Georgia: the US state only when the text says so */
    r = run("The storm hit Atlanta, Georgia, on Monday.");
    HASNT(r, "GEO");
    cJSON_Delete(r);
    r = run("Georgia and Armenia signed the deal in Tbilisi.");
    HAS(r, "GEO", "country", "GEO", NULL, 2);
    cJSON_Delete(r);

    /* common nouns and phrases that contain a country word */
    r = run("They ate turkey and bought china in Latin America, near the Indian Ocean.");
    CHECK_INT(n_actors(r), 0);
    cJSON_Delete(r);
    r = run("In May the talks resumed.");
    CHECK_INT(n_actors(r), 0);
    cJSON_Delete(r);

    /* a title without a sector after a place or before "of" a country
     * makes no group (it once made one with no sector code, and crashed) */
    r = run("Troops entered Timbuktu Dr Keita said.");
    HAS(r, "MLI-MIL", "group", "MLI", "MIL", 1); /* the troops; Timbuktu is a place */
    CHECK_INT(n_actors(r), 2);                    /* and Keita */
    cJSON_Delete(r);
    r = run("Dr of Mali spoke.");
    HAS(r, "MLI", "country", "MLI", NULL, 1);
    CHECK_INT(n_actors(r), 1);
    cJSON_Delete(r);
}

static void test_groups(void)
{
    cJSON *r = run("Russian officials said Ukrainian military officials and Ukraine's army disagreed.");
    HAS(r, "RUS-GOV", "group", "RUS", "GOV", 1);
    HAS(r, "UKR-MIL", "group", "UKR", "MIL", 2); /* a specific role beats "officials" */
    HASNT(r, "RUS");
    cJSON_Delete(r);

    r = run("The army of Sudan and rebels clashed.");
    HAS(r, "SDN-MIL", "group", "SDN", "MIL", 1);
    CHECK_INT(n_actors(r), 1); /* bare "rebels" is no actor */
    cJSON_Delete(r);

    /* casualties: who the counted are */
    r = run("At least 12 civilians were killed. An estimated 400 North Korean soldiers were killed.");
    const cJSON *a = cas_actor(r, 0);
    CHECK(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(a, "id")));
    CHECK_STR(str(a, "role"), "CVL");
    a = cas_actor(r, 1);
    CHECK_STR(str(a, "id"), "PRK-MIL"); /* the group beats the nearer bare "soldiers" */
    CHECK_STR(str(a, "country"), "PRK");
    CHECK_STR(str(a, "role"), "MIL");
    cJSON_Delete(r);

    r = run("Three people were killed in the storm.");
    CHECK(cJSON_IsNull(cas_actor(r, 0)));
    cJSON_Delete(r);
}

static void test_people(void)
{
    cJSON *r = run("Russian President Vladimir Putin met North Korean leader Kim Jong Un. Kim thanked "
                   "Putin.");
    HAS(r, "vladimir-putin", "person", "RUS", "GOV", 2);
    HAS(r, "kim-jong-un", "person", "PRK", "GOV", 2);
    CHECK_INT(n_actors(r), 2); /* the country words describe the people */
    cJSON_Delete(r);

    r = run("Kim said nothing."); /* a short name needs the full one first */
    CHECK_INT(n_actors(r), 0);
    cJSON_Delete(r);

    /* not in the gazetteer: title + name, country from the text */
    r = run("Kardian Defence Minister Ivan Dorsk spoke. Russian Deputy Defence Minister Ivan Petrovsky "
            "said the plan was ready. Petrovsky's aide agreed.");
    HAS(r, "ivan-petrovsky", "person", "RUS", "GOV", 2);
    HAS(r, "ivan-dorsk", "person", NULL, "GOV", 1);
    cJSON_Delete(r);

    /* "X, a spokesman for Y" */
    r = run("Anna Kovacs, a spokeswoman for the Hungarian government, declined to comment.");
    HAS(r, "anna-kovacs", "person", "HUN", "GOV", 1);
    cJSON_Delete(r);
    r = run("Omar Haddad, a senior official at the IDF, said more.");
    HAS(r, "omar-haddad", "person", "ISR", "MIL", 1);
    cJSON_Delete(r);
}

static void test_organisations(void)
{
    cJSON *r = run("South Korea's National Intelligence Service (NIS) said on Monday that the NIS had "
                   "briefed lawmakers.");
    HAS(r, "kor-nis", "organization", "KOR", "SPY", 3);
    cJSON_Delete(r);

    r = run("The United Nations Security Council met. NATO and the EU issued statements, as did the "
            "International Committee of the Red Cross.");
    HAS(r, "un-security-council", "organization", NULL, "IGO", 1);
    HAS(r, "nato", "organization", NULL, "IGO", 1);
    HAS(r, "eu", "organization", NULL, "IGO", 1);
    HAS(r, "icrc", "organization", NULL, "NGO", 1);
    HASNT(r, "un");
    cJSON_Delete(r);

    /* institutions take their country from the text; "the ministry" joins */
    r = run("The Russian Defence Ministry said 30 drones were downed. The ministry gave no details. "
            "The Ministry of Defence of Ukraine disagreed.");
    HAS(r, "RUS-defence-ministry", "organization", "RUS", "GOV", 2);
    HAS(r, "UKR-defence-ministry", "organization", "UKR", "GOV", 1);
    cJSON_Delete(r);

    /* unlisted bodies by pattern, with an acronym defined in the text */
    r = run("Ukraine's Water Resources Agency (WRA) warned of floods. The WRA said the dam held.");
    HAS(r, "UKR-water-resources-agency", "organization", "UKR", "GOV", 3);
    cJSON_Delete(r);
}

static void test_spans(void)
{
    const char *text = "Officials in Kyiv said North Korean troops had arrived.";
    cJSON *r = run(text);
    const cJSON *a = actor(r, "PRK-MIL");
    const cJSON *sp = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(a, "spans"), 0);
    int s = (int)cJSON_GetArrayItem(sp, 0)->valuedouble, e = (int)cJSON_GetArrayItem(sp, 1)->valuedouble;
    CHECK(e > s && strncmp(text + s, "North Korean troops", (size_t)(e - s)) == 0 && e - s == 19);
    a = actor(r, "UKR");
    sp = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(a, "spans"), 0);
    s = (int)cJSON_GetArrayItem(sp, 0)->valuedouble;
    CHECK(strncmp(text + s, "Kyiv", 4) == 0);
    cJSON_Delete(r);
}

static int n_places(const cJSON *root)
{
    return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "places"));
}

/* The where of casualty i, or NULL. */
static const cJSON *cas_where(const cJSON *root, int i)
{
    const cJSON *c = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "casualties"), i);
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(c, "where");
    return cJSON_IsObject(w) ? w : NULL;
}

static void test_places(void)
{
    /* longest match: Somali regions, not Juba, South Sudan */
    cJSON *r = run("Fighting in Lower Juba and Middle Juba killed 5 soldiers.");
    HASNT(r, "SSD");
    CHECK_INT(n_places(r), 2);
    const cJSON *w = cas_where(r, 0);
    CHECK_STR(str(w, "text"), "Middle Juba"); /* the nearest before the figure */
    CHECK_STR(str(w, "country"), "SOM");
    CHECK_STR(str(w, "region"), "Middle Juba");
    HAS(r, "SOM-MIL", "group", "SOM", "MIL", 1); /* the soldiers of the country the text is about */
    cJSON_Delete(r);

    r = run("Five soldiers were killed near Kismayo.");
    w = cas_where(r, 0);
    CHECK_STR(str(w, "text"), "Kismayo");
    CHECK_STR(str(w, "country"), "SOM");
    CHECK_STR(str(w, "region"), "Lower Juba");
    CHECK_STR(str(cas_actor(r, 0), "id"), "SOM-MIL");
    cJSON_Delete(r);

    /* traps: places named like people, and people named like places */
    r = run("Paris Hilton met Victoria Beckham and Lloyd Austin.");
    CHECK_INT(n_places(r), 0);
    HASNT(r, "FRA");
    cJSON_Delete(r);
    r = run("Chad Smith and Jordan Peterson spoke.");
    CHECK_INT(n_places(r), 0);
    HASNT(r, "TCD");
    cJSON_Delete(r);
    /* a capital's name inside another name, a village named after a city */
    r = run("Al Shabaab attacked Aden Adde International Airport and Baghdad village near Kismayo.");
    HASNT(r, "YEM");
    HASNT(r, "IRQ");
    HAS(r, "al-shabaab", "organization", "SOM", "REB", 1);
    cJSON_Delete(r);
    /* a name with a place word is a place, not a person */
    r = run("Clashes erupted in the Sheikh Ibrahim neighbourhood, and Abdi Hassan Village was shelled.");
    CHECK_INT(n_actors(r), 0);
    cJSON_Delete(r);
    r = run("Sheikh Ibrahim said the fighting had stopped.");
    HAS(r, "ibrahim", "person", NULL, "GOV", 1); /* words.txt: Sheikh is a ruler's title */
    cJSON_Delete(r);
    /* a word that is also a place counts only after "in", "near"... */
    r = run("Police said the Bay was calm. Clashes erupted in Bay and Bakool.");
    CHECK_INT(n_places(r), 2);
    cJSON_Delete(r);
}

static void test_forces(void)
{
    /* sub-national governments qualify their country */
    cJSON *r = run("Puntland forces clashed with Al-Shabaab. Jubaland police arrested two men.");
    HAS(r, "SOM-MIL", "group", "SOM", "MIL", 1);
    HAS(r, "SOM-COP", "group", "SOM", "COP", 1);
    cJSON_Delete(r);
    r = run("Puntland said the port was open.");
    HAS(r, "som-puntland", "organization", "SOM", "GOV", 1);
    cJSON_Delete(r);

    /* national forces by acronym; an acronym the text defines joins its group */
    r = run("The KDF and the UPDF fought Al Shabaab (AS) near Baidoa. AS fighters fled.");
    HAS(r, "ken-kdf", "organization", "KEN", "MIL", 1);
    HAS(r, "uga-updf", "organization", "UGA", "MIL", 1);
    HAS(r, "al-shabaab", "organization", "SOM", "REB", 3);
    cJSON_Delete(r);

    /* "security forces" are the military (ACLED), the agency stays SPY */
    r = run("Government security forces (NISA) raided a house in Mogadishu.");
    HAS(r, "SOM-MIL", "group", "SOM", "MIL", 1);
    HAS(r, "som-nisa", "organization", "SOM", "SPY", 1);
    cJSON_Delete(r);

    /* bare force words: no country when the text names none */
    r = run("Police said two men were arrested.");
    CHECK_INT(n_actors(r), 0);
    cJSON_Delete(r);
    /* ... nor when two countries weigh the same */
    r = run("Kenyan and Ugandan officials met. Soldiers stood guard.");
    HASNT(r, "KEN-MIL");
    HASNT(r, "UGA-MIL");
    cJSON_Delete(r);

    /* a province or branch that is its own actor */
    r = run("Islamic State Somalia Province fighters attacked Bosaso.");
    HAS(r, "is-somalia", "organization", "SOM", "REB", 1);
    HASNT(r, "islamic-state");
    cJSON_Delete(r);

    /* one body, one actor: the country's intelligence is its agency */
    r = run("South Korean intelligence said so. The National Intelligence Service added details.");
    HAS(r, "kor-nis", "organization", "KOR", "SPY", 2);
    HASNT(r, "KOR-SPY");
    cJSON_Delete(r);
}

/* A rules folder with a broken actor file: "file:line: message". */
static void test_loader_errors(void)
{
    char dir[] = "/tmp/nc-actor-test.XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(0);
        return;
    }
    char cmd[512], path[256], err[512];
    snprintf(cmd, sizeof cmd, "cp data/rules/*.rules %s/ && mkdir %s/actors", dir, dir);
    CHECK(system(cmd) == 0);
    static const struct {
        const char *file, *content, *message;
    } cases[] = {
        {"countries.txt", "# ok\nPRK | North Korea | North Korean(s) | Pyongyang\nXX | Nowhere | |\n",
         "actors/countries.txt:3: the id must be an ISO 3166-1 alpha-3 code"},
        {"countries.txt", "PRK | North Korea\n", "actors/countries.txt:1: expected 4 fields"},
        {"organizations.txt", "nato | NATO | - | IGO\nx | X | ZZZ | GOV\n",
         "actors/organizations.txt:2: unknown country code 'ZZZ'"},
        {"organizations.txt", "nato | NATO | - | ARMY\n", "actors/organizations.txt:1: unknown sector 'ARMY'"},
        {"organizations.txt", "nato | NATO | - | IGO\nnato | Nato | - | IGO\n",
         "actors/organizations.txt:2: id 'nato' is used twice"},
        {"people.txt", "a-b | A B | | - | GOV | President | 20th century |\n",
         "actors/people.txt:1: office dates are"},
        {"words.txt", "soldiers\n", "actors/words.txt:1: a line before the first [section]"},
        {"words.txt", "[roles]\nMIL | soldier(s; troops\n", "actors/words.txt:2: parentheses"},
        {"places.txt", "gn-1 | Kismayo | SOM | town |\n", "actors/places.txt:1: the kind is city"},
        {"places.txt", "gn-1 | Kismayo | SOM | city | adm1-x\n", "actors/places.txt:1: the region must be"},
        {"forces.txt", "x-a | A | - | SPY*\n", "actors/forces.txt:1: a * (the country's one body"},
        {"people.txt", "a-b | A B | | USA | GOV | President | 2017 | 2021\na-b | | | RUS | GOV | President | 2025 |\n",
         "actors/people.txt:2: another term of 'a-b' must have the person's country and sector"},
    };
    /* places.txt is built in only compiled: a folder with actor files of
     * its own has it (an empty one here, for speed) */
    char places[256];
    snprintf(places, sizeof places, "%s/actors/places.txt", dir);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FILE *f = fopen(places, "w");
        if (f)
            fclose(f);
        snprintf(path, sizeof path, "%s/actors/%s", dir, cases[i].file);
        f = fopen(path, "w");
        if (!f) {
            CHECK(0);
            continue;
        }
        fputs(cases[i].content, f);
        fclose(f);
        nc_context *ctx = NULL;
        int rc = nc_context_new(&ctx, dir, err, sizeof err);
        CHECK_INT(rc, NC_ERULES);
        if (!strstr(err, cases[i].message)) {
            nc_t_fail++;
            fprintf(stderr, "%s:%d: FAILED: error \"%s\", expected \"%s\"\n", __FILE__, __LINE__, err,
                    cases[i].message);
        } else {
            nc_t_pass++;
        }
        nc_context_free(ctx);
        remove(path);
    }
    /* without it: the message says what to do */
    remove(places);
    snprintf(path, sizeof path, "%s/actors/people.txt", dir);
    FILE *f = fopen(path, "w");
    if (f)
        fclose(f);
    nc_context *ctx = NULL;
    CHECK_INT(nc_context_new(&ctx, dir, err, sizeof err), NC_ERULES);
    CHECK(strstr(err, "actors/places.txt:0: missing: a rules folder with actor files of its own needs this one too "
                      "(copy data/actors/places.txt)") != NULL);
    nc_context_free(ctx);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

/* Terms of office compared at the precision of the data. */
static void test_in_office(void)
{
    char from[] = "2017-01-20;2025-01-20", to[] = "2021-01-20;", from2[] = "2012", to2[] = "2021-06";
    nc_gaz_entry e = {.from = from, .to = to};
    CHECK_INT(nc_gaz_in_office(&e, NULL), 1);
    CHECK_INT(nc_gaz_in_office(&e, "2017-01-19"), 0);
    CHECK_INT(nc_gaz_in_office(&e, "2017-01-20"), 1);
    CHECK_INT(nc_gaz_in_office(&e, "2021-01-20"), 1);
    CHECK_INT(nc_gaz_in_office(&e, "2021-01-21"), 0);
    CHECK_INT(nc_gaz_in_office(&e, "2024-12-31"), 0);
    CHECK_INT(nc_gaz_in_office(&e, "2026-11-30"), 1);
    nc_gaz_entry y = {.from = from2, .to = to2};
    CHECK_INT(nc_gaz_in_office(&y, "2011-12-31"), 0);
    CHECK_INT(nc_gaz_in_office(&y, "2012-01-01"), 1);
    CHECK_INT(nc_gaz_in_office(&y, "2021-06-30"), 1);
    CHECK_INT(nc_gaz_in_office(&y, "2021-07-01"), 0);
    nc_gaz_entry none = {0};
    CHECK_INT(nc_gaz_in_office(&none, "2021-07-01"), 1);
}

/* tests/unit/actors_world.txt: sentences of our own from conflicts the
 * world over, each with the actor ids it must give. */
static void test_world(void)
{
    nc_lines ls;
    char msg[256];
    if (nc_lines_open(&ls, "tests/unit/actors_world.txt", 4096, msg, sizeof msg)) {
        fprintf(stderr, "tests/unit/actors_world.txt: %s\n", msg);
        nc_t_fail++;
        return;
    }
    nc_line line;
    size_t cases = 0;
    while (nc_lines_next(&ls, &line) > 0) {
        if (line.error || !line.len || line.s[0] == '#')
            continue;
        const char *arrow = strstr(line.s, " => ");
        if (!arrow || (size_t)(arrow - line.s) >= 1024) {
            fprintf(stderr, "actors_world.txt:%zu: no \" => \"\n", line.lineno);
            nc_t_fail++;
            continue;
        }
        char text[1024];
        memcpy(text, line.s, (size_t)(arrow - line.s));
        text[arrow - line.s] = '\0';
        cJSON *r = run(text);
        for (const char *p = arrow + 4; *p;) {
            size_t n = strcspn(p, " ");
            char id[128];
            if (n && n < sizeof id) {
                memcpy(id, p, n);
                id[n] = '\0';
                int banned = id[0] == '!';
                if ((actor(r, id + banned) != NULL) != banned)
                    nc_t_pass++;
                else {
                    nc_t_fail++;
                    fprintf(stderr, "actors_world.txt:%zu: FAILED: %s actor %s in \"%s\"\n", line.lineno,
                            banned ? "unexpected" : "no", id + banned, text);
                }
            }
            p += n;
            p += strspn(p, " ");
        }
        cJSON_Delete(r);
        cases++;
    }
    nc_lines_close(&ls);
    CHECK(cases >= 60);
}

/* The longest phrase of `text` (cut with lex) of those kinds, in tokens. */
static size_t longest(const nc_gazetteer *g, nc_lexicon *lex, const char *text, unsigned kinds)
{
    nc_tokens toks = {0};
    size_t len = 0, n_forms = 0;
    const nc_gaz_form *forms = NULL;
    if (!nc_tokens_cut(&toks, text, strlen(text), lex))
        len = nc_gaz_longest(g, toks.items, toks.n, kinds, &forms, &n_forms);
    nc_tokens_free(&toks);
    return len;
}

static int word_is(const nc_gazetteer *g, nc_lexicon *lex, const char *word, nc_form_kind kind)
{
    nc_tokens toks = {0};
    int is = !nc_tokens_cut(&toks, word, strlen(word), lex) && toks.n == 1 && nc_gaz_word_is(g, toks.items, kind);
    nc_tokens_free(&toks);
    return is;
}

/* Lookups stop where no form below a node has the kinds asked or fits the
 * case (gaz_node kinds, below_kinds, need): the same answers as reading
 * every form. */
static void test_trie_lookups(void)
{
    nc_lexicon *lex = nc_lexicon_new();
    nc_gazetteer *g = lex ? nc_gaz_create(lex) : NULL;
    if (!g) {
        CHECK(0);
        nc_lexicon_free(lex);
        return;
    }
    static const struct {
        const char *phrase;
        nc_form_kind kind;
        int proper;
    } phrases[] = {
        {"New York", NC_FORM_PLACE, 1},      {"New York Times", NC_FORM_NAME, 1}, {"NATO", NC_FORM_NAME, 1},
        {"police", NC_FORM_ROLE, 0},         {"police station", NC_FORM_PLACE_WORD, 0},
        {"Gulf of Aden", NC_FORM_PLACE, 1},  {"the ministry", NC_FORM_ANAPHOR, 0},
        {"Georgia", NC_FORM_PLACE, 1},       {"GEORGIA", NC_FORM_BLOCKED, 1},
    };
    const char *why = NULL;
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++) {
        nc_gaz_form f = {.kind = (uint8_t)phrases[i].kind};
        CHECK_INT(nc_gaz_add_phrase(g, phrases[i].phrase, strlen(phrases[i].phrase), f, phrases[i].proper, &why), 0);
    }
    CHECK_INT(nc_gaz_freeze(g), 0);
    const unsigned place = NC_KIND(NC_FORM_PLACE), name = NC_KIND(NC_FORM_NAME);
    CHECK_INT(longest(g, lex, "New York Times said", place), 2);
    CHECK_INT(longest(g, lex, "New York Times said", name), 3);
    CHECK_INT(longest(g, lex, "New York Times said", place | name), 3);
    CHECK_INT(longest(g, lex, "new york times", place | name), 0);
    CHECK_INT(longest(g, lex, "New york Times", place | name), 0);
    CHECK_INT(longest(g, lex, "New York times", place | name), 2);
    CHECK_INT(longest(g, lex, "NEW YORK TIMES", name), 3);
    CHECK_INT(longest(g, lex, "NATO", name), 1);
    CHECK_INT(longest(g, lex, "Nato", name), 0);
    CHECK_INT(longest(g, lex, "Gulf of Aden", place), 3);
    CHECK_INT(longest(g, lex, "Gulf Of Aden", place), 3);
    CHECK_INT(longest(g, lex, "Gulf of aden", place), 0);
    CHECK_INT(longest(g, lex, "police station", NC_KIND(NC_FORM_ROLE)), 1);
    CHECK_INT(longest(g, lex, "police station", NC_KIND(NC_FORM_PLACE_WORD)), 2);
    CHECK_INT(longest(g, lex, "Police Station", NC_KIND(NC_FORM_ROLE) | NC_KIND(NC_FORM_PLACE_WORD)), 2);
    CHECK_INT(longest(g, lex, "police station", name), 0);
    CHECK_INT(longest(g, lex, "Georgia", place), 1);
    CHECK_INT(longest(g, lex, "georgia", place), 0);
    CHECK_INT(longest(g, lex, "Georgia", NC_KIND(NC_FORM_BLOCKED)), 0);
    CHECK_INT(longest(g, lex, "GEORGIA", NC_KIND(NC_FORM_BLOCKED)), 1);
    CHECK_INT(word_is(g, lex, "police", NC_FORM_ROLE), 1);
    CHECK_INT(word_is(g, lex, "Police", NC_FORM_ROLE), 1);
    CHECK_INT(word_is(g, lex, "police", NC_FORM_PLACE_WORD), 0);
    CHECK_INT(word_is(g, lex, "ministry", NC_FORM_ANAPHOR), 1);
    CHECK_INT(word_is(g, lex, "ministry", NC_FORM_NAME), 0);
    CHECK_INT(word_is(g, lex, "Georgia", NC_FORM_PLACE), 1);
    CHECK_INT(word_is(g, lex, "Georgia", NC_FORM_BLOCKED), 0);
    nc_gazetteer_free(g);
    nc_lexicon_free(lex);
}

int main(void)
{
    char err[512];
    if (nc_context_new(&CTX, NULL, err, sizeof err)) {
        fprintf(stderr, "context: %s\n", err);
        return 1;
    }
    test_countries();
    test_traps();
    test_groups();
    test_people();
    test_organisations();
    test_spans();
    test_places();
    test_in_office();
    test_forces();
    test_world();
    test_loader_errors();
    test_trie_lookups();
    nc_context_free(CTX);
    return CHECK_DONE("actor");
}
