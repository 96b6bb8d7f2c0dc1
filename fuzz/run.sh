#!/bin/sh
# fuzz/run.sh BUILD SECONDS [NAME...]: run the libFuzzer targets built in
# BUILD/fuzz/ for SECONDS each (all targets when no NAME is given), FUZZ_JOBS
# at a time (default: the number of CPUs). Each target's corpus is
# BUILD/corpus/NAME (kept between runs; new inputs land there), read
# together with the seeds in fuzz/seeds/NAME/; fuzz/dict/NAME.dict is used
# when present. Logs go to BUILD/fuzz/logs/NAME.log and crash inputs to
# BUILD/fuzz/crashes/NAME/. Prints one line per target (executions,
# coverage, corpus) and exits non-zero if any target crashed, leaked, hit a
# timeout or ran out of memory.
set -u
build=$1
secs=$2
shift 2

if [ "${FUZZ_ONE:-}" = 1 ]; then
	name=$1
	bin=$build/fuzz/fuzz_$name
	log=$build/fuzz/logs/$name.log
	corpus=$build/corpus/$name
	crashes=$build/fuzz/crashes/$name
	mkdir -p "$corpus" "$crashes" "$build/fuzz/logs"
	set -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len="${FUZZ_MAX_LEN:-4096}" -print_final_stats=1 \
		-artifact_prefix="$crashes/"
	[ -f "fuzz/dict/$name.dict" ] && set -- "$@" -dict="fuzz/dict/$name.dict"
	set -- "$@" "$corpus"
	[ -d "fuzz/seeds/$name" ] && set -- "$@" "fuzz/seeds/$name"
	if "$bin" "$@" >"$log" 2>&1; then st=ok; else st="FAILED (see $log)"; fi
	last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
	execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log")
	cov=$(echo "$last" | sed -nE 's/.* cov: ([0-9]+).*/\1/p')
	ft=$(echo "$last" | sed -nE 's/.* ft: ([0-9]+).*/\1/p')
	corp=$(echo "$last" | sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p')
	rate=$(echo "$last" | sed -nE 's/.* exec\/s: ([0-9]+).*/\1/p')
	printf '%-16s %ss %10s execs %7s exec/s cov %5s ft %6s corpus %5s %s\n' \
		"$name" "$secs" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" \
		"${corp:-?}" "$st"
	[ "$st" = ok ]
	exit
fi

if [ $# -eq 0 ]; then
	for f in fuzz/fuzz_*.c; do
		n=${f#fuzz/fuzz_}
		set -- "$@" "${n%.c}"
	done
fi
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
out=$(mktemp)
printf '%s\n' "$@" |
	FUZZ_ONE=1 xargs -P "$jobs" -I{} sh "$0" "$build" "$secs" {} >"$out"
st=$?
sort "$out"
rm -f "$out"
if [ $st -ne 0 ]; then
	echo "fuzz: a target failed; its input is in $build/fuzz/crashes/NAME/"
	exit 1
fi
echo "fuzz: $# targets ran ${secs}s each, all clean"
