"""The message catalogs' own consistency (issue 16), for
test_i18n.test_catalogs_are_consistent and for translators:

    python3 tests/e2e/catalogs.py            # prints the problems, exit 1 if any

Finds, over templates/messages.json (English) and the shipped languages'
messages.TAG.json:
  - a key (or a key of a nested object such as audit_actions) missing
    from a catalog, or one English lacks;
  - a key no template ({{t.KEY}}) and no C source ("KEY") names, unless
    INDIRECT below lists it;
  - a translation whose arguments differ from English: the names, their
    kind (plain value, plural, select), and a select's branches;
  - a {{t.KEY}} of a template that English lacks.
Whether ICU can read every pattern is checked by the program itself when
it loads the catalogs (i18n_init; tests/unit/test_i18n.c), and by
test_i18n.test_broken_pattern_stops_start.
"""
import glob
import json
import os
import re
import sys

LANGS = ("zh-TW", "zh-CN", "vi")

# Keys the C code builds at run time, so no source names them whole. Each
# line says where; a key listed here that English lacks is a problem too,
# so the list cannot go stale.
INDIRECT = {
    # web/web.c web_error_page: "heading_%d" and "error_%d" by status
    "heading_400", "heading_401", "heading_403", "heading_404", "heading_405",
    "heading_409", "heading_413", "heading_414", "heading_429", "heading_500",
    "heading_503",
    "error_400", "error_404", "error_405", "error_413", "error_414", "error_500",
    "error_503",
    # web/admin.c: "admin_done_%s" after an action, "role_%s" per role
    "admin_done_verified", "admin_done_rejected", "admin_done_role",
    "admin_done_disabled", "admin_done_enabled", "admin_done_doctor",
    "role_patient", "role_doctor", "role_moderator", "role_admin",
    # web/ask.c check_text: "%s_missing", "%s_short", "%s_long" per field
    "ask_title_missing", "ask_title_short", "ask_text_missing", "ask_text_short",
    "ask_nickname_long",
    # web/taxonomy.c: "taxonomy_%s" after an action
    "taxonomy_dept_created", "taxonomy_dept_saved", "taxonomy_topic_created",
    "taxonomy_topic_saved", "taxonomy_topic_merged",
    # web/comments.c: "moderate_done_%s" after an action
    "moderate_done_show", "moderate_done_hide", "moderate_done_delete",
    # web/reply.c, web/safety.c: "pii_type_%s", "pii_marker_%s" per kind
    # of personal data (safety_pii_type_key)
    "pii_type_email", "pii_type_phone", "pii_type_id", "pii_type_address",
    "pii_type_name", "pii_type_date", "pii_type_handle", "pii_type_record",
    "pii_marker_email", "pii_marker_phone", "pii_marker_id", "pii_marker_address",
    "pii_marker_name", "pii_marker_date", "pii_marker_handle", "pii_marker_record",
    # web/audit.c: "audit_kind_%s" per kind of target
    "audit_kind_article", "audit_kind_department", "audit_kind_topic",
    "audit_kind_user",
}


class PatternError(Exception):
    pass


def _skip_quote(s, i, in_plural):
    """ICU's apostrophes: '' is one; ' before { } | (or # in a plural)
    quotes up to the next lone '. Returns the index after it."""
    if s.startswith("''", i):
        return i + 2
    if i + 1 < len(s) and (s[i + 1] in "{}|" or (in_plural and s[i + 1] == "#")):
        j = i + 1
        while j < len(s):
            if s.startswith("''", j):
                j += 2
                continue
            if s[j] == "'":
                return j + 1
            j += 1
        return j
    return i + 1


def _message(s, i, out, in_plural, depth):
    """Parse message text from i up to an unmatched } or the end."""
    if depth > 10:
        raise PatternError("nested too deep")
    while i < len(s) and s[i] != "}":
        if s[i] == "'":
            i = _skip_quote(s, i, in_plural)
        elif s[i] == "{":
            i = _argument(s, i + 1, out, in_plural, depth)
        else:
            i += 1
    return i


