#!/bin/sh
# tests/run.sh BUILD [unit|e2e]: run the suite against the binaries in BUILD.
# Every test program prints "N passed, N failed" as its last line, with
# ", N skipped" or else one "SKIP ..." line per skipped test; this script
# adds them up and ends with the total, exiting non-zero on any failure (a
# program that crashes or prints no summary counts as a failure). The unit
# tests share one throwaway PostgreSQL cluster (tests/pg/cluster.sh) when
# a server is installed and ASKDOC_TEST_PG does not name one already.
build=${1:-build}
what=${2:-all}
passed=0
failed=0
skipped=0
bad=""
log=$(mktemp)

run_one() {
	name=$1
	shift
	if "$@" >"$log" 2>&1; then st=0; else st=$?; fi
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		cat "$log"
		echo "== $name: no summary (exit $st)"
		failed=$((failed + 1))
		bad="$bad $name"
		return
	fi
	p=$(echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/')
	s=$(echo "$line" | sed -nE 's/.*, ([0-9]+) skipped.*/\1/p')
	# A program without a skipped count (the C unit tests) skips by
	# printing "SKIP ..." lines: each one is a skipped test.
	[ -n "$s" ] || s=$(grep -cE '^SKIP' "$log")
	passed=$((passed + p))
	failed=$((failed + f))
	skipped=$((skipped + ${s:-0}))
	if [ "$f" != 0 ] || [ "$st" != 0 ]; then
		cat "$log"
		[ "$f" = 0 ] && failed=$((failed + 1))
		bad="$bad $name"
	fi
	grep -E '^SKIP' "$log" | sed "s/^/  $name: /"
	echo "== $name: $line"
}

if [ "$what" = all ] || [ "$what" = unit ]; then
	# One throwaway PostgreSQL cluster for every store test (each makes
	# its own databases in it); without one they start their own or skip.
	pgdir=""
	if [ -z "${ASKDOC_TEST_PG:-}" ] && pgdir=$(mktemp -d) &&
		pgconn=$(sh tests/pg/cluster.sh start "$pgdir" 2>/dev/null); then
		export ASKDOC_TEST_PG="$pgconn"
	fi
	for t in "$build"/tests/test_*; do
		[ -x "$t" ] || continue
		run_one "$(basename "$t")" "$t"
	done
	if [ -n "$pgdir" ]; then
		sh tests/pg/cluster.sh stop "$pgdir"
		rm -rf "$pgdir"
		unset ASKDOC_TEST_PG
	fi
fi
if [ "$what" = all ] || [ "$what" = e2e ]; then
	run_one e2e python3 tests/e2e/run.py --bin "$build/askdoc"
fi
if [ "$what" = all ] || [ "$what" = browser ]; then
	if command -v node >/dev/null 2>&1; then
		if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ]; then
			(cd tests/browser && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
				echo "browser: npm ci failed; the browser tests will skip"
		fi
		run_one browser node tests/browser/run.mjs --bin "$build/askdoc"
	else
		echo "SKIP browser: node is not installed"
		skipped=$((skipped + 1))
	fi
fi
rm -f "$log"
[ -n "$bad" ] && echo "failing:$bad"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
