/* Expanding command-line paths into the list of documents to read.
 *
 * Directories are walked depth-first with an explicit stack of frames
 * (heap, not the C stack), so deep trees cannot overflow the process stack.
 * Each frame holds the sorted entry names of one directory, read in full
 * and closed at once so that deep walks do not hold many descriptors open.
 *
 * Every directory entered is remembered by device and inode, and none is
 * entered twice: a symlink loop ends at once, and a chain of folders whose
 * entries link twice to the next folder yields each file once (not 2^depth
 * times). A folder reached by several names is read under the first name
 * the sorted walk reaches it by. Only regular files (or symlinks to them)
 * are yielded from folders, never a FIFO or a device. */
#include "input/input.h"
#include "newsclaims.h"
#include "util/buf.h"

#include <dirent.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* Deeper nesting is almost certainly a generated or hostile tree; a limit
 * keeps paths and the frame stack bounded. */
#define WALK_MAX_DEPTH 256
#define STR_(x) #x
#define STR(x) STR_(x)

static const char *const article_exts[] = {"txt", "text", "html", "htm", "xhtml", "shtml", "warc", "wet"};

typedef struct walk_frame {
    char *dir;         /* path of this directory, as it will prefix entries */
    nc_strlist names;  /* its entries, sorted */
    size_t next;       /* index of the next entry to visit */
} walk_frame;

/* The directories entered so far: an open-addressing set of (dev, ino). */
typedef struct dir_id {
    dev_t dev;
    ino_t ino;
    int used;
} dir_id;

typedef struct visited {
    dir_id *slots;
    size_t n, cap; /* cap: a power of two */
} visited;

typedef struct walk_stack {
    walk_frame *frames;
    size_t n, cap;
} walk_stack;

typedef void (*walk_error_fn)(const char *path, const char *msg, void *user);

static int pathlist_push(nc_pathlist *l, const char *path)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        char **p = realloc(l->paths, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        l->paths = p;
        l->cap = cap;
    }
    char *copy = strdup(path);
    if (!copy)
        return NC_ENOMEM;
    l->paths[l->n++] = copy;
    return 0;
}

/* True for names like "a.html", "A.TXT", "notes", "a.htm.gz", "notes.gz". */
static int is_article_name(const char *name)
{
    size_t len = strlen(name);
    if (len > 3 && strcasecmp(name + len - 3, ".gz") == 0)
        len -= 3;
    const char *dot = memrchr(name, '.', len);
    if (!dot)
        return len > 0;
    const char *ext = dot + 1;
    size_t ext_len = len - (size_t)(ext - name);
    for (size_t i = 0; i < sizeof article_exts / sizeof article_exts[0]; i++) {
        if (strlen(article_exts[i]) == ext_len && strncasecmp(ext, article_exts[i], ext_len) == 0)
            return 1;
    }
    return 0;
}

