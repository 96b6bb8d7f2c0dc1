"""The doctor's workspace and moderation over HTTP: the whole loop (ask,
status page, queue, reply with Markdown, published page with every
element, the reply on the status page), the queue's order and department
filter, the private (no consent) path, editing a reply, rejecting with a
reason, unpublishing and reassigning, role boundaries, CSRF and bad
editor input."""
import re

import harness
from askflow import (Browser, login, ADMIN, MOD, ONCO, PATIENT, PEDS, SIGNOFF, UNVERIFIED, ask,
                     dept_id, exec_sql, fresh_db, one, reply, rows, snapshot)

MARKDOWN = ("Interferon **can lower** the recurrence of small tumours.\n\n"
            "- it has many side effects\n- it is rarely used from Child-Pugh B on\n\n"
            "Weigh it with your [treating physician](https://example.org/guide).")


def test_whole_loop(t):
    db = fresh_db(t, "loop")
    s = t.server(db)
    patient = Browser(s)
    qid, path, _ = ask(t, patient, db)
    t.has(patient.get(path).text, "waiting for a doctor", "status page: waiting")
    doc = login(s, ONCO[0], ONCO[2])
    r = doc.get("/doctor/queue")
    t.eq(r.status, 200, "queue")
    t.ok(re.search(r'href="/doctor/question/%d"><span class="queue-badges">.*?'
                   r'<span class="queue-title">Does interferon' % qid, r.text, re.S),
         "question in queue")
    r = doc.get("/doctor/question/%d" % qid)
    t.eq(r.status, 200, "question page")
    t.has(r.text, "winnie, 30~39 year old female.", "patient details shown")
    t.has(r.text, "the patient agreed", "consent shown")
    t.has(r.text, 'value="%s"' % SIGNOFF, "sign-off pre-filled from the profile")
    t.has(r.text, 'value="publish">Publish</button>', "Publish offered")
    t.lacks(r.text, 'value="send"', "no Send reply with consent")
    t.has(r.text, 'value="preview">Preview</button>', "Preview offered")
    topics = re.findall(r'name="topic" type="checkbox" value="(\d+)"', r.text)
    t.ok(len(topics) > 0, "department topics offered")
    # preview keeps everything and stores nothing
    before = snapshot(db)
    r = reply(t, doc, qid, body=MARKDOWN, action="preview", topic=topics[:1],
              new_topic="Interferon therapy")
    t.eq(r.status, 200, "preview")
    t.has(r.text, "<strong>can lower</strong>", "preview renders Markdown")
    t.has(r.text, "<li>it has many side effects</li>", "preview renders lists")
    t.has(r.text, 'value="%s" checked' % topics[0], "preview keeps topics")
    t.has(r.text, 'value="Interferon therapy"', "preview keeps the new topic")
    t.has(r.text, "Interferon **can lower**", "preview keeps the Markdown")
    t.eq(snapshot(db), before, "preview stores nothing")
    changes0 = one(db, "SELECT max(seq) FROM changes")
    r = reply(t, doc, qid, body=MARKDOWN, topic=topics[:1], new_topic="Interferon therapy")
    t.eq(r.status, 303, "published")
    t.eq(r.header("location"), "/qa/%d" % qid, "to the published page")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid), "published", "status")
    t.ok(one(db, "SELECT count(*) FROM changes WHERE seq > ? AND kind = 'qa' AND entity_id = ?",
             changes0, qid) >= 1, "changelog written")
    t.eq(one(db, "SELECT count(*) FROM question_topics WHERE question_id = ?", qid), 2,
         "chosen topic and new topic linked")
    r = s.get("/qa/%d" % qid)
    t.eq(r.status, 200, "published page")
    html = r.text
    marks = ['class="crumbs"', "<h1>Does interferon", "Share to", 'class="question"',
             'class="asker"', "Dr. Olga Oncologist", " reply", "<strong>can lower</strong>",
             SIGNOFF, "Lakeside Hospital", "Reply Date:", "More Info", "Similar Q&amp;A",
             "Related FAQ", "Interferon therapy (Oncology)", "Medical disclaimer"]
    body = html[html.find("<body"):]  # the head's JSON-LD names the doctor too
    pos = [body.find(m) for m in marks]
    for m, p in zip(marks, pos):
        t.ok(p >= 0, "published page has %r" % m)
    t.ok(pos == sorted(pos), "elements in the brief's order: %s" % pos)
    t.has(html, "winnie, 30~39 year old female. Ask Date:", "asker line")
    t.has(html, 'href="https://example.org/guide"', "Markdown link kept")
    t.ok(re.search(r'<a href="/doctor/\d+">Dr\. Olga Oncologist</a>', html) is not None,
         "the reply links the doctor's page (issue 5)")
    t.has(s.get("/").text, "/qa/%d" % qid, "listed on home")
    r = patient.get(path)
    t.has(r.text, "<strong>can lower</strong>", "status page shows the reply")
    t.has(r.text, 'href="/qa/%d"' % qid, "status page links the public page")
    t.lacks(r.text, "Withdraw my question", "no withdraw after the reply")
    r = doc.get("/doctor/queue?all=1")
    t.lacks(r.text, "/doctor/question/%d\"" % qid, "answered question left the queue")
    # a second reply is refused: the question no longer waits
    r = reply(t, doc, qid, body="Another reply")
    t.eq(r.status, 409, "second reply refused")
    t.eq(one(db, "SELECT count(*) FROM answers WHERE question_id = ?", qid), 1, "one answer")


