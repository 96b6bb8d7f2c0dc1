#!/bin/sh
# bench/import_pg.sh [BIN] [RECORDS] [ROUNDS]: `askdoc import` rate into
# PostgreSQL against SQLite on the same machine, same run (issue 15).
#
# Imports the first RECORDS lines (default all) of ../shared/data/
# medquad.jsonl ROUNDS times (default 3) into a fresh SQLite file and a
# fresh database of a throwaway PostgreSQL cluster (tests/pg/cluster.sh:
# Unix socket, fsync off), alternating engines, and prints each round's
# records/s and the medians. Each database is made and migrated by an
# import of an empty file first, so only the import is timed. Needs
# postgresql-15.
set -eu
bin=${1:-build/askdoc}
n=${2:-0}
rounds=${3:-3}
data=../shared/data/medquad.jsonl
[ -f "$data" ] || { echo "SKIP: $data not found"; exit 0; }
tmp=$(mktemp -d /tmp/askdoc-bench-pg-XXXXXX)
trap 'sh tests/pg/cluster.sh stop "$tmp/cl" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
mkdir "$tmp/cl"
sh tests/pg/cluster.sh start "$tmp/cl" >/dev/null
if [ "$n" -gt 0 ]; then head -n "$n" "$data" >"$tmp/in.jsonl"; else cp "$data" "$tmp/in.jsonl"; fi
recs=$(grep -c . "$tmp/in.jsonl")
echo "records: $recs; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
now() { date +%s.%N; }
for r in $(seq 1 "$rounds"); do
	rm -f "$tmp/s.db"
	"$bin" import --db "$tmp/s.db" /dev/null >/dev/null 2>&1
	t0=$(now); "$bin" import --db "$tmp/s.db" "$tmp/in.jsonl" >/dev/null 2>&1; t1=$(now)
	psql -q "host=$tmp/cl user=askdoc dbname=postgres" -c "CREATE DATABASE r$r"
	url="postgresql://askdoc@/r$r?host=$(echo "$tmp/cl" | sed 's|/|%2F|g')"
	ASKDOC_PG_PARTIAL=1 "$bin" import --db "$url" /dev/null >/dev/null 2>&1
	t2=$(now); ASKDOC_PG_PARTIAL=1 "$bin" import --db "$url" "$tmp/in.jsonl" >/dev/null 2>&1; t3=$(now)
	echo "$r $t0 $t1 $t2 $t3" | awk -v n="$recs" '{printf "round %d: sqlite %.0f records/s, postgres %.0f records/s\n", $1, n/($3-$2), n/($5-$4)}'
done | tee "$tmp/out"
med() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
s=$(awk '{print $4}' "$tmp/out" | med)
p=$(awk '{print $7}' "$tmp/out" | med)
echo "median: sqlite $s records/s, postgres $p records/s, ratio $(awk -v a="$p" -v b="$s" 'BEGIN {printf "%.3f", a/b}')"
