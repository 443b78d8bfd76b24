#!/bin/sh
# Long runs and crawl input: WARC/WET files (tests/warc/mkwarc.sh builds
# them), -o/--resume, signals, progress, --stats=json, --keep-fields,
# --files-from. Helpers: tests/cli/lib.sh.
cd "$(dirname "$0")/../.." || exit 1
SUITE=scale
. tests/cli/lib.sh

# get PATH: PATH of every record in $T/out, on one line, space separated
get() { "$JGET" -r "$1" < "$T/out" 2> /dev/null | tr '\n' ' ' | sed 's/ $//'; }
# lines FILE: its number of lines, 0 while it does not exist
lines() { if [ -f "$1" ]; then wc -l < "$1" | tr -d ' '; else echo 0; fi; }
# wait_lines FILE N: until FILE has N lines (at most 10 s; 200 s under
# make valgrind)
wait_lines() {
    n=0
    limit=1000
    if [ -n "${VALGRIND:-}" ]; then limit=20000; fi
    while [ "$(lines "$1")" -lt "$2" ] && [ $n -lt $limit ]; do
        sleep 0.01
        n=$((n + 1))
    done
}
ID=urn:uuid:00000000-0000-4000-8000-0000000000

sh tests/warc/mkwarc.sh "$T/w" || { nok "mkwarc" "could not build the WARC files"; finish; }

# ---- WARC and WET ----
run --with-text w/crawl.warc
eq "warc: exit 0" "$RC" 0
eq "warc: one record per HTML response" "$(get .source.id)" "<${ID}03> <${ID}05> <${ID}06> <${ID}07>"
eq "warc: urls from WARC-Target-URI (<> removed)" "$(get .meta.url)" \
    "https://news.example/flood https://news.example/fire https://news.example/bridge https://news.example/storm"
eq "warc: path is the WARC file" "$(get .source.path)" "w/crawl.warc w/crawl.warc w/crawl.warc w/crawl.warc"
eq "warc: statuses" "$(get .status)" "ok ok ok ok"
eq "warc: windows-1252 from the HTTP header" "$(sed -n 2p "$T/out" | "$JGET" -r .meta.encoding) $(sed -n 2p "$T/out" | "$JGET" -r .meta.encoding_source)" "windows-1252 http"
case $(sed -n 2p "$T/out" | "$JGET" -r .text) in
*"near Montréal on Tuesday"*"Renée Lefèvre"*) ok "warc: windows-1252 text decoded" ;;
*) nok "warc: windows-1252 text decoded" "$(sed -n 2p "$T/out" | "$JGET" -r .text)" ;;
esac
eq "warc: a page's own charset declaration" "$(sed -n 1p "$T/out" | "$JGET" -r .meta.encoding_source)" meta
eq "warc: gzip-encoded payload" "$(sed -n 3p "$T/out" | "$JGET" .summary)" '{"killed":6,"injured":9}'
case $(sed -n 4p "$T/out" | "$JGET" -r .text) in
"Two fishermen are missing after a storm struck the coast near Pellmar on Wednesday, the coast guard said."*"about 300 homes were evacuated as a precaution.") ok "warc: chunked payload" ;;
*) nok "warc: chunked payload" "$(sed -n 4p "$T/out" | "$JGET" -r .text)" ;;
esac
eq "warc: WARC-Date only when the page has no date" "$(get .meta.published_source)" "warc-date warc-date meta warc-date"
eq "warc: WARC-Date as published" "$(sed -n 1p "$T/out" | "$JGET" -r .meta.published)" "2024-03-05T10:00:03Z"
eq "warc: the page's own date first" "$(sed -n 3p "$T/out" | "$JGET" -r .meta.published)" "2024-03-04T08:30:00Z"
run w/crawl.warc
cp "$T/out" "$T/plain.out"
for f in crawl.warc.gz crawl-stream.warc.gz; do
    run "w/$f"
    eq "warc: $f gives the same records" "$(sed "s#w/$f#w/crawl.warc#g" "$T/out")" "$(cat "$T/plain.out")"
