"""The site in its readers' languages (issue 16): how a page's language is
chosen (switcher cookie, ?lang=, Accept-Language, the site default),
<html lang>, hreflang alternates, the page cache kept per language,
catalogs that fall back to English, a Chinese Q&A page with Chinese
labels and asker line, Vietnamese plurals and dates, mail in the
language of the question, and the catalogs' own consistency."""
import json
import os
import re
import urllib.parse

import harness
from askflow import ONCO, Browser, ask, fresh_db, login, reply

LANGS = ("en", "zh-TW", "zh-CN", "vi")


def _html_lang(html):
    m = re.search(r'<html lang="([^"]+)">', html)
    return m.group(1) if m else None


def _qa(db, where="1=1"):
    con = harness.connect(db)
    try:
        return con.execute("SELECT id FROM questions WHERE status = 'published' AND %s "
                           "ORDER BY id LIMIT 1" % where).fetchone()[0]
    finally:
        con.close()


def test_default_is_english(t):
    s = t.server(t.demo_db())
    r = s.get("/")
    t.eq(_html_lang(r.text), "en", "no preference: the default language")
    t.has(r.text, ">Health articles<", "English labels")
    t.has(r.header("vary") or "", "Accept-Language", "responses vary by language")
    t.has(r.header("vary") or "", "Cookie", "and by the switcher's cookie")


def test_accept_language(t):
    s = t.server(t.demo_db())
    for header, want, label in (("zh-TW,zh;q=0.9,en;q=0.8", "zh-TW", "衛教文章"),
                                ("zh-HK", "zh-TW", "衛教文章"),
                                ("zh-CN", "zh-CN", "健康科普"),
                                ("zh-Hans", "zh-CN", "健康科普"),
                                ("vi-VN,vi;q=0.9", "vi", "Bài viết sức khỏe"),
                                ("fr-FR,de;q=0.5", "en", "Health articles"),
                                ("de, vi;q=0.1", "vi", "Bài viết sức khỏe")):
        r = s.get("/", headers={"Accept-Language": header})
        t.eq(_html_lang(r.text), want, "Accept-Language %s" % header)
        t.has(r.text, label, "%s labels for %s" % (want, header))


def test_lang_in_link_beats_browser(t):
    s = t.server(t.demo_db())
    r = s.get("/departments?lang=vi", headers={"Accept-Language": "zh-TW"})
    t.eq(_html_lang(r.text), "vi", "?lang= beats Accept-Language")
    t.has(r.text, '<link rel="canonical" href="http://127.0.0.1:8080/departments?lang=vi">',
          "the canonical URL of a language version names it")
    r = s.get("/departments?lang=klingon", headers={"Accept-Language": "zh-CN"})
    t.eq(_html_lang(r.text), "zh-CN", "an unknown ?lang= is ignored")


def test_switcher_cookie_beats_link_and_browser(t):
    db = t.demo_db()
    qid = _qa(db)
    s = t.server(db)
    b = Browser(s)
    page = b.get("/qa/%d" % qid).text
    for tag in LANGS:
        t.has(page, 'href="/language?lang=%s&amp;back=%%2Fqa%%2F%d" hreflang="%s"' % (tag, qid, tag),
              "every page's switcher offers %s, coming back to the page" % tag)
    r = b.get("/language?lang=zh-CN&back=%%2Fqa%%2F%d" % qid)
    t.eq(r.status, 303, "the choice redirects")
    t.eq(r.header("location"), "/qa/%d" % qid, "back to the page")
    t.eq(b.jar.get("lang"), "zh-CN", "the choice is kept in a cookie")
    r = b.get("/qa/%d?lang=vi" % qid, headers={"Accept-Language": "vi"})
    t.eq(_html_lang(r.text), "zh-CN", "the explicit choice beats ?lang= and the browser")
    r = b.get("/doctors")
    t.eq(_html_lang(r.text), "zh-CN", "and is remembered on other pages")
    # Bad input: an unknown language is refused, a foreign target ignored.
    r = b.get("/language?lang=xx&back=/")
    t.eq(r.status, 400, "an unknown language is a 400")
    t.eq(b.jar.get("lang"), "zh-CN", "and changes nothing")
    for back in ("//evil.example/", "https://evil.example/", "/\\evil", "javascript:x"):
        r = b.get("/language?" + urllib.parse.urlencode({"lang": "vi", "back": back}))
        t.eq(r.status, 303, "switch with back=%r" % back)
        t.eq(r.header("location"), "/", "never leaves the site: %r" % back)
    t.eq(b.jar.get("lang"), "vi", "the last choice is kept")


