/* Unit tests for src/document/body.c: the story is kept, each kind of
 * clutter is left out, each body signal is used, and pages that are not
 * one article are recognised. Pages are small and written here. */
#include "check.h"
#include "document/body.h"
#include "document/html.h"
#include "newsclaims.h"
#include <libxml/parser.h>
#include <stdlib.h>

/* Story paragraphs: long, with commas, as real ones are. */
#define P1 "Officials said the storm, which reached the coast late on Monday, destroyed dozens of homes and cut power to thousands of people across the region."
#define P2 "Rescue teams, working through the night, searched flooded streets for residents who had ignored the evacuation order, the regional governor said."
#define P3 "Forecasters warned that more rain, heavy at times, was expected on Tuesday, and urged people living near rivers to move to higher ground."
#define STORY "<p>" P1 "</p><p>" P2 "</p><p>" P3 "</p>"
#define STORY_TEXT P1 "\n\n" P2 "\n\n" P3

static nc_body extract(const char *html, const char *ld)
{
    xmlDoc *doc = NULL;
    nc_body b;
    memset(&b, 0, sizeof b);
    CHECK_INT(nc_html_parse(html, strlen(html), &doc), 0);
    if (doc) {
        CHECK_INT(nc_body_extract(doc, ld, &b), 0);
        /* the tree is left as it was found */
        int clean = 1;
        for (xmlNode *n = xmlDocGetRootElement(doc); n; n = n->children ? n->children : n->next)
            clean &= n->_private == NULL;
        CHECK(clean);
    }
    xmlFreeDoc(doc);
    return b;
}

/* The page's body must be exactly `expect`, and must not be a non-article. */
static void expect_body(int line, const char *html, const char *ld, const char *expect)
{
    nc_body b = extract(html, ld);
    if (!b.text || strcmp(b.text, expect) != 0 || b.not_article) {
        fprintf(stderr, "test_body.c:%d: got (%s%s)\n\"%s\"\nexpected\n\"%s\"\n", line, b.how,
                b.not_article ? ", not_article" : "", b.text ? b.text : "(null)", expect);
        nc_t_fail++;
    } else {
        nc_t_pass++;
    }
    free(b.text);
}
#define EXPECT_BODY(html, expect) expect_body(__LINE__, (html), NULL, (expect))

static void test_clutter(void)
{
    /* each kind of clutter next to the same story */
    static const char *const CLUTTER[] = {
        "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li></ul></nav>",
        "<div class=\"menu\"><a href=\"/a\">Politics</a> <a href=\"/b\">Business</a> <a href=\"/c\">Sport</a></div>",
        "<div class=\"ad-container\">Advertisement: buy the best umbrellas in town, now with twenty percent off, today only.</div>",
        "<div id=\"cookie-banner\">We use cookies to improve your experience, to show you relevant adverts and to measure traffic. Accept all?</div>",
        "<div class=\"share-tools\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Share on Twitter</a> <a href=\"#\">Email</a></div>",
        "<div class=\"newsletter-signup\">Get the morning briefing, with the day's top stories, delivered to your inbox every day. Sign up now.</div>",
        "<div class=\"byline\">By Ann Writer, Staff Reporter, November 19, 2019</div>",
        "<aside><h3>Related stories</h3><ul><li><a href=\"/1\">Flood warnings issued for the coast, officials say</a></li>"
        "<li><a href=\"/2\">How to prepare your home for a storm, in five steps</a></li></ul></aside>",
        "<div class=\"related-links\"><h3>More from the region</h3><ul><li><a href=\"/3\">Bridge closed after heavy rain, police say</a></li>"
        "<li><a href=\"/4\">Schools shut for a second day, parents told</a></li></ul></div>",
        "<section id=\"comments\"><h3>Comments</h3><div class=\"comment\"><p>This is terrible, and the government, as usual, did nothing "
        "at all, I am so angry about it, really.</p></div><div class=\"comment\"><p>Stay safe everyone, and look after your "
        "neighbours, especially the elderly, tonight.</p></div></section>",
        "<footer><p>Copyright 2019 Example News, all rights reserved, including the right to reproduce this, in any form.</p></footer>",
        "<div style=\"display: none\">Hidden text, that no reader sees, should, of course, never be part of the story.</div>",
        "<div class=\"paywall\">Subscribe to keep reading, with unlimited access to all our journalism, from just one dollar a week.</div>",
        "<form><label>Search</label><input type=\"text\"><button>Go</button></form>",
    };
    for (size_t i = 0; i < sizeof CLUTTER / sizeof CLUTTER[0]; i++) {
        char page[4096];
        snprintf(page, sizeof page, "<html><body>%s<div class=\"main\"><h1>Storm hits the coast</h1>%s%s</div>%s</body></html>",
                 CLUTTER[i], i % 2 ? CLUTTER[i] : "", STORY, CLUTTER[i]);
        expect_body(__LINE__ + (int)i * 0, page, NULL, STORY_TEXT);
    }
}

