/* Character encodings of saved web pages: which one a page uses (byte
 * order mark, then its declaration, else sniffed over the whole document)
 * and conversion to UTF-8. */
#ifndef NC_DOCUMENT_CHARSET_H
#define NC_DOCUMENT_CHARSET_H
#include <stddef.h>

typedef struct nc_charset_info {
    const char *encoding; /* static canonical name: "UTF-8", "windows-1252", "GBK", ... */
    const char *source;   /* static: "bom", "meta" (a <meta> or <?xml?> declaration), "http"
                             (the server's Content-Type) or "sniffed" */
    size_t invalid;       /* byte sequences invalid in `encoding`, replaced with U+FFFD */
    char note[200];       /* "" or a one-line problem for errors[] (e.g. a lying declaration) */
} nc_charset_info;

/* Converts a page's bytes to UTF-8. Order: a UTF-8/UTF-16 byte order mark
 * decides; else a charset declared in <meta charset>, <meta http-equiv
 * content-type> or <?xml encoding?> before <body> decides, unless the
 * content contradicts it (declared single-byte but valid multi-byte UTF-8,
 * or not decodable in the declared charset while another decodes it
 * cleanly: then the content wins and info->note says so); else the whole
 * document is sniffed (UTF-16 by its NUL bytes, UTF-8 by validity, GBK and
 * Shift_JIS by their byte-pair structure, otherwise windows-1252).
 * *out is malloc'd (caller frees), NUL-terminated, valid UTF-8 without a
 * BOM; NUL bytes are dropped. 0 or NC_ENOMEM. */
int nc_charset_to_utf8(const char *in, size_t len, char **out, size_t *out_len,
                       nc_charset_info *info);

/* The same, with the charset label a server sent for the page (the HTTP
 * Content-Type's charset; NULL or "" for none): used, and checked against
 * the content like a declaration, when the page declares no charset
 * itself; info->source is then "http". */
int nc_charset_to_utf8_hint(const char *in, size_t len, const char *hint, char **out, size_t *out_len,
                            nc_charset_info *info);

/* 1 if the bytes start with a UTF-16 byte order mark or look like UTF-16
 * markup ("<\0" / "\0<" pairs), i.e. NUL bytes that are text, not binary. */
int nc_charset_is_utf16(const char *in, size_t len);

#endif
