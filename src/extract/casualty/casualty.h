/* Casualty figures: runs the rules over a document's sentences and turns
 * matches into figures, then the per-category summary. */
#ifndef NC_EXTRACT_CASUALTY_CASUALTY_H
#define NC_EXTRACT_CASUALTY_CASUALTY_H
#include "document/document.h"
#include "rules/numbers.h"
#include "rules/ruleset.h"
#include <stddef.h>
#include <stdint.h>

typedef struct nc_figure {
    nc_category category;
    nc_count count;
    size_t count_start, count_end; /* the count as written ("at least 600") */
    size_t span_start, span_end;   /* the whole rule match */
    size_t who_start, who_end;     /* equal when nobody is named */
    size_t when_start, when_end;   /* equal when no time is stated */
    size_t sentence;               /* index into doc->sentences */
    const nc_rule *rule;           /* borrowed from the context */
    size_t group;                  /* figures of one match share it: joined counts add up */
    /* who the counted people are (set by nc_actors_link): has_actor, the
     * index of the record's actor (-1 for a bare role word such as
     * "civilians"), their country's ISO code (NULL for none; borrowed from
     * the context, like rule) and sector (0 for none) */
    int has_actor, actor, actor_sector;
    const char *actor_country;
    /* where it happened (set by nc_places_link): index of the record's
     * place mention, -1 when the sentence names no place */
    int where;
} nc_figure;

typedef struct nc_figures {
    nc_figure *items;
    size_t n, cap;
} nc_figures;

typedef struct nc_summary {
    int has[NC_CAT_COUNT];
    int64_t value[NC_CAT_COUNT];
} nc_summary;

/* Finds the casualty figures of doc, appending to *out in text order.
 * Times come from the rules' WHEN macro (nc_ruleset_compile_macro). Rules
 * run with PCRE2's JIT unless doc->no_jit. Problems (a rule hitting its
 * match limit) are added to doc->errors. 0 or NC_ENOMEM. */
int nc_casualty_extract(const nc_ruleset *rules, const nc_numbers *numbers, nc_document *doc, nc_figures *out);
/* Restricts matching to one rule when only_rule is not NULL (rule examples). */
int nc_casualty_extract_with(const nc_ruleset *rules, const nc_numbers *numbers, nc_document *doc,
                             nc_figures *out, const nc_rule *only_rule);
void nc_figures_free(nc_figures *f);

/* Per category: the largest figure (value, or low for a range; vague counts
 * are left out); figures of one match add up; figures in the headline count
 * only when the body states none of that category; a stated zero counts;
 * "no casualties" (killed_or_injured 0) also gives killed 0 and injured 0
 * when those are otherwise absent. */
void nc_summary_compute(const nc_document *doc, const nc_figures *f, nc_summary *out);

#endif
