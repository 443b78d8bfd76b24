/* HTML: parsing with libxml2's HTML parser, and tree to text.
 *
 * Thread safety: nc_html_to_text() is called from several threads at once.
 * Each call owns its parser context and document and changes no libxml2
 * global state (no xmlCleanupParser(), no global error handlers). libxml2's
 * one-time initialisation is not thread-safe, so the program must call
 * xmlInitParser() once before starting threads (nc_context_new() does).
 *
 * The tree is walked iteratively through parent/next pointers, so deep
 * nesting costs no stack. */
#include "util/utf8.h"
#include "document/html.h"
#include "document/charset.h"
#include "document/xmltree.h"
#include "newsclaims.h"
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Recover from broken markup, never touch the network, keep quiet, and
 * take the encoding we give (the page was converted to UTF-8 already).
 * XML_PARSE_HUGE (the HTML parser honours it) lifts libxml2's 256-level nesting limit, so a page of
 * 100,000 nested <div>s is read whole: every walk over the tree here is
 * iterative. The HTML parser loads no DTD and expands no external
 * entities or XIncludes in any case. */
#define PARSE_OPTIONS                                                                    \
    (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | \
     HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE)

/* How far into the input nc_html_sniff looks. */
#define SNIFF_WINDOW 1024

/* ------------------------------------------------------------------ */
/* Sniffing                                                            */
/* ------------------------------------------------------------------ */

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Whether in[i..] starts with lit (lower case), ignoring ASCII case. */
static int starts_ci(const unsigned char *in, size_t len, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    if (len - i < n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if (nc_ascii_lower(in[i + k]) != (unsigned char)lit[k])
            return 0;
    return 1;
}

static int contains_ci(const unsigned char *in, size_t from, size_t to, const char *lit)
{
    return from < to && nc_has_ci((const char *)in + from, to - from, lit);
}

/* Skips white space and <!-- comments --> (pages often open with one). */
static size_t skip_prologue(const unsigned char *in, size_t len, size_t i)
{
    for (;;) {
        while (i < len && is_ws(in[i]))
            i++;
        if (!starts_ci(in, len, i, "<!--"))
            return i;
        size_t j = i + 4;
        while (j < len && !starts_ci(in, len, j, "-->"))
            j++;
        if (j >= len)
            return i;
        i = j + 3;
    }
}

/* Fragments without <html>: one of <p>, <div, <br and a tag at least every
 * 400 bytes, so a plain article that mentions "<div>" once is still text. */
static int dense_markup(const unsigned char *in, size_t from, size_t to)
{
    /* plain text usually has no '<' at all: one memchr instead of four scans */
    if (from >= to || !memchr(in + from, '<', to - from))
        return 0;
    int key = contains_ci(in, from, to, "<p>") || contains_ci(in, from, to, "<p ") ||
              contains_ci(in, from, to, "<div") || contains_ci(in, from, to, "<br");
    if (!key)
        return 0;
    size_t tags = 0;
    for (size_t i = from; i + 1 < to; i++) {
        if (in[i] != '<')
            continue;
        unsigned char c = in[i + 1];
        if (c == '/' && i + 2 < to)
            c = in[i + 2];
        tags += (nc_ascii_lower(c) >= 'a' && nc_ascii_lower(c) <= 'z') || c == '!';
    }
    return tags >= 2 && tags * 400 >= to - from;
}

int nc_html_sniff(const char *data, size_t len)
{
    const unsigned char *in = (const unsigned char *)data;
    size_t i = 0;
    if (len >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF)
        i = 3;
    i = skip_prologue(in, len, i);
    if (starts_ci(in, len, i, "<!doctype html") || starts_ci(in, len, i, "<html") ||
        starts_ci(in, len, i, "<head") || starts_ci(in, len, i, "<body"))
        return 1;
    size_t to = len - i < SNIFF_WINDOW ? len : i + SNIFF_WINDOW;
    if (starts_ci(in, len, i, "<?xml"))
        return contains_ci(in, i, to, "<html") || contains_ci(in, i, to, "<!doctype html");
    return dense_markup(in, i, to);
}

/* ------------------------------------------------------------------ */
/* Text output                                                         */
/* ------------------------------------------------------------------ */

/* Pending separator before the next visible character; a stronger one
 * replaces a weaker one. */
enum { BRK_NONE, BRK_SPACE, BRK_LINE, BRK_PARA };

typedef nc_textw walk;

static void want(walk *w, int brk)
{
    if (brk > w->pending)
        w->pending = brk;
}

/* Writes the pending separator; nothing at the very start, so the output
 * never begins with white space. */
static int flush_pending(walk *w)
{
    int brk = w->pending;
    w->pending = BRK_NONE;
    if (!w->out.len || brk == BRK_NONE)
        return 0;
    return nc_buf_append(&w->out, brk == BRK_PARA ? "\n\n" : brk == BRK_LINE ? "\n" : " ",
                         brk == BRK_PARA ? 2 : 1);
}


/* Appends text-node content: white space runs (and no-break spaces)
 * collapse into one pending space, except inside <pre> where they are
 * kept; C0 controls are dropped and invalid UTF-8 becomes U+FFFD. */
static int emit_text(walk *w, const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char b = s[i];
        const char *piece = (const char *)s + i; /* what to write ... */
        size_t piece_len = 1, used = 1;          /* ... and input consumed */
        if (b > 0x20 && b < 0x80) {
            while (i + piece_len < n && s[i + piece_len] > 0x20 && s[i + piece_len] < 0x80)
                piece_len++;
            used = piece_len;
        } else if ((b < 0x80 && is_ws(b)) || (b == 0xC2 && i + 1 < n && s[i + 1] == 0xA0)) {
            used = b == 0xC2 ? 2 : 1;
            if (!w->pre) {
                want(w, BRK_SPACE);
                i += used;
                continue;
            }
            piece_len = used;
            if (b == '\r') {
                piece = "\n";
                used += i + 1 < n && s[i + 1] == '\n'; /* CRLF: one newline */
            } else if (b == '\f' || b == '\v') {
                piece = " ";
            }
        } else if (b < 0x80) {
            i++; /* other control characters */
            continue;
        } else if ((piece_len = nc_utf8_seq_len(s + i, n - i)) > 0) {
            used = piece_len;
        } else {
            piece = "\xEF\xBF\xBD";
            piece_len = 3;
        }
        int rc = flush_pending(w);
        if (!rc)
            rc = nc_buf_append(&w->out, piece, piece_len);
        if (rc)
            return rc;
        i += used;
    }
    return 0;
}

