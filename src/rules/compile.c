/* Rule patterns: macro expansion, compilation on first use, matching.
 *
 * A rule is expanded and compiled the first time a sentence needs it, and
 * JIT-compiled the first time a document that uses the JIT needs it
 * (nc_rule_match's `jit`), so a run pays only for the rules its documents
 * use. Compilation runs under the ruleset's lock and publishes the code
 * with an atomic store; threads read it without the lock.
 *
 * A rule whose every match starts with a macro — "(?<count>{COUNT}) ..." —
 * is compiled anchored and tried only where that macro matches: the macro
 * is searched once per sentence, whatever the number of such rules, and
 * each rule then runs from those positions only. The leftmost match is
 * the same as an unanchored search would find (every match start is such
 * a position, tried in order). */
#include "rules/ruleset_int.h"
#include "rules/factor.h"
#include "newsclaims.h"
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_MACRO_DEPTH 16

char nc_re_failed_mark;

/* ---------- macro expansion ---------- */

static int is_macro_name_char(int c) { return isupper(c) || isdigit(c) || c == '_'; }

/* Macro expansion. Each macro a pattern uses is written once, as a named
 * group in a (?(DEFINE)...) block at the end of the pattern, and called
 * with (?&NAME) wherever it is used: {COUNT} appears up to eight times in a
 * rule, and inlining it made each rule's JIT code ~200 KB (9.5 MB for the
 * rule set, far beyond the instruction cache) and startup slow. */
typedef struct expansion {
    const nc_ruleset *rs;
    nc_buf defs;          /* "(?<NAME>body)" for every macro used */
    unsigned char *state; /* per macro: 0 unused, 1 being expanded, 2 defined */
    char *err;
    size_t errlen;
} expansion;

static int expand_into(expansion *x, const char *s, nc_buf *out, int depth, const char *file, int line)
{
    const nc_ruleset *rs = x->rs;
    if (depth > MAX_MACRO_DEPTH) {
        nc_rs_err(x->err, x->errlen, file, line, "macros nest too deeply (a macro uses itself?)");
        return NC_ERULES;
    }
    for (const char *p = s; *p;) {
        /* the text up to the next escape or brace, as it is */
        size_t run = strcspn(p, "\\{");
        if (run) {
            if (nc_buf_append(out, p, run))
                return NC_ENOMEM;
            p += run;
            continue;
        }
        if (p[0] == '\\' && p[1]) { /* an escape: \{, \p{L}, \x{00A0} are not macros */
            size_t n = 2;
            if (isalpha((unsigned char)p[1]) && p[2] == '{') {
                const char *close = strchr(p + 2, '}');
                if (close)
                    n = (size_t)(close - p) + 1;
            }
            if (nc_buf_append(out, p, n))
                return NC_ENOMEM;
            p += n;
            continue;
        }
        if (*p == '{' && isupper((unsigned char)p[1])) {
            const char *q = p + 1;
            while (is_macro_name_char((unsigned char)*q))
                q++;
            if (*q == '}') {
                const macro *m = nc_rs_find_macro(rs, p + 1, (size_t)(q - p - 1));
                if (!m) {
                    nc_rs_err(x->err, x->errlen, file, line, "unknown macro {%.*s}", (int)(q - p - 1), p + 1);
                    return NC_ERULES;
                }
                size_t mi = (size_t)(m - rs->macros);
                if (x->state[mi] == 1) {
                    nc_rs_err(x->err, x->errlen, m->line ? m->file : file, m->line ? m->line : line,
                              "macro %s uses itself", m->name);
                    return NC_ERULES;
                }
                if (x->state[mi] == 0) {
                    x->state[mi] = 1;
                    nc_buf body = {0};
                    /* errors inside a macro are reported where the macro is defined */
                    int rc = expand_into(x, m->body, &body, depth + 1, m->line ? m->file : file,
                                         m->line ? m->line : line);
                    if (!rc && (nc_buf_append_str(&x->defs, "(?<") || nc_buf_append_str(&x->defs, m->name) ||
                                nc_buf_append_str(&x->defs, ">") ||
                                nc_buf_append(&x->defs, body.data ? body.data : "", body.len) ||
                                nc_buf_append_str(&x->defs, ")")))
                        rc = NC_ENOMEM;
                    nc_buf_free(&body);
                    if (rc)
                        return rc;
                    x->state[mi] = 2;
                }
                if (nc_buf_append_str(out, "(?&") || nc_buf_append_str(out, m->name) || nc_buf_append_str(out, ")"))
                    return NC_ENOMEM;
                p = q + 1;
                continue;
            }
        }
        /* this byte and the plain run after it, in one append */
        size_t n = 1 + strcspn(p + 1, "\\{");
        if (nc_buf_append(out, p, n))
            return NC_ENOMEM;
        p += n;
    }
    return 0;
}

