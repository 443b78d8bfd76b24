/* The gazetteer: every actor the data files name (countries, organisations,
 * people, generic institutions) and the words around them (roles, titles),
 * compiled into a trie over tokens (text/token.h). A phrase's first word
 * is an entry of the context's lexicon (slot NC_LEX_GAZ: its trie node),
 * which the tokenizer has looked up already; each further word is one hash
 * lookup, so matching costs the same per word however many entries there
 * are. Built once per context by nc_gazetteer_load (gazload.c),
 * read-only afterwards and shared by threads; freed with
 * nc_gazetteer_free. Every pointer it hands out is borrowed and lives as
 * long as the gazetteer. */
#ifndef NC_EXTRACT_ACTORS_GAZETTEER_H
#define NC_EXTRACT_ACTORS_GAZETTEER_H
#include "text/token.h"
#include "rules/ruleset.h"
#include <stddef.h>
#include <stdint.h>

typedef enum { NC_ACTOR_COUNTRY, NC_ACTOR_ORG, NC_ACTOR_PERSON, NC_ACTOR_GROUP } nc_actor_type;
/* "country", "organization", "person", "group" */
const char *nc_actor_type_name(nc_actor_type t);

/* PLOVER sectors; 0 is "no sector". */
enum { NC_SECTOR_NONE = 0, NC_SECTOR_GOV = 1, NC_SECTOR_COUNT = 19 };
/* Sector number of a code ("MIL"), 0 for "-", -1 when unknown. */
int nc_sector_parse(const char *s, size_t n);
/* "GOV", "MIL", ...; NULL for NC_SECTOR_NONE. */
const char *nc_sector_code(int sector);

/* What a phrase is for. */
typedef enum {
    NC_FORM_NAME,        /* a country's, organisation's or person's name */
    NC_FORM_DEMONYM,     /* a country's demonym or adjective */
    NC_FORM_SEAT,        /* a capital or seat of power ("the Kremlin") */
    NC_FORM_SHORT,       /* a person's short name, valid after the full one */
    NC_FORM_INSTITUTION, /* a body every country has ("Defence Ministry") */
    NC_FORM_PLACE,       /* a place's name (entry: a place index, nc_gaz_place_at);
                          * ambiguous: only after "in", "near"... */
    NC_FORM_ROLE,        /* role word ("soldiers"); sector in the form */
    NC_FORM_GENERIC,     /* generic role word ("officials") */
    NC_FORM_TITLE,       /* title before a name ("President") */
    NC_FORM_BLOCKED,     /* names no actor ("Latin America") */
    NC_FORM_INST_WORD,   /* ends an unlisted institution's name ("Ministry") */
    NC_FORM_ANAPHOR,     /* "the ministry" */
    NC_FORM_NOT_NAME,    /* capitalised word that is never part of a name */
    NC_FORM_PLACE_WORD,  /* after a place, part of its name ("Bay Region", "Borno State") */
    NC_FORM_SMALL_PLACE, /* after a place's name, a different, smaller place ("Baghdad village") */
    NC_FORM_LOCATIVE,    /* introduces a place ("in", "near"): allows "~" places */
    NC_FORM_KINDS
} nc_form_kind;
#define NC_KIND(k) (1u << (k))

typedef struct nc_gaz_entry {
    char *id;        /* "PRK", "kor-nis", "kim-jong-un", "defence-ministry" */
    char *name;      /* the name written in the output */
    char *names;     /* every name, ';'-separated (for "the ministry") */
    char *adjective; /* countries: first demonym, for group names; else NULL */
    char *office, *from, *to; /* people: the office and its terms: from and to
                               * are ';' lists, one date per term, "" = open */
    char *countries; /* organisations: every country code, "SOM ETH KEN"; else NULL */
    nc_actor_type type;
    int country; /* entry index of its country, -1 for none */
    int sector;
    int institution; /* a generic institution: its country comes from the text */
    int qualifier;   /* a region: qualifies its country ("Puntland forces") */
    int principal;   /* the country's one body of its sector ("SPY*") */
} nc_gaz_entry;

