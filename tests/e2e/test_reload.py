"""SIGHUP reloads templates and settings without dropping a connection,
and the systemd notify protocol (NOTIFY_SOCKET): READY=1 once serving,
RELOADING=1 and READY=1 around a reload, STOPPING=1 at the end."""
import http.client
import os
import signal
import socket
import threading
import time

import harness


def templates_dir(t, mark):
    d = t.path("tpl")
    os.makedirs(d, exist_ok=True)
    set_mark(d, mark)
    return d


def set_mark(d, mark):
    with open(os.path.join(harness.REPO, "templates", "home.mustache")) as f:
        text = f.read()
    tmp = os.path.join(d, "home.mustache.tmp")
    with open(tmp, "w") as f:
        f.write("<!-- reload-mark %s -->\n" % mark + text)
    os.replace(tmp, os.path.join(d, "home.mustache"))


def test_template_change_under_load_no_failed_request(t):
    d = templates_dir(t, "AAA")
    s = t.server(args=["--templates", d])
    t.has(s.get("/").text, "reload-mark AAA", "the override template is used")
    stop = threading.Event()
    stats = {"ok": 0, "failed": [], "conns": 0}
    lock = threading.Lock()

    def worker():
        c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=30)
        with lock:
            stats["conns"] += 1
        paths = ["/", "/departments", "/search?q=fever", "/healthz"]
        i = 0
        while not stop.is_set():
            path = paths[i % len(paths)]
            i += 1
            try:
                c.request("GET", path)  # one keep-alive connection each
                r = c.getresponse()
                r.read()
                with lock:
                    if r.status == 200:
                        stats["ok"] += 1
                    else:
                        stats["failed"].append("%s %d" % (path, r.status))
            except Exception as e:  # a dropped connection is a failure
                with lock:
                    stats["failed"].append("%s %r" % (path, e))
                c.close()
                c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=30)
        c.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for th in threads:
        th.start()
    try:
        time.sleep(1.0)
        for n, mark in enumerate(("BBB", "CCC")):
            set_mark(d, mark)
            s.proc.send_signal(signal.SIGHUP)
            deadline = time.time() + 10
            seen = False
            while time.time() < deadline and not seen:
                seen = ("reload-mark " + mark) in s.get("/", tidy=False).text
                time.sleep(0.05)
            t.ok(seen, "template change %d picked up after SIGHUP" % (n + 1))
            time.sleep(0.7)
    finally:
        stop.set()
        for th in threads:
            th.join(30)
    t.ok(stats["ok"] > 100, "requests served under load: %d" % stats["ok"])
    t.eq(stats["failed"][:5], [], "no failed request during the reloads")
    t.eq(stats["conns"], 8, "each client kept its one connection")
    t.has(s.get("/").text, "reload-mark CCC", "the last template stays")
    t.eq(s.proc.poll(), None, "the server is still running")
    log = s.logtext()
    t.eq(log.count('event="reloaded"'), 2, "two reloads logged")


def test_reload_settings_and_bad_file(t):
    conf = t.path("r.conf")
    with open(conf, "w") as f:
        f.write("site_name = Before\nthreads = 2\n")
    s = t.server(args=["--config", conf])
    t.has(s.get("/").text, "<title>Before", "site name from the file")
    with open(conf, "w") as f:
        f.write("site_name = After\nthreads = 3\n")
    s.proc.send_signal(signal.SIGHUP)
    deadline = time.time() + 10
    while time.time() < deadline and "<title>After" not in s.get("/").text:
        time.sleep(0.05)
    t.has(s.get("/").text, "<title>After", "site name reloaded")
    t.has(s.logtext(), 'event="reload kept setting" name=threads', "threads needs a restart")
    with open(conf, "w") as f:
        f.write("site_name = Broken\n\nthreads = lots\n")
    s.proc.send_signal(signal.SIGHUP)
    deadline = time.time() + 10
    while time.time() < deadline and "reload failed" not in s.logtext():
        time.sleep(0.05)
    t.has(s.logtext(), "%s:3: threads: expected a number" % conf, "the bad line is logged")
    t.has(s.get("/").text, "<title>After", "a bad file keeps the settings in force")
    t.eq(s.proc.poll(), None, "and the server running")
    # A template folder with a broken template: the old templates stay.
    d = t.path("broken")
    os.makedirs(d)
    with open(os.path.join(d, "home.mustache"), "w") as f:
        f.write("{{#unclosed}}\n")
    with open(conf, "w") as f:
        f.write("site_name = After\ntemplates = %s\n" % d)
    n = s.logtext().count("reload failed")
    s.proc.send_signal(signal.SIGHUP)
    deadline = time.time() + 10
    while time.time() < deadline and s.logtext().count("reload failed") == n:
        time.sleep(0.05)
    t.eq(s.logtext().count("reload failed"), n + 1, "a broken template fails the reload")
    t.eq(s.get("/").status, 200, "and the old templates keep serving")


def notify_socket(t, abstract):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    if abstract:
        name = "askdoc-test-%d-%d" % (os.getpid(), time.time_ns() % 1000000)
        sock.bind("\0" + name)
        env = "@" + name
    else:
        env = t.path("notify-%d" % time.time_ns())
        sock.bind(env)
    sock.settimeout(10)
    return sock, env


def test_notify_protocol(t):
    for abstract in (False, True):
        sock, env = notify_socket(t, abstract)
        try:
            s = t.server(env={"NOTIFY_SOCKET": env})
            what = "abstract" if abstract else "path"
            t.eq(sock.recv(4096).decode().split("\n")[0], "READY=1", "READY=1 (%s socket)" % what)
            t.eq(s.get("/healthz").status, 200, "serving once ready")
            s.proc.send_signal(signal.SIGHUP)
            msg = sock.recv(4096).decode()
            t.eq(msg.split("\n")[0], "RELOADING=1", "RELOADING=1 on SIGHUP")
            t.has(msg, "MONOTONIC_USEC=", "with the monotonic time")
            t.eq(sock.recv(4096).decode().split("\n")[0], "READY=1", "READY=1 after the reload")
            s.proc.send_signal(signal.SIGTERM)
            t.eq(sock.recv(4096).decode(), "STOPPING=1", "STOPPING=1 on SIGTERM")
            t.eq(s.proc.wait(20), 0, "exit 0")
        finally:
            sock.close()
