/* Article body: which part of a parsed page is the story, as text. */
#ifndef NC_DOCUMENT_BODY_H
#define NC_DOCUMENT_BODY_H
#include <libxml/tree.h>
#include <stddef.h>

typedef struct nc_body {
    char *text;       /* malloc'd UTF-8, paragraphs separated by a blank line; the caller frees */
    size_t len;
    int not_article;  /* the page is a listing, a section front or an interstitial */
    const char *how;  /* static: which signal chose the body ("itemprop", "json-ld", "scored", "page") */
} nc_body;

/* Finds the article body of doc: the element holding the story (the
 * itemprop="articleBody" element; else the element whose words best match
 * the JSON-LD articleBody `ld_body` when that match is good; else the best
 * element by paragraph scoring — text length, commas, link density,
 * <article>/<main>, class and id hints — with its sibling paragraphs), then
 * its text without clutter: navigation, menus, adverts, share and social
 * boxes, cookie and subscription notices, related-story and link lists,
 * comments, bylines, hidden elements, forms and the headline (<h1>, which
 * is meta.title). doc is modified only in its nodes' _private pointers
 * (reset to NULL before returning). ld_body may be NULL.
 * Fills *out (zeroed first; out->text always set on success). 0 or NC_ENOMEM. */
int nc_body_extract(xmlDoc *doc, const char *ld_body, nc_body *out);

#endif
