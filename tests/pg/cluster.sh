#!/bin/sh
# tests/pg/cluster.sh start DIR | stop DIR: a throwaway PostgreSQL cluster
# for the tests, in DIR (an empty folder the caller made and removes).
#
# start runs initdb and pg_ctl from the newest /usr/lib/postgresql/*/bin
# (or PATH), listening only on a Unix socket in DIR (no TCP port, so runs
# never collide), with fsync off (the data is thrown away) and
# PG_MAX_CONNECTIONS connections (default 40), then prints
# the libpq connection string of its maintenance database on stdout:
#   host=DIR user=askdoc dbname=postgres
# As root the cluster runs as the user nobody (PostgreSQL refuses root).
# Exit status 77 when no PostgreSQL server is installed (tests skip),
# 1 when it would not start (its log goes to stderr).
set -u
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || {
	echo "usage: $0 start|stop DIR" >&2
	exit 2
}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
	p=$(command -v initdb 2>/dev/null) || p=""
	bin=${p%/initdb}
fi
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ] || [ ! -x "$bin/pg_ctl" ]; then
	echo "no PostgreSQL server (initdb, pg_ctl) installed" >&2
	exit 77
fi
as() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u nobody -- "$@"
	else
		"$@"
	fi
}
case $cmd in
start)
	[ "$(id -u)" = 0 ] && chown nobody "$dir"
	as "$bin/initdb" -D "$dir/data" -U askdoc -A trust -E UTF8 \
		--locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		exit 1
	}
	as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses='' -k $dir -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=${PG_MAX_CONNECTIONS:-40}" \
		start >/dev/null 2>&1 || {
		cat "$dir/server.log" >&2
		exit 1
	}
	echo "host=$dir user=askdoc dbname=postgres"
	;;
stop)
	[ -d "$dir/data" ] || exit 0
	as "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
	;;
*)
	echo "usage: $0 start|stop DIR" >&2
	exit 2
	;;
esac
