"""tests/e2e/pgnodes.py: what the several-node and failover tests
(test_pg_nodes.py, test_pg_failover.py) and their benchmarks
(bench/pg_nodes.py) start: PostgreSQL clusters in temporary folders (a
primary, and a synchronous streaming standby made with pg_basebackup -R),
haproxy in front of askdoc nodes, and clients that keep writing and
remember what was acknowledged.

Everything listens on loopback ports picked free or on Unix sockets in
the clusters' folders; as root the clusters run as the user nobody
(PostgreSQL refuses root). need() raises harness.Skip with the reason when
a program is missing (Debian's postgresql-15 and haproxy; .ci/run
installs both).
"""
import http.client
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.parse

import harness
from askflow import Browser


def pg_bin():
    """The folder of the newest installed PostgreSQL server, or None."""
    base = "/usr/lib/postgresql"
    vers = sorted((d for d in os.listdir(base) if d.isdigit()), key=int) if os.path.isdir(base) else []
    for v in reversed(vers):
        b = os.path.join(base, v, "bin")
        if os.path.exists(os.path.join(b, "initdb")):
            return b
    p = shutil.which("initdb")
    return os.path.dirname(p) if p else None


def need(haproxy=False):
    """Skip unless the PostgreSQL server (and haproxy) are installed."""
    b = pg_bin()
    for prog in ("initdb", "pg_ctl", "pg_basebackup"):
        if not b or not os.path.exists(os.path.join(b, prog)):
            raise harness.Skip("no PostgreSQL server (%s; Debian's postgresql-15)" % prog)
    if not shutil.which("psql"):
        raise harness.Skip("no psql (Debian's postgresql-client-15)")
    if haproxy and not shutil.which("haproxy"):
        raise harness.Skip("no haproxy (Debian's haproxy)")


def as_pg(cmd, **kw):
    """Run cmd as the clusters' user: nobody when we are root."""
    if os.getuid() == 0:
        cmd = ["runuser", "-u", "nobody", "--"] + cmd
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


