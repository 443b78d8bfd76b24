/* Alternations factored by their first letter (rules/factor.h).
 *
 * PCRE2 tries the branches of a group one after another, the interpreter
 * and the JIT alike: "(?: people | persons? | civilians? | ... )" with a
 * hundred and thirty words costs a hundred and thirty tries at every
 * position it is reached from. Branches that begin with different letters
 * can never both match at one position, so only their order within a
 * letter matters; grouped by that letter, "(?: p(?: eople | ersons? ) |
 * c(?: ivilians? ) ... )" tries one branch per letter and then only the
 * words of that letter, in their order. The matches are the same. A branch
 * that starts with a digit ("\d{1,3} - year - olds") can match where no
 * letter's branch can, so it stays where it is among them. Inside a
 * lookahead the order of branches cannot change whether the assertion
 * holds, so there any branch may stay where it is beside the letters'
 * groups (not inside an atomic group or a possessive repeat, whose first
 * match is kept). The rewrite is skipped for a group where it could change
 * anything: elsewhere, a branch that starts with neither an ASCII letter
 * nor a digit (or whose letter carries a quantifier), letters differing
 * only in case, capturing groups inside (their numbers would move), option
 * settings or backtracking verbs, and conditionals, atomic groups, branch
 * resets and lookbehinds. A second pass over the groups made (by their
 * second letter) was measured: the JIT compiled more and matched no faster. */
#include "rules/factor.h"
#include "newsclaims.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 200 /* deeper groups are copied as they are */

typedef struct parse {
    const char *s;
    size_t n, i;
    int bad; /* unbalanced or cut: the pattern is left as it was */
    int rc;  /* NC_ENOMEM */
} parse;

typedef struct branch {
    nc_buf text;
    size_t letter;    /* offset of the first letter in text, or SIZE_MAX */
    int digit;        /* starts with \\d (not optional): no letter can start its match */
    int blocks;       /* a capture, an option setting or a verb inside */
} branch;

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
static int is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* Index just past the escape, class or comment at s[i] (which starts
 * one); SIZE_MAX when a class or an escape is cut short. */
static size_t skip_atom(const char *s, size_t n, size_t i)
{
    if (s[i] == '\\') {
        if (i + 1 < n && s[i + 1] == 'Q') { /* \Q...\E: literal */
            for (i += 2; i + 1 < n; i++)
                if (s[i] == '\\' && s[i + 1] == 'E')
                    return i + 2;
            return n;
        }
        return i + 2 <= n ? i + 2 : SIZE_MAX;
    }
    if (s[i] == '#') { /* extended mode: a comment to the end of the line */
        while (i < n && s[i] != '\n')
            i++;
        return i;
    }
    /* a class: [ ^? ]? ... ] with escapes and [:name:] inside */
    i++;
    if (i < n && s[i] == '^')
        i++;
    if (i < n && s[i] == ']')
        i++;
    while (i < n && s[i] != ']') {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '[' && i + 1 < n && (s[i + 1] == ':' || s[i + 1] == '.' || s[i + 1] == '=')) {
            char kind = s[i + 1];
            for (i += 2; i + 1 < n && !(s[i] == kind && s[i + 1] == ']'); i++)
                ;
            i++;
        }
        i++;
    }
    return i < n ? i + 1 : SIZE_MAX;
}

/* Index just past the group whose '(' is at s[i], or SIZE_MAX when it is
 * cut short. */
static size_t skip_group(const char *s, size_t n, size_t i)
{
    int depth = 0;
    while (i < n) {
        char c = s[i];
        if (c == '\\' || c == '[' || c == '#') {
            if ((i = skip_atom(s, n, i)) == SIZE_MAX)
                return SIZE_MAX;
            continue;
        }
        if (c == '(' && i + 2 < n && s[i + 1] == '?' && s[i + 2] == '#') { /* (?#...) */
            const char *e = memchr(s + i, ')', n - i);
            if (!e)
                return SIZE_MAX;
            i = (size_t)(e - s) + (depth == 0);
            if (depth == 0)
                return i;
            continue;
        }
        if (c == '(')
            depth++;
        else if (c == ')' && --depth == 0)
            return i + 1;
        i++;
    }
    return SIZE_MAX;
}

static void put(parse *p, nc_buf *b, const char *s, size_t n)
{
    if (!p->rc && nc_buf_append(b, s, n))
        p->rc = NC_ENOMEM;
}

static void group(parse *p, nc_buf *out, int depth, int orderfree, int *blocks);

/* The alternatives of a group (or of the whole pattern) up to its ')'
 * (left unread) or the end, rewritten into out; factored when factor.
 * orderfree: the group is inside a lookahead, where the order of branches
 * cannot change whether the assertion holds, so branches that start with
 * no letter may stay where they are beside the letters' groups. */