def test_queue_order_and_department_filter(t):
    db = fresh_db(t, "queue")
    s = t.server(db)
    b = Browser(s)
    old, _, _ = ask(t, b, db, title="Oldest oncology question")
    new, _, _ = ask(t, b, db, title="Newer oncology question")
    urgent, _, _ = ask(t, b, db, title="Urgent oncology question")
    peds, _, _ = ask(t, b, db, title="A question for paediatrics",
                     department=str(dept_id(db, "Pediatrics")))
    unsure, _, _ = ask(t, b, db, title="Where does this question go?", department="")
    # "Not sure" takes the suggested department when the suggestion is
    # confident; this question stands for one where it was not.
    exec_sql(db, "UPDATE questions SET department_id = NULL WHERE id = ?", unsure)
    exec_sql(db, "UPDATE questions SET urgent = 1 WHERE id = ?", urgent)
    exec_sql(db, "UPDATE questions SET asked_at = '2020-01-01T00:00:00Z' WHERE id = ?", old)
    doc = login(s, ONCO[0], ONCO[2])
    r = doc.get("/doctor/queue")
    ids = [int(x) for x in re.findall(r'href="/doctor/question/(\d+)"', r.text)]
    t.eq([i for i in ids if i in (old, new, urgent)], [urgent, old, new],
         "urgent first, then oldest first")
    t.ok(peds not in ids, "other department hidden by default")
    t.ok(unsure in ids, "questions without a department shown to everyone")
    t.has(r.text, "Urgent</span>", "urgent badge")
    r = doc.get("/doctor/queue?all=1")
    ids = [int(x) for x in re.findall(r'href="/doctor/question/(\d+)"', r.text)]
    t.ok(peds not in ids, "a doctor's all filter still shows only their department (issue 11)")
    t.lacks(r.text, "All departments", "no all filter offered to doctors")
    mod = login(s, MOD[0], MOD[2])
    r = mod.get("/doctor/queue?all=1")
    ids = [int(x) for x in re.findall(r'href="/doctor/question/(\d+)"', r.text)]
    t.ok(peds in ids and old in ids, "staff see every department")
    pd = login(s, PEDS[0], PEDS[2])
    ids = [int(x) for x in re.findall(r'href="/doctor/question/(\d+)"',
                                      pd.get("/doctor/queue").text)]
    t.ok(peds in ids and old not in ids, "paediatrician sees their own department")
    r = doc.get("/doctor/queue")
    t.lacks(r.text, "ask-pat", "no e-mail addresses in the queue")


