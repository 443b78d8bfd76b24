/* Page metadata: one walk over the tree collects every candidate source
 * (meta tags, link tags, JSON-LD, <h1>, <title>, <time>, byline and date
 * elements); then each member takes the first plausible value in the
 * order documented in meta.h. Conservative: a doubtful date or author is
 * left out. */
#include "document/xmltree.h"
#include "document/meta.h"
#include "document/date.h"
#include "document/html.h"
#include "newsclaims.h"
#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Longest element text looked at for bylines, datelines and headlines. */
#define SHORT_TEXT 300

/* Meta tags giving the publication date, by property/name (lower case). */
static const char *const DATE_KEYS[] = {
    "article:published_time", "og:article:published_time", "published_time", "og:published_time",
    "article.published", "pubdate", "publishdate", "publish-date", "publish_date", "date",
    "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued", "sailthru.date",
    "parsely-pub-date", "article:published", "datepublished", NULL};
static const char *const AUTHOR_KEYS[] = {"author", "article:author", "dc.creator", "sailthru.author",
                                          "parsely-author", "byl", NULL};

typedef struct found {
    /* borrowed from the tree (attribute or text content) */
    const char *og_title, *og_site, *og_url, *og_locale, *app_name, *canonical, *content_lang;
    const char *meta_date, *micro_date, *meta_author, *html_lang;
    int date_key; /* index in DATE_KEYS of meta_date (lower = better) */
    xmlNode *title, *h1, *time_el, *byline_el, *dateline_el, *rel_author;
    int n_h1;
    /* from JSON-LD, owned */
    char *ld_headline, *ld_author, *ld_date, *ld_publisher, *ld_body;
} found;




static int key_index(const char *key, const char *const *keys)
{
    for (int i = 0; keys[i]; i++)
        if (strcasecmp(key, keys[i]) == 0)
            return i;
    return -1;
}

/* Whether n's class or id contains one of words (lower case, NULL
 * ended), ignoring case: both values are found in one look at the
 * attributes. */
static int class_has(const xmlNode *n, const char *const *words)
{
    const char *v[2] = {NULL, NULL}; /* class, id: the first of each, as nc_xml_attr */
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *an = (const char *)a->name;
        int k = strcasecmp(an, "class") == 0 ? 0 : strcasecmp(an, "id") == 0 ? 1 : -1;
        if (k >= 0 && !v[k])
            v[k] = a->children && a->children->type == XML_TEXT_NODE ? (const char *)a->children->content : "";
    }
    for (int k = 0; k < 2; k++) {
        size_t len = v[k] ? strlen(v[k]) : 0;
        for (const char *const *w = words; len && *w; w++)
            if (nc_has_ci(v[k], len, *w))
                return 1;
    }
    return 0;
}

/* Lower-cased "class id" of n into buf (truncated). */
static void class_lower(const xmlNode *n, char *buf, size_t cap)
{
    size_t o = 0;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *an = (const char *)a->name;
        if ((an[0] != 'c' || strcmp(an, "class") != 0) && (an[0] != 'i' || strcmp(an, "id") != 0))
            continue;
        for (const xmlNode *t = a->children; t; t = t->next)
            for (const char *p = (const char *)t->content; p && *p && o + 2 < cap; p++)
                buf[o++] = (char)nc_ascii_lower((unsigned char)*p);
        if (o + 2 < cap)
            buf[o++] = ' ';
    }
    buf[o] = '\0';
}

/* The collapsed text of n's subtree into *out (malloc'd), or NULL when
 * it has none or more than SHORT_TEXT bytes. 0 or NC_ENOMEM. */
static int short_text(const xmlNode *n, char **out)
{
    char buf[SHORT_TEXT + 1];
    size_t o = 0;
    *out = NULL;
    for (const xmlNode *c = n->children; c;) {
        if (nc_xml_is_elem(c) && nc_html_block_kind(c) < 0) {
            c = nc_xml_next_in((xmlNode *)c, n, 0);
            continue;
        }
        if (c->type == XML_TEXT_NODE && c->content) {
            size_t l = strlen((const char *)c->content);
            if (o + l + 1 > SHORT_TEXT)
                return 0;
            memcpy(buf + o, c->content, l);
            o += l;
            buf[o++] = ' ';
        }
        c = nc_xml_next_in((xmlNode *)c, n, 1);
    }
    return nc_html_set_text(out, buf, o);
}

/* ------------------------------------------------------------------ */
/* JSON-LD                                                             */
/* ------------------------------------------------------------------ */

