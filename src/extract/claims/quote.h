/* Quotations: pairs of double quote marks, straight or curly, within a
 * paragraph or over several paragraphs when each paragraph reopens the
 * quote and only the last closes it. Unbalanced marks make no quotation.
 * The list is owned by its caller and freed with nc_quotes_free(). */
#ifndef NC_EXTRACT_CLAIMS_QUOTE_H
#define NC_EXTRACT_CLAIMS_QUOTE_H
#include "extract/claims/token.h"
#include <stddef.h>

typedef struct nc_quote {
    size_t open, close; /* token indexes of the opening and the closing mark */
    size_t start, end;  /* bytes of the quoted text, between the marks */
    unsigned words;     /* words inside */
    unsigned paragraphs; /* paragraphs it spans (1 = one) */
} nc_quote;

typedef struct nc_quotes {
    nc_quote *items;
    size_t n, cap;
} nc_quotes;

/* Finds the quotations among toks (in text order). 0 or NC_ENOMEM. */
int nc_quotes_find(const nc_toks *toks, nc_quotes *out);
void nc_quotes_free(nc_quotes *q);

#endif
