"""Privacy defaults (issue 11): publication consent is opt-in, an asker
can ask to remove personal details or to unpublish after publication,
every published Q&A can be reported with a reason, and moderators see the
reasons."""
import html
import re

from askflow import (Browser, login, MOD, ONCO, PATIENT, ask, ask_form, exec_sql,
                     fresh_db, one, reply, rows)

CONSENT_RE = re.compile(r'<input id="consent" name="consent" type="checkbox" value="yes"( checked)?')


def consent_ticked(t, html, what):
    m = CONSENT_RE.search(html)
    t.ok(m is not None, what + ": consent box present")
    return bool(m and m.group(1))


def test_consent_is_opt_in(t):
    db = fresh_db(t, "optin")
    s = t.server(db)
    b = Browser(s)
    r = b.get("/ask")
    t.eq(r.status, 200, "ask form")
    t.ok(not consent_ticked(t, r.text, "first showing"), "consent unticked by default")
    t.has(html.unescape(r.text), "Yes, publish my question and the doctor's reply", "clear wording")
    t.has(r.text, "Leave this unticked", "the hint says it is optional")
    # An error re-shows the form with the patient's own choice, both ways.
    r = b.post("/ask", ask_form(b, db, title="", consent=None))
    t.eq(r.status, 400, "missing title refused")
    t.ok(not consent_ticked(t, r.text, "error, no consent"), "unticked choice kept")
    r = b.post("/ask", ask_form(b, db, title="", consent="yes"))
    t.ok(consent_ticked(t, r.text, "error, consent"), "ticked choice kept")
    # Sent without ticking: stored without consent.
    qid, _, _ = ask(t, b, db, consent=None)
    t.eq(one(db, "SELECT consent FROM questions WHERE id = ?", qid), 0, "no consent stored")


def published(t, s, db, **over):
    """A question asked with consent and published by the oncologist;
    returns (question id, status path, the asker's browser)."""
    patient = Browser(s)
    qid, path, _ = ask(t, patient, db, **over)
    doc = login(s, ONCO[0], ONCO[2])
    # The reply editor asks the doctor to keep or remove each span the
    # personal-data check flagged; remove them all.
    editor = doc.get("/doctor/question/%d" % qid).text
    choices = {"pii_" + i: "remove" for i in re.findall(r'name="pii_(\d+)" value="remove"', editor)}
    t.eq(reply(t, doc, qid, **choices).status, 303, "setup: published")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid), "published", "setup: status")
    return qid, path, patient


def open_requests(db, qid, kind):
    return rows(db, "SELECT requester, note FROM qa_requests WHERE question_id = ? AND kind = ?"
                " AND resolved_at IS NULL", qid, kind)


def audit(db, action, qid):
    return one(db, "SELECT count(*) FROM audit_log WHERE action = ? AND target_id = ?",
               action, qid)


