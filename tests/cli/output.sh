#!/bin/sh
# --output-format csv|tsv|html and --table: the tables parse (Python's csv
# module, when python3 is there) with one row per item and the record's
# values; the HTML report escapes hostile text, and a headless Chromium
# (installed here when missing and possible, else skipped with a message)
# renders every figure, requests nothing, and takes a screenshot.
# Run from the repository root; prints "output: N passed, N failed".
cd "$(dirname "$0")/../.." || exit 1
SUITE=output
. tests/cli/lib.sh

A1='At least 12 people were killed in a blast at a fuel depot in Sorrel on Monday, police said.'
A2='“Four climbers are missing,” the rescue chief said, “and 3 were injured.” Police arrested 2 guides, "Sam, Lee" and another, on Tuesday.'
printf 'Depot blast in Sorrel\n\n%s\n' "$A1" > "$T/a.txt"
printf '%s\n' "$A2" > "$T/b.txt"
# hostile text: markup, script, attribute breakers, a title with markup
cat > "$T/evil.html" << 'EOF'
<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; "quoted" title</title></head><body><article>
<p>Police said 5 people were killed when &lt;img src=x onerror=alert(2)&gt; rioters stormed the "depot" &amp; burned it.</p>
<p>"&lt;/span&gt;&lt;script&gt;alert(3)&lt;/script&gt;" 7 people were injured, officials said of the ' onmouseover='alert(4) attack.</p>
</article></body></html>
EOF

has_py=0
command -v python3 > /dev/null 2>&1 && has_py=1

# ---- CSV and TSV ----
run --output-format csv a.txt b.txt
rc_is "csv exits 0" 0
eq "csv header" "$(head -n 1 "$T/out" | tr -d '\r')" \
    "doc_path,doc_id,doc_url,doc_title,doc_published,doc_published_source,doc_lang,doc_status,index,category,count_value,count_low,count_high,qualifier,approximate,count_text,who,actor_id,actor_country,actor_role,source_speaker,when,span_start,span_end,cspan_start,cspan_end,sentence_index,rule,sentence"
if grep -q "$(printf '\r')\$" "$T/out" && [ "$(grep -c "$(printf '[^\r]$')" "$T/out")" = 0 ]; then
    ok "csv rows end in CRLF"
else
    nok "csv rows end in CRLF" "$(head -c 200 "$T/out" | od -c | head -3 | tr '\n' ' ')"
fi
cp "$T/out" "$T/figs.csv"
(cd "$T" && "$NC" a.txt b.txt > figs.jsonl)
run --output-format tsv a.txt b.txt
cp "$T/out" "$T/figs.tsv"
run --output-format csv --table claims a.txt b.txt
cp "$T/out" "$T/claims.csv"
run --output-format tsv --table actors a.txt b.txt
cp "$T/out" "$T/actors.tsv"
if [ "$has_py" = 1 ]; then
    # every item of the JSON records is a row, with the same values
    cat > "$T/tables.py" << 'EOF'
import csv, json, sys
T = sys.argv[1]
recs = [json.loads(l) for l in open(T + "/figs.jsonl", encoding="utf-8")]
def rows(name, sep):
    with open(T + "/" + name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter=sep))
def blank(v):
    return "" if v is None else str(v).lower() if isinstance(v, bool) else str(v)
out = []
for name, sep in (("figs.csv", ","), ("figs.tsv", "\t")):
    got = rows(name, sep)
    want = [(r, i, c) for r in recs for i, c in enumerate(r["casualties"])]
    out.append("%s rows %d figures %d" % (name, len(got), len(want)))
    for row, (r, i, c) in zip(got, want):
        for col, v in (("doc_path", r["source"]["path"]), ("doc_title", r["meta"]["title"]),
                       ("doc_lang", r["meta"]["lang"]), ("doc_published_source", r["meta"].get("published_source")),
                       ("index", i), ("category", c["category"]),
                       ("count_value", c["count"]["value"]), ("qualifier", c["count"]["qualifier"]),
                       ("approximate", c["count"]["approximate"]), ("count_text", c["count"]["text"]),
                       ("who", c["who"]), ("source_speaker", c["source"]), ("span_start", c["span"][0]),
                       ("span_end", c["span"][1]), ("rule", c["rule"]), ("sentence", c["sentence"])):
            if row[col] != blank(v):
                out.append("%s %s row %d: %r != %r" % (name, col, i, row[col], blank(v)))
