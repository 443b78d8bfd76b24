/* Unit tests for src/input: walk, read (plain, gzip, limits), JSON Lines. */
#include "check.h"
#include "input/input.h"
#include "input/lines.h"
#include "newsclaims.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#define MB ((size_t)1024 * 1024)

/* ---- fixtures ---- */

static char *path_of(const char *root, const char *rel)
{
    size_t n = strlen(root) + strlen(rel) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", root, rel);
    return p;
}

static void write_bytes(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(2);
    }
    if (len)
        fwrite(data, 1, len, f);
    fclose(f);
}

static void write_at(const char *root, const char *rel, const char *text)
{
    char *p = path_of(root, rel);
    write_bytes(p, text, strlen(text));
    free(p);
}

static void mkdir_at(const char *root, const char *rel)
{
    char *p = path_of(root, rel);
    if (mkdir(p, 0755) != 0) {
        perror(p);
        exit(2);
    }
    free(p);
}

static void symlink_at(const char *root, const char *rel, const char *target)
{
    char *p = path_of(root, rel);
    if (symlink(target, p) != 0) {
        perror(p);
        exit(2);
    }
    free(p);
}

/* Writes (mode "wb") or appends another member (mode "ab") with gzopen. */
static void write_gz(const char *path, const char *mode, const void *data, size_t len)
{
    gzFile g = gzopen(path, mode);
    if (!g) {
        perror(path);
        exit(2);
    }
    const char *p = data;
    while (len > 0) { /* gzwrite takes an unsigned count */
        unsigned n = len > MB ? (unsigned)MB : (unsigned)len;
        gzwrite(g, p, n);
        p += n;
        len -= n;
    }
    gzclose(g);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *d = malloc((size_t)n + 1);
    *len = fread(d, 1, (size_t)n, f);
    fclose(f);
    return d;
}

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
    return remove(p);
}

