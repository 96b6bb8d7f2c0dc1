"""Several nodes on one PostgreSQL database (issue 15): three askdoc
nodes share a throwaway cluster, haproxy in front of them on loopback.
A question asked through node A is in the doctors' queue on node B; a
reply published on B is found by search on node C within a second, and
C's cached Q&A page changes when the answer is edited on B; with three
mail senders each mail goes out exactly once; a node killed with SIGKILL
under a write load is routed around by haproxy and no acknowledged
write is lost. Needs the PostgreSQL server and haproxy (skips without
them; .ci/run installs both)."""
import atexit
import json
import signal
import time
import urllib.parse

import pgnodes
from askflow import ONCO, SIGNOFF, Browser, login
from test_mail import SMTPSink, mail_args

DB = "nodes"
ENV = {}


def env(t):
    """The cluster, the three nodes, haproxy and the mail sink, made on
    first use and shared by this module's tests."""
    if ENV:
        return ENV
    pgnodes.need(haproxy=True)
    root = pgnodes.Root()
    atexit.register(root.close)
    ENV["root"] = root
    pg = root.cluster("pg")
    pg.init()
    pg.start()
    pg.psql("CREATE DATABASE %s" % DB)
    url = pgnodes.url([pg], DB)
    p = t.run("init", "--db", url)
    if p.returncode:
        raise RuntimeError("init failed: " + p.stderr)
    p = t.run("user", "add", "--db", url, "--role", "doctor", "--email", ONCO[0], "--name",
              ONCO[1], "--password", ONCO[2], "--department", "Oncology", "--hospital",
              "Lakeside Hospital", "--signoff", SIGNOFF)
    if p.returncode:
        raise RuntimeError("user add failed: " + p.stderr)
    sink = SMTPSink()
    atexit.register(sink.close)
    nodes = [t.server(url, args=mail_args(sink.port)) for _ in range(3)]
    _, port = pgnodes.haproxy(root, [n.port for n in nodes])
    ENV.update(pg=pg, url=url, sink=sink, nodes=nodes, lb=pgnodes.Endpoint(t, port),
               dept=pg.psql("SELECT id FROM departments WHERE name = 'Oncology'", DB)[0][0])
    return ENV


def one(sql):
    rows = ENV["pg"].psql(sql, DB)
    return rows[0][0] if rows else None


def ask(t, server, title, **extra):
    b = Browser(server)
    form = {"csrf": b.csrf("/ask"), "title": title,
            "text": "My father has had a dry cough for a month since starting a new "
                    "blood pressure tablet. Could the tablet cause it?",
            "department": ENV["dept"], "consent": "yes"}
    form.update(extra)
    r = b.post("/ask", form)
    t.eq(r.status, 303, "question accepted: " + title)
    return int(one("SELECT id FROM questions WHERE title = '%s'" % title.replace("'", "''")) or 0)


def search_ids(server, q):
    r = server.get("/api/search?q=" + urllib.parse.quote(q))
    if r.status != 200:
        return []
    return [h.get("id") for h in json.loads(r.text).get("results", [])]


def test_asked_on_a_is_queued_on_b(t):
    e = env(t)
    a, b = e["nodes"][0], e["nodes"][1]
    title = "Does lisinopril cause a dry cough in the elderly?"
    qid = ask(t, a, title)
    t.ok(qid > 0, "stored once")
    doc = login(b, ONCO[0], ONCO[2])
    r = doc.get("/doctor/queue")
    t.eq(r.status, 200, "queue on B")
    t.has(r.text, title, "the question asked on A is in B's queue")
    t.has(r.text, "/doctor/question/%d" % qid, "with its link")
    e["qid"], e["doc"] = qid, doc