int nc_rs_expand(const nc_ruleset *rs, const char *s, nc_buf *out, const char *file, int line, char *err,
                 size_t errlen)
{
    expansion x = {.rs = rs, .err = err, .errlen = errlen};
    x.state = calloc(rs->n_macros + 1, 1);
    if (!x.state)
        return NC_ENOMEM;
    /* a group of its own, so that alternatives at the top of the rule's
     * pattern cannot swallow the DEFINE block */
    int rc = nc_buf_append_str(out, "(?:");
    if (!rc)
        rc = expand_into(&x, s, out, 0, file, line);
    if (!rc && (nc_buf_append_str(out, ")") ||
                (x.defs.len && (nc_buf_append_str(out, "(?(DEFINE)") ||
                                nc_buf_append(out, x.defs.data, x.defs.len) || nc_buf_append_str(out, ")")))))
        rc = NC_ENOMEM;
    char *factored = NULL;
    if (!rc && !(rc = nc_re_factor(out->data, out->len, &factored))) {
        out->len = 0;
        rc = nc_buf_append_str(out, factored);
    }
    free(factored);
    nc_buf_free(&x.defs);
    free(x.state);
    return rc;
}

/* ---------- lead macros ---------- */

/* 1 if pattern p has a '|' outside every group (escapes and classes
 * skipped). */
static int top_level_bar(const char *p)
{
    int depth = 0;
    for (; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
        } else if (*p == '[') { /* a class: up to its closing ']' */
            p++;
            if (*p == '^')
                p++;
            if (*p == ']')
                p++;
            while (*p && *p != ']') {
                if (*p == '\\' && p[1])
                    p++;
                p++;
            }
            if (!*p)
                return 1;
        } else if (*p == '(') {
            depth++;
        } else if (*p == ')') {
            depth--;
        } else if (*p == '|' && depth == 0) {
            return 1;
        }
    }
    return 0;
}

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n')
        p++;
    return p;
}

/* The macro the lead call at p ("{COUNT}" or "(?<count>{COUNT})", neither
 * optional nor repeated) names, or NULL. */
static const macro *lead_call(const nc_ruleset *rs, const char *p)
{
    int grouped = 0;
    if (p[0] == '(' && p[1] == '?' && p[2] == '<' && p[3] != '=' && p[3] != '!') { /* (?<name> */
        const char *q = p + 3;
        while (isalnum((unsigned char)*q) || *q == '_')
            q++;
        if (*q != '>')
            return NULL;
        p = skip_space(q + 1);
        grouped = 1;
    }
    if (*p != '{' || !isupper((unsigned char)p[1]))
        return NULL;
    const char *q = p + 1;
    while (is_macro_name_char((unsigned char)*q))
        q++;
    if (*q != '}')
        return NULL;
    const macro *m = nc_rs_find_macro(rs, p + 1, (size_t)(q - p - 1));
    if (!m)
        return NULL;
    /* the call is the whole group, and neither is optional or repeated */
    const char *after = skip_space(q + 1);
    if (grouped) {
        if (*after != ')')
            return NULL;
        after = skip_space(after + 1);
    }
    if (*after == '?' || *after == '*' || *after == '+' || (*after == '{' && isdigit((unsigned char)after[1])))
        return NULL;
    return m;
}

/* Length of an optional group of macro calls at p, "(?: {MORE} )?" (spaces
 * and calls only inside, not lazy or possessive), or 0. */
static size_t optional_macros(const char *p)
{
    if (strncmp(p, "(?:", 3))
        return 0;
    const char *q = p + 3;
    int calls = 0;
    for (;;) {
        q = skip_space(q);
        if (*q != '{')
            break;
        q++;
        if (!isupper((unsigned char)*q))
            return 0;
        while (is_macro_name_char((unsigned char)*q))
            q++;
        if (*q++ != '}')
            return 0;
        calls++;
    }
    if (!calls || q[0] != ')' || q[1] != '?' || q[2] == '?' || q[2] == '+')
        return 0;
    return (size_t)(q + 2 - p);
}

int nc_rs_lead_macro(nc_ruleset *rs, const char *source, const char *file, int line)
{
    if (top_level_bar(source))
        return -1;
    const char *p = skip_space(source);
    size_t opt = optional_macros(p);
    const macro *m = lead_call(rs, opt ? skip_space(p + opt) : p);
    if (!m)
        return -1;
    if (!opt)
        return (int)(m - rs->macros);
    /* the prefix as a macro of its own, shared by the rules that start so;
     * its name (no macro's name can hold a brace) is its body */
    nc_buf body = {0};
    int mi = -1;
    if (!nc_buf_append(&body, p, opt) && !nc_buf_append_str(&body, " {") && !nc_buf_append_str(&body, m->name) &&
        !nc_buf_append_str(&body, "}")) {
        const macro *have = nc_rs_find_macro(rs, body.data, body.len);
        if (have)
            mi = (int)(have - rs->macros);
        else if (!nc_rs_add_macro(rs, body.data, body.len, body.data, file, line))
            mi = (int)rs->n_macros - 1;
    }
    nc_buf_free(&body); /* no memory: no lead, the rule is searched as it is */
    return mi;
}

/* ---------- compilation ---------- */

static pcre2_code *decode_prebuilt(const struct nc_prebuilt *p);

static pcre2_code *compile(const char *pattern, uint32_t options, int *errcode, PCRE2_SIZE *erroff)
{
    return pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, NC_COMPILE_OPTIONS | options, errcode,
                         erroff, NULL);
}

/* ---------- start hints ---------- */

