"""`askdoc backup` under write load: every copy is a consistent snapshot.

Client threads keep asking questions through the form and a doctor keeps
publishing replies while `askdoc backup --db DB DEST` runs several times.
Each copy must open, pass `PRAGMA integrity_check` and
`PRAGMA foreign_key_check`, and hold a moment of the live database: for
every table the writers only add to, the copy's count lies between the
live count just before the backup started and just after it ended, and no
published question in the copy lacks its answer (the reply and the status
are one transaction). With the writers paused, a last copy has exactly the
live counts of every table, and `askdoc export` of the copy (a restore is
opening the copy) gives the same bytes as of the live database.
"""
import random
import re
import sqlite3
import threading
import time

from askflow import ONCO, Browser, dept_id, fresh_db

GROWING = ("questions", "answers", "changes", "question_topics")


class _Quiet:
    """What askflow.Browser needs of a server, without tidy on every page
    (thousands of pages, none new)."""

    class _NoTidy:
        def check_html(self, html, what):
            pass

    def __init__(self, server):
        self.port = server.port
        self.t = self._NoTidy()


class Writers:
    def __init__(self, server, db):
        self.s = _Quiet(server)
        self.db = db
        self.onco = dept_id(db, "Oncology")
        self.go = threading.Event()      # set: writers run
        self.stop = threading.Event()
        self.idle = threading.Semaphore(0)
        self.acked = 0
        self.errors = []
        self.lock = threading.Lock()

    def run(self, fn, name):
        rng = random.Random(name)
        paused = False
        while not self.stop.is_set():
            if not self.go.is_set():
                if not paused:
                    paused = True
                    self.idle.release()
                time.sleep(0.01)
                continue
            paused = False
            try:
                if fn(rng):
                    with self.lock:
                        self.acked += 1
            except Exception as e:  # noqa: BLE001 - reported below
                with self.lock:
                    self.errors.append("%s: %r" % (name, e))
                time.sleep(0.05)

    def asker(self, rng):
        b = Browser(self.s)
        r = b.post("/ask", {"csrf": b.csrf("/ask"),
                            "title": "Backup ask %s" % rng.random(),
                            "text": "Does the copy hold this question about my liver, doctor?",
                            "nickname": "bee", "age_band": "40-49", "sex": "male",
                            "department": str(self.onco), "consent": "yes"})
        return r.status == 303

    def doctor(self, state):
        def fn(rng):
            if "b" not in state:
                state["b"] = Browser(self.s)
                state["b"].login(ONCO[0], ONCO[2])
            doc = state["b"]
            m = re.search(r'href="/doctor/question/(\d+)"', doc.get("/doctor/queue").text)
            if not m:
                time.sleep(0.02)
                return False
            path = "/doctor/question/%s" % m.group(1)
            r = doc.post(path, {"csrf": doc.csrf(path), "body": "A *backup* reply.",
                                "signoff": "Dr. O", "action": "publish"})
            return r.status == 303
        return fn


def counts(db, tables):
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=10)
    try:
        con.execute("BEGIN")  # one read transaction: one moment
        return {t: con.execute("SELECT count(*) FROM %s" % t).fetchone()[0] for t in tables}
    finally:
        con.close()


def check_copy(t, path, what):
    con = sqlite3.connect(path)
    try:
        t.eq(con.execute("PRAGMA integrity_check").fetchall(), [("ok",)],
             "%s: integrity_check" % what)
        t.eq(con.execute("PRAGMA foreign_key_check").fetchall(), [],
             "%s: foreign_key_check" % what)
        half = con.execute(
            "SELECT count(*) FROM questions q WHERE q.status = 'published' AND NOT EXISTS"
            " (SELECT 1 FROM answers a WHERE a.question_id = q.id)").fetchone()[0]
        t.eq(half, 0, "%s: published questions without an answer" % what)
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%'")]
    finally:
        con.close()
    return tables


