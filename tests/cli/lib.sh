# Shared by the CLI test scripts (sourced, not run): paths, the jget
# helper, a temporary directory $T, and the assertion helpers. Each script
# prints "ok - NAME" / "not ok - NAME: detail" lines and ends with finish,
# which prints "NAME: N passed, N failed" (NAME from $SUITE, default cli).
ROOT=$(pwd)
BUILD=${BUILD:-build}
case $BUILD in
/*) ;;
*) BUILD=$ROOT/$BUILD ;;
esac
NC=${NC:-$BUILD/newsclaims}
JGET=$BUILD/tests/jget
pass=0
fail=0
T=$(mktemp -d "${TMPDIR:-/tmp}/nc-cli.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

ok() { pass=$((pass + 1)); echo "ok - $1"; }
nok() { fail=$((fail + 1)); echo "not ok - $1: $2"; }
skip() { echo "ok - $1 # SKIP $2"; }
finish() { echo "${SUITE:-cli}: $pass passed, $fail failed"; [ "$fail" -eq 0 ]; exit $?; }
oneline() { printf '%s' "$1" | head -c 400 | tr '\n' '|'; }
errtext() { head -c 300 "$T/err" | tr '\n' ' '; }

if [ ! -x "$JGET" ] || [ -n "$(find tests/cli/jget.c -newer "$JGET")" ]; then
    mkdir -p "$BUILD/tests"
    # shellcheck disable=SC2046
    if ! ${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror tests/cli/jget.c \
        -o "$JGET" $(pkg-config --cflags --libs libcjson); then
        nok "build jget" "compiler failed"
        finish
    fi
fi
if [ ! -x "$NC" ]; then
    nok "newsclaims" "$NC is not built"
    finish
fi

TO=
if command -v timeout > /dev/null 2>&1; then TO="timeout 300"; fi

# ---- helpers ----
# run ARGS...: newsclaims in $T, stdin from /dev/null (or $IN when set);
# stdout in $T/out, stderr in $T/err, exit status in $RC.
run() {
    (cd "$T" && $TO "$NC" "$@" < "${IN:-/dev/null}" > "$T/out" 2> "$T/err")
    RC=$?
}
# run_in FILE ARGS...: same with FILE (relative to $T) as stdin
run_in() {
    IN=$T/$1
    shift
    run "$@"
    IN=
}
# get PATH: PATH of every record in $T/out, one line each (strings raw)
get() { "$JGET" -r "$1" < "$T/out" 2> /dev/null; }
# getn N PATH: PATH of the N-th output line's record
getn() { sed -n "${1}p" "$T/out" | "$JGET" -r "$2" 2> /dev/null; }
# has N PATH: whether the N-th record has PATH
has() { sed -n "${1}p" "$T/out" | "$JGET" "$2" > /dev/null 2>&1; }
# nlines: output lines; nrecs: JSON records in the output
nlines() { wc -l < "$T/out" | tr -d ' '; }
nrecs() { "$JGET" -r .schema < "$T/out" 2> /dev/null | grep -c '^newsclaims/2$'; }

# eq NAME ACTUAL EXPECTED
eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else nok "$1" "got '$(oneline "$2")', expected '$(oneline "$3")'"; fi
}
# rc_is NAME EXPECTED
rc_is() {
    if [ "$RC" = "$2" ]; then ok "$1"; else nok "$1" "exit $RC, expected $2; stderr: $(errtext)"; fi
}
# stderr_has NAME FIXED-STRING
stderr_has() {
    if grep -qF -- "$2" "$T/err"; then ok "$1"; else nok "$1" "stderr lacks '$2': $(errtext)"; fi
}
# records NAME N: exactly N records, one per line, all JSON objects
records() {
    l=$(nlines)
    r=$(nrecs)
    if [ "$l" = "$2" ] && [ "$r" = "$2" ]; then
        ok "$1"
    else
        nok "$1" "$l lines, $r records, expected $2; stderr: $(errtext)"
    fi
}

