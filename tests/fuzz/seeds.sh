#!/bin/sh
# Builds the seed corpus of each fuzz harness from the test fixtures.
# usage: tests/fuzz/seeds.sh OUTDIR
set -eu
out=$1
mkdir -p "$out/text" "$out/html" "$out/jsonl" "$out/rules" "$out/numbers" "$out/input" "$out/lines" \
    "$out/stream" "$out/walk"
for f in data/sample/article.txt tests/golden/*.txt; do cp "$f" "$out/text/"; done
for f in tests/golden/*.html tests/unit/*.html; do [ -f "$f" ] && cp "$f" "$out/html/"; done
i=0
for f in data/sample/article.txt tests/golden/*.txt; do
    i=$((i + 1))
    printf '<html><head><title>t</title></head><body><p>%s</p></body></html>' "$(head -c 2000 "$f")" > "$out/html/gen$i.html"
    printf '{"id":%d,"title":"t","url":"u","text":"%s"}' "$i" "$(head -c 500 "$f" | tr -d '"\\\n\r')" > "$out/jsonl/line$i.json"
done
# rule files in pieces of whole rules, each under make fuzz's max_len
# (8192): a longer seed would be cut, and longer inputs cost more per run
for f in data/rules/*.rules; do
    awk -v base="$out/rules/$(basename "$f" .rules)" -v max=8000 '
        function flush() { if (piece != "") { n++; printf "%s", piece > (base "-" n ".rules"); close(base "-" n ".rules") } piece = "" }
        /^id:/ { if (length(piece) + length(block) > max) flush(); piece = piece block; block = "" }
        { block = block $0 "\n" }
        END { if (length(piece) + length(block) > max) flush(); piece = piece block; flush() }' "$f"
done
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
# lines: flags byte (delimiter, cap, gzip), read size, stream
printf '\000\000a\r\nb\n\nc' > "$out/lines/crlf"
printf '\006\003\357\273\277x\000y\nlonger line\nz' > "$out/lines/bom-cap"
printf '\021\001p/a\000p/b\000' > "$out/lines/nul-gzip"
# stream: flags byte (gzip, --with-text, small --max-bytes, field; 16: the
# interpreter, for every third), JSONL
for f in tests/golden/*.jsonl; do [ -f "$f" ] && { printf '\000'; head -c 3000 "$f"; } > "$out/stream/$(basename "$f")"; done
i=0
for f in "$out"/jsonl/*; do
    i=$((i + 1))
    flags=$((i % 8 + (i % 3 == 0 ? 16 : 0)))
    { printf "\\$(printf %03o "$flags")"; cat "$f"; printf '\n\n'; cat "$f"; printf '\r\n'; } > "$out/stream/gen$i"
done
# walk: (what, in which folder, name) triples
printf '\000\000\000\001\001\001\003\000\004\002\000\007\005\001\001' > "$out/walk/tree"
printf '\000\000\000\000\001\004\003\001\000\003\002\000\001\002\001' > "$out/walk/links"
for d in tests/fuzz/regressions/*/; do
    [ -d "$d" ] || continue
    name=$(basename "$d")
    for f in "$d"*; do [ -f "$f" ] && cp "$f" "$out/$name/"; done
done
true
