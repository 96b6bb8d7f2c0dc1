"""A structured intake per department (issue 17, item 4): admins define a
department's form as JSON (bad definitions refused with a 400 naming the
place, nothing stored, an audit row for what is saved), the ask form
shows it and checks answers by type (every field optional), the doctor
reads the answers as a table, readers never see them (with consent or
without), and they go, with the reply-notice address, with the
question's personal data (account deletion, a moderator's removal of
details, withdrawal) and come with the data download."""
import json
import re
import socket

from askflow import (ADMIN, MOD, ONCO, PATIENT, Browser, ask, dept_id, fresh_db, login, one,
                     pii_choices, reply, rows, snapshot)

FORM = {"fields": [
    {"key": "diagnosis", "type": "text", "label": {"en": "Diagnosis", "zh-TW": "診斷"},
     "help": {"en": "As the doctor wrote it"}},
    {"key": "hbv", "type": "select", "label": {"en": "Hepatitis B"},
     "options": [{"value": "positive", "label": {"en": "Positive"}},
                 {"value": "negative", "label": {"en": "Negative"}}, "unknown"]},
    {"key": "afp", "type": "number", "label": {"en": "AFP"}, "unit": "ng/mL"},
    {"key": "treatments", "type": "multi", "label": {"en": "Prior treatments"},
     "options": ["resection", "tace", {"value": "rfa", "label": {"en": "RFA"}}]},
    {"key": "resection_date", "type": "date", "label": {"en": "Date of resection"}},
]}

# (definition, words the error names)
BAD = [
    ("{not json", "not valid JSON"),
    ("[]", "&quot;fields&quot;"),
    ('{"fields": []}', "&quot;fields&quot;"),
    ('{"fields": [], "extra": 1}', "Unknown member &quot;extra&quot;"),
    ('{"fields": [{"key": "Bad Key", "type": "text", "label": {"en": "x"}}]}', "fields[0].key"),
    ('{"fields": [{"key": "a", "type": "colour", "label": {"en": "x"}}]}', "fields[0].type"),
    ('{"fields": [{"key": "a", "type": "text"}]}', "fields[0].label"),
    ('{"fields": [{"key": "a", "type": "text", "label": {"en": ""}}]}', "fields[0].label.en"),
    ('{"fields": [{"key": "a", "type": "select", "label": {"en": "x"}}]}', "fields[0].options"),
    ('{"fields": [{"key": "a", "type": "text", "label": {"en": "x"}, "options": ["b"]}]}',
     "fields[0].options"),
    ('{"fields": [{"key": "a", "type": "multi", "label": {"en": "x"}, "options": ["b", "b"]}]}',
     "fields[0].options[1]"),
    ('{"fields": [{"key": "a", "type": "text", "label": {"en": "x"}},'
     ' {"key": "a", "type": "date", "label": {"en": "y"}}]}', "fields[1].key"),
    ('{"fields": [{"key": "a", "type": "text", "label": {"en": "x"}, "size": 3}]}',
     "fields[0].size"),
    ('{"fields": [{"key": "a", "type": "number", "label": {"en": "x"}, "unit": 5}]}',
     "fields[0].unit"),
]


def define(admin, dept, definition):
    path = "/admin/intake/%d" % dept
    return admin.post(path, {"csrf": admin.csrf(path), "definition": definition})


def setup(t, name, args=()):
    db = fresh_db(t, name)
    s = t.server(db, args=list(args))
    admin = login(s, ADMIN[0], ADMIN[2])
    onc = dept_id(db, "Oncology")
    r = define(admin, onc, json.dumps(FORM))
    t.eq(r.status, 303, "form saved")
    return db, s, admin, onc


def answers(onc, **over):
    f = {"intake.%d.diagnosis" % onc: "Hepatocellular carcinoma, stage A",
         "intake.%d.hbv" % onc: "positive",
         "intake.%d.afp" % onc: "12.5",
         "intake.%d.treatments" % onc: ["resection", "rfa"],
         "intake.%d.resection_date" % onc: "2023-04-02"}
    f.update(over)
    return f


