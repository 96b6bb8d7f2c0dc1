"""A language chosen by a link (?lang=) or a form's hidden "lang" field,
rather than by the cookie, is kept through every step (issue 16): the
redirect after each form post, the GET forms (search box, filters),
the page links and the switcher, which keeps the page's query."""
import re
import urllib.parse

from askflow import (MOD, ONCO, PATIENT, TOKEN_RE, Browser, ask, ask_form, exec_sql,
                     fresh_db, login, one, pii_choices, reply)

HIDDEN = '<input type="hidden" name="lang" value="%s">'


def _lang_of(loc):
    q = urllib.parse.urlsplit(loc or "").query
    return urllib.parse.parse_qs(q).get("lang", [None])[0]


def _html_lang(r):
    m = re.search(r'<html lang="([^"]+)"', r.text)
    return m.group(1) if m else None


def test_redirects_keep_a_linked_language(t):
    """Every form post whose language came from the form (not the cookie
    or the header) redirects to a page in that language."""
    db = fresh_db(t, "i18n-keep")
    s = t.server(db)
    art = one(db, "SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")
    vi = {"Accept-Language": "en"}

    def check(what, r, want="vi"):
        t.eq(r.status, 303, "%s: redirected" % what)
        loc = r.header("location")
        t.eq(_lang_of(loc), want, "%s: %r keeps the language" % (what, loc))
        return loc

    # Register, then sign in, in Vietnamese chosen by the form.
    anon = Browser(s)
    r = anon.post("/register", {"csrf": anon.csrf("/register"), "lang": "vi",
                                "name": "Lan Nguyen", "email": "lan@example.org",
                                "password": "lan password 12",
                                "password2": "lan password 12"}, headers=vi)
    loc = check("register", r)
    t.eq(_html_lang(anon.get(loc, headers=vi)), "vi", "the page after registering is in vi")
    pat = Browser(s)
    r = pat.post("/login", {"csrf": pat.csrf("/login"), "lang": "vi",
                            "email": PATIENT[0], "password": PATIENT[2]}, headers=vi)
    check("sign in", r)
    # Ask: the status link speaks it.
    r = pat.post("/ask", ask_form(pat, db, lang="vi"), headers=vi)
    loc = check("ask", r)
    t.ok(TOKEN_RE.match(loc.split("?")[0]), "ask: a status link %r" % loc)
    qid = one(db, "SELECT max(id) FROM questions")
    t.eq(_html_lang(pat.get(loc)), "vi", "the status page is in vi")
    # Comment under an article; the fragment stays last.
    path = "/articles/" + art
    r = pat.post(path + "/comments", {"csrf": pat.csrf(path), "lang": "vi",
                                      "body": "Bài viết rất hữu ích."}, headers=vi)
    loc = check("comment", r)
    t.ok(re.search(r"\?lang=vi#comment-\d+$", loc or ""), "comment: the anchor stays at the end")
    # Settings: the password change.
    r = pat.post("/account/password", {"csrf": pat.csrf("/account/password"), "lang": "vi",
                                       "current": PATIENT[2], "password": "new patient pass 99",
                                       "password2": "new patient pass 99"}, headers=vi)
    loc = check("password change", r)
    t.ok(loc.startswith("/account?password=changed&lang=vi"), "settings: %r" % loc)
    # A doctor's reply.
    doc = login(s, ONCO[0], ONCO[2])
    r = reply(t, doc, qid, lang="vi", **pii_choices(doc, qid, "keep"))
    check("doctor reply", r)
    # Sign out too.
    r = pat.post("/logout", {"csrf": pat.csrf("/"), "lang": "vi"}, headers=vi)
    check("sign out", r)

    # The cookie decides: a form's field that differs says nothing more.
    c = Browser(s)
    c.jar["lang"] = "zh-TW"
    r = c.post("/login", {"csrf": c.csrf("/login"), "lang": "vi",
                          "email": PATIENT[0], "password": "wrong"}, headers=vi)
    t.eq(_html_lang(r), "zh-TW", "cookie first")
    doc2 = login(s, ONCO[0], ONCO[2])
    doc2.jar["lang"] = "vi"
    r = doc2.post("/logout", {"csrf": doc2.csrf("/"), "lang": "vi"}, headers=vi)
    t.eq(r.header("location"), "/", "a cookie's language needs no lang= in the address")
    # What the header would choose anyway adds nothing either.
    en = Browser(s)
    en.login(PATIENT[0], "new patient pass 99")
    r = en.post("/logout", {"csrf": en.csrf("/"), "lang": "en"}, headers=vi)
    t.eq(r.header("location"), "/", "the header's own language adds no lang=")
    # English chosen by a link against a Vietnamese header is kept too.
    en = Browser(s)
    r = en.post("/login", {"csrf": en.csrf("/login"), "lang": "en",
                           "email": PATIENT[0], "password": "new patient pass 99"},
                headers={"Accept-Language": "vi"})
    check("sign in in en under a vi header", r, "en")


