"""Abuse controls: rate limits per address and per account on asking,
follow-ups, commenting and logging in (429, Retry-After, the typed text
kept, nothing stored); the honeypot field and the signed form token with
its minimum time to submit (missing, forged, moved, expired, too fast);
the audit log written by every moderator and admin action and the
admins' viewer /admin/audit (content, links, filters, keyset pages, who
may see it). The limits are set small on the command line, as a site
would set them large."""
import re
import time
import urllib.parse

import harness
from askflow import (ADMIN, MOD, ONCO, PATIENT, PATIENT2, UNVERIFIED, Browser, ask,
                     ask_form, dept_id, exec_sql, fresh_db, login, one, reply, rows,
                     run, snapshot)

RATE_ASK = "You have sent several questions in a short time"
RATE_COMMENT = "You have commented a lot in the last few minutes"
HONEYPOT = "We could not accept this form as it was sent"
TOO_FAST = "That was sent very quickly"
BAD_TOKEN = "This form could not be checked"
EXPIRED = "This form was opened too long ago"
FORM_TOKEN_RE = re.compile(r'name="form_token" value="([^"]+)"')


def retry_after(t, r, most, what):
    """Retry-After is a number of seconds within (0, most]."""
    v = r.header("retry-after") or ""
    t.ok(v.isdigit() and 0 < int(v) <= most, "%s: Retry-After %r within %d s" % (what, v, most))


def article(db):
    return one(db, "SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")


def uid(db, email):
    return one(db, "SELECT id FROM users WHERE email = ?", email)


# ---- rate limits ----

def test_ask_rate_limit_per_address(t):
    db = fresh_db(t, "askaddr")
    s = t.server(db, ["--ask-limit-addr", "2", "--ask-window-addr", "600"])
    b = Browser(s)
    ask(t, b, db, title="First question about my liver")
    ask(t, b, db, title="Second question about my liver")
    before = snapshot(db)
    r = b.post("/ask", ask_form(b, db, title="Third question about my liver"))
    t.eq(r.status, 429, "third question from the address refused")
    retry_after(t, r, 600, "ask by address")
    t.has(r.text, RATE_ASK, "the catalog's message")
    t.has(r.text, 'value="Third question about my liver"', "title kept")
    t.has(r.text, "Would interferon after surgery lower the chance", "text kept")
    t.eq(snapshot(db), before, "nothing stored")
    # Signing in does not escape the address's limit.
    pat = login(s, *PATIENT[0::2])
    r = pat.post("/ask", ask_form(pat, db, title="From the same address"))
    t.eq(r.status, 429, "a signed-in patient on the same address is refused too")
    t.eq(snapshot(db), before, "still nothing stored")


def test_ask_rate_limit_per_account_counts_follow_ups(t):
    db = fresh_db(t, "askacct")
    s = t.server(db, ["--ask-limit-account", "2", "--ask-limit-addr", "100"])
    pat = login(s, *PATIENT[0::2])
    qid, _, _ = ask(t, pat, db, title="Question one of a patient")
    doc = login(s, ONCO[0], ONCO[2])
    t.eq(reply(t, doc, qid).status, 303, "doctor replies")
    # A follow-up is a question: the second of the account's two.
    path = "/my/questions/%d" % qid
    f = {"csrf": pat.csrf(path), "title": "A follow-up on my liver",
         "text": "After the surgery, how often should she have scans?", "consent": "yes"}
    t.eq(pat.post(path + "/follow-up", f).status, 303, "follow-up accepted")
    before = snapshot(db)
    r = pat.post("/ask", ask_form(pat, db, title="Question three of a patient"))
    t.eq(r.status, 429, "third question of the account refused")
    retry_after(t, r, 86400, "ask by account")
    t.has(r.text, RATE_ASK, "message")
    t.has(r.text, 'value="Question three of a patient"', "title kept")
    f = dict(f, csrf=pat.csrf(path), title="Another follow-up on my liver")
    r = pat.post(path + "/follow-up", f)
    t.eq(r.status, 429, "follow-up over the limit refused")
    retry_after(t, r, 86400, "follow-up")
    t.has(r.text, RATE_ASK, "message on the status page")
    t.has(r.text, 'value="Another follow-up on my liver"', "follow-up title kept")
    t.has(r.text, "how often should she have scans?", "follow-up text kept")
    t.eq(snapshot(db), before, "nothing stored")
    # Another account on the same address still may ask.
    other = login(s, *PATIENT2[0::2])
    ask(t, other, db, title="Another patient asks too")


def test_comment_rate_limits(t):
    db = fresh_db(t, "comments")
    s = t.server(db, ["--comment-limit-account", "2", "--comment-limit-addr", "3"])
    path = "/articles/" + article(db)
    pat = login(s, *PATIENT[0::2])
    tok = pat.csrf(path)
    for i in range(2):
        t.eq(pat.post(path + "/comments", {"csrf": tok, "body": "note %d" % i}).status, 303,
             "comment %d" % i)
    n = one(db, "SELECT count(*) FROM comments")
    r = pat.post(path + "/comments", {"csrf": tok, "body": "one too many, kept here"})
    t.eq(r.status, 429, "third comment of the account refused")
    retry_after(t, r, 600, "comment by account")
    t.has(r.text, RATE_COMMENT, "message")
    t.has(r.text, "one too many, kept here", "comment text kept")
    t.eq(one(db, "SELECT count(*) FROM comments"), n, "nothing stored")
    # The address: a second account gets one more, then the address is full.
    other = login(s, *PATIENT2[0::2])
    otok = other.csrf(path)
    t.eq(other.post(path + "/comments", {"csrf": otok, "body": "hello"}).status, 303,
         "third comment from the address")
    r = other.post(path + "/comments", {"csrf": otok, "body": "address is full"})
    t.eq(r.status, 429, "fourth comment from the address refused")
    retry_after(t, r, 600, "comment by address")
    t.eq(one(db, "SELECT count(*) FROM comments"), n + 1, "nothing more stored")


