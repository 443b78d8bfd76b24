/* JSON Lines input: one JSON object per line, the document text in one of
 * its string fields.
 *
 * "\u0000" escapes: cJSON returns NUL-terminated strings without a length,
 * so a NUL would silently cut the text short. Such escapes are rewritten to
 * "\u0020" (a space) before parsing; a space keeps neighbouring words apart
 * and the rest of the text is kept. A raw NUL byte is not JSON: that line
 * fails ("line N: NUL byte at byte K"), the others are read as usual.
 *
 * Lone surrogate escapes ("\udc80", which Python's json.dumps writes for
 * bytes it could not decode) are rewritten to "\ufffd" before parsing, so
 * the document keeps its text with one U+FFFD where the byte was, instead
 * of failing as invalid JSON. */
#include "input/input.h"
#include "newsclaims.h"
#include "util/buf.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_json_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int only_space(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_json_space(p[i]))
            return 0;
    }
    return 1;
}

/* Sets doc->error to "line N: ..." (formatted). 0 or NC_ENOMEM. */
static int set_error(nc_jsonl_doc *doc, size_t lineno, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int set_error(nc_jsonl_doc *doc, size_t lineno, const char *fmt, ...)
{
    char reason[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    int n = snprintf(NULL, 0, "line %zu: %s", lineno, reason);
    free(doc->error);
    doc->error = malloc((size_t)n + 1);
    if (!doc->error)
        return NC_ENOMEM;
    snprintf(doc->error, (size_t)n + 1, "line %zu: %s", lineno, reason);
    return 0;
}

static int hex4(const char *p, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
                   : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                   : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16u;
        if (d > 15)
            return 0;
        *v = *v << 4 | d;
    }
    return 1;
}

/* Finds the escapes cJSON would mishandle and, when out is not NULL,
 * rewrites them there (a copy of line): "\u0000" becomes "\u0020", a lone
 * surrogate "\ufffd". Escapes are walked pairwise so that "\\u0000" (a
 * backslash, then text) is left alone; backslashes only occur inside JSON
 * strings. How many escapes need rewriting; SIZE_MAX for a "\u" without
 * four hex digits, which makes the line invalid. */
static size_t fix_escapes(const char *line, size_t len, char *out)
{
    size_t fixes = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        if (line[i] != '\\')
            continue;
        unsigned v, w;
        if (line[i + 1] != 'u') {
            i++; /* skip the escaped character */
            continue;
        }
        if (i + 6 > len || !hex4(line + i + 2, &v))
            return SIZE_MAX; /* cJSON would read it as U+0000 and cut the text there */
        const char *fix = NULL;
        if (v == 0)
            fix = "0020";
        else if (v >= 0xD800 && v <= 0xDBFF && i + 12 <= len && line[i + 6] == '\\' &&
                 line[i + 7] == 'u' && hex4(line + i + 8, &w) && w >= 0xDC00 && w <= 0xDFFF)
            i += 6; /* a valid pair: both halves kept */
        else if (v >= 0xD800 && v <= 0xDFFF)
            fix = "fffd";
        if (fix) {
            fixes++;
            if (out)
                memcpy(out + i + 2, fix, 4);
        }
        i += 5;
    }
    return fixes;
}

/* A JSON number as id text: integers plainly ("42"), others in the
 * shortest form that reads back to the same double. NULL if out of memory. */
static char *number_text(double v)
{
    char tmp[64];
    /* the range check keeps the cast defined */
    if (v > -9.2e18 && v < 9.2e18 && v == (double)(long long)v) {
        snprintf(tmp, sizeof tmp, "%lld", (long long)v);
    } else {
        for (int prec = 15; prec <= 17; prec++) {
            snprintf(tmp, sizeof tmp, "%.*g", prec, v);
            if (strtod(tmp, NULL) == v)
                break;
        }
    }
    return strdup(tmp);
}

/* Copies a string member of obj into *dst (left NULL when absent or not a
 * string). 0 or NC_ENOMEM. */
static int copy_string(const cJSON *obj, const char *name, char **dst)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (!cJSON_IsString(item) || !item->valuestring)
        return 0;
    *dst = strdup(item->valuestring);
    return *dst ? 0 : NC_ENOMEM;
}

static int copy_id(const cJSON *obj, const char *name, char **dst)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, name);
    if (cJSON_IsNumber(item)) {
        if (!isfinite(item->valuedouble))
            return 0;
        *dst = number_text(item->valuedouble);
        return *dst ? 0 : NC_ENOMEM;
    }
    return copy_string(obj, name, dst);
}

/* Fills doc from a parsed line. 0 or NC_ENOMEM. */
static int fill_doc(cJSON *root, size_t lineno, const char *text_field,
                    const char *id_field, nc_jsonl_doc *doc)
{
    if (!cJSON_IsObject(root))
        return set_error(doc, lineno, "not a JSON object");
    /* the id first, so that a line without text can still be identified */
    if (copy_id(root, id_field, &doc->id) || copy_string(root, "url", &doc->url) ||
        copy_string(root, "title", &doc->title))
        return NC_ENOMEM;
    /* the text is taken from the tree, not copied: a large line is held
     * once less (cJSON allocates with malloc) */
    cJSON *text = cJSON_GetObjectItemCaseSensitive(root, text_field);
    if (cJSON_IsString(text) && text->valuestring) {
        doc->text = text->valuestring;
        text->valuestring = NULL;
    }
    if (!doc->text)
        return set_error(doc, lineno, "no string field \"%s\"", text_field);
    doc->len = strlen(doc->text);
    return 0;
}

int nc_jsonl_parse(const char *line, size_t len, size_t lineno,
                   const char *text_field, const char *id_field, nc_jsonl_doc *doc)
{
    char *copy = NULL;
    cJSON *root = NULL;
    int rc = 0;
    memset(doc, 0, sizeof *doc);
    if (!text_field)
        text_field = "text";
    if (!id_field)
        id_field = "id";
    if (only_space(line, len)) {
        rc = set_error(doc, lineno, "empty line");
        goto out;
    }
    const char *nul = memchr(line, '\0', len);
    if (nul) {
        rc = set_error(doc, lineno, "NUL byte at byte %zu (not allowed in JSON)", (size_t)(nul - line) + 1);
        goto out;
    }
    size_t fixes = fix_escapes(line, len, NULL);
    if (fixes == SIZE_MAX) {
        rc = set_error(doc, lineno, "invalid JSON");
        goto out;
    }
    if (fixes) {
        copy = nc_strndup(line, len);
        if (!copy) {
            rc = NC_ENOMEM;
            goto out;
        }
        fix_escapes(line, len, copy);
        line = copy;
    }
    const char *end = NULL;
    root = cJSON_ParseWithLengthOpts(line, len, &end, 0);
    /* cJSON stops after the first value; anything but spaces after it
     * makes the line invalid too */
    if (!root || !end || end < line || !only_space(end, len - (size_t)(end - line))) {
        rc = set_error(doc, lineno, "invalid JSON");
        goto out;
    }
    rc = fill_doc(root, lineno, text_field, id_field, doc);
out:
    if (rc)
        nc_jsonl_doc_clear(doc);
    cJSON_Delete(root);
    free(copy);
    return rc;
}

void nc_jsonl_doc_clear(nc_jsonl_doc *doc)
{
    free(doc->text);
    free(doc->id);
    free(doc->url);
    free(doc->title);
    free(doc->error);
    memset(doc, 0, sizeof *doc);
}
