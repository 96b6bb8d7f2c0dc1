#!/usr/bin/env python3
# tools/check-demo.py: checks askdoc's demo content before `make run` loads it.
#
# Reads data/demo.jsonl (archive format, see the archive-format spec) and
# data/demo-doctors.tsv, and verifies what the demo relies on: every line is a
# JSON object with the required fields, ids are unique, every patient Q&A has
# exactly one answer by a listed demo doctor of the Q&A's own department,
# dates are real and answers never precede questions, and there is enough
# content (Q&As, departments, articles, library entries, languages) for every
# page to show something. Prints a summary; exits 1 on any problem.
#
# Usage: python3 tools/check-demo.py [DEMO.jsonl [DOCTORS.tsv]]
# Python 3 standard library only.

import collections
import datetime
import json
import re
import sys

MIN_QA = 36
MIN_DEPARTMENTS = 7
WANT_ARTICLES = 5
WANT_FAQ = 10
MIN_LANG = {"zh-TW": 3, "vi": 2}
EDITORS = "askdoc editorial team"
DOCTOR_COLUMNS = ["email", "display_name", "title", "hospital",
                  "department", "bio", "signoff"]
AGE_BANDS = {"%d-%d" % (a, a + 9) for a in range(0, 90, 10)} | {"90+"}
SEXES = {"female", "male", "other"}
KINDS = {"qa", "faq", "article"}
FIRST_DATE = datetime.date(2024, 1, 1)
LAST_DATE = datetime.date(2026, 12, 31)
# Length limits for English text, in words (other languages are not split
# into words by spaces, so they are only required to be non-empty).
QA_QUESTION_WORDS = (40, 150)
QA_ANSWER_WORDS = (80, 250)
ARTICLE_WORDS = (400, 800)
TOPICS_PER_QA = (1, 3)
TOPICS_PER_DEPARTMENT = (3, 6)

problems = []


def problem(where, msg):
    problems.append("%s: %s" % (where, msg))


def parse_date(where, field, value):
    """Returns a date for an ISO 8601 date or date-time string, else None."""
    if not isinstance(value, str):
        problem(where, "%s is not a string: %r" % (field, value))
        return None
    try:
        if len(value) == 10:
            return datetime.date.fromisoformat(value)
        return datetime.datetime.fromisoformat(
            value.replace("Z", "+00:00")).date()
    except ValueError:
        problem(where, "%s is not an ISO date: %r" % (field, value))
        return None


def words(text):
    return len(text.split())


def nonempty_str(v):
    return isinstance(v, str) and v.strip() != ""


def load_doctors(path):
    """Returns {display_name: row dict}; records problems in the file."""
    doctors = {}
    emails = set()
    try:
        f = open(path, encoding="utf-8", newline="")
    except OSError as e:
        problem(path, "cannot open: %s" % e)
        return doctors
    with f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].split("\t") != DOCTOR_COLUMNS:
        problem(path + ":1", "header must be: " + " ".join(DOCTOR_COLUMNS))
        return doctors
    for n, line in enumerate(lines[1:], 2):
        where = "%s:%d" % (path, n)
        cols = line.split("\t")
        if len(cols) != len(DOCTOR_COLUMNS):
            problem(where, "%d columns, want %d" %
                    (len(cols), len(DOCTOR_COLUMNS)))
            continue
        row = dict(zip(DOCTOR_COLUMNS, cols))
        for k, v in row.items():
            if not v.strip():
                problem(where, "empty %s" % k)
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", row["email"]):
            problem(where, "bad email %r" % row["email"])
        if row["email"] in emails:
            problem(where, "duplicate email %r" % row["email"])
        if row["display_name"] in doctors:
            problem(where, "duplicate display name %r" % row["display_name"])
        emails.add(row["email"])
        doctors[row["display_name"]] = row
    if len(doctors) < 8:
        problem(path, "only %d doctors, want at least 8" % len(doctors))
    return doctors


def check_answer_author(where, rec, doctors):
    """Checks answers[0] is by a listed doctor of the record's department."""
    ans = rec["answers"][0]
    author = ans.get("author")
    doc = doctors.get(author)
    if doc is None:
        problem(where, "answer author %r is not a demo doctor" % author)
        return
    if doc["department"] != rec.get("department"):
        problem(where, "author %r is in %r, record is in %r" %
                (author, doc["department"], rec.get("department")))
    if ans.get("department") != rec.get("department"):
        problem(where, "answer department %r differs from %r" %
                (ans.get("department"), rec.get("department")))


