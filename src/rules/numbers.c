/* Numbers as news writes them. The vocabulary comes from data/numbers.txt
 * (format described at the top of that file); the grammar that combines it
 * (digit grouping, "twenty-five", "three hundred and twelve", ranges) lives
 * here.
 *
 * Parsing works on a normalised copy of the phrase on the stack: ASCII lower
 * case, one ' ' for any run of spaces (including no-break and thin spaces),
 * '-' for every dash, '\'' for curly apostrophes. Data phrases are
 * normalised the same way, so matching is plain byte comparison. */
#include "rules/numbers.h"
#include "input/lines.h"
#include "newsclaims.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest phrase parsed. Real count phrases are well under 100 bytes; a
 * bound keeps parse allocation-free. */
#define NORM_MAX 256

enum { SEC_WORDS, SEC_MULT, SEC_SUFFIX, SEC_QUAL, SEC_AFTER, SEC_VAGUE, SEC_COUNT };
static const char *const sec_names[SEC_COUNT] = {
    "words", "multipliers", "suffixes", "qualifiers", "after", "vague"};

typedef struct entry {
    char *text; /* normalised phrase */
    size_t len;
    int64_t value; /* the number, or an nc_qualifier for [qualifiers]/[after] */
    int approx;
} entry;

typedef struct table {
    entry *e;
    size_t n, cap;
} table;

struct nc_numbers {
    table t[SEC_COUNT]; /* each sorted longest first, so the first match is the longest */
    char *word_alt, *qual_alt, *vague_alt;
};

/* ---- character helpers (ASCII only, independent of the locale) ---- */

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_alnum(int c) { return is_digit(c) || is_alpha(c); }
static int is_blank(int c) { return c == ' ' || c == '\t' || c == '\r'; }

static int span_eq(const char *s, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    return n == l && memcmp(s, lit, l) == 0;
}

static int span_ieq(const char *s, size_t n, const char *lit)
{
    if (strlen(lit) != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        if (c != lit[i])
            return 0;
    }
    return 1;
}

/* ---- normalisation ---- */

enum { CH_COPY, CH_SPACE, CH_DASH, CH_APOS, CH_DROP };

/* Classifies the character at s[i] (UTF-8); *step gets its byte length.
 * Incomplete sequences are copied byte by byte and never read past len. */
static int classify(const unsigned char *u, size_t len, size_t i, size_t *step)
{
    unsigned c = u[i];
    *step = 1;
    if (c == ' ' || (c >= '\t' && c <= '\r'))
        return CH_SPACE;
    if (c == 0xC2 && i + 1 < len && (u[i + 1] == 0xA0 || u[i + 1] == 0xAD)) {
        *step = 2; /* U+00A0 no-break space, U+00AD soft hyphen */
        return u[i + 1] == 0xA0 ? CH_SPACE : CH_DROP;
    }
    if (c == 0xEF && i + 2 < len && u[i + 1] == 0xBB && u[i + 2] == 0xBF) {
        *step = 3; /* U+FEFF byte order mark / zero-width no-break space */
        return CH_DROP;
    }
    if (c != 0xE2 || i + 2 >= len)
        return CH_COPY;
    unsigned c1 = u[i + 1], c2 = u[i + 2];
    int kind = CH_COPY;
    if (c1 == 0x80) {
        if (c2 >= 0x80 && c2 <= 0x8A) /* U+2000..U+200A: en quad .. hair space */
            kind = CH_SPACE;
        else if (c2 >= 0x8B && c2 <= 0x8D) /* zero-width space, (non-)joiner */
            kind = CH_DROP;
        else if (c2 >= 0x90 && c2 <= 0x95) /* hyphen, figure/en/em dash, bar */
            kind = CH_DASH;
        else if (c2 == 0x98 || c2 == 0x99) /* curly single quotes */
            kind = CH_APOS;
        else if (c2 == 0xAF) /* U+202F narrow no-break space */
            kind = CH_SPACE;
    } else if (c1 == 0x81 && c2 == 0x9F) { /* U+205F medium mathematical space */
        kind = CH_SPACE;
    } else if (c1 == 0x81 && c2 == 0xA0) { /* U+2060 word joiner */
        kind = CH_DROP;
    } else if (c1 == 0x88 && c2 == 0x92) { /* U+2212 minus sign */
        kind = CH_DASH;
    }
    if (kind != CH_COPY)
        *step = 3;
    return kind;
}

