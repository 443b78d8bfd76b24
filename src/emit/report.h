/* The HTML report: one self-contained page (inline CSS and a little
 * JavaScript, nothing loaded from anywhere: a Content-Security-Policy
 * forbids it) showing each document's text with its casualty figures,
 * actors, speakers and claim contents highlighted by kind, a legend, a
 * per-document summary table, and every item's fields on hover (a
 * tooltip) or click (a panel). Every string from a document is escaped. */
#ifndef NC_EMIT_REPORT_H
#define NC_EMIT_REPORT_H
#include "core/record.h"
#include "newsclaims.h"
#include "util/buf.h"

/* The page up to the first document. 0 or NC_ENOMEM. */
int nc_report_head(nc_buf *out);
/* One document's section; n is its number in the run (0, 1, ...), which
 * keeps element ids apart. deadline 1: rec's deadline (doc.deadline_ns)
 * is checked before each highlighted item, and past it the section stops
 * with NC_ELIMIT (the caller drops what was appended). 0, NC_ENOMEM or
 * NC_ELIMIT. */
int nc_report_document(nc_buf *out, const nc_record *rec, size_t n, int deadline);
/* The end of the page. 0 or NC_ENOMEM. */
int nc_report_tail(nc_buf *out);

#endif
