"""Crash safety: nothing the server acknowledged is lost when it is killed.

Several client threads write through the real forms at once: anonymous
askers (/ask with the CSRF cookie), a verified doctor publishing replies,
signed-in patients commenting on an article, and an admin creating topics
and departments. Meanwhile the server is killed with SIGKILL at a random
moment, ROUNDS times (ASKDOC_CRASH_ROUNDS, default 20), and started again
on the same database; each kill waits for a write acknowledged since the
start, and one last round waits until every kind of write has been, so a
slow machine makes the test longer, never emptier. After every kill the database must pass
`PRAGMA integrity_check`; at the end every write that got its success
response (303) must be in the database, exactly as sent, exactly once.

The test prints one line with its figures (rounds, acknowledged writes by
kind, lost) for bench/RESULTS.md.
"""
import http.client
import os
import random
import re
import signal
import sqlite3
import threading
import time

from askflow import ADMIN, ONCO, PATIENT, PATIENT2, Browser, dept_id, fresh_db, run

ROUNDS = int(os.environ.get("ASKDOC_CRASH_ROUNDS", "20"))
ARTICLE = "eating-well-during-chemotherapy"
WORDS = ("amber basil cedar delta ember fjord garnet harbor indigo juniper kelp "
         "lumen maple nectar opal pepper quartz raven sorrel tundra umber "
         "velvet willow yarrow zephyr").split()
EXTRA_PATIENTS = [("crash-pat%d@example.org" % i, "Crash Patient %d" % i,
                   "patient pass %d%d" % (i, i)) for i in range(3, 6)]


class _NoTidy:
    """The crash clients skip tidy: thousands of pages, none new."""

    def check_html(self, html, what):
        pass


class Live:
    """What askflow.Browser needs of a server, following restarts: the
    current port (None while the server is down)."""

    def __init__(self):
        self.port = None
        self.t = _NoTidy()


def marker(rng, n=3):
    """A unique-enough phrase of letters only (digits could look like a
    phone number or an ID to the personal-data filter)."""
    return " ".join(rng.choice(WORDS) for _ in range(n))


