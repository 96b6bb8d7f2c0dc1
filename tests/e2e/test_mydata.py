"""Patients' control of their data (issue 6, Safety 4): the account page,
the data download (a JSON attachment with everything about the account and
nothing about anyone else), account deletion (password again, one
transaction, what goes and what stays, signed out everywhere, the e-mail
free again, the last admin refused, nothing half-done when the
transaction fails) and withdrawing only while unanswered.

Each test works on its own copy of the demo database with the accounts of
askflow.fresh_db; facts are checked in the database as well as on the
pages."""
import json
import re
import time

from askflow import (ADMIN, MOD, ONCO, PATIENT, PATIENT2, SIGNOFF, Browser, ask, exec_sql,
                     fresh_db, login, one, pii_choices, reply, rows)

PRIVATE = "pia.secret.mail@example.net"  # personal data the ask form removes
NICK = "piapatientnick"


def uid(db, email):
    return one(db, "SELECT id FROM users WHERE email = ?", email)


def first_article(db):
    return one(db, "SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")


def login_status(s, email, password):
    """The status of a login attempt (303 signed in, 400 refused)."""
    b = Browser(s)
    return b.post("/login", {"csrf": b.csrf("/login"), "email": email,
                             "password": password}).status


def download(t, b):
    """POST /account/data; returns (response, parsed JSON or None)."""
    r = b.post("/account/data", {"csrf": b.csrf("/account")})
    try:
        return r, json.loads(r.text)
    except ValueError:
        return r, None


def delete(b, password):
    return b.post("/account/delete", {"csrf": b.csrf("/account/delete"), "password": password})


def state(db, user_id):
    """Everything deleting an account touches, to show nothing changed."""
    return (rows(db, "SELECT * FROM users ORDER BY id"),
            rows(db, "SELECT * FROM sessions ORDER BY token_hash"),
            rows(db, "SELECT * FROM questions ORDER BY id"),
            rows(db, "SELECT * FROM answers ORDER BY id"),
            rows(db, "SELECT * FROM question_links ORDER BY token_hash"),
            rows(db, "SELECT * FROM comments ORDER BY id"),
            rows(db, "SELECT * FROM doctors ORDER BY user_id"),
            rows(db, "SELECT * FROM articles ORDER BY id"),
            rows(db, "SELECT * FROM mail_queue ORDER BY id"),
            rows(db, "SELECT * FROM audit_log ORDER BY id"),
            rows(db, "SELECT count(*) FROM changes"))


def comment(t, b, db, text):
    path = "/articles/" + first_article(db)
    r = b.post(path + "/comments", {"csrf": b.csrf(path), "body": text})
    t.eq(r.status, 303, "comment posted")


def published_qa(t, s, db, asker, **over):
    """asker asks (signed in), the oncologist publishes a reply; returns
    (question id, status path)."""
    qid, path, _ = ask(t, asker, db, **over)
    doc = login(s, ONCO[0], ONCO[2])
    r = reply(t, doc, qid, body="Interferon **can lower** recurrence of small tumours.",
              **pii_choices(doc, qid))
    t.eq(r.status, 303, "reply published")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid), "published", "published")
    return qid, path


# ---- the account page, authentication and CSRF ----

