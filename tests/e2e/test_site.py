"""The site shell on the demo content: home, Q&A, library, article,
department and topic pages, and what the HTTP layer does for every page."""
import gzip
import re
import harness


def _first_qa(t, db, where="1=1"):
    con = harness.connect(db)
    try:
        row = con.execute("SELECT id, title FROM questions WHERE status = 'published' AND %s "
                          "ORDER BY id LIMIT 1" % where).fetchone()
    finally:
        con.close()
    if not row:
        raise AssertionError("no published question in the demo database")
    return row


def test_home_lists_departments_and_latest(t):
    s = t.server(t.demo_db())
    r = s.get("/")
    t.eq(r.status, 200, "home status")
    t.has(r.header("content-type") or "", "text/html", "home content type")
    for name in ("Gastroenterology and Hepatology", "Oncology", "Pediatrics"):
        t.has(r.text, name, "home lists department")
    t.has(r.text, 'href="/ask"', "home has an Ask a doctor button")
    t.has(r.text, 'action="/search"', "home has a search box")
    t.ok(len(re.findall(r'href="/qa/\d+"', r.text)) >= 10, "home links to many Q&As")


def test_qa_page_has_every_element_in_order(t):
    db = t.demo_db()
    s = t.server(db)
    qid, title = _first_qa(t, db)
    r = s.get("/qa/%d" % qid)
    t.eq(r.status, 200, "qa status")
    html = r.text
    marks = ['class="crumbs"', '<h1>', 'Share to', 'class="question"', 'class="asker"',
             'class="reply"', ' reply', 'Reply Date:', 'More Info', 'Similar Q&amp;A',
             'Related FAQ', 'Medical disclaimer']
    pos = [html.find(m) for m in marks]
    for m, p in zip(marks, pos):
        t.ok(p >= 0, "qa page has %r" % m)
    t.ok(pos == sorted(pos), "qa page elements in the brief's order: %s" % pos)
    t.ok(re.search(r'Ask Date: \d{4}/\d{2}/\d{2}', html) is not None, "asker line has Ask Date")
    t.ok(re.search(r'\d+~\d+ year old (female|male)', html) is not None, "asker line has age band and sex")
    t.ok(re.search(r'Dr\. [^<]+</a>? reply|Dr\. .* reply', html) is not None, "reply head says Dr. NAME reply")
    t.has(html, '<link rel="canonical" href="http', "canonical link")
    t.has(html, '<meta name="description" content="', "meta description")
    t.ok(re.search(r'<title>[^<]+</title>', html) is not None, "title element")
    for target in ("facebook.com", "line.me", "x.com", "mailto:"):
        t.has(html, target, "share link " + target)
    t.ok(re.search(r'href="/topic/[^"]+">[^<]+ \([^)]+\)</a>', html) is not None,
         "Related FAQ shows topic (department)")
    t.ok(re.search(r'(\d+) views?\b', html) is not None, "view count shown")


def test_view_count_grows(t):
    db = t.demo_db()
    s = t.server(db)
    qid, _ = _first_qa(t, db)
    n1 = int(re.search(r'(\d+) views?\b', s.get("/qa/%d" % qid).text).group(1))
    n2 = int(re.search(r'(\d+) views?\b', s.get("/qa/%d" % qid, headers={
        "User-Agent": "another reader"}).text).group(1))
    t.eq(n2, n1 + 1, "each visitor's view counts once")


def test_unknown_and_bad_ids_are_404(t):
    s = t.server(t.demo_db())
    for path in ("/qa/999999", "/qa/abc", "/qa/0", "/qa/01", "/qa/-1",
                 "/qa/99999999999999999999", "/department/no-such-dept",
                 "/topic/no-such-topic", "/articles/no-such-article", "/library/424242",
                 "/no/such/page"):
        r = s.get(path)
        t.eq(r.status, 404, "status of " + path)
        t.has(r.text, "Page not found", "404 page for " + path)


def test_wrong_method_is_405_with_allow(t):
    s = t.server(t.demo_db())
    r = s.request("POST", "/", body="")
    t.eq(r.status, 405, "POST / status")
    t.has(r.header("allow") or "", "GET", "Allow header lists GET")
    r = s.request("DELETE", "/qa/1")
    t.eq(r.status, 405, "DELETE /qa/1 status")


def test_head_matches_get(t):
    s = t.server(t.demo_db())
    g = s.get("/")
    h = s.request("HEAD", "/")
    t.eq(h.status, 200, "HEAD status")
    t.eq(h.raw, b"", "HEAD has no body")
    t.eq(h.header("content-length"), g.header("content-length"), "HEAD Content-Length equals GET's")


