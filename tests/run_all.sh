#!/bin/sh
# The whole test suite (`make check`). Run from the repository root; BUILD
# names the build directory (default: build).
#
# Steps, in order, each counted as one suite:
#   every $BUILD/tests/test_* unit-test binary
#   every $BUILD/tests/replay_* fuzz harness over tests/fuzz/regressions/
#   $BUILD/newsclaims --check-rules     (every rule's examples)
#   sh tests/schema/run.sh              (validator fixtures, records vs schema)
#   sh tests/schema/cspan.sh            (every span of every test document: its cspan)
#   sh tests/golden/run.sh              (records vs expected files)
#   sh tests/cli/run.sh                 (command-line behaviour)
#   sh tests/cli/scale.sh               (WARC/WET, -o, --resume, signals, progress, --keep-fields)
#   sh tests/cli/output.sh              (CSV, TSV, the HTML report in a browser)
#   sh tests/cli/shell.sh               (install: man page, completions, shared library)
# Each step prints a line "... N passed, N failed"; the last such line of a
# step is added up. A step that prints none, or exits non-zero while
# reporting no failure (a crash), counts as one more failure.
# The last line is "check: N passed, N failed"; the exit status is non-zero
# when anything failed.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
export BUILD
T=$(mktemp -d "${TMPDIR:-/tmp}/nc-check.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

total_pass=0
total_fail=0
bad_steps=

# step NAME COMMAND...: run, show its output, add up its summary line
step() {
    name=$1
    shift
    echo "== $name"
    rm -f "$T/rc"
    { "$@"; echo $? > "$T/rc"; } | tee "$T/out"
    rc=$(cat "$T/rc" 2> /dev/null || echo 1)
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$T/out" | tail -n 1)
    counts=$(printf ' %s\n' "$line" | sed -n 's/.*[^0-9]\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1 \2/p')
    if [ -z "$counts" ]; then
        p=0
        f=1
        echo "$name: no 'N passed, N failed' line (exit $rc)"
    else
        p=${counts% *}
        f=${counts#* }
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
            f=1
            echo "$name: exit status $rc although no failure was reported"
        fi
    fi
    total_pass=$((total_pass + p))
    total_fail=$((total_fail + f))
    if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
        bad_steps="$bad_steps $name"
    fi
}

# make valgrind sets VALGRIND to the memcheck command line: every binary,
# including newsclaims as the scripts run it, then runs under it.
V=${VALGRIND:-}
if [ -n "$V" ]; then
    NC="$T/newsclaims-valgrind"
    printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$V" "$(cd "$BUILD" && pwd)/newsclaims" > "$NC"
    chmod +x "$NC"
    export NC
fi

units=0
for t in "$BUILD"/tests/test_*; do
    if [ ! -f "$t" ] || [ ! -x "$t" ]; then continue; fi
    units=$((units + 1))
    step "$(basename "$t")" $V "$t"
done
[ "$units" -gt 0 ] || echo "(no unit-test binaries in $BUILD/tests)"

# the fuzz harnesses over their seed corpora and every input a fuzzer ever
# found (tests/fuzz/regressions/NAME, copied in by seeds.sh)
sh tests/fuzz/seeds.sh "$T/seeds"
for t in "$BUILD"/tests/replay_*; do
    if [ ! -f "$t" ] || [ ! -x "$t" ]; then continue; fi
    name=${t##*/replay_}
    step "$(basename "$t")" $V "$t" "$T/seeds/$name"
done

if [ -x "$BUILD/newsclaims" ]; then
    step rules $V "$BUILD/newsclaims" --check-rules
else
    step rules sh -c "echo '$BUILD/newsclaims is not built' >&2; exit 1"
fi
step schema sh tests/schema/run.sh
step cspan sh tests/schema/cspan.sh
step golden sh tests/golden/run.sh
step cli sh tests/cli/run.sh
step cli-limits sh tests/cli/limits.sh
step scale sh tests/cli/scale.sh
step output sh tests/cli/output.sh
step shell sh tests/cli/shell.sh

[ -z "$bad_steps" ] || echo "failed:$bad_steps"
echo "check: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ] && [ -z "$bad_steps" ]
