/*
 * schema_check: validate JSON Lines records against a JSON Schema.
 *
 *   schema_check [--semantic] SCHEMA.json [FILE.jsonl ...]   (no FILE or "-": stdin)
 *
 * Every non-empty line of every FILE is one JSON value validated against
 * SCHEMA. Each violation is printed as "FILE:LINE: /json/pointer: message";
 * the last line is "schema: N records valid, M invalid".
 * Exit status: 0 all records valid; 1 some record invalid, or no record
 * read at all; 2 usage error, unreadable file, or a schema this program
 * cannot fully apply.
 *
 * Supported (draft 2020-12 subset): type (a name or an array of names;
 * "integer" is a number without a fractional part), properties, required,
 * additionalProperties (boolean or schema), items, prefixItems, minItems,
 * maxItems, enum, const, minimum, pattern (POSIX extended regex, unanchored
 * search like ECMA-262), $ref to "#" or "#/json/pointer" within the schema
 * (e.g. "#/$defs/NAME"), oneOf, anyOf, boolean schemas, and the annotations
 * $schema $id $comment $defs title description examples default.
 * Any other keyword makes the schema unusable (exit 2): the checker must
 * never silently skip part of the contract.
 *
 * Beyond JSON Schema, an object with the same key twice is reported too
 * (its meaning would depend on the reader).
 *
 * --semantic (before SCHEMA) also checks the newsclaims/2 rules that JSON
 * Schema cannot express (docs/schema.md): span start <= end and, when the
 * record has "text", end <= its byte length (also for claims, whose
 * content_span lies inside their span); casualties and claims in text order (span
 * starts never decrease); count fields consistent with
 * count.qualifier; summary[category] present for every category (but
 * "shot") of an event-scope casualty whose count is not vague; a casualty's source is the speaker
 * of claims[claim] (source, source_from and claim null together), its
 * actor_from null exactly when actor is; status "error"/"empty" records have
 * no casualties; status "error" has at least one errors entry; every span
 * (span, speaker_span, content_span, an actor's spans) has its cspan, the
 * same range in code points: with "text", text[cspan] in code points is
 * text[span] in bytes (both ends on character boundaries); without, the
 * code point range is no longer than the byte range and starts no later.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 256

/* ---- JSON pointer buffer ---- */
typedef struct {
    char *s;
    size_t len, cap;
} ptrbuf;

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("schema_check: out of memory\n", stderr);
        exit(2);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("schema_check: out of memory\n", stderr);
        exit(2);
    }
    return q;
}

static void ptr_reserve(ptrbuf *p, size_t extra)
{
    if (p->len + extra + 1 > p->cap) {
        size_t cap = p->cap ? p->cap : 64;
        while (cap < p->len + extra + 1)
            cap *= 2;
        p->s = xrealloc(p->s, cap);
        p->cap = cap;
    }
}

/* Appends "/token" (escaped per RFC 6901); returns the old length. */
static size_t ptr_push_key(ptrbuf *p, const char *key)
{
    size_t old = p->len;
    ptr_reserve(p, 1 + 2 * strlen(key));
    p->s[p->len++] = '/';
    for (const char *k = key; *k; k++) {
        if (*k == '~') {
            p->s[p->len++] = '~';
            p->s[p->len++] = '0';
        } else if (*k == '/') {
            p->s[p->len++] = '~';
            p->s[p->len++] = '1';
        } else {
            p->s[p->len++] = *k;
        }
    }
    p->s[p->len] = '\0';
    return old;
}

static size_t ptr_push_index(ptrbuf *p, size_t i)
{
    char num[32];
    snprintf(num, sizeof num, "%zu", i);
    return ptr_push_key(p, num);
}

static void ptr_pop(ptrbuf *p, size_t old)
{
    p->len = old;
    if (p->s)
        p->s[old] = '\0';
}

static const char *ptr_str(const ptrbuf *p)
{
    return p->len ? p->s : "/";
}

/* ---- compiled patterns, keyed by the schema node holding them ---- */
typedef struct {
    const cJSON *node;
    regex_t re;
} pattern;

static pattern *g_patterns;
static size_t g_npatterns;
static const cJSON *g_root; /* the schema document */
static const char *g_schema_name;
static int g_schema_errors;

static const regex_t *find_pattern(const cJSON *node)
{
    for (size_t i = 0; i < g_npatterns; i++)
        if (g_patterns[i].node == node)
            return &g_patterns[i].re;
    return NULL;
}

/* ---- $ref resolution: "#" or "#/a/b" with ~0 ~1 escapes ---- */
static const cJSON *resolve_ref(const char *ref)
{
    if (ref[0] != '#')
        return NULL;
    const cJSON *cur = g_root;
    const char *p = ref + 1;
    if (*p == '\0')
        return cur;
    if (*p != '/')
        return NULL;
    char *tok = xmalloc(strlen(p) + 1);
    while (*p == '/' && cur) {
        p++;
        size_t n = 0;
        while (*p && *p != '/') {
            if (p[0] == '~' && p[1] == '0') {
                tok[n++] = '~';
                p += 2;
            } else if (p[0] == '~' && p[1] == '1') {
                tok[n++] = '/';
                p += 2;
            } else {
                tok[n++] = *p++;
            }
        }
        tok[n] = '\0';
        if (cJSON_IsObject(cur)) {
            cur = cJSON_GetObjectItemCaseSensitive(cur, tok);
        } else if (cJSON_IsArray(cur)) {
            char *end;
            errno = 0;
            unsigned long i = strtoul(tok, &end, 10);
            cur = (n && *end == '\0' && errno == 0) ? cJSON_GetArrayItem(cur, (int)i) : NULL;
        } else {
            cur = NULL;
        }
    }
    free(tok);
    return cur;
}

