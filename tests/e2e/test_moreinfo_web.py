"""More Info on the web pages: the draft in the doctor's reply editor
(citations, unticking sentences, writing one's own, regenerating with a
fake language model started here on loopback), what gets published and
approved, the published page's cited block and source links, the
automatic block of demo Q&As, "while you wait" on the asker's status page
before a reply (and not after), and hostile library text rendered inert.

The library entries below were written for this test."""
import html as htmlmod
import http.server
import json
import re
import threading

from askflow import (Browser, login, ONCO, ask, dept_id, exec_sql, fresh_db, one, rows, reply)

HOSTILE = [
    {"external_id": "HOST_1", "kind": "faq",
     "title": "What is shingles? <script>alert('t')</script>",
     "question": "What is shingles?", "question_type": "information",
     "topics": ["Shingles", "Herpes zoster"],
     "answers": [{"author": "Skin Institute", "body":
                  "Shingles is a painful rash caused by the chickenpox virus "
                  "waking up again years later. The rash usually appears as a "
                  "band of blisters on one side of the body or face. "
                  "<script>alert('body')</script> Anyone who has had "
                  "chickenpox can get shingles, and it is more common after "
                  "the age of fifty. The pain can start a few days before the "
                  "rash \"><img src=x onerror=alert(1)> appears, and it "
                  "may burn, tingle or itch. Most people with shingles have "
                  "only one episode, but it can come back. "
                  "Shingles itself is not passed from person to person, but "
                  "the virus can give chickenpox to someone who never had "
                  "it."}],
     "source": {"name": "Skin <b>Institute</b>", "url": "javascript:alert(1)"},
     "language": "en"},
    {"external_id": "HOST_2", "kind": "faq",
     "title": "What are the treatments for shingles?",
     "question": "What are the treatments for shingles?",
     "question_type": "treatment", "topics": ["Shingles", "Herpes zoster"],
     "answers": [{"author": "Skin Institute", "body":
                  "Shingles is treated with antiviral medicines that work "
                  "best when they are started within three days of the rash. "
                  "They shorten the attack and make lasting nerve pain less "
                  "likely. Pain relievers, cool compresses and calamine "
                  "lotion ease the discomfort while the blisters heal. Keep "
                  "the rash clean and covered so it does not get infected. "
                  "See a doctor at once if the rash is near an eye, because "
                  "shingles there can harm your sight. A vaccine lowers the "
                  "chance of getting shingles and is offered to older "
                  "adults."}],
     "source": {"name": "Skin Institute", "url": "https://skin.example.org/shingles"},
     "language": "en"},
]

SHINGLES_Q = {
    "title": "Painful rash on one side of my chest: is it shingles?",
    "text": "I have a band of painful blisters on one side of my chest and the "
            "pain started before the rash. My doctor thinks it is shingles. "
            "What is shingles and how is it treated?",
    "department": "",
}


# ---- helpers ----

def editor(text):
    """The More Info section of an editor page: (draft JSON, mi_at,
    [(index, sentence text, checked)])."""
    m = re.search(r'name="mi_json" value="([^"]*)"', text)
    at = re.search(r'name="mi_at" value="([^"]*)"', text)
    sents = []
    for sm in re.finditer(r'<input id="mi-keep-(\d+)" name="mi_keep" type="checkbox" '
                          r'value="\d+"( checked)?> <label for="mi-keep-\d+">(.*?) '
                          r'<sup class="cite">', text):
        sents.append((int(sm.group(1)), htmlmod.unescape(sm.group(3)), bool(sm.group(2))))
    return (htmlmod.unescape(m.group(1)) if m else None,
            htmlmod.unescape(at.group(1)) if at else None, sents)


def section(text, start, end):
    i = text.find(start)
    if i < 0:
        return ""
    j = text.find(end, i)
    return text[i:j if j > 0 else len(text)]


def more_info_block(text):
    return section(text, '<section class="more-info"', "</section>")


def plain(fragment):
    return htmlmod.unescape(re.sub(r"<[^>]+>", "", fragment))


