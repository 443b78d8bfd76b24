/* Plain text: decoding raw bytes to clean UTF-8, the abbreviation list, and
 * cutting text into paragraphs and sentences. Everything here is linear in
 * the size of the text: look-behinds are bounded, nothing is re-scanned. */
#include "text/segment.h"
#include "input/lines.h"
#include "newsclaims.h"
#include "text/chars.h"
#include "util/utf8.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest abbreviation the list accepts (bytes, final '.' included); also
 * bounds the look-behind when testing the word before a period. */
#define ABBREV_MAX 32

/* Headline limits for detect_title. */
#define TITLE_MAX_BYTES 200
#define TITLE_MAX_WORDS 30

/* Hard-wrap detection: line lengths (in characters) typical of text wrapped
 * at a fixed column. */
#define WRAP_MIN_CHARS 50
#define WRAP_MAX_CHARS 100

/* ------------------------------------------------------------------ */
/* Characters (util/utf8.h, text/chars.h)                              */
/* ------------------------------------------------------------------ */

static uint32_t cp_at(const unsigned char *t, size_t i, size_t end, size_t *n)
{
    return nc_utf8_decode(t, i, end, n);
}

static size_t prev_start(const unsigned char *t, size_t lo, size_t i) { return nc_utf8_prev(t, lo, i); }

/* Byte length of the space character at t[i], or 0 when it is not one. */
static size_t space_at(const unsigned char *t, size_t i, size_t end)
{
    unsigned char b = t[i];
    if (b < 0x80)
        return (nc_ascii_class[b] & NC_CH_SPACE) ? 1 : 0;
    size_t n;
    return nc_char_is_space(cp_at(t, i, end, &n)) ? n : 0;
}

/* Narrows [*s, *e) so it neither starts nor ends with a space. */
static void trim(const unsigned char *t, size_t *s, size_t *e)
{
    size_t n;
    while (*s < *e && (n = space_at(t, *s, *e)) > 0)
        *s += n;
    while (*e > *s) {
        size_t p = prev_start(t, *s, *e);
        if (!space_at(t, p, *e))
            break;
        *e = p;
    }
}

static int is_blank(const unsigned char *t, size_t s, size_t e)
{
    trim(t, &s, &e);
    return s == e;
}

static size_t char_count(const unsigned char *t, size_t s, size_t e) { return nc_utf8_count(t, s, e); }

static int is_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_ascii_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_ascii_alpha(unsigned char c) { return is_ascii_upper(c) || is_ascii_lower(c); }

/* ------------------------------------------------------------------ */
/* Decoding                                                            */
/* ------------------------------------------------------------------ */

#define HIGH_BITS 0x8080808080808080ULL
#define ALL_0x20 0x2020202020202020ULL

/* Index of the lowest-addressed byte of a word (read with memcpy) whose
 * high bit is set in m (m != 0, only high bits set). */
static size_t first_flagged(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return (size_t)__builtin_clzll(m) / 8;
#else
    return (size_t)__builtin_ctzll(m) / 8;
#endif
}

/* Grows *d so that the rest of the input (rest bytes, at most one output
 * byte each) plus a 3-byte U+FFFD and the NUL still fit after o. */
static int ensure_room(unsigned char **d, size_t *cap, size_t o, size_t rest)
{
    size_t need = o + 3 + rest + 1;
    if (need <= *cap)
        return 0;
    size_t cap2 = *cap + *cap / 2;
    if (cap2 < need)
        cap2 = need;
    unsigned char *p = realloc(*d, cap2);
    if (!p)
        return NC_ENOMEM;
    *d = p;
    *cap = cap2;
    return 0;
}