/* dir + '/' + name, without doubling a slash the caller already wrote. */
static char *join_path(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    int slash = dl > 0 && dir[dl - 1] == '/';
    char *p = malloc(dl + !slash + nl + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, dl);
    if (!slash)
        p[dl++] = '/';
    memcpy(p + dl, name, nl + 1);
    return p;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void report(walk_error_fn on_error, void *user, const char *path, const char *msg)
{
    if (on_error)
        on_error(path, msg, user);
}

/* Reads all entry names of dir (except "." and "..") sorted into *names.
 * An unreadable directory is reported and yields no names. 0 or NC_ENOMEM. */
static int read_names(const char *dir, nc_strlist *names, walk_error_fn on_error, void *user)
{
    DIR *d = opendir(dir);
    if (!d) {
        char msg[300];
        snprintf(msg, sizeof msg, "cannot read folder: %s", strerror(errno));
        report(on_error, user, dir, msg);
        return 0;
    }
    int rc = 0;
    struct dirent *e;
    for (;;) {
        errno = 0;
        e = readdir(d);
        if (!e)
            break;
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        rc = nc_strlist_add(names, e->d_name);
        if (rc)
            break;
    }
    if (!rc && errno) {
        char msg[300];
        snprintf(msg, sizeof msg, "cannot read all of the folder: %s", strerror(errno));
        report(on_error, user, dir, msg);
    }
    closedir(d);
    if (names->n > 1)
        qsort(names->items, names->n, sizeof *names->items, cmp_names);
    return rc;
}

static size_t dir_hash(dev_t dev, ino_t ino)
{
    uint64_t h = ((uint64_t)dev * 0x9E3779B97F4A7C15u) ^ ((uint64_t)ino * 0xC2B2AE3D27D4EB4Fu);
    return (size_t)(h ^ (h >> 29));
}

static void visited_put(dir_id *slots, size_t cap, dev_t dev, ino_t ino)
{
    size_t i = dir_hash(dev, ino) & (cap - 1);
    while (slots[i].used)
        i = (i + 1) & (cap - 1);
    slots[i] = (dir_id){dev, ino, 1};
}

/* Adds the directory: 1 when it is new, 0 when it was entered before,
 * NC_ENOMEM. */
static int visited_add(visited *v, const struct stat *st)
{
    if (v->cap) {
        for (size_t i = dir_hash(st->st_dev, st->st_ino) & (v->cap - 1); v->slots[i].used; i = (i + 1) & (v->cap - 1))
            if (v->slots[i].dev == st->st_dev && v->slots[i].ino == st->st_ino)
                return 0;
    }
    if (2 * (v->n + 1) > v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 64;
        dir_id *slots = calloc(cap, sizeof *slots);
        if (!slots)
            return NC_ENOMEM;
        for (size_t i = 0; i < v->cap; i++)
            if (v->slots[i].used)
                visited_put(slots, cap, v->slots[i].dev, v->slots[i].ino);
        free(v->slots);
        v->slots = slots;
        v->cap = cap;
    }
    visited_put(v->slots, v->cap, st->st_dev, st->st_ino);
    v->n++;
    return 1;
}

static void frame_free(walk_frame *f)
{
    free(f->dir);
    nc_strlist_free(&f->names);
}

/* Pushes a frame for directory `dir` (taking ownership of it). Nesting
 * beyond the limit is reported and the directory is not entered. */
static int stack_push(walk_stack *s, char *dir, walk_error_fn on_error, void *user)
{
    int rc = 0;
    if (s->n >= WALK_MAX_DEPTH) {
        report(on_error, user, dir, "folders nested too deeply (more than " STR(WALK_MAX_DEPTH) " levels): not entered");
        goto fail;
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        walk_frame *p = realloc(s->frames, cap * sizeof *p);
        if (!p) {
            rc = NC_ENOMEM;
            goto fail;
        }
        s->frames = p;
        s->cap = cap;
    }
    walk_frame f = {.dir = dir};
    rc = read_names(dir, &f.names, on_error, user);
    if (rc) {
        nc_strlist_free(&f.names);
        goto fail;
    }
    s->frames[s->n++] = f;
    return 0;
fail:
    free(dir);
    return rc;
}

/* An iterator over the documents under one command-line path, so that a
 * folder of millions of files is walked without listing it all first:
 * memory holds only the directories on the current path. */
struct nc_walk {
    walk_stack s;
    visited seen;
    char *single; /* a path that is not a directory: yielded once */
    int from_folder; /* the last path yielded came out of a folder */
    size_t skipped;
    walk_error_fn on_error;
    void *user;
};

/* Handles one entry of the top frame: descend, yield (*out), or count as
 * skipped. Takes ownership of path. */
static int visit_entry(nc_walk *w, const char *name, char *path, char **out)
{
    struct stat st;
    /* stat (not lstat) so that symlinks to files and directories are
     * followed. */
    int found = stat(path, &st) == 0;
    if (found && S_ISDIR(st.st_mode)) {
        int fresh = visited_add(&w->seen, &st);
        if (fresh <= 0) {
            free(path); /* entered before (a loop, or a second link to it) */
            return fresh;
        }
        return stack_push(&w->s, path, w->on_error, w->user);
    }
    /* An article-named entry that cannot be stat'ed (dangling link, no
     * search permission) is still yielded: reading it reports why. */
    if (is_article_name(name) && (!found || S_ISREG(st.st_mode))) {
        *out = path;
        return 0;
    }
    w->skipped++;
    free(path);
    return 0;
}

int nc_walk_new(nc_walk **out, const char *path,
                void (*on_error)(const char *path, const char *msg, void *user), void *user)
{
    *out = NULL;
    nc_walk *w = calloc(1, sizeof *w);
    if (!w)
        return NC_ENOMEM;
    w->on_error = on_error;
    w->user = user;
    struct stat st;
    int rc = 0;
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        char *dir = strdup(path);
        rc = !dir ? NC_ENOMEM : visited_add(&w->seen, &st) < 0 ? NC_ENOMEM : 0;
        rc = rc ? (free(dir), rc) : stack_push(&w->s, dir, on_error, user);
    } else {
        /* "-", files of any name, FIFOs, and paths that cannot be stat'ed:
         * reading them reports any problem in their own record. */
        w->single = strdup(path);
        rc = w->single ? 0 : NC_ENOMEM;
    }
    if (rc) {
        nc_walk_free(w);
        return rc;
    }
    *out = w;
    return 0;
}

int nc_walk_next(nc_walk *w, char **path)
{
    *path = NULL;
    if (w->single) {
        *path = w->single;
        w->single = NULL;
        w->from_folder = 0;
        return 1;
    }
    w->from_folder = 1;
    while (w->s.n > 0) {
        walk_frame *top = &w->s.frames[w->s.n - 1];
        if (top->next == top->names.n) {
            frame_free(top);
            w->s.n--;
            continue;
        }
        const char *name = top->names.items[top->next++];
        if (name[0] == '.') {
            w->skipped++;
            continue;
        }
        char *p = join_path(top->dir, name);
        if (!p)
            return NC_ENOMEM;
        int rc = visit_entry(w, name, p, path);
        if (rc)
            return rc;
        if (*path)
            return 1;
    }
    return 0;
}

size_t nc_walk_skipped(const nc_walk *w) { return w->skipped; }

int nc_walk_from_folder(const nc_walk *w) { return w->from_folder; }

void nc_walk_free(nc_walk *w)
{
    if (!w)
        return;
    while (w->s.n > 0)
        frame_free(&w->s.frames[--w->s.n]);
    free(w->s.frames);
    free(w->seen.slots);
    free(w->single);
    free(w);
}

int nc_pathlist_add(nc_pathlist *l, const char *path,
                    void (*on_error)(const char *path, const char *msg, void *user),
                    void *user)
{
    nc_walk *w;
    int rc = nc_walk_new(&w, path, on_error, user);
    if (rc)
        return rc;
    char *p;
    while ((rc = nc_walk_next(w, &p)) == 1) {
        rc = pathlist_push(l, p);
        free(p);
        if (rc)
            break;
    }
    l->skipped += nc_walk_skipped(w);
    nc_walk_free(w);
    return rc < 0 ? rc : 0;
}

void nc_pathlist_free(nc_pathlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->paths[i]);
    free(l->paths);
    l->paths = NULL;
    l->n = l->cap = l->skipped = 0;
}
