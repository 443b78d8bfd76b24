/* Casualty rules: plain-text rule files (data/rules/NAME.rules) with macros
 * (data/macros.txt), compiled with PCRE2 — eagerly, or each on its first
 * use (nc_ruleset_new_lazy) — plus a keyword prefilter so each sentence
 * only runs the rules that can match it. The file format is described at
 * the top of data/rules/README. A ruleset is read-only once built and
 * shared by threads; compilation on first use is thread-safe. */
#ifndef NC_RULES_RULESET_H
#define NC_RULES_RULESET_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>
#include "document/document.h"
#include "util/buf.h"
#include "rules/category.h"
#include "rules/numbers.h"

#define NC_RULE_MAX_COUNTS 3 /* groups count, count2, count3 (who, who2, who3) */
#define NC_RULE_MAX_GROUPS 64 /* ovector pairs a rule may need (each macro it uses is a group) */

typedef struct nc_rule_example {
    char *text;   /* the example sentence */
    char *expect; /* "killed 12; injured at_least 30" or "none" */
    int line;
} nc_rule_example;

/* Who the people of a figure are: stated by the rule (role:) or read from
 * the words naming them (extract/casualty/role.c). */
typedef enum { NC_ROLE_NONE = 0, NC_ROLE_VICTIM, NC_ROLE_PERPETRATOR, NC_ROLE_UNKNOWN } nc_role;

/* How a figure relates to earlier ones of its article: a toll that was
 * raised ("rose to 45"), or people counted before as hurt who then died
 * ("later died"). */
typedef enum { NC_UPDATE_NONE = 0, NC_UPDATE_TOLL, NC_UPDATE_LATER } nc_update;

typedef struct nc_rule {
    char *id;
    nc_category category;
    char *file; /* where it was defined, for messages */
    int line;
    char *source;     /* the pattern as written */
    int pattern_line;
    char *pattern;    /* after macro expansion; NULL until a lazy ruleset compiles the rule */
    int lead_macro;   /* macro every match starts with ("(?<count>{COUNT}) ..."), -1: none */
    int start_hinted; /* its pattern got a lookahead for its start bytes (compile.c, start_hint); set
                         when the rule is compiled */
    int add;  /* added to the first count ("he and three others": +1) */
    int zero; /* the rule states that nobody was (count 0) */
    int needs_number; /* only tried in sentences with (1) a digit or number word, or (2) two of them */
    int needs_name;   /* only tried in sentences with two capitalised words in a row */
    /* "count: N": a count group whose text is not a number (a name, "the
     * victim", "both") counts N; "count: items": a count group counts the
     * items listed in it ("Smith, 34, and Jones, 20"; "ages 13, 17 and 19") */
    int fixed_count, has_fixed_count, count_items;
    /* "count: double=2 triple=3": a count group that is one of these words */
    char **count_words;
    int *count_values;
    size_t n_count_words;
    int role;   /* "role:": NC_ROLE_* the rule states, NC_ROLE_NONE when it does not */
    int update; /* "update:": NC_UPDATE_* */
    int g_count[NC_RULE_MAX_COUNTS], g_who[NC_RULE_MAX_COUNTS], g_when; /* group numbers, 0 = none;
                         set when the rule is compiled (before nc_rule_match returns a match) */
    nc_rule_example *examples;
    size_t n_examples;
} nc_rule;

typedef struct nc_ruleset nc_ruleset;

/* One rule file's text, named for messages. */
typedef struct nc_rule_source {
    const char *name;
    const char *data;
    size_t len;
} nc_rule_source;

/* Expands and compiles the rules of all sources (in the given order: earlier
 * rules win when two rules claim the same number) with the macros of
 * macros_src. On NC_ERULES, err gets "file:line: message". */
int nc_ruleset_new(nc_ruleset **out, const nc_rule_source *sources, size_t n_sources,
                   const nc_rule_source *macros_src, const nc_numbers *numbers,
                   char *err, size_t errlen);
/* The same, but each rule (and macro) is expanded and compiled the first
 * time a match needs it, so start-up costs only the parsing: for rule
 * files already checked (the built-in ones, which `make check` compiles
 * and runs). Errors in a pattern then show only in nc_ruleset_compile_all. */
int nc_ruleset_new_lazy(nc_ruleset **out, const nc_rule_source *sources, size_t n_sources,
                        const nc_rule_source *macros_src, const nc_numbers *numbers,
                        char *err, size_t errlen);
void nc_ruleset_free(nc_ruleset *rs);
/* Prebuilt code: the rules and macros compiled when the program was
 * built (tools/rulec.c writes the blob with nc_ruleset_prebuilt_write;
 * out gets it appended). nc_ruleset_use_prebuilt takes a blob (borrowed,
 * static) for a lazy ruleset: code made from exactly these rules and
 * macros is decoded on first use instead of compiled; anything else in it
 * (other rules, another PCRE2) is ignored. */
int nc_ruleset_prebuilt_write(const nc_ruleset *rs, nc_buf *out);
void nc_ruleset_use_prebuilt(nc_ruleset *rs, const unsigned char *blob, size_t len);
/* Compiles every rule and wanted macro now (--check-rules). 0, or
 * NC_ERULES with the first error in err, or NC_ENOMEM. */
int nc_ruleset_compile_all(const nc_ruleset *rs, char *err, size_t errlen);

/* 1 and *v when the count text s[0, n) is one of rule r's count words
 * ("count: double=2": "Double" gives 2), else 0. */
