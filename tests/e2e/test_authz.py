"""tests/e2e/test_authz.py: who may use which route, for every route.

POLICY names, for every route of the site's route table (read from
src/web/web.c, so a route added without a policy here fails the test),
the least role that may use it. The test signs in one account of each
role and asks every guarded route as each of them:

- a visitor is sent to /login (GET routes with ?next= back to the page),
- a signed-in role below the route's is refused with 403, and a POST
  refused so changes nothing in the database,
- a role at or above it gets the page (GET: 200).

Owner-only routes (a patient's own question, a comment's author, a
doctor's own answer) are also asked by another account of the same role,
which must get 403 or 404 and change nothing. Every POST route refuses a
missing CSRF token with 403 whatever the role.
"""
import os
import re
import sqlite3

import askflow
from askflow import ADMIN, MOD, ONCO, PATIENT, PATIENT2, PEDS, UNVERIFIED, Browser
from harness import REPO

# least role: public, patient (any signed-in account), doctor (a verified
# doctor; staff pass too), moderator, admin; "profile" is a doctor's own
# profile (staff without one get 404); "token" routes are opened by the status link's
# capability token and need no account.
POLICY = {
    ("GET", "/"): "public",
    ("GET", "/departments"): "public",
    ("GET", "/department/:slug"): "public",
    ("GET", "/topic/:slug"): "public",
    ("GET", "/qa/:id"): "public",
    ("GET", "/library/:id"): "public",
    ("GET", "/articles/:slug"): "public",
    ("GET", "/search"): "public",
    ("GET", "/api/search"): "public",
    ("GET", "/api/similar"): "public",
    ("POST", "/api/redflags"): "public",
    ("GET", "/ask"): "public",
    ("POST", "/ask"): "public",
    ("GET", "/my/questions"): "patient",
    ("GET", "/my/questions/:id"): "owner",
    ("POST", "/my/questions/:id/withdraw"): "owner",
    ("POST", "/my/questions/:id/follow-up"): "owner",
    ("POST", "/my/questions/:id/request"): "owner",
    ("GET", "/my/question/:token"): "token",
    ("POST", "/my/question/:token/withdraw"): "token",
    ("POST", "/my/question/:token/follow-up"): "token",
    ("POST", "/my/question/:token/request"): "token",
    ("GET", "/doctor/queue"): "doctor",
    ("GET", "/doctor/question/:id"): "doctor",
    ("POST", "/doctor/question/:id"): "doctor",
    ("GET", "/doctor/answer/:id/edit"): "owner",
    ("POST", "/doctor/answer/:id/edit"): "owner",
    ("GET", "/moderate/question/:id"): "moderator",
    ("POST", "/moderate/question/:id/reject"): "moderator",
    ("POST", "/moderate/question/:id/unpublish"): "moderator",
    ("POST", "/moderate/question/:id/republish"): "moderator",
    ("POST", "/moderate/question/:id/department"): "moderator",
    ("POST", "/moderate/question/:id/edit"): "moderator",
    ("GET", "/moderate/requests"): "moderator",
    ("POST", "/moderate/requests/:id/dismiss"): "moderator",
    ("GET", "/qa/:id/report"): "public",
    ("POST", "/qa/:id/report"): "public",
    ("GET", "/login"): "public",
    ("POST", "/login"): "public",
    ("POST", "/logout"): "public",  # ends the caller's own session, if any
    ("GET", "/account"): "patient",
    ("POST", "/account/data"): "patient",
    ("GET", "/account/password"): "patient",
    ("POST", "/account/password"): "patient",
    ("POST", "/account/sessions/end"): "patient",
    ("GET", "/account/delete"): "patient",
    ("POST", "/account/delete"): "patient",
    # password reset by e-mail: the link's token is the key (404 without SMTP)
    ("GET", "/password/forgot"): "public",
    ("POST", "/password/forgot"): "public",
    ("GET", "/password/reset/:token"): "token",
    ("POST", "/password/reset/:token"): "token",
    ("GET", "/register"): "public",
    ("POST", "/register"): "public",
    ("GET", "/doctor/apply"): "public",
    ("POST", "/doctor/apply"): "public",
    ("GET", "/admin"): "moderator",
    ("GET", "/admin/doctors"): "admin",
    ("POST", "/admin/doctors/:id/verify"): "admin",
    ("POST", "/admin/doctors/:id/reject"): "admin",
    ("GET", "/admin/doctors/:id/edit"): "admin",
    ("POST", "/admin/doctors/:id/edit"): "admin",
    ("GET", "/admin/users"): "admin",
    ("GET", "/admin/audit"): "admin",
    ("POST", "/admin/users/:id/role"): "admin",
    ("POST", "/admin/users/:id/disable"): "admin",
    ("POST", "/admin/users/:id/enable"): "admin",
    ("GET", "/doctors"): "public",
    ("GET", "/doctor/profile"): "profile",
    ("POST", "/doctor/profile"): "profile",
    ("GET", "/doctor/:id"): "public",
    ("GET", "/doctor/:id/photo"): "public",
    ("GET", "/admin/taxonomy"): "admin",
    ("POST", "/admin/departments"): "admin",
    ("POST", "/admin/departments/:id"): "admin",
    ("POST", "/admin/topics"): "admin",
    ("POST", "/admin/topics/:id"): "admin",
    ("POST", "/admin/topic-merge"): "admin",
    ("GET", "/articles"): "public",
    ("GET", "/articles/in/*path"): "public",
    ("POST", "/articles/:slug/comments"): "patient",
    ("POST", "/qa/:id/comments"): "patient",
    ("GET", "/write"): "doctor",
    ("POST", "/write"): "doctor",
    ("GET", "/write/:id"): "owner",
    ("POST", "/write/:id"): "owner",
    ("GET", "/my/articles"): "doctor",
    ("GET", "/comments/:id/edit"): "owner",
    ("POST", "/comments/:id/edit"): "owner",
    ("POST", "/comments/:id/delete"): "owner",
    # anyone may flag a comment (one report per account or address)
    ("GET", "/comments/:id/report"): "public",
    ("POST", "/comments/:id/report"): "public",
    ("GET", "/moderate/comments"): "moderator",
    ("POST", "/moderate/comments/:id"): "moderator",
    ("GET", "/feeds/*file"): "public",
    ("GET", "/sitemap.xml"): "public",
    ("GET", "/sitemaps/:file"): "public",
    ("GET", "/robots.txt"): "public",
    ("GET", "/api/qa"): "public",
    ("GET", "/api/qa/:id"): "public",
    ("GET", "/api/articles"): "public",
    ("GET", "/api/articles/:slug"): "public",
    ("GET", "/api/departments"): "public",
    ("GET", "/api/departments/:slug"): "public",
    ("GET", "/api/topics"): "public",
    ("GET", "/api/topics/:slug"): "public",
    ("GET", "/api/doctors"): "public",
    ("GET", "/api/doctors/:id"): "public",
}