def test_define_and_refuse_bad_definitions(t):
    db = fresh_db(t, "define")
    s = t.server(db)
    admin = login(s, ADMIN[0], ADMIN[2])
    onc = dept_id(db, "Oncology")
    r = admin.get("/admin/intake")
    t.eq(r.status, 200, "list of departments")
    t.has(r.text, 'href="/admin/intake/%d"' % onc, "link to a department's form")
    t.has(admin.get("/admin").text, 'href="/admin/intake"', "linked from the dashboard")
    forms0 = one(db, "SELECT count(*) FROM intake_forms")
    audit0 = one(db, "SELECT count(*) FROM audit_log")
    for definition, words in BAD:
        r = define(admin, onc, definition)
        t.eq(r.status, 400, "refused: %s" % definition[:40])
        t.has(r.text, words, "the error names the place: %s" % definition[:40])
        t.has(r.text, 'aria-invalid="true"', "field marked invalid")
    t.eq(one(db, "SELECT count(*) FROM intake_forms"), forms0, "nothing stored")
    t.eq(one(db, "SELECT count(*) FROM audit_log"), audit0, "nothing audited")
    # a refused text comes back to be corrected
    r = define(admin, onc, '{"fields": [{"key": "a", "type": "colour", "label": {"en": "x"}}]}')
    t.has(r.text, "colour", "refused definition kept in the editor")
    # a good one is saved, audited and shown again for editing
    r = define(admin, onc, json.dumps(FORM))
    t.eq(r.status, 303, "saved")
    t.eq(r.header("location"), "/admin/intake/%d?done=saved" % onc, "back to the editor")
    kept = json.loads(one(db, "SELECT definition FROM intake_forms WHERE department_id = ?", onc))
    t.eq(kept, FORM, "definition kept as given")
    t.eq(one(db, "SELECT count(*) FROM audit_log WHERE action = 'intake.set'"
                 " AND target_kind = 'department' AND target_id = ?", onc), 1, "audited")
    r = admin.get("/admin/intake/%d?done=saved" % onc)
    t.has(r.text, "The intake form was saved.", "saved notice")
    t.has(r.text, "&quot;resection_date&quot;", "definition shown for editing")
    # emptying removes it
    t.eq(define(admin, onc, "  ").status, 303, "emptied")
    t.eq(one(db, "SELECT count(*) FROM intake_forms"), forms0, "form removed")
    t.eq(one(db, "SELECT count(*) FROM audit_log WHERE action = 'intake.remove'"), 1,
         "removal audited")
    # admins only, with the CSRF token; unknown departments are 404
    mod = login(s, MOD[0], MOD[2])
    t.eq(mod.get("/admin/intake").status, 403, "moderator: 403")
    r = mod.post("/admin/intake/%d" % onc, {"csrf": mod.csrf("/admin"), "definition": "{}"})
    t.eq(r.status, 403, "moderator cannot save")
    r = admin.post("/admin/intake/%d" % onc, {"definition": json.dumps(FORM)})
    t.eq(r.status, 403, "no CSRF token: 403")
    t.eq(define(admin, 999999, json.dumps(FORM)).status, 404, "unknown department: 404")
    t.eq(one(db, "SELECT count(*) FROM intake_forms"), forms0, "still nothing stored")


