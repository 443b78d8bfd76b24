/* Shared by the libFuzzer harnesses: one context for the whole run (built
 * once; read-only afterwards), and a check that a rendered record is valid
 * UTF-8 JSON, so the harnesses catch bad output as well as crashes.
 * libFuzzer's entropic scheduling spends most of the time in its own
 * bookkeeping on harnesses this size: run them with -entropic=0 (make fuzz
 * does). */
#ifndef NC_FUZZ_COMMON_H
#define NC_FUZZ_COMMON_H
#include "newsclaims.h"
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline nc_context *fuzz_context(void)
{
    static nc_context *ctx;
    if (!ctx) {
        char err[512];
        if (nc_context_new(&ctx, NULL, err, sizeof err)) {
            fprintf(stderr, "fuzz: cannot load built-in rules: %s\n", err);
            abort();
        }
    }
    return ctx;
}

static inline int valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!len || i + len > n || (len > 1 && c < 0xC2) || (c == 0xE0 && s[i + 1] < 0xA0) ||
            (c == 0xED && s[i + 1] >= 0xA0) || (c == 0xF0 && s[i + 1] < 0x90) || c > 0xF4 ||
            (c == 0xF4 && s[i + 1] >= 0x90))
            return 0;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        i += len;
    }
    return 1;
}

/* Renders rec one of the ways users can ask for (which one: `way`, e.g.
 * a byte of the input, so that every way is covered and each input costs
 * one rendering) and checks the JSON. */
static inline void fuzz_check_record(const nc_record *rec, unsigned way)
{
    static const unsigned flags[] = {0, NC_JSON_WITH_TEXT | NC_JSON_EXPLAIN, NC_JSON_PRETTY};
    char *json = nc_record_to_json(rec, flags[way % 3]);
    if (!json)
        abort(); /* out of memory is not expected at fuzzing sizes */
    size_t n = strlen(json);
    if (!valid_utf8((const unsigned char *)json, n))
        abort();
    cJSON *parsed = cJSON_ParseWithLength(json, n);
    if (!parsed)
        abort();
    cJSON_Delete(parsed);
    nc_free(json);
}
#endif
