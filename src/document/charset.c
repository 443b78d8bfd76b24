/* Page encodings: detection (BOM, declaration, whole-document sniffing) and
 * conversion to UTF-8. UTF-8, UTF-16 and windows-1252 are decoded here;
 * every other charset goes through iconv(3), one conversion descriptor per
 * call, so this is thread-safe and keeps no state. */
#include "util/utf8.h"
#include "document/charset.h"
#include "newsclaims.h"
#include "util/buf.h"
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Declarations are looked for before <body>, and at most this far in. */
#define DECL_WINDOW (1u << 20)

typedef struct charset {
    const char *name;  /* canonical (WHATWG) name, reported in meta.encoding */
    const char *iconv; /* iconv name; NULL: decoded here */
} charset;

static const charset CS_UTF8 = {"UTF-8", NULL};
static const charset CS_UTF16LE = {"UTF-16LE", NULL};
static const charset CS_UTF16BE = {"UTF-16BE", NULL};
static const charset CS_1252 = {"windows-1252", NULL};
static const charset CS_GBK = {"GBK", "GB18030"};
static const charset CS_SJIS = {"Shift_JIS", "CP932"};

/* Labels (lower case) → charset. ISO-8859-1 and US-ASCII mean
 * windows-1252, as browsers read them; a UTF-16 label inside an
 * ASCII-readable page cannot be true, so it means UTF-8 (WHATWG). */
static const struct {
    const char *label;
    charset cs;
} LABELS[] = {
    {"utf-8", {"UTF-8", NULL}}, {"utf8", {"UTF-8", NULL}}, {"unicode-1-1-utf-8", {"UTF-8", NULL}},
    {"utf-16", {"UTF-8", NULL}}, {"utf-16le", {"UTF-8", NULL}}, {"utf-16be", {"UTF-8", NULL}},
    {"windows-1252", {"windows-1252", NULL}}, {"cp1252", {"windows-1252", NULL}},
    {"x-cp1252", {"windows-1252", NULL}}, {"iso-8859-1", {"windows-1252", NULL}},
    {"iso8859-1", {"windows-1252", NULL}}, {"iso_8859-1", {"windows-1252", NULL}},
    {"latin1", {"windows-1252", NULL}}, {"l1", {"windows-1252", NULL}},
    {"us-ascii", {"windows-1252", NULL}}, {"ascii", {"windows-1252", NULL}},
    {"cp819", {"windows-1252", NULL}}, {"ansi_x3.4-1968", {"windows-1252", NULL}},
    {"gbk", {"GBK", "GB18030"}}, {"gb2312", {"GBK", "GB18030"}}, {"gb_2312", {"GBK", "GB18030"}},
    {"gb_2312-80", {"GBK", "GB18030"}}, {"x-gbk", {"GBK", "GB18030"}}, {"cp936", {"GBK", "GB18030"}},
    {"csgb2312", {"GBK", "GB18030"}}, {"euc-cn", {"GBK", "GB18030"}}, {"chinese", {"GBK", "GB18030"}},
    {"gb18030", {"gb18030", "GB18030"}},
    {"shift_jis", {"Shift_JIS", "CP932"}}, {"shift-jis", {"Shift_JIS", "CP932"}},
    {"sjis", {"Shift_JIS", "CP932"}}, {"x-sjis", {"Shift_JIS", "CP932"}},
    {"windows-31j", {"Shift_JIS", "CP932"}}, {"ms_kanji", {"Shift_JIS", "CP932"}},
    {"cp932", {"Shift_JIS", "CP932"}}, {"ms932", {"Shift_JIS", "CP932"}},
    {"csshiftjis", {"Shift_JIS", "CP932"}},
    {"euc-jp", {"EUC-JP", "EUC-JP"}}, {"x-euc-jp", {"EUC-JP", "EUC-JP"}},
    {"euc-kr", {"EUC-KR", "CP949"}}, {"ks_c_5601-1987", {"EUC-KR", "CP949"}},
    {"cp949", {"EUC-KR", "CP949"}}, {"windows-949", {"EUC-KR", "CP949"}},
    {"big5", {"Big5", "BIG5-HKSCS"}}, {"big5-hkscs", {"Big5", "BIG5-HKSCS"}},
    {"x-x-big5", {"Big5", "BIG5-HKSCS"}}, {"cn-big5", {"Big5", "BIG5-HKSCS"}},
    {"koi8-r", {"KOI8-R", "KOI8-R"}}, {"koi8r", {"KOI8-R", "KOI8-R"}}, {"koi8-u", {"KOI8-U", "KOI8-U"}},
    {"macintosh", {"macintosh", "MACINTOSH"}}, {"ibm866", {"IBM866", "CP866"}},
    {"cp866", {"IBM866", "CP866"}}, {"windows-874", {"windows-874", "CP874"}},
    {"tis-620", {"windows-874", "CP874"}},
    {"iso-8859-2", {"ISO-8859-2", "ISO-8859-2"}}, {"iso-8859-3", {"ISO-8859-3", "ISO-8859-3"}},
    {"iso-8859-4", {"ISO-8859-4", "ISO-8859-4"}}, {"iso-8859-5", {"ISO-8859-5", "ISO-8859-5"}},
    {"iso-8859-6", {"ISO-8859-6", "ISO-8859-6"}}, {"iso-8859-7", {"ISO-8859-7", "ISO-8859-7"}},
    {"iso-8859-8", {"ISO-8859-8", "ISO-8859-8"}}, {"iso-8859-8-i", {"ISO-8859-8", "ISO-8859-8"}},
    {"iso-8859-9", {"ISO-8859-9", "ISO-8859-9"}}, {"iso-8859-10", {"ISO-8859-10", "ISO-8859-10"}},
    {"iso-8859-11", {"ISO-8859-11", "ISO-8859-11"}}, {"iso-8859-13", {"ISO-8859-13", "ISO-8859-13"}},
    {"iso-8859-14", {"ISO-8859-14", "ISO-8859-14"}}, {"iso-8859-15", {"ISO-8859-15", "ISO-8859-15"}},
    {"iso-8859-16", {"ISO-8859-16", "ISO-8859-16"}}, {"latin2", {"ISO-8859-2", "ISO-8859-2"}},
    {"windows-1250", {"windows-1250", "CP1250"}}, {"windows-1251", {"windows-1251", "CP1251"}},
    {"windows-1253", {"windows-1253", "CP1253"}}, {"windows-1254", {"windows-1254", "CP1254"}},
    {"windows-1255", {"windows-1255", "CP1255"}}, {"windows-1256", {"windows-1256", "CP1256"}},
    {"windows-1257", {"windows-1257", "CP1257"}}, {"windows-1258", {"windows-1258", "CP1258"}},
    {"cp1250", {"windows-1250", "CP1250"}}, {"cp1251", {"windows-1251", "CP1251"}},
};