/* Pattern s with every macro call written out in place, each as a group
 * with the options of the DEFINE block it would be called in ((?^ix:
 * ...): caseless, extended, nothing else), into out: the same matches as
 * the expansion with subroutines, but PCRE2 sees through it which bytes
 * a match can start with (it does not look into a called group). For
 * that information only, never matched. */
static int inline_into(const nc_ruleset *rs, const char *s, nc_buf *out, int depth)
{
    if (depth > MAX_MACRO_DEPTH)
        return NC_ERULES;
    for (const char *p = s; *p;) {
        size_t run = strcspn(p, "\\{");
        if (run) {
            if (nc_buf_append(out, p, run))
                return NC_ENOMEM;
            p += run;
            continue;
        }
        if (p[0] == '\\' && p[1]) { /* as in expand_into: \{, \p{L}, \x{00A0} are not macros */
            size_t n = 2;
            if (isalpha((unsigned char)p[1]) && p[2] == '{') {
                const char *close = strchr(p + 2, '}');
                if (close)
                    n = (size_t)(close - p) + 1;
            }
            if (nc_buf_append(out, p, n))
                return NC_ENOMEM;
            p += n;
            continue;
        }
        if (*p == '{' && isupper((unsigned char)p[1])) {
            const char *q = p + 1;
            while (is_macro_name_char((unsigned char)*q))
                q++;
            if (*q == '}') {
                const macro *m = nc_rs_find_macro(rs, p + 1, (size_t)(q - p - 1));
                if (!m)
                    return NC_ERULES;
                int rc = nc_buf_append_str(out, "(?^ix:") ? NC_ENOMEM : inline_into(rs, m->body, out, depth + 1);
                if (!rc && nc_buf_append_str(out, ")"))
                    rc = NC_ENOMEM;
                if (rc)
                    return rc;
                p = q + 1;
                continue;
            }
        }
        size_t n = 1 + strcspn(p + 1, "\\{");
        if (nc_buf_append(out, p, n))
            return NC_ENOMEM;
        p += n;
    }
    return 0;
}

/* Appends "\x{lo}-\x{hi}" (or one character) to a class. */
static int class_range(nc_buf *b, uint32_t lo, uint32_t hi)
{
    char t[40];
    int n = lo == hi ? snprintf(t, sizeof t, "\\x{%x}", (unsigned)lo)
                     : snprintf(t, sizeof t, "\\x{%x}-\\x{%x}", (unsigned)lo, (unsigned)hi);
    return nc_buf_append(b, t, (size_t)n) ? NC_ENOMEM : 0;
}

/* "(?=(?-i:[...]))": a lookahead for the characters whose first UTF-8
 * byte is in bits (a start bitmap), case-sensitive so that it holds no
 * more than bits says. Adjacent ranges are merged. */
static int start_lookahead(const uint8_t *bits, nc_buf *b)
{
    int rc = nc_buf_append_str(b, "(?=(?-i:[") ? NC_ENOMEM : 0;
    uint32_t run_lo = 0, run_hi = 0;
    int run = 0;
    for (uint32_t c = 0; c < 256 && !rc; c++) {
        if (!(bits[c >> 3] & (1u << (c & 7))))
            continue;
        uint32_t lo, hi;
        if (c < 0x80) {
            lo = hi = c;
        } else if (c >= 0xC2 && c <= 0xDF) { /* two bytes; C0, C1 start no character */
            lo = (c & 0x1F) << 6;
            hi = lo + 0x3F;
        } else if (c >= 0xE0 && c <= 0xEF) { /* three bytes, none below U+0800 or a surrogate */
            lo = (c & 0x0F) << 12;
            hi = c == 0xED ? 0xD7FF : lo + 0xFFF;
            lo = lo < 0x800 ? 0x800 : lo;
        } else if (c >= 0xF0 && c <= 0xF4) { /* four bytes, none below U+10000 or above U+10FFFF */
            lo = (c & 0x07) << 18;
            hi = lo + 0x3FFFF > 0x10FFFF ? 0x10FFFF : lo + 0x3FFFF;
            lo = lo < 0x10000 ? 0x10000 : lo;
        } else {
            continue;
        }
        if (run && lo <= run_hi + 1) {
            run_hi = hi;
            continue;
        }
        if (run)
            rc = class_range(b, run_lo, run_hi);
        run_lo = lo, run_hi = hi, run = 1;
    }
    if (!rc && run)
        rc = class_range(b, run_lo, run_hi);
    if (!rc && nc_buf_append_str(b, "]))"))
        rc = NC_ENOMEM;
    return rc;
}

/* 1 when PCRE2 tries re only at some places of a subject by itself: it
 * knows the first character or bytes, or it is anchored. */
static int starts_known(const pcre2_code *re)
{
    uint32_t first = 0, options = 0;
    const uint8_t *bitmap = NULL;
    pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &first);
    pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &bitmap);
    pcre2_pattern_info(re, PCRE2_INFO_ALLOPTIONS, &options);
    return first || bitmap || (options & PCRE2_ANCHORED);
}

/* A rule that starts with a macro call ("(?<count> {NAMEAGE} ...") gives
 * PCRE2 no start bytes, and is then tried at every character of a
 * sentence. Written out (inline_into), its start bytes are often known
 * (NAME: a capital): *out gets pattern with a lookahead for them in front
 * ("(?=(?-i:[A-Z]))..."), which holds wherever a match starts, so that
 * the matches are the same and PCRE2 (and its JIT) skip to those bytes.
 * *out NULL when there are none to be had. 0 or NC_ENOMEM. */
