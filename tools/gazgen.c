/* Build tool: compiles the actor data into the gazetteer image that is
 * linked into the binary (nc_gaz_image_read), so start-up parses no
 * names. It loads a context from a rules folder holding the built-in data
 * (the Makefile links one up from data/: the *.txt files, the rules and
 * actors/) with the very code a --rules run uses, and writes its
 * gazetteer with its lexicon: every data word (first words of names, cue
 * and rule words) cut by the text's tokenizer, with the values the
 * context gives them, so a run on the built-in data enters none of them.
 * usage: gazgen OUT.bin RULES_DIR */
#include "core/builtin.h"
#include "core/context.h"
#include "newsclaims.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>

/* context.c reads the image this tool makes; a context loaded from a
 * folder with actor files never does */
const unsigned char nc_gaz_image[8] __attribute__((aligned(8))), nc_gaz_image_end[1];

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gazgen OUT.bin RULES_DIR\n");
        return 2;
    }
    char err[512];
    nc_context *ctx = NULL;
    int rc = nc_context_new(&ctx, argv[2], err, sizeof err);
    if (rc)
        fprintf(stderr, "gazgen: %s\n", rc == NC_ERULES ? err : nc_strerror(rc));
    nc_buf image = {0};
    if (!rc && (rc = nc_gaz_image_write(ctx->gazetteer, &image)))
        fprintf(stderr, "gazgen: %s\n", nc_strerror(rc));
    FILE *out = rc ? NULL : fopen(argv[1], "wb");
    if (!rc && (!out || fwrite(image.data, 1, image.len, out) != image.len || fclose(out))) {
        perror(argv[1]);
        rc = 1;
    }
    nc_buf_free(&image);
    nc_context_free(ctx);
    return rc ? 1 : 0;
}
