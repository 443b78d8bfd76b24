/* Reads the actor data files (data/actors/, formats at the top of
 * each file) into a gazetteer. Every problem is reported as
 * "file:line: message" with NC_ERULES, like the other data loaders. */
#include "extract/actors/gazetteer.h"
#include "input/lines.h"
#include "newsclaims.h"
#include "util/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const nc_gaz_file_names[NC_GAZ_FILES] = {
    "actors/countries.txt", "actors/organizations.txt", "actors/forces.txt", "actors/regions.txt",
    "actors/groups.txt", "actors/groups-ucdp.txt", "actors/places-extra.txt", "actors/places.txt",
    "actors/people.txt", "actors/words.txt"};

#define MAX_FIELDS 8

typedef struct span {
    const char *s;
    size_t n;
} span;

typedef struct reader {
    const nc_rule_source *src;
    nc_lines lines;
    size_t line;
    char *err;
    size_t errlen;
} reader;

static int fail(reader *r, const char *fmt, const char *arg)
{
    char msg[200];
    snprintf(msg, sizeof msg, fmt, arg ? arg : "");
    snprintf(r->err, r->errlen, "%s:%zu: %s", r->src->name, r->line, msg);
    return NC_ERULES;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

static span trim(span x)
{
    while (x.n && is_space(x.s[0]))
        x.s++, x.n--;
    while (x.n && is_space(x.s[x.n - 1]))
        x.n--;
    return x;
}

/* Next non-empty line without its comment; 0 at the end. */
static int next_line(reader *r, span *out)
{
    nc_line l;
    while (nc_lines_next(&r->lines, &l) > 0) {
        span x = {l.s, l.len};
        r->line = l.lineno;
        const char *hash = memchr(x.s, '#', x.n);
        if (hash)
            x.n = (size_t)(hash - x.s);
        x = trim(x);
        if (x.n)
            return *out = x, 1;
    }
    return 0;
}

/* Splits x at sep into at most max trimmed parts; the count. */
static size_t split(span x, char sep, span *parts, size_t max)
{
    size_t n = 0;
    for (;;) {
        const char *p = memchr(x.s, sep, x.n);
        size_t k = p ? (size_t)(p - x.s) : x.n;
        if (n < max)
            parts[n] = trim((span){x.s, k});
        n++;
        if (!p)
            return n;
        x.s += k + 1;
        x.n -= k + 1;
    }
}

static int is_slug(span x)
{
    if (!x.n)
        return 0;
    for (size_t i = 0; i < x.n; i++) {
        char c = x.s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return 0;
    }
    return 1;
}

static int is_date(span x)
{
    static const char *const shapes[] = {"dddd", "dddd-dd", "dddd-dd-dd"};
    for (size_t k = 0; k < 3; k++) {
        if (strlen(shapes[k]) != x.n)
            continue;
        size_t i = 0;
        while (i < x.n && (shapes[k][i] == 'd' ? x.s[i] >= '0' && x.s[i] <= '9' : x.s[i] == '-'))
            i++;
        if (i == x.n)
            return 1;
    }
    return 0;
}

/* Adds one list item: "~" marks it ambiguous, "word(s)" adds both forms.
 * *first gets the item without its markers when not NULL. */
static int add_item(nc_gazetteer *g, reader *r, span item, nc_gaz_form f, int proper, char **first)
{
    if (item.n && item.s[0] == '~') {
        f.ambiguous = 1;
        item = trim((span){item.s + 1, item.n - 1});
    }
    if (!item.n)
        return fail(r, "empty name in a list (two ';' in a row?)", NULL);
    int plural = item.n > 3 && memcmp(item.s + item.n - 3, "(s)", 3) == 0;
    if (plural)
        item.n -= 3;
    if (memchr(item.s, '(', item.n) || memchr(item.s, ')', item.n))
        return fail(r, "parentheses are only allowed as a final \"(s)\"", NULL);
    if (first && !*first && !(*first = nc_strndup(item.s, item.n)))
        return NC_ENOMEM;
    const char *why = NULL;
    int rc = nc_gaz_add_phrase(g, item.s, item.n, f, proper, &why);
    if (!rc && plural) {
        char buf[256];
        if (item.n + 2 > sizeof buf)
            return fail(r, "name too long", NULL);
        memcpy(buf, item.s, item.n);
        buf[item.n] = 's';
        rc = nc_gaz_add_phrase(g, buf, item.n + 1, f, proper, &why);
    }
    if (rc == NC_EINVAL)
        return fail(r, "%s", why);
    return rc;
}

/* Adds every item of a ';' list. */
static int add_list(nc_gazetteer *g, reader *r, span list, nc_gaz_form f, int proper, char **first)
{
    if (!list.n)
        return 0;
    span items[256];
    size_t n = split(list, ';', items, 256);
    if (n > 256)
        return fail(r, "more than 256 names in one field", NULL);
    for (size_t i = 0; i < n; i++) {
        int rc = add_item(g, r, items[i], f, proper, first);
        if (rc)
            return rc;
    }
    return 0;
}

static int dup_span(span x, char **out)
{
    *out = nc_strndup(x.s, x.n);
    return *out ? 0 : NC_ENOMEM;
}

/* Reads fields and checks their count. */
static int fields(reader *r, span line, span *f, size_t want)
{
    size_t n = split(line, '|', f, MAX_FIELDS);
    if (n != want) {
        char msg[80];
        snprintf(msg, sizeof msg, "expected %zu fields separated by '|', found %zu", want, n);
        return fail(r, "%s", msg);
    }
    return 0;
}

static int check_new_id(const nc_gazetteer *g, reader *r, span id)
{
    int i = nc_gaz_find_id(g, id.s, id.n);
    return i >= 0 ? fail(r, "id '%s' is used twice", nc_gaz_entry_at(g, (size_t)i)->id) : 0;
}

static int add_entry(nc_gazetteer *g, nc_gaz_entry *e, span names, uint32_t *index)
{
    nc_gaz_entry copy = *e;
    memset(e, 0, sizeof *e);
    if (!(copy.names = nc_strndup(names.s, names.n))) {
        nc_gaz_entry_clear(&copy);
        return NC_ENOMEM;
    }
    return nc_gaz_add_entry(g, &copy, index);
}

/* The first name of a list, without "~" and "(s)". */
static span first_span(span list)
{
    span items[1];
    split(list, ';', items, 1);
    span x = items[0];
    if (x.n && x.s[0] == '~')
        x = trim((span){x.s + 1, x.n - 1});
    if (x.n > 3 && memcmp(x.s + x.n - 3, "(s)", 3) == 0)
        x.n -= 3;
    return x;
}

static int first_name(span list, char **out) { return dup_span(first_span(list), out); }

static int country_of(const nc_gazetteer *g, reader *r, span code, int *out)
{
    if (code.n == 1 && code.s[0] == '-') {
        *out = -1;
        return 0;
    }
    *out = nc_gaz_find_country(g, code.s, code.n);
    if (*out < 0) {
        char c[16];
        snprintf(c, sizeof c, "%.*s", (int)(code.n < 15 ? code.n : 15), code.s);
        return fail(r, "unknown country code '%s' (codes come from countries.txt)", c);
    }
    return 0;
}

static int sector_of(reader *r, span code, int allow_none, int *out)
{
    *out = nc_sector_parse(code.s, code.n);
    if (*out < 0 || (!allow_none && *out == 0)) {
        char c[16];
        snprintf(c, sizeof c, "%.*s", (int)(code.n < 15 ? code.n : 15), code.s);
        return fail(r, "unknown sector '%s' (GOV MIL COP JUD LEG SPY REB PTY OPP CVL MED JRN BUS EDU REF REL IGO NGO)", c);
    }
    return 0;
}

static int load_countries(nc_gazetteer *g, reader *r)
{
    span line, f[MAX_FIELDS];
    int rc;
    while (next_line(r, &line)) {
        if ((rc = fields(r, line, f, 4)))
            return rc;
        span id = f[0];
        if (id.n != 3 || id.s[0] < 'A' || id.s[0] > 'Z' || id.s[1] < 'A' || id.s[1] > 'Z' ||
            id.s[2] < 'A' || id.s[2] > 'Z')
            return fail(r, "the id must be an ISO 3166-1 alpha-3 code (three capital letters)", NULL);
        if (!f[1].n)
            return fail(r, "a country needs at least one name", NULL);
        if ((rc = check_new_id(g, r, id)))
            return rc;
        nc_gaz_entry e = {0};
        e.type = NC_ACTOR_COUNTRY;
        e.country = (int)nc_gaz_entry_count(g);
        if ((rc = dup_span(id, &e.id)) || (rc = first_name(f[1], &e.name)) ||
            (f[2].n && (rc = first_name(f[2], &e.adjective)))) {
            free(e.id), free(e.name), free(e.adjective);
            return rc;
        }
        uint32_t idx;
        if ((rc = add_entry(g, &e, f[1], &idx)))
            return rc;
        nc_gaz_form form = {.entry = idx, .kind = NC_FORM_NAME};
        if ((rc = add_list(g, r, f[1], form, 1, NULL)))
            return rc;
        form.kind = NC_FORM_DEMONYM;
        if ((rc = add_list(g, r, f[2], form, 1, NULL)))
            return rc;
        form.kind = NC_FORM_SEAT;
        if ((rc = add_list(g, r, f[3], form, 1, NULL)))
            return rc;
    }
    return 0;
}

/* "SOM; ETH; KEN" or "-; IRQ; SYR": the first code is the entry's own
 * country ("-": none); all go to *codes as "SOM ETH KEN" (NULL when
 * there is only "-"). */
static int countries_of(const nc_gazetteer *g, reader *r, span field, int *first, char **codes)
{
    span items[64];
    size_t n = split(field, ';', items, 64);
    if (n > 64)
        return fail(r, "more than 64 countries in one field", NULL);
    *codes = NULL;
    char buf[64 * 4 + 1];
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int c, rc;
        if (!items[i].n)
            return fail(r, "empty country in a list (two ';' in a row?)", NULL);
        if ((rc = country_of(g, r, items[i], &c)))
            return rc;
        if (i == 0)
            *first = c;
        else if (c < 0)
            return fail(r, "'-' (no country) can only come first", NULL);
        if (c >= 0) {
            memcpy(buf + o, nc_gaz_entry_at(g, (size_t)c)->id, 3);
            buf[o + 3] = ' ';
            o += 4;
        }
    }
    if (!o)
        return 0;
    buf[o - 1] = '\0';
    return (*codes = nc_strndup(buf, o - 1)) ? 0 : NC_ENOMEM;
}

