#!/usr/bin/env python3
# usage: report_dom.py DOM.html RECORDS.jsonl (records written with --with-text,
# in the order of the report's documents)
# the DOM Chromium built: every figure of the records is an element whose
# text is the figure's span; no script but ours, no image, no frame
import html.parser, json, sys
dom, records = sys.argv[1], sys.argv[2]
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.items, self.tags = [], {}, {}
    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        a = dict(attrs)
        self.stack.append(a.get("data-item"))
        if a.get("data-item"):
            self.items.setdefault(a["data-item"], "")
    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()
    def handle_data(self, d):
        for k in set(x for x in self.stack if x):
            self.items[k] += d
p = P()
p.feed(open(dom, encoding="utf-8").read())
bad, n = [], 0
for d, line in enumerate(open(records, encoding="utf-8")):
    r = json.loads(line)
    text = r["text"].encode("utf-8")
    for i, c in enumerate(r["casualties"]):
        n += 1
        want = text[c["span"][0]:c["span"][1]].decode("utf-8")
        got = p.items.get("d%d-f%d" % (d, i))
        if got != want:
            bad.append("d%d-f%d: %r != %r" % (d, i, got, want))
print("figures %d missing %d scripts %d images %d frames %d" % (n, len(bad), p.tags.get("script", 0),
      p.tags.get("img", 0), p.tags.get("iframe", 0)))
print("\n".join(bad[:5]))
