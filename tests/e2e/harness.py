"""tests/e2e/harness.py: helpers for the end-to-end tests.

Tester.server() starts `askdoc serve` on a free loopback port with a
temporary database (optionally imported from archive lines first) and
returns a Server whose get/post methods return Response objects. Every
text/html response is checked with tidy; a page tidy reports errors in
counts as a failed check.

With ASKDOC_E2E_DB=pg the servers run on PostgreSQL (issue 15): the run
starts one throwaway cluster (tests/pg/cluster.sh, a Unix socket in a
temporary folder, stopped at exit) and every database a test names (a
path for SQLite) becomes a fresh database of that cluster, given to
askdoc as a postgresql:// URL. t.new_db() imports into it directly; a
SQLite file a test made otherwise is copied in through `askdoc export`
and `askdoc import` (Q&As, FAQ and articles; not accounts). t.demo_db()
builds the demo in PostgreSQL, and t.copy_db() copies a database whole
(CREATE DATABASE ... TEMPLATE, or pg_dump when it is in use).

Tests read and change the database directly only through connect(db),
rows(), one() and exec_sql() below, which take a database path (or URL)
on either engine: Python's sqlite3 on SQLite, psql on PostgreSQL. A test
that is about SQLite itself (backup, WAL, file locks) calls
t.sqlite_only(reason), which skips it on PostgreSQL.
"""
import atexit
import gzip
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(REPO), "shared")


METRICS_TOKEN = "e2e-metrics-token-not-secret"


class Skip(Exception):
    pass


E2E_DB = os.environ.get("ASKDOC_E2E_DB", "sqlite")


class PgCluster:
    """The run's throwaway PostgreSQL cluster and the databases made in
    it, one per database path a test names."""

    def __init__(self):
        self.dir = None
        self.host = None
        self.dbs = {}  # SQLite path -> postgresql:// URL
        self.serial = 0

    def start(self):
        if self.host:
            return
        self.dir = tempfile.mkdtemp(prefix="askdoc-e2e-pg-")
        # Modules keep their servers until they end, each with a
        # connection per worker thread and service.
        p = subprocess.run(["sh", os.path.join(REPO, "tests/pg/cluster.sh"), "start", self.dir],
                           capture_output=True, text=True, timeout=120,
                           env=dict(os.environ, PG_MAX_CONNECTIONS="300"))
        if p.returncode != 0:
            shutil.rmtree(self.dir, ignore_errors=True)
            raise RuntimeError("PostgreSQL cluster did not start (exit %d): %s"
                               % (p.returncode, p.stderr[-2000:]))
        self.host = self.dir
        atexit.register(self.stop)
        # A run stopped by SIGTERM (timeout) still stops its cluster.
        if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
            signal.signal(signal.SIGTERM, lambda *a: sys.exit(143))

    def stop(self):
        if self.dir:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)  # finish stopping
            subprocess.run(["sh", os.path.join(REPO, "tests/pg/cluster.sh"), "stop", self.dir],
                           capture_output=True, timeout=120)
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = self.host = None

    def copy(self, src, dst):
        """A new database for path dst with everything in src's."""
        src_url = self.url(src)
        if dst in self.dbs:
            raise RuntimeError("%s has a database already" % dst)
        self.serial += 1
        name = "askdoc_e2e_%d_%d" % (os.getpid(), self.serial)
        src_name = urllib.parse.urlparse(src_url).path.lstrip("/")
        admin = "host=%s user=askdoc dbname=postgres" % self.host
        p = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", admin, "-c",
                            "CREATE DATABASE %s TEMPLATE %s" % (name, src_name)],
                           capture_output=True, text=True, timeout=120)
        if p.returncode != 0:  # src is in use: copy it through pg_dump
            p = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", admin, "-c",
                                "CREATE DATABASE %s" % name],
                               capture_output=True, text=True, timeout=60)
            if p.returncode != 0:
                raise RuntimeError("CREATE DATABASE failed: " + p.stderr)
            url = "postgresql://askdoc@/%s?host=%s" % (name, urllib.parse.quote(self.host, safe=""))
            p = subprocess.run("pg_dump --no-owner '%s' | psql -X -q -v ON_ERROR_STOP=1 '%s'"
                               % (src_url, url), shell=True, capture_output=True, text=True,
                               timeout=300)
            if p.returncode != 0:
                raise RuntimeError("pg_dump copy failed: " + p.stderr[-2000:])
        self.dbs[dst] = "postgresql://askdoc@/%s?host=%s" % (
            name, urllib.parse.quote(self.host, safe=""))
        return self.dbs[dst]

    def url(self, path):
        """The URL of path's database, made (empty) on first use."""
        if path.startswith(("postgres://", "postgresql://")):
            return path
        if path not in self.dbs:
            self.start()
            self.serial += 1
            name = "askdoc_e2e_%d_%d" % (os.getpid(), self.serial)
            p = subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1",
                                "host=%s user=askdoc dbname=postgres" % self.host,
                                "-c", "CREATE DATABASE %s" % name],
                               capture_output=True, text=True, timeout=60)
            if p.returncode != 0:
                raise RuntimeError("CREATE DATABASE failed: " + p.stderr)
            self.dbs[path] = "postgresql://askdoc@/%s?host=%s" % (
                name, urllib.parse.quote(self.host, safe=""))
        return self.dbs[path]


