#!/bin/sh
# make check-dask: runs examples/dask/newsclaims_dask.py on a
# distributed.LocalCluster with two workers, over a partitioned JSONL
# collection and over WARC/WET files, and checks that the records equal a
# local run byte for byte after sorting. Skips (exit 0, saying so) when
# Python's dask and distributed are not installed.
# usage: sh examples/dask/check.sh BUILD/newsclaims
cd "$(dirname "$0")/../.." || exit 1
NC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
# Debian's packages are for the system Python, which another python3 on
# PATH (pyenv, a virtualenv) may hide
PY=
for p in ${PYTHON:-} /usr/bin/python3 python3; do
    if "$p" -c 'import dask.bag, distributed' 2> /dev/null; then
        PY=$p
        break
    fi
done
if [ -z "$PY" ]; then
    echo "check-dask: SKIP: python3-dask and python3-distributed are not installed ('make deps' installs them)"
    exit 0
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/nc-dask.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
nok() { fail=$((fail + 1)); echo "not ok - $1: $2"; }

# a collection of 6 partitions: sentences varied by number, place and verb
mkdir "$T/parts"
i=0
for part in 1 2 3 4 5 6; do
    : > "$T/parts/part-$part.jsonl"
    for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        i=$((i + 1))
        case $((i % 4)) in
        0) s="At least $i people were killed when a bus overturned near Dravik, police said." ;;
        1) s="Officials said $i workers were injured in a fire at the Pellmar docks on Monday." ;;
        2) s="The ministry said about $((i * 10)) residents were evacuated from Varnholm." ;;
        3) s="No one was hurt, the mayor told reporters in Orvana." ;;
        esac
        printf '{"id":"p%s-%s","text":"%s","feed":"f%s","rank":%s}\n' "$part" "$k" "$s" "$((i % 3))" "$i" >> "$T/parts/part-$part.jsonl"
    done
done
gzip "$T/parts/part-6.jsonl"

"$PY" examples/dask/newsclaims_dask.py --local-workers 2 --binary "$NC" -o "$T/dask.jsonl" "$T/parts" \
    -- --keep-fields all > "$T/dask.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q "120 records from 6 partitions on 2 workers" "$T/dask.log"; then
    ok "dask: JSONL collection on a 2-worker LocalCluster"
else
    nok "dask: JSONL collection on a 2-worker LocalCluster" "exit $rc; $(tail -n 5 "$T/dask.log" | tr '\n' '|')"
fi
for f in "$T"/parts/*; do
    case $f in
    *.gz) gzip -dc "$f" ;;
    *) cat "$f" ;;
    esac
done | "$NC" --jsonl --keep-fields all - > "$T/local.jsonl" 2> /dev/null
sort "$T/dask.jsonl" > "$T/dask.sorted"
sort "$T/local.jsonl" > "$T/local.sorted"
if [ -s "$T/local.sorted" ] && cmp -s "$T/dask.sorted" "$T/local.sorted"; then
    ok "dask: JSONL records equal a local run ($(wc -l < "$T/local.sorted" | tr -d ' ') records, sorted)"
else
    nok "dask: JSONL records equal a local run" "$(diff "$T/dask.sorted" "$T/local.sorted" | head -c 300 | tr '\n' '|')"
fi

sh tests/warc/mkwarc.sh "$T/warc"
"$PY" examples/dask/newsclaims_dask.py --warc --local-workers 2 --binary "$NC" -o "$T/dask-warc.jsonl" \
    "$T/warc" > "$T/dask.log" 2>&1
rc=$?
"$NC" "$T"/warc/* > "$T/local-warc.jsonl" 2> /dev/null
sort "$T/dask-warc.jsonl" > "$T/dask.sorted"
sort "$T/local-warc.jsonl" > "$T/local.sorted"
if [ $rc -eq 0 ] && [ -s "$T/local.sorted" ] && cmp -s "$T/dask.sorted" "$T/local.sorted"; then
    ok "dask: WARC files, records equal a local run ($(wc -l < "$T/local.sorted" | tr -d ' ') records, sorted)"
else
    nok "dask: WARC files, records equal a local run" "exit $rc; $(tail -n 3 "$T/dask.log" | tr '\n' '|')"
fi
echo "check-dask: $pass passed, $fail failed"
[ $fail -eq 0 ]
