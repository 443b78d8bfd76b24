/* Unit tests for src/document/meta.c and date.c: each metadata source,
 * the order between them, and the values refused. */
#include "check.h"
#include "document/date.h"
#include "document/html.h"
#include "document/meta.h"
#include "newsclaims.h"
#include <libxml/parser.h>
#include <stdlib.h>

#define REF 1574208000LL /* 2019-11-20T00:00:00Z */

/* Reads the metadata of a page into *m (cleared first). */
static void read_page(const char *html, nc_meta *m, char **ld_body)
{
    xmlDoc *doc = NULL;
    memset(m, 0, sizeof *m);
    CHECK_INT(nc_html_parse(html, strlen(html), &doc), 0);
    CHECK_INT(nc_meta_read(doc, m, REF, ld_body), 0);
    xmlFreeDoc(doc);
}

static void test_title(void)
{
    nc_meta m;
    read_page("<html><head><title>Page | Site</title><meta property=\"og:title\" content=\"OG headline\">"
              "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"LD headline\"}</script>"
              "</head><body><h1>H1 headline</h1></body></html>", &m, NULL);
    CHECK_STR(m.title, "OG headline");
    nc_meta_clear(&m);
    read_page("<html><head><title>Page | Site</title>"
              "<script type=\"application/ld+json\">[{\"@type\":\"WebSite\"},{\"@type\":[\"NewsArticle\"],\"headline\":\"LD headline\"}]</script>"
              "</head><body><h1>H1 headline</h1></body></html>", &m, NULL);
    CHECK_STR(m.title, "LD headline");
    nc_meta_clear(&m);
    read_page("<html><head><title>Page | Site</title></head><body><h1>The one headline</h1></body></html>", &m, NULL);
    CHECK_STR(m.title, "The one headline");
    nc_meta_clear(&m);
    /* two h1s: neither is trusted; <title> loses its site suffix */
    read_page("<html><head><title>Storm hits the coast overnight | The Daily Example</title>"
              "<meta property=\"og:site_name\" content=\"The Daily Example\"></head>"
              "<body><h1>Logo</h1><h1>Storm</h1></body></html>", &m, NULL);
    CHECK_STR(m.title, "Storm hits the coast overnight");
    CHECK_STR(m.site, "The Daily Example");
    nc_meta_clear(&m);
    read_page("<html><head><title>Storm hits the coast overnight | News | Example</title></head></html>", &m, NULL);
    CHECK_STR(m.title, "Storm hits the coast overnight");
    nc_meta_clear(&m);
    /* " - " only separates the site when it names the site */
    read_page("<html><head><title>Storm hits the coast overnight - Example</title>"
              "<meta name=\"application-name\" content=\"Example\"></head></html>", &m, NULL);
    CHECK_STR(m.title, "Storm hits the coast overnight");
    nc_meta_clear(&m);
    /* a hyphen inside a short headline is not a site suffix */
    read_page("<html><head><title>Re-election - a guide</title></head></html>", &m, NULL);
    CHECK_STR(m.title, "Re-election - a guide");
    nc_meta_clear(&m);
    /* og:title with the site's name appended */
    read_page("<html><head><meta property=\"og:site_name\" content=\"Example News\">"
              "<meta property=\"og:title\" content=\"Quake kills 12 | Example News\"></head></html>", &m, NULL);
    CHECK_STR(m.title, "Quake kills 12");
    nc_meta_clear(&m);
}

