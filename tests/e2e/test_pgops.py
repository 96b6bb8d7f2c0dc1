"""PostgreSQL operations (issue 15, items 2 and 4): `askdoc import` by
COPY gives the same tables as on SQLite; several askdoc processes on one
PostgreSQL database share rate limits, login throttles and view counts,
and start together on an empty database with one migration.

These tests always run on PostgreSQL (a throwaway cluster,
tests/pg/cluster.sh) and skip when no server is installed; the import
comparison also runs on SQLite.
"""
import json
import os
import sqlite3
import subprocess
import threading
import time
import urllib.parse

import harness
from harness import PG, Skip


def pg_url(t, name):
    """A fresh, empty database of the run's cluster."""
    if subprocess.run(["sh", "-c", "ls /usr/lib/postgresql/*/bin/initdb || command -v initdb"],
                      capture_output=True).returncode != 0:
        raise Skip("no PostgreSQL server installed")
    return PG.url(t.path("pgops-" + name))


def psql(url, sql):
    # Rows end in RS (values may hold newlines).
    p = subprocess.run(["psql", "-At", "-F", "|", "-R", "\x1e", "-v", "ON_ERROR_STOP=1", url,
                        "-c", sql], capture_output=True, timeout=60)
    if p.returncode != 0:
        raise RuntimeError("psql: " + p.stderr.decode())
    out = p.stdout.decode()
    out = out[:-1] if out.endswith("\n") else out
    return out.split("\x1e") if out else []


def lite(path, sql):
    db = sqlite3.connect(path)
    try:
        return ["|".join("" if v is None else str(v) for v in r) for r in db.execute(sql)]
    finally:
        db.close()


def run(t, *args):
    """askdoc with exactly these arguments (no --db rewriting)."""
    return subprocess.run([t.bin] + [str(a) for a in args], capture_output=True, text=True,
                          timeout=600)


# The tables an import writes, by names rather than ids (ids may differ:
# PostgreSQL sequences leave gaps between batches).
COMPARE = [
    "SELECT name, slug, coalesce(description, '') FROM departments ORDER BY name",
    "SELECT name, coalesce(url, '') FROM sources ORDER BY name",
    "SELECT t.name, t.slug, coalesce(d.name, '') FROM topics t"
    " LEFT JOIN departments d ON d.id = t.department_id ORDER BY t.slug",
    "SELECT t.slug, s.synonym, s.pos FROM topic_synonyms s JOIN topics t ON t.id = s.topic_id"
    " ORDER BY t.slug, s.pos",
    "SELECT f.external_id, f.title, f.question, coalesce(f.question_type, ''),"
    " coalesce(d.name, ''), coalesce(t.slug, ''), coalesce(f.topics, ''), coalesce(s.name, ''),"
    " coalesce(f.source_url, ''), f.language, f.content_hash, coalesce(f.extra, '')"
    " FROM faq f LEFT JOIN departments d ON d.id = f.department_id"
    " LEFT JOIN topics t ON t.id = f.topic_id LEFT JOIN sources s ON s.id = f.source_id"
    " ORDER BY f.external_id",
    "SELECT f.external_id, a.pos, coalesce(a.author, ''), coalesce(d.name, ''), a.body,"
    " coalesce(a.answered_at, ''), coalesce(a.extra, '') FROM faq_answers a"
    " JOIN faq f ON f.id = a.faq_id LEFT JOIN departments d ON d.id = a.department_id"
    " ORDER BY f.external_id, a.pos",
    "SELECT q.external_id, q.title, q.status FROM questions q ORDER BY q.external_id",
    "SELECT r.external_id, r.slug, r.status FROM articles r ORDER BY r.external_id",
    # The changelog: how many rows of each kind, and for how many entities.
    "SELECT kind, op, count(*), count(DISTINCT entity_id) FROM changes"
    " GROUP BY kind, op ORDER BY kind, op",
    # Per entry, the changelog rows of its topic and of itself, in order.
    "SELECT f.external_id, (SELECT count(*) FROM changes c WHERE c.kind = 'faq'"
    " AND c.entity_id = f.id) FROM faq f ORDER BY f.external_id",
]


