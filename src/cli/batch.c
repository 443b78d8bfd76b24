/* Batch runner: inputs -> ordered records, optionally on worker threads. */
#include "cli/batch.h"
#include "input/input.h"
#include "input/lines.h"
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef enum { SLOT_FREE = 0, SLOT_QUEUED, SLOT_RUNNING, SLOT_DONE } slot_state;

typedef struct job {
    slot_state state;
    char *path;     /* file, or the JSONL stream it came from */
    char *line;     /* JSONL line, NULL for a file */
    size_t line_len, lineno;
    char *json;     /* result */
    char *errmsg;   /* for stderr, or NULL */
    int failed;
    size_t bytes;   /* input size, for --stats */
    int rc;         /* NC_ENOMEM when processing itself failed */
    int alone;      /* the run's only document (one file or standard input) */
} job;

typedef struct runner {
    const nc_batch_options *opt;
    nc_batch_stats *stats;
    job *slots;
    size_t n_slots;
    size_t next_seq, next_take, next_write;
    int closing, stop, rc;
    pthread_mutex_t mu;
    pthread_cond_t cv_work, cv_done;
    pthread_t *threads;
    int n_threads;
} runner;

static void job_clear(job *j)
{
    free(j->path);
    free(j->line);
    free(j->json);
    free(j->errmsg);
    memset(j, 0, sizeof *j);
}

static char *fmt_msg(const char *path, const char *reason)
{
    size_t n = strlen(path) + strlen(reason) + 16;
    char *m = malloc(n);
    if (m)
        snprintf(m, n, "%s: %s", path, reason);
    return m;
}

/* A record that says why the document could not be used. */
static int fail_record(const nc_batch_options *opt, job *j, const nc_source *src, size_t bytes, const char *reason)
{
    nc_record *rec;
    if (nc_record_new_failed(&rec, src, bytes, reason))
        return NC_ENOMEM;
    j->json = opt->body_only ? strdup("") : nc_record_to_json(rec, opt->json_flags);
    nc_record_free(rec);
    j->failed = 1;
    j->errmsg = fmt_msg(src->path ? src->path : "-", reason);
    return j->json && j->errmsg ? 0 : NC_ENOMEM;
}

#define SMALL_DOCUMENT (64u << 10)

static int run_record(const nc_batch_options *opt, job *j, const char *data, size_t len, const nc_source *src)
{
    nc_record *rec;
    nc_options ro = {.format = opt->format, .reference_time = opt->reference_time, .timeout = opt->timeout};
    /* one small document: compiling its rules to machine code would cost
     * more than matching them with the interpreter */
    ro.no_jit = j->alone && len < SMALL_DOCUMENT;
    if (nc_record_new_opts(&rec, opt->ctx, data, len, &ro, src))
        return NC_ENOMEM;
    if (opt->body_only) {
        size_t tlen;
        const char *text = nc_record_text(rec, &tlen);
        if ((j->json = malloc(tlen + 1)) != NULL) {
            memcpy(j->json, text, tlen);
            j->json[tlen] = '\0';
        }
    } else {
        j->json = nc_record_to_json(rec, opt->json_flags);
    }
    if (strcmp(nc_record_status(rec), "error") == 0) {
        j->failed = 1;
        j->errmsg = fmt_msg(src->path ? src->path : "-", "could not be decoded");
    } else if (strcmp(nc_record_status(rec), "timeout") == 0) {
        j->failed = 1;
        j->errmsg = fmt_msg(src->path ? src->path : "-", "stopped at the --timeout limit");
    }
    nc_record_free(rec);
    return j->json ? 0 : NC_ENOMEM;
}

static int process_file(const nc_batch_options *opt, job *j)
{
    char *data = NULL, msg[512];
    size_t len = 0;
    nc_source src = {.path = j->path};
    int rc = nc_input_read(j->path, opt->max_bytes, &data, &len, msg, sizeof msg);
    if (rc == NC_ENOMEM)
        return rc;
    if (rc)
        return fail_record(opt, j, &src, 0, msg[0] ? msg : nc_strerror(rc));
    j->bytes = len;
    rc = run_record(opt, j, data, len, &src);
    free(data);
    return rc;
}

static int process_line(const nc_batch_options *opt, job *j)
{
    nc_jsonl_doc d;
    memset(&d, 0, sizeof d);
    int rc = nc_jsonl_parse(j->line, j->line_len, j->lineno, opt->text_field, opt->id_field, &d);
    j->bytes = j->line_len;
    free(j->line); /* the text is copied out: a large line is not held twice */
    j->line = NULL;
    if (!rc) {
        nc_source src = {.path = j->path, .id = d.id, .url = d.url, .title = d.title};
        if (d.error)
            rc = fail_record(opt, j, &src, j->line_len, d.error);
        else if (opt->max_bytes && d.len > opt->max_bytes)
            rc = fail_record(opt, j, &src, d.len, "text is larger than the --max-bytes limit");
        else
            rc = run_record(opt, j, d.text, d.len, &src);
    }
    nc_jsonl_doc_clear(&d);
    return rc;
}

