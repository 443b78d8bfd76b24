/* Article metadata from a parsed page: title, byline, published date,
 * site, canonical URL, language. */
#ifndef NC_DOCUMENT_META_H
#define NC_DOCUMENT_META_H
#include "document/document.h"
#include <libxml/tree.h>

/* Fills the members of meta that are still NULL, each from the first
 * source that gives a plausible value:
 *   title     og:title, JSON-LD headline, the page's only <h1>, <title>
 *             (a trailing " | Site" / " - Site" part removed)
 *   byline    JSON-LD author, author meta tags, rel=author links, byline
 *             elements (class/id "byline"/"author", itemprop=author);
 *             values that are URLs, dates or the site's name are refused
 *   published article:published_time and similar meta tags ("meta"),
 *             JSON-LD datePublished ("json-ld"), itemprop=datePublished
 *             ("microdata"), <time datetime> in a date element or the
 *             article ("time"), a visible dateline ("text"); normalised to
 *             ISO 8601; dates after reference_time are refused
 *   site      og:site_name, JSON-LD publisher name, application-name
 *   url       <link rel=canonical>, og:url (absolute http(s) only)
 *   lang      <html lang>, xml:lang, Content-Language, og:locale
 * meta->published_source says which source gave the date.
 * reference_time: seconds since the epoch (UTC). When the page has a
 * JSON-LD articleBody, *ld_body receives a copy (caller frees; may stay
 * NULL). 0 or NC_ENOMEM. */
int nc_meta_read(xmlDoc *doc, nc_meta *meta, long long reference_time, char **ld_body);

#endif
