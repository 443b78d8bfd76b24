/* Part-of-speech tagger: a greedy averaged perceptron over word, affix,
 * shape and neighbour features, predicting one class per token that is a
 * pair (UPOS, XPOS) as seen in the training treebank.
 *
 * The feature function below is the only one: tools/train_pos.c trains
 * with it and nc_pos_tag() tags with it, so the two cannot disagree. The
 * weights are the text file data/pos/en-ewt.model (format in its header);
 * tools/pos_table.c compiles it at build time, with nc_pos_model_parse(),
 * into the read-only table nc_pos_builtin_model (gen/pos_model.c), so
 * start-up costs nothing.
 *
 * Speed: a word seen often enough in training is scored only against the
 * classes it had there (its candidates), and not at all when it had one;
 * a feature is one probe into a table of 16-byte slots that hold its
 * fingerprint and, for most features, its whole row of weights. */
#ifndef NC_TEXT_POS_H
#define NC_TEXT_POS_H
#include <stddef.h>
#include <stdint.h>

/* Universal POS tags (https://universaldependencies.org/u/pos/). 0 is no
 * tag (an untagged token of the stream, an unknown name). */
typedef enum {
    NC_UPOS_NONE = 0, NC_UPOS_ADJ, NC_UPOS_ADP, NC_UPOS_ADV, NC_UPOS_AUX, NC_UPOS_CCONJ,
    NC_UPOS_DET, NC_UPOS_INTJ, NC_UPOS_NOUN, NC_UPOS_NUM, NC_UPOS_PART, NC_UPOS_PRON,
    NC_UPOS_PROPN, NC_UPOS_PUNCT, NC_UPOS_SCONJ, NC_UPOS_SYM, NC_UPOS_VERB, NC_UPOS_X, NC_UPOS_COUNT
} nc_upos;

/* Penn Treebank tags as the English Web Treebank writes them (XPOS). 0 is
 * no tag, or one not listed here. */
typedef enum {
    NC_XPOS_NONE = 0, NC_XPOS_DOLLAR, NC_XPOS_LQUOTE, NC_XPOS_RQUOTE, NC_XPOS_COMMA, NC_XPOS_LRB,
    NC_XPOS_RRB, NC_XPOS_PERIOD, NC_XPOS_COLON, NC_XPOS_ADD, NC_XPOS_AFX, NC_XPOS_CC, NC_XPOS_CD,
    NC_XPOS_DT, NC_XPOS_EX, NC_XPOS_FW, NC_XPOS_GW, NC_XPOS_HYPH, NC_XPOS_IN, NC_XPOS_JJ, NC_XPOS_JJR,
    NC_XPOS_JJS, NC_XPOS_LS, NC_XPOS_MD, NC_XPOS_NFP, NC_XPOS_NN, NC_XPOS_NNP, NC_XPOS_NNPS,
    NC_XPOS_NNS, NC_XPOS_PDT, NC_XPOS_POS, NC_XPOS_PRP, NC_XPOS_PRPS, NC_XPOS_RB, NC_XPOS_RBR,
    NC_XPOS_RBS, NC_XPOS_RP, NC_XPOS_SYM, NC_XPOS_TO, NC_XPOS_UH, NC_XPOS_VB, NC_XPOS_VBD,
    NC_XPOS_VBG, NC_XPOS_VBN, NC_XPOS_VBP, NC_XPOS_VBZ, NC_XPOS_WDT, NC_XPOS_WP, NC_XPOS_WPS,
    NC_XPOS_WRB, NC_XPOS_XX, NC_XPOS_COUNT
} nc_xpos;

/* "NOUN" for NC_UPOS_NOUN, "" for none; NC_UPOS_NONE for an unknown name.
 * The same for XPOS ("PRP$" is NC_XPOS_PRPS). */
const char *nc_upos_name(nc_upos u);
nc_upos nc_upos_from_name(const char *s, size_t len);
const char *nc_xpos_name(nc_xpos x);
nc_xpos nc_xpos_from_name(const char *s, size_t len);