def test_hreflang_alternates(t):
    db = t.demo_db()
    s = t.server(db)
    for path in ("/", "/qa/%d" % _qa(db), "/departments", "/articles", "/doctors"):
        html = s.get(path, headers={"Accept-Language": "vi"}).text
        for tag in LANGS:
            url = "http://127.0.0.1:8080" + path + ("" if tag == "en" else "?lang=" + tag)
            t.has(html, '<link rel="alternate" hreflang="%s" href="%s">' % (tag, url),
                  "%s links its %s version" % (path, tag))
        t.has(html, 'hreflang="x-default" href="http://127.0.0.1:8080%s"' % path,
              "%s has an x-default" % path)
    # Pages without a canonical URL (errors, private pages) have none.
    t.lacks(s.get("/qa/99999999").text, "rel=\"alternate\" hreflang=", "error pages list no alternates")
    xml = s.get("/sitemaps/qa-1.xml").text
    t.has(xml, 'xmlns:xhtml="http://www.w3.org/1999/xhtml"', "sitemap declares xhtml links")
    t.ok(re.search(r'<xhtml:link rel="alternate" hreflang="zh-TW" href="[^"]+/qa/\d+\?lang=zh-TW"/>',
                   xml) is not None, "sitemap lists the language versions")


def test_page_cache_is_per_language(t):
    db = t.demo_db()
    qid = _qa(db)
    s = t.server(db)
    for _ in range(2):  # the second is a cache hit
        t.eq(_html_lang(s.get("/qa/%d" % qid).text), "en", "English page")
    for tag in ("zh-TW", "vi", "zh-TW"):
        r = s.get("/qa/%d" % qid, headers={"Accept-Language": tag})
        t.eq(_html_lang(r.text), tag, "cached pages keep their language (%s)" % tag)
    t.eq(_html_lang(s.get("/qa/%d" % qid).text), "en", "English again")


def test_chinese_qa_page(t):
    db = t.demo_db()
    qid = _qa(db, "age_band IS NOT NULL AND sex = 'female' AND language = 'en'")
    s = t.server(db, args=["--timezone", "Asia/Taipei"])
    html = s.get("/qa/%d" % qid, headers={"Accept-Language": "zh-TW"}).text
    t.eq(_html_lang(html), "zh-TW", "html lang")
    t.ok(re.search(r'\d+~\d+歲女性', html) is not None, "asker line reads 30~39歲女性")
    t.ok(re.search(r'提問日期：\d{4}/\d{2}/\d{2}', html) is not None, "Ask Date in Chinese")
    t.ok(re.search(r'回覆日期：\d{4}/\d{2}/\d{2}', html) is not None, "Reply Date in Chinese")
    for label in ("延伸閱讀", "類似問答", "相關主題", "醫療免責聲明", "首頁", "瀏覽"):
        t.has(html, label, "Chinese label %s" % label)
    for english in ("Ask Date", "Reply Date", "More Info", "Similar Q&amp;A", "Related FAQ",
                    "Medical disclaimer", "Skip to content", " views<", " year old"):
        t.lacks(html, english, "no English %r on the Chinese page" % english)
    t.has(html, '<h1 lang="en">', "the English question keeps its own language")
    t.has(html, 'class="question" aria-label="提問" lang="en"', "and so does its text")
    cn = s.get("/qa/%d" % qid, headers={"Accept-Language": "zh-CN"}).text
    t.ok(re.search(r'\d+~\d+岁女性', cn) is not None, "zh-CN asker line in simplified script")


def test_vietnamese_plural_and_date(t):
    db = t.demo_db()
    qid = _qa(db)
    s = t.server(db)
    html = s.get("/qa/%d?lang=vi" % qid).text
    m = re.search(r'<p class="views">([\d.]+) lượt xem</p>', html)
    t.ok(m is not None, "Vietnamese view count")
    t.ok(re.search(r'Ngày hỏi: \d{2}/\d{2}/\d{4}', html) is not None, "Vietnamese Ask Date")
    t.has(html, "BS. ", "doctors are BS. in Vietnamese")
    en = s.get("/qa/%d" % qid).text
    t.ok(re.search(r'<p class="views">1 view</p>|<p class="views">\d+ views</p>', en)
         is not None, "English plural: 1 view / N views")


def test_time_zone_moves_dates(t):
    lines = [{"external_id": "tz-1", "kind": "qa",
              "title": "Late night question about a fever",
              "question": "My child has had a fever since this evening, what should I do?",
              "asked_at": "2024-02-13T20:30:00Z", "department": "Pediatrics",
              "language": "en",
              "answers": [{"author": "Someone", "body": "See a doctor.",
                           "answered_at": "2024-02-14T01:00:00Z"}]}]
    db = t.new_db(lines=lines)
    qid = _qa(db)
    utc = t.server(db).get("/qa/%d" % qid).text
    t.has(utc, "Ask Date: 2024/02/13", "UTC: the day asked")
    tpe = t.server(db, args=["--timezone", "Asia/Taipei"]).get("/qa/%d" % qid).text
    t.has(tpe, "Ask Date: 2024/02/14", "Asia/Taipei: already the next day")


