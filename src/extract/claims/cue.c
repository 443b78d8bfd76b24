/* Cue lexicon: parses data/cues.txt into cues and word classes, indexed
 * by a hash of the lower-cased word so the extractor pays one lookup per
 * word of text. */
#include "extract/claims/cue.h"
#include "extract/claims/token.h"
#include "input/lines.h"
#include "newsclaims.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WORD_MAX NC_CUES_WORD_MAX /* longer words are never in the lexicon */

typedef struct slot {
    char *word; /* NULL = empty slot */
    size_t len;
    uint32_t hash;
    nc_word_info info;
    uint32_t cap_cues;
} slot;

struct nc_cues {
    nc_cue *cues;
    size_t n_cues, cap_cues;
    slot *slots;
    size_t mask, used;
};

static const char *const STANCES[NC_STANCE_COUNT] = {"assert", "belief", "estimate",
                                                      "allege", "deny", "directive", "question"};
static const char *const KINDS[] = {"verb", "that", "noun", "according", "cue"};
static const struct {
    const char *name;
    uint32_t bit;
} CLASSES[] = {
    {"aux", NC_WC_AUX},       {"be", NC_WC_BE},         {"det", NC_WC_DET},
    {"boundary", NC_WC_BOUNDARY}, {"relative", NC_WC_RELATIVE}, {"prep", NC_WC_PREP},
    {"time", NC_WC_TIME},     {"person", NC_WC_PERSON}, {"group", NC_WC_GROUP},
    {"thing", NC_WC_THING},   {"self", NC_WC_SELF},     {"male", NC_WC_MALE},
    {"female", NC_WC_FEMALE}, {"org", NC_WC_ORG},       {"label", NC_WC_LABEL},
    {"tell", NC_WC_TELL},     {"addressee", NC_WC_ADDRESSEE}, {"nobody", NC_WC_NOBODY},
    {"contrast", NC_WC_CONTRAST}, {"minor", NC_WC_MINOR},
};

const char *nc_stance_name(nc_stance s) { return s < NC_STANCE_COUNT ? STANCES[s] : "assert"; }

/* Lower-cases word [s, s+n) into buf (curly apostrophe -> '); its length,
 * or 0 when too long for the lexicon. */
static size_t normalise(const char *s, size_t n, char *buf)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99) {
            c = '\'';
            i += 2;
        } else if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c - 'A' + 'a');
        }
        if (k == WORD_MAX)
            return 0;
        buf[k++] = (char)c;
    }
    return k;
}

static size_t hash(const char *s, size_t n)
{
    return (size_t)nc_key_hash(s, n);
}

static slot *lookup_hashed(const nc_cues *c, const char *w, size_t n, size_t h)
{
    for (size_t i = h & c->mask; c->slots[i].word; i = (i + 1) & c->mask)
        if (c->slots[i].hash == (uint32_t)h && c->slots[i].len == n && memcmp(c->slots[i].word, w, n) == 0)
            return &c->slots[i];
    return NULL;
}

static slot *lookup(const nc_cues *c, const char *w, size_t n) { return lookup_hashed(c, w, n, hash(w, n)); }

static int grow_table(nc_cues *c)
{
    size_t n = c->mask ? (c->mask + 1) * 2 : 256;
    slot *s = calloc(n, sizeof *s);
    if (!s)
        return NC_ENOMEM;
    for (size_t i = 0; c->slots && i <= c->mask; i++) {
        if (!c->slots[i].word)
            continue;
        size_t j = c->slots[i].hash & (n - 1);
        while (s[j].word)
            j = (j + 1) & (n - 1);
        s[j] = c->slots[i];
    }
    free(c->slots);
    c->slots = s;
    c->mask = n - 1;
    return 0;
}

