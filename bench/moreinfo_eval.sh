#!/bin/sh
# bench/moreinfo_eval.sh: precision of the sources cited by More Info on
# the LiveQA medical questions of ../shared/data/liveqa-dev.jsonl.
#
# usage: sh bench/moreinfo_eval.sh [ASKDOC] [LIBRARY] [QRELS] [--verbose]
#
# Imports the library (MedQuAD) into a temporary database, asks `askdoc
# moreinfo --json -` for every question (one per line) and prints the share
# of cited sources that the assessors judged Related or better (grade >= 2;
# unjudged counts as not). Target: 0.60 or more.
set -eu
askdoc=${1:-build/askdoc}
lib=${2:-../shared/data/medquad.jsonl}
qrels=${3:-../shared/data/liveqa-dev.jsonl}
verbose=${4:-}
here=$(dirname "$0")
if [ ! -f "$lib" ] || [ ! -f "$qrels" ]; then
	echo "SKIP: $lib or $qrels not found"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$askdoc" import --db "$tmp/lib.db" "$lib" >/dev/null 2>"$tmp/import.err" || {
	# MedQuAD repeats a few ids: import exits 1 but stores the rest.
	grep -q '^added' "$tmp/import.err" 2>/dev/null || tail -n 3 "$tmp/import.err"
}
python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    if l.strip():
        print(" ".join(json.loads(l)["query"].split()))
' "$qrels" >"$tmp/questions.txt"
start=$(date +%s.%N)
"$askdoc" moreinfo --db "$tmp/lib.db" --json - <"$tmp/questions.txt" >"$tmp/out.jsonl"
end=$(date +%s.%N)
python3 "$here/moreinfo_score.py" "$qrels" "$tmp/out.jsonl" $verbose
echo "seconds=$(echo "$end - $start" | bc)"