/* A line whose id an earlier file defined: its names are added to that
 * entry (groups.txt spells the groups of groups-ucdp.txt); the entry's
 * country stays unless it had none. */
static int extend_org(nc_gazetteer *g, reader *r, int idx, span *f)
{
    nc_gaz_entry *e = nc_gaz_entry_mut(g, (size_t)idx);
    if (e->type != NC_ACTOR_ORG || e->institution)
        return fail(r, "id '%s' names an entry that is not an organisation", e->id);
    if (!e->countries && f[2].n) {
        int c = -1;
        char *codes = NULL;
        int rc = countries_of(g, r, f[2], &c, &codes);
        if (rc)
            return rc;
        e->country = c;
        e->countries = codes;
    }
    size_t old = strlen(e->names);
    char *names = realloc(e->names, old + 2 + f[1].n + 1);
    if (!names)
        return NC_ENOMEM;
    memcpy(names + old, "; ", 2);
    memcpy(names + old + 2, f[1].s, f[1].n);
    names[old + 2 + f[1].n] = '\0';
    e->names = names;
    return add_list(g, r, f[1], (nc_gaz_form){.entry = (uint32_t)idx, .kind = NC_FORM_NAME}, 1, NULL);
}

/* An entry with the id and the names of its line: e (owned from here on,
 * freed on failure) gets its id and first name, then every name is added
 * as a name of it. */