PG = PgCluster()


# ---- reading and changing a test's database, on either engine ----

def _pg_literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (bytes, bytearray, memoryview)):
        return "'\\x%s'::bytea" % bytes(v).hex()
    return "'%s'" % str(v).replace("'", "''")


def pg_sql(sql, params=()):
    """sql with SQLite's ? and ?N placeholders replaced by params as
    PostgreSQL literals (outside quotes)."""
    out, i, n, k = [], 0, len(sql), 0
    while i < n:
        c = sql[i]
        if c in "'\"":
            j = i + 1
            while j < n and sql[j] != c:
                j += 1
            out.append(sql[i:j + 1])
            i = j + 1
            continue
        if c == "?":
            j = i + 1
            while j < n and sql[j].isdigit():
                j += 1
            if j > i + 1:
                idx = int(sql[i + 1:j]) - 1
            else:
                idx = k
                k += 1
            out.append(_pg_literal(params[idx]))
            i = j
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _pg_value(v):
    return int(v) if isinstance(v, bool) else v


def _returns_rows(sql):
    head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
    return head in ("SELECT", "WITH", "VALUES") or " RETURNING " in " %s " % sql.upper()


def pg_query(url, sql, params=()):
    """Run one statement on url's database with psql; its rows as tuples
    (integers as int, NULL as None, booleans as 0 or 1)."""
    text = pg_sql(sql.strip().rstrip(";"), params)
    wrap = _returns_rows(text)
    if wrap:
        text = "WITH q AS (%s) SELECT coalesce(json_agg(q), '[]') FROM q" % text
    p = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url],
                       input=text + ";\n", capture_output=True, text=True, timeout=60)
    if p.returncode != 0:
        raise RuntimeError("psql failed on %r: %s" % (text[:200], p.stderr.strip()))
    if not wrap:
        return []
    data = json.loads(p.stdout, object_pairs_hook=lambda kv: tuple(_pg_value(v) for _, v in kv))
    return [tuple(r) for r in data]


def db_url(db):
    """The PostgreSQL URL of a test's database path (ASKDOC_E2E_DB=pg)."""
    return PG.url(db)


class _PgCursor:
    def __init__(self, rows):
        self.rows = rows
        self.rowcount = len(rows)

    def fetchone(self):
        return self.rows.pop(0) if self.rows else None

    def fetchall(self):
        r, self.rows = self.rows, []
        return r

    def __iter__(self):
        return iter(self.fetchall())


class _PgConnection:
    """What tests use of a sqlite3 connection, on PostgreSQL: every
    statement commits at once (psql's autocommit)."""

    def __init__(self, db):
        self.url = db_url(db)

    def execute(self, sql, params=()):
        return _PgCursor(pg_query(self.url, sql, params))

    def executescript(self, sql):
        p = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", self.url],
                           input=sql, capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise RuntimeError("psql failed: " + p.stderr.strip())

    def commit(self):
        pass

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def connect(db, **kw):
    """A connection to a test's database: sqlite3's on SQLite; on
    PostgreSQL one with execute/fetchone/fetchall/commit/close, each
    statement run by psql and committed at once."""
    if E2E_DB == "pg":
        return _PgConnection(db)
    import sqlite3
    return sqlite3.connect(db, **kw)


def rows(db, sql, *args):
    """The rows of sql (? placeholders, args) on db, as tuples."""
    con = connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def one(db, sql, *args):
    """The first column of sql's first row, None when there is none."""
    r = rows(db, sql, *args)
    return r[0][0] if r else None


