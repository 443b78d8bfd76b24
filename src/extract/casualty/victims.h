/* Which figures that count one person count the same person: "a man was
 * shot ... the man ... the victim was pronounced dead" is one person,
 * killed; "a man died ... his friend was hurt" are two. */
#ifndef NC_EXTRACT_CASUALTY_VICTIMS_H
#define NC_EXTRACT_CASUALTY_VICTIMS_H
#include "extract/casualty/casualty.h"

/* One person the article counts one by one. */
typedef struct nc_person {
    int killed;      /* a mention says they died */
    int perpetrator; /* named as an attacker */
    int ordinal;     /* "a third person": 3, so the incident has 3 people at least; 0 when none
                        ("the fourth teenager killed this year" counts no one here) */
} nc_person;

typedef struct nc_persons {
    nc_person *items;
    size_t n;
} nc_persons;

/* Sets figure.person for the figures of killed, injured and shot people
 * that count one person (-1 for the others) and lists the distinct people
 * in *out (malloc'd, nc_persons_free). Figures outside the reported
 * incident (scope other than event) are left out. class_re: the compiled
 * PERSONCLASS macro. 0 or NC_ENOMEM. */
int nc_victims_link(const pcre2_code *class_re, const nc_document *doc, nc_figures *f, nc_persons *out);
void nc_persons_free(nc_persons *p);

#endif
