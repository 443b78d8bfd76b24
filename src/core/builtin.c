#include "core/builtin.h"
#include <string.h>

const nc_builtin_file *nc_builtin_find(const char *name)
{
    for (size_t i = 0; i < nc_builtin_count; i++)
        if (strcmp(nc_builtin_files[i].name, name) == 0)
            return &nc_builtin_files[i];
    return NULL;
}
