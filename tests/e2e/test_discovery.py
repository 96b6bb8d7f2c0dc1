"""Discovery (issue 5's "done when"): Atom feeds checked against the rules
of RFC 4287, sitemap index paging for large sites, canonical and Open
Graph URLs, the JSON-LD fields search engines require on every kind of
page, share links that load nothing from third parties, related reading,
every page reachable from where a reader would look, and 404 pages for
unknown or hostile slugs."""
import datetime
import re
import urllib.parse
import xml.etree.ElementTree as ET

import harness
from askflow import Browser, exec_sql, fresh_db, one, rows
from test_content import check_breadcrumbs, jsonld, of_type

A = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
RFC3339 = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$")


# ---- Atom (RFC 4287) ----

def rfc3339(s):
    """The datetime of an RFC 3339 date-time, or None."""
    m = RFC3339.match(s or "")
    if not m:
        return None
    try:
        dt = datetime.datetime(*(int(x) for x in m.groups()[:6]))
    except ValueError:
        return None
    z = m.group(8)
    if z != "Z":
        sign = 1 if z[0] == "+" else -1
        dt -= sign * datetime.timedelta(hours=int(z[1:3]), minutes=int(z[4:6]))
    return dt


def absolute_iri(s):
    u = urllib.parse.urlsplit(s or "")
    return bool(u.scheme) and (u.scheme in ("tag", "urn") or bool(u.netloc))


# The Atom elements each container may hold (RFC 4287 sections 4.1.1-4.1.3);
# elements of other namespaces are extensions and allowed anywhere.
FEED_CHILDREN = {"author", "category", "contributor", "generator", "icon", "id", "link",
                 "logo", "rights", "subtitle", "title", "updated", "entry"}
ENTRY_CHILDREN = {"author", "category", "content", "contributor", "id", "link",
                  "published", "rights", "source", "summary", "title", "updated"}
AT_MOST_ONE_FEED = {"generator", "icon", "id", "logo", "rights", "subtitle", "title", "updated"}
AT_MOST_ONE_ENTRY = {"content", "id", "published", "rights", "source", "summary", "title",
                     "updated"}