static int article_type(const char *t)
{
    static const char *const TYPES[] = {"Article", "NewsArticle", "ReportageNewsArticle",
                                        "AnalysisNewsArticle", "OpinionNewsArticle",
                                        "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting",
                                        "LiveBlogPosting", "Report", "TechArticle", "ScholarlyArticle",
                                        "SatiricalArticle", "AdvertiserContentArticle", NULL};
    return t && key_index(t, TYPES) >= 0;
}

static int is_article(const cJSON *o)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "@type");
    if (cJSON_IsString(t))
        return article_type(t->valuestring);
    const cJSON *e;
    cJSON_ArrayForEach(e, t) if (cJSON_IsString(e) && article_type(e->valuestring)) return 1;
    return 0;
}

/* The first article object in v (itself, an array item, or in @graph). */
static const cJSON *find_article(const cJSON *v, int depth)
{
    if (!v || depth > 4)
        return NULL;
    if (cJSON_IsObject(v) && is_article(v))
        return v;
    const cJSON *list = cJSON_IsArray(v) ? v : cJSON_GetObjectItemCaseSensitive(v, "@graph");
    const cJSON *e, *r;
    cJSON_ArrayForEach(e, list) if ((r = find_article(e, depth + 1)) != NULL) return r;
    return NULL;
}

static const char *str_member(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : NULL;
}

/* A person's name from a JSON-LD author (string, Person object, array);
 * organisations are not bylines. */
static int ld_author_names(const cJSON *a, char **out)
{
    nc_buf b = {0};
    int rc = 0;
    const cJSON *list = cJSON_IsArray(a) ? a : NULL;
    const cJSON *e = list ? list->child : a;
    for (; e && !rc; e = list ? e->next : NULL) {
        const char *name = NULL;
        if (cJSON_IsString(e))
            name = e->valuestring;
        else if (cJSON_IsObject(e)) {
            const char *type = str_member(e, "@type");
            if (type && strcmp(type, "Person") != 0)
                goto next;
            name = str_member(e, "name");
        }
        if (name && *name) {
            if (b.len)
                rc = nc_buf_append_str(&b, ", ");
            if (!rc)
                rc = nc_buf_append_str(&b, name);
        }
    next:
        if (!list)
            break;
    }
    if (!rc && b.len)
        rc = nc_html_set_text(out, b.data, b.len);
    nc_buf_free(&b);
    return rc;
}

