/* The headline of a document whose text does not hold it (meta.title of
 * JSONL and HTML input): read with the same rules, for the summary only. */
#ifndef NC_EXTRACT_CASUALTY_HEADLINE_H
#define NC_EXTRACT_CASUALTY_HEADLINE_H
#include "extract/casualty/casualty.h"

typedef struct nc_headline {
    nc_document doc;   /* the title as a one-sentence document (is_title set) */
    nc_figures figures;
} nc_headline;

/* Reads title (NUL-terminated, any bytes) into *h: figures with their
 * scope, the rules matched in mode (an NC_MATCH_*, as the document is:
 * nc_casualty_match_mode). Nothing is read when title is NULL or empty.
 * 0 or NC_ENOMEM. */
int nc_headline_read(const nc_ruleset *rules, const nc_numbers *numbers, int mode, const char *title,
                     nc_headline *h);
void nc_headline_clear(nc_headline *h);

#endif
