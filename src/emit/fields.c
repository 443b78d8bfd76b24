/* Shared emitter helpers (emit/fields.h). */
#include "emit/fields.h"
#include "text/segment.h"
#include "newsclaims.h"
#include <string.h>

const char *nc_clean_string(const char *s, char **tmp, int *rc)
{
    *tmp = NULL;
    if (!s)
        return NULL;
    const unsigned char *u = (const unsigned char *)s;
    while (*u >= 0x20 && *u < 0x80)
        u++;
    if (!*u) /* plain printable ASCII, the usual case */
        return s;
    size_t len, invalid;
    if (nc_text_decode(s, strlen(s), tmp, &len, &invalid)) {
        *rc = NC_ENOMEM;
        return NULL;
    }
    return *tmp;
}