#define NC_POS_MAX_CLASSES 255
#define NC_POS_NORM_MAX 40  /* bytes of a token's normalised form kept */
#define NC_POS_SHAPE_MAX 12
#define NC_POS_MAX_FEATURES 40
#define NC_POS_MAX_CANDS 24 /* candidate classes of one word */
#define NC_POS_STAT_MAX 128 /* scores a token keeps (a model of more classes keeps them for candidates only) */

/* A token prepared for the features: its normalised form (ASCII lower
 * case, digits as 0, spaces and controls as _, long words as their first
 * and last characters around a ~) and its shape ("Xx", "d,d", "x-x"),
 * then what the model's word list says of the norm. */
typedef struct nc_pos_tok {
    const char *form;
    size_t len;
    char norm[NC_POS_NORM_MAX];
    unsigned char normlen;
    char shape[NC_POS_SHAPE_MAX];
    unsigned char shapelen;
    /* suffixes (1..4 characters) and prefixes (1..3), each at most the
     * whole word; their feature-value hashes */
    unsigned char nsuf, npre, suflen[4], prelen[3];
    uint64_t hnorm, hshape, hform, hsuf[4], hpre[3]; /* hform 0: no "W" feature; hsuf hashed from the end */
    /* ambiguity class: the classes the norm had in training ("0+9"; "?"
     * unknown), a feature value; amb must outlive the token */
    const char *amb;
    unsigned char amblen;
    uint64_t hamb;
    /* the classes the word may take (ascending), ncand 0: any */
    const unsigned char *cand;
    unsigned char ncand;
    /* a run's work on the token (nc_pos_run_upto): state 0 none yet; 1
     * stat holds the scores of its candidates (of all classes, ncand 0)
     * from the features that do not read the previous classes, dyn_hb
     * the second values of those that do (t1w, t1s3, t1w+1, t1a+1, as
     * dyn_mask has them); 2 scored in full. checked: whether its class
     * was found not to depend on the previous ones was asked. */
    unsigned char state, checked, dyn_mask;
    uint64_t dyn_hb[4];
    int32_t stat[NC_POS_STAT_MAX];
} nc_pos_tok;

/* Fills norm, shape and their hashes; amb "?" and no candidates until
 * nc_pos_lookup() (or the trainer) sets them. */
void nc_pos_prepare(nc_pos_tok *t, const char *form, size_t len);
/* Sets the token's ambiguity class (amb must outlive the token). */
void nc_pos_tok_set_amb(nc_pos_tok *t, const char *amb, size_t len);
/* Hash of a norm for the model's word list. */
uint64_t nc_pos_word_hash(const char *norm, size_t len);
/* Hash of a feature value (a norm, a class name, an ambiguity class). */
uint64_t nc_pos_value_hash(const char *s, size_t len);

/* Feature templates; nc_pos_template_name[] gives each its name in the
 * model file ("w", "t1", "ww+1"). */
enum {
    NC_POSF_B, NC_POSF_W, NC_POSF_SH, NC_POSF_WCASE, NC_POSF_I0, NC_POSF_S1, NC_POSF_S2, NC_POSF_S3,
    NC_POSF_S4, NC_POSF_P1, NC_POSF_P2, NC_POSF_P3, NC_POSF_A, NC_POSF_T1, NC_POSF_T2, NC_POSF_T12,
    NC_POSF_T1W, NC_POSF_T1S3, NC_POSF_WM1, NC_POSF_SM1, NC_POSF_SHM1, NC_POSF_WM1W, NC_POSF_WM2,
    NC_POSF_WP1, NC_POSF_SP1, NC_POSF_SHP1, NC_POSF_WWP1, NC_POSF_T1WP1, NC_POSF_AP1, NC_POSF_T1AP1,
    NC_POSF_AAP1, NC_POSF_WP2, NC_POSF_AP2, NC_POSF_COUNT
};
extern const char *const nc_pos_template_name[NC_POSF_COUNT];

/* One feature: template, value a, optional second value b. Its text is
 * "name=a" or "name=a b"; it is what the model file lists. */
