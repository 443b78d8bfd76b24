/*
 * jget: print one field of each JSON value read from stdin (a tiny jq
 * subset for the CLI tests, so assertions compare exact values).
 *
 *   jget [-r] PATH < input
 *
 * The input is any sequence of JSON values separated by white space
 * (compact JSON Lines or pretty-printed records). For each value, PATH is
 * applied and the result printed compactly on its own line.
 *
 * PATH:  "."                 the whole value
 *        ".a.b[0].c"         object members and array elements
 *        "[-1]"              negative indexes count from the end
 *        "PATH|length"       element count of an array or object, byte
 *                            length of a string, 0 for null
 * -r     print strings raw (no quotes, no escaping).
 *
 * Exit status: 0 every value had PATH; 1 PATH was absent in some value
 * (nothing is printed for that value) or there was no input value;
 * 2 usage error, malformed input or a bad PATH.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_stdin(size_t *len)
{
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    while ((got = fread(buf + n, 1, cap - n - 1, stdin)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Applies PATH to v. Returns 0 found (*out set; *len_out >= 0 when the
 * result is a length), 1 absent, 2 bad path. */
static int apply(const char *path, const cJSON *v, const cJSON **out, long *len_out)
{
    const char *p = path;
    char key[256];
    *len_out = -1;
    if (*p == '.' && (p[1] == '\0' || p[1] == '|' || p[1] == ' ' || p[1] == '['))
        p++;
    while (*p && *p != '|' && *p != ' ') {
        if (*p == '.') {
            size_t n = 0;
            p++;
            while (*p && *p != '.' && *p != '[' && *p != '|' && *p != ' ') {
                if (n + 1 >= sizeof key)
                    return 2;
                key[n++] = *p++;
            }
            key[n] = '\0';
            if (n == 0)
                return 2;
            if (!cJSON_IsObject(v))
                return 1;
            v = cJSON_GetObjectItemCaseSensitive(v, key);
            if (!v)
                return 1;
        } else if (*p == '[') {
            char *end;
            long i = strtol(p + 1, &end, 10);
            if (end == p + 1 || *end != ']')
                return 2;
            p = end + 1;
            if (!cJSON_IsArray(v))
                return 1;
            int size = cJSON_GetArraySize(v);
            if (i < 0)
                i += size;
            if (i < 0 || i >= size)
                return 1;
            v = cJSON_GetArrayItem(v, (int)i);
        } else {
            return 2;
        }
    }
    while (*p == ' ')
        p++;
    if (*p == '|') {
        p++;
        while (*p == ' ')
            p++;
        if (strcmp(p, "length") != 0)
            return 2;
        if (cJSON_IsArray(v) || cJSON_IsObject(v))
            *len_out = cJSON_GetArraySize(v);
        else if (cJSON_IsString(v))
            *len_out = (long)strlen(v->valuestring);
        else if (cJSON_IsNull(v))
            *len_out = 0;
        else
            return 2;
    } else if (*p) {
        return 2;
    }
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    int raw = 0, argi = 1;
    if (argi < argc && strcmp(argv[argi], "-r") == 0) {
        raw = 1;
        argi++;
    }
    if (argc - argi != 1 || (argv[argi][0] != '.' && argv[argi][0] != '[')) {
        fputs("usage: jget [-r] PATH < json   (PATH like .a.b[0].c or .list|length)\n", stderr);
        return 2;
    }
    const char *path = argv[argi];
    size_t len;
    char *buf = read_stdin(&len);
    if (!buf) {
        fputs("jget: out of memory\n", stderr);
        return 2;
    }
    int status = 0, seen = 0;
    const char *p = buf, *end = buf + len;
    for (;;) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
            p++;
        if (p >= end)
            break;
        const char *stop = NULL;
        cJSON *v = cJSON_ParseWithLengthOpts(p, (size_t)(end - p), &stop, 0);
        if (!v) {
            fprintf(stderr, "jget: malformed JSON input near byte %ld\n", (long)(p - buf));
            free(buf);
            return 2;
        }
        seen++;
        const cJSON *r = NULL;
        long n;
        int rc = apply(path, v, &r, &n);
        if (rc == 2) {
            fprintf(stderr, "jget: bad path %s\n", path);
            cJSON_Delete(v);
            free(buf);
            return 2;
        }
        if (rc == 1) {
            status = 1;
        } else if (n >= 0) {
            printf("%ld\n", n);
        } else if (raw && cJSON_IsString(r)) {
            fputs(r->valuestring, stdout);
            putchar('\n');
        } else {
            char *s = cJSON_PrintUnformatted(r);
            if (!s) {
                fputs("jget: out of memory\n", stderr);
                cJSON_Delete(v);
                free(buf);
                return 2;
            }
            puts(s);
            free(s);
        }
        cJSON_Delete(v);
        p = stop;
    }
    free(buf);
    return seen ? status : 1;
}
