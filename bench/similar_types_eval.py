#!/usr/bin/env python3
"""bench/similar_types_eval.py: similar questions that ask another thing.

usage: python3 bench/similar_types_eval.py [ASKDOC] [LIBRARY] [--part heldout|train] [--n N]

The library (../shared/data/medquad.jsonl) groups its questions by focus
(the first topic) and question type: "What are the symptoms of Golfer's
elbow?", "How is Golfer's elbow treated?". A query is one record's
question with its focus named by a synonym instead (the record's second
topic, as a reader may call it): its paraphrases are the records of the
same focus and type; its related-but-different questions (hard
negatives) are those of the same focus and another type. The whole
library is the archive (`askdoc search --archive LIBRARY --similar
--json`, the ask form's suggestions and Similar Q&A), and SQLite FTS5
bm25 over the same titles runs beside it.

Split: held-out = foci whose CRC-32 is 0 mod 5, train = the rest; tune
on train only. At most N (default 1000) queries per part, taken in CRC
order of their external id.

Figures: top-1 (a paraphrase first), above-all-hard (the best paraphrase
above every hard negative) and pairwise (each paraphrase above each hard
negative; both unranked count half). Records are compared by title:
the ranking shows one of several records titled alike.
"""
import collections, json, os, re, sqlite3, subprocess, sys, time, zlib

argv = sys.argv[1:]
opt = {}
pos_args = []
i = 0
while i < len(argv):
    if argv[i].startswith("--"):
        opt[argv[i]] = argv[i + 1]
        i += 2
    else:
        pos_args.append(argv[i])
        i += 1
askdoc = pos_args[0] if pos_args else "build/askdoc"
lib = pos_args[1] if len(pos_args) > 1 else "../shared/data/medquad.jsonl"
part = opt.get("--part", "heldout")
nmax = int(opt.get("--n", "1000"))
if not os.path.exists(lib):
    print("SKIP: %s not found" % lib)
    sys.exit(0)
recs = [json.loads(l) for l in open(lib, encoding="utf-8") if l.strip()]
norm = lambda s: " ".join(re.findall(r"\w+", s.lower()))
group = collections.defaultdict(list)
seen = set()
for r in recs:
    if not r.get("topics") or not r.get("question_type"):
        continue
    if r["external_id"] in seen:
        continue
    seen.add(r["external_id"])
    group[norm(r["topics"][0])].append(r)
queries = []
for f, rs in group.items():
    if (zlib.crc32(f.encode()) % 5 == 0) != (part == "heldout"):
        continue
    if len({r["question_type"] for r in rs}) < 2:
        continue
    for r in rs:
        syn = [t for t in r["topics"][1:] if norm(t) and norm(t) not in r["title"].lower()]
        name = r["topics"][0]
        if not syn or name.lower() not in r["title"].lower():
            continue
        q = re.sub(re.escape(name), syn[0], r["title"], count=1, flags=re.I)
        # By title: the ranking shows one of several records titled
        # alike (MedQuAD repeats sections).
        P = {norm(x["title"]) for x in rs if x["question_type"] == r["question_type"]}
        N = {norm(x["title"]) for x in rs if x["question_type"] != r["question_type"]} - P
        queries.append((zlib.crc32(r["external_id"].encode()), q, P, N))
title = {r["external_id"]: norm(r["title"]) for rs in group.values() for r in rs}
queries.sort()
queries = queries[:nmax]
K = 50


def ours():
    inp = "".join(" ".join(q.split()) + "\n" for _, q, _, _ in queries)
    t0 = time.time()
    out = subprocess.run([askdoc, "search", "--archive", lib, "--similar",
                          "--limit", str(K), "--json", "-"], input=inp,
                         capture_output=True, text=True, check=True).stdout
    return [[h["external_id"] for h in json.loads(l)["results"]]
            for l in out.splitlines()], time.time() - t0


def fts5():
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, q)")
    db.executemany("INSERT INTO f VALUES (?, ?)",
                   [(r["external_id"], r["title"]) for rs in group.values() for r in rs])
    res = []
    t0 = time.time()
    for _, q, _, _ in queries:
        words = sorted(set(re.findall(r"\w+", q.lower())))
        m = " OR ".join('"%s"' % w for w in words)
        res.append([r[0] for r in db.execute(
            "SELECT id FROM f WHERE f MATCH ? ORDER BY bm25(f) LIMIT ?", (m, K))] if words else [])
    return res, time.time() - t0


def score(ranked):
    top1 = first = pw = npw = 0
    for (_, q, P, N), r in zip(queries, ranked):
        rank = {}
        for k, x in enumerate(r):
            rank.setdefault(title.get(x), k)
        top1 += bool(r) and title.get(r[0]) in P
        best = min([rank[p] for p in P if p in rank], default=None)
        first += best is not None and all(best < rank[x] for x in N if x in rank)
        for p in P:
            for x in N:
                a, b = rank.get(p), rank.get(x)
                npw += 1
                if a is None and b is None:
                    pw += 0.5
                elif b is None or (a is not None and a < b):
                    pw += 1
    n = max(len(queries), 1)
    return top1 / n, first / n, pw / max(npw, 1), npw


for name, fn in (("askdoc --similar", ours), ("sqlite fts5 bm25", fts5))[:1 if os.environ.get("ONLY_ASKDOC") else 2]:
    ranked, took = fn()
    t1, first, p, npw = score(ranked)
    print("%-18s part=%s queries=%d top1=%.3f above-all-hard=%.3f pairwise=%.3f (%d pairs) %.1fs"
          % (name, part, len(queries), t1, first, p, npw, took))
