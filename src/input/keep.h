/* --keep-fields: members of a JSON Lines object copied, as written, into
 * the record's source.fields. */
#ifndef NC_INPUT_KEEP_H
#define NC_INPUT_KEEP_H
#include <stddef.h>

/* From the JSON object line[0..len) (already accepted by nc_jsonl_parse),
 * the members named in spec ("a,b,c"; "all" = every member but
 * text_field) as one compact JSON object, in the line's order, values
 * byte for byte as written (numbers keep their digits) except that white
 * space between tokens goes, control characters in strings are escaped
 * and invalid UTF-8 becomes U+FFFD. A name given twice in the line: the
 * first. Members not in the line are left out. *out is malloc'd (caller
 * frees). 0, NC_ENOMEM, or NC_EJSON when the line is not a JSON object. */
int nc_keep_fields(const char *line, size_t len, const char *spec, const char *text_field, char **out);

/* The names of a --keep-fields list in turn, each once (a repeated name is
 * passed over): start with *p = spec; 1 with [*name, *name + *len) the next,
 * 0 at the end. */
int nc_keep_spec_next(const char *spec, const char **p, const char **name, size_t *len);

/* The member [name, name + len) of fields (an object as nc_keep_fields
 * writes it): 1 and its value's JSON text [*v, *v + *n) inside fields; 0
 * when there is none; NC_ENOMEM. */
int nc_keep_field_get(const char *fields, const char *name, size_t len, const char **v, size_t *n);

#endif
