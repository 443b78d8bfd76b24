/* UTF-8 well-formedness, shared by the text decoder, the charset sniffer
 * and the HTML text writer. */
#ifndef NC_UTIL_UTF8_H
#define NC_UTIL_UTF8_H
#include <stddef.h>
#include <stdint.h>

/* Length (2-4) of the well-formed UTF-8 sequence at p, whose first byte is
 * >= 0x80, with avail bytes readable; 0 when it is not well formed
 * (overlong, surrogate, above U+10FFFF, truncated). */
static inline size_t nc_utf8_seq_len(const unsigned char *p, size_t avail)
{
    unsigned char b0 = p[0];
    if (b0 < 0xC2 || b0 > 0xF4)
        return 0;
    size_t need = b0 < 0xE0 ? 1 : b0 < 0xF0 ? 2 : 3;
    unsigned char lo = b0 == 0xE0 ? 0xA0 : b0 == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = b0 == 0xED ? 0x9F : b0 == 0xF4 ? 0x8F : 0xBF;
    for (size_t k = 1; k <= need; k++) {
        if (k >= avail || p[k] < lo || p[k] > hi)
            return 0;
        lo = 0x80;
        hi = 0xBF;
    }
    return need + 1;
}

/* Code point at t[i] (i < end) and its byte length in *n. A byte that does
 * not start a well-formed sequence reads as U+FFFD of length 1. */
static inline uint32_t nc_utf8_decode(const unsigned char *t, size_t i, size_t end, size_t *n)
{
    unsigned char b = t[i];
    size_t len = b < 0x80 ? 1 : nc_utf8_seq_len(t + i, end - i);
    *n = len ? len : 1;
    if (len == 1)
        return b;
    if (len == 0)
        return 0xFFFD;
    if (len == 2)
        return ((uint32_t)(b & 0x1F) << 6) | (t[i + 1] & 0x3F);
    if (len == 3)
        return ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(t[i + 1] & 0x3F) << 6) | (t[i + 2] & 0x3F);
    return ((uint32_t)(b & 0x07) << 18) | ((uint32_t)(t[i + 1] & 0x3F) << 12) |
           ((uint32_t)(t[i + 2] & 0x3F) << 6) | (t[i + 3] & 0x3F);
}

/* Byte offsets -> code point offsets in one text: the number of code
 * points before every 64th byte, so that each lookup reads at most 63
 * bytes. The text must be valid UTF-8 (as every document text is). */
typedef struct nc_utf8_index {
    const unsigned char *text;
    size_t len;
    size_t *at; /* at[k]: code points in text[0 .. 64k) */
} nc_utf8_index;

/* 0 or NC_ENOMEM; free with nc_utf8_index_free. */
int nc_utf8_index_init(nc_utf8_index *ix, const char *text, size_t len);
void nc_utf8_index_free(nc_utf8_index *ix);
/* Code points in text[0 .. byte); byte <= len. */
size_t nc_utf8_index_cp(const nc_utf8_index *ix, size_t byte);

#endif