def test_ask_with_intake_and_doctor_table(t):
    db, s, admin, onc = setup(t, "ask")
    patient = Browser(s)
    r = patient.get("/ask")
    t.has(r.text, 'name="intake.%d.afp"' % onc, "ask form carries the intake")
    t.has(r.text, 'data-intake-dept="%d"' % onc, "grouped by department")
    t.has(r.text, 'name="intake.%d.treatments" type="checkbox" value="rfa"' % onc, "multi")
    t.has(r.text, 'id="intake-%d-resection_date" name="intake.%d.resection_date" type="date"'
          % (onc, onc), "date field")
    # bad answers: 400, everything kept, nothing stored
    before = snapshot(db)
    intakes0 = one(db, "SELECT count(*) FROM question_intake")
    for field, value, words in (("afp", "twelve", "Please type a number"),
                                ("hbv", "maybe", "Please choose one of the options"),
                                ("treatments", ["surgery"], "Please choose one of the options"),
                                ("resection_date", "2023-02-30", "year-month-day")):
        r = patient.post("/ask", dict(_ask(patient, db),
                                      **answers(onc, **{"intake.%d.%s" % (onc, field): value})))
        t.eq(r.status, 400, "bad %s refused" % field)
        t.has(r.text, words, "message for %s" % field)
        t.has(r.text, 'href="#intake-%d-%s"' % (onc, field), "error links to the field")
        t.has(r.text, "Hepatocellular carcinoma, stage A", "answers kept")
    t.eq(snapshot(db), before, "nothing stored")
    t.eq(one(db, "SELECT count(*) FROM question_intake"), intakes0, "no intake stored")
    # every field is optional
    qid, _, _ = ask(t, patient, db)
    t.eq(one(db, "SELECT count(*) FROM question_intake WHERE question_id = ?", qid), 0,
         "nothing kept when nothing was filled in")
    # a multi field left empty does not drop the rest (a regression)
    partial = answers(onc)
    del partial["intake.%d.treatments" % onc]
    qid0, _, _ = ask(t, patient, db, **partial)
    kept = json.loads(one(db, "SELECT data FROM question_intake WHERE question_id = ?", qid0))
    t.eq(sorted(f["key"] for f in kept["fields"]),
         ["afp", "diagnosis", "hbv", "resection_date"], "the other answers kept")
    # a good one is kept with the question
    qid, status_path, _ = ask(t, patient, db, **answers(onc))
    data = json.loads(one(db, "SELECT data FROM question_intake WHERE question_id = ?", qid))
    t.eq(data["department_id"], onc, "department kept")
    values = {f["key"]: f["value"] for f in data["fields"]}
    t.eq(values, {"diagnosis": "Hepatocellular carcinoma, stage A", "hbv": "positive",
                  "afp": 12.5, "treatments": ["resection", "rfa"],
                  "resection_date": "2023-04-02"}, "values kept by type")
    # another department's fields are not read
    ped = dept_id(db, "Pediatrics")
    qid2, _, _ = ask(t, patient, db, department=str(ped), **answers(onc))
    t.eq(one(db, "SELECT count(*) FROM question_intake WHERE question_id = ?", qid2), 0,
         "only the chosen department's form is read")
    # the doctor reads a table
    doc = login(s, ONCO[0], ONCO[2])
    r = doc.get("/doctor/question/%d" % qid)
    t.eq(r.status, 200, "workbench")
    t.has(r.text, 'class="intake-table"', "intake table")
    t.has(r.text, '<th scope="row">AFP</th><td>12.5 ng/mL</td>', "number with its unit")
    t.has(r.text, '<th scope="row">Hepatitis B</th><td>Positive</td>', "option label")
    t.has(r.text, '<th scope="row">Prior treatments</th><td>resection, RFA</td>', "multi")
    t.has(r.text, '<td>2023-04-02</td>', "date")
    # ... in their language where the form has it
    r = doc.get("/doctor/question/%d?lang=zh-TW" % qid)
    t.has(r.text, '<th scope="row">診斷</th>', "label in the reader's language")
    # the form changes later: the answers still read as they were given
    t.eq(define(admin, onc, json.dumps({"fields": [FORM["fields"][0]]})).status, 303, "changed")
    t.has(doc.get("/doctor/question/%d" % qid).text, '<th scope="row">AFP</th>',
          "answers keep their labels")
    # never published: not on the public page, nor in search or the API
    r = reply(t, doc, qid, **pii_choices(doc, qid))
    t.eq(r.status, 303, "published")
    for path in ("/qa/%d" % qid, "/api/qa/%d" % qid, "/search?q=Hepatocellular",
                 status_path):
        page = s.get(path).text if not path.startswith("/my/") else patient.get(path).text
        t.lacks(page, "Hepatocellular carcinoma, stage A", "intake not shown on " + path)
        t.lacks(page, "12.5 ng/mL", "intake values not shown on " + path)


def _ask(b, db):
    from askflow import ask_form
    return ask_form(b, db)


