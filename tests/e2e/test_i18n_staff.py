"""The staff pages, names and content languages in every language
(issue 16): with Accept-Language zh-TW or vi, the admin, moderation and
doctor pages show none of the English catalog texts they use; feeds,
JSON-LD and the archive carry the departments' names in each language;
content keeps its own language in a lang attribute (xml:lang in feeds)."""
import html.parser
import json
import os
import re

import harness
from askflow import ADMIN, MOD, ONCO, PATIENT, Browser, ask, fresh_db, login, one

# The catalog blocks of the staff pages (templates/messages.json).
PREFIXES = ("admin_", "audit_", "taxonomy_", "moderate_", "status_", "doctor_apply_",
            "doctor_queue_", "doctor_profile_", "doctor_page_", "write_", "mail_reset_",
            "topic_summary", "departments_count")


class _Text(html.parser.HTMLParser):
    """The text a reader sees or hears: text nodes outside script and
    style, and the attributes read out or shown (alt, title, aria-label,
    placeholder, a button's value), each as one trimmed segment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        a = dict(attrs)
        for k in ("alt", "title", "aria-label", "placeholder"):
            if a.get(k):
                self.out.append(a[k].strip())
        if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
            self.out.append(a["value"].strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.out.append(data.strip())


def segments(page):
    p = _Text()
    p.feed(page)
    return p.out


def _literals(pattern):
    """The plain text pieces of a MessageFormat pattern (the words around
    its arguments), at least 3 characters each."""
    out, depth, cur = [], 0, ""
    for ch in pattern:
        if ch == "{":
            if depth == 0 and cur.strip():
                out.append(cur.strip())
            cur = "" if depth == 0 else cur
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return [s.strip(" .,:;()") for s in out if len(s.strip(" .,:;()")) >= 3]


def staff_english(tag):
    """The English texts of the staff blocks that the catalog of tag
    translates differently: none of them may show on tag's pages."""
    tdir = os.path.join(harness.REPO, "templates")
    with open(os.path.join(tdir, "messages.json")) as f:
        en = json.load(f)
    with open(os.path.join(tdir, "messages.%s.json" % tag)) as f:
        own = json.load(f)
    words = set()
    for k, v in en.items():
        if not k.startswith(PREFIXES) or not isinstance(v, str) or own.get(k) == v:
            continue
        own_lits = set(_literals(own.get(k, "")))
        words |= set(w for w in _literals(v) if w not in own_lits)
    for code, v in en["audit_actions"].items():
        if own.get("audit_actions", {}).get(code) != v:
            words.add(v)
    return words


def english_on(page, words):
    """The English catalog texts among the page's segments: a segment
    that is one of them, or holds one of 12 characters or more. The
    question partial (question_view.mustache, converted with the patient
    pages) is left out."""
    page = re.sub(r'<section class="question".*?(?=<section aria-labelledby="(req|mod)-h">)',
                  "", page, flags=re.S)
    found = set()
    for seg in segments(page):
        s = seg.strip(" .,:;()·›")
        for w in words:
            if s == w or (len(w) >= 12 and w in seg):
                found.add(w)
    return sorted(found)


def _ids(db):
    con = harness.connect(db)
    try:
        qid = con.execute("SELECT id FROM questions WHERE status = 'published' ORDER BY id"
                          " LIMIT 1").fetchone()[0]
        onco = con.execute("SELECT id FROM users WHERE email = ?", (ONCO[0],)).fetchone()[0]
        return qid, onco
    finally:
        con.close()


