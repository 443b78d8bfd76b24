/* Byte offset -> code point offset index (util/utf8.h). */
#include "util/utf8.h"
#include "newsclaims.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define STEP 64

int nc_utf8_index_init(nc_utf8_index *ix, const char *text, size_t len)
{
    ix->text = (const unsigned char *)text;
    ix->len = len;
    ix->at = malloc((len / STEP + 1) * sizeof *ix->at);
    if (!ix->at)
        return NC_ENOMEM;
    size_t cps = 0;
    for (size_t k = 0; k <= len / STEP; k++) {
        ix->at[k] = cps;
        if (k * STEP < len)
            cps += nc_utf8_count(ix->text, k * STEP, len - k * STEP < STEP ? len : k * STEP + STEP);
    }
    return 0;
}

void nc_utf8_index_free(nc_utf8_index *ix)
{
    free(ix->at);
    ix->at = NULL;
}

size_t nc_utf8_index_cp(const nc_utf8_index *ix, size_t byte)
{
    if (byte > ix->len)
        byte = ix->len;
    size_t k = byte / STEP;
    return ix->at[k] + nc_utf8_count(ix->text, k * STEP, byte);
}
