/* The data files under data/, compiled into the library by tools/embed.c so
 * an installed binary needs no files. Names are relative to data/
 * ("numbers.txt", "rules/killed.rules"); data is NUL-terminated. */
#ifndef NC_CORE_BUILTIN_H
#define NC_CORE_BUILTIN_H
#include <stddef.h>

typedef struct nc_builtin_file {
    const char *name;
    const char *data;
    size_t len;
} nc_builtin_file;

extern const nc_builtin_file nc_builtin_files[];
extern const size_t nc_builtin_count;
/* 8 hex digits that change whenever any built-in file does */
extern const char nc_builtin_fingerprint[];

/* The actor data files compiled into a gazetteer image at build time
 * (tools/gazgen.c, linked in by the Makefile; 8-byte aligned). */
extern const unsigned char nc_gaz_image[], nc_gaz_image_end[];

/* The built-in file called name, or NULL. */
const nc_builtin_file *nc_builtin_find(const char *name);

/* The built-in rules compiled when the program was built (tools/rulec.c,
 * nc_ruleset_prebuilt_write): decoded on first use instead of compiled.
 * Length 0 while rulec itself is built. */
extern const unsigned char nc_builtin_rule_code[];
extern const size_t nc_builtin_rule_code_len;

#endif