/* Final tidy-up, in place: strips spaces at line ends and at the start,
 * keeps at most one blank line in a row, and none at either end (the walk
 * already does this outside <pre>; <pre> text can contain anything). */
static void tidy(nc_buf *b)
{
    char *d = b->data;
    size_t r = 0, o = 0, len = b->len;
    int blank_run = 0;
    while (d && r < len) {
        char *nl = memchr(d + r, '\n', len - r);
        size_t s = r, e = nl ? (size_t)(nl - d) : len;
        r = e + 1;
        while (e > s && (d[e - 1] == ' ' || d[e - 1] == '\t'))
            e--;
        if (!o)
            while (s < e && (d[s] == ' ' || d[s] == '\t'))
                s++;
        if (s == e) {
            blank_run = 1;
            continue;
        }
        if (o) {
            d[o++] = '\n';
            if (blank_run)
                d[o++] = '\n';
        }
        memmove(d + o, d + s, e - s);
        o += e - s;
        blank_run = 0;
    }
    b->len = o;
    if (d)
        d[o] = '\0';
}

/* ------------------------------------------------------------------ */
/* The tree walk                                                       */
/* ------------------------------------------------------------------ */

enum tag_kind { TAG_INLINE, TAG_SKIP, TAG_BLOCK, TAG_BR, TAG_CELL, TAG_PRE };

/* Element kinds, in strcmp order of the name (the lookup is a binary
 * search). TAG_SKIP: not visible, or not article text (controls,
 * embedded objects); TAG_BLOCK: paragraph breaks; names not listed are
 * TAG_INLINE. */
