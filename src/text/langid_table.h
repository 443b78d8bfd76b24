/* The language identifier's tables, shared by its loader (langid.c) and
 * the build tool that compiles the built-in profiles into the library
 * (tools/langtable.c writes them as C arrays: no parsing at start-up). */
#ifndef NC_TEXT_LANGID_TABLE_H
#define NC_TEXT_LANGID_TABLE_H
#include "text/langid.h"
#include <stddef.h>
#include <stdint.h>

typedef struct lang {
    char code[8];
    int script;
    double floor; /* log probability of a trigram the profile does not list */
    int covered;
} lang;

typedef struct gram {
    uint64_t key;  /* three code points, 21 bits each */
    uint32_t next; /* chain in the hash table (a key's first entry only), UINT32_MAX ends it */
    uint16_t lang;
    float gain;    /* log probability minus the language's floor */
} gram;

struct nc_langid {
    lang *langs;
    size_t n_langs;
    gram *grams;
    size_t n_grams, cap_grams;
    uint32_t *heads; /* mask + 1 chain heads */
    size_t mask;
    int builtin; /* the compiled-in tables: never freed */
};

/* The profiles of data/languages.txt, compiled in (build/gen/lang_table.c). */
extern const nc_langid nc_langid_builtin;

#endif
