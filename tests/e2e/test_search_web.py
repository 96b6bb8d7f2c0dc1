"""The search surfaces: /search, /api/search, /api/similar and the Similar
Q&A block."""
import json
import re
import time
import urllib.parse

import harness


def test_search_page_finds_and_highlights(t):
    s = t.server(t.demo_db())
    r = s.get("/search?q=" + urllib.parse.quote("liver cancer recurrence"))
    t.eq(r.status, 200, "search status")
    t.ok(len(re.findall(r'<li>\s*<h3><a href="/(qa|library|articles)/', r.text)) >= 3, "several results")
    t.has(r.text, "<mark>", "matched words highlighted")
    # Result pages stay crawlable (Lighthouse's SEO target, issue 5); their
    # canonical URL is the bare /search, so engines do not index each query.
    t.ok(re.search(r'<link rel="canonical" href="http[^"]*/search">', r.text) is not None,
         "search result pages name /search as canonical")
    r = s.get("/search")
    t.eq(r.status, 200, "empty search shows the form")
    t.lacks(r.text, 'class="results"', "no results without a query")


def test_search_escapes_hostile_queries(t):
    s = t.server(t.demo_db())
    q = '"><script>alert(1)</script> liver'
    r = s.get("/search?q=" + urllib.parse.quote(q))
    t.eq(r.status, 200, "hostile query status")
    t.lacks(r.text, "<script>alert(1)", "query not echoed raw")
    t.has(r.text, "&lt;script&gt;", "query echoed escaped")


def test_search_filters_and_pagination(t):
    s = t.server(t.demo_db())
    r = s.get("/search?q=liver&kind=faq")
    t.ok(re.search(r'href="/qa/', r.text.split('class="results"')[-1]) is None, "kind=faq gives no Q&As")
    r = s.get("/search?q=fever&department=" + urllib.parse.quote("Pediatrics"))
    body = r.text.split('class="results"')[-1]
    t.ok("Pediatrics" in body and "Cardiology" not in body, "department filter")
    t.eq(s.get("/search?q=liver&kind=bogus").status, 400, "bad kind is 400")
    t.eq(s.get("/search?q=liver&from=yesterday").status, 400, "bad date is 400")
    t.eq(s.get("/search?q=liver&page=0").status, 400, "page 0 is 400")
    t.eq(s.get("/search?q=liver&page=9999").status, 400, "deep page is 400")
    r = s.get("/search?q=the+and+of+a+to+in+is+you+that+it+he+was+for+on+are+as+with")
    t.eq(r.status, 200, "a query of stop words still answers")
    r = s.get("/search?q=" + "word%20" * 500)
    t.eq(r.status, 200, "a 500-word query answers")
    t.eq(s.get("/search?q=" + "word%20" * 2000).status, 414, "a URL past the limit is 414")


def test_api_search_json(t):
    s = t.server(t.demo_db())
    r = s.get("/api/search?q=hepatitis+B")
    t.eq(r.status, 200, "api status")
    t.has(r.header("content-type") or "", "application/json", "api content type")
    d = r.json()
    t.eq(d["query"], "hepatitis B", "api echoes the query")
    t.ok(len(d["results"]) > 0, "api has results")
    first = d["results"][0]
    for k in ("kind", "id", "external_id", "title", "url", "score", "snippet"):
        t.ok(k in first, "api result has " + k)
    t.eq(s.get("/api/search").status, 400, "api without q is 400")
    t.ok("error" in s.get("/api/search").json(), "api error is JSON")


def test_api_similar_suggests_department(t):
    s = t.server(t.demo_db())
    q = "My two year old son has had a fever of 39.5 for two days and is very sleepy"
    d = s.get("/api/similar?q=" + urllib.parse.quote(q)).json()
    t.ok(len(d["similar"]) > 0, "similar questions found")
    t.eq(d["department"], "Pediatrics", "department suggested")


def test_similar_block_on_qa_page(t):
    s = t.server(t.demo_db())
    home = s.get("/").text
    qid = re.search(r'href="/qa/(\d+)"', home).group(1)
    r = s.get("/qa/" + qid)
    block = r.text.split('id="similar-h"')[1].split("</section>")[0]
    links = re.findall(r'<h3><a href="/qa/(\d+)">', block)
    t.ok(4 <= len(links) <= 5, "four or five similar Q&As, got %d" % len(links))
    t.ok(qid not in links, "never the page itself")
    t.eq(len(set(links)), len(links), "no duplicates")
    t.has(block, "Read More", "Read More links")
    t.ok(re.search(r'Dr\. [^<]+ reply', block) is not None, "Dr. NAME reply line")
    t.ok(re.search(r'\.\.\.</p>', block) is not None, "excerpts end in ...")