def test_bad_options_stop_startup(t):
    for args, what in ((["--languages", "en,fr"], "no message catalog for fr"),
                       (["--default-language", "de"], "--default-language"),
                       (["--timezone", "Mars/Base"], "--timezone")):
        p = t.run("serve", "--db", t.path("none.db"), "--create", "--listen",
                  "127.0.0.1:%d" % harness.free_port(), *args)
        t.ok(p.returncode != 0, "refused: %s" % " ".join(args))
        t.has(p.stderr, what, "says why: %s" % what)


def test_default_language_and_added_language(t):
    """A site default other than English, and a language added with a
    catalog file only (no C): its missing keys fall back to English."""
    tdir = t.path("site-templates")
    os.makedirs(tdir, exist_ok=True)
    with open(os.path.join(tdir, "messages.fr.json"), "w") as f:
        json.dump({"language_name": "Français", "nav_home": "Accueil",
                   "qa_views": "{n, plural, one {# vue} other {# vues}}"}, f)
    db = t.demo_db()
    s = t.server(db, args=["--languages", "en,vi,fr", "--default-language", "vi",
                           "--templates", tdir])
    r = s.get("/")
    t.eq(_html_lang(r.text), "vi", "the site default")
    t.lacks(r.text, 'hreflang="zh-TW"', "only the languages offered")
    r = s.get("/qa/%d?lang=fr" % _qa(db), headers={"Accept-Language": "en"})
    t.eq(_html_lang(r.text), "fr", "a language added without touching C")
    t.has(r.text, ">Accueil<", "its own words")
    t.ok(re.search(r'<p class="views">\d+ vues?</p>', r.text) is not None, "its own plural")
    t.has(r.text, "More Info", "missing keys fall back to English")
    t.has(r.text, 'hreflang="fr" lang="fr" rel="nofollow" aria-current="true">Français<',
          "the switcher names it in French, as the current one")


def test_mail_in_the_language_asked(t):
    from test_mail import SMTPSink, mail_args
    sink = SMTPSink()
    try:
        db = fresh_db(t, "i18n-mail")
        s = t.server(db, args=mail_args(sink.port))
        b = Browser(s)
        t.eq(b.get("/language?lang=zh-TW&back=/ask").status, 303, "chose zh-TW")
        qid, _, _ = ask(t, b, db, email="mei@example.org")
        msgs = sink.wait(1)
        t.eq(len(msgs), 1, "a mail for the question")
        if msgs:
            t.has(str(msgs[0][2]["Subject"]), "我們已收到您的問題", "subject in zh-TW")
            t.has(msgs[0][2].get_content(), "醫師會在您的專屬頁面回覆", "body in zh-TW")
        con = harness.connect(db)
        lang = con.execute("SELECT language FROM questions WHERE id = ?", (qid,)).fetchone()[0]
        con.close()
        t.eq(lang, "zh-TW", "the question keeps the language it was asked in")
        # The doctor replies in English; the patient hears in Chinese.
        doc = login(s, ONCO[0], ONCO[2])
        t.eq(reply(t, doc, qid, body="Usually **six weeks**.").status, 303, "replied")
        msgs = sink.wait(2)
        t.eq(len(msgs), 2, "a mail for the reply")
        if len(msgs) == 2:
            t.has(str(msgs[1][2]["Subject"]), "醫師已回覆您的問題", "reply mail in zh-TW")
    finally:
        sink.close()


def test_catalogs_are_consistent(t):
    """Every catalog has every key English has and no other, the same
    arguments as English for each (names, plural or select, a select's
    branches), and every key is used by a template or the C code
    (tests/e2e/catalogs.py; its INDIRECT lists keys built at run time)."""
    import catalogs
    found = catalogs.problems(os.path.join(harness.REPO, "templates"),
                              os.path.join(harness.REPO, "src"))
    t.eq(found, [], "the catalogs have no problems")


def _broken_copy(t, name):
    """A copy of the templates folder (catalogs and templates) to break."""
    import shutil
    tdir = t.path(name)
    shutil.copytree(os.path.join(harness.REPO, "templates"), tdir)
    return tdir


def _edit(tdir, tag, fn):
    path = os.path.join(tdir, "messages.json" if tag == "en" else "messages.%s.json" % tag)
    with open(path, encoding="utf-8") as f:
        cat = json.load(f)
    fn(cat)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(cat, f, ensure_ascii=False, indent=2)