def test_login_throttled_per_account_and_address(t):
    db = fresh_db(t, "login")
    s = t.server(db, ["--login-limit-account", "2", "--login-limit-addr", "4"])
    b = Browser(s)
    for i in range(2):
        r = b.post("/login", {"csrf": b.csrf("/login"), "email": PATIENT[0], "password": "wrong %d" % i})
        t.eq(r.status, 400, "wrong password %d" % i)
    r = b.post("/login", {"csrf": b.csrf("/login"), "email": PATIENT[0], "password": PATIENT[2]})
    t.eq(r.status, 429, "even the right password waits once the account is throttled")
    retry_after(t, r, 900, "login by account")
    t.has(r.text, "Too many failed attempts to log in.", "message")
    t.has(r.text, 'value="%s"' % PATIENT[0], "e-mail kept")
    t.ok("patient pass" not in r.text, "password not echoed")
    # Another account from the same address is still allowed...
    b2 = Browser(s)
    t.eq(b2.post("/login", {"csrf": b2.csrf("/login"), "email": PATIENT2[0],
                            "password": PATIENT2[2]}).status, 303, "other account logs in")
    # ... until the address has used up its failures.
    for i in range(2):
        b.post("/login", {"csrf": b.csrf("/login"), "email": "nobody%d@example.org" % i,
                          "password": "wrong"})
    r = b.post("/login", {"csrf": b.csrf("/login"), "email": MOD[0], "password": MOD[2]})
    t.eq(r.status, 429, "the address is throttled for every account")
    retry_after(t, r, 900, "login by address")
    t.eq(one(db, "SELECT count(*) FROM sessions WHERE user_id = ?", uid(db, MOD[0])), 0,
         "no session made")


# ---- bots ----

def test_honeypot_refuses_and_stores_nothing(t):
    db = fresh_db(t, "honeypot")
    s = t.server(db)
    b = Browser(s)
    r = b.get("/ask")
    t.ok(re.search(r'<div class="hp" aria-hidden="true">', r.text) is not None, "honeypot wrapper hidden from AT")
    t.ok(re.search(r'<input id="hp-ask" name="website" type="text" value="" tabindex="-1" autocomplete="off">',
                   r.text) is not None, "honeypot input out of the tab order, no autofill")
    before = snapshot(db)
    r = b.post("/ask", ask_form(b, db, website="http://cheap.example/pills"))
    t.eq(r.status, 400, "filled honeypot refused")
    t.has(r.text, HONEYPOT, "message")
    t.has(r.text, 'value="Does interferon lower liver cancer recurrence?"', "input kept")
    t.lacks(r.text, "cheap.example", "the honeypot comes back empty")
    t.eq(snapshot(db), before, "nothing stored")
    # Sending the form again as shown (honeypot empty) works.
    t.eq(b.post("/ask", ask_form(b, db)).status, 303, "a person's second try is accepted")
    # Registration.
    users = one(db, "SELECT count(*) FROM users")
    r = b.post("/register", {"csrf": b.csrf("/register"), "name": "Bot Account",
                             "email": "bot@example.org", "password": "bot password 1",
                             "password2": "bot password 1", "website": "x"})
    t.eq(r.status, 400, "register: honeypot refused")
    t.has(r.text, HONEYPOT, "register: message")
    t.has(r.text, 'value="bot@example.org"', "register: e-mail kept")
    t.eq(one(db, "SELECT count(*) FROM users"), users, "register: no account")
    # Comments.
    path = "/articles/" + article(db)
    pat = login(s, *PATIENT[0::2])
    r = pat.post(path + "/comments", {"csrf": pat.csrf(path), "body": "Buy now", "website": "x"})
    t.eq(r.status, 400, "comment: honeypot refused")
    t.has(r.text, HONEYPOT, "comment: message")
    t.has(r.text, "Buy now", "comment: text kept")
    t.eq(one(db, "SELECT count(*) FROM comments WHERE body = 'Buy now'"), 0,
         "comment: nothing stored")


def test_too_fast_submission(t):
    db = fresh_db(t, "fast")
    s = t.server(db, ["--form-min-seconds", "2"])
    b = Browser(s)
    before = snapshot(db)
    r = b.post("/ask", ask_form(b, db))
    t.eq(r.status, 400, "sent at once: refused")
    t.has(r.text, TOO_FAST, "message")
    t.has(r.text, 'value="Does interferon lower liver cancer recurrence?"', "input kept")
    t.eq(snapshot(db), before, "nothing stored")
    # The form shown again keeps the first showing's time, so a person
    # who reads it and sends it again is accepted.
    kept = FORM_TOKEN_RE.search(r.text).group(1)
    time.sleep(2.2)
    r = b.post("/ask", ask_form(b, db, form_token=kept))
    t.eq(r.status, 303, "sent again after the minimum time: accepted")
    # Registration and comments have the same minimum.
    users = one(db, "SELECT count(*) FROM users")
    r = b.post("/register", {"csrf": b.csrf("/register"), "name": "Quick Person",
                             "email": "quick@example.org", "password": "quick password 1",
                             "password2": "quick password 1"})
    t.eq(r.status, 400, "register at once: refused")
    t.has(r.text, TOO_FAST, "register: message")
    t.eq(one(db, "SELECT count(*) FROM users"), users, "register: no account")
    time.sleep(2.2)
    # Logging in has no minimum (password managers send it at once).
    pat = login(s, *PATIENT[0::2])
    path = "/articles/" + article(db)
    r = pat.post(path + "/comments", {"csrf": pat.csrf(path), "body": "quick note"})
    t.eq(r.status, 400, "comment at once: refused")
    t.has(r.text, TOO_FAST, "comment: message")
    t.eq(one(db, "SELECT count(*) FROM comments WHERE body = 'quick note'"), 0,
         "comment: nothing stored")


