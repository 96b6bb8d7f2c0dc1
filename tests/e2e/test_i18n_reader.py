"""What a native reader noticed (issue 16): a byline joins a name and a
department the language's way (ICU's list separator, not an ASCII
comma in Chinese); "member since" on the account page is ICU's long date
of the language; the verified-doctor badge follows the whole reply
heading, not the middle of "王醫師的回覆"."""
import datetime
import re

from askflow import PATIENT, fresh_db, login, one

SLUG = "recovering-after-liver-surgery-a-practical-guide"


def _byline(html):
    m = re.search(r'<p class="meta byline">(.*?)</p>', html, re.S)
    return m.group(1) if m else ""


def test_byline_joins_the_languages_way(t):
    db = t.demo_db()
    s = t.server(db)

    def one_author():
        return one(db, "SELECT author FROM articles WHERE slug = ?", SLUG)
    dept = {}
    for tag, sep in (("en", ", "), ("vi", ", "), ("zh-TW", "、"), ("zh-CN", "、")):
        b = _byline(s.get("/articles/%s?lang=%s" % (SLUG, tag)).text)
        t.ok(b != "", "%s: a byline" % tag)
        author = one_author()
        m = re.search(re.escape(author) + r"(?:</a>)?(?: <span[^>]*>[^<]*</span>)?(, |、)([^<·]+?) · ", b)
        t.ok(m is not None, "%s: the author's department in the byline: %r" % (tag, b))
        if m:
            t.eq(m.group(1), sep, "%s: joined with %r" % (tag, sep))
            dept[tag] = m.group(2)
        if tag.startswith("zh"):
            t.lacks(b, ", ", "%s: no ASCII comma" % tag)
    t.ok(dept.get("zh-TW") != dept.get("en"), "the department is named in zh-TW too")


def test_member_since_in_the_languages_long_date(t):
    db = fresh_db(t, "i18n-since")
    s = t.server(db)
    created = one(db, "SELECT created_at FROM users WHERE email = ?", PATIENT[0])
    d = datetime.datetime.strptime(created[:10], "%Y-%m-%d")
    want = {"en": "%s %d, %d" % (d.strftime("%B"), d.day, d.year),
            "zh-TW": "%d年%d月%d日" % (d.year, d.month, d.day),
            "zh-CN": "%d年%d月%d日" % (d.year, d.month, d.day),
            "vi": "%d tháng %d, %d" % (d.day, d.month, d.year)}
    pat = login(s, PATIENT[0], PATIENT[2])
    for tag, date in want.items():
        pat.jar["lang"] = tag
        page = pat.get("/account").text
        t.has(page, date, "%s: member since %s" % (tag, date))
        t.lacks(page, d.strftime("%Y/%m/%d"), "%s: not the numeric date" % tag)


def test_verified_badge_after_the_reply_heading(t):
    s = t.server(t.demo_db())
    suffix = {"en": " reply", "zh-TW": "的回覆", "zh-CN": "的回复", "vi": " trả lời"}
    for tag, suf in suffix.items():
        page = s.get("/qa/1?lang=" + tag).text
        heads = re.findall(r'<h2 class="reply-head">(.*?)</h2>', page, re.S)
        verified = [h for h in heads if "badge-verified" in h]
        t.ok(len(verified) > 0, "%s: a verified doctor's reply" % tag)
        for h in verified:
            t.ok(re.search(r"</a>%s <span class=\"badge badge-verified\"" % re.escape(suf), h),
                 "%s: the badge follows %r: %r" % (tag, suf, h))
