/* --tag-conllu: CoNLL-U in, the same CoNLL-U out with UPOS and XPOS
 * predicted by the context's tagger. Used by main.c; does not exit. */
#ifndef NC_CLI_CONLLU_H
#define NC_CLI_CONLLU_H
#include "newsclaims.h"
#include <stdio.h>

/* Reads CoNLL-U from path ("-": standard input; gzip undone): sentences as
 * the blank lines delimit them, tokens from the FORM column of the word
 * lines (IDs 1, 2, ...); comments, multiword-token lines ("1-2") and empty
 * nodes ("1.1") are written through unchanged, and so is a word line
 * without 10 columns, which is also reported on err as "PATH:LINE: ..." and
 * counted in *bad_lines, like a line over 1 MiB (left out). Word lines get columns 4 and 5 replaced. Counts go
 * to *sentences and *tokens (may be NULL). 0, NC_ENOMEM, NC_EIO (input
 * unreadable, named on err; or an error writing out), NC_ENOTFOUND. */
int nc_conllu_tag(const nc_context *ctx, const char *path, FILE *out, FILE *err,
                  size_t *sentences, size_t *tokens, size_t *bad_lines);

#endif