static int read_jsonld(const xmlNode *script, found *f)
{
    if (f->ld_headline || f->ld_date || f->ld_body || f->ld_author)
        return 0; /* the first article object wins */
    nc_buf b = {0};
    int rc = 0;
    for (const xmlNode *c = script->children; c && !rc; c = c->next)
        if (c->content)
            rc = nc_buf_append_str(&b, (const char *)c->content);
    if (rc || !b.len) {
        nc_buf_free(&b);
        return rc;
    }
    cJSON *root = cJSON_ParseWithLength(b.data, b.len);
    nc_buf_free(&b);
    const cJSON *art = find_article(root, 0);
    if (art) {
        const char *s;
        const cJSON *pub = cJSON_GetObjectItemCaseSensitive(art, "publisher");
        if ((s = str_member(art, "headline")) != NULL)
            rc = nc_html_set_text(&f->ld_headline, s, strlen(s));
        if (!rc && (s = str_member(art, "datePublished")) != NULL)
            rc = nc_html_set_text(&f->ld_date, s, strlen(s));
        if (!rc && cJSON_IsObject(pub) && (s = str_member(pub, "name")) != NULL)
            rc = nc_html_set_text(&f->ld_publisher, s, strlen(s));
        if (!rc && (s = str_member(art, "articleBody")) != NULL && !(f->ld_body = strdup(s)))
            rc = NC_ENOMEM;
        if (!rc)
            rc = ld_author_names(cJSON_GetObjectItemCaseSensitive(art, "author"), &f->ld_author);
    }
    cJSON_Delete(root);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Collecting                                                          */
/* ------------------------------------------------------------------ */

static void read_meta_tag(const xmlNode *n, found *f)
{
    const char *content = nc_xml_attr(n, "content");
    if (!content || !*content)
        return;
    const char *keys[] = {nc_xml_attr(n, "property"), nc_xml_attr(n, "name"), nc_xml_attr(n, "itemprop"), nc_xml_attr(n, "http-equiv")};
    for (int k = 0; k < 4; k++) {
        const char *key = keys[k];
        if (!key)
            continue;
        int di;
        if (!f->og_title && strcasecmp(key, "og:title") == 0)
            f->og_title = content;
        else if (!f->og_site && strcasecmp(key, "og:site_name") == 0)
            f->og_site = content;
        else if (!f->og_url && strcasecmp(key, "og:url") == 0)
            f->og_url = content;
        else if (!f->og_locale && strcasecmp(key, "og:locale") == 0)
            f->og_locale = content;
        else if (!f->app_name && strcasecmp(key, "application-name") == 0)
            f->app_name = content;
        else if (!f->content_lang && strcasecmp(key, "content-language") == 0)
            f->content_lang = content;
        else if (k == 2 && !f->micro_date && strcasecmp(key, "datePublished") == 0)
            f->micro_date = content;
        else if ((di = key_index(key, DATE_KEYS)) >= 0 && (!f->meta_date || di < f->date_key)) {
            f->meta_date = content;
            f->date_key = di;
        } else if (!f->meta_author && key_index(key, AUTHOR_KEYS) >= 0)
            f->meta_author = content;
    }
}

/* Inside navigation, footers, asides or comment areas: not the article's. */
static int in_chrome(const xmlNode *n)
{
    static const char *const WORDS[] = {"comment", "related", "sidebar", NULL};
    for (int i = 0; nc_xml_is_elem(n) && i < 30; n = n->parent, i++)
        if (nc_xml_name_is(n, "nav") || nc_xml_name_is(n, "footer") || nc_xml_name_is(n, "aside") ||
            class_has(n, WORDS))
            return 1;
    return 0;
}

static int updated_marker(const xmlNode *n)
{
    static const char *const WORDS[] = {"updat", "modif", NULL};
    for (int i = 0; nc_xml_is_elem(n) && i < 3; n = n->parent, i++)
        if (class_has(n, WORDS))
            return 1;
    return 0;
}

static int collect(xmlDoc *doc, found *f)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (nc_xml_name_is(root, "html")) {
        f->html_lang = nc_xml_attr(root, "lang");
        if (!f->html_lang || !*f->html_lang)
            f->html_lang = nc_xml_attr(root, "xml:lang");
    }
    int rc = 0;
    for (xmlNode *n = root; n && !rc;) {
        if (!nc_xml_is_elem(n)) {
            n = nc_xml_next_in(n, root, 1);
            continue;
        }
        const char *name = (const char *)n->name;
        if (nc_name_eq(name, "meta"))
            read_meta_tag(n, f);
        else if (nc_name_eq(name, "link")) {
            const char *rel = nc_xml_attr(n, "rel"), *href = nc_xml_attr(n, "href");
            if (rel && href && !f->canonical && strcasecmp(rel, "canonical") == 0)
                f->canonical = href;
        } else if (nc_name_eq(name, "script")) {
            if (nc_html_is_jsonld(n))
                rc = read_jsonld(n, f);
            n = nc_xml_next_in(n, root, 0);
            continue;
        } else if (nc_name_eq(name, "title") && !f->title) {
            f->title = n;
        } else if (nc_name_eq(name, "h1") && !in_chrome(n)) {
            if (!f->n_h1++)
                f->h1 = n;
        } else if (nc_name_eq(name, "time") && !f->time_el && nc_xml_attr(n, "datetime") && !in_chrome(n) &&
                   !updated_marker(n)) {
            f->time_el = n;
        }
        if (!f->micro_date && !nc_name_eq(name, "meta")) {
            const char *ip = nc_xml_attr(n, "itemprop");
            if (ip && strcmp(ip, "datePublished") == 0) {
                const char *v = nc_xml_attr(n, "datetime");
                if (!v)
                    v = nc_xml_attr(n, "content");
                if (v && *v)
                    f->micro_date = v;
            }
        }
        if (!f->rel_author && nc_name_eq(name, "a")) {
            const char *rel = nc_xml_attr(n, "rel");
            if (rel && strcasecmp(rel, "author") == 0 && !in_chrome(n))
                f->rel_author = n;
        }
        if (!n->properties || nc_name_eq(name, "body") || nc_name_eq(name, "html") ||
            nc_name_eq(name, "meta")) {
            n = nc_xml_next_in(n, root, 1);
            continue;
        }
        char ci[256];
        class_lower(n, ci, sizeof ci);
        if (!f->byline_el && !nc_name_eq(name, "a") && !nc_name_eq(name, "img") &&
            (strstr(ci, "byline") || (nc_xml_attr(n, "itemprop") && strcmp(nc_xml_attr(n, "itemprop"), "author") == 0)) &&
            !in_chrome(n))
            f->byline_el = n;
        if (!f->dateline_el && ci[0] && (strstr(ci, "date") || strstr(ci, "publish") || strstr(ci, "posted")) &&
            !updated_marker(n) && !in_chrome(n)) {
            char *t = NULL;
            nc_date d;
            if ((rc = short_text(n, &t)) == 0 && t && strlen(t) <= 80 && nc_date_find(t, &d) &&
                !strcasestr(t, "updated"))
                f->dateline_el = n;
            free(t);
        }
        n = nc_xml_next_in(n, root, 1);
    }
    return rc;
}