def test_asker_can_ask_to_remove_details_and_to_unpublish(t):
    db = fresh_db(t, "takeback")
    s = t.server(db)
    qid, path, patient = published(
        t, s, db, text="My mother Winnie Chan had surgery for hepatitis C related liver cancer."
                       " Would interferon after surgery lower the chance that it comes back?")
    r = patient.get(path)
    t.has(r.text, "Ask to remove personal details", "remove offered after publication")
    t.has(r.text, "Ask to unpublish", "unpublish offered after publication")
    # Remove details, twice: one open request, the second note kept.
    for note in ("Please remove my mother's name", "Her name is in the second line"):
        r = patient.post(path + "/request", {"csrf": patient.csrf(path),
                                             "kind": "remove_details", "note": note})
        t.eq(r.status, 303, "remove request accepted")
    t.has(patient.get(r.header("location")).text, "already sent this request", "repeat said")
    t.eq(open_requests(db, qid, "remove_details"),
         [("asker", "Her name is in the second line")], "one open request, newest note")
    # Without a note, and a bad kind; neither touches what is stored.
    r = patient.post(path + "/request", {"csrf": patient.csrf(path), "kind": "unpublish"})
    t.eq(r.status, 303, "unpublish request without a note")
    t.eq(open_requests(db, qid, "unpublish"), [("asker", None)], "unpublish request stored")
    r = patient.post(path + "/request", {"csrf": patient.csrf(path), "kind": "delete_all"})
    t.eq(r.status, 400, "unknown kind refused")
    r = patient.post(path + "/request", {"kind": "unpublish"})
    t.eq(r.status, 403, "no CSRF token refused")
    t.eq(one(db, "SELECT count(*) FROM qa_requests"), 2, "nothing else stored")
    # Moderators see both with the notes.
    mod = login(s, MOD[0], MOD[2])
    r = mod.get("/moderate/requests")
    t.eq(r.status, 200, "moderators' list")
    t.has(r.text, "The asker asks to remove personal details", "remove request listed")
    t.has(r.text, "The asker asks to unpublish", "unpublish request listed")
    t.has(r.text, "Her name is in the second line", "note shown")
    t.has(r.text, '/moderate/question/%d' % qid, "linked to the question")
    mpath = "/moderate/question/%d" % qid
    r = mod.get(mpath)
    t.has(r.text, "Her name is in the second line", "note on the question's page")
    # Removal: the moderator edits the published text.
    new_text = ("My mother had surgery for hepatitis C related liver cancer. Would interferon"
                " after surgery lower the chance that it comes back?")
    r = mod.post(mpath + "/edit", {"csrf": mod.csrf(mpath), "title": "Interferon after surgery?",
                                   "text": new_text})
    t.eq(r.status, 303, "edit saved")
    t.eq(rows(db, "SELECT title, text, original_text FROM questions WHERE id = ?", qid),
         [("Interferon after surgery?", new_text, None)], "published text edited, original gone")
    t.eq(open_requests(db, qid, "remove_details"), [], "remove request closed")
    t.eq(one(db, "SELECT resolution FROM qa_requests WHERE kind = 'remove_details'"), "edited",
         "resolution recorded")
    t.eq(audit(db, "question.edit", qid), 1, "edit audited")
    page = s.get("/qa/%d" % qid).text
    t.lacks(page, "Winnie Chan", "name gone from the public page")
    t.has(page, "Interferon after surgery?", "edited title public")
    # An empty edit is refused and changes nothing.
    r = mod.post(mpath + "/edit", {"csrf": mod.csrf(mpath), "title": "", "text": new_text})
    t.eq(r.status, 400, "empty title refused")
    t.eq(one(db, "SELECT title FROM questions WHERE id = ?", qid), "Interferon after surgery?",
         "title kept")
    # Unpublish for real.
    r = mod.post(mpath + "/unpublish", {"csrf": mod.csrf(mpath)})
    t.eq(r.status, 303, "unpublished")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid), "unpublished", "status")
    t.eq(open_requests(db, qid, "unpublish"), [], "unpublish request closed")
    t.eq(audit(db, "question.unpublish", qid), 1, "unpublish audited")
    t.eq(s.get("/qa/%d" % qid).status, 404, "public page gone")
    r = patient.get(path)
    t.lacks(r.text, "Ask to unpublish", "no request offered once unpublished")
    r = patient.post(path + "/request", {"csrf": patient.csrf(path), "kind": "unpublish"})
    t.eq(r.status, 409, "no request on an unpublished Q&A")


def test_requests_only_after_publication_and_only_by_the_asker(t):
    db = fresh_db(t, "takeback2")
    s = t.server(db)
    patient = Browser(s)
    qid, path, _ = ask(t, patient, db)
    t.lacks(patient.get(path).text, "Ask to unpublish", "nothing to take back while waiting")
    r = patient.post(path + "/request", {"csrf": patient.csrf(path), "kind": "unpublish"})
    t.eq(r.status, 409, "waiting question: refused")
    other = Browser(s)
    r = other.post("/my/question/%s/request" % ("A" * 43),
                   {"csrf": other.csrf("/ask"), "kind": "unpublish"})
    t.eq(r.status, 404, "unknown token: 404")
    t.eq(one(db, "SELECT count(*) FROM qa_requests"), 0, "nothing stored")


