"""The database going away and failing over (issue 15). A node whose
PostgreSQL server is down answers 503 with Retry-After and keeps the
form that was sent (anonymous or signed in: never the login page), and
takes writes again by itself when the server is back. A primary with a
synchronous streaming standby (pg_basebackup -R, synchronous_standby_
names) is SIGKILLed under a write load through two nodes that connect
with libpq's multi-host string and target_session_attrs=read-write; the
standby is promoted (pg_ctl promote), the nodes reconnect without a
restart, and every acknowledged write is on the new primary: five
rounds, each rebuilding the dead primary as the new standby. Needs the
PostgreSQL server (skips without it)."""
import atexit
import html
import re
import time

import pgnodes
from askflow import ONCO, SIGNOFF, Browser, login

DB = "fo"
# The standby looks for WAL again every 200 ms, not every 5 s, once its
# primary is gone: promotion is not held up by the wait.
SYNC = ["synchronous_standby_names = '*'", "synchronous_commit = on", "wal_level = replica",
        "max_wal_senders = 5", "wal_keep_size = '64MB'", "wal_retrieve_retry_interval = '200ms'"]
ROUNDS = 5
FIGURES = []  # per round: (seconds of 503s after the kill, 503s, acknowledged, lost)


def setup(t, name, clusters):
    """A database on the first of clusters and askdoc's schema in it,
    with one doctor; returns its --db URL over all of clusters."""
    clusters[0].psql("CREATE DATABASE %s" % DB)
    url = pgnodes.url(clusters, DB)
    for args in (("init", "--db", url),
                 ("user", "add", "--db", url, "--role", "doctor", "--email", ONCO[0], "--name",
                  ONCO[1], "--password", ONCO[2], "--department", "Oncology", "--signoff",
                  SIGNOFF)):
        p = t.run(*args)
        if p.returncode:
            raise RuntimeError("askdoc %s failed: %s" % (args[0], p.stderr))
    return url


def resend_fields(page):
    """The fields of the form a 503 page keeps, ready to send again."""
    return {m.group(1): html.unescape(m.group(2)) for m in
            re.finditer(r'<textarea name="([^"]+)" hidden>(.*?)</textarea>', page, re.S)}


def ask_form(b, title):
    return {"csrf": b.csrf("/ask"), "title": title,
            "text": "My cough has lasted three weeks after a cold. Should I see someone?",
            "consent": "yes"}


def test_database_gone_503_form_kept_then_reconnects(t):
    pgnodes.need()
    root = pgnodes.Root()
    atexit.register(root.close)
    try:
        pg = root.cluster("solo")
        pg.init()
        pg.start()
        url = setup(t, "solo", [pg])
        s = t.server(url)
        b = Browser(s)
        doc = login(s, ONCO[0], ONCO[2])
        r = b.post("/ask", ask_form(b, "Is a cough after a cold a worry?"))
        t.eq(r.status, 303, "asked while the database is up")
        qid = int(pg.psql("SELECT max(id) FROM questions", DB)[0][0])
        form = ask_form(b, "Unreachable: should a three week cough be seen?")
        path = "/doctor/question/%d" % qid
        reply = {"csrf": doc.csrf(path), "action": "publish", "signoff": SIGNOFF,
                 "body": "Kept reply: a cough of three weeks deserves a visit."}
        pg.kill()
        pg.gone()
        r = b.post("/ask", form)
        t.eq(r.status, 503, "a question sent while the database is gone: 503")
        t.eq(r.header("retry-after"), "5", "with Retry-After")
        t.has(r.text, "Unreachable: should a three week cough be seen?", "the title is kept")
        t.has(r.text, "three weeks after a cold", "and the text")
        t.has(r.text, "database cannot be reached", "the page says why")
        kept = resend_fields(r.text)
        r = doc.post(path, reply)
        t.eq(r.status, 503, "a doctor's reply while the database is gone: 503, not the login page")
        t.eq(r.header("retry-after"), "5", "with Retry-After")
        t.has(r.text, "Kept reply: a cough of three weeks", "the reply is kept")
        kept_reply = resend_fields(r.text)
        r = doc.get("/doctor/queue")
        t.eq(r.status, 503, "a signed-in page while the database is gone: 503, not the login page")
        t.eq(s.get("/healthz").status, 503, "the health check tells the balancer")
        t.eq(s.get("/qa/%d" % qid).status, 503, "an uncached page: 503")
        t.ok(s.proc.poll() is None, "the node keeps running")
        pg.start()
        # The same process takes writes again, without a restart: the
        # kept fields, sent again as the page's button sends them.
        r = b.post("/ask", kept)
        t.eq(r.status, 303, "the kept question is taken once the database is back")
        t.eq(pg.psql("SELECT count(*) FROM questions WHERE title LIKE 'Unreachable:%'", DB),
             [["1"]], "stored once")
        r = doc.post(path, kept_reply)
        t.eq(r.status, 303, "the kept reply is taken too (the session survived)")
        t.eq(pg.psql("SELECT count(*) FROM answers WHERE body LIKE 'Kept reply:%'", DB),
             [["1"]], "the reply stored once")
        t.eq(s.get("/healthz").status, 200, "healthy again")
        t.has(s.logtext(), "database_unavailable", "the refusals are logged")
        t.lacks(s.logtext(), "three week cough", "without the question's text")
    finally:
        root.close()


