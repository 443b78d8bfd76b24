#!/bin/sh
# make bench: newsclaims next to the simplest tools that read the same
# bytes, measured in the same run, as ratios (times move with the
# machine; ratios hold better). Every time is the median of RUNS runs of
# user + system CPU seconds from /usr/bin/time; peak memory is its maximum
# resident set. Prints a table; asserts nothing (tests check behaviour,
# not time).
#
#   text       newsclaims --jobs 1 on a folder of articles   vs  cat FILES | wc -w
#   start-up   newsclaims on a one-sentence document         vs  jq . on a tiny JSON file
#              (each run 20 times in a row)
#   scaling    one 10 MB document, per byte                  vs  100 KB documents of the same text
#   html       newsclaims --jobs 1 on the saved pages        vs  xmllint --html --noout on them
#   memory     peak memory for N documents                   vs  for 10 N documents
#   stages     where the text time goes: --stats' CPU seconds by pipeline stage
#
# The articles are the bodies of ../shared/bench/article-body/ground-truth.json
# when present (else the bundled sample and golden articles), copied COPIES
# times; the pages are ../shared/bench/article-body/html (skipped when absent).
set -eu
BUILD=${BUILD:-build}
BIN=$BUILD/newsclaims
GT=../shared/bench/article-body/ground-truth.json
HTML=../shared/bench/article-body/html
COPIES=${COPIES:-20}
RUNS=${RUNS:-5}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: /usr/bin/time missing (apt-get install time)"; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT INT TERM

# ---- material ----
mkdir -p "$WORK/one"
if [ -f "$GT" ]; then
    cc -std=c11 -O2 tests/bench/gt2txt.c -o "$WORK/gt2txt" $(pkg-config --cflags --libs libcjson)
    n=$("$WORK/gt2txt" "$GT" "$WORK/one")
    corpus="$n article bodies of $GT"
