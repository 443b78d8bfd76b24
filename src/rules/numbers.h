/* Numbers as news writes them: digits with separators, decimals with scales,
 * number words, ranges, qualifiers and vague quantities. The vocabulary is
 * a data file (data/numbers.txt). */
#ifndef NC_RULES_NUMBERS_H
#define NC_RULES_NUMBERS_H
#include <stddef.h>
#include <stdint.h>

typedef enum {
    NC_Q_EXACT = 0, /* value = low = high */
    NC_Q_AT_LEAST,  /* low = value */
    NC_Q_MORE_THAN, /* low = value */
    NC_Q_AT_MOST,   /* high = value */
    NC_Q_UP_TO,     /* high = value */
    NC_Q_NEARLY,    /* high = value */
    NC_Q_ABOUT,     /* approximate, no bounds */
    NC_Q_RANGE,     /* no value; low and high */
    NC_Q_VAGUE      /* "dozens": no value; low; approximate */
} nc_qualifier;

/* Name used in the JSON output: "exact", "at_least", ... */
const char *nc_qualifier_name(nc_qualifier q);

typedef struct nc_count {
    int has_value, has_low, has_high;
    int64_t value, low, high;
    nc_qualifier qualifier;
    int approximate; /* about, around, approximately, an estimated, some, roughly, vague */
} nc_count;

typedef struct nc_numbers nc_numbers;

/* Loads the vocabulary; on NC_ERULES err gets "name:line: message". */
int nc_numbers_load(const char *data, size_t len, const char *name,
                    nc_numbers **out, char *err, size_t errlen);
void nc_numbers_free(nc_numbers *n);

/* Parses a whole count phrase as a rule captured it: "at least 600",
 * "About 4,100", "an estimated 4,700", "10,000–12,000", "10,000 to 12,000",
 * "between 10 and 12", "twenty-five", "three hundred", "two dozen",
 * "1.2 million", "4.7k", "4 700", "dozens", "a"/"an"/"one". Case-insensitive;
 * curly/straight apostrophes, en/em dashes, no-break and thin spaces
 * understood. 0, or NC_EINVAL when s is not a count. */
int nc_numbers_parse(const nc_numbers *n, const char *s, size_t len, nc_count *out);

/* PCRE2 alternations built from the vocabulary, longest first, for use in
 * rule macros (generated macros {NUMWORD}, {QUALIFIER}, {VAGUE}); words are
 * escaped, case is left to the pattern's (?i). Borrowed strings. */
const char *nc_numbers_word_alternation(const nc_numbers *n);
const char *nc_numbers_qualifier_alternation(const nc_numbers *n);
const char *nc_numbers_vague_alternation(const nc_numbers *n);

#endif
