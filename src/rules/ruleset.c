/* Rule files: parsing, macro expansion, PCRE2 compilation, keyword prefilter. */
#include "rules/ruleset.h"
#include "input/lines.h"
#include "newsclaims.h"
#include "util/buf.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COMPILE_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_EXTENDED)
#define MAX_MACRO_DEPTH 16

typedef struct macro {
    char *name;
    char *body;
    const char *file;
    int line;
    pcre2_code *re; /* compiled on demand for nc_ruleset_macro_regex */
} macro;

typedef struct keyword {
    char *word;
    size_t len;
    uint64_t hash;
    int prefix;
    int number; /* a number word: "three", "dozens" */
    uint64_t *bits;
} keyword;

struct nc_ruleset {
    nc_rule *rules;
    size_t n, cap;
    macro *macros;
    size_t n_macros, cap_macros;
    keyword *table; /* open addressing, size table_size (power of two) */
    size_t table_size;
    /* Length filters: bit L of exact_lengths[f][l] is set when some exact
     * keyword of length L starts with letter f and ends with letter l (a-z;
     * those of 63 letters or more all set bit 63); bit L of
     * prefix_lengths[f] when a prefix keyword of length L starts with f.
     * Most words of a text fail both, and so skip the hashing and table
     * probes of nc_ruleset_candidates. */
    uint64_t exact_lengths[26][26], prefix_lengths[26];
    uint64_t *always;        /* rules without keywords */
    uint64_t *need_number;   /* rules that need a number in the sentence */
    size_t words;            /* uint64_t words per bitset */
    uint32_t max_groups;
};

static void set_err(char *err, size_t errlen, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void set_err(char *err, size_t errlen, const char *file, int line, const char *fmt, ...)
{
    if (!err || !errlen)
        return;
    int n = snprintf(err, errlen, "%s:%d: ", file, line);
    if (n < 0 || (size_t)n >= errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
}

/* ---------- macros ---------- */

static const macro *find_macro(const nc_ruleset *rs, const char *name, size_t len)
{
    for (size_t i = 0; i < rs->n_macros; i++)
        if (strlen(rs->macros[i].name) == len && memcmp(rs->macros[i].name, name, len) == 0)
            return &rs->macros[i];
    return NULL;
}

static int add_macro(nc_ruleset *rs, const char *name, size_t name_len, const char *body,
                     const char *file, int line)
{
    if (rs->n_macros == rs->cap_macros) {
        size_t cap = rs->cap_macros ? rs->cap_macros * 2 : 32;
        macro *p = realloc(rs->macros, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        rs->macros = p;
        rs->cap_macros = cap;
    }
    macro *m = &rs->macros[rs->n_macros];
    memset(m, 0, sizeof *m);
    m->name = nc_strndup(name, name_len);
    m->body = strdup(body);
    m->file = file;
    m->line = line;
    if (!m->name || !m->body) {
        free(m->name);
        free(m->body);
        return NC_ENOMEM;
    }
    rs->n_macros++;
    return 0;
}

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
        set_err(x->err, x->errlen, file, line, "macros nest too deeply (a macro uses itself?)");
        return NC_ERULES;
    }
    for (const char *p = s; *p;) {
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
                const macro *m = find_macro(rs, p + 1, (size_t)(q - p - 1));
                if (!m) {
                    set_err(x->err, x->errlen, file, line, "unknown macro {%.*s}", (int)(q - p - 1), p + 1);
                    return NC_ERULES;
                }
                size_t mi = (size_t)(m - rs->macros);
                if (x->state[mi] == 1) {
                    set_err(x->err, x->errlen, m->line ? m->file : file, m->line ? m->line : line,
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
        if (nc_buf_append_byte(out, *p))
            return NC_ENOMEM;
        p++;
    }
    return 0;
}

/* Expands the macros of pattern s into *out: the pattern, then one DEFINE
 * block with the macros it uses. */
static int expand(const nc_ruleset *rs, const char *s, nc_buf *out, int depth,
                  const char *file, int line, char *err, size_t errlen)
{
    expansion x = {.rs = rs, .err = err, .errlen = errlen};
    x.state = calloc(rs->n_macros + 1, 1);
    if (!x.state)
        return NC_ENOMEM;
    /* a group of its own, so that alternatives at the top of the rule's
     * pattern cannot swallow the DEFINE block */
    int rc = nc_buf_append_str(out, "(?:");
    if (!rc)
        rc = expand_into(&x, s, out, depth, file, line);
    if (!rc && (nc_buf_append_str(out, ")") ||
                (x.defs.len && (nc_buf_append_str(out, "(?(DEFINE)") ||
                                nc_buf_append(out, x.defs.data, x.defs.len) || nc_buf_append_str(out, ")")))))
        rc = NC_ENOMEM;
    nc_buf_free(&x.defs);
    free(x.state);
    return rc;
}

/* ---------- lines of a file's text (input/lines.h) ---------- */

typedef struct lines {
    nc_lines r;
    int lineno;
} lines;

static void lines_init(lines *ls, const nc_rule_source *src)
{
    nc_lines_mem(&ls->r, src->data, src->len);
    ls->lineno = 0;
}

/* Next line without its newline (and without a trailing CR). */
static int next_line(lines *ls, const char **s, size_t *n)
{
    nc_line l;
    if (nc_lines_next(&ls->r, &l) <= 0)
        return 0;
    *s = l.s;
    *n = l.len;
    ls->lineno = (int)l.lineno;
    return 1;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i]))
            return 0;
    return 1;
}