static void test_byline(void)
{
    nc_meta m;
    read_page("<html><head><meta name=\"author\" content=\"Meta Author\">"
              "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":[{\"@type\":\"Person\",\"name\":\"Ann Writer\"},"
              "{\"@type\":\"Person\",\"name\":\"Bob Reporter\"}]}</script></head></html>", &m, NULL);
    CHECK_STR(m.byline, "Ann Writer, Bob Reporter");
    nc_meta_clear(&m);
    /* an organisation as author is not a byline; the meta tag is next */
    read_page("<html><head><meta name=\"author\" content=\"Meta Author\">"
              "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"author\":{\"@type\":\"Organization\",\"name\":\"Example News\"}}</script>"
              "</head></html>", &m, NULL);
    CHECK_STR(m.byline, "Meta Author");
    nc_meta_clear(&m);
    read_page("<html><body><article><a rel=\"author\" href=\"/staff/c\">Carla Columnist</a></article></body></html>", &m, NULL);
    CHECK_STR(m.byline, "Carla Columnist");
    nc_meta_clear(&m);
    read_page("<html><body><div class=\"article-byline\">By <span>Dan Desk</span></div></body></html>", &m, NULL);
    CHECK_STR(m.byline, "By Dan Desk");
    nc_meta_clear(&m);
    /* refused: URLs, dates, the site's name, bylines in comment threads */
    read_page("<html><head><meta property=\"article:author\" content=\"https://www.facebook.com/example\">"
              "</head></html>", &m, NULL);
    CHECK(m.byline == NULL);
    nc_meta_clear(&m);
    read_page("<html><body><div class=\"byline\">November 19, 2019</div></body></html>", &m, NULL);
    CHECK(m.byline == NULL);
    nc_meta_clear(&m);
    read_page("<html><head><meta property=\"og:site_name\" content=\"Example News\">"
              "<meta name=\"author\" content=\"Example News\"></head></html>", &m, NULL);
    CHECK(m.byline == NULL);
    nc_meta_clear(&m);
    read_page("<html><head><meta property=\"og:site_name\" content=\"The Example Blog\">"
              "<meta name=\"author\" content=\"Example\"></head></html>", &m, NULL);
    CHECK(m.byline == NULL);
    nc_meta_clear(&m);
    read_page("<html><head><meta name=\"author\" content=\"admin\"></head></html>", &m, NULL);
    CHECK(m.byline == NULL);
    nc_meta_clear(&m);
    read_page("<html><body><div class=\"comments\"><span class=\"byline\">Troll</span></div></body></html>", &m, NULL);
    CHECK(m.byline == NULL);
    nc_meta_clear(&m);
}

static void test_published(void)
{
    nc_meta m;
    read_page("<html><head><meta property=\"article:published_time\" content=\"2019-11-19T12:30:00+01:00\">"
              "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2019-11-18\"}</script>"
              "</head></html>", &m, NULL);
    CHECK_STR(m.published, "2019-11-19T12:30:00+01:00");
    CHECK_STR(m.published_source, "meta");
    nc_meta_clear(&m);
    read_page("<html><head><script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"NewsArticle\","
              "\"datePublished\":\"2019-11-18T08:00:00.000Z\"}]}</script></head></html>", &m, NULL);
    CHECK_STR(m.published, "2019-11-18T08:00:00Z");
    CHECK_STR(m.published_source, "json-ld");
    nc_meta_clear(&m);
    read_page("<html><body><span itemprop=\"datePublished\" content=\"2019-11-17\">Sunday</span></body></html>", &m, NULL);
    CHECK_STR(m.published, "2019-11-17");
    CHECK_STR(m.published_source, "microdata");
    nc_meta_clear(&m);
    read_page("<html><body><article><time datetime=\"2019-11-16 09:15\">Saturday</time></article></body></html>", &m, NULL);
    CHECK_STR(m.published, "2019-11-16T09:15:00");
    CHECK_STR(m.published_source, "time");
    nc_meta_clear(&m);
    /* an updated time is not the publication time */
    read_page("<html><body><div class=\"updated\"><time datetime=\"2019-11-19\">x</time></div></body></html>", &m, NULL);
    CHECK(m.published == NULL);
    nc_meta_clear(&m);
    read_page("<html><body><p class=\"publish-date\">Published 15 November 2019, 10:02 GMT</p></body></html>", &m, NULL);
    CHECK_STR(m.published, "2019-11-15T10:02:00Z");
    CHECK_STR(m.published_source, "text");
    nc_meta_clear(&m);
    /* after the reference time: refused, the next source is used */
    read_page("<html><head><meta property=\"article:published_time\" content=\"2031-01-01T00:00:00Z\">"
              "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2019-11-20\"}</script>"
              "</head></html>", &m, NULL);
    CHECK_STR(m.published, "2019-11-20");
    CHECK_STR(m.published_source, "json-ld");
    nc_meta_clear(&m);
    read_page("<html><head><meta name=\"date\" content=\"not a date\"></head></html>", &m, NULL);
    CHECK(m.published == NULL && m.published_source == NULL);
    nc_meta_clear(&m);
}

static void test_site_url_lang(void)
{
    nc_meta m;
    char *ld = NULL;
    read_page("<html lang=\"en-GB\"><head><link rel=\"canonical\" href=\"https://example.org/a\">"
              "<meta property=\"og:url\" content=\"https://example.org/b\">"
              "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"publisher\":{\"name\":\"LD Pub\"},"
              "\"articleBody\":\"The body.\"}</script></head></html>", &m, &ld);
    CHECK_STR(m.url, "https://example.org/a");
    CHECK_STR(m.site, "LD Pub");
    CHECK_STR(m.lang, "en-GB");
    CHECK_STR(ld, "The body.");
    free(ld);
    nc_meta_clear(&m);
    /* a relative canonical link is not a URL; og:locale gives the language */
    read_page("<html><head><link rel=\"canonical\" href=\"/a\"><meta property=\"og:url\" content=\"http://example.org/b\">"
              "<meta property=\"og:locale\" content=\"fr_FR\"></head></html>", &m, NULL);
    CHECK_STR(m.url, "http://example.org/b");
    CHECK_STR(m.lang, "fr-FR");
    nc_meta_clear(&m);
    /* broken JSON-LD is ignored */
    read_page("<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",</script></head></html>", &m, NULL);
    CHECK(m.title == NULL && m.byline == NULL && m.published == NULL);
    nc_meta_clear(&m);
}

static void test_dates(void)
{
    static const struct {
        const char *in, *out;
    } OK[] = {
        {"2019-11-19", "2019-11-19"},
        {"2019-11-19T12:30:00Z", "2019-11-19T12:30:00Z"},
        {"2019-11-19T12:30:00.123-05:00", "2019-11-19T12:30:00-05:00"},
        {"2019-11-19T12:30:00+0530", "2019-11-19T12:30:00+05:30"},
        {" 2019/11/19 ", "2019-11-19"},
        {"Tue, 19 Nov 2019 12:30:00 GMT", "2019-11-19T12:30:00Z"},
        {"November 19, 2019", "2019-11-19"},
        {"Nov. 19, 2019 4:05 PM", "2019-11-19T16:05:00"},
        {"Sept 3rd, 2019", "2019-09-03"},
        {"19 November 2019", "2019-11-19"},
        {"2020-02-29", "2020-02-29"},
    };
    for (size_t i = 0; i < sizeof OK / sizeof OK[0]; i++) {
        nc_date d;
        char buf[40] = "";
        int ok = nc_date_parse(OK[i].in, &d);
        if (ok)
            nc_date_format(&d, buf, sizeof buf);
        CHECK_STR(ok ? buf : "(no date)", OK[i].out);
    }
    const char *bad[] = {"", "2019-13-01", "2019-02-30", "2019-02-29", "19/11/2019", "November 2019",
                         "2019-11-19 and more", "12:30", "1850-01-01"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        nc_date d;
        CHECK(!nc_date_parse(bad[i], &d));
    }
    nc_date d;
    CHECK(nc_date_find("Posted on Monday, November 18, 2019 at 7:45 am", &d));
    CHECK_INT(d.d, 18);
    CHECK(!nc_date_find("Updated recently", &d));
    CHECK(nc_date_parse("1970-01-02T00:00:00Z", &d) && nc_date_epoch(&d) == 86400);
    CHECK(nc_date_parse("2019-11-20", &d) && nc_date_epoch(&d) == REF);
    long long t = 0;
    CHECK_INT(nc_parse_reference_date("2019-11-19", &t), 0);
    CHECK_INT(t, REF - 1);
    CHECK_INT(nc_parse_reference_date("yesterday", &t), NC_EINVAL);
}

int main(void)
{
    xmlInitParser();
    test_title();
    test_byline();
    test_published();
    test_site_url_lang();
    test_dates();
    return CHECK_DONE("meta");
}
