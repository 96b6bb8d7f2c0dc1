#!/usr/bin/env python3
"""bench/slowloris.py: slow clients against a running askdoc.

From 127.0.0.1 it opens --slow connections (default 400, more than
askdoc's LIMIT_CONNECTIONS_PER_IP of 256) in four kinds: headers that stop
half-way (idle), headers sent one byte every few seconds (trickle), and the
same two for a POST body (slow body). Meanwhile a well-behaved client on
another address (127.0.0.3) fetches a Q&A page five times a second. After
--seconds (default 25) it reports how many slow connections the server
took, how many it refused at once, when it cut the idle ones, and whether
the other client was served throughout (every request, with its latency).

usage: slowloris.py --port PORT [--slow N] [--seconds S] [--path /qa/1]
"""
import argparse
import http.client
import selectors
import socket
import statistics
import threading
import time


def well_behaved(port, path, stop, out):
    while not stop.is_set():
        t0 = time.monotonic()
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10,
                                           source_address=("127.0.0.3", 0))
            c.request("GET", path)
            r = c.getresponse()
            r.read()
            c.close()
            out.append((r.status, time.monotonic() - t0))
        except OSError as e:
            out.append((str(e), time.monotonic() - t0))
        time.sleep(0.2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--slow", type=int, default=400)
    ap.add_argument("--seconds", type=float, default=25)
    ap.add_argument("--path", default="/")
    a = ap.parse_args()

    good = []
    stop = threading.Event()
    th = threading.Thread(target=well_behaved, args=(a.port, a.path, stop, good))
    th.start()
    time.sleep(1)
    baseline = len(good)

    sel = selectors.DefaultSelector()
    conns = []  # [sock, kind, opened_at, closed_at]
    kinds = ("idle", "trickle", "idle-body", "trickle-body")
    start = time.monotonic()
    for i in range(a.slow):
        kind = kinds[i % 4]
        s = socket.socket()
        s.settimeout(5)
        try:
            s.connect(("127.0.0.1", a.port))
            if kind.endswith("body"):
                s.sendall(b"POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: "
                          b"application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\ncsrf=")
            else:
                s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nUser-Agent: slow")
        except OSError:
            conns.append([None, kind, time.monotonic(), time.monotonic()])
            continue
        s.setblocking(False)
        c = [s, kind, time.monotonic(), None]
        conns.append(c)
        sel.register(s, selectors.EVENT_READ, c)
    last_trickle = time.monotonic()
    while time.monotonic() - start < a.seconds:
        for key, _ in sel.select(timeout=0.5):
            c = key.data
            try:
                data = c[0].recv(4096)
            except OSError:
                data = b""
            if not data:
                c[3] = time.monotonic()
                sel.unregister(c[0])
                c[0].close()
        if time.monotonic() - last_trickle > 3:
            last_trickle = time.monotonic()
            for c in conns:
                if c[3] is None and c[1].startswith("trickle"):
                    try:
                        c[0].send(b"a")
                    except OSError:
                        pass
    stop.set()
    th.join()
    for c in conns:
        if c[3] is None:
            c[0].close()

    refused = [c for c in conns if c[3] is not None and c[3] - c[2] < 1.0]
    print("slow connections from 127.0.0.1: %d opened, %d refused at once (per-address limit), "
          "%d taken" % (len(conns), len(refused), len(conns) - len(refused)))
    for kind in kinds:
        taken = [c for c in conns if c[1] == kind and c not in refused]
        cut = [c[3] - c[2] for c in taken if c[3] is not None]
        alive = len(taken) - len(cut)
        print("  %-12s taken %3d, cut by the server %3d (after %s s), still open at %.0f s: %d"
              % (kind, len(taken), len(cut),
                 "%.1f-%.1f" % (min(cut), max(cut)) if cut else "-", a.seconds, alive))
    during = good[baseline:]
    ok = [lat for st, lat in during if st == 200]
    bad = [st for st, _ in during if st != 200]
    if ok:
        print("well-behaved client on 127.0.0.3 meanwhile: %d requests, %d OK, %d failed; "
              "latency p50 %.1f ms, max %.1f ms"
              % (len(during), len(ok), len(bad), statistics.median(ok) * 1000, max(ok) * 1000))
    else:
        print("well-behaved client on 127.0.0.3: no successful request (%r)" % bad[:3])
    return 0 if during and not bad else 1


if __name__ == "__main__":
    raise SystemExit(main())