int nc_text_decode(const char *in, size_t len, char **out, size_t *out_len,
                   size_t *n_invalid)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t i = 0, o = 0, bad = 0;
    *out = NULL;
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        i = 3;
    /* Invariant: cap - o > len - i, so copying the rest never overflows;
     * only U+FFFD (3 bytes for maybe 1) needs to check for room. */
    size_t cap = len - i + 1;
    unsigned char *d = malloc(cap);
    if (!d)
        return NC_ENOMEM;
    while (i < len) {
        /* Fast path: 8 bytes at a time while all are printable ASCII. The
         * "has a byte < 0x20" test is exact when no high bit is set. */
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            /* the first byte flagged is exactly the first that is not
             * printable ASCII: no borrow reaches it from the bytes before */
            uint64_t stop = (w | ((w - ALL_0x20) & ~w)) & HIGH_BITS;
            memcpy(d + o, &w, 8); /* room: cap - o > len - i >= 8 */
            if (stop) {
                /* keep the bytes before it, not re-test them one by one */
                size_t k = first_flagged(stop);
                i += k;
                o += k;
                break;
            }
            i += 8;
            o += 8;
        }
        if (i >= len)
            break;
        unsigned char b = p[i];
        if (b >= 0x20 && b < 0x80) {
            d[o++] = b;
            i++;
        } else if (b < 0x20) {
            i++;
            if (b == '\r') {
                d[o++] = '\n';
                if (i < len && p[i] == '\n')
                    i++;
            } else if (b == '\n' || b == '\t') {
                d[o++] = b;
            } /* other C0 controls are dropped: they are invalid in JSON text */
        } else {
            int ok;
            size_t n = nc_utf8_seq(p + i, len - i, &ok);
            if (ok) {
                if (len - i >= 4) /* one fixed-size copy; room as above */
                    memcpy(d + o, p + i, 4);
                else
                    memcpy(d + o, p + i, n);
                o += n;
                i += n;
                continue;
            }
            i += n;
            bad++;
            if (ensure_room(&d, &cap, o, len - i))
                goto fail;
            memcpy(d + o, "\xEF\xBF\xBD", 3);
            o += 3;
        }
    }
    d[o] = '\0';
    *out = (char *)d;
    if (out_len)
        *out_len = o;
    if (n_invalid)
        *n_invalid = bad;
    return 0;
fail:
    free(d);
    return NC_ENOMEM;
}

/* ------------------------------------------------------------------ */
/* Abbreviations                                                       */
/* ------------------------------------------------------------------ */

typedef struct abbrev_slot {
    uint32_t off, len; /* word at pool + off; len 0 = empty slot */
} abbrev_slot;

struct nc_abbrevs {
    char *pool;         /* all words, back to back */
    abbrev_slot *slots; /* open addressing, hashed case-insensitively */
    size_t mask;        /* number of slots - 1 (a power of two) */
};

/* FNV-1a over ASCII-lower-cased bytes, so both lookups share a probe. */
static size_t hash_lower(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= nc_ascii_lower((unsigned char)s[i]);
        h *= 1099511628211ULL;
    }
    return (size_t)h;
}

static int equal_ci(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (nc_ascii_lower((unsigned char)a[i]) != nc_ascii_lower((unsigned char)b[i]))
            return 0;
    return 1;
}

/* 2 = listed exactly, 1 = listed only in another ASCII case, 0 = not. */
static int abbrev_match(const nc_abbrevs *a, const char *s, size_t n)
{
    if (!a || n == 0 || n > ABBREV_MAX)
        return 0;
    int found = 0;
    for (size_t i = hash_lower(s, n) & a->mask; a->slots[i].len; i = (i + 1) & a->mask) {
        const abbrev_slot *sl = &a->slots[i];
        if (sl->len != n)
            continue;
        if (memcmp(a->pool + sl->off, s, n) == 0)
            return 2;
        if (equal_ci(a->pool + sl->off, s, n))
            found = 1;
    }
    return found;
}

int nc_abbrevs_has(const nc_abbrevs *a, const char *s, size_t n)
{
    return abbrev_match(a, s, n) != 0;
}

void nc_abbrevs_free(nc_abbrevs *a)
{
    if (!a)
        return;
    free(a->pool);
    free(a->slots);
    free(a);
}

