"""Accounts, roles and security: registration, login and logout, session
cookies and fixation, CSRF on every state-changing form, login throttling,
every role boundary, doctor applications and verification, the admin user
pages, bad and oversized input, and hostile values rendered inert.

A Browser keeps its own cookie jar (the harness' Response keeps only one
Set-Cookie header) and checks every HTML page with tidy like the harness.
Each test works on its own copy of the demo database, with accounts made
through the command line (`askdoc user add`) or through the pages."""
import hashlib
import http.client
import os
import re
import shutil
import time
import urllib.parse

import harness

ADMIN = ("admin@example.org", "Ada Admin", "admin pass 1")
MOD = ("mod@example.org", "Mo Moderator", "moderator pass 1")
PATIENT = ("pat@example.org", "Pat Patient", "patient pass 1")
DOCTOR = ("doc@example.org", "Dana Doctor", "doctor pass 1")

LICENCE = "LIC-7Q93-ZX"  # unique enough to search every page for


class Browser:
    """A client with a cookie jar; responses get .cookies (name -> raw
    Set-Cookie line) for the cookies that response set."""

    def __init__(self, server):
        self.s = server
        self.jar = {}
        self.form_token = None  # the last signed form token seen, sent back

    def request(self, method, path, form=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.s.port, timeout=60)
        h = dict(headers or {})
        body = None
        if form is not None:
            if "form_token" not in form and self.form_token:
                form = dict(form, form_token=self.form_token)
            body = urllib.parse.urlencode(form)
            h["Content-Type"] = "application/x-www-form-urlencoded"
        if self.jar:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.jar.items())
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        set_cookies = r.msg.get_all("Set-Cookie") or []
        hdrs = {k.lower(): v for k, v in r.getheaders()}
        c.close()
        resp = harness.Response(r.status, hdrs, data)
        resp.cookies = {}
        for line in set_cookies:
            name, _, rest = line.partition("=")
            value = rest.split(";", 1)[0]
            resp.cookies[name] = line
            if re.search(r"(?i)max-age=(0|-\d+)\b", line) or value == "":
                self.jar.pop(name, None)
            else:
                self.jar[name] = value
        if method != "HEAD" and (hdrs.get("content-type") or "").startswith("text/html"):
            self.s.t.check_html(resp.text, "%s %s" % (method, path))
            m = re.search(r'name="form_token" value="([^"]+)"', resp.text)
            if m:
                self.form_token = m.group(1)
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, form, **kw):
        return self.request("POST", path, form=form, **kw)

    def csrf(self, path="/login"):
        """The CSRF token of the form on path."""
        r = self.get(path)
        m = re.search(r'name="csrf" value="([^"]+)"', r.text)
        if not m:
            raise AssertionError("no csrf field on %s (status %d)" % (path, r.status))
        return m.group(1)

    def login(self, email, password, next_=None):
        form = {"csrf": self.csrf("/login"), "email": email, "password": password}
        if next_ is not None:
            form["next"] = next_
        return self.post("/login", form)

    def page_csrf(self):
        """The CSRF token of the signed-in header (logout form)."""
        return self.csrf("/")


# ---- setup helpers ----

def fresh_db(t, name):
    """A private copy of the demo database with an admin, a moderator, a
    patient and a verified doctor added through the command line."""
    src = t.demo_db()
    db = t.path(name + ".db")
    t.copy_db(src, db)
    for role, (email, nm, pw) in (("admin", ADMIN), ("moderator", MOD), ("patient", PATIENT)):
        p = t.run("user", "add", "--db", db, "--role", role, "--email", email,
                  "--name", nm, "--password", pw)
        if p.returncode != 0:
            raise RuntimeError(p.stderr)
    p = t.run("user", "add", "--db", db, "--role", "doctor", "--email", DOCTOR[0],
              "--name", DOCTOR[1], "--password", DOCTOR[2], "--department", "Oncology",
              "--hospital", "General Hospital", "--title", "Attending physician",
              "--licence", "CLI-LICENCE-1")
    if p.returncode != 0:
        raise RuntimeError(p.stderr)
    return db