static int start_hint(const nc_ruleset *rs, const char *source, const char *pattern, char **out)
{
    *out = NULL;
    nc_buf body = {0}, hinted = {0};
    int rc = nc_buf_append_str(&body, "(?:") ? NC_ENOMEM : inline_into(rs, source, &body, 0);
    if (!rc && nc_buf_append_str(&body, ")"))
        rc = NC_ENOMEM;
    pcre2_code *re = NULL;
    uint8_t bits[32];
    int have = 0;
    /* with Unicode classes (\d, \w, \s are those of PCRE2_UCP) PCRE2
     * knows no start bytes; without them their ASCII characters are the
     * same, so those start bytes and every byte starting a non-ASCII
     * character (which \d or [\p{L}] may be) hold as well */
    for (int ucp = 1; ucp >= 0 && !rc && !have; ucp--) {
        int errcode;
        PCRE2_SIZE erroff;
        re = pcre2_compile((PCRE2_SPTR)body.data, PCRE2_ZERO_TERMINATED, NC_COMPILE_OPTIONS & ~(ucp ? 0 : PCRE2_UCP),
                           &errcode, &erroff, NULL); /* NULL (duplicate names...): no hint */
        const uint8_t *b = NULL;
        uint32_t options = 0, first = 0;
        if (re && pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &b) == 0 && b &&
            pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &first) == 0 && first == 0 &&
            pcre2_pattern_info(re, PCRE2_INFO_ALLOPTIONS, &options) == 0 && !(options & PCRE2_ANCHORED)) {
            memcpy(bits, b, sizeof bits);
            if (!ucp)
                for (int c = 0x80; c < 0x100; c++)
                    if (c >= 0xC2 && c <= 0xF4)
                        bits[c >> 3] |= (uint8_t)(1u << (c & 7));
            have = 1;
        }
        pcre2_code_free(re);
        re = NULL;
    }
    if (have) {
        rc = start_lookahead(bits, &hinted);
        if (!rc && nc_buf_append_str(&hinted, pattern))
            rc = NC_ENOMEM;
        if (!rc)
            *out = nc_buf_take(&hinted, NULL);
        if (!rc && !*out)
            rc = NC_ENOMEM;
    }
    pcre2_code_free(re);
    nc_buf_free(&body);
    nc_buf_free(&hinted);
    return rc == NC_ERULES ? 0 : rc;
}

static int group_number(const pcre2_code *re, const char *name)
{
    int g = pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);
    return g > 0 ? g : 0;
}

/* Expands and compiles rule i into *out; its group numbers. */
static int build_rule(nc_ruleset *rs, size_t i, pcre2_code **out, char *err, size_t errlen)
{
    nc_rule *r = &rs->rules[i];
    int rc = 0;
    *out = NULL;
    pcre2_code *re = err ? NULL : decode_prebuilt(&rs->prebuilt[i]); /* a message wants the source */
    if (re) {
        r->start_hinted = rs->prebuilt[i].hinted;
        goto groups;
    }
    if (!r->pattern) {
        nc_buf expanded = {0};
        rc = nc_rs_expand(rs, r->source, &expanded, r->file, r->pattern_line, err, errlen);
        if (!rc && !(r->pattern = nc_buf_take(&expanded, NULL)))
            rc = NC_ENOMEM;
        nc_buf_free(&expanded);
        if (rc)
            goto out;
    }
    int errcode;
    PCRE2_SIZE erroff;
    re = compile(r->pattern, r->lead_macro >= 0 ? PCRE2_ANCHORED : 0, &errcode, &erroff);
    if (re && !starts_known(re)) {
        char *hinted;
        if ((rc = start_hint(rs, r->source, r->pattern, &hinted))) {
            pcre2_code_free(re);
            goto out;
        }
        pcre2_code *hre = hinted ? compile(hinted, 0, &errcode, &erroff) : NULL;
        free(hinted); /* r->pattern stays the expansion, for messages */
        if (hre) { /* the same matches, from fewer places */
            pcre2_code_free(re);
            re = hre;
            r->start_hinted = 1;
        }
    }
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        size_t from = erroff > 30 ? erroff - 30 : 0;
        nc_rs_err(err, errlen, r->file, r->pattern_line, "rule %s: pattern error: %s, near \"%.60s\"", r->id,
                  (char *)msg, r->pattern + from);
        rc = NC_ERULES;
        goto out;
    }
groups:;
    static const char *const count_names[NC_RULE_MAX_COUNTS] = {"count", "count2", "count3"};
    static const char *const who_names[NC_RULE_MAX_COUNTS] = {"who", "who2", "who3"};
    for (int k = 0; k < NC_RULE_MAX_COUNTS; k++) {
        r->g_count[k] = group_number(re, count_names[k]);
        r->g_who[k] = group_number(re, who_names[k]);
    }
    r->g_when = group_number(re, "when");
    uint32_t groups;
    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
    if (!r->zero && !r->g_count[0]) {
        nc_rs_err(err, errlen, r->file, r->pattern_line,
                  "rule %s: pattern has no (?<count>...) group (or set \"zero: yes\")", r->id);
        rc = NC_ERULES;
    } else if (groups + 1 > NC_RULE_MAX_GROUPS) {
        nc_rs_err(err, errlen, r->file, r->pattern_line,
                  "rule %s: more than %d groups (each macro it uses is one)", r->id, NC_RULE_MAX_GROUPS - 1);
        rc = NC_ERULES;
    }
    if (rc)
        pcre2_code_free(re);
    else
        *out = re;
