#!/usr/bin/env python3
"""bench/moreinfo_score.py: precision of the sources `askdoc moreinfo` cites.

usage: moreinfo_score.py QRELS OUTPUT [--verbose]

QRELS is ../shared/data/liveqa-dev.jsonl (one question a line, with
"judged": {external_id: grade}); OUTPUT has one `askdoc moreinfo --json`
line per question, in the same order. A cited source counts as relevant
when assessors graded it 2 (Related) or more; an unjudged source counts as
not relevant. Prints one summary line, then (with --verbose) every
question's sources and grades.
"""
import json
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    verbose = "--verbose" in sys.argv[3:]
    qrels = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    out = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
    if len(out) != len(qrels):
        sys.exit("%d output lines for %d questions" % (len(out), len(qrels)))
    cited = relevant = answered = words = judged = 0
    for q, o in zip(qrels, out):
        srcs = o["sources"]
        if srcs:
            answered += 1
            words += len(o["text"].split())
        for s in srcs:
            g = q["judged"].get(s["external_id"])
            cited += 1
            judged += g is not None
            relevant += (g or 0) >= 2
        if verbose:
            print("%s %s" % (q["qid"], q["query"][:100]))
            for s in srcs:
                print("    %-4s %-34s %s" % (q["judged"].get(s["external_id"], "-"),
                                           s["external_id"], s["title"][:60]))
    print("questions=%d answered=%d cited=%d relevant=%d judged=%d precision=%.4f "
          "sources_per_answer=%.2f words_per_answer=%.0f" % (
              len(qrels), answered, cited, relevant, judged,
              relevant / cited if cited else 0.0,
              cited / answered if answered else 0.0,
              words / answered if answered else 0.0))


if __name__ == "__main__":
    main()