static void trim(const char **s, size_t *n)
{
    while (*n && isspace((unsigned char)**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && isspace((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

/* Macros file: "NAME = pattern", continued on following indented lines. */
static int parse_macros(nc_ruleset *rs, const nc_rule_source *src, char *err, size_t errlen)
{
    lines ls;
    lines_init(&ls, src);
    const char *s;
    size_t n;
    nc_buf body = {0};
    int rc = 0, start_line = 0;
    const char *name = NULL;
    size_t name_len = 0;
    while (1) {
        int more = next_line(&ls, &s, &n);
        int continuation = more && n && (s[0] == ' ' || s[0] == '\t') && !blank(s, n) && name;
        if (continuation) {
            trim(&s, &n);
            if (*s == '#')
                continue;
            if ((rc = nc_buf_append_byte(&body, '\n')) || (rc = nc_buf_append(&body, s, n)))
                goto out;
            continue;
        }
        if (name) { /* the previous definition is complete */
            if (find_macro(rs, name, name_len)) {
                set_err(err, errlen, src->name, start_line, "macro %.*s defined twice", (int)name_len, name);
                rc = NC_ERULES;
                goto out;
            }
            if ((rc = add_macro(rs, name, name_len, body.data ? body.data : "", src->name, start_line)))
                goto out;
            name = NULL;
            body.len = 0;
            if (body.data)
                body.data[0] = '\0';
        }
        if (!more)
            break;
        if (blank(s, n) || s[0] == '#')
            continue;
        const char *eq = memchr(s, '=', n);
        const char *q = s;
        while (q < s + n && is_macro_name_char((unsigned char)*q))
            q++;
        if (!eq || q == s || !isupper((unsigned char)s[0]) || !blank(q, (size_t)(eq - q))) {
            set_err(err, errlen, src->name, ls.lineno, "expected \"NAME = pattern\" (NAME in capitals)");
            rc = NC_ERULES;
            goto out;
        }
        name = s;
        name_len = (size_t)(q - s);
        start_line = ls.lineno;
        const char *v = eq + 1;
        size_t vn = n - (size_t)(v - s);
        trim(&v, &vn);
        if ((rc = nc_buf_append(&body, v, vn)))
            goto out;
    }
out:
    nc_buf_free(&body);
    return rc;
}

/* ---------- rules ---------- */

static void rule_clear(nc_rule *r)
{
    free(r->id);
    free(r->file);
    free(r->pattern);
    pcre2_code_free(r->re);
    for (size_t i = 0; i < r->n_examples; i++) {
        free(r->examples[i].text);
        free(r->examples[i].expect);
    }
    free(r->examples);
    memset(r, 0, sizeof *r);
}

/* The fields of one rule block as read, before compilation. */
typedef struct rule_draft {
    int line;
    nc_buf id, category, keywords, pattern, add, zero, numbers;
    int category_line, keywords_line, pattern_line, add_line, zero_line, numbers_line;
    nc_buf examples; /* "text\037expect\036" records */
    nc_buf example_lines;
} rule_draft;

static void draft_clear(rule_draft *d)
{
    nc_buf_free(&d->id);
    nc_buf_free(&d->category);
    nc_buf_free(&d->keywords);
    nc_buf_free(&d->pattern);
    nc_buf_free(&d->add);
    nc_buf_free(&d->zero);
    nc_buf_free(&d->numbers);
    nc_buf_free(&d->examples);
    nc_buf_free(&d->example_lines);
    memset(d, 0, sizeof *d);
}

static int valid_rule_id(const char *id)
{
    int dots = 0, seglen = 0;
    for (const char *p = id; *p; p++) {
        if (*p == '.') {
            if (!seglen)
                return 0;
            dots++;
            seglen = 0;
        } else if (islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_') {
            seglen++;
        } else {
            return 0;
        }
    }
    return dots > 0 && seglen > 0;
}

static int rule_push(nc_ruleset *rs, nc_rule **r)
{
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 32;
        nc_rule *p = realloc(rs->rules, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        rs->rules = p;
        rs->cap = cap;
    }
    *r = &rs->rules[rs->n++];
    memset(*r, 0, sizeof **r);
    return 0;
}

static int group_number(const pcre2_code *re, const char *name)
{
    int g = pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);
    return g > 0 ? g : 0;
}

static int compile_rule(nc_ruleset *rs, nc_rule *r, const char *file, int line, char *err, size_t errlen)
{
    int errcode;
    PCRE2_SIZE erroff;
    r->re = pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED, COMPILE_OPTIONS, &errcode,
                          &erroff, NULL);
    if (!r->re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        size_t from = erroff > 30 ? erroff - 30 : 0;
        set_err(err, errlen, file, line, "rule %s: pattern error: %s, near \"%.60s\"", r->id,
                (char *)msg, r->pattern + from);
        return NC_ERULES;
    }
    /* JIT code reads ahead in ways memcheck cannot follow: NEWSCLAIMS_NO_JIT
     * (make valgrind) keeps the interpreter. Without JIT support PCRE2
     * falls back to the interpreter too. */
    if (!getenv("NEWSCLAIMS_NO_JIT"))
        pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE);
    static const char *const count_names[NC_RULE_MAX_COUNTS] = {"count", "count2", "count3"};
    static const char *const who_names[NC_RULE_MAX_COUNTS] = {"who", "who2", "who3"};
    for (int i = 0; i < NC_RULE_MAX_COUNTS; i++) {
        r->g_count[i] = group_number(r->re, count_names[i]);
        r->g_who[i] = group_number(r->re, who_names[i]);
    }
    r->g_when = group_number(r->re, "when");
    if (!r->zero && !r->g_count[0]) {
        set_err(err, errlen, file, line, "rule %s: pattern has no (?<count>...) group (or set \"zero: yes\")", r->id);
        return NC_ERULES;
    }
    uint32_t groups;
    pcre2_pattern_info(r->re, PCRE2_INFO_CAPTURECOUNT, &groups);
    if (groups + 1 > rs->max_groups)
        rs->max_groups = groups + 1;
    return 0;
}

static int parse_examples(nc_rule *r, const rule_draft *d, const char *file, char *err, size_t errlen)
{
    /* examples buffer: "text => expect" lines separated by \n; line numbers
     * in example_lines as ints */
    const char *p = d->examples.data;
    const int *lines_ = (const int *)(void *)d->example_lines.data;
    size_t count = d->example_lines.len / sizeof(int);
    if (!count) {
        set_err(err, errlen, file, d->line, "rule %s has no example (\"example: sentence => figures\")", r->id);
        return NC_ERULES;
    }
    r->examples = calloc(count, sizeof *r->examples);
    if (!r->examples)
        return NC_ENOMEM;
    for (size_t i = 0; i < count; i++) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        const char *arrow = NULL;
        for (const char *q = p; q + 1 < p + n; q++)
            if (q[0] == '=' && q[1] == '>')
                arrow = q; /* the last "=>" separates text from expectations */
        if (!arrow) {
            set_err(err, errlen, file, lines_[i], "example needs \"sentence => figures\" (or \"=> none\")");
            return NC_ERULES;
        }
        const char *t = p, *e = arrow + 2;
        size_t tn = (size_t)(arrow - p), en = n - (size_t)(e - p);
        trim(&t, &tn);
        trim(&e, &en);
        r->examples[i].text = nc_strndup(t, tn);
        r->examples[i].expect = nc_strndup(e, en);
        r->examples[i].line = lines_[i];
        r->n_examples++;
        if (!r->examples[i].text || !r->examples[i].expect)
            return NC_ENOMEM;
        p = nl ? nl + 1 : p + n;
    }
    return 0;
}

static int finish_rule(nc_ruleset *rs, rule_draft *d, const char *file, char *err, size_t errlen)
{
    if (!d->line)
        return 0;
    if (!d->id.len || !d->category.len || !d->pattern.len) {
        set_err(err, errlen, file, d->line, "rule needs id, category and pattern");
        return NC_ERULES;
    }
    if (!valid_rule_id(d->id.data)) {
        set_err(err, errlen, file, d->line, "rule id \"%s\" must look like casualty.killed.passive", d->id.data);
        return NC_ERULES;
    }
    for (size_t i = 0; i < rs->n; i++)
        if (strcmp(rs->rules[i].id, d->id.data) == 0) {
            set_err(err, errlen, file, d->line, "rule id %s already defined at %s:%d", d->id.data,
                    rs->rules[i].file, rs->rules[i].line);
            return NC_ERULES;
        }
    int cat = nc_category_from_name(d->category.data, d->category.len);
    if (cat < 0) {
        set_err(err, errlen, file, d->category_line, "unknown category \"%s\"", d->category.data);
        return NC_ERULES;
    }
    nc_rule *r;
    if (rule_push(rs, &r))
        return NC_ENOMEM;
    r->line = d->line;
    r->category = (nc_category)cat;
    r->id = strdup(d->id.data);
    r->file = strdup(file);
    if (!r->id || !r->file)
        return NC_ENOMEM;
    if (d->add.len) {
        char *end;
        long v = strtol(d->add.data, &end, 10);
        if (*end || v < -1000 || v > 1000) {
            set_err(err, errlen, file, d->add_line, "add must be a small integer");
            return NC_ERULES;
        }
        r->add = (int)v;
    }
    if (d->zero.len) {
        if (strcmp(d->zero.data, "yes") && strcmp(d->zero.data, "no")) {
            set_err(err, errlen, file, d->zero_line, "zero must be yes or no");
            return NC_ERULES;
        }
        r->zero = strcmp(d->zero.data, "yes") == 0;
    }
    r->needs_number = !r->zero;
    if (d->numbers.len) {
        if (strcmp(d->numbers.data, "any") && strcmp(d->numbers.data, "required")) {
            set_err(err, errlen, file, d->numbers_line, "numbers must be required or any");
            return NC_ERULES;
        }
        r->needs_number = strcmp(d->numbers.data, "required") == 0;
    }
    nc_buf expanded = {0};
    int rc = expand(rs, d->pattern.data, &expanded, 0, file, d->pattern_line, err, errlen);
    if (rc) {
        nc_buf_free(&expanded);
        return rc;
    }
    r->pattern = nc_buf_take(&expanded, NULL);
    if (!r->pattern)
        return NC_ENOMEM;
    if ((rc = compile_rule(rs, r, file, d->pattern_line, err, errlen)))
        return rc;
    return parse_examples(r, d, file, err, errlen);
}

/* The keywords of a rule, kept for the prefilter: rule index + words. */
typedef struct pending_keywords {
    size_t rule;
    int line;
    char *words;
} pending_keywords;

typedef struct kw_list {
    pending_keywords *items;
    size_t n, cap;
} kw_list;

static int kw_list_add(kw_list *l, size_t rule, int line, const char *words)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        pending_keywords *p = realloc(l->items, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        l->items = p;
        l->cap = cap;
    }
    l->items[l->n].rule = rule;
    l->items[l->n].line = line;
    l->items[l->n].words = strdup(words);
    if (!l->items[l->n].words)
        return NC_ENOMEM;
    l->n++;
    return 0;
}