RANK = {"patient": 0, "doctor": 1, "moderator": 2, "admin": 3}
ROUTE_RE = re.compile(r'\{"(GET|POST)",\s*"([^"]+)",\s*page_\w+')


def route_table():
    with open(os.path.join(REPO, "src", "web", "web.c")) as f:
        return ROUTE_RE.findall(f.read())


def snapshot(db):
    """Every table's rows, except sessions (signing in touches them)."""
    con = sqlite3.connect(db)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' AND name NOT IN ('sessions')")]
        return {n: con.execute("SELECT * FROM \"%s\"" % n).fetchall() for n in names}
    finally:
        con.close()


def diff(a, b):
    return sorted(n for n in set(a) | set(b) if a.get(n) != b.get(n))


def test_every_route_has_a_policy(t):
    routes = route_table()
    t.ok(len(routes) > 50, "route table read (%d routes)" % len(routes))
    missing = [r for r in routes if tuple(r) not in POLICY]
    t.eq(missing, [], "routes without a policy in test_authz.POLICY")
    stale = [k for k in POLICY if list(k) not in [list(r) for r in routes]]
    t.eq(stale, [], "policies for routes that no longer exist")


def tok(b):
    """The CSRF token of a signed-in page (the header's logout form)."""
    return b.csrf("/")


