/* HTTP responses as WARC response records keep them: the status line and
 * headers are read, the payload is freed of its transfer encoding
 * (chunked) and content encoding (gzip, deflate). */
#ifndef NC_INPUT_HTTP_H
#define NC_INPUT_HTTP_H
#include <stddef.h>

typedef struct nc_http_response {
    int status;          /* status code; 0 when there is no "HTTP/x.y NNN" line */
    char media_type[80]; /* Content-Type without parameters, lower case; "" if absent */
    char charset[40];    /* Content-Type's charset parameter; "" if absent */
    char *body;          /* the decoded payload, malloc'd, NUL-terminated */
    size_t len;
    char error[240];     /* "" or why the payload could not be decoded (body NULL) */
} nc_http_response;

/* One header field, as WARC and HTTP both write them ("Name: value"). */
typedef struct nc_header_field {
    const char *name, *value; /* not NUL-terminated */
    size_t name_len, value_len; /* value trimmed, continuation lines included */
} nc_header_field;

/* The next field of the header block at *p (a line start) before end:
 * 1 and *f; 0 at the blank line that ends the block (*p just after it) or
 * at end. Lines without a colon are passed over; lines starting with a
 * space or tab continue the value before them. */
int nc_header_next(const char **p, const char *end, nc_header_field *f);

/* Parses the HTTP message msg[0..len). The decoded payload is limited to
 * max_bytes (0 = no limit; beyond it: error). A chunked body whose framing
 * breaks off keeps the chunks before the break (crawlers cut long
 * payloads); a body that is not framed as chunks although the header says
 * so is taken as it is (crawlers often store it decoded). Fills *out
 * (cleared with nc_http_response_clear). 0 or NC_ENOMEM. */
int nc_http_parse(const char *msg, size_t len, size_t max_bytes, nc_http_response *out);
void nc_http_response_clear(nc_http_response *r);

#endif
