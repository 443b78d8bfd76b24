#!/bin/sh
# Builds the seed corpus of each fuzz harness from the test fixtures.
# usage: tests/fuzz/seeds.sh OUTDIR
set -eu
out=$1
mkdir -p "$out/text" "$out/html" "$out/jsonl" "$out/rules" "$out/numbers" "$out/input"
for f in data/sample/article.txt tests/golden/*.txt; do cp "$f" "$out/text/"; done
for f in tests/golden/*.html tests/unit/*.html; do [ -f "$f" ] && cp "$f" "$out/html/"; done
i=0
for f in data/sample/article.txt tests/golden/*.txt; do
    i=$((i + 1))
    printf '<html><head><title>t</title></head><body><p>%s</p></body></html>' "$(head -c 2000 "$f")" > "$out/html/gen$i.html"
    printf '{"id":%d,"title":"t","url":"u","text":"%s"}' "$i" "$(head -c 500 "$f" | tr -d '"\\\n\r')" > "$out/jsonl/line$i.json"
done
for f in data/rules/*.rules; do cp "$f" "$out/rules/"; done
n=0
for phrase in "at least 600" "about 4,100" "10,000–12,000" "between 10 and 12" "an estimated 4,700" \
              "twenty-five" "three hundred and twelve" "two dozen" "1.2 million" "4.7k" "dozens" "a"; do
    n=$((n + 1))
    printf '%s' "$phrase" > "$out/numbers/p$n"
done
mkdir -p "$out/warc"
sh tests/warc/mkwarc.sh "$out/warc.tmp" > /dev/null
for f in "$out"/warc.tmp/*; do printf '\007' | cat - "$f" > "$out/warc/${f##*/}"; done
rm -rf "$out/warc.tmp"
cp data/sample/article.txt "$out/input/plain"
gzip -c data/sample/article.txt > "$out/input/gz"
for d in tests/fuzz/regressions/*/; do
    [ -d "$d" ] || continue
    name=$(basename "$d")
    for f in "$d"*; do [ -f "$f" ] && cp "$f" "$out/$name/"; done
done
true
