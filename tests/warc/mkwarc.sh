#!/bin/sh
# Builds the WARC and WET test files from the pages in this folder.
# usage: sh tests/warc/mkwarc.sh OUTDIR
#
#   crawl.warc            plain: warcinfo; request + response for a UTF-8 page;
#                         metadata; a windows-1252 page declared only in the
#                         HTTP header; a gzip-encoded page; a chunked page; a
#                         PNG; a 301 redirect; a revisit
#   crawl.warc.gz         the same, one gzip member per record (Common Crawl's layout)
#   crawl-stream.warc.gz  the same as one gzip stream
#   crawl.wet, crawl.wet.gz  WET: warcinfo and two conversion records
#   truncated.warc        three responses; the second declares 500 bytes more
#                         than it has (it runs into the third)
#   truncated.warc.gz     per-record members; the second member cut in half
#   cut-end.warc          two responses; the file ends inside the second
# Record ids are <urn:uuid:00000000-0000-4000-8000-0000000000NN>, NN as below.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$1
mkdir -p "$out"
t=$out/.parts
rm -rf "$t"
mkdir -p "$t"
crlf() { printf '%s\r\n' "$@"; }

# rec TYPE NN URI CONTENT-TYPE BLOCKFILE [EXTRA-LENGTH]: one record on stdout
rec() {
    len=$(($(wc -c < "$5") + ${6:-0}))
    crlf "WARC/1.0" "WARC-Type: $1" "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-0000000000$2>" \
        "WARC-Date: 2024-03-05T10:00:${2}Z"
    if [ -n "$3" ]; then crlf "WARC-Target-URI: $3"; fi
    crlf "Content-Type: $4" "Content-Length: $len" ""
    cat "$5"
    crlf "" ""
}
# http STATUS CONTENT-TYPE BODYFILE [HEADER...]: an HTTP response on stdout
http() {
    status=$1 ctype=$2 body=$3
    shift 3
    crlf "HTTP/1.1 $status" "Content-Type: $ctype" "$@" ""
    cat "$body"
}

crlf "software: newsclaims tests" "format: WARC File Format 1.0" > "$t/info"
crlf "GET /flood HTTP/1.1" "Host: news.example" "" > "$t/req"
http "200 OK" "text/html; charset=utf-8" "$here/utf8.html" > "$t/utf8"
crlf "fetchTimeMs: 120" > "$t/meta"
http "200 OK" "text/html; charset=windows-1252" "$here/latin1252.html" > "$t/latin"
gzip -9n -c "$here/gzipped.html" > "$t/gz.body"
http "200 OK" "text/html" "$t/gz.body" "Content-Encoding: gzip" > "$t/gz"
# chunked: the page in chunks of 100 bytes, hex sizes, a chunk extension once
split -b 100 "$here/chunked.html" "$t/chunk."
: > "$t/chunked.body"
first=1
for c in "$t"/chunk.*; do
    if [ $first = 1 ]; then ext=";name=value"; first=0; else ext=; fi
    printf '%x%s\r\n' "$(wc -c < "$c")" "$ext" >> "$t/chunked.body"
    cat "$c" >> "$t/chunked.body"
    printf '\r\n' >> "$t/chunked.body"
done
printf '0\r\n\r\n' >> "$t/chunked.body"
http "200 OK" "text/html; charset=UTF-8" "$t/chunked.body" "Transfer-Encoding: chunked" > "$t/chunked"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' > "$t/png.body"
http "200 OK" "image/png" "$t/png.body" > "$t/png"
: > "$t/empty"
http "301 Moved Permanently" "text/html" "$t/empty" "Location: https://news.example/flood" > "$t/redirect"
crlf "HTTP/1.1 200 OK" "" > "$t/revisit"