def test_gzip_when_accepted(t):
    s = t.server(t.demo_db())
    r = s.get("/", headers={"Accept-Encoding": "gzip"})
    t.eq(r.header("content-encoding"), "gzip", "gzip when accepted")
    t.has(r.header("vary") or "", "Accept-Encoding", "Vary header")
    t.has(gzip.decompress(r.raw).decode(), "<!DOCTYPE html>", "gzip body decompresses to the page")
    r = s.get("/", headers={"Accept-Encoding": "gzip;q=0"})
    t.eq(r.header("content-encoding"), None, "no gzip for q=0")
    r = s.get("/")
    t.eq(r.header("content-encoding"), None, "no gzip without Accept-Encoding")


def test_static_files_cache(t):
    s = t.server(t.demo_db())
    home = s.get("/").text
    m = re.search(r'href="(/static/site\.css\?v=[0-9a-f]+)"', home)
    t.ok(m is not None, "layout links the stylesheet with a version")
    r = s.get(m.group(1) if m else "/static/site.css")
    t.eq(r.status, 200, "stylesheet status")
    t.has(r.header("content-type") or "", "text/css", "stylesheet type")
    t.has(r.header("cache-control") or "", "max-age", "stylesheet Cache-Control")
    etag = r.header("etag")
    t.ok(bool(etag), "stylesheet ETag")
    r2 = s.get("/static/site.css", headers={"If-None-Match": etag or "x"})
    t.eq(r2.status, 304, "If-None-Match gives 304")
    t.eq(s.get("/static/../Makefile").status in (400, 404), True, "no path escape")
    t.eq(s.get("/static/nope.css").status, 404, "missing static file")


def test_security_headers(t):
    s = t.server(t.demo_db())
    r = s.get("/")
    t.has(r.header("content-security-policy") or "", "default-src 'self'", "CSP")
    t.has(r.header("content-security-policy") or "", "frame-ancestors 'none'", "CSP frame-ancestors")
    t.eq(r.header("x-content-type-options"), "nosniff", "nosniff")
    t.ok(bool(r.header("referrer-policy")), "Referrer-Policy")
    t.lacks(r.text, "<script>", "no inline script")


def test_health_and_metrics(t):
    s = t.server(t.demo_db())
    r = s.get("/healthz")
    t.eq(r.status, 200, "healthz status")
    t.eq(r.text.strip(), "ok", "healthz body")
    s.get("/")
    r = s.metrics()
    t.eq(r.status, 200, "metrics status")
    t.has(r.header("content-type") or "", "text/plain", "metrics content type")
    t.ok(re.search(r'^# TYPE \S+ counter$', r.text, re.M) is not None, "metrics has a counter")
    t.ok(re.search(r'_bucket\{.*le="\+Inf"\} \d+', r.text) is not None, "metrics has a histogram")


def test_bad_input_is_400_414(t):
    s = t.server(t.demo_db())
    r = s.get("/?q=%ff%fe")
    t.eq(r.status, 400, "bad UTF-8 in query is 400")
    r = s.get("/?q=%zz")
    t.eq(r.status, 400, "bad percent-encoding is 400")
    t.has(r.text, "The request could not be understood.", "400 page worded from the catalog")
    t.lacks(r.text, "percent", "the layer's English detail stays in the log")
    r = s.get("/" + "a" * 5000)
    t.eq(r.status, 414, "overlong URL is 414")


def test_library_article_department_topic_pages(t):
    db = t.demo_db()
    s = t.server(db)
    con = harness.connect(db)
    try:
        faq = con.execute("SELECT id FROM faq ORDER BY id LIMIT 1").fetchone()
        art = con.execute("SELECT slug, title FROM articles ORDER BY id LIMIT 1").fetchone()
        dept = con.execute("SELECT slug, name FROM departments ORDER BY id LIMIT 1").fetchone()
        topic = con.execute("SELECT slug, name FROM topics ORDER BY id LIMIT 1").fetchone()
    finally:
        con.close()
    r = s.get("/library/%d" % faq[0])
    t.eq(r.status, 200, "library entry status")
    t.has(r.text, "Medical disclaimer", "library entry disclaimer")
    r = s.get("/articles/" + art[0])
    t.eq(r.status, 200, "article status")
    t.has(r.text, "More", "article breadcrumb starts with More")
    t.has(r.text, "<h2", "article body has section headings")
    r = s.get("/department/" + dept[0])
    t.eq(r.status, 200, "department status")
    t.has(r.text, dept[1].replace("&", "&amp;"), "department name shown")
    r = s.get("/topic/" + topic[0])
    t.eq(r.status, 200, "topic status")
    r = s.get("/departments")
    t.eq(r.status, 200, "departments status")


