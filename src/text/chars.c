/* Character classes and case (see chars.h). */
#include "text/chars.h"

#define P NC_CH_PUNCT
#define S NC_CH_SPACE
#define L NC_CH_LETTER
#define D NC_CH_DIGIT
const uint8_t nc_ascii_class[128] = {
    /* 0x00 */ P, P, P, P, P, P, P, P, P, S, S, S, S, S, P, P,
    /* 0x10 */ P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
    /* ' ' */ S, P, NC_CH_DQUOTE, P, P, P, P, NC_CH_APOS, P, P, P, P, P, NC_CH_DASH, P, P,
    /* '0' */ D, D, D, D, D, D, D, D, D, D, P, P, P, P, P, P,
    /* '@' */ P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
    /* 'P' */ L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, P,
    /* '`' */ P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
    /* 'p' */ L, L, L, L, L, L, L, L, L, L, L, P, P, P, P, P,
};
#undef P
#undef S
#undef L
#undef D

/* U+2000..U+206F, General Punctuation, one class each. */
static unsigned general_punctuation(uint32_t c)
{
    if (c <= 0x200B || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F)
        return NC_CH_SPACE;
    if (c <= 0x200F || (c >= 0x202A && c <= 0x202E) || c >= 0x2060)
        return NC_CH_FORMAT;
    if (c <= 0x2015)
        return NC_CH_DASH;
    if (c == 0x2018 || c == 0x2019)
        return NC_CH_APOS;
    if (c >= 0x201C && c <= 0x201F)
        return NC_CH_DQUOTE;
    return NC_CH_PUNCT;
}

/* U+0080..U+009F, the C1 controls. In news text they are windows-1252
 * bytes read as Latin-1 ("don\u0092t", "\u0093Yes,\u0094 he said"), so
 * they get the class of the character they stand for. */
static unsigned c1_class(uint32_t c)
{
    switch (c) {
    case 0x91: case 0x92: return NC_CH_APOS;   /* ‘ ’ */
    case 0x93: case 0x94: return NC_CH_DQUOTE; /* “ ” */
    case 0x96: case 0x97: return NC_CH_DASH;   /* – — */
    case 0x83: case 0x8A: case 0x8C: case 0x8E: case 0x9A: case 0x9C: case 0x9E: case 0x9F:
        return NC_CH_LETTER;                   /* ƒ Š Œ Ž š œ ž Ÿ */
    case 0x81: case 0x8D: case 0x8F: case 0x90: case 0x9D:
        return NC_CH_FORMAT;                   /* unassigned in windows-1252 */
    default: return NC_CH_PUNCT;               /* € ‚ „ … † ‡ ˆ ‰ ‹ • ˜ ™ › */
    }
}