def post_editor(t, doc, qid, action="publish", keep=None, own=None, page=None, path=None,
                **over):
    """Post the reply editor of qid (or the editor at path) with its More
    Info fields as the page showed them; keep: the sentence indexes to
    keep (default: as shown)."""
    path = path or "/doctor/question/%d" % qid
    page = page or doc.get(path).text
    draft, at, sents = editor(page)
    t.ok(draft is not None, "the editor carries a draft")
    if keep is None:
        keep = [i for i, _, checked in sents if checked]
    f = {"csrf": re.search(r'name="csrf" value="([^"]+)"', page).group(1),
         "body": "Yes, **it can**. Talk to your doctor.", "signoff": "Dr. O",
         "action": action, "mi_json": draft, "mi_at": at,
         "mi_keep": [str(i) for i in keep]}
    if own is not None:
        f["mi_own"] = own
    f.update(over)
    return doc.post(path, f), sents


def check_links(t, s, block, what):
    links = re.findall(r'href="(/[^"#]*)"', block)
    t.ok(links, what + ": the sources link to pages here")
    for href in links:
        t.eq(s.get(htmlmod.unescape(href)).status, 200, "%s: source link %s works" % (what, href))
    return links


def user_id(db, email):
    return one(db, "SELECT id FROM users WHERE email = ?", email)


def setup(t, name, args=()):
    db = fresh_db(t, name)
    p = t.path(name + "-hostile.jsonl")
    with open(p, "w") as f:
        for rec in HOSTILE:
            f.write(json.dumps(rec) + "\n")
    r = t.run("import", "--db", db, p)
    if r.returncode != 0:
        raise RuntimeError("import failed: " + r.stderr)
    return db, t.server(db, args=args)


# ---- the editor and the published page ----