def atom_problems(body):
    """The RFC 4287 rules body breaks, as a list of strings (empty: valid)."""
    bad = []
    try:
        root = ET.fromstring(body)
    except ET.ParseError as e:
        return ["not well-formed XML: %s" % e]
    if root.tag != A + "feed":
        return ["the root is %s, not atom:feed" % root.tag]

    def local(el):
        return el.tag[len(A):] if el.tag.startswith(A) else None

    def children(el, allowed, once, where):
        seen = {}
        for c in el:
            n = local(c)
            if n is None:
                continue
            if n not in allowed:
                bad.append("%s: atom:%s is not allowed here" % (where, n))
            seen[n] = seen.get(n, 0) + 1
        for n in once:
            if seen.get(n, 0) > 1:
                bad.append("%s: more than one atom:%s" % (where, n))
        return seen

    def text_construct(el, where):
        if el.get("type", "text") not in ("text", "html", "xhtml"):
            bad.append("%s: type %r" % (where, el.get("type")))
        if el.get("type", "text") == "xhtml" and el.find("{http://www.w3.org/1999/xhtml}div") is None:
            bad.append("%s: xhtml without a div" % where)

    def person(el, where):
        names = el.findall(A + "name")
        if len(names) != 1 or not (names[0].text or "").strip():
            bad.append("%s: a person needs exactly one non-empty atom:name" % where)
        for x in ("uri", "email"):
            if len(el.findall(A + x)) > 1:
                bad.append("%s: more than one atom:%s" % (where, x))
        u = el.find(A + "uri")
        if u is not None and not absolute_iri(u.text):
            bad.append("%s: uri %r is not an IRI" % (where, u.text))

    def links(el, where):
        alternates = set()
        for ln in el.findall(A + "link"):
            if not ln.get("href"):
                bad.append("%s: a link without href" % where)
            elif not absolute_iri(ln.get("href")):
                bad.append("%s: link href %r is not absolute" % (where, ln.get("href")))
            if ln.get("rel", "alternate") == "alternate":
                key = (ln.get("type"), ln.get("hreflang"))
                if key in alternates:
                    bad.append("%s: two alternate links with type and hreflang %r" % (where, key))
                alternates.add(key)
        return alternates

    def common(el, where, seen):
        for n in ("id", "title", "updated"):
            if seen.get(n, 0) != 1:
                bad.append("%s: needs exactly one atom:%s" % (where, n))
        i = el.find(A + "id")
        if i is not None and not absolute_iri((i.text or "").strip()):
            bad.append("%s: id %r is not an absolute IRI" % (where, i.text))
        for n in ("title", "subtitle", "summary", "rights"):
            for x in el.findall(A + n):
                text_construct(x, "%s %s" % (where, n))
        for n in ("updated", "published"):
            x = el.find(A + n)
            if x is not None and rfc3339(x.text) is None:
                bad.append("%s: %s %r is not an RFC 3339 date-time" % (where, n, x.text))
        for n in ("author", "contributor"):
            for x in el.findall(A + n):
                person(x, "%s %s" % (where, n))
        for c in el.findall(A + "category"):
            if not c.get("term"):
                bad.append("%s: a category without term" % where)

    seen = children(root, FEED_CHILDREN, AT_MOST_ONE_FEED, "feed")
    common(root, "feed", seen)
    links(root, "feed")
    if not any(ln.get("rel") == "self" for ln in root.findall(A + "link")):
        bad.append("feed: no link rel=self (RFC 4287 says SHOULD; we require it)")
    feed_author = root.find(A + "author") is not None
    feed_updated = rfc3339((root.findtext(A + "updated") or ""))
    ids = set()
    for k, e in enumerate(root.findall(A + "entry")):
        where = "entry %d" % (k + 1)
        es = children(e, ENTRY_CHILDREN, AT_MOST_ONE_ENTRY, where)
        common(e, where, es)
        alts = links(e, where)
        if not feed_author and e.find(A + "author") is None and \
                e.find(A + "source/" + A + "author") is None:
            bad.append("%s: no author and the feed has none" % where)
        content = e.find(A + "content")
        if content is None and not alts:
            bad.append("%s: neither content nor an alternate link" % where)
        if content is not None and (content.get("src") or content.get("type", "text") not in
                                    ("text", "html", "xhtml")) and e.find(A + "summary") is None:
            bad.append("%s: content that is not text needs a summary" % where)
        i = (e.findtext(A + "id") or "").strip()
        if i in ids:
            bad.append("%s: id %s repeats" % (where, i))
        ids.add(i)
        up = rfc3339(e.findtext(A + "updated") or "")
        if up and feed_updated and up > feed_updated:
            bad.append("%s: updated after the feed's updated" % where)
        pub = rfc3339(e.findtext(A + "published") or "")
        if pub and up and pub > up:
            bad.append("%s: published after updated" % where)
    return bad