static void rm_tree(const char *root)
{
    nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- walk ---- */

/* what a read gave (also used by the read tests below) */
typedef struct read_result {
    int rc;
    char *out;
    size_t len;
    char msg[256];
} read_result;


typedef struct err_log {
    int n;
    char last_path[4096];
    char last_msg[256];
} err_log;

static void log_error(const char *path, const char *msg, void *user)
{
    err_log *log = user;
    log->n++;
    snprintf(log->last_path, sizeof log->last_path, "%s", path);
    snprintf(log->last_msg, sizeof log->last_msg, "%s", msg);
}

static void check_paths(const nc_pathlist *l, const char *prefix, const char *const *rel, size_t n)
{
    CHECK_INT(l->n, n);
    for (size_t i = 0; i < n && i < l->n; i++) {
        char *want = path_of(prefix, rel[i]);
        CHECK_STR(l->paths[i], want);
        free(want);
    }
}

static void build_tree(const char *root)
{
    static const char *const files[] = {
        "b.txt", "a.html", "C.HTM", "notes", "notes.gz", "x.html.gz", "y.TXT.GZ",
        "doc.pdf", "data.json", ".hidden.txt", "e.", "a.dir/q.htm", "sub/z.text",
        "sub/deep/k.xhtml", "sub/deep/m.shtml", ".git/config.txt"};
    mkdir_at(root, "sub");
    mkdir_at(root, "sub/deep");
    mkdir_at(root, "a.dir");
    mkdir_at(root, ".git");
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        write_at(root, files[i], "text\n");
    symlink_at(root, "link.txt", "b.txt");
    symlink_at(root, "dangling.txt", "nowhere.txt");
    symlink_at(root, "sub/deep/loop", "../.."); /* back to root: a loop */
}

static const char *const tree_expected[] = {
    "C.HTM", "a.dir/q.htm", "a.html", "b.txt", "dangling.txt", "link.txt", "notes",
    "notes.gz", "sub/deep/k.xhtml", "sub/deep/m.shtml", "sub/z.text", "x.html.gz",
    "y.TXT.GZ"};
#define TREE_N (sizeof tree_expected / sizeof tree_expected[0])

static void test_walk_tree(const char *tmp)
{
    char *root = path_of(tmp, "tree");
    mkdir(root, 0755);
    build_tree(root);

    nc_pathlist l = {0};
    err_log log = {0};
    CHECK_INT(nc_pathlist_add(&l, root, log_error, &log), 0);
    check_paths(&l, root, tree_expected, TREE_N);
    /* .git, .hidden.txt, data.json, doc.pdf, "e." */
    CHECK_INT(l.skipped, 5);
    CHECK_INT(log.n, 0);
    nc_pathlist_free(&l);
    CHECK(l.paths == NULL && l.n == 0 && l.skipped == 0);

    /* a trailing slash is not doubled */
    char *slashed = path_of(root, "a.dir/");
    char *adir = path_of(root, "a.dir");
    static const char *const adir_expected[] = {"q.htm"};
    CHECK_INT(nc_pathlist_add(&l, slashed, log_error, &log), 0);
    check_paths(&l, adir, adir_expected, 1);
    nc_pathlist_free(&l);

    /* from sub/, the loop leads to root, which is not on the walk path yet
     * and is walked once; its sub/ is, and is not entered again */
    char *sub = path_of(root, "sub");
    CHECK_INT(nc_pathlist_add(&l, sub, log_error, &log), 0);
    CHECK_INT(l.n, TREE_N); /* 3 in sub + the 10 of root outside sub */
    int reentered = 0;
    for (size_t i = 0; i < l.n; i++)
        reentered |= strstr(l.paths[i], "loop/sub/") != NULL;
    CHECK(!reentered);
    if (l.n == TREE_N) {
        char *first = path_of(sub, "deep/k.xhtml"), *second = path_of(sub, "deep/loop/C.HTM");
        CHECK_STR(l.paths[0], first);
        CHECK_STR(l.paths[1], second);
        free(first);
        free(second);
    }
    nc_pathlist_free(&l);

    /* entering through the loop link walks root once, under the link's name */
    char *via = path_of(root, "sub/deep/loop");
    CHECK_INT(nc_pathlist_add(&l, via, log_error, &log), 0);
    check_paths(&l, via, tree_expected, TREE_N);
    nc_pathlist_free(&l);

    free(via);
    free(sub);
    free(adir);
    free(slashed);
    free(root);
}

static void test_walk_args(const char *tmp)
{
    char *root = path_of(tmp, "args");
    mkdir(root, 0755);
    write_at(root, "report.pdf", "x");
    char *pdf = path_of(root, "report.pdf");
    char *missing = path_of(root, "missing.txt");

    nc_pathlist l = {0};
    CHECK_INT(nc_pathlist_add(&l, "-", NULL, NULL), 0);
    CHECK_INT(nc_pathlist_add(&l, pdf, NULL, NULL), 0);     /* any name */
    CHECK_INT(nc_pathlist_add(&l, missing, NULL, NULL), 0); /* kept */
    CHECK_INT(l.n, 3);
    if (l.n == 3) {
        CHECK_STR(l.paths[0], "-");
        CHECK_STR(l.paths[1], pdf);
        CHECK_STR(l.paths[2], missing);
    }
    CHECK_INT(l.skipped, 0);
    nc_pathlist_free(&l);

    /* an empty directory adds nothing */
    char *empty = path_of(root, "empty");
    mkdir(empty, 0755);
    CHECK_INT(nc_pathlist_add(&l, empty, NULL, NULL), 0);
    CHECK_INT(l.n, 0);
    nc_pathlist_free(&l);

    free(empty);
    free(missing);
    free(pdf);
    free(root);
}

static void test_walk_mutual_loop(const char *tmp)
{
    char *root = path_of(tmp, "mutual");
    mkdir(root, 0755);
    mkdir_at(root, "a");
    mkdir_at(root, "b");
    write_at(root, "a/1.txt", "x");
    write_at(root, "b/2.txt", "x");
    symlink_at(root, "a/to_b", "../b");
    symlink_at(root, "b/to_a", "../a");

    nc_pathlist l = {0};
    CHECK_INT(nc_pathlist_add(&l, root, NULL, NULL), 0);
    /* b is read once, through a/to_b, the first name the sorted walk
     * reaches it by; a is not entered again through b/to_a */
    static const char *const want[] = {"a/1.txt", "a/to_b/2.txt"};
    check_paths(&l, root, want, 2);
    nc_pathlist_free(&l);
    free(root);
}

/* Folders whose entries link twice to the next folder: each file once,
 * not 2^depth times. */
static void test_walk_doubling_links(const char *tmp)
{
    char *root = path_of(tmp, "doubling");
    mkdir(root, 0755);
    char rel[64], target[64];
    for (int i = 0; i <= 16; i++) {
        snprintf(rel, sizeof rel, "d%02d", i);
        mkdir_at(root, rel);
        snprintf(rel, sizeof rel, "d%02d/f.txt", i);
        write_at(root, rel, "x");
        if (i == 16)
            break;
        snprintf(target, sizeof target, "../d%02d", i + 1);
        snprintf(rel, sizeof rel, "d%02d/x", i);
        symlink_at(root, rel, target);
        snprintf(rel, sizeof rel, "d%02d/y", i);
        symlink_at(root, rel, target);
    }
    nc_pathlist l = {0};
    CHECK_INT(nc_pathlist_add(&l, root, NULL, NULL), 0);
    CHECK_INT(l.n, 17);
    /* d00/f.txt, d00/x/f.txt, d00/x/x/f.txt, ...: each folder under the
     * first name reached */
    char *second = path_of(root, "d00/x/f.txt");
    if (l.n > 1)
        CHECK_STR(l.paths[1], second);
    free(second);
    nc_pathlist_free(&l);
    free(root);
}

/* A FIFO or device in a folder is never opened, whatever its name; named
 * on the command line it is what the user asked for. */
static void test_walk_special_files(const char *tmp)
{
    char *root = path_of(tmp, "special");
    mkdir(root, 0755);
    write_at(root, "a.txt", "x");
    char *fifo = path_of(root, "b.txt");
    CHECK_INT(mkfifo(fifo, 0644), 0);
    symlink_at(root, "c.txt", "/dev/zero");
    nc_pathlist l = {0};
    CHECK_INT(nc_pathlist_add(&l, root, NULL, NULL), 0);
    static const char *const want[] = {"a.txt"};
    check_paths(&l, root, want, 1);
    CHECK_INT(l.skipped, 2);
    nc_pathlist_free(&l);
    CHECK_INT(nc_pathlist_add(&l, fifo, NULL, NULL), 0);
    CHECK_INT(l.n, 1);
    nc_pathlist_free(&l);
    /* opened as a file from a folder, a FIFO is refused without waiting */
    read_result r = {0};
    r.rc = nc_input_read_flags(fifo, NC_INPUT_REGULAR, 0, &r.out, &r.len, r.msg, sizeof r.msg);
    CHECK_INT(r.rc, NC_EIO);
    CHECK_STR(r.msg, "not a regular file (a FIFO, socket or device)");
    r.rc = nc_input_read_flags("/dev/null", NC_INPUT_REGULAR, 0, &r.out, &r.len, r.msg, sizeof r.msg);
    CHECK_INT(r.rc, NC_EIO);
    free(fifo);
    free(root);
}

static void test_walk_depth_limit(const char *tmp)
{
    char *root = path_of(tmp, "deep");
    mkdir(root, 0755);
    char rel[1024] = "";
    for (int i = 0; i < 300; i++) {
        strcat(rel, i ? "/d" : "d");
        mkdir_at(root, rel);
    }
    write_at(root, "top.txt", "x");
    strcat(rel, "/bottom.txt");
    write_at(root, rel, "x");

    nc_pathlist l = {0};
    err_log log = {0};
    CHECK_INT(nc_pathlist_add(&l, root, log_error, &log), 0);
    CHECK_INT(l.n, 1); /* top.txt; bottom.txt is beyond the limit */
    CHECK_INT(log.n, 1);
    CHECK(strstr(log.last_msg, "too deeply") != NULL);
    nc_pathlist_free(&l);
    free(root);
}

/* The walk over a folder it cannot read, as a user who may not. */
static void walk_unreadable(const char *root, const char *closed)
{
    nc_pathlist l = {0};
    err_log log = {0};
    CHECK_INT(nc_pathlist_add(&l, root, log_error, &log), 0);
    CHECK_INT(l.n, 1);
    CHECK_INT(log.n, 1);
    CHECK_STR(log.last_path, closed);
    char want[300];
    snprintf(want, sizeof want, "cannot read folder: %s", strerror(EACCES));
    CHECK_STR(log.last_msg, want);
    nc_pathlist_free(&l);
}

static void test_walk_unreadable(const char *tmp)
{
    char *root = path_of(tmp, "locked");
    mkdir(root, 0755);
    mkdir_at(root, "closed");
    write_at(root, "closed/in.txt", "x");
    write_at(root, "open.txt", "x");
    char *closed = path_of(root, "closed");
    chmod(closed, 0);
    if (geteuid() != 0) {
        walk_unreadable(root, closed);
    } else {
        /* root reads any folder: the check runs in a child as "nobody" */
        chmod(tmp, 0755);
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            if (setgid(65534) || setuid(65534))
                _exit(3);
            walk_unreadable(root, closed);
            _exit(nc_t_fail ? 1 : 0);
        }
        int status = -1;
        waitpid(pid, &status, 0);
        chmod(tmp, 0700);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    chmod(closed, 0755);
    free(closed);
    free(root);
}

/* ---- read ---- */

static read_result read_path(const char *path, size_t max)
{
    read_result r = {0};
    r.len = 12345;
    r.rc = nc_input_read(path, max, &r.out, &r.len, r.msg, sizeof r.msg);
    return r;
}

static read_result decode(const void *in, size_t len, size_t max)
{
    read_result r = {0};
    r.rc = nc_input_decode(in, len, max, &r.out, &r.len, r.msg, sizeof r.msg);
    return r;
}

static void test_read_plain(const char *tmp)
{
    char *p = path_of(tmp, "plain.txt");
    write_bytes(p, "Hello, world.\n", 14);
    read_result r = read_path(p, 0);
    CHECK_INT(r.rc, 0);
    CHECK_INT(r.len, 14);
    CHECK_STR(r.out, "Hello, world.\n");
    free(r.out);

    r = read_path(p, 14); /* exactly at the limit */
    CHECK_INT(r.rc, 0);
    free(r.out);
    r = read_path(p, 13);
    CHECK_INT(r.rc, NC_ETOOBIG);
    CHECK(r.out == NULL);
    CHECK_STR(r.msg, "larger than 13 bytes");

    /* larger than one read chunk */
    size_t big = 200 * 1024 + 7;
    char *data = malloc(big);
    for (size_t i = 0; i < big; i++)
        data[i] = (char)('a' + i % 26);
    write_bytes(p, data, big);
    r = read_path(p, 0);
    CHECK_INT(r.rc, 0);
    CHECK_INT(r.len, big);
    CHECK(r.out && memcmp(r.out, data, big) == 0 && r.out[big] == '\0');
    free(r.out);
    r = read_path(p, 100 * 1024);
    CHECK_INT(r.rc, NC_ETOOBIG);
    free(data);

    /* empty file */
    write_bytes(p, "", 0);
    r = read_path(p, 0);
    CHECK_INT(r.rc, 0);
    CHECK_INT(r.len, 0);
    CHECK_STR(r.out, "");
    free(r.out);
    free(p);
}

static void test_read_errors(const char *tmp)
{
    char *missing = path_of(tmp, "missing.txt");
    read_result r = read_path(missing, 0);
    CHECK_INT(r.rc, NC_ENOTFOUND);
    CHECK(r.out == NULL);
    CHECK_INT(r.len, 0);
    CHECK_STR(r.msg, "No such file or directory");

    r = read_path(tmp, 0);
    CHECK_INT(r.rc, NC_EIO);
    CHECK_STR(r.msg, "Is a directory");

    /* msg may be NULL */
    char *out = (char *)1;
    CHECK_INT(nc_input_read(missing, 0, &out, NULL, NULL, 0), NC_ENOTFOUND);
    CHECK(out == NULL);

    char *bin = path_of(tmp, "bin.dat");
    write_bytes(bin, "abc\0def", 7);
    r = read_path(bin, 0);
    CHECK_INT(r.rc, NC_EBINARY);
    CHECK(r.out == NULL);
    CHECK_STR(r.msg, "binary file (NUL bytes)");

    /* a NUL beyond the first KiB is not binary */
    char late[2000];
    memset(late, 'x', sizeof late);
    late[1500] = '\0';
    write_bytes(bin, late, sizeof late);
    r = read_path(bin, 0);
    CHECK_INT(r.rc, 0);
    CHECK_INT(r.len, sizeof late);
    free(r.out);
    late[1023] = '\0';
    write_bytes(bin, late, sizeof late);
    CHECK_INT(read_path(bin, 0).rc, NC_EBINARY);

    /* binary after decompression */
    write_gz(bin, "wb", "\x01\x00\x02", 3);
    r = read_path(bin, 0);
    CHECK_INT(r.rc, NC_EBINARY);
    free(bin);
    free(missing);
}

static void test_read_gzip(const char *tmp)
{
    char *p = path_of(tmp, "article"); /* detected by content, not name */
    const char *text = "Gzipped article text.\n";
    write_gz(p, "wb", text, strlen(text));
    read_result r = read_path(p, 0);
    CHECK_INT(r.rc, 0);
    CHECK_STR(r.out, text);
    CHECK_INT(r.len, strlen(text));
    free(r.out);

    /* limits apply to the decompressed size */
    r = read_path(p, strlen(text));
    CHECK_INT(r.rc, 0);
    free(r.out);
    r = read_path(p, strlen(text) - 1);
    CHECK_INT(r.rc, NC_ETOOBIG);
    CHECK(r.out == NULL);

    /* concatenated members */
    write_gz(p, "ab", "Second member.", 14);
    r = read_path(p, 0);
    CHECK_INT(r.rc, 0);
    CHECK_STR(r.out, "Gzipped article text.\nSecond member.");
    free(r.out);

    /* trailing zero padding is ignored */
    size_t n;
    char *gz = slurp(p, &n);
    char *padded = calloc(n + 512, 1);
    memcpy(padded, gz, n);
    r = decode(padded, n + 512, 0);
    CHECK_INT(r.rc, 0);
    CHECK_STR(r.out, "Gzipped article text.\nSecond member.");
    free(r.out);
    free(padded);

    /* truncated: cut in the middle, or just the trailer missing */
    write_bytes(p, gz, n / 2);
    r = read_path(p, 0);
    CHECK_INT(r.rc, NC_EGZIP);
    CHECK(r.out == NULL);
    CHECK_STR(r.msg, "gzip data is truncated");
    r = decode(gz, n - 4, 0);
    CHECK_INT(r.rc, NC_EGZIP);
    CHECK_STR(r.msg, "gzip data is truncated");
    r = decode("\x1f\x8b", 2, 0);
    CHECK_INT(r.rc, NC_EGZIP);

    /* corrupt: a wrong CRC in a single member's trailer */
    write_gz(p, "wb", text, strlen(text));
    free(gz);
    gz = slurp(p, &n);
    char *bad = malloc(n);
    memcpy(bad, gz, n);
    bad[n - 8] ^= 0x55; /* CRC32 */
    r = decode(bad, n, 0);
    CHECK_INT(r.rc, NC_EGZIP);
    CHECK(strncmp(r.msg, "corrupt gzip data: ", 19) == 0);
    /* corrupt deflate data: an invalid block type right after the header */
    memcpy(bad, gz, n);
    bad[10] = (char)0xff;
    r = decode(bad, n, 0);
    CHECK_INT(r.rc, NC_EGZIP);
    CHECK(strncmp(r.msg, "corrupt gzip data: ", 19) == 0);
    free(bad);
    free(gz);
    free(p);
}

static void test_read_bomb(const char *tmp)
{
    char *p = path_of(tmp, "bomb.gz");
    char *text = malloc(10 * MB);
    memset(text, 'a', 10 * MB);
    write_gz(p, "wb", text, 10 * MB);
    read_result r = read_path(p, MB);
    CHECK_INT(r.rc, NC_ETOOBIG);
    CHECK(r.out == NULL);
    CHECK_STR(r.msg, "larger than 1048576 bytes");

    size_t n;
    char *gz = slurp(p, &n);
    CHECK(n < MB); /* it really is a bomb */
    r = decode(gz, n, MB);
    CHECK_INT(r.rc, NC_ETOOBIG);
    /* without a limit it decompresses */
    r = decode(gz, n, 0);
    CHECK_INT(r.rc, 0);
    CHECK_INT(r.len, 10 * MB);
    free(r.out);
    free(gz);

    /* a bomb of NUL bytes is binary as soon as its first KiB is out,
     * whatever the limit: it is never decompressed whole */
    memset(text, 0, 10 * MB);
    write_gz(p, "wb", text, 10 * MB);
    r = read_path(p, MB);
    CHECK_INT(r.rc, NC_EBINARY);
    CHECK_STR(r.msg, "binary file (NUL bytes)");
    r = read_path(p, 0);
    CHECK_INT(r.rc, NC_EBINARY);
    /* below a KiB the limit is passed first */
    r = read_path(p, 100);
    CHECK_INT(r.rc, NC_ETOOBIG);
    free(text);
    free(p);
}

static void test_read_stdin(const char *tmp)
{
    char *p = path_of(tmp, "stdin.txt");
    write_gz(p, "wb", "from stdin", 10);
    if (!freopen(p, "rb", stdin)) {
        CHECK(0);
        free(p);
        return;
    }
    read_result r = read_path("-", 0);
    CHECK_INT(r.rc, 0);
    CHECK_STR(r.out, "from stdin");
    free(r.out);
    free(p);
}

static void test_decode_plain(void)
{
    read_result r = decode("plain", 5, 0);
    CHECK_INT(r.rc, 0);
    CHECK_STR(r.out, "plain");
    CHECK_INT(r.len, 5);
    free(r.out);
    r = decode("plain", 5, 4);
    CHECK_INT(r.rc, NC_ETOOBIG);
    CHECK(r.out == NULL);
    r = decode(NULL, 0, 0);
    CHECK_INT(r.rc, 0);
    CHECK_STR(r.out, "");
    free(r.out);
    r = decode("\x1f", 1, 0); /* half a magic number is plain text */
    CHECK_INT(r.rc, 0);
    free(r.out);
}

/* ---- jsonl ---- */

static nc_jsonl_doc parse(const char *line, size_t lineno, const char *tf, const char *idf)
{
    nc_jsonl_doc d;
    CHECK_INT(nc_jsonl_parse(line, strlen(line), lineno, tf, idf, &d), 0);
    return d;
}

static void test_jsonl(void)
{
    nc_jsonl_doc d = parse("{\"id\":\"a1\",\"url\":\"https://x.test/a\",\"title\":\"T\","
                           "\"text\":\"Five people were killed.\"}",
                           1, "text", "id");
    CHECK(d.error == NULL);
    CHECK_STR(d.text, "Five people were killed.");
    CHECK_INT(d.len, 24);
    CHECK_STR(d.id, "a1");
    CHECK_STR(d.url, "https://x.test/a");
    CHECK_STR(d.title, "T");
    nc_jsonl_doc_clear(&d);
    CHECK(d.text == NULL && d.id == NULL && d.error == NULL);

    static const struct { const char *json, *id; } ids[] = {
        {"{\"id\":42,\"text\":\"x\"}", "42"},     {"{\"id\":-7,\"text\":\"x\"}", "-7"},
        {"{\"id\":1e3,\"text\":\"x\"}", "1000"},  {"{\"id\":4.5,\"text\":\"x\"}", "4.5"},
        {"{\"id\":0.1,\"text\":\"x\"}", "0.1"},   {"{\"id\":true,\"text\":\"x\"}", NULL},
        {"{\"id\":null,\"text\":\"x\"}", NULL},   {"{\"text\":\"x\"}", NULL},
        {"{\"id\":123456789012,\"text\":\"x\"}", "123456789012"}};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        d = parse(ids[i].json, 1, "text", "id");
        CHECK_STR(d.id, ids[i].id);
        CHECK_STR(d.text, "x");
        nc_jsonl_doc_clear(&d);
    }

    d = parse("{\"id\":7,\"body\":\"x\"}", 3, "text", "id");
    CHECK_STR(d.error, "line 3: no string field \"text\"");
    CHECK(d.text == NULL);
    CHECK_STR(d.id, "7"); /* kept for the error record */
    nc_jsonl_doc_clear(&d);
    d = parse("{\"text\":5}", 4, "text", "id");
    CHECK_STR(d.error, "line 4: no string field \"text\"");
    nc_jsonl_doc_clear(&d);

    static const char *const malformed[] = {"{\"text\":", "{\"text\":\"x\"} trailing", "nope",
                                            "{\"text\":\"x\"}{}", "{'text':'x'}"};
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
        d = parse(malformed[i], 12, "text", "id");
        CHECK_STR(d.error, "line 12: invalid JSON");
        CHECK(d.text == NULL);
        nc_jsonl_doc_clear(&d);
    }
    /* bytes after len are not looked at */
    CHECK_INT(nc_jsonl_parse("{\"text\":\"ok\"} garbage", 13, 2, "text", "id", &d), 0);
    CHECK_STR(d.text, "ok");
    nc_jsonl_doc_clear(&d);

    d = parse("[1,2]", 3, "text", "id");
    CHECK_STR(d.error, "line 3: not a JSON object");
    nc_jsonl_doc_clear(&d);
    d = parse("\"text\"", 3, "text", "id");
    CHECK_STR(d.error, "line 3: not a JSON object");
    nc_jsonl_doc_clear(&d);

    d = parse("  \t ", 5, "text", "id");
    CHECK_STR(d.error, "line 5: empty line");
    nc_jsonl_doc_clear(&d);
    d = parse("", 6, "text", "id");
    CHECK_STR(d.error, "line 6: empty line");
    nc_jsonl_doc_clear(&d);

    /* custom field names; surrounding spaces and a CR are fine */
    d = parse(" {\"doc_id\":9,\"id\":\"no\",\"body\":\"B\",\"text\":\"no\"}\r", 1,
              "body", "doc_id");
    CHECK(d.error == NULL);
    CHECK_STR(d.text, "B");
    CHECK_STR(d.id, "9");
    nc_jsonl_doc_clear(&d);
    d = parse("{\"text\":\"x\"}", 8, "body", "doc_id");
    CHECK_STR(d.error, "line 8: no string field \"body\"");
    nc_jsonl_doc_clear(&d);
    /* NULL field names default to "text" and "id" */
    d = parse("{\"id\":\"i\",\"text\":\"t\"}", 1, NULL, NULL);
    CHECK_STR(d.text, "t");
    CHECK_STR(d.id, "i");
    nc_jsonl_doc_clear(&d);

    /* escapes, UTF-8, and \u0000 (becomes a space) */
    d = parse("{\"text\":\"a\\u0000b \\u00e9\\n\\\"q\\\"\"}", 1, "text", "id");
    CHECK_STR(d.text, "a b \xc3\xa9\n\"q\"");
    CHECK_INT(d.len, 10);
    nc_jsonl_doc_clear(&d);
    d = parse("{\"text\":\"a\\\\u0000b\"}", 1, "text", "id"); /* escaped backslash */
    CHECK_STR(d.text, "a\\u0000b");
    nc_jsonl_doc_clear(&d);
    /* a lone surrogate (what Python writes for an undecodable byte) is one
     * U+FFFD; a pair is its character; a broken pair is two U+FFFD */
    d = parse("{\"text\":\"caf\\udce9 ok\"}", 1, "text", "id");
    CHECK(d.error == NULL);
    CHECK_STR(d.text, "caf\xef\xbf\xbd ok");
    nc_jsonl_doc_clear(&d);
    d = parse("{\"text\":\"\\uD83D\\uDE00|\\ud83d|\\ud83d\\u0041|\\udc00\\ud800\"}", 1, "text", "id");
    CHECK_STR(d.text, "\xf0\x9f\x98\x80|\xef\xbf\xbd|\xef\xbf\xbd" "A|\xef\xbf\xbd\xef\xbf\xbd");
    nc_jsonl_doc_clear(&d);
    d = parse("{\"text\":\"\\\\udc80\"}", 1, "text", "id"); /* escaped backslash: text */
    CHECK_STR(d.text, "\\udc80");
    nc_jsonl_doc_clear(&d);
    d = parse("{\"text\":\"bad \\udcZZ\"}", 2, "text", "id");
    CHECK_STR(d.error, "line 2: invalid JSON");
    nc_jsonl_doc_clear(&d);

    /* a raw NUL byte fails its line only, wherever it is */
    CHECK_INT(nc_jsonl_parse("{\"text\":\"a\0b\"}", 14, 9, "text", "id", &d), 0);
    CHECK_STR(d.error, "line 9: NUL byte at byte 11 (not allowed in JSON)");
    CHECK(d.text == NULL);
    nc_jsonl_doc_clear(&d);
    CHECK_INT(nc_jsonl_parse("\0", 1, 4, "text", "id", &d), 0);
    CHECK_STR(d.error, "line 4: NUL byte at byte 1 (not allowed in JSON)");
    nc_jsonl_doc_clear(&d);
}