def test_catalog_check_can_fail(t):
    """The catalog check finds each kind of problem in a deliberately
    broken copy of the catalogs, and names the catalog and the key."""
    import catalogs
    tdir = _broken_copy(t, "broken-templates")
    src = os.path.join(harness.REPO, "src")
    t.eq(catalogs.problems(tdir, src), [], "the copy starts clean")
    _edit(tdir, "zh-CN", lambda c: c.pop("nav_home"))
    _edit(tdir, "vi", lambda c: c["audit_actions"].pop("topic.merge"))
    for tag in ("en",) + catalogs.LANGS:
        _edit(tdir, tag, lambda c: c.__setitem__("nobody_uses_this", "x"))
    _edit(tdir, "zh-TW", lambda c: c.__setitem__("qa_views", "{count, plural, other {瀏覽 # 次}}"))
    _edit(tdir, "vi", lambda c: c.__setitem__("qa_asked_on", "Ngày hỏi: {date, select, x {} other {?}}"))
    _edit(tdir, "zh-CN", lambda c: c.__setitem__(
        "asker_line", c["asker_line"].replace("female {", "woman {")))
    _edit(tdir, "vi", lambda c: c.__setitem__("qa_views", "{n, plural, other {# lượt xem}"))
    _edit(tdir, "zh-TW", lambda c: c.__setitem__("stray_key", "只有中文有"))
    with open(os.path.join(tdir, "layout.mustache"), "a") as f:
        f.write("{{t.no_such_key}}\n")
    found = "\n".join(catalogs.problems(tdir, src))
    for want in ("zh-CN: nav_home is missing",
                 "vi: audit_actions.topic.merge is missing",
                 "en: nobody_uses_this is not used by any template or C source",
                 "zh-TW: qa_views lacks the argument {n}",
                 "zh-TW: qa_views names {count}, which English does not",
                 "vi: qa_asked_on: {date} is a select, in English a value",
                 "zh-CN: asker_line: {sex, select} has branches",
                 "vi: qa_views: does not parse",
                 "zh-TW: stray_key is not in English",
                 "en: no_such_key is used by a template but missing"):
        t.has(found, want, "found: %s" % want)
    # An indirect key English lacks is a stale allow-list entry.
    stale = catalogs.problems(os.path.join(harness.REPO, "templates"), src,
                              indirect=catalogs.INDIRECT | {"heading_999"})
    t.eq(stale, ["en: heading_999 is listed in INDIRECT but English lacks it"],
         "a stale INDIRECT entry is a problem")


def test_broken_pattern_stops_start(t):
    """A catalog text ICU cannot read stops the server at start, naming
    the catalog and the key, instead of showing the broken text."""
    tdir = t.path("broken-pattern")
    os.makedirs(tdir, exist_ok=True)
    with open(os.path.join(tdir, "messages.zh-TW.json"), "w", encoding="utf-8") as f:
        json.dump({"qa_views": "{n, plural, other {瀏覽 # 次}"}, f, ensure_ascii=False)
    p = t.run("serve", "--db", t.path("none.db"), "--create", "--listen",
              "127.0.0.1:%d" % harness.free_port(), "--templates", tdir,
              "--languages", "en,zh-TW")
    t.ok(p.returncode != 0, "refused to start")
    t.has(p.stderr, "messages.zh-TW.json: qa_views: not a MessageFormat pattern ICU can read",
          "names the catalog and the key")
    with open(os.path.join(tdir, "messages.zh-TW.json"), "w", encoding="utf-8") as f:
        json.dump({"asker_line": "{sex, select, female {女性}}"}, f, ensure_ascii=False)
    p = t.run("serve", "--db", t.path("none.db"), "--create", "--listen",
              "127.0.0.1:%d" % harness.free_port(), "--templates", tdir,
              "--languages", "en,zh-TW")
    t.has(p.stderr, "asker_line", "a select without other is refused too")


def test_pages_validate_in_every_language(t):
    """The Nu HTML Checker over every kind of page (test_vnu.render_pages:
    public, patient, doctor, moderator and admin pages, forms with errors,
    error pages) in each language other than English (test_vnu does
    English), each a site whose default it is."""
    from test_vnu import render_pages, vnu_check, vnu_jar
    jar = vnu_jar()
    pages = []
    for tag in LANGS[1:]:
        db = fresh_db(t, "vnu-" + tag)
        s = t.server(db, args=["--qa-comments", "--default-language", tag])
        for label, status, html in render_pages(t, db, s):
            t.eq(_html_lang(html), tag, "%s in %s" % (label, tag))
            pages.append(("%s %s" % (tag, label), status, html))
    vnu_check(t, jar, pages, prefix="i18n-page")
    t.ok(len(pages) >= 3 * 45, "checked %d pages" % len(pages))