def test_account_page_auth_and_csrf(t):
    db = fresh_db(t, "auth")
    s = t.server(db)
    anon = Browser(s)
    for path in ("/account", "/account/delete"):
        r = anon.get(path)
        t.eq(r.status, 303, "visitor sent to log in: " + path)
        t.ok((r.header("location") or "").startswith("/login"), "to /login: " + path)
    r = anon.post("/account/data", {"csrf": anon.csrf("/login")})
    t.eq(r.status, 303, "visitor with a valid form token: to log in, no data")
    t.ok((r.header("location") or "").startswith("/login"), "download: to /login")
    t.eq(anon.post("/account/data", {}).status, 403, "visitor without a token: 403")

    pat = login(s, PATIENT[0], PATIENT[2])
    t.has(pat.get("/").text, 'href="/account"', "the header links the account page")
    r = pat.get("/account")
    t.eq(r.status, 200, "account page")
    t.has(r.text, PATIENT[0], "shows the e-mail")
    t.has(r.text, 'action="/account/data"', "download form")
    t.has(r.text, 'href="/account/delete"', "delete link")
    t.has(r.header("cache-control") or "", "no-store", "private page")
    r = pat.post("/account/data", {"csrf": "x" * 43})
    t.eq(r.status, 403, "download with a bad token: 403")
    t.lacks(r.text, PATIENT[0], "no data with a bad token")
    t.lacks(r.header("content-disposition") or "", "attachment", "no attachment")
    before = state(db, uid(db, PATIENT[0]))
    r = pat.post("/account/delete", {"csrf": "x" * 43, "password": PATIENT[2]})
    t.eq(r.status, 403, "delete with a bad token: 403")
    r = pat.post("/account/delete", {"password": PATIENT[2]})
    t.eq(r.status, 403, "delete without a token: 403")
    t.eq(state(db, uid(db, PATIENT[0])), before, "nothing changed")
    t.eq(pat.get("/account").status, 200, "still signed in")


# ---- the download ----

def test_download_has_all_and_only_own_data(t):
    db = fresh_db(t, "download")
    s = t.server(db)
    pat = login(s, PATIENT[0], PATIENT[2])
    own_text = ("My father has liver cancer after hepatitis C. Please write to %s "
                "about whether interferon after surgery lowers recurrence." % PRIVATE)
    qid, path = published_qa(t, s, db, pat, text=own_text, nickname=NICK,
                             title="Interferon after liver surgery?")
    t.lacks(one(db, "SELECT text FROM questions WHERE id = ?", qid), PRIVATE,
            "the public text has the address removed")
    fu = pat.post(path + "/follow-up", {"csrf": pat.csrf(path), "title": "A follow-up on dosing",
                                        "text": "How long would the interferon course last?",
                                        "consent": "yes"})
    t.eq(fu.status, 303, "follow-up asked")
    fu_id = one(db, "SELECT max(id) FROM questions")
    comment(t, pat, db, "Thank you, this article helped my family a lot.")
    other = login(s, PATIENT2[0], PATIENT2[2])
    ask(t, other, db, title="Someone else's question", text="Private words of another "
        "patient about their gallbladder and what surgery means for it.")
    comment(t, other, db, "Another patient's comment on the article.")

    r, data = download(t, pat)
    t.eq(r.status, 200, "download")
    t.ok((r.header("content-type") or "").startswith("application/json"), "JSON")
    day = time.strftime("%Y%m%d", time.gmtime())
    t.eq(r.header("content-disposition"),
         'attachment; filename="askdoc-data-%s.json"' % day, "an attachment named by date")
    t.eq(r.header("cache-control"), "no-store", "not cached")
    t.eq(r.header("access-control-allow-origin"), None, "no CORS")
    t.ok(data is not None, "the file parses as JSON")
    if data is None:
        return
    t.eq(data["format"], "askdoc-user-data", "format named")
    t.eq(data["version"], 1, "version")
    t.eq(data["profile"]["email"], PATIENT[0], "profile e-mail")
    t.eq(data["profile"]["name"], PATIENT[1], "profile name")
    t.eq(data["doctor"], None, "no doctor profile")
    qs = {q["id"]: q for q in data["questions"]}
    t.eq(sorted(qs), sorted([qid, fu_id]), "their questions and follow-up, no other")
    q = qs.get(qid, {})
    t.eq(q.get("text"), own_text, "the question in the asker's own words (unredacted)")
    t.lacks(q.get("public_text", PRIVATE), PRIVATE, "beside the published wording")
    t.eq(q.get("status"), "published", "status")
    t.eq(q.get("nickname"), NICK, "nickname")
    t.has(json.dumps(q.get("replies")), "can lower", "the reply received")
    t.eq(qs.get(fu_id, {}).get("follow_up_of"), qid, "follow-up linked")
    t.eq([c["body"] for c in data["comments"]],
         ["Thank you, this article helped my family a lot."], "their comment only")
    t.ok(len(data["sessions"]) >= 1, "sessions listed")
    t.eq(sorted(data["sessions"][0]), ["created_at", "last_seen"],
         "sessions: times only")
    text = r.text
    for secret in rows(db, "SELECT token_hash FROM sessions") + \
            rows(db, "SELECT csrf FROM sessions") + \
            rows(db, "SELECT token_hash FROM question_links") + \
            rows(db, "SELECT token_hash FROM questions WHERE token_hash IS NOT NULL"):
        t.lacks(text, secret[0], "no token or token hash")
    t.lacks(text, "$argon2", "no password hash")
    t.lacks(text, "password", "no password field at all")
    for foreign in ("Someone else's question", "gallbladder", "Another patient's comment",
                    PATIENT2[0], PATIENT2[1]):
        t.lacks(text, foreign, "nothing of another user: " + foreign)

    # A doctor's download: profile (with licence), replies written.
    doc = login(s, ONCO[0], ONCO[2])
    r, d = download(t, doc)
    t.eq(r.status, 200, "doctor download")
    t.eq(d["doctor"]["hospital"], "Lakeside Hospital", "doctor profile")
    t.ok(d["doctor"]["verified"], "verified")
    t.eq([a["question_id"] for a in d["replies_written"]], [qid], "the reply written")
    t.lacks(r.text, PRIVATE, "a doctor's file holds no patient's original words")


