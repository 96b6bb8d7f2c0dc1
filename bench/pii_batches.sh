#!/bin/sh
# bench/pii_batches.sh: personal-data recall (all and names) and precision
# on each spent outside batch, one line each, and the regression set.
# Usage: sh bench/pii_batches.sh [build/tests/test_safety]
t=${1:-build/tests/test_safety}
printf '%-8s %7s %7s %7s %7s\n' batch recall names prec nameprec
for f in tests/data/outside/safety-ext-*-pii.tsv tests/data/safety/pii.tsv; do
	b=$(basename "$f" .tsv | sed 's/^safety-//; s/-pii$//')
	"$t" --eval --pii "$f" | awk -v b="$b" '
		$1 == "all" { r = $5; p = $10 }
		$1 == "name" { nr = $3; np = $7 }
		END { printf "%-8s %7s %7s %7s %7s\n", b, r, nr, p, np }'
done