def check_qa(where, rec, doctors):
    lang = rec.get("language", "en")
    if not nonempty_str(rec.get("department")):
        problem(where, "qa without department")
    asker = rec.get("asker")
    if not isinstance(asker, dict):
        problem(where, "qa without asker")
    else:
        if not nonempty_str(asker.get("nickname")):
            problem(where, "asker without nickname")
        if asker.get("age_band") not in AGE_BANDS:
            problem(where, "bad age_band %r" % asker.get("age_band"))
        if asker.get("sex") not in SEXES:
            problem(where, "bad sex %r" % asker.get("sex"))
    if not nonempty_str(rec.get("question_type")):
        problem(where, "qa without question_type")
    topics = rec.get("topics")
    if (not isinstance(topics, list) or
            not TOPICS_PER_QA[0] <= len(topics) <= TOPICS_PER_QA[1] or
            not all(nonempty_str(t) for t in topics)):
        problem(where, "qa needs %d-%d topic names" % TOPICS_PER_QA)
    src = rec.get("source")
    if not isinstance(src, dict) or not nonempty_str(src.get("name")):
        problem(where, "qa without source name")
    answers = rec.get("answers")
    if not isinstance(answers, list) or len(answers) != 1:
        problem(where, "qa must have exactly one answer")
        return
    ans = answers[0]
    if not isinstance(ans, dict) or not nonempty_str(ans.get("body")):
        problem(where, "answer without body")
        return
    check_answer_author(where, rec, doctors)
    asked = parse_date(where, "asked_at", rec.get("asked_at"))
    answered = parse_date(where, "answered_at", ans.get("answered_at"))
    for field, d in (("asked_at", asked), ("answered_at", answered)):
        if d and not FIRST_DATE <= d <= LAST_DATE:
            problem(where, "%s %s outside %s..%s" %
                    (field, d, FIRST_DATE, LAST_DATE))
    if asked and answered and answered < asked:
        problem(where, "answered %s before asked %s" % (answered, asked))
    if lang == "en":
        n = words(rec["question"])
        if not QA_QUESTION_WORDS[0] <= n <= QA_QUESTION_WORDS[1]:
            problem(where, "question has %d words, want %d-%d" %
                    ((n,) + QA_QUESTION_WORDS))
        n = words(ans["body"])
        if not QA_ANSWER_WORDS[0] <= n <= QA_ANSWER_WORDS[1]:
            problem(where, "answer has %d words, want %d-%d" %
                    ((n,) + QA_ANSWER_WORDS))


def check_article(where, rec, doctors):
    if not nonempty_str(rec.get("department")):
        problem(where, "article without department")
    cat = rec.get("category")
    if not nonempty_str(cat) or not cat.startswith("More > "):
        problem(where, "article category must look like 'More > Health > X'")
    answers = rec.get("answers")
    if not isinstance(answers, list) or len(answers) < 1 or \
            not isinstance(answers[0], dict) or \
            not nonempty_str(answers[0].get("body")):
        problem(where, "article without body in answers[0]")
        return
    check_answer_author(where, rec, doctors)
    body = answers[0]["body"]
    if len(re.findall(r"^## \S", body, re.M)) < 2:
        problem(where, "article needs '## ' section headings")
    n = words(body)
    if not ARTICLE_WORDS[0] <= n <= ARTICLE_WORDS[1]:
        problem(where, "article has %d words, want %d-%d" %
                ((n,) + ARTICLE_WORDS))
    parse_date(where, "answered_at", answers[0].get("answered_at"))
    if not isinstance(rec.get("topics"), list) or not rec["topics"]:
        problem(where, "article without topics")


def check_faq(where, rec):
    answers = rec.get("answers")
    if not isinstance(answers, list) or len(answers) != 1 or \
            not isinstance(answers[0], dict) or \
            not nonempty_str(answers[0].get("body")):
        problem(where, "faq needs one answer with a body")
    elif answers[0].get("author") != EDITORS:
        problem(where, "faq author must be %r" % EDITORS)
    topics = rec.get("topics")
    if not isinstance(topics, list) or not topics or \
            not all(nonempty_str(t) for t in topics):
        problem(where, "faq needs topics (focus and synonyms)")
    src = rec.get("source")
    if not isinstance(src, dict) or src.get("name") != EDITORS:
        problem(where, "faq source name must be %r" % EDITORS)
    if not nonempty_str(rec.get("question_type")):
        problem(where, "faq without question_type")


