/* The record's insides, shared with the emitter. */
#ifndef NC_CORE_RECORD_H
#define NC_CORE_RECORD_H
#include "document/document.h"
#include "extract/actors/actor.h"
#include "extract/casualty/casualty.h"
#include "extract/casualty/summary.h"
#include "extract/claims/claim.h"

struct nc_record {
    nc_document doc;
    char *path, *id;    /* source.path, source.id */
    char *fields;       /* source.fields: JSON object text, or NULL */
    const char *status; /* "ok", "empty", "not_article", "error" */
    nc_figures figures;
    nc_persons persons; /* the people counted one by one (victims.h) */
    nc_summary summary;
    nc_actors actors;
    nc_claims claims;
    const nc_gazetteer *gaz; /* the context's (borrowed): names of places */
    size_t *figure_claim; /* per figure: index into claims of its source, or
                             NC_NO_CLAIM (link/figure_claim.h); NULL when no figures */
};

#endif