int nc_rule_count_word(const nc_rule *r, const char *s, size_t n, int64_t *v);

size_t nc_ruleset_size(const nc_ruleset *rs);
const nc_rule *nc_ruleset_rule(const nc_ruleset *rs, size_t i);
/* Largest ovector a rule needs, for sizing match data (NC_RULE_MAX_GROUPS). */
uint32_t nc_ruleset_max_groups(const nc_ruleset *rs);

/* Asks for macro `name` of the macros file on its own (e.g. "WHEN", the
 * time expressions) so nc_ruleset_macro_code() can hand it out; an eager
 * ruleset compiles it now. NC_ERULES when there is no such macro or it
 * does not compile. */
int nc_ruleset_compile_macro(nc_ruleset *rs, const char *name, char *err, size_t errlen);
/* That macro's code, compiled on first use (for the JIT when jit), or NULL
 * when it was not asked for or does not compile. */
const pcre2_code *nc_ruleset_macro_code(const nc_ruleset *rs, const char *name, int jit);
/* nc_ruleset_macro_code(rs, name, 1). */
const pcre2_code *nc_ruleset_macro_regex(const nc_ruleset *rs, const char *name);

/* ---- matching ---- */

/* Per-sentence scratch of nc_rule_match: where the lead macros match.
 * Zero-initialise; one per thread; nc_rule_scan_free at the end. */
#define NC_RULE_SCAN_LEADS 4
struct nc_rule_lead {
    int macro, state; /* state 0: unused, 1: positions found, 2: search failed */
    size_t *pos;
    size_t n, cap;
};
typedef struct nc_rule_scan {
    const char *text;
    size_t start, end; /* the sentence the positions are for */
    struct nc_rule_lead lead[NC_RULE_SCAN_LEADS];
    pcre2_match_data *md;
} nc_rule_scan;
void nc_rule_scan_free(nc_rule_scan *s);

/* How nc_rule_match runs a rule. PCRE2's JIT pays back its compile time
 * (several million instructions a rule) only over many calls, and most
 * rules are called a few times a hundred documents: the interpreted
 * documents' calls are counted, and later documents use the JIT only
 * for the rules called NC_RULE_HOT_CALLS times or more (more for rules
 * cheap to interpret: NC_RULE_HOT_BYTES). The counts are
 * final before the first NC_MATCH_JIT_HOT document (the batch runner
 * sees to it), so a document's engine never depends on timing. */
enum {
    NC_MATCH_INTERPRET, /* the interpreter; the call is counted */
    NC_MATCH_JIT,       /* the JIT (a long document repays it alone) */
    NC_MATCH_JIT_HOT    /* the JIT for hot rules, the interpreter for the rest */
};
#define NC_RULE_HOT_CALLS 8
/* A rule PCRE2 tries only at a few places by itself (its first character
 * is known, or it is anchored, "\G ...") costs the interpreter a few
 * microseconds a call: the JIT saves about 1 us a call and its compile
 * costs about 0.1 us a byte of interpreter code, so such a rule is hot
 * only at one interpreted call per NC_RULE_HOT_BYTES bytes of its code
 * (measured over the bench texts: most rules of 12-23 KB cost more to
 * compile than they save in 2,000 documents). */
#define NC_RULE_HOT_BYTES 160

/* The leftmost match of rule ri in text[start, end) (a sentence; text is
 * the whole document, so look-behinds see before start) that starts at or
 * after off: what pcre2_match(rule, text, end, off) would return, into md
 * (NC_RULE_MAX_GROUPS pairs) under the limits of mctx. The rule is
 * compiled on first use, for the engine mode says (an NC_MATCH_*). A
 * rule that does not compile matches nothing. */
int nc_rule_match(const nc_ruleset *rs, size_t ri, nc_rule_scan *scan, const char *text, size_t start,
                  size_t end, size_t off, int mode, pcre2_match_data *md, pcre2_match_context *mctx);

/* Prefilter: sets bit i of `bits` (nc_ruleset_bitset_words() uint64_t
 * words; bits past nc_ruleset_size() are the prefilter's own) for every
 * rule that may match sentence si of doc: rules whose keywords occur in it
 * as words of ASCII letters (case-insensitive; "kill*" is a prefix), one
 * of each of their keywords: lines, and rules without keywords; rules that
 * need a name only where two capitalised words follow each other (read
 * only when such a rule is a candidate); rules that need a
 * number only when the sentence has a digit or a number word (two for
 * "numbers: two"). Reads the
 * document's token stream (text/token.h); a word's exact keywords come
 * from its lexicon entry when the stream was cut with the lexicon of
 * nc_ruleset_index. */
size_t nc_ruleset_bitset_words(const nc_ruleset *rs);
void nc_ruleset_candidates(const nc_ruleset *rs, const nc_document *doc, size_t si, uint64_t *bits);
/* Enters the exact keywords and number words into lex (slot NC_LEX_RULE)
 * so that the tokenizer's lookup of a word finds them; lex must outlive
 * rs. 0 or NC_ENOMEM. */
int nc_ruleset_index(nc_ruleset *rs, nc_lexicon *lex);
/* Reads keywords from lex, which has them already: a lexicon compiled
 * from the same rules by nc_ruleset_index (the built-in gazetteer image,
 * tools/gazgen.c). */
void nc_ruleset_use_lexicon(nc_ruleset *rs, const nc_lexicon *lex);

#endif
