/* Quotation finder: decides for each double quote mark whether it opens or
 * closes, from its curl or, for a straight mark, from the spaces around it,
 * and pairs the marks paragraph by paragraph. */
#include "extract/claims/quote.h"
#include "newsclaims.h"
#include <stdlib.h>
#include <string.h>

enum { MARK_NONE, MARK_OPEN, MARK_CLOSE };

/* Whether mark i opens or closes a quotation. A straight mark opens after
 * white space or an opening bracket or dash when a word follows it without
 * a space; it closes after a non-space. */
static int mark_role(const nc_toks *toks, size_t i)
{
    const nc_tok *t = &toks->items[i];
    if (t->ch == 'L')
        return MARK_OPEN;
    if (t->ch == 'R')
        return MARK_CLOSE;
    int space_before = (t->flags & NC_TOK_SPACE_BEFORE) ||
                       (i > 0 && toks->items[i - 1].kind == NC_TOK_PUNCT &&
                        (toks->items[i - 1].ch == '(' || toks->items[i - 1].ch == '-' ||
                         toks->items[i - 1].ch == '['));
    int glued_after = i + 1 < toks->n && toks->items[i + 1].para == t->para &&
                      !(toks->items[i + 1].flags & NC_TOK_SPACE_BEFORE);
    if (space_before && glued_after)
        return MARK_OPEN;
    if (!space_before)
        return MARK_CLOSE;
    return MARK_NONE; /* a mark standing alone between spaces */
}

static int add(nc_quotes *q, const nc_toks *toks, size_t open, size_t close, unsigned paras)
{
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 32;
        nc_quote *p = realloc(q->items, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        q->items = p;
        q->cap = cap;
    }
    unsigned words = 0;
    for (size_t i = open + 1; i < close; i++)
        words += toks->items[i].kind == NC_TOK_WORD;
    q->items[q->n++] = (nc_quote){open, close, toks->items[open].e, toks->items[close].s, words, paras};
    return 0;
}

int nc_quotes_find(const nc_toks *toks, nc_quotes *out)
{
    out->n = 0;
    size_t open = SIZE_MAX; /* token of the pending opening mark */
    unsigned paras = 1;
    for (size_t i = 0; i < toks->n; i++) {
        const nc_tok *t = &toks->items[i];
        int first_of_para = i == 0 || toks->items[i - 1].para != t->para;
        if (first_of_para && open != SIZE_MAX) {
            /* the quotation goes on only when the next paragraph reopens it */
            if (t->para == toks->items[i - 1].para + 1 && t->kind == NC_TOK_DQUOTE &&
                mark_role(toks, i) == MARK_OPEN) {
                paras++;
                continue;
            }
            open = SIZE_MAX;
        }
        if (t->kind != NC_TOK_DQUOTE)
            continue;
        int role = mark_role(toks, i);
        if (role == MARK_NONE && open != SIZE_MAX)
            role = MARK_CLOSE;
        if (role == MARK_OPEN) {
            open = i; /* an earlier unclosed mark was unbalanced: dropped */
            paras = 1;
        } else if (role == MARK_CLOSE && open != SIZE_MAX) {
            int rc = add(out, toks, open, i, paras);
            if (rc)
                return rc;
            open = SIZE_MAX;
        }
    }
    return 0;
}

void nc_quotes_free(nc_quotes *q)
{
    free(q->items);
    memset(q, 0, sizeof *q);
}
