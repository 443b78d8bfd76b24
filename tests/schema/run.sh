#!/bin/sh
# Schema tests (run from anywhere; works in the repository root).
#  1. the validator itself: an unsupported keyword is refused; oneOf, anyOf,
#     prefixItems, const, $ref and boolean schemas behave;
#  2. tests/schema/good/*.jsonl validate (with --semantic);
#  3. each tests/schema/bad/*.jsonl fails with exactly one violation, the one
#     its .expect file names; each tests/schema/bad_semantic/*.jsonl passes
#     the plain schema but fails --semantic the same way;
#  4. records written by $BUILD/newsclaims validate (schema + --semantic):
#     every tests/golden input with no flag, --explain, --with-text and
#     both, and the error/empty/JSONL edge cases.
# Prints "ok - NAME" / "not ok - NAME: detail" and "schema: N passed, N failed".
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
SCHEMA=docs/newsclaims-2.schema.json
CHECK=$BUILD/tests/schema_check
NC=${NC:-$BUILD/newsclaims}
pass=0
fail=0
T=$(mktemp -d "${TMPDIR:-/tmp}/nc-schema.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

ok() { pass=$((pass + 1)); echo "ok - $1"; }
nok() { fail=$((fail + 1)); echo "not ok - $1: $2"; }
# First lines of a file on one line, for details.
brief() { head -n "${2:-5}" "$1" | cut -c1-300 | tr '\n' '|'; }
finish() { echo "schema: $pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

if [ ! -x "$CHECK" ] || [ -n "$(find tests/schema/schema_check.c -newer "$CHECK")" ]; then
    mkdir -p "$BUILD/tests"
    # shellcheck disable=SC2046
    if ! ${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Iinclude -Isrc \
        tests/schema/schema_check.c -o "$CHECK" $(pkg-config --cflags --libs libcjson) -lm; then
        nok "build schema_check" "compiler failed"
        finish
    fi
fi

# ---- 1. the validator ----
printf '{"type":"object","maxLength":3}\n' > "$T/unsupported.json"
echo '{}' | "$CHECK" "$T/unsupported.json" > "$T/out" 2> "$T/err"
rc=$?
if [ $rc -eq 2 ] && grep -q 'unsupported keyword "maxLength"' "$T/err"; then
    ok "validator refuses a schema with an unsupported keyword"
else
    nok "validator refuses a schema with an unsupported keyword" "exit $rc; $(brief "$T/err")"
fi

# shellcheck disable=SC2016
printf '{"$ref":"#/$defs/missing"}\n' > "$T/badref.json"
echo '{}' | "$CHECK" "$T/badref.json" > "$T/out" 2> "$T/err"
rc=$?
# shellcheck disable=SC2016
if [ $rc -eq 2 ] && grep -q 'unresolvable \$ref' "$T/err"; then
    ok "validator refuses an unresolvable \$ref"
else
    nok "validator refuses an unresolvable \$ref" "exit $rc; $(brief "$T/err")"
fi

cat > "$T/mini.json" <<'EOF'
{
  "$defs": { "pos": { "type": "integer", "minimum": 1 } },
  "type": "object",
  "properties": {
    "a": { "oneOf": [ { "type": "string" }, { "$ref": "#/$defs/pos" } ] },
    "b": { "anyOf": [ { "const": 1 }, { "const": "x" } ] },
    "c": { "type": "array", "prefixItems": [ { "type": "string" }, { "type": "number" } ], "items": false },
    "d": { "oneOf": [ { "type": "number" }, { "type": "integer" } ] },
    "e": true,
    "f": false,
    "g": { "type": "string", "pattern": "^[a-z]+\\.[a-z]+$" },
    "h": { "type": "array", "items": { "enum": [ null, 2, "two", [ 2 ], { "n": 2 } ] } }
  },
  "additionalProperties": false
}
EOF
cat > "$T/mini-good.jsonl" <<'EOF'
{"a":"s","b":1,"c":["x",2]}

{"a":3,"b":"x","c":["y"],"d":1.5}
{"e":[1,{}],"g":"ab.cd","h":[null,2,"two",[2],{"n":2}],"a":2.0}
EOF
cat > "$T/mini-bad.jsonl" <<'EOF'
{"a":0}
{"a":null}
{"a":2.5}
{"b":2}
{"c":["x","y"]}
{"c":["x",1,2]}
{"d":1}
{"f":1}
{"z":1}
[1]
{"g":"ab.cd.ef"}
{"h":[3]}
{"h":[{"n":2,"m":1}]}
{"a":"s","a":"t"}
{"a":
EOF
"$CHECK" "$SCHEMA" < /dev/null > /dev/null 2> "$T/err"
rc=$?
if [ $rc -eq 1 ] && [ ! -s "$T/err" ]; then
    ok "validator accepts docs/newsclaims-2.schema.json; no record read is a failure"
else
    nok "validator accepts docs/newsclaims-2.schema.json; no record read is a failure" "exit $rc; $(brief "$T/err")"
fi
"$CHECK" "$T/mini.json" "$T/mini-good.jsonl" > "$T/out" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ "$(tail -n 1 "$T/out")" = "schema: 3 records valid, 0 invalid" ]; then
    ok "validator: oneOf/anyOf/prefixItems/const/\$ref/enum accept valid values"
else
    nok "validator: oneOf/anyOf/prefixItems/const/\$ref/enum accept valid values" "exit $rc; $(brief "$T/out" 8)"
fi
"$CHECK" "$T/mini.json" - < "$T/mini-bad.jsonl" > "$T/out" 2>&1
rc=$?
lines=$(grep -o '^-:[0-9]*:' "$T/out" | sort -u | wc -l | tr -d ' ')
if [ $rc -eq 1 ] && [ "$lines" -eq 15 ] &&
    [ "$(tail -n 1 "$T/out")" = "schema: 0 records valid, 15 invalid" ]; then
    ok "validator: each of 15 invalid values is reported"
else
    nok "validator: each of 15 invalid values is reported" "exit $rc, $lines lines reported; $(brief "$T/out" 30)"
fi

# ---- 2. good fixtures ----
for f in tests/schema/good/*.jsonl; do
    [ -e "$f" ] || continue
    "$CHECK" --semantic "$SCHEMA" "$f" > "$T/out" 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then ok "good: $f"; else nok "good: $f" "exit $rc; $(brief "$T/out")"; fi
done

# ---- 3. bad fixtures ----
# bad_one DIR-LABEL FILE [--semantic]: exactly one violation, matching FILE's .expect
bad_one() {
    label=$1 f=$2
    shift 2
    "$CHECK" "$@" "$SCHEMA" "$f" > "$T/out" 2>&1
    rc=$?
    n=$(grep -c "^$f:1: " "$T/out")
    exp=${f%.jsonl}.expect
    if [ $rc -ne 1 ]; then
        nok "$label: $f" "exit $rc, expected 1; $(brief "$T/out")"
    elif [ "$n" -ne 1 ]; then
        nok "$label: $f" "$n violations, expected exactly 1; $(brief "$T/out")"
    elif [ -f "$exp" ] && ! grep -qF -- "$(head -n 1 "$exp")" "$T/out"; then
        nok "$label: $f" "violation is not '$(head -n 1 "$exp")': $(brief "$T/out")"
    else
        ok "$label: $f"
    fi
}
for f in tests/schema/bad/*.jsonl; do
    [ -e "$f" ] || continue
    bad_one bad "$f"
done
for f in tests/schema/bad_semantic/*.jsonl; do
    [ -e "$f" ] || continue
    if "$CHECK" "$SCHEMA" "$f" > "$T/out" 2>&1; then
        bad_one "bad_semantic" "$f" --semantic
    else
        nok "bad_semantic: $f" "should pass the plain schema: $(brief "$T/out")"
    fi
done

# ---- 4. records written by newsclaims ----
if [ ! -x "$NC" ]; then
    nok "newsclaims records" "$NC is not built"
    finish
fi

# produced NAME EXPECTED-EXIT ARGS...: run newsclaims (stdin /dev/null unless
# ARGS redirect), then validate its output
produced() {
    name=$1 want=$2
    shift 2
    "$NC" "$@" > "$T/rec.jsonl" 2> "$T/err" < "${STDIN:-/dev/null}"
    rc=$?
    if [ "$want" != any ] && [ $rc -ne "$want" ]; then
        nok "$name" "newsclaims exit $rc, expected $want; $(brief "$T/err")"
        return
    fi
    if "$CHECK" --semantic "$SCHEMA" "$T/rec.jsonl" > "$T/out" 2>&1; then
        ok "$name"
    else
        nok "$name" "$(brief "$T/out" 8)"
    fi
}

for x in tests/golden/*.txt tests/golden/*.html; do
    [ -e "$x" ] || continue
    produced "records: $x" 0 "$x"
    produced "records: $x --explain" 0 --explain "$x"
    produced "records: $x --with-text" 0 --with-text "$x"
    produced "records: $x --explain --with-text" 0 --explain --with-text "$x"
done
produced "records: tests/golden (directory, --jobs 3 --explain --with-text)" 0 \
    --jobs 3 --explain --with-text tests/golden

: > "$T/empty.txt"
printf 'Two people were killed \377 in the \376 flood, \377 police said.\n' > "$T/badutf8.txt"
printf 'PK\003\004\000\000binary\000data\n' > "$T/binary.txt"
printf '\037\213\010\000\000\000\000\000\000\003garbage' > "$T/corrupt.txt.gz"
printf '<html><head><title>Quake</title></head><body><p>At least 3 people were injured in the quake, officials said.</p></body></html>\n' > "$T/page.html"
printf '%s\n' '{"id":"w1","url":"https://news.example.org/w1","title":"Quake","text":"At least 3 people were injured in the quake."}' \
    '' '{"id":"w2","text":' '{"id":7,"text":"No one was hurt."}' '[1,2]' '{"id":"w4"}' > "$T/feed.jsonl"
produced "records: empty file" 0 "$T/empty.txt"
produced "records: invalid UTF-8" 0 --with-text "$T/badutf8.txt"
produced "records: binary file" 1 "$T/binary.txt"
produced "records: missing file" 1 "$T/does-not-exist.txt"
produced "records: corrupt gzip" 1 "$T/corrupt.txt.gz"
produced "records: html" 0 --with-text --explain "$T/page.html"
produced "records: jsonl with bad lines" 1 --jsonl --with-text "$T/feed.jsonl"
produced "records: jsonl --keep-fields all" 1 --jsonl --keep-fields all "$T/feed.jsonl"
if sh tests/warc/mkwarc.sh "$T/warc"; then
    for w in "$T"/warc/*; do
        produced "records: WARC ${w##*/} --with-text" any --with-text "$w"
    done
else
    nok "records: WARC" "tests/warc/mkwarc.sh failed"
fi
STDIN=$T/page.html
produced "records: stdin" 0 --format auto
STDIN=$T/empty.txt
produced "records: empty stdin" 0 -
STDIN=

finish