static void kw_list_free(kw_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i].words);
    free(l->items);
}

/* The buffer of field `key`; *line_slot is where its line number goes. */
static nc_buf *field_buf(rule_draft *d, const char *key, size_t n, int **line_slot)
{
    static int id_line_unused;
    *line_slot = &id_line_unused;
#define FIELD(name, member, line_member) \
    if (n == sizeof(name) - 1 && memcmp(key, name, n) == 0) { \
        *line_slot = line_member; \
        return &d->member; \
    }
    FIELD("id", id, &d->line);
    FIELD("category", category, &d->category_line);
    FIELD("keywords", keywords, &d->keywords_line);
    FIELD("pattern", pattern, &d->pattern_line);
    FIELD("add", add, &d->add_line);
    FIELD("zero", zero, &d->zero_line);
    FIELD("numbers", numbers, &d->numbers_line);
#undef FIELD
    return NULL;
}

static int parse_rule_file(nc_ruleset *rs, const nc_rule_source *src, kw_list *kws, char *err, size_t errlen)
{
    lines ls;
    lines_init(&ls, src);
    const char *s;
    size_t n;
    rule_draft d = {0};
    nc_buf *current = NULL; /* field that continuation lines extend */
    int rc = 0;
    while (next_line(&ls, &s, &n)) {
        if (n && s[0] == '#')
            continue;
        if (blank(s, n)) {
            current = NULL;
            continue;
        }
        if (s[0] == ' ' || s[0] == '\t') {
            if (!current) {
                set_err(err, errlen, src->name, ls.lineno, "indented line continues no field");
                rc = NC_ERULES;
                goto out;
            }
            trim(&s, &n);
            if ((rc = nc_buf_append_byte(current, current == &d.examples ? ' ' : '\n')) ||
                (rc = nc_buf_append(current, s, n)))
                goto out;
            continue;
        }
        const char *colon = memchr(s, ':', n);
        if (!colon) {
            set_err(err, errlen, src->name, ls.lineno, "expected \"key: value\"");
            rc = NC_ERULES;
            goto out;
        }
        const char *key = s, *val = colon + 1;
        size_t kn = (size_t)(colon - s), vn = n - kn - 1;
        trim(&key, &kn);
        trim(&val, &vn);
        if (kn == 2 && memcmp(key, "id", 2) == 0) { /* "id:" starts a new rule */
            if (d.line) {
                size_t before = rs->n;
                if ((rc = finish_rule(rs, &d, src->name, err, errlen)))
                    goto out;
                if (d.keywords.len && (rc = kw_list_add(kws, before, d.keywords_line, d.keywords.data)))
                    goto out;
                draft_clear(&d);
            }
            d.line = ls.lineno;
        } else if (!d.line) {
            set_err(err, errlen, src->name, ls.lineno, "a rule must start with \"id:\"");
            rc = NC_ERULES;
            goto out;
        }
        if (kn == 7 && memcmp(key, "example", 7) == 0) {
            if (d.examples.len && (rc = nc_buf_append_byte(&d.examples, '\n')))
                goto out;
            int ln = ls.lineno;
            if ((rc = nc_buf_append(&d.examples, val, vn)) ||
                (rc = nc_buf_append(&d.example_lines, (const char *)&ln, sizeof ln)))
                goto out;
            current = &d.examples;
            continue;
        }
        int *line_slot;
        current = field_buf(&d, key, kn, &line_slot);
        if (current && line_slot != &d.line)
            *line_slot = ls.lineno;
        if (!current) {
            set_err(err, errlen, src->name, ls.lineno, "unknown field \"%.*s\"", (int)kn, key);
            rc = NC_ERULES;
            goto out;
        }
        if (current->len) {
            set_err(err, errlen, src->name, ls.lineno, "field \"%.*s\" given twice", (int)kn, key);
            rc = NC_ERULES;
            goto out;
        }
        if ((rc = nc_buf_append(current, val, vn)))
            goto out;
    }
    if (d.line) {
        size_t before = rs->n;
        if ((rc = finish_rule(rs, &d, src->name, err, errlen)))
            goto out;
        if (d.keywords.len && (rc = kw_list_add(kws, before, d.keywords_line, d.keywords.data)))
            goto out;
    }
out:
    draft_clear(&d);
    return rc;
}