def test_forged_missing_moved_and_expired_tokens(t):
    db = fresh_db(t, "forged")
    s = t.server(db, ["--form-max-age", "1"])
    b = Browser(s)
    before = snapshot(db)
    good = FORM_TOKEN_RE.search(b.get("/ask").text).group(1)
    stamp, mac = good.split(".")
    flipped = mac[:-3] + ("A" if mac[-3] != "A" else "B") + mac[-2:]
    pat = login(s, *PATIENT[0::2])
    path = "/articles/" + article(db)
    comment_tok = FORM_TOKEN_RE.search(pat.get(path).text).group(1)
    cases = [("missing", None), ("empty", ""), ("altered MAC", stamp + "." + flipped),
             ("later time, same MAC", str(int(stamp) - 3600) + "." + mac),
             ("no MAC", stamp), ("garbage", "x" * 64),
             ("the comment form's token", comment_tok)]
    for what, tok in cases:
        f = ask_form(b, db, form_token=tok)
        if tok is None:
            b.form_token = None  # the Browser would send the page's token
        r = b.post("/ask", f)
        t.eq(r.status, 400, "ask with %s token refused" % what)
        t.has(r.text, BAD_TOKEN, "%s: message" % what)
        t.has(r.text, 'value="Does interferon lower liver cancer recurrence?"', "%s: input kept" % what)
    t.eq(snapshot(db), before, "nothing stored")
    # A token older than --form-max-age has expired.
    old = FORM_TOKEN_RE.search(b.get("/ask").text).group(1)
    time.sleep(2.2)
    r = b.post("/ask", ask_form(b, db, form_token=old))
    t.eq(r.status, 400, "expired token refused")
    t.has(r.text, EXPIRED, "expired: message")
    t.eq(snapshot(db), before, "still nothing stored")
    fresh = FORM_TOKEN_RE.search(r.text).group(1)
    t.ok(fresh != old, "the form comes back with a fresh token")
    t.eq(b.post("/ask", ask_form(b, db, form_token=fresh)).status, 303, "fresh token accepted")


def apply_form(b, db, **over):
    f = {"csrf": b.csrf("/doctor/apply"), "name": "Guard Test", "title": "Hepatologist",
         "hospital": "City Hospital", "department": str(dept_id(db, "Oncology")),
         "licence": "GUARD-LIC-1", "bio": "Liver care.", "email": "guard-doc@example.org",
         "password": "guard pass 12", "password2": "guard pass 12"}
    f.update(over)
    return {k: v for k, v in f.items() if v is not None}


def refused_by_guard(t, b, path, form, msg, what, kept=None, status=400):
    r = b.post(path, form)
    t.eq(r.status, status, what + ": refused")
    t.has(r.text, msg, what + ": the catalog's message")
    if kept:
        t.has(r.text, kept, what + ": input kept")
    t.lacks(r.text, "cheap.example", what + ": the honeypot comes back empty")
    return r


def test_guard_on_apply_follow_up_login_and_report(t):
    db = fresh_db(t, "guardforms")
    s = t.server(db, ["--login-limit-account", "2"])
    # The forms carry the honeypot and a token for their own form.
    anon = Browser(s)
    for path, form in (("/doctor/apply", "apply"), ("/login", "login")):
        r = anon.get(path)
        t.ok('<input id="hp-%s" name="website" type="text" value="" tabindex="-1" autocomplete="off">'
             % form in r.text, "%s: honeypot field" % path)
        t.ok(FORM_TOKEN_RE.search(r.text) is not None, "%s: form token" % path)
    register_tok = FORM_TOKEN_RE.search(anon.get("/register").text).group(1)

    # Doctor application: honeypot, missing, moved; nothing stored.
    users = one(db, "SELECT count(*) FROM users")
    doctors = one(db, "SELECT count(*) FROM doctors")
    refused_by_guard(t, anon, "/doctor/apply", apply_form(anon, db, website="http://cheap.example"),
                     HONEYPOT, "apply honeypot", 'value="guard-doc@example.org"')
    f = apply_form(anon, db)
    anon.form_token = None
    refused_by_guard(t, anon, "/doctor/apply", f, BAD_TOKEN, "apply without token",
                     'value="GUARD-LIC-1"')
    refused_by_guard(t, anon, "/doctor/apply", apply_form(anon, db, form_token=register_tok),
                     BAD_TOKEN, "apply with the register form's token")
    t.eq(one(db, "SELECT count(*) FROM users"), users, "apply: no account made")
    t.eq(one(db, "SELECT count(*) FROM doctors"), doctors, "apply: no doctor profile made")
    t.eq(anon.post("/doctor/apply", apply_form(anon, db)).status, 303, "apply: a person's form accepted")
    t.eq(one(db, "SELECT count(*) FROM users WHERE email = 'guard-doc@example.org'"), 1, "applied")

    # Login: refused bots make no session and do not count as failures
    # (the account allows 2), and the next real login works.
    b = Browser(s)
    for what, over in (("honeypot", {"website": "http://cheap.example"}),
                       ("no token", {"form_token": None}),
                       ("register form's token", {"form_token": register_tok}),
                       ("forged token", {"form_token": "1700000000." + "A" * 43})):
        form = {"csrf": b.csrf("/login"), "email": PATIENT[0], "password": PATIENT[2]}
        form.update(over)
        if over.get("form_token", "") is None:
            b.form_token = None
        refused_by_guard(t, b, "/login", form, HONEYPOT if what == "honeypot" else BAD_TOKEN,
                         "login " + what, 'value="%s"' % PATIENT[0])
        t.ok("sid" not in b.jar, "login %s: not signed in" % what)
        t.lacks(b.get("/").text, "Signed in as", "login %s: still a visitor" % what)
    t.eq(one(db, "SELECT count(*) FROM sessions WHERE user_id = ?", uid(db, PATIENT[0])), 0,
         "login: no session made")
    r = b.post("/login", {"csrf": b.csrf("/login"), "email": PATIENT[0], "password": PATIENT[2]})
    t.eq(r.status, 303, "login: refusals were not counted as failed logins")

    # Follow-up: an answered question of the patient.
    pat = b
    qid, _, _ = ask(t, pat, db, title="A question to follow up on")
    doc = login(s, ONCO[0], ONCO[2])
    t.eq(reply(t, doc, qid).status, 303, "doctor replies")
    path = "/my/questions/%d" % qid
    r = pat.get(path)
    t.ok('id="hp-followup" name="website"' in r.text, "follow-up: honeypot field")
    before = snapshot(db)

    def fu(**over):
        f = {"csrf": pat.csrf(path), "title": "A follow-up about the guard",
             "text": "After the surgery, how often should she have scans?", "consent": "yes"}
        f.update(over)
        return f
    refused_by_guard(t, pat, path + "/follow-up", fu(website="http://cheap.example"), HONEYPOT,
                     "follow-up honeypot", 'value="A follow-up about the guard"')
    refused_by_guard(t, pat, path + "/follow-up", fu(form_token=register_tok), BAD_TOKEN,
                     "follow-up with another form's token", "how often should she have scans?")
    f = fu()
    pat.form_token = None
    refused_by_guard(t, pat, path + "/follow-up", f, BAD_TOKEN, "follow-up without token")
    t.eq(snapshot(db), before, "follow-up: nothing stored")
    t.eq(pat.post(path + "/follow-up", fu()).status, 303, "follow-up: a person's form accepted")
    t.eq(one(db, "SELECT count(*) FROM questions WHERE follow_up_of = ?", qid), 1, "follow-up stored")

    # Reporting a comment (visitors may).
    slug = article(db)
    t.eq(pat.post("/articles/%s/comments" % slug, {"csrf": pat.csrf("/articles/" + slug),
                                                   "body": "A comment to report"}).status, 303,
         "a comment")
    cid = one(db, "SELECT max(id) FROM comments")
    rep = Browser(s)
    rpath = "/comments/%d/report" % cid
    r = rep.get(rpath)
    t.ok('id="hp-report" name="website"' in r.text, "report: honeypot field")
    refused_by_guard(t, rep, rpath, {"csrf": rep.csrf(rpath), "reason": "spam here",
                                     "website": "http://cheap.example"},
                     HONEYPOT, "report honeypot", 'value="spam here"')
    refused_by_guard(t, rep, rpath, {"csrf": rep.csrf(rpath), "reason": "spam here",
                                     "form_token": register_tok}, BAD_TOKEN,
                     "report with another form's token", 'value="spam here"')
    f = {"csrf": rep.csrf(rpath), "reason": "spam here"}
    rep.form_token = None
    refused_by_guard(t, rep, rpath, f, BAD_TOKEN, "report without token")
    t.eq(one(db, "SELECT count(*) FROM comment_reports"), 0, "report: nothing stored")
    r = rep.post(rpath, {"csrf": rep.csrf(rpath), "reason": "spam here"})
    t.eq(r.status, 200, "report: a person's form accepted")
    t.eq(one(db, "SELECT count(*) FROM comment_reports"), 1, "report stored")


