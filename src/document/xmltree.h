/* Walking libxml2 trees without recursion (pages may nest 100,000 deep). */
#ifndef NC_DOCUMENT_XMLTREE_H
#define NC_DOCUMENT_XMLTREE_H
#include <libxml/tree.h>

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
