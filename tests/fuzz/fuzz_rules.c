/* Fuzzes the rule-file loader: any bytes give a ruleset or a file:line error. */
#include "core/builtin.h"
#include "newsclaims.h"
#include "rules/numbers.h"
#include "rules/ruleset.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static nc_numbers *numbers;
    char err[512];
    if (!numbers) {
        /* PCRE2's interpreter: JIT-compiling every fuzzed pattern would test
         * PCRE2's JIT, ten times slower, not the loader */
        setenv("NEWSCLAIMS_NO_JIT", "1", 0);
        const nc_builtin_file *f = nc_builtin_find("numbers.txt");
        if (!f || nc_numbers_load(f->data, f->len, f->name, &numbers, err, sizeof err))
            abort();
    }
    const nc_builtin_file *m = nc_builtin_find("macros.txt");
    nc_rule_source macros = {m->name, m->data, m->len};
    nc_rule_source src = {"fuzz.rules", (const char *)data, size};
    nc_ruleset *rs = NULL;
    err[0] = '\0';
    int rc = nc_ruleset_new(&rs, &src, 1, &macros, numbers, err, sizeof err);
    if (rc == 0) {
        nc_ruleset_free(rs);
    } else if (rc != NC_ERULES || strncmp(err, "fuzz.rules:", 11) != 0) {
        /* every failure must name the file (macro errors name macros.txt) */
        if (rc != NC_ERULES || strncmp(err, "macros.txt:", 11) != 0)
            abort();
    }
    return 0;
}
