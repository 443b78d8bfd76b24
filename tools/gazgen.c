/* Build tool: compiles the actor data files into the gazetteer image that
 * is linked into the binary (nc_gaz_image_read), so start-up does not
 * parse 80,000 names. Uses the same loader as --rules DIR, and the same
 * tokenizer and key hash as the text (text/token.h): the image's first
 * words are a lexicon (text/lexicon.h) that the context's other words join.
 * usage: gazgen OUT.bin DATA_DIR   (reads DATA_DIR/actors/... in the order
 * of nc_gaz_file_names) */
#include "extract/actors/gazetteer.h"
#include "input/input.h"
#include "newsclaims.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gazgen OUT.bin DATA_DIR\n");
        return 2;
    }
    nc_rule_source src[NC_GAZ_FILES];
    char *texts[NC_GAZ_FILES] = {0}, names[NC_GAZ_FILES][512], err[512], msg[256];
    int rc = 0;
    for (size_t i = 0; i < NC_GAZ_FILES && !rc; i++) {
        size_t len = 0;
        snprintf(names[i], sizeof names[i], "%s/%s", argv[2], nc_gaz_file_names[i]);
        if ((rc = nc_input_read(names[i], 64u << 20, &texts[i], &len, msg, sizeof msg)))
            fprintf(stderr, "gazgen: %s: %s\n", names[i], msg);
        /* messages name the file as --rules does: relative to data/ */
        src[i] = (nc_rule_source){nc_gaz_file_names[i], texts[i], len};
    }
    nc_gazetteer *g = NULL;
    nc_lexicon *lex = nc_lexicon_new();
    if (!rc && !lex)
        rc = NC_ENOMEM;
    if (!rc && (rc = nc_gazetteer_load(&g, src, lex, err, sizeof err)))
        fprintf(stderr, "gazgen: %s\n", rc == NC_ERULES ? err : nc_strerror(rc));
    nc_buf image = {0};
    if (!rc && (rc = nc_gaz_image_write(g, &image)))
        fprintf(stderr, "gazgen: %s\n", nc_strerror(rc));
    FILE *out = rc ? NULL : fopen(argv[1], "wb");
    if (!rc && (!out || fwrite(image.data, 1, image.len, out) != image.len || fclose(out))) {
        perror(argv[1]);
        rc = 1;
    }
    nc_buf_free(&image);
    nc_gazetteer_free(g);
    nc_lexicon_free(lex);
    for (size_t i = 0; i < NC_GAZ_FILES; i++)
        free(texts[i]);
    return rc ? 1 : 0;
}
