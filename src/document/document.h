/* A parsed document: normalised UTF-8 text cut into paragraphs and
 * sentences, plus its metadata. Every span in the output is a byte range
 * into `text`. Owned by its nc_record; freed with nc_document_clear(). */
#ifndef NC_DOCUMENT_H
#define NC_DOCUMENT_H
#include "text/token.h"
#include "util/buf.h"
#include <stddef.h>
#include <stdint.h>

typedef struct nc_sentence {
    size_t start, end;  /* byte range in doc->text, trimmed of spaces */
    unsigned paragraph; /* 0-based paragraph index */
    int is_title;       /* the headline line of a plain-text article */
} nc_sentence;

typedef struct nc_meta {
    char *title, *byline, *published, *site, *url, *lang; /* owned; NULL = unknown */
    /* static strings, not freed; NULL = not applicable */
    const char *published_source; /* "meta", "json-ld", "microdata", "time", "text", "warc-date" */
    const char *encoding;         /* charset the page was read in, e.g. "windows-1252" */
    const char *encoding_source;  /* "bom", "meta", "http", "sniffed" */
    /* the language detected from the text (borrowed from the context's
     * profiles), NULL when it could not be told; its confidence 0..1 */
    const char *lang_detected;
    double lang_confidence;
} nc_meta;

typedef struct nc_document {
    char *text; /* NUL-terminated normalised UTF-8 */
    size_t len;
    nc_sentence *sentences;
    size_t n_sentences, cap_sentences;
    unsigned n_paragraphs;
    nc_meta meta;
    const char *format; /* "text" or "html" (static string) */
    size_t bytes;       /* size of the input as read */
    nc_strlist errors;  /* problems found while decoding, for errors[] */
    uint64_t deadline_ns; /* CLOCK_MONOTONIC time to stop by, 0 = none */
    int no_jit;           /* match rules with PCRE2's interpreter: cheaper than compiling
                             them to machine code for one small document */
    int jit_hot;          /* (no_jit 0) the JIT only for the rules earlier no_jit
                             documents called often (nc_options NC_JIT_HOT) */
    nc_tokens tokens;   /* the token stream (text/token.h), after nc_tokens_build */
} nc_document;

/* 1 when the document's deadline has passed, so that extractors stop early
 * on hostile input (the record then says "timeout"). */
int nc_document_expired(const nc_document *doc);
/* Current CLOCK_MONOTONIC time in nanoseconds. */
uint64_t nc_clock_ns(void);
/* CPU time of the calling thread in nanoseconds (at least 1). */
uint64_t nc_thread_cpu_ns(void);

/* Longest sentence: a longer one is cut into pieces of at most this many
 * bytes, at "; ", ", " or a space in the piece's second half. */
#define NC_SENTENCE_MAX 8192

/* Appends a sentence (cut into pieces when longer than NC_SENTENCE_MAX);
 * 0 or NC_ENOMEM. */
int nc_document_add_sentence(nc_document *doc, size_t start, size_t end,
                             unsigned paragraph, int is_title);
/* Frees everything the document owns and zeroes it. */
void nc_document_clear(nc_document *doc);
void nc_meta_clear(nc_meta *meta);

#endif
