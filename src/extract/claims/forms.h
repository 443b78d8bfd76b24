/* The forms of a claim: direct speech (direct.c) and reported speech
 * (reported.c), each reading the tokens with state.h and speaker.h. */
#ifndef NC_EXTRACT_CLAIMS_FORMS_H
#define NC_EXTRACT_CLAIMS_FORMS_H
#include "extract/claims/speaker.h"

/* direct.c: quotations with their attribution, continued quotes,
 * transcripts ("SMITH: ...") and headline "X: Y". */
int cl_direct(cl_state *st);
/* reported.c: reported speech, "according to", beliefs, noun cues. */
int cl_reported(cl_state *st);

#endif
