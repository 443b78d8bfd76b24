/* Dates as pages write them, normalised to ISO 8601. */
#ifndef NC_DOCUMENT_DATE_H
#define NC_DOCUMENT_DATE_H
#include <stddef.h>

typedef struct nc_date {
    int y, mo, d;       /* calendar date */
    int h, mi, s;       /* time of day when has_time */
    int has_time, has_zone;
    int zone_min;       /* offset east of UTC in minutes when has_zone */
} nc_date;

/* Parses the whole of s (surrounding spaces allowed) as one date:
 * ISO 8601 ("2019-11-19", "2019-11-19T12:30:00.000Z", "...+01:00",
 * "2019-11-19 12:30"), RFC 2822 ("Tue, 19 Nov 2019 12:30:00 GMT"),
 * "November 19, 2019", "Nov. 19, 2019 12:30 PM", "19 November 2019".
 * Invalid calendar dates fail. 1 if parsed, else 0. */
int nc_date_parse(const char *s, nc_date *out);

/* Finds the first date written in words or as ISO 8601 inside a short
 * text ("Published 19 November 2019, 10:02"). 1 if found. */
int nc_date_find(const char *s, nc_date *out);

/* "2019-11-19", "2019-11-19T12:30:00", "2019-11-19T12:30:00Z" or with
 * "+01:00", into buf (at least 26 bytes). */
void nc_date_format(const nc_date *d, char *buf, size_t n);

/* Seconds since 1970-01-01T00:00Z (a date alone: its start; no zone: read
 * as UTC). */
long long nc_date_epoch(const nc_date *d);

#endif