/* ---------- prefilter ---------- */

/* FNV-1a, computed byte by byte so that a word's prefixes hash on the way */
#define HASH_START 1469598103934665603ULL
#define HASH_STEP(h, c) (((h) ^ (unsigned char)(c)) * 1099511628211ULL)

static uint64_t hash_word(const char *s, size_t n)
{
    uint64_t h = HASH_START;
    for (size_t i = 0; i < n; i++)
        h = HASH_STEP(h, s[i]);
    return h;
}

static keyword *lookup_hashed(const nc_ruleset *rs, uint64_t h, const char *s, size_t n, int prefix)
{
    if (!rs->table_size)
        return NULL;
    size_t mask = rs->table_size - 1;
    for (size_t i = (h ^ (uint64_t)prefix) & mask;; i = (i + 1) & mask) {
        keyword *k = &rs->table[i];
        if (!k->word)
            return NULL;
        if (k->hash == h && k->prefix == prefix && k->len == n && memcmp(k->word, s, n) == 0)
            return k;
    }
}

static keyword *lookup(const nc_ruleset *rs, const char *s, size_t n, int prefix)
{
    return lookup_hashed(rs, hash_word(s, n), s, n, prefix);
}

/* Records a new keyword (lower case, n >= 1) in the length filters. */
static void note_length(nc_ruleset *rs, const char *low, size_t n, int prefix)
{
    int first = low[0] - 'a', last = low[n - 1] - 'a';
    if (first < 0 || first >= 26 || last < 0 || last >= 26)
        return; /* not a letter: no word of the text can match it */
    if (prefix)
        rs->prefix_lengths[first] |= 1ULL << n; /* n < 64, checked by the caller */
    else
        rs->exact_lengths[first][last] |= 1ULL << (n < 63 ? n : 63);
}

