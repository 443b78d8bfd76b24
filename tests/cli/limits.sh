#!/bin/sh
# Limits of the command line: every input line or file gives exactly one
# record whatever its bytes (NUL bytes, over-long and endless lines, gzip
# bombs, lone surrogates), --timeout holds whatever the document's shape,
# the folder walk reports what it cannot enter, and options refuse values
# that would silently mean "no limit". Helpers: tests/cli/lib.sh.
cd "$(dirname "$0")/../.." || exit 1
SUITE=cli-limits
. tests/cli/lib.sh

# reason N: the first error of the N-th record
reason() { getn "$1" '.errors[0]'; }

# ---- JSON Lines: one record per line, whatever the line holds ----
GOOD1='{"id":"g1","text":"Two soldiers were killed on Monday, the army said."}'
GOOD2='{"id":"g2","text":"Three people were injured in the crash."}'
{ printf '%s\n' "$GOOD1"; printf '{"id":"n2","text":"raw \000 NUL"}\n'; printf '%s\n' "$GOOD2"; } > "$T/nul.jsonl"
run --jsonl nul.jsonl
rc_is "jsonl NUL inside a string: exit 1" 1
records "jsonl NUL inside a string: three lines, three records" 3
eq "jsonl NUL inside a string: ids and statuses" "$(get .source.id | tr '\n' ' ')$(get .status | tr '\n' ' ')" \
    "g1 null g2 ok error ok "
eq "jsonl NUL inside a string: the reason names the line" "$(reason 2)" "line 2: NUL byte at byte 24 (not allowed in JSON)"

{ printf '%s\n' "$GOOD1"; printf '\000\n'; printf '%s\n' "$GOOD2"; printf '{"id":"bad4"\n'; } > "$T/nulline.jsonl"
run --jsonl nulline.jsonl
records "jsonl line that is only a NUL: four lines, four records" 4
eq "jsonl line that is only a NUL: named line 2" "$(reason 2)" "line 2: NUL byte at byte 1 (not allowed in JSON)"
eq "jsonl line that is only a NUL: later line numbers unchanged" "$(reason 4)" "line 4: invalid JSON"

head -c 10485760 /dev/zero > "$T/zeros.jsonl"
run --jsonl zeros.jsonl
rc_is "jsonl 10 MB of NUL bytes: exit 1" 1
records "jsonl 10 MB of NUL bytes: one record" 1
eq "jsonl 10 MB of NUL bytes: why" "$(reason 1)" "line 1: NUL byte at byte 1 (not allowed in JSON)"
stderr_has "jsonl 10 MB of NUL bytes: named on stderr" "newsclaims: zeros.jsonl: line 1: NUL byte"

{ printf '%s\n' "$GOOD1"; printf '{"text":"'; head -c 5000 /dev/zero | tr '\000' 'x'; printf '"}\r\n'; printf '%s\r\n' "$GOOD2"; } > "$T/long.jsonl"
run --jsonl --max-bytes 1000 long.jsonl
rc_is "jsonl over-long line: exit 1" 1
records "jsonl over-long line: three records" 3
eq "jsonl over-long line: statuses" "$(get .status | tr '\n' ' ')" "ok error ok "
eq "jsonl over-long line: why" "$(reason 2)" "line 2: longer than the --max-bytes limit (1000 bytes)"
eq "jsonl over-long line: bytes seen" "$(getn 2 .source.bytes)" "5011"

if [ -r /dev/zero ]; then
    run --jsonl --max-bytes 1000 /dev/zero
    rc_is "jsonl /dev/zero: ends, exit 1" 1
    records "jsonl /dev/zero: one record" 1
    eq "jsonl /dev/zero: why" "$(reason 1)" \
        "line 1: longer than the --max-bytes limit (1000 bytes) and no end of line within 1073741824 bytes: the rest of the input is not read"
fi

# a gzip'd line that decompresses to 40 MB: refused as it streams, not held
{ printf '%s\n' "$GOOD1"; printf '{"text":"'; head -c 41943040 /dev/zero | tr '\000' 'y'; printf '"}\n'; printf '%s\n' "$GOOD2"; } |
    gzip -c > "$T/bomb.jsonl.gz"
