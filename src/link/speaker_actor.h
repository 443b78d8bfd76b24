/* Links each claim's speaker to the actor it names (claims[].speaker_actor). */
#ifndef NC_LINK_SPEAKER_ACTOR_H
#define NC_LINK_SPEAKER_ACTOR_H
#include "extract/actors/actor.h"
#include "extract/claims/claim.h"

/* Sets claims->items[k].speaker_actor to the id of the actor with the most
 * mention bytes inside the speaker's span ("South Korea's National
 * Intelligence Service (NIS)" -> kor-nis) when it holds at least two thirds
 * of the actor bytes there; NULL when no one actor is named there. The ids are borrowed from actors, which must outlive claims.
 * O((claims + mentions) log mentions). 0 or NC_ENOMEM. */
int nc_claims_link_speakers(nc_claims *claims, const nc_actors *actors);

#endif