def test_minimum_time_on_the_new_forms_but_not_login(t):
    db = fresh_db(t, "guardfast")
    s = t.server(db, ["--form-min-seconds", "30"])
    anon = Browser(s)
    users = one(db, "SELECT count(*) FROM users")
    refused_by_guard(t, anon, "/doctor/apply", apply_form(anon, db), TOO_FAST, "apply at once",
                     'value="guard-doc@example.org"')
    t.eq(one(db, "SELECT count(*) FROM users"), users, "apply at once: no account")
    rpath = "/comments/%d/report"
    # A password manager fills and sends the login form at once.
    pat = login(s, *PATIENT[0::2])
    slug = article(db)
    # (the comment form has the minimum: put one in through SQL)
    exec_sql(db, "INSERT INTO comments (target_kind, target_id, user_id, body, created_at, hidden)"
                 " SELECT 'article', id, ?, 'Report me', '2026-01-01T00:00:00Z', 0"
                 " FROM articles WHERE slug = ?", uid(db, PATIENT2[0]), slug)
    cid = one(db, "SELECT max(id) FROM comments")
    refused_by_guard(t, pat, rpath % cid, {"csrf": pat.csrf(rpath % cid), "reason": "quick"},
                     TOO_FAST, "report at once", 'value="quick"')
    t.eq(one(db, "SELECT count(*) FROM comment_reports"), 0, "report at once: nothing stored")


# ---- the form key, kept in the database ----

def test_form_key_survives_restart_and_is_shared(t):
    db = fresh_db(t, "formkey")
    s1 = t.server(db)
    b = Browser(s1)
    f = ask_form(b, db, title="Asked across a restart")
    t.ok(f.get("csrf") and b.form_token, "form rendered before the restart")
    login_b = Browser(s1)
    ltok = login_b.csrf("/login")
    key = rows(db, "SELECT name, length(value) FROM secrets")
    t.eq(key, [("form_key", 32)], "one 32-byte form key in the database")
    t.eq(s1.stop(), 0, "first server stopped")
    s2 = t.server(db)
    b.s = s2  # the same browser (cookies, the open form) on the new server
    r = b.post("/ask", f)
    t.eq(r.status, 303, "the form opened before the restart is accepted")
    t.eq(one(db, "SELECT count(*) FROM questions WHERE title = 'Asked across a restart'"), 1, "stored")
    login_b.s = s2
    t.eq(login_b.post("/login", {"csrf": ltok, "email": PATIENT[0], "password": PATIENT[2]}).status,
         303, "a login form opened before the restart works")
    t.eq(rows(db, "SELECT name, length(value) FROM secrets"), key, "the key was not replaced")
    # A second node on the same database accepts the first one's forms.
    s3 = t.server(db)
    c = Browser(s2)
    f = ask_form(c, db, title="Rendered on one node, sent to another")
    c.s = s3
    t.eq(c.post("/ask", f).status, 303, "a form from node 2 accepted by node 3")
    # Bad input: a token signed under another database's key is refused.
    other = fresh_db(t, "formkey-other")
    s4 = t.server(other)
    d = Browser(s4)
    foreign = FORM_TOKEN_RE.search(d.get("/ask").text).group(1)
    before = snapshot(db)
    c.s = s3
    r = c.post("/ask", ask_form(c, db, title="A token from another site", form_token=foreign))
    t.eq(r.status, 400, "another database's token refused")
    t.has(r.text, BAD_TOKEN, "message")
    t.has(r.text, 'value="A token from another site"', "input kept")
    t.eq(snapshot(db), before, "nothing stored")
    key_other = one(other, "SELECT hex(value) FROM secrets WHERE name = 'form_key'")
    t.ok(key_other and key_other != one(db, "SELECT hex(value) FROM secrets WHERE name = 'form_key'"),
         "each database has its own key")
    # A broken key is an error at start-up, not a silent new key.
    exec_sql(other, "UPDATE secrets SET value = x'00' WHERE name = 'form_key'")
    s4.stop()
    p = t.run("serve", "--db", other, "--listen", "127.0.0.1:%d" % harness.free_port())
    t.ok(p.returncode != 0, "a server with a broken key does not start")
    t.has(p.stderr, "form key", "and says why")