run --jsonl --max-bytes 1048576 bomb.jsonl.gz
rc_is "jsonl gzip bomb line: exit 1" 1
records "jsonl gzip bomb line: three records" 3
eq "jsonl gzip bomb line: why" "$(reason 2)" "line 2: longer than the --max-bytes limit (1048576 bytes)"
eq "jsonl gzip bomb line: the next line is read" "$(getn 3 .source.id)" "g2"

# memory running out for a line: a record saying so, the next line read,
# exit 1 (not skipped under the sanitizers or valgrind, which need the
# address space ulimit -v takes away)
case $BUILD in *san*) nomem_ok= ;; *) nomem_ok=${VALGRIND:-yes} ;; esac
if [ "$nomem_ok" = yes ]; then
    { printf '{"text":"'; head -c 209715200 /dev/zero | tr '\000' 'a'; printf '"}\n'; printf '%s\n' "$GOOD2"; } | gzip -1 > "$T/oom.jsonl.gz"
    (cd "$T" && ulimit -v 300000 && $TO "$NC" --jsonl --jobs 1 --max-bytes 1000000000 oom.jsonl.gz > "$T/out" 2> "$T/err" < /dev/null)
    RC=$?
    rc_is "jsonl out of memory for a line: exit 1" 1
    records "jsonl out of memory for a line: two records" 2
    eq "jsonl out of memory for a line: why" "$(reason 1)" "line 1: out of memory (a line of at least 209715211 bytes)"
    eq "jsonl out of memory for a line: the next line is read" "$(getn 2 .source.id) $(getn 2 .status)" "g2 ok"
    rm -f "$T/oom.jsonl.gz"
else
    skip "jsonl out of memory for a line" "ulimit -v and the sanitizers or valgrind do not mix"
fi

# truncated gzip: the whole lines, then one record for the rest
{ printf '%s\n' "$GOOD1" "$GOOD2"; i=0; while [ $i -lt 300 ]; do printf '%s\n' "$GOOD2"; i=$((i + 1)); done; } | gzip -c > "$T/full.jsonl.gz"
head -c "$(($(wc -c < "$T/full.jsonl.gz") - 6))" "$T/full.jsonl.gz" > "$T/cut.jsonl.gz"
run --jsonl cut.jsonl.gz
rc_is "jsonl truncated gzip: exit 1" 1
eq "jsonl truncated gzip: the complete lines and one error" "$(nrecs) $(get .status | sort | uniq -c | awk '{ printf "%s %s ", $1, $2 }')" \
    "303 1 error 302 ok "
eq "jsonl truncated gzip: the error names the line" "$(getn 303 '.errors[0]')" "line 303: stream ends early: gzip data is truncated"

# a byte order mark, CRLF line ends, a lone surrogate
{ printf '\357\273\277%s\r\n' "$GOOD1"; printf '%s\r\n' '{"id":"s2","text":"Officials in Caf\udce9 said 5 people were injured."}'; } > "$T/bom.jsonl"
run --jsonl --with-text bom.jsonl
rc_is "jsonl BOM, CRLF, lone surrogate: exit 0" 0
eq "jsonl BOM, CRLF: statuses" "$(get .status | tr '\n' ' ')" "ok ok "
eq "jsonl lone surrogate: one U+FFFD" "$(getn 2 .text)" "Officials in Caf$(printf '\357\277\275') said 5 people were injured."
eq "jsonl lone surrogate: figure kept" "$(getn 2 .summary.injured)" "5"

# all of them in one file: a BOM on the first and on a later line, a NUL
# inside a string, a CR inside a line and CRLF ends, an over-long line, a
# line of NULs, a last line without its newline: one record per line, in
# order, each failure named by its line number
{ printf '\357\273\277%s\r\n' "$GOOD1"; printf '{"id":"x2","text":"raw \000 NUL"}\n'
  printf '{"id":"x3",\r"text":"Four people were injured in the blast."}\r\n'
  printf '\357\273\277{"id":"x4","text":"Six people were injured."}\n'
  printf '{"id":"x5","text":"'; head -c 3000 /dev/zero | tr '\000' 'x'; printf '"}\r\n'
  printf '\000\000\r\n'; printf '%s' "$GOOD2"; } > "$T/mixed.jsonl"
