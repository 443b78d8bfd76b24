/* Shared by the libFuzzer harnesses: one context for the whole run (built
 * once; read-only afterwards), and a check that a rendered record is valid
 * UTF-8 JSON, so the harnesses catch bad output as well as crashes.
 * libFuzzer's entropic scheduling spends most of the time in its own
 * bookkeeping on harnesses this size: run them with -entropic=0 (make fuzz
 * does). */
#ifndef NC_FUZZ_COMMON_H
#define NC_FUZZ_COMMON_H
#include "newsclaims.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void json_self_check(void);

static inline nc_context *fuzz_context(void)
{
    static nc_context *ctx;
    if (!ctx) {
        json_self_check();
        char err[512];
        if (nc_context_new(&ctx, NULL, err, sizeof err)) {
            fprintf(stderr, "fuzz: cannot load built-in rules: %s\n", err);
            abort();
        }
    }
    return ctx;
}

__attribute__((noinline)) static int valid_utf8(const unsigned char *s, size_t n)
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

/* A strict JSON check (RFC 8259: one value, nothing after it but white
 * space) that allocates nothing. cJSON builds a tree of mallocs for every
 * record, which under ASan cost more than the whole pipeline on a short
 * input. At depth 0 it notes whether "schema" is NC_SCHEMA and
 * "status" a string. */
#define SCHEMA_STR "\"" NC_SCHEMA "\""
typedef struct json_check {
    const char *p, *e;
    int schema_ok, status_ok;
} json_check;

static inline void jc_ws(json_check *v)
{
    while (v->p < v->e && (*v->p == ' ' || *v->p == '\n' || *v->p == '\t' || *v->p == '\r'))
        v->p++;
}

static inline int jc_digits(json_check *v)
{
    const char *s = v->p;
    while (v->p < v->e && *v->p >= '0' && *v->p <= '9')
        v->p++;
    return v->p > s;
}

static inline int jc_string(json_check *v)
{
    if (v->p >= v->e || *v->p != '"')
        return 0;
    v->p++;
    while (v->p < v->e) {
        unsigned char c = (unsigned char)*v->p++;
        if (c == '"')
            return 1;
        if (c < 0x20)
            return 0;
        if (c != '\\')
            continue;
        if (v->p >= v->e)
            return 0;
        c = (unsigned char)*v->p++;
        if (c == 'u') {
            for (int i = 0; i < 4; i++, v->p++)
                if (v->p >= v->e || !((*v->p >= '0' && *v->p <= '9') || ((*v->p | 0x20) >= 'a' && (*v->p | 0x20) <= 'f')))
                    return 0;
        } else if (!c || !strchr("\"\\/bfnrt", c)) {
            return 0;
        }
    }
    return 0;
}

static inline int jc_number(json_check *v)
{
    if (v->p < v->e && *v->p == '-')
        v->p++;
    if (v->p < v->e && *v->p == '0')
        v->p++;
    else if (v->p >= v->e || *v->p < '1' || *v->p > '9' || !jc_digits(v))
        return 0;
    if (v->p < v->e && *v->p == '.' && (++v->p, !jc_digits(v)))
        return 0;
    if (v->p < v->e && (*v->p == 'e' || *v->p == 'E')) {
        v->p++;
        if (v->p < v->e && (*v->p == '+' || *v->p == '-'))
            v->p++;
        if (!jc_digits(v))
            return 0;
    }
    return 1;
}

static inline int jc_word(json_check *v, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(v->e - v->p) < n || memcmp(v->p, w, n) != 0)
        return 0;
    v->p += n;
    return 1;
}

static int jc_value(json_check *v, int depth)
{
    jc_ws(v);
    if (v->p >= v->e || depth > 64)
        return 0;
    char open = *v->p;
    if (open == '"')
        return jc_string(v);
    if (open == 't')
        return jc_word(v, "true");
    if (open == 'f')
        return jc_word(v, "false");
    if (open == 'n')
        return jc_word(v, "null");
    if (open != '{' && open != '[')
        return jc_number(v);
    char close = open == '{' ? '}' : ']';
    v->p++;
    jc_ws(v);
    if (v->p < v->e && *v->p == close) {
        v->p++;
        return 1;
    }
    for (;;) {
        const char *key = NULL, *val;
        size_t key_len = 0;
        if (open == '{') {
            jc_ws(v);
            key = v->p;
            if (!jc_string(v))
                return 0;
            key_len = (size_t)(v->p - key);
            jc_ws(v);
            if (v->p >= v->e || *v->p++ != ':')
                return 0;
        }
        jc_ws(v);
        val = v->p;
        if (!jc_value(v, depth + 1))
            return 0;
        if (key && depth == 0) {
            if (key_len == 8 && memcmp(key, "\"schema\"", 8) == 0 && (size_t)(v->p - val) == sizeof SCHEMA_STR - 1 &&
                memcmp(val, SCHEMA_STR, sizeof SCHEMA_STR - 1) == 0)
                v->schema_ok = 1;
            if (key_len == 8 && memcmp(key, "\"status\"", 8) == 0 && *val == '"')
                v->status_ok = 1;
        }
        jc_ws(v);
        if (v->p >= v->e)
            return 0;
        char c = *v->p++;
        if (c == close)
            return 1;
        if (c != ',')
            return 0;
    }
}

/* 1 if s[0, n) is one JSON value; *out (may be NULL) says what it noted. */
/* noinline, as valid_utf8: kept out of the comparison tracing by name
 * (coverage-ignore.txt), which an inlined copy would not be */
__attribute__((noinline)) static int json_valid(const char *s, size_t n, json_check *out)
{
    json_check v = {s, s + n, 0, 0};
    int ok = jc_value(&v, 0);
    jc_ws(&v);
    ok = ok && v.p == v.e;
    if (out)
        *out = v;
    return ok;
}

/* The check must tell JSON from what is not (run once per process, in
 * `make check` too through the replays). */
static void json_self_check(void)
{
    static const char *const good[] = {
        "{\"schema\":\"" NC_SCHEMA "\",\"status\":\"ok\"}", "{ \"schema\" : \"" NC_SCHEMA "\" ,\n \"status\": \"x\" }\n",
        "[-0.5e+3,0,1E2,true,false,null,\"\\u00e9\\n\\\"\",{},[]]"};
    static const char *const bad[] = {"{\"a\":1,}", "[1 2]", "\"\x01\"", "01", "[1.]", "-", "{\"a\" 1}", "[\"\\x\"]",
                                      "\"\\u12g4\"", "{\"a\":tru}", "[1]]", "{\"a\":[1}", "\"open", ""};
    json_check seen;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (!json_valid(good[i], strlen(good[i]), &seen) || (i < 2 && (!seen.schema_ok || !seen.status_ok)) ||
            (i == 2 && (seen.schema_ok || seen.status_ok)))
            abort();
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (json_valid(bad[i], strlen(bad[i]), NULL))
            abort();
    /* schema noted only with the right value, status only as a string */
    static const char other[] = "{\"schema\":\"other\",\"status\":1}";
    if (!json_valid(other, sizeof other - 1, &seen) || seen.schema_ok || seen.status_ok)
        abort();
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
    json_check seen;
    if (!valid_utf8((const unsigned char *)json, n) || !json_valid(json, n, &seen) || !seen.schema_ok ||
        !seen.status_ok)
        abort();
    nc_free(json);
}
#endif
