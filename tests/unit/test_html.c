/* Unit tests for src/document/html.c: sniffing and HTML to visible text. */
#include "check.h"
#include "document/html.h"
#include "newsclaims.h"
#include <libxml/parser.h>
#include <stdlib.h>

/* Converts html; returns the text (caller frees) or NULL on error, with
 * the return code in *rc. */
static char *conv(const char *html, size_t len, nc_meta *meta, int *rc)
{
    char *out = (char *)"unset";
    size_t n = 12345;
    *rc = nc_html_to_text(html, len, &out, &n, meta);
    if (*rc) {
        CHECK(out == NULL);
        return NULL;
    }
    CHECK(out != NULL);
    if (out)
        CHECK_INT(n, strlen(out));
    return out;
}

#define CHECK_HTML(html, expect) do { int rc_; \
    char *t_ = conv((html), strlen(html), NULL, &rc_); \
    CHECK_INT(rc_, 0); CHECK_STR(t_, (expect)); free(t_); } while (0)

static int valid_utf8(const unsigned char *s)
{
    while (*s) {
        size_t n = *s < 0x80 ? 1 : (*s & 0xE0) == 0xC0 ? 2 : (*s & 0xF0) == 0xE0 ? 3
                 : (*s & 0xF8) == 0xF0 ? 4 : 0;
        if (!n || (n == 2 && *s < 0xC2))
            return 0;
        for (size_t k = 1; k < n; k++)
            if ((s[k] & 0xC0) != 0x80)
                return 0;
        s += n;
    }
    return 1;
}

static void test_sniff(void)
{
    const char *yes[] = {
        "<!DOCTYPE html><html><body>x</body></html>",
        "\xEF\xBB\xBF  \n<!doctype HTML>",
        "<HTML lang=en>",
        "<!-- saved page -->\n<html>",
        "<head><title>x</title></head>",
        "  <body>text",
        "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">",
        "<div class=\"story\"><p>First paragraph.</p><p>Second.</p></div>",
        "<p>One</p>\n<p>Two</p>",
    };
    const char *no[] = {
        "",
        "Quake kills 600\n\nAt least 600 people died.",
        "The page used <div> tags, the engineer said, in a story about the web "
        "that goes on for quite a while without any further markup at all, "
        "because it is a plain-text article about HTML rather than HTML itself, "
        "and so it should be read as text by the auto-detection in newsclaims. "
        "More words follow here to make the window long enough for the density "
        "test to matter; a real article has paragraphs and paragraphs of text.",
        "<?xml version=\"1.0\"?><rss><channel/></rss>",
        "<!-- only a comment",
        "a < b and c > d",
    };
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        CHECK_INT(nc_html_sniff(yes[i], strlen(yes[i])), 1);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        CHECK_INT(nc_html_sniff(no[i], strlen(no[i])), 0);
}

static void test_visible_text(void)
{
    nc_meta meta = {0};
    int rc;
    const char *page =
        "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><title>\n  Quake  news\t| Site </title>"
        "<style>p { color: red }</style><script>var x = \"<p>no</p>\";</script></head>\n"
        "<body><nav><a href=\"/\">Home</a></nav>\n"
        "<h1>Quake&nbsp;kills 600</h1>\n"
        "<p>At least 600 people died, officials said &amp; rescuers&hellip;</p>\n"
        "<div>Line one<br>Line two<br/><br>After a blank line</div>"
        "<noscript>Enable JavaScript</noscript><template><p>hidden</p></template>"
        "<ul><li>Deaths: 600</li><li>Injured: 1,200</li></ul>"
        "<button>Share</button><select><option>One</option></select>"
        "<iframe src=\"x\">frame text</iframe><svg><title>icon</title><text>svg</text></svg>"
        "<p>Caf&eacute; &#8220;quoted&#8221; &#x2014; done</p>"
        "</body></html>";
    char *t = conv(page, strlen(page), &meta, &rc);
    CHECK_INT(rc, 0);
    CHECK_STR(t, "Home\n\nQuake kills 600\n\n"
                 "At least 600 people died, officials said & rescuers\xE2\x80\xA6\n\n"
                 "Line one\nLine two\n\nAfter a blank line\n\n"
                 "Deaths: 600\n\nInjured: 1,200\n\n"
                 "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x94 done");
    CHECK_STR(meta.title, "Quake news | Site");
    CHECK_STR(meta.lang, "en-GB");
    free(t);

    /* metadata already known is kept */
    free(meta.title);
    meta.title = strdup("Given");
    t = conv(page, strlen(page), &meta, &rc);
    CHECK_STR(meta.title, "Given");
    CHECK_STR(meta.lang, "en-GB");
    free(t);
    nc_meta_clear(&meta);

    /* no meta pointer at all */
    t = conv(page, strlen(page), NULL, &rc);
    CHECK_INT(rc, 0);
    free(t);
}