class Crash:
    def __init__(self, t, db, depts):
        self.t = t
        self.db = db
        self.depts = depts
        self.live = Live()
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.acked = {"ask": [], "reply": [], "comment": [], "topic": [], "department": []}
        self.asked_ids = []  # acknowledged questions a doctor may answer
        self.errors = []
        self.seq = 0

    def next(self):
        with self.lock:
            self.seq += 1
            return self.seq

    def ack(self, kind, rec):
        with self.lock:
            self.acked[kind].append(rec)

    def total(self):
        with self.lock:
            return sum(len(v) for v in self.acked.values())

    def short(self, asks):
        """The kinds of write not yet acknowledged often enough for the
        test to mean something."""
        with self.lock:
            missing = [k for k in ("reply", "comment") if not self.acked[k]]
            if not self.acked["topic"] and not self.acked["department"]:
                missing.append("admin")
            if len(self.acked["ask"]) < asks:
                missing.append("ask")
            return missing

    def wait(self, until, seconds):
        """Wait for until() at most seconds: on a loaded machine a write
        can take over a second, and a kill before any was acknowledged
        proves nothing."""
        end = time.time() + seconds
        while not until() and time.time() < end:
            time.sleep(0.05)

    def loop(self, fn, name):
        """Run fn until stopped; connection failures while the server is
        down (or being killed) are expected and just retried."""
        rng = random.Random(name)
        while not self.stop.is_set():
            if self.live.port is None:
                time.sleep(0.02)
                continue
            try:
                fn(rng)
            except (OSError, http.client.HTTPException, AssertionError, ValueError):
                # Refused, reset or cut short by a kill; a form or
                # login the dying server did not serve.
                time.sleep(0.02)
            except Exception as e:  # a bug in the test's client
                with self.lock:
                    self.errors.append("%s: %r" % (name, e))
                time.sleep(0.1)

    # ---- the writers ----

    def asker(self, rng):
        b = Browser(self.live)
        n = self.next()
        title = "Crash ask %s %s" % (marker(rng), WORDS[n % len(WORDS)]) + " q" * (n % 3)
        title = "%s #%s" % (title, "".join(chr(97 + int(d)) for d in str(n)))
        text = ("My question about %s keeps coming back after treatment; what "
                "should I ask the doctor about %s?" % (marker(rng, 4), marker(rng, 2)))
        dept = rng.choice(self.depts)
        nick = rng.choice(["winnie", "kai", "lan", "mo"])
        form = {"csrf": b.csrf("/ask"), "title": title, "text": text, "nickname": nick,
                "age_band": "30-39", "sex": "female", "department": str(dept),
                "consent": "yes"}
        r = b.post("/ask", form)
        if r.status == 303:
            self.ack("ask", (title, text, nick, dept))

    def signed_in(self, state, account):
        """state's Browser, signed in as account (again after a restart
        that lost the session)."""
        b = state.get("b")
        if b is None or "sid" not in b.jar:
            b = state["b"] = Browser(self.live)
            b.login(account[0], account[2])
        return b

    def doctor(self, state):
        def fn(rng):
            doc = self.signed_in(state, ONCO)
            with self.lock:
                todo = [q for q in self.asked_ids if q[1] == self.depts[0]]
            if not todo:
                self.refresh_asked()
                time.sleep(0.05)
                return
            qid = todo[0][0]
            path = "/doctor/question/%d" % qid
            r = doc.get(path)
            m = re.search(r'name="csrf" value="([^"]+)"', r.text)
            if r.status != 200 or not m:
                doc.jar.pop("sid", None)
                return
            body = "Crash reply: **%s**, and talk it over with your doctor." % marker(rng, 4)
            r = doc.post(path, {"csrf": m.group(1), "body": body, "signoff": "Dr. O",
                                "action": "publish"})
            if r.status == 303:
                self.ack("reply", (qid, body))
            with self.lock:
                self.asked_ids = [q for q in self.asked_ids if q[0] != qid]
        return fn

    def refresh_asked(self):
        """Questions acknowledged and still waiting, from the database
        (read-only; the server may be writing)."""
        with self.lock:
            titles = {a[0]: a[3] for a in self.acked["ask"]}
            answered = {r[0] for r in self.acked["reply"]}
        if not titles:
            return
        con = sqlite3.connect("file:%s?mode=ro" % self.db, uri=True, timeout=5)
        try:
            rows = con.execute("SELECT id, title, department_id FROM questions"
                               " WHERE status = 'waiting' AND title LIKE 'Crash ask %'").fetchall()
        finally:
            con.close()
        with self.lock:
            self.asked_ids = [(i, d) for i, tt, d in rows if tt in titles and i not in answered]

    def commenter(self, account, state):
        def fn(rng):
            b = self.signed_in(state, account)
            path = "/articles/%s" % ARTICLE
            tok = b.csrf(path)
            body = "Crash comment %s, thank you." % marker(rng, 4)
            r = b.post(path + "/comments", {"csrf": tok, "body": body})
            if r.status == 303:
                loc = r.header("location") or ""
                cid = int(loc.rsplit("#comment-", 1)[1])
                self.ack("comment", (cid, account[0], body))
            elif r.status == 429:
                time.sleep(0.3)
        return fn

    def admin(self, state):
        def fn(rng):
            b = self.signed_in(state, ADMIN)
            tok = b.csrf("/admin/taxonomy")
            n = self.next()
            if rng.random() < 0.7:
                name = "Crash topic %s %d" % (marker(rng, 2), n)
                dept = rng.choice(self.depts)
                r = b.post("/admin/topics", {"csrf": tok, "name": name,
                                             "department": str(dept)})
                if r.status == 303:
                    self.ack("topic", (name, dept))
            else:
                name = "Crash department %s %d" % (marker(rng, 2), n)
                r = b.post("/admin/departments", {"csrf": tok, "name": name,
                                                  "description": "For the crash test."})
                if r.status == 303:
                    self.ack("department", (name,))
        return fn


def integrity(db):
    con = sqlite3.connect(db, timeout=10)
    try:
        return con.execute("PRAGMA integrity_check").fetchall()
    finally:
        con.close()