static int add_named(nc_gazetteer *g, reader *r, nc_gaz_entry *e, span id, span names)
{
    int rc;
    if ((rc = dup_span(id, &e->id)) || (rc = first_name(names, &e->name))) {
        nc_gaz_entry_clear(e);
        return rc;
    }
    uint32_t idx;
    if ((rc = add_entry(g, e, names, &idx)))
        return rc;
    return add_list(g, r, names, (nc_gaz_form){.entry = idx, .kind = NC_FORM_NAME}, 1, NULL);
}

/* organizations.txt, forces.txt, groups.txt, groups-ucdp.txt: one format. */
static int load_orgs(nc_gazetteer *g, reader *r)
{
    span line, f[MAX_FIELDS];
    int rc;
    size_t first_of_file = nc_gaz_entry_count(g);
    while (next_line(r, &line)) {
        if ((rc = fields(r, line, f, 4)))
            return rc;
        if (!is_slug(f[0]))
            return fail(r, "the id must be lowercase letters, digits and hyphens", NULL);
        if (!f[1].n)
            return fail(r, "an organisation needs at least one name", NULL);
        int principal = f[3].n > 1 && f[3].s[f[3].n - 1] == '*';
        if (principal)
            f[3].n--;
        int known = nc_gaz_find_id(g, f[0].s, f[0].n);
        if (known >= 0 && (size_t)known < first_of_file) {
            if ((rc = extend_org(g, r, known, f)))
                return rc;
            continue;
        }
        nc_gaz_entry e = {0};
        e.type = NC_ACTOR_ORG;
        e.country = -1;
        e.principal = principal;
        if ((rc = check_new_id(g, r, f[0])) || (rc = sector_of(r, f[3], 1, &e.sector)))
            return rc;
        if (!f[2].n)
            return fail(r, "a country code, or - for none, is needed", NULL);
        if ((rc = countries_of(g, r, f[2], &e.country, &e.countries)))
            return rc;
        if (principal && (e.country < 0 || !e.sector)) {
            free(e.countries);
            return fail(r, "a * (the country's one body of a sector) needs a country and a sector", NULL);
        }
        if ((rc = add_named(g, r, &e, f[0], f[1])))
            return rc;
    }
    return 0;
}

