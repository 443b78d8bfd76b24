/* Batch runner: turns the command line's paths (or JSON Lines streams) into
 * documents, processes them on N threads, and writes one record per
 * document in input order. Used by main.c; does not exit. */
#ifndef NC_CLI_BATCH_H
#define NC_CLI_BATCH_H
#include "cli/output.h"
#include "newsclaims.h"
#include <signal.h>
#include <stddef.h>
#include <stdio.h>

/* The stages --stats times: a record's (enum nc_stage), then its output. */
#define NC_BATCH_STAGES (NC_STAGES + 1)

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
    const char *keep_fields;  /* JSONL fields copied to source.fields: "a,b,c" or
                                 "all" (every field but the text); NULL = none */
    nc_resume *resume;        /* records already in the output (--resume), or NULL */
    const char *files_from;   /* a file ("-" = stdin) listing more input paths, or NULL */
    int files_from_nul;       /* its entries are NUL-separated (-0), not lines */
    int progress;             /* show progress on err */
    int progress_tty;         /* err is a terminal: redraw one line */
    int stage_times;          /* 1: time the stages of each record (--stats) */
    int jit_all;              /* 1: every document matched with the JIT, as a
                                 long run's later ones are, not the first 100
                                 with the interpreter: for a process that has
                                 compiled its rules already and runs many short
                                 batches (the fuzz harnesses) */
    volatile sig_atomic_t *interrupt; /* set to a signal number by a handler:
                                 stop taking input, finish what is running,
                                 write only whole records; may be NULL */
    FILE *out, *err;
} nc_batch_options;

/* WARC records that are not documents, by kind (nc_batch_stats.warc_skipped) */
enum nc_warc_skip {
    NC_SKIP_WARCINFO, NC_SKIP_REQUEST, NC_SKIP_METADATA, NC_SKIP_REVISIT, NC_SKIP_OTHER_TYPE,
    NC_SKIP_NOT_TEXT, NC_SKIP_HTTP_STATUS, NC_SKIP_KINDS
};
/* Their names in --stats: "warcinfo", "request", ... */
extern const char *const nc_warc_skip_names[NC_SKIP_KINDS];

typedef struct nc_batch_stats {
    size_t read;      /* documents taken from the input */
    size_t documents; /* records written */
    size_t failed;    /* documents that could not be read or decoded */
    size_t skipped;   /* files in folders not named like articles */
    size_t bytes;     /* input bytes of the documents written */
    int pipe_closed;  /* output went away: the run stopped early */
    int write_errno;  /* errno of the first failed write of the output, or 0 */
    int interrupted;  /* the signal that stopped the run, or 0 */
    size_t resumed;   /* inputs skipped: their record was already in the output */
    size_t warc_records; /* WARC/WET records read */
    size_t warc_skipped[NC_SKIP_KINDS]; /* of those, not documents */
    double stage_s[NC_BATCH_STAGES]; /* CPU seconds of the records written, by
                                        stage (nc_stage_name; the last: output) */
} nc_batch_stats;

/* Writes the statistics of a run to f: one line of text, or one JSON
 * object (json). */
void nc_batch_stats_print(FILE *f, const nc_batch_stats *s, double seconds, int json);

/* Processes paths ("-" = standard input; none and no files_from = standard
 * input), then the paths listed in files_from. 0, NC_ENOMEM (the run
 * stopped), or NC_EIO when the files_from list cannot be opened (said on
 * err). */
int nc_batch_run(const nc_batch_options *opt, char *const *paths, size_t n_paths, nc_batch_stats *stats);

#endif
