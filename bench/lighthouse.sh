#!/bin/sh
# bench/lighthouse.sh BINARY [RUNS]: Lighthouse 12.2.3 (mobile, the default
# profile: simulated slow 4G and a 4x slower CPU) against the page kinds
# readers land on: home, Q&A, search, ask, department, topic, doctor and
# article, on a fresh demo database, in each language of LANGS (default
# "en zh-TW zh-CN vi"; a language other than the default is asked for
# with ?lang=, as its hreflang alternate links do). Prints one line per
# page and language with the four category scores (performance,
# accessibility, best practices, SEO), the worst of RUNS runs (default 1),
# any audit that did not pass, and exits non-zero when a score is under
# the target 0.98.
#
# Needs node, /usr/bin/chromium (or CHROME_PATH) and Lighthouse installed
# beside this script: (cd bench/lighthouse && npm ci). Run from the
# repository root.
set -eu
bin=${1:-build/askdoc}
runs=${2:-1}
langs=${LANGS:-en zh-TW zh-CN vi}
here=$(cd "$(dirname "$0")" && pwd)
lh=$here/lighthouse/node_modules/.bin/lighthouse
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
if [ ! -x "$lh" ]; then
	echo "lighthouse is not installed: (cd bench/lighthouse && npm ci)" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
sh tools/demo.sh "$bin" "$tmp/demo.db" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
"$bin" serve --db "$tmp/demo.db" --listen 127.0.0.1:$port --public-url "$url" \
	--languages en,zh-TW,zh-CN,vi --default-language en >"$tmp/server.log" 2>&1 &
pid=$!
for i in $(seq 50); do
	curl -s -o /dev/null "$url/healthz" && break
	sleep 0.1
done
if ! curl -s -o /dev/null "$url/healthz"; then
	cat "$tmp/server.log" >&2
	exit 2
fi
db=$tmp/demo.db
qa=$(sqlite3 "$db" "SELECT id FROM questions WHERE status = 'published' ORDER BY id LIMIT 1")
dept=$(sqlite3 "$db" "SELECT d.slug FROM departments d JOIN questions q ON q.department_id = d.id GROUP BY d.id ORDER BY count(*) DESC LIMIT 1")
topic=$(sqlite3 "$db" "SELECT t.slug FROM topics t JOIN question_topics x ON x.topic_id = t.id GROUP BY t.id ORDER BY count(*) DESC LIMIT 1")
doctor=$(sqlite3 "$db" "SELECT doctor_id FROM answers WHERE doctor_id IS NOT NULL GROUP BY doctor_id ORDER BY count(*) DESC LIMIT 1")
article=$(sqlite3 "$db" "SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")
fail=0
printf '%-16s %-5s %-5s %-5s %-5s %s\n' page perf a11y bp seo url
for lang in $langs; do
# The Q&A and the article of the language itself, where the demo has one.
lqa=$(sqlite3 "$db" "SELECT id FROM questions WHERE status = 'published' AND language = '$lang' ORDER BY id LIMIT 1")
lart=$(sqlite3 "$db" "SELECT slug FROM articles WHERE status = 'published' AND language = '$lang' ORDER BY id LIMIT 1")
lqa=${lqa:-$qa}
lart=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "${lart:-$article}")
for spec in "home /" "qa /qa/$lqa" "search /search?q=liver+cancer" "ask /ask" \
	"department /department/$dept" "topic /topic/$topic" "doctor /doctor/$doctor" \
	"article /articles/$lart"; do
	name=${spec%% *}-$lang
	path=${spec#* }
	if [ "$lang" != en ]; then
		case $path in
		*\?*) path="$path&lang=$lang" ;;
		*) path="$path?lang=$lang" ;;
		esac
	fi
	for r in $(seq "$runs"); do
		"$lh" "$url$path" --quiet --output=json --output-path="$tmp/$name-$r.json" \
			--only-categories=performance,accessibility,best-practices,seo \
			--chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>&1 || true
	done
	python3 - "$name" "$path" "$tmp" "$runs" <<'EOF' || fail=1
import json, sys
name, path, tmp, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
cats = ["performance", "accessibility", "best-practices", "seo"]
worst, notes = {c: 1.0 for c in cats}, set()
for r in range(1, runs + 1):
    try:
        rep = json.load(open("%s/%s-%d.json" % (tmp, name, r)))
    except (OSError, ValueError):
        print("%-16s lighthouse failed" % name)
        sys.exit(1)
    for c in cats:
        s = rep["categories"][c]["score"]
        worst[c] = min(worst[c], s if s is not None else 0)
    for k, a in rep["audits"].items():
        if a.get("score") is not None and a["score"] < 1 and \
                a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings"):
            notes.add("%s=%s" % (k, a.get("displayValue") or a["score"]))
print("%-16s %-5.2f %-5.2f %-5.2f %-5.2f %s" % (name, worst[cats[0]], worst[cats[1]],
      worst[cats[2]], worst[cats[3]], path))
for n in sorted(notes):
    print("                 - " + n)
sys.exit(0 if min(worst.values()) >= 0.98 else 1)
EOF
done
done
exit $fail