def test_department_and_topic_names(t):
    """Names per language: set by `askdoc names` (the demo's) and by
    admins on /admin/names; shown in breadcrumbs, Related FAQ, lists and
    JSON-LD; the name as stored where a language has none."""
    from askflow import ADMIN, PATIENT
    db = fresh_db(t, "names")
    con = harness.connect(db)
    try:
        qid, dept_id = con.execute(
            "SELECT q.id, d.id FROM questions q JOIN departments d ON d.id = q.department_id"
            " WHERE q.status = 'published' AND d.name = 'Gastroenterology and Hepatology'"
            " ORDER BY q.id LIMIT 1").fetchone()
    finally:
        con.close()
    s = t.server(db)
    html = s.get("/qa/%d" % qid, headers={"Accept-Language": "zh-TW"}).text
    t.ok(re.search(r'<nav class="crumbs"[^>]*><a href="/">首頁</a> › <a href="/department/'
                   r'gastroenterology-and-hepatology">肝膽腸胃科</a>', html) is not None,
         "breadcrumb names the department in zh-TW")
    t.has(html, '"name":"肝膽腸胃科"', "JSON-LD breadcrumb too")
    t.has(s.get("/departments", headers={"Accept-Language": "zh-CN"}).text, ">消化内科<",
          "the department list in zh-CN")
    t.has(s.get("/departments?lang=vi").text, "Tiêu hóa – Gan mật", "and in Vietnamese")
    t.has(s.get("/departments").text, ">Gastroenterology and Hepatology<",
          "English readers see the name as stored")
    # Admins edit them; an empty field removes one language's name.
    admin = login(s, ADMIN[0], ADMIN[2])
    page = admin.get("/admin/names")
    t.eq(page.status, 200, "admins have the names page")
    t.has(page.text, 'name="name_zh-TW" type="text" maxlength="100" lang="zh-TW" value="肝膽腸胃科"',
          "with the names as set")
    form = {"csrf": admin.csrf("/admin/names"), "name_en": "", "name_zh-TW": "胃腸肝膽科",
            "name_zh-CN": "", "name_vi": "Tiêu hóa"}
    r = admin.post("/admin/names/department/%d" % dept_id, form)
    t.eq(r.status, 303, "names saved")
    t.has(s.get("/departments", headers={"Accept-Language": "zh-TW"}).text, ">胃腸肝膽科<",
          "the new name shows at once (cached pages dropped)")
    t.has(s.get("/departments", headers={"Accept-Language": "zh-CN"}).text,
          ">Gastroenterology and Hepatology<", "a removed name falls back to the stored one")
    t.has(admin.get("/admin/audit").text, "taxonomy.names", "the change is audited")
    # Bad input: too long, unknown kind or id, no CSRF token, not an admin.
    long = dict(form, csrf=admin.csrf("/admin/names"), **{"name_vi": "x" * 101})
    t.eq(admin.post("/admin/names/department/%d" % dept_id, long).status, 413, "too long")
    t.has(s.get("/departments?lang=vi").text, ">Tiêu hóa<", "and nothing changed")
    form["csrf"] = admin.csrf("/admin/names")
    t.eq(admin.post("/admin/names/planet/%d" % dept_id, form).status, 404, "unknown kind")
    t.eq(admin.post("/admin/names/department/999999", form).status, 404, "unknown id")
    t.eq(admin.post("/admin/names/department/%d" % dept_id,
                    dict(form, csrf="nope")).status, 403, "no CSRF token")
    patient = login(s, PATIENT[0], PATIENT[2])
    t.eq(patient.get("/admin/names").status, 403, "patients may not")
    t.eq(Browser(s).get("/admin/names").status in (302, 303, 401, 403), True,
         "visitors may not")


def test_names_command(t):
    db = t.path("names-cli.db")
    import shutil
    t.copy_db(t.demo_db(), db)
    src = t.path("names.tsv")
    with open(src, "w") as f:
        f.write("# a comment\n\ndepartment\tOncology\tvi\tUng thư\n")
    p = t.run("names", "--db", db, src)
    t.eq(p.returncode, 0, "names set: %s" % p.stderr)
    con = harness.connect(db)
    t.eq(con.execute("SELECT t.name FROM taxonomy_names t JOIN departments d ON d.id = t.id"
                     " WHERE t.kind = 7 AND d.name = 'Oncology' AND t.lang = 'vi'").fetchone()[0],
         "Ung thư", "stored")
    n = con.execute("SELECT count(*) FROM taxonomy_names").fetchone()[0]
    con.close()
    with open(src, "w") as f:
        f.write("department\tOncology\tvi\tKhác\ntopic\tNo Such Topic\tvi\tx\n")
    p = t.run("names", "--db", db, src)
    t.eq(p.returncode, 1, "a missing topic fails")
    t.has(p.stderr, "line 2: no topic called No Such Topic", "naming the line")
    con = harness.connect(db)
    t.eq(con.execute("SELECT count(*) FROM taxonomy_names").fetchone()[0], n,
         "and nothing was stored half way")
    t.eq(con.execute("SELECT name FROM taxonomy_names WHERE lang = 'vi' AND kind = 7 AND id ="
                     " (SELECT id FROM departments WHERE name = 'Oncology')").fetchone()[0],
         "Ung thư", "not even the good line")
    con.close()


def _results(html):
    """The search results of a page: (title tag, meta, snippet tag) each."""
    return re.findall(r'<li>\s*<h3>(<a [^>]*>)[^<]*</a></h3>\s*<p class="meta">(.*?)</p>\s*'
                      r'<p class="snippet"([^>]*)>', html, re.S)