/* ---- checking the schema itself ---- */
static void schema_error(const ptrbuf *p, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: %s: ", g_schema_name, ptr_str(p));
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    g_schema_errors++;
}

static const char *const type_names[] = {"null", "boolean", "object", "array",
                                         "number", "string", "integer"};

static int known_type(const char *t)
{
    for (size_t i = 0; i < sizeof type_names / sizeof *type_names; i++)
        if (strcmp(t, type_names[i]) == 0)
            return 1;
    return 0;
}

static int is_integral(double d)
{
    if (!isfinite(d))
        return 0;
    double a = d < 0 ? -d : d;
    if (a >= 9007199254740992.0) /* 2^53: every double this large is integral */
        return 1;
    return d == (double)(long long)d;
}

static void check_schema(const cJSON *s, ptrbuf *p, int depth);

static void check_schema_array(const cJSON *arr, ptrbuf *p, int depth, const char *kw)
{
    if (!cJSON_IsArray(arr) || cJSON_GetArraySize(arr) == 0) {
        schema_error(p, "\"%s\" must be a non-empty array of schemas", kw);
        return;
    }
    size_t i = 0;
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        size_t old = ptr_push_index(p, i);
        check_schema(c, p, depth + 1);
        ptr_pop(p, old);
    }
}

static void check_schema_map(const cJSON *obj, ptrbuf *p, int depth, const char *kw)
{
    if (!cJSON_IsObject(obj)) {
        schema_error(p, "\"%s\" must be an object of schemas", kw);
        return;
    }
    for (const cJSON *c = obj->child; c; c = c->next) {
        size_t old = ptr_push_key(p, c->string);
        check_schema(c, p, depth + 1);
        ptr_pop(p, old);
    }
}

static void check_schema(const cJSON *s, ptrbuf *p, int depth)
{
    if (depth > MAX_DEPTH) {
        schema_error(p, "schema nested too deeply");
        return;
    }
    if (cJSON_IsBool(s))
        return;
    if (!cJSON_IsObject(s)) {
        schema_error(p, "a schema must be an object or a boolean");
        return;
    }
    for (const cJSON *k = s->child; k; k = k->next) {
        const char *kw = k->string;
        size_t old = ptr_push_key(p, kw);
        if (!strcmp(kw, "$schema") || !strcmp(kw, "$id") || !strcmp(kw, "$comment") ||
            !strcmp(kw, "title") || !strcmp(kw, "description") || !strcmp(kw, "examples") ||
            !strcmp(kw, "default")) {
            /* annotations: no effect on validation */
        } else if (!strcmp(kw, "$defs") || !strcmp(kw, "properties")) {
            check_schema_map(k, p, depth, kw);
        } else if (!strcmp(kw, "type")) {
            if (cJSON_IsString(k)) {
                if (!known_type(k->valuestring))
                    schema_error(p, "unknown type \"%s\"", k->valuestring);
            } else if (cJSON_IsArray(k) && cJSON_GetArraySize(k) > 0) {
                for (const cJSON *t = k->child; t; t = t->next)
                    if (!cJSON_IsString(t) || !known_type(t->valuestring))
                        schema_error(p, "\"type\" array must hold type names");
            } else {
                schema_error(p, "\"type\" must be a type name or an array of them");
            }
        } else if (!strcmp(kw, "required")) {
            int okay = cJSON_IsArray(k);
            for (const cJSON *r = okay ? k->child : NULL; r; r = r->next)
                if (!cJSON_IsString(r))
                    okay = 0;
            if (!okay)
                schema_error(p, "\"required\" must be an array of strings");
        } else if (!strcmp(kw, "additionalProperties") || !strcmp(kw, "items")) {
            check_schema(k, p, depth + 1);
        } else if (!strcmp(kw, "prefixItems") || !strcmp(kw, "oneOf") || !strcmp(kw, "anyOf")) {
            check_schema_array(k, p, depth, kw);
        } else if (!strcmp(kw, "minItems") || !strcmp(kw, "maxItems")) {
            if (!cJSON_IsNumber(k) || !is_integral(k->valuedouble) || k->valuedouble < 0)
                schema_error(p, "\"%s\" must be a non-negative integer", kw);
        } else if (!strcmp(kw, "enum")) {
            if (!cJSON_IsArray(k) || cJSON_GetArraySize(k) == 0)
                schema_error(p, "\"enum\" must be a non-empty array");
        } else if (!strcmp(kw, "const")) {
            /* any value */
        } else if (!strcmp(kw, "minimum") || !strcmp(kw, "maximum")) {
            if (!cJSON_IsNumber(k))
                schema_error(p, "\"%s\" must be a number", kw);
        } else if (!strcmp(kw, "pattern")) {
            if (!cJSON_IsString(k)) {
                schema_error(p, "\"pattern\" must be a string");
            } else {
                g_patterns = xrealloc(g_patterns, (g_npatterns + 1) * sizeof *g_patterns);
                int rc = regcomp(&g_patterns[g_npatterns].re, k->valuestring,
                                 REG_EXTENDED | REG_NOSUB);
                if (rc != 0) {
                    char msg[256];
                    regerror(rc, &g_patterns[g_npatterns].re, msg, sizeof msg);
                    schema_error(p, "bad pattern \"%s\": %s", k->valuestring, msg);
                } else {
                    g_patterns[g_npatterns++].node = k;
                }
            }
        } else if (!strcmp(kw, "$ref")) {
            if (!cJSON_IsString(k) || !resolve_ref(k->valuestring))
                schema_error(p, "unresolvable $ref %s",
                             cJSON_IsString(k) ? k->valuestring : "(not a string)");
        } else {
            schema_error(p, "unsupported keyword \"%s\"", kw);
        }
        ptr_pop(p, old);
    }
}

