/* Growable byte buffer and string list. The owner frees with nc_buf_free /
 * nc_strlist_free; data is always NUL-terminated once anything was added. */
#ifndef NC_UTIL_BUF_H
#define NC_UTIL_BUF_H
#include <stddef.h>

typedef struct nc_buf {
    char *data;
    size_t len, cap;
} nc_buf;

int nc_buf_reserve(nc_buf *b, size_t extra);           /* 0 or NC_ENOMEM */
int nc_buf_append(nc_buf *b, const char *s, size_t n); /* 0 or NC_ENOMEM */
int nc_buf_append_str(nc_buf *b, const char *s);
int nc_buf_append_byte(nc_buf *b, char c);
/* Hands the data to the caller (who frees it with free()); b becomes empty. */
char *nc_buf_take(nc_buf *b, size_t *len);
void nc_buf_free(nc_buf *b);

typedef struct nc_strlist {
    char **items;
    size_t n, cap;
} nc_strlist;

int nc_strlist_add(nc_strlist *l, const char *s);          /* copies s */
int nc_strlist_addf(nc_strlist *l, const char *fmt, ...)   /* formatted */
    __attribute__((format(printf, 2, 3)));
void nc_strlist_free(nc_strlist *l);

/* strndup that returns NULL only on out of memory */
char *nc_strndup(const char *s, size_t n);

#endif