/* Writes the normalised form of s to out (NUL-terminated); NC_EINVAL when
 * it does not fit in cap bytes. */
static int normalize(const char *s, size_t len, char *out, size_t cap, size_t *outlen)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0, step;
    int pending_space = 0;
    for (size_t i = 0; i < len; i += step) {
        int kind = classify(u, len, i, &step);
        char c = (char)u[i];
        if (kind == CH_SPACE) {
            pending_space = o > 0;
            continue;
        }
        if (kind == CH_DROP)
            continue;
        if (kind == CH_DASH)
            c = '-';
        else if (kind == CH_APOS)
            c = '\'';
        else if (c >= 'A' && c <= 'Z')
            c = (char)(c + ('a' - 'A'));
        if (o + 2 + (size_t)pending_space > cap) /* space, char, NUL */
            return NC_EINVAL;
        if (pending_space)
            out[o++] = ' ';
        pending_space = 0;
        out[o++] = c;
    }
    if (cap)
        out[o] = '\0';
    *outlen = o;
    return 0;
}

/* ---- lookups ---- */

static const entry *find_exact(const table *t, const char *s, size_t n)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->e[i].len == n && memcmp(t->e[i].text, s, n) == 0)
            return &t->e[i];
    return NULL;
}

/* Longest entry that s starts with, ending on a word boundary. */
static const entry *match_prefix(const table *t, const char *s, size_t n)
{
    for (size_t i = 0; i < t->n; i++) {
        const entry *e = &t->e[i];
        if (e->len > n || memcmp(e->text, s, e->len) != 0)
            continue;
        if (e->len == n || !is_alnum((unsigned char)e->text[e->len - 1]) ||
            !is_alnum((unsigned char)s[e->len]))
            return e;
    }
    return NULL;
}

/* Longest entry that s ends with, starting on a word boundary. */
static const entry *match_suffix(const table *t, const char *s, size_t n)
{
    for (size_t i = 0; i < t->n; i++) {
        const entry *e = &t->e[i];
        if (e->len > n || memcmp(e->text, s + n - e->len, e->len) != 0)
            continue;
        if (e->len == n || !is_alnum((unsigned char)e->text[0]) ||
            !is_alnum((unsigned char)s[n - e->len - 1]))
            return e;
    }
    return NULL;
}

/* ---- checked arithmetic (counts must fit int64) ---- */

static int mul_ok(int64_t a, int64_t b, int64_t *r)
{
    if (a < 0 || b < 0 || (b != 0 && a > INT64_MAX / b))
        return 0;
    *r = a * b;
    return 1;
}

static int add_ok(int64_t a, int64_t b, int64_t *r)
{
    if (a < 0 || b < 0 || a > INT64_MAX - b)
        return 0;
    *r = a + b;
    return 1;
}

/* ---- numbers ---- */

/* A number before its decimal point is resolved: value = m / 10^frac * scale.
 * Kept apart so "1.2 to 1.5 million" can lend the scale to its first half. */
typedef struct rawnum {
    int64_t m;     /* all digits read, decimal point ignored */
    int frac;      /* digits after the decimal point */
    int64_t scale; /* product of multipliers and suffixes; 1 if none */
    int64_t tail;  /* scale of the last multiplier, for a range to borrow */
    int scaled;    /* written with a multiplier, suffix or "a" */
} rawnum;

static int eval(int64_t m, int frac, int64_t scale, int64_t *out)
{
    /* Cancel powers of ten first so "1.2345678 billion" does not overflow. */
    while (frac > 0 && m % 10 == 0) {
        m /= 10;
        frac--;
    }
    while (frac > 0 && scale % 10 == 0) {
        scale /= 10;
        frac--;
    }
    if (frac > 0) /* not a whole number: counts are integers */
        return NC_EINVAL;
    return mul_ok(m, scale, out) ? 0 : NC_EINVAL;
}

/* "hundred thousand", "million": multiplier words separated by spaces or
 * hyphens, each larger than the one before; the whole span. */
static int parse_mults(const nc_numbers *n, const char *s, size_t len, int64_t *scale,
                       int64_t *tail)
{
    int64_t prod = 1, prev = 0;
    size_t i = 0;
    while (i < len) {
        if (i > 0) {
            if (s[i] != ' ' && s[i] != '-')
                return NC_EINVAL;
            i++;
        }
        size_t k = i;
        while (k < len && is_alpha((unsigned char)s[k]))
            k++;
        const entry *m = find_exact(&n->t[SEC_MULT], s + i, k - i);
        if (k == i || !m || m->value <= prev || !mul_ok(prod, m->value, &prod))
            return NC_EINVAL;
        prev = m->value;
        i = k;
    }
    if (prev == 0)
        return NC_EINVAL;
    *scale = prod;
    *tail = prev;
    return 0;
}

