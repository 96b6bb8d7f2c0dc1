#!/bin/sh
# bench/moreinfo_demo.sh: how many of the demo site's Q&A pages show More
# Info (`make run`'s content, tools/demo.sh).
#
# usage: sh bench/moreinfo_demo.sh [ASKDOC] [--verbose]
#
# Builds the demo database in a temporary directory, serves it on a free
# loopback port, fetches every published Q&A page (/qa/ID in the English
# interface) and counts those that say they have no More Info, in all and
# by the question's language; then, for the pages not in English, the same
# count in the question's own interface language (own_ui: what their
# readers see; More Info must not depend on the interface).
# --verbose prints each page's title and the sources its More Info cites.
set -eu
askdoc=${1:-build/askdoc}
verbose=${2:-}
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
sh tools/demo.sh "$askdoc" "$tmp/demo.db" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$askdoc" serve --db "$tmp/demo.db" --listen "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
pid=$!
python3 - "$tmp/demo.db" "$port" "$verbose" <<'PY'
import html, re, sqlite3, sys, time, urllib.request
db, port, verbose = sys.argv[1], sys.argv[2], sys.argv[3] == "--verbose"
NONE = "so there is no More Info here."
rows = sqlite3.connect(db).execute(
    "SELECT id, language FROM questions WHERE status = 'published' ORDER BY id").fetchall()
ids = [r[0] for r in rows]
lang = dict(rows)
by_lang = {}
for _ in range(100):
    try:
        urllib.request.urlopen("http://127.0.0.1:%s/" % port, timeout=5)
        break
    except Exception:
        time.sleep(0.1)
def fetch(i, ui):
    req = urllib.request.Request("http://127.0.0.1:%s/qa/%d" % (port, i),
                                 headers={"Accept-Language": ui})
    return urllib.request.urlopen(req, timeout=30).read().decode()
def has_none(page):
    # The placeholder in any interface language: the section without a
    # list of sources.
    sec = re.search(r'<section class="more-info".*?</section>', page, re.S)
    return not sec or 'class="moreinfo-sources"' not in sec.group(0)
empty = 0
own_ui = [0, 0]
for i in ids:
    page = fetch(i, "en")
    none = NONE in page or "No More Info for this question yet." in page
    if lang[i] and lang[i] != "en":
        own_ui[0] += 1
        own_ui[1] += has_none(fetch(i, lang[i]))
    empty += none
    n = by_lang.setdefault(lang[i], [0, 0])
    n[0] += 1
    n[1] += none
    if verbose:
        title = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
        srcs = re.findall(r'<ol class="moreinfo-sources">(.*?)</ol>', page, re.S)
        names = re.findall(r"<a [^>]*>(.*?)</a>", srcs[0]) if srcs else []
        print("%4d %-5s %s" % (i, "none" if none else "", html.unescape(
            re.sub("<[^>]+>", "", title.group(1)).strip())[:70] if title else ""))
        for n in names:
            print("          %s" % html.unescape(re.sub("<[^>]+>", "", n))[:80])
print("qa_pages=%d without_more_info=%d" % (len(ids), empty))
print("own_ui qa_pages=%d without_more_info=%d" % (own_ui[0], own_ui[1]))
for l in sorted(by_lang):
    print("lang=%s qa_pages=%d without_more_info=%d" % (l, by_lang[l][0], by_lang[l][1]))
PY
