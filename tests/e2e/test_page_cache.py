"""The page cache keyed by page (web/cache.h) and the changelog follower
(services/follower.h): what a Q&A page costs in SQL statements on a miss
and on a hit, which pages a change drops (the page and the Similar lists
that show it, not the site), view counts that never drop a page, and a
second server on the same database seeing a change."""
import html
import re
import time

from askflow import Browser, login, MOD, ONCO, PATIENT, ask, fresh_db, one, reply

# Issue 14: at most 10 on a cache miss of a Q&A page, whatever its More
# Info quotes (the sources are read ahead in one statement).
MISS_STATEMENTS = 10  # a cache miss on a Q&A page


def metric(s, name, labels=""):
    """The value of one /metrics series (0 when absent)."""
    text = s.metrics().text
    m = re.search(r"^%s%s (\d+)$" % (re.escape(name), re.escape(labels)), text, re.M)
    return int(m.group(1)) if m else 0


QA_ROUTE = '{method="GET",route="/qa/:id"}'


def qa_statements(s):
    return metric(s, "askdoc_http_statements_total", QA_ROUTE)


def qa_ids(s):
    return sorted(set(int(x) for x in re.findall(r'href="/qa/(\d+)"', s.get("/").text)))


def similar_ids(html):
    block = html.split('id="similar-h"')[1].split("</section>")[0]
    return [int(x) for x in re.findall(r'<h3><a href="/qa/(\d+)">', block)]


def views(html):
    m = re.search(r'<p class="views">(\d+) views?</p>', html)
    return int(m.group(1)) if m else None


def quoted_qas(html):
    """The Q&As the More Info block of a Q&A page cites."""
    if 'class="moreinfo-sources"' not in html:
        return []
    block = html.split('class="moreinfo-sources"')[1].split("</ol>")[0]
    return re.findall(r'href="/qa/(\d+)', block)


def test_qa_page_statements_miss_and_hit(t):
    s = t.server(t.demo_db())
    ids = qa_ids(s)
    t.ok(len(ids) >= 3, "demo has Q&As on home")
    worst = 0
    quoting = 0
    for qid in ids:
        before = qa_statements(s)
        r = s.get("/qa/%d" % qid)
        t.eq(r.status, 200, "first view of /qa/%d" % qid)
        cost = qa_statements(s) - before
        quoting += bool(quoted_qas(r.text))
        worst = max(worst, cost)
        t.ok(0 < cost <= MISS_STATEMENTS,
             "a miss on /qa/%d runs %d statements (at most %d)" % (qid, cost, MISS_STATEMENTS))
        before = qa_statements(s)
        s.get("/qa/%d" % qid)
        t.eq(qa_statements(s) - before, 0, "a hit on /qa/%d runs no statement" % qid)
    t.ok(worst > 0, "statements are counted (worst %d)" % worst)
    t.ok(quoting > 0, "the budget held where More Info quotes another Q&A (%d pages)" % quoting)


def test_qa_page_statements_with_approved_more_info(t):
    """A doctor's reply with the More Info draft approved as shown (it
    quotes other published Q&As), a follow-up and a comment: a miss still
    costs at most MISS_STATEMENTS."""
    db = fresh_db(t, "budget")
    s = t.server(db, ["--qa-comments"])
    pat = login(s, PATIENT[0], PATIENT[2])
    qid, _, _ = ask(t, pat, db, title="Is interferon safe after liver cancer surgery "
                                      "with Child-Pugh B cirrhosis?",
                    text="My father had liver cancer surgery and has Child-Pugh B "
                         "cirrhosis. Is interferon safe for him after the operation?")
    doc = login(s, ONCO[0], ONCO[2])
    path = "/doctor/question/%d" % qid
    page = doc.get(path).text
    draft = re.search(r'name="mi_json" value="([^"]*)"', page)
    at = re.search(r'name="mi_at" value="([^"]*)"', page)
    keep = re.findall(r'name="mi_keep" type="checkbox" value="(\d+)" checked', page)
    t.ok(draft and at and keep, "the editor offers a More Info draft")
    if not (draft and at and keep):
        return
    r = doc.post(path, {"csrf": doc.csrf(path), "body": "**Yes**, it can.", "signoff": "Dr. O",
                        "action": "publish", "mi_json": html.unescape(draft.group(1)),
                        "mi_at": html.unescape(at.group(1)), "mi_keep": keep})
    t.eq(r.status, 303, "published with its More Info")
    t.eq(one(db, "SELECT status FROM more_info WHERE question_id = ?", qid), "approved",
         "More Info approved")
    r = pat.post("/qa/%d/comments" % qid, {"csrf": pat.csrf("/qa/%d" % qid),
                                            "body": "Thank you, this helps a lot."})
    t.eq(r.status, 303, "a comment posted")
    before = qa_statements(s)
    r = s.get("/qa/%d" % qid)
    cost = qa_statements(s) - before
    t.eq(r.status, 200, "the page")
    t.ok(quoted_qas(r.text), "its More Info quotes another published Q&A")
    t.ok(0 < cost <= MISS_STATEMENTS,
         "a miss on /qa/%d runs %d statements (at most %d)" % (qid, cost, MISS_STATEMENTS))


