"""Comments carry the language they are written in (issue 16): found
from their letters, else the page's; shown with lang on their text when
it differs from the page's; kept in the data download; and comments
written before the column existed take their page's content language."""
import json
import re

from askflow import PATIENT, Browser, exec_sql, fresh_db, login, one, rows


def _body_lang(html, cid):
    m = re.search(r'<li class="comment[^"]*" id="comment-%d">.*?<div class="comment-body"([^>]*)>'
                  % cid, html, re.S)
    if not m:
        return "missing"
    lang = re.search(r'lang="([^"]+)"', m.group(1))
    return lang.group(1) if lang else None


def test_comments_carry_their_language(t):
    db = fresh_db(t, "i18n-comments")
    exec_sql(db, "DELETE FROM comments")
    s = t.server(db, args=["--comment-limit-account", "50", "--comment-limit-addr", "50"])
    slug = one(db, "SELECT slug FROM articles WHERE status = 'published'"
               " AND language = 'en' ORDER BY id LIMIT 1")
    path = "/articles/" + slug
    pat = login(s, PATIENT[0], PATIENT[2])
    cases = (  # page language, text, stored language
        ("zh-TW", "Cảm ơn bác sĩ, bài viết rất hữu ích.", "vi"),
        ("en", "謝謝醫師，這篇文章很有幫助。", "zh-TW"),
        ("en", "谢谢医生，这篇文章很有帮助。", "zh-CN"),
        ("vi", "Cam on bac si", "vi"),   # Vietnamese without its accents
        ("zh-CN", "Thanks, very clear.", "en"),
        ("en", "Thanks, very clear.", "en"),
        ("zh-TW", "👍 100", "zh-TW"),     # nothing to tell by: the page's
    )
    ids = []
    for page, text, want in cases:
        pat.jar["lang"] = page
        r = pat.post(path + "/comments", {"csrf": pat.csrf(path), "body": text})
        t.eq(r.status, 303, "comment posted under a %s page" % page)
        cid = one(db, "SELECT max(id) FROM comments")
        ids.append(cid)
        t.eq(one(db, "SELECT lang FROM comments WHERE id = ?", cid), want,
             "%r stored as %s" % (text, want))
    # Shown: lang on the comment's text when it is not the page's.
    for tag in ("en", "zh-TW", "vi"):
        html = Browser(s).get(path + "?lang=" + tag).text
        for (page, text, want), cid in zip(cases, ids):
            t.eq(_body_lang(html, cid), None if want == tag else want,
                 "%s page: comment %r" % (tag, text))
    # An edit finds the language again.
    pat.jar["lang"] = "en"
    r = pat.post("/comments/%d/edit" % ids[-2], {"csrf": pat.csrf(path),
                                                  "body": "Cảm ơn nhiều!"})
    t.eq(r.status, 303, "edited")
    t.eq(one(db, "SELECT lang FROM comments WHERE id = ?", ids[-2]), "vi", "edit re-detects")
    # The writer's data download says it.
    r = pat.post("/account/data", {"csrf": pat.csrf("/account")})
    t.eq(r.status, 200, "data download")
    data = json.loads(r.body)
    got = {c["id"]: c.get("lang") for c in data["comments"]}
    t.eq(got.get(ids[1]), "zh-TW", "the download carries the language")


def test_comments_before_the_migration(t):
    """A database from before migration 15: its comments take the
    language of what they comment on."""
    db = fresh_db(t, "i18n-comments-old")
    exec_sql(db, "UPDATE articles SET language = 'vi' WHERE id ="
             " (SELECT min(id) FROM articles WHERE status = 'published')")
    pre = rows(db, "SELECT id, target_kind, target_id FROM comments")
    t.ok(len(pre) > 0, "the demo has comments")
    exec_sql(db, "ALTER TABLE comments DROP COLUMN lang")
    exec_sql(db, "PRAGMA user_version = 14")
    t.eq(one(db, "PRAGMA user_version"), 14, "an older database")
    s = t.server(db)
    t.eq(s.get("/").status, 200, "it opens")
    t.eq(one(db, "PRAGMA user_version"), 15, "migrated")
    missing = one(db, "SELECT count(*) FROM comments WHERE lang IS NULL")
    t.eq(missing, 0, "every comment has a language")
    wrong = one(db, "SELECT count(*) FROM comments m WHERE lang IS NOT CASE target_kind"
                " WHEN 'qa' THEN (SELECT language FROM questions q WHERE q.id = m.target_id)"
                " ELSE (SELECT language FROM articles a WHERE a.id = m.target_id) END")
    t.eq(wrong, 0, "each that of what it comments on")
