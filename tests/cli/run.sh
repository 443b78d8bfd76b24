#!/bin/sh
# Command-line behaviour of $BUILD/newsclaims (default build/newsclaims).
# Every test prints "ok - NAME" or "not ok - NAME: detail"; the last line is
# "cli: N passed, N failed". Field values are read with $BUILD/tests/jget
# (tests/cli/jget.c, built here), so assertions compare exact JSON values.
# Every newsclaims run happens inside a temporary directory, so paths in
# records are the short relative ones given on the command line.
cd "$(dirname "$0")/../.." || exit 1
. tests/cli/lib.sh

# ---- test articles (invented) ----
A1='At least 12 people were killed in a blast at a fuel depot in Sorrel on Monday, police said.'
A2='Rescue teams said 4 climbers were missing after an avalanche near Ostry Peak.'
A3='The storm injured 7 people in the coastal town of Bream, the mayor said.'
printf 'Depot blast in Sorrel\n\n%s\n\nThe fire burned for several hours.\n' "$A1" > "$T/art.txt"
printf '%s\n' "$A2" > "$T/art2.txt"

mkdir -p "$T/corpus/sub/deeper" "$T/corpus/.hiddendir"
printf '%s\n' "$A1" > "$T/corpus/a.txt"
printf '<!DOCTYPE html>\n<html><head><title>Storm in Bream</title></head><body><h1>Storm in Bream</h1><p>%s</p></body></html>\n' "$A3" > "$T/corpus/b.html"
printf '%s\n' "$A2" > "$T/corpus/c"
printf 'Officials in Lune said 2 people were arrested after the protest.\n' > "$T/corpus/d.text"
printf '<html><body><p>%s</p></body></html>\n' "$A2" > "$T/corpus/e.htm"
printf '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>%s</p></body></html>\n' "$A3" > "$T/corpus/f.xhtml"
printf '<html><body><p>%s</p></body></html>\n' "$A1" > "$T/corpus/g.shtml"
printf 'Zephyrine floods: 30 families were evacuated from the lower town.\n' | gzip -c > "$T/corpus/h.txt.gz"
printf '<html><body><p>%s</p></body></html>\n' "$A3" | gzip -c > "$T/corpus/sub/deeper/j.html.gz"
printf '%s\n' "$A2" > "$T/corpus/sub/i.txt"
# skipped by the directory walk
printf '%s\n' "$A1" > "$T/corpus/.hidden.txt"
printf '%s\n' "$A1" > "$T/corpus/.hiddendir/k.txt"
printf '%s\n' "$A1" > "$T/corpus/notes.md"
printf '{"text":"%s"}\n' "$A1" > "$T/corpus/data.json"
printf '%s\n' "$A1" > "$T/corpus/sub/photo.png"
printf '%s\n' "$A1" | gzip -c > "$T/corpus/sub/archive.tar.gz"
CORPUS_PATHS='corpus/a.txt
corpus/b.html
corpus/c
corpus/d.text
corpus/e.htm
corpus/f.xhtml
corpus/g.shtml
corpus/h.txt.gz
corpus/sub/deeper/j.html.gz
corpus/sub/i.txt'

# ---- --version, --help, usage errors ----
run --version
rc_is "--version exits 0" 0
eq "--version: program, schema" "$(head -n 2 "$T/out")" "newsclaims 0.1.0
schema newsclaims/2"
eq "--version: data fingerprint, rule and language counts" \
    "$(sed -n 3p "$T/out" | sed 's/^data [0-9a-f]\{8\}: [1-9][0-9]* rules, [1-9][0-9]* languages$/ok/')" ok

run --help
rc_is "--help exits 0" 0
missing=
for opt in --jsonl --text-field --id-field --jobs --with-text --pretty --format --rules \
    --explain --check-rules --output-format --table --completion --help --version; do
    grep -qF -- "$opt" "$T/out" || missing="$missing $opt"
done
eq "--help mentions every option" "$missing" ""

run --no-such-option art.txt
rc_is "unknown option exits 2" 2
eq "unknown option writes no record" "$(nlines)" 0
if [ -s "$T/err" ]; then ok "unknown option explained on stderr"; else nok "unknown option explained on stderr" "stderr empty"; fi

