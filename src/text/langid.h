/* Language identification: which language a text is written in, from its
 * script and its character trigrams, scored against per-language profiles
 * (data/languages.txt, built by tools/langprofiles.py) with naive Bayes.
 * Loaded once per context, read-only afterwards. */
#ifndef NC_TEXT_LANGID_H
#define NC_TEXT_LANGID_H
#include <stddef.h>

typedef struct nc_langid nc_langid;

typedef struct nc_lang_guess {
    const char *code;  /* ISO 639-1 code (borrowed from the langid), or NULL:
                          too few letters to tell, or a script no profile has */
    double confidence; /* 0..1; 0 when code is NULL */
    int covered;       /* code is one of the languages the rules cover */
    int foreign;       /* the text is, with enough evidence, in a language
                          the rules do not cover (code may be NULL for a
                          script no profile has) */
} nc_lang_guess;

/* Parses a profile file. On NC_ERULES, err gets "name:line: message". */
int nc_langid_load(const char *data, size_t len, const char *name, nc_langid **out,
                   char *err, size_t errlen);
void nc_langid_free(nc_langid *l);

/* Guesses the language of text (UTF-8; the first 8 KiB are read). */
void nc_langid_detect(const nc_langid *l, const char *text, size_t len, nc_lang_guess *out);

/* Number of languages with a profile, and the code of the i-th. */
size_t nc_langid_count(const nc_langid *l);
const char *nc_langid_code(const nc_langid *l, size_t i);

#endif
