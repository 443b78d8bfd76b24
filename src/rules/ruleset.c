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
#include <strings.h>

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
    uint64_t *need_two;      /* rules that need two numbers ("2 soldiers and 3 civilians") */
    uint64_t *need_name;     /* rules that need two capitalised words in a row (a name) */
    /* A rule's second and later "keywords:" lines: each has a bit of its
     * own after the rules' (slot), and the rule stays a candidate only when
     * every one of its lines has a word in the sentence. */
    struct and_group {
        size_t rule, slot;
    } *and_groups;
    size_t n_and_groups;
    size_t words;            /* uint64_t words per bitset (rules, then and_groups' slots) */
    uint32_t max_groups;
    const nc_lexicon *lex; /* where the exact keywords are (nc_ruleset_index), or NULL */
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
    for (size_t i = 0; i < r->n_count_words; i++)
        free(r->count_words[i]);
    free(r->count_words);
    free(r->count_values);
    memset(r, 0, sizeof *r);
}

/* The fields of one rule block as read, before compilation. */
typedef struct rule_draft {
    int line;
    nc_buf id, category, keywords, pattern, add, zero, numbers, names, count, role, update;
    int category_line, keywords_line, pattern_line, add_line, zero_line, numbers_line, names_line;
    int count_line, role_line, update_line;
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
    nc_buf_free(&d->names);
    nc_buf_free(&d->count);
    nc_buf_free(&d->role);
    nc_buf_free(&d->update);
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

/* "double=2 triple=3": what a count group that is one of these words
 * counts. 0, NC_ERULES or NC_ENOMEM. */
static int parse_count_words(nc_rule *r, const char *s)
{
    size_t cap = 1;
    for (const char *p = s; *p; p++)
        cap += *p == '=';
    r->count_words = calloc(cap, sizeof *r->count_words);
    r->count_values = calloc(cap, sizeof *r->count_values);
    if (!r->count_words || !r->count_values)
        return NC_ENOMEM;
    for (const char *p = s; *p;) {
        while (*p && isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        const char *w = p;
        while (isalpha((unsigned char)*p))
            p++;
        size_t wn = (size_t)(p - w);
        if (!wn || *p != '=' || !isdigit((unsigned char)p[1]))
            return NC_ERULES;
        char *end;
        long v = strtol(p + 1, &end, 10);
        if (v < 0 || v > 1000 || (*end && !isspace((unsigned char)*end)))
            return NC_ERULES;
        char *low = nc_strndup(w, wn);
        if (!low)
            return NC_ENOMEM;
        for (size_t i = 0; i < wn; i++)
            low[i] = (char)tolower((unsigned char)low[i]);
        r->count_words[r->n_count_words] = low;
        r->count_values[r->n_count_words++] = (int)v;
        p = end;
    }
    return r->n_count_words ? 0 : NC_ERULES;
}

int nc_rule_count_word(const nc_rule *r, const char *s, size_t n, int64_t *v)
{
    for (size_t i = 0; i < r->n_count_words; i++)
        if (strlen(r->count_words[i]) == n && strncasecmp(r->count_words[i], s, n) == 0) {
            *v = r->count_values[i];
            return 1;
        }
    return 0;
}

/* The keys count:, role: and update: (data/rules/README). */
static int rule_extras(nc_rule *r, const rule_draft *d, const char *file, char *err, size_t errlen)
{
    if (d->count.len) {
        char *end;
        long v = strtol(d->count.data, &end, 10);
        if (strcmp(d->count.data, "items") == 0) {
            r->count_items = 1;
        } else if (end != d->count.data && !*end && v >= 0 && v <= 1000) {
            r->fixed_count = (int)v;
            r->has_fixed_count = 1;
        } else if (strchr(d->count.data, '=')) {
            int rc = parse_count_words(r, d->count.data);
            if (rc == NC_ERULES)
                set_err(err, errlen, file, d->count_line, "count words must be word=number, separated by spaces");
            if (rc)
                return rc;
        } else {
            set_err(err, errlen, file, d->count_line,
                    "count must be a small number, \"items\" or word=number pairs");
            return NC_ERULES;
        }
    }
    if (d->role.len) {
        if (strcmp(d->role.data, "victim") == 0)
            r->role = NC_ROLE_VICTIM;
        else if (strcmp(d->role.data, "perpetrator") == 0)
            r->role = NC_ROLE_PERPETRATOR;
        else {
            set_err(err, errlen, file, d->role_line, "role must be victim or perpetrator");
            return NC_ERULES;
        }
    }
    if (d->update.len) {
        if (strcmp(d->update.data, "toll") == 0)
            r->update = NC_UPDATE_TOLL;
        else if (strcmp(d->update.data, "later") == 0)
            r->update = NC_UPDATE_LATER;
        else {
            set_err(err, errlen, file, d->update_line, "update must be toll or later");
            return NC_ERULES;
        }
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
        if (strcmp(d->numbers.data, "any") && strcmp(d->numbers.data, "required") && strcmp(d->numbers.data, "two")) {
            set_err(err, errlen, file, d->numbers_line, "numbers must be required, two or any");
            return NC_ERULES;
        }
        r->needs_number = strcmp(d->numbers.data, "required") == 0 ? 1 : strcmp(d->numbers.data, "two") == 0 ? 2 : 0;
    }
    if (d->names.len) {
        if (strcmp(d->names.data, "any") && strcmp(d->names.data, "required")) {
            set_err(err, errlen, file, d->names_line, "names must be required or any");
            return NC_ERULES;
        }
        r->needs_name = strcmp(d->names.data, "required") == 0;
    }
    int rc = rule_extras(r, d, file, err, errlen);
    if (rc)
        return rc;
    nc_buf expanded = {0};
    rc = expand(rs, d->pattern.data, &expanded, 0, file, d->pattern_line, err, errlen);
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

/* Keeps a rule's keywords, with each {NAME} replaced by the words of macro
 * NAME (a plain word list, such as PERSONWORDS, shared by many rules). */
static int kw_list_add_expanded(const nc_ruleset *rs, kw_list *l, size_t rule, int line, const char *words,
                                const char *file, char *err, size_t errlen)
{
    nc_buf out = {0};
    int rc = 0;
    for (const char *p = words; *p && !rc;) {
        const char *q = p + 1;
        if (*p == '{')
            while (is_macro_name_char((unsigned char)*q))
                q++;
        if (*p == '{' && q > p + 1 && *q == '}') {
            const macro *m = find_macro(rs, p + 1, (size_t)(q - p - 1));
            if (!m) {
                set_err(err, errlen, file, line, "unknown macro {%.*s} in keywords", (int)(q - p - 1), p + 1);
                rc = NC_ERULES;
                break;
            }
            rc = nc_buf_append_byte(&out, ' ') || nc_buf_append_str(&out, m->body) || nc_buf_append_byte(&out, ' ')
                     ? NC_ENOMEM : 0;
            p = q + 1;
            continue;
        }
        rc = nc_buf_append_byte(&out, *p);
        p++;
    }
    if (!rc)
        rc = kw_list_add(l, rule, line, out.data ? out.data : "");
    nc_buf_free(&out);
    return rc;
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
    FIELD("names", names, &d->names_line);
    FIELD("count", count, &d->count_line);
    FIELD("role", role, &d->role_line);
    FIELD("update", update, &d->update_line);
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
                if (d.keywords.len && (rc = kw_list_add_expanded(rs, kws, before, d.keywords_line, d.keywords.data,
                                                                 src->name, err, errlen)))
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
        if (current == &d.keywords && current->len) {
            /* another keywords: line, another group of words the sentence
             * must have one of */
            if ((rc = nc_buf_append_byte(current, ';')) || (rc = nc_buf_append(current, val, vn)))
                goto out;
            continue;
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
        if (d.keywords.len && (rc = kw_list_add_expanded(rs, kws, before, d.keywords_line, d.keywords.data,
                                                         src->name, err, errlen)))
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
    size_t groups = 0;
    for (size_t i = 0; i < kws->n; i++)
        groups += count_char(kws->items[i].words, ';');
    if (groups && !(rs->and_groups = calloc(groups, sizeof *rs->and_groups)))
        return NC_ENOMEM;
    rs->words = (rs->n + groups) / 64 + 1;
    rs->always = calloc(rs->words, sizeof(uint64_t));
    rs->need_number = calloc(rs->words, sizeof(uint64_t));
    rs->need_name = calloc(rs->words, sizeof(uint64_t));
    rs->need_two = calloc(rs->words, sizeof(uint64_t));
    if (!rs->always || !rs->need_number || !rs->need_name || !rs->need_two)
        return NC_ENOMEM;
    for (size_t i = 0; i < rs->n; i++) {
        if (rs->rules[i].needs_number)
            rs->need_number[i / 64] |= 1ULL << (i % 64);
        if (rs->rules[i].needs_number > 1)
            rs->need_two[i / 64] |= 1ULL << (i % 64);
        if (rs->rules[i].needs_name)
            rs->need_name[i / 64] |= 1ULL << (i % 64);
    }
    size_t total = 0;
    for (size_t i = 0; i < kws->n; i++)
        for (const char *p = kws->items[i].words; *p; p++)
            total += isspace((unsigned char)*p) != 0;
    total += kws->n + groups + 1 + count_char(nc_numbers_word_alternation(numbers), '|') +
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
        size_t rule = kws->items[i].rule, slot = rule;
        const nc_rule *r = &rs->rules[rule];
        for (const char *p = kws->items[i].words; *p && !rc;) {
            if (*p == ';') { /* the next keywords: line */
                slot = rs->n + rs->n_and_groups;
                rs->and_groups[rs->n_and_groups++] = (struct and_group){rule, slot};
                p++;
                continue;
            }
            while (*p && (isspace((unsigned char)*p) || *p == ','))
                p++;
            const char *q = p;
            while (*q && !isspace((unsigned char)*q) && *q != ',' && *q != ';')
                q++;
            if (q > p) {
                rc = add_keyword(rs, p, (size_t)(q - p), slot, r->file, kws->items[i].line, err, errlen);
                has_kw[rule] = 1;
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

/* The ASCII-letter words of text[0, len) (a token that is not plain ASCII
 * letters: "d'Ivoire", "U.S.", "Élysée", "3rd"), as the keywords see
 * them. Returns how many are number words. */
static int bytes_hits(const nc_ruleset *rs, const char *text, size_t len, uint64_t *bits)
{
    char tok[64];
    size_t i = 0;
    const unsigned char *t = (const unsigned char *)text;
    int number = 0;
    while (i < len) {
        while (i < len && !ascii_lower[t[i]])
            i++;
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
        number += word_hits(rs, tok, n, prefixes, exact, bits);
    }
    return number;
}

void nc_ruleset_candidates(const nc_ruleset *rs, const nc_document *doc, size_t si, uint64_t *bits)
{
    memcpy(bits, rs->always, rs->words * sizeof(uint64_t));
    const nc_tokens *tk = &doc->tokens;
    int numbers = 0, has_name = 0, prev_cap = 0; /* numbers: how many (or more) */
    if (!tk->sent_first) { /* no stream: read the sentence's bytes */
        const nc_sentence *s = &doc->sentences[si];
        for (size_t i = s->start; i < s->end; i++) {
            unsigned char c = (unsigned char)doc->text[i];
            numbers += c >= '0' && c <= '9' && (i == s->start || !(doc->text[i - 1] >= '0' && doc->text[i - 1] <= '9'));
            /* a capital starting a word right after a capitalised word and a space */
            if (i == s->start || doc->text[i - 1] == ' ') {
                int cap = c >= 'A' && c <= 'Z';
                has_name |= cap && prev_cap && i > s->start;
                prev_cap = cap;
            } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '\'' || c == ' ')) {
                prev_cap = 0; /* punctuation ends the run */
            }
        }
        numbers += bytes_hits(rs, doc->text + s->start, s->end - s->start, bits);
    }
    int by_lexicon = tk->lex && tk->lex == rs->lex;
    for (size_t i = tk->sent_first ? tk->sent_first[si] : 0, e = tk->sent_first ? tk->sent_first[si + 1] : 0;
         i < e; i++) {
        const nc_token *t = &tk->items[i];
        if (t->kind != NC_TOKEN_WORD)
            continue;
        if (!(t->flags & NC_TOKEN_ALPHA)) {
            numbers += (t->flags & NC_TOKEN_HAS_DIGIT) != 0;
            numbers += bytes_hits(rs, doc->text + t->start, t->end - t->start, bits);
            continue;
        }
        /* a word of ASCII letters: its key is the text lower-cased, its hash
         * the prefilter's, and the tokenizer has looked it up already */
        size_t n = t->key_len;
        uint64_t prefixes = rs->prefix_lengths[t->key[0] - 'a'] & (n < 63 ? (2ULL << n) - 1 : ~0ULL);
        if (prefixes)
            word_hits(rs, t->key, n, prefixes, 0, bits);
        const keyword *k = NULL;
        if (by_lexicon) {
            uint32_t v = nc_lexicon_get(tk->lex, t->lex, NC_LEX_RULE);
            k = v ? &rs->table[v - 1] : NULL;
        } else if (n <= 64 && (rs->exact_lengths[t->key[0] - 'a'][t->key[n - 1] - 'a'] >> (n < 63 ? n : 63) & 1)) {
            k = lookup_hashed(rs, t->hash, t->key, n, 0);
        }
        if (k) {
            numbers += k->number;
            for (size_t w = 0; w < rs->words; w++)
                bits[w] |= k->bits[w];
        }
    }
    if (numbers < 2)
        for (size_t w = 0; w < rs->words; w++)
            bits[w] &= ~(numbers ? rs->need_two[w] : rs->need_number[w]);
    /* a name: read only when a candidate needs one */
    uint64_t want_name = 0;
    for (size_t w = 0; w < rs->words; w++)
        want_name |= bits[w] & rs->need_name[w];
    if (want_name && tk->sent_first)
        for (size_t i = tk->sent_first[si], e = tk->sent_first[si + 1]; i < e && !has_name; i++) {
            const nc_token *t = &tk->items[i];
            int cap = t->kind == NC_TOKEN_WORD && (t->flags & NC_TOKEN_CAP);
            has_name = cap && prev_cap && (t->flags & NC_TOKEN_SPACE);
            prev_cap = cap;
        }
    if (want_name && !has_name)
        for (size_t w = 0; w < rs->words; w++)
            bits[w] &= ~rs->need_name[w];
    for (size_t g = 0; g < rs->n_and_groups; g++) {
        size_t slot = rs->and_groups[g].slot, rule = rs->and_groups[g].rule;
        if (!(bits[slot / 64] >> (slot % 64) & 1))
            bits[rule / 64] &= ~(1ULL << (rule % 64));
    }
}

int nc_ruleset_index(nc_ruleset *rs, nc_lexicon *lex)
{
    for (size_t i = 0; i < rs->table_size; i++) {
        const keyword *k = &rs->table[i];
        if (!k->word || k->prefix || k->len > 64)
            continue;
        uint32_t id;
        int rc = nc_lexicon_add(lex, k->word, k->len, &id);
        if (rc)
            return rc;
        nc_lexicon_set(lex, id, NC_LEX_RULE, (uint32_t)i + 1);
    }
    rs->lex = lex;
    return 0;
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
    free(rs->need_name);
    free(rs->need_two);
    free(rs->and_groups);
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