static int digit_run(const char *s, size_t len, size_t i)
{
    size_t k = i;
    while (k < len && is_digit((unsigned char)s[k]))
        k++;
    return (int)(k - i);
}

static int add_digits(int64_t *m, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!mul_ok(*m, 10, m) || !add_ok(*m, s[i] - '0', m))
            return NC_EINVAL;
    return 0;
}

/* "4,700", "4 700", "4.700", "4'700", "1.2 million", "4.7k": the whole span. */
static int parse_digits(const nc_numbers *n, const char *s, size_t len, rawnum *r)
{
    size_t i;
    int run = digit_run(s, len, 0), groups = 0;
    char sep = 0;
    *r = (rawnum){.scale = 1, .tail = 1};
    if (run == 0 || add_digits(&r->m, s, (size_t)run))
        return NC_EINVAL;
    i = (size_t)run;
    /* Thousands groups: after 1-3 digits, one kind of separator, each
     * followed by exactly three digits. */
    while (run <= 3 && i + 4 <= len && s[i] != '\0' && strchr(",. '", s[i]) &&
           (sep == 0 || s[i] == sep) && digit_run(s, len, i + 1) == 3) {
        sep = s[i];
        if (add_digits(&r->m, s + i + 1, 3))
            return NC_EINVAL;
        i += 4;
        groups++;
    }
    if (sep == '.' && groups == 1 && i < len) {
        /* "1.200 million": with a scale after it the dot is a decimal point */
        r->frac = 3;
    } else if (sep != '.' && i + 1 < len && s[i] == '.' && is_digit((unsigned char)s[i + 1])) {
        run = digit_run(s, len, i + 1);
        if (add_digits(&r->m, s + i + 1, (size_t)run))
            return NC_EINVAL;
        r->frac = run;
        i += 1 + (size_t)run;
    }
    if (i == len)
        return 0;
    /* A suffix only straight after the digits ("4.7k"); a multiplier after
     * an optional space ("3 million", "3million"). */
    if (is_alpha((unsigned char)s[i])) {
        const entry *sfx = find_exact(&n->t[SEC_SUFFIX], s + i, len - i);
        if (sfx) {
            r->scale = r->tail = sfx->value;
            r->scaled = 1;
            return 0;
        }
    } else if (s[i] == ' ') {
        i++;
    } else {
        return NC_EINVAL;
    }
    if (parse_mults(n, s + i, len - i, &r->scale, &r->tail))
        return NC_EINVAL;
    r->scaled = 1;
    return 0;
}

static int is_article(const char *s, size_t n) { return span_eq(s, n, "a") || span_eq(s, n, "an"); }

/* Where the last word token left a spelled-out number. */
enum { W_NONE, W_ARTICLE, W_ZERO, W_UNIT, W_TEEN, W_TENS, W_HUNDRED, W_BIG, W_AND };

static int parse_words(const nc_numbers *n, const char *s, size_t len, rawnum *r);

/* "half a dozen", "half a million": s is what follows "half ". */
static int parse_half(const nc_numbers *n, const char *s, size_t len, rawnum *r)
{
    size_t k = 0;
    while (k < len && is_alpha((unsigned char)s[k]))
        k++;
    if (!is_article(s, k) || k == len || parse_words(n, s, len, r) || r->m % 2 != 0)
        return NC_EINVAL;
    r->m /= 2;
    r->tail = 1;
    return 0;
}

/* "three", "twenty-five", "three hundred and twelve", "two thousand five
 * hundred", "a dozen", "a": the whole span. Group values below 1000 build up
 * in `group`; "thousand", "million", "dozen" move them into `total` and must
 * come in decreasing order. */