def test_backup_under_write_load(t):
    t.sqlite_only("askdoc backup is SQLite's online backup (PostgreSQL: pg_dump, pg_basebackup; test_pgops checks the refusal)")
    db = fresh_db(t, "backup")
    s = t.server(db)
    w = Writers(s, db)
    threads = [threading.Thread(target=w.run, args=(w.asker, "ask%d" % i)) for i in range(3)]
    threads.append(threading.Thread(target=w.run, args=(w.doctor({}), "doctor")))
    w.go.set()
    for th in threads:
        th.start()
    copies = 0
    try:
        time.sleep(0.5)
        for i in range(4):
            dest = t.path("copy-%d.db" % i)
            before = counts(db, GROWING)
            p = t.run("backup", "--db", db, dest)
            after = counts(db, GROWING)
            t.eq(p.returncode, 0, "backup %d under load: %s" % (i, p.stderr))
            if p.returncode:
                continue
            copies += 1
            check_copy(t, dest, "copy %d" % i)
            got = counts(dest, GROWING)
            for tb in GROWING:
                t.ok(before[tb] <= got[tb] <= after[tb],
                     "copy %d: %s %d within the live %d..%d" % (i, tb, got[tb], before[tb],
                                                                after[tb]))
            time.sleep(0.3)
        # Pause the writers (each finishes its request), then copy.
        w.go.clear()
        for _ in threads:
            t.ok(w.idle.acquire(timeout=30), "writer paused")
        dest = t.path("copy-quiet.db")
        p = t.run("backup", "--db", db, dest)
        t.eq(p.returncode, 0, "backup with writes paused: %s" % p.stderr)
        tables = check_copy(t, dest, "quiet copy")
        t.eq(counts(dest, tables), counts(db, tables), "quiet copy: every table's count")
        live = t.run("export", "--db", db)
        copy = t.run("export", "--db", dest)
        t.eq(live.returncode, 0, "export of the live database")
        t.ok(live.stdout == copy.stdout and len(live.stdout) > 0,
             "the copy exports the same archive as the live database")
        # The copy serves: a restore is starting on it.
        s2 = t.server(dest)
        t.eq(s2.get("/", tidy=False).status, 200, "a server starts on the copy")
        q = counts(dest, ["questions"])["questions"]
        t.ok(q > 0, "the copy holds questions")
    finally:
        w.stop.set()
        w.go.set()
        for th in threads:
            th.join(30)
    t.eq(w.errors[:3], [], "writer errors")
    t.ok(w.acked > 20, "writes went on during the backups (%d acknowledged)" % w.acked)
    print("backup: %d copies under load, %d writes acknowledged meanwhile, all consistent"
          % (copies, w.acked))


def test_backup_refuses_the_live_database(t):
    """Issue 11 item 2: a destination that is the database or one of its
    -wal/-shm/-journal files (by name, through symbolic and hard links,
    existing or not yet) is refused with exit 1 and a clear message; the
    live database stays whole and the server keeps serving."""
    t.sqlite_only("askdoc backup is SQLite's online backup (PostgreSQL: pg_dump, pg_basebackup; test_pgops checks the refusal)")
    import os
    from askflow import ONCO as DOC, ask, login, reply
    db = fresh_db(t, "selfcopy")
    s = t.server(db)
    b = Browser(s)
    qid, _, _ = ask(t, b, db)
    doc = login(s, DOC[0], DOC[2])
    t.eq(reply(t, doc, qid).status, 303, "a reply published")
    t.ok(os.path.exists(db + "-wal"), "the server keeps a -wal file")
    base = os.path.basename(db)
    os.symlink(db, t.path("sym.db"))
    os.link(db, t.path("hard.db"))
    os.symlink(base + "-wal", t.path("sym-wal"))
    os.symlink(base + "-journal", t.path("dangling"))
    os.makedirs(t.path("sub"))
    os.symlink(t.dir, t.path("alias"))
    bad = [db, db + "-wal", db + "-shm", db + "-journal", t.path("sym.db"),
           t.path("hard.db"), t.path("sym-wal"), t.path("dangling"),
           os.path.join(t.path("alias"), base + "-journal"),
           os.path.join(t.path("sub"), "..", base), os.path.relpath(db + "-wal")]
    before = sorted(os.listdir(t.dir))
    for dest in bad:
        p = t.run("backup", "--db", db, dest)
        t.eq(p.returncode, 1, "backup to %s refused" % dest)
        t.has(p.stderr, "is the database or one of its -wal, -shm or -journal files",
              "a clear message for %s" % dest)
        t.eq(sorted(os.listdir(t.dir)), before, "nothing written beside %s" % dest)
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=10)
    try:
        t.eq(con.execute("PRAGMA integrity_check").fetchall(), [("ok",)], "live integrity_check")
    finally:
        con.close()
    t.eq(s.get("/qa/%d" % qid).status, 200, "the server keeps serving the answer")
    qid2, _, _ = ask(t, b, db)
    t.ok(qid2 > qid, "and keeps taking questions")
    # A real copy: written under a temporary name, nothing left beside it.
    good = t.path("sub/copy.db")
    p = t.run("backup", "--db", db, good)
    t.eq(p.returncode, 0, "backup to another file: " + p.stderr)
    t.eq(os.listdir(t.path("sub")), ["copy.db"], "only the copy in its folder")
    check_copy(t, good, "the copy")
    t.eq(s.stop(), 0, "server stops")
    s2 = t.server(db)
    t.eq(s2.get("/qa/%d" % qid).status, 200, "after a restart the answer is there")
