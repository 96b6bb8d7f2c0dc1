"""Content and discovery (issue 5): doctor profiles and photos, department
and topic pages and their administration (renames, merges, redirects),
articles and categories, comments with their spam controls and
moderation, Atom feeds, sitemaps, robots.txt, JSON-LD and Open Graph on
every page, and the JSON read API, including hostile input."""
import json
import re
import struct
import uuid
import xml.etree.ElementTree as ET
import zlib

from askflow import (ADMIN, MOD, ONCO, PATIENT, PATIENT2, UNVERIFIED, Browser,
                     exec_sql, fresh_db, one, rows)

ATOM = "{http://www.w3.org/2005/Atom}"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


# ---- helpers ----

def jsonld(t, html, what):
    """The JSON-LD objects of a page (its @graph flattened)."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    t.eq(len(blocks), 1, "%s: one JSON-LD block" % what)
    out = []
    for b in blocks:
        t.ok("<" not in b and ">" not in b, "%s: no raw angle brackets in JSON-LD" % what)
        try:
            doc = json.loads(b)
        except ValueError as e:
            t.fail("%s: JSON-LD does not parse: %s" % (what, e))
            continue
        t.eq(doc.get("@context"), "https://schema.org", "%s: @context" % what)
        out.extend(doc.get("@graph", [doc]))
    return out


def of_type(objs, typ):
    return [o for o in objs if o.get("@type") == typ]


def check_breadcrumbs(t, objs, what, names=None):
    bl = of_type(objs, "BreadcrumbList")
    if not t.eq(len(bl), 1, "%s: a BreadcrumbList" % what):
        return
    items = bl[0]["itemListElement"]
    t.eq([i["position"] for i in items], list(range(1, len(items) + 1)),
         "%s: breadcrumb positions" % what)
    t.ok(all(i.get("name") and i.get("item", "").startswith("http") for i in items),
         "%s: breadcrumbs have names and absolute items" % what)
    if names:
        t.eq([i["name"] for i in items], names, "%s: breadcrumb names" % what)


def png(w=2, h=2, text=b"Comment\x00taken at 25.0330N 121.5654E"):
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    raw = b"".join(b"\x00" + b"\x10\x80\xc0" * w for _ in range(h))
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
    if text:
        out += chunk(b"tEXt", text)
    return out + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def jpeg(exif=b"Exif\x00\x00GPS 25.0330N 121.5654E"):
    seg = lambda m, d: b"\xff" + bytes([m]) + struct.pack(">H", len(d) + 2) + d
    return (b"\xff\xd8" + seg(0xe0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00") +
            seg(0xe1, exif) + seg(0xfe, b"shot on a phone") +
            seg(0xc0, b"\x08\x00\x10\x00\x20\x03\x01\x11\x00\x02\x11\x01\x03\x11\x01") +
            seg(0xda, b"\x03\x01\x00\x02\x11\x03\x11\x00\x3f\x00") + b"\x12\x34\x56" + b"\xff\xd9")


def webp(w=3, h=2):
    bits = (w - 1) | ((h - 1) << 14)
    vp8l = b"\x2f" + struct.pack("<I", bits) + b"\x00" * 8
    chunk = b"VP8L" + struct.pack("<I", len(vp8l)) + vp8l
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def webp_x(w=3, h=2):
    """An extended WebP (VP8X) with ICC, EXIF and XMP chunks and their
    flags set, around a VP8L image."""
    def chunk(kind, data):
        return kind + struct.pack("<I", len(data)) + data + (b"\x00" if len(data) & 1 else b"")
    x = bytes([0x2c, 0, 0, 0]) + struct.pack("<I", w - 1)[:3] + struct.pack("<I", h - 1)[:3]
    vp8l = b"\x2f" + struct.pack("<I", ((w - 1) & 0x3fff) | (((h - 1) & 0x3fff) << 14)) + b"\x00" * 8
    body = (b"WEBP" + chunk(b"VP8X", x) + chunk(b"ICCP", b"profile by Acme Phone") +
            chunk(b"VP8L", vp8l) + chunk(b"EXIF", b"Exif\x00\x00GPS 25.0330N 121.5654E") +
            chunk(b"XMP ", b"<x:xmpmeta>Acme Phone 12</x:xmpmeta>"))
    return b"RIFF" + struct.pack("<I", len(body)) + body


def multipart(fields, files):
    """(body, content type) for fields {name: value} and files
    {name: (filename, content type, bytes)}."""
    bnd = "----askdoc" + uuid.uuid4().hex
    out = b""
    for k, v in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                % (bnd, k, v)).encode()
    for k, (fn, ct, data) in files.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                "Content-Type: %s\r\n\r\n" % (bnd, k, fn, ct)).encode() + data + b"\r\n"
    out += ("--%s--\r\n" % bnd).encode()
    return out, "multipart/form-data; boundary=" + bnd


def signed_in(s, who):
    b = Browser(s)
    b.login(who[0], who[2])
    return b


def uid(db, email):
    return one(db, "SELECT id FROM users WHERE email = ?", email)


def first_article(db):
    return one(db, "SELECT slug FROM articles WHERE status = 'published' ORDER BY id LIMIT 1")


# ---- doctor profiles ----

def test_doctor_profile_page(t):
    db = fresh_db(t, "doc")
    s = t.server(db)
    did = one(db, "SELECT d.user_id FROM doctors d JOIN answers a ON a.doctor_id = d.user_id"
                  " WHERE d.verified_at IS NOT NULL GROUP BY d.user_id"
                  " ORDER BY count(*) DESC LIMIT 1")
    name, title, hospital = rows(db, "SELECT u.name, d.title, d.hospital FROM users u"
                                     " JOIN doctors d ON d.user_id = u.id WHERE u.id = ?", did)[0]
    r = s.get("/doctor/%d" % did)
    t.eq(r.status, 200, "doctor page")
    for want in ("Dr. " + name, title, hospital, 'class="crumbs"', "Answers by Dr.",
                 'href="/qa/', 'href="/department/'):
        t.has(r.text, want.replace("'", "&#39;"), "doctor page shows")
    objs = jsonld(t, r.text, "doctor page")
    ph = of_type(objs, "Physician")
    t.ok(ph and ph[0]["name"] == "Dr. " + name, "Physician JSON-LD with the name")
    t.ok(ph and ph[0].get("hospitalAffiliation", {}).get("name") == hospital,
         "Physician's hospital")
    check_breadcrumbs(t, objs, "doctor page")
    t.has(r.text, '<meta property="og:type" content="profile">', "og:type profile")
    # Q&A pages link the replying doctor to this page.
    qid = one(db, "SELECT a.question_id FROM answers a JOIN questions q ON q.id = a.question_id"
                  " WHERE a.doctor_id = ? AND q.status = 'published' LIMIT 1", did)
    t.has(s.get("/qa/%d" % qid).text, '<a href="/doctor/%d">Dr. ' % did, "Q&A links the doctor")
    # The list of doctors links it too.
    t.has(s.get("/doctors").text, 'href="/doctor/%d"' % did, "/doctors lists the doctor")
    # Paging: past the end, malformed or zero pages are 404.
    for q in ("?page=99", "?page=0", "?page=x", "?page=-1"):
        t.eq(s.get("/doctor/%d%s" % (did, q)).status, 404, "doctor page " + q)
    # Unknown, malformed and unverified doctors: 404 (no existence leak).
    unv = uid(db, UNVERIFIED[0])
    patient = uid(db, PATIENT[0])
    for p in ("/doctor/999999", "/doctor/abc", "/doctor/0", "/doctor/%d" % unv,
              "/doctor/%d" % patient, "/doctor/%d/photo" % did, "/doctor/%d/photo" % unv):
        t.eq(s.get(p).status, 404, "404 for " + p)
    # A disabled doctor's page goes away.
    exec_sql(db, "UPDATE users SET disabled = 1 WHERE id = ?", did)
    t.eq(s.get("/doctor/%d?page=1" % did).status, 404, "disabled doctor's page is gone")


def test_doctor_photo_upload(t):
    db = fresh_db(t, "photo")
    s = t.server(db)
    did = uid(db, ONCO[0])
    anon = Browser(s)
    r = anon.get("/doctor/profile")
    t.eq(r.status, 303, "profile editor needs a login")
    patient = signed_in(s, PATIENT)
    t.eq(patient.get("/doctor/profile").status, 403, "patients cannot edit doctor profiles")
    doc = signed_in(s, ONCO)
    r = doc.get("/doctor/profile")
    t.eq(r.status, 200, "profile editor")
    t.has(r.text, 'enctype="multipart/form-data"', "editor uploads files")
    tok = doc.csrf("/doctor/profile")

    def upload(data, filename="me.png", ctype="image/png", csrf=None, **fields):
        f = {"csrf": tok if csrf is None else csrf, "bio": "I treat cancers of the liver.",
             "signoff": "Dr. Olga"}
        f.update(fields)
        body, ct = multipart(f, {"photo": (filename, ctype, data)} if data is not None else {})
        return doc.request("POST", "/doctor/profile", body=body, headers={"Content-Type": ct})

    # Lies about the type: refused with 415, nothing stored.
    for what, data, fn, ct in (
            ("HTML named .png", b"<html><script>alert(1)</script></html>", "x.png", "image/png"),
            ("SVG with script", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
             "x.svg", "image/svg+xml"),
            ("GIF", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
                    b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;", "x.gif", "image/gif"),
            ("truncated PNG", png()[:40], "x.png", "image/png"),
            ("PNG header then junk", png()[:33] + b"\x00" * 64, "x.png", "image/png"),
            ("JPEG without a frame", b"\xff\xd8\xff\xe0\x00\x04ab\xff\xda\x00\x02", "x.jpg", "image/jpeg"),
            ("executable", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "x.jpg", "image/jpeg"),
            ("RIFF but not WebP", b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 40, "x.webp", "image/webp")):
        r = upload(data, fn, ct)
        t.eq(r.status, 415, "upload refused: " + what)
        t.has(r.text, "not a PNG, JPEG or WebP", "error says why: " + what)
    t.eq(one(db, "SELECT count(*) FROM doctor_photos"), 0, "no photo stored after lies")
    # Too large: 413.
    big = png(text=b"Comment\x00" + b"x" * (1024 * 1024 + 10))
    r = upload(big)
    t.eq(r.status, 413, "oversized photo refused")
    # Absurd dimensions: refused.
    r = upload(png(w=20000, h=1, text=None))
    t.eq(r.status, 415, "a 20000 pixel wide image is refused")
    # CSRF.
    t.eq(upload(png(), csrf="").status, 403, "upload without the CSRF token")
    t.eq(one(db, "SELECT count(*) FROM doctor_photos"), 0, "still no photo")
    # A real PNG (sent as application/octet-stream: the type is sniffed).
    r = upload(png(), "photo.bin", "application/octet-stream")
    t.eq(r.status, 303, "PNG accepted")
    page = s.get("/doctor/%d" % did).text
    m = re.search(r'src="(/doctor/%d/photo\?v=\d+)"' % did, page)
    t.ok(m is not None, "doctor page shows the photo")
    t.has(page, "I treat cancers of the liver.", "bio saved")
    r = s.get(m.group(1))
    t.eq(r.status, 200, "photo served")
    t.eq(r.header("content-type"), "image/png", "served with the sniffed type")
    t.eq(r.header("x-content-type-options"), "nosniff", "nosniff")
    t.has(r.header("content-security-policy") or "", "default-src 'none'", "photo CSP")
    t.ok(r.body.startswith(b"\x89PNG"), "PNG bytes")
    t.lacks(r.body.decode("latin-1"), "25.0330N", "PNG text chunk with a position removed")
    t.ok(r.header("etag") is not None, "photo has an ETag")
    r2 = s.get(m.group(1), headers={"If-None-Match": r.header("etag")})
    t.eq(r2.status, 304, "conditional request answers 304")
    jl = of_type(jsonld(t, page, "doctor with photo"), "Physician")
    t.ok(jl and jl[0].get("image", "").startswith("http"), "Physician has an image")
    # JPEG: EXIF and comments go, the image stays.
    t.eq(upload(jpeg(), "p.jpg", "image/png").status, 303, "JPEG accepted (type sniffed)")
    r = s.get("/doctor/%d/photo" % did)
    t.eq(r.header("content-type"), "image/jpeg", "JPEG served as JPEG")
    t.lacks(r.body.decode("latin-1"), "GPS", "EXIF removed")
    t.lacks(r.body.decode("latin-1"), "shot on a phone", "JPEG comment removed")
    t.ok(r.body.startswith(b"\xff\xd8") and r.body.endswith(b"\xff\xd9"), "JPEG intact")
    # WebP.
    t.eq(upload(webp(), "p.webp", "image/webp").status, 303, "WebP accepted")
    t.eq(s.get("/doctor/%d/photo" % did).header("content-type"), "image/webp", "WebP served")
    # WebP with EXIF, XMP and an ICC profile: the chunks and their flags go.
    t.eq(upload(webp_x(), "p.webp", "image/jpeg").status, 303, "extended WebP accepted")
    body = s.get("/doctor/%d/photo" % did).body
    for secret in (b"GPS", b"Acme", b"EXIF", b"XMP ", b"ICCP"):
        t.ok(secret not in body, "WebP metadata removed: %r" % secret)
    t.ok(body.startswith(b"RIFF") and struct.unpack("<I", body[4:8])[0] == len(body) - 8,
         "RIFF size matches the stripped file")
    t.eq(body[20] & 0x2c, 0, "VP8X metadata flags cleared")
    t.ok(b"VP8L" in body, "the image data stays")
    r = upload(webp_x(w=30000, h=30000), "bomb.webp", "image/webp")
    t.eq(r.status, 415, "a 30000 x 30000 WebP is refused")
    t.has(r.text, "4096", "says the size limit")
    r = upload(jpeg().replace(b"\x08\x00\x10\x00\x20", b"\x08\xff\xf0\xff\xf0"), "bomb.jpg",
               "image/jpeg")
    t.eq(r.status, 415, "a 65520 x 65520 JPEG is refused")
    bad = bytearray(webp_x())
    bad[16:20] = struct.pack("<I", 0x7ffffff0)
    t.eq(upload(bytes(bad), "p.webp", "image/webp").status, 415, "WebP with a forged chunk length")
    # Removing the photo.
    t.eq(upload(None, remove_photo="1").status, 303, "photo removed")
    t.eq(s.get("/doctor/%d/photo" % did).status, 404, "no photo any more")
    # A bio that is too long.
    r = upload(None, bio="x" * 4001)
    t.eq(r.status, 413, "bio too long")


def test_admin_edits_doctor_credentials(t):
    """Title, hospital and department are checked credentials: admins edit
    them (and the bio) on /admin/doctors/:id/edit; doctors cannot, and
    bad input is refused with a 400 naming the field, nothing stored."""
    db = fresh_db(t, "doc-edit")
    s = t.server(db)
    did = uid(db, ONCO[0])
    edit = "/admin/doctors/%d/edit" % did
    before = rows(db, "SELECT title, hospital, department_id, bio, licence_no, verified_at,"
                      " verified_by FROM doctors WHERE user_id = ?", did)[0]
    # Who may: anonymous visitors log in; doctors, moderators, patients: 403.
    t.eq(Browser(s).get(edit).status, 303, "anonymous: to the login page")
    for who in (ONCO, MOD, PATIENT):
        b = signed_in(s, who)
        t.eq(b.get(edit).status, 403, "%s cannot open the editor" % who[1])
        t.eq(b.post(edit, {"csrf": b.csrf("/"), "title": "Chief", "hospital": "X",
                           "department": "1"}).status, 403, "%s cannot post it" % who[1])
    # The doctor's own profile form does not change credentials either.
    doc = signed_in(s, ONCO)
    body, ct = multipart({"csrf": doc.csrf("/doctor/profile"), "bio": "b", "signoff": "s",
                          "title": "Self-promoted", "hospital": "Elsewhere",
                          "department": "999"}, {})
    doc.request("POST", "/doctor/profile", body=body, headers={"Content-Type": ct})
    t.eq(rows(db, "SELECT title, hospital, department_id FROM doctors WHERE user_id = ?", did)[0],
         before[:3], "the doctor's own form ignores title, hospital and department")
    before = rows(db, "SELECT title, hospital, department_id, bio, licence_no, verified_at,"
                      " verified_by FROM doctors WHERE user_id = ?", did)[0]
    adm = signed_in(s, ADMIN)
    r = adm.get(edit)
    t.eq(r.status, 200, "admin opens the editor")
    t.has(r.text, 'value="%s"' % before[0], "current title in the form")
    t.has(adm.get("/admin/users").text, 'href="%s"' % edit, "users page links the editor")
    t.eq(adm.get("/admin/doctors/999999/edit").status, 404, "unknown doctor: 404")
    t.eq(adm.get("/admin/doctors/%d/edit" % uid(db, PATIENT[0])).status, 404,
         "a patient has no doctor profile: 404")
    t.eq(adm.get("/admin/doctors/abc/edit").status, 404, "malformed id: 404")
    tok = adm.csrf(edit)
    other = one(db, "SELECT id FROM departments WHERE id <> ? ORDER BY id LIMIT 1", before[2])
    good = {"csrf": tok, "title": "Head of Hepatic Oncology", "hospital": "Harbour General",
            "department": str(other), "bio": "Treats liver tumours."}
    # Bad input: 400, a message naming the problem, nothing stored.
    for what, change, field, msg in (
            ("unknown department", {"department": "999999"}, "department", "choose one of the departments"),
            ("malformed department", {"department": "x1"}, "department", "choose one of the departments"),
            ("no department", {"department": ""}, "department", "fill in this field"),
            ("empty title", {"title": "  "}, "title", "fill in this field"),
            ("overlong title", {"title": "T" * 201}, "title", "200 characters"),
            ("overlong hospital", {"hospital": "é" * 201}, "hospital", "200 characters"),
            ("overlong bio", {"bio": "b" * 4001}, "bio", "4000 characters")):
        f = dict(good)
        f.update(change)
        r = adm.post(edit, f)
        # over its limit: 413, as on every form (web/form.h)
        t.eq(r.status, 413 if what.startswith("overlong") else 400, "refused: " + what)
        t.has(r.text, 'id="%s-err"' % field, "the error sits at its field: " + what)
        t.has(r.text, msg, "says why: " + what)
        if what != "overlong title":
            t.has(r.text, "Harbour General" if field != "hospital" else "é" * 20,
                  "the typed values stay in the form: " + what)
    f = dict(good)
    f.pop("csrf")
    t.eq(adm.post(edit, f).status, 403, "no CSRF token: 403")
    t.eq(rows(db, "SELECT title, hospital, department_id, bio, licence_no, verified_at,"
                  " verified_by FROM doctors WHERE user_id = ?", did)[0], before,
         "nothing stored by the refused posts")
    # A good edit: stored, verification kept, shown at once on the public pages.
    s.get("/doctor/%d" % did)  # cached before the change
    r = adm.post(edit, good)
    t.eq(r.status, 303, "saved")
    t.eq(r.header("location"), edit + "?done=doctor", "back to the editor")
    t.has(adm.get(edit + "?done=doctor").text, "profile has been saved", "saved notice")
    after = rows(db, "SELECT title, hospital, department_id, bio, licence_no, verified_at,"
                     " verified_by FROM doctors WHERE user_id = ?", did)[0]
    t.eq(after, ("Head of Hepatic Oncology", "Harbour General", other, "Treats liver tumours.")
         + before[4:], "new credentials stored; licence and verification kept")
    t.eq(rows(db, "SELECT count(*) FROM audit_log WHERE action = 'doctor.edit'"
                  " AND target_id = ?", did)[0][0], 1, "the edit is in the audit log")
    page = s.get("/doctor/%d" % did).text
    t.has(page, "Head of Hepatic Oncology", "public page shows the new title")
    t.has(page, "Harbour General", "public page shows the new hospital")
    dslug = one(db, "SELECT slug FROM departments WHERE id = ?", other)
    t.has(page, 'href="/department/%s"' % dslug, "public page links the new department")
    phys = of_type(jsonld(t, page, "edited doctor"), "Physician")
    t.ok(phys and phys[0].get("hospitalAffiliation", {}).get("name") == "Harbour General",
         "Physician JSON-LD follows")
    t.has(s.get("/department/" + dslug).text, ONCO[1], "listed on the new department's page")
    api = s.get("/api/doctors/%d" % did).json()
    t.eq(api.get("hospital"), "Harbour General", "the API follows")
    # An application waiting for verification can be corrected too.
    unv = uid(db, UNVERIFIED[0])
    t.has(adm.get("/admin/doctors").text, 'href="/admin/doctors/%d/edit"' % unv,
          "applications page links the editor")
    f = dict(good, csrf=adm.csrf("/admin/doctors/%d/edit" % unv), title="Resident")
    t.eq(adm.post("/admin/doctors/%d/edit" % unv, f).status, 303, "application corrected")
    t.eq(one(db, "SELECT verified_at FROM doctors WHERE user_id = ?", unv), None,
         "still waiting for verification")
    t.eq(s.get("/doctor/%d" % unv).status, 404, "and still not public")


# ---- departments and topics ----

def test_department_and_topic_pages(t):
    db = fresh_db(t, "dept")
    s = t.server(db)
    slug, name = rows(db, "SELECT d.slug, d.name FROM departments d JOIN questions q"
                          " ON q.department_id = d.id WHERE q.status = 'published'"
                          " GROUP BY d.id ORDER BY count(*) DESC LIMIT 1")[0]
    r = s.get("/department/" + slug)
    t.eq(r.status, 200, "department page")
    for want in ("<h1>%s</h1>" % name, "Topics", "Latest answers", "Doctors of",
                 'href="/topic/', 'href="/qa/', 'href="/doctor/',
                 'href="/feeds/department/%s.atom"' % slug):
        t.has(r.text, want, "department page has")
    objs = jsonld(t, r.text, "department")
    t.ok(of_type(objs, "CollectionPage"), "CollectionPage")
    check_breadcrumbs(t, objs, "department", ["Home", "Departments", name])
    # Paging.
    n = one(db, "SELECT count(*) FROM questions q JOIN departments d ON d.id = q.department_id"
                " WHERE d.slug = ? AND q.status = 'published'", slug)
    if n > 20:
        t.eq(s.get("/department/%s?page=2" % slug).status, 200, "page 2")
    t.eq(s.get("/department/%s?page=50" % slug).status, 404, "page past the end")
    t.eq(s.get("/department/%s?page=abc" % slug).status, 404, "malformed page")
    # Topic page: its department, its Q&As and library entries.
    tslug, tname, dname = rows(db, "SELECT t.slug, t.name, d.name FROM topics t"
                                   " JOIN departments d ON d.id = t.department_id"
                                   " JOIN question_topics x ON x.topic_id = t.id"
                                   " GROUP BY t.id ORDER BY count(*) DESC LIMIT 1")[0]
    r = s.get("/topic/" + tslug)
    t.eq(r.status, 200, "topic page")
    t.has(r.text, "<h1>%s</h1>" % tname, "topic name")
    t.has(r.text, dname, "topic shows its department")
    t.has(r.text, 'href="/qa/', "topic lists Q&As")
    check_breadcrumbs(t, jsonld(t, r.text, "topic"), "topic", ["Home", dname, tname])
    lib = one(db, "SELECT t.slug FROM faq f JOIN topics t ON t.id = f.topic_id LIMIT 1")
    if lib:
        t.has(s.get("/topic/" + lib).text, 'href="/library/', "topic lists library entries")
    for p in ("/department/no-such", "/topic/no-such", "/department/%3Cscript%3E",
              "/topic/" + "x" * 300):
        t.eq(s.get(p).status, 404, "404 for " + p)


def test_admin_manages_departments_and_topics(t):
    db = fresh_db(t, "tax")
    s = t.server(db)
    anon = Browser(s)
    t.eq(anon.get("/admin/taxonomy").status, 303, "taxonomy needs a login")
    mod = signed_in(s, MOD)
    t.eq(mod.get("/admin/taxonomy").status, 403, "moderators cannot manage the taxonomy")
    admin = signed_in(s, ADMIN)
    r = admin.get("/admin/taxonomy")
    t.eq(r.status, 200, "taxonomy page")
    t.has(admin.get("/admin").text, 'href="/admin/taxonomy"', "admin page links it")
    tok = admin.csrf("/admin/taxonomy")
    # Create a department.
    r = admin.post("/admin/departments", {"csrf": tok, "name": "Dermatology",
                                          "description": "Skin, hair and nails."})
    t.eq(r.status, 303, "department created")
    t.eq(s.get("/department/dermatology").status, 200, "new department page")
    t.has(s.get("/department/dermatology").text, "Skin, hair and nails.", "description shown")
    # Refusals: no CSRF, empty and duplicate names, too long.
    t.eq(admin.post("/admin/departments", {"name": "X"}).status, 403, "no CSRF")
    t.eq(admin.post("/admin/departments", {"csrf": tok, "name": "  "}).status, 400, "empty name")
    t.eq(admin.post("/admin/departments", {"csrf": tok, "name": "Dermatology"}).status, 409,
         "duplicate name")
    t.eq(admin.post("/admin/departments", {"csrf": tok, "name": "x" * 500}).status, 413, "long name")
    t.eq(mod.post("/admin/departments", {"csrf": mod.csrf("/"), "name": "Y"}).status, 403,
         "moderator refused")
    # Rename: the old address redirects.
    did = one(db, "SELECT id FROM departments WHERE slug = 'dermatology'")
    r = admin.post("/admin/departments/%d" % did, {"csrf": tok, "name": "Skin Diseases",
                                                   "description": "Skin care."})
    t.eq(r.status, 303, "department renamed")
    r = s.get("/department/dermatology")
    t.eq(r.status, 301, "old department address redirects")
    t.eq(r.header("location"), "/department/skin-diseases", "to the new address")
    t.eq(s.get("/department/dermatology?page=1").header("location"),
         "/department/skin-diseases?page=1", "keeping the page")
    for q in ("?page=2&lang=vi", "?lang=vi&page=2"):
        t.eq(s.get("/department/dermatology" + q,
                   headers={"Accept-Language": "en"}).header("location"),
             "/department/skin-diseases?page=2&lang=vi", "keeping the page and a linked language")
    t.eq(s.get("/department/skin-diseases").status, 200, "new address works")
    t.eq(admin.post("/admin/departments/999999", {"csrf": tok, "name": "Z"}).status, 404,
         "unknown department")
    # Topics: create, rename, move.
    r = admin.post("/admin/topics", {"csrf": tok, "name": "Eczema", "department": str(did)})
    t.eq(r.status, 303, "topic created")
    t.has(s.get("/topic/eczema").text, "Skin Diseases", "topic in its department")
    t.eq(admin.post("/admin/topics", {"csrf": tok, "name": "Eczema",
                                      "department": str(did)}).status, 409, "duplicate topic")
    t.eq(admin.post("/admin/topics", {"csrf": tok, "name": "Acne",
                                      "department": "999999"}).status, 400, "unknown department")
    tid = one(db, "SELECT id FROM topics WHERE slug = 'eczema'")
    r = admin.post("/admin/topics/%d" % tid, {"csrf": tok, "name": "Atopic Dermatitis",
                                              "department": str(did)})
    t.eq(r.status, 303, "topic renamed")
    t.eq(s.get("/topic/eczema").header("location"), "/topic/atopic-dermatitis", "topic redirect")
    # Merge a topic with Q&As into another: links move, old slug redirects.
    src = rows(db, "SELECT t.id, t.slug, count(*) FROM topics t JOIN question_topics x"
                   " ON x.topic_id = t.id GROUP BY t.id ORDER BY count(*) DESC LIMIT 1")[0]
    dst = rows(db, "SELECT id, slug FROM topics WHERE id NOT IN (?, ?) ORDER BY id LIMIT 1",
               src[0], tid)[0]
    before = one(db, "SELECT count(DISTINCT question_id) FROM question_topics"
                     " WHERE topic_id IN (?, ?)", src[0], dst[0])
    changes = one(db, "SELECT count(*) FROM changes")
    t.eq(admin.post("/admin/topic-merge", {"csrf": tok, "from": str(src[0]),
                                           "into": str(src[0])}).status, 400,
         "merge into itself refused")
    r = admin.post("/admin/topic-merge", {"csrf": tok, "from": str(src[0]), "into": str(dst[0])})
    t.eq(r.status, 303, "topics merged")
    t.eq(one(db, "SELECT count(*) FROM topics WHERE id = ?", src[0]), 0, "merged topic gone")
    t.eq(one(db, "SELECT count(DISTINCT question_id) FROM question_topics WHERE topic_id = ?",
             dst[0]), before, "every Q&A moved to the survivor")
    t.ok(one(db, "SELECT count(*) FROM changes") > changes, "changelog rows for the index")
    r = s.get("/topic/" + src[1])
    t.eq(r.status, 301, "merged topic's address redirects")
    t.eq(r.header("location"), "/topic/" + dst[1], "to the survivor")
    # A redirect chain collapses: the renamed topic merged elsewhere.
    admin.post("/admin/topic-merge", {"csrf": tok, "from": str(tid), "into": str(dst[0])})
    t.eq(s.get("/topic/eczema").header("location"), "/topic/" + dst[1], "old names follow merges")
    t.ok(one(db, "SELECT count(*) FROM audit_log WHERE action LIKE 'topic.%'") >= 3,
         "changes audited")


# ---- articles ----

def test_articles_and_categories(t):
    db = fresh_db(t, "art")
    s = t.server(db)
    home = s.get("/").text
    t.has(home, 'href="/articles"', "home links the article list")
    t.has(home, 'href="/doctors"', "pages link the doctors")
    t.eq(len(re.findall(r'href="/articles/(?!in/)[^"/]+"', home)), 4, "home shows the newest articles")
    r = s.get("/articles")
    t.eq(r.status, 200, "article list")
    slug = first_article(db)
    t.has(r.text, 'href="/articles/%s"' % slug, "list links articles")
    t.has(r.text, 'href="/articles/in/more/health', "list links categories")
    title, cat = rows(db, "SELECT title, category FROM articles WHERE slug = ?", slug)[0]
    parts = [p.strip() for p in cat.split(">")]
    r = s.get("/articles/" + slug)
    t.eq(r.status, 200, "article page")
    html = r.text
    crumbs = re.search(r'<nav class="crumbs".*?</nav>', html, re.S).group(0)
    for p in parts:
        t.has(crumbs, ">%s<span class=\"vh\"> (category)</span></a>" % p, "breadcrumb part " + p)
    t.has(crumbs, 'href="/articles/in/more/health"', "breadcrumbs link categories")
    t.ok(re.search(r"Written by [^<]+", html) is not None, "author shown")
    t.ok(re.search(r'<time datetime="\d{4}-\d\d-\d\dT', html) is not None, "date shown")
    for target in ("facebook.com", "line.me", "x.com", "mailto:", "Copy link"):
        t.has(html, target, "share link " + target)
    t.has(html, "Login is required before commenting", "comments notice for visitors")
    objs = jsonld(t, html, "article")
    page = of_type(objs, "MedicalWebPage")
    t.ok(page, "MedicalWebPage")
    art = page[0].get("mainEntity", {}) if page else {}
    t.eq(art.get("@type"), "Article", "its main entity is an Article")
    t.eq(art.get("headline"), title, "headline")
    t.ok(re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", art.get("datePublished", "")),
         "datePublished")
    t.ok(art.get("author", {}).get("name"), "author name")
    t.ok(art.get("publisher", {}).get("name"), "publisher")
    check_breadcrumbs(t, objs, "article", ["Home"] + parts + [title])
    t.has(html, '<meta property="og:type" content="article">', "og:type article")
    # Category page and its children.
    r = s.get("/articles/in/more/health")
    t.eq(r.status, 200, "category page")
    t.has(r.text, 'href="/articles/%s"' % slug, "category lists the article")
    r = s.get("/articles/in/" + "/".join(p.lower() for p in parts))
    t.has(r.text, 'href="/articles/%s"' % slug, "leaf category lists it")
    t.eq(s.get("/articles/in/more/health/").status, 301, "trailing slash redirects")
    for p in ("/articles/in/nothing", "/articles/in/more/nothing", "/articles/no-such",
              "/articles?page=9", "/articles?page=0"):
        t.eq(s.get(p).status, 404, "404 for " + p)


def test_writing_articles(t):
    db = fresh_db(t, "write")
    s = t.server(db)
    t.eq(Browser(s).get("/write").status, 303, "editor needs a login")
    t.eq(signed_in(s, PATIENT).get("/write").status, 403, "patients cannot write articles")
    doc = signed_in(s, ONCO)
    tok = doc.csrf("/write")
    form = {"csrf": tok, "title": "Living well with a stoma", "summary": "Practical tips.",
            "category": " More >Health>  Recovery ", "body": "## Diet\n\nEat **slowly**.\n\n<script>x()</script>"}
    r = doc.post("/write", dict(form, action="preview"))
    t.eq(r.status, 200, "preview")
    t.has(r.text, "<strong>slowly</strong>", "preview renders Markdown")
    t.lacks(r.text, "<script>x()", "raw HTML dropped")
    t.eq(doc.post("/write", dict(form, title="", action="draft")).status, 400, "title required")
    t.eq(doc.post("/write", dict(form, body="x" * (60 * 1024 + 1), action="draft")).status, 413,
         "body too long")
    t.eq(doc.post("/write", dict(form, csrf="", action="draft")).status, 403, "CSRF")
    r = doc.post("/write", dict(form, action="draft"))
    t.eq(r.status, 303, "draft saved")
    path = r.header("location")
    t.eq(path, "/articles/living-well-with-a-stoma", "goes to the article")
    t.eq(s.get(path).status, 404, "drafts are not public")
    r = doc.get(path)
    t.eq(r.status, 200, "author sees the draft")
    t.has(r.text, "draft", "marked as a draft")
    t.eq(one(db, "SELECT category FROM articles WHERE slug = 'living-well-with-a-stoma'"),
         "More > Health > Recovery", "category tidied")
    aid = one(db, "SELECT id FROM articles WHERE slug = 'living-well-with-a-stoma'")
    t.eq(signed_in(s, PATIENT2).get("/write/%d" % aid).status, 403, "others cannot edit")
    r = doc.post("/write/%d" % aid, dict(form, action="publish"))
    t.eq(r.status, 303, "published")
    r = s.get(path)
    t.eq(r.status, 200, "public once published")
    t.has(r.text, '<a href="/doctor/%d" rel="author">Dr. %s</a>' % (uid(db, ONCO[0]), ONCO[1]),
          "byline links the doctor")
    t.has(s.get("/articles/in/more/health/recovery").text, path, "in its category")
    t.has(s.get("/feeds/articles.atom").text, path, "in the articles feed")
    t.has(doc.get("/my/articles").text, path, "in the author's list")
    t.eq(s.get("/write/999999").status, 303, "unknown article: login first")
    t.eq(doc.get("/write/999999").status, 404, "unknown article")


# ---- comments ----

def test_comments(t):
    db = fresh_db(t, "comments")
    # From a page without comments (the demo's readers left some).
    exec_sql(db, "DELETE FROM comments")
    s = t.server(db)
    slug = first_article(db)
    path = "/articles/" + slug
    r = s.get(path)
    t.has(r.text, "Login is required before commenting", "visitors are told to log in")
    t.has(r.text, "Comments<span class=\"count\"> (0)</span>", "count 0")
    # Posting needs a login (no comment stored).
    anon = Browser(s)
    r = anon.post(path + "/comments", {"csrf": anon.csrf("/login"), "body": "hello"})
    t.eq(r.status, 303, "anonymous post goes to login")
    t.eq(one(db, "SELECT count(*) FROM comments"), 0, "nothing stored")
    pat = signed_in(s, PATIENT)
    tok = pat.csrf(path)
    t.eq(pat.post(path + "/comments", {"body": "x"}).status, 403, "CSRF required")
    hostile = "Nice article <script>alert('x')</script> & \"quotes\""
    r = pat.post(path + "/comments", {"csrf": tok, "body": hostile})
    t.eq(r.status, 303, "comment posted")
    cid = one(db, "SELECT max(id) FROM comments")
    t.eq(r.header("location"), "%s#comment-%d" % (path, cid), "back to the comment")
    html = s.get(path).text
    t.has(html, "Comments<span class=\"count\"> (1)</span>", "count 1")
    t.has(html, PATIENT[1], "commenter's name")
    t.ok(re.search(r'<time datetime="\d{4}-\d\d-\d\dT[^"]+">\d{4}/\d\d/\d\d \d\d:\d\d</time>', html),
         "timestamp")
    t.lacks(html, "<script>alert", "comment text escaped")
    t.has(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "shown as text")
    # Bad input: empty, oversized, too many links.
    t.eq(pat.post(path + "/comments", {"csrf": tok, "body": "   "}).status, 400, "empty comment")
    r = pat.post(path + "/comments", {"csrf": tok, "body": "é" * 2001})
    t.eq(r.status, 413, "oversized comment")
    t.has(r.text, "é" * 50, "the text is kept in the form")
    r = pat.post(path + "/comments", {"csrf": tok, "body": "see http://a.example https://b.example www.c.example"})
    t.eq(r.status, 400, "too many links")
    t.eq(one(db, "SELECT count(*) FROM comments"), 1, "none of those stored")
    # Edit and delete own comment.
    r = pat.get("/comments/%d/edit" % cid)
    t.eq(r.status, 200, "edit form")
    r = pat.post("/comments/%d/edit" % cid, {"csrf": tok, "body": "Edited: very useful."})
    t.eq(r.status, 303, "edited")
    t.has(s.get(path).text, "Edited: very useful.", "edit shown")
    t.has(s.get(path).text, "edited", "marked edited")
    other = signed_in(s, PATIENT2)
    otok = other.csrf(path)
    t.eq(other.post("/comments/%d/edit" % cid, {"csrf": otok, "body": "hijack"}).status, 403,
         "others cannot edit")
    t.eq(other.post("/comments/%d/delete" % cid, {"csrf": otok}).status, 403,
         "others cannot delete")
    # After the window: no more changes by the author.
    exec_sql(db, "UPDATE comments SET created_at = '2020-01-01T00:00:00Z' WHERE id = ?", cid)
    r = pat.post("/comments/%d/edit" % cid, {"csrf": tok, "body": "late"})
    t.eq(r.status, 403, "edit window closed")
    t.has(r.text, "15 minutes", "says why")
    # Spam words hold a comment for moderation.
    r = pat.post(path + "/comments", {"csrf": tok, "body": "Try our CASINO bonus today"})
    t.eq(r.status, 303, "held comment accepted")
    held = one(db, "SELECT max(id) FROM comments")
    t.eq(one(db, "SELECT hidden FROM comments WHERE id = ?", held), 2, "held")
    t.lacks(s.get(path).text, "CASINO", "held comment hidden from readers")
    t.has(pat.get(path).text, "Waiting for a moderator", "author sees it waiting")
    # A word inside another word does not count.
    pat.post(path + "/comments", {"csrf": tok, "body": "My classmates asked too"})
    t.eq(one(db, "SELECT hidden FROM comments ORDER BY id DESC LIMIT 1"), 0, "'class' is no spam")
    # Reports: anyone, from a small form page.
    vis = one(db, "SELECT max(id) FROM comments WHERE hidden = 0")
    r = anon.get("/comments/%d/report" % vis)
    t.eq(r.status, 200, "report form")
    atok = re.search(r'name="csrf" value="([^"]+)"', r.text).group(1)
    r = anon.post("/comments/%d/report" % vis, {"csrf": atok, "reason": "rude"})
    t.eq(r.status, 200, "reported")
    r = anon.post("/comments/%d/report" % vis, {"csrf": atok, "reason": "again"})
    t.has(r.text, "already", "one report per reader")
    t.eq(one(db, "SELECT count(*) FROM comment_reports"), 1, "one report stored")
    t.eq(anon.post("/comments/%d/report" % vis, {"reason": "x"}).status, 403, "report needs CSRF")
    t.eq(anon.get("/comments/999999/report").status, 404, "unknown comment")
    # The moderation queue.
    t.eq(pat.get("/moderate/comments").status, 403, "patients have no queue")
    mod = signed_in(s, MOD)
    r = mod.get("/moderate/comments")
    t.eq(r.status, 200, "queue")
    t.has(r.text, "CASINO", "held comment in the queue")
    t.has(r.text, ">1 report<", "reported comment in the queue (singular)")
    mtok = mod.csrf("/moderate/comments")
    t.eq(mod.post("/moderate/comments/%d" % held, {"csrf": mtok, "action": "show"}).status, 303,
         "moderator shows it")
    t.has(s.get(path).text, "CASINO", "now visible")
    t.eq(mod.post("/moderate/comments/%d" % vis, {"csrf": mtok, "action": "hide"}).status, 303,
         "moderator hides the reported one")
    t.eq(one(db, "SELECT count(*) FROM comment_reports"), 0, "its reports closed")
    t.eq(mod.post("/moderate/comments/%d" % vis, {"csrf": mtok, "action": "nuke"}).status, 400,
         "unknown action")
    t.eq(mod.post("/moderate/comments/%d" % held, {"action": "delete"}).status, 403, "CSRF")
    t.eq(mod.post("/moderate/comments/%d" % held, {"csrf": mtok, "action": "delete"}).status, 303,
         "moderator deletes")
    t.eq(one(db, "SELECT count(*) FROM comments WHERE id = ?", held), 0, "deleted")
    t.has(mod.get("/admin").text, 'href="/moderate/comments"', "admin page links the queue")
    # Delete own (fresh) comment.
    pat.post(path + "/comments", {"csrf": tok, "body": "to be removed"})
    mine = one(db, "SELECT max(id) FROM comments")
    t.eq(pat.post("/comments/%d/delete" % mine, {"csrf": tok}).status, 303, "own comment deleted")
    t.lacks(s.get(path).text, "to be removed", "gone from the page")


def wait_for(fetch, cond, seconds=5):
    """fetch() until cond(result) holds or seconds pass; the last result."""
    import time
    deadline = time.time() + seconds
    r = fetch()
    while not cond(r) and time.time() < deadline:
        time.sleep(0.2)
        r = fetch()
    return r


def test_comment_changes_invalidate_cached_pages(t):
    """Comments write changelog rows: a second server on the same database
    (as behind a load balancer) drops its cached article and Q&A pages when
    a comment is posted, edited, hidden or deleted through the first; the
    first shows each change at once."""
    db = fresh_db(t, "comment-cache")
    s1 = t.server(db, args=["--qa-comments"])
    s2 = t.server(db, args=["--qa-comments"])
    slug = first_article(db)
    qid = one(db, "SELECT id FROM questions WHERE status = 'published' AND consent = 1"
                  " ORDER BY id LIMIT 1")
    pat = signed_in(s1, PATIENT)
    mod = signed_in(s1, MOD)
    for path, target in (("/articles/" + slug, "article"), ("/qa/%d" % qid, "qa")):
        for s in (s1, s2):
            s.get(path)
            s.get(path)  # now cached on both
        seq0 = one(db, "SELECT max(seq) FROM changes")
        body = "Cache check on the %s page, thank you." % target
        r = pat.post(path + "/comments", {"csrf": pat.csrf(path), "body": body})
        t.eq(r.status, 303, "%s: comment posted" % target)
        cid = one(db, "SELECT max(id) FROM comments")
        t.eq(rows(db, "SELECT kind, entity_id, op FROM changes WHERE seq > ?", seq0),
             [("comment", cid, "upsert")], "%s: a changelog row for the new comment" % target)
        t.has(s1.get(path).text, body, "%s: the writing server shows it at once" % target)
        r = wait_for(lambda: s2.get(path).text, lambda x: body in x)
        t.has(r, body, "%s: the other server's cached page shows it within seconds" % target)
        edited = "Edited for the cache check on the %s page." % target
        t.eq(pat.post("/comments/%d/edit" % cid, {"csrf": pat.csrf(path), "body": edited}).status,
             303, "%s: edited" % target)
        t.has(s1.get(path).text, edited, "%s: edit shown at once" % target)
        t.has(wait_for(lambda: s2.get(path).text, lambda x: edited in x), edited,
              "%s: edit reaches the other server" % target)
        tok = mod.csrf("/moderate/comments")
        t.eq(mod.post("/moderate/comments/%d" % cid, {"csrf": tok, "action": "hide"}).status, 303,
             "%s: hidden by a moderator" % target)
        t.lacks(s1.get(path).text, edited, "%s: hidden comment gone at once" % target)
        t.lacks(wait_for(lambda: s2.get(path).text, lambda x: edited not in x), edited,
                "%s: hidden comment gone from the other server" % target)
        t.eq(mod.post("/moderate/comments/%d" % cid, {"csrf": tok, "action": "show"}).status, 303,
             "%s: shown again" % target)
        t.has(wait_for(lambda: s2.get(path).text, lambda x: edited in x), edited,
              "%s: shown again on the other server" % target)
        t.eq(mod.post("/moderate/comments/%d" % cid, {"csrf": tok, "action": "delete"}).status, 303,
             "%s: deleted" % target)
        t.lacks(s1.get(path).text, edited, "%s: deleted comment gone at once" % target)
        t.lacks(wait_for(lambda: s2.get(path).text, lambda x: edited not in x), edited,
                "%s: deleted comment gone from the other server" % target)
        t.eq(rows(db, "SELECT op FROM changes WHERE kind = 'comment' AND entity_id = ?"
                      " AND seq > ? ORDER BY seq", cid, seq0),
             [("upsert",), ("upsert",), ("upsert",), ("upsert",), ("delete",)],
             "%s: every step of the comment is in the changelog" % target)
    # Refused comments write nothing.
    seq0 = one(db, "SELECT max(seq) FROM changes")
    path = "/articles/" + slug
    t.eq(pat.post(path + "/comments", {"csrf": pat.csrf(path), "body": "x" * 2001}).status, 413,
         "oversized comment refused")
    t.eq(one(db, "SELECT max(seq) FROM changes"), seq0, "no changelog row for a refused comment")


def test_comment_rate_limits_and_qa_comments(t):
    db = fresh_db(t, "rate")
    s = t.server(db)
    path = "/articles/" + first_article(db)
    pat = signed_in(s, PATIENT)
    tok = pat.csrf(path)
    codes = [pat.post(path + "/comments", {"csrf": tok, "body": "note %d" % i}).status
             for i in range(6)]
    t.eq(codes, [303] * 5 + [429], "five comments per account in ten minutes")
    # Q&A comments are off by default...
    qid = one(db, "SELECT id FROM questions WHERE status = 'published' LIMIT 1")
    t.lacks(s.get("/qa/%d" % qid).text, 'id="comments"', "no comments on Q&As by default")
    t.eq(pat.post("/qa/%d/comments" % qid, {"csrf": tok, "body": "hi"}).status, 404,
         "posting on a Q&A refused")
    # ... and on with --qa-comments.
    s2 = t.server(db, args=["--qa-comments"])
    t.has(s2.get("/qa/%d" % qid).text, "Login is required before commenting", "Q&A comments on")
    p2 = signed_in(s2, PATIENT2)
    r = p2.post("/qa/%d/comments" % qid, {"csrf": p2.csrf("/qa/%d" % qid), "body": "Thank you, doctor."})
    t.eq(r.status, 303, "comment on a Q&A")
    t.has(s2.get("/qa/%d" % qid).text, "Thank you, doctor.", "shown on the Q&A")
    t.eq(p2.post("/qa/999999/comments", {"csrf": p2.csrf("/"), "body": "x"}).status, 404,
         "unknown Q&A")


# ---- feeds, sitemaps, robots ----

def check_atom(t, text, what):
    try:
        root = ET.fromstring(text.encode())
    except ET.ParseError as e:
        t.fail("%s: not well-formed XML: %s" % (what, e))
        return []
    t.eq(root.tag, ATOM + "feed", "%s: an Atom feed" % what)
    for el in ("id", "title", "updated"):
        t.ok(root.find(ATOM + el) is not None and (root.find(ATOM + el).text or "").strip(),
             "%s: feed %s" % (what, el))
    t.ok(root.find(ATOM + "author/" + ATOM + "name") is not None, "%s: feed author" % what)
    t.ok(any(l.get("rel") == "self" for l in root.findall(ATOM + "link")), "%s: self link" % what)
    entries = root.findall(ATOM + "entry")
    for e in entries:
        ok = all(e.find(ATOM + x) is not None and (e.find(ATOM + x).text or "").strip()
                 for x in ("id", "title", "updated"))
        ok = ok and e.find(ATOM + "link") is not None
        ok = ok and re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", e.find(ATOM + "updated").text)
        if not ok:
            t.fail("%s: entry lacks id, title, link or an RFC 3339 updated" % what)
            break
    else:
        t.ok(True, "%s: entries complete" % what)
    return entries


def test_feeds_sitemaps_robots(t):
    db = fresh_db(t, "feeds")
    # A published Q&A whose asker did not consent must never be listed.
    hidden = one(db, "SELECT id FROM questions WHERE status = 'published' ORDER BY id DESC LIMIT 1")
    exec_sql(db, "UPDATE questions SET consent = 0 WHERE id = ?", hidden)
    waiting = one(db, "SELECT id FROM questions WHERE status = 'published' ORDER BY id LIMIT 1")
    exec_sql(db, "UPDATE questions SET status = 'waiting' WHERE id = ?", waiting)
    s = t.server(db)
    dslug = one(db, "SELECT slug FROM departments WHERE id = (SELECT department_id FROM questions"
                    " WHERE status = 'published' LIMIT 1)")
    tslug = one(db, "SELECT t.slug FROM topics t JOIN question_topics x ON x.topic_id = t.id LIMIT 1")
    for p in ("/feeds/qa.atom", "/feeds/articles.atom", "/feeds/department/%s.atom" % dslug,
              "/feeds/topic/%s.atom" % tslug):
        r = s.get(p)
        t.eq(r.status, 200, p)
        t.has(r.header("content-type") or "", "application/atom+xml", p + " type")
        t.ok(len(check_atom(t, r.text, p)) > 0, p + " has entries")
    t.lacks(s.get("/feeds/qa.atom").text, "/qa/%d<" % waiting, "unpublished Q&A not in the feed")
    for p in ("/feeds/department/nope.atom", "/feeds/topic/nope.atom", "/feeds/qa.rss",
              "/feeds/department/%s" % dslug, "/feeds/"):
        t.eq(s.get(p).status, 404, "404 for " + p)
    t.has(s.get("/").text, 'type="application/atom+xml"', "pages announce the feed")
    # The sitemap index and its files.
    r = s.get("/sitemap.xml")
    t.eq(r.status, 200, "sitemap index")
    root = ET.fromstring(r.body)
    t.eq(root.tag, SM + "sitemapindex", "a sitemap index")
    locs = [e.text for e in root.iter(SM + "loc")]
    t.ok(len(locs) >= 6, "index lists the sitemaps")
    urls = []
    for loc in locs:
        path = loc.split("://", 1)[1].split("/", 1)[1]
        rr = s.get("/" + path)
        t.eq(rr.status, 200, "sitemap " + path)
        sroot = ET.fromstring(rr.body)
        t.eq(sroot.tag, SM + "urlset", path + " is a urlset")
        urls += [e.text for e in sroot.iter(SM + "loc")]
    t.ok(any(u.endswith("/qa/%d" % (hidden - 1)) for u in urls), "public Q&As listed")
    t.ok(not any(u.endswith("/qa/%d" % hidden) for u in urls), "no-consent Q&A not listed")
    t.ok(not any(u.endswith("/qa/%d" % waiting) for u in urls), "unpublished Q&A not listed")
    t.ok(any("/doctor/" in u for u in urls) and any("/topic/" in u for u in urls) and
         any("/articles/" in u for u in urls), "doctors, topics and articles listed")
    for p in ("/sitemaps/qa-2.xml", "/sitemaps/qa-0.xml", "/sitemaps/qa-x.xml",
              "/sitemaps/secret-1.xml", "/sitemaps/qa-1.txt"):
        t.eq(s.get(p).status, 404, "404 for " + p)
    r = s.get("/robots.txt")
    t.eq(r.status, 200, "robots.txt")
    t.has(r.text, "User-agent: *", "robots user agent")
    t.ok(re.search(r"^Sitemap: http://\S+/sitemap.xml$", r.text, re.M), "robots names the sitemap")
    t.has(r.text, "Disallow: /my/", "private pages kept out")


# ---- JSON-LD, Open Graph, canonical on every page ----

def test_jsonld_and_open_graph_everywhere(t):
    db = fresh_db(t, "seo")
    s = t.server(db)
    qid = one(db, "SELECT q.id FROM questions q JOIN answers a ON a.question_id = q.id"
                  " WHERE q.status = 'published' AND a.doctor_id IS NOT NULL LIMIT 1")
    pages = ["/", "/departments", "/department/" + one(db, "SELECT slug FROM departments LIMIT 1"),
             "/topic/" + one(db, "SELECT slug FROM topics LIMIT 1"), "/qa/%d" % qid,
             "/library/" + str(one(db, "SELECT id FROM faq LIMIT 1")), "/search?q=liver",
             "/ask", "/articles", "/articles/" + first_article(db), "/doctors",
             "/doctor/" + str(uid(db, ONCO[0])), "/login", "/register", "/no/such/page"]
    for p in pages:
        r = s.get(p)
        jsonld(t, r.text, p)
        for prop in ("og:title", "og:description", "og:type", "og:site_name"):
            t.ok(re.search(r'<meta property="%s" content="[^"]+">' % prop, r.text), "%s: %s" % (p, prop))
    # The Q&A page: what search engines require of a QAPage.
    objs = jsonld(t, s.get("/qa/%d" % qid).text, "qa")
    qa = of_type(objs, "QAPage")
    t.ok(qa, "QAPage")
    q = qa[0]["mainEntity"] if qa else {}
    t.eq(q.get("@type"), "Question", "Question")
    t.ok(q.get("name") and q.get("text"), "question name and text")
    t.eq(q.get("answerCount"), one(db, "SELECT count(*) FROM answers WHERE question_id = ?", qid),
         "answerCount")
    acc = q.get("acceptedAnswer", {})
    t.eq(acc.get("@type"), "Answer", "acceptedAnswer")
    t.ok(acc.get("text") and acc.get("author", {}).get("name", "").startswith("Dr. "),
         "answer text and doctor")
    t.ok(acc.get("url", "").startswith("http") and "#answer-" in acc.get("url", ""), "answer url")
    t.has(s.get("/qa/%d" % qid).text, 'id="answer-', "the answer anchor exists")
    check_breadcrumbs(t, objs, "qa")


def test_jsonld_is_escaped_against_hostile_content(t):
    evil = "</script><script>alert(1)</script> & <!-- x"
    db = t.new_db("evil.db", lines=[{
        "external_id": "evil-1", "kind": "qa", "title": evil,
        "question": "What is " + evil + "? " * 20, "department": "Oncology",
        "asker": {"nickname": evil}, "asked_at": "2024-01-02",
        "topics": [evil], "answers": [{"author": evil, "department": "Oncology",
                                         "body": "Answer " + evil, "answered_at": "2024-01-03"}]}])
    s = t.server(db)
    qid = one(db, "SELECT id FROM questions WHERE external_id = 'evil-1'")
    if one(db, "SELECT status FROM questions WHERE id = ?", qid) != "published":
        exec_sql(db, "UPDATE questions SET status = 'published', consent = 1,"
                     " published_at = '2024-01-03' WHERE id = ?", qid)
    r = s.get("/qa/%d" % qid)
    t.eq(r.status, 200, "hostile Q&A page")
    t.lacks(r.text, "<script>alert(1)", "no script injected")
    objs = jsonld(t, r.text, "hostile qa")
    qa = of_type(objs, "QAPage")
    t.ok(qa and qa[0]["mainEntity"]["name"] == evil, "JSON-LD keeps the text exactly")
    for p in ("/api/qa/%d" % qid, "/feeds/qa.atom", "/topic/" + one(db, "SELECT slug FROM topics LIMIT 1")):
        rr = s.get(p)
        t.eq(rr.status, 200, p)
        t.lacks(rr.text, "<script>alert(1)", "no raw script in " + p)
    ET.fromstring(s.get("/feeds/qa.atom").body)
    t.ok(True, "feed with hostile titles is well-formed XML")


# ---- the JSON API ----

def test_json_api(t):
    db = fresh_db(t, "api")
    s = t.server(db)
    r = s.get("/api/qa")
    t.eq(r.status, 200, "/api/qa")
    t.has(r.header("content-type") or "", "application/json", "JSON type")
    j = r.json()
    pub = one(db, "SELECT count(*) FROM questions WHERE status = 'published'")
    t.eq(j["total"], pub, "total of published Q&As")
    t.eq(len(j["items"]), min(20, pub), "a page of items")
    it = j["items"][0]
    for k in ("id", "title", "url", "published_at", "department", "doctor", "excerpt"):
        t.ok(k in it, "qa item has " + k)
    qid = it["id"]
    q = s.get("/api/qa/%d" % qid).json()
    for k in ("title", "question", "asker", "answers", "topics", "department", "url"):
        t.ok(k in q, "qa has " + k)
    t.ok(q["answers"] and "body_html" in q["answers"][0], "answers with HTML")
    raw = s.get("/api/qa/%d" % qid).text
    for private in ("notify_email", "token", "user_id", "licence", "@"):
        t.lacks(raw, '"%s"' % private if private != "@" else "@example.org", "no private " + private)
    dslug = it["department"]["slug"] if it["department"] else one(db, "SELECT slug FROM departments LIMIT 1")
    d = s.get("/api/qa?department=" + dslug).json()
    t.ok(all(i["department"]["slug"] == dslug for i in d["items"]), "department filter")
    t.eq(s.get("/api/qa?page=2").json()["page"], 2, "page 2")
    for p, code in (("/api/qa/999999", 404), ("/api/qa/abc", 404), ("/api/qa?page=0", 400),
                    ("/api/qa?page=x", 400), ("/api/qa?department=nope", 400),
                    ("/api/qa?doctor=x", 400), ("/api/articles/nope", 404),
                    ("/api/departments/nope", 404), ("/api/topics/nope", 404),
                    ("/api/doctors/999999", 404), ("/api/topics?department=nope", 400)):
        rr = s.get(p)
        t.eq(rr.status, code, p)
        t.ok("error" in rr.json(), p + " has an error message")
    waiting = one(db, "SELECT id FROM questions WHERE status <> 'published' LIMIT 1")
    if waiting:
        t.eq(s.get("/api/qa/%d" % waiting).status, 404, "unpublished Q&A not served")
    a = s.get("/api/articles").json()
    t.ok(a["total"] >= 1 and a["items"][0]["slug"], "articles")
    art = s.get("/api/articles/" + a["items"][0]["slug"]).json()
    t.ok(art.get("body_html") and art.get("title"), "article body")
    deps = s.get("/api/departments").json()
    t.ok(deps["total"] >= 3, "departments")
    dep = s.get("/api/departments/" + deps["items"][0]["slug"]).json()
    t.ok("topics" in dep and "doctors" in dep, "department with topics and doctors")
    tops = s.get("/api/topics").json()
    top = s.get("/api/topics/" + tops["items"][0]["slug"]).json()
    t.ok("qa_count" in top and "library" in top, "topic details")
    docs = s.get("/api/doctors").json()
    t.ok(docs["total"] >= 1, "doctors")
    t.lacks(s.get("/api/doctors").text, "licence", "no licence numbers")
    t.lacks(s.get("/api/doctors").text, "@example", "no e-mail addresses")
    doc = s.get("/api/doctors/%d" % docs["items"][0]["id"]).json()
    t.ok(doc["name"] and "answer_count" in doc, "doctor")
    t.eq(s.get("/api/doctors/%d" % uid(db, UNVERIFIED[0])).status, 404, "unverified doctor hidden")


def test_openapi_documents_every_api_route(t):
    """docs/openapi.yaml names every /api/ route of the route table (the
    search endpoints are documented with search)."""
    import os
    import harness
    with open(os.path.join(harness.REPO, "src", "web", "web.c")) as f:
        routes = set(re.findall(r'\{"GET", "(/api/[^"]+)"', f.read()))
    with open(os.path.join(harness.REPO, "docs", "openapi.yaml")) as f:
        spec = f.read()
    documented = set(re.sub(r"\{(\w+)\}", r":\1", p) for p in re.findall(r"^  (/api/\S+):$", spec, re.M))
    missing = routes - documented - {"/api/search", "/api/similar"}
    t.eq(sorted(missing), [], "API routes missing from docs/openapi.yaml")
    t.eq(sorted(documented - routes), [], "documented routes that do not exist")
