"""The patient's way back (issue 17): the status page's copy link and
"save to my account", the optional reply-notice address when mail is on,
withdrawing confirmed (without JavaScript), login and registration that
return where they were (local paths only: no open redirect), and a view
counted once per visitor and day without a cookie."""
import re
import urllib.parse

from askflow import (PATIENT, PATIENT2, Browser, ask, fresh_db, login, one, rows,
                     snapshot)
from test_mail import SMTPSink, mail_args

BAD_NEXT = ("//evil.example/", "https://evil.example/", "http:evil.example",
            "/\\evil.example", "/%2F/evil.example", "/%2f%2fevil.example",
            "%2F%2Fevil.example", "/%5Cevil.example", "/%252F%252Fevil.example",
            "/\t/evil.example", "/%09/evil.example", " /x", "javascript:alert(1)",
            "evil.example",
            # with a query (kept since issue 16's leftovers): still local only
            "//evil.example/?lang=vi", "/\\evil.example?lang=vi", "https://evil.example/?next=/",
            "/qa/1?lang=vi\r\nSet-Cookie: x=1", "/qa/1?q=a b",
            "/qa/1?q=" + "a" * 2100)


def test_status_page_keeps_the_link(t):
    db = fresh_db(t, "keep")
    s = t.server(db, args=["--public-url", "https://ask.example"])
    b = Browser(s)
    qid, path, token = ask(t, b, db)
    r = b.get(path)
    t.has(r.text, 'value="https://ask.example%s"' % path, "the full address to copy")
    t.has(r.text, 'data-copy-from="status-link"', "a copy button")
    t.has(r.text, "Copy link", "its label from the catalog")
    nxt = urllib.parse.quote(path, safe="/")
    t.has(r.text, 'href="/login?next=%s"' % nxt, "log in to save comes back")
    t.has(r.text, 'href="/register?next=%s"' % nxt, "register to save comes back")
    t.lacks(r.text, "Save to my account", "no save button before signing in")
    # anonymous POST save leads to the login page, nothing stored
    r = b.post(path + "/save", {"csrf": b.csrf(path)})
    t.eq(r.status, 303, "anonymous save: to log in")
    t.eq(r.header("location"), "/login?next=" + nxt, "login page with the way back")
    t.eq(one(db, "SELECT user_id FROM questions WHERE id = ?", qid), None, "not saved")


def test_save_to_account_after_login(t):
    db = fresh_db(t, "save")
    s = t.server(db)
    b = Browser(s)
    qid, path, token = ask(t, b, db)
    r = b.get("/login?next=" + urllib.parse.quote(path, safe="/"))
    t.has(r.text, 'name="next" value="%s"' % path, "the login form carries next")
    r = b.post("/login", {"csrf": b.csrf("/login"), "email": PATIENT[0],
                          "password": PATIENT[2], "next": path})
    t.eq(r.status, 303, "logged in")
    t.eq(r.header("location"), path, "back to the status page")
    r = b.get(path)
    t.has(r.text, "Save to my account", "save offered once signed in")
    r = b.post(path + "/save", {"csrf": b.csrf(path)})
    t.eq(r.status, 303, "saved")
    t.eq(r.header("location"), path + "?done=saved", "back with a notice")
    uid = one(db, "SELECT id FROM users WHERE email = ?", PATIENT[0])
    t.eq(one(db, "SELECT user_id FROM questions WHERE id = ?", qid), uid, "attached")
    r = b.get(path + "?done=saved")
    t.has(r.text, "Saved. You will also find", "saved notice")
    t.has(r.text, "This question is saved to your account.", "saved state")
    t.lacks(r.text, "Save to my account", "no second save")
    t.has(b.get("/my/questions").text, "/my/questions/%d" % qid, "under My questions")
    t.eq(b.get("/my/questions/%d" % qid).status, 200, "by account")
    t.eq(Browser(s).get(path).status, 200, "the status link keeps working")
    # saving again is harmless; another account cannot take it
    t.eq(b.post(path + "/save", {"csrf": b.csrf(path)}).status, 303, "again: fine")
    other = login(s, PATIENT2[0], PATIENT2[2])
    before = snapshot(db)
    r = other.post(path + "/save", {"csrf": other.csrf(path)})
    t.eq(r.status, 409, "another account cannot take a saved question")
    t.eq(snapshot(db), before, "nothing changed")
    t.eq(other.post(path + "/save", {}).status, 403, "save without CSRF refused")
    # a bad token is a 404, nothing saved
    t.eq(other.post("/my/question/" + "A" * 43 + "/save",
                    {"csrf": other.csrf(path)}).status, 404, "bad link")