static void alternatives(parse *p, nc_buf *out, int depth, int factor, int orderfree, int *blocks)
{
    branch *br = NULL;
    size_t nb = 0, cap = 0;
    for (;;) {
        if (nb == cap) {
            size_t nc = cap ? cap * 2 : 8;
            branch *g = realloc(br, nc * sizeof *g);
            if (!g) {
                p->rc = NC_ENOMEM;
                break;
            }
            br = g;
            cap = nc;
        }
        branch *b = &br[nb++];
        memset(b, 0, sizeof *b);
        b->letter = SIZE_MAX;
        int seen = 0; /* something significant in the branch yet */
        while (p->i < p->n && !p->rc && p->s[p->i] != '|' && p->s[p->i] != ')') {
            const char *s = p->s;
            size_t i = p->i;
            char c = s[i];
            if (is_space(c)) {
                put(p, &b->text, s + i, 1);
                p->i++;
                continue;
            }
            if (c == '#' || (c == '(' && i + 2 < p->n && s[i + 1] == '?' && s[i + 2] == '#')) {
                size_t e = c == '#' ? skip_atom(s, p->n, i) : skip_group(s, p->n, i);
                if (e == SIZE_MAX) {
                    p->bad = 1;
                    e = p->n;
                }
                put(p, &b->text, s + i, e - i);
                p->i = e;
                continue;
            }
            if (!seen && is_ascii_letter(c))
                b->letter = b->text.len;
            else if (!seen && c == '\\' && i + 1 < p->n && s[i + 1] == 'd')
                b->digit = 1;
            else if (seen == 1 && b->letter != SIZE_MAX && (c == '?' || c == '*' || c == '+' || c == '{'))
                b->letter = SIZE_MAX; /* "s?he": the letter is not always there */
            else if (seen == 1 && b->digit && (c == '?' || c == '*' || (c == '{' && i + 1 < p->n && s[i + 1] == '0')))
                b->digit = 0; /* "\\d*": perhaps no digit, and then anything */
            seen++;
            if (c == '\\' || c == '[') {
                size_t e = skip_atom(s, p->n, i);
                if (e == SIZE_MAX) {
                    p->bad = 1;
                    e = p->n;
                }
                put(p, &b->text, s + i, e - i);
                p->i = e;
            } else if (c == '(') {
                group(p, &b->text, depth + 1, orderfree, &b->blocks);
            } else {
                put(p, &b->text, s + i, 1);
                p->i++;
            }
        }
        if (p->rc || p->i >= p->n || p->s[p->i] != '|')
            break;
        p->i++; /* the '|' */
    }
    /* factored: one branch per first letter, in the order the letters
     * first appear, each holding that letter's branches in their order */
    size_t groups = 0;
    int ok = factor && !p->rc && nb > 1;
    for (size_t k = 0; ok && k < nb; k++) {
        ok = (br[k].letter != SIZE_MAX || br[k].digit || orderfree) && !br[k].blocks;
        if (!ok)
            break;
        if (br[k].letter == SIZE_MAX) { /* a digit branch (or any, order free): a group of its own, where it stands */
            groups++;
            continue;
        }
        char lk = br[k].text.data[br[k].letter];
        size_t first = k;
        for (size_t j = 0; j < k; j++)
            if (br[j].letter != SIZE_MAX && lower(br[j].text.data[br[j].letter]) == lower(lk)) {
                first = j;
                break;
            }
        if (first == k)
            groups++;
        else if (br[first].text.data[br[first].letter] != lk)
            ok = 0; /* "P..." and "p...": both match "p" without the case */
    }
    if (ok && groups < nb) {
        unsigned char *done = calloc(nb, 1);
        if (!done)
            p->rc = NC_ENOMEM;
        for (size_t k = 0; done && k < nb; k++) {
            if (done[k])
                continue;
            if (br[k].letter == SIZE_MAX) { /* a branch of no letter, as it is */
                if (k)
                    put(p, out, "|", 1);
                put(p, out, br[k].text.data, br[k].text.len);
                done[k] = 1;
                continue;
            }
            char lk = br[k].text.data[br[k].letter];
            size_t same = 0;
            for (size_t j = k; j < nb; j++)
                same += br[j].letter != SIZE_MAX && br[j].text.data[br[j].letter] == lk;
            if (k)
                put(p, out, "|", 1);
            if (same == 1) {
                put(p, out, br[k].text.data, br[k].text.len);
                done[k] = 1;
                continue;
            }
            put(p, out, &lk, 1);
            put(p, out, "(?:", 3);
            for (size_t j = k, m = 0; j < nb; j++) {
                if (br[j].letter == SIZE_MAX || br[j].text.data[br[j].letter] != lk)
                    continue;
                if (m++)
                    put(p, out, "|", 1);
                size_t rest = br[j].letter + 1;
                put(p, out, br[j].text.data + rest, br[j].text.len - rest);
                done[j] = 1;
            }
            put(p, out, ")", 1);
        }
        free(done);
    } else {
        for (size_t k = 0; k < nb; k++) {
            if (k)
                put(p, out, "|", 1);
            put(p, out, br[k].text.data, br[k].text.len);
        }
    }
    for (size_t k = 0; k < nb; k++) {
        *blocks |= br[k].blocks;
        nc_buf_free(&br[k].text);
    }
    free(br);
}