/* ---- validating an instance ---- */
typedef struct {
    const char *file;
    long line;
} where;

static void violation(const where *w, int report, const ptrbuf *p, const char *fmt, ...)
{
    if (!report)
        return;
    va_list ap;
    printf("%s:%ld: %s: ", w->file, w->line, ptr_str(p));
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

/* Short rendering of a value for messages; caller frees. */
static char *show(const cJSON *v)
{
    char *s = cJSON_PrintUnformatted(v);
    if (!s) {
        s = xmalloc(4);
        strcpy(s, "?");
    }
    if (strlen(s) > 60)
        strcpy(s + 57, "...");
    return s;
}

static const char *type_of(const cJSON *v)
{
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsBool(v))
        return "boolean";
    if (cJSON_IsObject(v))
        return "object";
    if (cJSON_IsArray(v))
        return "array";
    if (cJSON_IsString(v))
        return "string";
    if (cJSON_IsNumber(v))
        return is_integral(v->valuedouble) ? "integer" : "number";
    return "invalid";
}

static int type_matches(const char *t, const cJSON *v)
{
    if (!strcmp(t, "null"))
        return cJSON_IsNull(v);
    if (!strcmp(t, "boolean"))
        return cJSON_IsBool(v);
    if (!strcmp(t, "object"))
        return cJSON_IsObject(v);
    if (!strcmp(t, "array"))
        return cJSON_IsArray(v);
    if (!strcmp(t, "string"))
        return cJSON_IsString(v);
    if (!strcmp(t, "number"))
        return cJSON_IsNumber(v);
    if (!strcmp(t, "integer"))
        return cJSON_IsNumber(v) && is_integral(v->valuedouble);
    return 0;
}

static int validate(const cJSON *s, const cJSON *v, ptrbuf *p, const where *w, int report,
                    int depth);

/* oneOf / anyOf: each alternative is tried silently; when none matches,
 * every alternative's complaints are printed after the summary line. */
static int validate_alternatives(const cJSON *alts, const cJSON *v, ptrbuf *p, const where *w,
                                 int report, int depth, int one)
{
    int matches = 0, n = 0;
    for (const cJSON *a = alts->child; a; a = a->next, n++)
        if (validate(a, v, p, w, 0, depth + 1) == 0)
            matches++;
    if (matches == 0) {
        violation(w, report, p, "matches none of the %d alternatives of %s%s", n,
                  one ? "oneOf" : "anyOf", report ? ":" : "");
        if (report)
            for (const cJSON *a = alts->child; a; a = a->next)
                validate(a, v, p, w, 1, depth + 1);
        return 1;
    }
    if (one && matches > 1) {
        violation(w, report, p, "matches %d alternatives of oneOf, must match exactly one",
                  matches);
        return 1;
    }
    return 0;
}