# ---- the audit log ----

def audit(db):
    return rows(db, "SELECT a.action, u.email, a.target_kind, a.target_id, a.detail"
                    " FROM audit_log a LEFT JOIN users u ON u.id = a.user_id ORDER BY a.id")


def test_every_moderation_action_is_audited_and_shown(t):
    db = fresh_db(t, "audit")
    s = t.server(db)
    anon = Browser(s)
    q1, _, _ = ask(t, anon, db, title="A question to reject for audit")
    q2, _, _ = ask(t, anon, db, title="A question to reassign for audit")
    mod = login(s, MOD[0], MOD[2])
    admin = login(s, ADMIN[0], ADMIN[2])
    onco, peds = dept_id(db, "Oncology"), dept_id(db, "Pediatrics")
    pub = one(db, "SELECT id FROM questions WHERE status = 'published' AND consent = 1 ORDER BY id LIMIT 1")
    reason = "Please ask one question at a time (moderator note 7731)."

    def mpost(b, path, **form):
        r = b.post(path, dict(form, csrf=b.csrf("/moderate/question/%d" % q1)))
        t.ok(r.status == 303, "%s: %d" % (path, r.status))
        return r

    mpost(mod, "/moderate/question/%d/reject" % q1, reason=reason)
    mpost(mod, "/moderate/question/%d/department" % q2, department=str(peds))
    mpost(mod, "/moderate/question/%d/unpublish" % pub)
    mpost(mod, "/moderate/question/%d/republish" % pub)
    # A refused action leaves no row: rejecting again is too late.
    n = len(audit(db))
    r = mod.post("/moderate/question/%d/reject" % q1, {"csrf": mod.csrf("/moderate/question/%d" % q1),
                                                       "reason": "again"})
    t.eq(r.status, 409, "second rejection refused")
    t.eq(len(audit(db)), n, "no audit row for a refused action")

    unv, p2 = uid(db, UNVERIFIED[0]), uid(db, PATIENT2[0])
    tok = admin.csrf("/admin/users")
    for path, form in (("/admin/doctors/%d/verify" % unv, {}),
                       ("/admin/users/%d/role" % p2, {"role": "moderator"}),
                       ("/admin/users/%d/disable" % p2, {}),
                       ("/admin/users/%d/enable" % p2, {}),
                       ("/admin/departments", {"name": "Audit Medicine", "description": "x"}),
                       ("/admin/topics", {"name": "Audit topic one", "department": str(onco)}),
                       ("/admin/topics", {"name": "Audit topic two", "department": str(onco)})):
        r = admin.post(path, dict(form, csrf=tok))
        t.eq(r.status, 303, "admin action " + path)
    t1 = one(db, "SELECT id FROM topics WHERE name = 'Audit topic one'")
    t2 = one(db, "SELECT id FROM topics WHERE name = 'Audit topic two'")
    t.eq(admin.post("/admin/topics/%d" % t1, {"csrf": tok, "name": "Audit topic renamed",
                                              "department": str(onco)}).status, 303, "rename topic")
    t.eq(admin.post("/admin/topic-merge", {"csrf": tok, "from": str(t2), "into": str(t1)}).status,
         303, "merge topics")
    # Comments: a patient comments, a moderator hides and deletes.
    slug = article(db)
    pat = login(s, *PATIENT[0::2])
    pat.post("/articles/%s/comments" % slug, {"csrf": pat.csrf("/articles/" + slug), "body": "A fair point"})
    cid = one(db, "SELECT max(id) FROM comments")
    t.ok(cid is not None, "a comment to moderate")
    ctok = mod.csrf("/moderate/comments")
    t.eq(mod.post("/moderate/comments/%d" % cid, {"csrf": ctok, "action": "hide"}).status, 303, "hide")
    t.eq(mod.post("/moderate/comments/%d" % cid, {"csrf": ctok, "action": "delete"}).status, 303, "delete")
    # An article taken down by a moderator.
    aid = one(db, "SELECT id FROM articles WHERE slug = ?", slug)
    r = mod.get("/write/%d" % aid)
    wtok = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
    title = one(db, "SELECT title FROM articles WHERE id = ?", aid)
    body = one(db, "SELECT body FROM articles WHERE id = ?", aid)
    r = mod.post("/write/%d" % aid, {"csrf": wtok, "title": title, "body": body, "summary": "",
                                     "category": "", "action": "unpublish"})
    t.eq(r.status, 303, "moderator unpublishes an article")

    got = [(a, who, k, i) for a, who, k, i, _ in audit(db)]
    want = [("question.reject", MOD[0], "qa", q1), ("question.department", MOD[0], "qa", q2),
            ("question.unpublish", MOD[0], "qa", pub), ("question.republish", MOD[0], "qa", pub),
            ("doctor.verify", ADMIN[0], "user", unv), ("user.role", ADMIN[0], "user", p2),
            ("user.disable", ADMIN[0], "user", p2), ("user.enable", ADMIN[0], "user", p2),
            ("department.create", ADMIN[0], "department",
             one(db, "SELECT id FROM departments WHERE name = 'Audit Medicine'")),
            ("topic.create", ADMIN[0], "topic", t1), ("topic.create", ADMIN[0], "topic", t2),
            ("topic.update", ADMIN[0], "topic", t1), ("topic.merge", ADMIN[0], "topic", t1),
            ("comment.hide", MOD[0], "article", aid), ("comment.delete", MOD[0], "article", aid),
            ("article.unpublish", MOD[0], "article", aid)]
    t.eq(got, want, "one row per action, who and what")
    details = {a: d for a, _, _, _, d in audit(db)}
    t.eq(details["question.department"], "from=%d to=%d" % (onco, peds), "department move noted")
    t.eq(details["user.role"], "role=moderator", "new role noted")
    t.eq(details["topic.merge"], "from=%d" % t2, "merged topic noted")

    # The viewer.
    r = admin.get("/admin/audit")
    t.eq(r.status, 200, "admin sees the audit log")
    t.ok("no-store" in (r.header("cache-control") or ""), "not cached")
    ids = [int(x) for x in re.findall(r'<tr id="audit-(\d+)">', r.text)]
    t.eq(len(ids), len(want), "every row listed")
    t.eq(ids, sorted(ids, reverse=True), "newest first")
    first = r.text.index('<tr id="audit-%d">' % ids[0])
    t.has(r.text[first:first + 600],
          '<span class="audit-action" title="article.unpublish" data-action="article.unpublish">'
          'Unpublished an article</span>', "the newest row is the last action, in words")
    for code, words in (("question.reject", "Rejected a question"),
                        ("question.department", "Moved a question to another department"),
                        ("user.role", "Changed an account&#39;s role"),
                        ("topic.merge", "Merged two topics"), ("comment.hide", "Hid a comment")):
        t.ok(re.search(r'<td><span class="audit-action" title="%s" data-action="%s">%s</span></td>'
                       % (re.escape(code), re.escape(code), re.escape(words)), r.text) is not None,
             "%s shown as %r" % (code, words))
    t.lacks(r.text, "<code>question.reject</code>", "codes are not the text shown")
    for needle in ('<a href="/moderate/question/%d">Question %d</a>' % (q1, q1),
                   '<a href="/admin/users#user-%d">User: %s</a>' % (p2, PATIENT2[1]),
                   '<a href="/admin/users#user-%d">User: %s</a>' % (unv, UNVERIFIED[1]),
                   '>Topic: Audit topic renamed</a>', '>Department: Audit Medicine</a>',
                   '<a href="/articles/%s">Article: ' % slug,
                   "Reason given: " + reason, MOD[1], ADMIN[1], "role=moderator"):
        t.has(r.text, needle, "shown: " + needle)
    t.ok(re.search(r'<a href="/topic/[^"]+">Topic: Audit topic renamed</a>', r.text) is not None,
         "topic linked to its page")
    t.ok(re.search(r'<a href="/department/[^"]+">Department: Audit Medicine</a>', r.text) is not None,
         "department linked to its page")
    question_text = one(db, "SELECT text FROM questions WHERE id = ?", q1)
    t.lacks(r.text, question_text[:40], "no question text")
    t.lacks(r.text, "A question to reject for audit", "no question title")
    for email in (MOD[0], ADMIN[0], PATIENT2[0], UNVERIFIED[0]):
        t.lacks(r.text, email, "no e-mail address")
    # Filters.
    r = admin.get("/admin/audit?action=user.role")
    t.eq(len(re.findall(r'<tr id="audit-', r.text)), 1, "filter by action")
    t.ok(re.search(r'<option value="user.role" selected>Changed an account(&#39;|&#x27;|\')s role</option>',
                   r.text) is not None, "chosen action marked, in words")
    r = admin.get("/admin/audit?actor=%d" % uid(db, MOD[0]))
    t.eq(len(re.findall(r'<tr id="audit-', r.text)), 7, "filter by actor")
    t.lacks(r.text, 'data-action="doctor.verify"', "only the moderator's rows")
    r = admin.get("/admin/audit?actor=%d&action=topic.create" % uid(db, MOD[0]))
    t.has(r.text, "No entries match these filters.", "both filters, nothing")
    t.eq(admin.get("/admin/audit?actor=x1").status, 400, "bad actor refused")
    # The action filter lists the catalog's actions, even those not yet
    # in the log; anything else is refused.
    opts = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>',
                      r.text[r.text.index('id="audit-action"'):])
    codes = [c for c, _ in opts]
    t.eq(codes[0], "", "first: any action")
    for code in ("account.delete", "answer.edit", "doctor.reject", "user.enable", "article.publish"):
        t.ok(code in codes, "known action offered: " + code)
    t.ok(("doctor.reject", "Rejected a doctor&#39;s application") in opts or
         ("doctor.reject", "Rejected a doctor&#x27;s application") in opts or
         ("doctor.reject", "Rejected a doctor's application") in opts, "offered in words")
    r = admin.get("/admin/audit?action=doctor.reject")
    t.eq(r.status, 200, "a known action not yet logged is a valid filter")
    t.has(r.text, "No entries match these filters.", "with nothing to show")
    for bad in ("no.such.action", "<script>alert(1)</script>", "x" * 65, "question.reject "):
        r = admin.get("/admin/audit?action=" + urllib.parse.quote(bad, safe="%"))
        t.eq(r.status, 400, "unknown action %r refused" % bad[:20])
        t.has(r.text, "not an action the audit log knows", "%r: message" % bad[:20])
        t.lacks(r.text, "<script>alert", "%r: not echoed as markup" % bad[:20])
    t.eq(admin.get("/admin/audit?before=-3").status, 400, "bad page key refused")