done
cp "$T/w/crawl.warc.gz" "$T/w/renamed.txt"
run w/renamed.txt
eq "warc: sniffed whatever the name" "$(get .source.id | wc -w | tr -d ' ')" 4
# a WARC file opens with a whole version line: text that merely starts
# with "WARC/" is read as what it is (here, JSON Lines)
printf 'WARC/2{"id":"a","text":"Two people were killed."}\n{"id":"b","text":"Three people were injured."}\n' > "$T/w/notwarc.jsonl"
run --jsonl w/notwarc.jsonl
records "warc: a JSONL line starting WARC/2 is no WARC file" 2
eq "warc: ... the next line is read" "$(getn 2 .source.id)" "b"
IN=$T/w/crawl.warc.gz run --stats
IN=
eq "warc: on standard input" "$(get .source.path)" "- - - -"
eq "warc: --stats counts what is not a document" "$(grep -o '10 WARC records[^;]*' "$T/err")" \
    "10 WARC records, 6 not documents (1 warcinfo, 1 request, 1 metadata, 1 revisit, 1 not_text, 1 http_status)"
eq "--stats: CPU seconds by stage" "$(grep -o 'CPU by stage: [a-z]* [0-9.]* s, [a-z]*' "$T/err" | sed 's/[0-9][0-9.]* s/T s/g')" \
    "CPU by stage: document T s, language"
run --stats=json w/crawl.warc
printf '%s\n' "$(tail -n 1 "$T/err")" > "$T/stats.json"
eq "--stats=json: WARC kinds" "$("$JGET" .warc < "$T/stats.json")" \
    '{"records":10,"skipped":{"warcinfo":1,"request":1,"metadata":1,"revisit":1,"other_type":0,"not_text":1,"http_status":1}}'
eq "--stats=json: counts" "$("$JGET" '.documents' < "$T/stats.json") $("$JGET" '.records' < "$T/stats.json") $("$JGET" '.failed' < "$T/stats.json") $("$JGET" '.signal' < "$T/stats.json")" "4 4 0 null"
eq "--stats=json: CPU seconds by stage, in pipeline order" \
    "$("$JGET" .cpu_seconds < "$T/stats.json" | sed 's/:[0-9.e-]*/:N/g')" \
    '{"document":N,"language":N,"segment":N,"tokens":N,"casualty":N,"actors":N,"claims":N,"output":N}'
run --stats=yaml w/crawl.warc
eq "--stats=yaml: usage error" "$RC" 2

for f in crawl.wet crawl.wet.gz; do
    run "w/$f"
    eq "wet: $f: one record per conversion" "$(get .source.id)" "<${ID}22> <${ID}23>"
    eq "wet: $f: urls and format" "$(get .meta.url) $(get .source.format)" \
        "https://news.example/clashes https://news.example/landslide text text"
    eq "wet: $f: figures" "$("$JGET" .summary < "$T/out" | tr '\n' ' ')" '{"killed":9,"injured":31} {"missing":23} '
done

run w/truncated.warc
eq "truncated: exit 1" "$RC" 1
eq "truncated: the rest still comes out" "$(get .source.id) $(get .status)" "<${ID}31> <${ID}32> <${ID}33> ok error ok"
eq "truncated: stderr names file and byte offset" "$(cat "$T/err")" \
    "newsclaims: w/truncated.warc: record at byte 787: truncated after 478 bytes: its Content-Length runs into the next record"
eq "truncated: the error record says so" "$(sed -n 2p "$T/out" | "$JGET" -r '.errors[0]')" \
    "record at byte 787: truncated after 478 bytes: its Content-Length runs into the next record"
run w/truncated.warc.gz
eq "truncated member: the rest still comes out" "$(get .source.id) $(get .status)" "<${ID}31> <${ID}32> <${ID}33> ok error ok"
case $(cat "$T/err") in
"newsclaims: w/truncated.warc.gz: record at byte 517: truncated after "*"corrupt gzip data"*) ok "truncated member: byte offset of the member" ;;
*) nok "truncated member: byte offset of the member" "$(cat "$T/err")" ;;
esac
run w/cut-end.warc
eq "cut at the end: error record for the last" "$(get .source.id) $(get .status)" "<${ID}41> <${ID}42> ok error"

