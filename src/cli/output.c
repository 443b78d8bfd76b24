/* -o FILE and --resume (see output.h).
 *
 * Keys are kept as 128-bit hashes of (path, id), with a count each, not as
 * strings: a resumed run over millions of documents needs 24 bytes per
 * record already written, and a false match between two different keys
 * has a probability of about n^2 / 2^129. */
#include "cli/output.h"
#include "input/lines.h"
#include "newsclaims.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct slot {
    uint64_t a, b; /* a == 0: empty */
    uint32_t n;    /* records not yet taken */
} slot;

typedef struct table {
    slot *s;
    size_t cap, used; /* cap: a power of two */
} table;

struct nc_resume {
    table keys;  /* (path, id) */
    table paths; /* path alone */
    size_t records, torn;
};

static uint64_t mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* Two independent 64-bit hashes of path, a separator, and id (or a marker
 * for "no id", which no string can spell). */
static void hash_key(const char *path, const char *id, int with_id, uint64_t *a, uint64_t *b)
{
    uint64_t h1 = 0xcbf29ce484222325ULL, h2 = 0x9e3779b97f4a7c15ULL;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        h1 = (h1 ^ *p) * 0x100000001b3ULL;
        h2 = mix(h2 + *p);
    }
    if (with_id) {
        h1 = (h1 ^ 0x100) * 0x100000001b3ULL;
        h2 = mix(h2 + 0x100);
        if (!id) {
            h1 = (h1 ^ 0x200) * 0x100000001b3ULL;
            h2 = mix(h2 + 0x200);
        }
        for (const unsigned char *p = (const unsigned char *)(id ? id : ""); *p; p++) {
            h1 = (h1 ^ *p) * 0x100000001b3ULL;
            h2 = mix(h2 + *p);
        }
    }
    *a = mix(h1) | 1;
    *b = h2;
}

static slot *find(const table *t, uint64_t a, uint64_t b)
{
    if (!t->cap)
        return NULL;
    for (size_t i = (size_t)b & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        slot *s = &t->s[i];
        if (!s->a || (s->a == a && s->b == b))
            return s;
    }
}

static int add(table *t, uint64_t a, uint64_t b)
{
    if ((t->used + 1) * 2 > t->cap) {
        table bigger = {.cap = t->cap ? t->cap * 2 : 1024};
        if (!(bigger.s = calloc(bigger.cap, sizeof *bigger.s)))
            return NC_ENOMEM;
        for (size_t i = 0; i < t->cap; i++)
            if (t->s[i].a) {
                *find(&bigger, t->s[i].a, t->s[i].b) = t->s[i];
                bigger.used++;
            }
        free(t->s);
        *t = bigger;
    }
    slot *s = find(t, a, b);
    if (!s->a) {
        s->a = a;
        s->b = b;
        t->used++;
    }
    s->n++;
    return 0;
}

static int add_record(nc_resume *d, const char *path, const char *id)
{
    uint64_t a, b;
    hash_key(path, id, 1, &a, &b);
    if (add(&d->keys, a, b))
        return NC_ENOMEM;
    hash_key(path, NULL, 0, &a, &b);
    if (add(&d->paths, a, b))
        return NC_ENOMEM;
    d->records++;
    return 0;
}

int nc_resume_take(nc_resume *d, const char *path, const char *id)
{
    uint64_t a, b;
    hash_key(path, id, 1, &a, &b);
    slot *s = find(&d->keys, a, b);
    if (!s || !s->a || !s->n)
        return 0;
    s->n--;
    hash_key(path, NULL, 0, &a, &b);
    s = find(&d->paths, a, b);
    if (s && s->a && s->n)
        s->n--;
    return 1;
}

int nc_resume_has_path(const nc_resume *d, const char *path)
{
    uint64_t a, b;
    hash_key(path, NULL, 0, &a, &b);
    const slot *s = find(&d->paths, a, b);
    return s && s->a && s->n;
}

size_t nc_resume_records(const nc_resume *d) { return d->records; }
size_t nc_resume_torn(const nc_resume *d) { return d->torn; }

void nc_resume_free(nc_resume *d)
{
    if (!d)
        return;
    free(d->keys.s);
    free(d->paths.s);
    free(d);
}