/* A place of places.txt / places-extra.txt: not an actor, so not an entry.
 * 76,000 of them are read in place from the compiled image, hence the
 * compact record (strings through nc_gaz_str). */
typedef enum { NC_PLACE_CITY, NC_PLACE_ADMIN1, NC_PLACE_ADMIN2, NC_PLACE_REGION, NC_PLACE_KINDS } nc_place_kind;
/* "city", "admin1", "admin2", "region" */
const char *nc_place_kind_name(nc_place_kind k);

typedef struct nc_gaz_place {
    uint32_t id, name; /* offsets: nc_gaz_str */
    int32_t region;    /* place index of its first-level division, -1 */
    int16_t country;   /* entry index of its country */
    uint8_t kind;      /* nc_place_kind */
    uint8_t unused;
} nc_gaz_place;

typedef struct nc_gaz_form {
    uint32_t entry;   /* entry index (not for role words, titles, blocked and words) */
    uint8_t kind;     /* nc_form_kind */
    uint8_t sector;   /* role words and titles */
    uint8_t ambiguous;/* "~": not next to another capitalised name */
    uint8_t ntok;
    uint32_t need_cap, need_upper; /* bit k: token k must be capitalised / in capitals */
} nc_gaz_form;

typedef struct nc_gazetteer nc_gazetteer;

/* The data files, in this order (names relative to data/). */
#define NC_GAZ_FILES 10
extern const char *const nc_gaz_file_names[NC_GAZ_FILES];

/* Loads countries, organisations, people and words (files in the order of
 * nc_gaz_file_names). On NC_ERULES err gets "file:line: message". */
int nc_gazetteer_load(nc_gazetteer **out, const nc_rule_source files[NC_GAZ_FILES],
                      nc_lexicon *lex, char *err, size_t errlen);
void nc_gazetteer_free(nc_gazetteer *g);

/* The loaded gazetteer as a compiled image, so that the built-in data need
 * not be parsed at start-up: tools/gazgen.c writes it at build time with
 * the lexicon it was loaded with (the context's, which holds the cue and
 * rule words too), and nc_gaz_image_read builds a gazetteer and a lexicon
 * on it in place (the image must stay alive and unchanged while they are
 * used, and be 8-byte aligned; the caller owns and frees both). lex_slots:
 * the lexicon slots whose values the image gives (lexicon.h); a context
 * whose cues or rules differ from the built-in ones enters them again.
 * The image holds the machine's struct layout: it is for the binary built
 * with it. write: 0 or NC_ENOMEM; read: 0, NC_EINVAL (not an image of this
 * build) or NC_ENOMEM. */
struct nc_buf;
int nc_gaz_image_write(const nc_gazetteer *g, struct nc_buf *out);
int nc_gaz_image_read(nc_gazetteer **out, nc_lexicon **lex, const void *image, size_t len, unsigned lex_slots);

/* The lexicon the gazetteer's first words are in. */
const nc_lexicon *nc_gaz_lexicon(const nc_gazetteer *g);
/* The trie node of token t as a one-word phrase, 0 when no phrase starts
 * with it (tokens cut with the gazetteer's lexicon). */
static inline uint32_t nc_gaz_node(const nc_lexicon *gaz_lexicon, const nc_token *t)
{
    return nc_lexicon_get(gaz_lexicon, t->lex, NC_LEX_GAZ);
}
/* Longest phrase starting at t[0] (n tokens available) with at least one
 * form of the kinds in `kinds` whose case fits. Returns its length in
 * tokens (0: none) and its forms in *forms, *n_forms: all forms of the
 * phrase; the caller checks each with nc_gaz_fits and its kind. */
size_t nc_gaz_longest(const nc_gazetteer *g, const nc_token *t, size_t n, unsigned kinds,
                      const nc_gaz_form **forms, size_t *n_forms);