typedef struct nc_pos_feature {
    unsigned char tmpl;
    unsigned char alen, blen;
    const char *a, *b; /* b NULL when absent; neither holds a space */
    uint64_t ha, hb;   /* hashes of the values (nc_pos_value_hash) */
} nc_pos_feature;

/* A previous token's class as the tag features see it (NULL: before the
 * sentence start). */
typedef struct nc_pos_prev {
    const char *name; /* "NOUN|NN" */
    size_t len;
    uint64_t hash;    /* nc_pos_value_hash(name, len) */
} nc_pos_prev;

/* The features of token i of a sentence of n prepared tokens, given the
 * classes of the two tokens before it. Writes at most
 * NC_POS_MAX_FEATURES into out; returns how many. */
size_t nc_pos_features(const nc_pos_tok *toks, size_t n, size_t i, const nc_pos_prev *prev1,
                       const nc_pos_prev *prev2, nc_pos_feature *out);
/* The feature's text into buf (NUL-terminated, truncated to cap);
 * returns its full length. */
size_t nc_pos_feature_text(const nc_pos_feature *f, char *buf, size_t cap);
/* 64-bit hash of the feature (never 0); equal to nc_pos_hash_text() of
 * its text, which splits the text at its '=' and its first space (0 for
 * a text naming no template). */
uint64_t nc_pos_feature_hash(const nc_pos_feature *f);
uint64_t nc_pos_hash_text(const char *s, size_t len);

/* A feature's slot in the model: the high half of its hash as a
 * fingerprint (0 = empty slot) and its row of (class, weight) entries,
 * inline when it has at most 3, else in `rows`: n pairs (class, weight)
 * from row, or with n == NC_POS_DENSE one weight per class (zeros
 * after the last class up to NC_POS_DENSE_WIDTH). */
typedef struct nc_pos_slot {
    uint32_t fp;
    uint32_t row;   /* n <= 3: classes, c0 | c1 << 8 | c2 << 16; else offset into rows */
    int16_t w[3];
    uint8_t n;
    uint8_t pad;
} nc_pos_slot;
#define NC_POS_INLINE 3
#define NC_POS_SPARSE_MAX 16 /* longer rows are dense */
#define NC_POS_DENSE 255
#define NC_POS_DENSE_WIDTH(nclasses) (((nclasses) + 7u) & ~7u) /* a dense row's length: whole blocks of 8 */

/* A word of the model's list: the fingerprint of its norm's hash, its
 * ambiguity class (index into amb_value) and its candidates (offset into
 * cands: a count, then the classes; count 0 = any class). */
typedef struct nc_pos_word {
    uint32_t fp;
    uint16_t amb;
    uint16_t cand;
} nc_pos_word;

/* The model. Read-only; either static (the built-in table) or parsed
 * (owned, freed with nc_pos_model_free). */
typedef struct nc_pos_model {
    unsigned nclasses;
    const char *const *class_name;   /* "NOUN|NN": the tag features' values */
    const uint64_t *class_hash;      /* nc_pos_value_hash of each name */
    const char *const *class_xpos;   /* "NN" */
    const unsigned char *class_upos; /* nc_upos */
    const unsigned char *class_xtag; /* nc_xpos */
    /* per (previous class p1, class c) [p1 * nclasses + c]: the least and
     * the most that t2 + t12 can add to c's score, whatever the class
     * before p1 (or -S-) */
    const int32_t *p2_lo, *p2_hi;
    int dense16;                     /* 1: no token's scores can leave 16 bits (sums_fit_16) */
    uint32_t mask;                   /* feature slots - 1 (a power of two minus 1) */
    const nc_pos_slot *slots;
    const int16_t *rows;
    uint32_t word_mask;
    const nc_pos_word *words;
    const char *const *amb_value;    /* distinct ambiguity classes, "0+9"; [0] is "?" */
    const uint64_t *amb_hash;        /* their value hashes */
    const unsigned char *cands;
    size_t nfeatures, nrows, nwords, namb, ncands;
    void *owned; /* allocations of a parsed model */
} nc_pos_model;

/* Parses the text model format. On NC_ERULES errbuf gets "line N:
 * message" (the caller adds the file name). 0, NC_ERULES or NC_ENOMEM. */