static const struct {
    const char *name;
    unsigned char kind;
} TAGS[] = {
    {"address", TAG_BLOCK}, {"applet", TAG_SKIP}, {"article", TAG_BLOCK}, {"aside", TAG_BLOCK},
    {"audio", TAG_SKIP}, {"blockquote", TAG_BLOCK}, {"body", TAG_BLOCK}, {"br", TAG_BR},
    {"button", TAG_SKIP}, {"canvas", TAG_SKIP}, {"caption", TAG_BLOCK}, {"center", TAG_BLOCK},
    {"datalist", TAG_SKIP}, {"dd", TAG_BLOCK}, {"details", TAG_BLOCK}, {"dialog", TAG_BLOCK},
    {"div", TAG_BLOCK}, {"dl", TAG_BLOCK}, {"dt", TAG_BLOCK}, {"embed", TAG_SKIP},
    {"fieldset", TAG_BLOCK}, {"figcaption", TAG_BLOCK}, {"figure", TAG_BLOCK},
    {"footer", TAG_BLOCK}, {"form", TAG_BLOCK}, {"frameset", TAG_BLOCK}, {"h1", TAG_BLOCK},
    {"h2", TAG_BLOCK}, {"h3", TAG_BLOCK}, {"h4", TAG_BLOCK}, {"h5", TAG_BLOCK}, {"h6", TAG_BLOCK},
    {"head", TAG_SKIP}, {"header", TAG_BLOCK}, {"hr", TAG_BLOCK}, {"html", TAG_BLOCK},
    {"iframe", TAG_SKIP}, {"legend", TAG_BLOCK}, {"li", TAG_BLOCK}, {"listing", TAG_PRE},
    {"main", TAG_BLOCK}, {"map", TAG_SKIP}, {"math", TAG_SKIP}, {"menu", TAG_BLOCK},
    {"nav", TAG_BLOCK}, {"noframes", TAG_BLOCK}, {"noscript", TAG_SKIP}, {"object", TAG_SKIP},
    {"ol", TAG_BLOCK}, {"p", TAG_BLOCK}, {"plaintext", TAG_PRE}, {"pre", TAG_PRE},
    {"script", TAG_SKIP}, {"section", TAG_BLOCK}, {"select", TAG_SKIP}, {"style", TAG_SKIP},
    {"summary", TAG_BLOCK}, {"svg", TAG_SKIP}, {"table", TAG_BLOCK}, {"td", TAG_CELL},
    {"template", TAG_SKIP}, {"textarea", TAG_SKIP}, {"th", TAG_CELL}, {"title", TAG_SKIP},
    {"tr", TAG_BLOCK}, {"ul", TAG_BLOCK}, {"video", TAG_SKIP}, {"xmp", TAG_PRE}
};

/* libxml2's HTML parser lower-cases element names. */
static int tag_kind(const xmlNode *n)
{
    long i = n->name ? nc_xml_name_index((const char *)n->name, TAGS, sizeof TAGS / sizeof TAGS[0],
                                         sizeof TAGS[0])
                     : -1;
    return i < 0 ? TAG_INLINE : TAGS[i].kind;
}

static void enter_element(walk *w, int kind)
{
    if (kind == TAG_BLOCK || kind == TAG_PRE)
        want(w, BRK_PARA);
    else if (kind == TAG_CELL)
        want(w, BRK_SPACE);
    else if (kind == TAG_BR)
        want(w, w->pending >= BRK_LINE ? BRK_PARA : BRK_LINE); /* <br><br> = blank line */
    if (kind == TAG_PRE)
        w->pre++;
}

static void leave_element(walk *w, int kind)
{
    if (kind == TAG_BLOCK || kind == TAG_PRE)
        want(w, BRK_PARA);
    else if (kind == TAG_CELL)
        want(w, BRK_SPACE);
    if (kind == TAG_PRE && w->pre)
        w->pre--;
}

static int is_doc_node(const xmlNode *n)
{
    return n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE;
}

/* Depth-first over root's subtree without recursion: down through
 * children, then next siblings, climbing parents when a level is done.
 * Elements for which skip() says 1 are left out with their subtrees. */
