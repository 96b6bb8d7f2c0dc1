#!/usr/bin/env python3
"""tests/e2e/run.py: end-to-end tests against the real askdoc binary.

Each tests/e2e/test_*.py module defines functions test_*(t) taking a Tester
(see harness.py). The runner gives each module a fresh temporary directory;
modules start servers with t.server(...), which runs `askdoc serve` on a free
loopback port with a temporary database, and drive it over HTTP. Every HTML
page fetched is checked to be well-formed with tidy. Prints
"N passed, N failed" (counting checks) as its last line.

usage: run.py --bin build/askdoc [-k substring]
"""
import argparse
import importlib.util
import os
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("-k", default="", help="run only tests whose name contains this")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    totals = harness.Totals()
    for fn in sorted(os.listdir(HERE)):
        if not (fn.startswith("test_") and fn.endswith(".py")):
            continue
        spec = importlib.util.spec_from_file_location(fn[:-3], os.path.join(HERE, fn))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        names = [n for n in dir(mod) if n.startswith("test_") and callable(getattr(mod, n))]
        names.sort(key=lambda n: getattr(mod, n).__code__.co_firstlineno)
        with harness.Tester(binary, totals, fn[:-3]) as t:
            for n in names:
                if a.k and a.k not in n and a.k not in fn:
                    continue
                t.current = "%s.%s" % (fn[:-3], n)
                try:
                    getattr(mod, n)(t)
                except harness.Skip as e:
                    totals.skipped += 1
                    print("SKIP %s: %s" % (t.current, e))
                except Exception:
                    totals.failed += 1
                    print("FAIL %s: exception\n%s" % (t.current, traceback.format_exc()))
    print("%d passed, %d failed, %d skipped" % (totals.passed, totals.failed, totals.skipped))
    return 1 if totals.failed else 0


if __name__ == "__main__":
    sys.exit(main())
