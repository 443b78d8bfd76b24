/* Batch runner: inputs -> ordered records, optionally on worker threads.
 *
 * The main thread reads the inputs (paths from the walk, JSON Lines and
 * WARC streams record by record) and hands out jobs; workers process them;
 * the main thread writes finished jobs in input order. A signal (via
 * opt->interrupt) stops the reading: jobs already running finish and are
 * written, queued ones are dropped, and nothing after the first dropped
 * one is written, so the output is whole records of a prefix of the
 * input. */
#include "cli/batch.h"
#include "cli/runner.h"
#include "document/document.h"
#include "input/input.h"
#include "input/keep.h"
#include "input/lines.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void nc_job_clear(job *j)
{
    free(j->path);
    free(j->line);
    free(j->data);
    nc_warc_record_clear(&j->warc);
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

int nc_runner_stopping(const runner *r)
{
    return __atomic_load_n(&r->stop, __ATOMIC_ACQUIRE) || (r->opt->interrupt && *r->opt->interrupt);
}

/* The run must stop (set by the writer; read by every thread). */
static void set_stop(runner *r) { __atomic_store_n(&r->stop, 1, __ATOMIC_RELEASE); }

static int runner_rc(const runner *r) { return __atomic_load_n(&r->rc, __ATOMIC_ACQUIRE); }

int nc_runner_fail(const nc_batch_options *opt, job *j, const nc_source *src, size_t bytes, const char *reason)
{
    nc_record *rec;
    if (nc_record_new_failed(&rec, src, bytes, reason))
        return NC_ENOMEM;
    j->json = opt->body_only ? strdup("") : nc_output_record(&opt->output, rec, j->seq);
    nc_record_free(rec);
    j->failed = 1;
    j->errmsg = fmt_msg(src->path ? src->path : "-", reason);
    return j->json && j->errmsg ? 0 : NC_ENOMEM;
}

#define INTERPRETED_DOCUMENTS 100
#define HOT_ONLY_DOCUMENTS 2000 /* then every rule a document calls is worth compiling */

/* nc_runner_record, and owned (data, or NULL) freed once it is read */
static int runner_record(const nc_batch_options *opt, job *j, const char *data, size_t len, char *owned,
                         const nc_source *src, nc_format format, const char *charset)
{
    nc_record *rec;
    nc_options ro = {.format = format, .reference_time = opt->reference_time, .timeout = opt->timeout,
                     .charset = charset};
    /* JIT-compiling the rules a run uses costs about what interpreting
     * them over a hundred articles does: the first ones of a run (one file
     * in a shell loop, a small folder) use the interpreter, the next ones
     * the JIT for the rules those called often (NC_JIT_HOT; worker() starts
     * them once the first ones are done), and a long run the JIT for every
     * rule. By place in the input, not by time, so that the output never
     * depends on --jobs. */
    ro.no_jit = opt->jit_all ? 0 : j->seq < INTERPRETED_DOCUMENTS ? 1 : j->seq < HOT_ONLY_DOCUMENTS ? NC_JIT_HOT : 0;
    ro.text_only = opt->body_only; /* the text is all --body-only writes */
    ro.stage_times = opt->stage_times;
    if (owned ? nc_record_new_take(&rec, opt->ctx, owned, len, &ro, src)
              : nc_record_new_opts(&rec, opt->ctx, data, len, &ro, src))
        return NC_ENOMEM;
    if (opt->body_only) {
        size_t tlen;
        const char *text = nc_record_text(rec, &tlen);
        if ((j->json = malloc(tlen + 1)) != NULL) {
            memcpy(j->json, text, tlen);
            j->json[tlen] = '\0';
        }
    } else {
        uint64_t t0 = opt->stage_times ? nc_thread_cpu_ns() : 0;
        j->json = nc_output_record(&opt->output, rec, j->seq);
        if (opt->stage_times)
            j->stage_s[NC_STAGES] = (double)(nc_thread_cpu_ns() - t0) / 1e9;
    }
    for (int s = 0; s < NC_STAGES; s++)
        j->stage_s[s] = nc_record_stage_seconds(rec, s);
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

int nc_runner_record(const nc_batch_options *opt, job *j, const char *data, size_t len, const nc_source *src,
                     nc_format format, const char *charset)
{
    return runner_record(opt, j, data, len, NULL, src, format, charset);
}

/* source.fields for inputs that have no fields to keep */
static const char *no_fields(const nc_batch_options *opt) { return opt->keep_fields ? "{}" : NULL; }

static int process_file(const nc_batch_options *opt, job *j)
{
    char *data = NULL, msg[512];
    size_t len = 0;
    nc_source src = {.path = j->path, .fields = no_fields(opt)};
    int rc = j->data ? nc_input_decode(j->data, j->data_len, opt->max_bytes, &data, &len, msg, sizeof msg)
                     : nc_input_read_flags(j->path, j->regular_only ? NC_INPUT_REGULAR : 0, opt->max_bytes, &data,
                                           &len, msg, sizeof msg);
    free(j->data);
    j->data = NULL;
    if (rc == NC_ENOMEM)
        return rc;
    if (rc)
        return nc_runner_fail(opt, j, &src, 0, msg[0] ? msg : nc_strerror(rc));
    j->bytes = len;
    return runner_record(opt, j, data, len, data, &src, opt->format, NULL); /* frees data once read */
}

static int process_line(const nc_batch_options *opt, job *j)
{
    nc_jsonl_doc d;
    char *fields = NULL;
    memset(&d, 0, sizeof d);
    int rc = nc_jsonl_parse(j->line, j->line_len, j->lineno, opt->text_field, opt->id_field, &d);
    j->bytes = j->line_len;
    if (!rc && opt->keep_fields && !d.error)
        rc = nc_keep_fields(j->line, j->line_len, opt->keep_fields, opt->text_field, &fields);
    free(j->line); /* the text is copied out: a large line is not held twice */
    j->line = NULL;
    if (!rc) {
        nc_source src = {.path = j->path, .id = d.id, .url = d.url, .title = d.title,
                         .fields = fields ? fields : no_fields(opt)};
        if (d.error)
            rc = nc_runner_fail(opt, j, &src, j->line_len, d.error);
        else if (opt->max_bytes && d.len > opt->max_bytes)
            rc = nc_runner_fail(opt, j, &src, d.len, "text is larger than the --max-bytes limit");
        else
            rc = nc_runner_record(opt, j, d.text, d.len, &src, opt->format, NULL);
    }
    free(fields);
    nc_jsonl_doc_clear(&d);
    return rc;
}

static void process(const nc_batch_options *opt, job *j)
{
    if (j->json)
        return; /* a failure record made while reading the stream */
    j->rc = j->is_warc ? nc_warc_process(opt, j) : j->line ? process_line(opt, j) : process_file(opt, j);
    if (j->rc == NC_ENOMEM) {
        /* memory ran out for this document (the big buffers are freed by
         * now): it still gets a record, and the run goes on */
        free(j->json);
        free(j->errmsg);
        j->json = j->errmsg = NULL;
        j->skip = 0;
        nc_source src = {.path = j->path, .id = j->warc.id, .url = j->warc.uri, .fields = no_fields(opt)};
        j->rc = nc_runner_fail(opt, j, &src, j->bytes, "out of memory");
    }
}

/* Writes a finished job; notes a closed pipe. */
static void write_job(runner *r, job *j)
{
    if (j->rc) {
        __atomic_store_n(&r->rc, j->rc, __ATOMIC_RELEASE);
        set_stop(r);
        return;
    }
    /* interrupted: nothing after a job that was not processed, and no
     * record for a read that the signal cut short */
    if (j->dropped || (j->failed && r->opt->interrupt && *r->opt->interrupt)) {
        set_stop(r);
        return;
    }
    if (j->skip) {
        r->stats->warc_skipped[j->skip - 1]++;
        return;
    }
    if (j->errmsg) {
        nc_progress_clear(&r->progress);
        fprintf(r->opt->err, "newsclaims: %s\n", j->errmsg);
    }
    if (j->failed)
        r->stats->failed++;
    /* --body-only: documents are separated by a line holding a form feed;
     * JSON records are lines, the other formats end their own rows */
    int lines = r->opt->body_only || nc_output_is_lines(&r->opt->output);
    if ((r->opt->body_only && r->stats->documents && fputs("\f\n", r->opt->out) == EOF) ||
        fputs(j->json, r->opt->out) == EOF || (lines && fputc('\n', r->opt->out) == EOF) ||
        /* record by record, so that a killed run leaves at most one torn
         * line (--resume cuts it) and a pipe's reader gets each one */
        fflush(r->opt->out) == EOF) {
        set_stop(r);
        r->stats->write_errno = errno;
        r->stats->pipe_closed = errno == EPIPE;
        return;
    }
    r->stats->documents++;
    r->stats->bytes += j->bytes;
    for (int s = 0; s < NC_BATCH_STAGES; s++)
        r->stats->stage_s[s] += j->stage_s[s];
    nc_progress_update(&r->progress, r->stats->documents, __atomic_load_n(&r->stats->resumed, __ATOMIC_RELAXED),
                       j->mark, 0);
}

/* Writes finished jobs in input order while the next one is done. Any
 * thread may, one at a time (r->writing): a worker that finishes the job
 * everyone waits for writes it at once, even while the main thread is
 * blocked reading input. Called with the lock held; writes under it, so
 * that statistics, progress and stderr messages are serialised. */
static void drain(runner *r)
{
    if (r->writing)
        return;
    r->writing = 1;
    for (;;) {
        job *head = &r->slots[r->next_write % r->n_slots];
        if (r->next_write >= r->next_seq || head->state != SLOT_DONE)
            break;
        if (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE))
            write_job(r, head);
        nc_job_clear(head); /* slot free again */
        r->next_write++;
        pthread_cond_broadcast(&r->cv_done);
    }
    r->writing = 0;
}

/* Writes the text before or after the records (and frees it). */
static int write_part(runner *r, char *s)
{
    if (!s)
        return NC_ENOMEM;
    if (fputs(s, r->opt->out) == EOF) {
        set_stop(r);
        r->stats->pipe_closed = errno == EPIPE;
    }
    free(s);
    return 0;
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
        /* the interpreted documents' rule counts decide which rules the
         * later ones JIT-compile: they must be final (one wait a run) */
        while (!r->opt->jit_all && j->seq >= INTERPRETED_DOCUMENTS && r->next_write < INTERPRETED_DOCUMENTS &&
               !nc_runner_stopping(r))
            pthread_cond_wait(&r->cv_done, &r->mu);
        int drop = nc_runner_stopping(r);
        pthread_mutex_unlock(&r->mu);
        if (drop)
            j->dropped = 1;
        else
            process(r->opt, j);
        pthread_mutex_lock(&r->mu);
        j->state = SLOT_DONE;
        drain(r);
        pthread_cond_broadcast(&r->cv_done);
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

/* Waits (lock held) for a free slot to submit into, or with wait_all
 * until every job is written. */
static void flush_done(runner *r, int wait_for_slot, int wait_all)
{
    for (;;) {
        drain(r);
        int need = wait_all ? r->next_write < r->next_seq
                            : wait_for_slot && r->slots[r->next_seq % r->n_slots].state != SLOT_FREE &&
                                  !nc_runner_stopping(r);
        if (!need)
            return;
        /* woken at least every 100 ms: a signal does not wake a waiting
         * thread, and the progress line is kept moving */
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100000000L;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&r->cv_done, &r->mu, &until);
        nc_progress_update(&r->progress, r->stats->documents, __atomic_load_n(&r->stats->resumed, __ATOMIC_RELAXED),
                           0, 0);
    }
}

int nc_runner_submit(runner *r, job *j)
{
    if (nc_runner_stopping(r)) {
        nc_job_clear(j);
        return runner_rc(r);
    }
    j->seq = r->stats->read++;
    if (r->n_threads == 0) {
        process(r->opt, j);
        if (!__atomic_load_n(&r->stop, __ATOMIC_ACQUIRE)) /* interrupted: what ran is written */
            write_job(r, j);
        nc_job_clear(j);
        return runner_rc(r);
    }
    pthread_mutex_lock(&r->mu);
    flush_done(r, 1, 0);
    if (nc_runner_stopping(r)) {
        pthread_mutex_unlock(&r->mu);
        r->stats->read--;
        nc_job_clear(j);
        return runner_rc(r);
    }
    job *slot = &r->slots[r->next_seq % r->n_slots];
    *slot = *j;
    slot->state = SLOT_QUEUED;
    r->next_seq++;
    pthread_cond_signal(&r->cv_work);
    pthread_mutex_unlock(&r->mu);
    memset(j, 0, sizeof *j);
    return runner_rc(r);
}

/* --resume: an input whose record is already in the output is skipped. */
static int already_done(runner *r, const char *path, const char *id)
{
    if (!r->opt->resume || !nc_resume_take(r->opt->resume, path, id))
        return 0;
    __atomic_fetch_add(&r->stats->resumed, 1, __ATOMIC_RELAXED);
    return 1;
}

/* ---- JSON Lines streams: line by line, so memory stays flat ---- */

static int only_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

/* Submits a record that says why an input (or line `lineno` of a stream)
 * failed. */
static int submit_failed(runner *r, const char *path, size_t bytes, const char *reason)
{
    job j = {.path = strdup(path), .seq = r->stats->read}; /* the number submit gives it */
    nc_source src = {.path = path, .fields = no_fields(r->opt)};
    int rc = !j.path ? NC_ENOMEM : nc_runner_fail(r->opt, &j, &src, bytes, reason);
    if (rc) {
        nc_job_clear(&j);
        return rc;
    }
    return nc_runner_submit(r, &j);
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

/* Opens a file and reads its first bytes: 1 and *w when it is WARC (the
 * reader owns the descriptor then: close it with *fd), 0 when it is not
 * or cannot be opened (reading it the usual way reports why). */
static int sniff_warc(const char *path, size_t max_bytes, nc_warc **w, int *fd)
{
    int is_warc = 0;
    *w = NULL;
    *fd = open(path, O_RDONLY | O_CLOEXEC);
    if (*fd < 0)
        return 0;
    struct stat st;
    unsigned char head[8];
    size_t got = 0;
    int regular = fstat(*fd, &st) == 0 && S_ISREG(st.st_mode);
    /* most files are not WARC and their first bytes say so: no reader
     * (and its buffers) for every file of a folder */
    while (regular && got < sizeof head) {
        ssize_t n = pread(*fd, head + got, sizeof head - got, (off_t)got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    if (!regular || !nc_warc_may_start(head, got) || nc_warc_open_fd(w, *fd, max_bytes, &is_warc) || !is_warc) {
        nc_warc_free(*w);
        *w = NULL;
        close(*fd);
        *fd = -1;
        return 0;
    }
    return 1;
}

static int run_warc_file(runner *r, const char *path, nc_warc *w, int fd)
{
    int rc = nc_warc_run(r, path, w);
    nc_warc_free(w);
    close(fd);
    return rc;
}

/* --resume: whether a line's record is in the output already. Only lines
 * of a path with records left are parsed here, for their id. */
static int line_done(runner *r, const char *path, const nc_line *line, int *rc)
{
    if (!r->opt->resume || !nc_resume_has_path(r->opt->resume, path))
        return 0;
    nc_jsonl_doc d;
    if ((*rc = nc_jsonl_parse(line->s, line->len, line->lineno, r->opt->text_field, r->opt->id_field, &d)))
        return 0;
    int done = already_done(r, path, d.id);
    nc_jsonl_doc_clear(&d);
    return done;
}

static int run_stream(runner *r, const char *path)
{
    int fd;
    nc_warc *w;
    if (strcmp(path, "-") != 0 && sniff_warc(path, r->opt->max_bytes, &w, &fd))
        return run_warc_file(r, path, w, fd);
    nc_lines ls;
    char msg[256];
    if (nc_lines_open(&ls, path, r->opt->max_bytes, msg, sizeof msg))
        return already_done(r, path, NULL) ? 0 : submit_failed(r, path, 0, msg);
    nc_line line;
    int rc = 0, more;
    uint64_t consumed = 0; /* bytes of lines read: progress for plain files */
    while (!rc && !nc_runner_stopping(r) && (more = nc_lines_next(&ls, &line)) != 0) {
        if (more < 0) {
            /* unreadable or corrupt: say so in a record of its own (unless
             * a signal cut the read short, or a resumed run has it) */
            char reason[300];
            snprintf(reason, sizeof reason, "line %zu: stream ends early: %s", line.lineno, nc_lines_error(&ls));
            if (!nc_runner_stopping(r) && !already_done(r, path, NULL))
                rc = submit_failed(r, path, 0, reason);
            break;
        }
        consumed += line.len + 1;
        if (line.error) {
            rc = already_done(r, path, NULL) ? 0 : submit_bad_line(r, path, &line);
            continue;
        }
        if (only_blank(line.s, line.len) || line_done(r, path, &line, &rc) || rc)
            continue;
        job j = {.path = strdup(path), .line = malloc(line.len + 1), .line_len = line.len, .lineno = line.lineno,
                 .mark = r->base + consumed};
        if (!j.path || !j.line) {
            nc_job_clear(&j);
            nc_line oom = {.len = line.len, .lineno = line.lineno, .error = NC_ENOMEM};
            rc = submit_bad_line(r, path, &oom);
            continue;
        }
        memcpy(j.line, line.s, line.len + 1);
        rc = nc_runner_submit(r, &j);
    }
    nc_lines_close(&ls);
    return rc;
}

/* A stream read once — standard input, a FIFO, a device named on the
 * command line — as one document, or as a WARC stream, by its content. */
static int run_fd(runner *r, const char *path, int fd)
{
    nc_warc *w;
    int is_warc;
    if (nc_warc_open_fd(&w, fd, r->opt->max_bytes, &is_warc))
        return NC_ENOMEM;
    if (is_warc) {
        int rc = nc_warc_run(r, path, w);
        nc_warc_free(w);
        return rc;
    }
    if (already_done(r, path, NULL)) {
        nc_warc_free(w);
        return 0;
    }
    job j = {.path = strdup(path)};
    char msg[256] = "";
    int rc = j.path ? nc_warc_take_rest(w, r->opt->max_bytes, &j.data, &j.data_len, msg, sizeof msg) : NC_ENOMEM;
    nc_warc_free(w);
    if (rc == NC_EIO) {
        nc_job_clear(&j);
        return nc_runner_stopping(r) ? 0 : submit_failed(r, path, 0, msg);
    }
    if (rc) {
        nc_job_clear(&j);
        return rc;
    }
    return nc_runner_submit(r, &j);
}

/* One document file, or a WARC file found by its content. */
static int run_file(runner *r, char *path, uint64_t size, int regular_only)
{
    if (strcmp(path, "-") == 0) {
        free(path);
        return run_fd(r, "-", 0);
    }
    struct stat st;
    if (!regular_only && stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        /* a FIFO or device named on the command line: opened once (a
         * second open of a FIFO would wait for a writer that is gone) */
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        int rc = fd < 0 ? (already_done(r, path, NULL) ? 0 : submit_failed(r, path, 0, strerror(errno)))
                        : run_fd(r, path, fd);
        if (fd >= 0)
            close(fd);
        free(path);
        return rc;
    }
    if (already_done(r, path, NULL)) {
        free(path);
        return 0;
    }
    nc_warc *w;
    int fd;
    if (sniff_warc(path, r->opt->max_bytes, &w, &fd)) {
        int rc = run_warc_file(r, path, w, fd);
        free(path);
        return rc;
    }
    job j = {.path = path, .mark = r->base + size, .regular_only = regular_only}; /* the job owns the path now */
    return nc_runner_submit(r, &j);
}

/* A folder the walk could not enter gets a record of its own (in walk
 * order), so that the output says which part of the input was not read,
 * and makes the exit status 1 like any unreadable document. */
static void walk_error(const char *path, const char *msg, void *user)
{
    runner *r = user;
    if (nc_runner_stopping(r))
        return;
    int rc = submit_failed(r, path, 0, msg);
    if (rc && !runner_rc(r)) {
        __atomic_store_n(&r->rc, rc, __ATOMIC_RELEASE);
        set_stop(r);
    }
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
    /* signals go to the main thread, whose reads they interrupt */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    for (int i = 0; i < r->opt->jobs; i++) {
        if (pthread_create(&r->threads[i], NULL, worker, r))
            break;
        r->n_threads++;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
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

/* 1 if the file starts with gzip's magic bytes. */
static int gzip_file(const char *path)
{
    unsigned char m[2] = {0};
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd < 0 ? 0 : read(fd, m, 2);
    if (fd >= 0)
        close(fd);
    return n == 2 && m[0] == 0x1f && m[1] == 0x8b;
}

/* Bytes of input in all when every path is a regular file (for the
 * ETA); 0 when unknown. sizes[i] receives each one. JSON Lines progress
 * counts decompressed bytes, so a gzip'd JSONL file makes it unknown. */
static uint64_t total_size(char *const *paths, size_t n, int jsonl, uint64_t *sizes)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(paths[i], "-") == 0 || stat(paths[i], &st) || !S_ISREG(st.st_mode) ||
            (jsonl && gzip_file(paths[i])))
            return 0;
        sizes[i] = (uint64_t)st.st_size;
        total += sizes[i];
    }
    return total;
}

/* One input path: a JSON Lines stream, or what the walk finds under it. */
static int run_path(runner *r, const char *input, uint64_t size)
{
    if (r->opt->jsonl)
        return run_stream(r, input);
    nc_walk *w;
    int rc = nc_walk_new(&w, input, walk_error, r);
    if (rc)
        return rc;
    char *path;
    int more;
    while (!nc_runner_stopping(r) && (more = nc_walk_next(w, &path)) != 0) {
        if (more < 0) {
            rc = more;
            break;
        }
        if ((rc = run_file(r, path, size, nc_walk_from_folder(w))))
            break;
    }
    r->stats->skipped += nc_walk_skipped(w);
    nc_walk_free(w);
    return rc;
}

/* --files-from: the paths listed in a file (or standard input), one per
 * line or NUL-separated, each read as a command-line path would be. */
static int run_list(runner *r, const char *list)
{
    nc_lines ls;
    char msg[256];
    if (nc_lines_open(&ls, list, 65536, msg, sizeof msg)) {
        fprintf(r->opt->err, "newsclaims: %s: %s\n", list, msg);
        return NC_EIO;
    }
    if (r->opt->files_from_nul)
        nc_lines_set_delim(&ls, '\0');
    nc_line line;
    int rc = 0, more;
    while (!rc && !nc_runner_stopping(r) && (more = nc_lines_next(&ls, &line)) != 0) {
        char reason[300];
        if (more < 0 || line.error) {
            /* the list itself is damaged: say where, and go on if it can */
            snprintf(reason, sizeof reason, "entry %zu of the --files-from list: %s", line.lineno,
                     more < 0 ? nc_lines_error(&ls) : "longer than 64 KiB");
            rc = submit_failed(r, list, 0, reason);
            if (more < 0)
                break;
            continue;
        }
        if (line.len == 0)
            continue;
        if (strlen(line.s) != line.len) { /* a NUL inside a newline-separated entry */
            snprintf(reason, sizeof reason, "entry %zu of the --files-from list holds a NUL byte (use -0)", line.lineno);
            rc = submit_failed(r, list, 0, reason);
        } else if (strcmp(line.s, "-") == 0 && strcmp(list, "-") == 0) {
            rc = submit_failed(r, "-", 0, "standard input is the --files-from list, not a document");
        } else {
            rc = run_path(r, line.s, 0);
        }
    }
    nc_lines_close(&ls);
    return rc;
}

int nc_batch_run(const nc_batch_options *opt, char *const *paths, size_t n_paths, nc_batch_stats *stats)
{
    static char *const stdin_only[] = {"-"};
    runner r = {.opt = opt, .stats = stats};
    memset(stats, 0, sizeof *stats);
    if (!n_paths && !opt->files_from) {
        paths = stdin_only;
        n_paths = 1;
    }
    uint64_t *sizes = calloc(n_paths + 1, sizeof *sizes);
    if (!sizes)
        return NC_ENOMEM;
    if (opt->progress)
        nc_progress_start(&r.progress, opt->err, opt->progress_tty,
                          opt->files_from ? 0 : total_size(paths, n_paths, opt->jsonl, sizes));
    int rc = opt->body_only ? 0 : write_part(&r, nc_output_head(&opt->output));
    if (!rc)
        rc = start_threads(&r);
    for (size_t i = 0; i < n_paths && !rc && !nc_runner_stopping(&r); r.base += sizes[i], i++)
        rc = run_path(&r, paths[i], sizes[i]);
    if (!rc && opt->files_from && !nc_runner_stopping(&r))
        rc = run_list(&r, opt->files_from);
    stop_threads(&r);
    free(sizes);
    /* responses found not to be documents were counted as read */
    for (int k = 0; k < NC_SKIP_KINDS; k++) {
        stats->read -= stats->warc_skipped[k];
        stats->warc_skipped[k] += r.type_skipped[k];
    }
    if (!rc)
        rc = r.rc;
    /* an interrupted run's page still ends properly: what is in it is whole */
    if (!rc && !stats->pipe_closed && !opt->body_only)
        rc = write_part(&r, nc_output_tail(&opt->output));
    if (fflush(opt->out) == EOF && !stats->pipe_closed) {
        stats->write_errno = errno;
        stats->pipe_closed = errno == EPIPE;
    }
    if (opt->interrupt && *opt->interrupt)
        stats->interrupted = (int)*opt->interrupt;
    nc_progress_clear(&r.progress);
    nc_progress_update(&r.progress, stats->documents, stats->resumed, 0, 1);
    return rc;
}