static int lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int find_label(const char *label, charset *cs)
{
    char low[32];
    size_t n = 0;
    for (; label[n] && n + 1 < sizeof low; n++)
        low[n] = (char)lower((unsigned char)label[n]);
    low[n] = '\0';
    /* iso8859-N / iso_8859-N spellings */
    if ((strncmp(low, "iso8859-", 8) == 0 || strncmp(low, "iso_8859-", 9) == 0) && strcmp(low + (low[3] == '_' ? 9 : 8), "1") != 0) {
        char alt[32];
        snprintf(alt, sizeof alt, "iso-8859-%s", low + (low[3] == '_' ? 9 : 8));
        memcpy(low, alt, sizeof low);
    }
    for (size_t i = 0; i < sizeof LABELS / sizeof LABELS[0]; i++)
        if (strcmp(LABELS[i].label, low) == 0) {
            *cs = LABELS[i].cs;
            return 1;
        }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Declarations                                                        */
/* ------------------------------------------------------------------ */

static int starts_ci(const unsigned char *p, const unsigned char *end, const char *lit)
{
    size_t n = strlen(lit);
    if ((size_t)(end - p) < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower(p[i]) != (unsigned char)lit[i])
            return 0;
    return 1;
}

/* Reads `charset = value` (value quoted or not) starting in [p, end) at
 * the first "charset" occurrence; the label goes to out. */
static int read_charset_attr(const unsigned char *p, const unsigned char *end, const char *key,
                             char *out, size_t outlen)
{
    for (; p < end; p++) {
        if (!starts_ci(p, end, key))
            continue;
        const unsigned char *q = p + strlen(key);
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
            q++;
        if (q >= end || *q != '=')
            continue;
        q++;
        while (q < end && (*q == ' ' || *q == '"' || *q == '\'' || *q == '\t' || *q == '\n'))
            q++;
        size_t n = 0;
        while (q < end && n + 1 < outlen &&
               ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
                *q == '-' || *q == '_' || *q == '.' || *q == ':'))
            out[n++] = (char)*q++;
        out[n] = '\0';
        if (n)
            return 1;
    }
    return 0;
}