/* Inserts the word at pool + off unless it is already there (exactly). */
static void abbrev_insert(nc_abbrevs *a, uint32_t off, uint32_t len)
{
    const char *w = a->pool + off;
    size_t i = hash_lower(w, len) & a->mask;
    for (; a->slots[i].len; i = (i + 1) & a->mask)
        if (a->slots[i].len == len && memcmp(a->pool + a->slots[i].off, w, len) == 0)
            return;
    a->slots[i] = (abbrev_slot){off, len};
}

/* Checks one entry; NULL when fine, else the reason. */
static const char *abbrev_problem(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\v' || s[i] == '\f')
            return "an abbreviation is one word; this line contains a space";
    if (s[n - 1] != '.')
        return "an abbreviation must end with '.'";
    if (n > ABBREV_MAX)
        return "abbreviation is too long (at most 32 bytes)";
    return NULL;
}

/* Appends the words of data to pool, one (offset, length) per word in
 * *words. On a bad line returns NC_ERULES with the message in err. */
static int abbrevs_parse(const char *data, size_t len, const char *name, nc_buf *pool,
                         abbrev_slot **words, size_t *n_words, char *err, size_t errlen)
{
    size_t cap = 0, line = 0;
    nc_lines ls;
    nc_lines_mem(&ls, data, len);
    nc_line l;
    while (nc_lines_next(&ls, &l) > 0) {
        size_t s = (size_t)(l.s - data), e = s + l.len;
        line = l.lineno;
        const char *hash = memchr(data + s, '#', e - s); /* comment to end of line */
        if (hash)
            e = (size_t)(hash - data);
        trim((const unsigned char *)data, &s, &e);
        if (s == e)
            continue;
        const char *why = abbrev_problem(data + s, e - s);
        if (why) {
            if (err && errlen)
                snprintf(err, errlen, "%s:%zu: %s", name ? name : "abbreviations", line, why);
            return NC_ERULES;
        }
        if (*n_words == cap) {
            cap = cap ? cap * 2 : 64;
            abbrev_slot *p = realloc(*words, cap * sizeof *p);
            if (!p)
                return NC_ENOMEM;
            *words = p;
        }
        (*words)[(*n_words)++] = (abbrev_slot){(uint32_t)pool->len, (uint32_t)(e - s)};
        if (nc_buf_append(pool, data + s, e - s))
            return NC_ENOMEM;
    }
    return 0;
}

