/* Where each casualty figure happened: a place its sentence names. */
#ifndef NC_LINK_FIGURE_PLACE_H
#define NC_LINK_FIGURE_PLACE_H
#include "extract/actors/actor.h"
#include "extract/casualty/casualty.h"

/* Sets each figure's `where`: the first place named in its sentence after
 * the start of the figure ("Five soldiers were killed near Kismayo"), else
 * the last one before it ("In Kismayo, five soldiers were killed"), else
 * -1. A place after the figure in another clause (a comma, semicolon or
 * colon between) is not its place ("Strikes on X killed 12, while ...
 * in Y": X). A dateline is where the report was filed, and no figure's place. */
void nc_places_link(const nc_actors *a, const nc_document *doc, nc_figures *f);

#endif