mkdir "$T/crawl"
cp "$T/w/crawl.warc.gz" "$T/w/crawl.wet" "$T/w/truncated.warc" "$T/crawl/"
run --jobs 1 crawl
cp "$T/out" "$T/j1.out"
run --jobs 4 crawl
eq "warc: a folder's .warc.gz and .wet files are read" "$(wc -l < "$T/out" | tr -d ' ')" 9
if cmp -s "$T/out" "$T/j1.out"; then ok "warc: --jobs 4 identical to --jobs 1"; else nok "warc: --jobs 4 identical to --jobs 1" "outputs differ"; fi

# ---- JSON Lines input for the long-run tests ----
i=0
: > "$T/in.jsonl"
while [ $i -lt 300 ]; do
    i=$((i + 1))
    printf '{"id":"d%d","text":"At least %d people were killed in the flood in Varnholm, officials said.","section":"s%d"}\n' \
        $i $i $((i % 7)) >> "$T/in.jsonl"
done
run --jsonl --jobs 2 in.jsonl
cp "$T/out" "$T/full.out"
cp "$T/in.jsonl" "$T/in300.jsonl"
# documents 101 on use the JIT for the rules the first hundred called
# often, the interpreter for the rest; which one never depends on --jobs
run --jsonl --jobs 1 in.jsonl
if cmp -s "$T/out" "$T/full.out"; then ok "300 documents: --jobs 2 identical to --jobs 1"; else nok "300 documents: --jobs 2 identical to --jobs 1" "outputs differ"; fi

# ---- -o FILE ----
run --jsonl -o o.jsonl in.jsonl
eq "-o: nothing on stdout" "$(wc -c < "$T/out" | tr -d ' ')" 0
if cmp -s "$T/o.jsonl" "$T/full.out"; then ok "-o: the records in FILE"; else nok "-o: the records in FILE" "differs from stdout output"; fi
run --resume in.jsonl
eq "--resume without -o: usage error" "$RC" 2
run --resume --pretty -o o.jsonl in.jsonl
eq "--resume --pretty: usage error" "$RC" 2

# ---- --resume after a run killed half-way ----
# 3000 lines; the first run is killed (SIGKILL: nothing it can do) once it
# has written 300 records; a torn line is added as a kill while writing
# would leave it; the resumed run gets all the lines again.
i=0
: > "$T/in.jsonl"
while [ $i -lt 10 ]; do
    i=$((i + 1))
    sed "s/\"id\":\"d/\"id\":\"r$i-/" "$T/in300.jsonl" >> "$T/in.jsonl"
done
(cd "$T" && exec "$NC" --jsonl --jobs 2 -o killed.jsonl in.jsonl 2> killed.err) &
pid=$!
wait_lines "$T/killed.jsonl" 300
kill -KILL $pid 2> /dev/null
wait $pid 2> /dev/null
done_before=$(lines "$T/killed.jsonl")
if [ "$done_before" -ge 300 ] && [ "$done_before" -lt 3000 ]; then
    ok "resume: the first run killed half-way ($done_before of 3000 records)"
else
    nok "resume: the first run killed half-way" "$done_before of 3000 records"
fi
printf '{"schema":"newsclaims/2","source":{"path":"in.jsonl","id":"r1-12' >> "$T/killed.jsonl"
run --jsonl --jobs 2 --resume --stats -o killed.jsonl in.jsonl
eq "resume: exit 0" "$RC" 0
case $(cat "$T/err") in
*"cut a torn last line; resuming after $done_before records"*"$((3000 - done_before)) records"*"$done_before already in the output"*)
    ok "resume: torn line cut, the records there skipped, the rest appended" ;;
