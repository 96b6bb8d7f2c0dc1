#!/bin/sh
# bench/safety_eval.sh: figures of the emergency detector and the
# personal-data redactor on their labelled sets (tests/data/safety/).
#
# usage: sh bench/safety_eval.sh [BUILD] [--misses] [--redflag FILE]
#        [--pii FILE]
#
# Builds BUILD/tests/test_safety (default build/) and runs it in --eval
# mode: emergency recall, category agreement and false-alarm rate, and
# personal-data recall, precision and exact-span rate, per split (dev =
# used while writing the rules; test, test2, ... = batches written later,
# each held out until its first measurement) and per language, then the
# mean time per text. With --misses it also lists the dev split's errors,
# with --all-misses those of every split. --redflag FILE and --pii FILE
# score an outside set in the same TSV formats instead (splits and
# languages are whatever names the file uses; no targets are asserted).
# Run from the repository root.
set -eu
build=${1:-build}
make -s BUILD="$build" "$build/tests/test_safety" >/dev/null
shift 2>/dev/null || true
"$build/tests/test_safety" --eval "$@"
