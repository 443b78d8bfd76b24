/* What the emitters (JSON, tables, HTML report) read off a record the same
 * way: the language, a figure's source, strings made safe to write. */
#ifndef NC_EMIT_FIELDS_H
#define NC_EMIT_FIELDS_H
#include "core/record.h"
#include "newsclaims.h"
#include "link/figure_claim.h"

/* meta.lang: the detected language, else the declared one, else NULL. */
static inline const char *nc_record_lang(const nc_record *rec)
{
    return rec->doc.meta.lang_detected ? rec->doc.meta.lang_detected : rec->doc.meta.lang;
}

/* The speaker span of the claim figure i was reported in, or NULL. */
static inline const nc_span *nc_figure_source(const nc_record *rec, size_t i)
{
    size_t k = rec->figure_claim ? rec->figure_claim[i] : NC_NO_CLAIM;
    return k == NC_NO_CLAIM ? NULL : &rec->claims.items[k].speaker;
}

/* A string that did not come through the document decoder (a path, a
 * JSONL id or title, an error message) as valid UTF-8 without control
 * characters: s itself when it is plain, else a decoded copy in *tmp
 * (which the caller frees; NULL when none was needed). NULL for NULL, and
 * on out of memory (*tmp is then NULL and *rc NC_ENOMEM). */
const char *nc_clean_string(const char *s, char **tmp, int *rc);

#endif
