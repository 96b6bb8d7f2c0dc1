#!/usr/bin/env python3
"""bench/sqlmap.py: sqlmap against every endpoint of askdoc that takes input.

usage: python3 bench/sqlmap.py BINARY [--level N] [--risk N] [-k SUBSTRING]

Builds the end-to-end tests' database (the demo content plus an admin, a
moderator, patients and doctors), signs each role in, creates the things
the endpoints act on (a question in the queue, its status link, a comment,
an article draft), then runs sqlmap (Debian package `sqlmap`) once per
endpoint: every query, form and path parameter, and at level >= 2 the
cookies, as the role that may use it. CSRF fields and the forms' other
hidden fields are fetched fresh for each endpoint and left alone (-skip),
since a wrong token only proves the token check works.

Each endpoint gets a fresh server on the same database, so throttles that
earlier endpoints tripped (login failures, asking) do not hide later ones.

An endpoint passes when sqlmap finds no injection point and the server
never answered 500. Prints one line per endpoint and a summary; exits 1
when anything was found.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "e2e"))
import askflow  # noqa: E402
import harness  # noqa: E402
from askflow import ADMIN, MOD, ONCO, PATIENT, PATIENT2, Browser  # noqa: E402

# Settings that keep throttles and the minimum time to send a form out of
# the way of the scan (their refusals would hide what comes after them).
SERVER_ENV = {
    "ASKDOC_ACCESS_LOG": "0",
    "ASKDOC_FORM_MIN_SECONDS": "0",
    "ASKDOC_ASK_LIMIT_ADDR": "100000",
    "ASKDOC_ASK_LIMIT_ACCOUNT": "100000",
    "ASKDOC_COMMENT_LIMIT_ADDR": "100000",
    "ASKDOC_COMMENT_LIMIT_ACCOUNT": "100000",
    "ASKDOC_LOGIN_LIMIT_ADDR": "100000",
    "ASKDOC_LOGIN_LIMIT_ACCOUNT": "100000",
    "ASKDOC_REGISTER_LIMIT_ADDR": "100000",
    "ASKDOC_HASH_SLOTS": "64",
}

HIDDEN_RE = re.compile(r'<input[^>]*type="hidden"[^>]*>')
ATTR_RE = re.compile(r'(name|value)="([^"]*)"')


def hidden_fields(b, page):
    """The hidden inputs (csrf, form tokens) of the forms on page."""
    r = b.get(page)
    out = {}
    for tag in HIDDEN_RE.findall(r.text):
        a = dict(ATTR_RE.findall(tag))
        if "name" in a:
            out[a["name"]] = urllib.parse.unquote(a.get("value", "").replace("&amp;", "&"))
    return out


def cookie_header(b):
    return "; ".join("%s=%s" % kv for kv in b.jar.items())


class Scan:
    def __init__(self, binary, db, level, risk, only, workdir):
        self.binary = binary
        self.db = db
        self.level = level
        self.risk = risk
        self.only = only
        self.workdir = workdir
        self.results = []

    def run(self, t, name, who, method, path, form=None, form_page=None, body=None,
            ctype=None):
        """Scan one endpoint. who is a Browser (cookies, hidden fields) or
        None; path may hold '*' to mark a path parameter to inject."""
        if self.only and self.only not in name:
            return
        s = harness.Server(t, self.binary, self.db, (), SERVER_ENV)
        try:
            b = who or Browser(s)
            b.s = s
            url = "http://127.0.0.1:%d%s" % (s.port, path)
            cmd = ["sqlmap", "-u", url, "--batch", "--flush-session",
                   "--level", str(self.level), "--risk", str(self.risk),
                   "--output-dir", os.path.join(self.workdir, "out"),
                   "--disable-coloring", "--timeout", "10", "--retries", "1"]
            skip = []
            if form is not None or form_page:
                f = hidden_fields(b, form_page) if form_page else {}
                skip = sorted(f)
                f.update(form or {})
                cmd += ["--data", urllib.parse.urlencode(f)]
            if body is not None:
                cmd += ["--data", body, "--headers", "Content-Type: " + ctype]
            if b.jar:
                cmd += ["--cookie", cookie_header(b)]
                # the session cookie is tested at level 2 like any other, but
                # the CSRF cookie must stay equal to the form's field
                skip += [k for k in b.jar if "csrf" in k]
            if skip:
                cmd += ["--skip", ",".join(sorted(set(skip)))]
            if method == "POST":
                # a 303 after a successful change leads to a page that
                # grows with every request (sqlmap then never settles)
                cmd += ["--ignore-redirects"]
            if method == "POST" and form is None and body is None:
                cmd += ["--method", "POST"]
            t0 = time.time()
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
            secs = time.time() - t0
            out = p.stdout + p.stderr
            # "appears to be ... injectable" alone is a candidate that
            # sqlmap goes on to check (a time-based one on a loaded
            # machine is often dismissed as a false positive); only a
            # confirmed injection point counts.
            found = ("is vulnerable" in out or "identified the following injection" in out)
            candidates = len(re.findall(r"false positive or unexploitable", out))
            m = re.search(r"500 \(Internal Server Error\) - (\d+) times", out)
            errors500 = int(m.group(1)) if m else 0
            tested = len(re.findall(r"testing for SQL injection on ", out))
            unreachable = ("unable to connect" in out or "page not found (404)" in out
                           or "not authorized (401)" in out)
            status = "FOUND" if found else ("500s" if errors500 else
                                            ("no test" if tested == 0 or unreachable else "clean"))
            self.results.append((name, status, tested, errors500, secs))
            print("%-44s %-8s %3d parameters  %4.0f s%s" % (
                name, status, tested, secs,
                "  (%d candidate(s) dismissed by sqlmap as false positives)" % candidates
                if candidates else ""), flush=True)
            if status != "clean":
                log = os.path.join(self.workdir, re.sub(r"\W+", "_", name) + ".log")
                with open(log, "w") as fh:
                    fh.write(" ".join(cmd) + "\n" + out)
                print("  (sqlmap output kept in %s; server log below)\n%s" % (
                    log, s.logtext()[-1500:]), flush=True)
        finally:
            s.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--level", type=int, default=3)
    ap.add_argument("--risk", type=int, default=2)
    ap.add_argument("-k", default="", help="only endpoints whose name contains this")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    a = ap.parse_args()
    if not shutil.which("sqlmap"):
        print("sqlmap not found: apt-get install sqlmap")
        return 2
    binary = os.path.abspath(a.binary)
    totals = harness.Totals()
    with harness.Tester(binary, totals, "sqlmap") as t:
        db = askflow.fresh_db(t, "sqlmap")
        one = askflow.one
        # throwaway accounts for the admin endpoints that change users
        askflow.run(t, "user", "add", "--db", db, "--role", "patient", "--email",
                    "target@example.org", "--name", "Tara Target", "--password",
                    "target pass 12")
        target = one(db, "SELECT id FROM users WHERE email = 'target@example.org'")
        setup = harness.Server(t, binary, db, (), SERVER_ENV)
        pat = askflow.login(setup, PATIENT[0], PATIENT[2])
        pat2 = askflow.login(setup, PATIENT2[0], PATIENT2[2])
        doc = askflow.login(setup, ONCO[0], ONCO[2])
        adm = askflow.login(setup, ADMIN[0], ADMIN[2])
        mod = askflow.login(setup, MOD[0], MOD[2])
        tgt = askflow.login(setup, "target@example.org", "target pass 12")
        qid, status_path, _ = askflow.ask(t, pat, db)
        qa = one(db, "SELECT id FROM questions WHERE status = 'published' ORDER BY id LIMIT 1")
        dept = one(db, "SELECT slug FROM departments ORDER BY id LIMIT 1")
        dept_id = one(db, "SELECT id FROM departments ORDER BY id LIMIT 1")
        topic = one(db, "SELECT slug FROM topics ORDER BY id LIMIT 1")
        topic_id = one(db, "SELECT id FROM topics ORDER BY id LIMIT 1")
        article = one(db, "SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")
        faq = one(db, "SELECT id FROM faq ORDER BY id LIMIT 1")
        doctor = one(db, "SELECT user_id FROM doctors WHERE verified_at IS NOT NULL LIMIT 1")
        r = pat2.post("/articles/%s/comments" % article,
                      dict(hidden_fields(pat2, "/articles/" + article),
                           body="Thank you, this helped me understand my scan."))
        comment = one(db, "SELECT max(id) FROM comments")
        setup.stop()
        if not comment:
            print("setup: posting a comment failed (%d)" % r.status)
            return 1

        work = tempfile.mkdtemp(prefix="askdoc-sqlmap-")
        sc = Scan(binary, db, a.level, a.risk, a.k, work)
        run = sc.run
        # readers: query strings and path parameters
        run(t, "GET /search", None, "GET", "/search?q=fever&department=%s&page=1" % dept)
        run(t, "GET /api/search", None, "GET", "/api/search?q=fever&limit=5")
        run(t, "GET /api/similar", None, "GET", "/api/similar?q=headache+at+night")
        run(t, "POST /api/redflags", None, "POST", "/api/redflags", form={"text": "mild cough"})
        run(t, "GET /qa/:id", None, "GET", "/qa/%d*" % qa)
        run(t, "GET /department/:slug", None, "GET", "/department/%s*?page=1" % dept)
        run(t, "GET /topic/:slug", None, "GET", "/topic/%s*" % topic)
        run(t, "GET /library/:id", None, "GET", "/library/%d*" % faq)
        run(t, "GET /articles/:slug", None, "GET", "/articles/%s*" % article)
        run(t, "GET /articles/in/*path", None, "GET", "/articles/in/more/health/recovery*")
        run(t, "GET /doctor/:id", None, "GET", "/doctor/%d*?page=1" % doctor)
        run(t, "GET /doctors", None, "GET", "/doctors?department=%s&page=1" % dept)
        run(t, "GET /feeds/*file", None, "GET", "/feeds/department/%s*.atom" % dept)
        run(t, "GET /sitemaps/:file", None, "GET", "/sitemaps/qa-1*.xml")
        run(t, "GET /api/qa", None, "GET", "/api/qa?department=%s&after=0&limit=5" % dept)
        run(t, "GET /api/qa/:id", None, "GET", "/api/qa/%d*" % qa)
        run(t, "GET /api/articles/:slug", None, "GET", "/api/articles/%s*" % article)
        run(t, "GET /api/departments/:slug", None, "GET", "/api/departments/%s*" % dept)
        run(t, "GET /api/topics/:slug", None, "GET", "/api/topics/%s*" % topic)
        run(t, "GET /api/doctors/:id", None, "GET", "/api/doctors/%d*" % doctor)
        # visitors' forms
        run(t, "POST /login", None, "POST", "/login?next=/my/questions",
            form={"email": "nobody@example.org", "password": "wrong pass 1"},
            form_page="/login")
        run(t, "POST /register", None, "POST", "/register",
            form={"name": "Sam Scan", "email": "scan@example.org",
                  "password": "scan pass 123", "password2": "scan pass 123"},
            form_page="/register")
        run(t, "POST /ask", None, "POST", "/ask",
            form={"title": "Is a daily walk enough exercise?",
                  "text": "I am 50 and walk for half an hour every day. Is that enough?",
                  "nickname": "walker", "age_band": "50-59", "sex": "male",
                  "department": str(dept_id), "consent": "yes"},
            form_page="/ask")
        run(t, "GET /my/question/:token", None, "GET", status_path + "*")
        run(t, "POST /my/question/:token/follow-up", None, "POST",
            status_path + "/follow-up",
            form={"text": "It has got a little better since I asked."},
            form_page=status_path)
        run(t, "POST /doctor/apply", None, "POST", "/doctor/apply",
            form={"name": "Dr Scan", "email": "scan-doc@example.org",
                  "password": "scan pass 123", "password2": "scan pass 123",
                  "licence": "LIC-1", "department": str(dept_id),
                  "hospital": "Test Hospital", "title": "Resident"},
            form_page="/doctor/apply")
        # patients
        run(t, "GET /my/questions/:id", pat, "GET", "/my/questions/%d*" % qid)
        run(t, "POST /articles/:slug/comments", pat2, "POST",
            "/articles/%s/comments" % article,
            form={"body": "A second comment to scan."}, form_page="/articles/" + article)
        run(t, "POST /comments/:id/edit", pat2, "POST", "/comments/%d/edit" % comment,
            form={"body": "An edited comment."}, form_page="/comments/%d/edit" % comment)
        run(t, "POST /comments/:id/report", pat, "POST", "/comments/%d/report" % comment,
            form={"reason": "spam"}, form_page="/comments/%d/report" % comment)
        run(t, "POST /account/delete", tgt, "POST", "/account/delete",
            form={"password": "not the password"}, form_page="/account/delete")
        # doctors
        run(t, "GET /doctor/queue", doc, "GET", "/doctor/queue?department=%d" % dept_id)
        run(t, "POST /doctor/question/:id", doc, "POST", "/doctor/question/%d" % qid,
            form={"body": "Rest and fluids usually help.", "signoff": "Dr O",
                  "action": "preview"},
            form_page="/doctor/question/%d" % qid)
        run(t, "POST /doctor/profile", doc, "POST", "/doctor/profile",
            form={"bio": "I treat cancers of the liver.", "title": "Attending physician",
                  "hospital": "Lakeside Hospital"},
            form_page="/doctor/profile")
        run(t, "POST /write", doc, "POST", "/write",
            form={"title": "Sleep after surgery", "body": "Rest matters.",
                  "category": "", "action": "save"},
            form_page="/write")
        # moderators and admins
        run(t, "POST /moderate/question/:id/reject", mod, "POST",
            "/moderate/question/%d/reject" % qid, form={"reason": "duplicate"},
            form_page="/moderate/question/%d" % qid)
        run(t, "POST /moderate/comments/:id", mod, "POST", "/moderate/comments/%d" % comment,
            form={"action": "hide"}, form_page="/moderate/comments")
        run(t, "GET /admin/users", adm, "GET", "/admin/users?q=pat&page=1")
        run(t, "POST /admin/users/:id/role", adm, "POST", "/admin/users/%d/role" % target,
            form={"role": "patient"}, form_page="/admin/users")
        run(t, "POST /admin/departments", adm, "POST", "/admin/departments",
            form={"name": "Scan Department", "slug": "scan-department",
                  "description": "For the scan."}, form_page="/admin/taxonomy")
        run(t, "POST /admin/topics/:id", adm, "POST", "/admin/topics/%d" % topic_id,
            form={"name": "Renamed topic", "department": str(dept_id)},
            form_page="/admin/taxonomy")
        run(t, "GET /admin/audit", adm, "GET", "/admin/audit?actor=1&action=verify")

        res = sc.results
        bad = [r for r in res if r[1] != "clean"]
        params = sum(r[2] for r in res)
        print("%d endpoints, %d parameters tested (level %d, risk %d): %d clean, %d not" % (
            len(res), params, a.level, a.risk, len(res) - len(bad), len(bad)))
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