got = rows("claims.csv", ",")
want = [c for r in recs for c in r["claims"]]
out.append("claims rows %d claims %d" % (len(got), len(want)))
for row, c in zip(got, want):
    for col, v in (("speaker", c["speaker"]), ("cue", c["cue"]), ("stance", c["stance"]),
                   ("content", c["content"]), ("span_start", c["span"][0]), ("rule", c["rule"])):
        if row[col] != blank(v):
            out.append("claims %s: %r != %r" % (col, row[col], blank(v)))
got = rows("actors.tsv", "\t")
want = [a for r in recs for a in r["actors"]]
out.append("actors rows %d actors %d" % (len(got), len(want)))
for row, a in zip(got, want):
    for col, v in (("actor_id", a["id"]), ("name", a["name"]), ("type", a["type"]), ("mentions", a["mentions"])):
        if row[col] != blank(v):
            out.append("actors %s: %r != %r" % (col, row[col], blank(v)))
print("\n".join(out))
EOF
    python3 "$T/tables.py" "$T" > "$T/py.out" 2>&1
    nfig=$("$JGET" -r '.casualties' < "$T/figs.jsonl" | grep -o '"category"' | wc -l | tr -d ' ')
    eq "csv: one row per figure, values as in the records" "$(head -n 1 "$T/py.out")" "figs.csv rows $nfig figures $nfig"
    eq "tsv: one row per figure" "$(sed -n 2p "$T/py.out")" "figs.tsv rows $nfig figures $nfig"
    eq "csv --table claims: one row per claim" "$(grep -c 'claims rows \([0-9]*\) claims \1$' "$T/py.out")" 1
    eq "tsv --table actors: one row per actor" "$(grep -c 'actors rows \([0-9]*\) actors \1$' "$T/py.out")" 1
    eq "table values equal the JSON values" "$(grep -v ' rows ' "$T/py.out" | head -5)" ""
else
    skip "csv/tsv parse with Python's csv module" "python3 not found"
fi
# --keep-fields: a doc_field_NAME column per name (after doc_status), or
# doc_fields holding source.fields as JSON for all
printf '%s\n' \
    "{\"id\":\"k1\",\"section\":\"World, \\\"Africa\\\"\",\"n\":1234567890123456789,\"tags\":[\"a\",\"b\"],\"none\":null,\"text\":\"$A1\"}" \
    "{\"id\":\"k2\",\"text\":\"$A1\"}" > "$T/keep.jsonl"
run --jsonl --output-format csv --keep-fields section,n,tags,none,missing,n keep.jsonl
eq "csv --keep-fields: a column per name, each once, after doc_status" \
    "$(head -n 1 "$T/out" | tr -d '\r' | cut -d, -f8-14)" "doc_status,doc_field_section,doc_field_n,doc_field_tags,doc_field_none,doc_field_missing,index"
eq "csv --keep-fields: strings decoded, numbers as written, arrays as JSON, null and missing empty" \
    "$(sed -n 2p "$T/out" | cut -d, -f8-17)" 'ok,"World, ""Africa""",1234567890123456789,"[""a"",""b""]",,,0,killed'
eq "csv --keep-fields: a line without the fields has them empty" "$(sed -n 3p "$T/out" | cut -d, -f8-14)" 'ok,,,,,,0'
run --jsonl --output-format tsv --keep-fields all keep.jsonl
eq "tsv --keep-fields all: one doc_fields column" "$(head -n 1 "$T/out" | cut -f8-10)" "$(printf 'doc_status\tdoc_fields\tindex')"
eq "tsv --keep-fields all: source.fields as JSON" "$(sed -n 3p "$T/out" | cut -f9)" '"{""id"":""k2""}"'
run --output-format csv --keep-fields all a.txt
eq "csv --keep-fields all of a file: {}" "$(sed -n 2p "$T/out" | cut -d, -f9)" '{}'
# a field with a comma and quotes is quoted, the quotes doubled
if grep -qF '"Police arrested 2 guides, ""Sam, Lee"" and another, on Tuesday."' "$T/figs.csv"; then
    ok "csv quotes a field with commas and quotes (RFC 4180)"
else
    nok "csv quotes a field with commas and quotes (RFC 4180)" "$(grep -F 'guides' "$T/figs.csv" | head -c 300)"
