/* The kinds of people a casualty figure counts. */
#ifndef NC_RULES_CATEGORY_H
#define NC_RULES_CATEGORY_H
#include <stddef.h>

typedef enum {
    NC_CAT_KILLED = 0,
    NC_CAT_INJURED,
    NC_CAT_KILLED_OR_INJURED,
    NC_CAT_MISSING,
    NC_CAT_CAPTURED,
    NC_CAT_ARRESTED,
    NC_CAT_KIDNAPPED,
    NC_CAT_DISPLACED,
    NC_CAT_EVACUATED,
    NC_CAT_DEPLOYED,
    /* hit by gunfire, whether they died or survived not said here ("six
     * people were shot"): the summary splits them into killed and injured */
    NC_CAT_SHOT,
    NC_CAT_COUNT
} nc_category;

/* "killed", "injured", ...; NULL for an invalid value. */
const char *nc_category_name(nc_category c);
/* Category for a name ("casualties" is an alias of killed_or_injured);
 * -1 when unknown. */
int nc_category_from_name(const char *name, size_t len);

#endif