def wait_sync(primary):
    """Wait until primary has a synchronous standby streaming."""
    ok = pgnodes.wait_for(lambda: primary.psql(
        "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'") == [["1"]], 30,
        0.1)
    if ok is None:
        raise RuntimeError("no synchronous standby: " + primary.log()[-2000:])


def test_failover_loses_no_acknowledged_write(t):
    pgnodes.need()
    root = pgnodes.Root()
    atexit.register(root.close)
    try:
        a, b = root.cluster("a"), root.cluster("b")
        a.init(SYNC)
        a.start()
        b.basebackup_from(a)
        b.start()
        wait_sync(a)
        url = setup(t, "fo", [a, b])
        nodes = [t.server(url), t.server(url)]
        primary, standby = a, b
        total_acked = 0
        for rnd in range(ROUNDS):
            prefix = "round%d" % rnd
            ws = [pgnodes.Writer(t, n.port, "%s n%d" % (prefix, i), threads=2).start()
                  for i, n in enumerate(nodes)]
            time.sleep(0.8)
            primary.kill()
            killed = time.time()
            standby.promote()
            # The promoted server may not wait for a standby it does not
            # have yet: asynchronous until the old primary is rebuilt.
            standby.psql(["ALTER SYSTEM SET synchronous_standby_names = ''",
                          "SELECT pg_reload_conf()"])
            n0 = [len(w.acked) for w in ws]
            back = pgnodes.wait_for(lambda: all(len(w.acked) > k + 2 for w, k in zip(ws, n0)),
                                    20, 0.05)
            for w in ws:
                w.stop()
            t.ok(back is not None, "round %d: both nodes take writes again after the promotion"
                 % rnd)
            # How long clients saw 503s: from the kill to the last one.
            last = max([ts for w in ws for ts, st in w.statuses if st != 303] or [killed])
            stored = pgnodes.titles_in(standby, DB, prefix + " ")
            acked = [x for w in ws for x in w.acked]
            lost = [x for x in acked if x not in stored]
            total_acked += len(acked)
            t.eq(lost, [], "round %d: no acknowledged write lost (%d acknowledged)"
                 % (rnd, len(acked)))
            odd = sorted(set(str(st) for w in ws for _, st in w.statuses if st not in (303, 503)))
            t.eq(odd, [], "round %d: every answer a 303 or a 503" % rnd)
            n503 = sum(w.count(lambda st: st == 503) for w in ws)
            kept = sum(len(w.kept) for w in ws)
            t.eq(kept, n503, "round %d: every 503 kept the question typed" % rnd)
            FIGURES.append((round(last - killed, 3), n503, len(acked), len(lost)))
            # The dead primary comes back as the new standby.
            primary.basebackup_from(standby)
            primary.start()
            standby.psql(["ALTER SYSTEM SET synchronous_standby_names = '*'",
                          "SELECT pg_reload_conf()"])
            wait_sync(standby)
            primary, standby = standby, primary
        t.ok(total_acked >= ROUNDS * 4, "writes acknowledged over %d rounds: %d"
             % (ROUNDS, total_acked))
        for s in nodes:
            t.ok(s.proc.poll() is None, "the node was never restarted")
        print("failover rounds (seconds of 503s, 503s, acknowledged, lost): %r" % FIGURES)
    finally:
        root.close()