else
    for f in data/sample/article.txt tests/golden/*.txt; do cp "$f" "$WORK/one/$(basename "$f")"; done
    corpus="the bundled sample and golden articles (../shared not found)"
fi
mkdir -p "$WORK/text" "$WORK/large" "$WORK/k100"
i=1
while [ "$i" -le "$COPIES" ]; do cp -r "$WORK/one" "$WORK/text/c$i"; i=$((i + 1)); done
i=1
while [ "$i" -le 10 ]; do ln -s "$WORK/text" "$WORK/large/s$i"; i=$((i + 1)); done
# one 10 MB document of the articles, and the same text as 100 KB documents
# cut at paragraph ends. Only the articles newsclaims reads (status "ok"):
# a 100 KB document of an unsupported language is skipped whole, while the
# 10 MB one reads it with the rest, and the ratio would measure that, not
# how cost grows with size (9 of the 88 bodies are in other languages).
"$BIN" --jobs 1 "$WORK/one" | awk '/"status":"ok"/ { p = $0; sub(/^[^{]*\{"schema":"[^"]*","source":\{"path":"/, "", p); sub(/".*/, "", p); print p }' > "$WORK/read.list"
[ -s "$WORK/read.list" ] || ls "$WORK"/one/* > "$WORK/read.list"
# shellcheck disable=SC2046 # the paths are mktemp's and gt2txt's: no spaces
awk 'BEGIN { n = 0 } FNR == 1 && NR > 1 { print ""; n++ } { print }' $(cat "$WORK/read.list") > "$WORK/all.txt"
: > "$WORK/big.txt"
while [ "$(wc -c < "$WORK/big.txt")" -lt 10000000 ]; do
    cat "$WORK/all.txt" >> "$WORK/big.txt"
    echo >> "$WORK/big.txt"
done
awk -v dir="$WORK/k100" 'BEGIN { f = 0; n = 0; out = sprintf("%s/d%04d.txt", dir, f) }
    { print > out; n += length($0) + 1 }
    /^$/ && n >= 100000 { close(out); f++; n = 0; out = sprintf("%s/d%04d.txt", dir, f) }' "$WORK/big.txt"
printf 'At least 12 civilians were killed in shelling on Tuesday, the governor said.\n' > "$WORK/tiny.txt"
printf '{"a": 1}\n' > "$WORK/tiny.json"

# ---- timing: median CPU seconds (user + system) and max peak KB of RUNS runs ----
# measure NAME CMD...: sets M_CPU, M_KB
measure() {
    name=$1
    shift
    : > "$WORK/runs"
    r=0
    while [ "$r" -lt "$RUNS" ]; do
        "$TIME" -f "%U %S %M" -o "$WORK/t" sh -c "$*" > /dev/null 2>&1 || true
        tail -n 1 "$WORK/t" >> "$WORK/runs"
        r=$((r + 1))
    done
    M_CPU=$(awk '{ print $1 + $2 }' "$WORK/runs" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    M_KB=$(awk 'BEGIN { m = 0 } $3 > m { m = $3 } END { print m }' "$WORK/runs")
    echo "$name $M_CPU $M_KB" >> "$WORK/results"
}
have() { command -v "$1" > /dev/null 2>&1; }
: > "$WORK/results"

text_bytes=$(cat "$WORK"/text/*/* | wc -c)
text_docs=$(ls "$WORK"/text/*/* | wc -l)
measure nc_text "$BIN --jobs 1 $WORK/text"
measure wc_text "cat $WORK/text/*/* | wc -w"
# twenty runs in a row each, as a shell loop over files would: well above
# the timer's 10 ms steps
loop20() { echo "i=0; while [ \$i -lt 20 ]; do $* > /dev/null; i=\$((i + 1)); done"; }
measure nc_tiny "$(loop20 "$BIN $WORK/tiny.txt")"
if have jq; then measure jq_tiny "$(loop20 "jq . $WORK/tiny.json")"; fi
big_bytes=$(wc -c < "$WORK/big.txt")
k100_bytes=$(cat "$WORK"/k100/* | wc -c)
measure nc_big "$BIN --jobs 1 --timeout 0 $WORK/big.txt"
measure nc_k100 "$BIN --jobs 1 --timeout 0 $WORK/k100"
measure nc_large "$BIN --jobs 1 $WORK/large"
if [ -d "$HTML" ]; then
    mkdir -p "$WORK/html"
    for f in "$HTML"/*.html.gz; do gzip -dc "$f" > "$WORK/html/$(basename "$f" .gz)"; done
    html_pages=$(ls "$WORK/html" | wc -l)
    measure nc_html "$BIN --jobs 1 $WORK/html"
    if have xmllint; then measure xmllint_html "xmllint --html --noout $WORK/html/*.html"; fi
fi

# where the text time goes: --stats' CPU seconds by stage, median of RUNS
r=0
: > "$WORK/stages"
while [ "$r" -lt "$RUNS" ]; do
    "$BIN" --stats --jobs 1 "$WORK/text" 2>&1 > /dev/null | sed -n 's/.*CPU by stage: //p' >> "$WORK/stages"
    r=$((r + 1))
done

# ---- the table ----
awk -v corpus="$corpus" -v tb="$text_bytes" -v td="$text_docs" -v bb="$big_bytes" -v kb="$k100_bytes" \
    -v pages="${html_pages:-0}" -v runs="$RUNS" '
    { cpu[$1] = $2; peak[$1] = $3; seen[$1] = 1 }
    function ratio(a, b) { return (b > 0) ? sprintf("%.2f", a / b) : "-" }
    function row(what, a, b, target, note) {
        if (!seen[a]) { printf "%-34s %s\n", what, "skipped (" note ")"; return }
        if (!seen[b]) { printf "%-34s %8.3f s   (%s not installed)\n", what, cpu[a], note; return }
        printf "%-34s %8.3f s %8.3f s %7s   %s\n", what, cpu[a], cpu[b], ratio(cpu[a], cpu[b]), target
    }
    END {
        printf "corpus: %s; CPU seconds (user + system), median of %d runs\n\n", corpus, runs
        printf "%-34s %10s %10s %7s   %s\n", "", "newsclaims", "floor", "ratio", "target"
        row(sprintf("text: %d docs, %.1f MB vs cat|wc -w", td, tb / 1e6), "nc_text", "wc_text", "<= 1.5", "wc")
        row("tiny document vs jq . (20 runs)", "nc_tiny", "jq_tiny", "<= 0.5", "jq")
        if (seen["nc_html"]) row(sprintf("html: %d pages vs xmllint --html", pages), "nc_html", "xmllint_html", "<= 1.25", "xmllint")
        else row("html", "nc_html", "xmllint_html", "", "../shared/bench/article-body/html not found")
        pb = cpu["nc_big"] / bb; pk = cpu["nc_k100"] / kb
        printf "%-34s %8.1f ns %7.1f ns %7s   %s\n", "per byte: 10 MB doc vs 100 KB docs", pb * 1e9, pk * 1e9, ratio(pb, pk), "<= 1.25"
        printf "%-34s %8d KB %7d KB %7s   %s\n", sprintf("peak memory: %d vs %d docs", td * 10, td), peak["nc_large"], peak["nc_text"], ratio(peak["nc_large"], peak["nc_text"]), "flat (~1)"
        printf "\nthroughput: text %.1f MB/s (cat|wc -w %.1f MB/s); 10 MB document %.1f MB/s\n",
            tb / 1e6 / (cpu["nc_text"] > 0 ? cpu["nc_text"] : 1), tb / 1e6 / (cpu["wc_text"] > 0 ? cpu["wc_text"] : 1),
            bb / 1e6 / (cpu["nc_big"] > 0 ? cpu["nc_big"] : 1)
    }' "$WORK/results"
# one row of stages: each stage's median over the runs
awk -F', ' '{ for (i = 1; i <= NF; i++) { split($i, p, " "); name[i] = p[1]; v[i, NR] = p[2] } n = NF }
    END {
        if (!NR) exit
        printf "text CPU by stage (--stats, median s):"
        for (i = 1; i <= n; i++) {
            for (k = 1; k <= NR; k++) a[k] = v[i, k]
            for (k = 2; k <= NR; k++) for (j = k; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
            printf "%s %s %.3f", (i > 1 ? "," : ""), name[i], a[int((NR + 1) / 2)]
        }
        printf "\n"
    }' "$WORK/stages"
