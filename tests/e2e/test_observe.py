"""Operations: /metrics covers requests, search (queries and a latency
histogram per endpoint), the doctors' queue length and mail delivery
(sent, failed and retried counters and a delivery-time histogram), in
well-formed Prometheus text; the logs are one JSON object per line with
--log-format json (logfmt by default) and never hold patient text: no
query strings, form bodies, question titles, addresses or status-link
tokens; behind --trusted-proxy the client address comes from
X-Forwarded-For's last hop, for logs and throttles alike."""
import json
import re
import time
import urllib.parse

import harness

from askflow import Browser, ask, fresh_db, one
from test_mail import SMTPSink, dead_port, mail_args, wait_sent

SERIES = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? '
                    r'(-?[0-9.]+(?:e[+-]?[0-9]+)?|\+Inf|NaN)$')
SEARCH_WORDS = "zebrafinch quokkaphobia liver"
TITLE = "Is a xylophonist tremor after chemotherapy normal?"


def metrics(t, s):
    """The /metrics text as {series with labels: value}, checking the
    format as it goes: every sample belongs to a family with a TYPE, and
    histogram buckets are cumulative and end with +Inf equal to _count."""
    r = s.metrics()
    t.eq(r.status, 200, "/metrics status")
    t.has(r.header("content-type") or "", "text/plain; version=0.0.4", "/metrics type")
    types, out, bad = {}, {}, []
    for line in r.text.splitlines():
        if line.startswith("# TYPE "):
            _, _, name, typ = line.split(" ", 3)
            types[name] = typ
            continue
        if line.startswith("#") or not line:
            continue
        m = SERIES.match(line)
        if not m:
            bad.append(line)
            continue
        name = m.group(1)
        base = re.sub(r"_(bucket|sum|count)$", "", name)
        if name not in types and base not in types:
            bad.append("no TYPE: " + line)
        out[name + (m.group(2) or "")] = float(m.group(3))
    t.eq(bad[:3], [], "malformed /metrics lines")
    # histograms: cumulative buckets, +Inf == count
    buckets = {}
    for key, v in out.items():
        m = re.match(r'^(\w+)_bucket\{(.*?),?le="([^"]+)"\}$', key)
        if m:
            buckets.setdefault((m.group(1), m.group(2)), []).append(
                (float("inf") if m.group(3) == "+Inf" else float(m.group(3)), v))
    for (name, labels), bs in buckets.items():
        bs.sort()
        counts = [c for _, c in bs]
        t.ok(counts == sorted(counts), "%s{%s} buckets cumulative" % (name, labels))
        total = out.get("%s_count%s" % (name, "{%s}" % labels if labels else ""))
        t.eq(bs[-1], (float("inf"), total), "%s{%s} +Inf bucket is the count" % (name, labels))
    return out


def logtext(s):
    """The server's log, also after it stopped (the harness closes it)."""
    with open(s.log.name) as f:
        return f.read()