int nc_pos_model_parse(nc_pos_model **out, const char *text, size_t len, char *errbuf, size_t errlen);
void nc_pos_model_free(nc_pos_model *m);

/* The compiled-in model (gen/pos_model.c, from data/pos/en-ewt.model). */
extern const nc_pos_model nc_pos_builtin_model;

/* Sets t's ambiguity class and candidates from the model's word list. */
void nc_pos_lookup(const nc_pos_model *m, nc_pos_tok *t);
/* The best class for one token's features, among its ncand candidates
 * (ascending; ncand 0: among all classes); the lowest on a tie. */
unsigned nc_pos_score(const nc_pos_model *m, const nc_pos_feature *f, size_t nf, const unsigned char *cand,
                      unsigned ncand);

/* 0 when the word cannot be tagged with a UPOS in upos_mask (bits
 * 1 << nc_upos) nor an XPOS in xpos_mask (bits 1 << nc_xpos) wherever it
 * stands: the model lists its candidate classes and none has one. 1
 * otherwise. A word-list probe: a reader can skip tagging a sentence for a
 * question the word alone answers. */
int nc_pos_may_be(const nc_pos_model *m, const char *form, size_t len, uint32_t upos_mask, uint64_t xpos_mask);
/* The same for a word whose candidates nc_pos_lookup() gave (ncand 0: any
 * class), or for one class (ncand 1). */
int nc_pos_cands_allow(const nc_pos_model *m, const unsigned char *cand, unsigned ncand, uint32_t upos_mask,
                       uint64_t xpos_mask);

/* A sentence tagged on demand. A token's class depends only on the
 * tokens up to two after it and on the classes of the two before it, and
 * a word of one class (ncand 1) has its class wherever it stands: so a
 * reader that needs token i's class pays for the tokens back to the
 * nearest two known classes in a row (tagged already, or of one class),
 * not for the whole sentence before it; the classes are the ones
 * nc_pos_tag() gives. The caller owns the arrays: out and scratch have n
 * entries; out[k] is NC_POS_UNTAGGED until token k is tagged. */
#define NC_POS_UNTAGGED 0xFF /* classes are below NC_POS_MAX_CLASSES */
typedef struct nc_pos_run {
    const nc_pos_model *m;
    const char *const *forms;
    const size_t *lens;
    size_t n;
    unsigned char *out;
    nc_pos_tok *toks; /* scratch: toks[k].form NULL until token k is prepared */
    size_t tagged;    /* tokens scored so far (a figure for tests and profiles) */
    size_t lowest;    /* the lowest token the last nc_pos_run_upto() may have tagged */
    size_t prep_lo, prep_hi; /* toks[k] prepared only for k in [prep_lo, prep_hi) */
} nc_pos_run;

/* Starts a run over a sentence; out's entries already tagged (not
 * NC_POS_UNTAGGED) are kept and read. */
void nc_pos_run_init(nc_pos_run *r, const nc_pos_model *m, const char *const *forms, const size_t *lens, size_t n,
                     unsigned char *out, nc_pos_tok *scratch);
/* Starts a run over another sentence of n tokens on the scratch of r's
 * run (begun by nc_pos_run_init): only the tokens that run prepared are
 * reset, not the whole scratch (a token is ~750 bytes; the claims tag a
 * few tokens of each sentence, and under ASan every page of a long
 * scratch written through per sentence was a fault). */
void nc_pos_run_next(nc_pos_run *r, const char *const *forms, const size_t *lens, size_t n, unsigned char *out);
/* Tags token i (nothing when i >= n or out[i] is set already) and the
 * untagged tokens before it that its class depends on. Returns the lowest
 * token whose class this call may have set: out[] changed only in
 * [returned, i]. */
size_t nc_pos_run_upto(nc_pos_run *r, size_t i);

/* Tags a sentence of n tokens: classes into out[0..n). 0 or NC_ENOMEM. */
int nc_pos_tag(const nc_pos_model *m, const char *const *forms, const size_t *lens, size_t n,
               unsigned char *out);

#endif