out:
    return rc;
}

/* Interpreted calls after which rule code re is worth JIT-compiling
 * (ruleset.h: NC_RULE_HOT_CALLS, NC_RULE_HOT_BYTES). A rule tried at its
 * lead macro's places (led) is not cheap by its own start, nor is one
 * whose start bytes only its lookahead gives (start_hint): those are
 * many (every capital) and its macros costly to interpret (text20:
 * casualty.killed.one 21.8 M cycles interpreted, 10.1 M with the JIT). */
static unsigned hot_calls(const pcre2_code *re, int led)
{
    uint32_t first = 0, options = 0;
    const uint8_t *bitmap = NULL;
    size_t size = 0;
    pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &first);
    pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &bitmap);
    pcre2_pattern_info(re, PCRE2_INFO_ALLOPTIONS, &options);
    pcre2_pattern_info(re, PCRE2_INFO_SIZE, &size);
    int cheap = !led && (first || bitmap || (options & PCRE2_ANCHORED));
    size_t by_size = size / NC_RULE_HOT_BYTES;
    return cheap && by_size > NC_RULE_HOT_CALLS ? (unsigned)(by_size < UINT_MAX ? by_size : UINT_MAX)
                                                : NC_RULE_HOT_CALLS;
}

int nc_rs_prepare_rule(nc_ruleset *rs, size_t i, char *err, size_t errlen)
{
    nc_lazy_re *l = &rs->rule_re[i];
    pcre2_code *have = atomic_load_explicit(&l->code[0], memory_order_relaxed), *re;
    if (have && (have != NC_RE_FAILED || !err))
        return have == NC_RE_FAILED ? NC_ERULES : 0;
    int rc = build_rule(rs, i, &re, err, errlen);
    if (have) { /* failed before, quietly: now for its message */
        pcre2_code_free(re);
        return rc ? rc : NC_ERULES;
    }
    if (!rc) {
        atomic_store_explicit(&l->hot_calls, hot_calls(re, rs->rules[i].lead_macro >= 0 || rs->rules[i].start_hinted), memory_order_relaxed);
        atomic_store_explicit(&l->code[0], re, memory_order_release);
    } else if (rc == NC_ERULES)
        atomic_store_explicit(&l->code[0], NC_RE_FAILED, memory_order_release);
    return rc;
}

/* The JIT copy of interpreter code re; NC_RE_FAILED when there is no JIT. */
static pcre2_code *jit_copy(const pcre2_code *re)
{
    pcre2_code *c = pcre2_code_copy(re);
    if (!c)
        return NULL;
    if (pcre2_jit_compile(c, PCRE2_JIT_COMPLETE) != 0) {
        pcre2_code_free(c);
        return NC_RE_FAILED; /* no JIT here: the interpreter it is */
    }
    return c;
}

typedef int (*prepare_fn)(nc_ruleset *rs, size_t i);

/* The code of l for the interpreter or the JIT, made on first use by
 * prepare (the interpreter's) and jit_copy; NULL when it does not
 * compile. Without a JIT the interpreter's code serves. */
static const pcre2_code *lazy_get(const nc_ruleset *rs, nc_lazy_re *l, int jit, prepare_fn prepare, size_t i)
{
    jit = jit && !rs->no_jit;
    pcre2_code *c = atomic_load_explicit(&l->code[jit], memory_order_acquire);
    if (!c) {
        nc_ruleset *w = (nc_ruleset *)rs; /* the lazy parts are not the ruleset's contents */
        pthread_mutex_lock(&w->lock);
        if (!atomic_load_explicit(&l->code[0], memory_order_relaxed))
            prepare(w, i);
        pcre2_code *c0 = atomic_load_explicit(&l->code[0], memory_order_relaxed);
        if (jit && c0 && !atomic_load_explicit(&l->code[1], memory_order_relaxed)) {
            pcre2_code *j = c0 == NC_RE_FAILED ? NC_RE_FAILED : jit_copy(c0);
            if (j)
                atomic_store_explicit(&l->code[1], j, memory_order_release);
        }
        pthread_mutex_unlock(&w->lock);
        c = atomic_load_explicit(&l->code[jit], memory_order_acquire);
    }
    if (c == NC_RE_FAILED && jit)
        c = atomic_load_explicit(&l->code[0], memory_order_acquire);
    return c && c != NC_RE_FAILED ? c : NULL;
}

static int prepare_rule_quiet(nc_ruleset *rs, size_t i) { return nc_rs_prepare_rule(rs, i, NULL, 0); }

/* Rule i's code for matching, compiled on first use. */
static const pcre2_code *rule_code(const nc_ruleset *rs, size_t i, int jit)
{
    return lazy_get(rs, &rs->rule_re[i], jit, prepare_rule_quiet, i);
}