def test_editor_draft_remove_publish(t):
    db, s = setup(t, "mi-edit")
    patient = Browser(s)
    qid, status_path, _ = ask(t, patient, db)
    t.lacks(patient.get(status_path).text, 'id="more-info-h"',
            "no More Info on the status page before a reply")
    doc = login(s, ONCO[0], ONCO[2])
    r = doc.get("/doctor/question/%d" % qid)
    t.eq(r.status, 200, "editor")
    block = section(r.text, '<fieldset class="mi-review', "</fieldset>")
    t.has(block, "<legend>More Info</legend>", "the editor has a More Info section")
    draft, at, sents = editor(r.text)
    t.ok(len(sents) >= 3, "a draft of several sentences: %d" % len(sents))
    t.ok(all(c for _, _, c in sents), "every sentence is ticked at first")
    t.ok(re.search(r'<sup class="cite">\[1\]', block), "sentences carry citations")
    t.has(block, 'href="/library/', "the sources link to the library")
    t.lacks(block, "Machine-assisted", "the extract is not machine-assisted")
    t.ok(at and at.endswith("Z"), "mi_at is a time: %r" % at)
    d = json.loads(draft)
    t.eq(len(d["sentences"]), len(sents), "the JSON holds every sentence")
    t.eq(one(db, "SELECT count(*) FROM more_info"), 0, "opening stores nothing")

    # Preview keeps what was unticked.
    r, _ = post_editor(t, doc, qid, action="preview", keep=[i for i, _, _ in sents[1:]])
    t.eq(r.status, 200, "preview")
    _, _, again = editor(r.text)
    t.eq([c for _, _, c in again], [False] + [True] * (len(sents) - 1),
         "preview keeps the unticked sentence unticked")
    t.eq(one(db, "SELECT count(*) FROM more_info"), 0, "preview stores nothing")

    # Publish without the first sentence.
    removed = sents[0][1]
    kept = [txt for _, txt, _ in sents[1:]]
    changes0 = one(db, "SELECT max(seq) FROM changes")
    r, _ = post_editor(t, doc, qid, keep=[i for i, _, _ in sents[1:]], page=r.text)
    t.eq(r.status, 303, "published")
    row = rows(db, "SELECT json, status, approved_by, approved_at, edited, machine_assisted"
               " FROM more_info WHERE question_id = ?", qid)
    t.eq(len(row), 1, "More Info kept with the question")
    if not row:
        return
    js, status, by, at2, edited, machine = row[0]
    t.eq(status, "approved", "approved on publishing")
    t.eq(by, user_id(db, ONCO[0]), "approved by the doctor")
    t.ok(at2, "approval time")
    t.eq(edited, 1, "marked edited")
    t.eq(machine, 0, "not machine-assisted")
    kept_json = [x["text"] for x in json.loads(js)["sentences"]]
    t.eq(kept_json, kept, "exactly the ticked sentences are kept")
    t.ok(one(db, "SELECT count(*) FROM changes WHERE seq > ? AND kind = 'qa' AND entity_id = ?",
             changes0, qid) >= 2, "publication and approval in the changelog")

    page = s.get("/qa/%d" % qid).text
    mi = more_info_block(page)
    t.has(mi, '<div class="moreinfo">', "the published page shows More Info")
    t.ok(re.search(r'<sup class="cite"><a href="#mi-1">\[1\]</a></sup>', mi),
         "numbered citations link to the source list")
    t.has(mi, '<ol class="moreinfo-sources">', "a source list")
    t.has(mi, '<li id="mi-1">', "sources are numbered")
    t.has(mi, "reviewed by Olga Oncologist", "says who reviewed it")
    text = plain(mi)
    t.ok(removed not in text, "the removed sentence is not published")
    for k in kept:
        t.has(text, k, "a kept sentence is published")
    check_links(t, s, section(mi, '<ol class="moreinfo-sources">', "</ol>"), "published page")
    # The asker's status page shows the same approved More Info.
    st = patient.get(status_path).text
    t.has(st, 'id="more-info-h"', "the status page has More Info after the reply")
    smi = section(st, '<section class="more-info"', "</section>")
    t.has(smi, "reviewed by Olga Oncologist", "status page: says who reviewed it")
    t.ok(removed not in plain(smi), "status page: the removed sentence is not shown")
    for k in kept:
        t.has(plain(smi), k, "status page: a kept sentence is shown")
    t.lacks(st, 'id="wait-h"', "no While you wait once answered")

    # Editing the reply later shows the approved More Info, and saving
    # keeps what is ticked then.
    aid = one(db, "SELECT id FROM answers WHERE question_id = ?", qid)
    epath = "/doctor/answer/%d/edit" % aid
    r = doc.get(epath)
    t.eq(r.status, 200, "edit page")
    _, _, esents = editor(r.text)
    t.eq([x for _, x, _ in esents], kept, "the edit page shows the approved sentences")
    r, _ = post_editor(t, doc, qid, action="save", path=epath, page=r.text,
                       keep=[i for i, _, _ in esents[1:]])
    t.eq(r.status, 303, "saved")
    js = json.loads(one(db, "SELECT json FROM more_info WHERE question_id = ?", qid))
    t.eq([x["text"] for x in js["sentences"]], kept[1:], "the edit removed one more sentence")
    t.eq(one(db, "SELECT status FROM more_info WHERE question_id = ?", qid), "approved",
         "approved again")
    text = plain(more_info_block(s.get("/qa/%d" % qid).text))
    t.ok(kept[0] not in text, "the page follows the edit")


def test_write_own_and_remove_all(t):
    db, s = setup(t, "mi-own")
    patient = Browser(s)
    doc = login(s, ONCO[0], ONCO[2])
    qid, _, _ = ask(t, patient, db)
    own = "My **own** explanation. <script>alert(1)</script> [x](javascript:alert(2))"
    r, _ = post_editor(t, doc, qid, own=own)
    t.eq(r.status, 303, "published with an own text")
    js = one(db, "SELECT json FROM more_info WHERE question_id = ?", qid)
    t.eq(json.loads(js or "{}").get("own"), own, "the own text is kept")
    t.eq(one(db, "SELECT edited FROM more_info WHERE question_id = ?", qid), 1, "edited")
    mi = more_info_block(s.get("/qa/%d" % qid).text)
    t.has(mi, "My <strong>own</strong> explanation.", "the own text is shown as Markdown")
    t.lacks(mi, "<script>", "raw HTML of the own text is not shown")
    t.lacks(mi, "javascript:", "javascript: links are not made")
    t.lacks(mi, "moreinfo-sources", "an own text has no source list")
    t.has(mi, "Written by Olga Oncologist", "says who wrote it")

    # Unticking every sentence publishes no More Info.
    qid2, _, _ = ask(t, patient, db, title="Can liver cancer come back after surgery?")
    r, _ = post_editor(t, doc, qid2, keep=[])
    t.eq(r.status, 303, "published without More Info")
    t.eq(json.loads(one(db, "SELECT json FROM more_info WHERE question_id = ?", qid2))["sentences"],
         [], "an empty More Info is kept (the doctor's choice)")
    mi = more_info_block(s.get("/qa/%d" % qid2).text)
    t.lacks(mi, 'class="moreinfo"', "no More Info block")
    t.has(mi, "Nothing in our library is close enough to this question to quote, so "
                "there is no More Info here.", "says plainly there is none")

    # A plain reply without the section keeps nothing; the page then
    # shows an automatic extract.
    qid3, _, _ = ask(t, patient, db)
    r = reply(t, doc, qid3)
    t.eq(r.status, 303, "published by a form without More Info")
    t.eq(one(db, "SELECT count(*) FROM more_info WHERE question_id = ?", qid3), 0,
         "nothing kept")
    mi = more_info_block(s.get("/qa/%d" % qid3).text)
    t.has(mi, '<div class="moreinfo">', "an automatic extract is shown")
    t.has(mi, "not reviewed by a doctor", "labelled as automatic")


