/*
 * newsclaims: extract casualty figures, actors and sourced claims from news.
 *
 * Ownership in one line: every nc_X_new() result is freed with nc_X_free();
 * strings returned as `char *` are the caller's and are freed with nc_free();
 * `const` pointers are borrowed and live as long as the object they came from.
 *
 * All functions returning int return 0 on success or a negative NC_E* code;
 * nc_strerror() explains a code.
 */
#ifndef NEWSCLAIMS_H
#define NEWSCLAIMS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) && defined(NC_BUILDING_LIBRARY)
#define NC_API __attribute__((visibility("default")))
#else
#define NC_API
#endif

#define NC_VERSION "0.1.0"
/* Identifier of the output record schema (docs/schema.md). */
#define NC_SCHEMA "newsclaims/2"

enum nc_error_code {
    NC_OK = 0,
    NC_ENOMEM = -1,    /* out of memory */
    NC_EIO = -2,       /* file could not be read */
    NC_EBINARY = -3,   /* input looks binary (NUL bytes) */
    NC_EGZIP = -4,     /* gzip data is corrupt or truncated */
    NC_ERULES = -5,    /* a rule or data file is invalid */
    NC_EJSON = -6,     /* a JSON input line is malformed */
    NC_EINVAL = -7,    /* invalid argument or unparseable value */
    NC_ETOOBIG = -8,   /* input exceeds a size limit */
    NC_ENOTFOUND = -9, /* no such file or directory */
    NC_EHTML = -10,    /* HTML could not be parsed */
    NC_ELIMIT = -11    /* a matching limit was hit */
};

/* The library's version (NC_VERSION when the header matches the library),
 * and that of the data compiled into it: eight hex digits that change
 * whenever any built-in rule or data file does. Static strings. */
NC_API const char *nc_version(void);
NC_API const char *nc_data_version(void);

/* Static English text for an NC_E* code; never NULL. */
NC_API const char *nc_strerror(int code);

/* Frees a string or buffer returned by this library. */
NC_API void nc_free(void *ptr);

/* ---- context: loaded rules and language data, read-only after creation,
 *      safe to share between threads ---- */
typedef struct nc_context nc_context;

/* Loads the built-in rules and data, or, when rules_dir is not NULL, the
 * *.rules files of rules_dir instead of the built-in rules (its data files —
 * macros.txt, numbers.txt, abbreviations.txt, cues.txt — replace the built-in
 * ones when present). On NC_ERULES, errbuf receives "file:line: message". */
NC_API int nc_context_new(nc_context **out, const char *rules_dir,
                          char *errbuf, size_t errlen);
NC_API void nc_context_free(nc_context *ctx);
/* Number of compiled rules, and of languages the language identifier
 * knows (languages.txt). */
NC_API size_t nc_context_rule_count(const nc_context *ctx);
NC_API size_t nc_context_language_count(const nc_context *ctx);

/* Runs every rule's examples ("example: sentence => figures" lines of the
 * rule files) through the whole extractor. Each failure is passed to report
 * as "file:line: rule ID: ..." (report may be NULL). Counts go to *passed
 * and *failed. Returns 0, or NC_ENOMEM. */
NC_API int nc_context_check_examples(const nc_context *ctx,
                                     void (*report)(const char *msg, void *user),
                                     void *user, size_t *passed, size_t *failed);

/* ---- record: one processed document ---- */
typedef enum { NC_FORMAT_AUTO = 0, NC_FORMAT_TEXT, NC_FORMAT_HTML } nc_format;

/* Where a document came from; every field may be NULL. */
typedef struct nc_source {
    const char *path;  /* file path, "-" for standard input */
    const char *id;    /* id from JSONL input */
    const char *url;   /* url from JSONL input */
    const char *title; /* title from JSONL input */
    const char *crawl_date; /* when the page was fetched (WARC-Date), ISO 8601:
                               meta.published when the document gives no date
                               (published_source "warc-date") */
    const char *fields; /* a JSON object (its text) to copy as source.fields,
                           e.g. input fields kept with --keep-fields */
} nc_source;

typedef struct nc_record nc_record;

/* Processes one document (raw bytes as read, gzip already undone) into a
 * record. Fails only with NC_ENOMEM; problems with the document itself are
 * kept in the record (status "error"/"empty", errors[]). */
NC_API int nc_record_new(nc_record **out, const nc_context *ctx,
                         const char *bytes, size_t len, nc_format format,
                         const nc_source *src);