run --format pdf art.txt
rc_is "--format with a bad value exits 2" 2
run --jobs many art.txt
rc_is "--jobs with a non-number exits 2" 2
run art.txt --jobs
rc_is "--jobs without a value exits 2" 2
run --text-field
rc_is "--text-field without a value exits 2" 2

# ---- standard input ----
run_in art.txt
rc_is "stdin (no PATH): exit 0" 0
records "stdin (no PATH): one record" 1
eq "stdin (no PATH): source.path is \"-\"" "$(get .source.path)" "-"
eq "stdin (no PATH): status ok" "$(get .status)" ok

run_in art.txt -
records "stdin (\"-\"): one record" 1
eq "stdin (\"-\"): source.path is \"-\"" "$(get .source.path)" "-"

run_in art2.txt art.txt -
records "file then stdin: two records" 2
eq "file then stdin: input order" "$(get .source.path)" "art.txt
-"

# ---- one file ----
run art.txt
rc_is "file: exit 0" 0
records "file: one record" 1
eq "file: schema is newsclaims/2" "$(get .schema)" "newsclaims/2"
eq "file: source.path as given" "$(get .source.path)" "art.txt"
eq "file: source.format text" "$(get .source.format)" "text"
eq "file: source.bytes is the file size" "$(get .source.bytes)" "$(wc -c < "$T/art.txt" | tr -d ' ')"
eq "file: source.id null" "$(get .source.id)" "null"
eq "file: status ok" "$(get .status)" "ok"
eq "file: errors empty" "$(get '.errors|length')" 0
n=$(get '.casualties|length')
if [ "${n:-0}" -ge 1 ]; then
    ok "file: '$A1' yields a casualty"
else
    nok "file: '$A1' yields a casualty" "casualties: $(get .casualties)"
fi
if has 1 .text; then nok "file: no text without --with-text" "text present"; else ok "file: no text without --with-text"; fi
if has 1 '.casualties[0].matched'; then
    nok "file: no matched without --explain" "matched present"
else
    ok "file: no matched without --explain"
fi
cp "$T/out" "$T/plain.jsonl"

# A file named like nothing in particular is still read when named explicitly.
run corpus/notes.md
rc_is "explicit .md file: exit 0" 0
eq "explicit .md file: processed" "$(get .status)" "ok"
run corpus/.hidden.txt
eq "explicit hidden file: processed" "$(get .status)" "ok"

# ---- directory walk ----
run corpus
rc_is "directory: exit 0" 0
records "directory: one record per article file" 10
eq "directory: sorted, recursive, hidden and other files skipped" "$(get .source.path)" "$CORPUS_PATHS"
eq "directory: formats by name" "$(get .source.format | tr '\n' ' ')" \
    "text html text text html html html text html text "
eq "directory: all ok" "$(get .status | sort -u)" "ok"

run --with-text corpus/h.txt.gz
rc_is "gzip file: exit 0" 0
if get .text | grep -q 'Zephyrine floods: 30 families were evacuated'; then
    ok "gzip file: text is decompressed"
else
    nok "gzip file: text is decompressed" "text: $(oneline "$(get .text)")"
fi

run corpus/a.txt corpus/sub corpus/art-missing.txt corpus/c
eq "several paths: records in argument order" "$(get .source.path)" "corpus/a.txt
corpus/sub/deeper/j.html.gz
corpus/sub/i.txt
corpus/art-missing.txt
corpus/c"

# ---- unreadable inputs ----
run does-not-exist.txt
rc_is "missing file: exit 1" 1
records "missing file: still one record" 1
eq "missing file: status error" "$(get .status)" "error"
eq "missing file: source.path" "$(get .source.path)" "does-not-exist.txt"
n=$(get '.errors|length')
if [ "${n:-0}" -ge 1 ]; then ok "missing file: errors says why"; else nok "missing file: errors says why" "errors: $(get .errors)"; fi
stderr_has "missing file: stderr 'newsclaims: PATH: reason'" "newsclaims: does-not-exist.txt: "

run art.txt does-not-exist.txt art2.txt
rc_is "missing file among others: exit 1" 1
records "missing file among others: three records" 3
eq "missing file among others: statuses in order" "$(get .status | tr '\n' ' ')" "ok error ok "

printf 'Night shift report\n\000\001\002binary\000data\n' > "$T/scan.txt"
run scan.txt
rc_is "binary file: exit 1" 1
records "binary file: one record" 1
eq "binary file: status error" "$(get .status)" "error"
stderr_has "binary file: named on stderr" "newsclaims: scan.txt: "

