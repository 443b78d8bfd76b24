/* Article body extraction.
 *
 * One pass over the tree gathers, per element, the visible text below it
 * (characters, of which inside links, commas), counts of paragraphs,
 * images, list items, form inputs and embeds, and how many of its word
 * pairs occur in the JSON-LD articleBody. Hidden elements and those that
 * are never story (navigation, forms' controls, asides, footers, dialogs)
 * are not entered. Paragraphs then vote for their ancestors (the
 * Readability scheme: 1 + commas + length/100, halved one level up, a
 * third further up), the best container and its matching siblings are
 * chosen, and their text is written out leaving out clutter by class/id
 * hints and by link and image density.
 *
 * Per-element statistics live in one array; each element's _private
 * points at its entry while this runs. Every walk is iterative. */
#include "document/xmltree.h"
#include "document/body.h"
#include "document/html.h"
#include "newsclaims.h"
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    F_JUNK = 1 << 0,      /* not story: not entered, not written */
    F_UNLIKELY = 1 << 1,  /* class/id says clutter (comments, share, related...) */
    F_INLINK = 1 << 2,    /* inside <a> */
    F_HASBLOCK = 1 << 3,  /* has a block element child */
    F_CAND = 1 << 4,      /* got a paragraph vote */
    F_ROOT = 1 << 5,      /* chosen as (part of) the body */
    F_ABOVE = 1 << 6,     /* an ancestor of a chosen element */
    F_ITEMPROP = 1 << 7,  /* itemprop="articleBody" */
};

typedef struct nstat {
    uint32_t text, link, commas; /* visible characters below; inside links; commas */
    uint32_t own, own_commas;    /* characters and commas of direct text children */
    uint32_t pairs, hits;        /* word pairs; of which in the JSON-LD body */
    uint16_t p, img, li, input, embed, heads, link_heads;
    uint16_t flags;
    int8_t block;                /* nc_html_block_kind(), looked up once */
    int16_t weight;              /* class/id weight */
    float score;                 /* paragraph votes */
} nstat;

#define ST(n) ((nstat *)(n)->_private)
#define SAT16(x) ((x) > 60000 ? 60000 : (x))

/* A list of class/id words, indexed by first byte: a scan over a class
 * string compares only the words that start with the byte at hand. */
#define WORDS_MAX 96
typedef struct wordset {
    const char *const *words;
    uint8_t len[WORDS_MAX];
    uint8_t order[WORDS_MAX]; /* word indexes by first byte */
    uint8_t start[257];       /* words starting with byte c: order[start[c] .. start[c + 1]) */
} wordset;

enum { WS_UNLIKELY, WS_MAYBE, WS_POSITIVE, WS_NEGATIVE, WS_COUNT };

typedef struct extractor {
    xmlDoc *doc;
    wordset ws[WS_COUNT];
    nstat *st;
    size_t n_el;
    xmlNode *body;       /* <body>, or the root element */
    uint64_t *ld;        /* JSON-LD word-pair hashes (open addressing), or NULL */
    size_t ld_cap, ld_pairs;
    int strip_unlikely, clean;
    size_t teasers;      /* teaser headlines written out */
    /* class/id verdicts by string hash: pages repeat the same classes */
    struct class_memo {
        uint64_t hash; /* 0 = empty */
        int16_t weight;
        uint8_t unlikely;
    } memo[512];
} extractor;

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */


static int is_heading(const xmlNode *n)
{
    const char *s = (const char *)n->name;
    return s[0] == 'h' && s[1] >= '1' && s[1] <= '6' && !s[2];
}


/* Indexes a NULL-terminated word list (at most WORDS_MAX words of two to
 * 255 bytes). */
static void wordset_init(wordset *ws, const char *const *words)
{
    size_t n = 0, count[256] = {0};
    ws->words = words;
    for (; words[n] && n < WORDS_MAX; n++) {
        ws->len[n] = (uint8_t)strlen(words[n]);
        count[(unsigned char)words[n][0]]++;
    }
    size_t at = 0;
    for (int c = 0; c < 256; c++) {
        ws->start[c] = (uint8_t)at;
        at += count[c];
    }
    ws->start[256] = (uint8_t)at;
    size_t fill[256];
    for (int c = 0; c < 256; c++)
        fill[c] = ws->start[c];
    for (size_t i = 0; i < n; i++)
        ws->order[fill[(unsigned char)words[i][0]]++] = (uint8_t)i;
}

