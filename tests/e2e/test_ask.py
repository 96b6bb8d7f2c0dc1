"""Asking: the ask form, the private status page (a capability URL whose
token is stored only hashed), withdrawing, follow-ups, a signed-in
patient's questions; bad, oversized and cross-site input (clear messages,
400/413/403, nothing stored, checked in the database); hostile text in
every field rendering inert on every page that shows it."""
import hashlib
import re

import harness
from askflow import (Browser, login, MOD, ONCO, PATIENT, PATIENT2, ask, ask_form, dept_id,
                     fresh_db, one, reply, rows, snapshot)


def test_ask_form_is_accessible(t):
    db = fresh_db(t, "form")
    s = t.server(db)
    r = Browser(s).get("/ask")
    t.eq(r.status, 200, "ask form")
    for field in ("title", "text", "nickname", "age_band", "sex", "department", "consent"):
        t.ok(re.search(r'<label for="%s">' % field, r.text) is not None, "label for " + field)
        t.ok(re.search(r'id="%s"' % field, r.text) is not None, "field " + field)
    t.has(r.text, 'name="csrf" value="', "CSRF field")
    t.has(r.text, "Not sure", "a not-sure department choice")
    for band in ("0-9", "30-39", "90+"):
        t.has(r.text, '<option value="%s">' % band, "age band " + band)
    t.has(r.text, ">Oncology</option>", "departments listed")
    t.lacks(r.text, 'id="email"', "no e-mail field without SMTP")
    t.has(r.text, "emergency", "emergency notice")
    t.lacks(r.text, "<script>", "no inline script: works without JavaScript")
    oncology = dept_id(db, "Oncology")
    slug = one(db, "SELECT slug FROM departments WHERE id = ?", oncology)
    r = Browser(s).get("/ask?department=" + slug)
    t.has(r.text, '<option value="%d" selected>' % oncology, "?department= pre-selects")


def test_ask_creates_private_status_page(t):
    db = fresh_db(t, "status")
    s = t.server(db)
    b = Browser(s)
    qid, path, token = ask(t, b, db)
    row = rows(db, "SELECT status, consent, token_hash, nickname, age_band, sex, user_id,"
               " notify_email, department_id FROM questions WHERE id = ?", qid)[0]
    t.eq(row[0], "waiting", "stored waiting")
    t.eq(row[1], 1, "consent stored")
    t.eq(row[2], hashlib.blake2b(token.encode(), digest_size=32).hexdigest(),
         "only the token's BLAKE2b-256 is stored")
    t.eq(one(db, "SELECT count(*) FROM questions WHERE token_hash = ? OR text LIKE ?",
             token, "%" + token + "%"), 0, "the token itself is nowhere")
    t.eq(row[3:6], ("winnie", "30-39", "female"), "patient details stored")
    t.eq(row[6], None, "anonymous: no account")
    t.eq(row[7], None, "no e-mail kept without SMTP")
    t.eq(row[8], dept_id(db, "Oncology"), "department stored")
    r = Browser(s).get(path)  # another browser: the link is the key
    t.eq(r.status, 200, "status page by link alone")
    t.has(r.text, "Does interferon lower liver cancer recurrence?", "title shown")
    t.has(r.text, "waiting for a doctor", "status waiting")
    t.has(r.text, "winnie, 30~39 year old female", "asker line")
    t.has(r.text, "Withdraw my question", "withdraw offered while waiting")
    t.lacks(r.text, "Ask a follow-up", "no follow-up before a reply")
    t.has(r.text, '<meta name="robots" content="noindex, nofollow">', "noindex")
    t.lacks(r.text, 'rel="canonical"', "no canonical URL")
    t.has(r.header("cache-control") or "", "no-store", "not cached")
    t.eq(r.header("referrer-policy"), "no-referrer", "link never sent as Referer")
    # wrong, malformed and hash-as-token links are 404
    bad = ["A" * 43, token[:-1], token + "A", "x", token[:-1] + "~",
           one(db, "SELECT token_hash FROM questions WHERE id = ?", qid)]
    for p in bad:
        t.eq(s.get("/my/question/" + p).status, 404, "bad link %r is 404" % p[:10])
    # not public anywhere while waiting
    t.eq(s.get("/qa/%d" % qid).status, 404, "waiting question not public")
    t.lacks(s.get("/").text, "Does interferon lower liver cancer", "not on home")


