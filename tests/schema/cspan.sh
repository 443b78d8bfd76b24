#!/bin/sh
# Code point spans: every input document of the test suite (the sample,
# the golden inputs, the fuzz seeds and every regression input, the
# language paragraphs as JSON Lines, the WARC and WET test files) goes through `newsclaims --with-text`,
# and schema_check --semantic checks every item of every record: for each
# span its cspan, text[cspan] in code points being text[span] in bytes.
# Prints "cspan: N passed, N failed" (N = records).
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
NC=${NC:-$BUILD/newsclaims}
CHECK=$BUILD/tests/schema_check
T=$(mktemp -d "${TMPDIR:-/tmp}/nc-cspan.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

sh tests/fuzz/seeds.sh "$T/seeds" > /dev/null 2>&1
sh tests/warc/mkwarc.sh "$T/warc" > /dev/null 2>&1
mkdir -p "$T/docs"
# the language paragraphs (tab-separated, many scripts) as one JSON Lines file
sed -n 's/^\([a-z][a-z]\)\t\(.*\)$/{"id":"\1","text":"\2"}/p' tests/lang/news.tsv | sed 's/\\/\\\\/g' > "$T/lang.jsonl"
# and a document mixing scripts, combining marks, emoji and quotes
printf '%s\n\n%s\n' "Émile Zoë’s café: “12 people were killed” — officials said 3 were injured in Ko Samui (เกาะสมุย) 🚑." \
    "Αθήνα: police said 4 were arrested; 東京 officials said 2 were missing, according to the Red Cross." > "$T/docs/mixed.txt"
: > "$T/records.jsonl"
for f in data/sample/article.txt tests/golden/*.txt tests/golden/*.html "$T/docs/mixed.txt" \
    "$T/seeds/text/"* "$T/seeds/html/"* "$T/seeds/input/"* "$T/warc/"*; do
    [ -f "$f" ] || continue
    "$NC" --with-text "$f" >> "$T/records.jsonl" 2> /dev/null
done
for f in "$T/lang.jsonl" "$T/seeds/jsonl/"*; do
    [ -f "$f" ] || continue
    "$NC" --with-text --jsonl "$f" >> "$T/records.jsonl" 2> /dev/null
done
recs=$(wc -l < "$T/records.jsonl" | tr -d ' ')
spans=$(grep -o 'cspan' "$T/records.jsonl" | wc -l | tr -d ' ')
"$CHECK" --semantic docs/newsclaims-2.schema.json "$T/records.jsonl" > "$T/out" 2>&1
# only the cspan rule is this step's business (others have their own steps)
bad=$(grep -c ': /[^:]*cspans*[/:]' "$T/out")
grep ': /[^:]*cspans*[/:]' "$T/out" | head -n 5
echo "checked $spans cspans in $recs records"
echo "cspan: $((recs - bad)) passed, $bad failed"
[ "$bad" -eq 0 ] && [ "$recs" -gt 0 ]
