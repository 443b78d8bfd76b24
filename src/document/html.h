/* HTML: libxml2's HTML parser turns a page into its visible text. */
#ifndef NC_DOCUMENT_HTML_H
#define NC_DOCUMENT_HTML_H
#include "document/document.h"
#include <stddef.h>

/* 1 if the bytes look like HTML markup (used by --format auto). */
int nc_html_sniff(const char *in, size_t len);

/* Parses HTML bytes (any declared charset; never touches the network) into
 * UTF-8 visible text: script, style, noscript, template and head content
 * dropped, block elements (p, div, h1-h6, li, br, tr, blockquote,
 * article, section, ...) become paragraph breaks ("\n\n"; <br> a "\n"),
 * entities decoded, runs of spaces collapsed. Fills meta->title from
 * <title> and meta->lang from <html lang> when present (and not set).
 * *out is malloc'd and NUL-terminated. 0, NC_ENOMEM or NC_EHTML. */
int nc_html_to_text(const char *in, size_t len, char **out, size_t *out_len,
                    nc_meta *meta);

#endif
