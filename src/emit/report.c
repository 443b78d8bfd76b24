/* The HTML report (emit/report.h).
 *
 * Highlights nest: every item (a claim's content part, a speaker, a
 * casualty figure, an actor mention) is one element, opened at its start
 * and closed at its end, outer kinds around inner ones. Only an item that
 * crosses the end of another (neither holds the other) is cut in two
 * there; both pieces carry the same data-item, so a click selects all of
 * it. The parts of a split quotation are separate items of one claim. */
#include "emit/report.h"
#include "emit/fields.h"
#include "newsclaims.h"
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* nesting order: outermost first */
enum { K_CLAIM, K_SPEAKER, K_FIGURE, K_ACTOR };
static const char *const kind_class[] = {"claim", "speaker", "figure", "actor"};

typedef struct item {
    size_t s, e;
    int kind;
    size_t ref; /* index of the claim, figure or actor */
} item;

typedef struct out {
    nc_buf *b;
    int rc;
    size_t doc;   /* document number, for ids */
    int deadline; /* 1: stop at the record's deadline (nc_report_document) */
} out;

static void put(out *o, const char *s, size_t n)
{
    if (!o->rc)
        o->rc = nc_buf_append(o->b, s, n);
}

static void lit(out *o, const char *s) { put(o, s, strlen(s)); }

