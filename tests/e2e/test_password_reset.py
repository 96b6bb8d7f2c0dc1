"""Password reset by e-mail (issue 11, item 4): offered only with SMTP;
the request answers the same whether or not the address has an account
and is limited per client address and per e-mail address; the link's
token is single-use, expires, and is stored only hashed; setting the new
password follows the registration's rules, ends every session of the
account and writes an audit row; unknown, expired and used links say so
and change nothing. Mail is caught by test_mail's SMTP sink."""
import hashlib
import re

from askflow import PATIENT, PATIENT2, Browser, exec_sql, fresh_db, login, one, rows
from test_mail import SMTPSink, mail_args

LINK_RE = re.compile(r"http://askdoc\.test(/password/reset/([A-Za-z0-9_-]{43}))")
PROXY = ["--trusted-proxy", "127.0.0.1", "--max-conns-per-address", "0"]


class From(Browser):
    """A Browser whose requests come from client address addr."""

    def __init__(self, server, addr):
        Browser.__init__(self, server)
        self.addr = addr

    def request(self, method, path, form=None, headers=None, body=None):
        h = dict(headers or {})
        h["X-Forwarded-For"] = self.addr
        return Browser.request(self, method, path, form=form, headers=h, body=body)


def forgot(b, email):
    return b.post("/password/forgot", {"csrf": b.csrf("/password/forgot"), "email": email})


def reset(b, path, pw, pw2=None):
    return b.post(path, {"csrf": b.csrf(path), "password": pw,
                         "password2": pw if pw2 is None else pw2})


def links(sink, n):
    got = []
    for _, rcpts, msg in sink.wait(n):
        m = LINK_RE.search(msg.get_content())
        got.append((rcpts, m.group(1) if m else None, m.group(2) if m else None))
    return got


def login_status(s, email, pw):
    b = Browser(s)
    return b.post("/login", {"csrf": b.csrf("/login"), "email": email, "password": pw}).status


def account_state(db, email):
    return (rows(db, "SELECT password_hash FROM users WHERE email = ?", email),
            rows(db, "SELECT count(*) FROM sessions WHERE user_id ="
                     " (SELECT id FROM users WHERE email = ?)", email),
            rows(db, "SELECT * FROM password_resets ORDER BY token_hash"),
            rows(db, "SELECT count(*) FROM audit_log"))


def message(text):
    """The notice or error of a page, without the form's tokens."""
    return re.sub(r'value="[^"]*"', "", re.search(r"<h1>.*?</form>", text, re.S).group(0))


def test_no_reset_without_smtp(t):
    db = fresh_db(t, "nosmtp")
    s = t.server(db)
    r = Browser(s).get("/login")
    t.lacks(r.text, "Forgot password?", "no link on the login page")
    t.eq(Browser(s).get("/password/forgot").status, 404, "no form")
    b = Browser(s)
    r = b.post("/password/forgot", {"csrf": b.csrf("/login"), "email": PATIENT[0]})
    t.eq(r.status, 404, "no request")
    t.eq(Browser(s).get("/password/reset/" + "A" * 43).status, 404, "no reset page")
    t.eq(one(db, "SELECT count(*) FROM mail_queue"), 0, "nothing queued")


