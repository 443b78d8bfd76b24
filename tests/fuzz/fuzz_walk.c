/* Fuzzes the folder walk: the bytes build a small tree (folders, files,
 * symlinks to folders and files, FIFOs) on a memory file system; the walk
 * must yield every article file of every folder reachable from the root
 * exactly once (each folder entered once, whatever links lead to it),
 * never a FIFO, and never hang; the batch runner over the same tree must
 * write one valid record per file. The context is built once.
 *
 * Input: three bytes per step: what to make, in which folder made so far,
 * under which name (and, for a link, to what); bytes after MAX_STEPS steps
 * are not read (make fuzz's max_len for this harness, FUZZ_MAX_LEN_walk). */
#include "cli/batch.h"
#include "fuzz_common.h"
#include "input/input.h"
#include <ftw.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_STEPS 40
#define MAX_NODES (MAX_STEPS + 1)

static const char *const names[] = {"a", "b.txt", ".hidden", "c.html", "d", "e.txt.gz", "f.pdf",
                                    "G.TXT", "h.htm", "i", "j.text", "k.md"};
#define N_NAMES (sizeof names / sizeof names[0])

typedef struct node {
    char path[1024]; /* relative to the root */
    int is_dir;
} node;

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(p);
}

static int is_article(const char *name)
{
    size_t n = strlen(name);
    char low[64];
    if (n >= sizeof low)
        return 0;
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
    if (n > 3 && strcmp(low + n - 3, ".gz") == 0)
        low[n -= 3] = '\0';
    const char *dot = strrchr(low, '.');
    if (!dot)
        return n > 0;
    static const char *const ext[] = {".txt", ".text", ".html", ".htm", ".xhtml", ".shtml"};
    for (size_t i = 0; i < 6; i++)
        if (strcmp(dot, ext[i]) == 0)
            return 1;
    return 0;
}

/* The files the walk should yield, as "dev:ino/name" keys of their folder
 * and name: folders reached from root (by stat, not entering one twice),
 * their entries that are not hidden, named like articles and regular. */
static size_t expected(const char *root, char keys[][96], size_t max)
{
    static char queue[MAX_NODES * N_NAMES + 1][1200];
    static struct stat seen[MAX_NODES * N_NAMES + 1];
    size_t nq = 0, nseen = 0, nkeys = 0;
    snprintf(queue[nq++], sizeof queue[0], "%s", root);
    for (size_t qi = 0; qi < nq; qi++) {
        struct stat st;
        if (stat(queue[qi], &st))
            continue;
        int dup = 0;
        for (size_t k = 0; k < nseen; k++)
            dup |= seen[k].st_dev == st.st_dev && seen[k].st_ino == st.st_ino;
        if (dup || nseen == sizeof seen / sizeof seen[0])
            continue;
        seen[nseen++] = st;
        for (size_t i = 0; i < N_NAMES; i++) {
            char p[1200];
            struct stat es;
            if ((size_t)snprintf(p, sizeof p, "%s/%s", queue[qi], names[i]) >= sizeof p)
                abort(); /* paths stay short: at most MAX_NODES levels of short names */
            if (names[i][0] == '.' || stat(p, &es))
                continue;
            if (S_ISDIR(es.st_mode) && nq < sizeof queue / sizeof queue[0])
                snprintf(queue[nq++], sizeof queue[0], "%s", p);
            else if (S_ISREG(es.st_mode) && is_article(names[i]) && nkeys < max)
                snprintf(keys[nkeys++], 96, "%lu:%lu/%s", (unsigned long)st.st_dev, (unsigned long)st.st_ino,
                         names[i]);
        }
    }
    return nkeys;
}

static int cmp_keys(const void *a, const void *b) { return strcmp(a, b); }

static char base[64];

