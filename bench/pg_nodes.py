#!/usr/bin/env python3
"""bench/pg_nodes.py [--bin build/askdoc] [--what lag,failover,qa]:
several askdoc nodes on one PostgreSQL database (issue 15), in one run
on a throwaway cluster (tests/e2e/pgnodes.py starts it, as nobody under
root; Debian's postgresql-15, haproxy and wrk).

lag       changelog follow: a doctor publishes a reply on node B; the time
          from B's 303 to the Q&A being found by /api/search on node C
          (polled without pause), N times (LAG_N, default 60): p50, p99.
failover  the failover test's rounds (tests/e2e/test_pg_failover.py),
          FAILOVER_ROUNDS times (default 10): seconds from the SIGKILL of
          the primary to the last 503 clients saw, 503s, acknowledged
          writes and writes lost.
qa        Q&A page throughput with wrk (DURATION s, default 5, 50
          connections, ROUNDS rounds alternating, default 3; medians):
          one node with one worker thread on SQLite and on PostgreSQL
          (the demo database in each), then haproxy in front of one and of
          two PostgreSQL nodes.
"""
import argparse
import json
import os
import random
import re
import statistics
import string
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))
import harness  # noqa: E402
import pgnodes  # noqa: E402
from askflow import ONCO, SIGNOFF, Browser, login  # noqa: E402


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))]


def word():
    return "".join(random.choice(string.ascii_lowercase) for _ in range(11))


def demo_pg(t, root, name):
    pg = root.cluster(name)
    pg.init()
    pg.start()
    pg.psql("CREATE DATABASE bench")
    url = pgnodes.url([pg], "bench")
    p = subprocess.run(["sh", "tools/demo.sh", t.bin, url], cwd=REPO, capture_output=True,
                       text=True, timeout=600)
    if p.returncode:
        raise RuntimeError("demo import failed: " + p.stderr[-2000:])
    p = t.run("user", "add", "--db", url, "--role", "doctor", "--email", ONCO[0], "--name",
              ONCO[1], "--password", ONCO[2], "--department", "Oncology", "--signoff", SIGNOFF)
    if p.returncode:
        raise RuntimeError("user add failed: " + p.stderr)
    return pg, url


def lag(t, n):
    root = pgnodes.Root()
    try:
        pg, url = demo_pg(t, root, "lag")
        b_node, c_node = t.server(url), t.server(url)
        dept = pg.psql("SELECT id FROM departments WHERE name = 'Oncology'", "bench")[0][0]
        doc = login(b_node, ONCO[0], ONCO[2])
        asker = Browser(b_node)
        lags = []
        for i in range(n):
            w = word()
            title = "Bench %d: does %s help a dry cough?" % (i, w)
            r = asker.post("/ask", {"csrf": asker.csrf("/ask"), "title": title, "consent": "yes",
                                    "text": "A dry cough for three weeks; is it %s related?" % w,
                                    "department": dept})
            assert r.status == 303, r.status
            qid = int(pg.psql("SELECT id FROM questions WHERE title = '%s'" % title, "bench")[0][0])
            path = "/doctor/question/%d" % qid
            f = {"csrf": doc.csrf(path), "action": "publish", "signoff": SIGNOFF,
                 "body": "No, %s does not help a dry cough." % w}
            r = doc.post(path, f)
            acked = time.time()
            assert r.status == 303, r.status
            while True:
                res = json.loads(c_node.get("/api/search?q=" + w, tidy=False).text)
                if any(h.get("id") == qid for h in res.get("results", [])):
                    break
                if time.time() - acked > 10:
                    raise RuntimeError("not found on C after 10 s")
            lags.append(time.time() - acked)
        print("lag: publish on B -> searchable on C, n=%d: p50 %.1f ms, p99 %.1f ms, max %.1f ms"
              % (n, 1000 * pct(lags, 50), 1000 * pct(lags, 99), 1000 * max(lags)))
    finally:
        for s in t.servers:
            s.stop()
        t.servers = []
        root.close()


def failover(t, rounds):
    import test_pg_failover as fo
    fo.ROUNDS = rounds
    fo.FIGURES.clear()
    fo.test_failover_loses_no_acknowledged_write(t)
    secs = [f[0] for f in fo.FIGURES]
    print("failover, %d rounds: seconds of 503s p50 %.2f, max %.2f; 503s %d; acknowledged %d;"
          " lost %d" % (rounds, statistics.median(secs), max(secs), sum(f[1] for f in fo.FIGURES),
                        sum(f[2] for f in fo.FIGURES), sum(f[3] for f in fo.FIGURES)))
    print("  per round (seconds, 503s, acknowledged, lost): %r" % fo.FIGURES)


