"""Slow clients: connections that trickle their headers one byte at a time
(slowloris) or their body (slow POST) from one address are cut by the
whole-request deadlines (--header-timeout, --body-timeout with
--body-min-rate), which libmicrohttpd's idle timeout alone never does;
meanwhile a normal client from another address keeps getting fast 200s,
and the per-address connection limit (--max-conns-per-address) turns away
connections beyond it at once (0 switches it off).

The attack runs from 127.0.0.1 and the normal client from 127.0.0.2 (both
loopback on Linux). With SLOW_DEFAULTS=1 in the environment the test uses
the shipped defaults (10 s deadlines, 256 connections per address) and a
larger attack, for bench/RESULTS.md; it prints a FIGURES line either way.
"""
import http.client
import os
import select
import socket
import threading
import time

DEFAULTS = os.environ.get("SLOW_DEFAULTS") == "1"
HEADER_S = 10 if DEFAULTS else 2
BODY_S = 10 if DEFAULTS else 2
MIN_RATE = 1024 if DEFAULTS else 1000
PER_ADDR = 256 if DEFAULTS else 40
N_LORIS = 200 if DEFAULTS else 30
N_BODY = PER_ADDR - N_LORIS  # the attack fills the per-address limit
TICK = 1.0  # slack: the watcher looks five times a second


def args():
    if DEFAULTS:
        return []
    return ["--header-timeout", str(HEADER_S), "--body-timeout", str(BODY_S),
            "--body-min-rate", str(MIN_RATE), "--max-conns-per-address", str(PER_ADDR)]


CONNECTED = []  # one entry per attack connection established


def trickle(port, head, out, i, start_at_headers):
    """Send head at once, then one byte every half second until the server
    closes the connection; out[i] = seconds from the connection opening (or
    from the end of the headers) to the close, or None if never cut."""
    t0 = time.time()
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=60)
    except OSError:
        out[i] = ("refused", 0.0)
        return
    CONNECTED.append(i)
    try:
        s.sendall(head)
        if start_at_headers:
            t0 = time.time()
        deadline = t0 + max(HEADER_S, BODY_S) * 3 + 5
        k = 0
        while time.time() < deadline:
            r, _, _ = select.select([s], [], [], 0.5)
            if r:
                try:
                    data = s.recv(4096)
                except OSError:
                    data = b""
                out[i] = ("cut" if not data else "answered", time.time() - t0)
                return
            try:
                s.sendall(b"abcdefgh"[k % 8:k % 8 + 1])
            except OSError:
                out[i] = ("cut", time.time() - t0)
                return
            k += 1
        out[i] = (None, time.time() - t0)
    finally:
        s.close()


def normal_client(port, stop, lat, statuses):
    """GET / and /healthz from 127.0.0.2, a new connection each time."""
    n = 0
    while not stop.is_set():
        path = "/" if n % 2 else "/healthz"
        t0 = time.time()
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10,
                                           source_address=("127.0.0.2", 0))
            c.request("GET", path)
            r = c.getresponse()
            r.read()
            statuses.append(r.status)
            c.close()
        except OSError as e:
            statuses.append(repr(e))
        lat.append(time.time() - t0)
        n += 1
        time.sleep(0.05)


def extra_conns(port, n, src="127.0.0.1"):
    """Open n more connections from src; return how many the server closed
    at once (within a second) without an answer."""
    socks, closed = [], 0
    for _ in range(n):
        try:
            socks.append(socket.create_connection(("127.0.0.1", port), timeout=5,
                                                  source_address=(src, 0)))
        except OSError:
            closed += 1
    time.sleep(1.0)
    for s in socks:
        r, _, _ = select.select([s], [], [], 0)
        if r:
            try:
                data = s.recv(1)
            except OSError:
                data = b""
            if not data:
                closed += 1
        s.close()
    return closed


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100.0 * (len(xs) - 1))))] if xs else float("nan")


