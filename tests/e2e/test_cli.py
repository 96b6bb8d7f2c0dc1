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