def test_new_content_is_searchable_within_seconds(t):
    db = t.demo_db()
    s = t.server(db)
    rec = {"external_id": "e2e-new-1", "kind": "faq", "title": "What is zyxwvutase deficiency?",
           "question": "What is zyxwvutase deficiency?",
           "answers": [{"author": "test", "body": "A made-up enzyme for this test."}]}
    src = t.path("new.jsonl")
    with open(src, "w") as f:
        f.write(json.dumps(rec) + "\n")
    t.eq(t.run("import", "--db", db, src).returncode, 0, "import while serving")
    deadline = time.time() + 5
    found = False
    while time.time() < deadline and not found:
        found = any(x["external_id"] == "e2e-new-1"
                    for x in s.get("/api/search?q=zyxwvutase").json()["results"])
        time.sleep(0.2)
    t.ok(found, "imported record searchable within seconds")


def test_ask_without_department_gets_the_suggestion(t):
    import harness
    db = t.demo_db()
    s = t.server(db)
    form = s.get("/ask")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    ftok = re.search(r'name="form_token" value="([^"]+)"', form.text).group(1)
    cookie = "; ".join(c.split(";")[0] for c in [form.header("set-cookie") or ""] if c)
    r = s.post("/ask", {"csrf": csrf, "form_token": ftok, "title": "Toddler with a high fever",
                        "text": "My two year old son has had a fever of 39.5 for two days, "
                                "he sleeps a lot and drinks little. What should we do?",
                        "department": "", "consent": "yes"},
               headers={"Cookie": cookie})
    t.eq(r.status, 303, "ask accepted")
    con = harness.connect(db)
    row = con.execute("SELECT d.name FROM questions q JOIN departments d ON d.id = q.department_id "
                      "WHERE q.title = 'Toddler with a high fever'").fetchone()
    con.close()
    t.eq(row and row[0], "Pediatrics", "the question went to the suggested department")


def test_department_suggestion_follows_content_not_language(t):
    # The ask form's live suggestion (/api/similar), the department a
    # question without one is filed under, and `askdoc triage` share one
    # function: a crushing chest pain is the heart's, not Surgery's, and a
    # liver question in Chinese goes to the liver's department, not to
    # Traditional Chinese Medicine where the demo's Chinese texts are.
    db = t.demo_db()
    cases = [
        ("crushing chest pain and can't breathe", "Cardiology"),
        ("肝指數一直偏高，超音波說是脂肪肝，要吃藥嗎？", "Gastroenterology and Hepatology"),
        ("乙肝小三阳，肝功能正常，需要吃抗病毒药吗", "Gastroenterology and Hepatology"),
        ("toi bi viem gan B, men gan cao, co can uong thuoc khong", "Gastroenterology and Hepatology"),
        ("我爸突然一边手脚没力气，说话含糊", "Neurology"),
        ("想看中醫針灸調理失眠", "Traditional Chinese Medicine"),
    ]
    r = t.run("triage", "--db", db, "--json", "-", stdin="".join(q + "\n" for q, _ in cases))
    t.eq(r.returncode, 0, "askdoc triage runs")
    cli = [json.loads(l)["department"] for l in r.stdout.splitlines()]
    s = t.server(db)
    for (q, want), got in zip(cases, cli):
        d = s.get("/api/similar?q=" + urllib.parse.quote(q)).json()
        t.eq(d.get("department"), want, "ask form suggests %s for %r" % (want, q))
        t.eq(got, d.get("department"), "askdoc triage agrees with the ask form on %r" % q)
    t.ok(cli[0] != "Surgery", "a crushing chest pain is not Surgery's")
    # A question sent without a department is filed under the suggestion.
    form = s.get("/ask")
    csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
    ftok = re.search(r'name="form_token" value="([^"]+)"', form.text).group(1)
    cookie = "; ".join(c.split(";")[0] for c in [form.header("set-cookie") or ""] if c)
    r = s.post("/ask", {"csrf": csrf, "form_token": ftok, "title": "肝指數偏高",
                        "text": "健檢抽血肝指數偏高，超音波說有脂肪肝，需要吃藥還是運動減重就好？",
                        "department": "", "consent": "yes"},
               headers={"Cookie": cookie})
    t.eq(r.status, 303, "Chinese liver question accepted")
    con = harness.connect(db)
    row = con.execute("SELECT d.name FROM questions q JOIN departments d ON d.id = q.department_id "
                      "WHERE q.title = '肝指數偏高'").fetchone()
    con.close()
    t.eq(row and row[0], "Gastroenterology and Hepatology", "filed under the liver's department")