def test_atom_checker_catches_broken_feeds(t):
    """The checker itself: each rule catches its breach (so a passing feed
    means something)."""
    good = ('<feed xmlns="http://www.w3.org/2005/Atom"><id>http://x.example/f</id><title>T</title>'
            '<updated>2024-01-02T03:04:05Z</updated><link rel="self" href="http://x.example/f"/>'
            '<author><name>A</name></author><entry><id>http://x.example/1</id><title>E</title>'
            '<updated>2024-01-01T00:00:00Z</updated><link href="http://x.example/1"/></entry></feed>')
    t.eq(atom_problems(good), [], "a minimal valid feed passes")
    for what, old, new in (
            ("no feed id", "<id>http://x.example/f</id>", ""),
            ("relative id", "<id>http://x.example/1</id>", "<id>/1</id>"),
            ("bad date", "2024-01-01T00:00:00Z", "2024-13-01T00:00:00Z"),
            ("date without zone", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00"),
            ("no author anywhere", "<author><name>A</name></author>", ""),
            ("entry without link or content", '<link href="http://x.example/1"/>', ""),
            ("two titles", "<title>E</title>", "<title>E</title><title>F</title>"),
            ("unknown Atom element", "<title>E</title>", "<title>E</title><colour>red</colour>"),
            ("bad text type", "<title>E</title>", '<title type="markdown">E</title>'),
            ("entry newer than the feed", "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"),
            ("no self link", '<link rel="self" href="http://x.example/f"/>', ""),
            ("not Atom", 'xmlns="http://www.w3.org/2005/Atom"', 'xmlns="http://example.org/rss"')):
        t.ok(atom_problems(good.replace(old, new, 1)), "checker catches: " + what)


def test_feeds_follow_rfc4287(t):
    db = fresh_db(t, "atom")
    # Hostile text in a title must stay well-formed.
    qid = one(db, "SELECT id FROM questions WHERE status = 'published' AND consent = 1"
                  " ORDER BY published_at DESC, id DESC LIMIT 1")
    exec_sql(db, "UPDATE questions SET title = ? WHERE id = ?",
             "Pain <b>&amp; ]]> \x01 \"quoted\" 'x' \u2028 — 肝癌", qid)
    s = t.server(db)
    feeds = ["/feeds/qa.atom", "/feeds/articles.atom"]
    feeds += ["/feeds/department/%s.atom" % r[0] for r in rows(db, "SELECT slug FROM departments")]
    feeds += ["/feeds/topic/%s.atom" % r[0] for r in rows(
        db, "SELECT DISTINCT t.slug FROM topics t JOIN question_topics x ON x.topic_id = t.id")]
    n_entries = 0
    for p in feeds:
        r = s.get(p)
        t.eq(r.status, 200, p)
        t.eq((r.header("content-type") or "").split(";")[0], "application/atom+xml", p + " type")
        t.eq(atom_problems(r.body), [], p + " follows RFC 4287")
        root = ET.fromstring(r.body)
        self_href = [ln.get("href") for ln in root.findall(A + "link") if ln.get("rel") == "self"]
        t.ok(self_href and self_href[0].endswith(p), p + ": self link names the feed")
        n_entries += len(root.findall(A + "entry"))
    t.ok(n_entries > 20, "the feeds hold entries (%d)" % n_entries)
    r = s.get("/feeds/qa.atom")
    titles = [e.findtext(A + "title") for e in ET.fromstring(r.body).findall(A + "entry")]
    t.ok(any(x and x.startswith("Pain <b>&amp; ]]>") for x in titles),
         "the hostile title comes through as text")
    # Every page announces its feeds; department and topic pages their own.
    dslug = one(db, "SELECT slug FROM departments LIMIT 1")
    tslug = one(db, "SELECT t.slug FROM topics t JOIN question_topics x ON x.topic_id = t.id LIMIT 1")
    for page, feed in (("/department/" + dslug, "/feeds/department/%s.atom" % dslug),
                       ("/topic/" + tslug, "/feeds/topic/%s.atom" % tslug),
                       ("/articles", "/feeds/articles.atom"), ("/", "/feeds/qa.atom")):
        t.ok(re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]* href="%s">'
                       % re.escape(feed), s.get(page).text), "%s announces %s" % (page, feed))


# ---- sitemaps ----