def test_staff_pages_have_no_english(t):
    """Admin, moderator and doctor pages in zh-TW and vi: no English
    text of the staff catalog blocks, and the page says its language."""
    db = fresh_db(t, "staff")
    s = t.server(db)
    # Something in every list: a waiting question, a report, a held
    # comment's worth of moderation, an audit row, a pending doctor.
    b = Browser(s)
    qid_new, _, _ = ask(t, b, db)
    qid, onco = _ids(db)
    admin = login(s, ADMIN[0], ADMIN[2])
    mod = login(s, MOD[0], MOD[2])
    doc = login(s, ONCO[0], ONCO[2])
    r = admin.post("/admin/users/%d/disable" % one(db, "SELECT id FROM users WHERE email = ?",
                                                  PATIENT[0]),
                   {"csrf": admin.csrf("/admin/users")})
    t.eq(r.status, 303, "an audited action")
    pages = [(admin, "/admin"), (admin, "/admin/users"), (admin, "/admin/doctors"),
             (admin, "/admin/audit"), (admin, "/admin/taxonomy"), (admin, "/admin/names"),
             (admin, "/admin/doctors/%d/edit" % onco),
             (mod, "/moderate/comments"), (mod, "/moderate/requests"),
             (mod, "/moderate/question/%d" % qid), (mod, "/moderate/question/%d" % qid_new),
             (mod, "/doctor/queue"), (mod, "/doctor/queue?all=1"),
             (doc, "/doctor/queue"), (doc, "/doctor/profile"), (doc, "/write"),
             (Browser(s), "/doctor/apply"), (Browser(s), "/doctor/%d" % onco),
             (Browser(s), "/departments")]
    for tag in ("zh-TW", "vi"):
        words = staff_english(tag)
        t.ok(len(words) > 150, "%s: the staff blocks hold %d English texts" % (tag, len(words)))
        for who, path in pages:
            r = who.get(path, headers={"Accept-Language": tag})
            t.eq(r.status, 200, "%s %s" % (tag, path))
            t.has(r.text, '<html lang="%s">' % tag, "%s %s says its language" % (tag, path))
            t.eq(english_on(r.text, words), [], "%s %s: no English staff text" % (tag, path))
    # The check can fail: the English pages do hold those texts.
    words = staff_english("zh-TW")
    r = admin.get("/admin/audit", headers={"Accept-Language": "en"})
    t.ok(len(english_on(r.text, words)) >= 5, "English audit page holds the English texts")
    zh = admin.get("/admin/audit", headers={"Accept-Language": "zh-TW"}).text
    t.has(zh, "停用帳號", "audit actions in zh-TW")
    vi = admin.get("/admin/audit", headers={"Accept-Language": "vi"}).text
    t.has(vi, "Đã khóa một tài khoản", "and in Vietnamese")
    t.has(vi, 'data-action="user.disable"', "the code kept for the filter")


GASTRO = "gastroenterology-and-hepatology"


def _qa_in(db, lang):
    con = harness.connect(db)
    try:
        return con.execute(
            "SELECT q.id, q.title FROM questions q JOIN departments d ON d.id = q.department_id"
            " WHERE q.status = 'published' AND d.slug = ? AND q.language = ?"
            " ORDER BY q.published_at DESC LIMIT 1", (GASTRO, lang)).fetchone()
    finally:
        con.close()


def test_feeds_and_jsonld_name_departments_in_each_language(t):
    import xml.etree.ElementTree as ET
    db = fresh_db(t, "names-feeds")
    s = t.server(db)
    A = "{http://www.w3.org/2005/Atom}"
    XL = "{http://www.w3.org/XML/1998/namespace}lang"
    zh_id, zh_title = _qa_in(db, "zh-TW")
    en_id, en_title = _qa_in(db, "en")
    for tag, name in (("zh-TW", "肝膽腸胃科"), ("vi", "Tiêu hóa – Gan mật"), ("en", None)):
        r = s.get("/feeds/department/%s.atom" % GASTRO, headers={"Accept-Language": tag})
        t.eq(r.status, 200, "%s department feed" % tag)
        root = ET.fromstring(r.body)
        t.eq(root.get(XL), tag, "%s feed says its language" % tag)
        want = name or "Gastroenterology and Hepatology"
        t.eq(root.findtext(A + "title"), "askdoc: " + want, "%s feed title names the department" % tag)
        terms = set(c.get("term") for c in root.iter(A + "category"))
        t.eq(terms, {want}, "%s entry categories name it too" % tag)
        self_href = [ln.get("href") for ln in root.findall(A + "link") if ln.get("rel") == "self"][0]
        t.ok(self_href.endswith("" if tag == "en" else "?lang=" + tag),
             "%s self link names the language: %s" % (tag, self_href))
        langs = {}
        for e in root.findall(A + "entry"):
            ti = e.find(A + "title")
            langs[ti.text] = ti.get(XL)
        t.eq(langs.get(zh_title), None if tag == "zh-TW" else "zh-TW",
             "%s feed: the zh-TW question's title keeps its language" % tag)
        t.eq(langs.get(en_title), None if tag == "en" else "en",
             "%s feed: the English question's title keeps its language" % tag)
    vi = s.get("/feeds/qa.atom?lang=vi").text
    t.has(vi, 'xml:lang="vi"', "the site feed in Vietnamese by ?lang=")
    t.has(vi, 'term="Tiêu hóa – Gan mật"', "with Vietnamese department names")
    # Pages link their feeds in their language.
    page = s.get("/department/" + GASTRO, headers={"Accept-Language": "zh-TW"}).text
    t.has(page, 'href="/feeds/department/%s.atom?lang=zh-TW"' % GASTRO, "department feed link")
    t.has(page, 'href="/feeds/qa.atom?lang=zh-TW"', "site feed link")
    t.has(page, '"name":"肝膽腸胃科"', "department JSON-LD in zh-TW")
    t.lacks(page, 'Gastroenterology and Hepatology', "no base name left on the zh-TW page")
    # A doctor's page: crumbs, JSON-LD specialty and title in the language.
    onco = one(db, "SELECT id FROM users WHERE email = ?", ONCO[0])
    doc = s.get("/doctor/%d" % onco, headers={"Accept-Language": "zh-TW"}).text
    t.has(doc, '"medicalSpecialty":"腫瘤科"', "JSON-LD specialty in zh-TW")
    t.has(doc, '"name":"Olga Oncologist 醫師"', "JSON-LD doctor named as in zh-TW")
    t.lacks(doc, ">Oncology<", "no base department name")
    qa = s.get("/qa/%d" % zh_id, headers={"Accept-Language": "vi"}).text
    t.has(qa, '"inLanguage":"zh-TW"', "Q&A JSON-LD says the question's language")
    t.has(qa, '"name":"Tiêu hóa – Gan mật"', "and its breadcrumb names the department in vi")


