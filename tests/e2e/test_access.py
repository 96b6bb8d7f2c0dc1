"""Accounts and access guarantees (issue 11): what a doctor may read and
answer, login throttling that cannot lock the owner out, registration
limits and visitor-bound form tokens, sessions ended by a password
change, database-locked writes, private comment reports and metrics,
identity spoofing and the asker's privacy controls. docs/security.md
lists each guarantee with the test here that shows it."""
import re

from askflow import (Browser, login, MOD, ONCO, PATIENT, PEDS, ADMIN, ask, dept_id,
                     exec_sql, fresh_db, one, reply, rows, snapshot)


def qids(text):
    return [int(x) for x in re.findall(r'href="/doctor/question/(\d+)"', text)]


def test_doctor_sees_only_own_department_and_own_answers(t):
    db = fresh_db(t, "scope")
    s = t.server(db)
    b = Browser(s)
    onco_q, _, _ = ask(t, b, db, title="An oncology question in scope",
                       text="Secret-oncology-words about my father's treatment and his tumour.")
    peds_q, _, _ = ask(t, b, db, title="A question for the children's doctors",
                       text="Secret-peds-words about my son's fever lasting three days now.",
                       department=str(dept_id(db, "Pediatrics")))
    gone_q, gone_path, _ = ask(t, b, db, title="A question I take back",
                               text="Secret-withdrawn-words that I no longer want anyone to read.")
    r = b.post(gone_path + "/withdraw", {"csrf": b.csrf(gone_path)})
    t.eq(r.status, 303, "withdrawn")
    private_q, _, _ = ask(t, b, db, title="A private oncology question", consent=None,
                          text="Secret-private-words about a lump I found last week.")
    onco = login(s, ONCO[0], ONCO[2])
    peds = login(s, PEDS[0], PEDS[2])
    t.eq(reply(t, onco, private_q, action="send").status, 303, "private reply sent")
    # the oncologist: own department, own answers; nothing else
    r = onco.get("/doctor/question/%d" % onco_q)
    t.eq(r.status, 200, "own department's waiting question")
    t.has(r.text, "Secret-oncology-words", "its text shown")
    r = onco.get("/doctor/question/%d" % private_q)
    t.eq(r.status, 200, "a question they answered")
    r = onco.get("/doctor/question/%d" % peds_q)
    t.eq(r.status, 404, "another department's question is not theirs")
    t.lacks(r.text, "Secret-peds-words", "no text of another department")
    r = onco.get("/doctor/question/%d" % gone_q)
    t.eq(r.status, 404, "a withdrawn question is gone")
    t.lacks(r.text, "Secret-withdrawn-words", "withdrawn text gone")
    for path in ("/doctor/queue", "/doctor/queue?all=1"):
        ids = qids(onco.get(path).text)
        t.ok(onco_q in ids and peds_q not in ids and gone_q not in ids,
             "%s: only the oncology queue (%s)" % (path, ids))
    # the paediatrician cannot read or answer the oncologist's questions
    t.eq(peds.get("/doctor/question/%d" % private_q).status, 404,
         "another doctor's private answer is not theirs")
    t.eq(peds.get("/doctor/question/%d" % onco_q).status, 404, "other department")
    before = snapshot(db)
    r = peds.post("/doctor/question/%d" % onco_q,
                  {"csrf": peds.csrf("/doctor/queue"), "body": "A reply out of scope",
                   "action": "publish"})
    t.ok(r.status in (403, 404), "reply out of scope refused: %d" % r.status)
    t.ok(snapshot(db) == before, "nothing stored by a refused reply")
    t.eq(peds.get("/doctor/question/%d" % peds_q).status, 200, "own department")
    # a moderator's reassignment moves the question between doctors
    mod = login(s, MOD[0], MOD[2])
    mpath = "/moderate/question/%d" % onco_q
    r = mod.post(mpath + "/department", {"csrf": mod.csrf(mpath),
                                         "department": str(dept_id(db, "Pediatrics"))})
    t.eq(r.status, 303, "reassigned")
    t.eq(onco.get("/doctor/question/%d" % onco_q).status, 404, "moved away from oncology")
    t.eq(peds.get("/doctor/question/%d" % onco_q).status, 200, "moved to paediatrics")
    t.ok(onco_q in qids(peds.get("/doctor/queue").text), "in the paediatrics queue")
    # staff still read everything
    adm = login(s, ADMIN[0], ADMIN[2])
    for q in (onco_q, peds_q, gone_q, private_q):
        t.eq(adm.get("/doctor/question/%d" % q).status, 200, "admin reads %d" % q)


class From(Browser):
    """A Browser whose requests come from address addr (the server trusts
    127.0.0.1 as a proxy, so X-Forwarded-For names the client)."""

    def __init__(self, server, addr):
        Browser.__init__(self, server)
        self.addr = addr

    def request(self, method, path, form=None, headers=None, body=None):
        h = dict(headers or {}, **{"X-Forwarded-For": self.addr})
        return Browser.request(self, method, path, form=form, headers=h, body=body)

    def login(self, email, password):
        """Log in through /login; returns the response, whatever it is."""
        return self.post("/login", {"csrf": self.csrf("/login"), "email": email,
                                    "password": password})


PROXY = ["--trusted-proxy", "127.0.0.1", "--max-conns-per-address", "0"]


def test_login_throttle_cannot_lock_the_owner_out(t):
    db = fresh_db(t, "lockout")
    s = t.server(db, PROXY + ["--login-limit-account", "3"])
    attacker = From(s, "203.0.113.9")
    for i in range(3):
        t.eq(attacker.login(PATIENT[0], "guess %d" % i).status, 400, "guess %d" % i)
    r = attacker.login(PATIENT[0], PATIENT[2])
    t.eq(r.status, 429, "the guessing address is throttled for the account")
    t.ok(int(r.header("retry-after") or 0) > 0, "with Retry-After")
    owner = From(s, "198.51.100.7")
    r = owner.login(PATIENT[0], PATIENT[2])
    t.eq(r.status, 303, "the owner's own address still gets in")
    # and the owner's own mistakes do not lift the attacker's block
    t.eq(From(s, "198.51.100.7").login(PATIENT[0], "typo").status, 400, "owner's typo")
    t.eq(attacker.login(PATIENT[0], PATIENT[2]).status, 429, "attacker still throttled")
    # a second guessing address gets its own few tries, no more
    other = From(s, "203.0.113.10")
    for i in range(3):
        t.eq(other.login(PATIENT[0], "more %d" % i).status, 400, "second address guess %d" % i)
    t.eq(other.login(PATIENT[0], PATIENT[2]).status, 429, "second address throttled")
    t.eq(From(s, "198.51.100.7").login(PATIENT[0], PATIENT[2]).status, 303,
         "owner still gets in")