/* Compiles macro m on its own into l->code[0]. Lock held. */
static int prepare_macro(const nc_ruleset *rs, macro *m, char *err, size_t errlen)
{
    pcre2_code *have = atomic_load_explicit(&m->re.code[0], memory_order_relaxed);
    if (have)
        return have == NC_RE_FAILED ? NC_ERULES : 0;
    pcre2_code *pre = err ? NULL : decode_prebuilt(&m->prebuilt);
    if (pre) {
        atomic_store_explicit(&m->re.code[0], pre, memory_order_release);
        return 0;
    }
    nc_buf expanded = {0};
    int rc = nc_rs_expand(rs, m->body, &expanded, m->file, m->line, err, errlen);
    if (rc) {
        nc_buf_free(&expanded);
        if (rc == NC_ERULES)
            atomic_store_explicit(&m->re.code[0], NC_RE_FAILED, memory_order_release);
        return rc;
    }
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *re = compile(expanded.data, 0, &errcode, &erroff);
    if (re && !starts_known(re)) { /* COUNT, the lead macro of most rules, starts with \b: every character */
        char *hinted;
        if ((rc = start_hint(rs, m->body, expanded.data, &hinted))) {
            pcre2_code_free(re);
            nc_buf_free(&expanded);
            return rc;
        }
        pcre2_code *hre = hinted ? compile(hinted, 0, &errcode, &erroff) : NULL;
        free(hinted);
        if (hre) { /* the same matches, from fewer places */
            pcre2_code_free(re);
            re = hre;
        }
    }
    nc_buf_free(&expanded);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        nc_rs_err(err, errlen, m->file, m->line, "macro %s: pattern error: %s", m->name, (char *)msg);
        atomic_store_explicit(&m->re.code[0], NC_RE_FAILED, memory_order_release);
        return NC_ERULES;
    }
    atomic_store_explicit(&m->re.code[0], re, memory_order_release);
    return 0;
}

static int prepare_macro_quiet(nc_ruleset *rs, size_t mi) { return prepare_macro(rs, &rs->macros[mi], NULL, 0); }

static const pcre2_code *macro_code(const nc_ruleset *rs, size_t mi, int jit)
{
    return lazy_get(rs, &rs->macros[mi].re, jit, prepare_macro_quiet, mi);
}

void nc_rs_lazy_free(nc_lazy_re *l)
{
    for (int k = 0; k < 2; k++) {
        pcre2_code *c = atomic_load_explicit(&l->code[k], memory_order_relaxed);
        if (c && c != NC_RE_FAILED)
            pcre2_code_free(c);
        atomic_store_explicit(&l->code[k], NULL, memory_order_relaxed);
    }
}

int nc_ruleset_compile_all(const nc_ruleset *crs, char *err, size_t errlen)
{
    nc_ruleset *rs = (nc_ruleset *)crs; /* only the lazy parts change */
    int rc = 0;
    pthread_mutex_lock(&rs->lock);
    for (size_t i = 0; i < rs->n && !rc; i++) {
        rc = nc_rs_prepare_rule(rs, i, err, errlen);
        int lead = rs->rules[i].lead_macro;
        if (!rc && lead >= 0)
            rc = prepare_macro(rs, &rs->macros[lead], err, errlen);
    }
    for (size_t i = 0; i < rs->n_macros && !rc; i++)
        if (rs->macros[i].wanted)
            rc = prepare_macro(rs, &rs->macros[i], err, errlen);
    pthread_mutex_unlock(&rs->lock);
    return rc;
}

int nc_ruleset_compile_macro(nc_ruleset *rs, const char *name, char *err, size_t errlen)
{
    macro *m = (macro *)nc_rs_find_macro(rs, name, strlen(name));
    if (!m) {
        nc_rs_err(err, errlen, "macros.txt", 0, "macro %s is required", name);
        return NC_ERULES;
    }
    m->wanted = 1;
    if (rs->lazy)
        return 0;
    pthread_mutex_lock(&rs->lock);
    int rc = prepare_macro(rs, m, err, errlen);
    pthread_mutex_unlock(&rs->lock);
    return rc;
}

const pcre2_code *nc_ruleset_macro_code(const nc_ruleset *rs, const char *name, int jit)
{
    const macro *m = nc_rs_find_macro(rs, name, strlen(name));
    if (!m || !m->wanted)
        return NULL;
    return macro_code(rs, (size_t)(m - rs->macros), jit);
}

const pcre2_code *nc_ruleset_macro_regex(const nc_ruleset *rs, const char *name)
{
    return nc_ruleset_macro_code(rs, name, 1);
}

/* ---------- matching ---------- */

void nc_rule_scan_free(nc_rule_scan *s)
{
    for (int k = 0; k < NC_RULE_SCAN_LEADS; k++)
        free(s->lead[k].pos);
    pcre2_match_data_free(s->md);
    memset(s, 0, sizeof *s);
}