/* ------------------------------------------------------------------ */
/* Choosing                                                            */
/* ------------------------------------------------------------------ */

static int same_ci(const char *a, const char *b) { return a && b && strcasecmp(a, b) == 0; }

/* Removes trailing " | Site" style parts: the site's name, or a short
 * tail after a long enough headline. */
static void strip_site_suffix(char *t, const char *site)
{
    static const char *const SEPS[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xB7 ",
                                       " \xC2\xBB ", NULL};
    for (int round = 0; round < 2; round++) {
        char *best = NULL;
        size_t seplen = 0;
        for (int i = 0; SEPS[i]; i++) {
            char *p = t, *last = NULL;
            while ((p = strstr(p, SEPS[i])) != NULL)
                last = p++;
            if (last && last > best) {
                best = last;
                seplen = strlen(SEPS[i]);
            }
        }
        if (!best)
            return;
        const char *tail = best + seplen;
        int words_tail = 0, words_head = 0;
        for (const char *p = tail; *p; p++)
            words_tail += (p == tail || p[-1] == ' ') && *p != ' ';
        for (const char *p = t; p < best; p++)
            words_head += (p == t || p[-1] == ' ') && *p != ' ';
        int site_tail = site && (strcasecmp(tail, site) == 0 || strcasestr(site, tail) == site);
        if (!(site_tail || (words_tail <= 4 && words_head >= 4 && strchr("|\xE2\xC2:", best[1]))))
            return;
        *best = '\0';
    }
}

static int looks_like_url(const char *s)
{
    return strncasecmp(s, "http:", 5) == 0 || strncasecmp(s, "https:", 6) == 0 || strncasecmp(s, "www.", 4) == 0 ||
           strchr(s, '@') || strchr(s, '/');
}

/* A byline must be a name: not a URL, a date, the site, or a sentence. */
static int plausible_byline(const char *s, const nc_meta *m)
{
    size_t len = strlen(s), words = 0, digits = 0;
    if (len < 3 || len > 120 || looks_like_url(s))
        return 0;
    for (const char *p = s; *p; p++) {
        words += (p == s || p[-1] == ' ') && *p != ' ';
        digits += isdigit((unsigned char)*p) != 0;
    }
    nc_date d;
    if (words > 14 || digits >= 2 || nc_date_find(s, &d))
        return 0;
    const char *name = strncasecmp(s, "by ", 3) == 0 ? s + 3 : s;
    /* the site, or a part of its name, is not an author */
    if (m->site && (same_ci(name, m->site) || same_ci(s, m->site) || strcasestr(m->site, name)))
        return 0;
    /* content-system accounts */
    static const char *const ACCOUNTS[] = {"admin", "administrator", "webmaster", "editor", "editors",
                                           "staff", "guest", "root", "user", "unknown", "anonymous", NULL};
    for (const char *const *a = ACCOUNTS; *a; a++)
        if (same_ci(name, *a))
            return 0;
    if (m->title && same_ci(s, m->title))
        return 0;
    return 1;
}

static int set_byline(nc_meta *m, const char *v)
{
    char *t = NULL;
    int rc = v ? nc_html_set_text(&t, v, strlen(v)) : 0;
    if (!rc && t && plausible_byline(t, m)) {
        m->byline = t;
        t = NULL;
    }
    free(t);
    return rc;
}

static int set_byline_el(nc_meta *m, const xmlNode *n)
{
    char *t = NULL;
    int rc = n ? short_text(n, &t) : 0;
    if (!rc && t)
        rc = set_byline(m, t);
    free(t);
    return rc;
}

/* Normalises a date value; refuses dates after the reference time (a
 * date alone may be the reference day itself; a time without a zone gets
 * the widest zone's slack). */