def archive_lines(t):
    """Library entries that exercise the COPY path's corners, a Q&A and
    an article among them (the COPY is sent before each), and bad ones."""
    faq = lambda i, **kw: dict({"external_id": "pgops-%d" % i, "kind": "faq",
                                "title": "Title %d" % i, "question": "Question %d?" % i,
                                "topics": [], "answers": [],
                                "source": {"name": "Test source", "url": "https://example.org/%d" % i}}, **kw)
    lines = [
        faq(1, topics=["Ear infection", "Otitis media", "otitis"]),
        # the same slug as topic 1: gets ear-infection-2
        faq(2, topics=["ear infection", "Otitis media"]),
        # the same topic again with a new synonym, and a repeated one
        faq(3, topics=["Ear infection", "Otitis", "Otitis", "Ear infection"]),
        faq(4, department="ENT", topics=["Ear infection"],
            answers=[{"author": "A. Writer", "department": "Paediatrics",
                      "body": "Tab\there, back\\slash, new\nline and \\N and \r.",
                      "answered_at": "2026-01-02T03:04:05Z"}]),
        {"external_id": "pgops-q1", "kind": "qa", "title": "A Q&A", "question": "Q?",
         "answers": [{"body": "An answer", "answered_at": "2026-02-01T00:00:00Z"}]},
        faq(5, topics=["Ear infection", "Glue ear"], language="vi", extra_field="kept"),
        faq(6, department="", topics=["Rejected"]),  # empty department: rejected
        faq(7, topics=["Ünïcödé 話題", "同義"], answers=[{"body": "一"}, {"body": "二"}]),
        {"external_id": "pgops-a1", "kind": "article", "title": "An article", "question": "Lead",
         "answers": [{"body": "Body"}], "topics": ["Ear infection"], "status": "published"},
        faq(1, title="Duplicate id"),  # rejected by the archive reader
        faq(8, topics=["Glue ear", "Ear infection"]),
    ]
    out = [json.dumps(x, ensure_ascii=False) for x in lines]
    try:
        with open(t.shared("data", "medquad.jsonl"), encoding="utf-8") as f:
            out += [next(f).rstrip("\n") for _ in range(1500)]
    except Skip:
        pass
    return out