def test_every_published_qa_can_be_reported(t):
    db = fresh_db(t, "report")
    s = t.server(db)
    qid, _, _ = published(t, s, db)
    reader = Browser(s)
    r = reader.get("/qa/%d" % qid)
    t.has(r.text, 'href="/qa/%d/report"' % qid, "Report link on the Q&A page")
    rpath = "/qa/%d/report" % qid
    r = reader.get(rpath)
    t.eq(r.status, 200, "report form")
    t.ok('id="hp-qareport" name="website"' in r.text, "honeypot field")
    # A reason is required; honeypot and CSRF refuse; nothing stored.
    r = reader.post(rpath, {"csrf": reader.csrf(rpath), "reason": ""})
    t.eq(r.status, 400, "no reason refused")
    t.has(r.text, "Please say what is wrong with this page.", "clear message")
    r = reader.post(rpath, {"csrf": reader.csrf(rpath), "reason": "Has a phone number",
                            "website": "http://cheap.example"})
    t.eq(r.status, 400, "honeypot refused")
    t.has(r.text, "Has a phone number", "reason kept after a refusal")
    r = reader.post(rpath, {"reason": "Has a phone number"})
    t.eq(r.status, 403, "no CSRF refused")
    t.eq(one(db, "SELECT count(*) FROM qa_requests"), 0, "nothing stored yet")
    r = reader.post(rpath, {"csrf": reader.csrf(rpath), "reason": "Has a phone number"})
    t.eq(r.status, 200, "report accepted")
    t.has(r.text, "The moderators will look at this page.", "thanked")
    r = reader.post(rpath, {"csrf": reader.csrf(rpath), "reason": "A phone number in line 2"})
    t.has(r.text, "already reported", "a second report said so")
    t.eq(len(open_requests(db, qid, "report")), 1, "no pile of duplicates")
    mod = login(s, MOD[0], MOD[2])
    r = mod.get("/moderate/requests")
    t.has(r.text, "Reported by a reader", "report listed")
    t.has(r.text, "A phone number in line 2", "with its reason")
    rid = one(db, "SELECT id FROM qa_requests WHERE kind = 'report'")
    r = mod.post("/moderate/requests/%d/dismiss" % rid, {"csrf": mod.csrf("/moderate/requests")})
    t.eq(r.status, 303, "dismissed")
    t.eq(open_requests(db, qid, "report"), [], "closed")
    t.eq(audit(db, "request.dismiss", qid), 1, "dismissal audited")
    t.eq(mod.post("/moderate/requests/%d/dismiss" % rid,
                  {"csrf": mod.csrf("/moderate/requests")}).status, 404, "closed once only")
    # Unpublished or private targets: 404.
    exec_sql(db, "UPDATE questions SET status = 'unpublished' WHERE id = ?", qid)
    t.eq(Browser(s).get(rpath).status, 404, "unpublished Q&A: no report form")
    private = one(db, "SELECT id FROM questions WHERE status <> 'published' ORDER BY id LIMIT 1")
    t.eq(Browser(s).get("/qa/%d/report" % private).status, 404, "private question: 404")


def test_comment_queue_shows_report_reasons(t):
    db = fresh_db(t, "creasons")
    s = t.server(db)
    slug = one(db, "SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")
    pat = login(s, PATIENT[0], PATIENT[2])
    r = pat.post("/articles/%s/comments" % slug, {"csrf": pat.csrf("/articles/" + slug),
                                                 "body": "Buy cheap pills at my shop"})
    t.ok(r.status in (200, 303), "comment posted (%d)" % r.status)
    cid = one(db, "SELECT max(id) FROM comments")
    rep = Browser(s)
    rpath = "/comments/%d/report" % cid
    r = rep.post(rpath, {"csrf": rep.csrf(rpath), "reason": "Advertising a pill shop"})
    t.eq(r.status, 200, "comment reported")
    mod = login(s, MOD[0], MOD[2])
    r = mod.get("/moderate/comments")
    t.has(r.text, "Buy cheap pills", "reported comment in the queue")
    t.has(r.text, "Advertising a pill shop", "its report reason shown")
