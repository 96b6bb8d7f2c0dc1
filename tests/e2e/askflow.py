"""tests/e2e/askflow.py: shared setup for the asking and answering tests
(test_ask.py, test_doctor.py, test_mail.py): a demo database with our own
accounts, asking through the form, reading the test database."""
import http.client
import re
import urllib.parse

import harness

ADMIN = ("ask-admin@example.org", "Ari Admin", "admin pass 12")
MOD = ("ask-mod@example.org", "Moe Moderator", "moderator pass 12")
PATIENT = ("ask-pat@example.org", "Pia Patient", "patient pass 12")
PATIENT2 = ("ask-pat2@example.org", "Pete Patient", "patient pass 34")
ONCO = ("onco@example.org", "Olga Oncologist", "doctor pass 12")
PEDS = ("peds@example.org", "Paul Paediatrician", "doctor pass 34")
UNVERIFIED = ("unv@example.org", "Una Unverified", "doctor pass 56")
SIGNOFF = "Lakeside Hospital cares about your health, Dr. Olga Oncologist"

TOKEN_RE = re.compile(r"^/my/question/([A-Za-z0-9_-]{43})$")
FORM_TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')


class Browser:
    """An HTTP client with a cookie jar, for pages behind a login or a
    CSRF cookie. get/post return harness Responses; HTML is tidy-checked
    like harness.Server.request does."""

    def __init__(self, server):
        self.s = server
        self.jar = {}
        self.form_token = None  # the last signed form token seen on a page

    def form_tokens(self, path):
        """The signed form token on page path (see web/guard.h)."""
        r = self.get(path)
        m = FORM_TOKEN_RE.search(r.text)
        if not m:
            raise AssertionError("no form token on %s (status %d)" % (path, r.status))
        return m.group(1)

    def request(self, method, path, form=None, headers=None, body=None):
        c = http.client.HTTPConnection("127.0.0.1", self.s.port, timeout=60)
        h = dict(headers or {})
        if form is not None:
            # Like a browser, send the form token of the page last seen
            # (a form given "form_token" keeps its own; None drops it).
            form = dict(form)
            if "form_token" not in form and self.form_token:
                form["form_token"] = self.form_token
            form = {k: v for k, v in form.items() if v is not None}
            body = urllib.parse.urlencode(form, doseq=True)
            h["Content-Type"] = "application/x-www-form-urlencoded"
        if self.jar:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.jar.items())
        c.request(method, harness.iri_path(path), body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        for line in r.msg.get_all("Set-Cookie") or []:
            name, _, rest = line.partition("=")
            value = rest.split(";", 1)[0]
            low = line.lower()
            if "max-age=0" in low or "max-age=-" in low or value == "":
                self.jar.pop(name, None)
            else:
                self.jar[name] = value
        hdrs = {k.lower(): v for k, v in r.getheaders()}
        c.close()
        resp = harness.Response(r.status, hdrs, data)
        if method != "HEAD" and (hdrs.get("content-type") or "").startswith("text/html"):
            self.s.t.check_html(resp.text, "%s %s" % (method, path))
            m = FORM_TOKEN_RE.search(resp.text)
            if m:
                self.form_token = m.group(1)
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, form=None, **kw):
        return self.request("POST", path, form=form, **kw)

    def csrf(self, path):
        """The CSRF token of the (first) form on page path."""
        r = self.get(path)
        m = re.search(r'name="csrf" value="([^"]+)"', r.text)
        if not m:
            raise AssertionError("no csrf field on %s (status %d)" % (path, r.status))
        return m.group(1)

    def login(self, email, password):
        """Log in through /login; raises unless it succeeds."""
        r = self.post("/login", {"csrf": self.csrf("/login"), "email": email,
                                 "password": password})
        if r.status != 303:
            raise AssertionError("login of %s failed: %d" % (email, r.status))
        return r


def login(server, email, password):
    """A Browser signed in as email."""
    b = Browser(server)
    b.login(email, password)
    return b


