/* The batch runner's insides, shared by its parts: jobs (one per input
 * document), the ordered queue the worker threads take them from, and the
 * writer. Only batch.c and the input kinds it hands out (warc_job.c) use
 * this. */
#ifndef NC_CLI_RUNNER_H
#define NC_CLI_RUNNER_H
#include "cli/batch.h"
#include "cli/progress.h"
#include "input/warc.h"
#include <pthread.h>
#include <stdint.h>

typedef enum { SLOT_FREE = 0, SLOT_QUEUED, SLOT_RUNNING, SLOT_DONE } slot_state;

typedef struct job {
    slot_state state;
    char *path;     /* file, or the stream (JSONL, WARC) it came from */
    char *line;     /* JSONL line, NULL otherwise */
    size_t line_len, lineno;
    char *data;     /* raw bytes read already (standard input), or NULL */
    size_t data_len;
    int is_warc;    /* a WARC record (warc below) */
    nc_warc_record warc;
    uint64_t mark;  /* input bytes behind this document, for progress */
    char *json;     /* result: the record in the output format */
    char *errmsg;   /* for stderr, or NULL */
    int failed;
    int skip;       /* 1 + an nc_warc_skip kind: not a document, no record */
    int dropped;    /* not processed: the run was interrupted */
    size_t bytes;   /* input size, for --stats */
    double stage_s[NC_BATCH_STAGES]; /* CPU seconds by stage (--stats) */
    int regular_only; /* found in a folder: never open a FIFO or device */
    int rc;         /* NC_ENOMEM when processing itself failed */
    size_t seq;     /* its place in the run's input, from 0 */
} job;

typedef struct runner {
    const nc_batch_options *opt;
    nc_batch_stats *stats;
    job *slots;
    size_t n_slots;
    size_t next_seq, next_take, next_write;
    int closing, writing;
    int stop, rc;   /* atomic: set by the writer, read by every thread */
    pthread_mutex_t mu;
    pthread_cond_t cv_work, cv_done;
    pthread_t *threads;
    int n_threads;
    nc_progress progress;
    uint64_t base;  /* input bytes of the command-line paths before the current one */
    size_t type_skipped[NC_SKIP_KINDS]; /* WARC records not documents by their type (main thread) */
} runner;

/* 1 once a signal asked the run to stop, or it had to stop. */
int nc_runner_stopping(const runner *r);
/* Hands a job to the workers (or runs it inline); takes ownership of its
 * strings. 0 or NC_ENOMEM. */
int nc_runner_submit(runner *r, job *j);
/* A record that says why the document could not be used. */
int nc_runner_fail(const nc_batch_options *opt, job *j, const nc_source *src, size_t bytes, const char *reason);
/* Processes bytes into the job's record. */
int nc_runner_record(const nc_batch_options *opt, job *j, const char *data, size_t len, const nc_source *src,
                     nc_format format, const char *charset);
void nc_job_clear(job *j);

/* WARC input (warc_job.c): reads every record of an open stream and
 * submits one job per record that can be a document; counts the others. */
int nc_warc_run(runner *r, const char *path, nc_warc *w);
/* Processes a WARC record job (on a worker). */
int nc_warc_process(const nc_batch_options *opt, job *j);

#endif