def test_register_returns_where_you_were(t):
    db = fresh_db(t, "reg")
    s = t.server(db)
    b = Browser(s)
    qid, path, _ = ask(t, b, db)
    r = b.get("/register?next=" + urllib.parse.quote(path, safe="/"))
    t.has(r.text, 'name="next" value="%s"' % path, "register form carries next")
    t.has(r.text, 'href="/login?next=%s"' % urllib.parse.quote(path, safe="/"),
          "its login link keeps next")
    form = {"csrf": b.csrf("/register"), "name": "Reggie Reader",
            "email": "reggie@example.org", "password": "a long pass 987",
            "password2": "a long pass 987", "next": path}
    r = b.post("/register", form)
    t.eq(r.status, 303, "registered")
    t.eq(r.header("location"), path, "back to the status page")
    r = b.post(path + "/save", {"csrf": b.csrf(path)})
    t.eq(one(db, "SELECT u.email FROM questions q JOIN users u ON u.id = q.user_id"
             " WHERE q.id = ?", qid), "reggie@example.org", "saved to the new account")
    # a bad next on registration: home, the account still made
    b2 = Browser(s)
    form2 = dict(form, csrf=b2.csrf("/register"), email="reggie2@example.org",
                 next="//evil.example/")
    r = b2.post("/register", form2)
    t.eq(r.header("location"), "/", "bad next ignored on registration")


def test_next_accepts_only_local_paths(t):
    db = fresh_db(t, "next")
    s = t.server(db)
    for bad in BAD_NEXT:
        b = Browser(s)
        r = b.post("/login", {"csrf": b.csrf("/login"), "email": PATIENT[0],
                              "password": PATIENT[2], "next": bad})
        t.eq(r.status, 303, "login with next %r" % bad)
        t.eq(r.header("location"), "/", "next %r ignored" % bad)
        r = Browser(s).get("/login?next=" + urllib.parse.quote(bad, safe=""))
        t.lacks(r.text, 'name="next"', "next %r not carried in the form" % bad)
    for good in ("/qa/1", "/articles/x?y=1", "/my/question/" + "a" * 43,
                 "/qa/1?lang=vi", "/search?q=a%26b+%E8%82%9D&lang=zh-TW"):
        b = Browser(s)
        r = b.post("/login", {"csrf": b.csrf("/login"), "email": PATIENT[0],
                              "password": PATIENT[2], "next": good})
        t.eq(r.header("location"), good, "local next %r followed" % good)


def test_header_login_link_comes_back(t):
    db = fresh_db(t, "hdr")
    s = t.server(db)
    qid = one(db, "SELECT min(id) FROM questions WHERE status = 'published'")
    r = Browser(s).get("/qa/%d" % qid)
    t.has(r.text, 'href="/login?next=/qa/%d"' % qid, "header login link comes back")
    r = Browser(s).get("/login")
    t.lacks(r.text, 'href="/login?next=', "not on the login page itself")


def test_withdraw_is_confirmed(t):
    db = fresh_db(t, "wd")
    s = t.server(db)
    b = Browser(s)
    qid, path, _ = ask(t, b, db)
    r = b.get(path)
    t.has(r.text, 'data-confirm="', "the form asks first with JavaScript")
    before = snapshot(db)
    r = b.post(path + "/withdraw", {"csrf": b.csrf(path)})
    t.eq(r.status, 200, "without confirmation: a confirmation page")
    t.has(r.text, "Yes, withdraw it", "the confirm button")
    t.has(r.text, 'name="confirm" value="yes"', "it confirms")
    t.has(r.text, "No, keep my question", "a way out")
    t.eq(snapshot(db), before, "nothing changed yet")
    r = b.post(path + "/withdraw", {"csrf": b.csrf(path), "confirm": "no"})
    t.eq(r.status, 200, "confirm=no withdraws nothing")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid), "waiting", "waiting")
    r = b.post(path + "/withdraw", {"csrf": b.csrf(path), "confirm": "yes"})
    t.eq(r.status, 303, "confirmed")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid), "withdrawn", "withdrawn")


