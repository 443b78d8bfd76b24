/* Rule files: parsing (rules, macros, examples) and the ruleset object.
 * Expansion, compilation and matching are in compile.c, the keyword
 * prefilter in prefilter.c. */
#include "rules/ruleset_int.h"
#include "input/lines.h"
#include "newsclaims.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void nc_rs_err(char *err, size_t errlen, const char *file, int line, const char *fmt, ...)
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
#define set_err nc_rs_err

static int is_macro_name_char(int c) { return isupper(c) || isdigit(c) || c == '_'; }

/* ---------- macros ---------- */

const macro *nc_rs_find_macro(const nc_ruleset *rs, const char *name, size_t len)
{
    for (size_t i = 0; i < rs->n_macros; i++)
        if (strlen(rs->macros[i].name) == len && memcmp(rs->macros[i].name, name, len) == 0)
            return &rs->macros[i];
    return NULL;
}

int nc_rs_add_macro(nc_ruleset *rs, const char *name, size_t name_len, const char *body, const char *file,
                    int line)
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
    m->file = strdup(file); /* the source's name may not outlive the load */
    m->line = line;
    if (!m->name || !m->body || !m->file) {
        free(m->name);
        free(m->body);
        free((char *)m->file);
        return NC_ENOMEM;
    }
    rs->n_macros++;
    return 0;
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
            if (nc_rs_find_macro(rs, name, name_len)) {
                set_err(err, errlen, src->name, start_line, "macro %.*s defined twice", (int)name_len, name);
                rc = NC_ERULES;
                goto out;
            }
            if ((rc = nc_rs_add_macro(rs, name, name_len, body.data ? body.data : "", src->name, start_line)))
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
    free(r->source);
    free(r->pattern);
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

/* The eager part: the rule's own code, compiled now so that a pattern
 * error is reported at load. No JIT here: matching JIT-compiles its own
 * code on first use, and JIT-compiling every rule of a large folder up
 * front (100,000 rules: 6 s) buys nothing. */
static int compile_now(nc_ruleset *rs, size_t i, char *err, size_t errlen)
{
    return nc_rs_prepare_rule(rs, i, err, errlen);
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

/* ---------- rule ids: a hash set, so that loading n rules checks
 * duplicates in O(n), not O(n^2) ---------- */

static size_t id_hash(const char *id)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (; *id; id++)
        h = (h ^ (unsigned char)*id) * 1099511628211u;
    return (size_t)h;
}

/* The index of the rule with this id, or SIZE_MAX. */
static size_t id_find(const nc_ruleset *rs, const char *id)
{
    if (!rs->ids_cap)
        return SIZE_MAX;
    for (size_t i = id_hash(id) & (rs->ids_cap - 1); rs->ids[i]; i = (i + 1) & (rs->ids_cap - 1))
        if (strcmp(rs->rules[rs->ids[i] - 1].id, id) == 0)
            return rs->ids[i] - 1;
    return SIZE_MAX;
}

static void id_put(uint32_t *ids, size_t cap, const char *id, uint32_t v)
{
    size_t i = id_hash(id) & (cap - 1);
    while (ids[i])
        i = (i + 1) & (cap - 1);
    ids[i] = v;
}