static int validate(const cJSON *s, const cJSON *v, ptrbuf *p, const where *w, int report,
                    int depth)
{
    int errs = 0;
    if (depth > MAX_DEPTH) {
        violation(w, report, p, "schema recursion too deep (cyclic $ref?)");
        return 1;
    }
    if (cJSON_IsBool(s)) {
        if (cJSON_IsTrue(s))
            return 0;
        violation(w, report, p, "no value is allowed here");
        return 1;
    }

    const cJSON *k;
    if ((k = cJSON_GetObjectItemCaseSensitive(s, "$ref")) != NULL)
        errs += validate(resolve_ref(k->valuestring), v, p, w, report, depth + 1);

    if ((k = cJSON_GetObjectItemCaseSensitive(s, "type")) != NULL) {
        int ok = 0;
        if (cJSON_IsString(k))
            ok = type_matches(k->valuestring, v);
        else
            for (const cJSON *t = k->child; t && !ok; t = t->next)
                ok = type_matches(t->valuestring, v);
        if (!ok) {
            char *want = cJSON_PrintUnformatted(k);
            violation(w, report, p, "is %s, expected type %s", type_of(v), want ? want : "?");
            free(want);
            errs++;
            return errs; /* further keywords would only repeat the problem */
        }
    }

    if ((k = cJSON_GetObjectItemCaseSensitive(s, "const")) != NULL && !cJSON_Compare(k, v, 1)) {
        char *got = show(v), *want = show(k);
        violation(w, report, p, "%s is not the required constant %s", got, want);
        free(got);
        free(want);
        errs++;
    }
    if ((k = cJSON_GetObjectItemCaseSensitive(s, "enum")) != NULL) {
        int found = 0;
        for (const cJSON *e = k->child; e && !found; e = e->next)
            found = cJSON_Compare(e, v, 1);
        if (!found) {
            char *got = show(v), *want = cJSON_PrintUnformatted(k);
            violation(w, report, p, "%s is not one of %s", got, want ? want : "?");
            free(got);
            free(want);
            errs++;
        }
    }

    if (cJSON_IsNumber(v) && (k = cJSON_GetObjectItemCaseSensitive(s, "minimum")) != NULL &&
        v->valuedouble < k->valuedouble) {
        violation(w, report, p, "%.17g is less than the minimum %.17g", v->valuedouble,
                  k->valuedouble);
        errs++;
    }
    if (cJSON_IsNumber(v) && (k = cJSON_GetObjectItemCaseSensitive(s, "maximum")) != NULL &&
        v->valuedouble > k->valuedouble) {
        violation(w, report, p, "%.17g is more than the maximum %.17g", v->valuedouble,
                  k->valuedouble);
        errs++;
    }

    if (cJSON_IsString(v) && (k = cJSON_GetObjectItemCaseSensitive(s, "pattern")) != NULL) {
        const regex_t *re = find_pattern(k);
        if (re && regexec(re, v->valuestring, 0, NULL, 0) != 0) {
            char *got = show(v);
            violation(w, report, p, "%s does not match pattern %s", got, k->valuestring);
            free(got);
            errs++;
        }
    }

    if (cJSON_IsObject(v)) {
        const cJSON *props = cJSON_GetObjectItemCaseSensitive(s, "properties");
        const cJSON *req = cJSON_GetObjectItemCaseSensitive(s, "required");
        const cJSON *addl = cJSON_GetObjectItemCaseSensitive(s, "additionalProperties");
        for (const cJSON *r = req ? req->child : NULL; r; r = r->next)
            if (!cJSON_GetObjectItemCaseSensitive(v, r->valuestring)) {
                violation(w, report, p, "missing required property \"%s\"", r->valuestring);
                errs++;
            }
        for (const cJSON *m = v->child; m; m = m->next) {
            const cJSON *ps = props ? cJSON_GetObjectItemCaseSensitive(props, m->string) : NULL;
            if (ps) {
                size_t old = ptr_push_key(p, m->string);
                errs += validate(ps, m, p, w, report, depth + 1);
                ptr_pop(p, old);
            } else if (addl && cJSON_IsFalse(addl)) {
                violation(w, report, p, "unexpected property \"%s\"", m->string);
                errs++;
            } else if (addl) {
                size_t old = ptr_push_key(p, m->string);
                errs += validate(addl, m, p, w, report, depth + 1);
                ptr_pop(p, old);
            }
        }
    }

    if (cJSON_IsArray(v)) {
        int n = cJSON_GetArraySize(v);
        const cJSON *prefix = cJSON_GetObjectItemCaseSensitive(s, "prefixItems");
        const cJSON *items = cJSON_GetObjectItemCaseSensitive(s, "items");
        const cJSON *mn = cJSON_GetObjectItemCaseSensitive(s, "minItems");
        const cJSON *mx = cJSON_GetObjectItemCaseSensitive(s, "maxItems");
        if (mn && n < mn->valuedouble) {
            violation(w, report, p, "has %d items, fewer than minItems %.0f", n, mn->valuedouble);
            errs++;
        }
        if (mx && n > mx->valuedouble) {
            violation(w, report, p, "has %d items, more than maxItems %.0f", n, mx->valuedouble);
            errs++;
        }
        const cJSON *ps = prefix ? prefix->child : NULL;
        size_t i = 0;
        for (const cJSON *e = v->child; e; e = e->next, i++) {
            const cJSON *sch = ps ? ps : items;
            if (ps)
                ps = ps->next;
            if (!sch)
                continue;
            size_t old = ptr_push_index(p, i);
            errs += validate(sch, e, p, w, report, depth + 1);
            ptr_pop(p, old);
        }
    }

    if ((k = cJSON_GetObjectItemCaseSensitive(s, "anyOf")) != NULL)
        errs += validate_alternatives(k, v, p, w, report, depth, 0);
    if ((k = cJSON_GetObjectItemCaseSensitive(s, "oneOf")) != NULL)
        errs += validate_alternatives(k, v, p, w, report, depth, 1);
    return errs;
}

/* Duplicate keys anywhere in the value. */
static int check_duplicates(const cJSON *v, ptrbuf *p, const where *w)
{
    int errs = 0;
    if (cJSON_IsObject(v))
        for (const cJSON *m = v->child; m; m = m->next)
            for (const cJSON *o = v->child; o != m; o = o->next)
                if (strcmp(o->string, m->string) == 0) {
                    violation(w, 1, p, "duplicate property \"%s\"", m->string);
                    errs++;
                    break;
                }
    size_t i = 0;
    for (const cJSON *c = v->child; c && (cJSON_IsObject(v) || cJSON_IsArray(v)); c = c->next, i++) {
        size_t old = cJSON_IsObject(v) ? ptr_push_key(p, c->string) : ptr_push_index(p, i);
        errs += check_duplicates(c, p, w);
        ptr_pop(p, old);
    }
    return errs;
}

/* ---- --semantic: newsclaims/2 rules beyond JSON Schema ---- */
static int num_or_null(const cJSON *o, const char *key, double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsNumber(v)) {
        *out = v->valuedouble;
        return 1;
    }
    return 0;
}

