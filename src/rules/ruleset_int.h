/* The ruleset's insides, shared by its files: ruleset.c (rule files,
 * macros, the public object), compile.c (macro expansion, compilation on
 * first use, matching) and prefilter.c (keywords). Not part of the
 * library's interface. */
#ifndef NC_RULES_RULESET_INT_H
#define NC_RULES_RULESET_INT_H
#include "rules/ruleset.h"
#include "util/buf.h"
#include <pthread.h>
#include <stdatomic.h>

#define NC_COMPILE_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_EXTENDED)

/* Code compiled on first use, for the interpreter ([0]) and for the JIT
 * ([1], a JIT-compiled copy). NULL: not yet; NC_RE_FAILED: does not
 * compile. Written once under the ruleset's lock, read without it. */
typedef struct nc_lazy_re {
    _Atomic(pcre2_code *) code[2];
    _Atomic(unsigned) interpreted; /* rules: calls by NC_MATCH_INTERPRET documents */
    _Atomic(unsigned) hot_calls;   /* rules: interpreted calls that make it worth the JIT (set with code[0]) */
} nc_lazy_re;
extern char nc_re_failed_mark;
#define NC_RE_FAILED ((pcre2_code *)(void *)&nc_re_failed_mark)

/* Code compiled when the program was built (nc_ruleset_use_prebuilt):
 * pcre2_serialize_encode() bytes, borrowed; bytes NULL: none. */
struct nc_prebuilt {
    const unsigned char *bytes;
    size_t len;
    int hinted; /* rules: the code has the start lookahead (nc_rule.start_hinted) */
};

typedef struct macro {
    char *name;
    char *body;
    const char *file;
    int line;
    int wanted;  /* nc_ruleset_compile_macro asked for it */
    nc_lazy_re re; /* the macro on its own: WHEN, and the lead macros of rules */
    struct nc_prebuilt prebuilt;
} macro;

typedef struct keyword {
    char *word;
    size_t len;
    uint64_t hash;
    int prefix;
    int number; /* a number word: "three", "dozens" */
    uint64_t *bits;
} keyword;

/* The keywords of a rule, kept for the prefilter: rule index + words. */
typedef struct pending_keywords {
    size_t rule;
    int line;
    char *words;
} pending_keywords;

typedef struct kw_list {
    pending_keywords *items;
    size_t n, cap;
} kw_list;

struct nc_ruleset {
    nc_rule *rules;
    size_t n, cap;
    nc_lazy_re *rule_re; /* per rule: its code for matching (anchored when it has a lead macro) */
    struct nc_prebuilt *prebuilt; /* per rule */
    macro *macros;
    size_t n_macros, cap_macros;
    keyword *table; /* open addressing, size table_size (power of two) */
    size_t table_size;
    /* Length filters: bit L of exact_lengths[f][l] is set when some exact
     * keyword of length L starts with letter f and ends with letter l (a-z;
     * those of 63 letters or more all set bit 63); bit L of
     * prefix_lengths[f] when a prefix keyword of length L starts with f.
     * Most words of a text fail both, and so skip the hashing and table
     * probes of nc_ruleset_candidates. */
    uint64_t exact_lengths[26][26], prefix_lengths[26];
    uint64_t *always;      /* rules without keywords */
    uint64_t *need_number; /* rules that need a number in the sentence */
    uint64_t *need_two;    /* rules that need two numbers ("2 soldiers and 3 civilians") */
    uint64_t *need_name;   /* rules that need two capitalised words in a row (a name) */
    /* A rule's second and later "keywords:" lines: each has a bit of its
     * own after the rules' (slot), and the rule stays a candidate only when
     * every one of its lines has a word in the sentence. */
    struct nc_and_group {
        size_t rule, slot;
    } *and_groups;
    size_t n_and_groups;
    size_t words;          /* uint64_t words per bitset (rules, then and_groups' slots) */
    const nc_lexicon *lex; /* where the exact keywords are (nc_ruleset_index), or NULL */
    int lazy;              /* rules compile on first use */
    int no_jit;            /* NEWSCLAIMS_NO_JIT: never use the JIT */
    pthread_mutex_t lock;  /* compilation on first use */
    uint32_t *ids;         /* while loading: rule index + 1 by id hash (open addressing), 0 = free */
    size_t ids_cap;        /* a power of two */
};

/* "file:line: message" into err. */
void nc_rs_err(char *err, size_t errlen, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
const macro *nc_rs_find_macro(const nc_ruleset *rs, const char *name, size_t len);
/* Appends a macro (name and body copied). 0 or NC_ENOMEM. */
int nc_rs_add_macro(nc_ruleset *rs, const char *name, size_t name_len, const char *body, const char *file,
                    int line);

/* compile.c */
/* Expands the macros of pattern s into *out (macros as subroutines of one
 * DEFINE block). On NC_ERULES err says where. */
int nc_rs_expand(const nc_ruleset *rs, const char *s, nc_buf *out, const char *file, int line, char *err,
                 size_t errlen);
/* Expands and compiles rule i for the interpreter (the code its matches
 * use), sets its group numbers, checks them. 0, NC_ERULES, NC_ENOMEM. Call
 * with the lock held, or before the ruleset is shared. */
int nc_rs_prepare_rule(nc_ruleset *rs, size_t i, char *err, size_t errlen);
/* Index of the macro every match of pattern source (unexpanded) starts
 * with ("(?<count>{COUNT}) ..."), -1 when there is none. For a rule that
 * starts with an optional group of macros ("(?: {MORE} )? (?<count>{COUNT})
 * ..."), a macro of that prefix is added to rs ("(?: {MORE} )? {COUNT}"):
 * every match starts where it matches. */
int nc_rs_lead_macro(nc_ruleset *rs, const char *source, const char *file, int line);
void nc_rs_lazy_free(nc_lazy_re *l);

/* prefilter.c */
int nc_rs_build_prefilter(nc_ruleset *rs, const kw_list *kws, const nc_numbers *numbers, char *err,
                          size_t errlen);
void nc_rs_free_prefilter(nc_ruleset *rs);

#endif