class Cluster:
    """One PostgreSQL server in its own folder (data/, its Unix socket,
    server.log). settings are postgresql.conf lines."""

    def __init__(self, root, name):
        self.dir = os.path.join(root, name)
        os.mkdir(self.dir)
        if os.getuid() == 0:
            shutil.chown(self.dir, "nobody")
        self.data = os.path.join(self.dir, "data")
        self.bin = pg_bin()

    def conninfo(self, db="postgres"):
        return "host=%s user=askdoc dbname=%s" % (self.dir, db)

    def init(self, settings=()):
        p = as_pg([os.path.join(self.bin, "initdb"), "-D", self.data, "-U", "askdoc", "-A",
                   "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], timeout=120)
        if p.returncode:
            raise RuntimeError("initdb failed: " + p.stdout + p.stderr)
        self.configure(settings)

    def configure(self, settings):
        # Only the Unix socket in our folder: no TCP port to collide on.
        lines = ["listen_addresses = ''", "unix_socket_directories = '%s'" % self.dir,
                 "max_connections = 60", "fsync = off"] + list(settings)
        conf = os.path.join(self.data, "postgresql.conf")
        text = open(conf).read()
        with open(conf, "w") as f:
            f.write(text + "\n# tests/e2e/pgnodes.py\n" + "\n".join(lines) + "\n")

    def basebackup_from(self, primary):
        """Make this a streaming standby of primary (pg_basebackup -R)."""
        self.gone()
        shutil.rmtree(self.data, ignore_errors=True)
        p = as_pg([os.path.join(self.bin, "pg_basebackup"), "-D", self.data, "-R", "-X", "stream",
                   "-c", "fast", "--no-sync", "-h", primary.dir, "-U", "askdoc"], timeout=120)
        if p.returncode:
            raise RuntimeError("pg_basebackup failed: " + p.stderr)
        self.configure([])

    def start(self):
        self.gone()  # a killed server's backends hold its shared memory
        p = as_pg([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-l",
                   os.path.join(self.dir, "server.log"), "-w", "-t", "60", "start"], timeout=90)
        if p.returncode:
            raise RuntimeError("pg_ctl start failed: " + self.log()[-2000:])

    def pid(self):
        """The postmaster's pid, or None when it is not running."""
        try:
            with open(os.path.join(self.data, "postmaster.pid")) as f:
                pid = int(f.readline())
            os.kill(pid, 0)
            return pid
        except (OSError, ValueError):
            return None

    def kill(self):
        """SIGKILL the postmaster we started (a crash). Its backends
        outlive it for a moment: gone() waits for them."""
        pid = self.pid()
        if not pid:
            return
        self.orphans = children(pid)
        os.kill(pid, signal.SIGKILL)

    def gone(self):
        """Wait until the backends of a killed postmaster have exited."""
        kids = getattr(self, "orphans", [])
        deadline = time.time() + 10
        while time.time() < deadline and any(os.path.exists("/proc/%d" % k) for k in kids):
            time.sleep(0.05)

    def stop(self):
        if self.pid():
            as_pg([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", "immediate", "-w",
                   "stop"], timeout=60)

    def promote(self):
        p = as_pg([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-w", "promote"],
                  timeout=60)
        if p.returncode:
            raise RuntimeError("pg_ctl promote failed: " + p.stderr)

    def psql(self, sql, db="postgres"):
        """Rows of sql (a list: statements run one by one, as ALTER
        SYSTEM needs) as lists of strings."""
        cmds = []
        for q in ([sql] if isinstance(sql, str) else sql):
            cmds += ["-c", q]
        p = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                            self.conninfo(db)] + cmds,
                           capture_output=True, text=True, timeout=60)
        if p.returncode:
            raise RuntimeError("psql failed: " + p.stderr)
        return [line.split("\t") for line in p.stdout.splitlines() if line]

    def log(self):
        try:
            with open(os.path.join(self.dir, "server.log")) as f:
                return f.read()
        except OSError:
            return ""


def children(pid):
    """The pids whose parent is pid."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read()
        except OSError:
            continue
        if int(st.rsplit(")", 1)[1].split()[1]) == pid:
            out.append(int(d))
    return out


def url(clusters, db):
    """askdoc's --db for db on clusters, in the order given: libpq's
    multi-host string, taking the one that accepts writes."""
    hosts = ",".join(urllib.parse.quote(c.dir, safe="") for c in clusters)
    extra = "&target_session_attrs=read-write&connect_timeout=2" if len(clusters) > 1 else ""
    return "postgresql://askdoc@/%s?host=%s%s" % (db, hosts, extra)


class Root:
    """A temporary folder the clusters' user can reach (the test's own
    folder is root's alone), removed with everything in it."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="askdoc-pgnodes-")
        os.chmod(self.dir, 0o755)
        self.clusters = []
        self.procs = []

    def cluster(self, name):
        c = Cluster(self.dir, name)
        self.clusters.append(c)
        return c

    def close(self):
        for p in self.procs:
            if p.poll() is None:
                p.kill()
                p.wait()
        for c in self.clusters:
            c.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


HAPROXY_CFG = """global
    maxconn 512
defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    retries 3
    option redispatch
    retry-on conn-failure
frontend web
    bind 127.0.0.1:%(port)d
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk GET /healthz
%(servers)s
"""


def haproxy(root, ports, check="inter 200ms fall 1 rise 1"):
    """haproxy on a free loopback port in front of the nodes on ports
    (health-checked every 200 ms, one failure takes a node out, unless
    check says otherwise; a refused connection is tried again on another).
    Returns (process, port)."""
    port = harness.free_port()
    servers = "\n".join("    server n%d 127.0.0.1:%d check %s" % (i, p, check)
                        for i, p in enumerate(ports))
    cfg = os.path.join(root.dir, "haproxy-%d.cfg" % port)
    with open(cfg, "w") as f:
        f.write(HAPROXY_CFG % {"port": port, "servers": servers})
    log = open(os.path.join(root.dir, "haproxy-%d.log" % port), "w")
    proc = subprocess.Popen(["haproxy", "-db", "-f", cfg], stdout=log, stderr=subprocess.STDOUT)
    root.procs.append(proc)
    import socket
    deadline = time.time() + 10
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("haproxy exited %d: %s" % (proc.returncode, open(log.name).read()))
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return proc, port
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("haproxy did not start")


class NoCheck:
    """A Tester stand-in for load clients: pages are not tidy-checked
    (and not counted) under load."""

    def check_html(self, html, what):
        pass


class Endpoint:
    """Something with a port and a Tester, as askflow.Browser wants
    (a node, or haproxy in front of nodes); t None checks nothing."""

    def __init__(self, t, port):
        self.t = t or NoCheck()
        self.port = port


class Writer:
    """Clients that ask questions through the ask form as fast as they
    can, in threads, until stopped. Every question has a unique title;
    acked holds the titles answered 303 (stored, as far as the client
    knows), and statuses every answer with its time, for counting 503s."""

    def __init__(self, t, port, prefix, threads=3):
        self.t, self.port, self.prefix = t, port, prefix
        self.n = threads
        self.stop_ev = threading.Event()
        self.lock = threading.Lock()
        self.acked = []
        self.statuses = []  # (time, status or exception name)
        self.kept = []  # 503 answers that kept the typed title
        self.threads = []

    def _client(self, k):
        ep = Endpoint(None, self.port)
        b = None
        i = 0
        while not self.stop_ev.is_set():
            i += 1
            title = "%s %d-%d: can a zebra cough last weeks?" % (self.prefix, k, i)
            try:
                if b is None:
                    b = Browser(ep)
                    csrf = b.csrf("/ask")
                form = {"csrf": csrf, "title": title,
                        "text": "My cough has lasted three weeks after a cold. "
                                "Should I see someone about it?", "consent": "yes"}
                r = b.post("/ask", form)
                st = r.status
                if st == 503 and title in r.text:
                    with self.lock:
                        self.kept.append(title)
            except (OSError, http.client.HTTPException, AssertionError) as e:
                st = type(e).__name__
                b = None  # a new client, as after a reload
            with self.lock:
                self.statuses.append((time.time(), st))
                if st == 303:
                    self.acked.append(title)
            if st != 303:
                time.sleep(0.02)

    def start(self):
        for k in range(self.n):
            th = threading.Thread(target=self._client, args=(k,), daemon=True)
            th.start()
            self.threads.append(th)
        return self

    def stop(self):
        self.stop_ev.set()
        for th in self.threads:
            th.join(60)

    def count(self, pred):
        with self.lock:
            return sum(1 for _, st in self.statuses if pred(st))

    def failed_window(self, since):
        """Seconds from the first answer after since that was not a 303
        to the last one (0 when every answer was a 303)."""
        with self.lock:
            bad = [ts for ts, st in self.statuses if ts >= since and st != 303]
        return (max(bad) - min(bad)) if bad else 0.0


def titles_in(cluster, db, prefix):
    """Titles of the questions stored in db whose title starts with prefix."""
    rows = cluster.psql("SELECT title FROM questions WHERE title LIKE '%s%%'" %
                        prefix.replace("'", "''"), db)
    return set(r[0] for r in rows)


def wait_for(pred, timeout, step=0.02):
    """Poll pred until true or timeout; returns seconds taken or None."""
    t0 = time.time()
    while True:
        if pred():
            return time.time() - t0
        if time.time() - t0 > timeout:
            return None
        time.sleep(step)


def metric(server_or_port, name):
    """The value of a counter on a node's /metrics (summed over labels)."""
    port = server_or_port if isinstance(server_or_port, int) else server_or_port.port
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/metrics", headers={"Authorization": "Bearer " + harness.METRICS_TOKEN})
    text = c.getresponse().read().decode()
    c.close()
    total = 0.0
    for m in re.finditer(r"^%s(?:\{[^}]*\})? ([0-9.e+]+)$" % re.escape(name), text, re.M):
        total += float(m.group(1))
    return total