int nc_abbrevs_load(const char *data, size_t len, const char *name, nc_abbrevs **out,
                    char *err, size_t errlen)
{
    nc_buf pool = {0};
    abbrev_slot *words = NULL;
    size_t n_words = 0;
    nc_abbrevs *a = NULL;
    *out = NULL;
    int rc = abbrevs_parse(data, len, name, &pool, &words, &n_words, err, errlen);
    if (rc)
        goto done;
    rc = NC_ENOMEM;
    if (pool.len > UINT32_MAX)
        goto done;
    size_t n_slots = 16;
    while (n_slots < 2 * n_words) /* load factor <= 1/2 keeps probes short */
        n_slots *= 2;
    a = calloc(1, sizeof *a);
    if (!a)
        goto done;
    a->slots = calloc(n_slots, sizeof *a->slots);
    a->pool = nc_buf_take(&pool, NULL);
    if (!a->slots || !a->pool)
        goto done;
    a->mask = n_slots - 1;
    for (size_t i = 0; i < n_words; i++)
        abbrev_insert(a, words[i].off, words[i].len);
    *out = a;
    a = NULL;
    rc = 0;
done:
    nc_abbrevs_free(a);
    nc_buf_free(&pool);
    free(words);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Sentences                                                           */
/* ------------------------------------------------------------------ */

typedef struct seg {
    nc_document *doc;
    const unsigned char *t;
    const nc_abbrevs *ab;
    unsigned para; /* index of the next paragraph */
} seg;

/* Byte length of a sentence terminator at t[i] (". ! ?" or "…"), or 0. */
/* The first bytes of what terminator_at accepts: . ! ? and U+2026. */
static const unsigned char TERM_START[256] = {['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE2] = 1};

static size_t terminator_at(const unsigned char *t, size_t i, size_t end)
{
    if (t[i] == '.' || t[i] == '!' || t[i] == '?')
        return 1;
    if (t[i] == 0xE2 && end - i >= 3 && t[i + 1] == 0x80 && t[i + 2] == 0xA6)
        return 3;
    return 0;
}

/* Byte length of a closing quote or bracket at t[i], or 0. */
static size_t closer_at(const unsigned char *t, size_t i, size_t end)
{
    size_t n;
    uint32_t c = cp_at(t, i, end, &n);
    return c == ')' || c == ']' || nc_char_closes_quote(c) ? n : 0;
}

/* Whether a sentence may start at t[i]: a capital, a digit, an opening
 * quote or bracket, or a letter of a script without case. */
static int sentence_start_at(const unsigned char *t, size_t i, size_t end)
{
    size_t n;
    uint32_t c = cp_at(t, i, end, &n);
    if ((c >= '0' && c <= '9') || c == '(' || c == '[' || c == 0xBF || c == 0xA1 || nc_char_opens_quote(c))
        return 1;
    return nc_char_is_upper(c) || nc_char_is_caseless_letter(c);
}

/* Characters that begin the word before a period: spaces, opening
 * brackets and quotes, dashes and slashes ("(Gen.", "—Lt.", "Jan./Feb."). */
static int word_boundary_at(const unsigned char *t, size_t i, size_t end)
{
    size_t n;
    uint32_t c = cp_at(t, i, end, &n);
    return nc_char_is_space(c) || c == '(' || c == '[' || c == '{' || c == '/' || nc_char_opens_quote(c) ||
           (c != '-' && (nc_char_class(c) & NC_CH_DASH));
}

/* "F." (an initial) or "U.S." / "a.m." (single letters joined by dots). */
static int is_initials(const unsigned char *w, size_t n)
{
    if (n < 2 || n % 2)
        return 0;
    if (n == 2)
        return is_ascii_upper(w[0]) && w[1] == '.';
    for (size_t i = 0; i < n; i += 2)
        if (!is_ascii_alpha(w[i]) || w[i + 1] != '.')
            return 0;
    return 1;
}

/* Whether the single period at t[dot] ends a sentence, judging the word it
 * closes: not after a listed abbreviation, an initial or dotted letters.
 * An abbreviation listed capitalised ("No.", "Gen.") does not match a
 * lower-case word ("said no.") so ordinary words still end sentences. */
static int period_ends_sentence(const seg *g, size_t lo, size_t dot)
{
    const unsigned char *t = g->t;
    size_t ws = dot;
    while (ws > lo && dot - ws < ABBREV_MAX) {
        size_t p = prev_start(t, lo, ws);
        if (word_boundary_at(t, p, dot))
            break;
        ws = p;
    }
    if (ws > lo && !word_boundary_at(t, prev_start(t, lo, ws), dot))
        return 1; /* longer than any abbreviation */
    const unsigned char *w = t + ws;
    size_t n = dot + 1 - ws;
    if (n == 1 || is_initials(w, n))
        return n == 1;
    int m = abbrev_match(g->ab, (const char *)w, n);
    if (m == 2 || (m == 1 && !is_ascii_lower(w[0])))
        return 0;
    return 1;
}

/* Byte length of a list marker ("- ", "* ", "• ", "– ", "12. ", "3) ") at
 * t[i], space included, or 0. */
static size_t list_marker_at(const unsigned char *t, size_t i, size_t end)
{
    size_t j = i;
    if (t[j] == '-' || t[j] == '*') {
        j++;
    } else if (end - j >= 3 && t[j] == 0xE2 && t[j + 1] == 0x80 &&
               (t[j + 2] == 0xA2 || t[j + 2] == 0x93)) {
        j += 3; /* • or – */
    } else {
        while (j < end && j - i < 3 && t[j] >= '0' && t[j] <= '9')
            j++;
        if (j == i || j >= end || (t[j] != '.' && t[j] != ')'))
            return 0;
        j++;
    }
    size_t n = j < end ? space_at(t, j, end) : 0;
    return n && t[j] != '\n' ? j + n - i : 0;
}

static int add_trimmed(seg *g, size_t s, size_t e, int is_title)
{
    trim(g->t, &s, &e);
    if (s == e)
        return 0;
    return nc_document_add_sentence(g->doc, s, e, g->para, is_title);
}

/* Splits the paragraph [s, e) into sentences; counts the paragraph when it
 * has any. */
static int split_paragraph(seg *g, size_t s, size_t e)
{
    const unsigned char *t = g->t;
    trim(t, &s, &e);
    if (s == e)
        return 0;
    size_t before = g->doc->n_sentences;
    size_t start = s;
    size_t i = s + list_marker_at(t, s, e); /* "1. First" is not "1." + "First" */
    while (i < e) {
        /* most bytes cannot start a terminator: skip them with one table
         * look-up each rather than terminator_at's tests */
        while (i < e && !TERM_START[t[i]])
            i++;
        if (i >= e)
            break;
        size_t tn = terminator_at(t, i, e);
        if (!tn) {
            i++;
            continue;
        }
        size_t dot = i, n_term = 0;
        int periods_only = 1;
        while (i < e && (tn = terminator_at(t, i, e)) > 0) {
            periods_only &= t[i] == '.';
            n_term++;
            i += tn;
        }
        size_t n;
        while (i < e && (n = closer_at(t, i, e)) > 0)
            i += n;
        size_t end_of_sentence = i;
        while (i < e && (n = space_at(t, i, e)) > 0)
            i += n;
        if (i == end_of_sentence || i >= e || !sentence_start_at(t, i, e))
            continue;
        if (periods_only && n_term == 1 && !period_ends_sentence(g, start, dot))
            continue;
        int rc = add_trimmed(g, start, end_of_sentence, 0);
        if (rc)
            return rc;
        start = i;
        /* one paragraph can be the whole document: the deadline is checked
         * here too (the caller sees it has passed and keeps nothing) */
        if ((g->doc->n_sentences & 255) == 0 && nc_document_expired(g->doc))
            return 0;
    }
    int rc = add_trimmed(g, start, e, 0);
    if (rc)
        return rc;
    if (g->doc->n_sentences > before)
        g->para++;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Lines and paragraphs                                                */
/* ------------------------------------------------------------------ */

static size_t line_end(const unsigned char *t, size_t pos, size_t len)
{
    const unsigned char *nl = memchr(t + pos, '\n', len - pos);
    return nl ? (size_t)(nl - t) : len;
}

/* Whether the trimmed line [s, e) ends with sentence punctuation, closing
 * quotes and brackets skipped. */
static int ends_closed(const unsigned char *t, size_t s, size_t e)
{
    while (e > s) {
        size_t p = prev_start(t, s, e);
        if (!closer_at(t, p, e))
            break;
        e = p;
    }
    if (e == s)
        return 0;
    size_t p = prev_start(t, s, e);
    return terminator_at(t, p, e) > 0 || t[p] == ':' || t[p] == ';';
}

static int is_list_line(const unsigned char *t, size_t s, size_t e)
{
    trim(t, &s, &e);
    return s < e && list_marker_at(t, s, e) > 0;
}

/* Whether the document is hard-wrapped: most lines that are followed by
 * another line of the same block are 50-100 characters long, and many of
 * them stop mid-sentence. One-line-per-paragraph text fails either test:
 * its lines end with punctuation, or are much longer or shorter. */
static int detect_hard_wrap(const unsigned char *t, size_t len)
{
    size_t n = 0, in_range = 0, open = 0;
    size_t ps = 0, pe = 0; /* previous non-blank line, trimmed */
    int have_prev = 0;
    for (size_t pos = 0; pos < len;) {
        size_t eol = line_end(t, pos, len), s = pos, e = eol;
        pos = eol + 1;
        trim(t, &s, &e);
        if (s == e) {
            have_prev = 0;
            continue;
        }
        if (have_prev && !is_list_line(t, s, e)) {
            size_t chars = char_count(t, ps, pe);
            n++;
            in_range += chars >= WRAP_MIN_CHARS && chars <= WRAP_MAX_CHARS;
            open += !ends_closed(t, ps, pe);
        }
        ps = s;
        pe = e;
        have_prev = 1;
    }
    return n >= 2 && in_range * 10 >= n * 7 && open * 4 >= n;
}

static size_t word_count(const unsigned char *t, size_t s, size_t e)
{
    size_t words = 0;
    int in_word = 0;
    while (s < e) {
        size_t n = space_at(t, s, e);
        if (n) {
            in_word = 0;
            s += n;
        } else {
            words += !in_word;
            in_word = 1;
            s++;
        }
    }
    return words;
}

/* Whether the first non-blank line [s, e) (trimmed) reads as a headline;
 * next is where the following line starts. */
static int is_headline(const unsigned char *t, size_t len, size_t s, size_t e, size_t next,
                       int wrapped)
{
    if (e - s > TITLE_MAX_BYTES || word_count(t, s, e) > TITLE_MAX_WORDS)
        return 0;
    unsigned char last = t[e - 1];
    if (last == '.' || last == ',' || last == ';' || list_marker_at(t, s, e))
        return 0;
    /* it must be followed by more text */
    int blank_between = 0;
    size_t ns = next, ne = next;
    while (ns < len) {
        ne = line_end(t, ns, len);
        if (!is_blank(t, ns, ne))
            break;
        blank_between = 1;
        ns = ne + 1;
    }
    if (ns >= len)
        return 0;
    if (blank_between)
        return 1;
    /* Directly followed by a line: not a headline when that line continues
     * it ("... killed\nthree people") or the line is part of a wrapped
     * paragraph. */
    trim(t, &ns, &ne);
    if (is_ascii_lower(t[ns]))
        return 0;
    return !(wrapped && char_count(t, s, e) >= WRAP_MIN_CHARS);
}

/* With a headline first line: records it and moves *pos past it. */
static int take_title(seg *g, size_t len, int wrapped, size_t *pos)
{
    const unsigned char *t = g->t;
    size_t s = 0, e = 0, next = 0;
    while (next < len) {
        size_t eol = line_end(t, next, len);
        s = next;
        e = eol;
        next = eol + 1;
        trim(t, &s, &e);
        if (s < e)
            break;
    }
    if (s == e || !is_headline(t, len, s, e, next, wrapped))
        return 0;
    nc_meta *m = &g->doc->meta;
    if (!m->title && !(m->title = nc_strndup((const char *)t + s, e - s)))
        return NC_ENOMEM;
    int rc = nc_document_add_sentence(g->doc, s, e, g->para, 1);
    if (rc)
        return rc;
    g->para++;
    *pos = next < len ? next : len;
    return 0;
}

int nc_text_segment(nc_document *doc, const nc_abbrevs *abbrevs, int detect_title)
{
    if (!doc->text || !doc->len)
        return 0;
    const unsigned char *t = (const unsigned char *)doc->text;
    size_t len = doc->len;
    int wrapped = detect_hard_wrap(t, len);
    seg g = {doc, t, abbrevs, doc->n_paragraphs};
    size_t pos = 0;
    int rc = detect_title ? take_title(&g, len, wrapped, &pos) : 0;
    size_t ps = 0, pe = 0;
    int open = 0; /* a paragraph [ps, pe) is being collected */
    for (size_t lines = 1; !rc && pos < len; lines++) {
        if ((lines & 4095) == 0 && nc_document_expired(doc))
            return 0; /* the caller sees the deadline has passed */
        size_t eol = line_end(t, pos, len);
        if (is_blank(t, pos, eol)) {
            if (open)
                rc = split_paragraph(&g, ps, pe);
            open = 0;
        } else {
            /* Without hard wrapping every line is a paragraph; list items
             * always start one. */
            if (open && (!wrapped || is_list_line(t, pos, eol))) {
                rc = split_paragraph(&g, ps, pe);
                open = 0;
            }
            if (!open)
                ps = pos;
            pe = eol;
            open = 1;
        }
        pos = eol + 1;
    }
    if (!rc && open)
        rc = split_paragraph(&g, ps, pe);
    doc->n_paragraphs = g.para;
    return rc;
}
