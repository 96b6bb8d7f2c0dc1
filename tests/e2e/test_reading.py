"""Pages for readers (issue 17, item 3): the department in a Q&A's
<title>, Related FAQ ranked across departments (up to ten, "Topic
(Department)"), and articles' bylines (<time>, profile link), the
ask-a-doctor call to action and figures with captions from the site's
own images only."""
import re

from askflow import exec_sql, fresh_db, one, rows


def test_qa_title_names_the_department(t):
    db = fresh_db(t, "title")
    s = t.server(db)
    qid, dept = rows(db, "SELECT q.id, d.name FROM questions q JOIN departments d"
                     " ON d.id = q.department_id WHERE q.status = 'published'"
                     " ORDER BY q.id LIMIT 1")[0]
    html = s.get("/qa/%d" % qid).text
    m = re.search(r"<title>(.*?)</title>", html, re.S)
    t.ok(m and (" · %s · " % dept) in m.group(1).replace("&amp;", "&"),
         "the title names the department: %r" % (m.group(1) if m else None))


def test_related_faq_across_departments(t):
    db = fresh_db(t, "related")
    s = t.server(db)
    ids = [r[0] for r in rows(db, "SELECT id FROM questions WHERE status = 'published'"
                              " ORDER BY id LIMIT 12")]
    most, crossed = 0, False
    for qid in ids:
        html = s.get("/qa/%d" % qid).text
        sec = html.split('id="related-h"', 1)[1].split("</section>", 1)[0]
        chips = re.findall(r'<li><a href="/topic/([^"]+)">([^<]+)</a></li>', sec)
        t.ok(len(chips) <= 10, "at most ten topics on /qa/%d" % qid)
        t.eq(len(set(c[0] for c in chips)), len(chips), "no topic twice on /qa/%d" % qid)
        own = [r[0] for r in rows(db, "SELECT t.slug FROM question_topics qt JOIN topics t"
                                  " ON t.id = qt.topic_id WHERE qt.question_id = ?"
                                  " ORDER BY qt.pos", qid)]
        t.eq([c[0] for c in chips[:len(own)]], own[:10], "own topics first on /qa/%d" % qid)
        depts = set(re.findall(r"\(([^)]+)\)</a>", sec))
        most = max(most, len(chips))
        crossed = crossed or len(depts) > 1
    t.ok(most > 3, "more than the page's own few topics (most %d)" % most)
    t.ok(crossed, "topics of other departments appear")


def test_article_byline_cta_and_figures(t):
    db = fresh_db(t, "article")
    slug = one(db, "SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")
    body = ("Intro text.\n\n"
            "![A liver scan](/static/favicon.svg \"Figure 1. An ultrasound of the liver\")\n\n"
            "![tracker](https://evil.example/pixel.png \"Outside\")\n\n"
            "![no caption](/static/favicon.svg)\n\n"
            "![x](//evil.example/a.png \"Sneaky\")\n")
    exec_sql(db, "UPDATE articles SET body = ? WHERE slug = ?", body, slug)
    s = t.server(db)
    html = s.get("/articles/" + slug).text
    t.has(html, '<figure><img src="/static/favicon.svg" alt="A liver scan" />', "a figure")
    t.has(html, "<figcaption>Figure 1. An ultrasound of the liver</figcaption></figure>",
          "its caption")
    t.lacks(html, "evil.example", "no image from elsewhere")
    t.has(html, "tracker", "an outside image shows its description")
    t.has(html, '<p><img src="/static/favicon.svg" alt="no caption" /></p>',
          "an image without a title stays an image")
    t.ok(re.search(r'Published <time datetime="\d{4}-\d\d-\d\dT[^"]*">[^<]+</time>', html)
         is not None, "a machine-readable publication time")
    t.has(html, 'class="ask-cta"', "the call to action")
    t.has(html, 'href="/ask', "it links to the ask form")
    if one(db, "SELECT author_id FROM articles WHERE slug = ?", slug):
        t.ok(re.search(r'<a href="/doctor/\d+" rel="author">', html) is not None,
             "the author's profile link")
    zh = s.get("/articles/" + slug, headers={"Accept-Language": "zh-TW"}).text
    t.has(zh, "向醫師提問", "the call to action in zh-TW")