def test_reply_notice_address_on_status_page(t):
    sink = SMTPSink()
    try:
        db = fresh_db(t, "email")
        s = t.server(db, args=mail_args(sink.port))
        b = Browser(s)
        qid, path, _ = ask(t, b, db)
        r = b.get(path)
        t.has(r.text, 'id="notify-email"', "the address field with mail on")
        t.has(r.text, "Tell me when the reply comes", "its heading")
        before = snapshot(db)
        for bad in ("not-an-address", "a@b", "two@@example.org", "x" * 300 + "@example.org",
                    "eve@example.org\nBcc: x@example.org"):
            r = b.post(path + "/email", {"csrf": b.csrf(path), "email": bad})
            t.ok(r.status in (400, 413), "bad address %r refused (%d)" % (bad[:20], r.status))
            t.has(r.text, 'aria-invalid="true"', "the field is marked")
            if "\n" not in bad:
                t.has(r.text, 'value="%s"' % bad, "what was typed is kept")
        r = b.post(path + "/email", {"csrf": b.csrf(path), "email": ""})
        t.eq(r.status, 400, "empty address refused (remove is its own button)")
        t.eq(snapshot(db), before, "nothing stored")
        r = b.post(path + "/email", {"csrf": b.csrf(path), "email": "winnie@example.org"})
        t.eq(r.status, 303, "address saved")
        t.eq(one(db, "SELECT notify_email FROM questions WHERE id = ?", qid),
             "winnie@example.org", "stored with the question")
        r = b.get(path + "?done=email")
        t.has(r.text, "We will write to the address you gave", "says it is set")
        t.lacks(r.text, "winnie@example.org", "the address is not shown on the page")
        t.has(r.text, "Remove my address", "can remove it")
        r = b.post(path + "/email", {"csrf": b.csrf(path), "remove": "yes"})
        t.eq(r.status, 303, "removed")
        t.eq(one(db, "SELECT notify_email FROM questions WHERE id = ?", qid), None, "gone")
        t.eq(b.post(path + "/email", {"email": "a@example.org"}).status, 403, "CSRF needed")
        t.eq(s.logtext().count("winnie@example.org"), 0, "the address is never logged")
    finally:
        sink.close()


def test_reply_notice_address_in_data_download_and_removal(t):
    sink = SMTPSink()
    try:
        db = fresh_db(t, "email2")
        s = t.server(db, args=mail_args(sink.port))
        pat = login(s, PATIENT[0], PATIENT[2])
        qid, path, _ = ask(t, pat, db)
        r = pat.post("/my/questions/%d/email" % qid,
                     {"csrf": pat.csrf(path), "email": "pia.notice@example.org"})
        t.eq(r.status, 303, "set from the account's page")
        r = pat.post("/account/data", {"csrf": pat.csrf("/account")})
        t.has(r.text, "pia.notice@example.org", "in the data download")
    finally:
        sink.close()


def test_no_address_field_without_mail(t):
    db = fresh_db(t, "nomail")
    s = t.server(db)
    b = Browser(s)
    qid, path, _ = ask(t, b, db)
    t.lacks(b.get(path).text, 'id="notify-email"', "no field without mail")
    r = b.post(path + "/email", {"csrf": b.csrf(path), "email": "a@example.org"})
    t.eq(r.status, 404, "nothing to set without mail")
    t.eq(one(db, "SELECT notify_email FROM questions WHERE id = ?", qid), None, "nothing kept")


def views(html):
    m = re.search(r'<p class="views">(\d+) views?</p>', html)
    return int(m.group(1)) if m else None


def test_view_counted_once_per_visitor_a_day(t):
    db = fresh_db(t, "views")
    s = t.server(db)
    qid = one(db, "SELECT min(id) FROM questions WHERE status = 'published'")
    ua = {"User-Agent": "reader one"}
    n1 = views(s.get("/qa/%d" % qid, headers=ua).text)
    n2 = views(s.get("/qa/%d" % qid, headers=ua).text)  # a cache hit
    n3 = views(s.get("/qa/%d" % qid, headers=ua).text)
    t.ok(n1 is not None, "a count is shown")
    t.eq((n2, n3), (n1, n1), "reloading does not count again")
    n4 = views(s.get("/qa/%d" % qid, headers={"User-Agent": "reader two"}).text)
    t.eq(n4, n1 + 1, "another visitor counts")
    # the first visitor's view of another page still counts
    other = one(db, "SELECT min(id) FROM questions WHERE status = 'published' AND id > ?", qid)
    m1 = views(s.get("/qa/%d" % other, headers=ua).text)
    m2 = views(s.get("/qa/%d" % other, headers={"User-Agent": "reader two"}).text)
    t.eq(m2, m1 + 1, "per page")
    t.lacks(s.get("/qa/%d" % qid, headers=ua).header("set-cookie") or "", "=",
            "no cookie needed to read")
