/* WARC (ISO 28500; Common Crawl's WARC and WET files): a record stream read
 * one record at a time, so memory stays flat however large the file.
 *
 * The input may be plain, gzip with one member per record (as Common Crawl
 * writes them: members are inflated one by one, so a record's offset is the
 * file offset of its member), or one gzip stream. A record that is
 * truncated or corrupt becomes a record with `error` set, and reading goes
 * on with the next record that can be found. Written here over zlib: the
 * format is a header block and a length-delimited body, smaller than any
 * library binding for it (none is packaged for Debian's C toolchain). */
#ifndef NC_INPUT_WARC_H
#define NC_INPUT_WARC_H
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct nc_warc nc_warc;

typedef struct nc_warc_record {
    char *type;         /* WARC-Type ("response", "conversion", ...); NULL if absent */
    char *id;           /* WARC-Record-ID as written, "<urn:uuid:...>"; NULL if absent */
    char *uri;          /* WARC-Target-URI, without enclosing <>; NULL if absent */
    char *date;         /* WARC-Date; NULL if absent */
    char *content_type; /* Content-Type of the block; NULL if absent */
    char *block;        /* the content block, NUL-terminated; NULL when error is set */
    size_t len;
    uint64_t offset;    /* where the record starts: a file offset (plain input,
                           or the gzip member it starts), or with
                           offset_in_stream an offset in the decompressed data */
    int offset_in_stream;
    char *error;        /* NULL, or why the record cannot be used
                           ("record at byte 512: truncated: ...") */
} nc_warc_record;

/* Reads up to n bytes into buf: bytes read, 0 at the end, -1 with errno. */
typedef ssize_t (*nc_warc_read_fn)(void *user, void *buf, size_t n);

/* Opens a stream over read(user, ...) and reads its first bytes: *is_warc
 * says whether they start a WARC file ("WARC/" and a version, gzip
 * undone). Blocks larger than max_bytes (0 = no limit) are skipped and
 * become error records. 0 or NC_ENOMEM; a read error shows in the first
 * record (or in nc_warc_take_rest). */
int nc_warc_open(nc_warc **out, nc_warc_read_fn read, void *user, size_t max_bytes, int *is_warc);
/* The same over a file descriptor (not closed by the reader). */
int nc_warc_open_fd(nc_warc **out, int fd, size_t max_bytes, int *is_warc);
/* 0 when the first n bytes of an input (n >= 6 unless it is shorter)
 * show that it is not WARC, without the 200 KB of buffers a reader sets
 * up; 1 when it may be (gzip, or "WARC/" and a digit): nc_warc_open
 * tells. */
int nc_warc_may_start(const void *head, size_t n);

/* Next record: 1 and *rec filled (cleared with nc_warc_record_clear), 0 at
 * the end, NC_ENOMEM. */
int nc_warc_next(nc_warc *w, nc_warc_record *rec);
void nc_warc_record_clear(nc_warc_record *rec);

/* For input that is not WARC: all of its raw bytes (the ones read to sniff
 * and the rest, gzip NOT undone), at most max + 1 of them. *out is
 * malloc'd (caller frees). 0, NC_ENOMEM, or NC_EIO with errno's text in
 * msg. */
int nc_warc_take_rest(nc_warc *w, size_t max, char **out, size_t *len, char *msg, size_t msglen);

/* Raw input bytes consumed so far (for progress). */
uint64_t nc_warc_raw_pos(const nc_warc *w);
void nc_warc_free(nc_warc *w);

#endif