fi
run --output-format csv --table claims
eq "csv of a document without items: the header alone" "$(wc -l < "$T/out" | tr -d ' ')" 1
run --table claims a.txt
rc_is "--table without csv/tsv is a usage error" 2
run --output-format xml a.txt
rc_is "--output-format xml is a usage error" 2
run --output-format html --body-only a.txt
rc_is "--body-only with --output-format html is a usage error" 2
run --output-format csv --jobs 3 a.txt b.txt a.txt b.txt
(cd "$T" && "$NC" --output-format csv --jobs 1 a.txt b.txt a.txt b.txt > one.csv)
if cmp -s "$T/out" "$T/one.csv"; then ok "csv with --jobs 3 equals --jobs 1"; else nok "csv with --jobs 3 equals --jobs 1" "differs"; fi

# ---- --pretty: jq's layout, two spaces ----
if command -v jq > /dev/null 2>&1; then
    (cd "$T" && "$NC" --with-text --explain a.txt b.txt evil.html | jq . > jq.json)
    run --pretty --with-text --explain a.txt b.txt evil.html
    if cmp -s "$T/out" "$T/jq.json"; then ok "--pretty is byte for byte what jq . prints"; else nok "--pretty is byte for byte what jq . prints" "$(diff "$T/out" "$T/jq.json" | head -5 | tr '\n' '|')"; fi
    run --pretty --format text
    eq "--pretty of an empty document: {} and [] as jq writes them" "$(grep -c '"summary": {}' "$T/out") $(grep -c '"casualties": \[\]' "$T/out")" "1 1"
else
    skip "--pretty is what jq . prints" "jq not found"
fi

# ---- HTML ----
run --output-format html a.txt b.txt evil.html
rc_is "html exits 0" 0
cp "$T/out" "$T/report.html"
eq "html: one page" "$(grep -c '<!DOCTYPE html>' "$T/report.html") $(grep -c '</html>' "$T/report.html")" "1 1"
eq "html: a section per document" "$(grep -c '<section class="doc"' "$T/report.html")" 3
eq "html: one script element (ours)" "$(grep -ci '<script' "$T/report.html")" 1
eq "html: no markup from the documents" "$(grep -ciE '<img|<script>alert|<[a-z]+ [^>]*(onerror|onmouseover)=' "$T/report.html")" 0
if grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; title' "$T/report.html" &&
    grep -qF '&lt;img src=x onerror=alert(2)&gt;' "$T/report.html" && grep -qF '&#39; onmouseover=&#39;alert(4)' "$T/report.html"; then
    ok "html: hostile text shown as text, escaped"
else
    nok "html: hostile text shown as text, escaped" "$(grep -F 'alert' "$T/report.html" | head -c 300)"
