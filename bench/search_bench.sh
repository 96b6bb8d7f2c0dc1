#!/bin/sh
# bench/search_bench.sh: build bench/search_bench.c against the library and
# run the search benchmarks: askdoc vs SQLite FTS5 on the MedQuAD archive
# with the LiveQA dev questions, then the synthetic 1,000,000-record scale
# test. Figures go to stdout; record them in bench/RESULTS.md.
#
# usage: sh bench/search_bench.sh [BUILD] [N]   (defaults: build, 1000000)
set -eu
build=${1:-build}
n=${2:-1000000}
shared=../shared/data
make --no-print-directory BUILD="$build" "$build/libaskdoc.a" >/dev/null
cc -O2 -std=c11 -D_GNU_SOURCE -Isrc -o "$build/search_bench" \
	bench/search_bench.c "$build/libaskdoc.a" \
	$(pkg-config --libs icu-uc icu-i18n jansson sqlite3 libcurl libsodium libmicrohttpd libcmark zlib) \
	-lstemmer -lm -pthread
echo "== machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(date -u +%Y-%m-%d)"
if [ -f "$shared/medquad.jsonl" ]; then
	echo "== askdoc vs SQLite FTS5 (medquad, liveqa-dev queries)"
	"$build/search_bench" fts5 "$shared/medquad.jsonl" "$shared/liveqa-dev.jsonl" 5
else
	echo "SKIP: $shared/medquad.jsonl not found"
fi
mkdir -p bench/out
echo "== synthetic archive: $n records"
if [ -f "$shared/medquad.jsonl" ]; then
	"$build/search_bench" gen "$n" bench/out/synthetic.jsonl "$shared/medquad.jsonl"
else
	"$build/search_bench" gen "$n" bench/out/synthetic.jsonl
fi
ls -l bench/out/synthetic.jsonl | awk '{printf "archive size: %.0f MiB\n", $5/1048576}'
"$build/search_bench" scale bench/out/synthetic.jsonl \
	$( [ -f "$shared/liveqa-dev.jsonl" ] && echo "$shared/liveqa-dev.jsonl" )
