/* Actors a figure takes from its context when no words of its own say
 * who its people are (nc_actors_link links those that do). */
#ifndef NC_LINK_FIGURE_ACTOR_H
#define NC_LINK_FIGURE_ACTOR_H
#include "extract/actors/actor.h"

/* After nc_actors_link: a figure with no actor, or only a bare role word
 * ("soldiers"), takes the actor of the nearest figure before it in the same
 * paragraph that has one ("The casualties include at least 600 confirmed
 * deaths" after "4,700 North Korean soldiers were killed or injured"); a
 * list item ("Injured soldiers: About 4,100") with none before it takes the
 * article's subject, the group it names most. Such figures get actor_from
 * NC_FROM_CONTEXT; those linked by their own words NC_FROM_TEXT. */
void nc_actors_inherit(const nc_actors *a, const nc_gazetteer *g, const nc_document *doc, nc_figures *f);

#endif