static int io_fail(char *msg, size_t msglen, const char *path, int err)
{
    snprintf(msg, msglen, "%s: %s", path, strerror(err));
    return err == ENOMEM ? NC_ENOMEM : NC_EIO;
}

/* Cuts everything after the last newline (a record a kill cut short). */
static int cut_torn_line(int fd, const char *path, nc_resume *d, char *msg, size_t msglen)
{
    struct stat st;
    if (fstat(fd, &st))
        return io_fail(msg, msglen, path, errno);
    off_t end = st.st_size, keep = 0;
    char block[65536];
    while (end > 0) {
        off_t start = end > (off_t)sizeof block ? end - (off_t)sizeof block : 0;
        ssize_t n = pread(fd, block, (size_t)(end - start), start);
        if (n != end - start)
            return io_fail(msg, msglen, path, n < 0 ? errno : EIO);
        char *nl = memrchr(block, '\n', (size_t)n);
        if (nl) {
            keep = start + (nl - block) + 1;
            break;
        }
        end = start;
    }
    if (keep < st.st_size) {
        if (ftruncate(fd, keep))
            return io_fail(msg, msglen, path, errno);
        d->torn = 1;
    }
    return 0;
}

/* Reads source.path and source.id of every record in the file. */
static int load_keys(const char *path, nc_resume *d, char *msg, size_t msglen)
{
    nc_lines ls;
    if (nc_lines_open(&ls, path, 0, msg, msglen))
        return NC_EIO;
    nc_line line;
    int rc = 0, more;
    while (!rc && (more = nc_lines_next(&ls, &line)) != 0) {
        if (more < 0) {
            snprintf(msg, msglen, "%s: %s", path, nc_lines_error(&ls));
            rc = more == NC_ENOMEM ? NC_ENOMEM : NC_EIO;
            break;
        }
        if (line.error) {
            rc = NC_ENOMEM;
            break;
        }
        if (line.len == 0)
            continue;
        cJSON *rec = cJSON_ParseWithLength(line.s, line.len);
        const cJSON *src = cJSON_GetObjectItemCaseSensitive(rec, "source");
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(src, "path");
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(src, "id");
        const cJSON *schema = cJSON_GetObjectItemCaseSensitive(rec, "schema");
        if (!cJSON_IsString(schema) || strncmp(schema->valuestring, "newsclaims/", 11) != 0 ||
            !cJSON_IsString(p) || !(cJSON_IsString(id) || cJSON_IsNull(id))) {
            snprintf(msg, msglen, "%s:%zu: not a newsclaims record (one JSON record per line): cannot resume", path,
                     line.lineno);
            rc = NC_EJSON;
        } else {
            rc = add_record(d, p->valuestring, cJSON_IsString(id) ? id->valuestring : NULL);
        }
        cJSON_Delete(rec);
    }
    nc_lines_close(&ls);
    return rc;
}

int nc_output_open(const char *path, int resume, FILE **out, nc_resume **done, char *msg, size_t msglen)
{
    *out = NULL;
    *done = NULL;
    if (!resume) {
        if (!(*out = fopen(path, "w")))
            return io_fail(msg, msglen, path, errno);
        return 0;
    }
    nc_resume *d = calloc(1, sizeof *d);
    if (!d)
        return NC_ENOMEM;
    int rc = 0, fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    FILE *f = NULL;
    if (fd < 0)
        rc = io_fail(msg, msglen, path, errno);
    if (!rc)
        rc = cut_torn_line(fd, path, d, msg, msglen);
    if (!rc)
        rc = load_keys(path, d, msg, msglen);
    /* appending from here on: every write goes to the end */
    if (!rc && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_APPEND) < 0)
        rc = io_fail(msg, msglen, path, errno);
    if (!rc && !(f = fdopen(fd, "a")))
        rc = io_fail(msg, msglen, path, errno);
    if (f)
        fd = -1; /* f owns it now */
    if (rc) {
        if (f)
            fclose(f);
        if (fd >= 0)
            close(fd);
        nc_resume_free(d);
        return rc;
    }
    *out = f;
    *done = d;
    return 0;
}