static int check_count(const cJSON *count, ptrbuf *p, const where *w)
{
    const cJSON *q = cJSON_GetObjectItemCaseSensitive(count, "qualifier");
    if (!cJSON_IsObject(count) || !cJSON_IsString(q))
        return 0;
    double value = 0, low = 0, high = 0;
    int hv = num_or_null(count, "value", &value), hl = num_or_null(count, "low", &low),
        hh = num_or_null(count, "high", &high);
    int approx = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(count, "approximate"));
    const char *qs = q->valuestring, *need = NULL;
    if (!strcmp(qs, "exact")) {
        if (!(hv && hl && hh && low == value && high == value))
            need = "value = low = high";
    } else if (!strcmp(qs, "at_least") || !strcmp(qs, "more_than")) {
        if (!(hv && hl && low == value))
            need = "a value and low = value";
    } else if (!strcmp(qs, "at_most") || !strcmp(qs, "up_to") || !strcmp(qs, "nearly")) {
        if (!(hv && hh && high == value))
            need = "a value and high = value";
    } else if (!strcmp(qs, "about")) {
        if (!(hv && !hl && !hh && approx))
            need = "a value, low and high null, approximate true";
    } else if (!strcmp(qs, "range")) {
        if (!(!hv && hl && hh))
            need = "value null, low and high set";
    } else if (!strcmp(qs, "vague")) {
        if (!(!hv && hl && approx))
            need = "value null, low set, approximate true";
    }
    int errs = 0;
    if (need) {
        violation(w, 1, p, "qualifier \"%s\" needs %s", qs, need);
        errs++;
    }
    if (hl && hh && low > high) {
        violation(w, 1, p, "low %.17g is above high %.17g", low, high);
        errs++;
    }
    return errs;
}

/* Member `key` of o as a span: start <= end <= text length (when known).
 * Sets *start; 0 when the member is not a span (the schema reports it). */
static int check_span(const cJSON *o, const char *key, double text_len, ptrbuf *p, const where *w,
                      int *errs, double *start, double *end)
{
    const cJSON *span = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsArray(span) || cJSON_GetArraySize(span) != 2 || !cJSON_IsNumber(span->child) ||
        !cJSON_IsNumber(span->child->next))
        return 0;
    double s0 = span->child->valuedouble, s1 = span->child->next->valuedouble;
    size_t o2 = ptr_push_key(p, key);
    if (s0 > s1) {
        violation(w, 1, p, "start %.17g is after end %.17g", s0, s1);
        (*errs)++;
    }
    if (text_len >= 0 && s1 > text_len) {
        violation(w, 1, p, "end %.17g is past the end of text (%.17g bytes)", s1, text_len);
        (*errs)++;
    }
    ptr_pop(p, o2);
    *start = s0;
    *end = s1;
    return 1;
}

/* ---- cspans ---- */

/* Code points in text[0 .. byte), or -1 when byte is not on a character
 * boundary or past the end. */