/* Whether any word of the set occurs in s. */
static int any_of(const char *s, const wordset *ws)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned a = ws->start[*p], b = ws->start[*p + 1];
        for (unsigned k = a; k < b; k++) {
            unsigned i = ws->order[k];
            /* every word has two bytes or more: the second decides most */
            if (p[1] == (unsigned char)ws->words[i][1] && strncmp((const char *)p, ws->words[i], ws->len[i]) == 0)
                return 1;
        }
    }
    return 0;
}

/* Class/id words of clutter (as substrings), of story containers, and the
 * Readability weights. */
static const char *const UNLIKELY[] = {
    "-ad-", "ad-break", "adslot", "ad-slot", "ad-container", "advert", "agegate", "ai2html", "banner",
    "breadcrumb", "byline", "combx", "comment", "community", "consent", "cookie", "cover-wrap",
    "disqus", "footer", "gdpr", "header", "legends", "menu", "more-stories", "most-popular",
    "mostpopular", "newsletter", "outbrain", "pager", "pagination", "paywall", "popup", "promo",
    "read-more", "readmore", "recirc", "recommend", "related", "remark", "replies", "rss",
    "share", "sharing", "shoutbox", "sidebar", "signup", "skyscraper", "social", "sponsor",
    "subscribe", "subscription", "supplemental", "taboola", "trending", "yom-remote", "toolbar",
    "sr-only", "visually-hidden", "screen-reader", "skip-link", "author", "dateline", "timestamp",
    NULL};
static const char *const MAYBE[] = {"and", "article", "body", "column", "content", "main", "shadow", NULL};
static const char *const POSITIVE[] = {"article", "body", "content", "entry", "hentry", "h-entry", "main",
                                       "post", "text", "blog", "story", NULL};
static const char *const NEGATIVE[] = {"-ad-", "hidden", "banner", "combx", "comment", "com-",
                                       "contact", "foot", "masthead", "media", "meta", "outbrain",
                                       "promo", "related", "scroll", "share", "shoutbox", "sidebar",
                                       "skyscraper", "sponsor", "shopping", "tags", "tool", "widget",
                                       "newsletter", "subscribe", "cookie", NULL};

static int hidden_style(const char *style)
{
    char buf[128];
    size_t o = 0;
    for (const char *p = style; *p && o + 1 < sizeof buf; p++)
        if (!isspace((unsigned char)*p))
            buf[o++] = (char)nc_ascii_lower((unsigned char)*p);
    buf[o] = '\0';
    return strstr(buf, "display:none") || strstr(buf, "visibility:hidden");
}

static int junk_role(const char *role)
{
    static const char *const ROLES[] = {"navigation", "banner", "contentinfo", "complementary", "dialog",
                                        "alertdialog", "menu", "menubar", "toolbar", NULL};
    for (const char *const *r = ROLES; *r; r++)
        if (strcmp(role, *r) == 0)
            return 1;
    return 0;
}

/* Elements that are never story text, by name (in strcmp order). */
static int junk_name(const char *name)
{
    static const char *const TAGS[] = {"aside", "audio", "button", "canvas", "dialog", "embed", "footer",
                                       "head", "header", "iframe", "input", "label", "link", "map",
                                       "menu", "meta", "nav", "noscript", "object", "option", "script",
                                       "select", "style", "svg", "template", "textarea", "title", "video"};
    return nc_xml_name_index(name, TAGS, sizeof TAGS / sizeof TAGS[0], sizeof TAGS[0]) >= 0;
}

/* One look at n's attributes: class and id (lower-cased into ci), and
 * whether they make n junk (hidden, a navigation role) or the itemprop
 * articleBody. */
static size_t scan_attrs(const xmlNode *n, char *ci, size_t cap, int *junk, int *itemprop)
{
    size_t o = 0;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        const char *an = (const char *)a->name;
        const char *v = a->children && a->children->type == XML_TEXT_NODE ? (const char *)a->children->content : "";
        if (!v)
            v = "";
        switch (an[0]) {
        case 'c':
        case 'i':
            if (nc_name_eq(an, "class") || nc_name_eq(an, "id")) {
                for (const char *p = v; *p && o + 2 < cap; p++)
                    ci[o++] = (char)nc_ascii_lower((unsigned char)*p);
                if (o + 2 < cap)
                    ci[o++] = ' ';
            } else if (nc_name_eq(an, "itemprop") && strstr(v, "articleBody")) {
                *itemprop = 1;
            }
            break;
        case 'h':
            if (nc_name_eq(an, "hidden"))
                *junk = 1;
            break;
        case 'a':
            if (nc_name_eq(an, "aria-hidden") && strcmp(v, "true") == 0)
                *junk = 1;
            break;
        case 'r':
            if (nc_name_eq(an, "role") && junk_role(v))
                *junk = 1;
            break;
        case 's':
            if (nc_name_eq(an, "style") && hidden_style(v))
                *junk = 1;
            break;
        default:
            break;
        }
    }
    ci[o] = '\0';
    return o;
}

