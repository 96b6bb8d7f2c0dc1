"""The command line: help, version, exit codes, one-line errors."""


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