static double cp_offset(const char *text, size_t len, double byte)
{
    if (byte < 0 || byte > (double)len || byte != floor(byte))
        return -1;
    size_t b = (size_t)byte, n = 0;
    if (b < len && ((unsigned char)text[b] & 0xC0) == 0x80)
        return -1;
    for (size_t i = 0; i < b; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return (double)n;
}

static int num_pair(const cJSON *a, double *x, double *y)
{
    if (!cJSON_IsArray(a) || cJSON_GetArraySize(a) != 2 || !cJSON_IsNumber(a->child) ||
        !cJSON_IsNumber(a->child->next))
        return 0;
    *x = a->child->valuedouble;
    *y = a->child->next->valuedouble;
    return 1;
}

static int check_one_cspan(const cJSON *span, const cJSON *cspan, const cJSON *text, ptrbuf *p, const where *w)
{
    double s0, s1, c0, c1;
    if (!num_pair(span, &s0, &s1) || s0 > s1) /* a broken span is reported as such */
        return 0;
    if (!num_pair(cspan, &c0, &c1)) {
        violation(w, 1, p, "a span without its cspan [start, end]");
        return 1;
    }
    if (cJSON_IsString(text)) {
        size_t len = strlen(text->valuestring);
        if (s1 > (double)len)
            return 0;
        double w0 = cp_offset(text->valuestring, len, s0), w1 = cp_offset(text->valuestring, len, s1);
        if (w0 != c0 || w1 != c1) {
            violation(w, 1, p, "[%.17g, %.17g] in code points is not the bytes [%.17g, %.17g] of text "
                      "(those are code points [%.17g, %.17g])", c0, c1, s0, s1, w0, w1);
            return 1;
        }
    } else if (c0 > s0 || c1 > s1 || c0 > c1 || c1 - c0 > s1 - s0) {
        violation(w, 1, p, "[%.17g, %.17g] cannot be the code points of bytes [%.17g, %.17g]", c0, c1, s0, s1);
        return 1;
    }
    return 0;
}

/* Every object of the record: SPAN and its cspan (the name with "span"
 * turned into "cspan"), "spans" and "cspans" pair by pair. */
static int check_cspans(const cJSON *o, const cJSON *text, ptrbuf *p, const where *w, int depth)
{
    int errs = 0;
    if (depth > 64 || (!cJSON_IsObject(o) && !cJSON_IsArray(o)))
        return 0;
    size_t i = 0;
    for (const cJSON *c = o->child; c; c = c->next, i++) {
        size_t old = cJSON_IsObject(o) ? ptr_push_key(p, c->string) : ptr_push_index(p, i);
        const char *k = cJSON_IsObject(o) ? c->string : NULL;
        size_t kl = k ? strlen(k) : 0;
        if (k && kl >= 4 && strcmp(k + kl - 4, "span") == 0 && !(kl >= 5 && k[kl - 5] == 'c') && cJSON_IsArray(c)) {
            char ck[64];
            snprintf(ck, sizeof ck, "%.*scspan", (int)(kl - 4), k);
            ptr_pop(p, old); /* violations name the cspan */
            old = ptr_push_key(p, ck);
            errs += check_one_cspan(c, cJSON_GetObjectItemCaseSensitive(o, ck), text, p, w);
        } else if (k && strcmp(k, "spans") == 0 && cJSON_IsArray(c)) {
            const cJSON *cs = cJSON_GetObjectItemCaseSensitive(o, "cspans");
            ptr_pop(p, old);
            old = ptr_push_key(p, "cspans");
            if (cJSON_GetArraySize(cs) != cJSON_GetArraySize(c)) {
                violation(w, 1, p, "spans and cspans differ in length");
                errs++;
            } else {
                size_t j = 0;
                for (const cJSON *a = c->child, *b = cs->child; a && b; a = a->next, b = b->next, j++) {
                    size_t o2 = ptr_push_index(p, j);
                    errs += check_one_cspan(a, b, text, p, w);
                    ptr_pop(p, o2);
                }
            }
        } else if (!k || strcmp(k, "text") != 0) {
            errs += check_cspans(c, text, p, w, depth + 1);
        }
        ptr_pop(p, old);
    }
    return errs;
}

/* Claims: every span in bounds, content inside span, text order; nested
 * claims the same, each inside its parent's span. */
static int check_claims(const cJSON *claims, double text_len, ptrbuf *p, const where *w, const char *name,
                        double in0, double in1, int level)
{
    int errs = 0;
    double prev_start = -1;
    size_t i = 0;
    for (const cJSON *c = cJSON_IsArray(claims) ? claims->child : NULL; c; c = c->next, i++) {
        size_t old = ptr_push_key(p, name);
        ptr_push_index(p, i);
        double s0 = -1, s1 = -1, c0, c1, k0, k1;
        check_span(c, "speaker_span", text_len, p, w, &errs, &k0, &k1);
        int has_content = check_span(c, "content_span", text_len, p, w, &errs, &c0, &c1);
        if (check_span(c, "span", text_len, p, w, &errs, &s0, &s1)) {
            size_t o2 = ptr_push_key(p, "span");
            if (s0 < prev_start) {
                violation(w, 1, p, "starts at %.17g, before the previous claim (%.17g): "
                          "claims must be in text order", s0, prev_start);
                errs++;
            }
            if (has_content && (c0 < s0 || c1 > s1)) {
                violation(w, 1, p, "content_span [%.17g, %.17g] is not inside span [%.17g, %.17g]", c0, c1,
                          s0, s1);
                errs++;
            }
            if (in0 >= 0 && (s0 < in0 || s1 > in1)) {
                violation(w, 1, p, "a nested claim's span [%.17g, %.17g] is not inside its parent's [%.17g, %.17g]",
                          s0, s1, in0, in1);
                errs++;
            }
            prev_start = s0;
            ptr_pop(p, o2);
        }
        const cJSON *from = cJSON_GetObjectItemCaseSensitive(c, "speaker_resolved_from");
        if (cJSON_IsObject(from)) {
            size_t o3 = ptr_push_key(p, "speaker_resolved_from");
            check_span(from, "span", text_len, p, w, &errs, &k0, &k1);
            ptr_pop(p, o3);
        }
        const cJSON *nested = cJSON_GetObjectItemCaseSensitive(c, "nested");
        if (cJSON_IsArray(nested) && level < 16)
            errs += check_claims(nested, text_len, p, w, "nested", s0, s1, level + 1);
        ptr_pop(p, old);
    }
    return errs;
}

/* A figure's source (a string) is claims[claim].speaker; source,
 * source_from and claim are null together (the reserved object form of
 * source is left open); actor_from is null exactly when actor is. */
/* 1 if claim cl, or a claim nested in it, is spoken by speaker: a figure
 * in a nested claim's words has that claim's speaker as its source. */
static int spoken_in(const cJSON *cl, const char *speaker, int depth)
{
    const cJSON *spk = cJSON_GetObjectItemCaseSensitive(cl, "speaker");
    if (cJSON_IsString(spk) && strcmp(spk->valuestring, speaker) == 0)
        return 1;
    const cJSON *n;
    cJSON_ArrayForEach(n, cJSON_GetObjectItemCaseSensitive(cl, "nested"))
    {
        if (depth < 16 && spoken_in(n, speaker, depth + 1))
            return 1;
    }
    return 0;
}

static int check_figure_links(const cJSON *c, const cJSON *const *claims, int n, ptrbuf *p, const where *w)
{
    int errs = 0;
    const cJSON *src = cJSON_GetObjectItemCaseSensitive(c, "source");
    const cJSON *from = cJSON_GetObjectItemCaseSensitive(c, "source_from");
    const cJSON *claim = cJSON_GetObjectItemCaseSensitive(c, "claim");
    const cJSON *actor = cJSON_GetObjectItemCaseSensitive(c, "actor");
    const cJSON *afrom = cJSON_GetObjectItemCaseSensitive(c, "actor_from");
    int src_null = cJSON_IsNull(src), src_str = cJSON_IsString(src);
    if ((src_null && (!cJSON_IsNull(claim) || !cJSON_IsNull(from))) ||
        (src_str && (cJSON_IsNull(claim) || cJSON_IsNull(from)))) {
        size_t o = ptr_push_key(p, "claim");
        violation(w, 1, p, "source, source_from and claim must be null together");
        ptr_pop(p, o);
        errs++;
    } else if (cJSON_IsString(src) && cJSON_IsNumber(claim)) {
        double k = claim->valuedouble;
        const cJSON *cl = k >= 0 && k < n ? claims[(int)k] : NULL;
        const cJSON *spk = cl ? cJSON_GetObjectItemCaseSensitive(cl, "speaker") : NULL;
        size_t o = ptr_push_key(p, "claim");
        if (!cl) {
            violation(w, 1, p, "%.17g is not an index of claims (%d claims)", k, n);
            errs++;
        } else if (!spoken_in(cl, src->valuestring, 0)) {
            violation(w, 1, p, "claims/%.17g is spoken by %s%s%s, not by the source \"%s\"", k,
                      cJSON_IsString(spk) ? "\"" : "", cJSON_IsString(spk) ? spk->valuestring : "nobody",
                      cJSON_IsString(spk) ? "\"" : "", src->valuestring);
            errs++;
        }
        ptr_pop(p, o);
    }
    if (actor && afrom && cJSON_IsNull(actor) != cJSON_IsNull(afrom)) {
        size_t o = ptr_push_key(p, "actor_from");
        violation(w, 1, p, "actor_from must be null exactly when actor is");
        ptr_pop(p, o);
        errs++;
    }
    return errs;
}

static int check_semantics(const cJSON *rec, ptrbuf *p, const where *w)
{
    if (!cJSON_IsObject(rec))
        return 0;
    int errs = 0;
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(rec, "text");
    const cJSON *summary = cJSON_GetObjectItemCaseSensitive(rec, "summary");
    const cJSON *cas = cJSON_GetObjectItemCaseSensitive(rec, "casualties");
    const cJSON *status = cJSON_GetObjectItemCaseSensitive(rec, "status");
    const cJSON *errors = cJSON_GetObjectItemCaseSensitive(rec, "errors");
    double text_len = cJSON_IsString(text) ? (double)strlen(text->valuestring) : -1;
    const cJSON *claims = cJSON_GetObjectItemCaseSensitive(rec, "claims");
    errs += check_claims(claims, text_len, p, w, "claims", -1, -1, 0);
    /* claims by index: a cJSON array is a list, and a record may have
     * hundreds of thousands of figures that each look one up */
    int n_claims = 0;
    for (const cJSON *c = cJSON_IsArray(claims) ? claims->child : NULL; c; c = c->next)
        n_claims++;
    const cJSON **claim_at = calloc(n_claims ? (size_t)n_claims : 1, sizeof *claim_at);
    if (!claim_at) {
        fprintf(stderr, "schema_check: out of memory\n");
        exit(2);
    }
    n_claims = 0;
    for (const cJSON *c = cJSON_IsArray(claims) ? claims->child : NULL; c; c = c->next)
        claim_at[n_claims++] = c;
    errs += check_cspans(rec, text, p, w, 0);
    double prev_start = -1;
    size_t i = 0;
    for (const cJSON *c = cJSON_IsArray(cas) ? cas->child : NULL; c; c = c->next, i++) {
        size_t old = ptr_push_key(p, "casualties");
        ptr_push_index(p, i);
        const cJSON *span = cJSON_GetObjectItemCaseSensitive(c, "span");
        if (cJSON_IsArray(span) && cJSON_GetArraySize(span) == 2 &&
            cJSON_IsNumber(span->child) && cJSON_IsNumber(span->child->next)) {
            double s0 = span->child->valuedouble, s1 = span->child->next->valuedouble;
            size_t o2 = ptr_push_key(p, "span");
            if (s0 > s1) {
                violation(w, 1, p, "start %.17g is after end %.17g", s0, s1);
                errs++;
            }
            if (text_len >= 0 && s1 > text_len) {
                violation(w, 1, p, "end %.17g is past the end of text (%.17g bytes)", s1, text_len);
                errs++;
            }
            if (s0 < prev_start) {
                violation(w, 1, p, "starts at %.17g, before the previous casualty (%.17g): "
                          "casualties must be in text order", s0, prev_start);
                errs++;
            }
            prev_start = s0;
            ptr_pop(p, o2);
        }
        /* where: its span in bounds, its place one of places[] */
        const cJSON *wh = cJSON_GetObjectItemCaseSensitive(c, "where");
        if (cJSON_IsObject(wh)) {
            size_t o5 = ptr_push_key(p, "where");
            double w0, w1;
            check_span(wh, "span", text_len, p, w, &errs, &w0, &w1);
            const cJSON *pid = cJSON_GetObjectItemCaseSensitive(wh, "place");
            int found = 0;
            const cJSON *pl;
            cJSON_ArrayForEach(pl, cJSON_GetObjectItemCaseSensitive(rec, "places"))
            {
                const cJSON *id = cJSON_GetObjectItemCaseSensitive(pl, "id");
                found |= cJSON_IsString(pid) && cJSON_IsString(id) && !strcmp(id->valuestring, pid->valuestring);
            }
            if (cJSON_IsString(pid) && !found) {
                violation(w, 1, p, "place \"%s\" is not an id of places", pid->valuestring);
                errs++;
            }
            ptr_pop(p, o5);
        }
        const cJSON *count = cJSON_GetObjectItemCaseSensitive(c, "count");
        size_t o3 = ptr_push_key(p, "count");
        errs += check_count(count, p, w);
        ptr_pop(p, o3);
        const cJSON *cat = cJSON_GetObjectItemCaseSensitive(c, "category");
        const cJSON *scope = cJSON_GetObjectItemCaseSensitive(c, "scope");
        double fig;
        const cJSON *qual = cJSON_IsObject(count) ? cJSON_GetObjectItemCaseSensitive(count, "qualifier") : NULL;
        int vague = cJSON_IsString(qual) && !strcmp(qual->valuestring, "vague"); /* never in summary */
        if (cJSON_IsString(cat) && strcmp(cat->valuestring, "shot") != 0 && cJSON_IsString(scope) &&
            !strcmp(scope->valuestring, "event") && cJSON_IsObject(count) && !vague &&
            (num_or_null(count, "value", &fig) || num_or_null(count, "low", &fig))) {
            const cJSON *sv = cJSON_IsObject(summary)
                                  ? cJSON_GetObjectItemCaseSensitive(summary, cat->valuestring)
                                  : NULL;
            ptr_pop(p, old);
            size_t o4 = ptr_push_key(p, "summary");
            if (!cJSON_IsNumber(sv)) {
                violation(w, 1, p, "no \"%s\" although casualties/%zu states %.17g about the event",
                          cat->valuestring, i, fig);
                errs++;
            }
            ptr_pop(p, o4);
            old = ptr_push_key(p, "casualties");
            ptr_push_index(p, i);
        }
        errs += check_figure_links(c, claim_at, n_claims, p, w);
        ptr_pop(p, old);
    }
    free(claim_at);
    if (cJSON_IsString(status)) {
        const char *st = status->valuestring;
        if ((!strcmp(st, "error") || !strcmp(st, "empty") || !strcmp(st, "not_article") || !strcmp(st, "timeout") ||
             !strcmp(st, "unsupported_language")) &&
            cJSON_GetArraySize(cas) > 0) {
            size_t old = ptr_push_key(p, "casualties");
            violation(w, 1, p, "a record with status \"%s\" has casualties", st);
            ptr_pop(p, old);
            errs++;
        }
        if (!strcmp(st, "error") && cJSON_IsArray(errors) && cJSON_GetArraySize(errors) == 0) {
            size_t old = ptr_push_key(p, "errors");
            violation(w, 1, p, "status is \"error\" but errors is empty");
            ptr_pop(p, old);
            errs++;
        }
    }
    return errs;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    int semantic = 0;
    if (argc > 1 && !strcmp(argv[1], "--semantic")) {
        semantic = 1;
        argv++;
        argc--;
    }
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        fputs("usage: schema_check [--semantic] SCHEMA.json [FILE.jsonl ...]   (no FILE: stdin)\n",
              argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    g_schema_name = argv[1];
    size_t slen = 0;
    char *stext = read_all(argv[1], &slen);
    if (!stext) {
        fprintf(stderr, "schema_check: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    cJSON *schema = cJSON_ParseWithLength(stext, slen);
    free(stext);
    if (!schema) {
        fprintf(stderr, "schema_check: %s: not valid JSON\n", argv[1]);
        return 2;
    }
    g_root = schema;
    ptrbuf p = {0};
    check_schema(schema, &p, 0);
    int status = 0;
    long valid = 0, invalid = 0;
    if (g_schema_errors) {
        fprintf(stderr, "schema_check: %s: %d problem(s); refusing to validate with it\n",
                argv[1], g_schema_errors);
        status = 2;
        goto done;
    }

    char *line = NULL;
    size_t cap = 0;
    int nfiles = argc > 2 ? argc - 2 : 1;
    for (int fi = 0; fi < nfiles; fi++) {
        const char *name = argc > 2 ? argv[fi + 2] : "-";
        FILE *f = strcmp(name, "-") ? fopen(name, "rb") : stdin;
        if (!f) {
            fprintf(stderr, "schema_check: %s: %s\n", name, strerror(errno));
            status = 2;
            continue;
        }
        where w = {name, 0};
        ssize_t n;
        while ((n = getline(&line, &cap, f)) >= 0) {
            w.line++;
            if (blank(line, (size_t)n))
                continue;
            const char *end = NULL;
            cJSON *rec = cJSON_ParseWithLengthOpts(line, (size_t)n, &end, 0);
            ptr_pop(&p, 0);
            int errs;
            if (!rec) {
                const char *at = cJSON_GetErrorPtr();
                long off = (at && at >= line && at <= line + n) ? (long)(at - line) : -1;
                violation(&w, 1, &p, "not valid JSON (near byte %ld)", off);
                errs = 1;
            } else if (!blank(end, (size_t)(line + n - end))) {
                violation(&w, 1, &p, "trailing data after the JSON value at byte %ld",
                          (long)(end - line));
                errs = 1;
            } else {
                errs = check_duplicates(rec, &p, &w);
                errs += validate(schema, rec, &p, &w, 1, 0);
                if (semantic)
                    errs += check_semantics(rec, &p, &w);
            }
            cJSON_Delete(rec);
            if (errs)
                invalid++;
            else
                valid++;
        }
        if (ferror(f)) {
            fprintf(stderr, "schema_check: %s: read error\n", name);
            status = 2;
        }
        if (f != stdin)
            fclose(f);
    }
    free(line);
    printf("schema: %ld records valid, %ld invalid\n", valid, invalid);
    if (status == 0 && (invalid > 0 || valid == 0))
        status = 1;

done:
    for (size_t i = 0; i < g_npatterns; i++)
        regfree(&g_patterns[i].re);
    free(g_patterns);
    free(p.s);
    cJSON_Delete(schema);
    return status;
}