static void process(const nc_batch_options *opt, job *j)
{
    if (j->json)
        return; /* a failure record made while reading the stream */
    j->rc = j->line ? process_line(opt, j) : process_file(opt, j);
    if (j->rc == NC_ENOMEM) {
        /* memory ran out for this document (the big buffers are freed by
         * now): it still gets a record, and the run goes on */
        free(j->json);
        free(j->errmsg);
        j->json = j->errmsg = NULL;
        nc_source src = {.path = j->path};
        j->rc = fail_record(opt, j, &src, j->bytes, "out of memory");
    }
}

/* Writes a finished job; notes a closed pipe. */
static void write_job(runner *r, job *j)
{
    if (j->rc) {
        r->rc = j->rc;
        r->stop = 1;
        return;
    }
    if (j->errmsg)
        fprintf(r->opt->err, "newsclaims: %s\n", j->errmsg);
    if (j->failed)
        r->stats->failed++;
    /* --body-only: documents are separated by a line holding a form feed */
    if ((r->opt->body_only && r->stats->documents && fputs("\f\n", r->opt->out) == EOF) ||
        fputs(j->json, r->opt->out) == EOF || fputc('\n', r->opt->out) == EOF) {
        r->stop = 1;
        r->stats->pipe_closed = errno == EPIPE;
        return;
    }
    r->stats->documents++;
    r->stats->bytes += j->bytes;
}