def test_slow_clients_are_cut(t):
    srv = t.server(args=args())
    port = srv.port
    time.sleep(0.5)  # the harness' start-up probe connection is gone
    del CONNECTED[:]
    loris_head = b"GET / HTTP/1.1\r\nHost: askdoc.test\r\nX-Slow: "
    body_head = (b"POST /api/redflags HTTP/1.1\r\nHost: askdoc.test\r\n"
                 b"Content-Type: application/x-www-form-urlencoded\r\n"
                 b"Content-Length: 100000\r\n\r\nq=")
    loris, body = [None] * N_LORIS, [None] * N_BODY
    threads = [threading.Thread(target=trickle, args=(port, loris_head, loris, i, False))
               for i in range(N_LORIS)]
    threads += [threading.Thread(target=trickle, args=(port, body_head, body, i, True))
                for i in range(N_BODY)]
    stop, lat, statuses = threading.Event(), [], []
    normal = threading.Thread(target=normal_client, args=(port, stop, lat, statuses))
    t_attack = time.time()
    for th in threads:
        th.start()
    normal.start()
    # (c) the attack holds PER_ADDR connections from 127.0.0.1: more from
    # that address are closed at once, while 127.0.0.2 is served.
    while len(CONNECTED) < N_LORIS + N_BODY and time.time() - t_attack < HEADER_S / 2.0:
        time.sleep(0.01)
    time.sleep(min(HEADER_S, BODY_S) / 8.0)  # and accepted by the server
    turned_away = extra_conns(port, 5)
    for th in threads:
        th.join()
    attack_s = time.time() - t_attack
    stop.set()
    normal.join()

    # (a) every trickling connection is cut, within its deadline.
    loris_t = [r[1] for r in loris if r and r[0] == "cut"]
    body_t = [r[1] for r in body if r and r[0] == "cut"]
    t.eq(len(loris_t), N_LORIS, "slowloris connections cut (%r)" % [r for r in loris if not r or r[0] != "cut"][:3])
    t.eq(len(body_t), N_BODY, "slow-body connections cut (%r)" % [r for r in body if not r or r[0] != "cut"][:3])
    if loris_t:
        t.ok(min(loris_t) >= HEADER_S - 0.3, "slowloris cut too early: %.2f s" % min(loris_t))
        t.ok(max(loris_t) <= HEADER_S + TICK, "slowloris cut late: %.2f s > %d s" % (max(loris_t), HEADER_S))
    if body_t:
        t.ok(min(body_t) >= BODY_S - 0.3, "slow body cut too early: %.2f s" % min(body_t))
        t.ok(max(body_t) <= BODY_S + TICK, "slow body cut late: %.2f s > %d s" % (max(body_t), BODY_S))
    # (b) the normal client got fast 200s all along.
    t.ok(len(statuses) >= 10, "normal client made only %d requests" % len(statuses))
    t.eq([s for s in statuses if s != 200], [], "normal client statuses during the attack")
    t.ok(pct(lat, 99) < 1.0, "normal client p99 %.3f s during the attack" % pct(lat, 99))
    # (c) the per-address limit.
    t.eq(turned_away, 5, "connections beyond --max-conns-per-address closed at once")
    # The cuts are counted and logged, without request content.
    m = srv.metrics().text
    t.has(m, 'askdoc_http_slow_clients_cut_total{phase="headers"} %d' % N_LORIS, "metrics")
    t.has(m, 'askdoc_http_slow_clients_cut_total{phase="body"} %d' % N_BODY, "metrics")
    log = srv.logtext()
    t.has(log, 'event="slow client cut" phase=headers client=127.0.0.1', "log")
    t.lacks(log, "abcdefgh", "log")
    print("FIGURES slow clients (header %ds, body %ds at %d B/s, %d per address): "
          "%d slowloris cut after %.2f-%.2f s (median %.2f); %d slow bodies cut %.2f-%.2f s "
          "after their headers; %d extra connections from the attacking address "
          "closed at once; normal client from another address: %d requests, all 200, "
          "p50 %.1f ms, p99 %.1f ms, max %.1f ms over %.1f s of attack"
          % (HEADER_S, BODY_S, MIN_RATE, PER_ADDR,
             len(loris_t), min(loris_t or [0]), max(loris_t or [0]), pct(loris_t, 50),
             len(body_t), min(body_t or [0]), max(body_t or [0]), turned_away,
             len(lat), pct(lat, 50) * 1000, pct(lat, 99) * 1000, max(lat or [0]) * 1000,
             attack_s))