# ---- deletion ----

def test_delete_wrong_password_changes_nothing(t):
    db = fresh_db(t, "wrongpw")
    s = t.server(db)
    pat = login(s, PATIENT[0], PATIENT[2])
    ask(t, pat, db)
    r = pat.get("/account/delete")
    t.eq(r.status, 200, "confirmation page")
    t.has(r.text, 'type="password"', "asks for the password")
    t.has(r.text, "What stays", "explains what stays")
    before = state(db, uid(db, PATIENT[0]))
    r = delete(pat, "not my password")
    t.eq(r.status, 400, "wrong password refused")
    t.has(r.text, "That password is not right", "clear message")
    r = delete(pat, "")
    t.eq(r.status, 400, "no password refused")
    t.has(r.text, "Please enter your password", "clear message")
    r = delete(pat, PATIENT2[2])
    t.eq(r.status, 400, "another account's password refused")
    t.eq(state(db, uid(db, PATIENT[0])), before, "nothing changed")
    t.eq(pat.get("/account").status, 200, "still signed in")


def test_delete_patient_account(t):
    db = fresh_db(t, "delpat")
    s = t.server(db)
    pat = login(s, PATIENT[0], PATIENT[2])
    me = uid(db, PATIENT[0])
    pub_id, pub_path = published_qa(t, s, db, pat, nickname=NICK,
                                    title="Can CT and MRI rule out metastasis?",
                                    text="Before liver cancer surgery, can CT and MRI rule "
                                         "out spread? Mail me at %s please." % PRIVATE)
    wait_id, wait_path, _ = ask(t, pat, db, title="A question still waiting")
    comment(t, pat, db, "A comment that must go with the account.")
    other_device = login(s, PATIENT[0], PATIENT[2])
    t.eq(one(db, "SELECT count(*) FROM sessions WHERE user_id = ?", me), 2,
         "signed in on two devices")
    exec_sql(db, "INSERT INTO mail_queue (created_at, recipient, subject, body, next_at)"
             " VALUES ('2026-01-01T00:00:00Z', ?, 's', 'b', 9999999999)", PATIENT[0].upper())
    exec_sql(db, "INSERT INTO mail_queue (created_at, recipient, subject, body, next_at)"
             " VALUES ('2026-01-01T00:00:00Z', 'someone@example.org', 's', 'b', 9999999999)")
    t.has(s.get("/qa/%d" % pub_id).text, NICK, "the nickname shows before")

    r = delete(pat, PATIENT[2])
    t.eq(r.status, 200, "deleted")
    t.has(r.text, "Your account has been deleted", "told so")
    t.lacks(r.text, PATIENT[1], "the page no longer names them")
    t.has(r.text, 'href="/login"', "signed out on that page")
    t.eq(pat.get("/account").status, 303, "signed out")
    t.eq(other_device.get("/account").status, 303, "signed out on the other device too")
    t.eq(one(db, "SELECT count(*) FROM sessions WHERE user_id = ?", me), 0, "no sessions")
    t.eq(login_status(s, PATIENT[0], PATIENT[2]), 400, "the old login fails")

    u = rows(db, "SELECT email, name, password_hash, disabled, role FROM users WHERE id = ?",
             me)[0]
    t.eq(u[0], "deleted:%d" % me, "e-mail gone")
    t.eq(u[1], "A former member", "name gone")
    t.eq(u[2], None, "password gone")
    t.eq(u[3], 1, "disabled")
    t.eq(u[4], "patient", "no role")
    t.eq(one(db, "SELECT count(*) FROM questions WHERE id = ?", wait_id), 0,
         "the waiting question is deleted")
    t.eq(Browser(s).get(wait_path).status, 404, "its status link is gone")
    pub = rows(db, "SELECT status, user_id, nickname, token_hash, original_text, notify_email"
               " FROM questions WHERE id = ?", pub_id)[0]
    t.eq(pub, ("published", None, None, None, None, None),
         "the published Q&A stays, unlinked and anonymous")
    t.eq(one(db, "SELECT count(*) FROM question_links WHERE question_id = ?", pub_id), 0,
         "no status links left")
    t.eq(Browser(s).get(pub_path).status, 404, "its status page is gone")
    r = s.get("/qa/%d" % pub_id)
    t.eq(r.status, 200, "the published Q&A remains")
    t.has(r.text, "Can CT and MRI rule out metastasis?", "with its question")
    t.has(r.text, "can lower", "and its reply")
    t.lacks(r.text, NICK, "without the nickname")
    t.lacks(r.text, PATIENT[1], "without their name")
    t.lacks(r.text, PRIVATE, "without the removed personal data")
    t.ok(re.search(r'<p class="asker">30~39 year old female\. Ask Date', r.text) is not None,
         "the asker line reads well without a nickname")
    t.eq(one(db, "SELECT count(*) FROM comments WHERE user_id = ?", me), 0, "comments gone")
    t.lacks(s.get("/articles/" + first_article(db)).text, "A comment that must go",
            "the comment left the article page")
    t.eq(rows(db, "SELECT recipient FROM mail_queue ORDER BY id"), [("someone@example.org",)],
         "mail to them dropped, other mail kept")
    audit = rows(db, "SELECT user_id, action, detail FROM audit_log WHERE action ="
                 " 'account.delete'")
    t.eq(len(audit), 1, "one audit row")
    if audit:
        t.eq(audit[0][0], me, "naming the account")
        t.lacks(audit[0][2], PATIENT[0], "no personal data in the audit row")
        t.has(audit[0][2], "questions deleted 1, kept 1", "what was done")
    # The e-mail can be registered again: a new account, none of the old data.
    b = Browser(s)
    r = b.post("/register", {"csrf": b.csrf("/register"), "name": "Pia Again",
                             "email": PATIENT[0], "password": "a new pass 99",
                             "password2": "a new pass 99"})
    t.eq(r.status, 303, "the e-mail registers again")
    t.lacks(b.get("/my/questions").text, "Can CT and MRI", "the new account has no old data")
    # Deleting twice is not possible: the tombstone cannot sign in.
    t.eq(login_status(s, "deleted:%d" % me, PATIENT[2]), 400, "tombstone cannot log in")


