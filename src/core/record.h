/* The record's insides, shared with the emitter. */
#ifndef NC_CORE_RECORD_H
#define NC_CORE_RECORD_H
#include "document/document.h"
#include "extract/casualty.h"

struct nc_record {
    nc_document doc;
    char *path, *id;    /* source.path, source.id */
    const char *status; /* "ok", "empty", "not_article", "error" */
    nc_figures figures;
    nc_summary summary;
};

#endif
