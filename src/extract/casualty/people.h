/* What the words naming a figure's people say about them: one person or
 * many, how the text refers to them ("a man", "the victim", "he", a name),
 * sex, age, surname, and whether they are the attackers. Read from the
 * count and `who` text with the PERSONCLASS macro (data/macros.txt). */
#ifndef NC_EXTRACT_CASUALTY_PEOPLE_H
#define NC_EXTRACT_CASUALTY_PEOPLE_H
#include "extract/casualty/casualty.h"

typedef enum {
    NC_REF_NONE = 0, /* not one person: a number of people */
    NC_REF_NEW,      /* "a man", "one woman": someone not met before, unless the age says otherwise */
    NC_REF_ANOTHER,  /* "another man", "a third person": surely someone else */
    NC_REF_DEF,      /* "the victim", "the 12-year-old": someone met before */
    NC_REF_RELATIVE, /* "his wife", "her son": someone new, tied to another */
    NC_REF_PRONOUN,  /* "he", "she", "himself" */
    NC_REF_NAME      /* "Jordan Harris" */
} nc_ref;

typedef struct nc_people {
    nc_ref ref;
    int sex;        /* 'm', 'f' or 0 */
    int age;        /* 0 when not given */
    int ordinal;    /* "a third person": 3; 0 when none */
    int perpetrator, victim; /* named as the attackers / as victims */
    size_t surname_s, surname_e; /* the last word of a name, in doc->text */
} nc_people;

/* Reads the people of figure f. class_re is the compiled PERSONCLASS
 * macro (NULL: sex and role are left unknown). */
void nc_people_read(const pcre2_code *class_re, pcre2_match_data *md, const char *text, const nc_figure *f,
                    nc_people *out);

#endif