run --jsonl --max-bytes 1000 mixed.jsonl
rc_is "jsonl every kind in one file: exit 1" 1
records "jsonl every kind in one file: seven lines, seven records" 7
eq "jsonl every kind in one file: ids and statuses" "$(get .source.id | tr '\n' ' ')$(get .status | tr '\n' ' ')" \
    "g1 null x3 x4 null null g2 ok error ok ok error error ok "
eq "jsonl every kind in one file: figures of the good lines" "$(get .summary | tr '\n' ' ')" \
    '{"killed":2} {} {"injured":4} {"injured":6} {} {} {"injured":3} '
eq "jsonl every kind in one file: failures by line number" "$(reason 2) | $(reason 5) | $(reason 6)" \
    "line 2: NUL byte at byte 24 (not allowed in JSON) | line 5: longer than the --max-bytes limit (1000 bytes) | line 6: NUL byte at byte 1 (not allowed in JSON)"
stderr_has "jsonl every kind in one file: line 5 named on stderr" "newsclaims: mixed.jsonl: line 5: longer than the --max-bytes limit"

# ---- --timeout holds whatever the document's shape ----
# elapsed NAME LIMIT ARGS...: runs newsclaims and checks the wall time;
# under valgrind only that it ends (everything is ~50x slower there)
now() { date +%s.%N; }
elapsed() {
    name=$1 limit=$2
    shift 2
    t0=$(now)
    run "$@"
    t=$(echo "$(now) - $t0" | bc)
    if [ -n "${VALGRIND:-}" ]; then
        ok "$name (ends; time not checked under valgrind)"
    elif [ "$(echo "$t < $limit" | bc)" = 1 ]; then
        ok "$name ($t s)"
    else
        nok "$name" "took $t s, limit $limit s"
    fi
}
# One run-on sentence full of figures: was quadratic (find_when rescanned
# the sentence for every figure; each figure repeats its sentence).
awk 'BEGIN { printf "Officials said "; for (i = 0; i < 1200; i++) printf "at least 5 people were killed and 3 injured in the town on Monday, "; print "police said." }' > "$T/runon.txt"
elapsed "timeout: run-on sentence of 80 KB ends in time" 10 --timeout 1 runon.txt
eq "timeout: run-on sentence gives one record" "$(nrecs)" "1"
run --timeout 0 runon.txt
eq "run-on sentence: every figure found" "$(get '.casualties|length')" "2400"
n=$(get '.casualties[0].sentence|length')
eq "run-on sentence: cut into sentences of at most 8 KiB" "$([ "$n" -le 8192 ] && [ "$n" -gt 4096 ] && echo yes)" "yes"
eq "run-on sentence: ten pieces" "$(get '.casualties[-1].sentence_index')" "9"
eq "run-on sentence: the time of the first and last figure" "$(get '.casualties[0].when') $(get '.casualties[-1].when')" "on Monday on Monday"

# Nested quotations, each opened by a cue: was quadratic in the claims
# extractor (cl_push, cl_words, cl_resolve).
awk 'BEGIN { printf "The minister said "; for (i = 0; i < 20000; i++) printf "He said \"she said "; printf "nothing"; for (i = 0; i < 20000; i++) printf "\""; print "." }' > "$T/nested.txt"
elapsed "timeout: nested quotes of 360 KB end in time" 10 --timeout 1 nested.txt
eq "timeout: nested quotes give one record" "$(nrecs)" "1"

# One element with 40,000 attributes: libxml2 compares each with all before.
awk 'BEGIN { printf "<html><body><p"; for (i = 0; i < 40000; i++) printf " a%d=\"v\"", i; print ">At least 5 people were killed, police said.</p></body></html>" }' > "$T/attrs.html"
elapsed "timeout: 40,000 attributes end in time" 10 --timeout 1 attrs.html
[ -n "${VALGRIND:-}" ] && run --timeout 0 attrs.html # read whole: memcheck is ~50x slower
eq "40,000 attributes: the page is read" "$(get .status) $(get .summary.killed)" "ok 5"
eq "40,000 attributes: the record says what was dropped" "$(get '.errors[0]')" "39744 attribute(s) dropped from elements with more than 256"