def wait_for(fn, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if fn():
            return True
        time.sleep(0.1)
    return False


def test_metrics_cover_search_queue_and_mail(t):
    sink = SMTPSink()
    try:
        db = fresh_db(t, "obs")
        s = t.server(db, args=mail_args(sink.port) + ["--log-format", "json"])
        m = metrics(t, s)
        waiting = one(db, "SELECT count(*) FROM questions WHERE status = 'waiting'")
        t.eq(m.get("askdoc_doctor_queue_length"), float(waiting), "queue gauge = waiting questions")
        t.eq(m.get('askdoc_search_queries_total{endpoint="page"}'), 0.0, "no searches yet")
        t.eq(m.get("askdoc_mail_sent_total"), 0.0, "no mail yet")

        q = urllib.parse.quote(SEARCH_WORDS)
        t.eq(s.get("/search?q=" + q).status, 200, "search page")
        t.eq(s.get("/api/search?q=" + q).status, 200, "search API")
        t.eq(s.get("/api/search?q=" + q).status, 200, "search API again")
        t.eq(s.get("/api/similar?q=" + q).status, 200, "suggestions")
        # A request is counted once its answer has gone out, which can be
        # a moment after the client has read it, and each on its own
        # worker: wait for every count asserted below, not for one
        # route's (the second /api/search may be recorded after
        # /api/similar).
        want = {'askdoc_http_requests_total{method="GET",route="/api/similar",status="2xx"}': 1.0,
                'askdoc_http_requests_total{method="GET",route="/api/search",status="2xx"}': 2.0,
                'askdoc_http_request_duration_seconds_count{method="GET",route="/search"}': 1.0}
        wait_for(lambda: all(metrics(t, s).get(k) == v for k, v in want.items()), 5)
        m = metrics(t, s)
        t.eq(m.get('askdoc_search_queries_total{endpoint="page"}'), 1.0, "page search counted")
        t.eq(m.get('askdoc_search_queries_total{endpoint="api"}'), 2.0, "API searches counted")
        t.eq(m.get('askdoc_search_queries_total{endpoint="similar"}'), 1.0, "suggestions counted")
        t.eq(m.get('askdoc_search_duration_seconds_count{endpoint="api"}'), 2.0, "API search timed")
        t.ok(m.get('askdoc_search_duration_seconds_sum{endpoint="page"}', 0) > 0, "page search time summed")
        t.eq(m.get('askdoc_http_requests_total{method="GET",route="/api/search",status="2xx"}'), 2.0,
             "requests counted by route")
        t.eq(m.get('askdoc_http_request_duration_seconds_count{method="GET",route="/search"}'), 1.0,
             "request histogram by route")

        b = Browser(s)
        ask(t, b, db, email="observer@example.org", title=TITLE)
        t.ok(wait_for(lambda: len(sink.messages) >= 1), "the status mail was sent")
        wait_sent(db, 1)
        m = metrics(t, s)
        t.eq(m.get("askdoc_doctor_queue_length"), float(waiting + 1), "the new question is in the queue gauge")
        t.eq(m.get("askdoc_mail_sent_total"), 1.0, "mail sent counted")
        t.eq(m.get("askdoc_mail_failed_total"), 0.0, "no failed attempt")
        t.eq(m.get('askdoc_mail_delivery_seconds_count{result="sent"}'), 1.0, "delivery timed")
        t.ok(m.get('askdoc_mail_delivery_seconds_sum{result="sent"}', 0) > 0, "delivery time summed")
        t.eq(m.get("askdoc_mail_queue_pending"), 0.0, "nothing pending")
        s.stop()
        check_json_log(t, logtext(s), ["zebrafinch", "quokkaphobia", "xylophonist", TITLE,
                                        "observer@example.org", "interferon"])
    finally:
        sink.close()


def test_failed_mail_is_counted(t):
    db = fresh_db(t, "obsdead")
    s = t.server(db, args=mail_args(dead_port(), retry=3600))
    ask(t, Browser(s), db, email="nobody@example.org")
    ok = wait_for(lambda: metrics(t, s).get("askdoc_mail_failed_total", 0) >= 1)
    t.ok(ok, "a failed delivery attempt is counted")
    m = metrics(t, s)
    t.eq(m.get("askdoc_mail_retries_total"), 1.0, "and retried later")
    t.eq(m.get('askdoc_mail_delivery_seconds_count{result="failed"}'), 1.0, "failed attempt timed")
    t.eq(m.get("askdoc_mail_sent_total"), 0.0, "nothing sent")
    t.eq(m.get("askdoc_mail_queue_pending"), 1.0, "the mail waits in the queue")


def check_json_log(t, log, secrets):
    lines = [l for l in log.splitlines() if l.strip()]
    t.ok(len(lines) > 5, "the server logged")
    recs, bad = [], []
    for l in lines:
        try:
            recs.append(json.loads(l))
        except ValueError:
            bad.append(l)
    t.eq(bad[:3], [], "every log line is a JSON object")
    reqs = [r for r in recs if r.get("event") == "request"]
    t.ok(len(reqs) >= 5, "request records")
    for key in ("time", "level", "event", "method", "path", "status", "bytes", "duration_ms", "id"):
        t.ok(all(key in r for r in reqs), "every request record has %s" % key)
    t.ok(all(isinstance(r["status"], int) and isinstance(r["bytes"], int) for r in reqs),
         "status and bytes are numbers")
    t.ok(all(isinstance(r["duration_ms"], (int, float)) for r in reqs), "duration_ms is a number")
    t.ok(all("?" not in r["path"] for r in reqs), "no query string in any path")
    t.ok(any(r["path"] == "/search" and r["status"] == 200 for r in reqs), "the search is logged as /search")
    t.ok(any(r["path"] == "/my/question/:token" for r in reqs) or
         not any(r.get("route") == "/my/question/:token" for r in reqs),
         "status links are logged by pattern")
    t.ok(all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", r["time"]) for r in recs), "UTC times")
    for secret in secrets:
        t.lacks(log, secret, "the log never holds %r" % secret[:20])
    t.lacks(log, "q=", "no query string in the log")


def test_text_log_holds_no_query_words(t):
    s = t.server(t.demo_db())
    words = "pangolinitis " + SEARCH_WORDS
    t.eq(s.get("/search?q=" + urllib.parse.quote(words)).status, 200, "search")
    t.eq(s.get("/api/similar?q=" + urllib.parse.quote(words)).status, 200, "suggestions")
    r = s.post("/api/redflags", body=urllib.parse.urlencode({"text": "pangolinitis crushing chest pain"}),
               headers={"Content-Type": "application/x-www-form-urlencoded"})
    t.ok(r.status < 500, "red flags answered")
    t.eq(s.get("/my/questoin/wombatfever-" + "k" * 40).status, 404, "a mistyped status link")
    t.eq(s.get("/no-such-page").status, 404, "an unknown page")
    t.ok(wait_for(lambda: "path=/api/redflags" in s.logtext(), 5), "the POST is logged")
    t.ok(wait_for(lambda: "path=/no-such-page" in s.logtext(), 5),
         "an unknown one-segment path is logged as sent")
    t.has(s.logtext(), "path=/my ", "an unknown longer path keeps its first segment")
    log = s.logtext()
    t.ok(re.search(r'^time=\S+Z level=info event="request" method=GET path=/search '
                   r'route="/search" status=200 bytes=\d+ duration_ms=[0-9.]+ id=\S+ client=127\.0\.0\.1$',
                   log, re.M) is not None, "a logfmt access line")
    for w in ("pangolinitis", "zebrafinch", "quokkaphobia", "crushing", "q=", "wombatfever"):
        t.lacks(log, w, "the log never holds %r" % w)


def login_post(b, email, xff=None):
    h = {"X-Forwarded-For": xff} if xff else None
    return b.post("/login", {"csrf": b.csrf("/login"), "email": email, "password": "guess"},
                  headers=h)


def test_trusted_proxy_names_the_client(t):
    db = fresh_db(t, "proxy")
    s = t.server(db, args=["--trusted-proxy", "127.0.0.1", "--max-conns-per-address", "0",
                           "--log-format", "json"])
    t.eq(s.get("/healthz", headers={"X-Forwarded-For": "203.0.113.9, 198.51.100.7"}).status, 200, "via proxy")
    t.eq(s.get("/healthz", headers={"X-Forwarded-For": "not an address"}).status, 200, "bad header")
    s.stop()
    clients = [json.loads(l).get("client") for l in logtext(s).splitlines()
               if '"event":"request"' in l]
    t.ok("198.51.100.7" in clients, "the last hop is the client: %r" % clients)
    t.ok("203.0.113.9" not in clients, "earlier hops (client-supplied) are not trusted")
    t.ok("127.0.0.1" in clients, "a malformed header leaves the proxy's address")

    # Throttles see the forwarded address: 20 failed logins "from" one
    # client block it, while another client behind the same proxy can
    # still log in (fails with 400, not 429).
    s = t.server(db, args=["--trusted-proxy", "127.0.0.1", "--max-conns-per-address", "0"])
    b = Browser(s)
    for i in range(20):
        login_post(b, "nobody%d@example.org" % i, "198.51.100.50")
    t.eq(login_post(b, "someone@example.org", "198.51.100.50").status, 429, "forwarded client blocked")
    t.eq(login_post(b, "someone@example.org", "198.51.100.51").status, 400, "another forwarded client is not")

    # Without --trusted-proxy the header is ignored: the peer is the client.
    s = t.server(db, args=["--log-format", "json"])
    s.get("/healthz", headers={"X-Forwarded-For": "198.51.100.7"})
    s.stop()
    clients = [json.loads(l).get("client") for l in logtext(s).splitlines()
               if '"event":"request"' in l]
    t.eq(sorted(set(clients)), ["127.0.0.1"], "X-Forwarded-For ignored without a trusted proxy")


def test_queue_wait_and_database_writable_gauges(t):
    """For the alerting rules of docs/operations.md: how long the oldest
    waiting question has waited, and whether the database takes a write
    (0 while another process holds the write lock past the busy
    timeout)."""
    import threading
    db = fresh_db(t, "gauges")
    s = t.server(db)
    m = metrics(t, s)
    t.eq(m.get("askdoc_database_writable"), 1.0, "the database is writable")
    waiting = one(db, "SELECT count(*) FROM questions WHERE status = 'waiting'")
    if waiting == 0:
        ask(t, Browser(s), db, title=TITLE)
    two_hours_ago = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 7200))
    harness.exec_sql(db, "UPDATE questions SET asked_at = ? WHERE id ="
                     " (SELECT min(id) FROM questions WHERE status = 'waiting')", two_hours_ago)
    m = metrics(t, s)
    age = m.get("askdoc_doctor_queue_oldest_seconds", -1)
    t.ok(7190 <= age <= 7300, "the oldest question has waited two hours: %r" % age)
    # Holding SQLite's write lock from another process (PostgreSQL has
    # no such lock: test_pg_failover covers a database that is gone).
    t.sqlite_only("holds SQLite's file write lock")
    con = harness.connect(db, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")  # hold the write lock
    try:
        got = {}
        th = threading.Thread(target=lambda: got.update(m=metrics(t, s)))
        th.start()
        th.join(30)
        t.eq(got.get("m", {}).get("askdoc_database_writable"), 0.0,
             "not writable while the lock is held")
    finally:
        con.execute("ROLLBACK")
        con.close()
    t.eq(metrics(t, s).get("askdoc_database_writable"), 1.0, "writable again")