/* The slot of normalised word w, created when missing. */
static int intern(nc_cues *c, const char *w, size_t n, slot **out)
{
    if ((*out = c->slots ? lookup(c, w, n) : NULL))
        return 0;
    if (!c->slots || 2 * (c->used + 1) > c->mask + 1) {
        int rc = grow_table(c);
        if (rc)
            return rc;
    }
    size_t i = hash(w, n) & c->mask;
    while (c->slots[i].word)
        i = (i + 1) & c->mask;
    if (!(c->slots[i].word = strndup(w, n)))
        return NC_ENOMEM;
    c->slots[i].len = n;
    c->slots[i].hash = (uint32_t)hash(w, n);
    c->used++;
    *out = &c->slots[i];
    return 0;
}

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'' ||
           c == '-' || c == '&' || c == '.' || c >= 0x80;
}

/* Splits one form ("expressed gratitude, stating that") into words. */
static int split_form(const char *s, size_t n, nc_cue *cue)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] == ' ') {
            i++;
            continue;
        }
        size_t j = i;
        if (s[i] == ',')
            j = i + 1;
        else
            while (j < n && is_word_byte((unsigned char)s[j]))
                j++;
        if (j == i)
            return NC_ERULES;
        char buf[WORD_MAX];
        size_t k = normalise(s + i, j - i, buf);
        if (!k)
            return NC_ERULES;
        char **p = realloc(cue->words, (cue->n_words + 1) * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        cue->words = p;
        if (!(p[cue->n_words] = strndup(buf, k)))
            return NC_ENOMEM;
        cue->n_words++;
        i = j;
    }
    return cue->n_words ? 0 : NC_ERULES;
}

static void cue_clear(nc_cue *cue)
{
    for (size_t i = 0; i < cue->n_words; i++)
        free(cue->words[i]);
    free(cue->words);
}

static int add_cue(nc_cues *c, const char *s, size_t n, nc_stance st, nc_cue_kind kind, int line)
{
    nc_cue cue = {.stance = st, .kind = kind, .line = line};
    int rc = split_form(s, n, &cue);
    if (!rc && c->n_cues == c->cap_cues) {
        size_t cap = c->cap_cues ? c->cap_cues * 2 : 128;
        nc_cue *p = realloc(c->cues, cap * sizeof *p);
        if (!p)
            rc = NC_ENOMEM;
        else {
            c->cues = p;
            c->cap_cues = cap;
        }
    }
    if (rc) {
        cue_clear(&cue);
        return rc;
    }
    c->cues[c->n_cues++] = cue;
    return 0;
}

static int add_class(nc_cues *c, const char *s, size_t n, uint32_t bit)
{
    char buf[WORD_MAX];
    size_t k = normalise(s, n, buf);
    if (!k || memchr(s, ' ', n))
        return NC_ERULES;
    slot *sl;
    int rc = intern(c, buf, k, &sl);
    if (!rc)
        sl->info.classes |= bit;
    return rc;
}

/* Indexes every cue under its first word, longest first. */
static int index_cues(nc_cues *c)
{
    for (size_t i = 0; i < c->n_cues; i++) {
        slot *sl;
        const char *w = c->cues[i].words[0];
        int rc = intern(c, w, strlen(w), &sl);
        if (rc)
            return rc;
        if (sl->info.n_cues == sl->cap_cues) {
            uint32_t cap = sl->cap_cues ? sl->cap_cues * 2 : 4;
            uint32_t *p = realloc((void *)sl->info.cues, cap * sizeof *p);
            if (!p)
                return NC_ENOMEM;
            sl->info.cues = p;
            sl->cap_cues = cap;
        }
        uint32_t *list = (uint32_t *)sl->info.cues;
        uint32_t k = sl->info.n_cues++;
        /* insertion sort by descending length keeps the longest form first */
        while (k > 0 && c->cues[list[k - 1]].n_words < c->cues[i].n_words) {
            list[k] = list[k - 1];
            k--;
        }
        list[k] = (uint32_t)i;
    }
    return 0;
}

static void trim(const char *d, size_t *s, size_t *e)
{
    while (*s < *e && (d[*s] == ' ' || d[*s] == '\t' || d[*s] == '\n'))
        (*s)++;
    while (*e > *s && (d[*e - 1] == ' ' || d[*e - 1] == '\t' || d[*e - 1] == '\n'))
        (*e)--;
}

/* One entry: head ("assert verb" or "class aux") and its items, separated
 * by commas; a form that contains a comma itself is written in double
 * quotes ("expressed gratitude, stating that"). */
