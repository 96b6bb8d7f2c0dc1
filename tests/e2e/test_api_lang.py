"""The JSON API names departments, topics and article categories in the
language asked for (?lang= or Accept-Language), each with its name as
stored beside it (issue 16)."""
import json
import urllib.parse

GASTRO = "gastroenterology-and-hepatology"
GASTRO_NAMES = {"en": "Gastroenterology and Hepatology", "zh-TW": "肝膽腸胃科",
                "zh-CN": "消化内科", "vi": "Tiêu hóa – Gan mật"}


def _names(path="data/demo-names.tsv"):
    import harness
    import os
    out = {}
    with open(os.path.join(harness.REPO, path), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            kind, base, tag, name = line.rstrip("\n").split("\t")
            out[(kind, base, tag)] = name
    return out


def _get(s, path, tag=None, header=None):
    h = {"Accept-Language": header} if header else {}
    if tag:
        path += ("&" if "?" in path else "?") + "lang=" + urllib.parse.quote(tag)
    r = s.get(path, headers=h)
    return r, json.loads(r.body)


def test_api_names_in_the_language_asked(t):
    s = t.server(t.demo_db())
    names = _names()
    t.eq(names.get(("department", GASTRO_NAMES["en"], "zh-TW")), GASTRO_NAMES["zh-TW"],
         "the demo names the department")
    # Departments, by ?lang= and by Accept-Language.
    for tag in ("zh-TW", "zh-CN", "vi", "en"):
        for how in ("query", "header"):
            r, doc = (_get(s, "/api/departments", tag=tag) if how == "query"
                      else _get(s, "/api/departments", header=tag))
            t.eq(r.status, 200, "%s %s: departments" % (tag, how))
            t.eq(r.header("content-language"), tag, "%s %s: Content-Language" % (tag, how))
            d = [x for x in doc["items"] if x["slug"] == GASTRO]
            t.eq(len(d), 1, "%s: the department listed" % tag)
            if d:
                t.eq(d[0]["name"], GASTRO_NAMES[tag], "%s %s: its name" % (tag, how))
                t.eq(d[0]["base_name"], GASTRO_NAMES["en"], "%s %s: the base name" % (tag, how))
                t.eq(d[0]["url"].endswith("/department/" + GASTRO), True, "the URL does not change")
    # Without a language: the site's default, names as stored.
    r, doc = _get(s, "/api/departments/" + GASTRO)
    t.eq(doc["name"], GASTRO_NAMES["en"], "default language")
    t.eq(doc["base_name"], GASTRO_NAMES["en"], "base name")
    # One department, its topics and its doctors.
    r, doc = _get(s, "/api/departments/" + GASTRO, tag="vi")
    t.eq(doc["name"], GASTRO_NAMES["vi"], "one department in vi")
    for tp in doc["topics"]:
        want = names.get(("topic", tp["base_name"], "vi"), tp["base_name"])
        t.eq(tp["name"], want, "topic %s in vi" % tp["base_name"])
        t.eq(tp["department"]["name"], GASTRO_NAMES["vi"], "its department in vi")
    for d in doc["doctors"]:
        if d["department"]:
            t.eq(d["department"]["name"], GASTRO_NAMES["vi"], "a doctor's department in vi")
    # Topics list and one topic.
    r, doc = _get(s, "/api/topics", tag="zh-TW")
    named = [x for x in doc["items"] if ("topic", x["base_name"], "zh-TW") in names]
    t.ok(len(named) > 0, "topics with zh-TW names")
    for x in named:
        t.eq(x["name"], names[("topic", x["base_name"], "zh-TW")], "topic %s" % x["base_name"])
    if named:
        r, one = _get(s, "/api/topics/" + named[0]["slug"], header="zh-TW")
        t.eq(one["name"], named[0]["name"], "one topic by Accept-Language")
        t.eq(one["base_name"], named[0]["base_name"], "and its base name")
    # Q&As: the list's departments and one Q&A's department and topics.
    r, doc = _get(s, "/api/qa?department=" + GASTRO, tag="zh-CN")
    t.ok(doc["items"], "Q&As of the department")
    for it in doc["items"]:
        t.eq(it["department"]["name"], GASTRO_NAMES["zh-CN"], "a Q&A's department in zh-CN")
        t.eq(it["department"]["base_name"], GASTRO_NAMES["en"], "with its base name")
    if doc["items"]:
        r, qa = _get(s, "/api/qa/%d" % doc["items"][0]["id"], tag="zh-CN")
        t.eq(qa["department"]["name"], GASTRO_NAMES["zh-CN"], "one Q&A's department")
        for tp in qa["topics"]:
            t.eq(tp["name"], names.get(("topic", tp["base_name"], "zh-CN"), tp["base_name"]),
                 "one Q&A's topic %s" % tp["base_name"])
    # Articles: the category path, each part named, and the base path.
    r, doc = _get(s, "/api/articles", tag="vi")
    cats = [x for x in doc["items"] if x.get("base_category")]
    t.ok(len(cats) > 0, "articles with categories")
    for x in cats:
        parts = x["base_category"].split(" > ")
        want = " > ".join(names.get(("category", " > ".join(parts[:i + 1]), "vi"), p)
                          for i, p in enumerate(parts))
        t.eq(x["category"], want, "category %s in vi" % x["base_category"])
    if cats:
        r, art = _get(s, "/api/articles/" + urllib.parse.quote(cats[0]["slug"]), tag="vi")
        t.eq(art["category"], cats[0]["category"], "one article's category")
        if art.get("base_department"):
            t.eq(art["department"], names.get(("department", art["base_department"], "vi"),
                                              art["base_department"]),
                 "one article's department")
    # An unknown language is the default's, not an error.
    r, doc = _get(s, "/api/departments/" + GASTRO, tag="xx")
    t.eq(r.status, 200, "unknown language")
    t.eq(doc["name"], GASTRO_NAMES["en"], "unknown language: the default")


def test_api_search_names_in_the_language_asked(t):
    """/api/search and /api/similar name departments as the rest of the
    API does: in the language asked for, the stored name beside it, and
    Content-Language saying which."""
    s = t.server(t.demo_db())
    names = _names()
    for tag in ("zh-TW", "zh-CN", "vi", "en"):
        for how in ("query", "header"):
            path = "/api/search?q=liver"
            r, doc = (_get(s, path, tag=tag) if how == "query" else _get(s, path, header=tag))
            t.eq(r.status, 200, "%s %s: search" % (tag, how))
            t.eq(r.header("content-language"), tag, "%s %s: Content-Language" % (tag, how))
            hits = [x for x in doc["results"] if x.get("base_department") == GASTRO_NAMES["en"]]
            t.ok(len(hits) > 0, "%s %s: hits in the department, base name beside" % (tag, how))
            for x in hits:
                t.eq(x["department"], GASTRO_NAMES[tag], "%s %s: its department's name" % (tag, how))
            for x in doc["results"]:
                base = x.get("base_department")
                t.ok(base is not None, "%s: every hit has base_department" % tag)
                if base:
                    t.eq(x["department"], names.get(("department", base, tag), base),
                         "%s %s: department %s" % (tag, how, base))
    # Without a language: the default's, which are the names as stored.
    r, doc = _get(s, "/api/search?q=liver")
    t.eq(r.header("content-language"), "en", "default Content-Language")
    for x in doc["results"]:
        t.eq(x["department"], x["base_department"], "default: names as stored")
    # Bad input still answers a JSON error in the language asked for.
    r, doc = _get(s, "/api/search?q=liver&kind=bogus", tag="vi")
    t.eq(r.status, 400, "bad kind is 400")
    t.eq(r.header("content-language"), "vi", "an error's language")
    t.ok(doc.get("error"), "error message")
    # The ask form's suggestions: the department named as the form's options.
    q = "My two year old son has had a fever of 39.5 for two days and is very sleepy"
    peds = names.get(("department", "Pediatrics", "vi"))
    t.ok(peds and peds != "Pediatrics", "the demo names Pediatrics in vi")
    r, doc = _get(s, "/api/similar?q=" + urllib.parse.quote(q), tag="vi")
    t.eq(r.header("content-language"), "vi", "similar: Content-Language")
    t.eq(doc["department"], peds, "similar: the suggested department in vi")
    t.eq(doc["base_department"], "Pediatrics", "similar: its base name")
    for x in doc["similar"]:
        if x["base_department"]:
            t.eq(x["department"], names.get(("department", x["base_department"], "vi"),
                                            x["base_department"]), "similar hit's department")
    r, doc = _get(s, "/api/similar?q=" + urllib.parse.quote(q))
    t.eq(doc["department"], "Pediatrics", "similar: as stored by default")
