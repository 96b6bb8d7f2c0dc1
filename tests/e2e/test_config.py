"""The configuration file (askdoc.conf(5)): serve --config FILE with flags >
environment > file > defaults; a bad key or value stops start-up naming the
file and line; `askdoc config check`; secrets read from files reach the
SMTP server and never the process list or the log."""
import base64
import os
import socketserver
import threading
import time

from askflow import Browser, ask, fresh_db


def write(t, name, text, mode=0o600):
    p = t.path(name)
    with open(p, "w") as f:
        f.write(text)
    os.chmod(p, mode)
    return p


def site_name(s):
    r = s.get("/")
    i = r.text.find("<title>")
    return r.text[i:r.text.find("</title>")]


def test_precedence_flags_env_file(t):
    conf = write(t, "p.conf", "# the site\nsite_name = From File\nthreads = 2\n")
    s = t.server(args=["--config", conf])
    t.has(site_name(s), "From File", "the file beats the default")
    s.stop()
    env = {"ASKDOC_SITE_NAME": "From Env"}
    s = t.server(args=["--config", conf], env=env)
    t.has(site_name(s), "From Env", "the environment beats the file")
    s.stop()
    s = t.server(args=["--config", conf, "--site-name", "From Flag"], env=env)
    t.has(site_name(s), "From Flag", "a flag beats the environment")
    s.stop()
    s = t.server(env={"ASKDOC_CONFIG": conf})
    t.has(site_name(s), "From File", "ASKDOC_CONFIG names the file")


def test_bad_file_stops_startup_with_line(t):
    conf = write(t, "bad.conf", "site_name = ok\n\nmax_conns = lots\n")
    p = t.run("serve", "--config", conf, "--db", t.path("x.db"), "--listen", "127.0.0.1:0")
    t.eq(p.returncode, 2, "a bad value stops start-up")
    t.eq(p.stderr.strip(), "askdoc: serve: %s:3: max_conns: expected a number from 1 to 1000000"
         % conf, "the error names file, line and setting")
    t.ok(not os.path.exists(t.path("x.db")), "nothing created before the check")
    conf2 = write(t, "bad2.conf", "# typo\nsite_nmae = x\n")
    p = t.run("serve", "--config", conf2, "--db", t.path("x.db"))
    t.eq(p.returncode, 2, "an unknown key stops start-up")
    t.has(p.stderr, "%s:2: unknown setting 'site_nmae'" % conf2, "unknown key with its line")
    p = t.run("serve", "--config", t.path("none.conf"), "--db", t.path("x.db"))
    t.eq(p.returncode, 2, "a missing file stops start-up")
    t.has(p.stderr, "cannot read configuration file", "missing file named")


def test_config_check(t):
    good = write(t, "good.conf", "listen = 127.0.0.1:9999\nlog_format = json\n")
    p = t.run("config", "check", good)
    t.eq(p.returncode, 0, "config check of a good file")
    t.eq(p.stdout.strip(), good + ": ok", "says ok")
    bad = write(t, "bad.conf", "log_format = xml\n")
    p = t.run("config", "check", bad)
    t.eq(p.returncode, 1, "config check of a bad file exits 1")
    t.eq(p.stderr.strip(), "askdoc: config: %s:1: log_format: expected text or json" % bad,
         "one line with file and line")
    p = t.run("config", "check")
    t.eq(p.returncode, 2, "config check without FILE is bad usage")
    pw = write(t, "pw", "hunter2-secret\n")
    conf = write(t, "s.conf", "smtp_password_file = %s\nsite_name = Shown\n" % pw)
    p = t.run("config", "show", "--config", conf)
    t.eq(p.returncode, 0, "config show")
    t.has(p.stdout, "site_name = Shown", "show prints the file's value")
    t.has(p.stdout, "smtp_password = (hidden)", "a secret is hidden")
    t.lacks(p.stdout, "hunter2", "the secret never printed")
    p = t.run("config", "example")
    t.has(p.stdout, "#listen = 127.0.0.1:8080", "the example lists defaults")
    t.has(p.stdout, "smtp_password_file", "and secret files")


class AuthSink:
    """An SMTP server on loopback that asks for AUTH PLAIN and keeps the
    credentials it was given."""

    def __init__(self):
        sink = self
        self.auth = []
        self.mails = 0

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line):
                self.wfile.write((line + "\r\n").encode())

            def handle(self):
                self.reply("220 auth.test ESMTP")
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    cmd = line.decode("utf-8", "replace").rstrip("\r\n")
                    verb = cmd.split(" ", 1)[0].upper()
                    if verb == "EHLO":
                        self.reply("250-auth.test")
                        self.reply("250 AUTH PLAIN")
                    elif verb == "AUTH":
                        parts = cmd.split(" ")
                        if len(parts) < 3:
                            self.reply("334 ")
                            parts.append(self.rfile.readline().decode().strip())
                        sink.auth.append(base64.b64decode(parts[2]).split(b"\0"))
                        self.reply("235 ok")
                    elif verb == "DATA":
                        self.reply("354 go")
                        while self.rfile.readline() not in (b".\r\n", b".\n", b""):
                            pass
                        sink.mails += 1
                        self.reply("250 queued")
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    else:
                        self.reply("250 OK")

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_smtp_password_from_file(t):
    sink = AuthSink()
    try:
        pw = write(t, "smtp.pw", "pa55-from-file\n")
        conf = write(t, "m.conf", "smtp_url = smtp://127.0.0.1:%d\nsmtp_user = mailer\n"
                     "smtp_password_file = %s\nmail_from = noreply@askdoc.test\n"
                     "mail_retry = 1\n" % (sink.port, pw))
        db = fresh_db(t, "cfgmail")
        s = t.server(db, args=["--config", conf])
        with open("/proc/%d/cmdline" % s.proc.pid, "rb") as f:
            t.lacks(f.read().decode(), "pa55", "the password is not in the process list")
        b = Browser(s)
        ask(t, b, db, email="someone@example.org")
        deadline = time.time() + 15
        while not sink.mails and time.time() < deadline:
            time.sleep(0.1)
        t.eq(sink.mails, 1, "the mail went through the login")
        t.eq(sink.auth[:1], [[b"", b"mailer", b"pa55-from-file"]],
             "AUTH PLAIN with the user and the file's password (line end dropped)")
        t.lacks(s.logtext(), "pa55", "the log never holds the password")
    finally:
        sink.close()


def test_unreadable_secret_file_stops_startup(t):
    conf = write(t, "u.conf", "\nsmtp_password_file = %s\n" % t.path("missing.pw"))
    p = t.run("serve", "--config", conf, "--db", t.path("y.db"))
    t.eq(p.returncode, 2, "a missing secret file stops start-up")
    t.has(p.stderr, "%s:2: smtp_password_file: cannot read %s" % (conf, t.path("missing.pw")),
          "names the setting, file and line")
