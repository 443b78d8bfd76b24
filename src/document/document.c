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

int nc_document_expired(const nc_document *doc)
{
    return doc->deadline_ns && nc_clock_ns() > doc->deadline_ns;
}

int nc_document_add_sentence(nc_document *doc, size_t start, size_t end,
                             unsigned paragraph, int is_title)
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