{
    rec warcinfo 01 "" "application/warc-fields" "$t/info"
    rec request 02 "https://news.example/flood" "application/http; msgtype=request" "$t/req"
    rec response 03 "https://news.example/flood" "application/http; msgtype=response" "$t/utf8"
    rec metadata 04 "https://news.example/flood" "application/warc-fields" "$t/meta"
    rec response 05 "https://news.example/fire" "application/http; msgtype=response" "$t/latin"
    rec response 06 "<https://news.example/bridge>" "application/http; msgtype=response" "$t/gz"
    rec response 07 "https://news.example/storm" "application/http; msgtype=response" "$t/chunked"
    rec response 08 "https://news.example/logo.png" "application/http; msgtype=response" "$t/png"
    rec response 09 "http://news.example/flood" "application/http; msgtype=response" "$t/redirect"
    rec revisit 10 "https://news.example/flood" "application/http; msgtype=response" "$t/revisit"
} > "$out/crawl.warc"

: > "$out/crawl.warc.gz"
for spec in "warcinfo 01 - application/warc-fields info" \
            "request 02 https://news.example/flood application/http;msgtype=request req" \
            "response 03 https://news.example/flood application/http;msgtype=response utf8" \
            "metadata 04 https://news.example/flood application/warc-fields meta" \
            "response 05 https://news.example/fire application/http;msgtype=response latin" \
            "response 06 <https://news.example/bridge> application/http;msgtype=response gz" \
            "response 07 https://news.example/storm application/http;msgtype=response chunked" \
            "response 08 https://news.example/logo.png application/http;msgtype=response png" \
            "response 09 http://news.example/flood application/http;msgtype=response redirect" \
            "response 10 https://news.example/flood application/http;msgtype=response revisit"; do
    # shellcheck disable=SC2086
    set -- $spec
    uri=$3
    if [ "$uri" = - ]; then uri=; fi
    type=$1
    if [ "$2" = 10 ]; then type=revisit; fi
    rec "$type" "$2" "$uri" "$(echo "$4" | sed 's/;/; /')" "$t/$5" | gzip -9n -c >> "$out/crawl.warc.gz"
done
gzip -9n -c "$out/crawl.warc" > "$out/crawl-stream.warc.gz"

# WET
cp "$here/wet1.txt" "$t/wet1"
cp "$here/wet2.txt" "$t/wet2"
{
    rec warcinfo 21 "" "application/warc-fields" "$t/info"
    rec conversion 22 "https://news.example/clashes" "text/plain" "$t/wet1"
    rec conversion 23 "https://news.example/landslide" "text/plain" "$t/wet2"
} > "$out/crawl.wet"
: > "$out/crawl.wet.gz"
rec warcinfo 21 "" "application/warc-fields" "$t/info" | gzip -9n -c >> "$out/crawl.wet.gz"
rec conversion 22 "https://news.example/clashes" "text/plain" "$t/wet1" | gzip -9n -c >> "$out/crawl.wet.gz"
rec conversion 23 "https://news.example/landslide" "text/plain" "$t/wet2" | gzip -9n -c >> "$out/crawl.wet.gz"

# damaged files
{
    rec response 31 "https://news.example/flood" "application/http; msgtype=response" "$t/utf8"
    rec response 32 "https://news.example/storm" "application/http; msgtype=response" "$t/chunked" 500
    rec response 33 "https://news.example/bridge" "application/http; msgtype=response" "$t/gz"
} > "$out/truncated.warc"
rec response 31 "https://news.example/flood" "application/http; msgtype=response" "$t/utf8" | gzip -9n -c > "$out/truncated.warc.gz"
rec response 32 "https://news.example/storm" "application/http; msgtype=response" "$t/chunked" | gzip -9n -c > "$t/m2"
head -c $(($(wc -c < "$t/m2") / 2)) "$t/m2" >> "$out/truncated.warc.gz"
rec response 33 "https://news.example/bridge" "application/http; msgtype=response" "$t/gz" | gzip -9n -c >> "$out/truncated.warc.gz"
{
    rec response 41 "https://news.example/flood" "application/http; msgtype=response" "$t/utf8"
    rec response 42 "https://news.example/storm" "application/http; msgtype=response" "$t/chunked"
} > "$t/two"
head -c $(($(wc -c < "$t/two") - 200)) "$t/two" > "$out/cut-end.warc"
rm -rf "$t"