/* ---- lines ---- */

/* Reads every line of ls into "text|text|..." (errors as "!N:len"). */
static char *all_lines(nc_lines *ls, int *last_rc)
{
    static char out[4096];
    size_t o = 0;
    nc_line line;
    int rc;
    out[0] = '\0';
    size_t expect = 1;
    while ((rc = nc_lines_next(ls, &line)) > 0) {
        CHECK_INT(line.lineno, expect);
        expect++;
        if (o)
            out[o++] = '|';
        if (line.error)
            o += (size_t)snprintf(out + o, sizeof out - o, "!%d:%zu%s", line.error, line.len, line.endless ? "e" : "");
        else
            for (size_t i = 0; i < line.len && o + 2 < sizeof out; i++)
                out[o++] = line.s[i] ? line.s[i] : '0';
        out[o] = '\0';
    }
    *last_rc = rc;
    return out;
}

static void test_lines_mem(void)
{
    nc_lines ls;
    int rc;
    nc_lines_mem(&ls, "\xEF\xBB\xBF" "a\r\nb\n\n\r\nc", 12);
    CHECK_STR(all_lines(&ls, &rc), "a|b|||c");
    CHECK_INT(rc, 0);
    nc_line line;
    CHECK_INT(nc_lines_next(&ls, &line), 0); /* stays at the end */
    nc_lines_close(&ls);

    nc_lines_mem(&ls, "one\n", 4); /* a final newline makes no empty line */
    CHECK_STR(all_lines(&ls, &rc), "one");
    nc_lines_mem(&ls, "", 0);
    CHECK_STR(all_lines(&ls, &rc), "");
    nc_lines_mem(&ls, NULL, 0);
    CHECK_STR(all_lines(&ls, &rc), "");
    nc_lines_mem(&ls, "\n", 1);
    CHECK_STR(all_lines(&ls, &rc), "");
    CHECK_INT(ls.lineno, 1);
    /* NUL bytes are part of a line; a BOM later on is kept */
    nc_lines_mem(&ls, "x\0y\n\0\n\xEF\xBB\xBFz", 10);
    CHECK_STR(all_lines(&ls, &rc), "x0y|0|\xEF\xBB\xBFz");
    /* another delimiter: no CR dropped */
    nc_lines_mem(&ls, "p/a\r\0p/b\0", 9);
    nc_lines_set_delim(&ls, '\0');
    CHECK_STR(all_lines(&ls, &rc), "p/a\r|p/b");
    nc_lines_close(&ls);
}