# A DOCTYPE's internal subset is not article text.
printf '<!DOCTYPE html [\n<!ENTITY foo "a > b">\n<!ELEMENT p ANY>\n]>\n<html><head><title>T</title></head><body><p>Two soldiers were killed on Monday, the army said.</p></body></html>\n' > "$T/dtd.html"
run --body-only dtd.html
eq "DTD internal subset: not in the text" "$(cat "$T/out")" "Two soldiers were killed on Monday, the army said."
run dtd.html
eq "DTD internal subset: title still read" "$(get .meta.title)" "T"

# ---- the folder walk ----
# a chain of folders whose entries link twice to the next one: each file once
mkdir -p "$T/chain"
i=0
while [ $i -le 16 ]; do
    mkdir -p "$T/chain/d$i"
    printf 'Two soldiers were killed.\n' > "$T/chain/d$i/f.txt"
    if [ $i -lt 16 ]; then ln -s "../d$((i + 1))" "$T/chain/d$i/x"; ln -s "../d$((i + 1))" "$T/chain/d$i/y"; fi
    i=$((i + 1))
done
run chain
rc_is "walk: doubled links: exit 0" 0
records "walk: doubled links: each of the 17 files once (not 2^16 times)" 17

# nesting past the limit: an error, with a record for the folder not entered
mkdir -p "$T/nest"
d=$T/nest
i=0
while [ $i -lt 258 ]; do d=$d/n; i=$((i + 1)); done
mkdir -p "$d"
printf 'Two soldiers were killed.\n' > "$T/nest/top.txt"
printf 'Two soldiers were killed.\n' > "$d/bottom.txt"
run nest
rc_is "walk: nesting past 256 levels: exit 1" 1
records "walk: nesting past 256 levels: the file above and one record for the folder" 2
eq "walk: nesting: the folder's record" "$(getn 1 .status) $(getn 1 '.errors[0]')" \
    "error folders nested too deeply (more than 256 levels): not entered"
eq "walk: nesting: the record names the folder 257 levels down" "$(getn 1 .source.path | awk -F/ '{ print NF }')" "257"
stderr_has "walk: nesting: named on stderr" "not entered"

# a folder it cannot read (as a user without the right: root reads anything)
if command -v setpriv > /dev/null 2>&1 && [ "$(id -u)" = 0 ] && [ -z "${VALGRIND:-}" ]; then
    U=$(mktemp -d "${TMPDIR:-/tmp}/nc-cli-walk.XXXXXX")
    chmod 755 "$U"
    mkdir -p "$U/corpus/closed"
    printf 'Two soldiers were killed.\n' > "$U/corpus/a.txt"
    printf 'Two soldiers were killed.\n' > "$U/corpus/closed/b.txt"
    chmod 000 "$U/corpus/closed"
    (cd "$U" && setpriv --reuid=65534 --regid=65534 --clear-groups "$NC" corpus > "$T/out" 2> "$T/err" < /dev/null)
    RC=$?
    rc_is "walk: unreadable folder: exit 1" 1
    eq "walk: unreadable folder: a record for it, after a.txt" \
        "$(get .source.path | tr '\n' ' ')$(getn 2 '.errors[0]')" "corpus/a.txt corpus/closed cannot read folder: Permission denied"
    stderr_has "walk: unreadable folder: named on stderr" "newsclaims: corpus/closed: cannot read folder: Permission denied"
    chmod 755 "$U/corpus/closed"
    rm -rf "$U"
else
    skip "walk: unreadable folder" "needs root and setpriv to run as another user"
fi