SETUPS = [0]


def setup(t):
    SETUPS[0] += 1
    db = askflow.fresh_db(t, "authz%d" % SETUPS[0])
    s = t.server(db, args=("--qa-comments",))
    who = {
        "patient": askflow.login(s, PATIENT[0], PATIENT[2]),
        "patient2": askflow.login(s, PATIENT2[0], PATIENT2[2]),
        "unverified": askflow.login(s, UNVERIFIED[0], UNVERIFIED[2]),
        "doctor": askflow.login(s, ONCO[0], ONCO[2]),
        "doctor2": askflow.login(s, PEDS[0], PEDS[2]),
        "moderator": askflow.login(s, MOD[0], MOD[2]),
        "admin": askflow.login(s, ADMIN[0], ADMIN[2]),
    }
    one = askflow.one
    # things to act on: the patient's waiting question and one answered
    # by the oncologist, a comment of the patient's, a draft of the
    # oncologist's, another user and the unverified doctor to act on
    qid, status, _ = askflow.ask(t, who["patient"], db)
    qid2, _, _ = askflow.ask(t, who["patient"], db, title="Can I drink coffee after chemo?")
    r = askflow.reply(t, who["doctor"], qid2)
    t.eq(r.status, 303, "setup: reply published")
    aid = one(db, "SELECT id FROM answers WHERE question_id = ?", qid2)
    qa = one(db, "SELECT id FROM questions WHERE status = 'published' ORDER BY id LIMIT 1")
    article = one(db, "SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")
    p = who["patient"]
    r = p.post("/articles/%s/comments" % article,
               {"csrf": p.csrf("/articles/" + article), "body": "Clear and kind, thanks."})
    t.ok(r.status in (200, 303), "setup: comment posted (%d)" % r.status)
    cid = one(db, "SELECT max(id) FROM comments")
    d = who["doctor"]
    r = d.post("/write", {"csrf": d.csrf("/write"), "title": "Rest after surgery",
                          "summary": "Why rest helps.", "body": "Rest helps healing.",
                          "category": "More > Health > Recovery", "action": "save"})
    t.ok(r.status in (200, 303), "setup: draft saved (%d)" % r.status)
    art = one(db, "SELECT max(id) FROM articles WHERE author_id = (SELECT id FROM users"
                  " WHERE email = ?)", ONCO[0])
    ids = {
        "/my/questions/:id": qid, "/doctor/question/:id": qid,
        "/doctor/answer/:id": aid, "/moderate/question/:id": qid2,
        "/admin/doctors/:id": one(db, "SELECT id FROM users WHERE email = ?", UNVERIFIED[0]),
        "/admin/users/:id": one(db, "SELECT id FROM users WHERE email = ?", PATIENT2[0]),
        "/admin/departments/:id": one(db, "SELECT min(id) FROM departments"),
        "/admin/topics/:id": one(db, "SELECT min(id) FROM topics"),
        "/write/:id": art, "/comments/:id": cid, "/moderate/comments/:id": cid,
        "/qa/:id": qa, "/articles/:slug": article, "/doctor/:id": one(db, "SELECT user_id FROM doctors"
                                               " WHERE verified_at IS NOT NULL LIMIT 1"),
    }
    return db, s, who, ids, status


def concrete(path, ids):
    for prefix, v in sorted(ids.items(), key=lambda kv: -len(kv[0])):
        stem = prefix[:prefix.rindex("/")]
        if path.startswith(prefix) and v is not None:
            return str(v).join([stem + "/", path[len(prefix):]])
    return path


def owner_of(path):
    """Who owns the thing an owner route acts on, and who else of the same
    standing must be kept out."""
    if path.startswith("/doctor/answer") or path.startswith("/write"):
        return "doctor", "doctor2"
    return "patient", "patient2"