/* ------------------------------------------------------------------ */
/* JSON-LD word pairs                                                  */
/* ------------------------------------------------------------------ */

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h | 1; /* 0 marks an empty slot */
}

/* Calls fn for each pair of consecutive words (letters/digits/non-ASCII,
 * ASCII lower-cased) of s, hashed. */
typedef struct pairs_state {
    uint64_t prev;
    int have_prev;
} pairs_state;

static void word_pairs(const unsigned char *s, size_t n, pairs_state *ps,
                       void (*fn)(uint64_t h, void *user), void *user)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && !(isalnum(s[i]) || s[i] >= 0x80))
            i++;
        if (i >= n)
            break;
        uint64_t h = 1469598103934665603ULL;
        while (i < n && (isalnum(s[i]) || s[i] >= 0x80)) {
            h = (h ^ (uint64_t)nc_ascii_lower(s[i])) * 1099511628211ULL;
            i++;
        }
        if (ps->have_prev)
            fn(mix(ps->prev * 31 + h), user);
        ps->prev = h;
        ps->have_prev = 1;
    }
}

static void ld_count(uint64_t h, void *user)
{
    size_t *n = user;
    (void)h;
    (*n)++;
}

static void ld_insert(uint64_t h, void *user)
{
    extractor *x = user;
    size_t mask = x->ld_cap - 1, i = h & mask;
    while (x->ld[i] && x->ld[i] != h)
        i = (i + 1) & mask;
    if (!x->ld[i]) {
        x->ld[i] = h;
        x->ld_pairs++;
    }
}

static int ld_has(const extractor *x, uint64_t h)
{
    size_t mask = x->ld_cap - 1, i = h & mask;
    while (x->ld[i]) {
        if (x->ld[i] == h)
            return 1;
        i = (i + 1) & mask;
    }
    return 0;
}

static int ld_build(extractor *x, const char *body)
{
    size_t n = 0, len = strlen(body);
    pairs_state ps = {0, 0};
    word_pairs((const unsigned char *)body, len, &ps, ld_count, &n);
    while (len && isspace((unsigned char)body[len - 1]))
        len--;
    if (n < 30 || (len >= 3 && (strcmp(body + len - 3, "\xE2\x80\xA6") == 0 || strncmp(body + len - 3, "...", 3) == 0)) ||
        (len >= 8 && strncmp(body + len - 8, "&hellip;", 8) == 0))
        return 0; /* too short to recognise anything by, or cut short */
    x->ld_cap = 64;
    while (x->ld_cap < n * 2)
        x->ld_cap *= 2;
    if (!(x->ld = calloc(x->ld_cap, sizeof *x->ld)))
        return NC_ENOMEM;
    ps = (pairs_state){0, 0};
    word_pairs((const unsigned char *)body, len, &ps, ld_insert, x);
    return 0;
}

typedef struct text_pairs {
    const extractor *x;
    uint32_t pairs, hits;
} text_pairs;

static void ld_probe(uint64_t h, void *user)
{
    text_pairs *t = user;
    t->pairs++;
    t->hits += ld_has(t->x, h);
}

/* ------------------------------------------------------------------ */
/* Statistics                                                          */
/* ------------------------------------------------------------------ */

static void count_text(const extractor *x, nstat *s, const unsigned char *t)
{
    uint32_t chars = 0, commas = 0;
    size_t len = 0;
    for (; t[len]; len++) {
        unsigned char c = t[len];
        if (c < 0x80) { /* most text: a comma, a space or a character */
            commas += c == ',';
            chars += c > ' ';
            continue;
        }
        if (c == 0xEF && t[len + 1] == 0xBC && t[len + 2] == 0x8C) /* U+FF0C */
            commas++;
        else if (c == 0xE3 && t[len + 1] == 0x80 && t[len + 2] == 0x81) /* U+3001 */
            commas++;
        if ((c & 0xC0) != 0x80 && !(c == 0xC2 && t[len + 1] == 0xA0))
            chars++;
    }
    s->own += chars;
    s->own_commas += commas;
    s->text += chars;
    if (s->flags & F_INLINK)
        s->link += chars;
    s->commas += commas;
    if (x->ld) {
        text_pairs tp = {x, 0, 0};
        pairs_state ps = {0, 0};
        word_pairs(t, len, &ps, ld_probe, &tp);
        s->pairs += tp.pairs;
        s->hits += tp.hits;
    }
}