def test_get_forms_and_links_keep_a_linked_language(t):
    """The search box, the search filters, page links and spelling links
    of a page whose language came from ?lang= carry it; the switcher's
    links come back to the same query."""
    db = fresh_db(t, "i18n-keep-get")
    # Enough questions in one department for a second page.
    for _ in range(2):
        exec_sql(db, "INSERT INTO questions (title, text, department_id, status,"
                 " asked_at, published_at, language) SELECT title || ' (again)', text,"
                 " department_id, status, asked_at, published_at, language FROM questions"
                 " WHERE status = 'published' AND department_id = (SELECT id FROM"
                 " departments WHERE slug = 'gastroenterology-and-hepatology')")
    s = t.server(db)
    h = {"Accept-Language": "en"}
    dept = "/department/gastroenterology-and-hepatology"
    r = s.get("/search?q=liver&kind=qa&lang=vi", headers=h)
    t.eq(_html_lang(r), "vi", "search in vi")
    forms = re.findall(r'<form[^>]*method="get".*?</form>', r.text, re.S)
    t.eq(len(forms), 2, "the top search box and the search form")
    for f in forms:
        t.has(f, HIDDEN % "vi", "a GET form keeps the language")
    # The switcher goes back to the same search, without the old lang.
    links = dict(re.findall(r'<a href="(/language\?lang=[^"]+)" hreflang="([^"]+)"', r.text))
    zh = [k for k, v in links.items() if v == "zh-TW"]
    t.eq(len(zh), 1, "a switcher link to zh-TW")
    back = urllib.parse.parse_qs(urllib.parse.urlsplit(zh[0].replace("&amp;", "&")).query)["back"][0]
    t.eq(back, "/search?q=liver&kind=qa", "the switcher keeps the query")
    b = Browser(s)
    r = b.get(zh[0].replace("&amp;", "&"))
    t.eq(r.status, 303, "switch")
    t.eq(r.header("location"), "/search?q=liver&kind=qa", "back to the same search")
    # Query values that need escaping survive the round trip.
    r = s.get("/search?q=a%26b+%E8%82%9D&lang=vi", headers=h)
    m = re.search(r'<a href="(/language\?lang=zh-TW[^"]*)"', r.text)
    r = b.get(m.group(1).replace("&amp;", "&"))
    t.eq(urllib.parse.parse_qs(urllib.parse.urlsplit(r.header("location")).query)["q"],
         ["a&b 肝"], "an escaped query survives the switch")
    # Page links: a department's next page.
    r = s.get(dept + "?lang=vi", headers=h)
    nxt = re.search(r'<a rel="next" href="([^"]+)"', r.text)
    t.ok(nxt is not None, "the department has a next page")
    if nxt:
        t.eq(_lang_of(nxt.group(1).replace("&amp;", "&")), "vi", "the next page keeps vi")
        r2 = s.get(nxt.group(1).replace("&amp;", "&"), headers=h)
        prev = re.search(r'<a rel="prev" href="([^"]+)"', r2.text)
        t.eq(prev and _lang_of(prev.group(1).replace("&amp;", "&")), "vi",
             "and the previous page")
    # Spelling: "did you mean" and the search for the words as typed.
    r = s.get("/search?q=livr&lang=vi", headers=h)
    for m in re.findall(r'<p class="spelling" id="spelling">(.*?)</p>', r.text, re.S):
        for href in re.findall(r'href="([^"]+)"', m):
            t.eq(_lang_of(href.replace("&amp;", "&")), "vi", "spelling link %r" % href)
    # Without ?lang= nothing is added (the cookie or the header stays).
    r = s.get("/search?q=liver", headers={"Accept-Language": "vi"})
    t.eq(_html_lang(r), "vi", "vi from the header")
    t.lacks(r.text, 'name="lang" value="vi">', "no hidden lang on GET forms")
    nxt = re.search(r'<a rel="next" href="([^"]+)"',
                    s.get(dept, headers={"Accept-Language": "vi"}).text)
    t.ok(nxt is not None and "lang=" not in nxt.group(1), "no lang= in page links")