/* regions.txt: sub-national governments, qualifiers of their country. */
static int load_regions(nc_gazetteer *g, reader *r)
{
    span line, f[MAX_FIELDS];
    int rc;
    while (next_line(r, &line)) {
        if ((rc = fields(r, line, f, 3)))
            return rc;
        if (!is_slug(f[0]))
            return fail(r, "the id must be lowercase letters, digits and hyphens", NULL);
        if (!f[1].n)
            return fail(r, "a region needs at least one name", NULL);
        nc_gaz_entry e = {0};
        e.type = NC_ACTOR_ORG;
        e.sector = NC_SECTOR_GOV;
        e.qualifier = 1;
        if ((rc = check_new_id(g, r, f[0])) || (rc = country_of(g, r, f[2], &e.country)))
            return rc;
        if (e.country < 0)
            return fail(r, "a region needs its country", NULL);
        if ((rc = add_named(g, r, &e, f[0], f[1])))
            return rc;
    }
    return 0;
}

/* places-extra.txt (hand-written) and places.txt (generated): one format.
 * A line of places.txt whose id places-extra.txt has adds its names there. */
static int load_places(nc_gazetteer *g, reader *r)
{
    span line, f[MAX_FIELDS];
    int rc;
    size_t first_of_file = nc_gaz_place_count(g);
    while (next_line(r, &line)) {
        if ((rc = fields(r, line, f, 5)))
            return rc;
        if (!is_slug(f[0]))
            return fail(r, "the id must be lowercase letters, digits and hyphens", NULL);
        if (!f[1].n)
            return fail(r, "a place needs at least one name", NULL);
        int known = nc_gaz_find_place(g, f[0].s, f[0].n);
        if (known >= 0 && (size_t)known < first_of_file) {
            /* places-extra.txt names no region of places.txt (not read yet) */
            nc_gaz_place *p = nc_gaz_place_mut(g, (size_t)known);
            if (p->region < 0 && f[4].n && (p->region = nc_gaz_find_place(g, f[4].s, f[4].n)) < 0)
                return fail(r, "the region must be the id of a place listed before", NULL);
            if ((rc = add_list(g, r, f[1], (nc_gaz_form){.entry = (uint32_t)known, .kind = NC_FORM_PLACE}, 1, NULL)))
                return rc;
            continue;
        }
        if (known >= 0)
            return fail(r, "id '%s' is used twice", nc_gaz_str(g, nc_gaz_place_at(g, (size_t)known)->id));
        int kind = -1;
        for (int k = 0; k < NC_PLACE_KINDS; k++)
            if (strlen(nc_place_kind_name((nc_place_kind)k)) == f[3].n &&
                memcmp(nc_place_kind_name((nc_place_kind)k), f[3].s, f[3].n) == 0)
                kind = k;
        if (kind < 0)
            return fail(r, "the kind is city, admin1, admin2 or region", NULL);
        int country, region = -1;
        if ((rc = country_of(g, r, f[2], &country)))
            return rc;
        if (country < 0)
            return fail(r, "a place needs its country", NULL);
        if (f[4].n && (region = nc_gaz_find_place(g, f[4].s, f[4].n)) < 0)
            return fail(r, "the region must be the id of a place listed before", NULL);
        span name = first_span(f[1]);
        uint32_t idx;
        if ((rc = nc_gaz_add_place(g, f[0].s, f[0].n, name.s, name.n, country, (nc_place_kind)kind, region, &idx)))
            return rc;
        if ((rc = add_list(g, r, f[1], (nc_gaz_form){.entry = idx, .kind = NC_FORM_PLACE}, 1, NULL)))
            return rc;
    }
    return 0;
}