mkdir -p "$T/mixed"
cp "$T/art.txt" "$T/mixed/a.txt"
cp "$T/scan.txt" "$T/mixed/b.txt"
cp "$T/art2.txt" "$T/mixed/c.txt"
run mixed
rc_is "binary file in a directory: exit 1" 1
eq "binary file in a directory: others still processed" "$(get .status | tr '\n' ' ')" "ok error ok "
stderr_has "binary file in a directory: named on stderr" "newsclaims: mixed/b.txt: "

printf '\037\213\010\000\000\000\000\000\000\003this is not deflate data' > "$T/corrupt.txt.gz"
run corrupt.txt.gz
rc_is "corrupt gzip: exit 1" 1
eq "corrupt gzip: status error" "$(get .status)" "error"
stderr_has "corrupt gzip: named on stderr" "newsclaims: corrupt.txt.gz: "

gzip -c "$T/art.txt" | head -c 40 > "$T/truncated.txt.gz"
run truncated.txt.gz
rc_is "truncated gzip: exit 1" 1
eq "truncated gzip: status error" "$(get .status)" "error"
stderr_has "truncated gzip: named on stderr" "newsclaims: truncated.txt.gz: "

# ---- empty and badly encoded text ----
: > "$T/empty.txt"
run empty.txt
rc_is "empty file: exit 0" 0
records "empty file: one record" 1
eq "empty file: status empty" "$(get .status)" "empty"
eq "empty file: bytes 0" "$(get .source.bytes)" 0

run_in empty.txt
eq "empty stdin: status empty" "$(get .status)" "empty"

printf 'Officials said 3 people were killed \377 when the bridge \376 collapsed \377 on Friday.\n' > "$T/latin.txt"
run --with-text latin.txt
rc_is "invalid UTF-8: exit 0" 0
eq "invalid UTF-8: status ok" "$(get .status)" "ok"
if get '.errors' | grep -qi 'invalid UTF-8'; then
    ok "invalid UTF-8: errors mentions it"
else
    nok "invalid UTF-8: errors mentions it" "errors: $(get .errors)"
fi
if get .text | grep -q 'collapsed'; then ok "invalid UTF-8: text kept"; else nok "invalid UTF-8: text kept" "text: $(oneline "$(get .text)")"; fi

# ---- --jsonl ----
{
    printf '%s\n' '{"id":"a1","url":"https://news.example.org/a1","title":"Ferry sinks off Brel","text":"At least 9 people were killed when a ferry sank off Brel on Sunday, the coast guard said."}'
    printf '\n'
    printf '%s\n' '{"id":"a2","text":"Police said 4 protesters were arrested in the capital on Saturday."}'
    printf '%s\n' '{"id":"a3","text":"unterminated'
    printf '%s\n' '{"id":"a4","text":"No one was injured in the collision, the rail operator said."}'
} > "$T/feed.jsonl"
run --jsonl --with-text feed.jsonl
rc_is "jsonl: malformed line gives exit 1" 1
records "jsonl: one record per non-blank line" 4
eq "jsonl: ids in input order" "$(getn 1 .source.id) $(getn 2 .source.id) $(getn 4 .source.id)" "a1 a2 a4"
eq "jsonl: statuses" "$(get .status | tr '\n' ' ')" "ok ok error ok "
eq "jsonl: url -> meta.url" "$(getn 1 .meta.url)" "https://news.example.org/a1"
eq "jsonl: title -> meta.title" "$(getn 1 .meta.title)" "Ferry sinks off Brel"
eq "jsonl: absent url is null" "$(getn 2 .meta.url)" "null"
eq "jsonl: text from the text field" "$(getn 2 .text)" "Police said 4 protesters were arrested in the capital on Saturday."
n=$(getn 3 '.errors|length')
if [ "${n:-0}" -ge 1 ]; then ok "jsonl: malformed line's record says why"; else nok "jsonl: malformed line's record says why" "errors: $(getn 3 .errors)"; fi
if grep -qE 'feed\.jsonl(:4|: line 4)([^0-9]|$)' "$T/err"; then
    ok "jsonl: stderr names file and line"
else
    nok "jsonl: stderr names file and line" "stderr: $(errtext)"
fi

run_in feed.jsonl --jsonl
records "jsonl from stdin: four records" 4