def test_withdraw(t):
    db = fresh_db(t, "withdraw")
    s = t.server(db)
    b = Browser(s)
    qid, path, _ = ask(t, b, db)
    r = b.post(path + "/withdraw", {"csrf": b.csrf(path), "confirm": "yes"})
    t.eq(r.status, 303, "withdraw")
    t.eq(r.header("location"), path, "back to the status page")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid), "withdrawn", "withdrawn")
    r = b.get(path)
    t.has(r.text, "You withdrew this question", "status says withdrawn")
    t.lacks(r.text, "Withdraw my question", "no second withdraw button")
    r = b.post(path + "/withdraw", {"csrf": b.csrf("/ask")})
    t.eq(r.status, 409, "second withdraw refused")
    doc = login(s, ONCO[0], ONCO[2])
    t.lacks(doc.get("/doctor/queue?all=1").text, "/doctor/question/%d\"" % qid,
            "withdrawn question left the queue")
    r = reply(t, doc, qid)
    t.eq(r.status, 404, "a withdrawn question cannot be answered (not there for doctors)")
    t.eq(one(db, "SELECT count(*) FROM answers WHERE question_id = ?", qid), 0, "no answer")


def test_follow_up_links_both_ways(t):
    db = fresh_db(t, "followup")
    s = t.server(db)
    b = Browser(s)
    qid, path, _ = ask(t, b, db)
    r = b.post(path + "/follow-up", {"csrf": b.csrf(path), "title": "And the side effects?",
                                     "text": "What side effects should we expect from it?"})
    t.eq(r.status, 409, "no follow-up before the reply")
    doc = login(s, ONCO[0], ONCO[2])
    t.eq(reply(t, doc, qid).status, 303, "first question answered")
    r = b.get(path)
    t.has(r.text, "Ask a follow-up question", "follow-up form after the reply")
    before = snapshot(db)
    r = b.post(path + "/follow-up", {"csrf": b.csrf(path), "title": "x", "text": "short"})
    t.eq(r.status, 400, "bad follow-up refused")
    t.has(r.text, "The title is too short", "follow-up title message")
    t.has(r.text, "at least 15 characters", "follow-up text message")
    t.eq(snapshot(db), before, "nothing stored for a bad follow-up")
    r = b.post(path + "/follow-up", {"csrf": b.csrf(path), "title": "And the side effects?",
                                     "text": "What side effects should we expect from it?",
                                     "consent": "yes"})
    t.eq(r.status, 303, "follow-up accepted")
    fpath = r.header("location")
    fid = one(db, "SELECT max(id) FROM questions")
    t.eq(rows(db, "SELECT follow_up_of, nickname, age_band, sex, department_id FROM questions"
              " WHERE id = ?", fid)[0],
         (qid, "winnie", "30-39", "female", dept_id(db, "Oncology")),
         "follow-up linked and inherits the patient's details")
    t.ok(fpath != path and fpath.startswith("/my/question/"), "follow-up has its own link")
    r = b.get(fpath)
    t.has(r.text, "Follow-up to <a href=\"/qa/%d\">Does interferon" % qid,
          "follow-up's page links its first question")
    r = b.get(path)
    t.has(r.text, "Follow-up questions", "first question lists follow-ups")
    t.has(r.text, "And the side effects?", "follow-up title listed")
    # public pages: only published follow-ups are shown
    r = s.get("/qa/%d" % qid)
    t.lacks(r.text, "Follow-up questions", "waiting follow-up not public")
    t.eq(reply(t, doc, fid, body="Fatigue and fever are common.").status, 303,
         "follow-up answered")
    r = s.get("/qa/%d" % qid)
    t.has(r.text, "Follow-up questions", "published follow-up listed publicly")
    t.has(r.text, '<a href="/qa/%d">And the side effects?</a>' % fid, "link to the follow-up")
    r = s.get("/qa/%d" % fid)
    t.has(r.text, 'Follow-up to <a href="/qa/%d">' % qid, "follow-up page links back")
    doc_view = doc.get("/doctor/question/%d" % fid)
    t.has(doc_view.text, 'Follow-up to <a href="/doctor/question/%d">' % qid,
          "doctor sees the link too")