def test_sitemap_index_pages_a_large_site(t):
    """Sitemaps are cut by id ranges of 10,000: a Q&A with id 25,001 makes
    three Q&A sitemaps; each lists only its range, with W3C dates."""
    db = fresh_db(t, "sitemap-paging")
    cols = harness.columns(db, "questions")
    src = one(db, "SELECT id FROM questions WHERE status = 'published' AND consent = 1 LIMIT 1")
    sel = ", ".join({"id": "25001", "external_id": "'far-away'", "token_hash": "NULL"}.get(c, c)
                    for c in cols)
    exec_sql(db, "INSERT INTO questions (%s) SELECT %s FROM questions WHERE id = ?"
             % (", ".join(cols), sel), src)
    acols = [c for c in harness.columns(db, "answers") if c != "id"]
    exec_sql(db, "INSERT INTO answers (%s) SELECT %s FROM answers WHERE question_id = ?"
             % (", ".join(acols), ", ".join("25001" if c == "question_id" else c for c in acols)),
             src)
    s = t.server(db)
    root = ET.fromstring(s.get("/sitemap.xml").body)
    locs = [urllib.parse.urlsplit(e.text).path for e in root.iter(SM + "loc")]
    t.ok({"/sitemaps/qa-1.xml", "/sitemaps/qa-2.xml", "/sitemaps/qa-3.xml"} <= set(locs),
         "index lists three Q&A sitemaps: %s" % locs)
    t.ok("/sitemaps/qa-4.xml" not in locs, "and no fourth")
    seen = {}
    for p in locs:
        r = s.get(p)
        t.eq(r.status, 200, p)
        t.has(r.header("content-type") or "", "xml", p + " type")
        us = ET.fromstring(r.body)
        entries = us.findall(SM + "url")
        t.ok(len(entries) <= 10000, p + " within the sitemap limit")
        for u in entries:
            loc = u.findtext(SM + "loc")
            seen[loc] = p
            lm = u.findtext(SM + "lastmod")
            if lm is not None and not re.match(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d)?(Z|[+-]\d\d:\d\d))?$", lm):
                t.fail("%s: lastmod %r is not a W3C date" % (p, lm))
                break
    far = [u for u in seen if u.endswith("/qa/25001")]
    t.ok(far and seen[far[0]] == "/sitemaps/qa-3.xml", "Q&A 25001 sits in qa-3")
    t.ok(not any(v == "/sitemaps/qa-2.xml" for v in seen.values()), "qa-2 (10001-20000) is empty")
    t.ok(not any(v == "/sitemaps/qa-3.xml" and not k.endswith("/qa/25001") for k, v in seen.items()),
         "qa-3 holds only its range")
    t.eq(s.get("/sitemaps/qa-4.xml").status, 404, "beyond the last sitemap: 404")
    t.eq(s.get("/sitemaps/qa-99999999999999999999.xml").status, 404, "absurd number: 404")
    t.has(s.get("/qa/25001").text, "<h1", "the far Q&A is a real page")


# ---- canonical URLs, Open Graph, JSON-LD ----

def public_pages(db):
    qid = one(db, "SELECT q.id FROM questions q JOIN answers a ON a.question_id = q.id"
                  " WHERE q.status = 'published' AND q.consent = 1 AND a.doctor_id IS NOT NULL"
                  " LIMIT 1")
    art = one(db, "SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")
    doc = one(db, "SELECT user_id FROM doctors WHERE verified_at IS NOT NULL ORDER BY user_id LIMIT 1")
    return {
        "home": "/", "departments": "/departments",
        "department": "/department/" + one(db, "SELECT slug FROM departments ORDER BY id LIMIT 1"),
        "topic": "/topic/" + one(db, "SELECT t.slug FROM topics t JOIN question_topics x"
                                     " ON x.topic_id = t.id LIMIT 1"),
        "qa": "/qa/%d" % qid, "library": "/library/%d" % one(db, "SELECT min(id) FROM faq"),
        "articles": "/articles", "article": "/articles/" + art,
        "category": "/articles/in/more/health", "doctors": "/doctors", "doctor": "/doctor/%d" % doc,
        "search": "/search?q=liver",
    }


def test_canonical_and_open_graph_urls(t):
    db = fresh_db(t, "canonical")
    s = t.server(db)
    for kind, p in public_pages(db).items():
        r = s.get(p)
        t.eq(r.status, 200, p)
        c = re.findall(r'<link rel="canonical" href="([^"]+)">', r.text)
        if not t.eq(len(c), 1, "%s: one canonical link" % kind):
            continue
        u = urllib.parse.urlsplit(c[0])
        t.ok(u.scheme in ("http", "https") and u.netloc, "%s: canonical is absolute" % kind)
        want = p.split("?")[0]
        t.eq(u.path, want, "%s: canonical names the page without its query" % kind)
        og = re.findall(r'<meta property="og:url" content="([^"]+)">', r.text)
        t.eq(og, c, "%s: og:url is the canonical URL" % kind)
        t.ok(re.search(r'<meta property="og:title" content="[^"]+">', r.text), kind + ": og:title")
    # Query variants of a page name the page itself.
    for p in ("/articles?page=1", "/ask?utm_source=x", "/department/%s?ref=feed"
              % one(db, "SELECT slug FROM departments ORDER BY id LIMIT 1")):
        r = s.get(p)
        c = re.findall(r'<link rel="canonical" href="([^"]+)">', r.text)
        t.ok(c and urllib.parse.urlsplit(c[0]).path == p.split("?")[0] and "?" not in c[0],
             "%s: canonical without the query (%s)" % (p, c))
    # A private page has none (and is not indexed).
    asker = Browser(s)
    from askflow import ask
    _, status_path, _ = ask(t, asker, db)
    r = asker.get(status_path)
    t.lacks(r.text, 'rel="canonical"', "status page: no canonical URL")
    t.has(r.header("x-robots-tag") or "", "noindex", "status page: noindex")


