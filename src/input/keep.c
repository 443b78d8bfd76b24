/* --keep-fields (see keep.h). The line was parsed and accepted already;
 * this walks its top-level members over the raw bytes, so that values are
 * copied as written rather than re-printed (a 19-digit id stays exact). */
#include "input/keep.h"
#include "newsclaims.h"
#include "util/buf.h"
#include "util/utf8.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *skip_ws(const char *p, const char *e)
{
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* p at the opening quote: just past the closing one. */
static const char *skip_string(const char *p, const char *e)
{
    for (p++; p < e && *p != '"'; p++)
        if (*p == '\\')
            p++;
    return p < e ? p + 1 : e;
}

static const char *skip_value(const char *p, const char *e)
{
    if (p < e && *p == '"')
        return skip_string(p, e);
    if (p < e && (*p == '{' || *p == '[')) {
        int depth = 0;
        while (p < e) {
            if (*p == '"') {
                p = skip_string(p, e);
                continue;
            }
            if (*p == '{' || *p == '[')
                depth++;
            else if ((*p == '}' || *p == ']') && --depth == 0)
                return p + 1;
            p++;
        }
        return e;
    }
    while (p < e && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
        p++;
    return p;
}

/* Copies a JSON value compactly, with strings made safe (see keep.h). */
static int copy_value(nc_buf *b, const char *p, const char *e)
{
    int in_str = 0, rc = 0;
    while (!rc && p < e) {
        unsigned char c = (unsigned char)*p;
        if (!in_str) {
            if (c == '"')
                in_str = 1;
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
                rc = nc_buf_append_byte(b, (char)c);
            p++;
        } else if (c == '\\' && p + 1 < e) {
            rc = nc_buf_append(b, p, 2);
            p += 2;
        } else if (c == '"') {
            in_str = 0;
            rc = nc_buf_append_byte(b, '"');
            p++;
        } else if (c < 0x20) {
            char esc[8];
            snprintf(esc, sizeof esc, "\\u%04x", c);
            rc = nc_buf_append_str(b, esc);
            p++;
        } else if (c < 0x80) {
            rc = nc_buf_append_byte(b, (char)c);
            p++;
        } else {
            size_t n = nc_utf8_seq_len((const unsigned char *)p, (size_t)(e - p));
            rc = n ? nc_buf_append(b, p, n) : nc_buf_append_str(b, "\xEF\xBF\xBD");
            p += n ? n : 1;
        }
    }
    return rc;
}

/* The key [k, ke) (with its quotes) decoded, for comparison; malloc'd. */
static char *key_text(const char *k, const char *ke)
{
    if (!memchr(k, '\\', (size_t)(ke - k)))
        return nc_strndup(k + 1, (size_t)(ke - k - 2));
    cJSON *s = cJSON_ParseWithLength(k, (size_t)(ke - k));
    char *t = cJSON_IsString(s) ? strdup(s->valuestring) : strdup("");
    cJSON_Delete(s);
    return t;
}

static int in_spec(const char *spec, const char *name)
{
    size_t n = strlen(name), l;
    const char *p = spec, *s;
    while (nc_keep_spec_next(spec, &p, &s, &l))
        if (l == n && memcmp(s, name, n) == 0)
            return 1;
    return 0;
}

int nc_keep_spec_next(const char *spec, const char **p, const char **name, size_t *len)
{
    while (**p) {
        const char *s = *p, *c = strchr(s, ',');
        size_t n = c ? (size_t)(c - s) : strlen(s);
        *p = s + n + (c ? 1 : 0);
        int dup = 0;
        for (const char *q = spec; q < s && !dup;) {
            const char *qc = strchr(q, ',');
            size_t qn = qc ? (size_t)(qc - q) : strlen(q);
            dup = qn == n && memcmp(q, s, n) == 0;
            q += qn + (qc ? 1 : 0);
        }
        if (!dup) {
            *name = s;
            *len = n;
            return 1;
        }
    }
    return 0;
}

/* Whether name was copied already (a duplicate member). */
static int seen(char **names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

int nc_keep_fields(const char *line, size_t len, const char *spec, const char *text_field, char **out)
{
    const char *p = skip_ws(line, line + len), *e = line + len;
    int all = strcmp(spec, "all") == 0, rc = 0;
    nc_buf b = {0};
    char **names = NULL;
    size_t n_names = 0;
    *out = NULL;
    if (p >= e || *p != '{')
        return NC_EJSON;
    p = skip_ws(p + 1, e);
    rc = nc_buf_append_byte(&b, '{');
    while (!rc && p < e && *p == '"') {
        const char *k = p, *ke = skip_string(p, e);
        const char *v = skip_ws(ke, e);
        if (v >= e || *v != ':')
            break;
        v = skip_ws(v + 1, e);
        const char *ve = skip_value(v, e);
        char *name = key_text(k, ke);
        if (!name) {
            rc = NC_ENOMEM;
            break;
        }
        int want = (all ? strcmp(name, text_field) != 0 : in_spec(spec, name)) && !seen(names, n_names, name);
        if (want) {
            char **nn = realloc(names, (n_names + 1) * sizeof *names);
            if (!nn) {
                free(name);
                rc = NC_ENOMEM;
                break;
            }
            names = nn;
            names[n_names++] = name;
            if ((n_names > 1 && nc_buf_append_byte(&b, ',')) || copy_value(&b, k, ke) ||
                nc_buf_append_byte(&b, ':') || copy_value(&b, v, ve))
                rc = NC_ENOMEM;
        } else {
            free(name);
        }
        p = skip_ws(ve, e);
        if (p < e && *p == ',')
            p = skip_ws(p + 1, e);
    }
    for (size_t i = 0; i < n_names; i++)
        free(names[i]);
    free(names);
    if (!rc)
        rc = nc_buf_append_byte(&b, '}');
    if (rc) {
        nc_buf_free(&b);
        return rc;
    }
    *out = nc_buf_take(&b, NULL);
    return 0;
}

int nc_keep_field_get(const char *fields, const char *name, size_t len, const char **v, size_t *n)
{
    const char *p = fields, *e = fields + strlen(fields);
    if (p >= e || *p != '{')
        return 0;
    for (p++; p < e && *p == '"';) {
        const char *k = p, *ke = skip_string(p, e);
        if (ke >= e || *ke != ':')
            return 0;
        const char *val = ke + 1, *ve = skip_value(val, e);
        char *key = key_text(k, ke);
        if (!key)
            return NC_ENOMEM;
        int match = strlen(key) == len && memcmp(key, name, len) == 0;
        free(key);
        if (match) {
            *v = val;
            *n = (size_t)(ve - val);
            return 1;
        }
        p = ve < e && *ve == ',' ? ve + 1 : e;
    }
    return 0;
}