def q(db, sql, *args):
    con = harness.connect(db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def one(db, sql, *args):
    rows = q(db, sql, *args)
    return rows[0][0] if rows else None


def department_id(db, name="Oncology"):
    return one(db, "SELECT id FROM departments WHERE name = ?", name)


def apply_form(b, db, **over):
    f = {"csrf": b.csrf("/doctor/apply"), "name": "Hana Ito", "title": "Hepatologist",
         "hospital": "City Hospital", "department": str(department_id(db)),
         "licence": LICENCE, "bio": "Twenty years of liver care.",
         "email": "hana@example.org", "password": "hana pass 12", "password2": "hana pass 12"}
    f.update(over)
    return f


def apply_doctor(t, s, db, **over):
    """Apply as a doctor through the page; returns (browser, user id)."""
    b = Browser(s)
    f = apply_form(b, db, **over)
    r = b.post("/doctor/apply", f)
    t.eq(r.status, 303, "doctor application accepted")
    uid = one(db, "SELECT id FROM users WHERE email = ?", f["email"])
    return b, uid


def user_id(db, email):
    return one(db, "SELECT id FROM users WHERE email = ?", email)


def counts(db):
    return (one(db, "SELECT count(*) FROM users"), one(db, "SELECT count(*) FROM doctors"),
            one(db, "SELECT count(*) FROM sessions"),
            q(db, "SELECT id, role, disabled FROM users ORDER BY id"),
            q(db, "SELECT user_id, verified_at, verified_by FROM doctors ORDER BY user_id"))


# ---- registration, login, logout ----

def test_register_login_logout(t):
    db = fresh_db(t, "reg")
    s = t.server(db)
    b = Browser(s)
    r = b.get("/register")
    t.eq(r.status, 200, "register page")
    for field in ("name", "email", "password", "password2"):
        t.ok(re.search(r'<label for="%s">' % field, r.text) is not None, "label for " + field)
    r = b.post("/register", {"csrf": b.csrf("/register"), "name": "Winnie Lee",
                             "email": "winnie@example.org", "password": "a long passphrase",
                             "password2": "a long passphrase"})
    t.eq(r.status, 303, "register redirects")
    t.ok("sid" in r.cookies, "register signs in")
    t.eq(one(db, "SELECT role FROM users WHERE email = 'winnie@example.org'"), "patient",
         "registered as patient")
    h = one(db, "SELECT password_hash FROM users WHERE email = 'winnie@example.org'")
    t.ok(h.startswith("$argon2id$"), "password stored as argon2id hash")
    r = b.get("/")
    t.has(r.text, "Signed in as <strong>Winnie Lee</strong>", "header shows the user's name")
    t.has(r.text, 'action="/logout"', "header has a logout button")
    t.lacks(r.text, 'href="/admin"', "patient sees no admin link")
    sid = b.jar["sid"]
    # logout: POST with the token; the session row is gone
    r = b.post("/logout", {"csrf": b.page_csrf()})
    t.eq(r.status, 303, "logout redirects")
    t.ok(re.search(r"(?i)max-age=0", r.cookies.get("sid", "")) is not None,
         "logout deletes the cookie")
    t.eq(one(db, "SELECT count(*) FROM sessions WHERE token_hash = ?",
             hashlib.blake2b(sid.encode(), digest_size=32).hexdigest()), 0,
         "logout deletes the session")
    # the old token is dead even if replayed
    b2 = Browser(s)
    b2.jar["sid"] = sid
    r = b2.get("/")
    t.lacks(r.text, "Signed in as", "a logged-out token signs nobody in")
    t.has(r.text, 'href="/login?next=/"', "logged-out visitor sees Log in, back to here")
    # log in again
    r = b.login("winnie@example.org", "a long passphrase")
    t.eq(r.status, 303, "login redirects")
    t.eq(r.header("location"), "/", "patient goes home")
    t.has(b.get("/").text, "Winnie Lee", "signed in again")
    # GET /logout does not log out (no state change on GET)
    r = b.get("/logout")
    t.ok(r.status in (404, 405), "GET /logout is not an action (%d)" % r.status)
    t.has(b.get("/").text, "Winnie Lee", "still signed in after GET /logout")


def test_wrong_password_and_unknown_account(t):
    db = fresh_db(t, "wrong")
    s = t.server(db)
    b = Browser(s)
    r = b.login(PATIENT[0], "not the password")
    t.eq(r.status, 400, "wrong password status")
    t.has(r.text, "The e-mail address or password is not right.", "wrong password message")
    t.has(r.text, 'value="%s"' % PATIENT[0], "typed e-mail is kept")
    t.lacks(r.text, "not the password", "password is not echoed")
    t.ok("sid" not in r.cookies, "no session on failure")
    r2 = b.login("nobody@example.org", "not the password")
    t.eq(r2.status, 400, "unknown account status")
    t.has(r2.text, "The e-mail address or password is not right.",
          "unknown account gets the same message")
    # e-mail is matched ignoring case
    r = b.login(PATIENT[0].upper(), PATIENT[2])
    t.eq(r.status, 303, "login with upper-case e-mail")
    # empty and oversized fields
    b = Browser(s)
    r = b.login("", "")
    t.eq(r.status, 400, "empty login")
    r = b.login("x" * 300 + "@example.org", "y" * 2000)
    t.eq(r.status, 400, "oversized login")
    t.eq(one(db, "SELECT count(*) FROM sessions"), 1, "only the good login made a session")


def test_session_cookie_flags(t):
    db = fresh_db(t, "flags")
    s = t.server(db)
    b = Browser(s)
    r = b.get("/login")
    c = r.cookies.get("csrf", "")
    t.ok(c != "", "login page sets the anonymous csrf cookie")
    t.has(c, "HttpOnly", "csrf cookie HttpOnly")
    t.has(c, "SameSite=Lax", "csrf cookie SameSite=Lax")
    t.has(r.header("cache-control") or "", "no-store", "form page not cached")
    r = b.login(PATIENT[0], PATIENT[2])
    c = r.cookies.get("sid", "")
    t.has(c, "HttpOnly", "session cookie HttpOnly")
    t.has(c, "SameSite=Lax", "session cookie SameSite=Lax")
    t.has(c, "Path=/", "session cookie for the whole site")
    t.has(c, "Max-Age=2592000", "session cookie lasts 30 days")
    t.lacks(c, "Secure", "no Secure flag over plain http")
    tok = b.jar["sid"]
    t.eq(len(tok), 43, "token is 256 bits in URL-safe base64")
    t.ok(re.fullmatch(r"[A-Za-z0-9_-]{43}", tok) is not None, "token alphabet")
    stored = q(db, "SELECT token_hash FROM sessions")
    hashes = [row[0] for row in stored]
    t.ok(tok not in hashes, "the token itself is not stored")
    t.ok(hashlib.blake2b(tok.encode(), digest_size=32).hexdigest() in hashes,
         "the BLAKE2b-256 hash is stored")
    t.has(b.get("/").header("cache-control") or "", "no-store",
          "a signed-in page is not cached")

    # with an https public URL every cookie is Secure, and named __Host-
    # so that no subdomain or plain-http page can plant one
    s2 = t.server(db, args=["--public-url", "https://askdoc.example.org"])
    b2 = Browser(s2)
    r = b2.get("/login")
    c = r.cookies.get("__Host-csrf", "")
    t.has(c, "Secure", "csrf cookie Secure under https")
    t.has(c, "Path=/", "csrf cookie for / under https")
    t.lacks(c.lower(), "domain=", "csrf cookie has no Domain")
    r = b2.login(PATIENT[0], PATIENT[2])
    t.eq(r.status, 303, "login under https public URL")
    c = r.cookies.get("__Host-sid", "")
    t.has(c, "Secure", "session cookie Secure under https")
    t.has(c, "HttpOnly", "session cookie HttpOnly under https")
    t.has(c, "SameSite=Lax", "session cookie SameSite=Lax under https")
    t.lacks(c.lower(), "domain=", "session cookie has no Domain")
    t.has(b2.get("/").text, PATIENT[1], "signed in under https")
    # a plain "sid" cookie (as a subdomain could set) is not read there
    b3 = Browser(s2)
    b3.jar["sid"] = b2.jar["__Host-sid"]
    t.lacks(b3.get("/").text, "Signed in as", "unprefixed cookie ignored under https")
    b3.jar = {"csrf": "C" * 43}
    r = b3.post("/register", {"csrf": "C" * 43, "name": "x", "email": "x@example.org",
                              "password": "xxxx yyyy", "password2": "xxxx yyyy"})
    t.eq(r.status, 403, "planted unprefixed csrf cookie refused under https")


def test_session_fixation(t):
    db = fresh_db(t, "fix")
    s = t.server(db)
    # 1. a token planted before login (well-formed but unknown)
    b = Browser(s)
    planted = "A" * 43
    tok = b.csrf("/login")
    b.jar["sid"] = planted
    r = b.post("/login", {"csrf": tok, "email": PATIENT[0], "password": PATIENT[2]})
    t.eq(r.status, 303, "login with a planted cookie")
    t.ok(b.jar.get("sid") not in (None, planted), "login issues a new session token")
    t.eq(one(db, "SELECT count(*) FROM sessions WHERE token_hash = ?",
             hashlib.blake2b(planted.encode(), digest_size=32).hexdigest()), 0,
         "the planted token is no session")
    # 2. the attacker's own real session planted in the victim's browser
    attacker = Browser(s)
    attacker.login(MOD[0], MOD[2])
    victim = Browser(s)
    victim.get("/login")  # the login form (and its form token) open first
    victim.jar["sid"] = attacker.jar["sid"]
    t.eq(victim.get("/login").status, 303, "a signed-in visitor is sent away from /login")
    r = victim.post("/login", {"csrf": victim.page_csrf(), "email": PATIENT[0],
                               "password": PATIENT[2]})
    t.eq(r.status, 303, "victim logs in over a planted session")
    t.ok(victim.jar["sid"] != attacker.jar["sid"], "victim gets a token of their own")
    t.has(victim.get("/").text, PATIENT[1], "victim is signed in as themself")
    # the planted session ended: the attacker's copy signs nobody in
    r = attacker.get("/")
    t.lacks(r.text, "Signed in as", "the replaced session is deleted")
    # 3. the anonymous csrf token does not carry over as the session's
    b = Browser(s)
    anon = b.csrf("/login")
    b.post("/login", {"csrf": anon, "email": PATIENT[0], "password": PATIENT[2]})
    t.ok(b.page_csrf() != anon, "signed-in CSRF token differs from the anonymous one")


def test_session_expiry_and_sliding(t):
    db = fresh_db(t, "exp")
    s = t.server(db)
    b = Browser(s)
    b.login(PATIENT[0], PATIENT[2])
    sid = b.jar["sid"]
    h = hashlib.blake2b(sid.encode(), digest_size=32).hexdigest()
    now = int(time.time())
    exp = one(db, "SELECT expires_at FROM sessions WHERE token_hash = ?", h)
    t.ok(abs(exp - (now + 30 * 86400)) < 60, "session expires in 30 days")
    # a session close to its end is renewed by a visit
    con = harness.connect(db)
    con.execute("UPDATE sessions SET expires_at = ? WHERE token_hash = ?", (now + 3600, h))
    con.commit()
    con.close()
    r = b.get("/")
    t.has(r.text, PATIENT[1], "still signed in near the end")
    t.ok("sid" in r.cookies, "renewal re-sends the cookie")
    exp = one(db, "SELECT expires_at FROM sessions WHERE token_hash = ?", h)
    t.ok(exp > now + 29 * 86400, "visit slides the expiry")
    # an expired session signs nobody in
    con = harness.connect(db)
    con.execute("UPDATE sessions SET expires_at = ? WHERE token_hash = ?", (now - 1, h))
    con.commit()
    con.close()
    r = b.get("/")
    t.lacks(r.text, "Signed in as", "expired session is anonymous")
    t.ok(re.search(r"(?i)max-age=0", r.cookies.get("sid", "")) is not None,
         "a dead session's cookie is dropped")
    b.jar["sid"] = sid
    r = b.get("/admin/users")
    t.eq(r.status, 303, "expired session is sent to log in")
    # however active, a session ends 90 days after its login
    b = Browser(s)
    b.login(PATIENT[0], PATIENT[2])
    h = hashlib.blake2b(b.jar["sid"].encode(), digest_size=32).hexdigest()
    con = harness.connect(db)
    con.execute("UPDATE sessions SET created_at = ?, expires_at = ? WHERE token_hash = ?",
                (now - 90 * 86400 + 7200, now + 3600, h))
    con.commit()
    con.close()
    r = b.get("/")
    t.has(r.text, PATIENT[1], "an old but live session still works")
    exp = one(db, "SELECT expires_at FROM sessions WHERE token_hash = ?", h)
    t.ok(exp <= now - 90 * 86400 + 7200 + 90 * 86400, "renewal stops at the 90-day cap")
    con = harness.connect(db)
    con.execute("UPDATE sessions SET created_at = ? WHERE token_hash = ?",
                (now - 91 * 86400, h))
    con.commit()
    con.close()
    r = b.get("/")
    t.lacks(r.text, "Signed in as", "a session past the cap is over")
    t.eq(one(db, "SELECT count(*) FROM sessions WHERE token_hash = ?", h), 0,
         "and deleted")


# ---- CSRF ----

def test_csrf_rejected_on_every_post_route(t):
    db = fresh_db(t, "csrf")
    s = t.server(db)
    _, applicant = apply_doctor(t, s, db, email="csrf-doc@example.org")
    patient = user_id(db, PATIENT[0])
    admin = Browser(s)
    admin.login(ADMIN[0], ADMIN[2])
    good = admin.page_csrf()
    anon = Browser(s)
    anon_tok = anon.csrf("/register")
    before = counts(db)

    def refused(b, path, form, what):
        for label, tok in (("missing", None), ("wrong", "B" * 43), ("empty", "")):
            f = dict(form)
            if tok is not None:
                f["csrf"] = tok
            r = b.post(path, f)
            t.eq(r.status, 403, "%s: %s token refused" % (what, label))
        t.eq(counts(db), before, "%s: nothing changed" % what)

    # anonymous forms (double submit: the cookie is there, the field is not right)
    reg = {"name": "Eve", "email": "eve@example.org", "password": "eve pass 123",
           "password2": "eve pass 123"}
    refused(anon, "/register", reg, "register")
    refused(anon, "/login", {"email": PATIENT[0], "password": PATIENT[2]}, "login")
    f = apply_form(anon, db, email="eve2@example.org")
    del f["csrf"]
    refused(anon, "/doctor/apply", f, "doctor apply")
    # a form token without the matching cookie (a forged cross-site post)
    nocookie = Browser(s)
    r = nocookie.post("/register", dict(reg, csrf=anon_tok))
    t.eq(r.status, 403, "register: token without its cookie refused")
    # the anonymous token is not valid for a signed-in user's session
    r = admin.post("/admin/users/%d/disable" % patient, {"csrf": anon_tok})
    t.eq(r.status, 403, "anonymous token refused for a session")
    # signed-in actions
    refused(admin, "/logout", {}, "logout")
    refused(admin, "/admin/doctors/%d/verify" % applicant, {}, "verify doctor")
    refused(admin, "/admin/doctors/%d/reject" % applicant, {}, "reject doctor")
    refused(admin, "/admin/users/%d/role" % patient, {"role": "admin"}, "change role")
    refused(admin, "/admin/users/%d/disable" % patient, {}, "disable user")
    con = harness.connect(db)
    con.execute("UPDATE users SET disabled = 1 WHERE id = ?", (patient,))
    con.commit()
    con.close()
    before = counts(db)
    refused(admin, "/admin/users/%d/enable" % patient, {}, "enable user")
    # the good token still works (so the refusals were about the token)
    r = admin.post("/admin/users/%d/enable" % patient, {"csrf": good})
    t.eq(r.status, 303, "enable with the right token")
    t.eq(one(db, "SELECT disabled FROM users WHERE id = ?", patient), 0, "enabled")


# ---- throttling ----

def test_throttle_per_account(t):
    db = fresh_db(t, "thr")
    s = t.server(db)
    b = Browser(s)
    # failures then a success: the success resets the account's counter
    for i in range(4):
        t.eq(b.login(PATIENT[0], "wrong %d" % i).status, 400, "failure %d" % (i + 1))
    t.eq(b.login(PATIENT[0], PATIENT[2]).status, 303, "success resets the counter")
    b = Browser(s)
    for i in range(4):
        t.eq(b.login(PATIENT[0], "wrong again %d" % i).status, 400, "failure after reset")
    t.eq(b.login(PATIENT[0], PATIENT[2]).status, 303, "still allowed after 4 more")
    # five failures in a row block the account, even with the right password
    b = Browser(s)
    for i in range(5):
        t.eq(b.login(MOD[0], "guess %d" % i).status, 400, "guess %d" % (i + 1))
    r = b.login(MOD[0], MOD[2])
    t.eq(r.status, 429, "sixth attempt refused")
    t.has(r.text, "Too many failed attempts to log in.", "clear throttle message")
    t.ok(re.search(r"try again in \d+ minutes", r.text) is not None, "says when to retry")
    t.ok(int(r.header("retry-after") or 0) > 0, "Retry-After header")
    t.ok("sid" not in r.cookies, "no session while throttled")
    r = b.login(MOD[0].upper(), MOD[2])
    t.eq(r.status, 429, "the block ignores e-mail case")
    # other accounts from the same address still work
    t.eq(Browser(s).login(ADMIN[0], ADMIN[2]).status, 303, "other account unaffected")


def test_throttle_per_address(t):
    db = fresh_db(t, "thra")
    s = t.server(db)
    b = Browser(s)
    # 20 failures spread over many accounts (none reaches its own limit)
    for i in range(20):
        r = b.login("nobody%d@example.org" % i, "guess")
        t.ok(r.status == 400, "address failure %d: %d" % (i + 1, r.status))
    r = b.login(ADMIN[0], ADMIN[2])
    t.eq(r.status, 429, "the address is blocked after 20 failures")
    t.has(r.text, "Too many failed attempts to log in.", "address throttle message")
    t.eq(one(db, "SELECT count(*) FROM sessions"), 0, "no session made while blocked")
    n = one(db, "SELECT count(*) FROM users")
    r = b.post("/register", {"csrf": b.csrf("/register"), "name": "New Person",
                             "email": "new.person@example.org", "password": "new person pw",
                             "password2": "new person pw"})
    t.eq(r.status, 429, "registration from a blocked address")
    t.has(r.text, 'value="New Person"', "blocked registration keeps the name")
    t.eq(one(db, "SELECT count(*) FROM users"), n, "nothing stored while blocked")
    r = b.post("/doctor/apply", apply_form(b, db))
    t.eq(r.status, 429, "doctor application from a blocked address")


def test_registration_probing_throttled(t):
    """Registering taken e-mails (testing which addresses have accounts)
    counts against the address like failed logins."""
    db = fresh_db(t, "probe")
    s = t.server(db)
    b = Browser(s)
    for i in range(20):
        r = b.post("/register", {"csrf": b.csrf("/register"), "name": "Probe",
                                 "email": "user%d@example.org" % i if i % 2 else PATIENT[0],
                                 "password": "probe pass 1", "password2": "probe pass 1"})
        if i % 2:
            # a free address registers (and signs in): sign out again
            t.eq(r.status, 303, "free e-mail registers")
            b.post("/logout", {"csrf": b.page_csrf()})
        else:
            t.eq(r.status, 409, "taken e-mail")
    for i in range(10):
        r = b.post("/register", {"csrf": b.csrf("/register"), "name": "Probe",
                                 "email": MOD[0], "password": "probe pass 1",
                                 "password2": "probe pass 1"})
        t.eq(r.status, 409, "taken e-mail %d" % (i + 11))
    r = b.post("/register", {"csrf": b.csrf("/register"), "name": "Probe",
                             "email": MOD[0], "password": "probe pass 1",
                             "password2": "probe pass 1"})
    t.eq(r.status, 429, "twenty taken e-mails block the address")
    t.has(r.text, "Too many failed attempts from your network", "probing throttle message")
    t.eq(b.login(ADMIN[0], ADMIN[2]).status, 429, "and its logins")


# ---- role boundaries ----

ADMIN_GETS = ["/admin/doctors", "/admin/users"]


def signed_in(s, who):
    b = Browser(s)
    r = b.login(who[0], who[2])
    if r.status != 303:
        raise AssertionError("login of %s failed: %d" % (who[0], r.status))
    return b


def test_role_boundaries(t):
    db = fresh_db(t, "roles")
    s = t.server(db)
    unverified, applicant = apply_doctor(t, s, db, email="roles-doc@example.org")
    patient = user_id(db, PATIENT[0])
    # anonymous: sent to log in, coming back afterwards
    anon = Browser(s)
    for path in ["/admin"] + ADMIN_GETS:
        r = anon.get(path)
        t.eq(r.status, 303, "anonymous %s redirected" % path)
        t.eq(r.header("location"), "/login?next=" + path, "anonymous %s to login" % path)
    tok = anon.csrf("/login")
    for path in ("/admin/doctors/%d/verify" % applicant, "/admin/users/%d/disable" % patient):
        r = anon.post(path, {"csrf": tok})
        t.eq(r.status, 303, "anonymous POST %s redirected" % path)
        t.ok((r.header("location") or "").startswith("/login"), "anonymous POST to login")
    # patient and unverified doctor: 403 on all admin pages
    for who, b in (("patient", signed_in(s, PATIENT)), ("unverified doctor", unverified),
                   ("verified doctor", signed_in(s, DOCTOR))):
        for path in ["/admin"] + ADMIN_GETS:
            r = b.get(path)
            t.eq(r.status, 403, "%s gets 403 on %s" % (who, path))
            t.lacks(r.text, LICENCE, "%s never sees a licence number" % who)
        r = b.post("/admin/doctors/%d/verify" % applicant, {"csrf": b.page_csrf()})
        t.eq(r.status, 403, "%s cannot verify doctors" % who)
        r = b.post("/admin/users/%d/role" % patient, {"csrf": b.page_csrf(), "role": "admin"})
        t.eq(r.status, 403, "%s cannot change roles" % who)
    # moderator: the dashboard, not the admin-only pages
    mod = signed_in(s, MOD)
    t.eq(mod.get("/admin").status, 200, "moderator sees the dashboard")
    for path in ADMIN_GETS:
        t.eq(mod.get(path).status, 403, "moderator gets 403 on " + path)
    r = mod.post("/admin/doctors/%d/verify" % applicant, {"csrf": mod.page_csrf()})
    t.eq(r.status, 403, "moderator cannot verify doctors")
    r = mod.post("/admin/users/%d/role" % patient, {"csrf": mod.page_csrf(), "role": "admin"})
    t.eq(r.status, 403, "moderator cannot change roles")
    t.lacks(mod.get("/admin").text, 'href="/admin/users"', "moderator dashboard hides admin links")
    # admin: everything
    adm = signed_in(s, ADMIN)
    for path in ["/admin"] + ADMIN_GETS:
        t.eq(adm.get(path).status, 200, "admin sees " + path)
    t.eq(one(db, "SELECT role FROM users WHERE id = ?", patient), "patient", "no role changed")
    t.eq(one(db, "SELECT verified_at FROM doctors WHERE user_id = ?", applicant), None,
         "nobody verified")
    # nav links follow the role
    t.has(adm.get("/").text, 'href="/admin"', "admin has the Admin link")
    t.has(mod.get("/").text, 'href="/admin"', "moderator has the Admin link")
    t.has(signed_in(s, DOCTOR).get("/").text, 'href="/doctor/queue"', "doctor has the queue link")
    t.lacks(unverified.get("/").text, 'href="/doctor/queue"', "unverified doctor has no queue link")


def test_doctor_routes_refuse_unverified(t):
    """/doctor/queue (built by the doctor-workspace work): a patient and an
    unverified doctor get 403, a verified doctor the page. Skips while the
    route does not exist; extend with every new doctor route."""
    db = fresh_db(t, "docroutes")
    s = t.server(db)
    doc = signed_in(s, DOCTOR)
    r = doc.get("/doctor/queue")
    if r.status == 404:
        raise harness.Skip("/doctor/queue is not built yet")
    t.eq(r.status, 200, "verified doctor sees the queue")
    unverified, _ = apply_doctor(t, s, db, email="queue-doc@example.org")
    r = unverified.get("/doctor/queue")
    t.eq(r.status, 403, "unverified doctor gets 403 on the queue")
    t.has(r.text, "waiting for verification", "403 says why")
    t.eq(signed_in(s, PATIENT).get("/doctor/queue").status, 403, "patient gets 403 on the queue")
    r = Browser(s).get("/doctor/queue")
    t.eq(r.status, 303, "anonymous is sent to log in")
    t.eq(r.header("location"), "/login?next=/doctor/queue", "login keeps where to return")
    # every other staff route: the role check comes before any lookup
    qid = one(db, "SELECT id FROM questions ORDER BY id LIMIT 1")
    aid = one(db, "SELECT id FROM answers ORDER BY id LIMIT 1") or 1
    doctor_gets = ["/doctor/question/%d" % qid, "/doctor/answer/%d/edit" % aid]
    doctor_posts = ["/doctor/question/%d" % qid, "/doctor/answer/%d/edit" % aid]
    mod_gets = ["/moderate/question/%d" % qid]
    mod_posts = ["/moderate/question/%d/%s" % (qid, a)
                 for a in ("reject", "unpublish", "republish", "department")]
    patient = signed_in(s, PATIENT)
    before = q(db, "SELECT id, status, department_id FROM questions ORDER BY id")
    n_answers = one(db, "SELECT count(*) FROM answers")
    for who, b in (("patient", patient), ("unverified doctor", unverified)):
        for path in doctor_gets + mod_gets:
            r = b.get(path)
            if r.status == 404 and "Page not found" in r.text and path in doctor_gets[1:]:
                continue  # route not built
            t.eq(r.status, 403, "%s gets 403 on %s" % (who, path))
        for path in doctor_posts + mod_posts:
            r = b.post(path, {"csrf": b.page_csrf(), "body": "x" * 50, "reason": "x",
                              "department": "1"})
            t.ok(r.status in (403, 405), "%s refused on POST %s (%d)" % (who, path, r.status))
    for path in mod_gets:
        t.eq(doc.get(path).status, 403, "verified doctor gets 403 on " + path)
    anon = Browser(s)
    for path in doctor_gets + mod_gets:
        t.eq(anon.get(path).status, 303, "anonymous sent to log in from " + path)
    t.eq(q(db, "SELECT id, status, department_id FROM questions ORDER BY id"), before,
         "no question changed by refused requests")
    t.eq(one(db, "SELECT count(*) FROM answers"), n_answers, "no answer added")


def test_login_next_is_local_only(t):
    db = fresh_db(t, "next")
    s = t.server(db)
    r = Browser(s).login(ADMIN[0], ADMIN[2], next_="/admin/users")
    t.eq(r.header("location"), "/admin/users", "next path followed")
    for bad in ("//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"):
        r = Browser(s).login(ADMIN[0], ADMIN[2], next_=bad)
        t.eq(r.header("location"), "/admin", "next %r ignored" % bad)
    # the login page carries next through the form, escaped
    r = Browser(s).get("/login?next=/qa/1%22%3E%3Cscript%3E")
    t.lacks(r.text, '"><script>', "next is escaped in the form")


# ---- doctor applications and verification ----

def test_doctor_apply_verify_reject(t):
    db = fresh_db(t, "apply")
    s = t.server(db)
    b = Browser(s)
    r = b.get("/doctor/apply")
    t.eq(r.status, 200, "apply page")
    for field in ("name", "title", "hospital", "department", "licence", "bio", "email",
                  "password", "password2"):
        t.ok(re.search(r'<label for="%s">' % field, r.text) is not None, "label for " + field)
    t.has(r.text, ">Oncology</option>", "departments offered")
    doc, uid = apply_doctor(t, s, db)
    t.eq(one(db, "SELECT role FROM users WHERE id = ?", uid), "doctor", "doctor account made")
    row = q(db, "SELECT title, hospital, department_id, licence_no, bio, verified_at "
                "FROM doctors WHERE user_id = ?", uid)[0]
    t.eq(row, ("Hepatologist", "City Hospital", department_id(db), LICENCE,
               "Twenty years of liver care.", None), "profile stored unverified")
    home = doc.get("/")
    t.has(home.text, "waiting for verification", "unverified doctor sees the notice")
    t.has(home.text, "Hana Ito", "applicant is signed in")
    # admin sees the application with its licence number
    adm = signed_in(s, ADMIN)
    r = adm.get("/admin/doctors")
    t.has(r.text, LICENCE, "licence number on /admin/doctors")
    t.has(r.text, "hana@example.org", "applicant e-mail on /admin/doctors")
    t.has(r.text, "City Hospital", "hospital on /admin/doctors")
    t.has(adm.get("/admin").text, "<dd>1</dd>", "dashboard counts the waiting doctor")
    r = adm.post("/admin/doctors/%d/verify" % uid, {"csrf": adm.page_csrf()})
    t.eq(r.status, 303, "verify redirects")
    t.eq(r.header("location"), "/admin/doctors?done=verified", "back to the list")
    admin_id = user_id(db, ADMIN[0])
    v = q(db, "SELECT verified_at, verified_by FROM doctors WHERE user_id = ?", uid)[0]
    t.ok(v[0] is not None and re.match(r"\d{4}-\d\d-\d\dT", v[0]), "verified_at recorded")
    t.eq(v[1], admin_id, "verified_by records the admin")
    r = adm.get("/admin/doctors?done=verified")
    t.has(r.text, "has been verified", "confirmation shown")
    t.lacks(r.text, LICENCE, "verified doctor leaves the list")
    r = adm.post("/admin/doctors/%d/verify" % uid, {"csrf": adm.page_csrf()})
    t.eq(r.status, 404, "verifying twice is 404")
    home = doc.get("/")
    t.lacks(home.text, "waiting for verification", "notice gone once verified")
    t.has(home.text, 'href="/doctor/queue"', "verified doctor gets the queue link")
    # a rejected applicant's account is disabled
    rej, rid = apply_doctor(t, s, db, name="Rei Jones", email="rej@example.org", licence="REJ-1")
    r = adm.post("/admin/doctors/%d/reject" % rid, {"csrf": adm.page_csrf()})
    t.eq(r.status, 303, "reject redirects")
    t.eq(one(db, "SELECT disabled FROM users WHERE id = ?", rid), 1, "rejected account disabled")
    t.lacks(rej.get("/").text, "Signed in as", "rejected applicant is signed out")
    r = Browser(s).login("rej@example.org", "hana pass 12")
    t.eq(r.status, 403, "rejected applicant cannot log in")
    t.has(r.text, "This account has been disabled.", "disabled message")
    t.lacks(adm.get("/admin/doctors").text, "REJ-1", "rejected application leaves the list")
    r = adm.post("/admin/doctors/%d/reject" % uid, {"csrf": adm.page_csrf()})
    t.eq(r.status, 404, "a verified doctor is not an application to reject")
    r = adm.post("/admin/doctors/999999/verify", {"csrf": adm.page_csrf()})
    t.eq(r.status, 404, "unknown doctor")
    r = adm.post("/admin/doctors/abc/verify", {"csrf": adm.page_csrf()})
    t.eq(r.status, 404, "malformed id")
    # signed-in users do not apply again
    t.eq(doc.get("/doctor/apply").status, 403, "signed-in user cannot apply")


def test_licence_never_public(t):
    db = fresh_db(t, "licence")
    s = t.server(db)
    doc, uid = apply_doctor(t, s, db)
    adm = signed_in(s, ADMIN)
    adm.post("/admin/doctors/%d/verify" % uid, {"csrf": adm.page_csrf()})
    slug = one(db, "SELECT slug FROM departments WHERE name = 'Oncology'")
    qa = one(db, "SELECT id FROM questions WHERE status = 'published' ORDER BY id LIMIT 1")
    pages = ["/", "/departments", "/department/" + slug, "/qa/%d" % qa, "/login", "/register",
             "/doctor/apply", "/doctor/%d" % uid, "/doctors/%d" % uid, "/sitemap.xml"]
    anon = Browser(s)
    for p in pages:
        for who, b in (("anonymous", anon), ("the doctor", doc), ("admin", adm)):
            r = b.get(p)
            t.lacks(r.text, LICENCE, "licence number not on %s for %s (%d)" % (p, who, r.status))
    t.lacks(adm.get("/admin/users").text, LICENCE, "licence not on the user list")
    t.lacks(adm.get("/admin").text, LICENCE, "licence not on the dashboard")
    p = t.run("user", "list", "--db", db, "--json")
    t.lacks(p.stdout, LICENCE, "user list command hides licence numbers")


# ---- admin: users and roles ----

def test_admin_users_roles_and_disable(t):
    db = fresh_db(t, "users")
    s = t.server(db)
    adm = signed_in(s, ADMIN)
    pat = signed_in(s, PATIENT)
    pid = user_id(db, PATIENT[0])
    r = adm.get("/admin/users")
    for who in (ADMIN, MOD, PATIENT, DOCTOR):
        t.has(r.text, who[0], "user list shows " + who[0])
    t.has(r.text, "This is you", "own row has no actions")
    t.ok(re.search(r'<label class="vh" for="role-%d">' % pid, r.text) is not None,
         "role select is labelled")
    # promote the patient: their open session gains the dashboard at once
    t.eq(pat.get("/admin").status, 403, "patient before promotion")
    r = adm.post("/admin/users/%d/role" % pid, {"csrf": adm.page_csrf(), "role": "moderator"})
    t.eq(r.status, 303, "role change redirects")
    t.eq(one(db, "SELECT role FROM users WHERE id = ?", pid), "moderator", "role stored")
    t.eq(pat.get("/admin").status, 200, "promoted user sees the dashboard")
    t.has(adm.get("/admin/users?done=role").text, "The role has been changed.", "confirmation")
    r = adm.post("/admin/users/%d/role" % pid, {"csrf": adm.page_csrf(), "role": "patient"})
    t.eq(pat.get("/admin").status, 403, "demoted user loses the dashboard at once")
    # bad roles and targets
    for bad in ("doctor", "superuser", "", "ADMIN "):
        r = adm.post("/admin/users/%d/role" % pid, {"csrf": adm.page_csrf(), "role": bad})
        t.eq(r.status, 400, "role %r refused" % bad)
    t.eq(one(db, "SELECT role FROM users WHERE id = ?", pid), "patient", "bad roles stored nothing")
    r = adm.post("/admin/users/999999/role", {"csrf": adm.page_csrf(), "role": "admin"})
    t.eq(r.status, 404, "unknown user")
    # an admin cannot demote or disable themself
    aid = user_id(db, ADMIN[0])
    r = adm.post("/admin/users/%d/role" % aid, {"csrf": adm.page_csrf(), "role": "patient"})
    t.eq(r.status, 400, "admin cannot demote themself")
    t.has(r.text, "You cannot change your own role", "clear message")
    r = adm.post("/admin/users/%d/disable" % aid, {"csrf": adm.page_csrf()})
    t.eq(r.status, 400, "admin cannot disable themself")
    t.eq(one(db, "SELECT role || disabled FROM users WHERE id = ?", aid), "admin0", "admin intact")
    # disable: signed out everywhere, cannot log in; enable: can again
    r = adm.post("/admin/users/%d/disable" % pid, {"csrf": adm.page_csrf()})
    t.eq(r.status, 303, "disable redirects")
    t.eq(one(db, "SELECT disabled FROM users WHERE id = ?", pid), 1, "disabled stored")
    t.eq(one(db, "SELECT count(*) FROM sessions WHERE user_id = ?", pid), 0, "sessions deleted")
    t.lacks(pat.get("/").text, "Signed in as", "disabled user is signed out")
    r = Browser(s).login(PATIENT[0], PATIENT[2])
    t.eq(r.status, 403, "disabled user cannot log in")
    t.has(adm.get("/admin/users").text, "Disabled", "list shows the state")
    r = adm.post("/admin/users/%d/enable" % pid, {"csrf": adm.page_csrf()})
    t.eq(r.status, 303, "enable redirects")
    t.eq(Browser(s).login(PATIENT[0], PATIENT[2]).status, 303, "enabled user logs in")


# ---- bad and oversized input ----

def test_register_bad_input(t):
    db = fresh_db(t, "badreg")
    s = t.server(db)
    b = Browser(s)
    before = counts(db)
    good = {"name": "Lin Mei", "email": "lin.mei@example.org", "password": "lin mei pass",
            "password2": "lin mei pass"}
    cases = [
        ({"name": ""}, "Please fill in this field."),
        ({"name": "N" * 201}, "keep it to 200 characters at most"),
        ({"name": "名" * 201}, "keep it to 200 characters at most"),
        ({"email": ""}, "Please fill in this field."),
        ({"email": "not-an-address"}, "Please enter an e-mail address"),
        ({"email": "a@b@example.org"}, "Please enter an e-mail address"),
        ({"email": "x" * 250 + "@example.org"}, "keep it to 254 characters at most"),
        ({"password": "short", "password2": "short"}, "at least 8 characters"),
        ({"password": "aaaaaaaaaaaa", "password2": "aaaaaaaaaaaa"}, "one character repeated"),
        ({"password2": "something else"}, "The two passwords are not the same."),
        ({"password": "p" * 1100 + "q", "password2": "p" * 1100 + "q"}, "The password is too long"),
        ({"name": "tab\there"}, "characters that are not allowed"),
    ]
    for over, msg in cases:
        f = dict(good, **over)
        f["csrf"] = b.csrf("/register")
        r = b.post("/register", f)
        what = "register with %s" % ({k: v[:20] for k, v in over.items()})
        # a text over its limit is 413 on every form (web/form.h)
        t.eq(r.status, 413 if "at most" in msg else 400, what + ": status")
        t.has(r.text, msg, what + ": message")
        t.has(r.text, 'role="alert"', what + ": error summary")
        t.has(r.text, 'aria-invalid="true"', what + ": field marked")
        if "name" not in over:
            t.has(r.text, 'value="Lin Mei"', what + ": name kept")
        if "email" not in over:
            t.has(r.text, 'value="lin.mei@example.org"', what + ": e-mail kept")
        t.lacks(r.text, "lin mei pass", what + ": password not echoed")
    # the oversized name is shown again as typed
    f = dict(good, name="N" * 201, csrf=b.csrf("/register"))
    t.has(b.post("/register", f).text, 'value="%s"' % ("N" * 201), "long name kept")
    t.eq(counts(db), before, "nothing stored by bad registrations")
    # duplicate e-mail (ignoring case)
    f = dict(good, email=PATIENT[0].upper(), csrf=b.csrf("/register"))
    r = b.post("/register", f)
    t.eq(r.status, 409, "duplicate e-mail status")
    t.has(r.text, "An account with this e-mail address already exists.", "duplicate message")
    t.has(r.text, 'href="/login"', "duplicate offers to log in")
    t.has(r.text, 'value="Lin Mei"', "duplicate keeps the name")
    t.eq(counts(db), before, "nothing stored by a duplicate")
    # a body over the server's limit is refused whole
    f = dict(good, name="N" * (300 * 1024), csrf=b.csrf("/register"))
    r = b.post("/register", f)
    t.eq(r.status, 413, "oversized body refused")
    t.eq(counts(db), before, "nothing stored by an oversized body")


def test_apply_bad_input(t):
    db = fresh_db(t, "badapply")
    s = t.server(db)
    b = Browser(s)
    before = counts(db)
    cases = [
        ({"department": ""}, "Please fill in this field."),
        ({"department": "999999"}, "Please choose one of the departments"),
        ({"department": "1; DROP TABLE users"}, "Please choose one of the departments"),
        ({"licence": ""}, "Please fill in this field."),
        ({"licence": "L" * 65}, "keep it to 64 characters at most"),
        ({"title": "T" * 201}, "keep it to 200 characters at most"),
        ({"hospital": ""}, "Please fill in this field."),
        ({"hospital": "Taipei\x7f General"}, "characters that are not allowed"),
        ({"bio": "Twenty years\x1b[2J in oncology."}, "characters that are not allowed"),
        ({"bio": "b" * 4001}, "keep it to 4000 characters at most"),
        ({"email": "hana"}, "Please enter an e-mail address"),
        ({"password2": "different pass"}, "The two passwords are not the same."),
    ]
    for over, msg in cases:
        f = apply_form(b, db, **over)
        r = b.post("/doctor/apply", f)
        what = "apply with %s" % ({k: v[:20] for k, v in over.items()})
        # a text over its limit is 413 on every form (web/form.h)
        t.eq(r.status, 413 if "at most" in msg else 400, what + ": status")
        t.has(r.text, msg, what + ": message")
        if "hospital" not in over:
            t.has(r.text, 'value="City Hospital"', what + ": hospital kept")
        if "licence" not in over:
            t.has(r.text, 'value="%s"' % LICENCE, what + ": licence kept for the applicant")
        if "bio" not in over:
            t.has(r.text, ">Twenty years of liver care.</textarea>", what + ": bio kept")
        if "department" not in over:
            t.ok(re.search(r'<option value="%d" selected>' % department_id(db), r.text) is not None,
                 what + ": department kept")
        t.lacks(r.text, "hana pass 12", what + ": password not echoed")
    t.eq(counts(db), before, "nothing stored by bad applications")
    f = apply_form(b, db, email=PATIENT[0])
    r = b.post("/doctor/apply", f)
    t.eq(r.status, 409, "application with a taken e-mail")
    t.eq(counts(db), before, "no half-made doctor after a conflict")


# ---- hostile values ----

HOSTILE = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)> javascript:alert(3)'