def test_audit_pages_by_key(t):
    db = fresh_db(t, "auditpages")
    s = t.server(db)
    admin_id = uid(db, ADMIN[0])
    for i in range(120):
        exec_sql(db, "INSERT INTO audit_log (at, user_id, action, target_kind, target_id, detail)"
                     " VALUES ('2026-01-01T00:00:00Z', ?, ?, 'qa', ?, NULL)",
                 admin_id, "test.even" if i % 2 == 0 else "test.odd", i + 1)
    admin = login(s, ADMIN[0], ADMIN[2])
    seen, path, pages = [], "/admin/audit?action=test.even", 0
    while path and pages < 5:
        r = admin.get(path)
        t.eq(r.status, 200, "page " + path)
        seen += [int(x) for x in re.findall(r'<tr id="audit-(\d+)">', r.text)]
        m = re.search(r'<a rel="next" href="([^"]+)">Older entries</a>', r.text)
        path = m.group(1).replace("&amp;", "&") if m else None
        if path:
            t.ok("action=test.even" in path, "the next page keeps the filter")
        pages += 1
    t.eq(pages, 2, "60 rows: two pages of 50")
    t.eq(sorted(r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'index'"
                                       " AND tbl_name = 'audit_log' AND sql IS NOT NULL")),
         ["audit_log_action", "audit_log_at", "audit_log_user"], "the filters have indexes")
    want = [r[0] for r in rows(db, "SELECT id FROM audit_log WHERE action = 'test.even' ORDER BY id DESC")]
    t.eq(seen, want, "every row once, newest first")
    # Unfiltered: 120 rows are pages of 50, 50 and 20, each row once.
    seen, sizes, path = [], [], "/admin/audit"
    while path and len(sizes) < 5:
        r = admin.get(path)
        t.eq(r.status, 200, "page " + path)
        ids = [int(x) for x in re.findall(r'<tr id="audit-(\d+)">', r.text)]
        sizes.append(len(ids))
        seen += ids
        m = re.search(r'<a rel="next" href="([^"]+)">Older entries</a>', r.text)
        path = m.group(1).replace("&amp;", "&") if m else None
    t.eq(sizes, [50, 50, 20], "three pages, the last one short")
    t.eq(seen, [r[0] for r in rows(db, "SELECT id FROM audit_log ORDER BY id DESC")],
         "every row once, newest first, unfiltered")
    # Codes the catalog lacks are shown (and offered) as themselves.
    t.has(r.text, '<span class="audit-action" title="test.even" data-action="test.even">test.even</span>',
          "an unknown code shown as itself")
    t.has(r.text, '<option value="test.odd">test.odd</option>', "and offered in the filter")
    # A row written meanwhile does not shift the second page.
    r1 = admin.get("/admin/audit")
    older = re.search(r'<a rel="next" href="([^"]+)">', r1.text).group(1).replace("&amp;", "&")
    exec_sql(db, "INSERT INTO audit_log (at, user_id, action) VALUES ('2026-01-02T00:00:00Z', ?, 'test.new')",
             admin_id)
    r2 = admin.get(older)
    first = int(re.search(r'<tr id="audit-(\d+)">', r2.text).group(1))
    t.eq(first, int(urllib.parse.parse_qs(urllib.parse.urlparse(older).query)["before"][0]) - 1,
         "the older page starts right below its key")
    t.has(r2.text, "Newest entries", "a way back to the newest")