fi
if grep -qF "Content-Security-Policy\" content=\"default-src 'none';" "$T/report.html" &&
    [ "$(grep -ciE '(src|href)="(https?:)?//' "$T/report.html")" = 0 ]; then
    ok "html: no outside resources, and a policy forbidding them"
else
    nok "html: no outside resources, and a policy forbidding them" "$(grep -iE 'src=|href=' "$T/report.html" | head -c 200)"
fi
# the split quotation: two content highlights of one claim
eq "html: one highlight per part of a split quotation" \
    "$(grep -o '<span class="hl claim" data-item="d1-c0"' "$T/report.html" | wc -l | tr -d ' ')" 2
# every figure of the records has its highlight
(cd "$T" && "$NC" a.txt b.txt evil.html > rep.jsonl)
nf=$("$JGET" -r '.casualties' < "$T/rep.jsonl" | grep -o '"category"' | wc -l | tr -d ' ')
eq "html: every figure highlighted" "$(grep -o 'class="hl figure" data-item="d[0-9]*-f[0-9]*"' "$T/report.html" | sort -u | wc -l | tr -d ' ')" "$nf"

# ---- in a real browser ----
BROWSER=
for b in chromium-headless-shell chromium chromium-browser; do
    if command -v "$b" > /dev/null 2>&1; then BROWSER=$b; break; fi
done
if [ -z "$BROWSER" ] && [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null 2>&1 && [ -z "${NC_NO_INSTALL:-}" ]; then
    echo "# installing chromium-headless-shell for the browser test"
    DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y --no-install-recommends chromium-headless-shell > "$T/apt.log" 2>&1 ||
        { apt-get update > /dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive timeout 600 apt-get install -y --no-install-recommends chromium-headless-shell > "$T/apt.log" 2>&1; }
    command -v chromium-headless-shell > /dev/null 2>&1 && BROWSER=chromium-headless-shell
fi
if [ -z "$BROWSER" ]; then
    skip "html renders in headless Chromium" "no chromium or chromium-headless-shell, and it could not be installed"
elif [ "$has_py" = 0 ]; then
    skip "html renders in headless Chromium" "python3 not found (needed to read the DOM)"
else
    # browse FILE OUT: dump the DOM (and a screenshot, SHOT) with a fresh profile
    browse() {
        rm -rf "$T/profile"
        mkdir -p "$T/profile"
        timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync \
            --user-data-dir="$T/profile" --log-net-log="$T/net.json" --virtual-time-budget=3000 \
            --window-size=1200,1600 "$@" > "$T/browser.out" 2> "$T/browser.err"
    }
    check_page() { # NAME PAGE RECORDS
        browse --dump-dom "file://$2"
        if [ ! -s "$T/browser.out" ]; then
            nok "$1: Chromium renders the page" "no DOM: $(head -c 300 "$T/browser.err" | tr '\n' ' ')"
            return
        fi
        cp "$T/browser.out" "$T/dom.html"
        python3 tests/cli/report_dom.py "$T/dom.html" "$3" > "$T/dom.out" 2>&1
        nfig=$(sed -n 's/^figures \([0-9]*\) .*/\1/p' "$T/dom.out")
        eq "$1: every figure in Chromium's DOM, no script but ours, no image" "$(head -n 1 "$T/dom.out")" \
            "figures ${nfig:-?} missing 0 scripts 1 images 0 frames 0"
        [ -z "$(sed -n 2p "$T/dom.out")" ] || echo "# $(sed -n 2,4p "$T/dom.out" | tr '\n' ' ')"
        if [ -s "$T/net.json" ]; then
            eq "$1: the page requests nothing from the network" "$(python3 tests/cli/report_net.py "$T/net.json")" "requests 0 "
        else
            skip "$1: the page requests nothing from the network" "Chromium wrote no net log"
        fi
        # #item=d0-f0: the first figure's fields in the panel, with its close button
        browse --dump-dom "file://$2#item=d0-f0"
        eq "$1: #item=d0-f0 opens the panel on the first figure's fields" \
            "$(grep -o '<div id="nc-panel"><button type="button" title="close (Esc)">×</button><div id="nc-fields">casualty figure' "$T/browser.out" | wc -l | tr -d ' ')" 1
        browse --screenshot="$T/shot.png" "file://$2#item=d0-f0"
        if [ -s "$T/shot.png" ]; then
            ok "$1: screenshot taken"
            [ -z "${NC_SCREENSHOT_DIR:-}" ] || cp "$T/shot.png" "$NC_SCREENSHOT_DIR/$(echo "$1" | tr -c 'a-z0-9\n' '_').png"
        else
            nok "$1: screenshot taken" "$(head -c 300 "$T/browser.err" | tr '\n' ' ')"
        fi
    }
    # the net log sees a request when a page makes one (loopback, port 9: nothing answers)
    printf '<html><body><img src="http://127.0.0.1:9/x.png">x</body></html>' > "$T/control.html"
    browse --dump-dom "file://$T/control.html"
    if [ -s "$T/net.json" ]; then
        eq "the net log sees a page's request" "$(python3 tests/cli/report_net.py "$T/net.json")" "requests 1 http://127.0.0.1:9/x.png"
    fi
    (cd "$T" && "$NC" --with-text a.txt b.txt evil.html > rep-text.jsonl)
    check_page "test articles and hostile text" "$T/report.html" "$T/rep-text.jsonl"
    # a folder of saved pages (written here) and a plain-text article
    mkdir -p "$T/saved"
    i=0
    for s in "$A1" "$A2" 'Floods displaced 4,500 people and 31 died, the governor said on Friday.'; do
        i=$((i + 1))
        printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story %s</title>' "$i" > "$T/saved/p$i.html"
        printf '<link rel="stylesheet" href="https://cdn.example.com/x.css"><script src="https://cdn.example.com/x.js"></script></head>' >> "$T/saved/p$i.html"
        printf '<body><nav><a href="/">Home</a></nav><article><h1>Story %s</h1><p>%s</p><p>%s</p><img src="https://cdn.example.com/p.jpg"></article></body></html>\n' \
            "$i" "$s" "The town council met later to discuss the damage and the help that would be needed." >> "$T/saved/p$i.html"
    done
    (cd "$T" && "$NC" --output-format html saved a.txt > saved.html && "$NC" --with-text saved a.txt > saved.jsonl)
    check_page "a folder of saved pages" "$T/saved.html" "$T/saved.jsonl"
    # the switch for documents with figures stays in sight when the table is folded
    eq "several documents: the figures switch outside the folded table" \
        "$(grep -c '</details><label><input type="checkbox"> only documents with figures</label></nav>' "$T/dom.html")" 1
fi
finish