static int parse_entry(nc_cues *c, const char *d, size_t hs, size_t he, size_t is, size_t ie, int line,
                       const char *name, char *err, size_t errlen)
{
    char head1[32] = "", head2[32] = "";
    size_t k = hs;
    size_t w1 = k;
    while (k < he && d[k] != ' ')
        k++;
    snprintf(head1, sizeof head1, "%.*s", (int)(k - w1), d + w1);
    while (k < he && d[k] == ' ')
        k++;
    snprintf(head2, sizeof head2, "%.*s", (int)(he - k), d + k);
    int is_class = strcmp(head1, "class") == 0;
    uint32_t bit = 0;
    int stance = -1, kind = -1;
    if (is_class) {
        for (size_t i = 0; i < sizeof CLASSES / sizeof *CLASSES; i++)
            if (strcmp(head2, CLASSES[i].name) == 0)
                bit = CLASSES[i].bit;
    } else if (strcmp(head1, "not") == 0) { /* "not cue:" */
        stance = NC_STANCE_ASSERT;
        kind = strcmp(head2, "cue") == 0 ? NC_CUE_NOT : -1;
    } else {
        for (int i = 0; i < NC_STANCE_COUNT; i++)
            if (strcmp(head1, STANCES[i]) == 0)
                stance = i;
        for (int i = 0; i < NC_CUE_NOT; i++) /* "cue" only after "not" */
            if (strcmp(head2, KINDS[i]) == 0)
                kind = i;
    }
    if (is_class ? !bit : (stance < 0 || kind < 0)) {
        snprintf(err, errlen, "%s:%d: unknown %s \"%s %s\"", name, line,
                 is_class ? "word class" : "stance or kind", head1, head2);
        return NC_ERULES;
    }
    size_t s = is;
    while (s < ie) {
        while (s < ie && (d[s] == ' ' || d[s] == '\n' || d[s] == '\t'))
            s++;
        size_t e = s;
        int quoted = s < ie && d[s] == '"';
        if (quoted) {
            s++;
            e = s;
            while (e < ie && d[e] != '"')
                e++;
            if (e == ie) {
                snprintf(err, errlen, "%s:%d: unclosed '\"'", name, line);
                return NC_ERULES;
            }
        } else
            while (e < ie && d[e] != ',')
                e++;
        size_t a = s, b = e;
        trim(d, &a, &b);
        if (a < b) {
            int rc;
            if (is_class)
                rc = add_class(c, d + a, b - a, bit);
            else {
                /* the form as one line: newlines inside become spaces */
                char buf[256];
                size_t n = 0;
                for (size_t i = a; i < b && n < sizeof buf - 1; i++)
                    buf[n++] = (d[i] == '\n' || d[i] == '\t') ? ' ' : d[i];
                rc = add_cue(c, buf, n, (nc_stance)stance, (nc_cue_kind)kind, line);
            }
            if (rc == NC_ERULES)
                snprintf(err, errlen, "%s:%d: bad form \"%.*s\"", name, line, (int)(b - a), d + a);
            if (rc)
                return rc;
        }
        s = e + 1;
        if (quoted) { /* past the closing quote and its comma */
            while (s < ie && d[s] != ',')
                s++;
            s++;
        }
    }
    return 0;
}

/* One entry: "HEAD: body" from its first line [s, eol) to end. */
static int cue_entry(nc_cues *c, const char *d, size_t s, size_t eol, size_t end, int start_line,
                     const char *name, char *err, size_t errlen)
{
    const char *colon = memchr(d + s, ':', eol - s);
    if (!colon) {
        snprintf(err, errlen, "%s:%d: expected \"STANCE KIND: forms\" or \"class NAME: words\"", name,
                 start_line);
        return NC_ERULES;
    }
    size_t hs = s, he = (size_t)(colon - d);
    trim(d, &hs, &he);
    return parse_entry(c, d, hs, he, (size_t)(colon - d) + 1, end, start_line, name, err, errlen);
}

