"""The Nu HTML Checker over every kind of page, for visitors and for
signed-in users, forms with errors and error pages: no errors allowed.
Uses vnu.jar from the npm package vnu-jar (bench/lighthouse: npm ci,
which tools/deps.sh runs) or $VNU_JAR, run with java, once over all the
pages; skips when either is missing, unless ASKDOC_REQUIRE_VNU is set
(.ci/run sets it), then fails."""
import json
import os
import re
import shutil
import subprocess

import harness
from askflow import ADMIN, MOD, ONCO, PATIENT, PATIENT2, Browser, ask, exec_sql, fresh_db, one


def vnu_jar():
    jar = os.environ.get("VNU_JAR") or os.path.join(
        harness.REPO, "bench", "lighthouse", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
    why = None
    if not os.path.exists(jar):
        why = "vnu.jar not found (cd bench/lighthouse && npm ci)"
    elif not shutil.which("java"):
        why = "java is not installed"
    if why and os.environ.get("ASKDOC_REQUIRE_VNU"):
        raise AssertionError("ASKDOC_REQUIRE_VNU is set but " + why)
    if why:
        raise harness.Skip(why)
    return jar


def render_pages(t, db, s):
    """Every kind of page, for visitors and signed-in users, forms with
    errors and error pages, as rendered by server s on db (a fresh_db):
    a list of (label, status, html). Also used by test_i18n (every
    language) and test_pseudo (the pseudo-locale)."""
    qid = one(db, "SELECT id FROM questions WHERE status = 'published' ORDER BY id LIMIT 1")
    art = one(db, "SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")
    dept = one(db, "SELECT slug FROM departments ORDER BY id LIMIT 1")
    topic = one(db, "SELECT t.slug FROM topics t JOIN question_topics x ON x.topic_id = t.id LIMIT 1")
    doc = one(db, "SELECT user_id FROM doctors WHERE verified_at IS NOT NULL ORDER BY user_id LIMIT 1")
    faq = one(db, "SELECT id FROM faq ORDER BY id LIMIT 1")
    public = ["/", "/departments", "/department/" + dept, "/topic/" + topic, "/qa/%d" % qid,
              "/library/%d" % faq, "/articles", "/articles/" + art, "/articles/in/more/health",
              "/doctors", "/doctor/%d" % doc, "/search?q=liver+cancer", "/search", "/ask",
              "/login", "/register", "/doctor/apply", "/no/such/page", "/qa/999999",
              "/department/no-such-department", "/search?q=zzqxv+wwqk", "/password/forgot",
              "/password/reset/" + "A" * 43]
    pages = [("anon", Browser(s), p) for p in public]
    # The asker's private status page, after asking.
    asker = Browser(s)
    waiting, status_path, _ = ask(t, asker, db)
    pages.append(("asker", asker, status_path))
    # Signed-in views: a commenter, a doctor, a moderator, an admin.
    pat = Browser(s)
    pat.login(PATIENT[0], PATIENT[2])
    tok = pat.csrf("/articles/" + art)
    pat.post("/articles/%s/comments" % art, {"csrf": tok, "body": "Thanks, <b>very</b> clear."})
    pat.post("/articles/%s/comments" % art, {"csrf": tok, "body": "Casino tips"})
    cid = one(db, "SELECT min(id) FROM comments")
    pages += [("patient", pat, p) for p in ("/articles/" + art, "/qa/%d" % qid,
                                           "/comments/%d/edit" % cid, "/comments/%d/report" % cid,
                                           "/my/questions", "/account", "/admin")]  # /admin: 403
    d = Browser(s)
    d.login(ONCO[0], ONCO[2])
    doc_id = one(db, "SELECT id FROM users WHERE email = ?", ONCO[0])
    answer = one(db, "SELECT id FROM answers WHERE doctor_id = ? ORDER BY id LIMIT 1", doc_id)
    pages += [("doctor", d, p) for p in ("/doctor/profile", "/write", "/my/articles",
                                        "/doctor/queue", "/doctor/question/%d" % waiting)]
    if answer:
        pages.append(("doctor", d, "/doctor/answer/%d/edit" % answer))
    m = Browser(s)
    m.login(MOD[0], MOD[2])
    pages += [("moderator", m, p) for p in ("/moderate/comments", "/articles/" + art, "/admin",
                                           "/moderate/question/%d" % waiting)]
    a = Browser(s)
    a.login(ADMIN[0], ADMIN[2])
    # The audit log with rows in words and a code the catalog lacks; a
    # deleted account's placeholder among the users.
    for action in ("question.reject", "user.role", "test.unknown"):
        exec_sql(db, "INSERT INTO audit_log (at, user_id, action, target_kind, target_id)"
                     " VALUES ('2026-01-01T00:00:00Z', ?, ?, 'qa', ?)",
                 one(db, "SELECT id FROM users WHERE email = ?", ADMIN[0]), action, qid)
    exec_sql(db, "UPDATE users SET email = 'deleted:' || id, disabled = 1, password_hash = NULL,"
                 " deleted_at = '2026-01-01T00:00:00Z'"
                 " WHERE email = ?", PATIENT2[0])
    pages += [("admin", a, p) for p in ("/admin/taxonomy", "/admin/users", "/admin/doctors",
                                       "/admin/doctors/%d/edit" % doc_id, "/admin/audit",
                                       "/admin/audit?action=question.reject", "/admin/names")]
    out = []
    for who, b, p in pages:
        r = b.get(p)
        if not (r.header("content-type") or "").startswith("text/html"):
            t.fail("%s %s: not HTML (%d)" % (who, p, r.status))
            continue
        out.append(("%s %s" % (who, p), r.status, r.text))
    # Forms with errors, too.
    posted = [  # (what, browser, path, the page with its CSRF token, form, status)
        ("admin taxonomy with an error", a, "/admin/departments", "/admin/taxonomy",
         {"name": ""}, 400),
        ("admin doctor editor with errors", a, "/admin/doctors/%d/edit" % doc_id,
         "/admin/taxonomy", {"title": "", "hospital": "x" * 300, "department": "999999"}, 413),
        ("ask form with errors", Browser(s), "/ask", "/ask", {"title": ""}, 400),
        ("login with a wrong password", Browser(s), "/login", "/login",
         {"email": PATIENT[0], "password": "wrong password"}, 400),
        ("doctor application with the honeypot filled", Browser(s), "/doctor/apply",
         "/doctor/apply", {"name": "Bot", "website": "x"}, 400),
        ("comment too long", pat, "/articles/%s/comments" % art, "/articles/" + art,
         {"body": "x" * 2001}, 413),
        ("reply editor with errors", d, "/doctor/question/%d" % waiting, "/doctor/queue",
         {"body": "", "action": "publish"}, 400),
    ]
    for name, b, path, src, form, status in posted:
        form["csrf"] = b.csrf(src)
        r = b.post(path, form)
        out.append(("%s (%d)" % (name, r.status), r.status, r.text))
        t.eq(r.status, status, name)
    return out


def vnu_check(t, jar, pages, prefix="page"):
    """Run the Nu HTML Checker once over pages [(label, status, html)];
    a failed check per page with errors."""
    files = {}
    for label, _, html in pages:
        fn = t.path("%s-%d.html" % (prefix, len(files)))
        with open(fn, "w") as f:
            f.write(html)
        files[fn] = label
    p = subprocess.run(["java", "-jar", jar, "--errors-only", "--format", "json"] + list(files),
                       capture_output=True, text=True, timeout=600)
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
    t.eq(sorted(set(bad) - set(files.values())), [], "errors in files the test did not write")
    t.eq(p.returncode in (0, 1) and not (p.returncode and not bad), True,
         "vnu ran (exit %d)" % p.returncode)
    for name in files.values():
        t.ok(name not in bad, "%s: Nu HTML Checker errors: %s" % (name, "; ".join(bad.get(name, []))[:600]))


def test_every_page_kind_validates(t):
    jar = vnu_jar()
    db = fresh_db(t, "vnu")
    s = t.server(db, args=["--qa-comments"])
    pages = render_pages(t, db, s)
    vnu_check(t, jar, pages)
    t.ok(len(pages) >= 45, "checked %d pages" % len(pages))