printf '%s\n' '{"uid":"x9","id":"not-this","body":"Two hikers were reported missing near the glacier, rangers said.","text":"not this"}' > "$T/custom.jsonl"
run --jsonl --text-field body --id-field uid --with-text custom.jsonl
rc_is "jsonl --text-field/--id-field: exit 0" 0
eq "jsonl --id-field: source.id" "$(get .source.id)" "x9"
eq "jsonl --text-field: text" "$(get .text)" "Two hikers were reported missing near the glacier, rangers said."

# ---- --with-text and spans ----
run --with-text art.txt
if get .text | grep -qF "$A1"; then ok "--with-text: text holds the article"; else nok "--with-text: text holds the article" "text: $(oneline "$(get .text)")"; fi
s=$(get '.casualties[0].span[0]')
e=$(get '.casualties[0].span[1]')
if [ -n "$s" ] && [ -n "$e" ]; then
    get .text > "$T/text"
    spanned=$(tail -c +"$((s + 1))" "$T/text" | head -c "$((e - s))")
    case $spanned in
    *12*) ok "--with-text: span [$s,$e] covers the figure ('$spanned')" ;;
    *) nok "--with-text: span covers the figure" "span [$s,$e] is '$(oneline "$spanned")'" ;;
    esac
else
    nok "--with-text: span covers the figure" "no casualty span"
fi

# ---- --explain ----
run --explain art.txt corpus
n_all=$("$JGET" '.casualties|length' < "$T/out" | awk '{s += $1} END {print s + 0}')
n_matched=0
i=1
while [ "$i" -le "$(nlines)" ]; do
    k=$(getn "$i" '.casualties|length')
    j=0
    while [ "$j" -lt "${k:-0}" ]; do
        v=$(sed -n "${i}p" "$T/out" | "$JGET" ".casualties[$j].matched" 2> /dev/null)
        case $v in \"?*\") n_matched=$((n_matched + 1)) ;; esac
        j=$((j + 1))
    done
    i=$((i + 1))
done
if [ "$n_all" -ge 1 ] && [ "$n_matched" = "$n_all" ]; then
    ok "--explain: every casualty has a non-empty matched string ($n_all)"
else
    nok "--explain: every casualty has a matched string" "$n_matched of $n_all"
fi
# --explain only adds "matched": without it the records are otherwise equal
run art.txt
cp "$T/out" "$T/noexplain.jsonl"
run --explain art.txt
sed -E -e 's/,"matched":"([^"\\]|\\.)*"//g' -e 's/"matched":"([^"\\]|\\.)*",//g' \
    "$T/out" > "$T/explain-stripped.jsonl"
if cmp -s "$T/noexplain.jsonl" "$T/explain-stripped.jsonl"; then
    ok "--explain adds only matched"
else
    nok "--explain adds only matched" "records differ beyond matched"
fi

# ---- --pretty ----
run --pretty art.txt
rc_is "--pretty: exit 0" 0
if [ "$(nlines)" -gt 1 ]; then ok "--pretty: indented over several lines"; else nok "--pretty: indented over several lines" "$(nlines) line(s)"; fi
"$JGET" . < "$T/out" > "$T/pretty-norm" 2> /dev/null
"$JGET" . < "$T/plain.jsonl" > "$T/plain-norm" 2> /dev/null
if [ -s "$T/pretty-norm" ] && cmp -s "$T/pretty-norm" "$T/plain-norm"; then
    ok "--pretty: same record as compact output"
else
    nok "--pretty: same record as compact output" "$(head -c 200 "$T/out" | tr '\n' ' ')"
fi
run --pretty art.txt art2.txt
eq "--pretty: two documents, two records" "$(nrecs)" 2

# ---- --format ----
run --format text --with-text corpus/b.html
eq "--format text on .html: format text" "$(get .source.format)" "text"
if get .text | grep -q '<title>'; then ok "--format text: markup kept as text"; else nok "--format text: markup kept as text" "text: $(oneline "$(get .text)")"; fi
printf '<html><body><p>%s</p></body></html>\n' "$A3" > "$T/page.txt"
run --format html --with-text page.txt
eq "--format html on .txt: format html" "$(get .source.format)" "html"
if get .text | grep -q '<p>'; then nok "--format html: markup removed" "text: $(oneline "$(get .text)")"; else ok "--format html: markup removed"; fi
run --format auto corpus/b.html corpus/a.txt
eq "--format auto: by name" "$(get .source.format | tr '\n' ' ')" "html text "
run_in corpus/b.html --format auto
eq "--format auto: HTML on stdin detected" "$(get .source.format)" "html"

