/* Unit tests for src/rules/factor.c: the cases of tests/unit/factor.txt,
 * each rewritten exactly as written there and matching every subject of
 * the file the same way as the original. Run from the repository root. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "check.h"
#include "input/input.h"
#include "newsclaims.h"
#include "rules/factor.h"
#include "rules/ruleset_int.h"
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SUBJECTS 16

/* Every match of re in subject, as "start-end group ranges;" text. */
static char *matches(const char *pattern, const char *subject)
{
    int err;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, NC_COMPILE_OPTIONS, &err, &off, NULL);
    if (!re)
        return strdup("(does not compile)");
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    size_t len = strlen(subject), cap = 4096, n = 0;
    char *out = malloc(cap);
    out[0] = '\0';
    for (size_t at = 0; at <= len;) {
        int rc = pcre2_match(re, (PCRE2_SPTR)subject, len, at, 0, md, NULL);
        if (rc <= 0)
            break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        for (int g = 0; g < rc && n + 64 < cap; g++)
            n += (size_t)snprintf(out + n, cap - n, "%zd-%zd%s", (ssize_t)ov[2 * g], (ssize_t)ov[2 * g + 1],
                                  g + 1 < rc ? "," : ";");
        at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
    }
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    return out;
}

int main(void)
{
    char *data, msg[256];
    size_t len;
    if (nc_input_read("tests/unit/factor.txt", 0, &data, &len, msg, sizeof msg)) {
        fprintf(stderr, "tests/unit/factor.txt: %s\n", msg);
        return 2;
    }
    const char *subjects[MAX_SUBJECTS];
    size_t n_subjects = 0, cases = 0;
    for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n"))
        if (strncmp(line, "subject: ", 9) == 0 && n_subjects < MAX_SUBJECTS)
            subjects[n_subjects++] = line + 9;
        else if (line[0] != '#') {
            char *arrow = strstr(line, " => ");
            if (!arrow)
                continue;
            *arrow = '\0';
            const char *want = arrow + 4;
            char *got;
            CHECK_INT(nc_re_factor(line, strlen(line), &got), 0);
            if (!got)
                continue;
            cases++;
            CHECK_STR(got, strcmp(want, "same") == 0 ? line : want);
            for (size_t k = 0; k < n_subjects; k++) {
                char *a = matches(line, subjects[k]), *b = matches(got, subjects[k]);
                if (strcmp(a, b) != 0)
                    fprintf(stderr, "factor.txt: %s matches \"%.40s\" as %s, rewritten as %s\n", line, subjects[k], a, b);
                CHECK_STR(b, a);
                free(a);
                free(b);
            }
            free(got);
        }
    CHECK(cases >= 20);
    CHECK(n_subjects == 5);
    free(data);
    return CHECK_DONE("test_factor");
}