static int add_keyword(nc_ruleset *rs, const char *w, size_t n, size_t rule, const char *file,
                       int line, char *err, size_t errlen)
{
    int prefix = n > 1 && w[n - 1] == '*';
    if (prefix)
        n--;
    for (size_t i = 0; i < n; i++)
        if (!isalpha((unsigned char)w[i])) {
            set_err(err, errlen, file, line, "keyword \"%.*s\" must be letters (a final * makes a prefix)", (int)n, w);
            return NC_ERULES;
        }
    if (prefix && n >= 64) {
        set_err(err, errlen, file, line, "prefix keyword too long");
        return NC_ERULES;
    }
    char low[256];
    if (n >= sizeof low) {
        set_err(err, errlen, file, line, "keyword too long");
        return NC_ERULES;
    }
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)w[i]);
    keyword *k = lookup(rs, low, n, prefix);
    if (!k) {
        size_t mask = rs->table_size - 1;
        uint64_t h = hash_word(low, n);
        size_t i = (h ^ (uint64_t)prefix) & mask;
        while (rs->table[i].word)
            i = (i + 1) & mask;
        k = &rs->table[i];
        k->word = nc_strndup(low, n);
        k->len = n;
        k->hash = h;
        k->bits = calloc(rs->words, sizeof(uint64_t));
        if (!k->word || !k->bits)
            return NC_ENOMEM;
        k->prefix = prefix;
        note_length(rs, low, n, prefix);
    }
    k->bits[rule / 64] |= 1ULL << (rule % 64);
    return 0;
}

