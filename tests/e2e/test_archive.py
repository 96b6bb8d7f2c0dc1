"""Export and import keep every state a record has (issue 11, item 3):
consent, status, rejection and withdrawal, urgency, edit markers and
sign-offs, More Info and its approval, article status. A round trip is
compared table by table, every column of every content table (the columns
an archive does not carry, private data and account links, are listed
here and checked to be all the others), not only as JSON text. Re-import
into a live database never makes anything more public and never
renumbers answers; a field missing on import takes its most private
value (docs/archive.md)."""
import os
import harness

from askflow import exec_sql, fresh_db, one, rows

# Columns an archive does not carry: row ids and links to accounts,
# private data (docs/archive.md), bookkeeping; ids of departments,
# sources and topics are compared by name instead.
NOT_CARRIED = {
    "questions": {"id", "external_id", "user_id", "token_hash", "notify_email", "views",
                  "original_title", "original_text", "follow_up_of", "content_hash",
                  "department_id", "source_id"},
    "answers": {"id", "question_id", "doctor_id", "department_id", "author_name"},
    "more_info": {"question_id", "approved_by"},
    "question_topics": {"question_id", "topic_id"},
    "faq": {"id", "external_id", "content_hash", "department_id", "topic_id", "source_id"},
    "faq_answers": {"faq_id", "department_id"},
    "articles": {"id", "external_id", "author_id", "content_hash", "department_id",
                 "author_department_id", "source_id"},
    "article_topics": {"article_id", "topic_id"},
}
QKEY = "coalesce(q.external_id, 'askdoc-qa-' || q.id)"
AKEY = "coalesce(r.external_id, 'askdoc-article-' || r.id)"
# Each table: its alias, the key, the joins that give names for ids.
SHAPE = {
    "questions": ("q", QKEY, "(SELECT name FROM departments WHERE id = q.department_id),"
                  " (SELECT name FROM sources WHERE id = q.source_id)", ""),
    "answers": ("x", QKEY + ", x.pos", "(SELECT name FROM departments WHERE id = x.department_id),"
                " coalesce((SELECT name FROM users WHERE id = x.doctor_id), x.author_name)",
                " JOIN questions q ON q.id = x.question_id"),
    "more_info": ("x", QKEY, "", " JOIN questions q ON q.id = x.question_id"),
    "question_topics": ("x", QKEY + ", x.pos", "(SELECT name FROM topics WHERE id = x.topic_id)",
                        " JOIN questions q ON q.id = x.question_id"),
    "faq": ("f", "f.external_id", "(SELECT name FROM departments WHERE id = f.department_id),"
            " (SELECT name FROM topics WHERE id = f.topic_id),"
            " (SELECT name FROM sources WHERE id = f.source_id)", ""),
    "faq_answers": ("x", "f.external_id, x.pos",
                    "(SELECT name FROM departments WHERE id = x.department_id)",
                    " JOIN faq f ON f.id = x.faq_id"),
    "articles": ("r", AKEY, "(SELECT name FROM departments WHERE id = r.department_id),"
                 " (SELECT name FROM departments WHERE id = r.author_department_id),"
                 " (SELECT name FROM sources WHERE id = r.source_id)", ""),
    "article_topics": ("x", AKEY + ", x.pos", "(SELECT name FROM topics WHERE id = x.topic_id)",
                       " JOIN articles r ON r.id = x.article_id"),
}


def table(db, name):
    """Rows of a content table as {key: (carried columns..., names...)}."""
    alias, key, names, join = SHAPE[name]
    cols = harness.columns(db, name)
    carried = [c for c in cols if c not in NOT_CARRIED[name]]
    sel = ", ".join(["%s.%s" % (alias, c) for c in carried] + ([names] if names else []))
    sql = "SELECT %s, %s FROM %s %s%s" % (key, sel, name, alias, join)
    nkey = key.count(",") + 1
    return {tuple(r[:nkey]): tuple(r[nkey:]) for r in rows(db, sql)}, cols


