/* Input: which documents to read (walk), reading them (read: files, stdin,
 * gzip), and JSON Lines (jsonl). Lines of any stream: input/lines.h. */
#ifndef NC_INPUT_H
#define NC_INPUT_H
#include <stddef.h>
#include <stdio.h>

/* ---- walk ---- */
typedef struct nc_pathlist {
    char **paths; /* in processing order; owned */
    size_t n, cap;
    size_t skipped; /* files in folders not named like articles, hidden entries */
} nc_pathlist;

/* Expands one command-line PATH: "-" and regular files (any name) are added
 * as they are; a directory is walked recursively in sorted (strcmp) order,
 * adding regular files named like articles (.txt .text .html .htm .xhtml
 * .shtml or no extension, each optionally .gz; case-insensitive), skipping
 * hidden entries (leading '.') and counting other files in ->skipped.
 * Symlinks to files and folders are followed; FIFOs and devices in folders
 * are skipped. No directory is entered twice (by device+inode): symlink
 * loops end, and a folder reached by several names is read once, under the
 * first name reached. A path that does not exist is still added, so that
 * reading it reports the error in its record. A folder that cannot be read
 * ("cannot read folder: Permission denied") or lies more than 256 levels
 * deep ("folders nested too deeply ...: not entered") is reported through
 * on_error(path, message, user) and the walk goes on. 0 or NC_ENOMEM. */
int nc_pathlist_add(nc_pathlist *l, const char *path,
                    void (*on_error)(const char *path, const char *msg, void *user),
                    void *user);
void nc_pathlist_free(nc_pathlist *l);

/* The same walk one path at a time, holding only the directories on the
 * current path in memory (for folders of millions of files). */
typedef struct nc_walk nc_walk;
int nc_walk_new(nc_walk **out, const char *path,
                void (*on_error)(const char *path, const char *msg, void *user), void *user);
/* 1 and *path (caller frees) for the next document; 0 at the end; NC_ENOMEM. */
int nc_walk_next(nc_walk *w, char **path);
/* 1 when the last path came out of a folder (read it with
 * NC_INPUT_REGULAR), 0 when it is the command-line path itself. */
int nc_walk_from_folder(const nc_walk *w);
size_t nc_walk_skipped(const nc_walk *w);
void nc_walk_free(nc_walk *w);

/* ---- read ---- */
/* A byte stream: a file or "-" (standard input; not closed), gzip data
 * (magic 1f 8b) decompressed whatever the name, read in chunks. */
typedef struct nc_instream nc_instream;
/* 0, or NC_ENOTFOUND / NC_EIO (a directory, or errno's text in msg) /
 * NC_ENOMEM; *out is NULL then. The caller frees with nc_instream_close. */
int nc_instream_open(nc_instream **out, const char *path, char *msg, size_t msglen);
/* Only a regular file, never a FIFO or a device, and without blocking on
 * one (files found in folders, rule files): else NC_EIO, "not a regular
 * file (a FIFO, socket or device)". */
#define NC_INPUT_REGULAR 1u
/* nc_instream_open with NC_INPUT_* flags. */
int nc_instream_open_flags(nc_instream **out, const char *path, unsigned flags, char *msg, size_t msglen);
/* The same over bytes in memory, which must outlive the stream. 0 or NC_ENOMEM. */
int nc_instream_mem(nc_instream **out, const char *data, size_t len);
/* Up to cap decoded bytes into buf: how many (at least 1), 0 at the end,
 * or NC_EIO / NC_EGZIP ("gzip data is truncated", "corrupt gzip data: ...")
 * / NC_ENOMEM with msg set. Plain input hands on what one read(2) gave. */
long nc_instream_read(nc_instream *s, char *buf, size_t cap, char *msg, size_t msglen);
/* Each read hands on at most n bytes (0: no bound), so that tests and
 * fuzzers see every way input can be split. */
void nc_instream_set_max_read(nc_instream *s, size_t n);
void nc_instream_close(nc_instream *s);

/* Reads a whole file ("-" = stdin) into *out (malloc'd, NUL-terminated,
 * caller frees). Gzip data (magic 1f 8b) is decompressed whatever the name;
 * max_bytes (0 = no limit) bounds the decompressed size (NC_ETOOBIG).
 * Binary input — a NUL byte in the first KiB after decompression, unless
 * the bytes are UTF-16 text (byte order mark, or "<\\0" pairs) — is
 * NC_EBINARY (*out still set to NULL), known as soon as that KiB is read:
 * a binary file is never read whole. Errors: NC_ENOTFOUND, NC_EIO (with
 * errno's text in msg), NC_EGZIP, NC_EBINARY, NC_ETOOBIG, NC_ENOMEM; msg
 * (may be NULL) receives a one-line reason such as "No such file or
 * directory" or "gzip data is truncated". */
int nc_input_read(const char *path, size_t max_bytes, char **out, size_t *out_len,
                  char *msg, size_t msglen);
/* The same with NC_INPUT_* flags. */
int nc_input_read_flags(const char *path, unsigned flags, size_t max_bytes, char **out, size_t *out_len,
                        char *msg, size_t msglen);
/* Same for bytes already in memory (used by tests and fuzzers). */
int nc_input_decode(const char *in, size_t len, size_t max_bytes, char **out,
                    size_t *out_len, char *msg, size_t msglen);

/* ---- jsonl ---- */
typedef struct nc_jsonl_doc {
    char *text;  /* the text field, UTF-8; NULL when the line is bad */
    size_t len;
    char *id, *url, *title; /* NULL when absent; numbers as their text */
    char *error; /* NULL, or why the line could not be used */
} nc_jsonl_doc;

/* Parses one JSON Lines line (without its newline). Always fills *doc
 * (which the caller clears with nc_jsonl_doc_clear): a malformed line, a
 * line that is not an object, or one without a string text_field sets
 * doc->error (e.g. "line 12: invalid JSON", "line 3: no string field
 * \"text\""), keeping any id it could read. 0 or NC_ENOMEM. */
int nc_jsonl_parse(const char *line, size_t len, size_t lineno,
                   const char *text_field, const char *id_field, nc_jsonl_doc *doc);
void nc_jsonl_doc_clear(nc_jsonl_doc *doc);

#endif
