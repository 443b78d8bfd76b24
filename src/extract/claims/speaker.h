/* Speakers (speaker.c): the noun phrase that says something, read
 * outwards from a cue, and references resolved to named speakers. Uses
 * state.h only. */
#ifndef NC_EXTRACT_CLAIMS_SPEAKER_H
#define NC_EXTRACT_CLAIMS_SPEAKER_H
#include "extract/claims/state.h"

/* The speaker written before token end (a cue), not before token lo:
 * "the ministry", "Officials from the U.S., South Korea, and Ukraine",
 * "Smith, a spokesman," (appositive kept), "lawmakers who ...". Skips
 * auxiliaries and adverbs next to the cue. Empty when none. */
cl_range cl_speaker_before(const cl_state *st, size_t end, size_t lo);
/* The noun phrase a relative pronoun after token end refers to: "Trump"
 * in "Cruz endorsed Trump, who said" (an object may be one). */
cl_range cl_antecedent(const cl_state *st, size_t end, size_t lo);
/* The speaker written from token start on, before token hi: "according to
 * X", ", said X". Ends at a comma, colon, quote or sentence end. */
cl_range cl_speaker_after(const cl_state *st, size_t start, size_t hi);
/* The subject at the start of sentence s when it is a name or a pronoun
 * ("Trump attacked ..., saying"); empty otherwise. */
cl_range cl_subject(const cl_state *st, size_t s);
/* 1 if the range reads as a speaker: has a word that is not a determiner,
 * preposition or time word. */
int cl_speaker_ok(const cl_state *st, cl_range r);
/* Resolves pronouns and short references of st->out's claims (in text
 * order) to the most recent compatible named speaker. */
void cl_resolve(cl_state *st);

#endif
