/* Progress line (see progress.h). */
#include "cli/progress.h"
#include "document/document.h"

#include <string.h>

#define TTY_EVERY_NS 200000000ULL
#define LOG_EVERY_NS 2000000000ULL

void nc_progress_start(nc_progress *p, FILE *f, int tty, uint64_t total_bytes)
{
    memset(p, 0, sizeof *p);
    p->f = f;
    p->tty = tty;
    p->total = total_bytes;
    p->t0 = p->last = nc_clock_ns();
}

static void clock_text(char *buf, size_t n, double s)
{
    long t = (long)(s + 0.5);
    if (t >= 3600)
        snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

void nc_progress_update(nc_progress *p, size_t docs, size_t skipped, uint64_t done_bytes, int final)
{
    if (!p->f)
        return;
    if (done_bytes > p->done)
        p->done = done_bytes;
    done_bytes = p->done;
    uint64_t now = nc_clock_ns();
    if (!final && now - p->last < (p->tty ? TTY_EVERY_NS : LOG_EVERY_NS))
        return;
    p->last = now;
    double el = (double)(now - p->t0) / 1e9;
    char elapsed[32], eta[64] = "", skip[64] = "";
    clock_text(elapsed, sizeof elapsed, el);
    if (skipped)
        snprintf(skip, sizeof skip, " (%zu already done)", skipped);
    if (final) {
        snprintf(eta, sizeof eta, ", done");
    } else if (p->total && done_bytes && done_bytes <= p->total) {
        char left[32];
        clock_text(left, sizeof left, el * (double)(p->total - done_bytes) / (double)done_bytes);
        snprintf(eta, sizeof eta, ", ETA %s (%.0f%%)", left, 100.0 * (double)done_bytes / (double)p->total);
    }
    fprintf(p->f, "%snewsclaims: %zu documents%s, %.1f/s, %s elapsed%s%s", p->tty ? "\r" : "", docs, skip,
            el > 0 ? (double)docs / el : 0.0, elapsed, eta, p->tty ? "\033[K" : "\n");
    if (p->tty && final)
        fputc('\n', p->f);
    p->drawn = p->tty && !final;
    fflush(p->f);
}

void nc_progress_clear(nc_progress *p)
{
    if (p->f && p->drawn) {
        fputs("\r\033[K", p->f);
        p->drawn = 0;
    }
}