def _qs(url):
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url.replace("&amp;", "&")).query)


def _field(r, name):
    import html
    m = re.search(r'name="%s" value="([^"]*)"' % name, r.text)
    return html.unescape(m.group(1)) if m else None


def test_sign_in_comes_back_to_the_page_its_query_and_language(t):
    """Signing in from a page whose language a link chose (or whose query
    says what it shows) comes back to it whole: the header's Log in, the
    sign-in page's link to register, and the redirect of a page that
    needs an account all keep the query and the language."""
    db = fresh_db(t, "i18n-keep-next")
    s = t.server(db)
    h = {"Accept-Language": "en"}
    page = "/search?q=liver&lang=zh-TW"
    b = Browser(s)
    r = b.get(page, headers=h)
    m = re.search(r'<a href="(/login\?next=[^"]+)">', r.text)
    t.ok(m is not None, "the header's Log in link")
    link = m.group(1).replace("&amp;", "&") if m else "/login"
    t.eq(_qs(link).get("next"), [page], "Log in comes back to the search, query and all")
    t.eq(_qs(link).get("lang"), ["zh-TW"], "the sign-in page speaks the page's language")
    r = b.get(link, headers=h)
    t.eq(_html_lang(r), "zh-TW", "the sign-in page is in zh-TW")
    t.eq(_field(r, "next"), page, "the form carries the page to come back to")
    m = re.search(r'<a href="(/register\?[^"]+)">', r.text)
    t.ok(m is not None, "a link to register")
    if m:
        t.eq(_qs(m.group(1)).get("next"), [page], "register comes back there too")
        t.eq(_qs(m.group(1)).get("lang"), ["zh-TW"], "in the same language")
        r2 = b.get(m.group(1).replace("&amp;", "&"), headers=h)
        t.eq(_html_lang(r2), "zh-TW", "the register page is in zh-TW")
        links = [_qs(x) for x in re.findall(r'<a href="(/login\?[^"]+)">', r2.text)]
        t.ok(len(links) >= 2, "the header's and the form's links to sign in")
        for q in links:
            t.eq((q.get("next"), q.get("lang")), ([page], ["zh-TW"]),
                 "a link back to sign in keeps both")
    r = b.get(link, headers=h)  # the form's own guard token
    r = b.post("/login", {"csrf": _field(r, "csrf"), "lang": _field(r, "lang"),
                          "next": _field(r, "next"), "email": PATIENT[0],
                          "password": PATIENT[2]}, headers=h)
    t.eq(r.status, 303, "signed in")
    t.eq(r.header("location"), page, "back to the search in zh-TW")
    # A Q&A read in vi.
    qid = one(db, "SELECT min(id) FROM questions WHERE status = 'published'")
    r = Browser(s).get("/qa/%d?lang=vi" % qid, headers=h)
    m = re.search(r'<a href="(/login\?next=[^"]+)">', r.text)
    t.ok(m is not None and _qs(m.group(1)).get("next") == ["/qa/%d?lang=vi" % qid] and
         _qs(m.group(1)).get("lang") == ["vi"], "a Q&A's Log in keeps ?lang=vi")
    # Without ?lang= the link is the path and query as they were, no lang.
    r = Browser(s).get("/search?q=liver", headers={"Accept-Language": "vi"})
    m = re.search(r'<a href="(/login\?next=[^"]+)">', r.text)
    t.eq(m and m.group(1), "/login?next=/search%3Fq%3Dliver", "no lang= added")
    # The comments' "log in / register" under an article read in vi.
    art = one(db, "SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")
    r = Browser(s).get("/articles/%s?lang=vi" % art, headers=h)
    note = re.search(r'<p class="login-note">(.*?)</p>', r.text, re.S)
    links = [_qs(x) for x in re.findall(r'href="([^"]+)"', note.group(1))] if note else []
    t.eq(len(links), 2, "the comments' links to sign in and to register")
    for q in links:
        t.eq((q.get("next"), q.get("lang")),
             (["/articles/%s?lang=vi" % urllib.parse.quote(art, safe="")], ["vi"]),
             "a comments' sign-in link comes back in vi")
    # The status page's "log in / register to save" read in vi.
    _, path, _ = ask(t, Browser(s), db)
    r = Browser(s).get(path + "?lang=vi", headers=h)
    t.eq(_html_lang(r), "vi", "the status page in vi")
    links = [_qs(x) for x in re.findall(r'<a class="btn[^"]*" href="(/(?:login|register)\?[^"]+)"',
                                        r.text)]
    t.eq(len(links), 2, "log in or register to save")
    for q in links:
        t.eq((q.get("next"), q.get("lang")), ([path], ["vi"]), "to save, and back in vi")
    # A page that needs an account: to sign in and back, query and all.
    anon = Browser(s)
    want = "/doctor/queue?all=1&lang=vi"
    r = anon.get(want, headers=h)
    t.eq(r.status, 303, "sent to sign in")
    loc = r.header("location") or ""
    t.eq(_qs(loc).get("next"), [want], "next keeps the query")
    t.eq(_qs(loc).get("lang"), ["vi"], "the sign-in page in vi")
    r = anon.get(loc, headers=h)
    t.eq(_html_lang(r), "vi", "sign-in page in vi")
    r = anon.post("/login", {"csrf": _field(r, "csrf"), "lang": _field(r, "lang"),
                             "next": _field(r, "next"), "email": MOD[0],
                             "password": MOD[2]}, headers=h)
    t.eq(r.header("location"), want, "back to the queue, all of it, in vi")
    t.eq(_html_lang(anon.get(want, headers=h)), "vi", "the queue in vi")
    # What cannot go back whole: an over-long query keeps the path only;
    # control characters in it stay encoded; a form's post has no next.
    r = Browser(s).get("/doctor/queue?x=" + "a" * 2100)
    t.eq(r.header("location"), "/login?next=/doctor/queue", "an over-long query is dropped")
    r = Browser(s).get("/doctor/queue?x=%0D%0ASet-Cookie:%20a=1")
    loc = r.header("location") or ""
    t.eq(_qs(loc).get("next"), ["/doctor/queue?x=%0D%0ASet-Cookie%3A%20a%3D1"],
         "control characters stay encoded")
    c = Browser(s)
    r = c.get(loc)
    r = c.post("/login", {"csrf": _field(r, "csrf"), "next": _field(r, "next"),
                          "email": MOD[0], "password": MOD[2]})
    t.eq(r.header("location"), "/doctor/queue?x=%0D%0ASet-Cookie%3A%20a%3D1",
         "and come back encoded")


