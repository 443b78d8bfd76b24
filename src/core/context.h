/* The context's insides, shared by the library's modules. */
#ifndef NC_CORE_CONTEXT_H
#define NC_CORE_CONTEXT_H
#include "extract/actors/gazetteer.h"
#include "text/langid.h"
#include "text/segment.h"
#include "extract/claims/cue.h"
#include "rules/numbers.h"
#include "rules/ruleset.h"
#include "text/lexicon.h"

struct nc_context {
    nc_lexicon *lexicon;       /* every data word, for the tokenizer's one probe per word */
    nc_numbers *numbers;
    nc_abbrevs *abbrevs;
    nc_ruleset *rules;
    nc_cues *cues;             /* claim cues and word classes (cues.txt) */
    nc_gazetteer *gazetteer;   /* actors: countries, organisations, people, role words */
    nc_langid *langid;         /* language profiles (languages.txt) */
};

#endif