/* Adds the last word of each entry of a numbers alternation
 * ("seventeen|a\\s+few|...") to the table as a number word. */
static int add_number_words(nc_ruleset *rs, const char *alternation)
{
    for (const char *p = alternation; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        const char *w = p + n;
        while (w > p && isalpha((unsigned char)w[-1]))
            w--;
        size_t wn = (size_t)(p + n - w);
        if (wn && wn < 64) {
            char low[64];
            for (size_t i = 0; i < wn; i++)
                low[i] = (char)tolower((unsigned char)w[i]);
            keyword *k = lookup(rs, low, wn, 0);
            if (!k) {
                size_t mask = rs->table_size - 1;
                uint64_t h = hash_word(low, wn);
                size_t i = h & mask;
                while (rs->table[i].word)
                    i = (i + 1) & mask;
                k = &rs->table[i];
                k->word = nc_strndup(low, wn);
                k->bits = calloc(rs->words, sizeof(uint64_t));
                if (!k->word || !k->bits)
                    return NC_ENOMEM;
                k->len = wn;
                k->hash = h;
                note_length(rs, low, wn, 0);
            }
            k->number = 1;
        }
        p = bar ? bar + 1 : p + n;
    }
    return 0;
}

static size_t count_char(const char *s, char c)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == c;
    return n;
}