def test_deleted_account_has_no_controls_on_admin_users(t):
    db = fresh_db(t, "deletedacct")
    s = t.server(db)
    gone, kept = uid(db, PATIENT2[0]), uid(db, PATIENT[0])
    pat = login(s, *PATIENT2[0::2])
    r = pat.post("/account/delete", {"csrf": pat.csrf("/account/delete"), "password": PATIENT2[2]})
    t.eq(r.status, 200, "account deleted")
    t.eq(one(db, "SELECT email FROM users WHERE id = ?", gone), "deleted:%d" % gone, "a placeholder stays")
    admin = login(s, ADMIN[0], ADMIN[2])
    r = admin.get("/admin/users")
    t.eq(r.status, 200, "users page")

    def row(user):
        m = re.search(r'<tr id="user-%d"[^>]*>(.*?)</tr>' % user, r.text, re.S)
        t.ok(m is not None, "row of user %d" % user)
        return m.group(1) if m else ""
    g = row(gone)
    t.has(g, "Deleted account", "the placeholder is called a deleted account")
    t.lacks(g, "<form", "no enable, disable or role controls")
    t.lacks(g, "<select", "no role list")
    t.lacks(g, "deleted:%d" % gone, "the placeholder address is not shown as an e-mail")
    k = row(kept)
    for ctl in ('action="/admin/users/%d/role"' % kept, 'action="/admin/users/%d/disable"' % kept):
        t.has(k, ctl, "a live account keeps its controls")
    # Posting anyway changes nothing and writes no audit row.
    n = one(db, "SELECT count(*) FROM audit_log")
    tok = admin.csrf("/admin/users")
    for path, form in (("/admin/users/%d/enable" % gone, {}),
                       ("/admin/users/%d/role" % gone, {"role": "admin"})):
        r2 = admin.post(path, dict(form, csrf=tok))
        t.ok(r2.status >= 400, "%s refused (%d)" % (path, r2.status))
    t.eq(rows(db, "SELECT role, disabled FROM users WHERE id = ?", gone), [("patient", 1)],
         "the placeholder is unchanged")
    t.eq(one(db, "SELECT count(*) FROM audit_log"), n, "no audit row for a refused action")