def make_states(db):
    """A state of every kind, as the site leaves them."""
    pub = [r[0] for r in rows(db, "SELECT id FROM questions WHERE status = 'published'"
                                  " ORDER BY id LIMIT 4")]
    exec_sql(db, "INSERT INTO questions (title, text, status, consent, asked_at, language,"
                 " urgent, nickname, age_band, sex) VALUES ('No consent, urgent',"
                 " 'Chest pain since this morning, what now?', 'waiting', 0,"
                 " '2026-01-02T03:04:05Z', 'en', 1, 'nc', '40-49', 'male')")
    exec_sql(db, "INSERT INTO questions (title, text, status, consent, asked_at, language,"
                 " reject_reason) VALUES ('Rejected one', 'Buy cheap pills here', 'rejected',"
                 " 1, '2026-01-03T00:00:00Z', 'en', 'Advertising')")
    exec_sql(db, "INSERT INTO questions (title, text, status, consent, asked_at, language)"
                 " VALUES ('Withdrawn one', 'I asked too soon', 'withdrawn', 1,"
                 " '2026-01-04T00:00:00Z', 'en')")
    exec_sql(db, "INSERT INTO questions (title, text, status, consent, asked_at, language)"
                 " VALUES ('Answered privately', 'Only for me please', 'answered', 0,"
                 " '2026-01-05T00:00:00Z', 'en')")
    private = one(db, "SELECT max(id) FROM questions")
    exec_sql(db, "INSERT INTO answers (question_id, pos, author_name, body, answered_at,"
                 " signoff) VALUES (?, 0, 'Dr. Private', 'A private reply.',"
                 " '2026-01-06T00:00:00Z', 'Take care, Dr. P')", private)
    exec_sql(db, "UPDATE questions SET status = 'unpublished' WHERE id = ?", pub[0])
    exec_sql(db, "UPDATE answers SET edited_at = '2026-02-01T10:00:00Z',"
                 " signoff = 'Yours, Dr. E' WHERE question_id = ?", pub[1])
    exec_sql(db, "UPDATE questions SET published_at = '2025-12-31T23:59:59Z' WHERE id = ?", pub[1])
    exec_sql(db, "INSERT INTO more_info (question_id, json, machine_assisted, status,"
                 " approved_at, edited, generated_at) VALUES (?, '{\"sentences\": [1]}', 1,"
                 " 'approved', '2026-02-02T00:00:00Z', 1, '2026-02-01T00:00:00Z')", pub[2])
    exec_sql(db, "INSERT INTO more_info (question_id, json, status, generated_at)"
                 " VALUES (?, '{\"draft\": true}', 'draft', '2026-02-03T00:00:00Z')", pub[3])
    arts = [r[0] for r in rows(db, "SELECT id FROM articles ORDER BY id LIMIT 2")]
    exec_sql(db, "UPDATE articles SET status = 'draft' WHERE id = ?", arts[0])
    exec_sql(db, "UPDATE articles SET status = 'unpublished' WHERE id = ?", arts[1])
    return pub, private


# Names in other languages (docs/archive.md, "names"): departments and
# topics by their names (a topic with its department's), categories by
# path.
NAMES = ("SELECT n.kind, coalesce(d.name, t.name),"
         " (SELECT name FROM departments WHERE id = t.department_id), n.lang, n.name"
         " FROM taxonomy_names n LEFT JOIN departments d ON n.kind = 7 AND d.id = n.id"
         " LEFT JOIN topics t ON n.kind = 4 AND t.id = n.id")
CATEGORY_NAMES = "SELECT path, lang, name FROM category_names"