/* Adds child totals into the parent's. */
static void add_up(nstat *p, const nstat *c)
{
    p->text += c->text;
    p->link += c->link;
    p->commas += c->commas;
    p->pairs += c->pairs;
    p->hits += c->hits;
    p->p = SAT16(p->p + c->p);
    p->img = SAT16(p->img + c->img);
    p->li = SAT16(p->li + c->li);
    p->input = SAT16(p->input + c->input);
    p->embed = SAT16(p->embed + c->embed);
    p->heads = SAT16(p->heads + c->heads);
    p->link_heads = SAT16(p->link_heads + c->link_heads);
}

static int16_t class_weight(const extractor *x, const char *ci)
{
    int w = 0;
    if (any_of(ci, &x->ws[WS_NEGATIVE]))
        w -= 25;
    if (any_of(ci, &x->ws[WS_POSITIVE]))
        w += 25;
    return (int16_t)w;
}

/* Weight and unlikeliness of a class/id string, memoised. */
static void class_verdict(extractor *x, const char *ci, int16_t *weight, int *unlikely)
{
    uint64_t h = 1469598103934665603ULL;
    for (const char *p = ci; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    h |= 1;
    struct class_memo *m = &x->memo[h % (sizeof x->memo / sizeof x->memo[0])];
    if (m->hash != h) {
        m->hash = h;
        m->weight = class_weight(x, ci);
        m->unlikely = (uint8_t)(any_of(ci, &x->ws[WS_UNLIKELY]) && !any_of(ci, &x->ws[WS_MAYBE]));
    }
    *weight = m->weight;
    *unlikely = m->unlikely;
}

static void enter_stats(extractor *x, xmlNode *n, nstat *s, const nstat *parent)
{
    char ci[256];
    int unlikely = 0, junk = 0, itemprop = 0;
    const char *name = (const char *)n->name;
    if (scan_attrs(n, ci, sizeof ci, &junk, &itemprop))
        class_verdict(x, ci, &s->weight, &unlikely);
    if (parent)
        s->flags |= parent->flags & F_INLINK;
    if (name[0] == 'a' && !name[1])
        s->flags |= F_INLINK;
    s->block = (int8_t)nc_html_block_kind(n);
    if (junk || junk_name(name))
        s->flags |= F_JUNK;
    if (unlikely && !nc_name_eq(name, "body") && !nc_name_eq(name, "a"))
        s->flags |= F_UNLIKELY;
    if (itemprop)
        s->flags |= F_ITEMPROP;
    if (nc_name_eq(name, "p"))
        s->p = 1;
    else if (nc_name_eq(name, "img"))
        s->img = 1;
    else if (nc_name_eq(name, "li"))
        s->li = 1;
    else if (nc_name_eq(name, "input"))
        s->input = 1;
    else if (nc_name_eq(name, "embed") || nc_name_eq(name, "object") || nc_name_eq(name, "iframe"))
        s->embed = 1;
}

/* When an element is left: its totals go to the parent, and a heading
 * made mostly of a link counts as a teaser headline. */
static void leave_stats(xmlNode *n)
{
    nstat *s = ST(n);
    if (is_heading(n)) {
        s->heads = SAT16(s->heads + 1);
        if (s->text && s->link * 2 > s->text)
            s->link_heads = SAT16(s->link_heads + 1);
    }
    xmlNode *p = n->parent;
    if (nc_xml_is_elem(p) && ST(p)) {
        add_up(ST(p), s);
        if (s->block == 1)
            ST(p)->flags |= F_HASBLOCK;
    }
}

/* Numbers the elements and fills their statistics. Junk is not entered
 * (its statistics stay zero apart from the flag). */
static int gather(extractor *x)
{
    xmlNode *root = xmlDocGetRootElement(x->doc);
    size_t count = 0;
    for (xmlNode *n = root; n; n = nc_xml_next_in(n, root, 1))
        count += nc_xml_is_elem(n);
    if (!count)
        return 0;
    if (!(x->st = calloc(count, sizeof *x->st)))
        return NC_ENOMEM;
    x->n_el = count;
    size_t i = 0;
    xmlNode *n = root;
    while (n) {
        int descend = 0;
        if (nc_xml_is_elem(n)) {
            nstat *s = &x->st[i++];
            n->_private = s;
            enter_stats(x, n, s, nc_xml_is_elem(n->parent) ? ST(n->parent) : NULL);
            if (!x->body && nc_xml_name_is(n, "body"))
                x->body = n;
            descend = !(s->flags & F_JUNK);
            if (!descend)
                leave_stats(n); /* still counts as a block child */
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content &&
                   nc_xml_is_elem(n->parent) && ST(n->parent)) {
            count_text(x, ST(n->parent), n->content);
        }
        if (descend && n->children) {
            n = n->children;
            continue;
        }
        while (n != root && !n->next) {
            n = n->parent;
            leave_stats(n);
        }
        if (n == root)
            break;
        n = n->next;
    }
    /* elements never reached (inside junk) keep _private NULL: give them
     * their entry so every element has one */
    for (xmlNode *m = root; m; m = nc_xml_next_in(m, root, 1))
        if (nc_xml_is_elem(m) && !m->_private && i < count)
            m->_private = &x->st[i++];
    if (!x->body)
        x->body = root;
    return 0;
}

static void release(extractor *x)
{
    xmlNode *root = x->doc ? xmlDocGetRootElement(x->doc) : NULL;
    for (xmlNode *n = root; n; n = nc_xml_next_in(n, root, 1))
        n->_private = NULL;
    free(x->st);
    free(x->ld);
}

static double link_density(const nstat *s) { return s->text ? (double)s->link / (double)s->text : 0.0; }

/* ------------------------------------------------------------------ */
/* Choosing the body                                                   */
/* ------------------------------------------------------------------ */

/* 1: n is a paragraph (votes for its ancestors); 2: n holds paragraphs
 * of loose text between blocks (votes for itself and its ancestors, as
 * if that text were wrapped in <p>s); 0: neither. */
static int paragraph_like(const xmlNode *n, const nstat *s)
{
    const char *name = (const char *)n->name;
    if (nc_name_eq(name, "p") || nc_name_eq(name, "pre") || nc_name_eq(name, "td"))
        return 1;
    if (!nc_name_eq(name, "div") && !nc_name_eq(name, "section") && !nc_name_eq(name, "article") &&
        !nc_name_eq(name, "main"))
        return 0;
    if (s->own < 25)
        return 0;
    /* a div (or section) holding text but no blocks is a paragraph */
    return (s->flags & F_HASBLOCK) ? 2 : 1;
}

static double initial_score(const xmlNode *n, const nstat *s)
{
    const char *name = (const char *)n->name;
    double v = s->weight;
    if (nc_name_eq(name, "div") || nc_name_eq(name, "article") || nc_name_eq(name, "main"))
        v += 5;
    else if (nc_name_eq(name, "pre") || nc_name_eq(name, "td") || nc_name_eq(name, "blockquote"))
        v += 3;
    else if (nc_name_eq(name, "address") || nc_name_eq(name, "ol") || nc_name_eq(name, "ul") ||
             nc_name_eq(name, "dl") || nc_name_eq(name, "dd") || nc_name_eq(name, "dt") ||
             nc_name_eq(name, "li") || nc_name_eq(name, "form"))
        v -= 3;
    else if (is_heading(n) || nc_name_eq(name, "th"))
        v -= 5;
    if (nc_name_eq(name, "article"))
        v += 10;
    return v;
}

/* Whether n lies inside an element left out of scoring. */
static int excluded(const extractor *x, const xmlNode *n)
{
    for (; nc_xml_is_elem(n); n = n->parent) {
        const nstat *s = ST(n);
        if (s->flags & F_JUNK)
            return 1;
        if (x->strip_unlikely && (s->flags & F_UNLIKELY))
            return 1;
    }
    return 0;
}

/* Paragraph votes. Returns the best-scored element or NULL. */
static xmlNode *score_candidates(extractor *x)
{
    for (size_t i = 0; i < x->n_el; i++) {
        x->st[i].score = 0;
        x->st[i].flags &= (uint16_t)~F_CAND;
    }
    xmlNode *root = xmlDocGetRootElement(x->doc);
    for (xmlNode *n = root; n;) {
        if (!nc_xml_is_elem(n)) {
            n = nc_xml_next_in(n, root, 0);
            continue;
        }
        nstat *s = ST(n);
        if ((s->flags & F_JUNK) || (x->strip_unlikely && (s->flags & F_UNLIKELY))) {
            n = nc_xml_next_in(n, root, 0);
            continue;
        }
        int kind = paragraph_like(n, s);
        if (kind && s->text >= 25) {
            uint32_t len = kind == 1 ? s->text : s->own, commas = kind == 1 ? s->commas : s->own_commas;
            double v = 1.0 + commas + (len / 100 < 3 ? len / 100 : 3);
            xmlNode *a = kind == 1 ? n->parent : n;
            for (int level = 0; level < 5 && nc_xml_is_elem(a); level++, a = a->parent) {
                nstat *as = ST(a);
                if (!(as->flags & F_CAND)) {
                    as->flags |= F_CAND;
                    as->score = (float)initial_score(a, as);
                }
                as->score += (float)(v / (level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0));
            }
        }
        n = nc_xml_next_in(n, root, 1);
    }
    xmlNode *best = NULL;
    double best_score = 0;
    for (xmlNode *n = root; n; n = nc_xml_next_in(n, root, 1)) {
        if (!nc_xml_is_elem(n) || !(ST(n)->flags & F_CAND))
            continue;
        nstat *s = ST(n);
        s->score = (float)(s->score * (1.0 - link_density(s)));
        if (!best || s->score > best_score) {
            best = n;
            best_score = s->score;
        }
    }
    if (!best)
        return NULL;
    /* A parent that scores better than a third of the best and better
     * than the child it came from holds more of the story. */
    xmlNode *top = best;
    double last = ST(top)->score;
    for (xmlNode *p = top->parent; nc_xml_is_elem(p) && !nc_xml_name_is(p, "body"); p = p->parent) {
        if (!(ST(p)->flags & F_CAND))
            continue;
        double ps = ST(p)->score;
        if (ps < best_score / 3.0)
            break;
        if (ps > last) {
            top = p;
            break;
        }
        last = ps;
    }
    /* a wrapper with one element child adds nothing but is the container */
    while (nc_xml_is_elem(top->parent) && !nc_xml_name_is(top->parent, "body")) {
        int kids = 0;
        for (xmlNode *c = top->parent->children; c; c = c->next)
            kids += nc_xml_is_elem(c);
        if (kids != 1)
            break;
        top = top->parent;
    }
    return top;
}

/* Marks top and the siblings that belong with it as roots. */
static void take_with_siblings(extractor *x, xmlNode *top)
{
    nstat *ts = ST(top);
    double threshold = ts->score * 0.2 > 10 ? ts->score * 0.2 : 10;
    const char *tclass = nc_xml_attr(top, "class");
    if (!nc_xml_is_elem(top->parent)) {
        ts->flags |= F_ROOT;
        return;
    }
    for (xmlNode *c = top->parent->children; c; c = c->next) {
        if (!nc_xml_is_elem(c))
            continue;
        nstat *s = ST(c);
        int take = c == top;
        if (!take && !excluded(x, c)) {
            double bonus = 0;
            const char *cl = nc_xml_attr(c, "class");
            if (tclass && cl && *tclass && strcmp(tclass, cl) == 0)
                bonus = ts->score * 0.2;
            if ((s->flags & F_CAND) && s->score + bonus >= threshold)
                take = 1;
            else if (nc_xml_name_is(c, "p")) {
                double ld = link_density(s);
                if (s->text > 80 && ld < 0.25)
                    take = 1;
                else if (s->text < 80 && s->text > 0 && ld == 0) {
                    /* a short paragraph ending a sentence */
                    xmlNode *last = c->last;
                    while (last && last->type != XML_TEXT_NODE)
                        last = last->prev ? last->prev : NULL;
                    if (last && last->content) {
                        size_t l = strlen((const char *)last->content);
                        while (l && isspace(last->content[l - 1]))
                            l--;
                        take = l && last->content[l - 1] == '.';
                    }
                }
            }
        }
        if (take)
            s->flags |= F_ROOT;
    }
}

/* The itemprop="articleBody" elements (outermost), when they hold text. */
static int take_itemprop(extractor *x)
{
    xmlNode *root = xmlDocGetRootElement(x->doc);
    uint32_t total = 0;
    for (xmlNode *n = root; n;) {
        if (nc_xml_is_elem(n) && (ST(n)->flags & F_ITEMPROP) && !(ST(n)->flags & F_JUNK)) {
            total += ST(n)->text;
            n = nc_xml_next_in(n, root, 0);
        } else {
            n = nc_xml_next_in(n, root, 1);
        }
    }
    if (total < 200)
        return 0;
    for (xmlNode *n = root; n;) {
        if (nc_xml_is_elem(n) && (ST(n)->flags & F_ITEMPROP) && !(ST(n)->flags & F_JUNK)) {
            ST(n)->flags |= F_ROOT;
            n = nc_xml_next_in(n, root, 0);
        } else {
            n = nc_xml_next_in(n, root, 1);
        }
    }
    return 1;
}

/* The element whose word pairs best match the JSON-LD body (F1 of pair
 * counts), when the match is good. */
static int take_jsonld(extractor *x)
{
    if (!x->ld)
        return 0;
    xmlNode *root = xmlDocGetRootElement(x->doc), *best = NULL;
    double best_f = 0;
    for (xmlNode *n = root; n; n = nc_xml_next_in(n, root, 1)) {
        if (!nc_xml_is_elem(n))
            continue;
        const nstat *s = ST(n);
        if (!s->hits)
            continue;
        double f = 2.0 * s->hits / (double)(s->pairs + x->ld_pairs);
        if (f > best_f) {
            best_f = f;
            best = n;
        }
    }
    /* the page must hold most of it, and not much else */
    if (!best || best_f < 0.7 || (double)ST(best)->hits < 0.8 * (double)x->ld_pairs)
        return 0;
    ST(best)->flags |= F_ROOT;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Writing the body                                                    */
/* ------------------------------------------------------------------ */

/* Readability's conditional cleaning: containers that look like link
 * lists, image galleries, forms or widgets are left out. */
static int looks_like_clutter(const xmlNode *n, const nstat *s)
{
    const char *name = (const char *)n->name;
    int is_list = nc_name_eq(name, "ul") || nc_name_eq(name, "ol");
    if (!(is_list || nc_name_eq(name, "div") || nc_name_eq(name, "section") ||
          nc_name_eq(name, "table") || nc_name_eq(name, "form") || nc_name_eq(name, "fieldset")))
        return 0;
    if (s->weight + ((s->flags & F_CAND) ? s->score : 0) < 0)
        return 1;
    if (s->commas >= 10)
        return 0;
    double ld = link_density(s);
    int p = s->p, li = (int)s->li - 100;
    if (is_list && s->li && s->text) /* a list whose items hold the text is a real list */
        li = 0;
    if (s->img > 1 && (double)p / s->img < 0.5)
        return 1;
    if (!is_list && li > p)
        return 1;
    if (s->input > p / 3)
        return 1;
    if (!is_list && s->text < 25 && (s->img == 0 || s->img > 2) && !s->heads)
        return 1;
    if (!is_list && s->weight < 25 && ld > 0.2)
        return 1;
    if (s->weight >= 25 && ld > 0.5)
        return 1;
    if ((s->embed == 1 && s->text < 75) || s->embed > 1)
        return 1;
    if (is_list && ld > 0.5)
        return 1;
    return 0;
}

static int skip_node(const xmlNode *n, void *user)
{
    extractor *x = user;
    const nstat *s = ST(n);
    if (!s)
        return 0;
    if (s->flags & F_JUNK)
        return 1;
    if (s->flags & (F_ROOT | F_ABOVE))
        return 0;
    if (x->strip_unlikely && (s->flags & F_UNLIKELY))
        return 1;
    if (nc_xml_name_is(n, "h1"))
        return 1;
    if (x->clean && looks_like_clutter(n, s))
        return 1;
    if (is_heading(n) && s->link_heads)
        x->teasers++; /* a headline link kept in the body */
    return 0;
}

static void mark_above(xmlNode *root)
{
    for (xmlNode *n = root; n;) {
        if (nc_xml_is_elem(n) && (ST(n)->flags & F_ROOT)) {
            for (xmlNode *a = n->parent; nc_xml_is_elem(a); a = a->parent)
                ST(a)->flags |= F_ABOVE;
            n = nc_xml_next_in(n, root, 0);
        } else {
            n = nc_xml_next_in(n, root, 1);
        }
    }
}

static int write_roots(extractor *x, nc_textw *w)
{
    xmlNode *root = xmlDocGetRootElement(x->doc);
    for (xmlNode *n = root; n;) {
        if (nc_xml_is_elem(n) && (ST(n)->flags & F_ROOT)) {
            int rc = nc_textw_subtree(w, n, skip_node, x);
            if (rc)
                return rc;
            nc_textw_break(w);
            n = nc_xml_next_in(n, root, 0);
        } else {
            n = nc_xml_next_in(n, root, 1);
        }
    }
    return 0;
}

static void clear_roots(extractor *x)
{
    for (size_t i = 0; i < x->n_el; i++)
        x->st[i].flags &= (uint16_t)~(F_ROOT | F_ABOVE);
}

/* Listings and fronts: many teaser headlines made of links, little text
 * per headline; interstitials: hardly any prose at all. */
static int is_not_article(const extractor *x, const char *text, size_t len)
{
    size_t prose = 0;
    for (size_t i = 0; i < len;) {
        size_t end = i;
        while (end < len && !(text[end] == '\n' && end + 1 < len && text[end + 1] == '\n'))
            end++;
        size_t plen = end - i;
        if (plen >= 80) {
            char last = text[end - 1];
            if (last == '.' || last == '"' || last == '!' || last == '?' || (unsigned char)last >= 0x80)
                prose += plen;
        }
        i = end + 2;
    }
    /* an interstitial: next to no prose, and words of a consent, login or
     * subscription wall */
    if (prose < 200) {
        static const char *const WALL[] = {"cookie", "consent", "subscribe", "subscription", "sign in",
                                           "log in", "paywall", "enable javascript", "privacy settings",
                                           "already a subscriber", "register", NULL};
        /* the words may be in what was left out: look at the whole page */
        nc_textw w = {0};
        char *all = NULL;
        size_t all_len = 0;
        int wall = 0;
        if (nc_textw_subtree(&w, x->body, NULL, NULL) == 0 && nc_textw_take(&w, &all, &all_len) == 0 && all_len) {
            for (size_t i = 0; i < all_len; i++)
                all[i] = (char)nc_ascii_lower((unsigned char)all[i]);
            for (const char *const *word = WALL; *word && !wall; word++)
                wall = strstr(all, *word) != NULL;
        }
        nc_textw_free(&w);
        free(all);
        if (wall)
            return 1;
    }
    /* teaser headlines (headings that are mostly a link) in the body */
    size_t teasers = x->teasers;
    if (teasers >= 5 && prose / teasers < 300)
        return 1;
    return 0;
}

int nc_body_extract(xmlDoc *doc, const char *ld_body, nc_body *out)
{
    extractor x;
    nc_textw w = {0};
    int rc;
    memset(out, 0, sizeof *out);
    memset(&x, 0, sizeof x);
    x.doc = doc;
    wordset_init(&x.ws[WS_UNLIKELY], UNLIKELY);
    wordset_init(&x.ws[WS_MAYBE], MAYBE);
    wordset_init(&x.ws[WS_POSITIVE], POSITIVE);
    wordset_init(&x.ws[WS_NEGATIVE], NEGATIVE);
    out->how = "page";
    if ((ld_body && (rc = ld_build(&x, ld_body))) || (rc = gather(&x)))
        goto done;
    if (!x.n_el) {
        rc = nc_textw_take(&w, &out->text, &out->len);
        goto done;
    }
    /* strict first; then without class/id filtering and cleaning, as
     * Readability does, when that leaves too little */
    for (int attempt = 0; attempt < 3; attempt++) {
        x.strip_unlikely = attempt == 0;
        x.clean = attempt < 2;
        clear_roots(&x);
        if (take_itemprop(&x))
            out->how = "itemprop";
        else if (take_jsonld(&x))
            out->how = "json-ld";
        else {
            xmlNode *top = score_candidates(&x);
            if (top) {
                take_with_siblings(&x, top);
                out->how = "scored";
            } else {
                ST(x.body)->flags |= F_ROOT;
                out->how = "page";
            }
        }
        mark_above(xmlDocGetRootElement(doc));
        free(out->text);
        out->text = NULL;
        x.teasers = 0;
        if ((rc = write_roots(&x, &w)) || (rc = nc_textw_take(&w, &out->text, &out->len)))
            goto done;
        if (out->len >= 250 || ST(x.body)->text < 250)
            break;
    }
    if (out->len == 0 && ST(x.body)->text > 0) {
        /* nothing chosen on a page that has text (a short page, text deep
         * in nested blocks): the page's visible text beats an empty record */
        clear_roots(&x);
        x.strip_unlikely = 0;
        x.clean = 0;
        ST(x.body)->flags |= F_ROOT;
        out->how = "page";
        mark_above(xmlDocGetRootElement(doc));
        free(out->text);
        out->text = NULL;
        if ((rc = write_roots(&x, &w)) || (rc = nc_textw_take(&w, &out->text, &out->len)))
            goto done;
    }
    out->not_article = is_not_article(&x, out->text, out->len);
done:
    nc_textw_free(&w);
    release(&x);
    if (rc) {
        free(out->text);
        out->text = NULL;
    }
    return rc;
}