def test_private_reply_without_consent(t):
    db = fresh_db(t, "private")
    s = t.server(db)
    patient = Browser(s)
    qid, path, _ = ask(t, patient, db, consent=None, title="A private question on chemo")
    t.eq(one(db, "SELECT consent FROM questions WHERE id = ?", qid), 0, "no consent stored")
    doc = login(s, ONCO[0], ONCO[2])
    r = doc.get("/doctor/question/%d" % qid)
    t.has(r.text, 'value="send">Send reply</button>', "Send reply offered")
    t.lacks(r.text, 'value="publish"', "no Publish without consent")
    topic = re.findall(r'name="topic" type="checkbox" value="(\d+)"', r.text)[:1]
    # even a forged "publish" only answers privately
    r = reply(t, doc, qid, body="A **private** answer.", action="publish", topic=topic)
    t.eq(r.status, 303, "reply sent")
    t.eq(r.header("location"), "/doctor/question/%d" % qid, "back to the workspace")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid), "answered", "answered only")
    t.eq(one(db, "SELECT published_at FROM questions WHERE id = ?", qid), None, "never published")
    t.eq(s.get("/qa/%d" % qid).status, 404, "no public page")
    r = patient.get(path)
    t.has(r.text, "A <strong>private</strong> answer.", "reply on the status page")
    t.has(r.text, "Only you can see it", "status says private")
    dept_slug = one(db, "SELECT slug FROM departments WHERE name = 'Oncology'")
    pages = ["/", "/department/" + dept_slug, "/departments"]
    if topic:
        pages.append("/topic/" + one(db, "SELECT slug FROM topics WHERE id = ?", int(topic[0])))
    for p in pages:
        r = s.get(p)
        t.lacks(r.text, "A private question on chemo", "not listed on " + p)
        t.lacks(r.text, "/qa/%d\"" % qid, "no link on " + p)
    r = s.get("/search?q=private+question+chemo")
    if r.status == 200:
        t.lacks(r.text, "A private question on chemo", "not found by search")


def test_edit_reply_shows_edited(t):
    db = fresh_db(t, "edit")
    s = t.server(db)
    qid, _, _ = ask(t, Browser(s), db)
    doc = login(s, ONCO[0], ONCO[2])
    reply(t, doc, qid, body="First version.")
    aid = one(db, "SELECT id FROM answers WHERE question_id = ?", qid)
    t.lacks(s.get("/qa/%d" % qid).text, "· edited", "not edited yet")
    r = doc.get("/doctor/question/%d" % qid)
    t.has(r.text, 'href="/doctor/answer/%d/edit"' % aid, "edit link for the author")
    r = doc.get("/doctor/answer/%d/edit" % aid)
    t.eq(r.status, 200, "edit page")
    t.has(r.text, "First version.", "editor holds the reply")
    t.has(r.text, 'value="save">Save changes</button>', "save button")
    other = login(s, PEDS[0], PEDS[2])
    t.eq(other.get("/doctor/answer/%d/edit" % aid).status, 403, "another doctor: 403")
    f = {"csrf": other.csrf("/doctor/queue"), "body": "Hijacked.", "action": "save"}
    t.eq(other.post("/doctor/answer/%d/edit" % aid, f).status, 403, "another doctor cannot save")
    path = "/doctor/answer/%d/edit" % aid
    r = doc.post(path, {"csrf": doc.csrf(path), "body": "", "action": "save"})
    t.eq(r.status, 400, "empty edit refused")
    t.has(r.text, "Please write the reply", "empty edit message")
    r = doc.post(path, {"csrf": doc.csrf(path), "body": "Second *version*.",
                        "signoff": "Dr. Olga", "action": "save"})
    t.eq(r.status, 303, "edit saved")
    t.eq(one(db, "SELECT body FROM answers WHERE id = ?", aid), "Second *version*.", "stored")
    t.ok(one(db, "SELECT edited_at FROM answers WHERE id = ?", aid) is not None, "edited_at set")
    html = s.get("/qa/%d" % qid).text
    t.has(html, "Second <em>version</em>.", "published page shows the edit")
    t.ok(re.search(r"Reply Date: \d{4}/\d{2}/\d{2} · edited \d{4}/\d{2}/\d{2}", html)
         is not None, "published page says edited <date>")
    mod = login(s, MOD[0], MOD[2])
    t.eq(mod.get(path).status, 200, "a moderator may edit")


def test_editor_bad_input(t):
    db = fresh_db(t, "editorbad")
    s = t.server(db)
    qid, _, _ = ask(t, Browser(s), db)
    doc = login(s, ONCO[0], ONCO[2])
    before = snapshot(db)
    for over, status, msg in (
            ({"body": ""}, 400, "Please write the reply"),
            ({"body": "   \n  "}, 400, "Please write the reply"),
            ({"body": "x" * (32 * 1024 + 1)}, 413, "The reply is too long"),
            ({"signoff": "s" * 301}, 413, "The sign-off is too long"),
            ({"new_topic": "n" * 101}, 413, "The new topic is too long"),
            ({"topic": "999999"}, 400, "Please choose topics from the list"),
            ({"topic": "abc"}, 400, "Please choose topics from the list")):
        r = reply(t, doc, qid, body=over.pop("body", "A fine reply."), **over)
        t.eq(r.status, status, "%s: status" % msg)
        t.has(r.text, msg, "%s: message" % msg)
    t.eq(snapshot(db), before, "nothing stored for bad replies")
    for what, tok in (("missing", None), ("wrong", "D" * 43)):
        f = {"body": "A reply", "action": "publish"}
        if tok:
            f["csrf"] = tok
        t.eq(doc.post("/doctor/question/%d" % qid, f).status, 403, "reply: %s csrf" % what)
    t.eq(snapshot(db), before, "nothing stored after CSRF refusals")