def test_delete_doctor_keeps_replies(t):
    db = fresh_db(t, "deldoc")
    s = t.server(db)
    asker = login(s, PATIENT2[0], PATIENT2[2])
    qid, status_path = published_qa(t, s, db, asker, title="Recurrence after embolisation")
    doc_id = uid(db, ONCO[0])
    t.eq(s.get("/doctor/%d" % doc_id).status, 200, "the doctor's page before")
    t.has(s.get("/qa/%d" % qid).text, ONCO[1], "the reply names the doctor before")
    doc = login(s, ONCO[0], ONCO[2])
    r = doc.get("/account/delete")
    t.has(r.text, "A former doctor", "the page says how replies stay")
    r = delete(doc, ONCO[2])
    t.eq(r.status, 200, "doctor account deleted")
    t.has(r.text, "Replies kept", "told the replies stay")
    r = s.get("/qa/%d" % qid)
    t.eq(r.status, 200, "the Q&A stays published")
    t.has(r.text, "can lower", "the reply patients rely on stays")
    t.has(r.text, "A former doctor reply", "attributed to a former doctor")
    t.lacks(r.text, ONCO[1], "no longer the doctor's name")
    t.lacks(r.text, SIGNOFF, "no personal sign-off")
    t.lacks(r.text, 'href="/doctor/%d"' % doc_id, "no link to a profile")
    t.eq(s.get("/doctor/%d" % doc_id).status, 404, "the profile is gone")
    t.lacks(s.get("/doctors").text, ONCO[1], "not in the doctors list")
    t.eq(one(db, "SELECT count(*) FROM doctors WHERE user_id = ?", doc_id), 0, "profile deleted")
    t.eq(rows(db, "SELECT doctor_id, author_name, signoff FROM answers WHERE question_id = ?",
              qid), [(None, "A former doctor", None)], "the answer row re-attributed")
    r = asker.get(status_path)
    t.has(r.text, "can lower", "the asker still reads their reply")
    t.eq(login_status(s, ONCO[0], ONCO[2]), 400, "the doctor cannot log in")


