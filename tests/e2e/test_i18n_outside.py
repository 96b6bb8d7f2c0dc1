"""What the second native review (zh-TW, zh-CN, vi) found outside the
catalogs: department and topic names left in English on translated
pages, ?lang= lost by forms and the 404 page, year-first dates on the
home page, and spacing and ASCII parentheses next to Chinese labels."""
import re

from askflow import (ADMIN, ONCO, PATIENT, Browser, ask, ask_form, exec_sql,
                     fresh_db, login, one, rows)

TOPIC, DEPT = 4, 7  # taxonomy_names.kind


def local_names(db, kind, lang, table, where="1"):
    """[(name as stored, name in lang)] of kind in table."""
    return rows(db, "SELECT x.name, n.name FROM %s x JOIN taxonomy_names n"
                " ON n.kind = ? AND n.id = x.id AND n.lang = ? WHERE %s"
                " ORDER BY x.id" % (table, where), kind, lang)


def section(page, start, end):
    i = page.find(start)
    return page[i:page.find(end, i + 1)] if i >= 0 else ""


def test_department_and_topic_names_in_the_readers_language(t):
    db = fresh_db(t, "names-local")
    s = t.server(db)
    depts_vi = local_names(db, DEPT, "vi", "departments")
    t.ok(len(depts_vi) >= 5, "the demo names its departments in vi")

    # The ask form's department list.
    page = Browser(s).get("/ask?lang=vi").text
    opts = section(page, 'name="department"', "</select>")
    for base, vi in depts_vi:
        t.has(opts, ">%s</option>" % vi, "ask form lists %s in vi" % base)
        t.lacks(opts, ">%s</option>" % base, "and not as stored")

    # My questions.
    pat = login(s, PATIENT[0], PATIENT[2])
    qid, _, _ = ask(t, pat, db)
    page = pat.get("/my/questions?lang=vi").text
    t.has(page, "Ung bướu", "My questions names the department in vi")
    t.lacks(page, "Oncology", "and not in English")

    # The workbench's topic checkboxes.
    doc = login(s, ONCO[0], ONCO[2])
    page = doc.get("/doctor/question/%d?lang=vi" % qid).text
    onco = local_names(db, TOPIC, "vi", "topics", "x.department_id ="
                       " (SELECT id FROM departments WHERE name = 'Oncology')")
    t.ok(len(onco) >= 3, "Oncology's topics have vi names")
    labels = re.findall(r'<label for="topic-\d+">([^<]+)<', page)
    labels = [x.strip() for x in labels]
    t.ok(len(labels) >= 3, "the workbench shows topic checkboxes: %r" % labels[:5])
    for base, vi in onco:
        t.ok(vi in labels, "workbench topic %s shown in vi (%r)" % (base, labels[:8]))
        t.ok(base not in labels, "and not as stored (%s)" % base)

    # Similar Q&A on a Q&A page: the department after "BS. X trả lời".
    seen = 0
    for (qa,) in rows(db, "SELECT id FROM questions WHERE status = 'published'"
                      " ORDER BY id LIMIT 40"):
        page = Browser(s).get("/qa/%d?lang=zh-TW" % qa).text
        sim = section(page, 'class="similar"', "</section>")
        metas = re.findall(r'<p class="meta">([^<]*)</p>', sim)
        for m in metas:
            for base, _ in depts_vi:
                t.ok(not m.endswith(" " + base),
                     "similar Q&A meta without English department: %r" % m)
        zh = [n for _, n in local_names(db, DEPT, "zh-TW", "departments")]
        seen += sum(1 for m in metas if any(m.endswith(n) for n in zh))
        if seen >= 2:
            break
    t.ok(seen >= 2, "similar Q&As name their departments in zh-TW (%d)" % seen)

    # An article's topics.
    art = one(db, "SELECT a.slug FROM articles a JOIN article_topics x"
              " ON x.article_id = a.id JOIN topics tp ON tp.id = x.topic_id"
              " WHERE a.status = 'published' AND tp.name = 'Hepatitis B'")
    page = Browser(s).get("/articles/%s?lang=vi" % art).text
    vi_hb = one(db, "SELECT n.name FROM taxonomy_names n JOIN topics tp"
                " ON tp.id = n.id WHERE n.kind = 4 AND n.lang = 'vi'"
                " AND tp.name = 'Hepatitis B'")
    t.has(page, ">%s</a>" % vi_hb, "article topic in vi")
    t.lacks(page, ">Hepatitis B</a>", "and not as stored")

    # The staff pages: the localized name, with the stored one.
    admin = login(s, ADMIN[0], ADMIN[2])
    page = admin.get("/admin/names?lang=vi").text
    t.has(page, "<strong>Tim mạch (Cardiology)</strong>", "names page heading in vi")
    page = admin.get("/admin/taxonomy?lang=zh-TW").text
    t.has(page, "<strong>心臟內科（Cardiology）</strong>", "taxonomy row named in zh-TW")
    t.has(page, 'value="Cardiology"', "the form still edits the stored name")
    t.has(page, ">心臟內科（Cardiology）</option>", "department choices in zh-TW")


def hidden_fields(page, action):
    """The hidden fields of the form posting to action, as a browser sends
    them."""
    i = page.find('action="%s"' % action)
    form = page[i:page.find("</form>", i)] if i >= 0 else ""
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))


