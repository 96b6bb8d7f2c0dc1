#!/bin/sh
# bench/qa_page.sh [BINARY]: Q&A page throughput of askdoc against nginx
# serving the same page saved as a static file, in one run.
#
# askdoc serves the demo database with one worker thread ("one core's
# worth"); nginx runs one worker process. wrk drives each with 50
# connections for DURATION seconds (default 10), three rounds alternating,
# and the script prints the median requests/s of each and their ratio.
# Needs wrk and nginx (apt-get install wrk nginx-light).
set -eu
bin=${1:-build/askdoc}
dur=${DURATION:-10}
rounds=${ROUNDS:-3}
tmp=$(mktemp -d)
chmod 755 "$tmp" # nginx workers run as another user
trap 'kill $apid $npid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
apid= npid=

sh tools/demo.sh "$bin" "$tmp/bench.db" >/dev/null
# Two free ports, each picked by the system.
set -- $(python3 -c 'import socket; s = [socket.socket() for _ in range(2)]; [x.bind(("127.0.0.1", 0)) for x in s]; print(*(x.getsockname()[1] for x in s))')
aport=$1 nport=$2
"$bin" serve --db "$tmp/bench.db" --listen 127.0.0.1:$aport --threads 1 \
	--access-log=0 --log-level warn 2>"$tmp/askdoc.log" &
apid=$!
# Listening once the search index is built (slow on a loaded machine).
n=0
until curl -sf -o /dev/null "http://127.0.0.1:$aport/healthz"; do
	kill -0 $apid 2>/dev/null && [ $n -lt 600 ] || { cat "$tmp/askdoc.log" >&2; exit 1; }
	sleep 0.1
	n=$((n + 1))
done
# The page: the demo's first Q&A (a reply, More Info, Similar Q&A).
path=$(curl -s http://127.0.0.1:$aport/ | grep -o 'href="/qa/[0-9]*"' | head -1 | sed 's/href="//; s/"//')
mkdir -p "$tmp/www/qa"
curl -s "http://127.0.0.1:$aport$path" >"$tmp/www$path.html"
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
npid=$!
sleep 1
kill -0 $npid 2>/dev/null || { cat "$tmp/nginx-error.log" >&2; exit 1; }
size=$(curl -s "http://127.0.0.1:$nport$path" | wc -c)
[ "$size" -gt 1000 ] || { echo "nginx does not serve the page" >&2; exit 1; }

rps() { wrk -t1 -c50 -d"${dur}s" "$@" | awk '/Requests\/sec/ {print $2}'; }
a_all="" n_all="" r_all=""
i=0
while [ $i -lt "$rounds" ]; do
	a_all="$a_all $(rps "http://127.0.0.1:$aport$path")"
	n_all="$n_all $(rps "http://127.0.0.1:$nport$path")"
	# A query string makes askdoc render every time (no page cache).
	r_all="$r_all $(rps "http://127.0.0.1:$aport$path?nocache=1")"
	i=$((i + 1))
done
median() { echo "$@" | tr ' ' '\n' | grep . | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
am=$(median $a_all)
nm=$(median $n_all)
echo "page: $path ($size bytes)"
echo "askdoc (1 thread) req/s:$a_all  median $am"
echo "nginx (1 worker)  req/s:$n_all  median $nm"
rm_=$(median $r_all)
echo "askdoc rendering every request req/s:$r_all  median $rm_"
echo "ratio askdoc/nginx: $(echo "$am $nm" | awk '{printf "%.2f", $1/$2}')"
echo "ratio askdoc uncached/nginx: $(echo "$rm_ $nm" | awk '{printf "%.2f", $1/$2}')"