def test_deleted_prefix_email_is_a_live_account(t):
    """Issue 11 item 1: a deleted account is marked by its own column, so an
    address that starts with "deleted:" is an account like any other:
    admins disable, enable, demote and re-password it, and its owner
    deletes it."""
    db = fresh_db(t, "deletedprefix")
    pat = ("deleted:pia@example.org", "Pia Prefix", "prefix pass 12")
    doc = ("deleted:doc@example.org", "Dora Prefix", "doctor pass 78")
    run(t, "user", "add", "--db", db, "--role", "patient", "--email", pat[0],
        "--name", pat[1], "--password", pat[2])
    run(t, "user", "add", "--db", db, "--role", "doctor", "--email", doc[0],
        "--name", doc[1], "--password", doc[2], "--department", "Oncology")
    p_id, d_id = uid(db, pat[0]), uid(db, doc[0])
    s = t.server(db)
    admin = login(s, ADMIN[0], ADMIN[2])
    r = admin.get("/admin/users")
    for who in (p_id, d_id):
        m = re.search(r'<tr id="user-%d"[^>]*>(.*?)</tr>' % who, r.text, re.S)
        row = m.group(1) if m else ""
        t.lacks(row, "Deleted account", "user %d is not listed as deleted" % who)
        t.has(row, 'action="/admin/users/%d/disable"' % who, "user %d has controls" % who)
    tok = admin.csrf("/admin/users")
    for who in (p_id, d_id):
        r = admin.post("/admin/users/%d/disable" % who, {"csrf": tok})
        t.eq(r.status, 303, "disable user %d" % who)
        t.eq(one(db, "SELECT disabled FROM users WHERE id = ?", who), 1, "user %d disabled" % who)
    r = admin.post("/admin/users/%d/enable" % p_id, {"csrf": tok})
    t.eq(r.status, 303, "enable")
    t.eq(one(db, "SELECT disabled FROM users WHERE id = ?", p_id), 0, "enabled again")
    r = admin.post("/admin/users/%d/role" % p_id, {"csrf": tok, "role": "moderator"})
    t.eq(r.status, 303, "promote")
    r = admin.post("/admin/users/%d/role" % p_id, {"csrf": tok, "role": "patient"})
    t.eq(r.status, 303, "demote")
    t.eq(one(db, "SELECT role FROM users WHERE id = ?", p_id), "patient", "demoted")
    p = t.run("user", "passwd", "--db", db, "--email", pat[0], "--password", "a new pass 12")
    t.eq(p.returncode, 0, "passwd: " + p.stderr)
    b = login(s, pat[0], "a new pass 12")
    r = b.post("/account/delete", {"csrf": b.csrf("/account/delete"), "password": "a new pass 12"})
    t.eq(r.status, 200, "the owner deletes the account")
    t.eq(rows(db, "SELECT email, password_hash, disabled FROM users WHERE id = ?", p_id),
         [("deleted:%d" % p_id, None, 1)], "a placeholder stays")
    r = admin.get("/admin/users")
    m = re.search(r'<tr id="user-%d"[^>]*>(.*?)</tr>' % p_id, r.text, re.S)
    t.has(m.group(1) if m else "", "Deleted account", "listed as deleted now")


def test_migration_marks_old_placeholders_deleted(t):
    """The migration that adds users.deleted_at converts the placeholders
    written before it ("deleted:<id>", no password) and nothing else."""
    t.sqlite_only("rewinds the schema to SQLite's user_version 7; PostgreSQL's"
                  " databases start at the current schema")
    db = fresh_db(t, "delmigrate")
    gone, live = uid(db, PATIENT2[0]), uid(db, PATIENT[0])
    exec_sql(db, "UPDATE users SET email = 'deleted:' || id, password_hash = NULL,"
             " disabled = 1 WHERE id = ?", gone)
    exec_sql(db, "UPDATE users SET email = 'deleted:x@example.org' WHERE id = ?", live)
    cols = [r[1] for r in rows(db, "PRAGMA table_info(users)")]
    if "deleted_at" in cols:  # go back to schema 7, before migration 8
        con = harness.connect(db)
        con.execute("ALTER TABLE users DROP COLUMN deleted_at")
        con.execute("DROP TABLE IF EXISTS qa_requests")  # migration 9
        for what in ("TRIGGER taxonomy_names_dept", "TRIGGER taxonomy_names_topic",
                     "TABLE taxonomy_names"):  # migration 10 (names per language)
            con.execute("DROP %s IF EXISTS %s" % tuple(what.split(" ", 1)))
        con.execute("DROP TABLE IF EXISTS password_resets")  # migration 11 (password resets)
        con.execute("DROP TABLE IF EXISTS question_intake")  # migration 12 (intake)
        con.execute("DROP TABLE IF EXISTS intake_forms")
        con.execute("DROP TABLE IF EXISTS throttles")  # migration 13 (shared throttles)
        con.execute("DROP TABLE IF EXISTS category_names")  # migration 14 (categories)
        if "lang" in [r[1] for r in con.execute("PRAGMA table_info(comments)")]:
            con.execute("ALTER TABLE comments DROP COLUMN lang")  # migration 15 (comments' language)
        con.execute("PRAGMA user_version = 7")
        con.commit()
        con.close()
    p = t.run("user", "list", "--db", db)
    t.eq(p.returncode, 0, "opening migrates: " + p.stderr)
    t.eq(rows(db, "SELECT id FROM users WHERE deleted_at IS NOT NULL"), [(gone,)],
         "only the placeholder is marked deleted")


def test_audit_page_is_for_admins_only(t):
    db = fresh_db(t, "auditroles")
    s = t.server(db)
    r = Browser(s).get("/admin/audit")
    t.eq(r.status, 303, "visitors are sent to log in")
    t.ok((r.header("location") or "").startswith("/login"), "to /login")
    for who in (PATIENT, MOD, ONCO):
        b = login(s, who[0], who[2])
        t.eq(b.get("/admin/audit").status, 403, "%s refused" % who[1])
    admin = login(s, ADMIN[0], ADMIN[2])
    r = admin.get("/admin/audit")
    t.eq(r.status, 200, "admin allowed")
    t.has(r.text, "No entries.", "an empty log says so")
    t.has(admin.get("/admin").text, '<a href="/admin/audit">Audit log</a>', "linked from /admin")
    t.lacks(login(s, MOD[0], MOD[2]).get("/admin").text, "/admin/audit", "not shown to moderators")
