/* Part-of-speech tagger: a greedy averaged perceptron over word, affix,
 * shape and neighbour features, predicting one class per token that is a
 * pair (UPOS, XPOS) as seen in the training treebank.
 *
 * The feature function below is the only one: tools/train_pos.c trains
 * with it and nc_pos_tag() tags with it, so the two cannot disagree. The
 * weights are the text file data/pos/en-ewt.model (format in its header);
 * tools/pos_table.c compiles it at build time, with nc_pos_model_parse(),
 * into the read-only table nc_pos_builtin_model (gen/pos_model.c), so
 * start-up costs nothing. */
#ifndef NC_TEXT_POS_H
#define NC_TEXT_POS_H
#include <stddef.h>
#include <stdint.h>

/* Universal POS tags (https://universaldependencies.org/u/pos/). */
typedef enum {
    NC_UPOS_X = 0, NC_UPOS_ADJ, NC_UPOS_ADP, NC_UPOS_ADV, NC_UPOS_AUX, NC_UPOS_CCONJ,
    NC_UPOS_DET, NC_UPOS_INTJ, NC_UPOS_NOUN, NC_UPOS_NUM, NC_UPOS_PART, NC_UPOS_PRON,
    NC_UPOS_PROPN, NC_UPOS_PUNCT, NC_UPOS_SCONJ, NC_UPOS_SYM, NC_UPOS_VERB, NC_UPOS_COUNT
} nc_upos;

/* "NOUN" for NC_UPOS_NOUN; NC_UPOS_X for an unknown name. */
const char *nc_upos_name(nc_upos u);
nc_upos nc_upos_from_name(const char *s, size_t len);

#define NC_POS_MAX_CLASSES 255
#define NC_POS_NORM_MAX 40  /* bytes of a token's normalised form kept */
#define NC_POS_SHAPE_MAX 12
#define NC_POS_MAX_FEATURES 40

/* A token prepared for the features: its normalised form (ASCII lower
 * case, digits as 0, spaces and controls as _, long words as their first
 * and last characters around a ~) and its shape ("Xx", "d,d", "x-x"). */
typedef struct nc_pos_tok {
    const char *form;
    size_t len;
    char norm[NC_POS_NORM_MAX];
    unsigned char normlen;
    char shape[NC_POS_SHAPE_MAX];
    unsigned char shapelen;
    const char *amb; /* ambiguity class: the classes the norm had in training */
    unsigned char amblen;
    /* suffixes (1..4 characters) and prefixes (1..3), each at most the
     * whole word; their feature-value hashes */
    unsigned char nsuf, npre, suflen[4], prelen[3];
    uint64_t hnorm, hshape, hform, hamb, hsuf[4], hpre[3]; /* hform 0: no "W" feature */
} nc_pos_tok;

/* Fills norm and shape; amb is "?" (unknown) until set from a lexicon. */
void nc_pos_prepare(nc_pos_tok *t, const char *form, size_t len);
/* Sets the token's ambiguity class (amb must outlive the token). */
void nc_pos_tok_set_amb(nc_pos_tok *t, const char *amb, size_t len);
/* Hash of a norm for the ambiguity lexicon. */
uint64_t nc_pos_amb_hash(const char *norm, size_t len);

/* One feature: template name, value a, optional second value b. Its text
 * is "name=a" or "name=a b"; it is what the model file lists. */
typedef struct nc_pos_feature {
    const char *name;
    const char *a, *b; /* b NULL when absent; neither holds a space */
    unsigned char alen, blen;
    uint64_t ha, hb;   /* hashes of the values (the tokens' prepared ones) */
} nc_pos_feature;

/* The features of token i of a sentence of n prepared tokens, given the
 * classes' names of the two tokens before it (NULL before the start).
 * Writes at most NC_POS_MAX_FEATURES into out; returns how many. */
size_t nc_pos_features(const nc_pos_tok *toks, size_t n, size_t i,
                       const char *prev1, const char *prev2, nc_pos_feature *out);
/* The feature's text into buf (NUL-terminated, truncated to cap);
 * returns its full length. */
size_t nc_pos_feature_text(const nc_pos_feature *f, char *buf, size_t cap);
/* 64-bit hash of the feature (never 0); equal to nc_pos_hash_text() of
 * its text, which splits the text at its '=' and its first space. */
uint64_t nc_pos_feature_hash(const nc_pos_feature *f);
uint64_t nc_pos_hash_text(const char *s, size_t len);
/* Hash of a whole token form for the tag dictionary. */
uint64_t nc_pos_dict_hash(const char *form, size_t len);

/* The model: classes, tag dictionary (frequent unambiguous forms), and
 * feature weights in an open-addressed table whose rows are laid out in
 * slot order (row of slot s: entries start[s] .. start[s+1]). Read-only;
 * either static (the built-in table) or parsed (owned, freed with
 * nc_pos_model_free). */
typedef struct nc_pos_model {
    unsigned nclasses;
    const char *const *class_name; /* "NOUN|NN": the tag features' values */
    const char *const *class_xpos; /* "NN" */
    const unsigned char *class_upos; /* nc_upos */
    uint64_t mask;                 /* feature slots - 1 (a power of two minus 1) */
    const uint64_t *keys;          /* feature hashes, 0 = empty slot */
    const uint32_t *start;         /* mask + 2 entries */
    const unsigned char *row_class;
    const int16_t *row_weight;
    uint64_t dict_mask;
    const uint64_t *dict_keys;
    const unsigned char *dict_class;
    uint64_t amb_mask;             /* ambiguity lexicon: norm -> class set */
    const uint64_t *amb_keys;
    const uint16_t *amb_index;     /* into amb_value */
    const char *const *amb_value;  /* distinct class sets, "0+9" */
    size_t nfeatures, nentries, ndict, namb, namb_values;
    void *owned; /* allocations of a parsed model */
} nc_pos_model;

/* Parses the text model format. On NC_ERULES errbuf gets "line N:
 * message" (the caller adds the file name). 0, NC_ERULES or NC_ENOMEM. */
int nc_pos_model_parse(nc_pos_model **out, const char *text, size_t len, char *errbuf, size_t errlen);
void nc_pos_model_free(nc_pos_model *m);

/* The compiled-in model (gen/pos_model.c, from data/pos/en-ewt.model). */
extern const nc_pos_model nc_pos_builtin_model;

/* Scores of every class for one token's features (scores has nclasses
 * entries, overwritten); returns the best class (the lowest on a tie). */
unsigned nc_pos_score(const nc_pos_model *m, const nc_pos_feature *f, size_t nf, int32_t *scores);
/* Sets t->amb from the model's ambiguity lexicon ("?" when not listed). */
void nc_pos_set_amb(const nc_pos_model *m, nc_pos_tok *t);
/* The dictionary's class for a form, or -1. */
int nc_pos_dict_lookup(const nc_pos_model *m, const char *form, size_t len);

/* Tags a sentence of n tokens: classes into out[0..n). 0 or NC_ENOMEM. */
int nc_pos_tag(const nc_pos_model *m, const char *const *forms, const size_t *lens, size_t n,
               unsigned char *out);

#endif
