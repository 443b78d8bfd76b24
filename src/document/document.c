#include "document/document.h"
#include "newsclaims.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t nc_clock_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t nc_thread_cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec + 1;
}

int nc_document_expired(const nc_document *doc)
{
    return doc->deadline_ns && nc_clock_ns() > doc->deadline_ns;
}

static int push_sentence(nc_document *doc, size_t start, size_t end, unsigned paragraph, int is_title)
{
    if (doc->n_sentences == doc->cap_sentences) {
        size_t cap = doc->cap_sentences ? doc->cap_sentences * 2 : 16;
        nc_sentence *p = realloc(doc->sentences, cap * sizeof *p);
        if (!p)
            return NC_ENOMEM;
        doc->sentences = p;
        doc->cap_sentences = cap;
    }
    doc->sentences[doc->n_sentences++] =
        (nc_sentence){.start = start, .end = end, .paragraph = paragraph, .is_title = is_title};
    return 0;
}

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

/* 1 if t[i] starts a conjunction that opens a clause ("and", "but", "or",
 * "while") and a blank follows it before end. */
static int at_conjunction(const char *t, size_t i, size_t end)
{
    static const char *const words[] = {"and", "but", "or", "while"};
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        size_t n = strlen(words[w]);
        if (i + n < end && strncmp(t + i, words[w], n) == 0 && is_blank(t[i + n]))
            return 1;
    }
    return 0;
}

/* Where the first piece of an over-long sentence ends, in its second
 * half: after the last "; ", else after the last ", ", else before the
 * last "and"/"but"/"or"/"while" (a clause, so that "five people were
 * killed" is not cut in two), else before the last space; else at a
 * character boundary. */
static size_t piece_end(const char *t, size_t start)
{
    size_t max = start + NC_SENTENCE_MAX, half = start + NC_SENTENCE_MAX / 2;
    for (int pass = 0; pass < 4; pass++)
        for (size_t i = max; i > half; i--) {
            if (pass < 2 && t[i - 1] == ";,"[pass] && is_blank(t[i]))
                return i; /* after the mark */
            if (pass == 2 && is_blank(t[i - 1]) && at_conjunction(t, i, max))
                return i - 1; /* before the space before it */
            if (pass == 3 && is_blank(t[i - 1]))
                return i - 1; /* before the space */
        }
    size_t i = max;
    while (i > half && ((unsigned char)t[i] & 0xC0) == 0x80)
        i--;
    return i;
}

int nc_document_add_sentence(nc_document *doc, size_t start, size_t end,
                             unsigned paragraph, int is_title)
{
    /* cut a run-on "sentence" (a list without full stops, generated text)
     * into pieces, so that what is done per sentence, and each figure's
     * copy of its sentence in the output, stays bounded */
    while (doc->text && end - start > NC_SENTENCE_MAX) {
        size_t cut = piece_end(doc->text, start), next = cut;
        while (cut > start && is_blank(doc->text[cut - 1]))
            cut--;
        while (next < end && is_blank(doc->text[next]))
            next++;
        int rc = push_sentence(doc, start, cut, paragraph, is_title);
        if (rc)
            return rc;
        start = next;
    }
    return push_sentence(doc, start, end, paragraph, is_title);
}

void nc_meta_clear(nc_meta *m)
{
    free(m->title);
    free(m->byline);
    free(m->published);
    free(m->site);
    free(m->url);
    free(m->lang);
    memset(m, 0, sizeof *m);
}

void nc_document_clear(nc_document *doc)
{
    free(doc->text);
    free(doc->sentences);
    nc_meta_clear(&doc->meta);
    nc_strlist_free(&doc->errors);
    nc_tokens_free(&doc->tokens);
    memset(doc, 0, sizeof *doc);
}