static void *worker(void *arg)
{
    runner *r = arg;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        while (r->next_take == r->next_seq && !r->closing)
            pthread_cond_wait(&r->cv_work, &r->mu);
        if (r->next_take == r->next_seq)
            break;
        job *j = &r->slots[r->next_take++ % r->n_slots];
        j->state = SLOT_RUNNING;
        pthread_mutex_unlock(&r->mu);
        if (!r->stop)
            process(r->opt, j);
        pthread_mutex_lock(&r->mu);
        j->state = SLOT_DONE;
        pthread_cond_broadcast(&r->cv_done);
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

/* Writes finished jobs in order; with wait_all, until every job is written.
 * Called with the lock held. */
static void flush_done(runner *r, int wait_for_slot, int wait_all)
{
    for (;;) {
        job *head = &r->slots[r->next_write % r->n_slots];
        if (r->next_write < r->next_seq && head->state == SLOT_DONE) {
            job done = *head;
            memset(head, 0, sizeof *head); /* slot free again; we own the strings */
            r->next_write++;
            pthread_mutex_unlock(&r->mu);
            if (!r->stop)
                write_job(r, &done);
            job_clear(&done);
            pthread_mutex_lock(&r->mu);
            pthread_cond_broadcast(&r->cv_done);
            continue;
        }
        int need = wait_all ? r->next_write < r->next_seq
                            : wait_for_slot && r->slots[r->next_seq % r->n_slots].state != SLOT_FREE;
        if (!need)
            return;
        pthread_cond_wait(&r->cv_done, &r->mu);
    }
}

/* Hands a job to the workers (or runs it inline). Takes ownership. */
static int submit(runner *r, job *j)
{
    r->stats->read++;
    if (r->n_threads == 0) {
        process(r->opt, j);
        if (!r->stop)
            write_job(r, j);
        job_clear(j);
        return r->rc;
    }
    pthread_mutex_lock(&r->mu);
    flush_done(r, 1, 0);
    job *slot = &r->slots[r->next_seq % r->n_slots];
    *slot = *j;
    slot->state = SLOT_QUEUED;
    r->next_seq++;
    pthread_cond_signal(&r->cv_work);
    pthread_mutex_unlock(&r->mu);
    memset(j, 0, sizeof *j);
    return r->rc;
}

/* ---- JSON Lines streams: line by line, so memory stays flat ---- */

static int only_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

/* Submits a record that says why line `lineno` of the stream failed. */
static int submit_failed(runner *r, const char *path, size_t bytes, const char *reason)
{
    job j = {.path = strdup(path)};
    nc_source src = {.path = path};
    int rc = !j.path ? NC_ENOMEM : fail_record(r->opt, &j, &src, bytes, reason);
    if (rc) {
        job_clear(&j);
        return rc;
    }
    return submit(r, &j);
}

/* A line the reader could not hold: its record names it and the limit. */
static int submit_bad_line(runner *r, const char *path, const nc_line *line)
{
    char reason[300];
    if (line->error == NC_ENOMEM)
        snprintf(reason, sizeof reason, "line %zu: out of memory (a line of at least %zu bytes)",
                 line->lineno, line->len);
    else if (line->endless)
        snprintf(reason, sizeof reason,
                 "line %zu: longer than the --max-bytes limit (%zu bytes) and no end of line "
                 "within %zu bytes: the rest of the input is not read",
                 line->lineno, r->opt->max_bytes, NC_LINES_ENDLESS);
    else
        snprintf(reason, sizeof reason, "line %zu: longer than the --max-bytes limit (%zu bytes)",
                 line->lineno, r->opt->max_bytes);
    return submit_failed(r, path, line->len, reason);
}

static int run_stream(runner *r, const char *path)
{
    nc_lines ls;
    char msg[256];
    if (nc_lines_open(&ls, path, r->opt->max_bytes, msg, sizeof msg))
        return submit_failed(r, path, 0, msg);
    nc_line line;
    int rc = 0, more;
    while (!rc && !r->stop && (more = nc_lines_next(&ls, &line)) != 0) {
        if (more < 0) {
            /* unreadable or corrupt: say so in a record of its own */
            char reason[300];
            snprintf(reason, sizeof reason, "line %zu: stream ends early: %s", line.lineno, nc_lines_error(&ls));
            rc = submit_failed(r, path, 0, reason);
            break;
        }
        if (line.error) {
            rc = submit_bad_line(r, path, &line);
            continue;
        }
        if (only_blank(line.s, line.len))
            continue;
        job j = {.path = strdup(path), .line = malloc(line.len + 1), .line_len = line.len, .lineno = line.lineno};
        if (!j.path || !j.line) {
            job_clear(&j);
            nc_line oom = {.len = line.len, .lineno = line.lineno, .error = NC_ENOMEM};
            rc = submit_bad_line(r, path, &oom);
            continue;
        }
        memcpy(j.line, line.s, line.len + 1);
        rc = submit(r, &j);
    }
    nc_lines_close(&ls);
    return rc;
}

static void walk_error(const char *path, const char *msg, void *user)
{
    runner *r = user;
    fprintf(r->opt->err, "newsclaims: %s: %s\n", path, msg);
}

static int start_threads(runner *r)
{
    if (r->opt->jobs <= 1)
        return 0;
    r->n_slots = (size_t)r->opt->jobs * 4;
    r->slots = calloc(r->n_slots, sizeof *r->slots);
    r->threads = calloc((size_t)r->opt->jobs, sizeof *r->threads);
    if (!r->slots || !r->threads)
        return NC_ENOMEM;
    pthread_mutex_init(&r->mu, NULL);
    pthread_cond_init(&r->cv_work, NULL);
    pthread_cond_init(&r->cv_done, NULL);
    for (int i = 0; i < r->opt->jobs; i++) {
        if (pthread_create(&r->threads[i], NULL, worker, r))
            break;
        r->n_threads++;
    }
    return 0;
}

static void stop_threads(runner *r)
{
    if (!r->n_threads) {
        free(r->slots);
        free(r->threads);
        return;
    }
    pthread_mutex_lock(&r->mu);
    r->closing = 1;
    pthread_cond_broadcast(&r->cv_work);
    flush_done(r, 0, 1);
    pthread_mutex_unlock(&r->mu);
    for (int i = 0; i < r->n_threads; i++)
        pthread_join(r->threads[i], NULL);
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->cv_work);
    pthread_cond_destroy(&r->cv_done);
    free(r->slots);
    free(r->threads);
}

int nc_batch_run(const nc_batch_options *opt, char *const *paths, size_t n_paths, nc_batch_stats *stats)
{
    static char *const stdin_only[] = {"-"};
    runner r = {.opt = opt, .stats = stats};
    memset(stats, 0, sizeof *stats);
    if (!n_paths) {
        paths = stdin_only;
        n_paths = 1;
    }
    struct stat st;
    int alone = n_paths == 1 && !opt->jsonl &&
                (strcmp(paths[0], "-") == 0 || (stat(paths[0], &st) == 0 && S_ISREG(st.st_mode)));
    int rc = start_threads(&r);
    for (size_t i = 0; i < n_paths && !rc && !r.stop; i++) {
        if (opt->jsonl) {
            rc = run_stream(&r, paths[i]);
            continue;
        }
        nc_walk *w;
        if ((rc = nc_walk_new(&w, paths[i], walk_error, &r)))
            break;
        char *path;
        int more;
        while (!r.stop && (more = nc_walk_next(w, &path)) != 0) {
            if (more < 0) {
                rc = more;
                break;
            }
            job j = {.path = path, .alone = alone}; /* the job owns the path now */
            if ((rc = submit(&r, &j)))
                break;
        }
        stats->skipped += nc_walk_skipped(w);
        nc_walk_free(w);
    }
    stop_threads(&r);
    if (!rc)
        rc = r.rc;
    if (fflush(opt->out) == EOF && !stats->pipe_closed)
        stats->pipe_closed = errno == EPIPE;
    return rc;
}
