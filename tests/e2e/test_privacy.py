"""Privacy defaults (issue 11): publication consent is opt-in, an asker
can ask to remove personal details or to unpublish after publication,
every published Q&A can be reported with a reason, and moderators see the
reasons."""
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
    t.has(r.text, "Yes, publish my question and the doctor's reply", "clear wording")
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

