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

RQE's not-entailed faqs are random questions, so pairwise is near 1 for
any method. The "hard" line measures what it cannot see: related but
different questions. A hard negative of a chq is a faq of the same part,
asked about another chq (so not entailed by it), that names a focus the
chq names too: a MedQuAD topic name (../shared/data/medquad.jsonl, the
library's focus names, less a few words too general to be a focus) in
both texts. "Could Procardia cause tinnitus?" has "What are the causes of
tinnitus?" as one. Figures over the chqs with at least one hard
negative: hard pairwise (P above each hard N), hard top-1 (an entailed
faq first) and, for comparison with the outside set, the share of chqs
whose best-ranked entailed faq is above all of their hard negatives.
Without medquad.jsonl only the RQE figures are printed.
"""
import json, os, re, sqlite3, subprocess, sys, tempfile, time, collections, zlib

args = [a for i, a in enumerate(sys.argv[1:])
        if not a.startswith("--") and sys.argv[i] != "--part"]
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

# Focus names for hard negatives (see the docstring).
GENERAL = {"pain", "child", "blood", "chronic", "acute", "differential",
           "drugs", "side effects", "medications", "x ray", "intravenous",
           "newborn", "surgery", "mass", "benign", "asymptomatic",
           "family history", "renal", "respiratory", "enzyme", "antigen"}
medquad = os.path.join(os.path.dirname(data), "medquad.jsonl")
hard = collections.defaultdict(set)
if os.path.exists(medquad):
    names = set()
    for l in open(medquad, encoding="utf-8"):
        for t in json.loads(l).get("topics") or []:
            n = " ".join(re.findall(r"\w+", t.lower()))
            if len(n) >= 4 and n not in GENERAL:
                names.add(n)

    def focus(s):
        w = re.findall(r"\w+", s.lower())
        return {k for i in range(len(w)) for n in range(1, 6)
                for k in [" ".join(w[i:i + n])] if k in names}
    ffocus = {i: focus(q) for q, i in faq_id.items()}
    for c in chqs:
        fc = focus(c)
        for i, fs in ffocus.items():
            if i not in pos[c] and fs & fc:
                hard[c].add(i)


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


def score_hard(ranked):
    nq = top1 = first = pw = npw = 0
    for c, r in zip(chqs, ranked):
        if not hard[c]:
            continue
        nq += 1
        rank = {x: k for k, x in enumerate(r)}
        top1 += bool(r) and r[0] in pos[c]
        best = min([rank[p] for p in pos[c] if p in rank], default=None)
        hn = [rank[x] for x in hard[c] if x in rank]
        first += best is not None and all(best < h for h in hn)
        for p in pos[c]:
            for x in hard[c]:
                a, b = rank.get(p), rank.get(x)
                npw += 1
                if a is None and b is None:
                    pw += 0.5
                elif b is None or (a is not None and a < b):
                    pw += 1
    return nq, top1 / max(nq, 1), first / max(nq, 1), pw / max(npw, 1), npw


for name, fn in (("askdoc --similar", ours), ("sqlite fts5 bm25", fts5))[:1 if os.environ.get("ONLY_ASKDOC") else 2]:
    ranked, took = fn()
    t1, m, p, npw = score(ranked)
    print("%-18s part=%s questions=%d entries=%d top1=%.3f mrr=%.3f pairwise=%.3f (%d pairs) %.2fs"
          % (name, part, len(chqs), len(faq_id), t1, m, p, npw, took))
    if hard:
        nq, t1, first, p, npw = score_hard(ranked)
        print("%-18s hard: questions=%d top1=%.3f above-all-hard=%.3f pairwise=%.3f (%d pairs)"
              % ("", nq, t1, first, p, npw))
