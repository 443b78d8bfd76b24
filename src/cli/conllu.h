/* --tag-conllu: CoNLL-U in, the same CoNLL-U out with UPOS and XPOS
 * predicted by the context's tagger. Used by main.c; does not exit. */
#ifndef NC_CLI_CONLLU_H
#define NC_CLI_CONLLU_H
#include "newsclaims.h"
#include <stdio.h>

/* Reads CoNLL-U from in (name is used in messages, e.g. "-"): sentences as
 * the blank lines delimit them, tokens from the FORM column of the word
 * lines (IDs 1, 2, ...); comments, multiword-token lines ("1-2") and empty
 * nodes ("1.1") are written through unchanged, and so is a word line
 * without 10 columns, which is also reported on err as "NAME:LINE: ..." and
 * counted in *bad_lines. Word lines get columns 4 and 5 replaced. Counts go
 * to *sentences and *tokens (may be NULL). 0, NC_ENOMEM or NC_EIO (an error
 * writing out). */
int nc_conllu_tag(const nc_context *ctx, FILE *in, const char *name, FILE *out, FILE *err,
                  size_t *sentences, size_t *tokens, size_t *bad_lines);

#endif
