#!/bin/sh
# bench/pii_name_cv.sh: leave-one-batch-out figures of the statistical
# name layer (src/safety/pii_name_feat.c, tools/pii_train.c).
#
# usage: sh bench/pii_name_cv.sh [BUILD]
#
# For each outside batch X (tests/data/outside/safety-ext-*-pii.tsv, and
# ext-a, which lives in tests/data/safety/pii.tsv), trains the model
# without X, chooses its thresholds by an inner leave-one-batch-out over
# the other batches, and scores X: name recall and precision and the
# precision over all personal data, for the rules alone and for rules +
# model. The median row is over ext-b..ext-i. Our own sets are always
# trained on, never tested. Note that the rules were patched on every
# one of these batches after its first measurement, so "rules alone" is
# an optimistic baseline. Run from the repository root.
set -eu
build=${1:-build}
make -s BUILD="$build" "$build/tools/pii_train" >/dev/null
"$build/tools/pii_train" --cv tests/data/safety/pii.tsv \
	tests/data/outside/safety-ext-*-pii.tsv
