/* Fuzzes the whole pipeline on a plain-text document. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nc_record *rec;
    nc_source src = {.path = "fuzz.txt"};
    if (nc_record_new(&rec, fuzz_context(), (const char *)data, size, NC_FORMAT_TEXT, &src))
        abort();
    fuzz_check_record(rec, size ? data[size - 1] : 0);
    nc_record_free(rec);
    return 0;
}
