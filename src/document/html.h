/* HTML: sniffing, parsing with libxml2's HTML parser, and tree to text. */
#ifndef NC_DOCUMENT_HTML_H
#define NC_DOCUMENT_HTML_H
#include "document/document.h"
#include "util/buf.h"
#include <libxml/tree.h>
#include <stddef.h>

/* 1 if the bytes look like HTML markup (used by --format auto). */
int nc_html_sniff(const char *in, size_t len);

/* Parses UTF-8 HTML (see nc_charset_to_utf8) into a tree; *out is the
 * caller's, freed with xmlFreeDoc(). Recovers from any markup, never
 * touches the network, loads no DTD, entity or include, and accepts any
 * nesting depth. A DOCTYPE's internal subset is left out (libxml2's HTML
 * parser would read it as text), and so are the attributes of an element
 * past NC_HTML_MAX_ATTRS. The tree holds what the readers here use:
 * attributes other than those html.c lists (KEPT_ATTRS) and the text of
 * scripts and styles other than JSON-LD (nc_html_is_jsonld) are left out.
 * An empty input gives a document without elements.
 * 0, NC_ENOMEM, NC_ETOOBIG (over 2 GiB) or NC_EHTML (no tree at all). */
int nc_html_parse(const char *utf8, size_t len, xmlDoc **out);

/* Most attributes an element keeps: libxml2's time grows with the square
 * of an element's attributes, so the rest are dropped before parsing. */
#define NC_HTML_MAX_ATTRS 256

/* The same with a deadline (CLOCK_MONOTONIC ns, 0 = none), checked while
 * the page is parsed: NC_ELIMIT once it has passed. *dropped_attrs (may
 * be NULL) receives how many attributes were dropped. */
int nc_html_parse_until(const char *utf8, size_t len, uint64_t deadline_ns, size_t *dropped_attrs,
                        xmlDoc **out);

/* ---- tree to text: script, style, noscript, template, head, forms'
 * controls, embedded objects dropped; block elements (p, div, h1-h6, li,
 * tr, blockquote, article, section, ...) become paragraph breaks ("\n\n";
 * <br> a "\n"); runs of spaces collapsed except in <pre>; C0 controls
 * dropped, invalid UTF-8 replaced with U+FFFD. ---- */
typedef struct nc_textw {
    nc_buf out;   /* owned; nc_textw_take hands it over, nc_textw_free frees */
    int pending;  /* separator owed before the next character */
    unsigned pre; /* depth of open <pre>-like elements */
} nc_textw;

/* 1: leave this element and its subtree out. */
typedef int (*nc_skip_fn)(const xmlNode *n, void *user);

/* Appends the text of root's subtree (root may be the document node);
 * skip may be NULL. 0 or NC_ENOMEM. */
int nc_textw_subtree(nc_textw *w, const xmlNode *root, nc_skip_fn skip, void *user);
/* Owes a paragraph break before the next text. */
void nc_textw_break(nc_textw *w);
/* Tidies (no blank line runs, no spaces at line ends) and hands the text
 * over: *out is malloc'd and NUL-terminated, the writer is empty again.
 * 0 or NC_ENOMEM. */
int nc_textw_take(nc_textw *w, char **out, size_t *out_len);
void nc_textw_free(nc_textw *w);

/* 1 if n is a <script type="application/ld+json">: the one kind of
 * script whose text is read (the parser keeps no other script's or
 * style's text). */
int nc_html_is_jsonld(const xmlNode *n);

/* 1 for elements that break paragraphs, 0 for inline ones, -1 for the
 * ones whose content is never text (script, style, head, ...). */
int nc_html_block_kind(const xmlNode *n);

/* Sets *dst (malloc'd) to s[0..n) with white space collapsed and trimmed,
 * unless *dst is already set or the result is empty. 0 or NC_ENOMEM. */
int nc_html_set_text(char **dst, const char *s, size_t n);

/* The whole page's visible text (all of it, no article detection): bytes
 * in any charset → UTF-8 text. Fills meta->title from <title> and
 * meta->lang from <html lang> when present and not set already; meta may
 * be NULL. *out is malloc'd and NUL-terminated. 0, NC_ENOMEM, NC_ETOOBIG
 * or NC_EHTML. */
int nc_html_to_text(const char *in, size_t len, char **out, size_t *out_len,
                    nc_meta *meta);

#endif
