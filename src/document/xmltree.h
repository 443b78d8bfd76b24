/* libxml2 tree helpers shared by the body and metadata readers: element
 * tests, attributes, and walking without recursion (pages may nest
 * 100,000 deep). */
#ifndef NC_DOCUMENT_XMLTREE_H
#define NC_DOCUMENT_XMLTREE_H
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

/* 1 if n is an element (with a name). */
static inline int nc_xml_is_elem(const xmlNode *n) { return n && n->type == XML_ELEMENT_NODE && n->name; }

/* 1 if n is the element `name` (libxml2's HTML parser writes element
 * names in lower case). */
static inline int nc_xml_name_is(const xmlNode *n, const char *name)
{
    return nc_xml_is_elem(n) && strcmp((const char *)n->name, name) == 0;
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
