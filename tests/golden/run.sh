#!/bin/sh
# Golden tests: for each tests/golden/*.txt and *.html input X, the record
# `$BUILD/newsclaims X` writes (run from the repository root, so source.path
# is "tests/golden/NAME") must equal X.expected.json semantically: member
# order and formatting do not matter, values and array order do.
#
#   sh tests/golden/run.sh              compare; prints differences
#   UPDATE=1 sh tests/golden/run.sh     (re)write every X.expected.json
#
# An input without an expected file fails until UPDATE=1 creates it.
# Review `git diff tests/golden` after an update: it is the behaviour change.
# Prints "ok - NAME" / "not ok - NAME: detail" and "golden: N passed, N failed".
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
NC=${NC:-$BUILD/newsclaims}
CMP=$BUILD/tests/jsoncmp
pass=0
fail=0
T=$(mktemp -d "${TMPDIR:-/tmp}/nc-golden.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

ok() { pass=$((pass + 1)); echo "ok - $1"; }
nok() { fail=$((fail + 1)); echo "not ok - $1: $2"; }
finish() { echo "golden: $pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }

if [ ! -x "$CMP" ] || [ -n "$(find tests/golden/jsoncmp.c -newer "$CMP")" ]; then
    mkdir -p "$BUILD/tests"
    # shellcheck disable=SC2046
    if ! ${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror tests/golden/jsoncmp.c \
        -o "$CMP" $(pkg-config --cflags --libs libcjson); then
        nok "build jsoncmp" "compiler failed"
        finish
    fi
fi
if [ ! -x "$NC" ]; then
    nok "golden" "$NC is not built"
    finish
fi

for x in tests/golden/*.txt tests/golden/*.html; do
    [ -e "$x" ] || continue
    exp=$x.expected.json
    "$NC" "$x" > "$T/actual.json" 2> "$T/err" < /dev/null
    rc=$?
    if [ $rc -ne 0 ]; then
        nok "$x" "newsclaims exit $rc: $(head -c 300 "$T/err" | tr '\n' ' ')"
        continue
    fi
    if [ "${UPDATE:-0}" = 1 ]; then
        if "$CMP" --format "$T/actual.json" > "$T/new.json" 2> "$T/err"; then
            if [ -f "$exp" ] && "$CMP" "$exp" "$T/new.json" > /dev/null 2>&1; then
                ok "$x (unchanged)"
            else
                mv "$T/new.json" "$exp" && ok "$x (updated $exp)"
            fi
        else
            nok "$x" "output is not one JSON value: $(head -c 300 "$T/err")"
        fi
        continue
    fi
    if [ ! -f "$exp" ]; then
        nok "$x" "no $exp (review the output, then: UPDATE=1 sh tests/golden/run.sh)"
        continue
    fi
    "$CMP" "$exp" "$T/actual.json" > "$T/diff" 2>&1
    case $? in
    0) ok "$x" ;;
    1)
        nok "$x" "record differs from $exp (expected vs actual):"
        sed 's/^/#   /' "$T/diff"
        ;;
    *)
        nok "$x" "cannot compare: $(head -c 300 "$T/diff" | tr '\n' ' ')"
        ;;
    esac
done

finish