def test_reply_on_b_searchable_and_page_changes_on_c(t):
    e = env(t)
    if "qid" not in e:
        test_asked_on_a_is_queued_on_b(t)
    b, c = e["nodes"][1], e["nodes"][2]
    qid, doc = e["qid"], e["doc"]
    t.eq(search_ids(c, "quokkastatin"), [], "C does not know the word yet")
    path = "/doctor/question/%d" % qid
    r = doc.post(path, {"csrf": doc.csrf(path), "action": "publish", "signoff": SIGNOFF,
                        "body": "A dry cough is common with these tablets; quokkastatin "
                                "is not the cause. Ask about switching."})
    t.eq(r.status, 303, "published on B")
    t0 = time.time()
    lag = pgnodes.wait_for(lambda: qid in search_ids(c, "quokkastatin"), 5)
    t.ok(lag is not None and lag < 1.0,
         "found by search on C within 1 s after publishing on B (took %s s)" % (
             "%.3f" % lag if lag is not None else "> 5"))
    # C caches the page: a view is soon a hit (the follower drops the
    # page just after the index has it, so the first view may be
    # rendered before that and dropped).
    t.eq(c.get("/qa/%d" % qid).status, 200, "Q&A page on C")

    def hit():
        hits = pgnodes.metric(c, "askdoc_page_cache_hits_total")
        ok = "quokkastatin" in c.get("/qa/%d" % qid).text
        return ok and pgnodes.metric(c, "askdoc_page_cache_hits_total") == hits + 1
    t.ok(pgnodes.wait_for(hit, 3, 0.05) is not None,
         "C serves the page with the reply from its cache")
    aid = int(one("SELECT id FROM answers WHERE question_id = %d" % qid))
    edit = "/doctor/answer/%d/edit" % aid
    r = doc.post(edit, {"csrf": doc.csrf(edit), "action": "save", "signoff": SIGNOFF,
                        "body": "Edited: a dry cough is common with ACE inhibitors such as "
                                "wallabypril. Ask about switching."})
    t.eq(r.status, 303, "answer edited on B")
    t1 = time.time()
    lag = pgnodes.wait_for(lambda: "wallabypril" in c.get("/qa/%d" % qid).text, 5)
    t.ok(lag is not None and lag < 1.0,
         "C's cached page shows the edit within 1 s (took %s s)" % (
             "%.3f" % lag if lag is not None else "> 5"))
    t.lacks(c.get("/qa/%d" % qid).text, "quokkastatin", "and no longer the old reply")
    t.ok(qid in search_ids(c, "wallabypril"), "C's index has the edit")
    t.eq(search_ids(c, "quokkastatin"), [], "and forgot the old words")
    del t0, t1


def test_three_senders_deliver_each_mail_once(t):
    e = env(t)
    sink, lb = e["sink"], e["lb"]
    before = len(sink.messages)
    n = 9
    for i in range(n):
        ask(t, lb, "Is a night cough after a cold a worry, case %d?" % i,
            email="cough%d@example.org" % i)
    pgnodes.wait_for(lambda: len(sink.messages) >= before + n, 15, 0.05)
    time.sleep(1.5)  # room for a second delivery of any of them
    got = [r[0] for _, r, _ in sink.messages[before:]]
    t.eq(len(got), n, "%d mails delivered, one a question" % n)
    t.eq(sorted(set(got)), sorted("<cough%d@example.org>" % i for i in range(n)),
         "each recipient once")
    t.eq(one("SELECT count(*) FROM mail_queue WHERE status <> 'sent'"), "0",
         "every queued mail marked sent")
    # Three nodes took part (round robin through haproxy, each sending).
    sent = [pgnodes.metric(s, "askdoc_mail_sent_total") for s in e["nodes"]]
    t.eq(sum(sent), float(n), "the nodes' counts add up to one each: %r" % sent)


def test_node_killed_under_load_loses_no_acknowledged_write(t):
    e = env(t)
    lb, nodes = e["lb"], e["nodes"]
    w = pgnodes.Writer(t, lb.port, "killnode", threads=4).start()
    time.sleep(1.5)
    acked_before = len(w.acked)
    victim = nodes[2]
    victim.proc.send_signal(signal.SIGKILL)
    victim.proc.wait()
    killed = time.time()
    time.sleep(3)
    w.stop()
    t.ok(acked_before > 0, "writes went through before the kill (%d)" % acked_before)
    # haproxy checks every 200 ms; a loaded machine (or a sanitizer
    # build) gets some slack.
    after = [st for ts, st in w.statuses if ts > killed + 1.5]
    t.ok(len(after) > 0, "writes went on after the kill")
    t.eq([st for st in after if st != 303], [],
         "from 1.5 s after the kill every write succeeds (haproxy routes around the node)")
    stored = pgnodes.titles_in(e["pg"], DB, "killnode")
    lost = [x for x in w.acked if x not in stored]
    t.eq(lost, [], "no acknowledged write lost (%d acknowledged)" % len(w.acked))
    t.ok(len(stored) == len(set(stored)), "none stored twice")
    # The survivors still serve.
    for s in nodes[:2]:
        t.eq(s.get("/").status, 200, "a surviving node serves")
    root = e["root"]
    ENV.clear()
    root.close()