def test_content_keeps_its_language(t):
    db = fresh_db(t, "content-lang")
    s = t.server(db)
    zh_id, _ = _qa_in(db, "zh-TW")
    en_id, _ = _qa_in(db, "en")
    for tag in ("zh-TW", "vi", "en"):
        page = s.get("/department/" + GASTRO, headers={"Accept-Language": tag}).text
        zh = re.search(r'<a href="/qa/%d"([^>]*)>' % zh_id, page)
        en = re.search(r'<a href="/qa/%d"([^>]*)>' % en_id, page)
        t.ok(zh is not None and en is not None, "%s: both questions listed" % tag)
        if zh and en:
            t.eq(zh.group(1), "" if tag == "zh-TW" else ' lang="zh-TW"',
                 "%s list: the zh-TW question's lang" % tag)
            t.eq(en.group(1), "" if tag == "en" else ' lang="en"',
                 "%s list: the English question's lang" % tag)
    # The moderator's and doctors' views of a question mark it too.
    mod = login(s, MOD[0], MOD[2])
    page = mod.get("/moderate/question/%d" % zh_id, headers={"Accept-Language": "vi"}).text
    t.has(page, '<h1>Kiểm duyệt: <span lang="zh-TW">', "moderation heading keeps the title's language")
    b = Browser(s)
    qid, _, _ = ask(t, b, db)  # asked in English
    page = mod.get("/doctor/queue", headers={"Accept-Language": "zh-TW"}).text
    item = re.search(r'<a class="queue-item" href="/doctor/question/%d">.*?</a>' % qid, page, re.S)
    t.ok(item and '<span class="queue-title" lang="en">' in item.group(0),
         "the queue marks an English question")
    page = mod.get("/doctor/queue", headers={"Accept-Language": "en"}).text
    item = re.search(r'<a class="queue-item" href="/doctor/question/%d">.*?</a>' % qid, page, re.S)
    t.ok(item and '<span class="queue-title">' in item.group(0) and 'lang="en"' not in item.group(0),
         "and not on an English page")


def test_home_lists_keep_each_questions_language(t):
    db = fresh_db(t, "home-lang")
    s = t.server(db)
    con = harness.connect(db)
    lang = dict(con.execute("SELECT id, language FROM questions"))
    con.close()
    for tag in ("vi", "zh-TW"):
        page = s.get("/", headers={"Accept-Language": tag}).text
        links = re.findall(r'<a href="/qa/(\d+)"( lang="[^"]+")?>', page)
        t.ok(len(links) >= 5, "%s home lists Q&As" % tag)
        bad = [(q, a) for q, a in links
               if a != ("" if lang[int(q)] == tag else ' lang="%s"' % lang[int(q)])]
        t.eq(bad, [], "%s home: each question's link says its own language" % tag)


def test_rejection_mail_in_the_language_asked(t):
    """A moderator reading the site in Chinese rejects a question asked
    in Vietnamese: the asker's mail is in Vietnamese."""
    from test_mail import SMTPSink, mail_args
    sink = SMTPSink()
    try:
        db = fresh_db(t, "reject-mail")
        s = t.server(db, args=mail_args(sink.port))
        b = Browser(s)
        t.eq(b.get("/language?lang=vi&back=/ask").status, 303, "chose vi")
        qid, _, _ = ask(t, b, db, email="lan@example.org")
        t.eq(len(sink.wait(1)), 1, "the mail for the question")
        mod = login(s, MOD[0], MOD[2])
        mod.jar["lang"] = "zh-TW"
        page = mod.get("/moderate/question/%d" % qid)
        t.has(page.text, "退回這個問題", "the moderator's page is in zh-TW")
        r = mod.post("/moderate/question/%d/reject" % qid,
                     {"csrf": mod.csrf("/moderate/question/%d" % qid),
                      "reason": "Please ask a doctor in person."})
        t.eq(r.status, 303, "rejected")
        msgs = sink.wait(2)
        t.eq(len(msgs), 2, "a mail for the rejection")
        if len(msgs) == 2:
            t.has(str(msgs[1][2]["Subject"]), "về câu hỏi của bạn", "subject in vi")
            t.has(msgs[1][2].get_content(), "Ban kiểm duyệt", "body in vi")
            t.lacks(msgs[1][2].get_content(), "審核", "nothing of the moderator's language")
    finally:
        sink.close()
