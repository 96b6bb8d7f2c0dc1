#!/bin/sh
# tools/deps.sh [run|test]: make sure the Debian packages askdoc needs are
# installed. As root it installs what is missing; otherwise it prints the
# one apt-get line to run and fails. "run" (make run) is what building and
# serving need (libpq-dev: the PostgreSQL client library); "test" (make
# test, .ci/run; the default) adds the test tools: the PostgreSQL 15
# server (the store's tests start a throwaway cluster; tests/pg/cluster.sh)
# and haproxy (tests/e2e/test_pg_nodes.py puts three nodes behind it),
# clang and its sanitizer runtime, clang-format, tidy, Chromium and
# fonts for the browser tests, Node.js, Java, the Debian packaging tools
# and systemd (tests/pkg/run.sh), and the Nu HTML Checker (npm
# vnu-jar, declared in bench/lighthouse/package.json) fetched when it is
# not there yet; without network that only warns, and tests/e2e/test_vnu.py
# skips (or fails, under .ci/run's ASKDOC_REQUIRE_VNU=1).
what=${1:-test}
PKGS="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev
libsodium-dev libicu-dev libstemmer-dev libjansson-dev libcmark-dev
libcurl4-openssl-dev zlib1g-dev libpq-dev"
if [ "$what" = test ]; then
	PKGS="$PKGS clang clang-format libclang-rt-14-dev sqlite3 tidy python3
curl chromium fonts-noto-core fonts-noto-cjk debhelper lintian systemd
adduser groff-base postgresql-15 haproxy"
fi
missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
if [ "$what" = test ]; then
	# Node.js (browser tests, npm): the machine's own when it has one.
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
	# Java (for the Nu HTML Checker): any Java 11 or later.
	command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
fi
vnu() {
	[ "$what" = test ] || return 0
	lh="$(dirname "$0")/../bench/lighthouse"
	jar=$lh/node_modules/vnu-jar/build/dist/vnu.jar
	[ -f "$jar" ] && return 0
	echo "deps: npm ci in bench/lighthouse (the Nu HTML Checker)"
	(cd "$lh" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) &&
		[ -f "$jar" ] && return 0
	echo "deps: could not install vnu-jar; the HTML validation test will skip" >&2
	return 0
}
[ -z "$missing" ] && vnu && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
		echo "deps: apt-get install failed" >&2
		exit 1
	}
	vnu
else
	echo "deps: missing packages; run as root:" >&2
	echo "  apt-get install -y$missing" >&2
	exit 1
fi