def test_search_results_in_readers_language(t):
    """Search results name the department in the reader's language and
    mark a result's title and snippet with the content's language when
    it is not the page's."""
    s = t.server(t.demo_db())
    html = s.get("/search?q=hepatitis+B&lang=zh-TW").text
    res = _results(html)
    t.ok(len(res) >= 2, "results found (%d)" % len(res))
    metas = " ".join(m for _, m, _ in res)
    t.has(metas, "肝膽腸胃科", "the department in zh-TW")
    t.eq("Gastroenterology and Hepatology" in metas, False,
         "not the name as stored")
    en = [r for r in res if 'lang="en"' in r[0]]
    t.ok(len(en) >= 1, "an English result's title carries lang=\"en\"")
    t.ok(all('lang="en"' in r[2] for r in en), "and its snippet too")
    zh = [r for r in res if "lang=" not in r[0]]
    t.ok(len(zh) >= 1, "a zh-TW result on a zh-TW page carries no lang")
    t.ok(all("lang=" not in r[2] for r in zh), "nor does its snippet")
    # The department filter shows names in the reader's language but
    # still filters by the stored name.
    t.has(html, '<option value="Gastroenterology and Hepatology">肝膽腸胃科</option>',
          "the filter's options in zh-TW")
    r = s.get("/search?q=hepatitis+B&lang=vi&department=Gastroenterology+and+Hepatology")
    t.has(r.text, '<option value="Gastroenterology and Hepatology" selected>Tiêu hóa – Gan mật'
          '</option>', "the chosen department stays chosen")
    res = _results(r.text)
    t.ok(len(res) >= 1 and all("Tiêu hóa – Gan mật" in m for _, m, _ in res),
         "filtered results, named in Vietnamese")
    # English pages: the stored name, and lang only on content in another
    # language.
    res = _results(s.get("/search?q=hepatitis+B&lang=en").text)
    t.ok(any("Gastroenterology and Hepatology" in m for _, m, _ in res), "stored name in English")
    t.ok(any('lang="zh-TW"' in a for a, _, _ in res), "the Chinese result marked zh-TW")
    t.ok(not any('lang="en"' in a for a, _, _ in res), "English content unmarked")


def test_article_category_names(t):
    """Article categories carry a name per language (the demo's, set by
    `askdoc names`; admins edit them on /admin/names): shown on article
    pages' breadcrumbs and JSON-LD, in article lists and category pages,
    and in the articles' feed; the name as stored where a language has
    none, and addresses never change."""
    from askflow import ADMIN, PATIENT
    db = fresh_db(t, "catnames")
    s = t.server(db)
    html = s.get("/articles/in/more/health/family?lang=zh-TW").text
    t.ok(re.search(r'<nav class="crumbs"[^>]*>.*<a href="/articles/in/more">更多<span class="vh">'
                   r' （分類）</span></a> › <a href="/articles/in/more/health">健康<span class="vh">'
                   r' （分類）</span></a> › <span aria-current="page">家庭健康</span></nav>', html)
         is not None, "category page breadcrumb in zh-TW")
    t.has(html, "<h1>家庭健康</h1>", "and its heading")
    t.has(html, '"name":"更多 \\u003e 健康 \\u003e 家庭健康"', "and its JSON-LD")
    html = s.get("/articles?lang=zh-CN").text
    t.ok(re.search(r'<a href="/articles/in/more">更多<span class="vh">', html) is not None,
         "the list of categories in zh-CN")
    t.has(html, " · 更多 &gt; 健康 &gt; 康复调养</p>", "an article's category in the list, in zh-CN")
    t.eq("More &gt; Health" in html, False, "no English category left in the list")
    slug = re.search(r'href="/articles/([^"/]+)"', html).group(1)
    page = s.get("/articles/%s?lang=vi" % slug).text
    t.ok(re.search(r'<nav class="crumbs"[^>]*><a href="/">Trang chủ</a> › <a href="/articles/in/more">Khác<span', page)
         is not None, "the article page's breadcrumb in Vietnamese")
    t.ok(re.search(r'"articleSection":"Khác \\u003e Sức khỏe \\u003e [^"]+"', page) is not None,
         "articleSection in Vietnamese")
    feed = s.get("/feeds/articles.atom?lang=zh-TW").text
    t.ok(re.search(r'<category term="更多 &gt; 健康 &gt; (康復調養|營養飲食|預防保健|家庭健康)"', feed)
         is not None, "the feed's categories in zh-TW")
    t.has(s.get("/articles/in/more/health/family").text, "<h1>Family</h1>",
          "English readers see the name as stored")
    # Admins edit them; an empty field removes one language's name.
    admin = login(s, ADMIN[0], ADMIN[2])
    page = admin.get("/admin/names")
    t.has(page.text, '<input type="hidden" name="path" value="More &gt; Health &gt; Family">',
          "the names page lists the categories")
    t.has(page.text, 'lang="zh-TW" value="家庭健康"', "with their names")
    form = {"csrf": admin.csrf("/admin/names"), "path": "More > Health > Family",
            "name_en": "", "name_zh-TW": "親子健康", "name_zh-CN": "", "name_vi": "Gia đình"}
    t.eq(admin.post("/admin/names/categories", form).status, 303, "saved")
    t.has(s.get("/articles/in/more/health/family?lang=zh-TW").text, "<h1>親子健康</h1>",
          "the new name shows at once")
    t.has(s.get("/articles/in/more/health/family?lang=zh-CN").text, "<h1>Family</h1>",
          "a removed name falls back to the stored one")
    t.has(admin.get("/admin/audit").text, "category.names", "the change is audited")
    form["csrf"] = admin.csrf("/admin/names")
    t.eq(admin.post("/admin/names/categories", dict(form, path="More > Nowhere")).status, 404,
         "an unknown category")
    t.eq(admin.post("/admin/names/categories", dict(form, **{"name_vi": "x" * 101})).status,
         413, "too long")
    t.has(s.get("/articles/in/more/health/family?lang=vi").text, "<h1>Gia đình</h1>",
          "and nothing changed")
    t.eq(admin.post("/admin/names/categories", dict(form, csrf="nope")).status, 403,
         "no CSRF token")
    patient = login(s, PATIENT[0], PATIENT[2])
    t.eq(patient.post("/admin/names/categories", dict(form, csrf=patient.csrf("/account")))
         .status, 403, "patients may not")
    # The command line: by path; an unknown category names its line.
    src = t.path("cat-names.tsv")
    with open(src, "w") as f:
        f.write("category\tMore >Health\tvi\tSức khoẻ\ncategory\tMore > Elsewhere\tvi\tx\n")
    p = t.run("names", "--db", db, src)
    t.eq(p.returncode, 1, "an unknown category fails")
    t.has(p.stderr, "line 2: no article category More > Elsewhere", "naming the line")
    with open(src, "w") as f:
        f.write("category\tMore >Health\tvi\tSức khoẻ\n")
    p = t.run("names", "--db", db, src)
    t.eq(p.returncode, 0, "a path written loosely is found: %s" % p.stderr)
    con = harness.connect(db)
    t.eq(con.execute("SELECT name FROM category_names WHERE path = 'More > Health'"
                     " AND lang = 'vi'").fetchone(), ("Sức khoẻ",), "stored by its path")
    con.close()


