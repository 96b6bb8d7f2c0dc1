"""The command line: help, version, exit codes, one-line errors."""
import os


def test_version(t):
    p = t.run("version")
    t.eq(p.returncode, 0, "version exit code")
    t.ok(p.stdout.startswith("askdoc "), "version prints askdoc VERSION")


def test_help_lists_every_command(t):
    p = t.run("--help")
    t.eq(p.returncode, 0, "--help exit code")
    for cmd in ("serve", "import", "export", "user", "backup", "version"):
        t.has(p.stdout, cmd, "--help lists " + cmd)
    for cmd in ("serve", "import", "export", "user", "backup", "version"):
        q = t.run(cmd, "--help")
        t.eq(q.returncode, 0, cmd + " --help exit code")
        t.has(q.stdout, "usage: askdoc " + cmd, cmd + " --help usage line")


def test_bad_usage_exits_2_with_one_line(t):
    for args in (["nosuchcommand"], ["serve", "--nosuchflag"], ["serve", "--threads", "x"],
                 ["import", "--db"]):
        p = t.run(*args)
        t.eq(p.returncode, 2, "exit code of %s" % args)
        t.eq(len(p.stderr.strip().splitlines()), 1, "one error line for %s: %r" % (args, p.stderr))
    p = t.run()
    t.eq(p.returncode, 2, "no command is bad usage")


def test_environment_sets_options(t):
    p = t.run("serve", "--help", env={"ASKDOC_THREADS": "3"})
    t.eq(p.returncode, 0, "help with env")
    p = t.run("serve", env={"ASKDOC_THREADS": "999"})
    t.eq(p.returncode, 2, "env value out of range is bad usage")
    t.has(p.stderr, "ASKDOC_THREADS", "error names the variable")


def test_serve_needs_an_existing_database(t):
    """Issue 11 item 12: a typo in serve --db (or ASKDOC_DB) is an error
    naming the path, not a new empty site; creating a database is asked
    for, by `askdoc init` or `serve --create`."""
    import os
    import harness
    typo = t.path("askdco.db")
    for args, env in (([typo], None), ([], {"ASKDOC_DB": typo})):
        cmd = ["serve", "--listen", "127.0.0.1:%d" % harness.free_port()]
        p = t.run(*(cmd + (["--db"] + args if args else [])), env=env)
        t.eq(p.returncode, 1, "serve on a missing database fails (%s)" % (env or args))
        t.has(p.stderr, typo, "the error names the path")
        t.has(p.stderr, "askdoc init", "and says how to create one")
        t.eq(len(p.stderr.strip().splitlines()), 1, "one error line")
        t.ok(not os.path.exists(typo), "nothing created")
    made = t.path("made.db")
    p = t.run("init", "--db", made)
    t.eq(p.returncode, 0, "init: " + p.stderr)
    t.ok(os.path.exists(made), "init creates the file")
    p = t.run("init", "--db", made)
    t.eq(p.returncode, 1, "init refuses an existing file")
    t.has(p.stderr, "already exists", "and says so")
    p = t.run("init", "--db", t.path("no/such/folder/x.db"))
    t.eq(p.returncode, 1, "init in a missing folder fails")
    t.eq(t.server(made).get("/healthz", tidy=False).status, 200, "serve on an init'ed database")
    fresh = t.path("fresh.db")
    s = harness.Server(t, t.bin, fresh, ["--create"], None)
    t.servers.append(s)
    t.eq(s.get("/healthz", tidy=False).status, 200, "serve --create makes one")
    t.ok(os.path.exists(fresh), "and it exists")
    p = t.run("init", "--help")
    t.has(p.stdout, "usage: askdoc init", "init has help")


def test_safety_command_json_lines(t):
    import json
    lines = ["My mother has crushing chest pain and is sweating, call 0912-345-678",
             "what is a normal resting heart rate?",
             "Caf\u00e9 mail: anna@example.com"]
    p = t.run("safety", "--json", "-", stdin="\n".join(lines) + "\n")
    t.eq(p.returncode, 0, "safety exit code")
    out = [json.loads(x) for x in p.stdout.splitlines()]
    t.eq(len(out), 3, "one JSON line per input line")
    t.eq(out[0]["emergency"], True, "an emergency is one")
    t.eq(out[0]["categories"], ["cardiac"], "its category")
    t.eq(out[1]["emergency"], False, "a general question is not")
    t.eq(out[1]["findings"], [], "nothing personal in it")
    for line, o in zip(lines, out):
        raw = line.encode()
        for f in o["findings"]:
            t.eq(raw[f["start"]:f["end"]].decode(), f["text"],
                 "byte offsets point at the finding")
    t.eq([f["type"] for f in out[0]["findings"]], ["phone"], "the phone found")
    t.has(out[0]["redacted"], "[removed: phone]", "redacted carries the marker")
    t.ok("0912" not in out[0]["redacted"], "the phone is gone")
    t.eq(out[2]["findings"][0]["text"], "anna@example.com", "e-mail text")
    t.eq(out[2]["findings"][0]["start"], len("Caf\u00e9 mail: ".encode()),
         "offsets count bytes, not characters")
    # The text on the command line, joined by spaces, and the plain format.
    p = t.run("safety", "call", "0912-345-678")
    t.eq(p.returncode, 0, "plain exit code")
    t.has(p.stdout, "phone 5-17: 0912-345-678", "plain lists the finding")
    p = t.run("safety")
    t.eq(p.returncode, 2, "no text is bad usage")
    t.eq(len(p.stderr.strip().splitlines()), 1, "one error line")
    p = t.run("safety", "--limit", "3", "x")
    t.eq(p.returncode, 2, "an option safety does not take is bad usage")


def test_backup_refuses_postgres(t):
    """Issue 15: PostgreSQL is backed up with its own tools; askdoc backup
    says which, exit 2, without connecting (no server runs here)."""
    dest = t.path("copy.db")
    for url in ("postgres://nobody@127.0.0.1:1/askdoc", "postgresql:///askdoc"):
        p = t.run("backup", "--db", url, dest)
        t.eq(p.returncode, 2, "backup of %s exit code" % url)
        t.has(p.stderr, "pg_dump", "backup of %s names pg_dump" % url)
        t.has(p.stderr, "pg_basebackup", "backup of %s names pg_basebackup" % url)
        t.has(p.stderr, "docs/operations.md", "backup of %s points at the docs" % url)
        t.eq(len(p.stderr.strip().splitlines()), 1, "one error line")
        t.ok(not os.path.exists(dest), "no copy made")
