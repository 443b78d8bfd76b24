#include "util/buf.h"
#include "newsclaims.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int nc_buf_reserve(nc_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2)
            return NC_ENOMEM;
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p)
        return NC_ENOMEM;
    b->data = p;
    b->cap = cap;
    return 0;
}

int nc_buf_append(nc_buf *b, const char *s, size_t n)
{
    if (nc_buf_reserve(b, n))
        return NC_ENOMEM;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int nc_buf_append_str(nc_buf *b, const char *s) { return nc_buf_append(b, s, strlen(s)); }

int nc_buf_append_byte(nc_buf *b, char c) { return nc_buf_append(b, &c, 1); }

char *nc_buf_take(nc_buf *b, size_t *len)
{
    char *d = b->data;
    if (!d)
        d = calloc(1, 1);
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return d;
}

void nc_buf_free(nc_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static int strlist_push(nc_strlist *l, char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        char **p = realloc(l->items, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        l->items = p;
        l->cap = cap;
    }
    l->items[l->n++] = s;
    return 0;
}

int nc_strlist_add(nc_strlist *l, const char *s)
{
    char *c = strdup(s);
    if (!c)
        return NC_ENOMEM;
    if (strlist_push(l, c)) {
        free(c);
        return NC_ENOMEM;
    }
    return 0;
}

int nc_strlist_addf(nc_strlist *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NC_EINVAL;
    char *s = malloc((size_t)n + 1);
    if (!s)
        return NC_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (strlist_push(l, s)) {
        free(s);
        return NC_ENOMEM;
    }
    return 0;
}

void nc_strlist_free(nc_strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    free(l->items);
    l->items = NULL;
    l->n = l->cap = 0;
}

char *nc_strndup(const char *s, size_t n)
{
    char *c = malloc(n + 1);
    if (!c)
        return NULL;
    memcpy(c, s, n);
    c[n] = '\0';
    return c;
}