/* The charset label declared by the page, if any. */
static int declared_label(const unsigned char *in, size_t len, char *label, size_t labellen)
{
    const unsigned char *end = in + (len < DECL_WINDOW ? len : DECL_WINDOW);
    const unsigned char *p = in;
    if (starts_ci(p, end, "<?xml")) {
        const unsigned char *close = memchr(p, '>', (size_t)(end - p));
        if (close && read_charset_attr(p, close, "encoding", label, labellen))
            return 1;
    }
    for (; p < end; p++) {
        if (*p != '<' && !(p = memchr(p, '<', (size_t)(end - p))))
            return 0;
        if (starts_ci(p, end, "<body"))
            return 0;
        if (starts_ci(p, end, "<!--")) { /* commented-out declarations do not count */
            const unsigned char *q = p + 4;
            while (q + 2 < end && !(q[0] == '-' && q[1] == '-' && q[2] == '>'))
                q++;
            p = q;
            continue;
        }
        if (!starts_ci(p, end, "<meta"))
            continue;
        const unsigned char *close = memchr(p, '>', (size_t)(end - p));
        if (!close)
            return 0;
        if (read_charset_attr(p, close, "charset", label, labellen))
            return 1;
        p = close;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Sniffing                                                            */
/* ------------------------------------------------------------------ */


/* Counts multi-byte sequences and invalid bytes over the whole input. */
static void utf8_scan(const unsigned char *in, size_t len, size_t *multi, size_t *bad)
{
    *multi = *bad = 0;
    for (size_t i = 0; i < len;) {
        if (in[i] < 0x80) {
            i++;
            /* ASCII runs 32 bytes at a time, then eight */
            while (i + 32 <= len) {
                uint64_t w[4];
                memcpy(w, in + i, 32);
                if ((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ULL)
                    break;
                i += 32;
            }
            while (i + 8 <= len) {
                uint64_t w;
                memcpy(&w, in + i, 8);
                if (w & 0x8080808080808080ULL)
                    break;
                i += 8;
            }
            continue;
        }
        size_t n = nc_utf8_seq_len(in + i, len - i);
        if (n) {
            (*multi)++;
            i += n;
        } else {
            (*bad)++;
            i++;
        }
    }
}

typedef struct dbcs_stats {
    size_t pairs, typical, errors;
} dbcs_stats;

/* GBK structure: lead 81-FE, trail 40-7E / 80-FE; typical text is in the
 * GB2312 area (both bytes A1-FE). */
static dbcs_stats gbk_scan(const unsigned char *in, size_t len)
{
    dbcs_stats s = {0, 0, 0};
    for (size_t i = 0; i < len; i++) {
        unsigned char b = in[i];
        if (b < 0x80)
            continue;
        if (b == 0x80 || b == 0xFF || i + 1 >= len) {
            s.errors++;
            continue;
        }
        unsigned char t = in[i + 1];
        if (t < 0x40 || t == 0x7F || t == 0xFF) {
            s.errors++;
            continue;
        }
        s.pairs++;
        s.typical += b >= 0xA1 && t >= 0xA1;
        i++;
    }
    return s;
}

/* Shift_JIS structure: A1-DF single half-width katakana; lead 81-9F /
 * E0-FC, trail 40-7E / 80-FC; typical text is kana (leads 82, 83) and
 * kanji leads 88-9F. */
static dbcs_stats sjis_scan(const unsigned char *in, size_t len)
{
    dbcs_stats s = {0, 0, 0};
    for (size_t i = 0; i < len; i++) {
        unsigned char b = in[i];
        if (b < 0x80 || (b >= 0xA1 && b <= 0xDF))
            continue;
        if (b == 0x80 || b == 0xA0 || b > 0xFC || i + 1 >= len) {
            s.errors++;
            continue;
        }
        unsigned char t = in[i + 1];
        if (t < 0x40 || t == 0x7F || t > 0xFC) {
            s.errors++;
            continue;
        }
        s.pairs++;
        s.typical += b == 0x82 || b == 0x83 || (b >= 0x88 && b <= 0x9F);
        i++;
    }
    return s;
}

/* A legacy encoding for bytes that are not UTF-8. Text in a double-byte
 * encoding has its high bytes in runs; Western text has them alone. */
static charset sniff_legacy(const unsigned char *in, size_t len)
{
    size_t high = 0, adjacent = 0;
    for (size_t i = 0; i < len; i++) {
        if (in[i] < 0x80)
            continue;
        high++;
        adjacent += (i > 0 && in[i - 1] >= 0x80) || (i + 1 < len && in[i + 1] >= 0x80);
    }
    if (!high || adjacent * 2 < high)
        return CS_1252;
    dbcs_stats g = gbk_scan(in, len), s = sjis_scan(in, len);
    /* the one that fits the structure with fewer errors, then more typical pairs */
    double ge = g.pairs ? (double)g.errors / (double)(g.pairs + g.errors) : 1.0;
    double se = s.pairs ? (double)s.errors / (double)(s.pairs + s.errors) : 1.0;
    if (ge > 0.02 && se > 0.02)
        return CS_1252;
    if (ge + 0.005 < se)
        return CS_GBK;
    if (se + 0.005 < ge)
        return CS_SJIS;
    double gt = g.pairs ? (double)g.typical / (double)g.pairs : 0.0;
    double st = s.pairs ? (double)s.typical / (double)s.pairs : 0.0;
    return gt >= st ? CS_GBK : CS_SJIS;
}

/* UTF-16 without a BOM: in markup, every other byte is NUL. */
static int utf16_order(const unsigned char *in, size_t len)
{
    size_t n = len < 512 ? len : 512, even = 0, odd = 0;
    if (n < 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!in[i]) {
            if (i % 2)
                odd++;
            else
                even++;
        }
    if (odd * 5 > n * 2 && even * 20 < n)
        return 1; /* LE: "<\0" */
    if (even * 5 > n * 2 && odd * 20 < n)
        return 2; /* BE: "\0<" */
    return 0;
}

int nc_charset_is_utf16(const char *data, size_t len)
{
    const unsigned char *in = (const unsigned char *)data;
    if (len >= 2 && ((in[0] == 0xFF && in[1] == 0xFE) || (in[0] == 0xFE && in[1] == 0xFF)))
        return 1;
    return utf16_order(in, len) != 0;
}

/* ------------------------------------------------------------------ */
/* Decoding                                                            */
/* ------------------------------------------------------------------ */

static const char REPLACEMENT[] = "\xEF\xBF\xBD";

static int put_cp(nc_buf *b, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp == 0)
        return 0; /* NUL bytes are dropped */
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18);
        u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return nc_buf_append(b, u, n);
}

/* bad: invalid sequences in the input when the caller has counted them
 * already (utf8_scan), else SIZE_MAX. */
static int decode_utf8(const unsigned char *in, size_t len, size_t bad, nc_buf *b, size_t *invalid)
{
    int rc = nc_buf_reserve(b, len + 1);
    if (!rc && len && !memchr(in, 0, len)) { /* the common case: copy what is valid */
        size_t multi;
        if (bad == SIZE_MAX)
            utf8_scan(in, len, &multi, &bad);
        if (!bad)
            return nc_buf_append(b, (const char *)in, len);
    }
    for (size_t i = 0; i < len && !rc;) {
        size_t run = i;
        while (run < len && in[run] && in[run] < 0x80)
            run++;
        if (run > i) {
            rc = nc_buf_append(b, (const char *)in + i, run - i);
            i = run;
            continue;
        }
        if (!in[i]) {
            i++;
            continue;
        }
        size_t n = nc_utf8_seq_len(in + i, len - i);
        if (n) {
            rc = nc_buf_append(b, (const char *)in + i, n);
            i += n;
        } else {
            (*invalid)++;
            rc = nc_buf_append(b, REPLACEMENT, 3);
            i++;
        }
    }
    return rc;
}

/* windows-1252 bytes 80-9F (WHATWG: the five unassigned ones are C1). */
static const uint16_t CP1252_HIGH[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

static int decode_1252(const unsigned char *in, size_t len, nc_buf *b)
{
    int rc = nc_buf_reserve(b, len + len / 4 + 1);
    for (size_t i = 0; i < len && !rc;) {
        size_t run = i;
        while (run < len && in[run] && in[run] < 0x80)
            run++;
        if (run > i) {
            rc = nc_buf_append(b, (const char *)in + i, run - i);
            i = run;
            continue;
        }
        unsigned char c = in[i++];
        rc = put_cp(b, c >= 0x80 && c < 0xA0 ? CP1252_HIGH[c - 0x80] : c);
    }
    return rc;
}

static int decode_utf16(const unsigned char *in, size_t len, int big_endian, nc_buf *b, size_t *invalid)
{
    int rc = nc_buf_reserve(b, len + 1);
    for (size_t i = 0; i + 1 < len && !rc; i += 2) {
        uint32_t u = big_endian ? (uint32_t)(in[i] << 8 | in[i + 1]) : (uint32_t)(in[i + 1] << 8 | in[i]);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
            uint32_t v = big_endian ? (uint32_t)(in[i + 2] << 8 | in[i + 3]) : (uint32_t)(in[i + 3] << 8 | in[i + 2]);
            if (v >= 0xDC00 && v <= 0xDFFF) {
                rc = put_cp(b, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                i += 2;
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) {
            (*invalid)++;
            rc = nc_buf_append(b, REPLACEMENT, 3);
        } else {
            rc = put_cp(b, u);
        }
    }
    if (!rc && len % 2) {
        (*invalid)++;
        rc = nc_buf_append(b, REPLACEMENT, 3);
    }
    return rc;
}

/* Through iconv; invalid sequences become U+FFFD and are counted.
 * 0, NC_ENOMEM, or NC_EINVAL when iconv does not know the charset. */
static int decode_iconv(const char *name, const unsigned char *in, size_t len, nc_buf *b, size_t *invalid)
{
    iconv_t cd = iconv_open("UTF-8", name);
    if (cd == (iconv_t)-1)
        return NC_EINVAL;
    int rc = nc_buf_reserve(b, len * 2 + 16);
    char *src = (char *)in;
    size_t left = len;
    while (!rc && left) {
        if (b->cap - b->len < 64 && (rc = nc_buf_reserve(b, b->cap)))
            break;
        char *dst = b->data + b->len;
        size_t room = b->cap - b->len - 1;
        size_t r = iconv(cd, &src, &left, &dst, &room);
        b->len = (size_t)(dst - b->data);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG)
            continue;
        /* EILSEQ or EINVAL (truncated at the end): skip one byte */
        (*invalid)++;
        rc = nc_buf_append(b, REPLACEMENT, 3);
        src++;
        left--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    if (!rc) { /* iconv may have written NUL characters: drop them */
        size_t o = 0;
        for (size_t i = 0; i < b->len; i++)
            if (b->data[i])
                b->data[o++] = b->data[i];
        b->len = o;
        b->data[o] = '\0';
    }
    return rc;
}

/* bad as for decode_utf8. */
static int decode(const charset *cs, const unsigned char *in, size_t len, size_t bad, nc_buf *b,
                  size_t *invalid)
{
    b->len = 0;
    *invalid = 0;
    if (cs->iconv)
        return decode_iconv(cs->iconv, in, len, b, invalid);
    if (cs->name == CS_UTF16LE.name || cs->name == CS_UTF16BE.name)
        return decode_utf16(in, len, cs->name == CS_UTF16BE.name, b, invalid);
    if (strcmp(cs->name, "windows-1252") == 0)
        return decode_1252(in, len, b);
    return decode_utf8(in, len, bad, b, invalid);
}

/* What the content says, sniffed over the whole document. */
static charset sniff(const unsigned char *in, size_t len, size_t multi, size_t bad)
{
    int order = utf16_order(in, len);
    if (order)
        return order == 1 ? CS_UTF16LE : CS_UTF16BE;
    /* UTF-8, also when a few stray bytes are damaged */
    if (!bad || multi >= bad * 20)
        return CS_UTF8;
    return sniff_legacy(in, len);
}

int nc_charset_to_utf8(const char *data, size_t len, char **out, size_t *out_len, nc_charset_info *info)
{
    return nc_charset_to_utf8_hint(data, len, NULL, out, out_len, info);
}

int nc_charset_to_utf8_hint(const char *data, size_t len, const char *hint, char **out, size_t *out_len,
                            nc_charset_info *info)
{
    const unsigned char *in = (const unsigned char *)data;
    nc_buf b = {0};
    int rc = 0;
    charset cs;
    memset(info, 0, sizeof *info);
    *out = NULL;
    if (out_len)
        *out_len = 0;

    if (len >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF) {
        cs = CS_UTF8, in += 3, len -= 3;
        info->source = "bom";
    } else if (len >= 2 && in[0] == 0xFF && in[1] == 0xFE) {
        cs = CS_UTF16LE, in += 2, len -= 2;
        info->source = "bom";
    } else if (len >= 2 && in[0] == 0xFE && in[1] == 0xFF) {
        cs = CS_UTF16BE, in += 2, len -= 2;
        info->source = "bom";
    }
    if (info->source) {
        rc = decode(&cs, in, len, SIZE_MAX, &b, &info->invalid);
        goto done;
    }

    size_t multi, bad;
    utf8_scan(in, len, &multi, &bad);
    charset sniffed = sniff(in, len, multi, bad);
    char label[32];
    int declared = !utf16_order(in, len) && declared_label(in, len, label, sizeof label);
    if (declared && !find_label(label, &cs)) {
        snprintf(info->note, sizeof info->note, "unknown charset '%s' declared: ignored", label);
        declared = 0;
    }
    /* the page declares nothing: the charset its server sent, if any */
    const char *decl_source = "meta";
    if (!declared && hint && *hint && !utf16_order(in, len)) {
        snprintf(label, sizeof label, "%s", hint);
        declared = find_label(label, &cs);
        decl_source = "http";
        if (!declared && !info->note[0])
            snprintf(info->note, sizeof info->note, "unknown charset '%s' in the HTTP Content-Type: ignored",
                     label);
    }
    if (!declared) {
        cs = sniffed;
        info->source = "sniffed";
        rc = decode(&cs, in, len, bad, &b, &info->invalid);
        goto done;
    }
    info->source = decl_source;
    /* A single-byte declaration over valid multi-byte UTF-8 is a lie:
     * reading it as declared would turn every accent into two letters. */
    int single_byte = strcmp(cs.name, "UTF-8") != 0 && strcmp(cs.name, "GBK") != 0 &&
                      strcmp(cs.name, "gb18030") != 0 && strcmp(cs.name, "Shift_JIS") != 0 &&
                      strcmp(cs.name, "EUC-JP") != 0 && strcmp(cs.name, "EUC-KR") != 0 &&
                      strcmp(cs.name, "Big5") != 0;
    if (single_byte && multi && !bad) {
        snprintf(info->note, sizeof info->note,
                 "charset declared as '%s' but the content is UTF-8: read as UTF-8", label);
        cs = CS_UTF8;
        info->source = "sniffed";
        rc = decode(&cs, in, len, bad, &b, &info->invalid);
        goto done;
    }
    rc = decode(&cs, in, len, bad, &b, &info->invalid);
    if (rc == NC_EINVAL) { /* iconv lacks it: use what the content says */
        snprintf(info->note, sizeof info->note, "charset '%s' is not supported here: read as %s", label,
                 sniffed.name);
        cs = sniffed;
        info->source = "sniffed";
        rc = decode(&cs, in, len, bad, &b, &info->invalid);
        goto done;
    }
    if (!rc && info->invalid && strcmp(sniffed.name, cs.name) != 0) {
        /* not decodable as declared: does the sniffed charset do better? */
        nc_buf alt = {0};
        size_t alt_invalid = 0;
        rc = decode(&sniffed, in, len, bad, &alt, &alt_invalid);
        if (!rc && alt_invalid * 10 < info->invalid) {
            snprintf(info->note, sizeof info->note,
                     "charset declared as '%s' does not match the content (%zu invalid byte sequence(s)): read as %s",
                     label, info->invalid, sniffed.name);
            nc_buf_free(&b);
            b = alt;
            alt = (nc_buf){0};
            cs = sniffed;
            info->invalid = alt_invalid;
            info->source = "sniffed";
        }
        nc_buf_free(&alt);
    }
done:
    if (!rc && !b.data)
        rc = nc_buf_reserve(&b, 1);
    if (rc) {
        nc_buf_free(&b);
        return rc == NC_EINVAL ? NC_ENOMEM : rc;
    }
    info->encoding = cs.name;
    b.data[b.len] = '\0';
    *out = nc_buf_take(&b, out_len);
    return 0;
}
