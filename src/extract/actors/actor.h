/* Actors of a document: who is involved, normalised against the gazetteer
 * (countries, organisations, people) or found by pattern (a title and a
 * name, "the X Ministry", an acronym defined in the text), and who the
 * people counted by each casualty figure are.
 *
 * Ownership: an nc_actors is owned by its record and freed with
 * nc_actors_free(); gazetteer strings it points to (country codes) are
 * borrowed from the context. */
#ifndef NC_EXTRACT_ACTORS_ACTOR_H
#define NC_EXTRACT_ACTORS_ACTOR_H
#include "extract/actors/gazetteer.h"
#include "document/document.h"
#include "extract/casualty/casualty.h"
#include <stddef.h>

typedef struct nc_actor {
    char *id, *name;       /* owned */
    nc_actor_type type;
    int country;           /* gazetteer entry of its country, -1 for none */
    const char *country_code; /* its ISO code (borrowed), NULL for none */
    int sector;            /* NC_SECTOR_NONE or a sector */
    int entry;             /* gazetteer entry, -1 when found by pattern */
    size_t *spans;         /* start, end pairs, in text order */
    size_t n_spans, cap_spans;
    size_t last;           /* start of the latest mention ("the ministry" takes the latest) */
} nc_actor;

/* What a mention says, for linking figures to the people they count. */
typedef enum {
    NC_MENTION_ROLE,    /* a bare role word: "soldiers" (actor -1) */
    NC_MENTION_ENTITY,  /* an organisation or person */
    NC_MENTION_COUNTRY, /* a country by name or seat: "Russia", "the Kremlin" */
    NC_MENTION_DEMONYM, /* a country by demonym: "North Korean casualties" */
    NC_MENTION_GROUP    /* country + role: "North Korean soldiers" */
} nc_mention_kind;

typedef struct nc_mention {
    size_t start, end;
    int actor;  /* index into items, -1 for a bare role word */
    int country; /* gazetteer entry, -1 */
    int sector;
    nc_mention_kind kind;
} nc_mention;

typedef struct nc_alias { /* a short form the text introduced: "NIS", "Belousov" */
    char *key;     /* token key (owned) */
    size_t len;
    uint64_t hash; /* the token's hash of key */
    int actor;
    int upper; /* written in capitals: match only in capitals */
} nc_alias;

typedef struct nc_place { /* a gazetteer place the text names */
    int entry;     /* gazetteer place (nc_gaz_place_at) */
    size_t *spans; /* start, end pairs, in text order */
    size_t n_spans, cap_spans;
} nc_place;

typedef struct nc_place_mention {
    size_t start, end;
    int place;    /* index into places */
    int dateline; /* a dateline ("KISMAYO, Somalia —"): where the report
                   * was filed, not where its figures happened */
} nc_place_mention;

typedef struct nc_actors {
    nc_actor *items; /* in order of first mention */
    size_t n, cap;
    nc_mention *mentions; /* in text order */
    size_t n_mentions, cap_mentions;
    nc_alias *aliases;
    size_t n_aliases, cap_aliases;
    nc_place *places; /* in order of first mention */
    size_t n_places, cap_places;
    nc_place_mention *place_mentions; /* in text order */
    size_t n_place_mentions, cap_place_mentions;
    /* hash indexes (open addressing, entry index + 1, 0 = empty; size
     * mask + 1): actors by id, aliases by key */
    uint32_t *id_slots, *alias_slots;
    size_t id_mask, alias_mask;
    /* per gazetteer entry: the first and the latest actor made from it
     * (index + 1, 0 = none); n_entries of them */
    uint32_t *entry_first, *entry_last;
    size_t n_entries;
} nc_actors;

/* Finds the actors of doc's sentences, reading doc->tokens (cut with g's
 * lexicon). date: the article's date ("YYYY-MM-DD", or NULL when unknown);
 * a person of the gazetteer has the sector of the office only when the
 * date is in a term of it (nc_gaz_in_office). 0 or NC_ENOMEM. */
int nc_actors_extract(const nc_gazetteer *g, const nc_document *doc, const char *date, nc_actors *out);
void nc_actors_free(nc_actors *a);

/* Sets each figure's actor from the mentions in its `who` (or, when it has
 * none, the words of its match before the count and a mention just before
 * the match): a country with a role beats a country alone, which beats an
 * organisation or person, which beats a bare role word. */
void nc_actors_link(const nc_actors *a, const nc_gazetteer *g, nc_figures *f);

/* ---- the store (actor_store.c), used by the extractor ---- */
/* Index of the actor with that id, created from the rest when new. name
 * and id are copied. 0 or NC_ENOMEM. */
int nc_actors_get(nc_actors *a, const nc_gazetteer *g, const char *id, const char *name,
                  nc_actor_type type, int country, int sector, int entry, int *index);
/* The first (latest = 0) or the latest (latest = 1) actor made from
 * gazetteer entry `entry`, -1 when none. */
int nc_actors_of_entry(const nc_actors *a, int entry, int latest);
/* Records a mention (and its span for the actor, when actor >= 0). */
int nc_actors_mention(nc_actors *a, int actor, size_t start, size_t end, nc_mention_kind kind,
                      int country, int sector);
/* Records a mention of gazetteer place `entry` (nc_gaz_place_at). */
int nc_actors_place(nc_actors *a, int entry, size_t start, size_t end, int dateline);
/* Adds a span to an actor (a mention recorded before it had one). */
int nc_actors_add_span(nc_actors *a, int actor, size_t start, size_t end);
/* Puts each actor's spans, and the actors, in text order. 0 or NC_ENOMEM. */
int nc_actors_order(nc_actors *a);
/* Makes token t an alias of actor (the latest definition of a key wins).
 * 0 or NC_ENOMEM. */
int nc_actors_alias(nc_actors *a, const nc_token *t, int actor);
/* The actor an alias names for token t (capitalised; an alias written in
 * capitals only for a token in capitals), or -1. One hash probe. */
int nc_actors_find_alias(const nc_actors *a, const nc_token *t);
/* Writes a lowercase ASCII slug of text (letters and digits, '-' between
 * words) to out. */
void nc_slug(const char *text, size_t len, char *out, size_t cap);

#endif