static int set_date(nc_meta *m, const char *v, const char *source, long long ref, int find)
{
    nc_date d;
    if (m->published || !v || !(find ? nc_date_find(v, &d) : nc_date_parse(v, &d)))
        return 0;
    long long t = nc_date_epoch(&d);
    long long limit = !d.has_time ? ref : d.has_zone ? ref + 300 : ref + 14 * 3600;
    if (t > limit)
        return 0;
    char buf[40];
    nc_date_format(&d, buf, sizeof buf);
    if (!(m->published = strdup(buf)))
        return NC_ENOMEM;
    m->published_source = source;
    return 0;
}

static int set_str(char **dst, const char *v)
{
    return v ? nc_html_set_text(dst, v, strlen(v)) : 0;
}

static int set_url(char **dst, const char *v)
{
    if (!v || (strncasecmp(v, "http://", 7) != 0 && strncasecmp(v, "https://", 8) != 0))
        return 0;
    return set_str(dst, v);
}

static int set_lang(char **dst, const char *v)
{
    if (!v || !*v || *dst)
        return 0;
    char buf[36];
    size_t o = 0;
    for (; v[o] && o + 1 < sizeof buf && (isalnum((unsigned char)v[o]) || v[o] == '-' || v[o] == '_'); o++)
        buf[o] = v[o] == '_' ? '-' : v[o];
    buf[o] = '\0';
    if (o < 2)
        return 0;
    return set_str(dst, buf);
}

static int choose(const found *f, nc_meta *m, long long ref)
{
    int rc = 0;
    /* site first: titles and bylines are checked against it */
    if (!rc && !m->site)
        rc = set_str(&m->site, f->og_site);
    if (!rc && !m->site)
        rc = set_str(&m->site, f->ld_publisher);
    if (!rc && !m->site)
        rc = set_str(&m->site, f->app_name);
    /* title */
    if (!rc && !m->title && f->og_title && (rc = set_str(&m->title, f->og_title)) == 0 && m->title)
        strip_site_suffix(m->title, m->site);
    if (!rc && !m->title)
        rc = set_str(&m->title, f->ld_headline);
    if (!rc && !m->title && f->n_h1 == 1)
        rc = short_text(f->h1, &m->title);
    if (!rc && !m->title && f->title) {
        char *t = NULL;
        if ((rc = short_text(f->title, &t)) == 0 && t) {
            strip_site_suffix(t, m->site);
            rc = set_str(&m->title, t);
        }
        free(t);
    }
    if (!rc && m->title && !*m->title) {
        free(m->title);
        m->title = NULL;
    }
    /* byline */
    if (!rc && !m->byline)
        rc = set_byline(m, f->ld_author);
    if (!rc && !m->byline)
        rc = set_byline(m, f->meta_author);
    if (!rc && !m->byline)
        rc = set_byline_el(m, f->rel_author);
    if (!rc && !m->byline)
        rc = set_byline_el(m, f->byline_el);
    /* published */
    if (!rc)
        rc = set_date(m, f->meta_date, "meta", ref, 0);
    if (!rc)
        rc = set_date(m, f->ld_date, "json-ld", ref, 0);
    if (!rc)
        rc = set_date(m, f->micro_date, "microdata", ref, 0);
    if (!rc && f->time_el)
        rc = set_date(m, nc_xml_attr(f->time_el, "datetime"), "time", ref, 0);
    if (!rc && !m->published && f->dateline_el) {
        char *t = NULL;
        if ((rc = short_text(f->dateline_el, &t)) == 0)
            rc = set_date(m, t, "text", ref, 1);
        free(t);
    }
    /* url, lang */
    if (!rc && !m->url)
        rc = set_url(&m->url, f->canonical);
    if (!rc && !m->url)
        rc = set_url(&m->url, f->og_url);
    if (!rc)
        rc = set_lang(&m->lang, f->html_lang);
    if (!rc)
        rc = set_lang(&m->lang, f->content_lang);
    if (!rc)
        rc = set_lang(&m->lang, f->og_locale);
    return rc;
}

int nc_meta_read(xmlDoc *doc, nc_meta *meta, long long reference_time, char **ld_body)
{
    found f;
    memset(&f, 0, sizeof f);
    if (ld_body)
        *ld_body = NULL;
    int rc = collect(doc, &f);
    if (!rc)
        rc = choose(&f, meta, reference_time);
    if (!rc && ld_body) {
        *ld_body = f.ld_body;
        f.ld_body = NULL;
    }
    free(f.ld_headline);
    free(f.ld_author);
    free(f.ld_date);
    free(f.ld_publisher);
    free(f.ld_body);
    return rc;
}
