#include "core/builtin.h"
#include "newsclaims.h"
#include <string.h>

const nc_builtin_file *nc_builtin_find(const char *name)
{
    for (size_t i = 0; i < nc_builtin_count; i++)
        if (strcmp(nc_builtin_files[i].name, name) == 0)
            return &nc_builtin_files[i];
    return NULL;
}

const char *nc_version(void) { return NC_VERSION; }
const char *nc_data_version(void) { return nc_builtin_fingerprint; }
