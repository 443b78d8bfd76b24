/* Minimal unit-test harness: CHECK(cond), CHECK_STR(a, b), CHECK_INT(a, b);
 * CHECK_DONE() prints "NAME: N passed, N failed" and returns the exit code. */
#ifndef NC_TEST_CHECK_H
#define NC_TEST_CHECK_H
#include <stdio.h>
#include <string.h>

static int nc_t_pass, nc_t_fail;
#define CHECK(cond) do { if (cond) nc_t_pass++; else { nc_t_fail++; \
    fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define CHECK_INT(a, b) do { long long va_ = (long long)(a), vb_ = (long long)(b); \
    if (va_ == vb_) nc_t_pass++; else { nc_t_fail++; \
    fprintf(stderr, "%s:%d: FAILED: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a, va_, vb_); } } while (0)
#define CHECK_STR(a, b) do { const char *sa_ = (a), *sb_ = (b); \
    if ((!sa_ && !sb_) || (sa_ && sb_ && strcmp(sa_, sb_) == 0)) nc_t_pass++; else { nc_t_fail++; \
    fprintf(stderr, "%s:%d: FAILED: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a, \
            sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)"); } } while (0)
#define CHECK_DONE(name) (printf("%s: %d passed, %d failed\n", (name), nc_t_pass, nc_t_fail), nc_t_fail ? 1 : 0)
#endif