def tables(db):
    """The names of db's own tables (not the engine's)."""
    if E2E_DB == "pg":
        return [r[0] for r in rows(db, "SELECT tablename FROM pg_tables"
                                   " WHERE schemaname = 'public' ORDER BY tablename")]
    return [r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                               " AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def columns(db, table):
    """The names of table's columns on db, in their order."""
    if E2E_DB == "pg":
        return [r[0] for r in rows(db, "SELECT column_name FROM information_schema.columns"
                                   " WHERE table_schema = 'public' AND table_name = ?"
                                   " ORDER BY ordinal_position", table)]
    return [r[1] for r in rows(db, "PRAGMA table_info(%s)" % table)]


def exec_sql(db, sql, *args):
    """Run one statement that changes db, and commit it."""
    con = connect(db)
    try:
        con.execute(sql, args)
        con.commit()
    finally:
        con.close()


class Totals:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0


def iri_path(path):
    """path with its non-ASCII characters percent-encoded as UTF-8, as a
    browser sends a link such as /articles/化疗期间如何预防感染."""
    return "".join(c if ord(c) < 128 else urllib.parse.quote(c) for c in path)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # dict, lower-case names
        self.raw = body
        enc = headers.get("content-encoding", "")
        self.body = gzip.decompress(body) if enc == "gzip" and body else body
        self.text = self.body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name.lower())

    def json(self):
        return json.loads(self.text)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    def __init__(self, tester, binary, db, args, env):
        self.t = tester
        self.port = free_port()
        self.db = db
        self.log = open(os.path.join(tester.dir, "server-%d.log" % self.port), "w+")
        if E2E_DB == "pg" and not db.startswith(("postgres://", "postgresql://")):
            fresh = db not in PG.dbs
            url = PG.url(db)
            if fresh and os.path.exists(db):
                tester.copy_to_pg(db, url)
            db = url
        cmd = [binary, "serve", "--db", db, "--listen", "127.0.0.1:%d" % self.port] + list(args)
        if E2E_DB != "pg" and not os.path.exists(db):
            cmd.append("--create")  # serve refuses a missing database
        # Tests post forms faster than people do, and ask many questions
        # from one address: no minimum time to submit and no question rate
        # limit unless a test sets them (flags win over these); the signed
        # form token is still required (askflow.Browser sends it back).
        # Likewise no registration limit per address, and room for tests
        # that log in or register in parallel to hash at once
        # (test_access sets --register-limit-addr and --hash-slots).
        defaults = {"ASKDOC_FORM_MIN_SECONDS": "0", "ASKDOC_ASK_LIMIT_ADDR": "1000000",
                    "ASKDOC_ASK_LIMIT_ACCOUNT": "1000000",
                    "ASKDOC_REGISTER_LIMIT_ADDR": "1000000", "ASKDOC_HASH_SLOTS": "64",
                    # /metrics is served only to this token (Server.metrics)
                    "ASKDOC_METRICS_TOKEN": METRICS_TOKEN}
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT,
                                     env=dict(defaults, **dict(os.environ, **(env or {}))))
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited %d: %s" % (self.proc.returncode, self.logtext()))
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("server did not start: " + self.logtext())

    def logtext(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def request(self, method, path, body=None, headers=None, tidy=True):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = dict(headers or {})
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body)
            h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        c.request(method, iri_path(path), body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        hdrs = {k.lower(): v for k, v in r.getheaders()}
        c.close()
        resp = Response(r.status, hdrs, data)
        if tidy and method != "HEAD" and (hdrs.get("content-type") or "").startswith("text/html"):
            self.t.check_html(resp.text, "%s %s" % (method, path))
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def metrics(self):
        """GET /metrics with the test servers' metrics token."""
        return self.get("/metrics", headers={"Authorization": "Bearer " + METRICS_TOKEN})

    def post(self, path, form=None, **kw):
        return self.request("POST", path, body=form if form is not None else kw.pop("body", None), **kw)

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode


class Tester:
    def __init__(self, binary, totals, name):
        self.bin = binary
        self.totals = totals
        self.name = name
        self.current = name
        self.servers = []

    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="askdoc-e2e-")
        return self

    def __exit__(self, *exc):
        for s in self.servers:
            code = s.stop()
            if code not in (0, None, -signal.SIGKILL):
                self.fail("server exited with %s on SIGTERM: %s" % (code, s.logtext()[-2000:]))
        shutil.rmtree(self.dir, ignore_errors=True)
        return False

    # checks
    def ok(self, cond, what):
        if cond:
            self.totals.passed += 1
        else:
            self.fail(what)
        return cond

    def eq(self, got, want, what=""):
        return self.ok(got == want, "%s: got %r, want %r" % (what, got, want))

    def has(self, text, needle, what=""):
        return self.ok(needle in text, "%s: %r not found in %r" % (what, needle, text[:300]))

    def lacks(self, text, needle, what=""):
        return self.ok(needle not in text, "%s: %r unexpectedly present" % (what, needle))

    def fail(self, what):
        self.totals.failed += 1
        print("FAIL %s: %s" % (self.current, what))

    def check_html(self, html, what):
        if not shutil.which("tidy"):
            return
        p = subprocess.run(["tidy", "-q", "-e", "--show-warnings", "no", "-utf8"],
                           input=html.encode(), capture_output=True)
        self.ok(p.returncode < 2, "%s: tidy reports errors: %s" % (what, p.stderr.decode()[:800]))

    # running things
    def path(self, name):
        return os.path.join(self.dir, name)

    def run(self, *args, stdin=None, env=None):
        """Run the askdoc binary; returns CompletedProcess with text output.
        On PostgreSQL (ASKDOC_E2E_DB=pg) a --db naming a database path
        runs on that path's PostgreSQL database."""
        args = [str(a) for a in args]
        if E2E_DB == "pg":
            for i in range(len(args) - 1):
                if args[i] == "--db" and (args[i + 1] in PG.dbs
                                          or not os.path.exists(args[i + 1])):
                    args[i + 1] = PG.url(args[i + 1])
        return subprocess.run([self.bin] + args, input=stdin,
                              capture_output=True, text=True, timeout=300,
                              env=dict(os.environ, **(env or {})))

    def copy_to_pg(self, path, url):
        """Copy the SQLite database at path into url through an archive."""
        dump = path + ".pg.jsonl"
        with open(dump, "w") as f:
            p = subprocess.run([self.bin, "export", "--db", path], stdout=f,
                               stderr=subprocess.PIPE, text=True, timeout=300)
        if p.returncode != 0:
            raise RuntimeError("export for PostgreSQL failed: " + p.stderr)
        p = self.run("import", "--db", url, dump)
        if p.returncode != 0:
            raise RuntimeError("import into PostgreSQL failed: " + p.stderr)

    def new_db(self, name="askdoc.db", archive=None, lines=None):
        db = self.path(name)
        if E2E_DB == "pg":
            db = PG.url(db)
        if archive or lines is not None:
            src = archive
            if lines is not None:
                src = self.path(name + ".jsonl")
                with open(src, "w") as f:
                    for line in lines:
                        f.write((line if isinstance(line, str) else json.dumps(line)) + "\n")
            p = self.run("import", "--db", db, src)
            if p.returncode != 0:
                raise RuntimeError("import failed: " + p.stderr)
        return db

    def server(self, db=None, args=(), env=None):
        s = Server(self, self.bin, db or self.path("askdoc.db"), args, env)
        self.servers.append(s)
        return s

    def sqlite_only(self, why):
        """Skip the calling test on PostgreSQL: it is about SQLite (why)."""
        if E2E_DB == "pg":
            raise Skip("SQLite only: " + why)

    def copy_db(self, src, dst):
        """Copy database src whole to the path dst (on PostgreSQL a new
        database of the cluster that dst then names)."""
        if E2E_DB != "pg":
            shutil.copy(src, dst)
            return dst
        PG.copy(src, dst)
        return dst

    def demo_db(self):
        """A database with the repository's demo content (doctors first)."""
        db = self.path("demo.db")
        if not os.path.exists(db) and db not in PG.dbs:
            target = PG.url(db) if E2E_DB == "pg" else db
            p = subprocess.run(["sh", "tools/demo.sh", self.bin, target], cwd=REPO,
                               capture_output=True, text=True, timeout=300)
            if p.returncode != 0:
                raise RuntimeError("demo import failed: " + p.stderr[-2000:])
        return db

    def shared(self, *parts):
        p = os.path.join(SHARED, *parts)
        if not os.path.exists(p):
            raise Skip("%s not found" % p)
        return p


# ---- login helper (issue 3: asking and answering) ----

def login(server, email, password):
    """A cookie-keeping client (askflow.Browser: get, post, csrf(path))
    signed in as email through /login."""
    from askflow import login as _login
    return _login(server, email, password)