def _argument(s, i, out, in_plural, depth):
    m = re.compile(r"\s*([A-Za-z_][\w]*|\d+)\s*(?:,\s*([A-Za-z]+)\s*)?").match(s, i)
    if not m or not m.group(1):
        raise PatternError("an argument without a name at %d" % i)
    name, kind = m.group(1), (m.group(2) or "").lower()
    i = m.end()
    if kind in ("plural", "selectordinal", "select"):
        if i >= len(s) or s[i] != ",":
            raise PatternError("%s of %s without branches" % (kind, name))
        i += 1
        branches = set()
        while True:
            while i < len(s) and s[i].isspace():
                i += 1
            if i >= len(s):
                raise PatternError("unclosed %s of %s" % (kind, name))
            if s[i] == "}":
                i += 1
                break
            m = re.compile(r"(offset:\s*\d+|=?[\w-]+)\s*").match(s, i)
            if not m:
                raise PatternError("bad branch of %s at %d" % (name, i))
            i = m.end()
            if m.group(1).startswith("offset:"):
                continue
            if i >= len(s) or s[i] != "{":
                raise PatternError("branch %s of %s without text" % (m.group(1), name))
            branches.add(m.group(1))
            i = _message(s, i + 1, out, kind != "select", depth + 1)
            if i >= len(s):
                raise PatternError("unclosed branch of %s" % name)
            i += 1
        out.append((name, "select" if kind == "select" else "plural",
                    frozenset(branches) if kind == "select" else None))
        return i
    # A plain {name} or {name, number|date|time, style}: skip the style.
    level = 1
    while i < len(s) and level:
        if s[i] == "'":
            i = _skip_quote(s, i, False)
            continue
        level += {"{": 1, "}": -1}.get(s[i], 0)
        i += 1
    if level:
        raise PatternError("unclosed argument %s" % name)
    out.append((name, "value", None))
    return i


def arguments(pattern):
    """The arguments of a MessageFormat pattern: {name: (kind, select
    branches or None)}, kind "value", "plural" or "select". Raises
    PatternError on a pattern that does not parse."""
    out = []
    i = _message(pattern, 0, out, False, 0)
    if i != len(pattern):
        raise PatternError("an unmatched } at %d" % i)
    args = {}
    for name, kind, branches in out:
        if name in args and args[name][0] != kind:
            kind = "mixed"
        prev = args.get(name, (kind, None))[1]
        args[name] = (kind, branches if prev is None else prev | (branches or frozenset()))
    return args


def _texts(cat, prefix=""):
    """(dotted key, text) of every text of a catalog, objects flattened."""
    for k, v in cat.items():
        if isinstance(v, dict):
            yield from _texts(v, prefix + k + ".")
        else:
            yield prefix + k, v


def used_keys(tdir, srcdir):
    """Keys the templates name ({{t.KEY}}, {{#t.KEY}}...) and the string
    literals of the C sources that could be keys."""
    tkeys, lits = set(), set()
    for f in glob.glob(os.path.join(tdir, "*.mustache")):
        with open(f, encoding="utf-8") as fh:
            tkeys |= set(re.findall(r"\{\{[{#^/&]?\s*t\.([A-Za-z0-9_]+)", fh.read()))
    for f in glob.glob(os.path.join(srcdir, "**", "*.[ch]"), recursive=True):
        with open(f, encoding="utf-8") as fh:
            lits |= set(re.findall(r'"([A-Za-z0-9_]+)"', fh.read()))
    return tkeys, lits


