#include "rules/category.h"
#include <string.h>

static const char *const names[NC_CAT_COUNT] = {
    "killed", "injured", "killed_or_injured", "missing", "captured",
    "arrested", "kidnapped", "displaced", "evacuated", "deployed", "shot",
};

const char *nc_category_name(nc_category c)
{
    return (unsigned)c < NC_CAT_COUNT ? names[c] : NULL;
}

int nc_category_from_name(const char *name, size_t len)
{
    for (int i = 0; i < NC_CAT_COUNT; i++)
        if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0)
            return i;
    if (len == 10 && memcmp(name, "casualties", 10) == 0)
        return NC_CAT_KILLED_OR_INJURED;
    return -1;
}
