#!/bin/sh
# make bench: throughput (MB/s of text) and peak memory of the whole
# pipeline over a folder of articles. Uses the article bodies of
# ../shared/bench/article-body/ground-truth.json when present, else copies
# of the bundled sample and golden articles. Prints figures; asserts nothing
# (tests check behaviour, not time).
set -eu
BUILD=${BUILD:-build}
BIN=$BUILD/newsclaims
GT=../shared/bench/article-body/ground-truth.json
COPIES=${COPIES:-40}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT INT TERM

mkdir -p "$WORK/one"
if [ -f "$GT" ]; then
    cc -std=c11 -O2 tests/bench/gt2txt.c -o "$WORK/gt2txt" $(pkg-config --cflags --libs libcjson)
    n=$("$WORK/gt2txt" "$GT" "$WORK/one")
    echo "corpus: $n article bodies from $GT"
else
    for f in data/sample/article.txt tests/golden/*.txt; do cp "$f" "$WORK/one/$(basename "$f")"; done
    echo "corpus: bundled sample and golden articles (../shared not found)"
fi
# the corpus copied COPIES times, and 10 times more, to show memory stays flat
mkdir -p "$WORK/small" "$WORK/large"
i=1
while [ $i -le "$COPIES" ]; do cp -r "$WORK/one" "$WORK/small/c$i"; i=$((i + 1)); done
i=1
while [ $i -le 10 ]; do ln -s "$WORK/small" "$WORK/large/s$i"; i=$((i + 1)); done

bytes=$(cat "$WORK"/small/*/* | wc -c)
docs=$(ls "$WORK"/small/*/* | wc -l)
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: /usr/bin/time missing (apt-get install time)"; exit 1; }

run() { # label jobs dir
    "$TIME" -f "%e %M" -o "$WORK/t" "$BIN" --jobs "$2" "$3" > /dev/null
    read -r secs kb < "$WORK/t"
    echo "$1 $secs $kb"
}
# startup (rule compilation) alone, to separate it from per-document cost
"$TIME" -f "%e %M" -o "$WORK/t" sh -c "echo x | $BIN --jobs 1 > /dev/null"
read -r start_secs start_kb < "$WORK/t"

best=""
for r in 1 2 3; do
    set -- $(run small 1 "$WORK/small")
    if [ -z "$best" ] || [ "$(echo "$2 < $best" | bc -l 2>/dev/null || awk "BEGIN{print ($2 < $best)}")" = 1 ]; then best=$2; kb_small=$3; fi
done
set -- $(run large 1 "$WORK/large"); secs_large=$2; kb_large=$3
set -- $(run small "$(nproc)" "$WORK/small"); secs_par=$2

# HTML pages: the whole pipeline (charset, parse, body, metadata, all
# extractors) against libxml2's own parse (`xmllint --html --noout`) of
# the same ungzipped files, one job, best of 5 each.
HTML=../shared/bench/article-body/html
html_line="html: ../shared/bench/article-body/html not found: skipped"
if [ -d "$HTML" ]; then
    mkdir -p "$WORK/html"
    for f in "$HTML"/*.html.gz; do gzip -dc "$f" > "$WORK/html/$(basename "$f" .gz)"; done
    if command -v xmllint > /dev/null 2>&1; then
        best_x=""; best_n=""; kb_n=0
        for r in 1 2 3 4 5; do
            "$TIME" -f "%e %M" -o "$WORK/t" sh -c "xmllint --html --noout \"$WORK\"/html/*.html 2> /dev/null; true"
            read -r s kb < "$WORK/t"
            if [ -z "$best_x" ] || [ "$(awk "BEGIN{print ($s < $best_x)}")" = 1 ]; then best_x=$s; fi
            "$TIME" -f "%e %M" -o "$WORK/t" "$BIN" --jobs 1 "$WORK/html" > /dev/null
            read -r s kb < "$WORK/t"
            if [ -z "$best_n" ] || [ "$(awk "BEGIN{print ($s < $best_n)}")" = 1 ]; then best_n=$s; kb_n=$kb; fi
        done
        hbytes=$(cat "$WORK"/html/*.html | wc -c)
        html_line=$(awk -v x="$best_x" -v n="$best_n" -v kb="$kb_n" -v b="$hbytes" -v d="$(ls "$WORK/html" | wc -l)" 'BEGIN {
            printf "html: %d pages (%.1f MB): newsclaims %.2f s, xmllint --html --noout %.2f s, ratio %.2f (target <= 2); peak memory %d KB", d, b / 1e6, n, x, (x > 0 ? n / x : 0), kb }')
    else
        html_line="html: xmllint not installed (apt-get install libxml2-utils): ratio skipped"
    fi
fi

awk -v b="$bytes" -v d="$docs" -v s="$best" -v st="$start_secs" -v kbs="$kb_small" -v kbl="$kb_large" \
    -v sl="$secs_large" -v sp="$secs_par" -v j="$(nproc)" 'BEGIN {
    mb = b / 1e6
    printf "documents: %d (%.1f MB of text); 10x run: %d documents\n", d, mb, d * 10
    printf "startup (load and compile rules): %.2f s\n", st
    printf "throughput, 1 job: %.1f MB/s (%.2f s, best of 3, startup included)\n", mb / s, s
    printf "throughput, 1 job, 10x corpus: %.1f MB/s (%.2f s)\n", mb * 10 / sl, sl
    printf "throughput, %d jobs: %.1f MB/s (%.2f s)\n", j, mb / sp, sp
    printf "peak memory, 1 job: %d KB for %d documents, %d KB for %d documents\n", kbs, d, kbl, d * 10
}'
echo "$html_line"