__attribute__((format(printf, 2, 3))) static void fmt(out *o, const char *f, ...)
{
    char buf[128];
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    put(o, buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* Text as HTML character data or a quoted attribute value: the five
 * characters that could end either are written as references. */
static void esc(out *o, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        const char *r;
        switch (s[i]) {
        case '&': r = "&amp;"; break;
        case '<': r = "&lt;"; break;
        case '>': r = "&gt;"; break;
        case '"': r = "&quot;"; break;
        case '\'': r = "&#39;"; break;
        default: continue;
        }
        put(o, s + from, i - from);
        lit(o, r);
        from = i + 1;
    }
    put(o, s + from, n - from);
}

static void esc_str(out *o, const char *s) { esc(o, s, strlen(s)); }

/* A string from outside the document text (path, title, url, error). */
static void esc_ext(out *o, const char *s)
{
    char *tmp;
    const char *clean = nc_clean_string(s, &tmp, &o->rc);
    if (clean)
        esc_str(o, clean);
    free(tmp);
}

/* ---- an item's fields, as lines "name: value" ---- */

static void line_n(nc_buf *b, int *rc, const char *name, const char *v, size_t n)
{
    if (*rc || !v || !n)
        return;
    if ((*rc = nc_buf_append_str(b, name)) || (*rc = nc_buf_append(b, ": ", 2)) || (*rc = nc_buf_append(b, v, n)))
        return;
    *rc = nc_buf_append(b, "\n", 1);
}

static void line(nc_buf *b, int *rc, const char *name, const char *v) { line_n(b, rc, name, v, v ? strlen(v) : 0); }

static void line_span(nc_buf *b, int *rc, const char *name, const nc_document *d, size_t s, size_t e)
{
    if (e > s)
        line_n(b, rc, name, d->text + s, e - s);
}

static void line_num(nc_buf *b, int *rc, const char *name, int has, long long v)
{
    char buf[24];
    if (has) {
        snprintf(buf, sizeof buf, "%lld", v);
        line(b, rc, name, buf);
    }
}

static int figure_info(nc_buf *b, const nc_record *rec, size_t i)
{
    const nc_document *d = &rec->doc;
    const nc_figure *f = &rec->figures.items[i];
    int rc = nc_buf_append_str(b, "casualty figure\n");
    line(b, &rc, "category", nc_category_name(f->category));
    line_span(b, &rc, "count", d, f->count_start, f->count_end);
    line_num(b, &rc, "value", f->count.has_value, f->count.value);
    line_num(b, &rc, "low", f->count.has_low, f->count.low);
    line_num(b, &rc, "high", f->count.has_high, f->count.high);
    line(b, &rc, "qualifier", nc_qualifier_name(f->count.qualifier));
    line(b, &rc, "approximate", f->count.approximate ? "yes" : "no");
    line_span(b, &rc, "who", d, f->who_start, f->who_end);
    if (f->has_actor) {
        line(b, &rc, "actor", f->actor >= 0 ? rec->actors.items[f->actor].id : NULL);
        line(b, &rc, "actor country", f->actor_country);
        line(b, &rc, "actor role", nc_sector_code(f->actor_sector));
    }
    const nc_span *src = nc_figure_source(rec, i);
    if (src)
        line_span(b, &rc, "source", d, src->s, src->e);
    line_span(b, &rc, "when", d, f->when_start, f->when_end);
    line(b, &rc, "rule", f->rule->id);
    return rc;
}

static int claim_info(nc_buf *b, const nc_record *rec, size_t i)
{
    const nc_document *d = &rec->doc;
    const nc_claim *c = &rec->claims.items[i];
    int rc = nc_buf_append_str(b, "claim\n");
    line_span(b, &rc, "speaker", d, c->speaker.s, c->speaker.e);
    if (c->resolved)
        line_span(b, &rc, "resolved from", d, c->ref.s, c->ref.e);
    line(b, &rc, "speaker actor", c->speaker_actor);
    line_span(b, &rc, "cue", d, c->cue.s, c->cue.e);
    line(b, &rc, "stance", nc_stance_name(c->stance));
    line(b, &rc, "form", nc_claim_form_name(c->form));
    line_num(b, &rc, "parts", c->n_content > 1, (long long)c->n_content);
    line(b, &rc, "rule", c->rule);
    return rc;
}

static int actor_info(nc_buf *b, const nc_record *rec, size_t i)
{
    const nc_actor *a = &rec->actors.items[i];
    int rc = nc_buf_append_str(b, "actor\n");
    line(b, &rc, "id", a->id);
    line(b, &rc, "name", a->name);
    line(b, &rc, "type", nc_actor_type_name(a->type));
    line(b, &rc, "country", a->country_code);
    line(b, &rc, "role", nc_sector_code(a->sector));
    line_num(b, &rc, "mentions", 1, (long long)a->n_spans);
    return rc;
}

/* ---- the text with its highlights ---- */

static int item_cmp(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    if (a->s != b->s)
        return a->s < b->s ? -1 : 1;
    if (a->e != b->e)
        return a->e > b->e ? -1 : 1; /* the longer holds the shorter */
    return a->kind - b->kind;
}

static int size_cmp(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return a < b ? -1 : a > b;
}

static void open_item(out *o, const nc_record *rec, const item *it, nc_buf *info)
{
    static const char letter[] = {'c', 'c', 'f', 'a'};
    info->len = 0;
    int rc = it->kind == K_FIGURE ? figure_info(info, rec, it->ref)
             : it->kind == K_ACTOR ? actor_info(info, rec, it->ref)
                                   : claim_info(info, rec, it->ref);
    if (rc) {
        o->rc = rc;
        return;
    }
    lit(o, "<span class=\"hl ");
    lit(o, kind_class[it->kind]);
    fmt(o, "\" data-item=\"d%zu-%c%zu\" title=\"", o->doc, letter[it->kind], it->ref);
    esc(o, info->data, info->len ? info->len - 1 : 0); /* without the last newline */
    lit(o, "\">");
}

static int collect(const nc_record *rec, item **out_items, size_t *n_out)
{
    size_t n = rec->figures.n + rec->claims.n * (NC_CLAIM_MAX_PARTS + 1), k = 0;
    for (size_t i = 0; i < rec->actors.n; i++)
        n += rec->actors.items[i].n_spans;
    item *it = malloc((n ? n : 1) * sizeof *it);
    if (!it)
        return NC_ENOMEM;
    for (size_t i = 0; i < rec->claims.n; i++) {
        const nc_claim *c = &rec->claims.items[i];
        for (size_t p = 0; p < c->n_content; p++)
            it[k++] = (item){c->content[p].s, c->content[p].e, K_CLAIM, i};
        /* a resolved speaker was written earlier: here stands the reference */
        nc_span sp = c->resolved ? c->ref : c->speaker;
        if (sp.e > sp.s)
            it[k++] = (item){sp.s, sp.e, K_SPEAKER, i};
    }
    for (size_t i = 0; i < rec->figures.n; i++)
        it[k++] = (item){rec->figures.items[i].span_start, rec->figures.items[i].span_end, K_FIGURE, i};
    for (size_t i = 0; i < rec->actors.n; i++) {
        const nc_actor *a = &rec->actors.items[i];
        for (size_t m = 0; m < a->n_spans; m++)
            it[k++] = (item){a->spans[2 * m], a->spans[2 * m + 1], K_ACTOR, i};
    }
    size_t kept = 0; /* empty or out-of-range spans draw nothing */
    for (size_t i = 0; i < k; i++)
        if (it[i].e > it[i].s && it[i].e <= rec->doc.len)
            it[kept++] = it[i];
    qsort(it, kept, sizeof *it, item_cmp);
    *out_items = it;
    *n_out = kept;
    return 0;
}

static void text_with_highlights(out *o, const nc_record *rec)
{
    const nc_document *d = &rec->doc;
    item *it = NULL;
    size_t n = 0;
    if ((o->rc = o->rc ? o->rc : collect(rec, &it, &n)))
        return;
    size_t *bounds = malloc((2 * n + 1) * sizeof *bounds), *stack = malloc((n + 1) * sizeof *stack);
    size_t *reopen = malloc((n + 1) * sizeof *reopen);
    nc_buf info = {0};
    if (!bounds || !stack || !reopen) {
        o->rc = NC_ENOMEM;
        goto done;
    }
    size_t nb = 0, depth = 0, next = 0, pos = 0;
    for (size_t i = 0; i < n; i++) {
        bounds[nb++] = it[i].s;
        bounds[nb++] = it[i].e;
    }
    qsort(bounds, nb, sizeof *bounds, size_cmp);
    for (size_t bi = 0; bi < nb && !o->rc; bi++) {
        if (o->deadline && nc_document_expired(d)) { /* an item's tooltip can be a long text */
            o->rc = NC_ELIMIT;
            break;
        }
        size_t b = bounds[bi];
        if (bi && b == bounds[bi - 1])
            continue;
        esc(o, d->text + pos, b - pos);
        pos = b;
        /* close what ends here, and whatever was opened inside it */
        size_t low = depth;
        for (size_t k = 0; k < depth; k++)
            if (it[stack[k]].e == b) {
                low = k;
                break;
            }
        size_t nre = 0;
        while (depth > low) {
            size_t top = stack[--depth];
            lit(o, "</span>");
            if (it[top].e != b)
                reopen[nre++] = top;
        }
        while (nre) { /* crossing items go on after the one that ended */
            size_t r = reopen[--nre];
            open_item(o, rec, &it[r], &info);
            stack[depth++] = r;
        }
        while (next < n && it[next].s == b) {
            open_item(o, rec, &it[next], &info);
            stack[depth++] = next++;
        }
    }
    esc(o, d->text + pos, d->len - pos);
    while (depth--)
        lit(o, "</span>");
done:
    nc_buf_free(&info);
    free(bounds);
    free(stack);
    free(reopen);
    free(it);
}

/* ---- the page ---- */

static const char page_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    /* nothing may be fetched: no images, fonts, frames, requests */
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
    "script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta name=\"generator\" content=\"newsclaims " NC_VERSION "\">\n"
    "<title>newsclaims report</title>\n<style>\n"
    "body{font:15px/1.55 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#f4f4f2}\n"
    "header{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #ccc;padding:8px 20px}\n"
    "header h1{font-size:17px;margin:0 16px 0 0;display:inline-block}\n"
    ".legend{display:inline-flex;gap:14px;flex-wrap:wrap;vertical-align:middle}\n"
    ".legend span.hl{padding:1px 6px}\n"
    "nav{max-width:980px;margin:0 auto;padding:8px 20px 0;font-size:13px}nav summary{cursor:pointer;font-weight:600}\n"
    "nav label{display:block;margin:4px 0}nav table{width:100%}\n"
    "main{max-width:980px;margin:0 auto;padding:10px 20px 80px}\n"
    "section.doc{background:#fff;border:1px solid #ddd;border-radius:6px;padding:14px 20px;margin:16px 0}\n"
    "section.doc h2{font-size:19px;margin:0 0 4px}\n"
    ".docmeta{color:#555;font-size:13px;margin:0 0 8px;overflow-wrap:anywhere}\n"
    ".status{font-weight:600;padding:0 6px;border-radius:3px;background:#e8e8e8}\n"
    ".status.ok{background:#dcefdc}.status.error,.status.timeout{background:#f6d4d4}\n"
    "table{border-collapse:collapse;font-size:13px;margin:6px 0 10px}\n"
    "th,td{border:1px solid #ddd;padding:2px 8px;text-align:left;vertical-align:top}\n"
    "th{background:#f0f0f0;font-weight:600}td.n{text-align:right}\n"
    ".text{white-space:pre-wrap;font-size:15px;line-height:1.9;border-top:1px solid #eee;padding-top:8px}\n"
    ".hl{cursor:pointer;border-radius:2px}\n"
    ".hl.claim{background:#fff3b0}\n"
    ".hl.speaker{background:#c9ecd2;border-bottom:2px solid #2e8b57}\n"
    ".hl.figure{background:#f9c6c6;outline:1px solid #c0392b;font-weight:600}\n"
    ".hl.actor{border-bottom:2px solid #2f6fd6;color:#17408b}\n"
    ".hl.sel{box-shadow:0 0 0 2px #111}\n"
    ".errors{color:#a33;font-size:13px}\n"
    "#nc-panel{position:fixed;right:12px;bottom:12px;max-width:420px;max-height:50vh;overflow:auto;"
    "white-space:pre-wrap;background:#fff;border:1px solid #888;border-radius:6px;padding:10px 12px;"
    "font:13px/1.4 ui-monospace,monospace;box-shadow:0 2px 10px rgba(0,0,0,.2)}\n"
    "#nc-panel button{float:right;margin:-4px -6px 0 8px;border:0;background:none;font-size:18px;cursor:pointer}\n"
    "</style>\n</head>\n<body>\n<header><h1>newsclaims report</h1><span class=\"legend\">"
    "<span class=\"hl figure\">casualty figure</span><span class=\"hl actor\">actor</span>"
    "<span class=\"hl speaker\">speaker</span><span class=\"hl claim\">claim content</span>"
    "<span>hover or click a highlight for its fields</span></span></header>\n"
    "<nav id=\"nc-toc\"></nav>\n<main>\n";

static const char page_tail[] =
    "</main>\n<div id=\"nc-panel\" hidden><button type=\"button\" title=\"close (Esc)\">&times;</button>"
    "<div id=\"nc-fields\"></div></div>\n<script>\n"
    "(function(){\n"
    "var panel=document.getElementById('nc-panel'),fields=document.getElementById('nc-fields'),"
    "toc=document.getElementById('nc-toc');\n"
    "var docs=document.querySelectorAll('section.doc');\n"
    /* several documents: a table of them (the first column links to each),
     * open when short, and a switch that hides those without figures, in
     * sight even when the table is folded away */
    "if(docs.length>1){\n"
    " var det=document.createElement('details'),sum=document.createElement('summary'),tb=document.createElement('table');\n"
    " var with_=0;docs.forEach(function(s){if(s.getAttribute('data-figures')!=='0')with_++;});\n"
    " sum.textContent=docs.length+' documents, '+with_+' with casualty figures';det.appendChild(sum);\n"
    " var head=tb.insertRow();['#','document','status','lang','figures','actors','claims','summary'].forEach(function(h){"
    "var th=document.createElement('th');th.textContent=h;head.appendChild(th);});\n"
    " docs.forEach(function(s,i){var r=tb.insertRow();r.setAttribute('data-figures',s.getAttribute('data-figures'));\n"
    "  var a=document.createElement('a');a.href='#'+s.id;a.textContent=String(i+1);r.insertCell().appendChild(a);\n"
    "  r.insertCell().textContent=s.querySelector('h2').textContent;\n"
    "  ['data-status','data-lang','data-figures','data-actors','data-claims','data-summary'].forEach(function(k,j){"
    "var c=r.insertCell();c.textContent=s.getAttribute(k)||'';if(j>1&&j<5)c.className='n';});});\n"
    " var lab=document.createElement('label'),cb=document.createElement('input');cb.type='checkbox';\n"
    " lab.appendChild(cb);lab.appendChild(document.createTextNode(' only documents with figures'));\n"
    " cb.addEventListener('change',function(){document.querySelectorAll('section.doc,tr[data-figures]').forEach(function(e){"
    "e.hidden=cb.checked&&e.getAttribute('data-figures')==='0';});});\n"
    " det.appendChild(tb);det.open=docs.length<=20;toc.appendChild(det);toc.appendChild(lab);}\n"
    /* a click (or #item=ID in the address) selects an item: all its pieces
     * outlined, its fields in the panel (as text, never as markup) */
    "function select(t){\n"
    " document.querySelectorAll('.sel').forEach(function(e){e.classList.remove('sel');});\n"
    " if(!t){panel.hidden=true;return;}\n"
    " var id=t.getAttribute('data-item');\n"
    " document.querySelectorAll('[data-item]').forEach(function(e){if(e.getAttribute('data-item')===id)e.classList.add('sel');});\n"
    " fields.textContent=t.getAttribute('title');panel.hidden=false;place(t);\n"
    "}\n"
    /* the panel sits in the bottom corner, or the top one (under the
     * header) when the bottom one would cover the item */
    "function place(t){\n"
    " panel.style.top='';panel.style.bottom='';var b=t.getBoundingClientRect(),p=panel.getBoundingClientRect();\n"
    " if(b.bottom>p.top-8&&b.right>p.left-8&&b.top<p.bottom+8){"
    "panel.style.top=(document.querySelector('header').getBoundingClientRect().bottom+8)+'px';panel.style.bottom='auto';}\n"
    "}\n"
    /* the panel covers a corner of the text: a click elsewhere, its close
     * button or Esc puts it away; a click inside it (to copy) keeps it */
    "document.addEventListener('click',function(ev){if(panel.contains(ev.target)&&ev.target.tagName!=='BUTTON')return;"
    "select(ev.target.closest?ev.target.closest('[data-item]'):null);});\n"
    "document.addEventListener('keydown',function(ev){if(ev.key==='Escape')select(null);});\n"
    "var m=/^#item=([a-z0-9-]+)$/.exec(location.hash);\n"
    "if(m){var t=null;document.querySelectorAll('[data-item]').forEach(function(e){"
    "if(!t&&e.getAttribute('data-item')===m[1])t=e;});if(t){var b=t.getBoundingClientRect();"
    "if(b.top<80||b.bottom>innerHeight)t.scrollIntoView({block:'center'});select(t);}}\n"
    "})();\n</script>\n</body>\n</html>\n";

int nc_report_head(nc_buf *b) { return nc_buf_append(b, page_head, sizeof page_head - 1); }
int nc_report_tail(nc_buf *b) { return nc_buf_append(b, page_tail, sizeof page_tail - 1); }

static void summary_table(out *o, const nc_record *rec)
{
    int any = 0;
    for (int c = 0; c < NC_CAT_COUNT; c++)
        any |= rec->summary.has[c];
    lit(o, "<table class=\"summary\"><tr><th>summary</th>");
    for (int c = 0; c < NC_CAT_COUNT; c++)
        if (rec->summary.has[c]) {
            lit(o, "<th>");
            lit(o, nc_category_name((nc_category)c));
            lit(o, "</th>");
        }
    lit(o, any ? "<th>figures</th><th>actors</th><th>claims</th></tr>\n<tr><td>people</td>"
               : "<th>figures</th><th>actors</th><th>claims</th></tr>\n<tr><td>nobody counted</td>");
    for (int c = 0; c < NC_CAT_COUNT; c++)
        if (rec->summary.has[c])
            fmt(o, "<td class=\"n\">%lld</td>", (long long)rec->summary.value[c]);
    fmt(o, "<td class=\"n\">%zu</td><td class=\"n\">%zu</td>", rec->figures.n, rec->actors.n);
    fmt(o, "<td class=\"n\">%zu</td></tr></table>\n", rec->claims.n);
}

int nc_report_document(nc_buf *b, const nc_record *rec, size_t n, int deadline)
{
    out o = {.b = b, .doc = n, .deadline = deadline};
    const nc_meta *m = &rec->doc.meta;
    fmt(&o, "<section class=\"doc\" id=\"doc-%zu\" data-figures=\"%zu\" data-actors=\"%zu\" data-claims=\"%zu\"", n,
        rec->figures.n, rec->actors.n, rec->claims.n);
    lit(&o, " data-status=\"");
    esc_str(&o, rec->status);
    lit(&o, "\" data-lang=\"");
    esc_ext(&o, nc_record_lang(rec) ? nc_record_lang(rec) : "");
    lit(&o, "\" data-summary=\"");
    for (int c = 0, k = 0; c < NC_CAT_COUNT; c++)
        if (rec->summary.has[c])
            fmt(&o, "%s%s %lld", k++ ? ", " : "", nc_category_name((nc_category)c), (long long)rec->summary.value[c]);
    lit(&o, "\">\n<h2>");
    esc_ext(&o, m->title ? m->title : rec->path ? rec->path : "(untitled)");
    lit(&o, "</h2>\n<p class=\"docmeta\"><span class=\"status ");
    esc_str(&o, rec->status);
    lit(&o, "\">");
    esc_str(&o, rec->status);
    lit(&o, "</span>");
    const char *parts[][2] = {{"path", rec->path}, {"id", rec->id}, {"url", m->url}, {"published", m->published},
                              {"site", m->site}, {"byline", m->byline}, {"lang", nc_record_lang(rec)}};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (parts[i][1]) {
            lit(&o, " · ");
            lit(&o, parts[i][0]);
            lit(&o, " ");
            esc_ext(&o, parts[i][1]);
        }
    lit(&o, "</p>\n");
    summary_table(&o, rec);
    if (rec->doc.errors.n) {
        lit(&o, "<ul class=\"errors\">");
        for (size_t i = 0; i < rec->doc.errors.n; i++) {
            lit(&o, "<li>");
            esc_ext(&o, rec->doc.errors.items[i]);
            lit(&o, "</li>");
        }
        lit(&o, "</ul>\n");
    }
    if (rec->doc.text && rec->doc.len) {
        lit(&o, "<div class=\"text\">");
        text_with_highlights(&o, rec);
        lit(&o, "</div>\n");
    }
    lit(&o, "</section>\n");
    return o.rc;
}
