"""Emergency notices: /api/redflags while typing, urgent questions first in
the doctors' queue."""
import re
import harness


def _check(s, text):
    r = s.post("/api/redflags", {"text": text})
    return r.status, r.json()


def test_api_redflags(t):
    s = t.server(t.demo_db())
    st, d = _check(s, "Since an hour I have crushing chest pain and I can't catch my breath")
    t.eq(st, 200, "status")
    t.eq(d["emergency"], True, "chest pain with breathlessness is an emergency")
    t.ok("cardiac" in d["categories"], "cardiac category")
    st, d = _check(s, "No chest pain, no shortness of breath, just a mild cough for a week")
    t.eq(d["emergency"], False, "negated symptoms are not an emergency")
    st, d = _check(s, "我想自殺，覺得活不下去了")
    t.eq(d["emergency"], True, "suicidal thoughts (Chinese) are an emergency")
    st, d = _check(s, "toddler pulled a kettle of boiling water over his chest, huge blisters")
    t.eq(d["categories"], ["burn"], "a large scald is a burn emergency")
    st, d = _check(s, "small burn on my finger from the oven tray")
    t.eq(d["emergency"], False, "a small burn is not an emergency")
    st, d = _check(s, "")
    t.eq(d["emergency"], False, "empty text")
    st, d = _check(s, "\xff\xfe broken")
    t.eq(st, 200, "odd input still answers")


def test_urgent_question_first_in_queue(t):
    db = t.demo_db()
    s = t.server(db)
    form = s.get("/ask")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    ftok = re.search(r'name="form_token" value="([^"]+)"', form.text).group(1)
    cookie = (form.header("set-cookie") or "").split(";")[0]
    for title, text in (("A question about reflux", "I get heartburn after dinner most days. What can I change?"),
                        ("My father cannot speak properly",
                         "Twenty minutes ago my father's face started drooping on one side and his speech is slurred.")):
        r = s.post("/ask", {"csrf": csrf, "form_token": ftok, "title": title, "text": text, "department": "",
                            "consent": "yes"}, headers={"Cookie": cookie})
        t.eq(r.status, 303, "asked: " + title)
    con = harness.connect(db)
    rows = dict(con.execute("SELECT title, urgent FROM questions WHERE title IN "
                            "('A question about reflux', 'My father cannot speak properly')"))
    con.close()
    t.eq(rows.get("My father cannot speak properly"), 1, "stroke signs flag the question urgent")
    t.eq(rows.get("A question about reflux"), 0, "an ordinary question is not urgent")


def test_ask_form_has_the_live_notice(t):
    s = t.server(t.demo_db())
    r = s.get("/ask")
    t.has(r.text, 'id="emergency-live"', "the ask form carries the live notice")
    t.has(r.text, '<a class="tel" href="tel:112">112</a> or <a class="tel" href="tel:911">911</a> now',
          "the notice gives the configured emergency numbers as tel: links")


def test_live_notice_names_each_category(t):
    """The live notice carries one sentence per category, hidden, for the
    script to reveal (the same words as the notice after submit)."""
    s = t.server(t.demo_db())
    r = s.get("/ask")
    live = re.search(r'<div id="emergency-live".*?</div>', r.text, re.S)
    t.ok(live is not None, "the live notice is on the form")
    body = live.group(0) if live else ""
    keys = re.findall(r'<p class="emergency-why" data-category="([a-z_]+)" hidden>', body)
    t.eq(sorted(keys), sorted(["cardiac", "stroke", "breathing", "bleeding", "consciousness", "suicide",
                               "poisoning", "fever_danger", "anaphylaxis", "seizure", "head_injury", "burn"]),
         "every category's sentence, each hidden until named")
    t.has(body, "A large or deep burn", "burns have their own words")
    # The API names categories by the same keys.
    d = s.post("/api/redflags", {"text": "boiling oil over her whole arm, skin peeling"}).json()
    t.eq(d["categories"], ["burn"], "a burn is named")
    t.ok(all(k in keys for k in d["categories"]), "every key the API gives has a sentence")