def test_round_trip_keeps_every_state(t):
    db = fresh_db(t, "rtsrc")
    make_states(db)
    a = t.path("a.jsonl")
    p = t.run("export", "--db", db, a)
    t.eq(p.returncode, 0, "export: " + p.stderr)
    copy = t.path("rtcopy.db")
    p = t.run("import", "--db", copy, a)
    t.eq(p.returncode, 0, "import: " + p.stderr)
    for name in SHAPE:
        src, cols = table(db, name)
        got, _ = table(copy, name)
        t.ok(set(NOT_CARRIED[name]) <= set(cols), "%s: the listed columns exist" % name)
        t.eq(len(got), len(src), "%s: as many rows" % name)
        diff = [(k, src[k], got.get(k)) for k in src if got.get(k) != src[k]]
        t.eq(diff[:3], [], "%s: every carried column equal" % name)
    for sql, what, least in ((NAMES, "department and topic names", 30),
                             (CATEGORY_NAMES, "category names", 18)):
        src = sorted(rows(db, sql), key=repr)
        t.ok(len(src) >= least, "the demo has %s (%d)" % (what, len(src)))
        got = sorted(rows(copy, sql), key=repr)
        t.eq([r for r in src if r not in got][:3], [], "%s carried" % what)
        t.eq(len(got), len(src), "%s: no more" % what)
    b = t.path("b.jsonl")
    t.eq(t.run("export", "--db", copy, b).returncode, 0, "export of the copy")
    with open(a, "rb") as fa, open(b, "rb") as fb:
        t.ok(fa.read() == fb.read(), "the copy exports the same bytes")


def test_reimport_never_makes_more_public(t):
    db = fresh_db(t, "reimp")
    pub, private = make_states(db)
    a = t.path("live.jsonl")
    t.eq(t.run("export", "--db", db, a).returncode, 0, "export")
    # The site moves on: a question unpublished, consent taken back, an
    # article unpublished, a More Info back to draft.
    exec_sql(db, "UPDATE questions SET status = 'unpublished' WHERE id = ?", pub[1])
    exec_sql(db, "UPDATE questions SET consent = 0 WHERE id = ?", pub[2])
    exec_sql(db, "UPDATE more_info SET status = 'draft', approved_at = NULL"
                 " WHERE question_id = ?", pub[2])
    art = one(db, "SELECT id FROM articles WHERE status = 'published' ORDER BY id")
    exec_sql(db, "UPDATE articles SET status = 'unpublished', content_hash = NULL WHERE id = ?", art)
    exec_sql(db, "UPDATE questions SET status = 'unpublished' WHERE id = ?", pub[3])
    exec_sql(db, "UPDATE questions SET content_hash = NULL WHERE id IN (?, ?, ?)",
             pub[1], pub[2], pub[3])
    answers = rows(db, "SELECT id, question_id, pos FROM answers ORDER BY id")
    before = {n: table(db, n)[0] for n in ("questions", "articles", "more_info")}
    p = t.run("import", "--db", db, a)
    t.eq(p.returncode, 0, "re-import: " + p.stderr)
    t.eq(rows(db, "SELECT id, question_id, pos FROM answers ORDER BY id"), answers,
         "no answer renumbered")
    t.eq(one(db, "SELECT status FROM questions WHERE id = ?", pub[1]), "unpublished",
         "an unpublished question stays unpublished")
    t.eq(one(db, "SELECT consent FROM questions WHERE id = ?", pub[2]), 0, "consent stays withdrawn")
    t.eq(one(db, "SELECT status FROM more_info WHERE question_id = ?", pub[2]), "draft",
         "a More Info back to draft stays a draft")
    t.eq(one(db, "SELECT status FROM articles WHERE id = ?", art), "unpublished",
         "an unpublished article stays unpublished")
    for n, old in before.items():
        t.eq(table(db, n)[0], old, "%s: nothing else changed" % n)