def test_forms_keep_the_language_they_were_shown_in(t):
    """A reader who came by a ?lang= link with an English browser sends a
    form with a mistake: the error page speaks the form's language."""
    db = fresh_db(t, "form-lang")
    s = t.server(db)
    en = {"Accept-Language": "en-US,en;q=0.9"}
    for tag, path, fields in (
            ("zh-TW", "/login", {"email": PATIENT[0], "password": "wrong wrong 12"}),
            ("vi", "/register", {"name": "Vy", "email": "vy@example.org",
                                 "password": "short"}),
            ("zh-CN", "/ask", None)):
        b = Browser(s)
        page = b.get("%s?lang=%s" % (path, tag), headers=en).text
        t.has(page, '<html lang="%s"' % tag, "%s shown in %s" % (path, tag))
        form = hidden_fields(page, path)
        t.eq(form.get("lang"), tag, "%s's form says its language" % path)
        if fields is None:
            fields = ask_form(b, db, text="short")
            fields["lang"] = form.get("lang")
        else:
            fields = dict(fields, **form)
        r = b.post(path, fields, headers=en)
        t.ok(r.status in (400, 401, 403, 409, 422), "%s refused: %d" % (path, r.status))
        t.has(r.text, '<html lang="%s"' % tag, "%s's error page in %s" % (path, tag))
    # Without the field, the browser's language as before.
    b = Browser(s)
    r = b.post("/login", {"csrf": b.csrf("/login"), "email": PATIENT[0],
                          "password": "wrong wrong 12"}, headers=en)
    t.has(r.text, '<html lang="en"', "no lang field: Accept-Language")
    # A bad tag in the field is ignored.
    r = b.post("/login", {"csrf": b.csrf("/login"), "email": PATIENT[0],
                          "password": "wrong wrong 12", "lang": "xx-<b>"}, headers=en)
    t.has(r.text, '<html lang="en"', "an unknown tag: Accept-Language")


def test_not_found_honours_lang(t):
    db = fresh_db(t, "404-lang")
    s = t.server(db)
    for tag in ("vi", "zh-TW", "zh-CN"):
        r = s.get("/nope-nothing?lang=%s" % tag)
        t.eq(r.status, 404, "unknown address")
        t.has(r.text, '<html lang="%s"' % tag, "404 page in %s" % tag)
    r = s.get("/nope-nothing?lang=vi&x=%zz")
    t.eq(r.status, 404, "a query that does not parse still gives 404")


def test_home_article_dates_in_the_readers_pattern(t):
    """The home page's articles are dated with the language's
    date_pattern, as every other date: dd/MM/yyyy in vi."""
    db = fresh_db(t, "home-dates")
    s = t.server(db, args=("--timezone", "UTC"))
    exec_sql(db, "UPDATE articles SET published_at = '2026-06-08T09:00:00Z'"
             " WHERE id = (SELECT max(id) FROM articles WHERE status = 'published')")
    y, m, d = "2026", "06", "08"
    arts = section(s.get("/?lang=vi").text, '/articles/', "</ul>")
    t.has(arts, "%s/%s/%s" % (d, m, y), "vi: dd/MM/yyyy")
    t.lacks(arts, "%s/%s/%s" % (y, m, d), "not year first")
    arts = section(s.get("/?lang=zh-TW").text, '/articles/', "</ul>")
    t.has(arts, "%s/%s/%s" % (y, m, d), "zh-TW keeps yyyy/MM/dd")


def _text(page):
    """The page's text with its tags taken out (as a browser lays it out
    on one line)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page))


def _after(t, text, label, what):
    i = text.find(label)
    t.ok(i >= 0, "%s: %s shown" % (what, label))
    if i >= 0:
        nxt = text[i + len(label):i + len(label) + 1]
        t.ok(nxt not in (" ", ""), "%s: no space after %r (%r)" % (
            what, label, text[i:i + len(label) + 12]))


def test_chinese_labels_without_ascii_spacing(t):
    """A label ending in the full-width colon is followed by its value
    with no space in Chinese, and a count next to Chinese is bracketed
    with full-width parentheses; English and Vietnamese keep theirs."""
    db = fresh_db(t, "zh-labels")
    s = t.server(db)
    b = Browser(s)
    _, path, _ = ask(t, b, db)
    text = _text(b.get(path + "?lang=zh-TW").text)
    _after(t, text, "狀態：", "zh-TW status page")
    _after(t, text, "科別：", "zh-TW status page")
    text = _text(b.get(path + "?lang=zh-CN").text)
    _after(t, text, "状态：", "zh-CN status page")
    text = _text(b.get(path + "?lang=vi").text)
    t.has(text, "Trạng thái: ", "vi keeps its space")
    art = one(db, "SELECT slug FROM articles WHERE status = 'published'"
              " AND author IS NOT NULL ORDER BY id LIMIT 1")
    page = b.get("/articles/%s?lang=zh-TW" % art).text
    text = _text(page)
    _after(t, text, "撰文：", "zh-TW article")
    _after(t, text, "醫療免責聲明：", "zh-TW article")
    t.ok(re.search(r'留言<span class="count">（\d+）</span>', page) is not None,
         "zh-TW comment count in full-width parentheses")
    t.lacks(text, "留言 (", "no ASCII parentheses next to Chinese")
    page = b.get("/articles/%s?lang=zh-CN" % art).text
    t.ok(re.search(r'评论<span class="count">（\d+）</span>', page) is not None,
         "zh-CN comment count in full-width parentheses")
    page = b.get("/articles/%s" % art, headers={"Accept-Language": "en"}).text
    t.ok(re.search(r"Comments \(\d+\)", _text(page)) is not None, "English: Comments (n)")
    t.has(_text(page), "Written by ", "English keeps its space")
