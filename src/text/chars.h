/* The one definition of what a character is to the text layer: space,
 * letter, digit, apostrophe, dash, quote mark, capital. The segmenter, the
 * tokenizer (and through it every extractor) and the data loaders ask
 * here, so "North<U+3000>Korea" is two words to all of them.
 *
 * Classes are bits so that callers can test several at once. ASCII is
 * answered from a table; other code points by ranges (chars.c), close to
 * Unicode's general categories for the scripts news is written in. The C1
 * controls U+0080..U+009F get the class of the windows-1252 character they
 * stand for in text read as Latin-1 (U+0092 is an apostrophe). */
#ifndef NC_TEXT_CHARS_H
#define NC_TEXT_CHARS_H
#include <stddef.h>
#include <stdint.h>

enum nc_char_class {
    NC_CH_PUNCT = 1 << 0,  /* punctuation and symbols: each a token of its own */
    NC_CH_SPACE = 1 << 1,  /* white space: ASCII, no-break, thin, ideographic, ZWSP, BOM */
    NC_CH_LETTER = 1 << 2, /* a letter of any script, or a combining mark */
    NC_CH_DIGIT = 1 << 3,  /* 0-9 */
    NC_CH_APOS = 1 << 4,   /* ' U+2018 U+2019: apostrophes and single quotes */
    NC_CH_DASH = 1 << 5,   /* - U+2010..U+2015 U+2212 and the small/fullwidth hyphens */
    NC_CH_DQUOTE = 1 << 6, /* " U+201C U+201D U+201E U+201F U+00AB U+00BB */
    NC_CH_FORMAT = 1 << 7  /* invisible inside a word: soft hyphen, C1 controls, ZWJ, ZWNJ, LRM,
                              RLM, bidi controls, variation selectors */
};
#define NC_CH_WORD (NC_CH_LETTER | NC_CH_DIGIT) /* what a word is made of */

/* Class of an ASCII byte (c < 0x80). */
extern const uint8_t nc_ascii_class[128];

/* A byte lower-cased if it is an ASCII capital, else itself: tolower() in
 * the C locale without its call, safe on the bytes of UTF-8 (which
 * nc_char_lower, taking code points, is not). */
static inline unsigned char nc_ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}
/* Class of any code point. */
unsigned nc_char_class_of(uint32_t c);
static inline unsigned nc_char_class(uint32_t c)
{
    return c < 0x80 ? nc_ascii_class[c] : nc_char_class_of(c);
}

/* For U+00C0..U+04FF (two-byte Latin, Greek, Cyrillic) only: whether c is
 * a letter, as nc_char_class() says, without its range walk. */
static inline int nc_char_is_letter_c0_4ff(uint32_t c)
{
    return c != 0xD7 && c != 0xF7 && c != 0x375 && c != 0x37E && c != 0x387 && c != 0x482;
}

static inline int nc_char_is_space(uint32_t c) { return (nc_char_class(c) & NC_CH_SPACE) != 0; }
static inline int nc_char_is_word(uint32_t c) { return (nc_char_class(c) & NC_CH_WORD) != 0; }

/* Case: capitals and small letters of Latin (Latin-1, Extended-A and
 * Extended Additional), Greek, Cyrillic and Armenian. Other letters are
 * caseless. nc_char_lower() maps a capital to its small letter (of the same
 * UTF-8 length) and returns anything else unchanged. */
static inline uint32_t nc_char_lower(uint32_t c);
static inline int nc_char_is_upper(uint32_t c);
static inline int nc_char_is_lower(uint32_t c);
/* (inline: the tokenizer asks for every letter beyond ASCII) */
/* Capital -> small letter for the cased scripts; everything else as is. */
static inline uint32_t nc_char_lower(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    if (c < 0x100)
        return c >= 0xC0 && c <= 0xDE && c != 0xD7 ? c + 32 : c;
    if (c < 0x180) {
        if ((c <= 0x137 && c % 2 == 0) || (c >= 0x14A && c <= 0x177 && c % 2 == 0))
            return c + 1;
        if ((c >= 0x139 && c <= 0x148 && c % 2 == 1) || c == 0x179 || c == 0x17B || c == 0x17D)
            return c + 1;
        return c == 0x178 ? 0xFF : c;
    }
    if (c >= 0x386 && c <= 0x3AB) { /* Greek */
        if (c == 0x386)
            return 0x3AC;
        if (c >= 0x388 && c <= 0x38A)
            return c + 37;
        if (c == 0x38C)
            return 0x3CC;
        if (c == 0x38E || c == 0x38F)
            return c + 63;
        if (c >= 0x391 && c != 0x3A2)
            return c + 32;
        return c;
    }
    if (c >= 0x400 && c <= 0x42F) /* Cyrillic */
        return c < 0x410 ? c + 80 : c + 32;
    if (c >= 0x531 && c <= 0x556) /* Armenian */
        return c + 48;
    if (c >= 0x1E00 && c <= 0x1EFF && c % 2 == 0 && !(c >= 0x1E96 && c <= 0x1E9F)) /* Latin Extended Additional */
        return c + 1;
    return c;
}

static inline int nc_char_is_upper(uint32_t c) { return nc_char_lower(c) != c; }

static inline int nc_char_is_lower(uint32_t c)
{
    if (c < 0x80)
        return c >= 'a' && c <= 'z';
    if (c < 0x100)
        return c >= 0xDF && c != 0xF7;
    if (c < 0x180)
        return c == 0x138 || c == 0x149 || c == 0x17F || nc_char_lower(c - 1) == c;
    if (c >= 0x3AC && c <= 0x3CE)
        return 1;
    if (c >= 0x430 && c <= 0x45F)
        return 1;
    if (c >= 0x561 && c <= 0x587)
        return 1;
    if (c >= 0x1E00 && c <= 0x1EFF)
        return c % 2 == 1 || (c >= 0x1E96 && c <= 0x1E9F);
    return 0;
}

/* Letters of scripts without case (Hebrew, Arabic, Indic, Thai, CJK,
 * Hangul): any of them may start a sentence. */
int nc_char_is_caseless_letter(uint32_t c);

/* Quote marks that open (" ' “ ‘ „ ‟ « ‚ ‹) and close (" ' ” ’ » ›) a
 * quotation (and the C1 stand-ins of ‘ ’ “ ”); the straight marks do both. */
int nc_char_opens_quote(uint32_t c);
int nc_char_closes_quote(uint32_t c);

#endif