def test_import_copy_same_as_sqlite(t):
    url = pg_url(t, "import")
    src = t.path("pgops-import.jsonl")
    lines = archive_lines(t)
    with open(src, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    lite_db = t.path("pgops-import.db")
    # Small batches: several transactions, each with its own lock and
    # taxonomy read.
    p = run(t, "import", "--db", lite_db, "--batch", "400", src)
    q = run(t, "import", "--db", url, "--batch", "400", src)
    t.eq(q.stdout, p.stdout, "import counts on PostgreSQL and SQLite")
    t.has(p.stdout, "rejected 2", "the empty department and the duplicate are rejected")
    t.eq(q.returncode, p.returncode, "import exit status")
    t.eq(sorted(q.stderr.splitlines()), sorted(p.stderr.splitlines()), "import messages")
    t.has(q.stderr, 'line 7: field "department" must not be empty',
          "the rejected entry named by line")
    for sql in COMPARE:
        t.eq(psql(url, sql), lite(lite_db, sql), "same rows: " + sql[:60])
    t.eq(psql(url, "SELECT slug FROM topics WHERE name = 'ear infection'"), ["ear-infection-2"],
         "a taken slug gets -2 inside one COPY")
    body = psql(url, "SELECT body FROM faq_answers a JOIN faq f ON f.id = a.faq_id"
                     " WHERE f.external_id = 'pgops-4'")
    t.eq(body[0], "Tab\there, back\\slash, new\nline and \\N and \r.",
         "tabs, backslashes and newlines survive COPY")
    ex_pg = run(t, "export", "--db", url)
    ex_lite = run(t, "export", "--db", lite_db)
    t.eq(ex_pg.stdout, ex_lite.stdout, "the exports are the same bytes")
    # Again: nothing changes; then one entry changed and one new.
    q = run(t, "import", "--db", url, src)
    t.has(q.stdout, "added 0, updated 0, unchanged %d" % (len(lines) - 2), "re-import unchanged")
    with open(src, "a", encoding="utf-8") as f:
        f.write(json.dumps({"external_id": "pgops-3", "kind": "faq", "title": "Changed",
                            "question": "Q", "topics": ["Ear infection", "Earache"],
                            "source": {"name": "Test source"}}) + "\n")
    lines2 = [l for l in lines if '"pgops-3"' not in l] + [open(src).read().splitlines()[-1],
                                                           json.dumps(dict(json.loads(lines[0]), external_id="pgops-9"))]
    with open(src, "w", encoding="utf-8") as f:
        f.write("\n".join(lines2) + "\n")
    p = run(t, "import", "--db", lite_db, "--batch", "400", src)
    q = run(t, "import", "--db", url, "--batch", "400", src)
    t.eq(q.stdout, p.stdout, "re-import counts")
    t.has(q.stdout, "added 1, updated 1,", "one added, one updated")
    for sql in COMPARE:
        t.eq(psql(url, sql), lite(lite_db, sql), "same rows after re-import: " + sql[:60])
    # The changelog told the followers (a serving node) of every entry.
    n = psql(url, "SELECT count(DISTINCT entity_id) FROM changes WHERE kind = 'faq'")
    t.eq(n, psql(url, "SELECT count(*) FROM faq"), "a changelog row for every entry")


# ---- several processes on one database ----

def login_post(b, email, password):
    return b.post("/login", {"csrf": b.csrf("/login"), "email": email, "password": password})


def test_login_throttle_counts_both_nodes(t):
    from askflow import Browser
    url = pg_url(t, "throttle")
    p = run(t, "user", "add", "--db", url, "--role", "patient", "--email", "pat@example.org",
            "--name", "Pat", "--password", "patient pass 1")
    t.eq(p.returncode, 0, "user add on PostgreSQL: " + p.stderr)
    # Five failures per account in the window (the default), made two
    # on one node and three on the other: neither node alone saw five.
    a, b = t.server(url), t.server(url)
    for i, s in enumerate([a, b, a, b, a]):
        r = login_post(Browser(s), "pat@example.org", "wrong %d" % i)
        t.eq(r.status, 400, "failure %d on node %s" % (i + 1, "ab"[i % 2]))
    for s, name in ((a, "A"), (b, "B")):
        r = login_post(Browser(s), "pat@example.org", "patient pass 1")
        t.eq(r.status, 429, "node %s refuses the account after five failures in all" % name)
        t.ok(int(r.header("retry-after") or 0) > 0, "node %s says when to retry" % name)
    rows = psql(url, "SELECT name, length(key), count FROM throttles ORDER BY name")
    t.ok("login_account|32|5" in rows, "the count is in the database: %r" % rows)
    t.ok(not any("pat@example.org" in r for r in
                 psql(url, "SELECT key FROM throttles")), "no e-mail stored, a keyed hash")
    # Another account is not blocked.
    run(t, "user", "add", "--db", url, "--role", "patient", "--email", "other@example.org",
        "--name", "Other", "--password", "patient pass 2")
    t.eq(login_post(Browser(b), "other@example.org", "patient pass 2").status, 303,
         "another account logs in")


def test_views_add_up_across_nodes(t):
    url = pg_url(t, "views")
    src = t.path("pgops-views.jsonl")
    with open(src, "w") as f:
        f.write(json.dumps({"external_id": "v1", "kind": "qa", "title": "Viewed",
                            "question": "How often?", "answers": [{"body": "Often."}]}) + "\n")
    p = run(t, "import", "--db", url, src)
    t.eq(p.returncode, 0, "import: " + p.stderr)
    qid = psql(url, "SELECT id FROM questions WHERE external_id = 'v1'")[0]
    a, b = t.server(url), t.server(url)
    # Distinct visitors (a view counts once per visitor and day).
    for i in range(3):
        t.eq(a.get("/qa/%s" % qid, headers={"User-Agent": "reader-a-%d" % i}).status, 200, "view on A")
    for i in range(4):
        t.eq(b.get("/qa/%s" % qid, headers={"User-Agent": "reader-b-%d" % i}).status, 200, "view on B")
    # Each node writes its views out within seconds, as increments.
    deadline = time.time() + 20
    while time.time() < deadline:
        if psql(url, "SELECT views FROM questions WHERE id = %s" % qid) == ["7"]:
            break
        time.sleep(0.5)
    t.eq(psql(url, "SELECT views FROM questions WHERE id = %s" % qid), ["7"],
         "3 views on A and 4 on B make 7")
    # More views on A only: B's next write must not bring back its total.
    for i in range(2):
        a.get("/qa/%s" % qid, headers={"User-Agent": "reader-a2-%d" % i})
    b.get("/qa/%s" % qid, headers={"User-Agent": "reader-b2"})
    a.stop()
    b.stop()
    t.eq(psql(url, "SELECT views FROM questions WHERE id = %s" % qid), ["10"],
         "written at shutdown too, 10 in all")


def test_two_nodes_start_on_an_empty_database(t):
    # The latest version: SQLite's count of the same migrations.
    lite_db = t.path("pgops-latest.db")
    run(t, "import", "--db", lite_db, "/dev/null")
    latest = int(lite(lite_db, "PRAGMA user_version")[0])
    for round_ in range(3):
        url = pg_url(t, "start%d" % round_)
        servers, errors = [], []

        def start():
            try:
                servers.append(t.server(url))
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(str(e))
        th = [threading.Thread(target=start) for _ in range(2)]
        for x in th:
            x.start()
        for x in th:
            x.join()
        t.eq(errors, [], "both nodes come up (round %d)" % round_)
        for s in servers:
            r = s.get("/healthz")
            t.eq((r.status, r.text.strip()), (200, "ok"), "healthz on each node")
        t.eq(psql(url, "SELECT count(*), max(version) FROM askdoc_schema"),
             ["1|%d" % latest], "one schema row, migrated to the latest version")
        t.eq(psql(url, "SELECT count(*) FROM secrets GROUP BY name HAVING count(*) > 1"), [],
             "one secret of each name")
        for s in servers:
            t.lacks(s.logtext(), "migration", "no migration error in the log")
            s.stop()


def test_healthz_tells_a_node_whose_database_is_gone(t):
    url = pg_url(t, "gone")
    s = t.server(url)
    r = s.get("/healthz")
    t.eq((r.status, r.text.strip()), (200, "ok"), "healthz with the database")
    name = urllib.parse.urlparse(url).path.lstrip("/")
    maint = url.replace("/" + name + "?", "/postgres?")
    psql(maint, "DROP DATABASE %s WITH (FORCE)" % name)
    r = s.get("/healthz")
    t.eq(r.status, 503, "healthz answers 503 once the database is gone")
    t.has(r.text, "unavailable", "and says so")
    t.eq(s.get("/healthz").status, 503, "and again (no reconnect to a database that is gone)")


def test_copy_import_reaches_a_running_node(t):
    """Entries imported by COPY while a node serves are found by its
    search: the changelog rows and the NOTIFY go with them."""
    url = pg_url(t, "follow")
    src = t.path("pgops-follow.jsonl")
    with open(src, "w") as f:
        f.write(json.dumps({"external_id": "f0", "kind": "faq", "title": "Nothing yet",
                            "question": "Placeholder?", "topics": ["Placeholder"]}) + "\n")
    t.eq(run(t, "import", "--db", url, src).returncode, 0, "first import")
    s = t.server(url)
    t.lacks(s.get("/search?q=zygomorphic").text, "Zygomorphic flowers", "not there before")
    with open(src, "w") as f:
        for i in range(30):
            f.write(json.dumps({"external_id": "f%d" % (i + 1), "kind": "faq",
                                "title": "Zygomorphic flowers %d" % i,
                                "question": "What are zygomorphic flowers %d?" % i,
                                "topics": ["Zygomorphy", "Bilateral symmetry"],
                                "answers": [{"body": "Flowers with one plane of symmetry."}]}) + "\n")
    p = run(t, "import", "--db", url, src)
    t.has(p.stdout, "added 30,", "imported by COPY")
    deadline, found = time.time() + 15, False
    while time.time() < deadline and not found:
        found = "Zygomorphic flowers" in s.get("/search?q=zygomorphic").text
        time.sleep(0.3)
    t.ok(found, "the running node's search finds the imported entries")