def test_jsonld_has_what_search_engines_require(t):
    db = fresh_db(t, "jsonld-req")
    s = t.server(db)
    pages = public_pages(db)
    base = None
    for kind, p in pages.items():
        objs = jsonld(t, s.get(p).text, kind)
        types = [o.get("@type") for o in objs]
        if kind not in ("home", "search", "articles", "doctors", "departments", "category"):
            check_breadcrumbs(t, objs, kind)
            bl = of_type(objs, "BreadcrumbList")
            if bl:
                last = bl[0]["itemListElement"][-1]
                t.eq(urllib.parse.urlsplit(last["item"]).path, p.split("?")[0],
                     "%s: the last breadcrumb is the page" % kind)
                base = base or last["item"][:-len(p.split("?")[0])]
        if kind == "home":
            ws = of_type(objs, "WebSite")
            t.ok(ws and ws[0]["potentialAction"]["target"]["urlTemplate"].endswith("/search?q={q}")
                 and ws[0]["potentialAction"]["query-input"] == "required name=q",
                 "home: WebSite with a SearchAction")
        if kind == "qa":
            q = of_type(objs, "QAPage")[0]["mainEntity"]
            t.ok(q["name"] and q["text"] and isinstance(q["answerCount"], int), "qa: Question basics")
            t.ok(rfc3339(q.get("dateCreated")) is not None, "qa: Question dateCreated")
            t.ok(q.get("author", {}).get("name"), "qa: Question author")
            ans = q["acceptedAnswer"]
            t.ok(ans["text"] and rfc3339(ans.get("datePublished")) is not None,
                 "qa: Answer text and datePublished")
            t.ok(ans.get("author", {}).get("url", "").endswith("/doctor/%d" % one(
                db, "SELECT doctor_id FROM answers WHERE question_id = ? ORDER BY id LIMIT 1",
                int(p.split("/")[-1]))), "qa: the answering doctor's page")
            t.ok(isinstance(ans.get("upvoteCount"), int), "qa: upvoteCount")
        if kind == "article":
            page = of_type(objs, "MedicalWebPage")
            t.ok(page, "article: MedicalWebPage")
            ar = page[0]["mainEntity"] if page else {}
            t.eq(ar.get("@type"), "Article", "article: Article")
            t.ok(0 < len(ar.get("headline", "")) <= 110, "article: headline of at most 110 characters")
            t.ok(rfc3339(ar.get("datePublished")) and rfc3339(ar.get("dateModified")),
                 "article: datePublished and dateModified")
            t.ok(ar.get("author", {}).get("name") and ar["author"].get("@type") in
                 ("Person", "Organization"), "article: author")
            t.ok(ar.get("publisher", {}).get("name"), "article: publisher")
            t.eq(ar.get("mainEntityOfPage"), page[0]["url"], "article: mainEntityOfPage")
        if kind == "library":
            page = of_type(objs, "MedicalWebPage")
            t.ok(page and page[0].get("name") and page[0].get("url", "").endswith(p),
                 "library: MedicalWebPage with name and url")
            t.ok(page and page[0].get("isBasedOn", {}).get("name"), "library: its source")
        if kind == "doctor":
            ph = of_type(objs, "Physician")
            t.ok(ph and ph[0].get("name", "").startswith("Dr. "), "doctor: Physician name")
            t.ok(ph and ph[0].get("url", "").endswith(p), "doctor: url")
            t.ok(ph and ph[0].get("medicalSpecialty"), "doctor: medicalSpecialty")
            t.ok(ph and ph[0].get("hospitalAffiliation", {}).get("name"), "doctor: hospital")
        if kind in ("department", "topic"):
            t.ok("CollectionPage" in types, "%s: CollectionPage" % kind)
    t.ok(base and base.startswith("http"), "breadcrumb items are absolute URLs")