/* Appends "; " (sep) and x to *field. */
static int append_to(char **field, const char *sep, span x)
{
    size_t old = strlen(*field), n = strlen(sep);
    char *p = realloc(*field, old + n + x.n + 1);
    if (!p)
        return NC_ENOMEM;
    memcpy(p + old, sep, n);
    memcpy(p + old + n, x.s, x.n);
    p[old + n + x.n] = '\0';
    *field = p;
    return 0;
}

/* A second line of a person listed before: another term of office (the
 * dates as lists: from "2017-01-20;2025-01-20", to "2021-01-20;"), and
 * any names it adds. */
static int add_term(nc_gazetteer *g, reader *r, int idx, span *f)
{
    nc_gaz_entry *e = nc_gaz_entry_mut(g, (size_t)idx);
    int country, sector, rc;
    if ((rc = country_of(g, r, f[3], &country)) || (rc = sector_of(r, f[4], 1, &sector)))
        return rc;
    if (country != e->country || sector != e->sector)
        return fail(r, "another term of '%s' must have the person's country and sector", e->id);
    if ((rc = append_to(&e->from, ";", f[6])) || (rc = append_to(&e->to, ";", f[7])) ||
        (strcmp(e->office, "") && f[5].n && (rc = append_to(&e->office, "; ", f[5]))))
        return rc;
    if (f[1].n && (rc = append_to(&e->names, "; ", f[1])))
        return rc;
    if ((rc = add_list(g, r, f[1], (nc_gaz_form){.entry = (uint32_t)idx, .kind = NC_FORM_NAME}, 1, NULL)) ||
        (rc = add_list(g, r, f[2], (nc_gaz_form){.entry = (uint32_t)idx, .kind = NC_FORM_SHORT}, 1, NULL)))
        return rc;
    return 0;
}

