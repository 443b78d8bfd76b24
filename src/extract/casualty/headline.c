/* Headline figures (headline.h). A headline is one sentence: a site name
 * after " - " or " | " is part of it but holds no figures that matter. */
#include "extract/casualty/headline.h"
#include "extract/casualty/scope.h"
#include "newsclaims.h"
#include "text/segment.h"
#include <string.h>

int nc_headline_read(const nc_ruleset *rules, const nc_numbers *numbers, int mode, const char *title,
                     nc_headline *h)
{
    memset(h, 0, sizeof *h);
    if (!title || !*title)
        return 0;
    size_t invalid;
    int rc = nc_text_decode(title, strlen(title), &h->doc.text, &h->doc.len, &invalid);
    if (rc)
        return rc;
    /* every line of it is the headline: one sentence, marked as the title */
    size_t s = 0, e = h->doc.len;
    while (s < e && (h->doc.text[s] == ' ' || h->doc.text[s] == '\n' || h->doc.text[s] == '\t'))
        s++;
    while (e > s && (h->doc.text[e - 1] == ' ' || h->doc.text[e - 1] == '\n' || h->doc.text[e - 1] == '\t'))
        e--;
    if (e <= s)
        return 0;
    h->doc.no_jit = mode == NC_MATCH_INTERPRET; /* like the document it heads */
    h->doc.jit_hot = mode == NC_MATCH_JIT_HOT;
    if ((rc = nc_document_add_sentence(&h->doc, s, e, 0, 1)) ||
        (rc = nc_casualty_extract(rules, numbers, &h->doc, &h->figures)))
        return rc;
    return nc_scope_assign(nc_ruleset_macro_code(rules, "SCOPE", mode != NC_MATCH_INTERPRET), &h->doc, &h->figures);
}

void nc_headline_clear(nc_headline *h)
{
    nc_figures_free(&h->figures);
    nc_document_clear(&h->doc);
}
