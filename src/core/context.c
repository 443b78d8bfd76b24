/* Context: loads the language data and rules (built-in or from a folder). */
#include "core/context.h"
#include "core/builtin.h"
#include "text/langid_table.h"
#include "input/input.h"
#include "newsclaims.h"
#include <dirent.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A data file's text: read from rules_dir when it has the file, else the
 * built-in copy. */
typedef struct loaded {
    nc_rule_source src;
    char *owned; /* malloc'd text when read from disk */
    char *owned_name;
} loaded;

static void loaded_clear(loaded *l)
{
    free(l->owned);
    free(l->owned_name);
    memset(l, 0, sizeof *l);
}

static int read_disk(const char *dir, const char *name, loaded *l, int required,
                     char *err, size_t errlen)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    l->owned_name = malloc(n);
    if (!l->owned_name)
        return NC_ENOMEM;
    snprintf(l->owned_name, n, "%s/%s", dir, name);
    size_t len;
    char msg[256];
    /* regular files only: a FIFO named like a rules file must not hang */
    int rc = nc_input_read_flags(l->owned_name, NC_INPUT_REGULAR, 16u << 20, &l->owned, &len, msg, sizeof msg);
    if (rc == NC_ENOTFOUND && !required)
        return NC_ENOTFOUND;
    if (rc) {
        snprintf(err, errlen, "%s:0: %s", l->owned_name, msg);
        return rc == NC_ENOMEM ? rc : NC_ERULES;
    }
    l->src = (nc_rule_source){l->owned_name, l->owned, len};
    return 0;
}

static int load_data(const char *dir, const char *name, loaded *l, char *err, size_t errlen)
{
    if (dir) {
        int rc = read_disk(dir, name, l, 0, err, errlen);
        if (rc != NC_ENOTFOUND)
            return rc;
        loaded_clear(l);
    }
    const nc_builtin_file *f = nc_builtin_find(name);
    if (!f) {
        snprintf(err, errlen, "%s:0: built-in data file missing", name);
        return NC_ERULES;
    }
    l->src = (nc_rule_source){f->name, f->data, f->len};
    return 0;
}

/* The language profiles: a rules folder's languages.txt, or the built-in
 * ones, compiled into the library as tables (nothing to parse). */
static int load_languages(const char *dir, loaded *l, nc_langid **out, char *err, size_t errlen)
{
    if (dir) {
        int rc = read_disk(dir, "languages.txt", l, 0, err, errlen);
        if (rc != NC_ENOTFOUND)
            return rc ? rc : nc_langid_load(l->src.data, l->src.len, l->src.name, out, err, errlen);
        loaded_clear(l);
    }
    *out = (nc_langid *)&nc_langid_builtin; /* read-only; nc_langid_free leaves it */
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.rules files of dir, read in sorted order. */
static int load_rule_dir(const char *dir, loaded **out, size_t *n_out, char *err, size_t errlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "%s:0: cannot open rules folder", dir);
        return NC_ERULES;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !ends_with(e->d_name, ".rules"))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            char **p = realloc(names, cap * sizeof *p);
            if (!p) {
                rc = NC_ENOMEM;
                break;
            }
            names = p;
        }
        if (!(names[n] = strdup(e->d_name))) {
            rc = NC_ENOMEM;
            break;
        }
        n++;
    }
    closedir(d);
    loaded *files = NULL;
    if (!rc && !n) {
        snprintf(err, errlen, "%s:0: no *.rules files in the rules folder", dir);
        rc = NC_ERULES;
    }
    if (!rc) {
        qsort(names, n, sizeof *names, cmp_str);
        files = calloc(n, sizeof *files);
        if (!files)
            rc = NC_ENOMEM;
        for (size_t i = 0; i < n && !rc; i++)
            rc = read_disk(dir, names[i], &files[i], 1, err, errlen);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (rc && files) {
        for (size_t i = 0; i < n; i++)
            loaded_clear(&files[i]);
        free(files);
        files = NULL;
    }
    *out = files;
    *n_out = rc ? 0 : n;
    return rc;
}