def wrk(port, path, dur):
    p = subprocess.run(["wrk", "-t", "2", "-c", "50", "-d", "%ds" % dur,
                        "http://127.0.0.1:%d%s" % (port, path)],
                       capture_output=True, text=True, timeout=dur + 60)
    m = re.search(r"Requests/sec:\s+([0-9.]+)", p.stdout)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", p.stdout)
    if not m or non2xx:
        raise RuntimeError("wrk: " + p.stdout + p.stderr)
    return float(m.group(1))


def qa(t, dur, rounds):
    root = pgnodes.Root()
    try:
        sqlite_db = t.path("bench.db")
        p = subprocess.run(["sh", "tools/demo.sh", t.bin, sqlite_db], cwd=REPO,
                           capture_output=True, text=True, timeout=600)
        if p.returncode:
            raise RuntimeError("demo import failed: " + p.stderr[-2000:])
        pg, url = demo_pg(t, root, "qa")
        one = ["--threads", "1", "--access-log=0", "--log-level", "warn"]
        sq = t.server(sqlite_db, args=one)
        n1, n2 = t.server(url, args=one), t.server(url, args=one)
        path = re.search(r'href="(/qa/\d+)"', sq.get("/", tidy=False).text).group(1)
        title = re.search(r"<h1[^>]*>(.*?)</h1>", sq.get(path, tidy=False).text, re.S).group(1)
        # The same Q&A on PostgreSQL (ids may differ between imports).
        for s in (n1, n2):
            pid = re.search(r'href="(/qa/\d+)"', s.get("/", tidy=False).text).group(1)
            assert title in s.get(pid, tidy=False).text, "same page on both engines"
        pgpath = pid
        # A node busy with wrk may answer a check late: no node is taken
        # out during the run.
        calm = "inter 2s fall 100 rise 1"
        _, lb1 = pgnodes.haproxy(root, [n1.port], calm)
        _, lb2 = pgnodes.haproxy(root, [n1.port, n2.port], calm)
        runs = {"sqlite": [], "pg": [], "haproxy-1": [], "haproxy-2": []}
        for _ in range(rounds):
            runs["sqlite"].append(wrk(sq.port, path, dur))
            runs["pg"].append(wrk(n1.port, pgpath, dur))
            runs["haproxy-1"].append(wrk(lb1, pgpath, dur))
            runs["haproxy-2"].append(wrk(lb2, pgpath, dur))
        med = {k: statistics.median(v) for k, v in runs.items()}
        print("qa page, one worker thread a node, wrk -c 50, %d s x %d rounds (medians):"
              % (dur, rounds))
        print("  sqlite node %.0f req/s; pg node %.0f req/s (pg/sqlite %.2f)"
              % (med["sqlite"], med["pg"], med["pg"] / med["sqlite"]))
        print("  haproxy + 1 pg node %.0f req/s; haproxy + 2 pg nodes %.0f req/s (2/1 %.2f)"
              % (med["haproxy-1"], med["haproxy-2"], med["haproxy-2"] / med["haproxy-1"]))
        print("  all runs: %r" % runs)
    finally:
        for s in t.servers:
            s.stop()
        t.servers = []
        root.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(REPO, "build", "askdoc"))
    ap.add_argument("--what", default="lag,failover,qa")
    a = ap.parse_args()
    os.chdir(REPO)
    totals = harness.Totals()
    with harness.Tester(os.path.abspath(a.bin), totals, "bench") as t:
        pgnodes.need(haproxy="qa" in a.what)
        t.check_html = lambda html, what: None
        for w in a.what.split(","):
            t0 = time.time()
            if w == "lag":
                lag(t, int(os.environ.get("LAG_N", "60")))
            elif w == "failover":
                failover(t, int(os.environ.get("FAILOVER_ROUNDS", "10")))
            elif w == "qa":
                qa(t, int(os.environ.get("DURATION", "5")), int(os.environ.get("ROUNDS", "3")))
            print("  (%s took %.0f s)" % (w, time.time() - t0))
    if totals.failed:
        print("%d checks failed" % totals.failed)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
