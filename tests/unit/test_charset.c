/* Unit tests for src/document/charset.c: BOM, declarations, whole-document
 * sniffing, lying declarations, conversion to UTF-8. */
#include "check.h"
#include "document/charset.h"
#include "newsclaims.h"
#include <stdlib.h>

static char *conv(const char *in, size_t len, nc_charset_info *info)
{
    char *out = NULL;
    size_t n = 0;
    int rc = nc_charset_to_utf8(in, len, &out, &n, info);
    CHECK_INT(rc, 0);
    if (out)
        CHECK_INT(n, strlen(out));
    return out;
}

/* Converts, checks encoding, source, output, and whether a note was made. */
static void expect(int line, const char *in, size_t len, const char *enc, const char *source,
                   const char *text, int noted)
{
    nc_charset_info info;
    char *out = conv(in, len, &info);
    if (!out || strcmp(out, text) != 0 || strcmp(info.encoding, enc) != 0 ||
        strcmp(info.source, source) != 0 || (info.note[0] != 0) != noted) {
        fprintf(stderr, "test_charset.c:%d: got %s/%s \"%s\" note \"%s\", expected %s/%s \"%s\"%s\n", line,
                info.encoding, info.source, out ? out : "(null)", info.note, enc, source, text,
                noted ? " with a note" : "");
        nc_t_fail++;
    } else {
        nc_t_pass++;
    }
    free(out);
}
#define EXPECT(in, enc, src, text, noted) expect(__LINE__, (in), sizeof(in) - 1, (enc), (src), (text), (noted))

static void test_bom_and_declarations(void)
{
    EXPECT("\xEF\xBB\xBF<p>caf\xC3\xA9</p>", "UTF-8", "bom", "<p>caf\xC3\xA9</p>", 0);
    /* a BOM beats a declaration */
    EXPECT("\xEF\xBB\xBF<meta charset=windows-1252><p>\xC3\xA9</p>", "UTF-8", "bom",
           "<meta charset=windows-1252><p>\xC3\xA9</p>", 0);
    EXPECT("\xFF\xFE<\0p\0>\0\xE9\0<\0", "UTF-16LE", "bom", "<p>\xC3\xA9<", 0);
    EXPECT("\xFE\xFF\0<\0p\0>\0\xE9", "UTF-16BE", "bom", "<p>\xC3\xA9", 0);
    /* UTF-16 surrogate pair: U+1F600 */
    EXPECT("\xFF\xFE\x3D\xD8\x00\xDE", "UTF-16LE", "bom", "\xF0\x9F\x98\x80", 0);
    /* meta charset, http-equiv, XML declaration; labels are case-insensitive */
    EXPECT("<meta charset=\"windows-1252\"><p>caf\xE9 \x93q\x94 \x80</p>", "windows-1252", "meta",
           "<meta charset=\"windows-1252\"><p>caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xE2\x82\xAC</p>", 0);
    EXPECT("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>\xE9</p>",
           "windows-1252", "meta",
           "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>\xC3\xA9</p>", 0);
    EXPECT("<?xml version=\"1.0\" encoding=\"iso-8859-2\"?><p>\xB1</p>", "ISO-8859-2", "meta",
           "<?xml version=\"1.0\" encoding=\"iso-8859-2\"?><p>\xC4\x85</p>", 0);
    EXPECT("<META CHARSET=Shift_JIS><p>\x82\xA0</p>", "Shift_JIS", "meta", "<META CHARSET=Shift_JIS><p>\xE3\x81\x82</p>", 0);
    EXPECT("<meta charset=gb2312><p>\xD6\xD0\xCE\xC4</p>", "GBK", "meta",
           "<meta charset=gb2312><p>\xE4\xB8\xAD\xE6\x96\x87</p>", 0);
    /* a declaration in a comment or after <body> does not count */
    EXPECT("<!-- <meta charset=windows-1252> --><p>x</p>", "UTF-8", "sniffed",
           "<!-- <meta charset=windows-1252> --><p>x</p>", 0);
    EXPECT("<body><meta charset=windows-1252><p>x</p>", "UTF-8", "sniffed", "<body><meta charset=windows-1252><p>x</p>", 0);
    /* an unknown label is ignored, with a note */
    EXPECT("<meta charset=\"no-such-charset\"><p>x</p>", "UTF-8", "sniffed",
           "<meta charset=\"no-such-charset\"><p>x</p>", 1);
}