def test_bad_more_info_input(t):
    db, s = setup(t, "mi-bad")
    patient = Browser(s)
    doc = login(s, ONCO[0], ONCO[2])
    qid, _, _ = ask(t, patient, db)
    page = doc.get("/doctor/question/%d" % qid).text
    draft, _, sents = editor(page)
    bad = json.loads(draft)
    bad["sentences"][0]["cites"] = [99]
    for value, what in (("not json", "malformed JSON"), (json.dumps(bad), "a citation of no source"),
                        ('{"sentences": [{"text": "x", "cites": []}], "sources": []}',
                         "a sentence without a citation")):
        r, _ = post_editor(t, doc, qid, page=page, mi_json=value)
        t.eq(r.status, 400, what + ": refused")
        t.has(r.text, "could not be read", what + ": says so")
        t.eq(one(db, "SELECT status FROM questions WHERE id = ?", qid), "waiting",
             what + ": nothing published")
    r, _ = post_editor(t, doc, qid, page=page, own="x" * (16 * 1024 + 1))
    t.eq(r.status, 413, "an own text over the limit")
    t.eq(one(db, "SELECT count(*) FROM more_info"), 0, "nothing kept")
    # Indexes out of range or not numbers are ignored.
    r, _ = post_editor(t, doc, qid, page=page, keep=["0", "-1", "999", "x", "1"])
    t.eq(r.status, 303, "odd indexes ignored")
    js = json.loads(one(db, "SELECT json FROM more_info WHERE question_id = ?", qid))
    t.eq([x["text"] for x in js["sentences"]], [sents[0][1], sents[1][1]],
         "only the valid indexes were kept")
    # A doctor's tampered source link cannot make a javascript: link.
    qid2, _, _ = ask(t, patient, db)
    page = doc.get("/doctor/question/%d" % qid2).text
    draft, _, _ = editor(page)
    d = json.loads(draft)
    for src in d["sources"]:
        src["link"] = "javascript:alert(1)"
        src["url"] = "javascript:alert(2)"
    r, _ = post_editor(t, doc, qid2, page=page, mi_json=json.dumps(d))
    t.eq(r.status, 303, "published")
    mi = more_info_block(s.get("/qa/%d" % qid2).text)
    t.has(mi, '<div class="moreinfo">', "the More Info is shown")
    t.lacks(mi, "javascript:", "no javascript: link")


# ---- the language model ----

