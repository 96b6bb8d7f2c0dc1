"""Personal data removal: readers never see the asker's e-mail, phone or ID
numbers; doctors read the original words."""
import re
import harness

from askflow import Browser, ask, login, reply, fresh_db, rows, ONCO, ADMIN  # noqa: F401


def test_personal_data_removed_before_publication(t):
    db = fresh_db(t, "pii")
    s = t.server(db)
    b = Browser(s)
    text = ("My father has liver cancer and interferon was suggested. You can reach me at "
            "lin.family@example.com or 0912-345-678, his ID is A123456789. Is it safe for him?")
    qid, status, _ = ask(t, b, db, title="Interferon for my father", text=text)
    con = harness.connect(db)
    row = con.execute("SELECT text, original_text FROM questions WHERE id = ?", (qid,)).fetchone()
    con.close()
    stored, original = row
    for secret in ("lin.family@example.com", "0912-345-678", "A123456789"):
        t.lacks(stored, secret, "public text has no " + secret)
        t.has(original, secret, "original keeps " + secret)
    t.has(stored, "[removed: e-mail]", "e-mail marker")
    t.has(stored, "[removed: phone]", "phone marker")
    # The doctor reads the original; the published page does not show it.
    doc = login(s, ONCO[0], ONCO[2])
    r = doc.get("/doctor/question/%d" % qid)
    t.has(r.text, "lin.family@example.com", "the doctor sees the original words")
    t.has(r.text, "Personal data was removed", "the doctor is told")
    marks = re.findall(r'name="pii_(\d+)" value="remove"', r.text)
    t.eq(len(marks), 3, "three flagged spans to decide on")
    r = reply(t, doc, qid, **{"pii_" + m: "remove" for m in marks})
    page = s.get("/qa/%d" % qid).text
    for secret in ("lin.family@example.com", "0912-345-678", "A123456789"):
        t.lacks(page, secret, "published page has no " + secret)
    t.has(page, "[removed: phone]", "published page shows the marker")
    log = s.logtext()
    for secret in ("lin.family@example.com", "0912-345-678", "A123456789", "interferon"):
        t.lacks(log, secret, "the log has no " + secret)


def test_address_with_city_and_spelled_shop(t):
    """An English address goes with its city and postcode; "the store at 5
    dot com" is a phrase and stays, "name at gmail dot com" goes."""
    db = fresh_db(t, "pii2")
    s = t.server(db)
    b = Browser(s)
    text = ("My mother lives at 27 Station Road, Cambridge CB1 2JH and her chemist, the store at 5 dot com, "
            "has no more of her liver tablets. Write to ann.lee at gmail dot com. Is a substitute safe?")
    qid, status, _ = ask(t, b, db, title="Liver tablets for my mother", text=text)
    con = harness.connect(db)
    stored, original = con.execute("SELECT text, original_text FROM questions WHERE id = ?", (qid,)).fetchone()
    con.close()
    for secret in ("27 Station Road", "Cambridge", "CB1 2JH", "ann.lee", "gmail dot com"):
        t.lacks(stored, secret, "public text has no " + secret)
        t.has(original, secret, "original keeps " + secret)
    t.has(stored, "lives at [removed: address] and", "the address marker covers city and postcode")
    t.has(stored, "the store at 5 dot com", "a shop's site is not an e-mail address")
    t.has(stored, "Write to [removed: e-mail].", "a spelled e-mail address goes")


def test_doctor_keeps_or_removes_each_flagged_span(t):
    """The reply editor marks every flagged span; publishing needs a choice
    for each; removed spans never reach the public page and a kept one is
    in the audit log (its type and bytes, not its text)."""
    db = fresh_db(t, "pii_review")
    s = t.server(db)
    b = Browser(s)
    text = ("My mother Wang Mei-Ling (born 1958/03/02, ID A223456789) has had a dry "
            "cough for three weeks after starting a new blood pressure pill. Is it the pill?")
    qid, _, _ = ask(t, b, db, title="Cough after a new blood pressure pill", text=text)
    doc = login(s, ONCO[0], ONCO[2])
    r = doc.get("/doctor/question/%d" % qid)
    t.eq(r.status, 200, "editor page")
    for span in ("Wang Mei-Ling", "1958/03/02", "A223456789"):
        t.ok(re.search(r'<mark class="pii" data-type="[a-z]+" id="pii-mark-\d+">' +
                       re.escape(span), r.text) is not None, "the editor marks " + span)
    kinds = dict(re.findall(r'<mark class="pii" data-type="([a-z]+)" id="pii-mark-\d+">([^<]+)', r.text))
    t.eq(sorted(kinds), ["date", "id", "name"], "a name, a date of birth and an ID flagged")
    choices = re.findall(r'name="pii_(\d+)" value="remove"', r.text)
    t.eq(len(choices), 3, "one choice per flagged span")
    # Publishing without choosing is refused, and nothing is written.
    before = rows(db, "SELECT status, title, text FROM questions WHERE id = ?", qid)
    r = reply(t, doc, qid)
    t.eq(r.status, 422, "publishing without the choices is refused")
    t.has(r.text, "Choose keep or remove", "the doctor is told why")
    t.eq(rows(db, "SELECT status, title, text FROM questions WHERE id = ?", qid), before,
         "nothing changed")
    # One choice missing is refused too.
    r = reply(t, doc, qid, pii_0="remove", pii_1="remove")
    t.eq(r.status, 422, "a missing choice is refused")
    # Keep the date of birth, remove the rest.
    order = re.findall(r'<mark class="pii" data-type="([a-z]+)" id="pii-mark-\d+">', r.text)
    form = {"pii_%d" % i: ("keep" if k == "date" else "remove") for i, k in enumerate(order)}
    r = reply(t, doc, qid, **form)
    t.eq(r.status, 303, "published with every choice made")
    page = s.get("/qa/%d" % qid).text
    t.lacks(page, "Wang Mei-Ling", "a removed name never reaches the public page")
    t.lacks(page, "A223456789", "a removed ID never reaches the public page")
    t.has(page, "1958/03/02", "the kept date is published")
    t.has(page, "[removed: name]", "the marker stands in")
    audit = rows(db, "SELECT action, target_id, detail FROM audit_log WHERE action = ?",
                 "question.pii_keep")
    t.eq(len(audit), 1, "one audit row for the one kept span")
    if audit:
        t.eq(audit[0][1], qid, "the row names the question")
        t.has(audit[0][2], "date", "the row says what kind was kept")
        t.lacks(audit[0][2], "1958", "the row holds no patient text")
    adm = login(s, ADMIN[0], ADMIN[2])
    t.has(adm.get("/admin/audit").text, "Kept flagged personal data",
          "the admins' audit viewer shows it")