# ---- --rules ----
mkdir -p "$T/badrules"
printf '%s\n' '%%% this line is not a rule %%%' > "$T/badrules/broken.rules"
run --rules badrules art.txt
rc_is "--rules with an invalid rule file: exit 2" 2
if grep -qE 'broken\.rules:[0-9]+:' "$T/err"; then
    ok "--rules: error names FILE:LINE:"
else
    nok "--rules: error names FILE:LINE:" "stderr: $(errtext)"
fi
eq "--rules invalid: no records" "$(nlines)" 0
run --rules no-such-dir art.txt
rc_is "--rules with a missing directory: exit 2" 2

if ls "$ROOT"/data/rules/*.rules > /dev/null 2>&1; then
    mkdir -p "$T/myrules"
    cp "$ROOT"/data/rules/*.rules "$T/myrules/"
    for f in "$ROOT"/data/*.txt; do [ -f "$f" ] && cp "$f" "$T/myrules/"; done
    run --explain art.txt corpus
    cp "$T/out" "$T/builtin.jsonl"
    run --rules myrules --explain art.txt corpus
    rc_is "--rules with a copy of the built-in rules: exit 0" 0
    if cmp -s "$T/out" "$T/builtin.jsonl"; then
        ok "--rules with a copy of the built-in rules: same output"
    else
        nok "--rules with a copy of the built-in rules: same output" "output differs"
    fi
    run --rules myrules --check-rules
    rc_is "--check-rules with --rules: exit 0" 0
    # with the actor files too, nothing comes from the compiled gazetteer
    # image (tools/gazgen.c): the same output again, on news with actors
    cp "$ROOT"/tests/golden/*.txt "$T/corpus/sub/deeper/"
    run --explain art.txt corpus
    cp "$T/out" "$T/builtin.jsonl"
    cp -r "$ROOT"/data/actors "$T/myrules/"
    run --rules myrules --explain art.txt corpus
    rm "$T"/corpus/sub/deeper/*.txt
    if cmp -s "$T/out" "$T/builtin.jsonl"; then
        ok "--rules with a copy of the built-in rules and actor data: same output"
    else
        nok "--rules with a copy of the built-in rules and actor data: same output" "output differs"
    fi
else
    skip "--rules with a copy of the built-in rules" "no data/rules/*.rules yet"
fi

# ---- --jobs ----
mkdir -p "$T/many"
i=0
for f in "$ROOT"/tests/golden/*.txt "$T"/corpus/a.txt "$T"/corpus/b.html "$T"/art.txt "$T"/art2.txt; do
    [ -f "$f" ] || continue
    for rep in 1 2 3 4 5 6; do
        i=$((i + 1))
        ext=${f##*.}
        name=$(printf 'doc%03d.%s' "$i" "$ext")
        { sed -n "1,${rep}p" "$f"; cat "$f"; } > "$T/many/$name"
    done
done
cp "$T/scan.txt" "$T/many/doc999.txt"
run --explain --with-text --jobs 1 many
cp "$T/out" "$T/jobs1.jsonl"
RC1=$RC
eq "--jobs 1: one record per file" "$(nlines)" "$(find "$T/many" -type f | wc -l | tr -d ' ')"
for j in 2 4 16; do
    run --explain --with-text --jobs "$j" many
    if [ "$RC" = "$RC1" ] && cmp -s "$T/out" "$T/jobs1.jsonl"; then
        ok "--jobs $j: byte-identical to --jobs 1"
    else
        nok "--jobs $j: byte-identical to --jobs 1" "exit $RC vs $RC1; $(cmp "$T/out" "$T/jobs1.jsonl" 2>&1)"
    fi
done
run --jobs 1 --jsonl feed.jsonl
cp "$T/out" "$T/jsonl1.jsonl"
run --jobs 4 --jsonl feed.jsonl
if cmp -s "$T/out" "$T/jsonl1.jsonl"; then ok "--jobs 4 --jsonl: identical to --jobs 1"; else nok "--jobs 4 --jsonl: identical to --jobs 1" "output differs"; fi

# ---- closed output pipe ----
mkdir -p "$T/big"
para='The council met on Tuesday to discuss the repair of the harbour wall, which was damaged in the winter storms. Members agreed to ask the regional government for help with the cost. '
i=0
while [ $i -lt 300 ]; do
    printf '%s%s%s%s\n' "$para" "$para" "$para" "$para" > "$T/big/$(printf 'n%04d.txt' $i)"
    i=$((i + 1))
done
for jobs in 1 4; do
    (cd "$T" && $TO "$NC" --with-text --jobs $jobs big 2> "$T/err" < /dev/null | head -c 10 > /dev/null)
    if [ ! -s "$T/err" ]; then
        ok "closed pipe (--jobs $jobs): ends quietly"
    else
        nok "closed pipe (--jobs $jobs): ends quietly" "stderr: $(errtext)"
    fi
done

# ---- a 50 MB document ----
printf 'River town counts the cost of the flood\n\n' > "$T/huge.txt"
p='Shops along the main street reopened on Thursday as the water level fell, and volunteers cleared mud from the primary school and the library. The mayor said repairs to the bridge would take most of the summer. '
printf '%s%s%s%s\n\n' "$p" "$p" "$p" "$p" > "$T/chunk"
while [ "$(wc -c < "$T/chunk")" -lt 52428800 ]; do
    cat "$T/chunk" "$T/chunk" > "$T/chunk2" && mv "$T/chunk2" "$T/chunk"
done
cat "$T/chunk" >> "$T/huge.txt"
rm -f "$T/chunk"
size=$(wc -c < "$T/huge.txt" | tr -d ' ')
# the default --timeout holds it on a normal build; memcheck is ~50x slower
run ${VALGRIND:+--timeout 0} huge.txt
rc_is "50 MB document: exit 0" 0
records "50 MB document: one record" 1
eq "50 MB document: status ok" "$(get .status)" "ok"
eq "50 MB document: source.bytes" "$(get .source.bytes)" "$size"
rm -f "$T/huge.txt"

# ---- accounting: every document gives one record, --stats adds up ----
mkdir -p "$T/acct/sub"
printf 'Two soldiers were killed on Monday.\n' > "$T/acct/a_good.txt"
: > "$T/acct/b_empty.txt"
printf 'bin\000ary' > "$T/acct/c_binary.txt"
printf 'Three people were injured.\n' | gzip -c | head -c 20 > "$T/acct/d_truncated.txt.gz"
ln -s "$T/acct/no-such-target" "$T/acct/e_dangling.txt"
head -c 5000 /dev/zero | tr '\000' 'x' > "$T/acct/f_oversized.txt"
printf 'Four were wounded.\n' > "$T/acct/sub/g_good.txt"
printf 'not an article\n' > "$T/acct/h_notes.pdf"
run --stats --max-bytes 4096 acct
rc_is "accounting: exit 1 (some documents unreadable)" 1
records "accounting: one record per article-named file" 7
eq "accounting: statuses in order" "$(get .status | tr '\n' ' ')" "ok empty error error error error ok "
eq "accounting: --stats adds up" "$(grep -o 'stats: .*files skipped' "$T/err")" \
    "stats: 7 documents, 7 records, 4 with errors, 1 files skipped"
eq "accounting: each failure named on stderr" "$(grep -c '^newsclaims: acct/' "$T/err")" "4"

# ---- HTML pages: robustness (each gives one valid record, never a crash) ----
SCHEMA_CHECK=$BUILD/tests/schema_check
valid() { # NAME: every record in $T/out validates against the schema
    if [ ! -x "$SCHEMA_CHECK" ]; then skip "$1" "schema_check not built"; return; fi
    if "$SCHEMA_CHECK" --semantic "$ROOT/docs/newsclaims-2.schema.json" "$T/out" > "$T/sc" 2>&1; then ok "$1"
    else nok "$1" "$(head -c 300 "$T/sc" | tr '\n' ' ')"; fi
}
STORY='<p>At least 12 people were killed and 30 injured when the storm, the worst in a decade, hit the coast on Monday, officials said.</p><p>Rescue teams, working through the night, searched flooded streets for residents, the regional governor said.</p>'
mkdir -p "$T/pages"
printf '<html><body><div><p>Unclosed <b>bold <i>italic</div></span><p>%s<table><tr><td>cell</table>' "$STORY" > "$T/pages/a_broken.html"
printf '<html><head><title>No body</title></head>%s' "$STORY" > "$T/pages/b_nobody.html"
printf '<html><frameset><frame src="a.html"><frame src="b.html"></frameset></html>' > "$T/pages/c_frameset.html"
printf '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en"><head><title>X</title></head><body>%s</body></html>' "$STORY" > "$T/pages/d_xhtml.xhtml"
# declared UTF-8, written in windows-1252 (the \351 is e-acute)
printf '<html><head><meta charset="utf-8"></head><body><p>The caf\351 was closed, the mayor said, and the d\351put\351 agreed, after the fire.</p>%s</body></html>' "$STORY" > "$T/pages/e_lying.html"
: > "$T/pages/f_empty.html"
awk -v s="$STORY" 'BEGIN { printf "<html><body>"; for (i = 0; i < 100000; i++) printf "<div>"; printf "%s", s; for (i = 0; i < 100000; i++) printf "</div>"; printf "</body></html>" }' > "$T/pages/g_deep.html"
# NC_HUGE_REPS: make valgrind uses a smaller "huge" page (memcheck is ~50x
# slower) and make sanitize a 10 MB one (ASan: minutes for 50 MB)
awk -v s="$STORY" -v n="${NC_HUGE_REPS:-210000}" 'BEGIN { printf "<html><body><article>"; for (i = 0; i < n; i++) printf "%s", s; printf "</article></body></html>" }' > "$T/pages/h_50mb.html"
printf '\377\376' > "$T/pages/i_utf16.html"
printf '<html><body>%s</body></html>' "$STORY" | iconv -f UTF-8 -t UTF-16LE >> "$T/pages/i_utf16.html" 2> /dev/null
run --jobs 2 --timeout 0 pages  # robustness, not speed: no time limit (valgrind is slow)
rc_is "html robustness: exit 0" 0
records "html robustness: one record per page" 9
eq "html robustness: statuses" "$(get .status | tr '\n' ' ')" "ok ok empty ok ok empty ok ok ok "
eq "html robustness: all read as HTML (the empty file as text)" "$(get .source.format | tr '\n' ' ')" "html html html html html text html html html "
eq "html robustness: lying charset noted" "$(getn 5 '.errors[0]' | cut -c1-40)" "charset declared as 'utf-8' does not mat"
eq "html robustness: lying charset read as windows-1252" "$(getn 5 .meta.encoding) $(getn 5 .meta.encoding_source)" "windows-1252 sniffed"
eq "html robustness: deep page figures" "$(getn 7 .summary.killed) $(getn 7 .summary.injured)" "12 30"
eq "html robustness: UTF-16 page" "$(getn 9 .meta.encoding) $(getn 9 .meta.encoding_source) $(getn 9 .summary.killed)" "UTF-16LE bom 12"
eq "html robustness: XHTML encoding from its declaration" "$(getn 4 .meta.encoding_source) $(getn 4 .meta.lang)" "meta en"
valid "html robustness: records valid"
run --format html pages/f_empty.html
eq "html robustness: empty file as HTML" "$(get .status) $(get .source.format)" "empty html"
rm -rf "$T/pages"

# ---- HTML pages: article body, not_article, --body-only, --reference-date ----
cat > "$T/story.html" << EOF
<html lang="en"><head><title>Storm hits coast | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2019-11-18T10:00:00Z">
<meta name="author" content="Ann Writer"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div id="cookie-notice">We use cookies. 500 people were killed by cookies, the banner jokes.</div>
<article><h1>Storm hits coast</h1>$STORY</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/x">900 people were injured in an older story</a></li></ul></aside>
<footer>Copyright Example News</footer></body></html>
EOF
{ printf '<html><body><div class="list">'
  i=0; while [ $i -lt 12 ]; do printf '<article><h2><a href="/s%d">Story %d: 40 people were killed somewhere else entirely</a></h2><p>Teaser %d.</p></article>' $i $i $i; i=$((i + 1)); done
  printf '</div></body></html>'; } > "$T/front.html"
run --with-text story.html front.html
eq "html: body only from the story" "$(getn 1 .summary.killed) $(getn 1 .summary.injured)" "12 30"
eq "html: metadata" "$(getn 1 .meta.title)|$(getn 1 .meta.site)|$(getn 1 .meta.byline)|$(getn 1 .meta.published)|$(getn 1 .meta.published_source)" \
    "Storm hits coast|Example News|Ann Writer|2019-11-18T10:00:00Z|meta"
eq "html: paragraphs separated by a blank line" "$(getn 1 .text | grep -c '^$')" "1"
eq "html: section front is not_article, nothing extracted" "$(getn 2 .status) $(getn 2 '.casualties|length')" "not_article 0"
valid "html: records valid"
run --reference-date 2019-11-17 story.html
eq "--reference-date: later dates refused" "$(get .meta.published)" "null"
run --reference-date 2019-11-18 story.html
eq "--reference-date: same day accepted" "$(get .meta.published)" "2019-11-18T10:00:00Z"
run --reference-date soon story.html
rc_is "--reference-date: bad value is a usage error" 2
run --body-only story.html story.html
eq "--body-only: text, a form-feed line between documents" "$(od -c "$T/out" | grep -c '\\f  \\n')" "1"
eq "--body-only: no JSON" "$(grep -c '"schema"' "$T/out")" "0"
eq "--body-only: first line is the story" "$(head -n 1 "$T/out" | cut -c1-20)" "At least 12 people w"

# ---- --timeout: a document past the limit gets status "timeout" ----
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "At least 12 people were killed and 30 injured on Monday, officials said.\n" }' > "$T/slow.txt"
printf 'Two soldiers were killed.\n' > "$T/quick.txt"
run --timeout 0.001 slow.txt
rc_is "--timeout: exit 1" 1
eq "--timeout: status" "$(get .status)" "timeout"
eq "--timeout: nothing kept from the slow document" "$(getn 1 '.casualties|length') $(getn 1 '.claims|length')" "0 0"
eq "--timeout: named on stderr" "$(grep -c 'slow.txt: stopped at the --timeout limit' "$T/err")" "1"
run quick.txt
eq "default --timeout: a quick document is ok" "$(get .status)" "ok"
run --timeout 0 quick.txt
eq "--timeout 0: no limit" "$(get .status)" "ok"
run --timeout soon quick.txt
rc_is "--timeout with a non-number exits 2" 2

# ---- --tag-conllu: CoNLL-U in, UPOS and XPOS predicted, the rest as it was ----
printf '# sent_id = a\n# text = The report said so.\n1\tThe\tthe\t_\t_\t_\t0\t_\t_\t_\n2\treport\treport\tX\tX\t_\t0\t_\t_\t_\n3\tsaid\tsay\t_\t_\t_\t0\t_\t_\tSpaceAfter=No\n4\tso\tso\t_\t_\t_\t0\t_\t_\t_\n5\t.\t.\t_\t_\t_\t0\t_\t_\t_\n\n1-2\tdon'"'"'t\t_\t_\t_\t_\t_\t_\t_\t_\n1\tdo\tdo\t_\t_\t_\t0\t_\t_\t_\n2\tn'"'"'t\tnot\t_\t_\t_\t0\t_\t_\t_\n3\tgo\tgo\t_\t_\t_\t0\t_\t_\t_\n\n' > "$T/in.conllu"
run_in in.conllu --tag-conllu
rc_is "--tag-conllu: exit 0" 0
eq "--tag-conllu: comments and ranges kept, lines as many" "$(grep -c '^#' "$T/out") $(grep -c '^1-2	' "$T/out") $(wc -l < "$T/out" | tr -d ' ')" "2 1 13"
eq "--tag-conllu: UPOS and XPOS of 'report said'" "$(awk -F'\t' '$1==2 && $2=="report" {print $4, $5} $1==3 && $2=="said" {print $4, $5}' "$T/out" | tr '\n' ' ')" "NOUN NN VERB VBD "
eq "--tag-conllu: other columns as they were" "$(awk -F'\t' '$1==3 && $2=="said" {print $3, $10}' "$T/out")" "say SpaceAfter=No"
eq "--tag-conllu: second sentence tagged" "$(awk -F'\t' '$2=="go" {print $4}' "$T/out")" "VERB"
printf '1\tThe\n\n' > "$T/bad.conllu"
run_in bad.conllu --tag-conllu
rc_is "--tag-conllu: a short word line exits 1" 1
eq "--tag-conllu: the bad line is named and kept" "$(grep -c -- '-:1: a word line needs 10 tab-separated columns' "$T/err") $(head -n 1 "$T/out")" "1 1	The"
run --tag-conllu in.conllu
rc_is "--tag-conllu with a path is a usage error" 2

finish