static void test_layout(void)
{
    /* inline elements join, white space collapses */
    CHECK_HTML("<p>Hello <b>bold</b>world <i>and\n\n   more</i>  text </p>",
               "Hello boldworld and more text");
    CHECK_HTML("<p>  a \n\n  b\t c </p>", "a b c");
    /* tables: cells separated by a space, rows are paragraphs */
    CHECK_HTML("<table><tr><th>Deaths</th><th>600</th></tr>"
               "<tr><td>Injured</td><td>1,200</td></tr></table>",
               "Deaths 600\n\nInjured 1,200");
    /* <pre> keeps its layout, but never more than one blank line */
    CHECK_HTML("<p>before</p><pre>line1\n  line2\n\n\n\nline3   \n</pre><p>after</p>",
               "before\n\nline1\n  line2\n\nline3\n\nafter");
    /* several <br> in a row are one blank line; nested blocks one break */
    CHECK_HTML("a<br><br><br><br>b<div><div><p>c</p></div></div>d", "a\n\nb\n\nc\n\nd");
    /* comments and processing instructions are invisible */
    CHECK_HTML("<p>a<!-- hidden -->b<?php echo 1; ?>c</p>", "abc");
    /* empty paragraphs and &nbsp;-only paragraphs leave no blank lines */
    CHECK_HTML("<p>one</p><p></p><p>&nbsp;</p><p> </p><p>two</p>", "one\n\ntwo");
    /* a <title> in the body is not visible text */
    CHECK_HTML("<html><head><title>a</title></head><body><p>x</p><title>b</title></body>", "x");
    /* CDATA-like and entity corner cases */
    CHECK_HTML("<p>&lt;tag&gt; &quot;q&quot; &#39;s&#39; &bogus; &#0; 5&nbsp;000</p>",
               "<tag> \"q\" 's' &bogus; 5 000");
}

static void test_robustness(void)
{
    int rc;
    /* empty and blank input */
    char *t = conv("", 0, NULL, &rc);
    CHECK_INT(rc, 0);
    CHECK_STR(t, "");
    free(t);
    CHECK_HTML("   \n ", "");
    /* no markup, no body */
    CHECK_HTML("just text &amp; more", "just text & more");
    CHECK_HTML("<html><head><title>T</title></head></html>", "");
    /* broken markup */
    CHECK_HTML("<div><p>Unclosed <b>bold<p>Next</div></span>tail<p", "Unclosed bold\n\nNext\n\ntail");
    CHECK_HTML("<table><tr><td>cell<p>para</td></table>", "cell\n\npara");
    CHECK_HTML("<p>a < b and c > d</p>", "a < b and c > d");
    /* frameset pages have no visible text */
    CHECK_HTML("<html><frameset><frame src=\"a.html\"></frameset></html>", "");
    /* XHTML */
    CHECK_HTML("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
               "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n"
               "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"fr\"><head><title>X</title>"
               "</head><body><p>Un&#160;deux<br />trois</p></body></html>",
               "Un deux\ntrois");
    nc_meta meta = {0};
    const char *x = "<html xml:lang=\"fr\"><body>x</body></html>";
    t = conv(x, strlen(x), &meta, &rc);
    CHECK_STR(meta.lang, "fr");
    CHECK(meta.title == NULL);
    free(t);
    nc_meta_clear(&meta);

    /* charsets: declared windows-1252, undeclared invalid UTF-8, NUL bytes */
    CHECK_HTML("<meta charset=\"windows-1252\"><p>caf\xE9 \x93q\x94</p>",
               "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D");
    const char bad[] = "<p>ok \xFF\xFE caf\xC3\xA9 \x80</p>";
    t = conv(bad, sizeof bad - 1, NULL, &rc);
    CHECK_INT(rc, 0);
    CHECK(t && valid_utf8((const unsigned char *)t) && strncmp(t, "ok ", 3) == 0);
    free(t);
    const char nul[] = "<p>a\0b</p>\0<p>c</p>";
    t = conv(nul, sizeof nul - 1, NULL, &rc);
    CHECK_INT(rc, 0);
    CHECK(t && valid_utf8((const unsigned char *)t));
    free(t);
    CHECK_HTML("<meta charset=\"no-such-charset\"><p>text</p>", "text");

    /* deep nesting: 200 levels and 100,000 levels both read whole
     * (XML_PARSE_HUGE; every walk is iterative) */
    for (int pass = 0; pass < 2; pass++) {
        size_t depth = pass ? 100000 : 200;
        char *html = malloc(depth * 11 + 32);
        size_t n = 0;
        for (size_t i = 0; i < depth; i++, n += 5)
            memcpy(html + n, "<div>", 5);
        memcpy(html + n, "deep text", 9);
        n += 9;
        for (size_t i = 0; i < depth; i++, n += 6)
            memcpy(html + n, "</div>", 6);
        t = conv(html, n, NULL, &rc);
        CHECK_INT(rc, 0);
        CHECK_STR(t, "deep text");
        free(t);
        free(html);
    }

    /* a large flat page */
    size_t paras = 20000;
    char *big = malloc(paras * 40 + 1);
    size_t n = 0;
    for (size_t i = 0; i < paras; i++)
        n += (size_t)sprintf(big + n, "<p>Paragraph %zu.</p>", i);
    t = conv(big, n, NULL, &rc);
    CHECK_INT(rc, 0);
    CHECK(t && strncmp(t, "Paragraph 0.\n\nParagraph 1.\n\n", 28) == 0);
    CHECK(t && strstr(t, "\n\nParagraph 19999.") != NULL);
    free(t);
    free(big);
}