# FIFOs and devices in a folder are never opened; named, a FIFO is read
mkdir -p "$T/special"
printf 'Two soldiers were killed.\n' > "$T/special/a.txt"
mkfifo "$T/special/b.txt"
ln -s /dev/zero "$T/special/c.txt"
run --stats special
rc_is "walk: FIFO and device in a folder: exit 0, no wait" 0
records "walk: FIFO and device in a folder: skipped" 1
eq "walk: FIFO and device counted as skipped" "$(grep -o '[0-9]* files skipped' "$T/err")" "2 files skipped"
(printf 'Three people were injured.\n' > "$T/special/b.txt" &)
run special/b.txt
eq "a FIFO named on the command line is read" "$(get .summary.injured)" "3"

# a FIFO named like a rules file: an error, not a hang
mkdir -p "$T/rules"
cp "$ROOT"/data/rules/*.rules "$T/rules/"
mkfifo "$T/rules/zz.rules"
run --rules rules --check-rules
rc_is "--rules with a FIFO named like a rules file: exit 2" 2
stderr_has "--rules with a FIFO: says why" "rules/zz.rules:0: not a regular file"

# ---- options that would silently mean "no limit" ----
printf 'Two soldiers were killed.\n' > "$T/one.txt"
for v in ' -1' -1 '+5' ''; do
    run --max-bytes "$v" one.txt
    rc_is "--max-bytes '$v' refused" 2
done
for v in nan NaN inf -1 ' nan'; do
    run --timeout "$v" one.txt
    rc_is "--timeout '$v' refused" 2
done
run --timeout 0.5 one.txt
if [ -n "${VALGRIND:-}" ] && [ "$RC" = 1 ]; then
    ok "--timeout 0.5 accepted (under valgrind the document may run past it)"
else
    rc_is "--timeout 0.5 accepted" 0
fi

# ---- output into a full disk: an error, not exit 0 ----
if [ -w /dev/full ]; then
    for args in --help --version --check-rules one.txt; do
        (cd "$T" && $TO "$NC" $args > /dev/full 2> "$T/err" < /dev/null)
        RC=$?
        rc_is "$args into a full disk: exit 1" 1
        stderr_has "$args into a full disk: says so" "newsclaims: error writing output: No space left on device"
    done
fi

# ---- a 3 GB sparse file with a large --max-bytes: binary at its first KiB ----
if truncate -s 3G "$T/sparse.txt" 2> /dev/null; then
    elapsed "3 GB sparse file: refused at once" 10 --max-bytes 4000000000 sparse.txt
    eq "3 GB sparse file: binary" "$(get .status) $(get '.errors[0]')" "error binary file (NUL bytes)"
    rm -f "$T/sparse.txt"
fi

# ---- 100,000 rules load in linear time (the duplicate-id check compared all pairs) ----
mkdir -p "$T/many"
cp "$ROOT"/data/rules/*.rules "$T/many/"
for k in 0 1 2 3; do
    awk -v k=$k 'BEGIN { for (i = k * 25000; i < (k + 1) * 25000; i++) {
        w = "slain" sprintf("%c%c%c", 97 + i % 26, 97 + int(i / 26) % 26, 97 + int(i / 676) % 26)
        printf "id: casualty.killed.gen%d\ncategory: killed\nkeywords: %s\npattern: \\b (?<count>\\d+) \\s+ people \\s+ %s \\b\nexample: Police said 3 people %s there. => killed 3\n\n", i, w, w, w } }' > "$T/many/zz-$k.rules"
done
printf 'Police said 3 people slaincba there.\n' > "$T/many.txt"
# the interpreter: JIT-compiling 100,000 patterns is the lazy-compile issue's
NEWSCLAIMS_NO_JIT=1 elapsed "100,000 rules load in linear time" 30 --rules many many.txt
eq "100,000 rules: a generated rule matches" "$(get '.casualties[0].rule')" "casualty.killed.gen28"
printf 'id: casualty.killed.gen77\ncategory: killed\npattern: (?<count>\\d+) dead\nexample: 3 dead => killed 3\n' > "$T/many/zz-9.rules"
NEWSCLAIMS_NO_JIT=1 run --rules many many.txt
rc_is "100,000 rules: a duplicate id is still found" 2
stderr_has "100,000 rules: the duplicate named with the first" "zz-9.rules:1: rule id casualty.killed.gen77 already defined at many/zz-0.rules:"
rm -rf "$T/many"

finish
