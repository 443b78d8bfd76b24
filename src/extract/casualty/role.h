/* Who a figure's people are in the incident: victims, the attackers
 * (perpetrator), or not said (unknown). */
#ifndef NC_EXTRACT_CASUALTY_ROLE_H
#define NC_EXTRACT_CASUALTY_ROLE_H
#include "extract/casualty/victims.h"

/* Sets figure.role where the rule did not: perpetrator when the words
 * naming them are an attacker's ("the gunman", "two suspects") or the
 * person they count was named so elsewhere; unknown for arrests and
 * deployments that name no attacker; victim for everyone else harmed.
 * Call after nc_victims_link. */
void nc_roles_assign(const pcre2_code *class_re, const nc_document *doc, nc_figures *f, const nc_persons *p);

#endif