def test_signed_in_patient_questions(t):
    db = fresh_db(t, "mine")
    s = t.server(db)
    pat = login(s, PATIENT[0], PATIENT[2])
    qid, _, _ = ask(t, pat, db, title="My own question about chemo")
    uid = one(db, "SELECT id FROM users WHERE email = ?", PATIENT[0])
    t.eq(one(db, "SELECT user_id FROM questions WHERE id = ?", qid), uid, "linked to account")
    t.has(pat.get("/").text, 'href="/my/questions"', "header links my questions")
    r = pat.get("/my/questions")
    t.eq(r.status, 200, "my questions")
    t.has(r.text, '<a href="/my/questions/%d">My own question about chemo</a>' % qid, "listed")
    r = pat.get("/my/questions/%d" % qid)
    t.eq(r.status, 200, "own question by account")
    t.has(r.text, "Withdraw my question", "withdraw there too")
    other = login(s, PATIENT2[0], PATIENT2[2])
    t.eq(other.get("/my/questions/%d" % qid).status, 404, "another patient: 404")
    t.lacks(other.get("/my/questions").text, "My own question about chemo", "not in theirs")
    r = other.post("/my/questions/%d/withdraw" % qid, {"csrf": other.csrf("/my/questions")})
    t.eq(r.status, 404, "another patient cannot withdraw it")
    anon = Browser(s)
    r = anon.get("/my/questions")
    t.eq(r.status, 303, "anonymous sent to log in")
    r = pat.post("/my/questions/%d/withdraw" % qid, {"csrf": pat.csrf("/my/questions"), "confirm": "yes"})
    t.eq(r.status, 303, "owner withdraws by account")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid), "withdrawn", "withdrawn")


def test_bad_input_clear_messages_nothing_stored(t):
    db = fresh_db(t, "bad")
    s = t.server(db)
    b = Browser(s)
    before = snapshot(db)
    cases = [
        ({"title": ""}, 400, "Please give your question a title"),
        ({"title": "Hi"}, 400, "The title is too short"),
        ({"title": "   \t  "}, 400, "Please give your question a title"),
        ({"text": ""}, 400, "Please write your question"),
        ({"text": "Too short."}, 400, "at least 15 characters"),
        ({"age_band": "33"}, 400, "Please choose an age from the list"),
        ({"sex": "robot"}, 400, "Please choose female, male, other"),
        ({"department": "999999"}, 400, "Please choose one of the departments"),
        ({"department": "abc"}, 400, "Please choose one of the departments"),
        ({"nickname": "n" * 61}, 413, "The nickname is too long"),
        ({"title": "t" * 301}, 413, "The title is too long: at most 300 characters"),
        ({"title": "肝" * 301}, 413, "The title is too long: at most 300 characters"),
        ({"text": "q" * (20 * 1024 + 1)}, 413, "The question is too long: at most 20480 characters"),
        # one control-character rule on every form (web/form.h)
        ({"title": "Headache\x1b[31m at night"}, 400, "characters that are not allowed"),
        ({"text": "My mother had surgery\x07 and now has a fever."}, 400,
         "characters that are not allowed"),
        ({"nickname": "tab\there"}, 400, "characters that are not allowed"),
    ]
    for over, status, msg in cases:
        f = ask_form(b, db, **over)
        r = b.post("/ask", f)
        what = "bad %s" % ",".join(over)
        t.eq(r.status, status, what + ": status")
        t.has(r.text, msg, what + ": message")
        t.has(r.text, 'aria-invalid="true"', what + ": field marked")
        t.has(r.text, 'class="form-errors" role="alert"', what + ": summary")
        # what the patient typed is kept (text fields and choices)
        if "title" not in over:
            t.has(r.text, 'value="Does interferon lower liver cancer recurrence?"',
                  what + ": title kept")
        if "text" not in over:
            t.has(r.text, "My mother had surgery", what + ": text kept")
        if "age_band" not in over:
            t.has(r.text, '<option value="30-39" selected>', what + ": age kept")
        t.has(r.text, 'name="consent" type="checkbox" value="yes" checked', what + ": consent kept")
    # two errors at once: both reported
    r = b.post("/ask", ask_form(b, db, title="", text=""))
    t.has(r.text, "Please give your question a title", "first of two errors")
    t.has(r.text, "Please write your question", "second of two errors")
    # beyond the HTTP layer's limits: a field over 128 KiB, a body over 256 KiB
    r = b.post("/ask", ask_form(b, db, text="x" * (130 * 1024)))
    t.ok(r.status in (400, 413), "field over the form limit: %d" % r.status)
    r = b.post("/ask", ask_form(b, db, text="x" * (300 * 1024)))
    t.eq(r.status, 413, "body over the request limit")
    # invalid UTF-8 never reaches the page
    raw = "csrf=%s&title=%%ff%%fe%%fdabcdef&text=%s" % (b.csrf("/ask"), "y" * 30)
    r = b.request("POST", "/ask", body=raw,
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    t.eq(r.status, 400, "invalid UTF-8 refused")
    t.eq(snapshot(db), before, "nothing stored for any bad form")
    # limits count characters, not bytes: 300 Chinese characters (900
    # bytes) fit the title's 300
    qid, _, _ = ask(t, b, db, title="肝" * 300)
    t.eq(one(db, "SELECT title FROM questions WHERE id = ?", qid), "肝" * 300,
         "a 300-character Chinese title kept whole")


def test_csrf_rejected_nothing_stored(t):
    db = fresh_db(t, "csrf")
    s = t.server(db)
    b = Browser(s)
    qid, path, _ = ask(t, b, db)
    before = snapshot(db)
    good = ask_form(b, db)
    for label, tok in (("missing", None), ("wrong", "C" * 43), ("empty", "")):
        f = dict(good)
        f.pop("csrf")
        if tok is not None:
            f["csrf"] = tok
        t.eq(b.post("/ask", f).status, 403, "ask: %s token refused" % label)
        f2 = {"title": "A follow-up question", "text": "Is this follow-up refused now?"}
        if tok is not None:
            f2["csrf"] = tok
        t.eq(b.post(path + "/withdraw", f2).status, 403, "withdraw: %s token" % label)
        t.eq(b.post(path + "/follow-up", f2).status, 403, "follow-up: %s token" % label)
    # a valid token without its cookie: a cross-site post
    t.eq(Browser(s).post("/ask", good).status, 403, "token without its cookie")
    t.eq(snapshot(db), before, "nothing stored after CSRF refusals")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid), "waiting", "still waiting")