/* 1 if the case of t[0..f->ntok) fits the form. */
int nc_gaz_fits(const nc_gaz_form *f, const nc_token *t);
/* 1 if the single token t is a word of that kind. */
int nc_gaz_word_is(const nc_gazetteer *g, const nc_token *t, nc_form_kind kind);

size_t nc_gaz_entry_count(const nc_gazetteer *g);
const nc_gaz_entry *nc_gaz_entry_at(const nc_gazetteer *g, size_t i);
size_t nc_gaz_place_count(const nc_gazetteer *g);
const nc_gaz_place *nc_gaz_place_at(const nc_gazetteer *g, size_t i);
/* A place's string (id, name) at offset off. */
const char *nc_gaz_str(const nc_gazetteer *g, uint32_t off);
/* The first-level division of place p (itself when it is one), or NULL. */
const nc_gaz_place *nc_gaz_place_region(const nc_gazetteer *g, const nc_gaz_place *p);
/* 1 if person e held the office on `date` ("YYYY-MM-DD"; NULL: unknown,
 * so 1): a term's from <= date <= to, each compared at the precision the
 * data gives (a year, a month or a day; an empty "to": still in office).
 * Entries with no terms: 1. */
int nc_gaz_in_office(const nc_gaz_entry *e, const char *date);
/* The plural word for a sector from words.txt [sectors] ("military"). */
const char *nc_gaz_sector_word(const nc_gazetteer *g, int sector);

/* ---- building (gazload.c) ---- */
/* lex: where first words go (borrowed; must outlive the gazetteer). */
nc_gazetteer *nc_gaz_create(nc_lexicon *lex);
/* Appends an entry, taking ownership of its strings (also on failure).
 * 0 or NC_ENOMEM. */
int nc_gaz_add_entry(nc_gazetteer *g, nc_gaz_entry *e, uint32_t *index);
/* Frees an entry's strings. */
void nc_gaz_entry_clear(nc_gaz_entry *e);
/* Adds a phrase with form f (entry, kind, sector, ambiguous set by the
 * caller). proper: capitalised words must be capitalised in the text.
 * Returns 0, NC_ENOMEM, or NC_EINVAL with *why set. */
int nc_gaz_add_phrase(nc_gazetteer *g, const char *phrase, size_t len, nc_gaz_form f, int proper,
                      const char **why);
int nc_gaz_set_sector_word(nc_gazetteer *g, int sector, const char *word, size_t len);
/* The entry that is the country's one body of that sector, -1 if none. */
int nc_gaz_principal(const nc_gazetteer *g, int country, int sector);
/* Index of the entry with that id, -1 if none (one hash probe). */
int nc_gaz_find_id(const nc_gazetteer *g, const char *id, size_t len);
/* Appends a place (id and name copied). 0, NC_ENOMEM or NC_EINVAL (a
 * country beyond int16). */
int nc_gaz_add_place(nc_gazetteer *g, const char *id, size_t id_len, const char *name, size_t name_len,
                     int country, nc_place_kind kind, int region, uint32_t *index);
/* Index of the place with that id, -1 if none. */
int nc_gaz_find_place(const nc_gazetteer *g, const char *id, size_t len);
/* The place for changing it while loading. */
nc_gaz_place *nc_gaz_place_mut(nc_gazetteer *g, size_t i);
/* The entry for changing it while loading. */
nc_gaz_entry *nc_gaz_entry_mut(nc_gazetteer *g, size_t i);
/* 1 if the entry is of that country: its own or one of its countries. */
int nc_gaz_entry_in(const nc_gazetteer *g, const nc_gaz_entry *e, int country);
/* Index of the country entry with that ISO code, -1 if none. */
int nc_gaz_find_country(const nc_gazetteer *g, const char *code, size_t len);
/* Orders the forms for lookup; call once after the last phrase. */
int nc_gaz_freeze(nc_gazetteer *g);

#endif
