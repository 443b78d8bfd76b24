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

finish
