/* Fuzzes the WARC record reader and the HTTP payload decoder: any bytes
 * (plain or gzip), read a few bytes at a time as the first byte says. */
#include "input/http.h"
#include "input/warc.h"
#include "newsclaims.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct mem {
    const uint8_t *p;
    size_t len, pos, step;
} mem;

static ssize_t mem_read(void *user, void *buf, size_t n)
{
    mem *m = user;
    if (n > m->step)
        n = m->step;
    if (n > m->len - m->pos)
        n = m->len - m->pos;
    memcpy(buf, m->p + m->pos, n);
    m->pos += n;
    return (ssize_t)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size)
        return 0;
    mem m = {data + 1, size - 1, 0, (size_t)(data[0] % 64) + 1};
    nc_warc *w;
    int is_warc;
    if (nc_warc_open(&w, mem_read, &m, 1 << 20, &is_warc))
        return 0;
    nc_warc_record r;
    int rc;
    while ((rc = nc_warc_next(w, &r)) == 1) {
        if (!r.error == !r.block)
            abort(); /* exactly one of them */
        if (r.block && strlen(r.block) > r.len)
            abort();
        nc_http_response h;
        if (r.block && nc_http_parse(r.block, r.len, 1 << 20, &h) == 0) {
            if (h.body && h.len > (1 << 20))
                abort();
            nc_http_response_clear(&h);
        }
        nc_warc_record_clear(&r);
    }
    nc_warc_free(w);
    return 0;
}