def _ask(s, title, text):
    form = s.get("/ask")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    ftok = re.search(r'name="form_token" value="([^"]+)"', form.text).group(1)
    cookie = (form.header("set-cookie") or "").split(";")[0]
    return s.post("/ask", {"csrf": csrf, "form_token": ftok, "title": title, "text": text, "department": "",
                           "consent": "yes"}, headers={"Cookie": cookie})


def test_notice_after_submit_without_script(t):
    """Without JavaScript the notice comes on submit: the status page names
    the category until a doctor replies; an ordinary question has none."""
    s = t.server(t.demo_db())
    r = _ask(s, "My mother's face", "Her face started drooping on one side twenty minutes ago and she slurs.")
    t.eq(r.status, 303, "asked")
    page = s.get(r.header("location"))
    t.eq(page.status, 200, "status page")
    t.has(page.text, 'class="emergency-notice" role="alert"', "the notice is on the status page")
    t.has(page.text, 'data-category="stroke">', "it names the stroke, shown")
    t.ok('data-category="cardiac"' not in page.text, "and no other category")
    t.has(page.text, 'href="tel:112"', "with the emergency numbers as tel: links")
    r = _ask(s, "Reflux after dinner", "I get heartburn after dinner most days. What can I change?")
    t.eq(r.status, 303, "asked")
    page = s.get(r.header("location"))
    t.ok("emergency-notice" not in page.text, "no notice for an ordinary question")


def _tels(html):
    live = re.search(r'<div id="emergency-live".*?</div>', html, re.S)
    return re.findall(r'<a class="tel" href="tel:([^"]+)">', live.group(0) if live else "")


def test_numbers_follow_the_locale(t):
    """Without --emergency-numbers each language shows its country's
    medical emergency number (Taiwan 119, mainland China 120, Vietnam
    115; not the police's 110 or 113), English 112 and 911; English
    pages of a site whose default language is another take that
    language's; a site's setting beats them all. Inside sentences
    several numbers are joined as alternatives in the language's words."""
    db = t.demo_db()
    s = t.server(db)
    for lang, want, words in (("en", ["112", "911"], "call 112 or 911"),
                              ("zh-TW", ["119"], "請撥打 119 或立即前往"),
                              ("zh-CN", ["120"], "请拨打 120"),
                              ("vi", ["115"], "gọi ngay 115")):
        r = s.get("/ask", headers={"Accept-Language": lang})
        t.eq(_tels(r.text), want, "%s: the live notice's tel: links" % lang)
        t.has(r.text, words, "%s: the numbers in the page's sentences too" % lang)
        for police in ("110", "113"):
            t.lacks(r.text, "tel:" + police, "%s: no police number as an alternative" % lang)
        t.lacks(r.text, "112, 911", "%s: no raw list in a sentence" % lang)
    r = s.get("/ask?lang=vi")
    t.has(r.text, '<a class="tel" href="tel:115">115</a>', "tel: links keep the number as shown")
    tw = t.server(db, args=["--default-language", "zh-TW"])
    t.eq(_tels(tw.get("/ask", headers={"Accept-Language": "en"}).text), ["119"],
         "English readers of a Taiwanese site get Taiwan's number")
    t.eq(_tels(tw.get("/ask", headers={"Accept-Language": "vi"}).text), ["115"],
         "Vietnamese readers get Vietnam's")
    own = t.server(db, args=["--emergency-numbers", "999; +44 20 7946 0000"])
    for lang in ("en", "zh-TW", "vi"):
        r = own.get("/ask", headers={"Accept-Language": lang})
        t.eq(_tels(r.text), ["999", "+442079460000"], "%s: the site's own numbers" % lang)
        t.lacks(r.text, "tel:112", "%s: and no default number" % lang)
    # Several numbers in a sentence: joined the language's way.
    for lang, words in (("en", "999 or +44 20 7946 0000"),
                        ("vi", "999 hoặc +44 20 7946 0000"),
                        ("zh-TW", "999或+44 20 7946 0000")):
        r = own.get("/ask", headers={"Accept-Language": lang})
        t.has(r.text, words, "%s: the site's numbers joined in a sentence" % lang)
        t.lacks(r.text, "999; +44", "%s: not the raw setting" % lang)