def main(argv):
    demo = argv[1] if len(argv) > 1 else "data/demo.jsonl"
    doctors_path = argv[2] if len(argv) > 2 else "data/demo-doctors.tsv"
    doctors = load_doctors(doctors_path)

    ids = {}
    kinds = collections.Counter()
    by_dept = collections.defaultdict(collections.Counter)
    langs = collections.Counter()
    dept_topics = collections.defaultdict(collections.Counter)
    topic_depts = collections.defaultdict(set)
    qa_dates = []
    try:
        raw = open(demo, "rb").read()
    except OSError as e:
        problem(demo, "cannot open: %s" % e)
        raw = b""
    for n, line in enumerate(raw.split(b"\n"), 1):
        where = "%s:%d" % (demo, n)
        if not line.strip():
            if n != raw.count(b"\n") + 1:
                problem(where, "blank line")
            continue
        try:
            rec = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            problem(where, "not UTF-8")
            continue
        except json.JSONDecodeError as e:
            problem(where, "bad JSON: %s" % e)
            continue
        if not isinstance(rec, dict):
            problem(where, "not a JSON object")
            continue
        missing = [k for k in ("external_id", "kind", "title", "question")
                   if not nonempty_str(rec.get(k))]
        if missing:
            problem(where, "missing " + ", ".join(missing))
            continue
        rid = rec["external_id"]
        where = "%s (%s)" % (where, rid)
        if rid in ids:
            problem(where, "duplicate external_id, first on line %d" %
                    ids[rid])
        ids[rid] = n
        kind = rec["kind"]
        if kind not in KINDS:
            problem(where, "unknown kind %r" % kind)
            continue
        kinds[kind] += 1
        lang = rec.get("language", "en")
        dept = rec.get("department")
        if kind == "qa":
            check_qa(where, rec, doctors)
            langs[lang] += 1
            if nonempty_str(rec.get("asked_at")):
                qa_dates.append(rec["asked_at"][:10])
        elif kind == "article":
            check_article(where, rec, doctors)
        else:
            check_faq(where, rec)
        if dept:
            by_dept[dept][kind] += 1
            if kind in ("qa", "article"):
                for t in rec.get("topics") or []:
                    dept_topics[dept][t] += 1
                    topic_depts[t].add(dept)

    # Totals.
    if kinds["qa"] < MIN_QA:
        problem(demo, "%d qa, want at least %d" % (kinds["qa"], MIN_QA))
    qa_depts = [d for d in by_dept if by_dept[d]["qa"]]
    if len(qa_depts) < MIN_DEPARTMENTS:
        problem(demo, "qa in %d departments, want at least %d" %
                (len(qa_depts), MIN_DEPARTMENTS))
    if kinds["article"] != WANT_ARTICLES:
        problem(demo, "%d articles, want %d" %
                (kinds["article"], WANT_ARTICLES))
    if kinds["faq"] != WANT_FAQ:
        problem(demo, "%d faq, want %d" % (kinds["faq"], WANT_FAQ))
    for lang, want in MIN_LANG.items():
        if langs[lang] < want:
            problem(demo, "%d qa in %s, want at least %d" %
                    (langs[lang], lang, want))
    doctor_depts = {d["department"] for d in doctors.values()}
    for d in qa_depts:
        if d not in doctor_depts:
            problem(doctors_path, "no doctor for department %r" % d)
        n = len(dept_topics[d])
        if not TOPICS_PER_DEPARTMENT[0] <= n <= TOPICS_PER_DEPARTMENT[1]:
            problem(demo, "department %r has %d topics, want %d-%d" %
                    ((d, n) + TOPICS_PER_DEPARTMENT))
    for t, ds in sorted(topic_depts.items()):
        if len(ds) > 1:
            problem(demo, "topic %r used in several departments: %s" %
                    (t, ", ".join(sorted(ds))))

    # Summary.
    print("demo content: %s, %s" % (demo, doctors_path))
    print("  records: %d (qa %d, article %d, faq %d); doctors: %d" %
          (sum(kinds.values()), kinds["qa"], kinds["article"], kinds["faq"],
           len(doctors)))
    print("  qa languages: " + ", ".join(
        "%s %d" % kv for kv in sorted(langs.items())))
    if qa_dates:
        print("  qa asked between %s and %s" % (min(qa_dates), max(qa_dates)))
    print("  %-32s %4s %8s %4s  topics" % ("department", "qa", "article",
                                           "faq"))
    for d in sorted(by_dept):
        c = by_dept[d]
        print("  %-32s %4d %8d %4d  %s" % (
            d, c["qa"], c["article"], c["faq"],
            ", ".join("%s (%d)" % kv for kv in sorted(dept_topics[d].items()))))
    no_dept = kinds["faq"] - sum(c["faq"] for c in by_dept.values())
    if no_dept:
        print("  %-32s %4d %8d %4d" % ("(library, no department)", 0, 0,
                                        no_dept))
    if problems:
        for p in problems:
            print("PROBLEM " + p, file=sys.stderr)
        print("check-demo: %d problem(s)" % len(problems), file=sys.stderr)
        return 1
    print("check-demo: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