int nc_textw_subtree(nc_textw *w, const xmlNode *root, nc_skip_fn skip, void *user)
{
    const xmlNode *n = root;
    while (n) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            int kind = tag_kind(n);
            if (kind != TAG_SKIP && !(skip && skip(n, user))) {
                enter_element(w, kind);
                if (n->children)
                    descend = 1;
                else
                    leave_element(w, kind);
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
                   n->content) {
            int rc = emit_text(w, n->content, strlen((const char *)n->content));
            if (rc)
                return rc;
        } else if (is_doc_node(n) && n->children) {
            descend = 1;
        }
        if (descend) {
            n = n->children;
            continue;
        }
        while (n != root && !n->next) {
            n = n->parent;
            if (!n || is_doc_node(n))
                return 0;
            leave_element(w, tag_kind(n));
        }
        if (n == root)
            return 0;
        n = n->next;
    }
    return 0;
}

int nc_textw_take(nc_textw *w, char **out, size_t *out_len)
{
    tidy(&w->out);
    w->pending = BRK_NONE;
    *out = nc_buf_take(&w->out, out_len);
    return *out ? 0 : NC_ENOMEM;
}

void nc_textw_free(nc_textw *w)
{
    nc_buf_free(&w->out);
    memset(w, 0, sizeof *w);
}

void nc_textw_break(nc_textw *w) { want(w, BRK_PARA); }

int nc_html_block_kind(const xmlNode *n)
{
    int k = tag_kind(n);
    return k == TAG_SKIP ? -1 : k == TAG_BLOCK || k == TAG_PRE ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* Metadata                                                            */
/* ------------------------------------------------------------------ */

/* Space-collapsed, trimmed copy of s into *dst, unless *dst is already set
 * or the result is empty. */
int nc_html_set_text(char **dst, const char *s, size_t n)
{
    if (*dst || !s)
        return 0;
    walk w = {0};
    int rc = emit_text(&w, (const unsigned char *)s, n);
    if (!rc && w.out.len)
        *dst = nc_buf_take(&w.out, NULL);
    nc_buf_free(&w.out);
    return rc;
}

static int set_meta(char **dst, const xmlChar *s)
{
    return s ? nc_html_set_text(dst, (const char *)s, strlen((const char *)s)) : 0;
}

static xmlNode *child_element(xmlNode *parent, const char *name)
{
    for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && c->name && strcmp((const char *)c->name, name) == 0)
            return c;
    return NULL;
}

/* <title> text (its text children; title holds no markup) into *dst. */
static int read_title(xmlNode *title, char **dst)
{
    nc_buf b = {0};
    int rc = 0;
    for (xmlNode *c = title ? title->children : NULL; c && !rc; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            rc = nc_buf_append_str(&b, (const char *)c->content);
    if (!rc && b.len)
        rc = set_meta(dst, (const xmlChar *)b.data);
    nc_buf_free(&b);
    return rc;
}

static int read_meta(xmlDoc *doc, nc_meta *meta)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!meta || !root || !root->name || strcmp((const char *)root->name, "html") != 0)
        return 0;
    int rc = read_title(child_element(child_element(root, "head"), "title"), &meta->title);
    if (rc || meta->lang)
        return rc;
    xmlChar *lang = xmlGetProp(root, (const xmlChar *)"lang");
    if (!lang)
        lang = xmlGetProp(root, (const xmlChar *)"xml:lang");
    rc = set_meta(&meta->lang, lang);
    xmlFree(lang);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

/* ---- what libxml2 is not given ----
 * libxml2 compares each attribute of an element with all the ones before
 * it (duplicates), so an element with 200,000 attributes takes minutes.
 * Elements with more than NC_HTML_MAX_ATTRS lose the rest before parsing,
 * found with a scan that reads tags as the HTML tokenizer does: "<" and a
 * letter opens a tag, quoted values may hold ">", comments, declarations
 * and the raw text of script and style hold no tags. The HTML parser does
 * not know a DOCTYPE's internal subset ("<!DOCTYPE html [ <!ENTITY ...> ]>")
 * either and would read its end as text: the subset is left out too. */

static size_t skip_past(const unsigned char *in, size_t len, size_t i, const char *lit)
{
    size_t n = strlen(lit);
    for (; i + n <= len; i++)
        if (starts_ci(in, len, i, lit))
            return i + n;
    return len;
}