class FakeLLM(http.server.BaseHTTPRequestHandler):
    """Quotes the passages it is sent with their markers (a rewrite the
    checks accept), or fails with 500."""
    mode = "ok"
    requests = []

    def log_message(self, *a):
        pass

    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        req = json.loads(self.rfile.read(n))
        FakeLLM.requests.append((self.path, req))
        if FakeLLM.mode == "fail":
            self.send_response(500)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")
            return
        user = req["messages"][-1]["content"]
        parts = []
        for m in re.finditer(r"^\[(\d+)\] (.*)$", user, re.M):
            for sent in re.split(r"(?<=\.) ", m.group(2)):
                parts.append("%s [%s]" % (sent, m.group(1)))
        body = json.dumps({"choices": [{"message": {"role": "assistant",
                                                    "content": " ".join(parts)}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_language_model_path(t):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeLLM)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = "http://127.0.0.1:%d" % srv.server_address[1]
    try:
        db, s = setup(t, "mi-llm", args=("--llm-url", url, "--llm-model", "fake-1",
                                         "--llm-timeout", "5"))
        patient = Browser(s)
        doc = login(s, ONCO[0], ONCO[2])
        qid, _, _ = ask(t, patient, db)
        n0 = len(FakeLLM.requests)
        page = doc.get("/doctor/question/%d" % qid).text
        t.eq(len(FakeLLM.requests), n0, "opening the question does not ask the model")
        t.lacks(page, "Machine-assisted draft", "the first draft is the extract")
        t.has(page, "Regenerate with the language model", "Regenerate offered")

        FakeLLM.mode = "ok"
        r, _ = post_editor(t, doc, qid, action="regenerate", page=page, body="")
        t.eq(r.status, 200, "regenerated (the reply may still be empty)")
        t.eq(len(FakeLLM.requests), n0 + 1, "regenerating asks the model")
        if len(FakeLLM.requests) > n0:
            path, req = FakeLLM.requests[-1]
            t.eq(path, "/v1/chat/completions", "the endpoint path")
            t.eq(req["model"], "fake-1", "the model is sent")
        t.has(r.text, "Machine-assisted draft", "the draft is marked machine-assisted")
        draft, _, sents = editor(r.text)
        t.ok(json.loads(draft)["machine_assisted"], "the JSON says machine-assisted")
        t.ok(sents, "the rewrite has sentences")
        t.eq(rows(db, "SELECT status, machine_assisted FROM more_info WHERE question_id = ?", qid),
             [("draft", 1)], "the draft is kept with the question")
        again = doc.get("/doctor/question/%d" % qid).text
        t.has(again, "Machine-assisted draft", "reopening shows the kept draft")
        t.eq(len(FakeLLM.requests), n0 + 1, "without asking the model again")

        r, _ = post_editor(t, doc, qid, page=again)
        t.eq(r.status, 303, "published")
        t.eq(rows(db, "SELECT status, machine_assisted FROM more_info WHERE question_id = ?", qid),
             [("approved", 1)], "approved, machine-assisted")
        mi = more_info_block(s.get("/qa/%d" % qid).text)
        t.has(mi, "Machine-assisted", "the page says a model drafted it")
        t.has(mi, "reviewed by Olga Oncologist", "and who reviewed it")
        t.ok(re.search(r'<sup class="cite"><a href="#mi-1">\[1\]</a></sup>', mi), "cited")

        # A failing model: the extract, with a note.
        FakeLLM.mode = "fail"
        qid2, _, _ = ask(t, patient, db)
        r, _ = post_editor(t, doc, qid2, action="regenerate", body="")
        t.eq(r.status, 200, "regenerate with a failing model")
        t.has(r.text, "could not be used", "the doctor is told")
        t.lacks(r.text, "Machine-assisted draft", "not marked machine-assisted")
        t.eq(rows(db, "SELECT machine_assisted FROM more_info WHERE question_id = ?", qid2),
             [(0,)], "the extract is kept as the draft")
    finally:
        srv.shutdown()
        srv.server_close()


# ---- while you wait ----

def test_while_you_wait(t):
    db, s = setup(t, "mi-wait")
    patient = Browser(s)
    qid, path, _ = ask(t, patient, db)
    r = patient.get(path)
    t.eq(r.status, 200, "status page")
    wait = section(r.text, '<section class="while-you-wait"', "</section>")
    t.has(wait, "While you wait", "while you wait is shown before a reply")
    t.has(htmlmod.unescape(wait), "General information gathered automatically, not a doctor's answer",
          "clearly labelled")
    qas = re.findall(r'<a href="(/qa/\d+)">', wait)
    t.ok(qas, "answered questions like it are listed")
    for href in qas:
        t.eq(s.get(href).status, 200, "%s is a published page" % href)
    t.has(wait, '<div class="moreinfo">', "a cited explanation from the library")
    t.ok(re.search(r'<sup class="cite"><a href="#ww-1">\[1\]</a></sup>', wait), "with citations")
    check_links(t, s, section(wait, '<ol class="moreinfo-sources">', "</ol>"), "while you wait")
    doc = login(s, ONCO[0], ONCO[2])
    t.eq(reply(t, doc, qid).status, 303, "the doctor replies")
    r = patient.get(path)
    t.lacks(r.text, "While you wait", "not shown after the reply")
    t.lacks(r.text, "while-you-wait", "no block after the reply")
    # A question nothing is close to shows no block.
    _, path2, _ = ask(t, patient, db, title="Bicycle chain squeaks",
                      text="How often should I oil the chain of my bicycle gears?")
    t.lacks(patient.get(path2).text, "while-you-wait", "nothing close: no block")


# ---- demo content and hostile text ----

def test_demo_qa_automatic(t):
    db, s = setup(t, "mi-demo")
    qid = one(db, "SELECT id FROM questions WHERE external_id = 'demo-qa-001'")
    r = s.get("/qa/%d" % qid)
    t.eq(r.status, 200, "demo Q&A")
    mi = more_info_block(r.text)
    t.has(mi, '<div class="moreinfo">', "More Info for demo content")
    t.ok(re.search(r'<sup class="cite"><a href="#mi-1">\[1\]</a></sup>', mi), "cited")
    t.has(mi, "Gathered automatically", "labelled as automatic")
    check_links(t, s, section(mi, '<ol class="moreinfo-sources">', "</ol>"), "demo Q&A")
    # The question is on hepatitis C (and a Child-Pugh "class B"): the
    # library's hepatitis B entry is not its subject.
    t.lacks(section(mi, '<ol class="moreinfo-sources">', "</ol>"), "hepatitis B",
            "demo Q&A: hepatitis B is not cited for a hepatitis C question")
    t.eq(more_info_block(s.get("/qa/%d" % qid).text), mi, "the same block again (cached)")
    # A signed-in reader (no page cache) sees the same block.
    doc = login(s, ONCO[0], ONCO[2])
    t.eq(more_info_block(doc.get("/qa/%d" % qid).text), mi, "the same block signed in")


def test_demo_more_info_whatever_the_interface(t):
    """More Info is made from the topics' own names, not the names shown
    in the reader's language: a Chinese or Vietnamese Q&A filed under a
    topic with names in other languages (the demo's hepatitis B, reflux
    and chemotherapy pages) cites the same sources in every interface, and
    a signed-in reader's cached block does not leak one interface's
    result into another's."""
    db, s = setup(t, "mi-ui")
    qids = [r[0] for r in rows(
        db, "SELECT q.id FROM questions q WHERE q.status = 'published'"
        " AND q.language IN ('zh-TW', 'zh-CN', 'vi') AND EXISTS (SELECT 1"
        " FROM question_topics x JOIN taxonomy_names n ON n.kind = 4"
        " AND n.id = x.topic_id"
        " WHERE x.question_id = q.id) ORDER BY q.id")]
    t.ok(len(qids) >= 6, "demo: Chinese and Vietnamese Q&As with named topics")
    cited = 0
    for qid in qids:
        en = section(more_info_block(s.get("/qa/%d" % qid, headers={"Accept-Language": "en"}).text),
                     '<ol class="moreinfo-sources">', "</ol>")
        cited += bool(en)
        for ui in ("zh-TW", "zh-CN", "vi"):
            other = section(more_info_block(
                s.get("/qa/%d" % qid, headers={"Accept-Language": ui}).text),
                '<ol class="moreinfo-sources">', "</ol>")
            t.eq(other, en, "/qa/%d: the same sources in the %s interface" % (qid, ui))
    t.ok(cited >= 3, "demo: Chinese and Vietnamese Q&As cite sources (%d)" % cited)
    # The hepatitis B carrier page in Traditional Chinese, found by content.
    hep = one(db, "SELECT q.id FROM questions q WHERE q.language = 'zh-TW'"
              " AND q.status = 'published' AND q.title LIKE '%B型肝炎%' ORDER BY q.id")
    page = s.get("/qa/%d" % hep, headers={"Accept-Language": "zh-TW"}).text
    t.has(more_info_block(page), '<ol class="moreinfo-sources">',
          "zh-TW hepatitis B page: More Info in the zh-TW interface")
    t.lacks(more_info_block(page), 'class="placeholder"', "zh-TW hepatitis B page: no placeholder")
    # Signed in (no whole-page cache, the block is cached by question):
    # the zh-TW reader first, then the English one.
    doc = login(s, ONCO[0], ONCO[2])
    other = [q for q in qids if q != hep]
    if other:
        q2 = other[0]
        zh = more_info_block(doc.get("/qa/%d" % q2, headers={"Accept-Language": "zh-TW"}).text)
        en = more_info_block(doc.get("/qa/%d" % q2, headers={"Accept-Language": "en"}).text)
        t.eq('class="moreinfo-sources"' in zh, 'class="moreinfo-sources"' in en,
             "signed in: the cached block is the same in both interfaces")


def test_hostile_library_text(t):
    db, s = setup(t, "mi-hostile")
    patient = Browser(s)
    # Filed under the oncology doctor's department: shingles itself is
    # no longer suggested to Oncology.
    qid, path, _ = ask(t, patient, db, **dict(SHINGLES_Q, department=str(dept_id(db, "Oncology"))))
    pages = {"status page": patient.get(path).text}
    doc = login(s, ONCO[0], ONCO[2])
    pages["editor"] = doc.get("/doctor/question/%d" % qid).text
    r, _ = post_editor(t, doc, qid, page=pages["editor"])
    t.eq(r.status, 303, "published")
    pages["published page"] = s.get("/qa/%d" % qid).text
    for what, page in pages.items():
        t.has(page, "shingles", what + ": shows the shingles entries")
        t.lacks(page, "<script>alert", what + ": no script from the library")
        t.lacks(page, "<img src=x", what + ": no markup from the library")
        t.lacks(page, 'href="javascript:', what + ": no javascript: link")
        t.lacks(page, "<b>Institute</b>", what + ": no markup in the source name")
    for what, page in pages.items():
        t.has(page, "&lt;script&gt;alert(", what + ": quoted script is shown as text")
        t.has(page, "&lt;img src=x", what + ": quoted markup is shown as text")
        t.has(page, "Skin &lt;b&gt;Institute&lt;/b&gt;", what + ": the source name as text")


def test_pages_validate(t):
    """The Nu HTML Checker over the pages More Info adds to (skips like
    test_vnu.py when vnu.jar or java is missing)."""
    from test_vnu import vnu_jar
    jar = vnu_jar()
    import subprocess
    db, s = setup(t, "mi-vnu")
    patient = Browser(s)
    qid, path, _ = ask(t, patient, db)
    doc = login(s, ONCO[0], ONCO[2])
    pages = {"status page with while you wait": patient.get(path).text,
             "editor with a draft": doc.get("/doctor/question/%d" % qid).text}
    r, _ = post_editor(t, doc, qid, action="preview", keep=[1, 2])
    pages["editor preview"] = r.text
    r, _ = post_editor(t, doc, qid, page=r.text)
    pages["published page, reviewed"] = s.get("/qa/%d" % qid).text
    demo = one(db, "SELECT id FROM questions WHERE external_id = 'demo-qa-001'")
    pages["published page, automatic"] = s.get("/qa/%d" % demo).text
    files = {}
    for name, text in pages.items():
        fn = t.path("mi-page-%d.html" % len(files))
        with open(fn, "w") as f:
            f.write(text)
        files[fn] = name
    p = subprocess.run(["java", "-jar", jar, "--errors-only", "--format", "json"] + list(files),
                       capture_output=True, text=True, timeout=300)
    msgs = json.loads(p.stderr or p.stdout or "{}").get("messages", [])
    bad = {}
    for msg in msgs:
        if msg.get("type") == "error":
            fn = re.sub(r"^file:", "", msg.get("url", ""))
            bad.setdefault(files.get(fn, fn), []).append(
                "%s:%s %s" % (msg.get("lastLine"), msg.get("firstColumn"), msg.get("message")))
    for name in files.values():
        t.ok(name not in bad, "%s: Nu HTML Checker errors: %s"
             % (name, "; ".join(bad.get(name, []))[:600]))
