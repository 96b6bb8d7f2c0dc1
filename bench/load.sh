#!/bin/sh
# bench/load.sh [BINARY]: askdoc under 1,000 concurrent connections, then
# slow clients.
#
# Serves a copy of the demo database (default thread pool: one per core)
# and drives it with wrk and bench/load.lua (45% Q&A pages, 15% search,
# 15% home, 10% department and topic pages, 5% ask form, 10% ask
# submissions) at CONNECTIONS (default 1000) connections for DURATION
# (default 60) seconds, twice, then twice more with a read-only mix (so
# that RSS growth between those two cannot come from the database
# growing). The connections come from 16 loopback
# addresses (bench/srcaddr.c), as from many clients: askdoc allows
# LIMIT_CONNECTIONS_PER_IP connections per address. Prints per run the
# requests/s, p50/p99 latency, socket errors and responses by status, and
# the server's RSS after a warm-up and after each run; then runs
# bench/slowloris.py against the same server. Needs wrk, python3, cc,
# sqlite3.
set -eu
bin=${1:-build/askdoc}
dur=${DURATION:-60}
conns=${CONNECTIONS:-1000}
port=${PORT:-18791}
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

cc -shared -fPIC -O2 -o "$tmp/srcaddr.so" bench/srcaddr.c -ldl
sh tools/demo.sh "$bin" "$tmp/load.db" >/dev/null
# The submissions measure the write path, not the abuse controls: no
# question rate limit and no minimum time to submit.
"$bin" serve --db "$tmp/load.db" --listen 127.0.0.1:$port --access-log=0 \
	--log-level warn --ask-limit-addr 1000000 --ask-limit-account 1000000 \
	--form-min-seconds 0 2>"$tmp/server.log" &
pid=$!
sleep 1
kill -0 $pid 2>/dev/null || { cat "$tmp/server.log" >&2; exit 1; }
base=http://127.0.0.1:$port

# The paths: every published Q&A, department and topic, and search words.
sqlite3 "$tmp/load.db" "SELECT 'qa /qa/' || id FROM questions WHERE status = 'published';
	SELECT 'page /department/' || slug FROM departments;
	SELECT 'page /topic/' || slug FROM topics;" >"$tmp/paths.txt"
for q in liver+cancer interferon hepatitis+c chemotherapy blood+pressure cirrhosis \
	surgery recurrence immunotherapy fever child+cough diabetes %E8%82%9D%E7%99%8C; do
	echo "search /search?q=$q" >>"$tmp/paths.txt"
done
dept=$(sqlite3 "$tmp/load.db" "SELECT id FROM departments WHERE name = 'Gastroenterology and Hepatology'")
curl -s -c "$tmp/jar" "$base/ask" >"$tmp/ask.html"
token=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$tmp/ask.html" | head -1)
[ -n "$token" ] || { echo "no csrf token on /ask" >&2; exit 1; }
FORM_TOKEN=$(sed -n 's/.*name="form_token" value="\([^"]*\)".*/\1/p' "$tmp/ask.html" | head -1)
[ -n "$FORM_TOKEN" ] || { echo "no form token on /ask" >&2; exit 1; }
export FORM_TOKEN

rss() { awk '/VmRSS/ {print $2}' /proc/$pid/status; }
q0=$(sqlite3 "$tmp/load.db" "SELECT count(*) FROM questions")
echo "server: $bin, pid $pid, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "paths: $(grep -c '^qa ' "$tmp/paths.txt") Q&A pages, $(grep -c '^page ' "$tmp/paths.txt") department and topic pages"
# Warm up (caches, page cache, thread-local analyzers), then measure.
LD_PRELOAD="$tmp/srcaddr.so" wrk -t2 -c100 -d5s -s bench/load.lua "$base" -- "$tmp/paths.txt" "$token" "$dept" >/dev/null
r0=$(rss)
echo "RSS after warm-up: $r0 kB"
# Two runs of the full mix, then two read-only runs (no new questions, so
# any RSS growth between them is not the database growing).
for run in 1 2 read1 read2; do
	mix=write
	case $run in read*) mix=read ;; esac
	echo "== run $run ($mix mix): wrk -t2 -c$conns -d${dur}s"
	LD_PRELOAD="$tmp/srcaddr.so" wrk -t2 -c"$conns" -d"${dur}s" --timeout 10s \
		-s bench/load.lua "$base" -- "$tmp/paths.txt" "$token" "$dept" "$mix" |
		grep -E '^(status|latency|errors|requests):'
	sleep 2
	echo "RSS after run $run: $(rss) kB"
done
q1=$(sqlite3 "$tmp/load.db" "SELECT count(*) FROM questions")
echo "questions stored by the runs: $((q1 - q0))"
echo "PRAGMA integrity_check: $(sqlite3 "$tmp/load.db" 'PRAGMA integrity_check')"
grep -c 'level=error' "$tmp/server.log" | sed 's/^/server errors logged: /' || true
echo "== slow clients"
python3 bench/slowloris.py --port $port
kill -0 $pid && echo "server still running"
