/* Rule examples: every rule carries sentences with the figures they must
 * yield; this runs them (make check, newsclaims --check-rules). */
#include "core/context.h"
#include "extract/casualty/casualty.h"
#include "newsclaims.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct expected {
    int category;
    int qualifier; /* -1: any */
    int is_range;
    int64_t a, b;
} expected;

static int qualifier_from_name(const char *s, size_t n)
{
    for (int q = NC_Q_EXACT; q <= NC_Q_VAGUE; q++) {
        const char *name = nc_qualifier_name((nc_qualifier)q);
        if (strlen(name) == n && memcmp(name, s, n) == 0)
            return q;
    }
    return -1;
}

/* "killed at_least 12" / "deployed 10000-12000" / "injured 4" */
static int parse_expected(const char *s, size_t n, expected *e)
{
    char buf[128];
    if (n >= sizeof buf)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *tok[3];
    int nt = 0;
    for (char *p = strtok(buf, " \t"); p && nt < 3; p = strtok(NULL, " \t"))
        tok[nt++] = p;
    if (nt < 2 || strtok(NULL, " \t"))
        return -1;
    e->category = nc_category_from_name(tok[0], strlen(tok[0]));
    e->qualifier = nt == 3 ? qualifier_from_name(tok[1], strlen(tok[1])) : -1;
    if (e->category < 0 || (nt == 3 && e->qualifier < 0))
        return -1;
    char *num = tok[nt - 1], *end;
    e->a = strtoll(num, &end, 10);
    e->b = 0;
    e->is_range = *end == '-';
    if (e->is_range)
        e->b = strtoll(end + 1, &end, 10);
    return *end ? -1 : 0;
}

static int figure_matches(const nc_figure *f, const expected *e)
{
    const nc_count *c = &f->count;
    if ((int)f->category != e->category || (e->qualifier >= 0 && (int)c->qualifier != e->qualifier))
        return 0;
    if (e->is_range)
        return c->has_low && c->has_high && c->low == e->a && c->high == e->b;
    if (c->has_value)
        return c->value == e->a;
    return c->has_low && c->low == e->a;
}

static void describe(const nc_figures *f, char *out, size_t n)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < f->n && used < n; i++) {
        const nc_figure *x = &f->items[i];
        long long v = x->count.has_value ? x->count.value : x->count.has_low ? x->count.low : -1;
        int w = snprintf(out + used, n - used, "%s%s %s %lld (%s)", i ? "; " : "", nc_category_name(x->category),
                         nc_qualifier_name(x->count.qualifier), v, x->rule->id);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    if (!f->n)
        snprintf(out, n, "none");
}

/* Checks one example; writes a failure message into msg, or msg[0] = 0. */
static int check_one(const nc_context *ctx, const nc_rule *r, const nc_rule_example *ex, char *msg, size_t msglen)
{
    nc_document doc = {0};
    nc_figures figs = {0};
    size_t invalid;
    msg[0] = '\0';
    doc.no_jit = 1; /* one sentence each: the interpreter costs less than compiling */
    int rc = nc_text_decode(ex->text, strlen(ex->text), &doc.text, &doc.len, &invalid);
    if (!rc)
        rc = nc_text_segment(&doc, ctx->abbrevs, 0);
    if (!rc)
        rc = nc_tokens_build(&doc, ctx->lexicon);
    if (!rc)
        rc = nc_casualty_extract(ctx->rules, ctx->numbers, &doc, &figs);
    if (rc)
        goto out;
    char got[512];
    describe(&figs, got, sizeof got);
    if (strcmp(ex->expect, "none") == 0) {
        if (figs.n)
            snprintf(msg, msglen, "%s:%d: rule %s: expected no figure, got %s", r->file, ex->line, r->id, got);
        goto out;
    }
    int by_rule = 0;
    for (const char *p = ex->expect; *p;) {
        const char *semi = strchr(p, ';');
        size_t n = semi ? (size_t)(semi - p) : strlen(p);
        expected e = {0};
        while (n && isspace((unsigned char)*p))
            p++, n--;
        if (parse_expected(p, n, &e)) {
            snprintf(msg, msglen, "%s:%d: rule %s: cannot read expectation \"%.*s\"", r->file, ex->line, r->id, (int)n, p);
            goto out;
        }
        int found = 0;
        for (size_t i = 0; i < figs.n; i++)
            if (figure_matches(&figs.items[i], &e)) {
                found = 1;
                by_rule |= figs.items[i].rule == r;
            }
        if (!found) {
            snprintf(msg, msglen, "%s:%d: rule %s: expected %.*s, got %s", r->file, ex->line, r->id, (int)n, p, got);
            goto out;
        }
        p = semi ? semi + 1 : p + n;
    }
    if (!by_rule)
        snprintf(msg, msglen, "%s:%d: rule %s: figures right but none came from this rule (got %s)", r->file,
                 ex->line, r->id, got);
out:
    nc_figures_free(&figs);
    nc_document_clear(&doc);
    return rc;
}

int nc_context_check_examples(const nc_context *ctx, void (*report)(const char *msg, void *user), void *user,
                              size_t *passed, size_t *failed)
{
    *passed = *failed = 0;
    char msg[1024];
    /* every rule compiles, or the first that does not is one failure */
    int crc = nc_ruleset_compile_all(ctx->rules, msg, sizeof msg);
    if (crc == NC_ENOMEM)
        return crc;
    if (crc) {
        (*failed)++;
        if (report)
            report(msg, user);
        return 0;
    }
    for (size_t i = 0; i < nc_ruleset_size(ctx->rules); i++) {
        const nc_rule *r = nc_ruleset_rule(ctx->rules, i);
        for (size_t k = 0; k < r->n_examples; k++) {
            int rc = check_one(ctx, r, &r->examples[k], msg, sizeof msg);
            if (rc)
                return rc;
            if (msg[0]) {
                (*failed)++;
                if (report)
                    report(msg, user);
            } else {
                (*passed)++;
            }
        }
    }
    return 0;
}