TRAD = set("們這謝醫體會來過還頭點時從對幫議診")
SIMP = set("们这谢医体会来过还头点时从对帮议诊")
VI_MARKS = set("ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơưăâêô")


def _written_in(text):
    """The language a demo comment is written in, by its script."""
    chars = set(text)
    if chars & VI_MARKS:
        return "vi"
    if chars & TRAD and not chars & SIMP:
        return "zh-TW"
    if chars & SIMP and not chars & TRAD:
        return "zh-CN"
    if all(ord(c) < 0x2000 for c in text):
        return "en"
    return "?"


def test_demo_articles_have_comments_in_their_language(t):
    """The demo's articles carry readers' comments (and doctors' replies)
    in the article's own language; `askdoc comments` adds them."""
    db = t.demo_db()
    con = harness.connect(db)
    arts = con.execute("SELECT id, slug, language FROM articles WHERE status = 'published'"
                       " ORDER BY id").fetchall()
    con.close()
    s = t.server(db)
    langs = set()
    for aid, slug, lang in arts:
        page = s.get("/articles/%s" % urllib.parse.quote(slug)).text
        bodies = [re.sub(r"<[^>]+>", "", b).strip() for b in
                  re.findall(r'<div class="comment-body"[^>]*>(.*?)</div>', page, re.S)]
        if lang != "en":
            t.ok(len(bodies) >= 1, "article %d (%s) has demo comments" % (aid, lang))
        if bodies:
            langs.add(lang)
        for b in bodies:
            t.eq(_written_in(b), lang, "a comment on article %d is in %s: %.30s" % (aid, lang, b))
        if lang != "en" and bodies:
            t.has(page, "badge-verified", "a doctor answers on article %d" % aid)
    t.eq(langs, {"en", "zh-TW", "zh-CN", "vi"}, "comments in all four languages")


