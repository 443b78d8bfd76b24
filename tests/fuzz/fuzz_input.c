/* Fuzzes input decoding: gzip, binary detection and the size limit. */
#include "input/input.h"
#include "newsclaims.h"
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *out = NULL, msg[256];
    size_t len = 0;
    int rc = nc_input_decode((const char *)data, size, 1 << 20, &out, &len, msg, sizeof msg);
    if (rc == 0 && (!out || len > (1 << 20)))
        abort();
    if (rc != 0 && out)
        abort();
    free(out);
    return 0;
}