static int is_alpha(unsigned char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }

/* Bytes that end an attribute name in a tag: white space (as is_ws),
 * '/', '>' and '=' (one table look instead of eight compares a byte). */
static const unsigned char NAME_END[256] = {[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['\f'] = 1,
                                            ['\v'] = 1, ['/'] = 1, ['>'] = 1, ['='] = 1};

/* Scans the start tag whose name begins at i; returns the index just past
 * it. With keep set, the bytes to keep are appended to *keep (the tag
 * without its attributes past the limit); *dropped counts those. *raw is
 * the name's length for script and style (whose text holds no tags). */
static size_t scan_tag(const unsigned char *in, size_t len, size_t i, nc_buf *keep, size_t *dropped, int *raw)
{
    size_t name = i;
    while (i < len && !is_ws(in[i]) && in[i] != '/' && in[i] != '>')
        i++;
    size_t name_len = i - name;
    /* libxml2 reads the content of these two as text, up to their end tag */
    *raw = (name_len == 6 && starts_ci(in, len, name, "script")) ||
                   (name_len == 5 && starts_ci(in, len, name, "style"))
               ? (int)name_len
               : 0;
    size_t attrs = 0, copied = name - 1; /* from the '<' */
    while (i < len && in[i] != '>') {
        if (is_ws(in[i]) || in[i] == '/') {
            i++;
            continue;
        }
        size_t at = i;
        if (i < len && in[i] == '=')
            i++; /* a name may start with '=' */
        while (i < len && !NAME_END[in[i]])
            i++;
        size_t j = i;
        while (j < len && is_ws(in[j]))
            j++;
        if (j < len && in[j] == '=') {
            j++;
            while (j < len && is_ws(in[j]))
                j++;
            if (j < len && (in[j] == '"' || in[j] == '\'')) {
                const unsigned char *q = memchr(in + j + 1, in[j], len - j - 1);
                j = q ? (size_t)(q - in) + 1 : len;
            } else {
                while (j < len && !is_ws(in[j]) && in[j] != '>')
                    j++;
            }
            i = j;
        }
        if (++attrs > NC_HTML_MAX_ATTRS) {
            if (keep && nc_buf_append(keep, (const char *)in + copied, at - copied))
                return SIZE_MAX;
            copied = i;
            (*dropped)++;
        }
    }
    if (i < len)
        i++; /* the '>' */
    if (keep && nc_buf_append(keep, (const char *)in + copied, i - copied))
        return SIZE_MAX;
    return i;
}

/* The end of a DOCTYPE's internal subset that starts at i ('['): just
 * past its ']', skipping quoted strings and comments; 0 when unclosed. */
static size_t subset_end(const unsigned char *in, size_t len, size_t i)
{
    for (i++; i < len; i++) {
        if (in[i] == '"' || in[i] == '\'') {
            const unsigned char *q = memchr(in + i + 1, in[i], len - i - 1);
            if (!q)
                return 0;
            i = (size_t)(q - in);
        } else if (starts_ci(in, len, i, "<!--")) {
            i = skip_past(in, len, i + 4, "-->") - 1;
        } else if (in[i] == ']') {
            return i + 1;
        }
    }
    return 0;
}

/* Copies in to *keep (when not NULL) without the attributes past the
 * limit and without a DOCTYPE's internal subset. How many pieces are left
 * out (SIZE_MAX: out of memory); *attrs counts the attributes. */
static size_t prepare(const unsigned char *in, size_t len, nc_buf *keep, size_t *attrs)
{
    size_t cuts = 0, i = 0, copied = 0;
    *attrs = 0;
    while (i < len) {
        const unsigned char *lt = memchr(in + i, '<', len - i);
        if (!lt)
            break;
        i = (size_t)(lt - in);
        /* most '<' open a tag: the byte after it decides what to compare */
        unsigned char next = i + 1 < len ? in[i + 1] : 0;
        if (is_alpha(next)) {
            if (keep && nc_buf_append(keep, (const char *)in + copied, i - copied))
                return SIZE_MAX;
            int raw;
            size_t name = i + 1, before = *attrs;
            i = scan_tag(in, len, name, keep, attrs, &raw);
            if (i == SIZE_MAX)
                return SIZE_MAX;
            cuts += *attrs > before;
            copied = i;
            if (raw) { /* to its end tag: "</script" */
                size_t n = (size_t)raw;
                for (;;) {
                    const unsigned char *end = memchr(in + i, '<', len - i);
                    if (!end) {
                        i = len;
                        break;
                    }
                    i = (size_t)(end - in);
                    if (i + 2 + n <= len && in[i + 1] == '/' &&
                        strncasecmp((const char *)in + i + 2, (const char *)in + name, n) == 0)
                        break;
                    i++;
                }
            }
        } else if (next != '!' && next != '?' && next != '/') {
            i++;
        } else if (starts_ci(in, len, i, "<!--")) {
            i = skip_past(in, len, i + 4, "-->");
        } else if (starts_ci(in, len, i, "<!doctype")) {
            size_t k = i;
            while (k < len && in[k] != '>' && in[k] != '[')
                k++;
            size_t e = k < len && in[k] == '[' ? subset_end(in, len, k) : 0;
            if (e) {
                cuts++;
                if (keep && nc_buf_append(keep, (const char *)in + copied, k - copied))
                    return SIZE_MAX;
                copied = e;
                k = e;
            }
            const unsigned char *gt = k < len ? memchr(in + k, '>', len - k) : NULL;
            i = gt ? (size_t)(gt - in) + 1 : len;
        } else { /* "<!", "<?" or "</": to the '>' */
            const unsigned char *gt = memchr(in + i, '>', len - i);
            i = gt ? (size_t)(gt - in) + 1 : len;
        }
    }
    if (keep && nc_buf_append(keep, (const char *)in + copied, len - copied))
        return SIZE_MAX;
    return cuts;
}

int nc_html_is_jsonld(const xmlNode *n)
{
    const char *type = nc_xml_name_is(n, "script") ? nc_xml_attr(n, "type") : NULL;
    return type && strcasecmp(type, "application/ld+json") == 0;
}

/* The text of <script> and <style> (libxml2 hands it over as CDATA
 * blocks): kept only for JSON-LD, the only such text ever read. Scripts
 * are a large part of a news page, and their text nodes cost copying,
 * growing and freeing. */
static void raw_text(void *user, const xmlChar *value, int len)
{
    htmlParserCtxtPtr ctxt = user;
    if (!ctxt->node || nc_html_is_jsonld(ctxt->node))
        xmlSAX2CDataBlock(user, value, len);
}

/* The attributes some reader looks at (body.c, meta.c and read_meta
 * here), in strcmp order, with the one element they are read on when
 * there is one; the tree keeps no others. Most attributes of a page
 * (src, srcset, data-*, alt, a link's href, ...) are never read, and each
 * costs an attribute node, a text node and a copy of its value. A reader
 * of another attribute adds it here. */
static const struct {
    const char *name;
    const char *element; /* NULL: on any element */
} KEPT_ATTRS[] = {{"aria-hidden", NULL}, {"class", NULL},    {"content", NULL},  {"datetime", NULL},
                  {"hidden", NULL},      {"href", "link"},   {"http-equiv", NULL}, {"id", NULL},
                  {"itemprop", NULL},    {"lang", NULL},     {"name", NULL},     {"property", NULL},
                  {"rel", NULL},         {"role", NULL},     {"style", NULL},    {"type", "script"},
                  {"xml:lang", NULL}};

/* Start tags reach the tree builder with the kept attributes only (in
 * their order); atts are libxml2's (name, value) pairs, NULL-ended. */
static void start_element(void *user, const xmlChar *name, const xmlChar **atts)
{
    const xmlChar *kept[64];
    size_t o = 0, i = 0;
    for (; atts && atts[i]; i += 2) {
        if (o + 2 >= sizeof kept / sizeof kept[0])
            break; /* cannot happen (the parser drops repeated names): keep all */
        long k = nc_xml_name_index((const char *)atts[i], KEPT_ATTRS, sizeof KEPT_ATTRS / sizeof KEPT_ATTRS[0],
                                   sizeof KEPT_ATTRS[0]);
        if (k >= 0 && (!KEPT_ATTRS[k].element || nc_name_eq((const char *)name, KEPT_ATTRS[k].element))) {
            kept[o++] = atts[i];
            kept[o++] = atts[i + 1];
        }
    }
    if (atts && atts[i]) {
        xmlSAX2StartElement(user, name, atts);
        return;
    }
    kept[o] = NULL;
    xmlSAX2StartElement(user, name, o ? kept : NULL);
}

/* Bytes handed to the push parser at a time, the deadline checked between. */
#define PARSE_CHUNK (256 * 1024)

int nc_html_parse_until(const char *utf8, size_t len, uint64_t deadline_ns, size_t *dropped_attrs, xmlDoc **out)
{
    *out = NULL;
    if (dropped_attrs)
        *dropped_attrs = 0;
    if (len > INT_MAX)
        return NC_ETOOBIG; /* libxml2 takes an int size */
    nc_buf capped = {0};
    size_t dropped = 0;
    if (prepare((const unsigned char *)utf8, len, NULL, &dropped)) {
        if (prepare((const unsigned char *)utf8, len, &capped, &dropped) == SIZE_MAX) {
            nc_buf_free(&capped);
            return NC_ENOMEM;
        }
        utf8 = capped.data ? capped.data : "";
        len = capped.len;
        if (dropped_attrs)
            *dropped_attrs = dropped;
    }
    /* an empty input still gets a (bodiless) document */
    if (!len)
        utf8 = " ", len = 1;
    /* the push parser, fed in chunks, so that the deadline is checked
     * while a large page is parsed */
    htmlParserCtxtPtr ctxt = htmlCreatePushParserCtxt(NULL, NULL, NULL, 0, NULL, XML_CHAR_ENCODING_UTF8);
    if (!ctxt) {
        nc_buf_free(&capped);
        return NC_ENOMEM;
    }
    htmlCtxtUseOptions(ctxt, PARSE_OPTIONS);
    if (ctxt->sax && ctxt->sax->cdataBlock == xmlSAX2CDataBlock)
        ctxt->sax->cdataBlock = raw_text;
    if (ctxt->sax && ctxt->sax->startElement == xmlSAX2StartElement)
        ctxt->sax->startElement = start_element;
    int rc = 0;
    for (size_t off = 0; off < len && !rc;) {
        size_t n = len - off < PARSE_CHUNK ? len - off : PARSE_CHUNK;
        htmlParseChunk(ctxt, utf8 + off, (int)n, off + n == len);
        off += n;
        if (ctxt->errNo == XML_ERR_NO_MEMORY)
            rc = NC_ENOMEM;
        else if (off < len && deadline_ns && nc_clock_ns() > deadline_ns)
            rc = NC_ELIMIT;
    }
    htmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    if (!rc && !doc)
        rc = NC_EHTML;
    if (rc)
        xmlFreeDoc(doc);
    else
        *out = doc;
    htmlFreeParserCtxt(ctxt);
    nc_buf_free(&capped);
    return rc;
}

int nc_html_parse(const char *utf8, size_t len, xmlDoc **out)
{
    return nc_html_parse_until(utf8, len, 0, NULL, out);
}

int nc_html_to_text(const char *in, size_t len, char **out, size_t *out_len, nc_meta *meta)
{
    walk w = {0};
    xmlDoc *doc = NULL;
    char *utf8 = NULL;
    size_t ulen = 0;
    nc_charset_info cs;
    int rc;
    *out = NULL;
    if (out_len)
        *out_len = 0;
    if ((rc = nc_charset_to_utf8(in, len, &utf8, &ulen, &cs)) != 0)
        goto done;
    if (ulen) {
        if ((rc = nc_html_parse(utf8, ulen, &doc)) != 0)
            goto done;
        if ((rc = nc_textw_subtree(&w, (xmlNode *)doc, NULL, NULL)) != 0 ||
            (rc = read_meta(doc, meta)) != 0)
            goto done;
    }
    rc = nc_textw_take(&w, out, out_len);
done:
    xmlFreeDoc(doc);
    free(utf8);
    nc_textw_free(&w);
    return rc;
}