def test_view_count_flush_drops_nothing(t):
    s = t.server(t.demo_db())
    qid = qa_ids(s)[0]
    first = views(s.get("/qa/%d" % qid).text)
    t.ok(first is not None, "the page shows a view count")
    hits0 = metric(s, "askdoc_page_cache_hits_total")
    misses0 = metric(s, "askdoc_page_cache_misses_total")
    # Four other readers (a view counts once per visitor and day).
    for i in range(3):
        s.get("/qa/%d" % qid, headers={"User-Agent": "reader %d" % i})
    # The counts are written every 5 s: wait for a write.
    time.sleep(6.5)
    html = s.get("/qa/%d" % qid, headers={"User-Agent": "reader 3"}).text
    t.eq(metric(s, "askdoc_page_cache_misses_total"), misses0,
         "no miss after the view counts were written")
    t.eq(metric(s, "askdoc_page_cache_hits_total"), hits0 + 4, "every view a hit")
    t.eq(views(html), first + 4, "the count goes on from the stored one")


def test_change_drops_the_page_and_lists_showing_it(t):
    db = fresh_db(t, "deps")
    s = t.server(db)
    ids = qa_ids(s)
    pages = {qid: s.get("/qa/%d" % qid).text for qid in ids}
    # A: a Q&A some other page lists as similar; S: such a page; U: a
    # page that neither is A nor lists it.
    a = srcs = None
    for qid in ids:
        listers = [p for p in ids if p != qid and qid in similar_ids(pages[p])]
        if listers:
            a, srcs = qid, listers
            break
    t.ok(a is not None, "some Q&A is in another's Similar list")
    if a is None:
        return
    others = [p for p in ids if p != a and p not in srcs and a not in similar_ids(pages[p])]
    t.ok(len(others) > 0, "a page that does not show A")
    if not others:
        return
    u = others[0]
    dropped0 = metric(s, "askdoc_page_cache_invalidated_total")
    mod = login(s, MOD[0], MOD[2])
    mpath = "/moderate/question/%d" % a
    t.eq(mod.post(mpath + "/unpublish", {"csrf": mod.csrf(mpath)}).status, 303, "unpublished")
    t.eq(s.get("/qa/%d" % a).status, 404, "the page itself is gone at once")
    for p in srcs:
        t.ok(a not in similar_ids(s.get("/qa/%d" % p).text),
             "/qa/%d no longer lists it as similar" % p)
    hits0 = metric(s, "askdoc_page_cache_hits_total")
    t.eq(s.get("/qa/%d" % u).text.split('class="views"')[0],
         pages[u].split('class="views"')[0], "an unrelated page is unchanged")
    t.eq(metric(s, "askdoc_page_cache_hits_total"), hits0 + 1,
         "and still served from the cache")
    dropped = metric(s, "askdoc_page_cache_invalidated_total") - dropped0
    t.ok(0 < dropped < len(ids), "dropped %d of %d pages, not the site" % (dropped, len(ids)))


def test_publish_is_searchable_and_seen_by_a_second_server(t):
    db = fresh_db(t, "two")
    s1 = t.server(db)
    s2 = t.server(db)
    # Both servers cache a page and build their index before the change.
    qid0 = qa_ids(s2)[0]
    s2.get("/qa/%d" % qid0)
    title = "Does zyxwvut tea interact with warfarin tablets?"
    qid, _, _ = ask(t, Browser(s1), db, title=title)
    doc = login(s1, ONCO[0], ONCO[2])
    t.eq(reply(t, doc, qid, body="Zyxwvut tea is not known to interact.").status, 303,
         "reply published")
    # The writer's server: at once, in the page and the index.
    t.eq(s1.get("/qa/%d" % qid).status, 200, "published page on the first server")
    hits = s1.get("/api/search?q=zyxwvut").json()["results"]
    t.ok(any(h.get("url") == "/qa/%d" % qid or h.get("id") == qid for h in hits),
         "searchable on the first server at once")
    # The other server follows the changelog within seconds.
    deadline = time.time() + 5
    seen = found = False
    while time.time() < deadline and not (seen and found):
        seen = s2.get("/qa/%d" % qid).status == 200
        hits = s2.get("/api/search?q=zyxwvut").json()["results"]
        found = any(h.get("url") == "/qa/%d" % qid or h.get("id") == qid for h in hits)
        time.sleep(0.2)
    t.ok(seen, "the second server serves the new page")
    t.ok(found, "the second server's index has it")
    # A moderator on the first server takes the cached page down; the
    # second server's cached copy goes too.
    mod = login(s1, MOD[0], MOD[2])
    mpath = "/moderate/question/%d" % qid0
    t.eq(mod.post(mpath + "/unpublish", {"csrf": mod.csrf(mpath)}).status, 303, "unpublished")
    deadline = time.time() + 5
    gone = False
    while time.time() < deadline and not gone:
        gone = s2.get("/qa/%d" % qid0).status == 404
        time.sleep(0.2)
    t.ok(gone, "the second server drops its cached copy")