static void test_sniffing(void)
{
    /* undeclared: ASCII and valid UTF-8 are UTF-8 */
    EXPECT("<p>plain</p>", "UTF-8", "sniffed", "<p>plain</p>", 0);
    EXPECT("<p>caf\xC3\xA9 \xE2\x80\x94 na\xC3\xAFve</p>", "UTF-8", "sniffed", "<p>caf\xC3\xA9 \xE2\x80\x94 na\xC3\xAFve</p>", 0);
    /* Western accents alone between ASCII letters: windows-1252 */
    EXPECT("<p>caf\xE9 na\xEFve \x93quoted\x94 and r\xE9sum\xE9</p>", "windows-1252", "sniffed",
           "<p>caf\xC3\xA9 na\xC3\xAFve \xE2\x80\x9Cquoted\xE2\x80\x9D and r\xC3\xA9sum\xC3\xA9</p>", 0);
    /* GBK: 据报道，地震造成至少十二人死亡 */
    EXPECT("<p>\xBE\xDD\xB1\xA8\xB5\xC0\xA3\xAC\xB5\xD8\xD5\xF0\xD4\xEC\xB3\xC9\xD6\xC1\xC9\xD9\xCA\xAE\xB6\xFE\xC8\xCB\xCB\xC0\xCD\xF6</p>",
           "GBK", "sniffed",
           "<p>\xE6\x8D\xAE\xE6\x8A\xA5\xE9\x81\x93\xEF\xBC\x8C\xE5\x9C\xB0\xE9\x9C\x87\xE9\x80\xA0\xE6\x88\x90"
           "\xE8\x87\xB3\xE5\xB0\x91\xE5\x8D\x81\xE4\xBA\x8C\xE4\xBA\xBA\xE6\xAD\xBB\xE4\xBA\xA1</p>", 0);
    /* Shift_JIS: 地震により少なくとも十二人が死亡 */
    EXPECT("<p>\x92\x6E\x90\x6B\x82\xC9\x82\xE6\x82\xE8\x8F\xAD\x82\xC8\x82\xAD\x82\xC6\x82\xE0\x8F\x5C\x93\xF1\x90\x6C\x82\xAA\x8E\x80\x96\x53</p>",
           "Shift_JIS", "sniffed",
           "<p>\xE5\x9C\xB0\xE9\x9C\x87\xE3\x81\xAB\xE3\x82\x88\xE3\x82\x8A\xE5\xB0\x91\xE3\x81\xAA\xE3\x81\x8F"
           "\xE3\x81\xA8\xE3\x82\x82\xE5\x8D\x81\xE4\xBA\x8C\xE4\xBA\xBA\xE3\x81\x8C\xE6\xAD\xBB\xE4\xBA\xA1</p>", 0);
    /* UTF-16 without a BOM, by its NUL bytes */
    EXPECT("<\0h\0t\0m\0l\0>\0<\0p\0>\0\xE9\0<\0/\0p\0>\0", "UTF-16LE", "sniffed", "<html><p>\xC3\xA9</p>", 0);
    EXPECT("\0<\0h\0t\0m\0l\0>\0<\0p\0>\0\xE9\0<\0/\0p\0>", "UTF-16BE", "sniffed", "<html><p>\xC3\xA9</p>", 0);
    /* sniffing looks at the whole document, not a prefix */
    size_t pad = 5000;
    char *big = malloc(pad + 64);
    memset(big, 'a', pad);
    memcpy(big + pad, " caf\xE9 r\xE9sum\xE9", 13);
    nc_charset_info info;
    char *out = conv(big, pad + 13, &info);
    CHECK_STR(info.encoding, "windows-1252");
    CHECK(out && strcmp(out + pad, " caf\xC3\xA9 r\xC3\xA9sum\xC3\xA9") == 0);
    free(out);
    free(big);
    CHECK(nc_charset_is_utf16("\xFF\xFE<\0", 4));
    CHECK(nc_charset_is_utf16("<\0p\0>\0x\0<\0/\0p\0>\0", 16));
    CHECK(!nc_charset_is_utf16("<p>x</p>", 8));
    CHECK(!nc_charset_is_utf16("ab\0\0\0\0cd", 8));
}

static void test_lies_and_damage(void)
{
    /* declared UTF-8, content windows-1252: the content wins, with a note */
    EXPECT("<meta charset=utf-8><p>caf\xE9 na\xEFve r\xE9sum\xE9 d\xE9j\xE0 vu</p>", "windows-1252", "sniffed",
           "<meta charset=utf-8><p>caf\xC3\xA9 na\xC3\xAFve r\xC3\xA9sum\xC3\xA9 d\xC3\xA9j\xC3\xA0 vu</p>", 1);
    /* declared ISO-8859-1, content UTF-8 */
    EXPECT("<meta charset=iso-8859-1><p>caf\xC3\xA9</p>", "UTF-8", "sniffed", "<meta charset=iso-8859-1><p>caf\xC3\xA9</p>", 1);
    /* UTF-8 with one damaged byte among many good ones stays UTF-8, the
     * bad byte replaced and counted */
    nc_charset_info info;
    const char damaged[] = "<p>\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"
                           "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 \xFF</p>";
    char *out = conv(damaged, sizeof damaged - 1, &info);
    CHECK_STR(info.encoding, "UTF-8");
    CHECK_INT(info.invalid, 1);
    CHECK(out && strstr(out, " \xEF\xBF\xBD</p>") != NULL);
    free(out);
    /* NUL bytes are dropped; empty input gives an empty string */
    out = conv("<p>a\0b</p>", 10, &info);
    CHECK_STR(out, "<p>ab</p>");
    free(out);
    out = conv("", 0, &info);
    CHECK_STR(out, "");
    CHECK_STR(info.encoding, "UTF-8");
    free(out);
}

int main(void)
{
    test_bom_and_declarations();
    test_sniffing();
    test_lies_and_damage();
    return CHECK_DONE("charset");
}
