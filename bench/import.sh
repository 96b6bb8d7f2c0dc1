#!/bin/sh
# bench/import.sh [BINARY]: how fast `askdoc import` reads MedQuAD.
#
# Imports ../shared/data/medquad.jsonl into a fresh database three times
# and prints the median wall time and records per second (every line read
# counts, the 34 duplicate ids MedQuAD has included). Then it times a
# re-import (every record unchanged) and an export, and checks that
# export -> import into a fresh database -> export is byte-identical.
# Prints SKIP and exits 0 when the data set is absent. Run from the repo
# root after `make`; the target is at least 20,000 records/s.
set -eu
bin=${1:-build/askdoc}
data=${ASKDOC_SHARED:-../shared}/data/medquad.jsonl
if [ ! -f "$data" ]; then
	echo "SKIP: $data not found"
	exit 0
fi
tmp=$(mktemp -d /tmp/askdoc-bench-import.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM

now() { date +%s.%N; }
fresh() { rm -f "$tmp/$1" "$tmp/$1-wal" "$tmp/$1-shm"; }
# import DB FILE: exit status 1 only means some lines were rejected
import() { "$bin" import --db "$tmp/$1" "$2" >"$tmp/summary" 2>"$tmp/errors" || [ $? -eq 1 ]; }

lines=$(wc -l <"$data")
times=""
for i in 1 2 3; do
	fresh a.db
	t0=$(now)
	import a.db "$data"
	t1=$(now)
	times="$times $(echo "$t0 $t1" | awk '{printf "%.3f", $2 - $1}')"
done
median=$(printf '%s\n' $times | sort -n | sed -n 2p)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
echo "import (fresh db): $lines lines in ${median}s, median of:$times"
echo "  $(cat "$tmp/summary"); $(wc -l <"$tmp/errors") lines on stderr"
echo "$lines $median" | awk '{printf "  %d records/s\n", $1 / $2}'

t0=$(now)
import a.db "$data"
t1=$(now)
echo "re-import (all unchanged): $(cat "$tmp/summary")"
echo "$lines $t0 $t1" | awk '{printf "  %.3fs, %d records/s\n", $3 - $2, $1 / ($3 - $2)}'

t0=$(now)
"$bin" export --db "$tmp/a.db" "$tmp/e1.jsonl" 2>/dev/null
t1=$(now)
n=$(wc -l <"$tmp/e1.jsonl")
echo "$n $t0 $t1" | awk '{printf "export: %d records in %.3fs, %d records/s\n", $1, $3 - $2, $1 / ($3 - $2)}'

fresh b.db
import b.db "$tmp/e1.jsonl"
"$bin" export --db "$tmp/b.db" "$tmp/e2.jsonl" 2>/dev/null
if cmp -s "$tmp/e1.jsonl" "$tmp/e2.jsonl"; then
	echo "round trip: export -> import -> export is byte-identical"
else
	echo "round trip: FAILED, the two exports differ"
	exit 1
fi
sort "$data" >"$tmp/in.sorted"
sort "$tmp/e1.jsonl" >"$tmp/e1.sorted"
same=$(comm -12 "$tmp/in.sorted" "$tmp/e1.sorted" | wc -l)
echo "export lines identical to an input line: $same of $n"
