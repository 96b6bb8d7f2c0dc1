#!/bin/sh
# tools/deps.sh: make sure the Debian packages askdoc builds and tests with
# are installed. As root it installs what is missing; otherwise it prints the
# one apt-get line to run and fails.
PKGS="build-essential pkg-config clang clang-format libclang-rt-14-dev
libmicrohttpd-dev libsqlite3-dev sqlite3 libsodium-dev libicu-dev
libstemmer-dev libjansson-dev libcmark-dev libcurl4-openssl-dev zlib1g-dev
tidy python3 curl chromium fonts-noto-core fonts-noto-cjk"
missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
# Node.js (for the browser tests): the machine's own when it has one.
command -v node >/dev/null 2>&1 || missing="$missing nodejs npm"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
		echo "deps: apt-get install failed" >&2
		exit 1
	}
else
	echo "deps: missing packages; run as root:" >&2
	echo "  apt-get install -y$missing" >&2
	exit 1
fi