/* Adds rule k (its id not yet in the set). 0 or NC_ENOMEM. */
static int id_add(nc_ruleset *rs, size_t k)
{
    if (k >= UINT32_MAX - 1)
        return NC_ENOMEM;
    if (2 * (k + 1) > rs->ids_cap) {
        size_t cap = rs->ids_cap ? rs->ids_cap * 2 : 256;
        uint32_t *ids = calloc(cap, sizeof *ids);
        if (!ids)
            return NC_ENOMEM;
        for (size_t i = 0; i < k; i++)
            id_put(ids, cap, rs->rules[i].id, (uint32_t)(i + 1));
        free(rs->ids);
        rs->ids = ids;
        rs->ids_cap = cap;
    }
    id_put(rs->ids, rs->ids_cap, rs->rules[k].id, (uint32_t)(k + 1));
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
    size_t dup = id_find(rs, d->id.data);
    if (dup != SIZE_MAX) {
        set_err(err, errlen, file, d->line, "rule id %s already defined at %s:%d", d->id.data,
                rs->rules[dup].file, rs->rules[dup].line);
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
    if (!r->id || !r->file || id_add(rs, rs->n - 1))
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
    int erc = rule_extras(r, d, file, err, errlen);
    if (erc)
        return erc;
    r->source = strdup(d->pattern.data);
    if (!r->source)
        return NC_ENOMEM;
    r->pattern_line = d->pattern_line;
    r->lead_macro = nc_rs_lead_macro(rs, r->source, file, d->pattern_line);
    int rc = parse_examples(r, d, file, err, errlen);
    if (rc)
        return rc;
    /* rs->rule_re grows with the rules: allocated once they are all read */
    return 0;
}

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
            const macro *m = nc_rs_find_macro(rs, p + 1, (size_t)(q - p - 1));
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

/* ---------- public ---------- */

static int add_generated_macros(nc_ruleset *rs, const nc_numbers *numbers)
{
    int rc;
    if ((rc = nc_rs_add_macro(rs, "NUMWORD", 7, nc_numbers_word_alternation(numbers), "numbers", 0)) ||
        (rc = nc_rs_add_macro(rs, "QUALIFIER", 9, nc_numbers_qualifier_alternation(numbers), "numbers", 0)) ||
        (rc = nc_rs_add_macro(rs, "VAGUE", 5, nc_numbers_vague_alternation(numbers), "numbers", 0)))
        return rc;
    return 0;
}

static int ruleset_new(nc_ruleset **out, const nc_rule_source *sources, size_t n_sources,
                       const nc_rule_source *macros_src, const nc_numbers *numbers, int lazy, char *err,
                       size_t errlen)
{
    *out = NULL;
    kw_list kws = {0};
    nc_ruleset *rs = calloc(1, sizeof *rs);
    int rc = NC_ENOMEM;
    if (!rs)
        goto fail;
    if (pthread_mutex_init(&rs->lock, NULL)) {
        free(rs);
        rs = NULL;
        goto fail;
    }
    rs->lazy = lazy;
    rs->no_jit = getenv("NEWSCLAIMS_NO_JIT") != NULL;
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
    rc = NC_ENOMEM;
    if (!(rs->rule_re = calloc(rs->n, sizeof *rs->rule_re)) || !(rs->prebuilt = calloc(rs->n, sizeof *rs->prebuilt)))
        goto fail;
    /* keywords first: checking them is quick, and a mistake in one is
     * then reported before every pattern of a large folder compiles */
    if ((rc = nc_rs_build_prefilter(rs, &kws, numbers, err, errlen)))
        goto fail;
    for (size_t i = 0; i < rs->n && !lazy; i++)
        if ((rc = compile_now(rs, i, err, errlen)))
            goto fail;
    kw_list_free(&kws);
    free(rs->ids); /* needed only while loading */
    rs->ids = NULL;
    rs->ids_cap = 0;
    *out = rs;
    return 0;
fail:
    kw_list_free(&kws);
    nc_ruleset_free(rs);
    return rc;
}

int nc_ruleset_new(nc_ruleset **out, const nc_rule_source *sources, size_t n_sources,
                   const nc_rule_source *macros_src, const nc_numbers *numbers, char *err, size_t errlen)
{
    return ruleset_new(out, sources, n_sources, macros_src, numbers, 0, err, errlen);
}

int nc_ruleset_new_lazy(nc_ruleset **out, const nc_rule_source *sources, size_t n_sources,
                        const nc_rule_source *macros_src, const nc_numbers *numbers, char *err, size_t errlen)
{
    return ruleset_new(out, sources, n_sources, macros_src, numbers, 1, err, errlen);
}

void nc_ruleset_free(nc_ruleset *rs)
{
    if (!rs)
        return;
    for (size_t i = 0; i < rs->n; i++) {
        rule_clear(&rs->rules[i]);
        if (rs->rule_re)
            nc_rs_lazy_free(&rs->rule_re[i]);
    }
    free(rs->rules);
    free(rs->rule_re);
    free(rs->prebuilt);
    for (size_t i = 0; i < rs->n_macros; i++) {
        free(rs->macros[i].name);
        free(rs->macros[i].body);
        free((char *)rs->macros[i].file);
        nc_rs_lazy_free(&rs->macros[i].re);
    }
    free(rs->macros);
    free(rs->ids);
    nc_rs_free_prefilter(rs);
    pthread_mutex_destroy(&rs->lock);
    free(rs);
}

size_t nc_ruleset_size(const nc_ruleset *rs) { return rs->n; }
const nc_rule *nc_ruleset_rule(const nc_ruleset *rs, size_t i) { return &rs->rules[i]; }
uint32_t nc_ruleset_max_groups(const nc_ruleset *rs) { (void)rs; return NC_RULE_MAX_GROUPS; }
size_t nc_ruleset_bitset_words(const nc_ruleset *rs) { return rs->words; }