def test_reject_with_reason(t):
    db = fresh_db(t, "reject")
    s = t.server(db)
    patient = Browser(s)
    qid, path, _ = ask(t, patient, db)
    doc = login(s, ONCO[0], ONCO[2])
    t.eq(doc.get("/moderate/question/%d" % qid).status, 403, "a doctor cannot moderate")
    r = doc.post("/moderate/question/%d/reject" % qid,
                 {"csrf": doc.csrf("/doctor/queue"), "reason": "No."})
    t.eq(r.status, 403, "a doctor cannot reject")
    mod = login(s, MOD[0], MOD[2])
    mpath = "/moderate/question/%d" % qid
    r = mod.get(mpath)
    t.eq(r.status, 200, "moderation page")
    t.has(r.text, "Reject the question", "reject offered")
    before = snapshot(db)
    r = mod.post(mpath + "/reject", {"csrf": mod.csrf(mpath), "reason": ""})
    t.eq(r.status, 400, "a reason is required")
    t.has(r.text, "Please give the reason", "reason message")
    r = mod.post(mpath + "/reject", {"csrf": mod.csrf(mpath), "reason": "r" * 1001})
    t.eq(r.status, 413, "reason too long")
    t.eq(mod.post(mpath + "/reject", {"reason": "Fine reason"}).status, 403, "CSRF checked")
    t.eq(snapshot(db), before, "nothing stored")
    reason = "Please ask one question at a time & see your doctor <today>."
    r = mod.post(mpath + "/reject", {"csrf": mod.csrf(mpath), "reason": reason})
    t.eq(r.status, 303, "rejected")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid), "rejected", "status")
    r = patient.get(path)
    t.has(r.text, "not accepted", "asker sees the rejection")
    t.has(r.text, "Please ask one question at a time &amp; see your doctor &lt;today&gt;.",
          "asker sees the reason, escaped")
    # issue 11: a rejected question the doctor did not answer is out of
    # their scope: not there for them
    t.eq(reply(t, doc, qid).status, 404, "a rejected question cannot be answered")
    t.eq(mod.post(mpath + "/reject", {"csrf": mod.csrf(mpath), "reason": "again"}).status,
         409, "cannot reject twice")
    uid = one(db, "SELECT id FROM users WHERE email = ?", MOD[0])
    t.eq(rows(db, "SELECT user_id, action, target_kind, target_id FROM audit_log"),
         [(uid, "question.reject", "qa", qid)], "audit row")
    t.lacks(str(rows(db, "SELECT * FROM audit_log")), "one question at a time",
            "the audit log keeps no reason text")


