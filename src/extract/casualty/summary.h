/* The per-category summary: the counts of the incident the article
 * reports (docs/schema.md, "summary"). */
#ifndef NC_EXTRACT_CASUALTY_SUMMARY_H
#define NC_EXTRACT_CASUALTY_SUMMARY_H
#include "extract/casualty/headline.h"
#include "extract/casualty/victims.h"

typedef struct nc_summary {
    int has[NC_CAT_COUNT];
    int64_t value[NC_CAT_COUNT];
} nc_summary;

/* Computes the summary from the figures (with scope, superseded, update and
 * person set) and the people counted one by one. head: the headline when
 * it is not part of doc->text (meta.title of JSONL and HTML input), else
 * NULL (the headline, if any, is doc's is_title sentence); with head, every
 * sentence of doc is body. */
void nc_summary_compute(const nc_document *doc, const nc_figures *f, const nc_persons *p,
                        const nc_headline *head, nc_summary *out);

#endif
