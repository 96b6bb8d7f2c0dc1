"""tests/e2e/test_authz.py: who may use which route, for every route.

The route table in src/web/web.c states each route's preconditions in its
flags column (NEED_* in src/web/auth.h). This test reads the table, flags
included, and derives from the flags what each role must get, so a route
added to the table is tested at once, and a flag this test cannot
interpret fails it. It signs in one account of each role and asks every
guarded route as each of them:

- a visitor is sent to /login (GET routes with ?next= back to the page),
- a signed-in role the flags do not admit is refused with 403, and a POST
  refused so changes nothing in the database,
- a role they admit gets the page (GET: 200).

NEED_OWNER routes (a patient's own question, a comment's author, a
doctor's own answer or article) are also asked by another account of the
same role, which must get 403 or 404 and change nothing. Every POST route
carries NEED_CSRF (but the few read-only ones listed below) and refuses a
missing token with 403 whatever the role. Routes without a role flag are
public, or opened by a capability token in their path (/my/question/:token).

Handlers never check a role or a CSRF token themselves: the last test
reads the handler files and fails on the old guards.
"""
import glob
import os
import re

import askflow
from askflow import ADMIN, MOD, ONCO, PATIENT, PATIENT2, PEDS, UNVERIFIED, Browser
import harness
from harness import REPO

# The role flags and who each admits, of the accounts this test signs in
# ("unverified" is a doctor whose profile no admin has verified).
ROLE_FLAGS = {
    "NEED_USER": {"patient", "unverified", "doctor", "moderator", "admin"},
    "NEED_DOCTOR": {"doctor", "moderator", "admin"},
    "NEED_DOCTOR_ONLY": {"doctor"},
    "NEED_MODERATOR": {"moderator", "admin"},
    "NEED_ADMIN": {"admin"},
}
OTHER_FLAGS = {"NEED_CSRF", "NEED_OWNER"}
# POST routes that change nothing, so need no CSRF token.
READ_ONLY_POSTS = {("POST", "/api/redflags")}  # live emergency hints for the ask form

TABLE_RE = re.compile(r"static const struct http_route routes\[\] = \{(.*?)\n\};", re.S)
ROUTE_RE = re.compile(r'\{"([A-Z]+)",\s*"([^"]+)",\s*(page_\w+),\s*([^{}]*?)\s*\}')


class Route:
    def __init__(self, method, pattern, flags):
        self.method, self.pattern, self.flags = method, pattern, flags
        roles = [f for f in flags if f in ROLE_FLAGS]
        self.role = roles[0] if roles else None
        self.owner = "NEED_OWNER" in flags
        self.csrf = "NEED_CSRF" in flags

    def admits(self, who):
        return self.role is None or who in ROLE_FLAGS[self.role]


def parse_flags(text):
    """The flag names of a flags column, or raise ValueError."""
    text = " ".join(text.split())
    if text == "0":
        return set()
    names = [n.strip() for n in text.split("|")]
    bad = [n for n in names if n not in ROLE_FLAGS and n not in OTHER_FLAGS]
    if bad or not names:
        raise ValueError("flags this test cannot interpret: %r" % text)
    if sum(n in ROLE_FLAGS for n in names) > 1:
        raise ValueError("more than one role flag: %r" % text)
    if "NEED_OWNER" in names and not any(n in ROLE_FLAGS for n in names):
        raise ValueError("NEED_OWNER without a role flag: %r" % text)
    return set(names)


def route_table():
    with open(os.path.join(REPO, "src", "web", "web.c")) as f:
        table = TABLE_RE.search(f.read()).group(1)
    table = re.sub(r"/\*.*?\*/", "", table, flags=re.S)
    rows = ROUTE_RE.findall(table)
    if len(rows) != table.count("{"):
        raise ValueError("route table rows this test cannot read")
    out = []
    for method, pattern, _, flags in rows:
        try:
            out.append(Route(method, pattern, parse_flags(flags)))
        except ValueError as e:
            raise ValueError("%s %s: %s" % (method, pattern, e))
    return out


def snapshot(db):
    """Every table's rows, except sessions (signing in touches them)."""
    names = [n for n in harness.tables(db) if n != "sessions"]
    return {n: harness.rows(db, "SELECT * FROM \"%s\"" % n) for n in names}


def diff(a, b):
    return sorted(n for n in set(a) | set(b) if a.get(n) != b.get(n))


def test_route_flags(t):
    routes = route_table()
    t.ok(len(routes) > 50, "route table read (%d routes)" % len(routes))
    for bad in ("NEED_SOMETHING", "NEED_USER | NEED_ADMIN", "NEED_OWNER | NEED_CSRF", ""):
        try:
            parse_flags(bad)
            t.ok(False, "flags %r refused" % bad)
        except ValueError:
            pass
    t.eq(parse_flags("NEED_DOCTOR |\n NEED_CSRF"), {"NEED_DOCTOR", "NEED_CSRF"}, "flags read")
    no_csrf = [(r.method, r.pattern) for r in routes
               if r.method == "POST" and not r.csrf and (r.method, r.pattern) not in READ_ONLY_POSTS]
    t.eq(no_csrf, [], "POST routes without NEED_CSRF")
    t.eq([(r.method, r.pattern) for r in routes if r.method != "POST" and r.csrf], [],
         "NEED_CSRF on routes that are not POST")
    stale = [k for k in READ_ONLY_POSTS if k not in [(r.method, r.pattern) for r in routes]]
    t.eq(stale, [], "read-only POST routes that no longer exist")


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
        "/admin/intake/:id": one(db, "SELECT min(id) FROM departments"),
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