static void test_lines_stream(const char *tmp)
{
    char *p = path_of(tmp, "lines.jsonl");
    size_t long_len = 3 * MB / 2;
    FILE *f = fopen(p, "wb");
    for (size_t i = 0; i < long_len; i++)
        fputc('x', f);
    fwrite("\ncrlf\r\n\nlf\n\r\nnul\0byte\nlast", 1, 26, f);
    fclose(f);

    nc_lines ls;
    nc_line line;
    char msg[256];
    CHECK_INT(nc_lines_open(&ls, p, 0, msg, sizeof msg), 0);
    CHECK_INT(nc_lines_next(&ls, &line), 1);
    CHECK_INT(line.len, long_len);
    CHECK(line.s[0] == 'x' && line.s[long_len - 1] == 'x' && line.s[long_len] == '\0');
    CHECK_INT(nc_lines_next(&ls, &line), 1);
    CHECK_STR(line.s, "crlf");
    CHECK_INT(line.lineno, 2);
    CHECK_INT(nc_lines_next(&ls, &line), 1);
    CHECK_INT(line.len, 0);
    CHECK_INT(nc_lines_next(&ls, &line), 1);
    CHECK_STR(line.s, "lf");
    CHECK_INT(nc_lines_next(&ls, &line), 1); /* a bare CRLF line */
    CHECK_INT(line.len, 0);
    CHECK_INT(nc_lines_next(&ls, &line), 1);
    CHECK_INT(line.len, 8);
    CHECK(memcmp(line.s, "nul\0byte", 9) == 0);
    CHECK_INT(nc_lines_next(&ls, &line), 1);
    CHECK_STR(line.s, "last");
    CHECK_INT(line.lineno, 7);
    CHECK_INT(nc_lines_next(&ls, &line), 0);
    CHECK_INT(nc_lines_next(&ls, &line), 0);
    nc_lines_close(&ls);

    /* the same lines capped at 1000 bytes: the long one is reported, not kept */
    int rc;
    CHECK_INT(nc_lines_open(&ls, p, 1000, msg, sizeof msg), 0);
    CHECK_STR(all_lines(&ls, &rc), "!-8:1572864|crlf||lf||nul0byte|last");
    CHECK_INT(rc, 0);
    CHECK(ls.cap <= 1000 + 64 * 1024 + 2); /* memory stays at the cap */
    nc_lines_close(&ls);

    /* exactly at the limit, with and without a CR; one past it */
    write_bytes(p, "12345\r\n12345\n123456\nok", 22);
    CHECK_INT(nc_lines_open(&ls, p, 5, msg, sizeof msg), 0);
    CHECK_STR(all_lines(&ls, &rc), "12345|12345|!-8:6|ok");
    nc_lines_close(&ls);

    free(p);
    p = path_of(tmp, "none");
    CHECK_INT(nc_lines_open(&ls, p, 0, msg, sizeof msg), NC_ENOTFOUND);
    CHECK_STR(msg, "No such file or directory");
    nc_lines_close(&ls);
    free(p);
}

