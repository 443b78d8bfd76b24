/*
 * jsoncmp: semantic comparison of two JSON documents (for golden tests).
 *
 *   jsoncmp EXPECTED ACTUAL      exit 0 equal, 1 different (differences
 *                                printed as "/pointer: ..."), 2 error
 *   jsoncmp --format FILE        print FILE's one JSON value indented by two
 *                                spaces, members in their original order,
 *                                arrays of plain values on one line
 *
 * FILE may be "-" for stdin. Each file must hold exactly one JSON value,
 * compact or pretty-printed. Object member order does not matter; array
 * order does; numbers compare by value (1 == 1.0).
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIFFS 40

static int ndiffs;

static char *read_file(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    if (f != stdin)
        fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

static cJSON *load(const char *path)
{
    size_t len = 0;
    char *text = read_file(path, &len);
    if (!text) {
        fprintf(stderr, "jsoncmp: %s: cannot read\n", path);
        return NULL;
    }
    const char *end = NULL;
    cJSON *v = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (!v) {
        const char *at = cJSON_GetErrorPtr();
        fprintf(stderr, "jsoncmp: %s: not valid JSON (near byte %ld)\n", path,
                at && at >= text && at <= text + len ? (long)(at - text) : -1L);
    } else {
        while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
            end++;
        if (end != text + len) {
            fprintf(stderr, "jsoncmp: %s: more than one JSON value\n", path);
            cJSON_Delete(v);
            v = NULL;
        }
    }
    free(text);
    return v;
}

static void show(const char *label, const cJSON *v)
{
    char *s = cJSON_PrintUnformatted(v);
    if (s && strlen(s) > 200)
        strcpy(s + 197, "...");
    printf("%s%s", label, s ? s : "?");
    free(s);
}

static void diff(const cJSON *a, const cJSON *b, char *path, size_t plen)
{
    if (ndiffs >= MAX_DIFFS || cJSON_Compare(a, b, 1))
        return;
    const char *shown = plen ? path : "/";
    if (cJSON_IsObject(a) && cJSON_IsObject(b)) {
        for (const cJSON *m = a->child; m; m = m->next) {
            const cJSON *o = cJSON_GetObjectItemCaseSensitive(b, m->string);
            int n = snprintf(path + plen, 4096 - plen, "/%s", m->string);
            size_t nl = n > 0 && plen + (size_t)n < 4096 ? plen + (size_t)n : plen;
            if (!o) {
                if (ndiffs++ < MAX_DIFFS) {
                    printf("%s: missing, expected ", nl ? path : "/");
                    show("", m);
                    putchar('\n');
                }
            } else {
                diff(m, o, path, nl);
            }
            path[plen] = '\0';
        }
        for (const cJSON *m = b->child; m; m = m->next)
            if (!cJSON_GetObjectItemCaseSensitive(a, m->string) && ndiffs++ < MAX_DIFFS) {
                printf("%s/%s: unexpected ", path, m->string);
                show("", m);
                putchar('\n');
            }
        return;
    }
    if (cJSON_IsArray(a) && cJSON_IsArray(b)) {
        int na = cJSON_GetArraySize(a), nb = cJSON_GetArraySize(b);
        if (na != nb && ndiffs++ < MAX_DIFFS)
            printf("%s: %d items, expected %d\n", shown, nb, na);
        const cJSON *x = a->child, *y = b->child;
        for (int i = 0; x && y; i++, x = x->next, y = y->next) {
            int n = snprintf(path + plen, 4096 - plen, "/%d", i);
            diff(x, y, path, n > 0 && plen + (size_t)n < 4096 ? plen + (size_t)n : plen);
            path[plen] = '\0';
        }
        return;
    }
    if (ndiffs++ < MAX_DIFFS) {
        printf("%s: ", shown);
        show("expected ", a);
        show(", got ", b);
        putchar('\n');
    }
}

static void indent(int level)
{
    for (int i = 0; i < level; i++)
        fputs("  ", stdout);
}

/* Whether v is an array of scalars only (printed on one line). */
static int flat_array(const cJSON *v)
{
    if (!cJSON_IsArray(v))
        return 0;
    for (const cJSON *c = v->child; c; c = c->next)
        if (cJSON_IsArray(c) || cJSON_IsObject(c))
            return 0;
    return 1;
}

static void pretty(const cJSON *v, int level)
{
    if ((cJSON_IsObject(v) || cJSON_IsArray(v)) && v->child && !flat_array(v)) {
        int obj = cJSON_IsObject(v);
        putchar(obj ? '{' : '[');
        putchar('\n');
        for (const cJSON *c = v->child; c; c = c->next) {
            indent(level + 1);
            if (obj) {
                cJSON *k = cJSON_CreateString(c->string);
                char *ks = k ? cJSON_PrintUnformatted(k) : NULL;
                printf("%s: ", ks ? ks : "\"?\"");
                free(ks);
                cJSON_Delete(k);
            }
            pretty(c, level + 1);
            puts(c->next ? "," : "");
        }
        indent(level);
        putchar(obj ? '}' : ']');
        return;
    }
    char *s = cJSON_PrintUnformatted(v);
    fputs(s ? s : "null", stdout);
    free(s);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--format") == 0) {
        cJSON *v = load(argv[2]);
        if (!v)
            return 2;
        pretty(v, 0);
        putchar('\n');
        cJSON_Delete(v);
        return 0;
    }
    if (argc != 3) {
        fputs("usage: jsoncmp EXPECTED ACTUAL | jsoncmp --format FILE\n", stderr);
        return 2;
    }
    cJSON *a = load(argv[1]);
    cJSON *b = a ? load(argv[2]) : NULL;
    if (!a || !b) {
        cJSON_Delete(a);
        return 2;
    }
    char path[4096] = "";
    diff(a, b, path, 0);
    if (ndiffs > MAX_DIFFS)
        printf("... %d differences in all\n", ndiffs);
    cJSON_Delete(a);
    cJSON_Delete(b);
    return ndiffs ? 1 : 0;
}
