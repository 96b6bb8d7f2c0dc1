#!/bin/sh
# bench/import_pg.sh [BIN] [RECORDS] [ROUNDS]: `askdoc import` rate into
# PostgreSQL against SQLite on the same machine, same run (issue 15).
#
# Imports the first RECORDS lines (default all) of ../shared/data/
# medquad.jsonl ROUNDS times (default 3) into a fresh SQLite file and a
# fresh database of a throwaway PostgreSQL cluster (tests/pg/cluster.sh:
# Unix socket, fsync off), alternating engines, and prints each round's
# records/s and the medians. With BASE=/path/to/another/askdoc the same
# rounds also import into PostgreSQL with that binary (the one before a
# change), so both are measured in one run. Each database is made and
# migrated by an import of an empty file first, so only the import is
# timed.
#
# Wall-clock rates depend on what else the machine runs; the script also
# prints the CPU seconds of each PostgreSQL import, the client's (user +
# system) and the server's (the backends' time, read from the
# postmaster's children), and records per CPU second of both together.
# Needs postgresql-15.
set -eu
bin=${1:-build/askdoc}
n=${2:-0}
rounds=${3:-3}
base=${BASE:-}
data=../shared/data/medquad.jsonl
[ -f "$data" ] || { echo "SKIP: $data not found"; exit 0; }
tmp=$(mktemp -d /tmp/askdoc-bench-pg-XXXXXX)
trap 'sh tests/pg/cluster.sh stop "$tmp/cl" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
mkdir "$tmp/cl"
sh tests/pg/cluster.sh start "$tmp/cl" >/dev/null
if [ "$n" -gt 0 ]; then head -n "$n" "$data" >"$tmp/in.jsonl"; else cp "$data" "$tmp/in.jsonl"; fi
recs=$(grep -c . "$tmp/in.jsonl")
pm=$(head -n 1 "$tmp/cl/data/postmaster.pid")
echo "records: $recs; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%FT%TZ)"
now() { date +%s.%N; }
# CPU seconds of the postmaster's ended children (the backends).
server_cpu() { awk '{printf "%.2f", ($16 + $17) / 100}' "/proc/$pm/stat"; }
# pg BIN NAME: import into a new database NAME; prints "wall client_cpu
# server_cpu".
pg() {
	psql -q "host=$tmp/cl user=askdoc dbname=postgres" -c "CREATE DATABASE $2"
	url="postgresql://askdoc@/$2?host=$(echo "$tmp/cl" | sed 's|/|%2F|g')"
	"$1" import --db "$url" /dev/null >/dev/null 2>&1
	s0=$(server_cpu); t0=$(now)
	/usr/bin/time -f "%U %S" -o "$tmp/time" "$1" import --db "$url" "$tmp/in.jsonl" >/dev/null 2>&1 || true
	t1=$(now); s1=$(server_cpu)
	echo "$t0 $t1 $(tail -n 1 "$tmp/time") $s0 $s1" | awk '{printf "%.3f %.2f %.2f", $2 - $1, $3 + $4, $6 - $5}'
}
for r in $(seq 1 "$rounds"); do
	rm -f "$tmp/s.db"
	"$bin" import --db "$tmp/s.db" /dev/null >/dev/null 2>&1
	t0=$(now); "$bin" import --db "$tmp/s.db" "$tmp/in.jsonl" >/dev/null 2>&1 || true; t1=$(now)
	b="- - -"
	[ -n "$base" ] && b=$(pg "$base" "b$r")
	p=$(pg "$bin" "r$r")
	echo "$r $t0 $t1 $b $p" | awk -v n="$recs" '{
		printf "round %d: sqlite %.0f records/s", $1, n / ($3 - $2)
		if ($4 != "-") printf ", postgres before %.0f records/s (cpu %.2f client + %.2f server = %.0f records/cpu-s)", n / $4, $5, $6, n / ($5 + $6)
		printf ", postgres %.0f records/s (cpu %.2f client + %.2f server = %.0f records/cpu-s)\n", n / $7, $8, $9, n / ($8 + $9)
	}'
done | tee "$tmp/out"
med() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
s=$(awk '{print $4}' "$tmp/out" | med)
p=$(sed 's/.*, postgres \([0-9]*\) records\/s (cpu.*/\1/' "$tmp/out" | med)
pc=$(sed 's/.* = \([0-9]*\) records\/cpu-s)$/\1/' "$tmp/out" | med)
echo "median: sqlite $s records/s, postgres $p records/s ($pc records/cpu-s), postgres/sqlite $(awk -v a="$p" -v b="$s" 'BEGIN {printf "%.3f", a/b}')"
if [ -n "$base" ]; then
	pb=$(grep -o 'postgres before [0-9]*' "$tmp/out" | awk '{print $3}' | med)
	echo "median: postgres before $pb records/s, after/before $(awk -v a="$p" -v b="$pb" 'BEGIN {printf "%.1f", a/b}')"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