static int build_prefilter(nc_ruleset *rs, const kw_list *kws, const nc_numbers *numbers,
                           char *err, size_t errlen)
{
    rs->words = rs->n / 64 + 1;
    rs->always = calloc(rs->words, sizeof(uint64_t));
    rs->need_number = calloc(rs->words, sizeof(uint64_t));
    if (!rs->always || !rs->need_number)
        return NC_ENOMEM;
    for (size_t i = 0; i < rs->n; i++)
        if (rs->rules[i].needs_number)
            rs->need_number[i / 64] |= 1ULL << (i % 64);
    size_t total = 0;
    for (size_t i = 0; i < kws->n; i++)
        for (const char *p = kws->items[i].words; *p; p++)
            total += isspace((unsigned char)*p) != 0;
    total += kws->n + 1 + count_char(nc_numbers_word_alternation(numbers), '|') +
             count_char(nc_numbers_vague_alternation(numbers), '|') + 2;
    rs->table_size = 16;
    while (rs->table_size < total * 2)
        rs->table_size *= 2;
    rs->table = calloc(rs->table_size, sizeof *rs->table);
    if (!rs->table)
        return NC_ENOMEM;
    char *has_kw = calloc(rs->n + 1, 1);
    if (!has_kw)
        return NC_ENOMEM;
    int rc = add_number_words(rs, nc_numbers_word_alternation(numbers));
    if (!rc)
        rc = add_number_words(rs, nc_numbers_vague_alternation(numbers));
    for (size_t i = 0; i < kws->n && !rc; i++) {
        const nc_rule *r = &rs->rules[kws->items[i].rule];
        for (const char *p = kws->items[i].words; *p && !rc;) {
            while (*p && (isspace((unsigned char)*p) || *p == ','))
                p++;
            const char *q = p;
            while (*q && !isspace((unsigned char)*q) && *q != ',')
                q++;
            if (q > p) {
                rc = add_keyword(rs, p, (size_t)(q - p), kws->items[i].rule, r->file, kws->items[i].line, err, errlen);
                has_kw[kws->items[i].rule] = 1;
            }
            p = q;
        }
    }
    for (size_t i = 0; i < rs->n; i++)
        if (!has_kw[i])
            rs->always[i / 64] |= 1ULL << (i % 64);
    free(has_kw);
    return rc;
}

/* ASCII letters to lower case; 0 for everything else (word breaks) */
static const unsigned char ascii_lower[256] = {
    ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e', ['F'] = 'f', ['G'] = 'g',
    ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n',
    ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't', ['U'] = 'u',
    ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y', ['Z'] = 'z',
    ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f', ['g'] = 'g',
    ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n',
    ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't', ['u'] = 'u',
    ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z',
};

/* Looks the word tok[0, n) (lower case, n <= sizeof tok of the caller)
 * up as exact keyword and, where the filters allow, its prefixes as prefix
 * keywords; ORs the rules of what it finds into bits. Hashes only as far
 * as the longest length worth a probe. Returns 1 if it is a number word. */
static int word_hits(const nc_ruleset *rs, const char *tok, size_t n, uint64_t prefixes, int exact,
                     uint64_t *bits)
{
    int number = 0;
    size_t last = exact ? n : 0;
    if (prefixes) {
        size_t top = 63 - (size_t)__builtin_clzll(prefixes); /* the longest prefix keyword */
        if (top > last)
            last = top;
    }
    uint64_t h = HASH_START;
    for (size_t L = 1; L <= last; L++) {
        h = HASH_STEP(h, tok[L - 1]);
        const keyword *k;
        if ((prefixes >> L & 1) && (k = lookup_hashed(rs, h, tok, L, 1)))
            for (size_t w = 0; w < rs->words; w++)
                bits[w] |= k->bits[w];
        if (L == n && exact && (k = lookup_hashed(rs, h, tok, n, 0))) {
            number |= k->number;
            for (size_t w = 0; w < rs->words; w++)
                bits[w] |= k->bits[w];
        }
    }
    return number;
}

void nc_ruleset_candidates(const nc_ruleset *rs, const char *text, size_t len, uint64_t *bits)
{
    memcpy(bits, rs->always, rs->words * sizeof(uint64_t));
    char tok[64];
    size_t i = 0;
    const unsigned char *t = (const unsigned char *)text;
    int has_number = 0;
    while (i < len) {
        while (i < len && !ascii_lower[t[i]]) {
            has_number |= t[i] >= '0' && t[i] <= '9';
            i++;
        }
        if (i >= len)
            break;
        /* a word: its letters, then its first letter and length decide
         * whether any keyword can be it or a prefix of it */
        size_t s = i;
        while (i < len && ascii_lower[t[i]])
            i++;
        size_t n = i - s;
        int first = ascii_lower[t[s]] - 'a', end = ascii_lower[t[i - 1]] - 'a';
        /* prefix keywords of length n or less (all lengths are below 64) */
        uint64_t prefixes = rs->prefix_lengths[first] & (n < 63 ? (2ULL << n) - 1 : ~0ULL);
        /* exact keywords are compared for words of up to sizeof tok letters */
        int exact = n <= sizeof tok && (rs->exact_lengths[first][end] >> (n < 63 ? n : 63) & 1);
        if (!prefixes && !exact)
            continue;
        size_t m = n < sizeof tok ? n : sizeof tok;
        for (size_t k = 0; k < m; k++)
            tok[k] = (char)ascii_lower[t[s + k]];
        has_number |= word_hits(rs, tok, n, prefixes, exact, bits);
    }
    if (!has_number)
        for (size_t w = 0; w < rs->words; w++)
            bits[w] &= ~rs->need_number[w];
}

