/* Fuzzes number parsing: any bytes give a consistent count or NC_EINVAL. */
#include "core/builtin.h"
#include "newsclaims.h"
#include "rules/numbers.h"
#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static nc_numbers *numbers;
    char err[256];
    if (!numbers) {
        const nc_builtin_file *f = nc_builtin_find("numbers.txt");
        if (!f || nc_numbers_load(f->data, f->len, f->name, &numbers, err, sizeof err))
            abort();
    }
    nc_count c;
    int rc = nc_numbers_parse(numbers, (const char *)data, size, &c);
    if (rc == 0) {
        if (c.has_low && c.has_high && c.low > c.high)
            abort();
        if (c.qualifier == NC_Q_RANGE && c.has_value)
            abort();
        if (c.qualifier == NC_Q_EXACT && !(c.has_value && c.value == c.low && c.value == c.high))
            abort();
    } else if (rc != NC_EINVAL) {
        abort();
    }
    return 0;
}