def assert_inert(t, html, what):
    t.lacks(html, "<script>alert", what + ": no live script")
    t.lacks(html, "<img src=x", what + ": no injected tag")
    t.lacks(html, '"\'>', what + ": quotes cannot break attributes")
    t.ok(re.search(r'(href|src|action)="\s*javascript:', html, re.I) is None,
         what + ": no javascript: URL")


def test_hostile_values_inert(t):
    db = fresh_db(t, "hostile")
    s = t.server(db)
    # a patient whose name is hostile
    b = Browser(s)
    r = b.post("/register", {"csrf": b.csrf("/register"), "name": HOSTILE,
                             "email": "hostile@example.org", "password": "hostile pass 1",
                             "password2": "hostile pass 1"})
    t.eq(r.status, 303, "hostile name is a valid name")
    t.eq(one(db, "SELECT name FROM users WHERE email = 'hostile@example.org'"), HOSTILE,
         "stored as typed")
    r = b.get("/")
    assert_inert(t, r.text, "header with hostile name")
    t.has(r.text, "&lt;script&gt;alert(1)&lt;/script&gt;", "name shown as text")
    # a doctor application with hostile values everywhere
    a = Browser(s)
    f = apply_form(a, db, name=HOSTILE, title=HOSTILE, hospital=HOSTILE, bio=HOSTILE,
                   licence='"><script>x</script>', email="hostile-doc@example.org")
    r = a.post("/doctor/apply", f)
    t.eq(r.status, 303, "hostile application accepted as text")
    adm = signed_in(s, ADMIN)
    for path in ("/admin/doctors", "/admin/users", "/admin"):
        assert_inert(t, adm.get(path).text, path)
    # echoed form values on validation errors
    f = apply_form(a, db, name=HOSTILE, title=HOSTILE, hospital=HOSTILE, bio=HOSTILE,
                   licence="", email="javascript:alert(1)")
    a2 = Browser(s)
    f["csrf"] = a2.csrf("/doctor/apply")
    r = a2.post("/doctor/apply", f)
    t.eq(r.status, 400, "hostile invalid application")
    assert_inert(t, r.text, "apply form echo")
    r = Browser(s).login(HOSTILE, "whatever")
    assert_inert(t, r.text, "login form echo")
    r = b.post("/register", {"csrf": Browser(s).csrf("/register")})
    t.eq(r.status, 403, "hostile: stale token refused")