def problems(tdir, srcdir, langs=LANGS, indirect=INDIRECT):
    """Every problem of the catalogs in tdir (with the templates there and
    the C sources under srcdir), as sentences; [] when there is none."""
    out = []
    cats = {}
    for tag in ("en",) + tuple(langs):
        name = "messages.json" if tag == "en" else "messages.%s.json" % tag
        try:
            with open(os.path.join(tdir, name), encoding="utf-8") as f:
                cats[tag] = json.load(f)
        except (OSError, ValueError) as e:
            out.append("%s: cannot read: %s" % (name, e))
    en = cats.get("en")
    if en is None:
        return out
    en_texts = dict(_texts(en))
    en_args = {}
    for k, v in en_texts.items():
        if not isinstance(v, str):
            out.append("en: %s is not a text" % k)
            continue
        try:
            en_args[k] = arguments(v)
        except PatternError as e:
            out.append("en: %s: does not parse: %s" % (k, e))
    tkeys, lits = used_keys(tdir, srcdir)
    for k in sorted(tkeys - set(en)):
        out.append("en: %s is used by a template but missing" % k)
    for k in sorted(en):
        if k not in tkeys and k not in lits and k not in indirect:
            out.append("en: %s is not used by any template or C source "
                       "(remove it, or list it in INDIRECT if built at run time)" % k)
    for k in sorted(indirect - set(en)):
        out.append("en: %s is listed in INDIRECT but English lacks it" % k)
    for tag in langs:
        cat = cats.get(tag)
        if cat is None:
            continue
        texts = dict(_texts(cat))
        for k in sorted(set(en_texts) - set(texts)):
            out.append("%s: %s is missing" % (tag, k))
        for k in sorted(set(texts) - set(en_texts)):
            out.append("%s: %s is not in English" % (tag, k))
        for k, v in sorted(texts.items()):
            if k not in en_args:
                continue
            if not isinstance(v, str):
                out.append("%s: %s is not a text" % (tag, k))
                continue
            try:
                args = arguments(v)
            except PatternError as e:
                out.append("%s: %s: does not parse: %s" % (tag, k, e))
                continue
            want = en_args[k]
            for name in sorted(set(want) | set(args)):
                if name not in args:
                    out.append("%s: %s lacks the argument {%s}" % (tag, k, name))
                elif name not in want:
                    out.append("%s: %s names {%s}, which English does not" % (tag, k, name))
                elif args[name][0] != want[name][0]:
                    out.append("%s: %s: {%s} is a %s, in English a %s"
                               % (tag, k, name, args[name][0], want[name][0]))
                elif args[name][1] != want[name][1]:
                    out.append("%s: %s: {%s, select} has branches %s, English %s"
                               % (tag, k, name, ", ".join(sorted(args[name][1] or ())),
                                  ", ".join(sorted(want[name][1] or ()))))
    return out


def emergency_problems(tdir, table):
    """The emergency numbers of the catalogs in tdir against the sourced
    table (data/emergency-numbers.tsv): every shipped language has a row
    with its numbers and a source, and its catalog's emergency_numbers
    are those numbers."""
    out = []
    rows = {}
    with open(table, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 4 or not all(c.strip() for c in cols):
                out.append("%s:%d: expected language, numbers, what they are and "
                           "source, separated by tabs" % (os.path.basename(table), n))
                continue
            rows[cols[0]] = cols[1]
    for tag in ("en",) + LANGS:
        name = "messages.json" if tag == "en" else "messages.%s.json" % tag
        try:
            with open(os.path.join(tdir, name), encoding="utf-8") as f:
                have = json.load(f).get("emergency_numbers")
        except (OSError, ValueError) as e:
            out.append("%s: cannot read: %s" % (name, e))
            continue
        if tag not in rows:
            out.append("%s: emergency numbers without a source in %s"
                       % (tag, os.path.basename(table)))
        elif have != rows[tag]:
            out.append("%s: emergency_numbers is %r, the sourced table says %r"
                       % (tag, have, rows[tag]))
    return out


if __name__ == "__main__":
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    found = problems(os.path.join(repo, "templates"), os.path.join(repo, "src"))
    found += emergency_problems(os.path.join(repo, "templates"),
                                os.path.join(repo, "data", "emergency-numbers.tsv"))
    for p in found:
        print(p)
    sys.exit(1 if found else 0)