def test_fast_clients_are_not_cut(t):
    """A body that arrives at a decent rate, and a kept-alive connection
    that asks again at once, are not touched by the deadlines."""
    srv = t.server(args=args())
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=30)
    body = b"q=" + b"a" * 6000
    s.sendall(b"POST /api/redflags HTTP/1.1\r\nHost: askdoc.test\r\n"
              b"Content-Type: application/x-www-form-urlencoded\r\n"
              b"Content-Length: %d\r\n\r\n" % len(body))
    # 6 KB over about BODY_S + 1 seconds: above the minimum rate.
    t0 = time.time()
    chunk = max(1, int(len(body) / ((BODY_S + 1) * 10)))
    for i in range(0, len(body), chunk):
        s.sendall(body[i:i + chunk])
        time.sleep(0.1)
    resp = b""
    while b"\r\n\r\n" not in resp:
        data = s.recv(65536)
        if not data:
            break
        resp += data
    t.ok(time.time() - t0 > BODY_S, "the body took longer than --body-timeout")
    t.ok(resp.startswith(b"HTTP/1.1 "), "a steady body gets an answer: %r" % resp[:80])
    t.lacks(resp[:12].decode("latin-1"), " 5", "status")
    s.close()


def test_per_address_limit_off(t):
    """--max-conns-per-address 0 (behind a reverse proxy, every client has
    the proxy's address): no limit per address."""
    a = args()
    if "--max-conns-per-address" in a:
        a = a[:a.index("--max-conns-per-address")]
    srv = t.server(args=a + ["--max-conns-per-address", "0"])
    t.eq(extra_conns(srv.port, 50), 0, "connections closed with no per-address limit")
    srv2 = t.server(args=a + ["--max-conns-per-address", "10"])
    time.sleep(0.5)  # the harness' start-up probe connection is gone
    t.eq(extra_conns(srv2.port, 15), 5, "connections beyond a limit of 10")
    # The server frees the slots as it notices the closes (a moment).
    status, deadline = None, time.time() + 5
    while status != 200 and time.time() < deadline:
        try:
            status = srv2.get("/healthz").status
        except OSError:
            time.sleep(0.1)
    t.eq(status, 200, "served after the extra ones went")


def test_bad_settings(t):
    p = t.run("serve", "--db", t.path("x.db"), "--create", "--trusted-proxy", "not-an-address",
              "--listen", "127.0.0.1:0")
    t.eq(p.returncode, 2, "bad --trusted-proxy is a usage error (checked with the settings)")
    t.has(p.stderr, "trusted-proxy", "bad --trusted-proxy message")
    p = t.run("serve", "--db", t.path("x.db"), "--header-timeout", "0")
    t.eq(p.returncode, 2, "--header-timeout 0 is a usage error")
    p = t.run("serve", "--db", t.path("x.db"), "--log-format", "xml")
    t.eq(p.returncode, 2, "--log-format xml is a usage error")
    t.has(p.stderr, "text or json", "--log-format message")


def _raw_exchange(port, data, wait=5):
    """Send data on a fresh connection; return (everything read until the
    server closes or wait seconds pass, whether it closed)."""
    s = socket.create_connection(("127.0.0.1", port), 5)
    s.settimeout(wait)
    got, closed = b"", False
    try:
        s.sendall(data)
        while True:
            chunk = s.recv(65536)
            if not chunk:
                closed = True
                break
            got += chunk
    except socket.timeout:
        pass
    except ConnectionResetError:
        closed = True
    finally:
        s.close()
    return got, closed


def test_ambiguous_length_is_400_and_close(t):
    """Issue 11 item 13: a request with both Content-Length and
    Transfer-Encoding, or two different Content-Length headers, is answered
    400 and the connection closed, so nothing smuggled behind it is read as
    a next request."""
    s = t.server(t.demo_db())
    smuggled = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
    cases = {
        "CL and TE": b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled,
        "TE and CL": b"POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                     b"Content-Length: 40\r\n\r\n0\r\n\r\n" + smuggled,
        "two CLs": b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                   b"Content-Length: 37\r\n\r\n" + smuggled,
        "two CLs, GET": b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                        b"Content-Length: 6\r\n\r\n" + smuggled,
    }
    for what, data in cases.items():
        got, closed = _raw_exchange(s.port, data)
        t.ok(got.startswith(b"HTTP/1.1 400"), "%s: 400 (%r)" % (what, got[:60]))
        t.ok(closed, "%s: the connection is closed" % what)
        t.eq(got.count(b"HTTP/1.1 "), 1, "%s: one response, nothing smuggled" % what)
    # Two equal Content-Length headers are one length (RFC 9112 6.3).
    got, _ = _raw_exchange(s.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n"
                                   b"Content-Length: 0\r\nConnection: close\r\n\r\n")
    t.ok(got.startswith(b"HTTP/1.1 200"), "equal lengths are served (%r)" % got[:60])
    t.eq(s.get("/healthz", tidy=False).status, 200, "the server goes on")
