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

/* Parses the HTTP message msg[0..len). The decoded payload is limited to
 * max_bytes (0 = no limit; beyond it: error). A chunked body whose framing
 * breaks off keeps the chunks before the break (crawlers cut long
 * payloads); a body that is not framed as chunks although the header says
 * so is taken as it is (crawlers often store it decoded). Fills *out
 * (cleared with nc_http_response_clear). 0 or NC_ENOMEM. */
int nc_http_parse(const char *msg, size_t len, size_t max_bytes, nc_http_response *out);
void nc_http_response_clear(nc_http_response *r);

#endif