def test_graceful_stop(t):
    s = t.server(t.demo_db())
    t.eq(s.get("/").status, 200, "serving before stop")
    t.eq(s.stop(), 0, "SIGTERM exits 0")


def test_templates_override_from_a_folder(t):
    import os
    d = t.path("tpl")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "home.mustache"), "w") as f:
        f.write("{{<layout}}{{$content}}<p>Our own home page, {{site.name}}</p>{{/content}}{{/layout}}\n")
    with open(os.path.join(d, "messages.json"), "w") as f:
        f.write('{"not_found": "Nothing here, sorry."}')
    s = t.server(t.demo_db(), args=["--templates", d, "--site-name", "Clinic <Q&A>"])
    r = s.get("/")
    t.has(r.text, "<p>Our own home page, Clinic &lt;Q&amp;A&gt;</p>", "home from the override folder, escaped")
    t.has(s.get("/qa/1").text, "Medical disclaimer", "other templates still embedded")
    t.has(s.get("/qa/999999").text, "Nothing here, sorry.", "catalog override")


def test_broken_template_override_fails_start(t):
    import os
    d = t.path("badtpl")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "home.mustache"), "w") as f:
        f.write("{{#open}} never closed\n")
    p = t.run("serve", "--db", t.demo_db(), "--listen", "127.0.0.1:0", "--templates", d)
    t.eq(p.returncode, 1, "serve refuses a broken template")
    t.has(p.stderr, "home", "error names the template")


def test_cached_page_follows_content_changes(t):
    import json
    import time
    db = t.demo_db()
    s = t.server(db)
    qid, title = _first_qa(t, db)
    path = "/qa/%d" % qid
    t.has(s.get(path).text, title.replace("&", "&amp;"), "page before the change")
    s.get(path)  # now served from the cache
    con = harness.connect(db)
    ext = con.execute("SELECT external_id FROM questions WHERE id = ?", (qid,)).fetchone()[0]
    con.close()
    p = t.run("export", "--db", db)
    rec = next(json.loads(l) for l in p.stdout.splitlines() if json.loads(l)["external_id"] == ext)
    rec["title"] = "A changed title for the cache test"
    src = t.path("change.jsonl")
    with open(src, "w") as f:
        f.write(json.dumps(rec) + "\n")
    p = t.run("import", "--db", db, src)
    t.eq(p.returncode, 0, "import of the changed record")
    deadline = time.time() + 5
    text = ""
    while time.time() < deadline:
        text = s.get(path).text
        if "A changed title for the cache test" in text:
            break
        time.sleep(0.2)
    t.has(text, "A changed title for the cache test", "page shows the change within seconds")
    n1 = int(re.search(r'(\d+) views?\b', s.get(path).text).group(1))
    n2 = int(re.search(r'(\d+) views?\b', s.get(path, headers={
        "User-Agent": "another reader"}).text).group(1))
    t.eq(n2, n1 + 1, "view count still counts a new visitor on cached pages")


def test_pages_reflecting_input_are_not_gzipped(t):
    """Issue 11 item 13 (BREACH): a page that carries a CSRF or form token
    and reflects what the request sent (/search?q=..., a form shown again
    with its text) is never compressed, so its length cannot leak the
    token; pages that reflect nothing stay gzipped."""
    from askflow import ADMIN, fresh_db, login
    db = fresh_db(t, "breach")
    s = t.server(db)
    b = login(s, ADMIN[0], ADMIN[2])
    gz = {"Accept-Encoding": "gzip"}
    r = b.get("/search?q=csrf%20value%3D%22", headers=gz)
    t.eq(r.status, 200, "search page")
    t.has(r.text, 'name="csrf"', "the search page carries a token (signed in)")
    t.eq(r.header("content-encoding"), None, "a search page is not gzipped")
    for path in ("/articles?page=1", "/ask?title=reflected"):
        r = b.get(path, headers=gz)
        t.eq(r.header("content-encoding"), None, "%s (with a query) is not gzipped" % path)
    r = b.post("/ask", {"title": "reflected title " * 40, "text": "short"}, headers=gz)
    t.ok(r.status >= 400, "a refused form is shown again (%d)" % r.status)
    t.eq(r.header("content-encoding"), None, "a page answering a body is not gzipped")
    r = b.get("/", headers=gz)
    t.eq(r.header("content-encoding"), "gzip", "the home page still is")
    r = b.get("/api/search?q=liver", headers=gz)
    t.eq(r.header("content-encoding"), "gzip", "JSON (no token) still is")