/* ---------- public ---------- */

static int add_generated_macros(nc_ruleset *rs, const nc_numbers *numbers)
{
    int rc;
    if ((rc = add_macro(rs, "NUMWORD", 7, nc_numbers_word_alternation(numbers), "numbers", 0)) ||
        (rc = add_macro(rs, "QUALIFIER", 9, nc_numbers_qualifier_alternation(numbers), "numbers", 0)) ||
        (rc = add_macro(rs, "VAGUE", 5, nc_numbers_vague_alternation(numbers), "numbers", 0)))
        return rc;
    return 0;
}

int nc_ruleset_new(nc_ruleset **out, const nc_rule_source *sources, size_t n_sources,
                   const nc_rule_source *macros_src, const nc_numbers *numbers,
                   char *err, size_t errlen)
{
    *out = NULL;
    kw_list kws = {0};
    nc_ruleset *rs = calloc(1, sizeof *rs);
    int rc = NC_ENOMEM;
    if (!rs)
        goto fail;
    if ((rc = add_generated_macros(rs, numbers)))
        goto fail;
    if (macros_src && (rc = parse_macros(rs, macros_src, err, errlen)))
        goto fail;
    for (size_t i = 0; i < n_sources; i++)
        if ((rc = parse_rule_file(rs, &sources[i], &kws, err, errlen)))
            goto fail;
    if (!rs->n) {
        set_err(err, errlen, n_sources ? sources[0].name : "rules", 0, "no rules found");
        rc = NC_ERULES;
        goto fail;
    }
    if ((rc = build_prefilter(rs, &kws, numbers, err, errlen)))
        goto fail;
    kw_list_free(&kws);
    *out = rs;
    return 0;
fail:
    kw_list_free(&kws);
    nc_ruleset_free(rs);
    return rc;
}

void nc_ruleset_free(nc_ruleset *rs)
{
    if (!rs)
        return;
    for (size_t i = 0; i < rs->n; i++)
        rule_clear(&rs->rules[i]);
    free(rs->rules);
    for (size_t i = 0; i < rs->n_macros; i++) {
        free(rs->macros[i].name);
        free(rs->macros[i].body);
        pcre2_code_free(rs->macros[i].re);
    }
    free(rs->macros);
    for (size_t i = 0; i < rs->table_size; i++) {
        free(rs->table[i].word);
        free(rs->table[i].bits);
    }
    free(rs->table);
    free(rs->always);
    free(rs->need_number);
    free(rs);
}

size_t nc_ruleset_size(const nc_ruleset *rs) { return rs->n; }
const nc_rule *nc_ruleset_rule(const nc_ruleset *rs, size_t i) { return &rs->rules[i]; }
uint32_t nc_ruleset_max_groups(const nc_ruleset *rs) { return rs->max_groups; }
size_t nc_ruleset_bitset_words(const nc_ruleset *rs) { return rs->words; }

const pcre2_code *nc_ruleset_macro_regex(const nc_ruleset *rs, const char *name)
{
    const macro *m = find_macro(rs, name, strlen(name));
    return m ? m->re : NULL;
}

int nc_ruleset_compile_macro(nc_ruleset *rs, const char *name, char *err, size_t errlen)
{
    macro *m = (macro *)find_macro(rs, name, strlen(name));
    if (!m) {
        set_err(err, errlen, "macros.txt", 0, "macro %s is required", name);
        return NC_ERULES;
    }
    nc_buf expanded = {0};
    int rc = expand(rs, m->body, &expanded, 0, m->file, m->line, err, errlen);
    if (rc) {
        nc_buf_free(&expanded);
        return rc;
    }
    int errcode;
    PCRE2_SIZE erroff;
    m->re = pcre2_compile((PCRE2_SPTR)expanded.data, PCRE2_ZERO_TERMINATED, COMPILE_OPTIONS, &errcode, &erroff, NULL);
    nc_buf_free(&expanded);
    if (!m->re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        set_err(err, errlen, m->file, m->line, "macro %s: pattern error: %s", name, (char *)msg);
        return NC_ERULES;
    }
    if (!getenv("NEWSCLAIMS_NO_JIT"))
        pcre2_jit_compile(m->re, PCRE2_JIT_COMPLETE);
    return 0;
}
