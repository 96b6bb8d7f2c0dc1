#!/usr/bin/env python3
"""bench/similar_eval.py: similar questions on RQE pairs.

usage: python3 bench/similar_eval.py [ASKDOC] [RQE] [--part heldout|train]

../shared/data/rqe-train.jsonl holds consumer questions (chq) paired with
short questions (faq), labelled entails or not (Ben Abacha and
Demner-Fushman, AMIA 2016). The held-out part is the chqs whose CRC-32
is 0 mod 5, with all their pairs (the rest, "train", is what a model may
learn from). Every distinct faq of the part
becomes a library entry of an archive; each chq with an entailed faq in
it is asked with `askdoc search --archive A --similar --json` (the ask
form's suggestions and Similar Q&A) and, in the same run, with SQLite
FTS5 bm25 over the same entries (words OR-ed).

Figures: top-1 (an entailed faq ranked first), MRR@50 of the first
entailed faq, and pairwise (for each chq, each entailed faq P and each
not-entailed faq N of its pairs: P ranked above N; both unranked
count half).
"""
import json, os, re, sqlite3, subprocess, sys, tempfile, time, collections, zlib

args = [a for a in sys.argv[1:] if not a.startswith("--")]
askdoc = args[0] if args else "build/askdoc"
data = args[1] if len(args) > 1 else "../shared/data/rqe-train.jsonl"
part = "train" if "--part" in sys.argv and sys.argv[sys.argv.index("--part") + 1] == "train" else "heldout"
if not os.path.exists(data):
    print("SKIP: %s not found" % data)
    sys.exit(0)
rows = [json.loads(l) for l in open(data, encoding="utf-8") if l.strip()]
rows = [r for r in rows
        if (zlib.crc32(r["chq"].encode()) % 5 == 0) == (part == "heldout")]
faq_id = {}
for r in rows:
    faq_id.setdefault(r["faq"], "rqe-%d" % len(faq_id))
pos, neg = collections.defaultdict(set), collections.defaultdict(set)
for r in rows:
    (pos if r["entails"] else neg)[r["chq"]].add(faq_id[r["faq"]])
chqs = [c for c in pos]
tmp = tempfile.mkdtemp()
arch = os.path.join(tmp, "faq.jsonl")
with open(arch, "w", encoding="utf-8") as f:
    for q, i in faq_id.items():
        f.write(json.dumps({"external_id": i, "kind": "faq", "title": q,
                            "question": q, "source": "rqe"}) + "\n")
K = 50


def ours():
    inp = "".join(" ".join(c.split()) + "\n" for c in chqs)
    t0 = time.time()
    out = subprocess.run([askdoc, "search", "--archive", arch, "--similar",
                          "--limit", str(K), "--json", "-"], input=inp,
                         capture_output=True, text=True, check=True).stdout
    took = time.time() - t0
    return [[h["external_id"] for h in json.loads(l)["results"]]
            for l in out.splitlines()], took


def fts5():
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, q)")
    db.executemany("INSERT INTO f VALUES (?, ?)", [(i, q) for q, i in faq_id.items()])
    res = []
    t0 = time.time()
    for c in chqs:
        words = [w for w in re.findall(r"\w+", c.lower())]
        if not words:
            res.append([])
            continue
        m = " OR ".join('"%s"' % w for w in sorted(set(words)))
        res.append([r[0] for r in db.execute(
            "SELECT id FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT ?", (m, K))])
    return res, time.time() - t0


def score(ranked):
    top1 = mrr = pw = npw = 0
    for c, r in zip(chqs, ranked):
        rank = {x: k for k, x in enumerate(r)}
        if r and r[0] in pos[c]:
            top1 += 1
        firsts = [rank[p] for p in pos[c] if p in rank]
        if firsts:
            mrr += 1.0 / (1 + min(firsts))
        for p in pos[c]:
            for n in neg[c]:
                a, b = rank.get(p), rank.get(n)
                npw += 1
                if a is None and b is None:
                    pw += 0.5
                elif b is None or (a is not None and a < b):
                    pw += 1
    n = len(chqs)
    return top1 / n, mrr / n, pw / npw if npw else 0, npw


for name, fn in (("askdoc --similar", ours), ("sqlite fts5 bm25", fts5))[:1 if os.environ.get("ONLY_ASKDOC") else 2]:
    ranked, took = fn()
    t1, m, p, npw = score(ranked)
    print("%-18s part=%s questions=%d entries=%d top1=%.3f mrr=%.3f pairwise=%.3f (%d pairs) %.2fs"
          % (name, part, len(chqs), len(faq_id), t1, m, p, npw, took))