static int load_people(nc_gazetteer *g, reader *r)
{
    span line, f[MAX_FIELDS];
    int rc;
    size_t first_of_file = nc_gaz_entry_count(g);
    while (next_line(r, &line)) {
        if ((rc = fields(r, line, f, 8)))
            return rc;
        if (!is_slug(f[0]))
            return fail(r, "the id must be lowercase letters, digits and hyphens", NULL);
        if (!is_date(f[6]) || (f[7].n && !is_date(f[7])))
            return fail(r, "office dates are YYYY, YYYY-MM or YYYY-MM-DD (\"to\" may be empty)", NULL);
        int known = nc_gaz_find_id(g, f[0].s, f[0].n);
        if (known >= 0 && (size_t)known >= first_of_file) {
            if ((rc = add_term(g, r, known, f)))
                return rc;
            continue;
        }
        if (!f[1].n)
            return fail(r, "a person needs at least one name", NULL);
        nc_gaz_entry e = {0};
        e.type = NC_ACTOR_PERSON;
        if ((rc = check_new_id(g, r, f[0])) || (rc = country_of(g, r, f[3], &e.country)) ||
            (rc = sector_of(r, f[4], 1, &e.sector)))
            return rc;
        if ((rc = dup_span(f[0], &e.id)) || (rc = first_name(f[1], &e.name)) ||
            (rc = dup_span(f[5], &e.office)) || (rc = dup_span(f[6], &e.from)) ||
            (rc = dup_span(f[7], &e.to))) {
            free(e.id), free(e.name), free(e.office), free(e.from), free(e.to);
            return rc;
        }
        uint32_t idx;
        if ((rc = add_entry(g, &e, f[1], &idx)))
            return rc;
        if ((rc = add_list(g, r, f[1], (nc_gaz_form){.entry = idx, .kind = NC_FORM_NAME}, 1, NULL)) ||
            (rc = add_list(g, r, f[2], (nc_gaz_form){.entry = idx, .kind = NC_FORM_SHORT}, 1, NULL)))
            return rc;
    }
    return 0;
}

enum { S_NONE, S_SECTORS, S_ROLES, S_GENERIC, S_TITLES, S_INST, S_INST_WORDS, S_ANAPHORA,
       S_NOT_NAMES, S_BLOCKED, S_PLACE_WORDS, S_SMALL_PLACES, S_LOCATIVES, S_LAST = S_LOCATIVES };
static const char *const section_names[] = {
    "", "sectors", "roles", "generic roles", "titles", "institutions", "institution words",
    "anaphora", "not names", "blocked", "place words", "small places", "locatives"};