int nc_cues_load(const char *data, size_t len, const char *name, nc_cues **out, char *err,
                 size_t errlen)
{
    char dummy[8];
    if (!err || !errlen) {
        err = dummy;
        errlen = sizeof dummy;
    }
    *out = NULL;
    nc_cues *c = calloc(1, sizeof *c);
    if (!c)
        return NC_ENOMEM;
    int rc = 0;
    /* strip comments into a copy so entries can span lines */
    char *d = malloc(len + 1);
    if (!d) {
        rc = NC_ENOMEM;
        goto done;
    }
    for (size_t i = 0, in_comment = 0; i < len; i++) {
        if (data[i] == '#')
            in_comment = 1;
        if (data[i] == '\n')
            in_comment = 0;
        d[i] = in_comment ? ' ' : data[i];
    }
    d[len] = '\0';
    /* an entry starts at a line that does not begin with white space and
     * runs over the following indented lines */
    nc_lines ls;
    nc_lines_mem(&ls, d, len);
    nc_line l;
    size_t s = 0, eol = 0, end = 0; /* the entry being read: first line [s, eol), continued to end */
    int start_line = 0;             /* 0: none being read */
    for (int more = 1; more && !rc;) {
        more = nc_lines_next(&ls, &l) > 0;
        size_t ls_ = more ? (size_t)(l.s - d) : len, le = more ? ls_ + l.len : len;
        size_t a = ls_, b = le;
        trim(d, &a, &b);
        int indented = more && a != b && (d[ls_] == ' ' || d[ls_] == '\t');
        if (indented && start_line) {
            end = le;
            continue;
        }
        if (start_line) {
            rc = cue_entry(c, d, s, eol, end, start_line, name, err, errlen);
            start_line = 0;
            if (rc)
                break;
        }
        if (indented) {
            snprintf(err, errlen, "%s:%d: indented line outside an entry", name, (int)l.lineno);
            rc = NC_ERULES;
        } else if (more && a != b) {
            s = a;
            eol = end = le;
            start_line = (int)l.lineno;
        }
    }
    if (!rc)
        rc = index_cues(c);
    if (!rc && !c->n_cues) {
        snprintf(err, errlen, "%s:0: no cues", name);
        rc = NC_ERULES;
    }
done:
    free(d);
    if (rc) {
        nc_cues_free(c);
        return rc;
    }
    *out = c;
    return 0;
}

void nc_cues_free(nc_cues *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_cues; i++)
        cue_clear(&c->cues[i]);
    free(c->cues);
    for (size_t i = 0; c->slots && i <= c->mask; i++) {
        free(c->slots[i].word);
        free((void *)c->slots[i].info.cues);
    }
    free(c->slots);
    free(c);
}

const nc_word_info *nc_cues_word(const nc_cues *c, const char *s, size_t n)
{
    char buf[WORD_MAX];
    size_t k = normalise(s, n, buf);
    if (!k || !c->slots)
        return NULL;
    const slot *sl = lookup(c, buf, k);
    return sl ? &sl->info : NULL;
}

const nc_cue *nc_cues_get(const nc_cues *c, uint32_t i) { return i < c->n_cues ? &c->cues[i] : NULL; }

size_t nc_cues_size(const nc_cues *c) { return c->n_cues; }

int nc_cues_index(const nc_cues *c, nc_lexicon *lex)
{
    for (size_t i = 0; c->slots && i <= c->mask; i++) {
        const slot *sl = &c->slots[i];
        if (!sl->word)
            continue;
        /* the key the claim reader's view gives the word in a text (the
         * same tokenizer cuts both); a word that is no single word of the
         * view ("mr." is "mr" and ".") keeps its written form, and
         * matches nothing */
        char key[WORD_MAX + 8];
        size_t k = nc_toks_word_key(sl->word, sl->len, key, sizeof key);
        uint32_t id;
        int rc = k ? nc_lexicon_add(lex, key, k, &id) : nc_lexicon_add(lex, sl->word, sl->len, &id);
        if (rc)
            return rc;
        nc_lexicon_set(lex, id, NC_LEX_CUE, (uint32_t)i + 1);
    }
    return 0;
}

const nc_word_info *nc_cues_info(const nc_cues *c, uint32_t value) { return &c->slots[value - 1].info; }