/* The group at p->s[p->i] == '(' into out, its insides rewritten. */
/* 1 if a possessive quantifier follows the group ending at s[e]: "(...)++",
 * "(...)?+", "(...){1,3}+" (atomic: its branches' order counts). */
static int possessive_after(const char *s, size_t n, size_t e)
{
    if (e >= n)
        return 0;
    if (s[e] == '?' || s[e] == '*' || s[e] == '+')
        return e + 1 < n && s[e + 1] == '+';
    if (s[e] == '{') {
        const char *c = memchr(s + e, '}', n - e);
        return c && (size_t)(c - s) + 1 < n && c[1] == '+';
    }
    return 0;
}

static void group(parse *p, nc_buf *out, int depth, int orderfree, int *blocks)
{
    const char *s = p->s;
    size_t i = p->i, n = p->n;
    size_t open = 1; /* bytes of the opening that are copied as they are */
    int factor = 0, inside = 1;
    if (i + 1 < n && s[i + 1] == '*') { /* (*VERB) */
        *blocks = 1;
        inside = 0;
    } else if (i + 1 >= n || s[i + 1] != '?') { /* a numbered capture */
        *blocks = 1;
        factor = 1;
    } else if (i + 2 < n) {
        char k = s[i + 2];
        if (k == ':' || k == '=' || k == '!') {
            open = 3;
            factor = 1;
            if (k != ':')
                orderfree = 1; /* a lookahead: whether it holds is all that counts */
        } else if (k == '<' && i + 3 < n && (s[i + 3] == '=' || s[i + 3] == '!')) {
            inside = 0; /* lookbehind: each branch of fixed length; left alone */
        } else if (k == '<' || k == '\'' || k == 'P') { /* a named group, or (?P>name) / (?P=name) */
            size_t e = i + 3;
            while (e < n && s[e] != '>' && s[e] != '\'' && s[e] != ')')
                e++;
            if (e < n && s[e] != ')' && !(k == 'P' && i + 3 < n && (s[i + 3] == '>' || s[i + 3] == '='))) {
                open = e + 1 - i;
                factor = 1;
                *blocks = 1;
            } else {
                inside = 0;
            }
        } else if (k == '(' && i + 3 < n && s[i + 3] != '?') {
            /* a conditional: (?(DEFINE)...), (?(1)...|...), (?(<name>)...):
             * its branches are yes and no, in that order; its groups (the
             * macros of a DEFINE block) are rewritten */
            const char *e = memchr(s + i + 3, ')', n - i - 3);
            if (e) {
                open = (size_t)(e - s) + 1 - i;
                inside = 3;
            } else {
                inside = 0;
            }
        } else if (k == '-' || k == '^' || (k >= 'a' && k <= 'z') || (k >= 'A' && k <= 'Z' && k != 'R')) {
            /* options: (?i) sets them for the rest of the group, (?-i:...) is a group */
            size_t e = i + 2;
            while (e < n && s[e] != ':' && s[e] != ')')
                e++;
            if (e < n && s[e] == ':') {
                open = e + 1 - i;
                factor = 1;
            } else {
                *blocks = 1;
                inside = 0;
            }
        } else {
            inside = 0; /* (?(?=...)...), (?>...), (?|...), (?&name), (?R), (?1) */
            if (k == '>' || k == '|')
                inside = 2;
        }
    }
    if (!inside || depth > MAX_DEPTH) {
        size_t e = skip_group(s, n, i);
        if (e == SIZE_MAX) {
            p->bad = 1;
            e = n;
        }
        put(p, out, s + i, e - i);
        p->i = e;
        return;
    }
    if (inside >= 2) { /* the branches' order is meaning: not factored, but inner groups are */
        if (inside == 2)
            open = 3;
        factor = 0;
        orderfree = 0;
    }
    if (orderfree) { /* not inside an atomic group: the first match found is kept */
        size_t e = skip_group(s, n, i);
        if (e == SIZE_MAX || possessive_after(s, n, e))
            orderfree = 0;
    }
    put(p, out, s + i, open);
    p->i = i + open;
    alternatives(p, out, depth, factor, orderfree, blocks);
    if (p->i < n && s[p->i] == ')') {
        put(p, out, ")", 1);
        p->i++;
    } else {
        p->bad = 1;
    }
}

int nc_re_factor(const char *pattern, size_t len, char **out)
{
    *out = NULL;
    parse p = {.s = pattern, .n = len};
    nc_buf b = {0};
    int blocks = 0;
    alternatives(&p, &b, 0, 1, 0, &blocks);
    if (p.i < p.n)
        p.bad = 1; /* a ')' with no '(' */
    if (!p.rc && p.bad) {
        b.len = 0;
        put(&p, &b, pattern, len);
    }
    if (!p.rc && !(*out = nc_buf_take(&b, NULL)))
        p.rc = NC_ENOMEM;
    nc_buf_free(&b);
    return p.rc;
}