def test_unpublish_and_reassign(t):
    db = fresh_db(t, "unpub")
    s = t.server(db)
    qid, path, _ = ask(t, Browser(s), db, title="A question to take down")
    doc = login(s, ONCO[0], ONCO[2])
    reply(t, doc, qid)
    t.eq(s.get("/qa/%d" % qid).status, 200, "published")
    t.has(s.get("/").text, "A question to take down", "on home")
    mod = login(s, MOD[0], MOD[2])
    mpath = "/moderate/question/%d" % qid
    r = mod.post(mpath + "/unpublish", {"csrf": mod.csrf(mpath)})
    t.eq(r.status, 303, "unpublished")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid), "unpublished", "status")
    t.eq(s.get("/qa/%d" % qid).status, 404, "public page gone at once")
    t.lacks(s.get("/").text, "A question to take down", "gone from home")
    t.eq(mod.post(mpath + "/unpublish", {"csrf": mod.csrf(mpath)}).status, 409,
         "cannot unpublish twice")
    r = mod.post(mpath + "/republish", {"csrf": mod.csrf(mpath)})
    t.eq(r.status, 303, "published again")
    t.eq(s.get("/qa/%d" % qid).status, 200, "public again")
    # reassign a waiting question to paediatrics
    q2, _, _ = ask(t, Browser(s), db, title="Really a question for children")
    mpath = "/moderate/question/%d" % q2
    peds = dept_id(db, "Pediatrics")
    t.eq(mod.post(mpath + "/department", {"csrf": mod.csrf(mpath), "department": "999999"}).status,
         400, "unknown department refused")
    r = mod.post(mpath + "/department", {"csrf": mod.csrf(mpath), "department": str(peds)})
    t.eq(r.status, 303, "reassigned")
    t.eq(one(db, "SELECT department_id FROM questions WHERE id = ?", q2), peds, "moved")
    t.lacks(doc.get("/doctor/queue").text, "/doctor/question/%d\"" % q2,
            "left the oncology queue")
    pd = login(s, PEDS[0], PEDS[2])
    t.has(pd.get("/doctor/queue").text, "/doctor/question/%d\"" % q2, "in the paediatrics queue")
    # moving a published Q&A updates its page
    r = mod.post("/moderate/question/%d/department" % qid,
                 {"csrf": mod.csrf(mpath), "department": str(peds)})
    t.eq(r.status, 303, "published Q&A reassigned")
    t.has(s.get("/qa/%d" % qid).text, ">Pediatrics</a>", "breadcrumb follows")
    acts = [a for (a,) in rows(db, "SELECT action FROM audit_log ORDER BY id")]
    t.eq(acts, ["question.unpublish", "question.republish", "question.department",
                "question.department"], "audit rows")


def test_role_boundaries(t):
    db = fresh_db(t, "roles")
    s = t.server(db)
    qid, _, _ = ask(t, Browser(s), db)
    doc = login(s, ONCO[0], ONCO[2])
    reply(t, doc, qid)
    aid = one(db, "SELECT id FROM answers WHERE question_id = ?", qid)
    q2, _, _ = ask(t, Browser(s), db)
    doctor_gets = ["/doctor/queue", "/doctor/question/%d" % q2, "/doctor/answer/%d/edit" % aid]
    mod_gets = ["/moderate/question/%d" % q2]
    anon = Browser(s)
    for p in doctor_gets + mod_gets:
        r = anon.get(p)
        t.eq(r.status, 303, "anonymous %s: to login" % p)
        t.ok((r.header("location") or "").startswith("/login?next="), "login with next")
    patient = login(s, PATIENT[0], PATIENT[2])
    unverified = login(s, UNVERIFIED[0], UNVERIFIED[2])
    before = snapshot(db)
    for who, b in (("patient", patient), ("unverified doctor", unverified)):
        for p in doctor_gets + mod_gets:
            t.eq(b.get(p).status, 403, "%s gets 403 on %s" % (who, p))
        tok = b.csrf("/ask")
        posts = [("/doctor/question/%d" % q2, {"body": "x", "action": "publish"}),
                 ("/doctor/answer/%d/edit" % aid, {"body": "x", "action": "save"}),
                 ("/moderate/question/%d/reject" % q2, {"reason": "x"}),
                 ("/moderate/question/%d/unpublish" % qid, {}),
                 ("/moderate/question/%d/department" % q2, {"department": ""})]
        for p, f in posts:
            f = dict(f, csrf=tok)
            t.eq(b.post(p, f).status, 403, "%s cannot POST %s" % (who, p))
    t.eq(snapshot(db), before, "nothing changed by refused requests")
    for p in doctor_gets:
        t.eq(doc.get(p).status, 200, "doctor sees " + p)
    for p in mod_gets:
        t.eq(doc.get(p).status, 403, "doctor gets 403 on " + p)
    adm = login(s, ADMIN[0], ADMIN[2])
    for p in doctor_gets + mod_gets:
        t.eq(adm.get(p).status, 200, "admin sees " + p)
    for bad in ("/doctor/question/0", "/doctor/question/abc", "/doctor/question/999999",
                "/doctor/answer/999999/edit", "/moderate/question/999999"):
        t.eq(adm.get(bad).status, 404, "404 for " + bad)
    r = doc.get("/doctor/question/%d" % q2)
    t.lacks(r.text, "Moderate this question", "no moderation link for doctors")
    t.has(adm.get("/doctor/question/%d" % q2).text, "Moderate this question",
          "moderation link for admins")