static void test_lines_gzip(const char *tmp)
{
    char *p = path_of(tmp, "lines.gz");
    /* a 3 MB line between two short ones, compressed to a few KiB */
    char *big = malloc(3 * MB + 16);
    memset(big, 'y', 3 * MB);
    memcpy(big + 3 * MB, "\nafter\n", 8);
    write_gz(p, "wb", "first\n", 6);
    write_gz(p, "ab", big, 3 * MB + 7); /* a second member */
    nc_lines ls;
    char msg[256];
    int rc;
    CHECK_INT(nc_lines_open(&ls, p, MB, msg, sizeof msg), 0);
    CHECK_STR(all_lines(&ls, &rc), "first|!-8:3145728|after");
    CHECK_INT(rc, 0);
    nc_lines_close(&ls);

    /* truncated: the lines that came through, then the error and where */
    size_t n;
    char *gz = slurp(p, &n);
    CHECK_INT(nc_lines_open_bytes(&ls, gz, n - 4, MB), 0);
    nc_line line;
    CHECK_INT(nc_lines_next(&ls, &line), 1);
    CHECK_STR(line.s, "first");
    CHECK_INT(nc_lines_next(&ls, &line), 1);
    CHECK_INT(line.error, NC_ETOOBIG);
    CHECK_INT(nc_lines_next(&ls, &line), 1);
    CHECK_STR(line.s, "after");
    CHECK_INT(nc_lines_next(&ls, &line), NC_EGZIP);
    CHECK_INT(line.lineno, 4);
    CHECK_STR(nc_lines_error(&ls), "gzip data is truncated");
    CHECK_INT(nc_lines_next(&ls, &line), 0);
    nc_lines_close(&ls);
    free(gz);
    free(big);
    free(p);
}