/* Next character boundary after i. */
static size_t next_char(const char *text, size_t i, size_t end)
{
    i++;
    while (i < end && ((unsigned char)text[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* The positions of the sentence where macro mi matches, found once per
 * sentence; NULL when the search failed (a limit): then every position is
 * a candidate. */
static const struct nc_rule_lead *lead_positions(const nc_ruleset *rs, int mi, nc_rule_scan *sc, const char *text,
                                                 size_t start, size_t end, int jit, pcre2_match_context *mctx)
{
    if (sc->text != text || sc->start != start || sc->end != end) {
        for (int k = 0; k < NC_RULE_SCAN_LEADS; k++)
            sc->lead[k].state = 0;
        sc->text = text;
        sc->start = start;
        sc->end = end;
    }
    struct nc_rule_lead *ld = NULL;
    for (int k = 0; k < NC_RULE_SCAN_LEADS && !ld; k++)
        if (sc->lead[k].state && sc->lead[k].macro == mi)
            return sc->lead[k].state == 1 ? &sc->lead[k] : NULL;
    for (int k = 0; k < NC_RULE_SCAN_LEADS && !ld; k++)
        if (!sc->lead[k].state)
            ld = &sc->lead[k];
    if (!ld)
        return NULL; /* more lead macros than slots: every position */
    ld->macro = mi;
    ld->n = 0;
    ld->state = 2;
    const pcre2_code *re = macro_code(rs, (size_t)mi, jit);
    if (!re || (!sc->md && !(sc->md = pcre2_match_data_create(1, NULL))))
        return NULL;
    for (size_t q = start; q < end;) {
        int rc = pcre2_match(re, (PCRE2_SPTR)text, end, q, PCRE2_NO_UTF_CHECK, sc->md, mctx);
        if (rc == PCRE2_ERROR_NOMATCH)
            break;
        if (rc < 0)
            return NULL;
        size_t p = pcre2_get_ovector_pointer(sc->md)[0];
        if (p < q) /* a match that begins before q (\K): no anchor to trust */
            return NULL;
        if (ld->n == ld->cap) {
            size_t cap = ld->cap ? ld->cap * 2 : 16;
            size_t *np = realloc(ld->pos, cap * sizeof *np);
            if (!np)
                return NULL;
            ld->pos = np;
            ld->cap = cap;
        }
        ld->pos[ld->n++] = p;
        q = next_char(text, p, end);
    }
    ld->state = 1;
    return ld;
}

int nc_rule_match(const nc_ruleset *rs, size_t ri, nc_rule_scan *sc, const char *text, size_t start, size_t end,
                  size_t off, int mode, pcre2_match_data *md, pcre2_match_context *mctx)
{
    nc_lazy_re *l = &rs->rule_re[ri];
    int jit = mode != NC_MATCH_INTERPRET; /* for the lead macro: one search a sentence serves every rule */
    /* hot_calls is set with the interpreter's code, made first */
    int rule_jit = mode == NC_MATCH_JIT ||
                   (mode == NC_MATCH_JIT_HOT && rule_code(rs, ri, 0) &&
                    atomic_load_explicit(&l->interpreted, memory_order_relaxed) >=
                        atomic_load_explicit(&l->hot_calls, memory_order_relaxed));
    if (mode == NC_MATCH_INTERPRET)
        atomic_fetch_add_explicit(&l->interpreted, 1, memory_order_relaxed);
    const pcre2_code *re = rule_code(rs, ri, rule_jit);
    if (!re)
        return PCRE2_ERROR_NOMATCH; /* a rule that does not compile matches nothing */
    int lead = rs->rules[ri].lead_macro;
    if (lead < 0)
        return pcre2_match(re, (PCRE2_SPTR)text, end, off, PCRE2_NO_UTF_CHECK, md, mctx);
    const struct nc_rule_lead *ld = lead_positions(rs, lead, sc, text, start, end, jit, mctx);
    if (!ld) { /* no positions to go by: the anchored rule from every character */
        for (size_t p = off; p < end; p = next_char(text, p, end)) {
            int rc = pcre2_match(re, (PCRE2_SPTR)text, end, p, PCRE2_NO_UTF_CHECK, md, mctx);
            if (rc != PCRE2_ERROR_NOMATCH)
                return rc;
        }
        return PCRE2_ERROR_NOMATCH;
    }
    /* the first position at or after off */
    size_t lo = 0, hi = ld->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ld->pos[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < ld->n; k++) {
        int rc = pcre2_match(re, (PCRE2_SPTR)text, end, ld->pos[k], PCRE2_NO_UTF_CHECK, md, mctx);
        if (rc != PCRE2_ERROR_NOMATCH)
            return rc;
    }
    return PCRE2_ERROR_NOMATCH;
}

/* ---------- prebuilt code ---------- */

/* Prebuilt blob: "NCRC1\n", the inputs' hash (8 bytes), the entry count
 * (4), then per entry its kind (0 rule, 1 macro, 2 a rule whose code has
 * the start lookahead: no bytes), index and length (4 each) and that many
 * bytes of pcre2_serialize_encode() output. Numbers little-endian. */
#define PREBUILT_MAGIC "NCRC1\n"

/* A hash of everything the compiled code depends on: the rules' sources
 * and lead macros, the macros' bodies. */
static uint64_t inputs_hash(const nc_ruleset *rs)
{
    uint64_t h = 1469598103934665603ULL;
#define MIX(s, n) for (size_t q_ = 0; q_ < (n); q_++) h = (h ^ (unsigned char)(s)[q_]) * 1099511628211ULL
    MIX(PREBUILT_MAGIC, sizeof PREBUILT_MAGIC);
    for (size_t i = 0; i < rs->n; i++) {
        const nc_rule *r = &rs->rules[i];
        MIX(r->id, strlen(r->id) + 1);
        MIX(r->source, strlen(r->source) + 1);
        char lead[16];
        int n = snprintf(lead, sizeof lead, "%d", r->lead_macro);
        MIX(lead, (size_t)n + 1);
    }
    for (size_t i = 0; i < rs->n_macros; i++) {
        MIX(rs->macros[i].name, strlen(rs->macros[i].name) + 1);
        MIX(rs->macros[i].body, strlen(rs->macros[i].body) + 1);
    }
#undef MIX
    return h;
}

static void put_u32(nc_buf *b, uint32_t v, int *rc)
{
    unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
    if (!*rc)
        *rc = nc_buf_append(b, (const char *)x, 4);
}

static uint32_t get_u32(const unsigned char *p) { return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

static void put_code(nc_buf *out, uint32_t kind, uint32_t index, const nc_lazy_re *l, uint32_t *count, int *rc)
{
    pcre2_code *c = atomic_load_explicit(&l->code[0], memory_order_acquire);
    if (*rc || !c || c == NC_RE_FAILED)
        return;
    uint8_t *bytes;
    PCRE2_SIZE size;
    if (pcre2_serialize_encode((const pcre2_code **)&c, 1, &bytes, &size, NULL) < 0) {
        *rc = NC_ENOMEM;
        return;
    }
    put_u32(out, kind, rc);
    put_u32(out, index, rc);
    put_u32(out, (uint32_t)size, rc);
    if (!*rc)
        *rc = nc_buf_append(out, (const char *)bytes, size);
    pcre2_serialize_free(bytes);
    (*count)++;
}

int nc_ruleset_prebuilt_write(const nc_ruleset *rs, nc_buf *out)
{
    int rc = nc_ruleset_compile_all(rs, NULL, 0);
    if (rc)
        return rc;
    for (size_t i = 0; i < rs->n_macros && !rc; i++) /* the lead macros are compiled by now; WHEN too */
        if (rs->macros[i].wanted)
            macro_code(rs, i, 0);
    uint64_t h = inputs_hash(rs);
    rc = nc_buf_append(out, PREBUILT_MAGIC, sizeof PREBUILT_MAGIC - 1);
    put_u32(out, (uint32_t)h, &rc);
    put_u32(out, (uint32_t)(h >> 32), &rc);
    size_t count_at = out->len;
    uint32_t count = 0;
    put_u32(out, 0, &rc);
    for (size_t i = 0; i < rs->n; i++)
        put_code(out, 0, (uint32_t)i, &rs->rule_re[i], &count, &rc);
    for (size_t i = 0; i < rs->n_macros; i++)
        put_code(out, 1, (uint32_t)i, &rs->macros[i].re, &count, &rc);
    for (size_t i = 0; i < rs->n && !rc; i++) /* which rules' code has the start lookahead */
        if (rs->rules[i].start_hinted) {
            put_u32(out, 2, &rc);
            put_u32(out, (uint32_t)i, &rc);
            put_u32(out, 0, &rc);
            count++;
        }
    if (!rc) {
        unsigned char *p = (unsigned char *)out->data + count_at;
        p[0] = (unsigned char)count, p[1] = (unsigned char)(count >> 8), p[2] = (unsigned char)(count >> 16),
        p[3] = (unsigned char)(count >> 24);
    }
    return rc;
}

void nc_ruleset_use_prebuilt(nc_ruleset *rs, const unsigned char *blob, size_t len)
{
    size_t m = sizeof PREBUILT_MAGIC - 1, at = m + 12;
    if (!blob || len < at || memcmp(blob, PREBUILT_MAGIC, m) != 0)
        return;
    uint64_t h = get_u32(blob + m) | (uint64_t)get_u32(blob + m + 4) << 32;
    if (h != inputs_hash(rs))
        return; /* made from other rules: compile as usual */
    uint32_t count = get_u32(blob + m + 8);
    for (uint32_t k = 0; k < count && at + 12 <= len; k++) {
        uint32_t kind = get_u32(blob + at), index = get_u32(blob + at + 4), size = get_u32(blob + at + 8);
        at += 12;
        if (size > len - at)
            return;
        if (kind == 0 && index < rs->n)
            rs->prebuilt[index].bytes = blob + at, rs->prebuilt[index].len = size;
        else if (kind == 1 && index < rs->n_macros)
            rs->macros[index].prebuilt = (struct nc_prebuilt){.bytes = blob + at, .len = size};
        else if (kind == 2 && index < rs->n)
            rs->prebuilt[index].hinted = 1;
        at += size;
    }
}

/* Code decoded from a prebuilt entry, NULL when there is none or it does
 * not decode (another PCRE2 version): then it is compiled. */
static pcre2_code *decode_prebuilt(const struct nc_prebuilt *p)
{
    pcre2_code *c = NULL;
    if (!p->bytes || pcre2_serialize_decode(&c, 1, p->bytes, NULL) != 1)
        return NULL;
    return c;
}