*) nok "resume: torn line cut, the records there skipped, the rest appended" "$(oneline "$(cat "$T/err")")" ;;
esac
"$JGET" -r .source.id < "$T/killed.jsonl" | sort > "$T/ids"
eq "resume: every input exactly once" "$(wc -l < "$T/ids" | tr -d ' ') $(uniq -d "$T/ids" | wc -l | tr -d ' ')" "3000 0"
run --jsonl --jobs 2 in.jsonl
sort "$T/out" > "$T/full.sorted"
sort "$T/killed.jsonl" > "$T/killed.sorted"
if cmp -s "$T/full.sorted" "$T/killed.sorted"; then ok "resume: the records of an uninterrupted run"; else nok "resume: the records of an uninterrupted run" "sorted outputs differ"; fi
run --jsonl --resume --stats -o killed.jsonl in.jsonl
eq "resume: nothing left to do" "$(lines "$T/killed.jsonl") $(grep -c '3000 already in the output' "$T/err")" "3000 1"
printf 'not a record\n{"schema":"newsclaims/2"}\n' > "$T/bad.jsonl"
run --jsonl --resume -o bad.jsonl in.jsonl
eq "resume: a file that is not records: usage error" "$RC $(cat "$T/err")" \
    "2 newsclaims: bad.jsonl:1: not a newsclaims record (one JSON record per line): cannot resume"
run --resume -o warc.out w/crawl.warc w/truncated.warc
head -n 3 "$T/warc.out" > "$T/warc.part"
mv "$T/warc.part" "$T/warc.out"
run --resume -o warc.out w/crawl.warc w/truncated.warc
eq "resume: WARC records by source.id" "$("$JGET" -r .source.id < "$T/warc.out" | tr '\n' ' ')" \
    "<${ID}03> <${ID}05> <${ID}06> <${ID}07> <${ID}31> <${ID}32> <${ID}33> "

# ---- SIGTERM and SIGINT: whole lines only ----
i=0
: > "$T/many.jsonl"
while [ $i -lt 40 ]; do
    i=$((i + 1))
    cat "$T/in300.jsonl" >> "$T/many.jsonl"
done
for sig in TERM INT; do
    rm -f "$T/sig.jsonl"
    (cd "$T" && exec "$NC" --jsonl --jobs 2 -o sig.jsonl many.jsonl 2> sig.err) &
    pid=$!
    wait_lines "$T/sig.jsonl" 50
    kill -$sig $pid
    wait $pid
    rc=$?
    want=143
    [ $sig = INT ] && want=130
    lines=$(wc -l < "$T/sig.jsonl" | tr -d ' ')
    good=$("$JGET" -r .schema < "$T/sig.jsonl" 2> /dev/null | grep -c '^newsclaims/2$')
    eq "SIG$sig: exit $want" "$rc" $want
    if [ "$lines" -gt 0 ] && [ "$lines" -lt 12000 ] && [ "$lines" = "$good" ] && [ "$(tail -c 1 "$T/sig.jsonl" | od -An -c | tr -d ' ')" = '\n' ]; then
        ok "SIG$sig: only whole records ($lines of 12000)"
    else
        nok "SIG$sig: only whole records" "$lines lines, $good records"
    fi
    head -n "$lines" "$T/many.jsonl" | "$JGET" -r .id > "$T/want.ids"
    "$JGET" -r .source.id < "$T/sig.jsonl" > "$T/got.ids"
    if cmp -s "$T/want.ids" "$T/got.ids"; then ok "SIG$sig: the records of the first inputs, in order"; else nok "SIG$sig: the records of the first inputs, in order" "ids differ"; fi
    eq "SIG$sig: nothing on stderr" "$(cat "$T/sig.err")" ""
done

# ---- progress ----
if command -v script > /dev/null 2>&1; then
    (cd "$T" && script -qec "'$NC' --jsonl in300.jsonl > p.out" /dev/null > pty.txt 2>&1)
    case $(cat "$T/pty.txt") in
    *"newsclaims: 300 documents, "*"/s, "*" elapsed, done"*) ok "progress: on a terminal" ;;
    *) nok "progress: on a terminal" "$(oneline "$(cat "$T/pty.txt")")" ;;
    esac
    (cd "$T" && script -qec "'$NC' --jsonl --no-progress in300.jsonl > p.out" /dev/null > pty.txt 2>&1)
    eq "progress: --no-progress on a terminal" "$(cat "$T/pty.txt")" ""
else
    echo "ok - progress: on a terminal # SKIP no script(1)"
fi
run --jsonl in300.jsonl
eq "progress: none when stderr is not a terminal" "$(cat "$T/err")" ""
run --jsonl --progress in300.jsonl
case $(tail -n 1 "$T/err") in
"newsclaims: 300 documents, "*"/s, "*" elapsed, done") ok "progress: --progress into a file" ;;
*) nok "progress: --progress into a file" "$(oneline "$(cat "$T/err")")" ;;
esac