def test_role_matrix(t):
    db, s, who, ids, _ = setup(t)
    order = ["patient", "unverified", "doctor", "moderator", "admin"]
    role_of = {"patient": "patient", "unverified": "patient", "doctor": "doctor",
               "moderator": "moderator", "admin": "admin"}
    anon = Browser(s)
    anon_tok = anon.csrf("/login")
    for method, pattern in route_table():
        pol = POLICY.get((method, pattern))
        if pol in (None, "public", "token"):
            continue
        path = concrete(pattern, ids)
        what = "%s %s" % (method, pattern)
        before = snapshot(db) if method == "POST" else None
        # visitors go to the login page
        r = anon.get(path) if method == "GET" else anon.post(path, {"csrf": anon_tok})
        t.eq(r.status, 303, what + ": visitor redirected")
        loc = r.header("location") or ""
        if method == "GET":
            t.eq(loc, "/login?next=" + path, what + ": visitor to login and back")
        else:
            t.ok(loc.startswith("/login"), what + ": visitor to login (%r)" % loc)
        if pol == "profile":
            for name, want in (("patient", 403), ("unverified", 403), ("doctor", 200),
                               ("moderator", 404), ("admin", 404)):
                b = who[name]
                if method == "GET":
                    t.eq(b.get(path).status, want, "%s as %s" % (what, name))
                elif want != 200:
                    r = b.post(path, {"csrf": tok(b)})
                    t.eq(r.status, want, "%s as %s refused" % (what, name))
        elif pol == "owner":
            own, other = owner_of(pattern)
            b = who[other]
            r = b.get(path) if method == "GET" else b.post(path, {"csrf": tok(b)})
            t.ok(r.status in (403, 404), "%s: %s (not the owner) refused (%d)" % (
                what, other, r.status))
            for lower in order[:order.index(own)]:
                if role_of[lower] == role_of[own]:
                    continue
                b = who[lower]
                r = b.get(path) if method == "GET" else b.post(path, {"csrf": tok(b)})
                t.ok(r.status in (403, 404), "%s: %s refused (%d)" % (what, lower, r.status))
            if method == "GET":
                t.eq(who[own].get(path).status, 200, what + ": owner gets the page")
        else:
            need = RANK[pol]
            for name in order:
                b = who[name]
                allowed = RANK[role_of[name]] >= need
                if method == "GET":
                    r = b.get(path)
                    t.eq(r.status, 200 if allowed else 403, "%s as %s" % (what, name))
                elif not allowed:
                    r = b.post(path, {"csrf": tok(b)})
                    t.eq(r.status, 403, "%s as %s refused" % (what, name))
        if before is not None:
            t.eq(diff(before, snapshot(db)), [], what + ": refusals changed nothing")


def test_every_post_needs_csrf(t):
    db, s, who, ids, status = setup(t)
    before = snapshot(db)
    for method, pattern in route_table():
        if method != "POST" or pattern == "/api/redflags":
            continue
        path = concrete(pattern, ids).replace("/my/question/:token", status)
        pol = POLICY.get((method, pattern))
        b = who["admin"] if pol in ("admin", "moderator") else (
            who["doctor"] if pol == "doctor" or pattern.startswith("/doctor/answer")
            or pattern.startswith("/write") else who["patient"])
        r = b.post(path, {"body": "x", "title": "x", "reason": "x"})
        t.eq(r.status, 403, "%s %s without a CSRF token" % (method, pattern))
    t.eq(diff(before, snapshot(db)), [], "nothing changed without tokens")


def test_only_doctors_answer(t):
    """Staff may read the queue and a question, but a reply is a doctor's:
    a moderator or an admin without a doctor's profile cannot publish one."""
    db, s, who, ids, _ = setup(t)
    qid = ids["/doctor/question/:id"]
    for name in ("moderator", "admin"):
        before = snapshot(db)
        r = askflow.reply(t, who[name], qid)
        t.eq(r.status, 403, "%s cannot publish a reply" % name)
        t.eq(diff(before, snapshot(db)), [], "%s: nothing stored" % name)
    r = askflow.reply(t, who["doctor"], qid)
    t.eq(r.status, 303, "the doctor can")