def test_intake_goes_with_personal_data(t):
    db, s, admin, onc = setup(t, "privacy")
    pat = login(s, PATIENT[0], PATIENT[2])
    demo_rows = one(db, "SELECT count(*) FROM question_intake")
    qid, _, _ = ask(t, pat, db, **answers(onc))
    # the data download carries it
    r = pat.post("/account/data", {"csrf": pat.csrf("/account")})
    t.eq(r.status, 200, "download")
    d = json.loads(r.text)
    mine = [q for q in d["questions"] if q["id"] == qid]
    t.eq(len(mine), 1, "question in the download")
    t.eq({f["key"]: f["value"] for f in mine[0]["intake"]["fields"]}["afp"], 12.5,
         "intake in the download")
    # a moderator's removal of personal details removes it
    doc = login(s, ONCO[0], ONCO[2])
    t.eq(reply(t, doc, qid, **pii_choices(doc, qid)).status, 303, "published")
    mod = login(s, MOD[0], MOD[2])
    mpath = "/moderate/question/%d" % qid
    r = mod.post(mpath + "/edit", {"csrf": mod.csrf(mpath), "title": "Interferon after surgery?",
                                   "text": "Would interferon after liver cancer surgery help?"})
    t.eq(r.status, 303, "details removed")
    t.eq(one(db, "SELECT count(*) FROM question_intake WHERE question_id = ?", qid), 0,
         "intake removed with the asker's words")
    # account deletion removes the rest (kept and deleted questions alike)
    qid2, _, _ = ask(t, pat, db, **answers(onc))
    t.eq(reply(t, doc, qid2, **pii_choices(doc, qid2)).status, 303, "second published")
    qid3, _, _ = ask(t, pat, db, **answers(onc))
    t.eq(one(db, "SELECT count(*) FROM question_intake WHERE question_id IN (?, ?)", qid2, qid3),
         2, "two kept before deletion")
    r = pat.post("/account/delete", {"csrf": pat.csrf("/account/delete"),
                                      "password": PATIENT[2]})
    t.eq(r.status, 200, "account deleted")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid2), "published",
         "published question stays")
    t.eq(one(db, "SELECT count(*) FROM question_intake WHERE question_id IN (?, ?)", qid2, qid3),
         0, "intake gone with the account's personal data")
    # and the archive never carries it
    p = t.run("export", "--db", db)
    t.eq(p.returncode, 0, "export")
    t.lacks(p.stdout, "Hepatocellular carcinoma, stage A", "not in the archive")
    t.eq(one(db, "SELECT count(*) FROM question_intake"), demo_rows, "none of theirs left")


def private_left(db, qid):
    """(intake rows, notify address) still held for question qid."""
    return (one(db, "SELECT count(*) FROM question_intake WHERE question_id = ?", qid),
            one(db, "SELECT notify_email FROM questions WHERE id = ?", qid))


def test_withdrawal_and_removed_details_forget_intake_and_address(t):
    # mail on (to a port nobody listens on: the queue just waits), so
    # the ask form keeps a reply-notice address
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    db, s, admin, onc = setup(t, "forget", [
        "--smtp-url", "smtp://127.0.0.1:%d" % port, "--mail-from", "noreply@askdoc.test",
        "--public-url", "http://askdoc.test"])
    pat = Browser(s)
    mail = "winnie.forget@example.org"
    # withdrawn by the asker: nothing private is kept for a question
    # nobody will answer
    qid, path, _ = ask(t, pat, db, email=mail, **answers(onc))
    t.eq(private_left(db, qid), (1, mail), "intake and address kept while waiting")
    r = pat.post(path + "/withdraw", {"csrf": pat.csrf(path), "confirm": "yes"})
    t.eq(r.status, 303, "withdrawn")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid), "withdrawn", "status")
    t.eq(private_left(db, qid), (0, None), "withdrawal forgets intake and address")
    # a refused withdrawal (already answered) keeps both
    doc = login(s, ONCO[0], ONCO[2])
    qid2, path2, _ = ask(t, pat, db, email=mail, **answers(onc))
    t.eq(reply(t, doc, qid2, **pii_choices(doc, qid2)).status, 303, "published")
    r = pat.post(path2 + "/withdraw", {"csrf": pat.csrf(path2), "confirm": "yes"})
    t.eq(r.status, 409, "too late to withdraw")
    t.eq(private_left(db, qid2), (1, mail), "nothing forgotten on a refusal")
    # a moderator's removal of personal details forgets the address too
    mod = login(s, MOD[0], MOD[2])
    mpath = "/moderate/question/%d" % qid2
    r = mod.post(mpath + "/edit", {"csrf": mod.csrf(mpath), "title": "Interferon after surgery?",
                                   "text": "Would interferon after liver cancer surgery help?"})
    t.eq(r.status, 303, "details removed")
    t.eq(private_left(db, qid2), (0, None), "removal forgets intake and address")
    # a refused removal (bad form) forgets nothing
    qid3, _, _ = ask(t, pat, db, email=mail, **answers(onc))
    t.eq(reply(t, doc, qid3, **pii_choices(doc, qid3)).status, 303, "third published")
    mpath = "/moderate/question/%d" % qid3
    r = mod.post(mpath + "/edit", {"csrf": mod.csrf(mpath), "title": "", "text": "x"})
    t.eq(r.status, 400, "a removal without a title is refused")
    t.eq(private_left(db, qid3), (1, mail), "nothing forgotten on a refusal")


