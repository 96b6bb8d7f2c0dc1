#!/bin/sh
# bench/page_mix.sh [BINARY [BASELINE]]: Q&A pages by Zipf popularity
# (s = 1) from askdoc against nginx serving the same pages as static
# files, alternated in one run, with writes during the run.
#
# The database is the demo content plus PAGES (default 3500) library
# entries of ../shared/data/medquad.jsonl imported as published Q&As (an
# archive made in a temporary folder). Every published Q&A page is saved
# from askdoc into a folder nginx serves; one shuffled list of the paths
# drives both, path k requested with probability proportional to 1/k
# (bench/page_mix.lua). askdoc runs one worker thread, nginx one worker
# process; wrk drives each with 50 connections for DURATION seconds
# (default 10), ROUNDS rounds (default 5) alternating, and the script
# prints the medians and their ratio. View counts are on (they always
# are); in the middle round, while askdoc is measured, a doctor publishes
# a reply and a patient comments on the most popular page
# (bench/page_mix_event.py, through the site's forms).
#
# With BASELINE (another askdoc binary, e.g. the main branch's), it gets
# its own copy of the database and its own server, measured in the same
# rounds with the same writes. Needs wrk, nginx, curl, sqlite3, python3
# (apt-get install wrk nginx-light curl sqlite3; installed when missing
# and run as root).
set -eu
bin=${1:-build/askdoc}
base=${2:-}
pages=${PAGES:-3500}
dur=${DURATION:-10}
rounds=${ROUNDS:-5}
medquad=${MEDQUAD:-../shared/data/medquad.jsonl}
[ -f "$medquad" ] || { echo "page_mix: $medquad not found" >&2; exit 1; }
for tool in wrk nginx curl sqlite3; do
	command -v $tool >/dev/null 2>&1 || [ -x /usr/sbin/$tool ] && continue
	[ "$(id -u)" = 0 ] || { echo "page_mix: $tool missing (apt-get install wrk nginx-light curl sqlite3)" >&2; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx-light curl sqlite3 >/dev/null
done
PATH=$PATH:/usr/sbin
tmp=$(mktemp -d)
chmod 755 "$tmp" # nginx workers run as another user
pids=
trap 'for p in $pids; do kill $p 2>/dev/null; done; wait 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM

# The archive: library entries with an answer, as published Q&As.
python3 - "$medquad" "$pages" >"$tmp/qa.jsonl" <<'PY'
import json, sys
n, want = 0, int(sys.argv[2])
for line in open(sys.argv[1]):
    r = json.loads(line)
    if not any((a.get("body") or "").strip() for a in r.get("answers") or []):
        continue
    # A Q&A keeps to the ask form's limits (src/limits.h), which import
    # enforces: at most 16 topics of 100 characters, a 300-character title.
    topics = r.get("topics") or []
    if (len(topics) > 16 or any(len(t) > 100 for t in topics)
            or len(r.get("title") or "") > 300
            or len(r.get("question") or "") > 20 * 1024):
        continue
    r["kind"] = "qa"
    r["external_id"] = "mix-%d" % n
    print(json.dumps(r))
    n += 1
    if n == want:
        break
PY
sh tools/demo.sh "$bin" "$tmp/new.db" >/dev/null
"$bin" import --db "$tmp/new.db" "$tmp/qa.jsonl" >/dev/null
# Issue 14 measures at least 3,000 imported pages: refuse fewer.
imported=$(sqlite3 "$tmp/new.db" "SELECT count(*) FROM questions WHERE status = 'published' AND external_id LIKE 'mix-%'")
[ "$imported" -ge 3000 ] || { echo "page_mix: only $imported Q&As imported (at least 3000; PAGES=$pages)" >&2; exit 1; }
"$bin" user add --db "$tmp/new.db" --role doctor --email mix-doctor@example.org \
	--name "Mia Doctor" --department Oncology --password "doctor pass 12" >/dev/null
"$bin" user add --db "$tmp/new.db" --role patient --email mix-patient@example.org \
	--name "Pat Patient" --password "patient pass 12" >/dev/null
[ -n "$base" ] && cp "$tmp/new.db" "$tmp/base.db"

# Three free ports, each picked by the system (port + 1 may be taken).
set -- $(python3 -c 'import socket; s = [socket.socket() for _ in range(3)]; [x.bind(("127.0.0.1", 0)) for x in s]; print(*(x.getsockname()[1] for x in s))')
port=$1 nport=$2 bport=$3
serve() { # BINARY DB PORT LOG
	ASKDOC_METRICS_TOKEN=bench-metrics "$1" serve --db "$2" --listen 127.0.0.1:"$3" --threads 1 --access-log=0 \
		--log-level warn --qa-comments --form-min-seconds 0 2>"$4" &
	pids="$pids $!"
	# Listening once the search index is built.
	n=0
	until curl -sf -o /dev/null "http://127.0.0.1:$3/healthz"; do
		kill -0 $! 2>/dev/null && [ $n -lt 600 ] || { cat "$4" >&2; exit 1; }
		sleep 0.1
		n=$((n + 1))
	done
}
serve "$bin" "$tmp/new.db" $port "$tmp/new.log"
[ -n "$base" ] && serve "$base" "$tmp/base.db" $bport "$tmp/base.log"

# The paths, shuffled once (the same order for every server), and the
# pages saved for nginx (which also fills askdoc's page cache).
sqlite3 "$tmp/new.db" "SELECT '/qa/' || id FROM questions WHERE status = 'published'" |
	python3 -c 'import random, sys; p = sys.stdin.read().split(); random.Random(1).shuffle(p); print("\n".join(p))' >"$tmp/paths.txt"
mkdir -p "$tmp/www/qa"
sed "s|.*|url = \"http://127.0.0.1:$port&\"\noutput = \"$tmp/www&.html\"|" "$tmp/paths.txt" >"$tmp/curl.cfg"
curl -s -K "$tmp/curl.cfg"
[ -n "$base" ] && sed "s|.*|url = \"http://127.0.0.1:$bport&\"\noutput = \"/dev/null\"|" "$tmp/paths.txt" | curl -s -K -
cat >"$tmp/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log;
events { worker_connections 4096; }
http {
	access_log off;
	include /etc/nginx/mime.types;
	server {
		listen 127.0.0.1:$nport;
		root $tmp/www;
		location / { try_files \$uri \$uri.html =404; }
	}
}
NGINX
nginx -c "$tmp/nginx.conf" -p "$tmp" &
pids="$pids $!"
sleep 1
top=$(head -1 "$tmp/paths.txt")
size=$(curl -s "http://127.0.0.1:$nport$top" | wc -c)
[ "$size" -gt 1000 ] || { echo "nginx does not serve the pages" >&2; exit 1; }

# A waiting question per server, for the reply published mid-run.
qnew=$(python3 bench/page_mix_event.py $port "$tmp/new.db" ask)
[ -n "$base" ] && qbase=$(python3 bench/page_mix_event.py $bport "$tmp/base.db" ask)

rps() { # URL [EVENT_PORT DB QID]
	url=$1
	shift
	if [ $# -gt 0 ]; then
		(sleep $((dur / 2)); python3 bench/page_mix_event.py "$1" "$2" publish "$3" "$tmp/paths.txt" >>"$tmp/events.txt") &
	fi
	wrk -t1 -c50 -d"${dur}s" -s bench/page_mix.lua "$url" -- "$tmp/paths.txt" >"$tmp/wrk.out"
	grep -q 'status: 2xx [0-9]* 3xx 0 4xx 0 5xx 0' "$tmp/wrk.out" || { cat "$tmp/wrk.out" >&2; }
	wait_events=$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk.out")
	wait
	echo "$wait_events"
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "pages: $(wc -l <"$tmp/paths.txt") published Q&As, top page $top ($size bytes)"
mid=$(((rounds + 1) / 2))
a_all="" n_all="" b_all=""
i=1
while [ $i -le "$rounds" ]; do
	if [ $i = $mid ]; then
		a=$(rps "http://127.0.0.1:$port" $port "$tmp/new.db" "$qnew")
		a_ev=$a
	else
		a=$(rps "http://127.0.0.1:$port")
	fi
	a_all="$a_all $a"
	if [ -n "$base" ]; then
		if [ $i = $mid ]; then
			b=$(rps "http://127.0.0.1:$bport" $bport "$tmp/base.db" "$qbase")
			b_ev=$b
		else
			b=$(rps "http://127.0.0.1:$bport")
		fi
		b_all="$b_all $b"
	fi
	n_all="$n_all $(rps "http://127.0.0.1:$nport")"
	i=$((i + 1))
done
median() { echo "$@" | tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
am=$(median $a_all)
nm=$(median $n_all)
cat "$tmp/events.txt"
echo "askdoc $bin (1 thread) req/s:$a_all  median $am  (round $mid, with the writes: $a_ev)"
curl -s -H "Authorization: Bearer bench-metrics" "http://127.0.0.1:$port/metrics" | grep -E '^askdoc_page_cache_(hits|misses|invalidated)_total' | sed 's/^/  /'
if [ -n "$base" ]; then
	bm=$(median $b_all)
	echo "baseline $base (1 thread) req/s:$b_all  median $bm  (round $mid, with the writes: $b_ev)"
	curl -s -H "Authorization: Bearer bench-metrics" "http://127.0.0.1:$bport/metrics" | grep -E '^askdoc_page_cache_(hits|misses)_total' | sed 's/^/  /'
fi
echo "nginx (1 worker) req/s:$n_all  median $nm"
echo "ratio askdoc/nginx: $(echo "$am $nm" | awk '{printf "%.2f", $1/$2}')"
[ -n "$base" ] && echo "ratio baseline/nginx: $(echo "$bm $nm" | awk '{printf "%.2f", $1/$2}')"
# The writes landed: the reply is public and the comment stored.
echo "reply public: $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/qa/$qnew")," \
	"comments stored: $(sqlite3 "$tmp/new.db" 'SELECT count(*) FROM comments')"
