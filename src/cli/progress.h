/* Progress of a batch run on standard error: documents done, rate,
 * elapsed time, and the ETA when the total input size is known. On a
 * terminal one line is redrawn (at most 5 times a second); elsewhere
 * (--progress forced into a file or pipe) a line is written every 2 s. */
#ifndef NC_CLI_PROGRESS_H
#define NC_CLI_PROGRESS_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct nc_progress {
    FILE *f;          /* NULL: progress off */
    int tty;          /* redraw one line in place */
    uint64_t t0, last; /* CLOCK_MONOTONIC ns: start, last line */
    uint64_t total;   /* input bytes in all, 0 = unknown */
    uint64_t done;    /* input bytes behind the documents written so far */
    int drawn;        /* a line is on the terminal now */
} nc_progress;

void nc_progress_start(nc_progress *p, FILE *f, int tty, uint64_t total_bytes);
/* docs: records written; skipped: inputs skipped (resumed); done_bytes:
 * input bytes behind them (0: as last said). Draws when it is time (or
 * always with final, which ends the line). */
void nc_progress_update(nc_progress *p, size_t docs, size_t skipped, uint64_t done_bytes, int final);
/* Erases the line on a terminal before another message is written. */
void nc_progress_clear(nc_progress *p);

#endif