HOSTILE = {
    "title": "<script>alert('t')</script> \"><img src=x onerror=alert(1)> javascript:alert(2)",
    "text": "Help <script>alert('q')</script> please \"><svg onload=alert(3)>"
            " [click](javascript:alert(4)) <a href=\"javascript:alert(5)\">x</a> and more",
    "nickname": "\"><script>alert('n')</script>",
}
BAD_MARKS = ["<script>alert", "<img src=x", "<svg onload", 'href="javascript:',
             "href='javascript:", "onerror=alert(1)>"]


def assert_inert(t, html, what):
    for m in BAD_MARKS:
        t.lacks(html, m, "%s: %r rendered inert" % (what, m))


def test_hostile_input_rendered_inert(t):
    db = fresh_db(t, "hostile")
    s = t.server(db)
    b = Browser(s)
    qid, path, _ = ask(t, b, db, **HOSTILE)
    t.eq(one(db, "SELECT title FROM questions WHERE id = ?", qid), HOSTILE["title"],
         "stored verbatim (escaping is the page's job)")
    r = b.get(path)
    assert_inert(t, r.text, "status page")
    t.has(r.text, "&lt;script&gt;alert(", "status page shows the text escaped")
    doc = login(s, ONCO[0], ONCO[2])
    for p in ("/doctor/queue", "/doctor/question/%d" % qid):
        assert_inert(t, doc.get(p).text, p)
    body = ("Hello <script>alert('r')</script> [bad](javascript:alert(6)) "
            "<img src=x onerror=alert(1)> **bold**")
    r = reply(t, doc, qid, body=body, action="preview",
              signoff="\"><script>alert('s')</script>",
              new_topic="<script>alert('topic')</script>")
    t.eq(r.status, 200, "preview")
    assert_inert(t, r.text, "preview")
    t.has(r.text, "<strong>bold</strong>", "preview renders Markdown")
    r = reply(t, doc, qid, body=body, signoff="\"><script>alert('s')</script>",
              new_topic="<script>alert('topic')</script>")
    t.eq(r.status, 303, "published")
    for p in ("/qa/%d" % qid, path):
        html = s.get(p).text if p.startswith("/qa") else b.get(p).text
        assert_inert(t, html, p)
        t.has(html, "<strong>bold</strong>", p + ": Markdown rendered")
    mod = login(s, MOD[0], MOD[2])
    assert_inert(t, mod.get("/moderate/question/%d" % qid).text, "moderation page")
    slug = one(db, "SELECT slug FROM topics WHERE name = ?", "<script>alert('topic')</script>")
    t.ok(slug is not None, "hostile topic stored as a name")
    assert_inert(t, s.get("/topic/" + slug).text, "topic page")
    assert_inert(t, s.get("/").text, "home page")
