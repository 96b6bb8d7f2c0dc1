#!/usr/bin/env python3
"""bench/moreinfo_score.py: precision of the sources `askdoc moreinfo` cites.

usage: moreinfo_score.py QRELS OUTPUT [--library ARCHIVE] [--verbose]

QRELS is ../shared/data/liveqa-dev.jsonl (one question a line, with
"judged": {external_id: grade}); OUTPUT has one `askdoc moreinfo --json`
line per question, in the same order. A cited source counts as relevant
when assessors graded it 2 (Related) or more; an unjudged source counts as
not relevant. With --library (the imported archive), every sentence is
also checked to appear verbatim in the answer of the source it cites.
Prints one summary line for the whole set, then one for each half
(to show a setting tuned on one half holds on the other): the LiveQA qids
are all odd, so the halves are alternate questions, qid % 4 == 1 ("A")
and qid % 4 == 3 ("B"). --verbose lists every question's sources first.
"""
import json
import re
import sys


def squeeze(s):
    return " ".join(s.split())


def main():
    args = sys.argv[1:]
    verbose = "--verbose" in args
    library = None
    if "--library" in args:
        library = args[args.index("--library") + 1]
    pos = [a for i, a in enumerate(args)
           if not a.startswith("--") and (i == 0 or args[i - 1] != "--library")]
    if len(pos) < 2:
        sys.exit(__doc__)
    qrels = [json.loads(l) for l in open(pos[0], encoding="utf-8") if l.strip()]
    out = [json.loads(l) for l in open(pos[1], encoding="utf-8")]
    if len(out) != len(qrels):
        sys.exit("%d output lines for %d questions" % (len(out), len(qrels)))
    text = {}
    if library:
        for l in open(library, encoding="utf-8"):
            r = json.loads(l)
            text.setdefault(r["external_id"], squeeze(
                " ".join(a.get("body") or "" for a in r.get("answers") or [])))
    tally = {k: dict(questions=0, answered=0, cited=0, relevant=0, judged=0,
                     words=0) for k in ("all", "A", "B")}
    checked = broken = 0
    for q, o in zip(qrels, out):
        srcs = o["sources"]
        for k in ("all", "A" if q["qid"] % 4 == 1 else "B"):
            t = tally[k]
            t["questions"] += 1
            if srcs:
                t["answered"] += 1
                t["words"] += len(re.sub(r"\[\d+\]", "", o["text"]).split())
            for s in srcs:
                g = q["judged"].get(s["external_id"])
                t["cited"] += 1
                t["judged"] += g is not None
                t["relevant"] += (g or 0) >= 2
        if library:
            for s in o.get("sentences", []):
                checked += 1
                src = srcs[s["cites"][0] - 1]["external_id"]
                if squeeze(s["text"]) not in text.get(src, ""):
                    broken += 1
                    print("NOT VERBATIM (%s): %s" % (src, s["text"]))
        if verbose:
            print("%s %s" % (q["qid"], q["query"][:100]))
            for s in srcs:
                print("    %-4s %-34s %s" % (q["judged"].get(s["external_id"], "-"),
                                           s["external_id"], s["title"][:60]))
    for k in ("all", "A", "B"):
        t = tally[k]
        cited, answered = t["cited"], t["answered"]
        print("%squestions=%d answered=%d cited=%d relevant=%d judged=%d "
              "precision=%.4f precision_of_judged=%.4f sources_per_answer=%.2f "
              "words_per_answer=%.0f" % (
                  "" if k == "all" else "half=%s " % k,
                  t["questions"], answered, cited, t["relevant"], t["judged"],
                  t["relevant"] / cited if cited else 0.0,
                  t["relevant"] / t["judged"] if t["judged"] else 0.0,
                  cited / answered if answered else 0.0,
                  t["words"] / answered if answered else 0.0))
    if library:
        print("sentences=%d not_verbatim=%d" % (checked, broken))


if __name__ == "__main__":
    main()