def test_intake_never_published_without_consent(t):
    db, s, admin, onc = setup(t, "consent")
    pat = Browser(s)
    qid, path, _ = ask(t, pat, db, consent=None,
                       **answers(onc, **{"intake.%d.diagnosis" % onc: "Zyxomatous nodule"}))
    t.eq(one(db, "SELECT consent FROM questions WHERE id = ?", qid), 0, "no consent stored")
    doc = login(s, ONCO[0], ONCO[2])
    t.eq(reply(t, doc, qid, **pii_choices(doc, qid)).status, 303, "answered")
    t.ok(one(db, "SELECT status FROM questions WHERE id = ?", qid) != "published",
         "without consent the Q&A stays private")
    for p in ("/qa/%d" % qid, "/api/qa/%d" % qid, "/search?q=Zyxomatous", "/",
              "/feeds/qa.atom", "/sitemap.xml"):
        r = s.get(p)
        t.lacks(r.text, "Zyxomatous nodule", "intake not on " + p)
        t.lacks(r.text, "12.5 ng/mL", "intake values not on " + p)
    p = t.run("export", "--db", db)
    t.eq(p.returncode, 0, "export")
    t.lacks(p.stdout, "Zyxomatous nodule", "not in the archive")


def test_demo_liver_department_has_the_intake(t):
    db = fresh_db(t, "liverdemo")
    liver = dept_id(db, "Gastroenterology and Hepatology")
    form = json.loads(one(db, "SELECT definition FROM intake_forms WHERE department_id = ?",
                          liver))
    keys = [f["key"] for f in form["fields"]]
    for k in ("diagnosis", "hbv", "hcv", "child_pugh", "tumour_count", "tumour_size",
              "segments", "afp", "treatments", "resection_date", "tace_date", "rfa_date",
              "systemic_date"):
        t.ok(k in keys, "liver intake has " + k)
    treatments = [f for f in form["fields"] if f["key"] == "treatments"][0]
    t.eq([o["value"] for o in treatments["options"]], ["resection", "tace", "rfa", "systemic"],
         "prior treatments")
    qid = one(db, "SELECT id FROM questions WHERE external_id = 'demo-qa-001'")
    t.ok(one(db, "SELECT count(*) FROM question_intake WHERE question_id = ?", qid) == 1,
         "the demo's liver question carries answers")
    s = t.server(db)
    admin = login(s, ADMIN[0], ADMIN[2])
    r = admin.get("/doctor/question/%d" % qid)
    t.has(r.text, '<th scope="row">Child-Pugh class</th><td>B</td>', "shown to staff")
    t.has(r.text, '<th scope="row">Largest tumour size</th><td>2.4 cm</td>', "with the unit")
    t.lacks(s.get("/qa/%d" % qid).text, "Hepatocellular carcinoma on hepatitis C cirrhosis",
            "not on the public page")
    r = Browser(s).get("/ask")
    t.has(r.text, 'name="intake.%d.child_pugh"' % liver, "the ask form offers it")


def test_cli_refuses_bad_forms_and_answers(t):
    db = fresh_db(t, "cli")
    bad = t.path("bad.json")
    with open(bad, "w") as f:
        f.write('{"fields": [{"key": "a", "type": "colour", "label": {"en": "x"}}]}')
    p = t.run("intake", "--db", db, "form", "Oncology", bad)
    t.eq(p.returncode, 1, "bad form refused")
    t.has(p.stderr, "fields[0].type", "names the place")
    t.eq(one(db, "SELECT count(*) FROM intake_forms WHERE department_id = ?",
             dept_id(db, "Oncology")), 0, "nothing stored")
    answers_file = t.path("answers.jsonl")
    with open(answers_file, "w") as f:
        f.write('{"question": "demo-qa-004", "answers": {"hbv": "carrier"}}\n'
                '{"question": "demo-qa-006", "answers": {"afp": "lots"}}\n')
    before = rows(db, "SELECT * FROM question_intake ORDER BY question_id")
    p = t.run("intake", "--db", db, "answers", answers_file)
    t.eq(p.returncode, 1, "bad answers refused")
    t.has(p.stderr, "line 2: afp: intake_number_invalid", "names the line and field")
    t.eq(rows(db, "SELECT * FROM question_intake ORDER BY question_id"), before,
         "all lines or none")
