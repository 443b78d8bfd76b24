/* Casualty figures: runs the rules over a document's sentences and turns
 * matches into figures, then the per-category summary. */
#ifndef NC_EXTRACT_CASUALTY_CASUALTY_H
#define NC_EXTRACT_CASUALTY_CASUALTY_H
#include "document/document.h"
#include "rules/numbers.h"
#include "rules/ruleset.h"
#include <stddef.h>
#include <stdint.h>

/* What a figure is about: the incident the article reports (event), a
 * running total of many incidents (cumulative: "so far this year",
 * "across the city this weekend"), or other times and places (background:
 * "last year", "in a separate shooting", "centuries ago"). */
typedef enum { NC_SCOPE_EVENT = 0, NC_SCOPE_CUMULATIVE, NC_SCOPE_BACKGROUND } nc_scope;
const char *nc_scope_name(nc_scope s);
const char *nc_role_name(nc_role r);

enum { NC_FROM_NONE = 0, NC_FROM_TEXT, NC_FROM_CONTEXT };

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
    nc_role role;     /* stated by the rule, else read by nc_roles_assign */
    nc_update update; /* from the rule: a raised toll, or people who later died */
    nc_scope scope;   /* set by nc_scope_assign */
    int superseded;   /* "initially reported": a later figure replaces it */
    /* one person named or described ("a 23-year-old man", "the victim",
     * "Jordan Harris"): person is the index of the distinct person the
     * article's mentions of them share (nc_victims_link), else -1 */
    int person;
    /* where the actor and the source came from: NC_FROM_TEXT, or
     * NC_FROM_CONTEXT when inherited from the list heading, the sentence
     * before or the article's subject (NC_FROM_NONE when there is none) */
    int actor_from, source_from;
} nc_figure;

typedef struct nc_figures {
    nc_figure *items;
    size_t n, cap;
} nc_figures;

/* How doc's rules run (an NC_MATCH_* of rules/ruleset.h): the
 * interpreter when doc->no_jit, the JIT for hot rules only when
 * doc->jit_hot, else the JIT. */
static inline int nc_casualty_match_mode(const nc_document *doc)
{
    return doc->no_jit ? NC_MATCH_INTERPRET : doc->jit_hot ? NC_MATCH_JIT_HOT : NC_MATCH_JIT;
}

/* Finds the casualty figures of doc, appending to *out in text order.
 * Times come from the rules' WHEN macro (nc_ruleset_compile_macro). Rules
 * run as nc_casualty_match_mode says. Problems (a rule hitting its
 * match limit) are added to doc->errors. 0 or NC_ENOMEM. */
int nc_casualty_extract(const nc_ruleset *rules, const nc_numbers *numbers, nc_document *doc, nc_figures *out);
/* Restricts matching to one rule when only_rule is not NULL (rule examples). */
int nc_casualty_extract_with(const nc_ruleset *rules, const nc_numbers *numbers, nc_document *doc,
                             nc_figures *out, const nc_rule *only_rule);
void nc_figures_free(nc_figures *f);

/* An exact count of v. */
nc_count nc_count_exact(int64_t v);
/* The number of items listed in s[0, n) (rules with "count: items"). */
int64_t nc_list_items(const char *s, size_t n);

#endif
