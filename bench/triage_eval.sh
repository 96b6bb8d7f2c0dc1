#!/bin/sh
# bench/triage_eval.sh: accuracy and macro-F1 of `askdoc triage` on the
# Chinese patient questions of ../shared/data/cmed-dev.jsonl.
#
# usage: sh bench/triage_eval.sh [ASKDOC] [DATA]
#
# The records are split by alternation: even lines (0, 2, ...) form the
# archive that is indexed, odd lines are the questions to triage (title and
# question text, department hidden). Prints one summary line.
#
# Then the cross-language split (bench/triage_xlang.sh, the demo
# departments): tests/data/triage-xlang-dev.tsv and triage-xlang-new.tsv
# (the team's own sets), and every file named in
# TRIAGE_XLANG (space-separated; outside batches are kept out of the
# repository, e.g. TRIAGE_XLANG=/work/heldout/triage-A/triage.tsv).
set -eu
askdoc=${1:-build/askdoc}
data=${2:-../shared/data/cmed-dev.jsonl}
if [ ! -f "$data" ]; then
	echo "SKIP: $data not found"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$data" "$tmp" <<'PY'
import json, sys
data, tmp = sys.argv[1], sys.argv[2]
lines = [l for l in open(data, encoding="utf-8") if l.strip()]
with open(tmp + "/train.jsonl", "w", encoding="utf-8") as tr, \
     open(tmp + "/questions.txt", "w", encoding="utf-8") as q, \
     open(tmp + "/gold.txt", "w", encoding="utf-8") as g:
    for i, l in enumerate(lines):
        if i % 2 == 0:
            tr.write(l if l.endswith("\n") else l + "\n")
            continue
        r = json.loads(l)
        text = (r.get("title") or "") + " " + (r.get("question") or "")
        q.write(" ".join(text.split()) + "\n")
        g.write(r["department"] + "\n")
PY
"$askdoc" triage --archive "$tmp/train.jsonl" --json - <"$tmp/questions.txt" >"$tmp/out.jsonl"
python3 - "$tmp" <<'PY'
import json, sys, collections
tmp = sys.argv[1]
gold = [l.rstrip("\n") for l in open(tmp + "/gold.txt", encoding="utf-8")]
pred = [json.loads(l)["department"] for l in open(tmp + "/out.jsonl", encoding="utf-8")]
assert len(gold) == len(pred), (len(gold), len(pred))
ok = sum(g == p for g, p in zip(gold, pred))
labels = sorted(set(gold))
f1s = []
for c in labels:
    tp = sum(g == c and p == c for g, p in zip(gold, pred))
    fp = sum(g != c and p == c for g, p in zip(gold, pred))
    fn = sum(g == c and p != c for g, p in zip(gold, pred))
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f1s.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
print("questions=%d accuracy=%.4f macroF1=%.4f" % (len(gold), ok / len(gold), sum(f1s) / len(f1s)))
for c, f in zip(labels, f1s):
    print("  %-8s n=%4d F1=%.3f" % (c, gold.count(c), f))
PY
for f in tests/data/triage-xlang-dev.tsv tests/data/triage-xlang-new.tsv \
	${TRIAGE_XLANG:-}; do
	printf 'cross-language %s: ' "$f"
	sh bench/triage_xlang.sh "$askdoc" "$f"
done
