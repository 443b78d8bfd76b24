/* The record's insides, shared with the emitter. */
#ifndef NC_CORE_RECORD_H
#define NC_CORE_RECORD_H
#include "document/document.h"
#include "extract/actors/actor.h"
#include "extract/casualty/casualty.h"
#include "extract/claims/claim.h"

struct nc_record {
    nc_document doc;
    char *path, *id;    /* source.path, source.id */
    char *fields;       /* source.fields: JSON object text, or NULL */
    const char *status; /* "ok", "empty", "not_article", "error" */
    nc_figures figures;
    nc_summary summary;
    nc_actors actors;
    nc_claims claims;
    size_t *figure_claim; /* per figure: index into claims of its source, or
                             NC_NO_CLAIM (link/figure_claim.h); NULL when no figures */
};

#endif