# ---- --keep-fields ----
printf '%s\n' '{"id":"k1","section":"world","text":"Two people were injured in Dravik.","n":12345678901234567890,"tags":["a", "b"],"nested":{"x":[1,{"y":"z"}]},"nul":null}' \
    '{"id":"k2","text":"Nothing happened.","n":7}' \
    '{"id":"k3","text":"Bad \u0001 line",' > "$T/keep.jsonl"
printf '{"id":"k4","text":"x","s":"caf\351 \001"}\n' >> "$T/keep.jsonl"
run --jsonl --keep-fields section,n,tags,nested,nul,missing keep.jsonl
sed -n 's/.*\("fields":.*\)},"meta".*/\1/p' "$T/out" > "$T/fields"
eq "--keep-fields: values as written, in input order" "$(sed -n 1p "$T/fields")" \
    '"fields":{"section":"world","n":12345678901234567890,"tags":["a","b"],"nested":{"x":[1,{"y":"z"}]},"nul":null}'
eq "--keep-fields: only the fields a line has" "$(sed -n 2p "$T/fields")" '"fields":{"n":7}'
eq "--keep-fields: a malformed line" "$(sed -n 3p "$T/out" | "$JGET" .source.fields)" '{}'
run --jsonl --keep-fields all keep.jsonl
eq "--keep-fields all: every field but the text" "$(sed -n 2p "$T/out" | "$JGET" .source.fields)" '{"id":"k2","n":7}'
eq "--keep-fields: invalid UTF-8 and control characters made safe" "$(sed -n 4p "$T/out" | "$JGET" .source.fields)" '{"id":"k4","s":"caf� \u0001"}'
run --keep-fields all w/crawl.wet
eq "--keep-fields: {} for input without fields" "$("$JGET" .source.fields < "$T/out" | tr '\n' ' ')" '{} {} '
run --jsonl --keep-fields 'a,,b' keep.jsonl
eq "--keep-fields a,,b: usage error" "$RC" 2

# ---- --files-from ----
mkdir -p "$T/list/sub"
printf 'At least 3 people were killed in Dravik, police said.\n' > "$T/list/a.txt"
printf 'Five soldiers were injured near Pellmar, officials said.\n' > "$T/list/sub/b.txt"
printf 'Two fishermen are missing, the coast guard said.\n' > "$T/list/odd
name.txt"
printf '%s\n' list/a.txt '' list/missing.txt list/sub w/crawl.wet > "$T/paths.txt"
run --files-from paths.txt
eq "--files-from: records in list order, folders walked" "$(get .source.path)" \
    "list/a.txt list/missing.txt list/sub/b.txt w/crawl.wet w/crawl.wet"
eq "--files-from: a missing file gets its error record" "$RC $(sed -n 2p "$T/out" | "$JGET" -r .status)" "1 error"
run w/crawl.warc --files-from paths.txt
eq "--files-from: after the command-line paths" "$(get .source.path | cut -d' ' -f1,5)" "w/crawl.warc list/a.txt"
IN=$T/paths.txt run --files-from -
eq "--files-from -: the list on standard input" "$(get .source.path)" \
    "list/a.txt list/missing.txt list/sub/b.txt w/crawl.wet w/crawl.wet"
(cd "$T" && printf 'list/odd\nname.txt\000list/a.txt\000\000' > paths0)
run --files-from paths0 -0
eq "--files-from -0: NUL-separated, a newline inside a name" "$("$JGET" .summary < "$T/out" | tr '\n' ' ')" \
    '{"missing":2} {"killed":3} '
run -0 list/a.txt
eq "-0 without --files-from: usage error" "$RC" 2
run --files-from nowhere.txt
eq "--files-from a missing list: exit 2, said" "$RC $(cat "$T/err")" "2 newsclaims: nowhere.txt: No such file or directory"
printf 'in300.jsonl\n' > "$T/jlist"
run --jsonl --files-from jlist
eq "--files-from --jsonl: the listed streams" "$(lines "$T/out")" 300

finish
