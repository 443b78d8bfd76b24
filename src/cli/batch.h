/* Batch runner: turns the command line's paths (or JSON Lines streams) into
 * documents, processes them on N threads, and writes one record per
 * document in input order. Used by main.c; does not exit. */
#ifndef NC_CLI_BATCH_H
#define NC_CLI_BATCH_H
#include "emit/output.h"
#include "newsclaims.h"
#include <stddef.h>
#include <stdio.h>

typedef struct nc_batch_options {
    const nc_context *ctx;
    int jobs;                /* worker threads; 1 = inline */
    int jsonl;               /* inputs are JSON Lines streams */
    const char *text_field;  /* JSONL field names */
    const char *id_field;
    nc_format format;
    nc_output output;        /* format of the records (and NC_JSON_* flags) */
    size_t max_bytes;        /* per document, 0 = no limit */
    int body_only;           /* write each document's text, not its record; documents
                                are separated by a line holding a form feed ("\f\n") */
    long long reference_time; /* seconds since the epoch for metadata checks; 0 = now */
    double timeout;           /* seconds per document, 0 = no limit */
    FILE *out, *err;
} nc_batch_options;

typedef struct nc_batch_stats {
    size_t read;      /* documents taken from the input */
    size_t documents; /* records written */
    size_t failed;    /* documents that could not be read or decoded */
    size_t skipped;   /* files in folders not named like articles */
    size_t bytes;     /* input bytes of the documents written */
    int pipe_closed;  /* output went away: the run stopped early */
} nc_batch_stats;

/* Processes paths ("-" = standard input; none = standard input).
 * 0, or NC_ENOMEM (the run stopped). */
int nc_batch_run(const nc_batch_options *opt, char *const *paths, size_t n_paths, nc_batch_stats *stats);

#endif
