"""Notification mail: a small SMTP sink on loopback (written here: smtpd
left the standard library in 3.12) receives the status link when a patient
asks with an e-mail address, and a fresh working link when a doctor
replies; a dead or silent SMTP server never slows a request; mail queued
while the server was down is sent after a restart; the log never names an
address or any question text."""
import email
import email.policy
import re
import socket
import socketserver
import threading
import time

import harness
from askflow import ONCO, Browser, ask, fresh_db, login, one, reply, rows


class SMTPSink:
    """Accepts mail on 127.0.0.1:port and keeps each message with its
    envelope. Speaks just enough SMTP: EHLO/HELO, MAIL, RCPT, DATA, RSET,
    NOOP, QUIT."""

    def __init__(self, port=0):
        sink = self
        self.messages = []
        self.cond = threading.Condition()

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line):
                self.wfile.write((line + "\r\n").encode())

            def handle(self):
                self.reply("220 sink.test ESMTP ready")
                mail_from, rcpts = None, []
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    cmd = line.decode("utf-8", "replace").rstrip("\r\n")
                    verb = cmd.split(" ", 1)[0].upper()
                    if verb == "EHLO":
                        self.reply("250-sink.test")
                        self.reply("250-8BITMIME")
                        self.reply("250 SIZE 10485760")
                    elif verb == "HELO":
                        self.reply("250 sink.test")
                    elif verb == "MAIL":
                        mail_from, rcpts = cmd[10:].strip().split(" ")[0], []
                        self.reply("250 OK")
                    elif verb == "RCPT":
                        rcpts.append(cmd[8:].strip())
                        self.reply("250 OK")
                    elif verb == "DATA":
                        self.reply("354 end with <CRLF>.<CRLF>")
                        data = []
                        while True:
                            l = self.rfile.readline()
                            if not l or l in (b".\r\n", b".\n"):
                                break
                            if l.startswith(b".."):
                                l = l[1:]
                            data.append(l)
                        with sink.cond:
                            sink.messages.append((mail_from, list(rcpts), b"".join(data)))
                            sink.cond.notify_all()
                        self.reply("250 OK queued")
                    elif verb in ("RSET", "NOOP"):
                        self.reply("250 OK")
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    else:
                        self.reply("502 not implemented")

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait(self, n, timeout=15):
        """Wait until n messages arrived; returns them (parsed)."""
        deadline = time.time() + timeout
        with self.cond:
            while len(self.messages) < n and time.time() < deadline:
                self.cond.wait(0.1)
            return [(f, r, email.message_from_bytes(d, policy=email.policy.default))
                    for f, r, d in self.messages]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def dead_port():
    """A loopback port where nothing listens."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def mail_args(port, retry=1):
    return ["--smtp-url", "smtp://127.0.0.1:%d" % port, "--mail-from", "noreply@askdoc.test",
            "--mail-retry", str(retry), "--public-url", "http://askdoc.test"]


def link_of(msg):
    m = re.search(r"http://askdoc\.test(/my/question/[A-Za-z0-9_-]{43})", msg.get_content())
    return m.group(1) if m else None


def test_status_link_and_reply_by_mail(t):
    sink = SMTPSink()
    try:
        db = fresh_db(t, "mail")
        s = t.server(db, args=mail_args(sink.port))
        b = Browser(s)
        t.has(b.get("/ask").text, 'id="email"', "e-mail field with SMTP on")
        qid, path, token = ask(t, b, db, email="winnie@example.org",
                               title="Wie lange dauert die Erholung? 恢復要多久")
        msgs = sink.wait(1)
        t.eq(len(msgs), 1, "one mail for the question")
        if not msgs:
            return
        frm, rcpts, msg = msgs[0]
        t.eq(frm, "<noreply@askdoc.test>", "envelope sender")
        t.eq(rcpts, ["<winnie@example.org>"], "envelope recipient")
        t.has(str(msg["To"]), "winnie@example.org", "To header")
        t.has(str(msg["Subject"]), "your question has been received", "subject")
        t.eq(link_of(msg), path, "the mail carries the status link")
        t.lacks(msg.get_content(), "恢復要多久", "no question text in the mail")
        wait_sent(db, 1)
        t.eq(one(db, "SELECT status FROM mail_queue"), "sent", "queue row sent")
        t.eq(one(db, "SELECT recipient || body FROM mail_queue"), "", "address and link wiped")
        t.eq(one(db, "SELECT notify_email FROM questions WHERE id = ?", qid),
             "winnie@example.org", "address kept for the reply notice")
        doc = login(s, ONCO[0], ONCO[2])
        r = doc.get("/doctor/question/%d" % qid)
        t.lacks(r.text, "winnie@example.org", "the doctor never sees the address")
        t.eq(reply(t, doc, qid, body="Usually **six weeks**.").status, 303, "replied")
        msgs = sink.wait(2)
        t.eq(len(msgs), 2, "a second mail for the reply")
        if len(msgs) < 2:
            return
        msg = msgs[1][2]
        t.has(str(msg["Subject"]), "a doctor has replied", "reply subject")
        link = link_of(msg)
        t.ok(link is not None and link != path, "the reply mail carries a fresh link")
        r = Browser(s).get(link or "/")
        t.eq(r.status, 200, "the fresh link opens the status page")
        t.has(r.text, "Usually <strong>six weeks</strong>.", "and shows the reply")
        t.eq(one(db, "SELECT count(*) FROM question_links WHERE question_id = ?", qid), 1,
             "the fresh link is stored hashed")
        log = s.logtext()
        for secret in ("winnie@example.org", "Erholung", token, link or "-"):
            t.lacks(log, secret, "the log never holds %r" % secret[:12])
        t.has(log, "mail sent", "the log counts sent mail by id")
        wait_sent(db, 2)
        t.has(s.metrics().text, "askdoc_mail_sent_total 2", "mail counted in /metrics")
    finally:
        sink.close()


def test_dead_smtp_never_slows_a_request(t):
    db = fresh_db(t, "dead")
    port = dead_port()
    # (also: the default --mail-from, askdoc@localhost, is accepted)
    args = mail_args(port, retry=3600)
    i = args.index("--mail-from")
    del args[i:i + 2]
    s = t.server(db, args=args)
    b = Browser(s)
    form_tok = b.csrf("/ask")
    times = []
    for i in range(3):
        start = time.time()
        qid, _, _ = ask(t, b, db, email="dead%d@example.org" % i, csrf=form_tok)
        times.append(time.time() - start)
    t.ok(max(times) < 1.0, "ask with a dead SMTP server is fast: %s" % times)
    deadline = time.time() + 10
    while time.time() < deadline and one(db, "SELECT min(attempts) FROM mail_queue") == 0:
        time.sleep(0.1)
    rs = rows(db, "SELECT status, attempts, last_error FROM mail_queue ORDER BY id")
    t.eq(len(rs), 3, "three mails queued")
    t.ok(all(r[0] == "pending" and r[1] >= 1 and r[2] for r in rs),
         "failed attempts counted, mails kept for a retry: %s" % rs)


def test_silent_smtp_never_slows_a_request(t):
    # a server that accepts connections and never says a word
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    try:
        db = fresh_db(t, "silent")
        s = t.server(db, args=mail_args(silent.getsockname()[1]))
        b = Browser(s)
        start = time.time()
        ask(t, b, db, email="silent@example.org")
        ask(t, b, db, email="silent2@example.org")
        t.ok(time.time() - start < 2.0, "asking while the mail server hangs is fast")
        start = time.time()
        code = s.stop()
        t.ok(time.time() - start < 5.0, "shutdown does not wait for the hung delivery")
        t.eq(code, 0, "clean exit")
        t.eq(one(db, "SELECT count(*) FROM mail_queue WHERE status = 'pending'"), 2,
             "mails still queued after shutdown")
    finally:
        silent.close()


def test_queued_mail_survives_restart(t):
    db = fresh_db(t, "restart")
    port = dead_port()
    s = t.server(db, args=mail_args(port, retry=1))
    qid, path, _ = ask(t, Browser(s), db, email="later@example.org")
    t.eq(s.stop(), 0, "server stopped cleanly")
    t.eq(one(db, "SELECT status FROM mail_queue"), "pending", "mail waits in the database")
    sink = SMTPSink(port)  # the mail server comes back where it was
    try:
        exec_retry_now(db)
        t.server(db, args=mail_args(port, retry=1))
        msgs = sink.wait(1)
        t.eq(len(msgs), 1, "queued mail sent after the restart")
        if msgs:
            t.eq(link_of(msgs[0][2]), path, "with the status link")
        wait_sent(db, 1)
        t.eq(one(db, "SELECT status FROM mail_queue"), "sent", "marked sent")
    finally:
        sink.close()


def wait_sent(db, n, timeout=5):
    """The worker marks a mail sent just after the sink has it."""
    deadline = time.time() + timeout
    while time.time() < deadline and \
            one(db, "SELECT count(*) FROM mail_queue WHERE status = 'sent'") < n:
        time.sleep(0.05)


def exec_retry_now(db):
    con = harness.connect(db)
    con.execute("UPDATE mail_queue SET next_at = 0")
    con.commit()
    con.close()


def test_no_smtp_no_mail(t):
    db = fresh_db(t, "nomail")
    s = t.server(db)
    b = Browser(s)
    qid, path, _ = ask(t, b, db, email="nobody@example.org")
    t.eq(one(db, "SELECT count(*) FROM mail_queue"), 0, "nothing queued without SMTP")
    t.eq(one(db, "SELECT notify_email FROM questions WHERE id = ?", qid), None,
         "no address kept without SMTP")
    t.has(b.get(path).text, "Come back to this page", "the status link is the channel")


def test_bad_email_refused(t):
    sink = SMTPSink()
    try:
        db = fresh_db(t, "bademail")
        s = t.server(db, args=mail_args(sink.port))
        b = Browser(s)
        for bad in ("winnie", "winnie@", "@example.org", "a b@example.org", "a@b",
                    "a@example.org\r\nBcc: x@example.org", "<a@example.org>",
                    "a@-example.org", "a@exa_mple.org", "a@@example.org"):
            r = b.post("/ask", dict(ask_form_simple(b), email=bad))
            t.eq(r.status, 400, "bad address %r refused" % bad)
            t.has(r.text, "Please enter an e-mail address", "message for %r" % bad)
        r = b.post("/ask", dict(ask_form_simple(b), email="a" * 250 + "@example.org"))
        t.eq(r.status, 413, "over-long address")
        t.eq(one(db, "SELECT count(*) FROM questions WHERE notify_email IS NOT NULL"), 0,
             "nothing stored")
        t.eq(one(db, "SELECT count(*) FROM mail_queue"), 0, "nothing queued")
    finally:
        sink.close()


def ask_form_simple(b):
    return {"csrf": b.csrf("/ask"), "title": "A title long enough",
            "text": "A question that is long enough to pass."}