static void cleanup(void) { nftw(base, rm_entry, 16, FTW_DEPTH | FTW_PHYS); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *devnull;
    if (!base[0]) {
        snprintf(base, sizeof base, "/dev/shm/nc-fuzz-walk-%d", (int)getpid());
        devnull = fopen("/dev/null", "w");
        if (!devnull)
            abort();
        atexit(cleanup);
    }
    nftw(base, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    if (mkdir(base, 0755))
        abort();
    char root[128];
    snprintf(root, sizeof root, "%s/t", base);
    if (mkdir(root, 0755))
        abort();
    node nodes[MAX_NODES] = {{.path = "", .is_dir = 1}};
    size_t n_nodes = 1;
    for (size_t i = 0; i + 2 < size && i / 3 < MAX_STEPS; i += 3) {
        unsigned op = data[i] % 6;
        const node *dir = &nodes[data[i + 1] % n_nodes];
        if (!dir->is_dir)
            continue;
        const char *name = names[data[i + 2] % N_NAMES];
        node nw = {.is_dir = op == 0};
        snprintf(nw.path, sizeof nw.path, "%s%s%s", dir->path, dir->path[0] ? "/" : "", name);
        char full[1200];
        snprintf(full, sizeof full, "%s/%s", root, nw.path);
        int made;
        if (op == 0) {
            made = mkdir(full, 0755) == 0;
        } else if (op <= 2) {
            FILE *f = fopen(full, "wx");
            made = f != NULL;
            if (f) {
                /* short: the records are about the walk, not extraction */
                fputs(op == 1 ? "" : "<p>3 injured</p>", f);
                fclose(f);
            }
        } else if (op <= 4) {
            /* a link to any node made so far, written relative to the root */
            const node *to = &nodes[data[i + 2] / N_NAMES % n_nodes];
            char target[1200];
            snprintf(target, sizeof target, "%s/%s", root, to->path);
            made = symlink(target, full) == 0;
            nw.is_dir = to->is_dir;
        } else {
            made = mkfifo(full, 0644) == 0;
        }
        if (made && n_nodes < MAX_NODES && strlen(nw.path) < 900)
            nodes[n_nodes++] = nw;
    }

    /* the walk: each expected file once, nothing else */
    static char want[4 * MAX_NODES * N_NAMES][96], got[4 * MAX_NODES * N_NAMES][96];
    size_t max_keys = sizeof want / sizeof want[0];
    size_t n_want = expected(root, want, max_keys), n_got = 0;
    nc_walk *w;
    char *path;
    int more;
    if (nc_walk_new(&w, root, NULL, NULL))
        abort();
    while ((more = nc_walk_next(w, &path)) == 1) {
        struct stat st, dst;
        char *slash = strrchr(path, '/');
        *slash = '\0';
        if (stat(path, &dst) || n_got == max_keys)
            abort();
        *slash = '/';
        if (stat(path, &st) || !S_ISREG(st.st_mode))
            abort(); /* only regular files come out of folders */
        snprintf(got[n_got++], 96, "%lu:%lu/%s", (unsigned long)dst.st_dev, (unsigned long)dst.st_ino, slash + 1);
        free(path);
    }
    nc_walk_free(w);
    if (more < 0 || n_got != n_want)
        abort();
    qsort(want, n_want, sizeof want[0], cmp_keys);
    qsort(got, n_got, sizeof got[0], cmp_keys);
    for (size_t i = 0; i < n_got; i++)
        if (strcmp(want[i], got[i]) != 0)
            abort();

    /* the batch runner over the tree: one record per file */
    char *out = NULL;
    size_t out_len = 0;
    FILE *o = open_memstream(&out, &out_len);
    nc_batch_options opt = {.ctx = fuzz_context(), .jobs = 1, .format = NC_FORMAT_AUTO, .max_bytes = 1 << 20,
                            .timeout = 10, .out = o, .err = devnull};
    char *const paths[] = {root};
    nc_batch_stats stats;
    if (!o || nc_batch_run(&opt, paths, 1, &stats))
        abort();
    fclose(o);
    size_t records = 0;
    for (size_t i = 0; i < out_len; i++)
        records += out[i] == '\n';
    if (records != n_want || stats.documents != n_want)
        abort();
    free(out);
    return 0;
}
