"""Personal data removal: readers never see the asker's e-mail, phone or ID
numbers; doctors read the original words."""
import re
import sqlite3

from askflow import Browser, ask, login, reply, fresh_db, ONCO  # noqa: F401


def test_personal_data_removed_before_publication(t):
    db = fresh_db(t, "pii")
    s = t.server(db)
    b = Browser(s)
    text = ("My father has liver cancer and interferon was suggested. You can reach me at "
            "lin.family@example.com or 0912-345-678, his ID is A123456789. Is it safe for him?")
    qid, status, _ = ask(t, b, db, title="Interferon for my father", text=text)
    con = sqlite3.connect(db)
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
    r = reply(t, doc, qid)
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
    con = sqlite3.connect(db)
    stored, original = con.execute("SELECT text, original_text FROM questions WHERE id = ?", (qid,)).fetchone()
    con.close()
    for secret in ("27 Station Road", "Cambridge", "CB1 2JH", "ann.lee", "gmail dot com"):
        t.lacks(stored, secret, "public text has no " + secret)
        t.has(original, secret, "original keeps " + secret)
    t.has(stored, "lives at [removed: address] and", "the address marker covers city and postcode")
    t.has(stored, "the store at 5 dot com", "a shop's site is not an e-mail address")
    t.has(stored, "Write to [removed: e-mail].", "a spelled e-mail address goes")