def test_missing_fields_take_the_most_private_value(t):
    lines = [
        '{"external_id": "w1", "kind": "qa", "title": "Waiting", "question": "No answer yet"}',
        '{"external_id": "p1", "kind": "qa", "title": "Answered", "question": "Q",'
        ' "answers": [{"body": "A"}]}',
        '{"external_id": "a1", "kind": "article", "title": "An article", "question": "Lead",'
        ' "answers": [{"body": "Body"}]}',
        '{"external_id": "m1", "kind": "qa", "title": "With More Info", "question": "Q",'
        ' "answers": [{"body": "A"}], "consent": true, "more_info": {"content": "{}"}}',
    ]
    db = t.new_db("missing.db", lines=lines)
    t.eq(rows(db, "SELECT external_id, status, consent FROM questions ORDER BY external_id"),
         [("m1", "published", 1), ("p1", "published", 0), ("w1", "waiting", 0)],
         "no consent unless the archive says so (the spec's status rule kept)")
    t.eq(one(db, "SELECT status FROM articles"), "draft", "an article without status is a draft")
    t.eq(one(db, "SELECT status FROM more_info"), "draft", "More Info without status is a draft")
    bad = t.path("bad.jsonl")
    with open(bad, "w") as f:
        f.write('{"external_id": "b1", "kind": "qa", "title": "T", "question": "Q",'
                ' "consent": "yes"}\n')
        f.write('{"external_id": "b2", "kind": "article", "title": "T", "question": "Q",'
                ' "status": "public"}\n')
    p = t.run("import", "--db", db, bad)
    t.eq(p.returncode, 1, "bad state values are rejected")
    t.has(p.stderr, "line 1", "with the line number")
    t.has(p.stderr, "line 2", "each")
    t.eq(one(db, "SELECT count(*) FROM questions WHERE external_id = 'b1'"), 0, "nothing stored")


def test_import_limits_are_the_forms_and_a_bom_is_accepted(t):
    """Issue 11 item 13: an import cannot store what no web form would
    accept (titles, a record's topics, the texts people type), each bad
    line refused with its number and nothing of it stored; a UTF-8 byte
    order mark on line 1 is not part of the first record."""
    good = '{"external_id": "ok1", "kind": "qa", "title": "Fine", "question": "Fine question"}'
    lines = [
        '{"external_id": "t1", "kind": "qa", "title": "%s", "question": "Q"}' % ("x" * 301),
        '{"external_id": "t2", "kind": "faq", "title": "%s", "question": "Q"}' % ("x" * 301),
        '{"external_id": "n1", "kind": "qa", "title": "T", "question": "Q", "topics": [%s]}'
        % ", ".join('"topic %d"' % i for i in range(17)),
        '{"external_id": "n2", "kind": "article", "title": "T", "question": "Q",'
        ' "topics": ["%s"]}' % ("y" * 101),
        '{"external_id": "q1", "kind": "qa", "title": "T", "question": "%s"}' % ("z" * 20481),
        '{"external_id": "a1", "kind": "qa", "title": "T", "question": "Q",'
        ' "answers": [{"body": "%s"}]}' % ("w" * 32769),
    ]
    path = t.path("limits.jsonl")
    with open(path, "wb") as f:
        f.write(b"\xef\xbb\xbf" + good.encode() + b"\n")
        for line in lines:
            f.write(line.encode() + b"\n")
    db = t.path("limits.db")
    p = t.run("import", "--db", db, path)
    t.eq(p.returncode, 1, "rejected lines make the import fail")
    for n in range(2, 8):
        t.has(p.stderr, "line %d:" % n, "line %d refused" % n)
    t.lacks(p.stderr, "line 1:", "the BOM line is accepted")
    t.has(p.stderr, "longer than 300 characters", "the title limit named")
    t.has(p.stderr, "more than 16 topics", "the topic count named")
    t.eq(rows(db, "SELECT external_id FROM questions"), [("ok1",)], "only the good record stored")
    t.eq(one(db, "SELECT count(*) FROM faq") + one(db, "SELECT count(*) FROM articles"), 0,
         "nothing of the refused ones")
    # At the limits, everything goes in.
    edge = ['{"external_id": "e1", "kind": "qa", "title": "%s", "question": "%s",'
            ' "topics": [%s], "answers": [{"body": "%s"}]}'
            % ("x" * 300, "z" * 20480, ", ".join('"t%d"' % i for i in range(16)), "w" * 32768)]
    db2 = t.new_db("edge.db", lines=edge)
    t.eq(one(db2, "SELECT count(*) FROM questions"), 1, "a record at every limit is accepted")