def test_sigkill_loses_no_acknowledged_write(t):
    t.sqlite_only("SIGKILL and SQLite's WAL recovery (test_pg_failover kills PostgreSQL)")
    started = time.time()
    db = fresh_db(t, "crash")
    for email, name, pw in EXTRA_PATIENTS:
        run(t, "user", "add", "--db", db, "--role", "patient", "--email", email,
            "--name", name, "--password", pw)
    depts = [dept_id(db, "Oncology"), dept_id(db, "Pediatrics")]
    c = Crash(t, db, depts)
    threads = [threading.Thread(target=c.loop, args=(c.asker, "ask%d" % i)) for i in range(3)]
    threads.append(threading.Thread(target=c.loop, args=(c.doctor({}), "doctor")))
    for acct in [PATIENT, PATIENT2] + EXTRA_PATIENTS:
        threads.append(threading.Thread(target=c.loop, args=(c.commenter(acct, {}), acct[0])))
    threads.append(threading.Thread(target=c.loop, args=(c.admin({}), "admin")))
    rng = random.Random(os.environ.get("ASKDOC_CRASH_SEED", str(time.time())))
    for th in threads:
        th.start()
    bad_integrity = []
    try:
        for rnd in range(ROUNDS + 1):
            s = t.server(db)
            c.live.port = s.port
            before = c.total()
            c.wait(lambda: c.total() > before, 30)
            if rnd == ROUNDS:
                # One last round runs until every kind of write has been
                # acknowledged, however slow the machine.
                c.wait(lambda: not c.short(ROUNDS), 120)
            time.sleep(rng.uniform(0.2, 0.9))
            s.proc.send_signal(signal.SIGKILL)
            c.live.port = None
            s.proc.wait()
            s.log.close()
            t.servers.remove(s)
            res = integrity(db)
            if res != [("ok",)]:
                bad_integrity.append((rnd, res))
    finally:
        c.stop.set()
        for th in threads:
            th.join(30)
    t.eq(bad_integrity, [], "integrity_check after every kill")
    t.eq(c.errors, [], "client errors")
    # The server starts on what the kills left and shuts down cleanly.
    s = t.server(db)
    t.eq(s.get("/", tidy=False).status, 200, "server serves after the last kill")
    t.eq(s.stop(), 0, "clean shutdown after the rounds")
    t.servers.remove(s)
    t.eq(integrity(db), [("ok",)], "integrity_check at the end")

    con = sqlite3.connect(db)
    lost = []
    try:
        for title, text, nick, dept in c.acked["ask"]:
            rows = con.execute("SELECT text, nickname, department_id, consent FROM questions"
                               " WHERE title = ?", (title,)).fetchall()
            if rows != [(text, nick, dept, 1)]:
                lost.append(("ask", title, rows))
        for qid, body in c.acked["reply"]:
            rows = con.execute("SELECT a.body, q.status FROM answers a JOIN questions q"
                               " ON q.id = a.question_id WHERE a.question_id = ?",
                               (qid,)).fetchall()
            if rows != [(body, "published")]:
                lost.append(("reply", qid, rows))
        for cid, email, body in c.acked["comment"]:
            rows = con.execute("SELECT c.body, u.email FROM comments c JOIN users u"
                               " ON u.id = c.user_id WHERE c.id = ?", (cid,)).fetchall()
            if rows != [(body, email)]:
                lost.append(("comment", cid, rows))
        for name, dept in c.acked["topic"]:
            rows = con.execute("SELECT department_id FROM topics WHERE name = ?",
                               (name,)).fetchall()
            if rows != [(dept,)]:
                lost.append(("topic", name, rows))
        for (name,) in c.acked["department"]:
            n = con.execute("SELECT count(*) FROM departments WHERE name = ?",
                            (name,)).fetchone()[0]
            if n != 1:
                lost.append(("department", name, n))
        # Nothing half-written: a reply and its question's status change
        # are one transaction.
        half = con.execute(
            "SELECT count(*) FROM questions q WHERE q.title LIKE 'Crash ask %' AND"
            " (q.status = 'published') != EXISTS (SELECT 1 FROM answers a"
            "  WHERE a.question_id = q.id)").fetchone()[0]
        t.eq(half, 0, "questions whose status and answers disagree")
    finally:
        con.close()
    total = sum(len(v) for v in c.acked.values())
    t.eq(lost[:5], [], "acknowledged writes missing or changed (%d in all)" % len(lost))
    t.ok(len(c.acked["ask"]) >= ROUNDS, "asks were acknowledged: %d" % len(c.acked["ask"]))
    t.ok(len(c.acked["reply"]) > 0, "replies were acknowledged")
    t.ok(len(c.acked["comment"]) > 0, "comments were acknowledged")
    t.ok(len(c.acked["topic"]) + len(c.acked["department"]) > 0, "admin writes acknowledged")
    print("crash: rounds=%d acknowledged=%d (asks %d, replies %d, comments %d, topics %d, "
          "departments %d) lost=%d integrity=ok seconds=%.1f"
          % (ROUNDS + 1, total, len(c.acked["ask"]), len(c.acked["reply"]),
             len(c.acked["comment"]), len(c.acked["topic"]), len(c.acked["department"]),
             len(lost), time.time() - started))