def test_last_admin_cannot_delete_themselves(t):
    db = fresh_db(t, "lastadmin")
    s = t.server(db)
    adm = login(s, ADMIN[0], ADMIN[2])
    before = state(db, uid(db, ADMIN[0]))
    r = delete(adm, ADMIN[2])
    t.eq(r.status, 409, "the last admin is refused")
    t.has(r.text, "last administrator", "clear message")
    t.eq(state(db, uid(db, ADMIN[0])), before, "nothing changed")
    t.eq(adm.get("/admin").status, 200, "still signed in as admin")
    # With a second admin, the first may go.
    exec_sql(db, "UPDATE users SET role = 'admin' WHERE email = ?", MOD[0])
    r = delete(adm, ADMIN[2])
    t.eq(r.status, 200, "deleted once another admin exists")
    t.eq(one(db, "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0"), 1,
         "one admin left")
    mod = login(s, MOD[0], MOD[2])
    r = mod.get("/admin/users")
    t.eq(r.status, 200, "the users page lists the tombstone")
    t.lacks(r.text, ADMIN[0], "without the deleted admin's e-mail")
    t.lacks(r.text, ADMIN[1], "or name")
    r = delete(mod, MOD[2])
    t.eq(r.status, 409, "and that one is now the last")


def test_delete_failure_leaves_nothing_half_done(t):
    db = fresh_db(t, "atomic")
    s = t.server(db)
    pat = login(s, PATIENT[0], PATIENT[2])
    me = uid(db, PATIENT[0])
    published_qa(t, s, db, pat, nickname=NICK)
    ask(t, pat, db, title="Waiting one")
    comment(t, pat, db, "A comment to keep if deletion fails.")
    # The audit row is the transaction's last write: make it fail.
    exec_sql(db, "CREATE TRIGGER fail_delete BEFORE INSERT ON audit_log"
             " WHEN NEW.action = 'account.delete'"
             " BEGIN SELECT RAISE(ABORT, 'forced failure'); END")
    before = state(db, me)
    r = delete(pat, PATIENT[2])
    t.eq(r.status, 500, "the failure is reported")
    t.eq(state(db, me), before, "nothing half-done: every row as before")
    t.eq(pat.get("/account").status, 200, "still signed in")
    t.eq(login_status(s, PATIENT[0], PATIENT[2]), 303, "can still log in")
    exec_sql(db, "DROP TRIGGER fail_delete")
    r = delete(pat, PATIENT[2])
    t.eq(r.status, 200, "deleted once the failure is gone")
    t.eq(one(db, "SELECT count(*) FROM questions WHERE user_id = ?", me), 0, "unlinked")


# ---- withdrawing ----

