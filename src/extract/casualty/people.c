/* The people of a figure, as its words describe them (see people.h). */
#include "extract/casualty/people.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

static int word_is(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (n < k || (n > k && isalpha((unsigned char)s[k])))
        return 0;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)s[i]) != w[i])
            return 0;
    return 1;
}

static const char *const ordinals[] = {"second", "third", "fourth", "fifth", "sixth",
                                       "seventh", "eighth", "ninth", "tenth"};

/* The ordinal word starting s ("third" -> 3), or 0. */
static int ordinal_at(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof ordinals / sizeof *ordinals; i++)
        if (word_is(s, n, ordinals[i]))
            return (int)i + 2;
    return 0;
}

/* Skips one word and the spaces after it. */
static size_t next_word(const char *s, size_t n, size_t i)
{
    while (i < n && !isspace((unsigned char)s[i]))
        i++;
    while (i < n && isspace((unsigned char)s[i]))
        i++;
    return i;
}

/* "16-year-old", "9 year old", ", 34,", "(34)": the first age in s, or 0. */
static int age_in(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]) || (i && isdigit((unsigned char)s[i - 1])))
            continue;
        int v = 0;
        size_t j = i;
        while (j < n && isdigit((unsigned char)s[j]) && v < 1000)
            v = v * 10 + (s[j++] - '0');
        if (v <= 0 || v > 120)
            continue;
        size_t k = j;
        while (k < n && (s[k] == ' ' || s[k] == '-'))
            k++;
        if (k + 4 <= n && strncasecmp(s + k, "year", 4) == 0)
            return v;
        /* a name's age: "Harris, 24," or "Harris (24)" */
        if (i >= 2 && (s[i - 2] == ',' || s[i - 1] == '(' || s[i - 1] == ','))
            return v;
    }
    return 0;
}

/* The surname of a name: its last capitalised word, not a suffix or age. */
static void surname_of(const char *text, size_t s, size_t e, nc_people *p)
{
    size_t best_s = 0, best_e = 0;
    for (size_t i = s; i < e;) {
        while (i < e && !isalpha((unsigned char)text[i]))
            i++;
        size_t ws = i;
        while (i < e && (isalpha((unsigned char)text[i]) || text[i] == '\'' || text[i] == '-'))
            i++;
        size_t len = i - ws;
        if (len > 1 && isupper((unsigned char)text[ws]) && !(i < e && text[i] == '.') &&
            !word_is(text + ws, len, "jr") && !word_is(text + ws, len, "sr") && !word_is(text + ws, len, "ii") &&
            !word_is(text + ws, len, "iii")) {
            best_s = ws;
            best_e = i;
        }
    }
    p->surname_s = best_s;
    p->surname_e = best_e;
}

static void classify(const pcre2_code *re, pcre2_match_data *md, const char *text, size_t s, size_t e,
                     nc_people *p)
{
    if (!re || e <= s)
        return;
    int gp = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "perpetrator");
    int gv = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "victim");
    int gf = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "female");
    int gm = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "male");
    PCRE2_SIZE off = s;
    while (off < e) {
        int rc = pcre2_match(re, (PCRE2_SPTR)text, e, off, PCRE2_NO_UTF_CHECK, md, NULL);
        if (rc < 0)
            break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        uint32_t pairs = pcre2_get_ovector_count(md);
#define SET(g) ((g) > 0 && (uint32_t)(g) < pairs && ov[2 * (g)] != PCRE2_UNSET)
        if (SET(gp))
            p->perpetrator = 1;
        if (SET(gv))
            p->victim = 1;
        /* the last word that says, the head noun, decides: "her son" is a man */
        if (SET(gf))
            p->sex = 'f';
        if (SET(gm))
            p->sex = 'm';
#undef SET
        off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
}

void nc_people_read(const pcre2_code *class_re, pcre2_match_data *md, const char *text, const nc_figure *f,
                    nc_people *out)
{
    memset(out, 0, sizeof *out);
    const char *c = text + f->count_start;
    size_t cn = f->count_end - f->count_start;
    int one = f->count.qualifier == NC_Q_EXACT && f->count.has_value && f->count.value == 1;
    if (one && cn) {
        size_t w2 = next_word(c, cn, 0);
        if (word_is(c, cn, "another"))
            out->ref = NC_REF_ANOTHER;
        else if (word_is(c, cn, "a") || word_is(c, cn, "an")) {
            out->ordinal = ordinal_at(c + w2, cn - w2);
            out->ref = out->ordinal ? NC_REF_ANOTHER : NC_REF_NEW;
        } else if (word_is(c, cn, "one") || isdigit((unsigned char)c[0])) {
            out->ref = w2 < cn && (word_is(c + w2, cn - w2, "other") || word_is(c + w2, cn - w2, "more"))
                           ? NC_REF_ANOTHER : NC_REF_NEW;
        } else if (word_is(c, cn, "the") || word_is(c, cn, "this") || word_is(c, cn, "that")) {
            out->ordinal = ordinal_at(c + w2, cn - w2);
            out->ref = NC_REF_DEF;
        } else if (word_is(c, cn, "his") || word_is(c, cn, "her") || word_is(c, cn, "their") ||
                   word_is(c, cn, "its")) {
            out->ref = NC_REF_RELATIVE;
        } else if (word_is(c, cn, "he") || word_is(c, cn, "she") || word_is(c, cn, "himself") ||
                   word_is(c, cn, "herself")) {
            out->ref = NC_REF_PRONOUN;
        } else if (isupper((unsigned char)c[0])) {
            out->ref = NC_REF_NAME;
            surname_of(text, f->count_start, f->count_end, out);
            if (out->surname_e == out->surname_s)
                out->ref = NC_REF_NONE;
        }
    }
    /* "the victim's brother": the words after the last possessive speak */
    size_t ws = f->who_start, we = f->who_end;
    if (we > ws) {
        classify(class_re, md, text, ws, we, out);
        out->age = age_in(text + ws, we - ws);
    }
    /* "his friend": the possessive is the other person's, not this one's */
    if (out->ref != NC_REF_RELATIVE)
        classify(class_re, md, text, f->count_start, f->count_end, out);
    if (!out->age && out->ref == NC_REF_NAME) {
        /* "Harris, 24," ends the count as written; look just past it */
        size_t e = f->count_end + 8 < f->span_end ? f->count_end + 8 : f->span_end;
        out->age = age_in(text + f->count_start, e - f->count_start);
    }
    if (out->ref == NC_REF_RELATIVE && out->victim)
        out->ref = NC_REF_DEF; /* "their victim" */
    if (out->ref == NC_REF_NEW || out->ref == NC_REF_NAME) {
        /* "one of the men": a member of a group counted as a number */
        size_t e = f->count_end;
        if (e + 4 <= f->span_end && memcmp(text + e, " of ", 4) == 0)
            out->ref = NC_REF_NONE;
        /* "at least one person" is a number, not a person */
        static const char *const quals[] = {"least ", "than ", "about ", "around ", "nearly ", "almost "};
        for (size_t q = 0; q < sizeof quals / sizeof *quals; q++) {
            size_t n = strlen(quals[q]);
            if (f->count_start >= n && strncasecmp(text + f->count_start - n, quals[q], n) == 0)
                out->ref = NC_REF_NONE;
        }
        /* "a man was also shot": someone besides those met before */
        for (size_t i = f->count_end; i + 6 <= f->span_end; i++)
            if (memcmp(text + i, " also ", 6) == 0)
                out->ref = NC_REF_ANOTHER;
    }
}