unsigned nc_char_class_of(uint32_t c)
{
    if (c < 0x80)
        return nc_ascii_class[c];
    if (c < 0xA0)
        return c1_class(c);
    if (c < 0x100) { /* Latin-1 */
        if (c == 0xA0)
            return NC_CH_SPACE;
        if (c == 0xAD) /* soft hyphen */
            return NC_CH_FORMAT;
        if (c == 0xAB || c == 0xBB)
            return NC_CH_DQUOTE;
        if (c == 0xAA || c == 0xB5 || c == 0xBA || (c >= 0xC0 && c != 0xD7 && c != 0xF7))
            return NC_CH_LETTER;
        return NC_CH_PUNCT;
    }
    if (c < 0x370) /* Latin Extended, IPA, modifier letters, combining marks */
        return NC_CH_LETTER;
    if (c < 0x400) /* Greek */
        return c == 0x37E || c == 0x387 || c == 0x375 ? NC_CH_PUNCT : NC_CH_LETTER;
    if (c < 0x530) /* Cyrillic */
        return c == 0x482 ? NC_CH_PUNCT : NC_CH_LETTER;
    if (c < 0x590) /* Armenian */
        return (c >= 0x55A && c <= 0x55F) || c == 0x589 || c == 0x58A ? NC_CH_PUNCT : NC_CH_LETTER;
    if (c < 0x600) { /* Hebrew */
        if (c == 0x5BE)
            return NC_CH_DASH;
        return c == 0x5C0 || c == 0x5C3 || c == 0x5C6 || c == 0x5F3 || c == 0x5F4 ? NC_CH_PUNCT : NC_CH_LETTER;
    }
    if (c < 0x700) /* Arabic */
        return (c >= 0x600 && c <= 0x60F) || c == 0x61B || (c >= 0x61D && c <= 0x61F) ||
                       (c >= 0x66A && c <= 0x66D) || c == 0x6D4 || c == 0x6DD || c == 0x6DE || c == 0x6E9
                   ? NC_CH_PUNCT
                   : NC_CH_LETTER;
    if (c < 0x1680) /* Syriac .. Canadian syllabics: letters (their few marks of
                       punctuation are rare in news) */
        return c == 0x964 || c == 0x965 || c == 0xE4F || c == 0xE5A || c == 0xE5B ? NC_CH_PUNCT : NC_CH_LETTER;
    if (c == 0x1680)
        return NC_CH_SPACE;
    if (c < 0x2000)
        return c == 0x180E ? NC_CH_FORMAT : NC_CH_LETTER;
    if (c < 0x2070)
        return general_punctuation(c);
    if (c < 0x2C00) /* super/subscripts, currency, letterlike, arrows, maths, boxes */
        return c == 0x2212 ? NC_CH_DASH : NC_CH_PUNCT;
    if (c < 0x2E00) /* Glagolitic, Latin Extended-C, Coptic, Georgian, Tifinagh, Ethiopic */
        return NC_CH_LETTER;
    if (c < 0x2E80) /* supplemental punctuation */
        return NC_CH_PUNCT;
    if (c < 0x3000) /* CJK radicals */
        return NC_CH_LETTER;
    if (c < 0x3040) { /* CJK symbols and punctuation */
        if (c == 0x3000)
            return NC_CH_SPACE;
        return c == 0x3005 || c == 0x3006 || c == 0x3007 || (c >= 0x3021 && c <= 0x302F) ||
                       (c >= 0x3031 && c <= 0x3035)
                   ? NC_CH_LETTER
                   : NC_CH_PUNCT;
    }
    if (c < 0xD800) /* kana, CJK, Yi, Hangul */
        return c == 0x30FB ? NC_CH_PUNCT : NC_CH_LETTER;
    if (c < 0xF900) /* surrogates (never in valid text), private use */
        return NC_CH_PUNCT;
    if (c < 0xFE00) /* CJK compatibility, presentation forms */
        return c == 0xFD3E || c == 0xFD3F ? NC_CH_PUNCT : NC_CH_LETTER;
    if (c < 0xFE10)
        return NC_CH_FORMAT; /* variation selectors */
    if (c < 0xFE70) { /* vertical, combining half marks, small forms */
        if (c >= 0xFE20 && c <= 0xFE2F)
            return NC_CH_LETTER;
        return c == 0xFE58 || c == 0xFE63 ? NC_CH_DASH : NC_CH_PUNCT;
    }
    if (c < 0xFF00)
        return c == 0xFEFF ? NC_CH_SPACE : NC_CH_LETTER; /* Arabic forms; BOM */
    if (c < 0xFFF0) { /* fullwidth and halfwidth forms */
        if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A) ||
            c >= 0xFF66)
            return c >= 0xFFE0 ? NC_CH_PUNCT : NC_CH_LETTER;
        return c == 0xFF0D ? NC_CH_DASH : NC_CH_PUNCT;
    }
    if (c < 0x10000)
        return NC_CH_PUNCT; /* specials, U+FFFD */
    if (c >= 0x1F000 && c < 0x1FB00)
        return NC_CH_PUNCT; /* emoji, pictographs */
    if (c >= 0xE0000 && c < 0xE1000)
        return NC_CH_FORMAT; /* tags, variation selectors supplement */
    if (c >= 0xF0000)
        return NC_CH_PUNCT; /* private use planes */
    return NC_CH_LETTER;
}

int nc_char_is_caseless_letter(uint32_t c)
{
    return (c >= 0x0590 && c <= 0x0E7F) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) ||
           (c >= 0xAC00 && c <= 0xD7AF);
}

int nc_char_opens_quote(uint32_t c)
{
    return c == '"' || c == '\'' || c == 0x201C || c == 0x2018 || c == 0x201E || c == 0x201F || c == 0xAB ||
           c == 0x201A || c == 0x2039 || c == 0x93 || c == 0x91;
}

int nc_char_closes_quote(uint32_t c)
{
    return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == 0xBB || c == 0x203A || c == 0x94 ||
           c == 0x92;
}
