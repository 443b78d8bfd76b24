/* --tag-conllu (conllu.h). */
#include "cli/conllu.h"
#include "core/context.h"
#include "input/lines.h"
#include "text/pos.h"
#include <stdlib.h>
#include <string.h>

#define NC_CONLLU_MAX_LINE ((size_t)1 << 20)

typedef struct line {
    char *text;
    size_t len;
    long word;     /* index among the sentence's words, or -1: written as is */
    size_t col[10]; /* start of each column (word lines) */
} line;

typedef struct sentence {
    line *l;
    size_t n, cap;
    const char **forms;
    size_t *lens;
    unsigned char *tags;
    size_t nw, capw;
} sentence;

static int grow_words(sentence *s)
{
    if (s->nw < s->capw)
        return 0;
    size_t cap = s->capw ? 2 * s->capw : 64;
    const char **f = realloc(s->forms, cap * sizeof *f);
    if (!f)
        return NC_ENOMEM;
    s->forms = f;
    size_t *l = realloc(s->lens, cap * sizeof *l);
    if (!l)
        return NC_ENOMEM;
    s->lens = l;
    unsigned char *t = realloc(s->tags, cap);
    if (!t)
        return NC_ENOMEM;
    s->tags = t;
    s->capw = cap;
    return 0;
}

/* Tags the sentence held and writes it (and the blank line ending it). */
static int flush(const nc_context *ctx, sentence *s, FILE *out, int blank)
{
    int rc = 0;
    if (s->nw) {
        for (size_t i = 0; i < s->n; i++)
            if (s->l[i].word >= 0) {
                line *l = &s->l[i];
                s->forms[l->word] = l->text + l->col[1];
                s->lens[l->word] = l->col[2] - 1 - l->col[1];
            }
        rc = nc_pos_tag(ctx->pos, s->forms, s->lens, s->nw, s->tags);
    }
    for (size_t i = 0; i < s->n && !rc; i++) {
        line *l = &s->l[i];
        if (l->word < 0) {
            fwrite(l->text, 1, l->len, out);
        } else {
            unsigned c = s->tags[l->word];
            fwrite(l->text, 1, l->col[3], out);
            fprintf(out, "%s\t%s\t", nc_upos_name((nc_upos)ctx->pos->class_upos[c]), ctx->pos->class_xpos[c]);
            fwrite(l->text + l->col[5], 1, l->len - l->col[5], out);
        }
        fputc('\n', out);
    }
    if (blank && !rc)
        fputc('\n', out);
    for (size_t i = 0; i < s->n; i++)
        free(s->l[i].text);
    s->n = 0;
    s->nw = 0;
    if (!rc && ferror(out))
        rc = NC_EIO;
    return rc;
}

int nc_conllu_tag(const nc_context *ctx, const char *path, FILE *out, FILE *err,
                  size_t *sentences, size_t *tokens, size_t *bad_lines)
{
    sentence s = {0};
    size_t nsent = 0, ntok = 0, nbad = 0;
    char msg[256];
    nc_lines ls;
    int rc = nc_lines_open(&ls, path, NC_CONLLU_MAX_LINE, msg, sizeof msg);
    if (rc) {
        fprintf(err, "newsclaims: %s: %s\n", path, msg);
        return rc;
    }
    nc_line ln;
    int more = 0;
    while (!rc && (more = nc_lines_next(&ls, &ln)) > 0) {
        size_t lineno = ln.lineno;
        if (ln.error) {
            fprintf(err, "newsclaims: %s:%zu: %s; left out\n", path, lineno,
                    ln.error == NC_ETOOBIG ? "line longer than 1 MiB" : nc_strerror(ln.error));
            nbad++;
            continue;
        }
        const char *buf = ln.s;
        size_t n = ln.len;
        if (n == 0) {
            nsent += s.nw > 0;
            rc = flush(ctx, &s, out, 1);
            continue;
        }
        if (s.n == s.cap) {
            size_t c = s.cap ? 2 * s.cap : 64;
            line *l = realloc(s.l, c * sizeof *l);
            if (!l) {
                rc = NC_ENOMEM;
                break;
            }
            s.l = l;
            s.cap = c;
        }
        line *l = &s.l[s.n];
        l->text = malloc(n + 1);
        if (!l->text) {
            rc = NC_ENOMEM;
            break;
        }
        memcpy(l->text, buf, n);
        l->text[n] = '\0';
        l->len = n;
        l->word = -1;
        s.n++;
        size_t digits = strspn(l->text, "0123456789");
        if (l->text[0] == '#' || !digits || l->text[digits] != '\t')
            continue; /* comment, multiword range, empty node: as they are */
        size_t k = 0;
        l->col[k++] = 0;
        for (size_t i = 0; i < n && k < 10; i++)
            if (l->text[i] == '\t')
                l->col[k++] = i + 1;
        if (k < 10 || memchr(l->text + l->col[9], '\t', n - l->col[9])) {
            fprintf(err, "newsclaims: %s:%zu: a word line needs 10 tab-separated columns; written as it is\n",
                    path, lineno);
            nbad++;
            continue;
        }
        if ((rc = grow_words(&s)))
            break;
        l->word = (long)s.nw++;
        ntok++;
    }
    if (!rc && more < 0) {
        fprintf(err, "newsclaims: %s:%zu: %s\n", path, ln.lineno, nc_lines_error(&ls));
        rc = NC_EIO;
    }
    nc_lines_close(&ls);
    if (!rc) {
        nsent += s.nw > 0;
        rc = flush(ctx, &s, out, 0);
    }
    for (size_t i = 0; i < s.n; i++)
        free(s.l[i].text);
    free(s.l);
    free(s.forms);
    free(s.lens);
    free(s.tags);
    if (sentences)
        *sentences = nsent;
    if (tokens)
        *tokens = ntok;
    if (bad_lines)
        *bad_lines = nbad;
    return rc;
}
