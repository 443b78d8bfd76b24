/* Fuzzes the whole pipeline on an HTML document. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nc_record *rec;
    nc_source src = {.path = "fuzz.html"};
    if (nc_record_new(&rec, fuzz_context(), (const char *)data, size, NC_FORMAT_HTML, &src))
        abort();
    fuzz_check_record(rec, size ? data[size - 1] : 0);
    nc_record_free(rec);
    return 0;
}
