#!/bin/sh
# bench/liveqa_eval.sh: LiveQA-Med avgScore of `askdoc search` on the
# whole of ../shared/data/liveqa-dev.jsonl and on its two halves (the
# qids are all odd: half A is qid % 4 == 1, half B qid % 4 == 3, as in
# bench/moreinfo_eval.sh), with ../shared/tools/retrieval-eval.
#
# usage: sh bench/liveqa_eval.sh [ASKDOC] [DB]
#
# DB is a database with ../shared/data/medquad.jsonl imported (made when
# missing). Prints one line per set: "set avgScore succ@3+ ...".
set -eu
askdoc=${1:-build/askdoc}
db=${2:-/tmp/askdoc-liveqa-mq.db}
data=../shared/data/liveqa-dev.jsonl
tool=../shared/tools/retrieval-eval
if [ ! -f "$data" ] || [ ! -x "$tool" ]; then
	echo "SKIP: $data or $tool not found"
	exit 0
fi
[ -f "$db" ] || "$askdoc" import --db "$db" ../shared/data/medquad.jsonl >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$data" "$tmp" <<'PY'
import json, sys
data, tmp = sys.argv[1], sys.argv[2]
a = open(tmp + "/A.jsonl", "w", encoding="utf-8")
b = open(tmp + "/B.jsonl", "w", encoding="utf-8")
for l in open(data, encoding="utf-8"):
    if l.strip():
        (a if json.loads(l)["qid"] % 4 == 1 else b).write(l)
PY
for set in all A B; do
	f=$data
	[ "$set" = all ] || f=$tmp/$set.jsonl
	printf '%s ' "$set"
	"$tool" --cmd "$askdoc search --db $db --limit 10 --json -" --data "$f" |
		tr '\n' ' '
	echo
done