static int words_line(nc_gazetteer *g, reader *r, int sec, span line)
{
    span f[MAX_FIELDS];
    int rc, sector;
    nc_gaz_form form = {0};
    switch (sec) {
    case S_SECTORS:
        if ((rc = fields(r, line, f, 2)) || (rc = sector_of(r, f[0], 0, &sector)))
            return rc;
        return nc_gaz_set_sector_word(g, sector, f[1].s, f[1].n);
    case S_ROLES:
    case S_GENERIC:
    case S_TITLES:
        if ((rc = fields(r, line, f, 2)) || (rc = sector_of(r, f[0], sec == S_TITLES, &sector)))
            return rc;
        form.kind = sec == S_ROLES ? NC_FORM_ROLE : sec == S_GENERIC ? NC_FORM_GENERIC : NC_FORM_TITLE;
        form.sector = (uint8_t)sector;
        return add_list(g, r, f[1], form, 0, NULL);
    case S_INST: {
        if ((rc = fields(r, line, f, 3)))
            return rc;
        if (!is_slug(f[0]))
            return fail(r, "the id must be lowercase letters, digits and hyphens", NULL);
        nc_gaz_entry e = {0};
        e.type = NC_ACTOR_ORG;
        e.country = -1;
        e.institution = 1;
        if ((rc = check_new_id(g, r, f[0])) || (rc = sector_of(r, f[2], 1, &e.sector)))
            return rc;
        if (!f[1].n)
            return fail(r, "an institution needs at least one name", NULL);
        if ((rc = dup_span(f[0], &e.id)) || (rc = first_name(f[1], &e.name))) {
            free(e.id);
            return rc;
        }
        uint32_t idx;
        if ((rc = add_entry(g, &e, f[1], &idx)))
            return rc;
        form.kind = NC_FORM_INSTITUTION;
        form.entry = idx;
        return add_list(g, r, f[1], form, 0, NULL);
    }
    default:
        if (memchr(line.s, '|', line.n))
            return fail(r, "this section takes plain words separated by ';', no '|'", NULL);
        form.kind = sec == S_INST_WORDS ? NC_FORM_INST_WORD
                    : sec == S_ANAPHORA ? NC_FORM_ANAPHOR
                    : sec == S_NOT_NAMES ? NC_FORM_NOT_NAME
                    : sec == S_PLACE_WORDS ? NC_FORM_PLACE_WORD
                    : sec == S_SMALL_PLACES ? NC_FORM_SMALL_PLACE
                    : sec == S_LOCATIVES ? NC_FORM_LOCATIVE
                                         : NC_FORM_BLOCKED;
        return add_list(g, r, line, form, sec == S_INST_WORDS || sec == S_BLOCKED || sec == S_PLACE_WORDS, NULL);
    }
}

static int load_words(nc_gazetteer *g, reader *r)
{
    span line;
    int sec = S_NONE, rc;
    while (next_line(r, &line)) {
        if (line.s[0] == '[') {
            if (line.s[line.n - 1] != ']')
                return fail(r, "a section header is [name]", NULL);
            span name = trim((span){line.s + 1, line.n - 2});
            sec = S_NONE;
            for (int i = 1; i <= S_LAST; i++)
                if (strlen(section_names[i]) == name.n && memcmp(section_names[i], name.s, name.n) == 0)
                    sec = i;
            if (sec == S_NONE)
                return fail(r, "unknown section (see the top of the file for the sections)", NULL);
            continue;
        }
        if (sec == S_NONE)
            return fail(r, "a line before the first [section]", NULL);
        if ((rc = words_line(g, r, sec, line)))
            return rc;
    }
    return 0;
}

int nc_gazetteer_load(nc_gazetteer **out, const nc_rule_source files[NC_GAZ_FILES], nc_lexicon *lex,
                      char *err, size_t errlen)
{
    static int (*const loaders[NC_GAZ_FILES])(nc_gazetteer *, reader *) = {
        load_countries, load_orgs, load_orgs, load_regions, load_orgs, load_orgs, load_places, load_places,
        load_people, load_words};
    char dummy[8];
    if (!err || !errlen)
        err = dummy, errlen = sizeof dummy;
    *out = NULL;
    nc_gazetteer *g = nc_gaz_create(lex);
    int rc = g ? 0 : NC_ENOMEM;
    for (size_t i = 0; i < NC_GAZ_FILES && !rc; i++) {
        reader r = {.src = &files[i], .err = err, .errlen = errlen};
        nc_lines_mem(&r.lines, files[i].data, files[i].len);
        rc = loaders[i](g, &r);
    }
    if (!rc)
        rc = nc_gaz_freeze(g);
    if (rc) {
        nc_gazetteer_free(g);
        return rc;
    }
    *out = g;
    return 0;
}