static int parse_words(const nc_numbers *n, const char *s, size_t len, rawnum *r)
{
    int64_t total = 0, group = 0, prev_big = INT64_MAX, tail = 1;
    int last = W_NONE, ntok = 0, scaled = 0;
    size_t i = 0;
    while (i < len) {
        if (ntok > 0) { /* separator: a space, a hyphen, or a spaced hyphen */
            size_t j = i;
            if (j < len && s[j] == ' ')
                j++;
            if (j < len && s[j] == '-' && ++j < len && s[j] == ' ')
                j++;
            if (j == i)
                return NC_EINVAL;
            i = j;
        }
        size_t k = i;
        while (k < len && is_alpha((unsigned char)s[k]))
            k++;
        const char *tok = s + i;
        size_t tlen = k - i;
        if (tlen == 0)
            return NC_EINVAL;
        i = k;
        ntok++;
        if (ntok == 1 && span_eq(tok, tlen, "half") && i < len && s[i] == ' ')
            return parse_half(n, s + i + 1, len - i - 1, r);
        if (span_eq(tok, tlen, "and")) {
            /* only "hundred and", "thousand and", and a number must follow */
            if (last != W_HUNDRED && last != W_BIG)
                return NC_EINVAL;
            last = W_AND;
            continue;
        }
        const entry *w = find_exact(&n->t[SEC_WORDS], tok, tlen);
        const entry *m = w ? NULL : find_exact(&n->t[SEC_MULT], tok, tlen);
        if (w && is_article(tok, tlen)) {
            /* "a" alone, or before a multiplier; checked when one comes */
            if (ntok != 1)
                return NC_EINVAL;
            group = 1;
            last = W_ARTICLE;
            tail = 1;
        } else if (w) {
            int64_t v = w->value;
            tail = 1;
            if (last == W_TENS && v >= 1 && v <= 9) { /* "twenty-five" */
                group += v;
                last = W_UNIT;
                continue;
            }
            if (last != W_NONE && last != W_HUNDRED && last != W_AND && last != W_BIG)
                return NC_EINVAL;
            if (v == 0) { /* "zero" only on its own */
                if (last != W_NONE)
                    return NC_EINVAL;
                last = W_ZERO;
                continue;
            }
            group += v;
            last = v < 10 ? W_UNIT : v < 20 ? W_TEEN : W_TENS;
        } else if (m) {
            if (last != W_UNIT && last != W_TEEN && last != W_TENS && last != W_ARTICLE &&
                last != W_HUNDRED)
                return NC_EINVAL;
            scaled = 1;
            tail = m->value;
            if (m->value == 100) { /* "three hundred", "twenty-five hundred" */
                if (last == W_HUNDRED || group < 1 || group > 99)
                    return NC_EINVAL;
                group *= 100;
                last = W_HUNDRED;
                continue;
            }
            int64_t part;
            if (m->value >= prev_big || !mul_ok(group, m->value, &part) ||
                !add_ok(total, part, &total))
                return NC_EINVAL;
            group = 0;
            prev_big = m->value;
            last = W_BIG;
        } else {
            return NC_EINVAL;
        }
    }
    if (last == W_NONE || last == W_AND || !add_ok(total, group, &total))
        return NC_EINVAL;
    *r = (rawnum){.m = total, .scale = 1, .tail = tail, .scaled = scaled};
    return 0;
}

static int parse_number(const nc_numbers *n, const char *s, size_t len, rawnum *r)
{
    if (len == 0)
        return NC_EINVAL;
    if (is_digit((unsigned char)s[0]))
        return parse_digits(n, s, len, r);
    return parse_words(n, s, len, r);
}

/* "dozens", "tens of thousands", "several hundred": the whole span. */
static int parse_vague(const nc_numbers *n, const char *s, size_t len, int64_t *low)
{
    const entry *e = match_prefix(&n->t[SEC_VAGUE], s, len);
    int64_t scale = 1, tail;
    if (!e)
        return NC_EINVAL;
    if (e->len < len) {
        if (s[e->len] != ' ' || parse_mults(n, s + e->len + 1, len - e->len - 1, &scale, &tail))
            return NC_EINVAL;
    }
    return mul_ok(e->value, scale, low) ? 0 : NC_EINVAL;
}

enum { R_PLAIN, R_BETWEEN, R_FROM };

/* Does a range separator start at s[k]? Sets where the halves end/begin. */
static int range_sep(const char *s, size_t len, size_t k, int mode, size_t *lend, size_t *rbeg)
{
    static const char *const words[] = {"to", "or", "and"};
    if (s[k] == '-') {
        *lend = k;
        *rbeg = k + 1;
    } else if (s[k] == ' ') {
        size_t w = 0;
        for (; w < 3; w++) {
            size_t wl = strlen(words[w]);
            if (k + wl + 2 <= len && memcmp(s + k + 1, words[w], wl) == 0 && s[k + 1 + wl] == ' ')
                break;
        }
        /* "to"/"or" plainly, "and" after "between", "to" after "from" */
        if (w == 3 || (mode == R_PLAIN && w == 2) || (mode == R_BETWEEN && w != 2) ||
            (mode == R_FROM && w != 0))
            return 0;
        *lend = k;
        *rbeg = k + strlen(words[w]) + 2;
        return 1;
    } else {
        return 0;
    }
    if (*lend > 0 && s[*lend - 1] == ' ')
        (*lend)--;
    if (*rbeg < len && s[*rbeg] == ' ')
        (*rbeg)++;
    return 1;
}

