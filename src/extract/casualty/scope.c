/* Figure scopes (scope.h).
 *
 * A SCOPE phrase applies to the figures of its sentence, except one that a
 * new clause separates from the figure (", the city's 300th homicide this
 * year" says nothing about "a man was killed"). A background phrase that
 * opens a sentence ("In a separate shooting, ...", "Separately, ...") holds
 * for the rest of its paragraph too. A superseded figure is one whose
 * clause says it was an early report. */
#include "extract/casualty/scope.h"
#include "newsclaims.h"
#include <stdlib.h>
#include <string.h>

/* How far into a sentence a phrase still "opens" it, in bytes. */
#define OPENING 40

const char *nc_scope_name(nc_scope s)
{
    switch (s) {
    case NC_SCOPE_CUMULATIVE:
        return "cumulative";
    case NC_SCOPE_BACKGROUND:
        return "background";
    default:
        return "event";
    }
}

/* 1 when text[a, b) starts a new clause that is not about the figure:
 * ", the", ", which", ", making", ", bringing", " — ". */
static int clause_break(const char *text, size_t a, size_t b)
{
    static const char *const cuts[] = {", the ", ", which ", ", making ", ", marking ", ", bringing ",
                                       ", a ", " — ", "; ", ", part of ", ", one of ", ", among ", ", but ", " but ",
                                       ", while ", " while ", ", and ", ", though ", " though ",
                                       ", although ", ", was ", ", is ", ", were ", ", are "};
    for (size_t i = a; i < b; i++)
        for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
            size_t n = strlen(cuts[k]);
            if (i + n <= b && memcmp(text + i, cuts[k], n) == 0)
                return 1;
        }
    return 0;
}

typedef struct mark {
    size_t s, e;
    int kind; /* 1 cumulative, 2 background, 3 superseded */
} mark;

int nc_scope_assign(const pcre2_code *scope_re, const nc_document *doc, nc_figures *f)
{
    for (size_t i = 0; i < f->n; i++) {
        f->items[i].scope = NC_SCOPE_EVENT;
        f->items[i].superseded = 0;
    }
    if (!scope_re || !f->n)
        return 0;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(scope_re, NULL);
    if (!md)
        return NC_ENOMEM;
    int g_cum = pcre2_substring_number_from_name(scope_re, (PCRE2_SPTR) "cumulative");
    int g_bg = pcre2_substring_number_from_name(scope_re, (PCRE2_SPTR) "background");
    int g_sup = pcre2_substring_number_from_name(scope_re, (PCRE2_SPTR) "superseded");
    mark marks[16];
    unsigned carry_paragraph = UINT32_MAX; /* a paragraph about another incident */
    for (size_t i = 0; i < f->n;) {
        size_t si = f->items[i].sentence, j = i;
        while (j < f->n && f->items[j].sentence == si)
            j++;
        const nc_sentence *s = &doc->sentences[si];
        size_t nm = 0;
        int opens_background = 0;
        PCRE2_SIZE off = s->start;
        while (off < s->end && nm < sizeof marks / sizeof *marks) {
            int rc = pcre2_match(scope_re, (PCRE2_SPTR)doc->text, s->end, off, PCRE2_NO_UTF_CHECK, md, NULL);
            if (rc < 0)
                break;
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            int kind = rc > g_sup && g_sup > 0 && ov[2 * g_sup] != PCRE2_UNSET ? 3
                       : rc > g_bg && g_bg > 0 && ov[2 * g_bg] != PCRE2_UNSET  ? 2
                       : rc > g_cum && g_cum > 0 && ov[2 * g_cum] != PCRE2_UNSET ? 1 : 0;
            if (kind) {
                marks[nm++] = (mark){ov[0], ov[1], kind};
                if (kind == 2 && ov[0] < s->start + OPENING)
                    opens_background = 1;
            }
            off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
        }
        if (opens_background)
            carry_paragraph = s->paragraph;
        else if (s->paragraph != carry_paragraph)
            carry_paragraph = UINT32_MAX;
        for (size_t k = i; k < j; k++) {
            nc_figure *fig = &f->items[k];
            if (carry_paragraph == s->paragraph)
                fig->scope = NC_SCOPE_BACKGROUND;
            for (size_t q = 0; q < nm; q++) {
                const mark *m = &marks[q];
                size_t a = m->e <= fig->count_start ? m->e : fig->span_end;
                size_t b = m->e <= fig->count_start ? fig->count_start : m->s;
                if (a < b && clause_break(doc->text, a, b))
                    continue;
                if (m->kind == 3)
                    fig->superseded = fig->update != NC_UPDATE_TOLL; /* a raised toll is the revision */
                else if (m->kind == 2 && fig->scope == NC_SCOPE_EVENT)
                    fig->scope = NC_SCOPE_BACKGROUND;
                else if (m->kind == 1)
                    fig->scope = NC_SCOPE_CUMULATIVE;
            }
        }
        i = j;
    }
    pcre2_match_data_free(md);
    return 0;
}