def fresh_db(t, name):
    """A copy of the demo database plus an admin, a moderator, two
    patients, an oncologist (with a sign-off), a paediatrician and an
    unverified doctor (an application through the store's CLI cannot be
    unverified, so it is made so in SQL)."""
    db = t.path(name + ".db")
    t.copy_db(t.demo_db(), db)
    for role, (email, nm, pw) in (("admin", ADMIN), ("moderator", MOD),
                                  ("patient", PATIENT), ("patient", PATIENT2)):
        run(t, "user", "add", "--db", db, "--role", role, "--email", email,
            "--name", nm, "--password", pw)
    run(t, "user", "add", "--db", db, "--role", "doctor", "--email", ONCO[0],
        "--name", ONCO[1], "--password", ONCO[2], "--department", "Oncology",
        "--hospital", "Lakeside Hospital", "--title", "Attending physician",
        "--signoff", SIGNOFF)
    run(t, "user", "add", "--db", db, "--role", "doctor", "--email", PEDS[0],
        "--name", PEDS[1], "--password", PEDS[2], "--department", "Pediatrics",
        "--hospital", "Children's Hospital")
    run(t, "user", "add", "--db", db, "--role", "doctor", "--email", UNVERIFIED[0],
        "--name", UNVERIFIED[1], "--password", UNVERIFIED[2], "--department", "Oncology")
    exec_sql(db, "UPDATE doctors SET verified_at = NULL WHERE user_id ="
             " (SELECT id FROM users WHERE email = ?)", UNVERIFIED[0])
    return db


def run(t, *args):
    p = t.run(*args)
    if p.returncode != 0:
        raise RuntimeError("askdoc %s failed: %s" % (args[0], p.stderr))
    return p


rows, one, exec_sql = harness.rows, harness.one, harness.exec_sql


_dept_ids = {}


def dept_id(db, name):
    """A department's id, remembered: a department keeps its id, and on
    PostgreSQL each look-up is a psql run, slow enough under load to
    outlast a short --form-max-age between a page and its post."""
    if _dept_ids.get((db, name)) is None:
        _dept_ids[(db, name)] = one(db, "SELECT id FROM departments WHERE name = ?", name)
    return _dept_ids[(db, name)]


def snapshot(db):
    """Everything asking and answering writes, to show nothing changed."""
    return (rows(db, "SELECT * FROM questions ORDER BY id"),
            rows(db, "SELECT * FROM answers ORDER BY id"),
            rows(db, "SELECT * FROM question_topics ORDER BY question_id, topic_id"),
            rows(db, "SELECT * FROM question_links ORDER BY token_hash"),
            rows(db, "SELECT * FROM mail_queue ORDER BY id"),
            rows(db, "SELECT count(*) FROM topics"),
            rows(db, "SELECT count(*) FROM changes"))


def ask_form(b, db, **over):
    f = {"csrf": b.csrf("/ask"),
         "title": "Does interferon lower liver cancer recurrence?",
         "text": "My mother had surgery for hepatitis C related liver cancer. "
                 "Would interferon after surgery lower the chance that it comes back?",
         "nickname": "winnie", "age_band": "30-39", "sex": "female",
         "department": str(dept_id(db, "Oncology")), "consent": "yes"}
    f.update(over)
    return {k: v for k, v in f.items() if v is not None}


def ask(t, b, db, **over):
    """Ask through the form; returns (question id, status path, token)."""
    r = b.post("/ask", ask_form(b, db, **over))
    t.eq(r.status, 303, "question accepted")
    loc = r.header("location") or ""
    m = TOKEN_RE.match(loc)
    t.ok(m is not None, "redirected to a status link: %r" % loc)
    qid = one(db, "SELECT max(id) FROM questions")
    return qid, loc, m.group(1) if m else None


def pii_choices(doc, qid, choice="remove"):
    """The same choice for every span the reply editor flags, as form
    fields ({"pii_0": "remove", ...})."""
    page = doc.get("/doctor/question/%d" % qid).text
    return {"pii_" + i: choice for i in re.findall(r'name="pii_(\d+)" value="remove"', page)}


def reply(t, doc, qid, body="**Yes**, it can.", action="publish", **over):
    path = "/doctor/question/%d" % qid
    f = {"csrf": doc.csrf(path), "body": body, "signoff": SIGNOFF, "action": action}
    f.update(over)
    return doc.post(path, {k: v for k, v in f.items() if v is not None})
