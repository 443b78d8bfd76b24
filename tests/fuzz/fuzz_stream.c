/* Fuzzes the command line's JSON Lines path end to end: the bytes become a
 * file (plain, or gzip'd here), the batch runner reads it as --jsonl does,
 * and the output must hold exactly one valid record per non-blank line,
 * whatever the lines hold (NUL bytes, invalid UTF-8, escapes, lines over
 * --max-bytes). The context is built once per process.
 *
 * Input: byte 0 picks gzip, --with-text, the --max-bytes limit, the text
 * field, and (16) the command line's engine for a run's first documents,
 * PCRE2's interpreter: else the JIT, compiled once for the process, as a
 * long run's later documents use it (the interpreter costs 60% of a run
 * under ASan: every backtracking frame it copies is checked); the rest is
 * the file. */
#include "cli/batch.h"
#include "fuzz_common.h"
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

static int only_blank(const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

/* Records the runner must write: one per line that is not blank or is
 * longer than max (lines split as input/lines.h says). */
static size_t expected_records(const uint8_t *p, size_t n, size_t max)
{
    size_t count = 0, pos = 0, lineno = 0;
    while (pos < n) {
        const uint8_t *nl = memchr(p + pos, '\n', n - pos);
        size_t end = nl ? (size_t)(nl - p) : n, s = pos, e = end;
        pos = nl ? end + 1 : n;
        if (++lineno == 1 && e - s >= 3 && memcmp(p + s, "\xEF\xBB\xBF", 3) == 0)
            s += 3;
        if (e > s && p[e - 1] == '\r')
            e--;
        count += e - s > max || !only_blank(p + s, e - s);
    }
    return count;
}

static int write_file(int fd, const void *data, size_t n)
{
    if (ftruncate(fd, 0) || lseek(fd, 0, SEEK_SET))
        return -1;
    const char *p = data;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* One deflate state for the run (reset per input): setting one up
 * allocates and clears about 256 KiB, which under ASan cost more than
 * compressing a short input. */
static unsigned char *gzip_of(const uint8_t *data, size_t size, size_t *out_len)
{
    static z_stream zs;
    static int ready;
    uLongf cap = compressBound(size) + 64;
    unsigned char *out = malloc(cap);
    if (!out)
        abort();
    if (!ready) {
        if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            abort();
        ready = 1;
    } else if (deflateReset(&zs) != Z_OK) {
        abort();
    }
    zs.next_in = (unsigned char *)data;
    zs.avail_in = (uInt)size;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END)
        abort();
    *out_len = cap - zs.avail_out;
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    static FILE *devnull;
    if (fd < 0) {
        fd = memfd_create("fuzz-stream", 0);
        devnull = fopen("/dev/null", "w");
        if (fd < 0 || !devnull)
            abort();
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (size < 1)
        return 0;
    int gz = data[0] & 1;
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    if (!gz && n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
        return 0; /* raw gzip: fuzz_input covers it, lines unknown here */
    size_t zlen = 0;
    unsigned char *z = gz ? gzip_of(p, n, &zlen) : NULL;
    if (write_file(fd, gz ? z : p, gz ? zlen : n))
        abort();
    free(z);

    char *out = NULL;
    size_t out_len = 0;
    FILE *o = open_memstream(&out, &out_len);
    if (!o)
        abort();
    nc_batch_options opt = {
        .ctx = fuzz_context(), .jobs = 1, .jsonl = 1, .text_field = data[0] & 8 ? "body" : "text",
        .id_field = "id", .format = NC_FORMAT_AUTO,
        .output = {.json_flags = data[0] & 2 ? NC_JSON_WITH_TEXT | NC_JSON_EXPLAIN : 0},
        .max_bytes = data[0] & 4 ? 64 : 1 << 20, .timeout = 10, .out = o, .err = devnull,
        .jit_all = !(data[0] & 16),
    };
    char *const paths[] = {path};
    nc_batch_stats stats;
    if (nc_batch_run(&opt, paths, 1, &stats))
        abort();
    fclose(o);

    /* one valid record per line that is not blank, and nothing else */
    size_t want = expected_records(p, n, opt.max_bytes), lines = 0;
    for (char *s = out, *e; s < out + out_len; s = e + 1) {
        e = memchr(s, '\n', (size_t)(out + out_len - s));
        if (!e)
            abort(); /* every record ends with a newline */
        json_check seen;
        if (!valid_utf8((const unsigned char *)s, (size_t)(e - s)) || !json_valid(s, (size_t)(e - s), &seen) ||
            !seen.schema_ok || !seen.status_ok)
            abort();
        lines++;
    }
    if (lines != want || stats.documents != want)
        abort();
    free(out);
    return 0;
}