/* "10,000-12,000", "10 to 12 million", "between 10 and 12": tries every
 * separator, since "twenty-five to thirty" has a hyphen inside a half. */
static int parse_range(const nc_numbers *n, const char *s, size_t len, int mode, int64_t *lo,
                       int64_t *hi)
{
    for (size_t k = 1; k + 1 < len; k++) {
        size_t lend, rbeg;
        rawnum a, b;
        int64_t low, high, borrowed;
        if (!range_sep(s, len, k, mode, &lend, &rbeg) || lend == 0 || rbeg >= len)
            continue;
        if (parse_number(n, s, lend, &a) || parse_number(n, s + rbeg, len - rbeg, &b) ||
            eval(b.m, b.frac, b.scale, &high))
            continue;
        /* "10 to 12 million" means 10 million, unless that passes the top */
        if (!a.scaled && b.tail > 1 && eval(a.m, a.frac, b.tail, &borrowed) == 0 &&
            borrowed <= high)
            low = borrowed;
        else if (eval(a.m, a.frac, a.scale, &low))
            continue;
        if (low > high)
            continue;
        *lo = low;
        *hi = high;
        return 0;
    }
    return NC_EINVAL;
}

static void set_single(nc_count *out, int64_t v, const entry *q)
{
    out->qualifier = q ? (nc_qualifier)q->value : NC_Q_EXACT;
    out->approximate = q ? q->approx : 0;
    out->has_value = 1;
    out->value = v;
    switch (out->qualifier) {
    case NC_Q_EXACT:
        out->has_low = out->has_high = 1;
        out->low = out->high = v;
        break;
    case NC_Q_AT_LEAST:
    case NC_Q_MORE_THAN:
        out->has_low = 1;
        out->low = v;
        break;
    case NC_Q_AT_MOST:
    case NC_Q_UP_TO:
    case NC_Q_NEARLY:
        out->has_high = 1;
        out->high = v;
        break;
    default: /* about: a value without bounds */
        break;
    }
}

/* A qualifier before a range ("about 10-12") makes its bounds approximate. */
static void set_range(nc_count *out, int64_t lo, int64_t hi, int approx)
{
    out->qualifier = NC_Q_RANGE;
    out->has_low = out->has_high = 1;
    out->low = lo;
    out->high = hi;
    out->approximate = approx;
}

int nc_numbers_parse(const nc_numbers *n, const char *s, size_t len, nc_count *out)
{
    char buf[NORM_MAX];
    size_t L;
    const char *p = buf;
    rawnum r;
    int64_t v, lo, hi;
    if (out)
        memset(out, 0, sizeof *out);
    if (!n || !out || (!s && len) || normalize(s, len, buf, sizeof buf, &L) || L == 0)
        return NC_EINVAL;
    if (L >= 3 && memcmp(buf + L - 3, " of", 3) == 0) /* "dozens of" */
        L -= 3;

    const entry *before = match_prefix(&n->t[SEC_QUAL], p, L);
    if (before) {
        p += before->len;
        L -= before->len;
        if (L > 0 && *p == ' ')
            p++, L--;
    }
    const entry *after = match_suffix(&n->t[SEC_AFTER], p, L);
    if (after) {
        L -= after->len;
        while (L > 0 && (p[L - 1] == ' ' || p[L - 1] == '-'))
            L--;
    }
    const entry *q = before ? before : after;
    if (L == 0)
        return NC_EINVAL;

    int mode = R_PLAIN;
    if (L > 8 && memcmp(p, "between ", 8) == 0)
        mode = R_BETWEEN;
    else if (L > 5 && memcmp(p, "from ", 5) == 0)
        mode = R_FROM;
    if (mode != R_PLAIN) {
        size_t skip = mode == R_BETWEEN ? 8 : 5;
        if (parse_range(n, p + skip, L - skip, mode, &lo, &hi))
            return NC_EINVAL;
        set_range(out, lo, hi, q != NULL);
        return 0;
    }
    if (parse_number(n, p, L, &r) == 0 && eval(r.m, r.frac, r.scale, &v) == 0) {
        set_single(out, v, q);
        return 0;
    }
    if (parse_vague(n, p, L, &lo) == 0) {
        out->qualifier = NC_Q_VAGUE;
        out->has_low = 1;
        out->low = lo;
        out->approximate = 1;
        return 0;
    }
    if (parse_range(n, p, L, R_PLAIN, &lo, &hi))
        return NC_EINVAL;
    set_range(out, lo, hi, q != NULL);
    return 0;
}