static int load_builtin_rules(loaded **out, size_t *n_out)
{
    size_t n = 0;
    for (size_t i = 0; i < nc_builtin_count; i++)
        n += strncmp(nc_builtin_files[i].name, "rules/", 6) == 0 && ends_with(nc_builtin_files[i].name, ".rules");
    loaded *files = calloc(n ? n : 1, sizeof *files);
    if (!files)
        return NC_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < nc_builtin_count; i++) {
        const nc_builtin_file *f = &nc_builtin_files[i];
        if (strncmp(f->name, "rules/", 6) == 0 && ends_with(f->name, ".rules"))
            files[k++].src = (nc_rule_source){f->name, f->data, f->len};
    }
    *out = files;
    *n_out = n;
    return 0;
}

int nc_context_new(nc_context **out, const char *rules_dir, char *errbuf, size_t errlen)
{
    char dummy[8];
    if (!errbuf || !errlen) {
        errbuf = dummy;
        errlen = sizeof dummy;
    }
    errbuf[0] = '\0';
    *out = NULL;
    xmlInitParser(); /* once, before any thread parses HTML */
    loaded numbers = {0}, abbrevs = {0}, macros = {0}, cues = {0}, langs = {0}, actors[NC_GAZ_FILES];
    memset(actors, 0, sizeof actors);
    nc_rule_source actor_src[NC_GAZ_FILES];
    loaded *rule_files = NULL;
    size_t n_rules = 0;
    nc_rule_source *sources = NULL;
    nc_context *ctx = calloc(1, sizeof *ctx);
    int rc = NC_ENOMEM, own_actors = 0;
    /* the image's lexicon has the built-in cue and rule words too: a
     * rules folder enters its own again */
    unsigned image_slots = rules_dir ? 1u << NC_LEX_GAZ : (1u << NC_LEX_SLOTS) - 1;
    if (!ctx)
        goto out;
    /* the built-in actor data is compiled (80,000 names would take a few
     * hundred ms to parse) with the lexicon of every data word
     * (tools/gazgen.c): parse only when a --rules folder has actor files
     * of its own */
    for (size_t i = 0; i < NC_GAZ_FILES && rules_dir; i++) {
        rc = read_disk(rules_dir, nc_gaz_file_names[i], &actors[i], 0, errbuf, errlen);
        if (rc == NC_ENOTFOUND)
            loaded_clear(&actors[i]);
        else if (rc)
            goto out;
        own_actors |= actors[i].owned != NULL;
    }
    for (size_t i = 0; i < NC_GAZ_FILES && own_actors; i++) {
        if (!actors[i].owned && (rc = load_data(NULL, nc_gaz_file_names[i], &actors[i], errbuf, errlen))) {
            if (!nc_builtin_find(nc_gaz_file_names[i]))
                /* places.txt is only in the compiled gazetteer, not as text */
                snprintf(errbuf, errlen, "%s/%s:0: missing: a rules folder with actor files of its own needs this "
                         "one too (copy data/%s)", rules_dir, nc_gaz_file_names[i], nc_gaz_file_names[i]);
            goto out;
        }
        actor_src[i] = actors[i].src;
    }
    rc = NC_ENOMEM;
    if (own_actors ? !(ctx->lexicon = nc_lexicon_new())
                   : (rc = nc_gaz_image_read(&ctx->gazetteer, &ctx->lexicon, nc_gaz_image,
                                             (size_t)(nc_gaz_image_end - nc_gaz_image), image_slots)) != 0) {
        if (rc == NC_EINVAL)
            snprintf(errbuf, errlen, "built-in gazetteer image does not fit this build");
        goto out;
    }
    if ((rc = load_data(rules_dir, "numbers.txt", &numbers, errbuf, errlen)) ||
        (rc = load_data(rules_dir, "abbreviations.txt", &abbrevs, errbuf, errlen)) ||
        (rc = load_data(rules_dir, "macros.txt", &macros, errbuf, errlen)) ||
        (rc = load_data(rules_dir, "cues.txt", &cues, errbuf, errlen)))
        goto out;
    if ((rc = nc_numbers_load(numbers.src.data, numbers.src.len, numbers.src.name, &ctx->numbers,
                              errbuf, errlen)) ||
        (rc = nc_abbrevs_load(abbrevs.src.data, abbrevs.src.len, abbrevs.src.name, &ctx->abbrevs,
                              errbuf, errlen)) ||
        (rc = nc_cues_load(cues.src.data, cues.src.len, cues.src.name, &ctx->cues, errbuf, errlen)) ||
        (rc = load_languages(rules_dir, &langs, &ctx->langid, errbuf, errlen)) ||
        (!(image_slots >> NC_LEX_CUE & 1) && (rc = nc_cues_index(ctx->cues, ctx->lexicon))))
        goto out;
    rc = rules_dir ? load_rule_dir(rules_dir, &rule_files, &n_rules, errbuf, errlen)
                   : load_builtin_rules(&rule_files, &n_rules);
    if (rc)
        goto out;
    sources = calloc(n_rules ? n_rules : 1, sizeof *sources);
    if (!sources) {
        rc = NC_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < n_rules; i++)
        sources[i] = rule_files[i].src;
    /* the built-in rules are checked by the test suite: they compile on
     * first use; rules from a folder are compiled now, so that a bad
     * pattern is reported at start-up */
    rc = rules_dir ? nc_ruleset_new(&ctx->rules, sources, n_rules, &macros.src, ctx->numbers, errbuf, errlen)
                   : nc_ruleset_new_lazy(&ctx->rules, sources, n_rules, &macros.src, ctx->numbers, errbuf, errlen);
    if (!rc && !rules_dir)
        nc_ruleset_use_prebuilt(ctx->rules, nc_builtin_rule_code, nc_builtin_rule_code_len);
    if (rc)
        goto out;
    if (image_slots >> NC_LEX_RULE & 1)
        nc_ruleset_use_lexicon(ctx->rules, ctx->lexicon);
    else if ((rc = nc_ruleset_index(ctx->rules, ctx->lexicon)))
        goto out;
    if ((rc = nc_ruleset_compile_macro(ctx->rules, "WHEN", errbuf, errlen)))
        goto out;
    if (own_actors)
        rc = nc_gazetteer_load(&ctx->gazetteer, actor_src, ctx->lexicon, errbuf, errlen);
out:
    loaded_clear(&numbers);
    loaded_clear(&abbrevs);
    loaded_clear(&macros);
    for (size_t i = 0; i < NC_GAZ_FILES; i++)
        loaded_clear(&actors[i]);
    loaded_clear(&cues);
    loaded_clear(&langs);
    for (size_t i = 0; i < n_rules; i++)
        loaded_clear(&rule_files[i]);
    free(rule_files);
    free(sources);
    if (rc) {
        nc_context_free(ctx);
        return rc;
    }
    *out = ctx;
    return 0;
}

void nc_context_free(nc_context *ctx)
{
    if (!ctx)
        return;
    nc_ruleset_free(ctx->rules);
    nc_numbers_free(ctx->numbers);
    nc_abbrevs_free(ctx->abbrevs);
    nc_gazetteer_free(ctx->gazetteer);
    nc_cues_free(ctx->cues);
    nc_langid_free(ctx->langid);
    nc_lexicon_free(ctx->lexicon);
    free(ctx);
}

size_t nc_context_rule_count(const nc_context *ctx) { return nc_ruleset_size(ctx->rules); }
size_t nc_context_language_count(const nc_context *ctx) { return nc_langid_count(ctx->langid); }