# ---- share links ----

def test_share_links_are_plain_links(t):
    db = fresh_db(t, "share")
    s = t.server(db)
    pages = public_pages(db)
    for kind in ("qa", "article", "library"):
        r = s.get(pages[kind])
        canon = re.search(r'<link rel="canonical" href="([^"]+)">', r.text).group(1)
        title = re.search(r"<h1[^>]*>(.*?)</h1>", r.text, re.S).group(1)
        share = re.search(r'<div class="share".*?</div>', r.text, re.S)
        if not t.ok(share, kind + ": share links"):
            continue
        hrefs = [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', share.group(0))]
        enc = urllib.parse.quote(canon, safe="")

        def has(prefix, what):
            hit = [h for h in hrefs if h.startswith(prefix)]
            t.ok(hit, "%s: %s link" % (kind, what))
            return hit[0] if hit else ""
        fb = has("https://www.facebook.com/sharer/sharer.php?", "Facebook")
        t.eq(urllib.parse.parse_qs(urllib.parse.urlsplit(fb).query).get("u"), [canon],
             kind + ": Facebook shares the canonical URL")
        line = has("https://social-plugins.line.me/lineit/share?", "LINE")
        t.eq(urllib.parse.parse_qs(urllib.parse.urlsplit(line).query).get("url"), [canon],
             kind + ": LINE shares the canonical URL")
        x = has("https://x.com/intent/post?", "X")
        xq = urllib.parse.parse_qs(urllib.parse.urlsplit(x).query)
        t.eq(xq.get("url"), [canon], kind + ": X shares the canonical URL")
        t.ok(xq.get("text") and xq["text"][0].strip(), kind + ": X gets the title")
        mail = has("mailto:?", "e-mail")
        mq = urllib.parse.parse_qs(urllib.parse.urlsplit(mail).query)
        t.eq(mq.get("body"), [canon], kind + ": e-mail carries the URL")
        t.ok(mq.get("subject"), kind + ": e-mail has a subject")
        t.ok(canon in hrefs, kind + ": copy link is the page URL")
        t.has(share.group(0), "Copy link", kind + ": copy link labelled")
        t.ok(enc in share.group(0), kind + ": URLs are percent-encoded")
        t.ok(title, kind + ": has a title")
        for a in re.findall(r"<a [^>]*target=\"_blank\"[^>]*>", share.group(0)):
            t.ok("noopener" in a, kind + ": new windows get noopener")
    # No page loads anything from another site: no third-party scripts,
    # frames, styles or images; the CSP forbids them too.
    for kind, p in pages.items():
        r = s.get(p)
        for tag, attr in (("script", "src"), ("iframe", "src"), ("link", "href"), ("img", "src")):
            for el in re.findall(r"<%s\b[^>]*>" % tag, r.text):
                m = re.search(r'\b%s="([^"]*)"' % attr, el)
                if not m:
                    continue
                url = m.group(1)
                if tag == "link" and not re.search(r'rel="(stylesheet|icon|preload|manifest)', el):
                    continue
                t.ok(url.startswith("/") and not url.startswith("//"),
                     "%s: %s loads from this site only (%s)" % (kind, tag, url))
        t.lacks(r.text, "<iframe", kind + ": no frames")
        csp = r.header("content-security-policy") or ""
        t.has(csp, "script-src 'self'", kind + ": CSP allows only own scripts")
        t.has(csp, "default-src 'self'", kind + ": CSP default is self")


# ---- related reading and where pages are linked ----

def test_article_shows_related_articles_and_qas(t):
    db = fresh_db(t, "related")
    s = t.server(db)
    slug = one(db, "SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")
    html = s.get("/articles/" + slug).text
    sec = re.search(r'<section class="related".*?</section>', html, re.S)
    if not t.ok(sec, "a related reading section"):
        return
    arts = re.findall(r'href="/articles/([^"/]+)"', sec.group(0))
    qas = re.findall(r'href="/qa/(\d+)"', sec.group(0))
    t.ok(arts and slug not in arts, "related articles, not the article itself")
    t.ok(qas, "related Q&As")
    for a in arts:
        t.eq(s.get("/articles/" + a).status, 200, "related article %s exists" % a)
    for q in qas:
        t.eq(one(db, "SELECT status FROM questions WHERE id = ?", int(q)), "published",
             "related Q&A %s is published" % q)
    # Related Q&As lean to the article's subject: liver pages for a liver article.
    liver = one(db, "SELECT slug FROM articles WHERE status = 'published' AND"
                    " lower(title) LIKE '%liver%' LIMIT 1")
    if liver:
        sec = re.search(r'<section class="related".*?</section>', s.get("/articles/" + liver).text, re.S)
        titles = re.findall(r'href="/qa/\d+">([^<]+)<', sec.group(0)) if sec else []
        t.ok(any(re.search(r"liver|hepat|tumou?r|cirrho", x, re.I) for x in titles),
             "a liver article's related Q&As are about the liver: %s" % titles)


def links(html):
    """Site paths a reader can follow from html: links and form targets."""
    return set(h.split("#")[0] for h in re.findall(r'href="(/[^"]*)"', html) +
               re.findall(r'<form [^>]*action="(/[^"]*)" method="get"', html))


def test_pages_are_linked_where_readers_look(t):
    db = fresh_db(t, "links")
    s = t.server(db)
    home = links(s.get("/").text)
    for p in ("/departments", "/doctors", "/articles", "/ask", "/search"):
        t.ok(any(h == p or h.startswith(p + "?") for h in home), "home links " + p)
    t.ok(any(h.startswith("/qa/") for h in home), "home links answers")
    t.ok(any(h.startswith("/department/") for h in home), "home links departments")
    # A Q&A links its department, its topics, its doctor and its feed.
    qid, dslug = rows(db, "SELECT q.id, d.slug FROM questions q JOIN departments d"
                          " ON d.id = q.department_id JOIN question_topics x ON x.question_id = q.id"
                          " JOIN answers a ON a.question_id = q.id WHERE q.status = 'published'"
                          " AND a.doctor_id IS NOT NULL LIMIT 1")[0]
    qa = links(s.get("/qa/%d" % qid).text)
    t.ok("/department/" + dslug in qa, "Q&A links its department")
    for (tslug,) in rows(db, "SELECT t.slug FROM topics t JOIN question_topics x"
                             " ON x.topic_id = t.id WHERE x.question_id = ?", qid):
        t.ok("/topic/" + tslug in qa, "Q&A links its topic " + tslug)
    did = one(db, "SELECT doctor_id FROM answers WHERE question_id = ? ORDER BY id LIMIT 1", qid)
    t.ok("/doctor/%d" % did in qa, "Q&A links its doctor")
    # Departments list every department; a department links its topics,
    # doctors, Q&As and feed; a topic links back and to its library entries.
    deps = links(s.get("/departments").text)
    for (slug,) in rows(db, "SELECT slug FROM departments"):
        t.ok("/department/" + slug in deps, "departments page links " + slug)
    dep = s.get("/department/" + dslug).text
    dl = links(dep)
    for (tslug,) in rows(db, "SELECT t.slug FROM topics t JOIN departments d ON d.id ="
                             " t.department_id WHERE d.slug = ? LIMIT 5", dslug):
        t.ok("/topic/" + tslug in dl, "department links its topic " + tslug)
    t.ok(any(h.startswith("/doctor/") for h in dl), "department links its doctors")
    t.ok(any(h.startswith("/qa/") for h in dl), "department links its Q&As")
    t.ok("/feeds/department/%s.atom" % dslug in dl, "department links its feed")
    tslug, fid = rows(db, "SELECT t.slug, f.id FROM faq f JOIN topics t ON t.id = f.topic_id"
                          " LIMIT 1")[0] or (None, None)
    tl = links(s.get("/topic/" + tslug).text)
    t.ok("/library/%d" % fid in tl, "topic links its library entries")
    t.ok("/topic/%s" % tslug in links(s.get("/library/%d" % fid).text), "library entry links its topic")
    # Doctors: the list links each, each links its department and answers.
    dl = links(s.get("/doctors").text)
    for (d,) in rows(db, "SELECT user_id FROM doctors WHERE verified_at IS NOT NULL"):
        t.ok("/doctor/%d" % d in dl, "doctors page links doctor %d" % d)
    doc = links(s.get("/doctor/%d" % did).text)
    t.ok(any(h.startswith("/department/") for h in doc), "doctor links their department")
    t.ok(any(h.startswith("/qa/") for h in doc), "doctor links their answers")
    # Articles: list links each article and the categories; an article its
    # categories and its author's page when the author is a doctor.
    al = links(s.get("/articles").text)
    for (slug,) in rows(db, "SELECT slug FROM articles WHERE status = 'published'"):
        t.ok("/articles/" + slug in al, "articles page links " + slug)
    t.ok(any(h.startswith("/articles/in/") for h in al), "articles page links categories")
    t.ok("/feeds/articles.atom" in al or 'href="/feeds/articles.atom"' in s.get("/articles").text,
         "articles page links its feed")
    # Everything reachable from the home page by following links.
    seen, todo = set(), ["/"]
    kinds = set()
    while todo and len(seen) < 400:
        p = todo.pop(0)
        if p in seen:
            continue
        seen.add(p)
        r = Browser(s).get(p)
        if r.status != 200 or not (r.header("content-type") or "").startswith("text/html"):
            continue
        for h in links(r.text):
            path = h.split("?")[0]
            k = re.sub(r"/[^/]+$", "/*", path) if path.count("/") >= 2 else path
            kinds.add(k if not path.startswith("/articles/in/") else "/articles/in/*")
            if h not in seen and not h.startswith(("/static/", "/feeds/", "/sitemap")) \
                    and "page=" not in h and len(seen) + len(todo) < 400:
                todo.append(h)
    for k in ("/departments", "/department/*", "/topic/*", "/qa/*", "/library/*", "/doctors",
              "/doctor/*", "/articles", "/articles/*", "/articles/in/*", "/search", "/ask"):
        t.ok(k in kinds, "reachable from the home page: " + k)


# ---- unknown and hostile slugs ----

def test_unknown_and_hostile_slugs_are_404_pages(t):
    db = fresh_db(t, "slugs")
    s = t.server(db)
    hostile = ["no-such-thing", "..%2F..%2Fetc%2Fpasswd", "%00", "x" * 3000, "%E8%82%9D%E7%99%8C",
               "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "a%20b", "UPPER-Case"]
    for base in ("/department/", "/topic/", "/articles/", "/articles/in/", "/feeds/department/",
                 "/feeds/topic/", "/doctor/", "/qa/", "/library/"):
        for h in hostile:
            p = base + h + (".atom" if base.startswith("/feeds/") else "")
            r = s.get(p)
            # A NUL byte is refused by the HTTP layer before any page: 400.
            t.eq(r.status, 400 if h == "%00" else 404, p[:80])
            t.lacks(r.text, "<script>alert(1)", p[:60] + ": nothing reflected raw")
            if (r.header("content-type") or "").startswith("text/html"):
                t.has(r.text, "<h1", p[:60] + ": a real 404 page")
    for base in ("/api/departments/", "/api/topics/", "/api/articles/", "/api/doctors/", "/api/qa/"):
        for h in hostile:
            if h == "%00":
                continue
            r = s.get(base + h)
            t.eq(r.status, 404, (base + h)[:80])
            t.ok("error" in r.json(), (base + h)[:60] + ": a JSON error")
    # A doctor id that is a patient, and one not yet verified: 404 too.
    t.eq(s.get("/doctor/%d" % one(db, "SELECT id FROM users WHERE role = 'patient' LIMIT 1")).status,
         404, "a patient has no doctor page")
    t.eq(s.get("/doctor/%d" % one(db, "SELECT user_id FROM doctors WHERE verified_at IS NULL"
                                      " LIMIT 1")).status, 404, "an unverified doctor has none")
    t.eq(s.get("/doctor/%d" % one(db, "SELECT user_id FROM doctors WHERE verified_at IS NOT NULL"
                                      " LIMIT 1") + "?page=999").status, 404, "a page past the end")
