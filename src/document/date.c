/* Date parsing and ISO 8601 output for page metadata. */
#include "document/date.h"
#include "newsclaims.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const MONTHS[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};

static int days_in(int y, int m)
{
    static const int D[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : D[m - 1];
}

static int valid(const nc_date *d)
{
    if (d->y < 1900 || d->y > 2999 || d->mo < 1 || d->mo > 12 || d->d < 1 || d->d > days_in(d->y, d->mo))
        return 0;
    if (d->has_time && (d->h > 23 || d->mi > 59 || d->s > 60))
        return 0;
    return !d->has_zone || (d->zone_min >= -14 * 60 && d->zone_min <= 14 * 60);
}

/* Reads up to max digits (at least min) at *p. */
static int num(const char **p, int min, int max, int *out)
{
    int v = 0, n = 0;
    while (n < max && isdigit((unsigned char)(*p)[n])) {
        v = v * 10 + ((*p)[n] - '0');
        n++;
    }
    if (n < min)
        return 0;
    *p += n;
    *out = v;
    return 1;
}

static void skip_ws(const char **p)
{
    while (**p && (isspace((unsigned char)**p)))
        (*p)++;
}

/* A month name (full or abbreviated, optional '.') at *p: 1-12, or 0. */
static int month_word(const char **p)
{
    char w[12];
    size_t n = 0;
    while (n + 1 < sizeof w && isalpha((unsigned char)(*p)[n])) {
        w[n] = (char)tolower((unsigned char)(*p)[n]);
        n++;
    }
    w[n] = '\0';
    if (n < 3 || isalpha((unsigned char)(*p)[n]))
        return 0;
    static const char *const FULL[] = {"january", "february", "march", "april", "may", "june", "july",
                                       "august", "september", "october", "november", "december"};
    for (int m = 0; m < 12; m++) {
        if (strcmp(w, FULL[m]) == 0 || (n == 3 && strncmp(w, MONTHS[m], 3) == 0) ||
            (n == 4 && m == 8 && strcmp(w, "sept") == 0)) {
            *p += n;
            if (**p == '.')
                (*p)++;
            return m + 1;
        }
    }
    return 0;
}

/* "T12:30", "12:30:05.123", " 12:30 PM", then a zone: "Z", "+01:00",
 * "+0100", "GMT", "UTC". */
static void time_part(const char **pp, nc_date *d)
{
    const char *p = *pp;
    if (*p == 'T' || *p == 't')
        p++;
    else
        skip_ws(&p);
    if (*p == ',' ) {
        p++;
        skip_ws(&p);
    }
    if (strncmp(p, "at ", 3) == 0)
        p += 3;
    int h, mi, s = 0;
    if (!num(&p, 1, 2, &h) || *p != ':' || (p++, !num(&p, 2, 2, &mi)))
        return;
    if (*p == ':') {
        p++;
        if (!num(&p, 2, 2, &s))
            return;
        if (*p == '.' || *p == ',') {
            p++;
            while (isdigit((unsigned char)*p))
                p++;
        }
    }
    const char *q = p;
    skip_ws(&q);
    if ((tolower((unsigned char)q[0]) == 'a' || tolower((unsigned char)q[0]) == 'p') &&
        tolower((unsigned char)q[1]) == 'm' && !isalpha((unsigned char)q[2])) {
        if (h < 1 || h > 12)
            return;
        h = h % 12 + (tolower((unsigned char)q[0]) == 'p' ? 12 : 0);
        p = q + 2;
    } else if ((tolower((unsigned char)q[0]) == 'a' || tolower((unsigned char)q[0]) == 'p') && q[1] == '.' &&
               tolower((unsigned char)q[2]) == 'm' && q[3] == '.') {
        if (h < 1 || h > 12)
            return;
        h = h % 12 + (tolower((unsigned char)q[0]) == 'p' ? 12 : 0);
        p = q + 4;
    }
    d->h = h, d->mi = mi, d->s = s, d->has_time = 1;
    q = p;
    skip_ws(&q);
    if (*p == 'Z' || *p == 'z') {
        d->has_zone = 1, d->zone_min = 0, p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1, zh, zm = 0;
        const char *z = p + 1;
        if (num(&z, 2, 2, &zh)) {
            if (*z == ':')
                z++;
            if (!num(&z, 2, 2, &zm))
                zm = 0;
            d->has_zone = 1, d->zone_min = sign * (zh * 60 + zm), p = z;
        }
    } else if (strncmp(q, "GMT", 3) == 0 || strncmp(q, "UTC", 3) == 0) {
        d->has_zone = 1, d->zone_min = 0, p = q + 3;
        if (*p == '+' || *p == '-') { /* GMT+0100 */
            int sign = *p == '-' ? -1 : 1, zh, zm = 0;
            const char *z = p + 1;
            if (num(&z, 2, 2, &zh)) {
                if (*z == ':')
                    z++;
                if (!num(&z, 2, 2, &zm))
                    zm = 0;
                d->zone_min = sign * (zh * 60 + zm), p = z;
            }
        }
    }
    *pp = p;
}

/* One date at *pp; on success *pp is past it. */
static int parse_at(const char **pp, nc_date *d)
{
    const char *p = *pp;
    memset(d, 0, sizeof *d);
    /* weekday name */
    const char *q = p;
    while (isalpha((unsigned char)*q))
        q++;
    if (q - p >= 3 && *q == ',' && !month_word(&(const char *){p}))
        p = q + 1;
    skip_ws(&p);
    int a, m;
    const char *start = p;
    if (num(&p, 4, 4, &a) && (*p == '-' || *p == '/')) { /* 2019-11-19 */
        char sep = *p++;
        if (!num(&p, 1, 2, &d->mo) || *p++ != sep || !num(&p, 1, 2, &d->d))
            return 0;
        d->y = a;
        if (*p == 'T' || *p == 't' || *p == ' ')
            time_part(&p, d);
    } else if ((p = start, num(&p, 1, 2, &a))) { /* 19 November 2019 */
        skip_ws(&p);
        if (*p == '.')
            p++, skip_ws(&p);
        if (!(m = month_word(&p)))
            return 0;
        skip_ws(&p);
        if (*p == ',')
            p++, skip_ws(&p);
        if (!num(&p, 4, 4, &d->y))
            return 0;
        d->mo = m, d->d = a;
        time_part(&p, d);
    } else if ((p = start, (m = month_word(&p)))) { /* November 19, 2019 */
        skip_ws(&p);
        if (!num(&p, 1, 2, &d->d))
            return 0;
        if (p[0] && strchr("snrt", p[0]) && p[1] && strchr("tdh", p[1]))
            p += 2; /* 1st, 2nd, 3rd, 19th */
        if (*p == ',')
            p++;
        skip_ws(&p);
        if (!num(&p, 4, 4, &d->y))
            return 0;
        d->mo = m;
        time_part(&p, d);
    } else {
        return 0;
    }
    if (isdigit((unsigned char)*p) || !valid(d))
        return 0;
    *pp = p;
    return 1;
}

int nc_date_parse(const char *s, nc_date *out)
{
    const char *p = s;
    skip_ws(&p);
    nc_date d;
    if (!parse_at(&p, &d))
        return 0;
    skip_ws(&p);
    if (*p)
        return 0;
    *out = d;
    return 1;
}

int nc_date_find(const char *s, nc_date *out)
{
    for (const char *p = s; *p; p++) {
        if (p != s && (isalnum((unsigned char)p[-1])))
            continue;
        if (!isalnum((unsigned char)*p))
            continue;
        const char *q = p;
        nc_date d;
        if (parse_at(&q, &d)) {
            *out = d;
            return 1;
        }
    }
    return 0;
}

void nc_date_format(const nc_date *d, char *buf, size_t n)
{
    if (!d->has_time) {
        snprintf(buf, n, "%04d-%02d-%02d", d->y, d->mo, d->d);
    } else if (!d->has_zone) {
        snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d", d->y, d->mo, d->d, d->h, d->mi, d->s);
    } else if (d->zone_min == 0) {
        snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02dZ", d->y, d->mo, d->d, d->h, d->mi, d->s);
    } else {
        int z = d->zone_min < 0 ? -d->zone_min : d->zone_min;
        snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d->y, d->mo, d->d, d->h, d->mi, d->s,
                 d->zone_min < 0 ? '-' : '+', z / 60, z % 60);
    }
}

long long nc_date_epoch(const nc_date *d)
{
    /* days from civil (Howard Hinnant's algorithm) */
    int y = d->y - (d->mo <= 2);
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (d->mo + (d->mo > 2 ? -3 : 9)) + 2) / 5 + d->d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long long days = era * 146097 + doe - 719468;
    long long t = days * 86400;
    if (d->has_time)
        t += d->h * 3600LL + d->mi * 60LL + d->s;
    if (d->has_zone)
        t -= d->zone_min * 60LL;
    return t;
}

int nc_parse_reference_date(const char *s, long long *out)
{
    nc_date d;
    if (!nc_date_parse(s, &d))
        return NC_EINVAL;
    *out = nc_date_epoch(&d) + (d.has_time ? 0 : 86399);
    return 0;
}
