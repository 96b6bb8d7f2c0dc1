"""Manual pages and `make install`: askdoc(1) names every command and
option that --help lists, askdoc.conf(5) every setting of the example
configuration; both render without groff warnings; `make install` with
PREFIX and DESTDIR puts the binary, pages, templates, static files and
example configuration in place and `make uninstall` takes them away."""
import os
import re
import shutil
import subprocess

import harness


def unroff(text):
    return text.replace("\\-", "-").replace("\\e", "\\").replace("\\&", "")


def man_text(t, section):
    page = "askdoc.1" if section == 1 else "askdoc.conf.5"
    built = os.path.join(os.path.dirname(t.bin), "man", page)
    p = t.run("--man", str(section))
    t.eq(p.returncode, 0, "askdoc --man %d" % section)
    if os.path.exists(built):
        with open(built) as f:
            t.eq(f.read(), p.stdout, "the built %s is what --man writes" % page)
    return p.stdout


def test_man_lists_every_command_and_option(t):
    man = unroff(man_text(t, 1))
    top = t.run("--help").stdout
    cmds = re.findall(r"^  ([a-z]+) ", top, re.M)
    t.ok(len(cmds) >= 9, "commands found in --help: %r" % cmds)
    for cmd in cmds:
        t.has(man, ".B askdoc " + cmd, "askdoc(1) lists the command " + cmd)
        flags = re.findall(r"^  (--[a-z-]+)", t.run(cmd, "--help").stdout, re.M)
        t.ok(flags, "options of %s found" % cmd)
        for flag in flags:
            t.ok(re.search(r"^\.B %s( |$)" % re.escape(flag), man, re.M) is not None,
                 "askdoc(1) lists %s (askdoc %s --help)" % (flag, cmd))


def test_conf_page_lists_every_setting(t):
    man = unroff(man_text(t, 5))
    example = t.run("config", "example").stdout
    keys = re.findall(r"^#([a-z_]+) =", example, re.M)
    keys += re.findall(r"^# \(or ([a-z_]+) = FILE", example, re.M)
    t.ok("smtp_password_file" in keys and "listen" in keys, "settings found: %d" % len(keys))
    for k in keys:
        t.ok(re.search(r"^\.B %s( |$)" % re.escape(k), man, re.M) is not None,
             "askdoc.conf(5) lists " + k)


def test_man_pages_render_cleanly(t):
    if not shutil.which("groff"):
        raise harness.Skip("groff is not installed")
    for section in (1, 5):
        path = t.path("page.%d" % section)
        with open(path, "w") as f:
            f.write(man_text(t, section))
        p = subprocess.run(["groff", "-man", "-ww", "-z", path], capture_output=True, text=True)
        t.eq((p.returncode, p.stderr), (0, ""), "groff has nothing to say about section %d" % section)


def test_make_install_and_uninstall(t):
    build = os.path.dirname(t.bin)
    if os.path.basename(build) not in ("build", "build-san", "build-clang"):
        raise harness.Skip("binary not in a make build folder")
    dest = t.path("dest")
    env = dict(os.environ, MAKEFLAGS="")
    p = subprocess.run(["make", "--no-print-directory", "install", "BUILD=" + build,
                        "PREFIX=/opt/ad", "DESTDIR=" + dest],
                       cwd=harness.REPO, capture_output=True, text=True, env=env, timeout=600)
    t.eq(p.returncode, 0, "make install: " + p.stderr[-500:])
    root = dest + "/opt/ad"
    for rel in ("bin/askdoc", "share/man/man1/askdoc.1", "share/man/man5/askdoc.conf.5",
                "share/askdoc/askdoc.conf.example", "share/askdoc/templates/layout.mustache",
                "share/askdoc/templates/messages.json", "share/askdoc/static/site.css"):
        t.ok(os.path.isfile(os.path.join(root, rel)), "installed " + rel)
    with open(root + "/lib/systemd/system/askdoc.service") as f:
        t.has(f.read(), "ExecStart=/opt/ad/bin/askdoc serve --config", "the unit runs BINDIR's binary")
    q = subprocess.run([root + "/bin/askdoc", "version"], capture_output=True, text=True)
    t.ok(q.returncode == 0 and q.stdout.startswith("askdoc "), "the installed binary runs")
    ex = root + "/share/askdoc/askdoc.conf.example"
    q = subprocess.run([root + "/bin/askdoc", "config", "check", ex], capture_output=True, text=True)
    t.eq(q.returncode, 0, "the example configuration checks: " + q.stderr)
    # The installed templates work as --templates for a server.
    s = t.server(args=["--templates", root + "/share/askdoc/templates",
                       "--static", root + "/share/askdoc/static"])
    t.eq(s.get("/").status, 200, "a server on the installed templates")
    p = subprocess.run(["make", "--no-print-directory", "uninstall", "BUILD=" + build,
                        "PREFIX=/opt/ad", "DESTDIR=" + dest],
                       cwd=harness.REPO, capture_output=True, text=True, env=env, timeout=120)
    t.eq(p.returncode, 0, "make uninstall")
    left = [os.path.join(d, f) for d, _, fs in os.walk(dest) for f in fs]
    t.eq(left, [], "make uninstall leaves no file")
