#!/bin/sh
# bench/moreinfo_eval.sh: precision of the sources cited by More Info on
# the LiveQA medical questions of ../shared/data/liveqa-dev.jsonl.
#
# usage: sh bench/moreinfo_eval.sh [ASKDOC] [LIBRARY] [QRELS] [--verbose]
#
# Imports the library (MedQuAD) into a temporary database, asks `askdoc
# moreinfo --json -` for every question (one per line) and prints the share
# of cited sources that the assessors judged Related or better (grade >= 2;
# unjudged counts as not). Target: 0.60 or more. The same figures follow
# for each half of the questions (alternate qids: a setting tuned on one
# half is checked on the other), with how many questions got More Info
# (answered) and its mean length in words.
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
# MedQuAD repeats 34 external ids: import rejects them (exit 1) and stores
# the rest, so only a missing summary line is a failure here.
"$askdoc" import --db "$tmp/lib.db" "$lib" >"$tmp/import.out" 2>/dev/null || true
grep -q '^added' "$tmp/import.out" || { echo "import failed"; exit 1; }
python3 -c '
import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    if l.strip():
        print(" ".join(json.loads(l)["query"].split()))
' "$qrels" >"$tmp/questions.txt"
"$askdoc" moreinfo --db "$tmp/lib.db" --json - <"$tmp/questions.txt" >"$tmp/out.jsonl"
python3 "$here/moreinfo_score.py" "$qrels" "$tmp/out.jsonl" --library "$lib" $verbose
# Time per question: the questions 20 times over, less the index load (a
# run with no questions).
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	cat "$tmp/questions.txt"
done >"$tmp/many.txt"
t0=$(date +%s.%N)
"$askdoc" moreinfo --db "$tmp/lib.db" --json - </dev/null >/dev/null
t1=$(date +%s.%N)
"$askdoc" moreinfo --db "$tmp/lib.db" --json - <"$tmp/many.txt" >/dev/null
t2=$(date +%s.%N)
n=$(wc -l <"$tmp/many.txt")
echo "load_seconds=$(echo "scale=2; ($t1 - $t0) / 1" | bc)" \
	"ms_per_question=$(echo "scale=2; ($t2 - $t1 - ($t1 - $t0)) * 1000 / $n" | bc)"