/* The first element named name below n (pre-order), or NULL. */
static xmlNode *find_el(xmlNode *n, const char *name)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
            return n;
        xmlNode *in = find_el(n->children, name);
        if (in)
            return in;
    }
    return NULL;
}

/* What the parsed tree holds: element kinds (a sorted table, looked up
 * by binary search: both ends and the middle), the attributes some
 * reader uses and no others, and script text only for JSON-LD. */
static void test_tree(void)
{
    static const char page[] =
        "<html><head><link rel=\"canonical\" href=\"https://a.example/x\">"
        "<script>var big = 1;</script><style>p{}</style>"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script></head>"
        "<body><address>a</address><span>s</span><xmp>x</xmp><video>v</video><td>t</td><p>p</p>"
        "<div data-x=\"1\" class=\"c\" onclick=\"f()\" id=\"i\" style=\"s\">d</div>"
        "<a href=\"/y\" rel=\"author\">A</a></body></html>";
    xmlDoc *doc = NULL;
    CHECK_INT(nc_html_parse(page, strlen(page), &doc), 0);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    static const struct {
        const char *name;
        int kind;
    } kinds[] = {{"address", 1}, {"span", 0}, {"xmp", 1}, {"video", -1}, {"td", 0}, {"p", 1}, {"div", 1},
                 {"script", -1}, {"body", 1}, {"html", 1}};
    for (size_t i = 0; root && i < sizeof kinds / sizeof kinds[0]; i++) {
        xmlNode *n = find_el(root, kinds[i].name);
        CHECK(n != NULL);
        if (n)
            CHECK_INT(nc_html_block_kind(n), kinds[i].kind);
    }
    xmlNode *div = find_el(root, "div");
    if (div) {
        const char *names[4] = {NULL};
        int k = 0;
        for (xmlAttr *a = div->properties; a && k < 4; a = a->next)
            names[k++] = (const char *)a->name;
        CHECK_INT(k, 3);
        CHECK_STR(names[0], "class");
        CHECK_STR(names[1], "id");
        CHECK_STR(names[2], "style");
    }
    /* href is read on <link> (canonical) only */
    xmlNode *link = find_el(root, "link"), *a = find_el(root, "a");
    CHECK(link && xmlHasProp(link, (const xmlChar *)"href") && xmlHasProp(link, (const xmlChar *)"rel"));
    CHECK(a && !xmlHasProp(a, (const xmlChar *)"href") && xmlHasProp(a, (const xmlChar *)"rel"));
    xmlNode *js = find_el(root, "script"), *ld = js ? find_el(js->next, "script") : NULL;
    CHECK(js && !js->children && !nc_html_is_jsonld(js));
    CHECK(ld && ld->children && nc_html_is_jsonld(ld));
    if (ld && ld->children)
        CHECK_STR((const char *)ld->children->content, "{\"@type\":\"NewsArticle\"}");
    xmlNode *style = find_el(root, "style");
    CHECK(style && !style->children);
    xmlFreeDoc(doc);
}

int main(void)
{
    xmlInitParser(); /* once, before any threads (the library does it in nc_context_new) */
    test_sniff();
    test_visible_text();
    test_layout();
    test_robustness();
    test_tree();
    return CHECK_DONE("html");
}
