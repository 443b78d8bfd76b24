/* libxml2 tree helpers shared by the tree readers (html.c, body.c, meta.c): element
 * tests, names in tables, attributes, and walking without recursion (pages may nest
 * 100,000 deep). */
#ifndef NC_DOCUMENT_XMLTREE_H
#define NC_DOCUMENT_XMLTREE_H
#include <libxml/tree.h>
#include "text/chars.h"
#include <string.h>
#include <strings.h>

/* Whether s[0..n) contains lit (lower case) ignoring ASCII case: the
 * strcasestr() of short attribute values, without its set-up. */
static inline int nc_has_ci(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    for (size_t i = 0; i + m <= n; i++)
        if (nc_ascii_lower((unsigned char)s[i]) == (unsigned char)lit[0] &&
            strncasecmp(s + i + 1, lit + 1, m - 1) == 0)
            return 1;
    return 0;
}

/* strcmp(a, b) == 0, the first bytes compared inline (most names differ
 * there). */
static inline int nc_name_eq(const char *a, const char *b) { return a[0] == b[0] && strcmp(a, b) == 0; }

/* 1 if n is an element (with a name). */
static inline int nc_xml_is_elem(const xmlNode *n) { return n && n->type == XML_ELEMENT_NODE && n->name; }

/* 1 if n is the element `name` (libxml2's HTML parser writes element
 * names in lower case). */
static inline int nc_xml_name_is(const xmlNode *n, const char *name)
{
    return nc_xml_is_elem(n) && nc_name_eq((const char *)n->name, name);
}

/* The value of attribute `name` of element n ("" when it has no text),
 * NULL when n has none. Names compare ignoring ASCII case (the HTML
 * parser lower-cases them; an XHTML page may not). */
static inline const char *nc_xml_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (strcasecmp((const char *)a->name, name) == 0)
            return a->children && a->children->type == XML_TEXT_NODE ? (const char *)a->children->content : "";
    return NULL;
}

/* Index of name in a table of n entries sorted by strcmp order of their
 * names, each entry stride bytes and starting with its const char *name;
 * -1 when absent. A binary search: element names are looked up once or
 * more per element, and most are in no table. */
static inline long nc_xml_name_index(const char *name, const void *table, size_t n, size_t stride)
{
    const unsigned char *u = (const unsigned char *)name;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const unsigned char *t;
        memcpy(&t, (const char *)table + mid * stride, sizeof t);
        /* the first byte settles most steps without a call */
        int c = u[0] != t[0] ? u[0] - t[0] : u[0] ? strcmp((const char *)u + 1, (const char *)t + 1) : 0;
        if (!c)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

/* Pre-order successor of n inside root's subtree; descend = 0 skips n's
 * children. */
static inline xmlNode *nc_xml_next_in(xmlNode *n, const xmlNode *root, int descend)
{
    if (descend && n->children)
        return n->children;
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

#endif
