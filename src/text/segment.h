/* Plain text: decoding to clean UTF-8, and cutting into paragraphs and
 * sentences. */
#ifndef NC_TEXT_SEGMENT_H
#define NC_TEXT_SEGMENT_H
#include "document/document.h"
#include <stddef.h>

/* Abbreviations that do not end a sentence ("U.S.", "Jan.", "Gen."),
 * loaded from a data file: one abbreviation per line, '#' comments. */
typedef struct nc_abbrevs nc_abbrevs;
/* On NC_ERULES, err gets "name:line: message". */
int nc_abbrevs_load(const char *data, size_t len, const char *name,
                    nc_abbrevs **out, char *err, size_t errlen);
void nc_abbrevs_free(nc_abbrevs *a);
/* 1 if word (bytes [s, s+n), including its final '.') is a listed
 * abbreviation, compared case-sensitively then ASCII-case-insensitively. */
int nc_abbrevs_has(const nc_abbrevs *a, const char *s, size_t n);

/* Decodes raw bytes into text: drops a UTF-8 BOM, turns CRLF and lone CR
 * into LF, replaces each invalid UTF-8 sequence with U+FFFD and counts them
 * in *n_invalid, drops other C0 controls except TAB and LF. *out is
 * malloc'd and NUL-terminated (caller frees). 0 or NC_ENOMEM. */
int nc_text_decode(const char *in, size_t len, char **out, size_t *out_len,
                   size_t *n_invalid);

/* Cuts doc->text (already decoded) into paragraphs and sentences, appending
 * to doc->sentences. Blank lines end paragraphs; a single newline ends one
 * too unless the text is hard-wrapped. With detect_title, a first line that
 * reads as a headline becomes doc->meta.title (when not already set) and a
 * sentence of its own with is_title = 1. 0 or NC_ENOMEM. */
int nc_text_segment(nc_document *doc, const nc_abbrevs *abbrevs, int detect_title);

#endif