def test_comments_command(t):
    db = fresh_db(t, "comments-cli")
    con = harness.connect(db)
    n = con.execute("SELECT count(*) FROM comments").fetchone()[0]
    con.close()
    src = t.path("comments.jsonl")

    def run(*lines):
        with open(src, "w") as f:
            f.write("\n".join(json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else x
                              for x in lines) + "\n")
        return t.run("comments", "--db", db, src)

    good = {"article": "eating-well-during-chemotherapy", "author": "anna.reader@example.org",
            "body": "Small meals every few hours worked for my aunt."}
    for bad, why in (({"article": "no-such-article", "author": good["author"], "body": "x"},
                      "line 3: no article no-such-article"),
                     ({"article": good["article"], "author": "nobody@example.org", "body": "x"},
                      "line 3: no account nobody@example.org"),
                     (dict(good, body=""), "line 3: the body must be 1 to 2000 characters"),
                     (dict(good, body="x" * 2001), "line 3: the body must be 1 to 2000"),
                     (dict(good, question="demo-qa-001"), "line 3: expected"),
                     (dict(good, lang="Vietnamese"), "line 3: \"lang\" must be a language tag"),
                     (dict(good, lang=7), "line 3: \"lang\" must be a language tag"),
                     (dict(good, lang="zh-"), "line 3: \"lang\" must be a language tag"),
                     ("not json", "line 3: expected")):
        p = run("# a comment line", good, bad)
        t.eq(p.returncode, 1, "refused: %s" % why)
        t.has(p.stderr, why, "naming the line")
    con = harness.connect(db)
    t.eq(con.execute("SELECT count(*) FROM comments").fetchone()[0], n,
         "nothing stored half way")
    con.close()
    p = run(good, {"question": "demo-qa-001", "author": "tom.reader@example.org",
                   "body": "Thank you, doctor."})
    t.eq(p.returncode, 0, "added: %s" % p.stderr)
    t.has(p.stdout, "added 2 comments", "says how many")
    s = t.server(db)
    t.has(s.get("/articles/eating-well-during-chemotherapy").text,
          "Small meals every few hours worked for my aunt.", "shown on the article")
    s.stop()
    # The language: as given, else the letters', else the page's.
    p = run(dict(good, body="Cam on bac si", lang="vi"),
            dict(good, body="謝謝醫師的說明"),
            dict(good, body="Thanks again."))
    t.eq(p.returncode, 0, "added with languages: %s" % p.stderr)
    con = harness.connect(db)
    got = [r[0] for r in con.execute("SELECT lang FROM comments ORDER BY id DESC LIMIT 3").fetchall()]
    page = con.execute("SELECT language FROM articles WHERE slug = ?",
                       (good["article"],)).fetchone()[0]
    con.close()
    t.eq(got[::-1], ["vi", "zh-TW", page], "the comments' languages")


class _LangBrowser(Browser):
    """A browser whose only language preference is Accept-Language."""

    def __init__(self, server, tag):
        super().__init__(server)
        self.tag = tag

    def request(self, method, path, form=None, headers=None, body=None):
        h = dict(headers or {}, **{"Accept-Language": self.tag})
        return super().request(method, path, form=form, headers=h, body=body)


def test_mail_in_each_language_with_its_numbers(t):
    """Mail about a question speaks the language it was asked in, chosen
    by the browser alone too, with that language's emergency numbers;
    the doctor's reply (from an English page) does not change it."""
    from test_mail import SMTPSink, mail_args
    sink = SMTPSink()
    try:
        db = fresh_db(t, "i18n-mail-each")
        s = t.server(db, args=mail_args(sink.port))
        want = (("zh-CN", "我们已收到您的问题", "120", "医生已回复您的问题"),
                ("vi", "chúng tôi đã nhận được câu hỏi", "115", "bác sĩ đã trả lời câu hỏi"))
        doc = login(s, ONCO[0], ONCO[2])
        n = 0
        for tag, subject, number, replied in want:
            b = _LangBrowser(s, tag)
            qid, _, _ = ask(t, b, db, email="p-%s@example.org" % tag)
            n += 1
            msgs = sink.wait(n)
            t.eq(len(msgs), n, "%s: a mail for the question" % tag)
            if len(msgs) < n:
                continue
            m = msgs[n - 1][2]
            t.has(str(m["Subject"]), subject, "%s: subject" % tag)
            body = m.get_content()
            t.has(body, number, "%s: its emergency number" % tag)
            t.lacks(body, "112, 911", "%s: not the English numbers" % tag)
            t.eq(reply(t, doc, qid, body="Usually **six weeks**.").status, 303, "replied")
            n += 1
            msgs = sink.wait(n)
            if len(msgs) == n:
                t.has(str(msgs[n - 1][2]["Subject"]), replied, "%s: reply mail" % tag)
    finally:
        sink.close()


def test_emergency_numbers_are_sourced(t):
    """Each language's emergency numbers are those of the sourced table
    (data/emergency-numbers.tsv, a source on every row); a catalog that
    strays from it, or a table row without a source, fails the check."""
    import catalogs
    import shutil
    table = os.path.join(harness.REPO, "data", "emergency-numbers.tsv")
    tdir = os.path.join(harness.REPO, "templates")
    t.eq(catalogs.emergency_problems(tdir, table), [], "the shipped catalogs match")
    broken = _broken_copy(t, "emergency-templates")
    _edit(broken, "vi", lambda c: c.__setitem__("emergency_numbers", "911"))
    t.eq(catalogs.emergency_problems(broken, table),
         ["vi: emergency_numbers is '911', the sourced table says '115'"],
         "a catalog that strays is named")
    bad = t.path("emergency.tsv")
    shutil.copy(table, bad)
    with open(bad, encoding="utf-8") as f:
        lines = [ln for ln in f if not ln.startswith("zh-CN\t")]
    lines.append("zh-CN\t120\tambulance\t\n")
    with open(bad, "w", encoding="utf-8") as f:
        f.writelines(lines)
    found = catalogs.emergency_problems(tdir, bad)
    t.ok(any("expected language, numbers, what they are and source" in p for p in found),
         "a row without a source is refused: %s" % found)
    t.ok(any(p.startswith("zh-CN: emergency numbers without a source") for p in found),
         "and its language named")