def test_queue_links_keep_a_linked_language(t):
    """The doctor queue's pages keep the language a link chose."""
    db = fresh_db(t, "i18n-keep-queue")
    exec_sql(db, "INSERT INTO questions (title, text, department_id, status, asked_at, language)"
             " SELECT title, text, department_id, 'waiting', asked_at, language FROM questions"
             " WHERE status = 'published' LIMIT 60")
    s = t.server(db)
    h = {"Accept-Language": "en"}
    mod = login(s, MOD[0], MOD[2])
    r = mod.get("/doctor/queue?all=1&lang=vi", headers=h)
    t.eq(_html_lang(r), "vi", "the queue in vi")
    nxt = re.search(r'<a class="btn btn-secondary" href="([^"]+)">', r.text)
    t.ok(nxt is not None, "a next page")
    if nxt:
        q = _qs(nxt.group(1))
        t.eq((q.get("lang"), q.get("all"), q.get("page")), (["vi"], ["1"], ["2"]),
             "the next page keeps vi and the filter")
        r = mod.get(nxt.group(1).replace("&amp;", "&"), headers=h)
        t.eq(_html_lang(r), "vi", "the second page in vi")
        prev = re.search(r'<a class="btn btn-secondary" href="([^"]+)">', r.text)
        t.ok(prev is not None and _qs(prev.group(1)).get("lang") == ["vi"],
             "the previous page keeps vi")
    r = mod.get("/doctor/queue?all=1", headers={"Accept-Language": "vi"})
    nxt = re.search(r'<a class="btn btn-secondary" href="([^"]+)">', r.text)
    t.ok(nxt is not None and "lang=" not in nxt.group(1), "no lang= when the header chose it")
