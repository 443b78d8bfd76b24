/* The record's insides, shared with the emitter and the batch runner. */
#ifndef NC_CORE_RECORD_H
#define NC_CORE_RECORD_H
#include "document/document.h"
#include "extract/actors/actor.h"
#include "extract/casualty/casualty.h"
#include "extract/casualty/summary.h"
#include "extract/claims/claim.h"
#include "newsclaims.h"

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
    double timeout;       /* --timeout in seconds (0: none), for the timeout message */
    uint64_t stage_ns[NC_STAGES]; /* thread CPU time by stage (nc_options.stage_times) */
    uint64_t stage_mark;          /* the thread CPU clock when the stage began; 0: not timed */
};

/* Makes rec a timeout record: its extracted items dropped (partial results
 * would pass for complete ones), status "timeout", the reason in errors.
 * 0 or NC_ENOMEM. */
int nc_record_time_out(nc_record *rec);

/* Renders rec as nc_record_to_json() does, but within its deadline: a
 * record whose items take past it to write (a few KiB of input can give
 * 100s of MB of claims) becomes a timeout record, which is what *json then
 * holds (the caller frees it). 0, NC_ENOMEM. */
int nc_record_render(nc_record *rec, unsigned flags, char **json);

#endif
