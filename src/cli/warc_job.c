/* WARC and WET input for the batch runner: which records are documents,
 * and how a record's payload becomes one.
 *
 * Documents: `response` records carrying an HTTP response with a 2xx
 * status whose payload is HTML or text (by the HTTP Content-Type; sniffed
 * when there is none), and WET `conversion` records (plain UTF-8 text).
 * Everything else is counted by kind in the statistics: warcinfo,
 * request, metadata, revisit, other record types, responses that are not
 * text (images, scripts, DNS records) and responses whose status is not
 * 2xx (redirects, errors: not the page). */
#include "cli/runner.h"
#include "input/http.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const nc_warc_skip_names[NC_SKIP_KINDS] = {
    "warcinfo", "request", "metadata", "revisit", "other_type", "not_text", "http_status"};

static int type_is(const nc_warc_record *w, const char *t) { return w->type && strcasecmp(w->type, t) == 0; }

/* The kind of a record that is not a document by its type alone, or -1. */
static int skip_by_type(const nc_warc_record *w)
{
    if (type_is(w, "response") || type_is(w, "conversion"))
        return -1;
    return type_is(w, "warcinfo")   ? NC_SKIP_WARCINFO
           : type_is(w, "request")  ? NC_SKIP_REQUEST
           : type_is(w, "metadata") ? NC_SKIP_METADATA
           : type_is(w, "revisit")  ? NC_SKIP_REVISIT
                                    : NC_SKIP_OTHER_TYPE;
}

int nc_warc_run(runner *r, const char *path, nc_warc *w)
{
    int rc = 0;
    const nc_resume *done = r->opt->resume;
    while (!rc && !nc_runner_stopping(r)) {
        job j = {.is_warc = 1};
        int more = nc_warc_next(w, &j.warc);
        if (more <= 0) {
            rc = more;
            break;
        }
        if (nc_runner_stopping(r)) { /* a read the signal cut short */
            nc_job_clear(&j);
            break;
        }
        r->stats->warc_records++;
        int kind = j.warc.error ? -1 : skip_by_type(&j.warc);
        if (kind >= 0) {
            r->type_skipped[kind]++;
            nc_job_clear(&j);
            continue;
        }
        if (done && nc_resume_has_path(done, path) && nc_resume_take(r->opt->resume, path, j.warc.id)) {
            __atomic_fetch_add(&r->stats->resumed, 1, __ATOMIC_RELAXED);
            nc_job_clear(&j);
            continue;
        }
        j.mark = r->base + nc_warc_raw_pos(w);
        if (!(j.path = strdup(path))) {
            nc_job_clear(&j);
            return NC_ENOMEM;
        }
        rc = nc_runner_submit(r, &j);
    }
    return rc;
}

static int media_is(const char *mt, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(mt, *list) == 0)
            return 1;
    return 0;
}

static int binary_start(const char *s, size_t n) { return memchr(s, '\0', n < 1024 ? n : 1024) != NULL; }

/* A response record: the HTTP payload, decoded, as HTML or text. */
static int process_response(const nc_batch_options *opt, job *j, const nc_source *src)
{
    static const char *const html[] = {"text/html", "application/xhtml+xml", "application/xml+xhtml", NULL};
    static const char *const text[] = {"text/plain", NULL};
    const nc_warc_record *w = &j->warc;
    int is_http = (w->content_type && strncasecmp(w->content_type, "application/http", 16) == 0) ||
                  (w->len >= 5 && memcmp(w->block, "HTTP/", 5) == 0);
    if (!is_http) { /* dns:, ftp: and other non-HTTP responses */
        j->skip = 1 + NC_SKIP_NOT_TEXT;
        return 0;
    }
    nc_http_response h;
    int rc = nc_http_parse(w->block, w->len, opt->max_bytes, &h);
    if (rc)
        return rc;
    nc_format format = NC_FORMAT_AUTO;
    if (h.status && (h.status < 200 || h.status > 299))
        j->skip = 1 + NC_SKIP_HTTP_STATUS;
    else if (media_is(h.media_type, html))
        format = NC_FORMAT_HTML;
    else if (media_is(h.media_type, text))
        format = NC_FORMAT_TEXT;
    else if (h.media_type[0] || (h.body && binary_start(h.body, h.len)))
        j->skip = 1 + NC_SKIP_NOT_TEXT;
    if (!j->skip) {
        if (opt->format != NC_FORMAT_AUTO)
            format = opt->format;
        j->bytes = h.len;
        rc = h.error[0] ? nc_runner_fail(opt, j, src, w->len, h.error)
                        : nc_runner_record(opt, j, h.body, h.len, src, format, h.charset[0] ? h.charset : NULL);
    }
    nc_http_response_clear(&h);
    return rc;
}

int nc_warc_process(const nc_batch_options *opt, job *j)
{
    const nc_warc_record *w = &j->warc;
    nc_source src = {.path = j->path, .id = w->id, .url = w->uri, .crawl_date = w->date,
                     .fields = opt->keep_fields ? "{}" : NULL};
    if (w->error)
        return nc_runner_fail(opt, j, &src, 0, w->error);
    if (type_is(w, "conversion")) { /* WET: the page's text, UTF-8 */
        j->bytes = w->len;
        return nc_runner_record(opt, j, w->block, w->len, &src,
                                opt->format != NC_FORMAT_AUTO ? opt->format : NC_FORMAT_TEXT, NULL);
    }
    return process_response(opt, j, &src);
}