def test_reset_by_mail(t):
    sink = SMTPSink()
    try:
        db = fresh_db(t, "reset")
        s = t.server(db, mail_args(sink.port))
        r = Browser(s).get("/login")
        t.has(r.text, 'href="/password/forgot">Forgot password?', "the login page offers it")
        laptop = login(s, PATIENT[0], PATIENT[2])
        phone = login(s, PATIENT[0], PATIENT[2])
        other = login(s, PATIENT2[0], PATIENT2[2])
        # The same answer whether or not the address has an account.
        b = Browser(s)
        known = forgot(b, PATIENT[0].upper())
        unknown = forgot(Browser(s), "nobody-here@example.org")
        t.eq((known.status, unknown.status), (200, 200), "both answered 200")
        t.has(known.text, "If an account uses this address", "says what happens")
        t.eq(message(known.text), message(unknown.text), "the same page either way")
        got = links(sink, 1)
        t.eq(len(got), 1, "one mail: to the account only")
        rcpts, path, token = got[0]
        t.eq(rcpts, ["<%s>" % PATIENT[0]], "to the account's own address")
        t.ok(path is not None, "the mail holds a link")
        if not path:
            return
        stored = one(db, "SELECT token_hash FROM password_resets")
        t.eq(stored, hashlib.blake2b(token.encode(), digest_size=32).hexdigest(),
             "only the token's hash is stored")
        t.eq(one(db, "SELECT count(*) FROM password_resets WHERE token_hash = ?", token), 0,
             "never the token itself")
        t.eq(one(db, "SELECT expires_at - created_at FROM password_resets"), 3600,
             "it expires in an hour")
        # The reset page: the registration's rules, nothing changed when refused.
        r = b.get(path)
        t.eq(r.status, 200, "the link opens the form")
        t.eq(r.header("referrer-policy"), "no-referrer", "the token does not leak as a referrer")
        before = account_state(db, PATIENT[0])
        r = reset(b, path, "brand new pass 7", "brand new pass 8")
        t.eq(r.status, 400, "mismatch refused")
        t.has(r.text, "The two passwords are not the same.", "says so")
        r = reset(b, path, "short")
        t.eq(r.status, 400, "too short refused")
        t.has(r.text, "at least 8", "says so")
        t.lacks(r.text, 'value="short"', "passwords are never echoed")
        r = b.post(path, {"password": "brand new pass 7", "password2": "brand new pass 7"})
        t.eq(r.status, 403, "no CSRF refused")
        t.eq(account_state(db, PATIENT[0]), before, "nothing changed by refusals")
        # The new password: every session ends, the audit row is written.
        r = reset(b, path, "brand new pass 7")
        t.eq(r.status, 303, "new password set")
        t.eq(r.header("location"), "/login?reset=done", "on to log in")
        t.has(b.get("/login?reset=done").text, "Your new password is set", "says so")
        t.eq(laptop.get("/account").status, 303, "the laptop is signed out")
        t.eq(phone.get("/account").status, 303, "the phone is signed out")
        t.eq(other.get("/account").status, 200, "another account keeps its session")
        t.eq(login_status(s, PATIENT[0], PATIENT[2]), 400, "the old password fails")
        t.eq(login_status(s, PATIENT[0], "brand new pass 7"), 303, "the new one works")
        audit = rows(db, "SELECT user_id, action, target_kind, target_id, detail FROM audit_log"
                         " WHERE action = 'account.password_reset'")
        me = one(db, "SELECT id FROM users WHERE email = ?", PATIENT[0])
        t.eq(len(audit), 1, "one audit row")
        if audit:
            t.eq(audit[0][:4], (me, "account.password_reset", "user", me), "naming the account")
            t.has(audit[0][4], "sessions ended 2", "what it did")
            t.lacks(audit[0][4], PATIENT[0], "no address in it")
        # Used: the same link again changes nothing.
        after = account_state(db, PATIENT[0])
        r = Browser(s).get(path)
        t.eq(r.status, 410, "a used link: 410")
        t.has(r.text, "has already been used", "says so")
        t.has(r.text, 'href="/password/forgot"', "offers a new one")
        b2 = Browser(s)
        r = b2.post(path, {"csrf": b2.csrf("/login"), "password": "third pass 99",
                           "password2": "third pass 99"})
        t.eq(r.status, 410, "using it again: 410")
        t.eq(account_state(db, PATIENT[0])[:3], after[:3], "nothing changed")
        t.eq(login_status(s, PATIENT[0], "third pass 99"), 400, "the link set nothing")
        # Expired: a new link, made old.
        forgot(Browser(s), PATIENT[0])
        got = links(sink, 2)
        t.eq(len(got), 2, "a second mail")
        path2 = got[1][1]
        exec_sql(db, "UPDATE password_resets SET expires_at = created_at - 1"
                     " WHERE used_at IS NULL")
        before = account_state(db, PATIENT[0])
        r = Browser(s).get(path2)
        t.eq(r.status, 410, "an expired link: 410")
        t.has(r.text, "has expired", "says so")
        b3 = Browser(s)
        r = b3.post(path2, {"csrf": b3.csrf("/login"), "password": "fourth pass 99",
                            "password2": "fourth pass 99"})
        t.eq(r.status, 410, "using it: 410")
        t.eq(account_state(db, PATIENT[0]), before, "nothing changed")
        # Unknown and malformed links.
        for bad in ("/password/reset/" + "A" * 43, "/password/reset/short",
                    "/password/reset/" + token[:-1] + ("B" if token[-1] != "B" else "C")):
            r = Browser(s).get(bad)
            t.eq(r.status, 404, "unknown link %s: 404" % bad[-8:])
            t.has(r.text, "is not valid", "says so")
        b4 = Browser(s)
        r = b4.post("/password/reset/" + "A" * 43, {"csrf": b4.csrf("/login"),
                                                    "password": "fifth pass 99",
                                                    "password2": "fifth pass 99"})
        t.eq(r.status, 404, "posting to an unknown link: 404")
        t.eq(account_state(db, PATIENT[0]), before, "nothing changed")
        # Bad input on the request form.
        r = forgot(Browser(s), "not an address")
        t.eq(r.status, 400, "a malformed address is refused")
        t.eq(len(sink.wait(2, timeout=1)), 2, "no other mail was sent")
    finally:
        sink.close()


def test_reset_requests_are_limited(t):
    sink = SMTPSink()
    try:
        db = fresh_db(t, "resetlimit")
        s = t.server(db, mail_args(sink.port) + PROXY)
        # Per e-mail address: three mails an hour, whoever asks; past that
        # the same answer and no mail.
        for i in range(5):
            r = forgot(From(s, "203.0.113.%d" % (10 + i)), PATIENT[0])
            t.eq(r.status, 200, "request %d answered the same" % i)
            t.has(r.text, "If an account uses this address", "request %d: same page" % i)
        t.eq(len(sink.wait(3)), 3, "three mails")
        t.eq(len(sink.wait(4, timeout=2)), 3, "and no more to one mailbox")
        t.eq(one(db, "SELECT count(*) FROM password_resets"), 3, "three tokens")
        # Per client address: five requests an hour, then 429.
        here = From(s, "198.51.100.77")
        for i in range(5):
            t.eq(forgot(here, "someone%d@example.org" % i).status, 200, "address request %d" % i)
        r = forgot(here, PATIENT2[0])
        t.eq(r.status, 429, "the sixth from one address: 429")
        t.ok(int(r.header("retry-after") or 0) > 0, "with Retry-After")
        t.has(r.text, "Too many requests for a new password", "says why")
        t.eq(r.text.count("If an account uses"), 0, "no pretence of a mail")
        t.eq(forgot(From(s, "198.51.100.78"), PATIENT2[0]).status, 200,
             "another address still may")
        t.eq(len(sink.wait(4)), 4, "that one was mailed")
    finally:
        sink.close()