def owner_of(route):
    """Who owns the row an owner route acts on, and who else of the same
    standing must be kept out."""
    if route.role == "NEED_USER":
        return "patient", "patient2"
    if route.role == "NEED_DOCTOR":
        return "doctor", "doctor2"
    raise ValueError("%s %s: no owner accounts for %s" % (route.method, route.pattern, route.role))


def test_role_matrix(t):
    db, s, who, ids, _ = setup(t)
    order = ["patient", "unverified", "doctor", "moderator", "admin"]
    anon = Browser(s)
    anon_tok = anon.csrf("/login")
    for r in route_table():
        if r.role is None:
            continue  # public, or opened by a token in the path
        method, pattern = r.method, r.pattern
        path = concrete(pattern, ids)
        what = "%s %s" % (method, pattern)
        before = snapshot(db) if method == "POST" else None
        # visitors go to the login page
        res = anon.get(path) if method == "GET" else anon.post(path, {"csrf": anon_tok})
        t.eq(res.status, 303, what + ": visitor redirected")
        loc = res.header("location") or ""
        if method == "GET":
            t.eq(loc, "/login?next=" + path, what + ": visitor to login and back")
        else:
            t.ok(loc.startswith("/login"), what + ": visitor to login (%r)" % loc)
        # roles the flags do not admit: 403, whatever the row
        for name in order:
            if r.admits(name):
                continue
            b = who[name]
            res = b.get(path) if method == "GET" else b.post(path, {"csrf": tok(b)})
            t.eq(res.status, 403, "%s as %s refused" % (what, name))
        if r.owner:
            own, other = owner_of(r)
            b = who[other]
            res = b.get(path) if method == "GET" else b.post(path, {"csrf": tok(b)})
            t.ok(res.status in (403, 404), "%s: %s (not the owner) refused (%d)" % (
                what, other, res.status))
            if method == "GET":
                t.eq(who[own].get(path).status, 200, what + ": owner gets the page")
        elif method == "GET":
            for name in order:
                if r.admits(name):
                    t.eq(who[name].get(path).status, 200, "%s as %s" % (what, name))
        if before is not None:
            t.eq(diff(before, snapshot(db)), [], what + ": refusals changed nothing")


def test_every_post_needs_csrf(t):
    db, s, who, ids, status = setup(t)
    before = snapshot(db)
    for r in route_table():
        if not r.csrf:
            continue
        path = concrete(r.pattern, ids).replace("/my/question/:token", status)
        b = who["admin"] if r.role in ("NEED_ADMIN", "NEED_MODERATOR") else (
            who["doctor"] if r.role in ("NEED_DOCTOR", "NEED_DOCTOR_ONLY") else who["patient"])
        res = b.post(path, {"body": "x", "title": "x", "reason": "x"})
        t.eq(res.status, 403, "%s %s without a CSRF token" % (r.method, r.pattern))
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


# What handlers may no longer do: guards of their own. auth.c holds the
# one check (auth_before); a role question a page still has goes through
# auth_has(), a row's owner through auth_owner().
GUARDS = [
    (re.compile(r"\bauth_require\s*\("), "calls auth_require"),
    (re.compile(r"\bauth_csrf_ok\s*\("), "calls auth_csrf_ok"),
    (re.compile(r"\bhttp_form\s*\([^;]*\"csrf\"\s*\)"), "reads the csrf field"),
    (re.compile(r"role\s*(<|>)=?\s*STORE_ROLE_\w+|STORE_ROLE_\w+\s*(<|>)=?\s*\S*role"),
     "compares a role"),
    (re.compile(r"\b(u|au|me|user)->doctor_verified\b|auth_user\([^)]*\)->(role|doctor_verified)"),
     "checks the user's role or verification"),
]


def handler_guards(files):
    """(file:line, what) for each guard a handler file makes itself."""
    found = []
    for path in files:
        with open(path) as f:
            for n, line in enumerate(f, 1):
                for rx, what in GUARDS:
                    if rx.search(line):
                        found.append("%s:%d: %s" % (os.path.relpath(path, REPO), n, what))
    return found


def test_handlers_do_not_guard(t):
    web = os.path.join(REPO, "src", "web")
    files = [p for p in sorted(glob.glob(os.path.join(web, "*.c")))
             if os.path.basename(p) != "auth.c"]
    t.ok(len(files) > 20, "handler files read (%d)" % len(files))
    t.eq(handler_guards(files), [], "handlers that check roles or CSRF themselves")
    with open(os.path.join(web, "auth.h")) as f:
        header = f.read()
    for name in ("auth_require", "auth_csrf_ok"):
        t.ok(name not in header, "auth.h does not offer %s to handlers" % name)
