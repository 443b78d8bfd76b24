/* The one UTF-8 module: well-formedness, decoding, stepping back. Used by
 * the text decoder and segmenter, the tokenizer, the charset sniffer and
 * the HTML text writer. Header-only: these run once or more per byte. */
#ifndef NC_UTIL_UTF8_H
#define NC_UTIL_UTF8_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Length of the UTF-8 sequence at p (p[0] >= 0x80, avail bytes readable).
 * Well formed: its length (2-4) with *ok = 1. Otherwise the length of its
 * maximal invalid prefix (>= 1) with *ok = 0 — the Unicode "maximal
 * subpart" rule, so each broken sequence becomes one U+FFFD. Overlongs
 * (C0, C1, E0 80-9F, F0 80-8F), surrogates (ED A0-BF) and code points
 * above U+10FFFF (F4 90+, F5-FF) are invalid. */
static inline size_t nc_utf8_seq(const unsigned char *p, size_t avail, int *ok)
{
    unsigned char b0 = p[0];
    *ok = 0;
    if (b0 < 0xC2 || b0 > 0xF4)
        return 1;
    size_t need = b0 < 0xE0 ? 1 : b0 < 0xF0 ? 2 : 3;
    unsigned char lo = b0 == 0xE0 ? 0xA0 : b0 == 0xF0 ? 0x90 : 0x80;
    unsigned char hi = b0 == 0xED ? 0x9F : b0 == 0xF4 ? 0x8F : 0xBF;
    for (size_t k = 1; k <= need; k++) {
        if (k >= avail || p[k] < lo || p[k] > hi)
            return k;
        lo = 0x80;
        hi = 0xBF;
    }
    *ok = 1;
    return need + 1;
}

/* Length (2-4) of the well-formed sequence at p (p[0] >= 0x80), 0 when it
 * is not well formed. */
static inline size_t nc_utf8_seq_len(const unsigned char *p, size_t avail)
{
    int ok;
    size_t n = nc_utf8_seq(p, avail, &ok);
    return ok ? n : 0;
}

/* The code point of the well-formed sequence of len bytes at t[i]. */
static inline uint32_t nc_utf8_assemble(const unsigned char *t, size_t i, size_t len)
{
    unsigned char b = t[i];
    if (len == 1)
        return b;
    if (len == 2)
        return ((uint32_t)(b & 0x1F) << 6) | (t[i + 1] & 0x3F);
    if (len == 3)
        return ((uint32_t)(b & 0x0F) << 12) | ((uint32_t)(t[i + 1] & 0x3F) << 6) | (t[i + 2] & 0x3F);
    return ((uint32_t)(b & 0x07) << 18) | ((uint32_t)(t[i + 1] & 0x3F) << 12) |
           ((uint32_t)(t[i + 2] & 0x3F) << 6) | (t[i + 3] & 0x3F);
}

/* Code point at t[i] (i < end) and its byte length in *n. Text is normally
 * valid UTF-8 already; a stray byte reads as U+FFFD of length 1. */
static inline uint32_t nc_utf8_decode(const unsigned char *t, size_t i, size_t end, size_t *n)
{
    unsigned char b = t[i];
    if (b < 0x80) {
        *n = 1;
        return b;
    }
    int ok;
    size_t len = nc_utf8_seq(t + i, end - i, &ok);
    if (!ok) {
        *n = 1;
        return 0xFFFD;
    }
    *n = len;
    return nc_utf8_assemble(t, i, len);
}

/* The same for text known to be valid UTF-8 (nc_text_decode's output):
 * the length comes from the first byte alone, and nothing past end is
 * read (a cut sequence reads as U+FFFD of length 1). */
static inline uint32_t nc_utf8_decode_valid(const unsigned char *t, size_t i, size_t end, size_t *n)
{
    unsigned char b = t[i];
    size_t len = b < 0x80 ? 1 : b < 0xC2 ? 0 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF5 ? 4 : 0;
    if (len == 1) {
        *n = 1;
        return b;
    }
    if (len == 0 || len > end - i) {
        *n = 1;
        return 0xFFFD;
    }
    *n = len;
    return nc_utf8_assemble(t, i, len);
}

/* Writes code point c (< 0x110000) at out; its length (1-4). */
static inline size_t nc_utf8_encode(uint32_t c, unsigned char *out)
{
    if (c < 0x80) {
        out[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (unsigned char)(0xC0 | (c >> 6));
        out[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (c >> 12));
        out[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (c >> 18));
    out[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

/* Start of the character that ends just before i (lo <= result < i). */
static inline size_t nc_utf8_prev(const unsigned char *t, size_t lo, size_t i)
{
    size_t j = i - 1;
    while (j > lo && i - j < 4 && (t[j] & 0xC0) == 0x80)
        j--;
    return j;
}

/* Number of characters (not bytes) in t[s, e): the bytes less the
 * continuation bytes (10xxxxxx), found eight at a time (bit 7 set, bit 6
 * clear) and summed per byte lane; one multiply adds up the lanes. No
 * popcount: without -mpopcnt it is a libgcc call per word. A lane counts
 * at most 31 words, so the lanes' sum (<= 248) fits in the top byte. */
static inline size_t nc_utf8_count(const unsigned char *t, size_t s, size_t e)
{
    size_t n = e - s, i = s;
    while (e - i >= 8) {
        uint64_t lanes = 0;
        for (size_t k = 0; k < 31 && e - i >= 8; k++, i += 8) {
            uint64_t w;
            memcpy(&w, t + i, 8);
            lanes += (w & ~(w << 1) & 0x8080808080808080ull) >> 7;
        }
        n -= (size_t)((lanes * 0x0101010101010101ull) >> 56);
    }
    for (; i < e; i++)
        n -= (t[i] & 0xC0) == 0x80;
    return n;
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