/* Processing options for nc_record_new_opts(); zero-initialise, then set. */
typedef struct nc_options {
    nc_format format;         /* NC_FORMAT_AUTO sniffs the content */
    long long reference_time; /* "now" for metadata checks (published dates
                                 after it are refused), seconds since the
                                 epoch UTC; 0 = the current time */
    double timeout;           /* seconds one document may take (0 = no
                                 limit); past it the record gets status
                                 "timeout" and no extracted items */
    const char *charset;      /* charset label from outside the document (an
                                 HTTP Content-Type), for HTML that declares
                                 none (meta.encoding_source "http"); NULL = none */
    int no_jit;               /* 1: when the document's text is under 64 KiB,
                                 match the rules with PCRE2's interpreter
                                 instead of compiling them to machine code
                                 first: cheaper for a few small documents,
                                 ten times slower per sentence (the command
                                 line sets it for the first 100 documents of
                                 a run). NC_JIT_HOT: compile only the rules
                                 that the context's no_jit = 1 documents
                                 called often; the interpreter for the rest
                                 (the command line's later documents) */
    int text_only;            /* 1: stop once the document's text is read
                                 (for HTML, its article body): no sentences,
                                 no extraction; nc_record_text() gives the
                                 text (--body-only) */
    int stage_times;          /* 1: time each stage of the record's making
                                 (nc_record_stage_seconds; --stats) */
} nc_options;
#define NC_JIT_HOT 2 /* nc_options.no_jit */

/* Parses a --reference-date value: "YYYY-MM-DD" (the end of that day,
 * UTC) or an ISO 8601 date and time, into seconds since the epoch.
 * 0 or NC_EINVAL. */
NC_API int nc_parse_reference_date(const char *s, long long *out);

/* nc_record_new with options; opt may be NULL (all defaults). */
NC_API int nc_record_new_opts(nc_record **out, const nc_context *ctx,
                              const char *bytes, size_t len, const nc_options *opt,
                              const nc_source *src);
/* nc_record_new_opts for bytes the caller malloc'd and gives up: the
 * record frees them, whatever the result, as soon as they are read into
 * its text, so a large document's input is not held while it is
 * processed. */
NC_API int nc_record_new_take(nc_record **out, const nc_context *ctx,
                              char *bytes, size_t len, const nc_options *opt,
                              const nc_source *src);
/* A record for a document that could not be read at all: status "error"
 * with `reason` as its one error. bytes is the size read (0 if none). */
NC_API int nc_record_new_failed(nc_record **out, const nc_source *src,
                                size_t bytes, const char *reason);
NC_API void nc_record_free(nc_record *rec);

/* Status of a record: "ok", "empty", "not_article", "timeout" or "error". */
NC_API const char *nc_record_status(const nc_record *rec);

/* The stages a record is made in, in order (nc_stage_name() names them). */
enum nc_stage {
    NC_STAGE_DOCUMENT, /* decoding, HTML parsing and article body, metadata */
    NC_STAGE_LANGUAGE, /* language identification */
    NC_STAGE_SEGMENT,  /* paragraphs and sentences */
    NC_STAGE_TOKENS,   /* the token stream */
    NC_STAGE_CASUALTY, /* casualty rules, scopes, victims, roles, summary */
    NC_STAGE_ACTORS,   /* actors, places and their links to figures */
    NC_STAGE_CLAIMS,   /* claims (part-of-speech tags included) and their links */
    NC_STAGES
};
/* "document", "language", "segment", "tokens", "casualty", "actors", "claims";
 * NULL for another number. */
NC_API const char *nc_stage_name(int stage);
/* CPU seconds of the calling thread that the stage took while rec was
 * made, when nc_options.stage_times was set (0 otherwise, and for a stage
 * not reached). */
NC_API double nc_record_stage_seconds(const nc_record *rec, int stage);

/* The document text the record's spans point into (for HTML: the
 * extracted article body); "" when there is none. Borrowed from rec. */
NC_API const char *nc_record_text(const nc_record *rec, size_t *len);

enum nc_json_flags {
    NC_JSON_PRETTY = 1 << 0,    /* indent */
    NC_JSON_WITH_TEXT = 1 << 1, /* include the document text */
    NC_JSON_EXPLAIN = 1 << 2    /* include each item's matched text */
};
/* Renders a record as one JSON object (no trailing newline unless
 * NC_JSON_PRETTY adds none either). Caller frees with nc_free(). NULL on
 * out of memory. */
NC_API char *nc_record_to_json(const nc_record *rec, unsigned flags);

#ifdef __cplusplus
}
#endif
#endif
