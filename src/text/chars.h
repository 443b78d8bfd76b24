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
/* Class of any code point. */
unsigned nc_char_class_of(uint32_t c);
static inline unsigned nc_char_class(uint32_t c)
{
    return c < 0x80 ? nc_ascii_class[c] : nc_char_class_of(c);
}

static inline int nc_char_is_space(uint32_t c) { return (nc_char_class(c) & NC_CH_SPACE) != 0; }
static inline int nc_char_is_word(uint32_t c) { return (nc_char_class(c) & NC_CH_WORD) != 0; }

/* Case: capitals and small letters of Latin (Latin-1, Extended-A and
 * Extended Additional), Greek, Cyrillic and Armenian. Other letters are
 * caseless. nc_char_lower() maps a capital to its small letter (of the same
 * UTF-8 length) and returns anything else unchanged. */
uint32_t nc_char_lower(uint32_t c);
int nc_char_is_upper(uint32_t c);
int nc_char_is_lower(uint32_t c);
/* Letters of scripts without case (Hebrew, Arabic, Indic, Thai, CJK,
 * Hangul): any of them may start a sentence. */
int nc_char_is_caseless_letter(uint32_t c);

/* Quote marks that open (" ' “ ‘ „ ‟ « ‚ ‹) and close (" ' ” ’ » ›) a
 * quotation (and the C1 stand-ins of ‘ ’ “ ”); the straight marks do both. */
int nc_char_opens_quote(uint32_t c);
int nc_char_closes_quote(uint32_t c);

#endif