def test_names_in_other_languages(t):
    """"names" (docs/archive.md): a record carries the names of its
    department, topics and category in other languages; import sets them
    (leaving others as they are), and a name of something the record
    does not have, a bad language tag or an over-long name refuses the
    line with its number and stores nothing of it."""
    good = ('{"external_id": "g1", "kind": "article", "title": "T", "question": "Q",'
            ' "department": "Cardiology", "topics": ["Heart Failure"],'
            ' "category": "More >Health > Heart", "names": {'
            '"category": {"More > Health > Heart": {"vi": "Tim"}, "More": {"zh-TW": "更多"}},'
            ' "topics": {"Heart Failure": {"zh-CN": "心力衰竭", "zh-TW": "心臟衰竭"}},'
            ' "department": {"zh-TW": "心臟內科"}}}')
    base = '{"external_id": "%s", "kind": "qa", "title": "T", "question": "Q",' \
           ' "department": "Cardiology", "topics": ["Angina"], "names": %s}'
    bad = [base % ("b1", '{"topics": {"Stroke": {"vi": "Đột quỵ"}}}'),
           base % ("b2", '{"department": {"not a tag": "x"}}'),
           base % ("b3", '{"department": {"vi": "%s"}}' % ("x" * 101)),
           base % ("b4", '{"category": {"More": {"vi": "Khác"}}}'),
           base % ("b5", '{"planets": {}}'),
           base % ("b6", '{"department": {"vi": ""}}'),
           base % ("b7", '["vi"]')]
    path = t.path("names.jsonl")
    with open(path, "w") as f:
        f.write(good + "\n" + "\n".join(bad) + "\n")
    db = t.path("names.db")
    p = t.run("import", "--db", db, path)
    t.eq(p.returncode, 1, "rejected lines make the import fail")
    for n in range(2, 9):
        t.has(p.stderr, "line %d:" % n, "line %d refused" % n)
    t.has(p.stderr, 'names.topics: "Stroke" is not one of its topics', "an unknown topic named")
    t.has(p.stderr, "is not a BCP 47 tag", "a bad tag named")
    t.has(p.stderr, "longer than 100 characters", "the length named")
    t.has(p.stderr, "is not its category or a parent of it", "a category of another record")
    t.eq(one(db, "SELECT count(*) FROM questions"), 0, "nothing of the refused ones")
    t.eq(sorted(rows(db, NAMES), key=repr),
         [(4, "Heart Failure", "Cardiology", "zh-CN", "心力衰竭"),
          (4, "Heart Failure", "Cardiology", "zh-TW", "心臟衰竭"),
          (7, "Cardiology", None, "zh-TW", "心臟內科")], "department and topic names stored")
    t.eq(sorted(rows(db, CATEGORY_NAMES)),
         [("More", "zh-TW", "更多"), ("More > Health > Heart", "vi", "Tim")],
         "category names stored by their paths")
    # Export writes them back in the canonical form, members sorted.
    out = t.path("names-out.jsonl")
    t.eq(t.run("export", "--db", db, out).returncode, 0, "export")
    with open(out) as f:
        line = f.read()
    t.has(line, '"names": {"department": {"zh-TW": "心臟內科"}, "topics": {"Heart Failure":'
          ' {"zh-CN": "心力衰竭", "zh-TW": "心臟衰竭"}}, "category": {"More": {"zh-TW": "更多"},'
          ' "More > Health > Heart": {"vi": "Tim"}}}', "exported canonically")
    # A record without "names" leaves the names as they are.
    plain = t.path("plain.jsonl")
    with open(plain, "w") as f:
        f.write('{"external_id": "p1", "kind": "qa", "title": "T", "question": "Q",'
                ' "department": "Cardiology", "topics": ["Heart Failure"]}\n')
    t.eq(t.run("import", "--db", db, plain).returncode, 0, "a record without names")
    t.eq(len(rows(db, NAMES)), 3, "names kept")