/* A line that never ends is given up after NC_LINES_ENDLESS bytes. */
static void test_lines_endless(void)
{
    nc_lines ls;
    nc_line line;
    char msg[256];
    if (nc_lines_open(&ls, "/dev/zero", 1000, msg, sizeof msg) != 0)
        return; /* no /dev/zero here */
    CHECK_INT(nc_lines_next(&ls, &line), 1);
    CHECK_INT(line.lineno, 1);
    CHECK_INT(line.error, NC_ETOOBIG);
    CHECK_INT(line.endless, 1);
    CHECK(line.len > NC_LINES_ENDLESS);
    CHECK_INT(nc_lines_next(&ls, &line), 0);
    nc_lines_close(&ls);
}

int main(void)
{
    char tmp[] = "/tmp/nc_test_input_XXXXXX";
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 2;
    }
    test_walk_tree(tmp);
    test_walk_args(tmp);
    test_walk_mutual_loop(tmp);
    test_walk_doubling_links(tmp);
    test_walk_special_files(tmp);
    test_walk_depth_limit(tmp);
    test_walk_unreadable(tmp);
    test_read_plain(tmp);
    test_read_errors(tmp);
    test_read_gzip(tmp);
    test_read_bomb(tmp);
    test_read_stdin(tmp);
    test_decode_plain();
    test_jsonl();
    test_lines_mem();
    test_lines_stream(tmp);
    test_lines_gzip(tmp);
    test_lines_endless();
    rm_tree(tmp);
    return CHECK_DONE("input");
}