const char *nc_qualifier_name(nc_qualifier q)
{
    switch (q) {
    case NC_Q_EXACT: return "exact";
    case NC_Q_AT_LEAST: return "at_least";
    case NC_Q_MORE_THAN: return "more_than";
    case NC_Q_AT_MOST: return "at_most";
    case NC_Q_UP_TO: return "up_to";
    case NC_Q_NEARLY: return "nearly";
    case NC_Q_ABOUT: return "about";
    case NC_Q_RANGE: return "range";
    case NC_Q_VAGUE: return "vague";
    }
    return "unknown";
}

/* ---- loading ---- */

static int table_add(table *t, const char *text, size_t len, int64_t value, int approx)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        entry *e = realloc(t->e, cap * sizeof *e);
        if (!e)
            return NC_ENOMEM;
        t->e = e;
        t->cap = cap;
    }
    char *copy = nc_strndup(text, len);
    if (!copy)
        return NC_ENOMEM;
    t->e[t->n++] = (entry){.text = copy, .len = len, .value = value, .approx = approx};
    return 0;
}

static int entry_cmp(const void *a, const void *b)
{
    const entry *x = *(const entry *const *)a, *y = *(const entry *const *)b;
    if (x->len != y->len)
        return x->len > y->len ? -1 : 1;
    return strcmp(x->text, y->text);
}

static int entry_cmp_direct(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    return entry_cmp(&x, &y);
}

/* "1,000,000" -> 1000000; commas and underscores are for readability. */
static int parse_value(const char *s, size_t len, int64_t *out)
{
    int64_t v = 0;
    int digits = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ',' || s[i] == '_')
            continue;
        if (!is_digit((unsigned char)s[i]) || !mul_ok(v, 10, &v) || !add_ok(v, s[i] - '0', &v))
            return NC_EINVAL;
        digits++;
    }
    if (!digits)
        return NC_EINVAL;
    *out = v;
    return 0;
}

static int all_alpha(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_alpha((unsigned char)s[i]))
            return 0;
    return 1;
}

static const char *const qual_names[] = {"exact", "at_least", "more_than", "at_most",
                                         "up_to", "nearly",   "about"};

/* One "kind [approximate]" value for [qualifiers] and [after]. */
static int parse_kind(const char *s, size_t len, int64_t *kind, int *approx, char *msg,
                      size_t msglen)
{
    size_t k = 0;
    while (k < len && !is_blank(s[k]))
        k++;
    size_t f = k;
    while (f < len && is_blank(s[f]))
        f++;
    *kind = -1;
    for (size_t i = 0; i < sizeof qual_names / sizeof qual_names[0]; i++)
        if (span_ieq(s, k, qual_names[i]))
            *kind = (int64_t)i; /* qual_names follows the nc_qualifier order */
    if (*kind < 0) {
        snprintf(msg, msglen,
                 "unknown kind '%.*s' (use exact, at_least, more_than, at_most, up_to, "
                 "nearly or about)",
                 (int)k, s);
        return NC_ERULES;
    }
    *approx = f < len;
    if (f < len && !span_ieq(s + f, len - f, "approximate")) {
        snprintf(msg, msglen, "expected 'approximate' after the kind, not '%.*s'",
                 (int)(len - f), s + f);
        return NC_ERULES;
    }
    return 0;
}

