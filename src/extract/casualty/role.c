/* Figure roles (role.h). */
#include "extract/casualty/role.h"
#include "extract/casualty/people.h"

const char *nc_role_name(nc_role r)
{
    switch (r) {
    case NC_ROLE_VICTIM:
        return "victim";
    case NC_ROLE_PERPETRATOR:
        return "perpetrator";
    default:
        return "unknown";
    }
}

void nc_roles_assign(const pcre2_code *class_re, const nc_document *doc, nc_figures *f, const nc_persons *p)
{
    pcre2_match_data *md = class_re ? pcre2_match_data_create_from_pattern(class_re, NULL) : NULL;
    for (size_t i = 0; i < f->n; i++) {
        nc_figure *fig = &f->items[i];
        if (fig->rule->role) {
            fig->role = fig->rule->role;
            continue;
        }
        nc_people m;
        nc_people_read(md ? class_re : NULL, md, doc->text, fig, &m);
        if (m.perpetrator || (fig->person >= 0 && (size_t)fig->person < p->n && p->items[fig->person].perpetrator))
            fig->role = NC_ROLE_PERPETRATOR;
        else if (fig->category == NC_CAT_ARRESTED || fig->category == NC_CAT_DEPLOYED)
            fig->role = NC_ROLE_UNKNOWN;
        else
            fig->role = NC_ROLE_VICTIM;
    }
    pcre2_match_data_free(md);
}