static void test_structure(void)
{
    /* subheads, lists, block quotes and captions of the story stay, in order,
     * each a paragraph; the headline (<h1>) is meta.title, not body text */
    EXPECT_BODY("<html><body><article><h1>Headline</h1><p>" P1 "</p><h2>The damage</h2><ul><li>Homes destroyed</li>"
                "<li>Roads closed</li></ul><blockquote><p>It was the worst night of my life, one resident said.</p></blockquote>"
                "<figure><img src=\"a.jpg\"><figcaption>Flooded streets in the town centre.</figcaption></figure><p>" P2
                "</p></article></body></html>",
                P1 "\n\nThe damage\n\nHomes destroyed\n\nRoads closed\n\nIt was the worst night of my life, one resident "
                "said.\n\nFlooded streets in the town centre.\n\n" P2);
    /* text between <br>s in a div with other blocks */
    EXPECT_BODY("<html><body><div class=\"nav\"><a href=\"/\">Home</a></div><div class=\"content\">" P1
                "<br><br><center><em>A photo caption.</em></center><br>" P2 "<br><br>" P3 "</div></body></html>",
                P1 "\n\nA photo caption.\n\n" P2 "\n\n" P3);
    /* story split over sibling containers of the same class */
    EXPECT_BODY("<html><body><div class=\"sidebar\"><p><a href=\"/x\">Other story, with a long headline, about something else entirely</a></p></div>"
                "<div class=\"wrap\"><div class=\"para\"><p>" P1 "</p></div><div class=\"para\"><p>" P2 "</p></div>"
                "<div class=\"para\"><p>" P3 "</p></div></div></body></html>",
                STORY_TEXT);
}

static void test_signals(void)
{
    /* itemprop=articleBody wins over a longer, comma-richer block elsewhere */
    EXPECT_BODY("<html><body><div class=\"teaser\"><p>" P3 " " P2 "</p></div><div itemprop=\"articleBody\"><p>" P1
                "</p><p>" P2 "</p></div></body></html>",
                P1 "\n\n" P2);
    /* JSON-LD articleBody picks the element whose words match */
    const char *ld = P1 " " P2;
    char page[4096];
    snprintf(page, sizeof page,
             "<html><body><div class=\"x\"><p>%s %s</p><p>%s, %s, %s</p></div><div class=\"y\"><p>%s</p><p>%s</p></div></body></html>",
             P3, P3, "one", "two", "three", P1, P2);
    nc_body b = extract(page, ld);
    CHECK_STR(b.how, "json-ld");
    CHECK_STR(b.text, P1 "\n\n" P2);
    free(b.text);
    /* a JSON-LD body cut short ("...") is not trusted */
    b = extract(page, P1 " Rescue teams...");
    CHECK_STR(b.how, "scored");
    free(b.text);
    /* <article> and class hints */
    b = extract("<html><body><div><p>" P3 "</p></div><article class=\"story-body\">" STORY "</article></body></html>", NULL);
    CHECK(b.text && strstr(b.text, P1) && strstr(b.text, P2));
    free(b.text);
}

static void test_not_article(void)
{
    /* a section front: teaser headlines made of links, a line of text each */
    char page[16384];
    size_t n = (size_t)snprintf(page, sizeof page, "<html><body><h1>World news</h1><div class=\"list\">");
    for (int i = 0; i < 12; i++)
        n += (size_t)snprintf(page + n, sizeof page - n,
                              "<article><h2><a href=\"/s%d\">Story number %d about events somewhere in the world</a></h2>"
                              "<p>A short teaser, with a comma, for story %d.</p></article>", i, i, i);
    snprintf(page + n, sizeof page - n, "</div></body></html>");
    nc_body b = extract(page, NULL);
    CHECK(b.not_article);
    free(b.text);
    /* a cookie wall */
    b = extract("<html><body><div class=\"consent\"><h2>We value your privacy</h2><p>We and our partners use cookies.</p>"
                "<button>Accept</button></div></body></html>", NULL);
    CHECK(b.not_article);
    free(b.text);
    /* a paywall with a title only */
    b = extract("<html><body><h1>Storm hits coast</h1><p>Subscribe to read this article.</p></body></html>", NULL);
    CHECK(b.not_article);
    free(b.text);
    /* a short story is still an article */
    b = extract("<html><body><p>Three people were killed by the storm.</p></body></html>", NULL);
    CHECK(!b.not_article);
    CHECK_STR(b.text, "Three people were killed by the storm.");
    free(b.text);
    /* empty and bodiless pages */
    b = extract("", NULL);
    CHECK_STR(b.text, "");
    free(b.text);
    b = extract("<html><frameset><frame src=\"a.html\"></frameset></html>", NULL);
    CHECK_STR(b.text, "");
    free(b.text);
}

static void test_deep(void)
{
    /* 100,000 nested divs: read whole, no recursion */
    size_t depth = 100000;
    char *html = malloc(depth * 11 + sizeof STORY);
    size_t n = 0;
    for (size_t i = 0; i < depth; i++, n += 5)
        memcpy(html + n, "<div>", 5);
    memcpy(html + n, STORY, sizeof STORY - 1);
    n += sizeof STORY - 1;
    for (size_t i = 0; i < depth; i++, n += 6)
        memcpy(html + n, "</div>", 6);
    html[n] = '\0';
    nc_body b = extract(html, NULL);
    CHECK_STR(b.text, STORY_TEXT);
    free(b.text);
    free(html);
}

static void test_short_nested(void)
{
    /* a short story inside nested blocks: too little to score, but the page
     * text is still the body, not nothing */
    expect_body(__LINE__, "<html><body><div><div><p>Four people were killed.</p></div></div></body></html>", NULL,
                "Four people were killed.");
}

int main(void)
{
    xmlInitParser();
    test_clutter();
    test_structure();
    test_signals();
    test_not_article();
    test_deep();
    test_short_nested();
    return CHECK_DONE("body");
}