/* One line of the data file; on NC_ERULES msg explains. */
static int load_line(nc_numbers *n, const char *line, size_t len, int *sec, char *msg,
                     size_t msglen)
{
    char phrase[NORM_MAX];
    size_t plen, vlen;
    const char *hash = memchr(line, '#', len);
    if (hash)
        len = (size_t)(hash - line);
    while (len > 0 && is_blank(line[0]))
        line++, len--;
    while (len > 0 && is_blank(line[len - 1]))
        len--;
    if (len == 0)
        return 0;
    if (line[0] == '[') {
        if (line[len - 1] != ']') {
            snprintf(msg, msglen, "section header is missing its ']'");
            return NC_ERULES;
        }
        const char *nm = line + 1;
        size_t nl = len - 2;
        while (nl > 0 && is_blank(nm[0]))
            nm++, nl--;
        while (nl > 0 && is_blank(nm[nl - 1]))
            nl--;
        for (int i = 0; i < SEC_COUNT; i++)
            if (span_ieq(nm, nl, sec_names[i])) {
                *sec = i;
                return 0;
            }
        snprintf(msg, msglen,
                 "unknown section [%.*s] (known: words, multipliers, suffixes, qualifiers, "
                 "after, vague)",
                 (int)nl, nm);
        return NC_ERULES;
    }
    if (*sec < 0) {
        snprintf(msg, msglen, "entry before any [section]");
        return NC_ERULES;
    }
    const char *eq = memchr(line, '=', len);
    if (!eq) {
        snprintf(msg, msglen, "expected 'phrase = value', found '%.*s'", (int)len, line);
        return NC_ERULES;
    }
    const char *val = eq + 1;
    vlen = len - (size_t)(val - line);
    while (vlen > 0 && is_blank(val[0]))
        val++, vlen--;
    if (normalize(line, (size_t)(eq - line), phrase, sizeof phrase, &plen)) {
        snprintf(msg, msglen, "phrase too long");
        return NC_ERULES;
    }
    if (plen == 0 || vlen == 0) {
        snprintf(msg, msglen, "%s", plen == 0 ? "missing phrase before '='" : "missing value after '='");
        return NC_ERULES;
    }
    for (size_t i = 0; i < plen; i++)
        if ((unsigned char)phrase[i] < 0x20 || phrase[i] == 0x7f) {
            snprintf(msg, msglen, "control character in phrase");
            return NC_ERULES;
        }

    table *t = &n->t[*sec];
    int64_t value;
    int approx = 0;
    if (*sec == SEC_QUAL || *sec == SEC_AFTER) {
        int rc = parse_kind(val, vlen, &value, &approx, msg, msglen);
        if (rc)
            return rc;
    } else if (parse_value(val, vlen, &value)) {
        snprintf(msg, msglen, "value must be a whole number, not '%.*s'", (int)vlen, val);
        return NC_ERULES;
    }
    if ((*sec == SEC_WORDS || *sec == SEC_MULT || *sec == SEC_SUFFIX) && !all_alpha(phrase, plen)) {
        snprintf(msg, msglen, "'%s' must be a single word of letters a-z", phrase);
        return NC_ERULES;
    }
    if (*sec == SEC_WORDS && !(value < 20 || (value <= 90 && value % 10 == 0))) {
        snprintf(msg, msglen,
                 "'%s': number words must be 0-19 or 20, 30 ... 90 (put hundred, "
                 "thousand ... in [multipliers])",
                 phrase);
        return NC_ERULES;
    }
    if (*sec == SEC_WORDS && is_article(phrase, plen) && value != 1) {
        snprintf(msg, msglen, "'%s' must be 1", phrase);
        return NC_ERULES;
    }
    if ((*sec == SEC_MULT || *sec == SEC_SUFFIX) && value < 2) {
        snprintf(msg, msglen, "'%s': a multiplier must be at least 2", phrase);
        return NC_ERULES;
    }
    if (*sec == SEC_VAGUE && value < 1) {
        snprintf(msg, msglen, "'%s': a vague quantity must be at least 1", phrase);
        return NC_ERULES;
    }
    /* Words and multipliers are read together, so they share one namespace. */
    int other = *sec == SEC_WORDS ? SEC_MULT : *sec == SEC_MULT ? SEC_WORDS : -1;
    if (find_exact(t, phrase, plen) || (other >= 0 && find_exact(&n->t[other], phrase, plen))) {
        snprintf(msg, msglen, "'%s' is listed twice", phrase);
        return NC_ERULES;
    }
    return table_add(t, phrase, plen, value, approx);
}

/* Appends one phrase as a regex: metacharacters escaped, a space as \s+,
 * a dash or apostrophe also as its typographic forms. */
