/* Whether each figure is about the incident the article reports, a running
 * total of many incidents, or another time and place (nc_scope), and
 * whether it was later replaced ("initially reported"). Read from the words
 * of the SCOPE macro (data/macros.txt) near the figure. */
#ifndef NC_EXTRACT_CASUALTY_SCOPE_H
#define NC_EXTRACT_CASUALTY_SCOPE_H
#include "extract/casualty/casualty.h"

/* Sets scope and superseded of every figure. scope_re: the compiled SCOPE
 * macro (NULL: every figure is about the event). 0 or NC_ENOMEM. */
int nc_scope_assign(const pcre2_code *scope_re, const nc_document *doc, nc_figures *f);

#endif
