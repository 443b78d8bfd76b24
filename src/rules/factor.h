/* Alternations factored by their first letter: "(?: people | persons? |
 * police )" becomes "(?: p(?: eople | ersons? | olice ) )", which PCRE2
 * matches the same way with far fewer tries (see factor.c for when a
 * group is left as it is). */
#ifndef NC_RULES_FACTOR_H
#define NC_RULES_FACTOR_H
#include "util/buf.h"
#include <stddef.h>

/* The rewritten pattern[0, len) into *out (NUL-terminated, caller frees);
 * a pattern it cannot read (unbalanced, cut short) comes back as it was.
 * 0 or NC_ENOMEM. */
int nc_re_factor(const char *pattern, size_t len, char **out);

#endif