def test_withdraw_refused_once_answered(t):
    db = fresh_db(t, "withdraw")
    s = t.server(db)
    pat = login(s, PATIENT[0], PATIENT[2])
    qid, path = published_qa(t, s, db, pat)
    r = pat.post(path + "/withdraw", {"csrf": pat.csrf(path)})
    t.eq(r.status, 409, "a published question cannot be withdrawn")
    r = pat.post("/my/questions/%d/withdraw" % qid, {"csrf": pat.csrf("/my/questions")})
    t.eq(r.status, 409, "not by account either")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid), "published", "still published")
    # Answered without consent to publication: private, still not withdrawable.
    qid2, path2, _ = ask(t, pat, db, consent=None)
    doc = login(s, ONCO[0], ONCO[2])
    r = reply(t, doc, qid2, action="send")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid2), "answered",
         "answered privately (status %d)" % r.status)
    r = pat.post(path2 + "/withdraw", {"csrf": pat.csrf(path2)})
    t.eq(r.status, 409, "an answered question cannot be withdrawn")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid2), "answered", "still answered")


def test_privacy_requests_in_download_and_deletion(t):
    """The asker's requests about their questions and the reports they
    filed are in their download (never another reader's); deleting the
    account removes the reports it filed and its closed requests, and
    leaves an open request to unpublish for the moderators."""
    db = fresh_db(t, "myrequests")
    s = t.server(db)
    pat = login(s, PATIENT[0], PATIENT[2])
    me = uid(db, PATIENT[0])
    qid, path = published_qa(t, s, db, pat, title="A question I want back")
    other_q, _ = published_qa(t, s, db, login(s, PATIENT2[0], PATIENT2[2]),
                              title="Someone else's published question")
    for kind, note in (("remove_details", "My-remove-note"), ("unpublish", "My-unpublish-note")):
        r = pat.post(path + "/request", {"csrf": pat.csrf(path), "kind": kind, "note": note})
        t.eq(r.status, 303, kind + " requested")
    rpath = "/qa/%d/report" % other_q
    r = pat.post(rpath, {"csrf": pat.csrf(rpath), "reason": "My-report-reason"})
    t.eq(r.status, 200, "reported signed in")
    stranger = login(s, PATIENT2[0], PATIENT2[2])
    r = stranger.post("/qa/%d/report" % qid, {"csrf": stranger.csrf("/qa/%d/report" % qid),
                                              "reason": "Stranger-report-reason"})
    t.eq(r.status, 200, "someone else reports the asker's Q&A")
    mod = login(s, MOD[0], MOD[2])
    rid = one(db, "SELECT id FROM qa_requests WHERE kind = 'remove_details'")
    r = mod.post("/moderate/requests/%d/dismiss" % rid, {"csrf": mod.csrf("/moderate/requests")})
    t.eq(r.status, 303, "moderator closes the remove request")

    r, data = download(t, pat)
    t.eq(r.status, 200, "download")
    reqs = (data or {}).get("requests", [])
    got = sorted((x["as"], x["kind"], x["note"], x["resolved_at"] is not None) for x in reqs)
    t.eq(got, [("asker", "remove_details", "My-remove-note", True),
               ("asker", "unpublish", "My-unpublish-note", False),
               ("reporter", "report", "My-report-reason", False)],
         "own requests and reports, with their state")
    t.lacks(r.text, "Stranger-report-reason", "never another reader's report")

    t.eq(delete(pat, PATIENT[2]).status, 200, "deleted")
    left = rows(db, "SELECT kind, requester, note FROM qa_requests ORDER BY id")
    t.eq(left, [("unpublish", "asker", "My-unpublish-note"),
                ("report", "u:%d" % uid(db, PATIENT2[0]), "Stranger-report-reason")],
         "open unpublish request and others' reports stay; own report and closed request go")
    t.has(one(db, "SELECT detail FROM audit_log WHERE action = 'account.delete'"),
          "requests 2", "counted in the audit row")
    t.eq(one(db, "SELECT user_id FROM questions WHERE id = ?", qid), None,
         "the question stays, unsigned")
    t.ok(me > 0, "sanity")
