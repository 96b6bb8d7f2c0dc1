#!/bin/sh
# bench/triage_xlang.sh: department suggestion across languages, on the
# demo content's departments.
#
# usage: sh bench/triage_xlang.sh [ASKDOC] [SET]
#
# SET is a TSV file (language, department, question; '#' comments), as
# tests/data/triage-xlang-dev.tsv, or (four columns) department, language,
# title, question as the outside batches are written, or JSON Lines with "language",
# "department" and "question" (or "text"). The demo database is built
# with tools/demo.sh in a temporary folder and every question is triaged
# with `askdoc triage --json`. Prints accuracy and macro-F1 overall and the
# accuracy of each language.
set -eu
askdoc=${1:-build/askdoc}
set=${2:-tests/data/triage-xlang-dev.tsv}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sh tools/demo.sh "$askdoc" "$tmp/demo.db" >/dev/null
python3 - "$set" "$tmp" <<'PY'
import json, sys
src, tmp = sys.argv[1], sys.argv[2]
rows = []
for l in open(src, encoding="utf-8"):
    if not l.strip() or l.startswith("#"):
        continue
    if src.endswith(".tsv"):
        f = l.rstrip("\n").split("\t")
        if len(f) >= 4:
            dept, lang, q = f[0], f[1], f[2] + " " + f[3]
        else:
            lang, dept, q = f[0], f[1], f[2]
    else:
        r = json.loads(l)
        lang, dept = r["language"], r["department"]
        q = r.get("question") or r.get("text") or ""
    rows.append((lang, dept, " ".join(q.split())))
with open(tmp + "/q.txt", "w", encoding="utf-8") as f:
    f.writelines(r[2] + "\n" for r in rows)
with open(tmp + "/gold.tsv", "w", encoding="utf-8") as f:
    f.writelines(r[0] + "\t" + r[1] + "\n" for r in rows)
PY
"$askdoc" triage --db "$tmp/demo.db" --json - <"$tmp/q.txt" >"$tmp/out.jsonl"
python3 - "$tmp" "${VERBOSE:-}" <<'PY'
import json, sys, collections
tmp, verbose = sys.argv[1], sys.argv[2]
gold = [l.rstrip("\n").split("\t") for l in open(tmp + "/gold.tsv", encoding="utf-8")]
pred = [json.loads(l)["department"] for l in open(tmp + "/out.jsonl", encoding="utf-8")]
qs = [l.rstrip("\n") for l in open(tmp + "/q.txt", encoding="utf-8")]
by = collections.defaultdict(lambda: [0, 0])
tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
for (lang, g), p, q in zip(gold, pred, qs):
    by[lang][1] += 1
    if g == p:
        by[lang][0] += 1
        tp[g] += 1
    else:
        fp[p] += 1
        fn[g] += 1
        if verbose:
            print("MISS", lang, g, "->", p, "|", q)
depts = set(g for _, g in gold)
f1 = []
for d in depts:
    pr = tp[d] / (tp[d] + fp[d]) if tp[d] + fp[d] else 0
    rc = tp[d] / (tp[d] + fn[d]) if tp[d] + fn[d] else 0
    f1.append(2 * pr * rc / (pr + rc) if pr + rc else 0)
n = len(gold)
acc = sum(v[0] for v in by.values()) / n
print("questions=%d accuracy=%.3f macroF1=%.3f %s" % (n, acc, sum(f1) / len(f1),
      " ".join("%s=%.3f(%d)" % (k, v[0] / v[1], v[1]) for k, v in sorted(by.items()))))
PY
