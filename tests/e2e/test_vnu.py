"""The Nu HTML Checker over every kind of page, for visitors and for
signed-in users: no errors allowed. Uses vnu.jar from the npm package
vnu-jar (bench/lighthouse: npm ci) or $VNU_JAR, run with java; skips
when either is missing."""
import json
import os
import re
import shutil
import subprocess

import harness
from askflow import ADMIN, MOD, ONCO, PATIENT, Browser, fresh_db, one


def vnu_jar():
    jar = os.environ.get("VNU_JAR") or os.path.join(
        harness.REPO, "bench", "lighthouse", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
    if not os.path.exists(jar):
        raise harness.Skip("vnu.jar not found (cd bench/lighthouse && npm ci)")
    if not shutil.which("java"):
        raise harness.Skip("java is not installed")
    return jar


def test_every_page_kind_validates(t):
    jar = vnu_jar()
    db = fresh_db(t, "vnu")
    s = t.server(db, args=["--qa-comments"])
    qid = one(db, "SELECT id FROM questions WHERE status = 'published' ORDER BY id LIMIT 1")
    art = one(db, "SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")
    dept = one(db, "SELECT slug FROM departments ORDER BY id LIMIT 1")
    topic = one(db, "SELECT t.slug FROM topics t JOIN question_topics x ON x.topic_id = t.id LIMIT 1")
    doc = one(db, "SELECT user_id FROM doctors WHERE verified_at IS NOT NULL ORDER BY user_id LIMIT 1")
    faq = one(db, "SELECT id FROM faq ORDER BY id LIMIT 1")
    public = ["/", "/departments", "/department/" + dept, "/topic/" + topic, "/qa/%d" % qid,
              "/library/%d" % faq, "/articles", "/articles/" + art, "/articles/in/more/health",
              "/doctors", "/doctor/%d" % doc, "/search?q=liver+cancer", "/search", "/ask",
              "/login", "/register", "/doctor/apply", "/no/such/page"]
    pages = [("anon", Browser(s), p) for p in public]
    # Signed-in views: a commenter, a doctor, a moderator, an admin.
    pat = Browser(s)
    pat.login(PATIENT[0], PATIENT[2])
    tok = pat.csrf("/articles/" + art)
    pat.post("/articles/%s/comments" % art, {"csrf": tok, "body": "Thanks, <b>very</b> clear."})
    pat.post("/articles/%s/comments" % art, {"csrf": tok, "body": "Casino tips"})
    cid = one(db, "SELECT min(id) FROM comments")
    pages += [("patient", pat, p) for p in ("/articles/" + art, "/qa/%d" % qid,
                                           "/comments/%d/edit" % cid, "/comments/%d/report" % cid,
                                           "/my/questions")]
    d = Browser(s)
    d.login(ONCO[0], ONCO[2])
    pages += [("doctor", d, p) for p in ("/doctor/profile", "/write", "/my/articles",
                                        "/doctor/queue")]
    m = Browser(s)
    m.login(MOD[0], MOD[2])
    pages += [("moderator", m, p) for p in ("/moderate/comments", "/articles/" + art, "/admin")]
    a = Browser(s)
    a.login(ADMIN[0], ADMIN[2])
    pages += [("admin", a, p) for p in ("/admin/taxonomy", "/admin/users", "/admin/doctors")]
    files = {}
    for who, b, p in pages:
        r = b.get(p)
        if not (r.header("content-type") or "").startswith("text/html"):
            t.fail("%s %s: not HTML (%d)" % (who, p, r.status))
            continue
        fn = t.path("page-%d.html" % len(files))
        with open(fn, "w") as f:
            f.write(r.text)
        files[fn] = "%s %s" % (who, p)
    # A form with errors, too.
    r = a.post("/admin/departments", {"csrf": a.csrf("/admin/taxonomy"), "name": ""})
    fn = t.path("page-err.html")
    with open(fn, "w") as f:
        f.write(r.text)
    files[fn] = "admin taxonomy with an error"
    p = subprocess.run(["java", "-jar", jar, "--errors-only", "--format", "json"] + list(files),
                       capture_output=True, text=True, timeout=300)
    try:
        msgs = json.loads(p.stderr or p.stdout or "{}").get("messages", [])
    except ValueError:
        t.fail("vnu output did not parse: %s" % (p.stderr or p.stdout)[:500])
        return
    bad = {}
    for msg in msgs:
        if msg.get("type") == "error":
            fn = re.sub(r"^file:", "", msg.get("url", ""))
            bad.setdefault(files.get(fn, fn), []).append(
                "%s:%s %s" % (msg.get("lastLine"), msg.get("firstColumn"), msg.get("message")))
    for name in files.values():
        t.ok(name not in bad, "%s: Nu HTML Checker errors: %s" % (name, "; ".join(bad.get(name, []))[:600]))
    t.ok(len(files) >= 30, "checked %d pages" % len(files))