static int append_pattern(nc_buf *b, const entry *e)
{
    int rc = 0;
    for (size_t i = 0; i < e->len && rc == 0; i++) {
        unsigned char c = (unsigned char)e->text[i];
        if (c == ' ')
            rc = nc_buf_append_str(b, "\\s+");
        else if (c == '-')
            rc = nc_buf_append_str(b, "(?:-|\xE2\x80\x90|\xE2\x80\x91|\xE2\x80\x93|\xE2\x80\x94|\xE2\x88\x92)");
        else if (c == '\'')
            rc = nc_buf_append_str(b, "(?:'|\xE2\x80\x99)");
        else if (strchr("\\^$.|?*+()[]{}#", (char)c))
            rc = nc_buf_append_byte(b, '\\') ? NC_ENOMEM : nc_buf_append_byte(b, (char)c);
        else
            rc = nc_buf_append_byte(b, (char)c);
    }
    return rc;
}

/* Joins the entries of up to two tables, longest first. "(?!)" (never
 * matches) when there are none, so a rule using it cannot match empty. */
static int build_alt(const table *a, const table *b, int skip_articles, char **out)
{
    int rc = 0;
    nc_buf buf = {0};
    size_t total = a->n + (b ? b->n : 0), k = 0;
    const entry **list = malloc((total ? total : 1) * sizeof *list);
    if (!list)
        return NC_ENOMEM;
    for (size_t i = 0; i < a->n; i++)
        list[k++] = &a->e[i];
    for (size_t i = 0; b && i < b->n; i++)
        list[k++] = &b->e[i];
    qsort(list, k, sizeof *list, entry_cmp);
    int first = 1;
    for (size_t i = 0; i < k && rc == 0; i++) {
        if (skip_articles && is_article(list[i]->text, list[i]->len))
            continue; /* rules spell "a"/"an" out where they allow them */
        if (!first)
            rc = nc_buf_append_byte(&buf, '|');
        if (rc == 0)
            rc = append_pattern(&buf, list[i]);
        first = 0;
    }
    if (rc == 0 && first)
        rc = nc_buf_append_str(&buf, "(?!)");
    if (rc == 0) {
        *out = nc_buf_take(&buf, NULL);
        if (!*out)
            rc = NC_ENOMEM;
    }
    nc_buf_free(&buf);
    free(list);
    return rc;
}

int nc_numbers_load(const char *data, size_t len, const char *name, nc_numbers **out,
                    char *err, size_t errlen)
{
    int rc = 0, sec = -1;
    size_t lineno = 0;
    char msg[512];
    nc_numbers *n = NULL;
    if (err && errlen)
        err[0] = '\0';
    if (!out || (!data && len))
        return NC_EINVAL;
    *out = NULL;
    if (!name)
        name = "numbers.txt";
    n = calloc(1, sizeof *n);
    if (!n)
        return NC_ENOMEM;
    nc_lines ls; /* drops a BOM some editors add, and CRs */
    nc_lines_mem(&ls, data, len);
    nc_line l;
    while (nc_lines_next(&ls, &l) > 0) {
        lineno = l.lineno;
        msg[0] = '\0';
        rc = load_line(n, l.s, l.len, &sec, msg, sizeof msg);
        if (rc) {
            if (rc == NC_ERULES && err && errlen)
                snprintf(err, errlen, "%s:%zu: %s", name, lineno, msg);
            goto done;
        }
    }
    for (int i = 0; i < SEC_COUNT; i++)
        if (n->t[i].n)
            qsort(n->t[i].e, n->t[i].n, sizeof(entry), entry_cmp_direct);
    rc = build_alt(&n->t[SEC_WORDS], &n->t[SEC_MULT], 1, &n->word_alt);
    if (rc == 0)
        rc = build_alt(&n->t[SEC_QUAL], NULL, 0, &n->qual_alt);
    if (rc == 0)
        rc = build_alt(&n->t[SEC_VAGUE], NULL, 0, &n->vague_alt);
done:
    if (rc)
        nc_numbers_free(n);
    else
        *out = n;
    return rc;
}

void nc_numbers_free(nc_numbers *n)
{
    if (!n)
        return;
    for (int i = 0; i < SEC_COUNT; i++) {
        for (size_t j = 0; j < n->t[i].n; j++)
            free(n->t[i].e[j].text);
        free(n->t[i].e);
    }
    free(n->word_alt);
    free(n->qual_alt);
    free(n->vague_alt);
    free(n);
}

const char *nc_numbers_word_alternation(const nc_numbers *n) { return n ? n->word_alt : NULL; }
const char *nc_numbers_qualifier_alternation(const nc_numbers *n) { return n ? n->qual_alt : NULL; }
const char *nc_numbers_vague_alternation(const nc_numbers *n) { return n ? n->vague_alt : NULL; }
