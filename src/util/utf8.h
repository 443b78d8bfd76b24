/* UTF-8 well-formedness, shared by the text decoder, the charset sniffer
 * and the HTML text writer. */
#ifndef NC_UTIL_UTF8_H
#define NC_UTIL_UTF8_H
#include <stddef.h>

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

#endif
