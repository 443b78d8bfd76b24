/* Cue lexicon (data/cues.txt): the verbs and phrases that introduce what
 * somebody says, believes or estimates, each with a stance and a kind, and
 * the word classes the claim extractor reads speakers with (auxiliaries,
 * pronouns, ...). Loaded once per context; read-only afterwards, so one
 * lexicon serves every thread. Owned by the context: nc_cues_free(). */
#ifndef NC_EXTRACT_CLAIMS_CUE_H
#define NC_EXTRACT_CLAIMS_CUE_H
#include "text/lexicon.h"
#include <stddef.h>
#include <stdint.h>

typedef enum nc_stance {
    NC_STANCE_ASSERT,
    NC_STANCE_BELIEF,
    NC_STANCE_ESTIMATE,
    NC_STANCE_ALLEGE,
    NC_STANCE_DENY,
    NC_STANCE_DIRECTIVE,
    NC_STANCE_QUESTION, /* asks: "asked whether C", "wondered why C" */
    NC_STANCE_COUNT
} nc_stance;

typedef enum nc_cue_kind {
    NC_CUE_VERB,     /* "X said (that) C", "C, X said", "C, said X" */
    NC_CUE_THAT,     /* a verb that reports only before "that" or ":" */
    NC_CUE_NOUN,     /* "X's claim that C" */
    NC_CUE_ACCORDING, /* "according to X" */
    NC_CUE_NOT        /* looks like a cue, reports nothing ("claimed responsibility") */
} nc_cue_kind;

/* Word classes (bits), named as in the data file's "class NAME:" lines. */
enum {
    NC_WC_AUX = 1u << 0,
    NC_WC_BE = 1u << 1,
    NC_WC_DET = 1u << 2,
    NC_WC_BOUNDARY = 1u << 3,
    NC_WC_RELATIVE = 1u << 4,
    NC_WC_PREP = 1u << 5,
    NC_WC_TIME = 1u << 6,
    NC_WC_PERSON = 1u << 7,
    NC_WC_GROUP = 1u << 8,
    NC_WC_THING = 1u << 9,
    NC_WC_SELF = 1u << 10,
    NC_WC_MALE = 1u << 11,
    NC_WC_FEMALE = 1u << 12,
    NC_WC_ORG = 1u << 13,
    NC_WC_LABEL = 1u << 14,
    NC_WC_TELL = 1u << 15,
    NC_WC_ADDRESSEE = 1u << 16,
    NC_WC_NOBODY = 1u << 17,
    NC_WC_CONTRAST = 1u << 18,
    NC_WC_MINOR = 1u << 19,
    NC_WC_PRONOUN = NC_WC_PERSON | NC_WC_GROUP | NC_WC_THING | NC_WC_SELF
};

typedef struct nc_cue {
    char **words;   /* lower-case words; "," for a comma */
    size_t n_words;
    nc_stance stance;
    nc_cue_kind kind;
    int line;       /* in the data file, for messages */
} nc_cue;

/* What the lexicon knows about one lower-case word. */
typedef struct nc_word_info {
    uint32_t classes;    /* NC_WC_* bits */
    const uint32_t *cues; /* indexes of the cues starting with the word, longest first */
    uint32_t n_cues;
} nc_word_info;

typedef struct nc_cues nc_cues;

/* Parses the data file text. On NC_ERULES, err gets "name:line: message". */
int nc_cues_load(const char *data, size_t len, const char *name, nc_cues **out,
                 char *err, size_t errlen);
void nc_cues_free(nc_cues *c);

/* The entry of word [s, s+n) (compared ignoring ASCII case; a curly
 * apostrophe counts as '), or NULL when the word is not in the lexicon. */
const nc_word_info *nc_cues_word(const nc_cues *c, const char *s, size_t n);
#define NC_CUES_WORD_MAX 48 /* longer words are in no lexicon */
const nc_cue *nc_cues_get(const nc_cues *c, uint32_t i);
size_t nc_cues_size(const nc_cues *c);

/* Enters every word of the lexicon into lex, slot NC_LEX_CUE, under the
 * key the claim reader gives it in a text (claims/token.h), so the
 * tokenizer's one probe per word finds it. 0 or NC_ENOMEM. */
int nc_cues_index(const nc_cues *c, nc_lexicon *lex);
/* The entry an NC_LEX_CUE value names. */
const nc_word_info *nc_cues_info(const nc_cues *c, uint32_t value);

const char *nc_stance_name(nc_stance s);

#endif
