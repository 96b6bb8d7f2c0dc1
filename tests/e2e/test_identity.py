"""Identity spoofing (issue 11, item 9): doctors' titles and verified
doctors' names are kept for verified doctors, look-alike e-mail addresses
and names are refused (compared in NFC and by ICU's confusable skeleton),
names hold no bidi controls or zero-width characters, and a doctor's
words carry a verified-doctor badge."""
import unicodedata

from askflow import Browser, login, ONCO, PATIENT, ask, ask_form, fresh_db, one, reply


def register(b, name, email):
    return b.post("/register", {"csrf": b.csrf("/register"), "name": name, "email": email,
                                "password": "a long passphrase", "password2": "a long passphrase"})


def test_names_and_emails_that_pass_for_someone_else_are_refused(t):
    db = fresh_db(t, "spoof")
    s = t.server(db)
    users = one(db, "SELECT count(*) FROM users")
    cases = [
        ("Dr. Lin Mei-Hua (Riverside General Hospital)", "lin1@example.org", "Dr.", "shown only for doctors"),
        ("dr Lin", "lin2@example.org", "dr ", "shown only for doctors"),
        ("Dг. Lin", "lin3@example.org", "look-alike Dr.", "shown only for doctors"),
        ("醫師林美華", "lin4@example.org", "醫師 before", "shown only for doctors"),
        ("林醫師", "lin5@example.org", "醫師 after", "shown only for doctors"),
        ("医生王", "lin6@example.org", "医生", "shown only for doctors"),
        ("Bác sĩ Lan", "lin7@example.org", "Bác sĩ", "shown only for doctors"),
        ("BS. Lan", "lin8@example.org", "BS.", "shown only for doctors"),
        (ONCO[1], "lin9@example.org", "a verified doctor's name", "verified doctors"),
        ("Olga Oncologist".replace("O", "\u041e"), "lin10@example.org", "the name in Cyrillic",
         "verified doctors"),
        ("Winnie\u202eeL", "lin11@example.org", "U+202E", "invisible characters"),
        ("Win\u200bnie", "lin12@example.org", "zero-width space", "invisible characters"),
        ("Winnie\u2066x", "lin13@example.org", "U+2066", "invisible characters"),
        ("Winnie Lee", PATIENT[0].replace("a", "\u0430", 1), "Cyrillic a in the e-mail",
         "different alphabets"),
        ("Winnie Lee", "ask\u200b-pat@example.org", "zero-width space in the e-mail",
         "invisible characters"),
    ]
    for name, email, what, msg in cases:
        r = register(Browser(s), name, email)
        t.eq(r.status, 400, what + ": refused")
        t.has(r.text, msg, what + ": clear message")
    t.eq(one(db, "SELECT count(*) FROM users"), users, "no account made")
    # NFD and NFC spell one address: the second is the same account.
    nfc = unicodedata.normalize("NFC", "jos\u00e9@example.org")
    nfd = unicodedata.normalize("NFD", nfc)
    t.eq(register(Browser(s), "José", nfc).status, 303, "NFC address registers")
    r = register(Browser(s), "José Two", nfd)
    t.eq(r.status, 409, "the NFD spelling is the same address")
    t.eq(one(db, "SELECT count(*) FROM users WHERE email LIKE 'jos%'"), 1, "one account")
    # Ordinary names still register: Drew is not Dr.
    for name, email in (("Drew Barrymore", "drew@example.org"), ("Nguyễn Lan", "lan@example.org"),
                        ("林美華", "mh@example.org")):
        t.eq(register(Browser(s), name, email).status, 303, name + " registers")


def test_nickname_on_a_question_follows_the_same_rule(t):
    db = fresh_db(t, "nick")
    s = t.server(db)
    b = Browser(s)
    n = one(db, "SELECT count(*) FROM questions")
    for nick, msg in (("Dr. Lin", "shown only for doctors"), ("lin\u202e", "invisible characters")):
        r = b.post("/ask", ask_form(b, db, nickname=nick))
        t.eq(r.status, 400, repr(nick) + ": refused")
        t.has(r.text, msg, repr(nick) + ": clear message")
    t.eq(one(db, "SELECT count(*) FROM questions"), n, "nothing stored")
    ask(t, b, db, nickname="Drew")


def test_doctors_words_carry_a_badge(t):
    db = fresh_db(t, "badge")
    s = t.server(db, ["--qa-comments"])
    patient = Browser(s)
    qid, _, _ = ask(t, patient, db)
    doc = login(s, ONCO[0], ONCO[2])
    t.eq(reply(t, doc, qid).status, 303, "published")
    badge = 'class="badge badge-verified"'
    r = s.get("/qa/%d" % qid)
    t.eq(r.text.count(badge), 1, "the reply carries the verified badge")
    # A comment by the verified doctor carries it; a patient's does not.
    pat = login(s, PATIENT[0], PATIENT[2])
    for b, body in ((doc, "A note from the doctor: keep the follow-up scans."),
                    (pat, "Thank you for the reply, doctor.")):
        r = b.post("/qa/%d/comments" % qid, {"csrf": b.csrf("/qa/%d" % qid), "body": body})
        t.ok(r.status in (200, 303), "comment posted (%d)" % r.status)
    html = s.get("/qa/%d" % qid).text
    t.eq(html.count(badge), 2, "reply and the doctor's comment badged, the patient's not")
    doc_li = html[html.index("A note from the doctor") - 900:html.index("A note from the doctor")]
    t.has(doc_li[doc_li.rindex('<li class="comment'):], badge, "badge on the doctor's comment")
    # An article by a doctor.
    slug = one(db, "SELECT a.slug FROM articles a JOIN doctors d ON d.user_id = a.author_id"
                   " WHERE a.status = 'published' AND d.verified_at IS NOT NULL LIMIT 1")
    if slug:
        t.has(s.get("/articles/" + slug).text, badge, "article byline badged")


def test_login_takes_the_nfd_spelling_of_an_address(t):
    """Registration keeps an address in NFC; login normalises what is
    typed the same way, so the NFD spelling signs in to that account."""
    db = fresh_db(t, "nfclogin")
    s = t.server(db)
    nfc = unicodedata.normalize("NFC", "ren\u00e9e@example.org")
    nfd = unicodedata.normalize("NFD", nfc)
    t.ok(nfc != nfd, "two spellings")
    t.eq(register(Browser(s), "Renée", nfc).status, 303, "registered in NFC")
    b = Browser(s)
    r = b.post("/login", {"csrf": b.csrf("/login"), "email": nfd,
                          "password": "a long passphrase"})
    t.eq(r.status, 303, "the NFD spelling signs in")
    t.eq(b.get("/account").status, 200, "signed in")
    b = Browser(s)
    r = b.post("/login", {"csrf": b.csrf("/login"), "email": nfd,
                          "password": "not the passphrase"})
    t.eq(r.status, 400, "a wrong password is still refused")
