#!/bin/sh
# tests/pkg/run.sh: the Debian package, end to end, on this machine (as
# root; .ci/run runs it on a fresh Debian 12 machine after make test).
# Builds the package from the working tree with dpkg-buildpackage, checks
# it with lintian (no errors), installs it, runs `systemd-analyze verify`
# on the unit, runs the unit's ExecStart line as the package's user with
# the installed configuration (CI's machine may not run systemd as init)
# and checks /healthz, upgrades it (the changed configuration file stays),
# removes and purges it and checks the data stays. Ends with
# "N passed, N failed". The package, its user and /var/lib/askdoc are
# left as a real removal leaves them.
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/askdoc-pkg-XXXXXX)
passed=0
failed=0
pid=""

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL pkg: $*"; }
check() { # check WHAT COMMAND...: COMMAND must succeed
	what=$1
	shift
	if "$@" >"$work/out" 2>&1; then ok; else fail "$what"; sed 's/^/  /' "$work/out" | tail -20; fi
}
finish() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$work"
	echo "$passed passed, $failed failed"
	[ "$failed" = 0 ]
	exit $?
}
if [ "$(id -u)" != 0 ]; then
	echo "SKIP pkg: needs root (it installs the package)"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
if dpkg-query -W -f='${Status}' askdoc 2>/dev/null | grep -q "ok installed"; then
	fail "askdoc is already installed here; remove it first"
	finish
fi

# Build from a copy of the tree (dpkg-buildpackage writes beside it).
mkdir "$work/src"
(cd "$repo" && git ls-files -co --exclude-standard | tar -cf - -T -) |
	tar -xf - -C "$work/src"
if (cd "$work/src" && dpkg-buildpackage -b -us -uc -j2) >"$work/build.log" 2>&1; then
	ok
else
	fail "dpkg-buildpackage"
	tail -30 "$work/build.log"
	finish
fi
deb=$(ls "$work"/askdoc_*_*.deb)
check "lintian reports no errors" lintian --fail-on error "$work"/askdoc_*.changes

# Install.
check "the package installs" env DEBIAN_FRONTEND=noninteractive \
	apt-get install -y -qq --no-install-recommends "$deb"
check "system user askdoc" sh -c 'getent passwd askdoc | grep -q ":/var/lib/askdoc:"'
check "state folder owned by askdoc, mode 750" \
	sh -c '[ "$(stat -c %U:%a /var/lib/askdoc)" = askdoc:750 ]'
check "the configuration file is a conffile" \
	sh -c 'dpkg-query -W -f="\${Conffiles}" askdoc | grep -q /etc/askdoc/askdoc.conf'
check "the installed configuration checks" askdoc config check /etc/askdoc/askdoc.conf
check "manual pages installed" test -f /usr/share/man/man1/askdoc.1.gz -a \
	-f /usr/share/man/man5/askdoc.conf.5.gz
check "templates installed" test -f /usr/share/askdoc/templates/layout.mustache
unit=/lib/systemd/system/askdoc.service
check "systemd-analyze verify accepts the unit" systemd-analyze verify "$unit"
for key in "User=askdoc" "ProtectSystem=strict" "StateDirectory=askdoc" \
	"NoNewPrivileges=yes" "SystemCallFilter=@system-service" "Type=notify" \
	"ExecReload=/bin/kill -HUP \$MAINPID"; do
	check "the unit has $key" grep -qxF "$key" "$unit"
done

# Run the unit's ExecStart as the unit's user, in its working folder, on
# a free port (the environment wins over the installed file).
start() {
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	cmd=$(sed -n 's/^ExecStart=//p' "$unit")
	(cd /var/lib/askdoc && exec env ASKDOC_LISTEN="127.0.0.1:$port" \
		setpriv --reuid=askdoc --regid=askdoc --init-groups $cmd) \
		>"$work/serve.log" 2>&1 &
	pid=$!
	i=0
	while [ $i -lt 100 ]; do
		curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
stop() {
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"
	st=$?
	pid=""
	return $st
}
check "ExecStart serves as user askdoc" start
check "/healthz answers ok" sh -c "curl -fsS http://127.0.0.1:$port/healthz | grep -qx ok"
check "the home page answers" curl -fsS -o /dev/null "http://127.0.0.1:$port/"
check "the server runs as askdoc" sh -c "ps -o user= -p $pid | grep -qx askdoc"
check "the database is made in the state folder, owned by askdoc" \
	sh -c '[ "$(stat -c %U /var/lib/askdoc/askdoc.db)" = askdoc ]'
check "SIGTERM stops it with exit 0" stop
grep -q 'event="serving"' "$work/serve.log" && ok || fail "logfmt log on stderr"

# Upgrade to a newer version: the administrator's change stays.
echo "site_name = Local Change" >>/etc/askdoc/askdoc.conf
mkdir "$work/up"
dpkg-deb -R "$deb" "$work/up/root"
sed -i 's/^Version: .*/&+upgrade1/' "$work/up/root/DEBIAN/control"
dpkg-deb -b "$work/up/root" "$work/up/askdoc-up.deb" >/dev/null
check "the upgrade installs" env DEBIAN_FRONTEND=noninteractive dpkg -i "$work/up/askdoc-up.deb"
check "the upgrade kept the changed configuration file" \
	grep -qx "site_name = Local Change" /etc/askdoc/askdoc.conf
check "the database survived the upgrade" test -s /var/lib/askdoc/askdoc.db
check "the upgraded package serves" start
check "with the administrator's setting" sh -c \
	"curl -fsS http://127.0.0.1:$port/ | grep -q '<title>Local Change'"
check "and stops" stop

# Remove, then purge: the data stays.
check "the package is removed" env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq askdoc
check "the binary is gone" test ! -e /usr/bin/askdoc
check "removing keeps the database" test -s /var/lib/askdoc/askdoc.db
check "removing keeps the configuration file" test -f /etc/askdoc/askdoc.conf
check "the package is purged" dpkg --purge askdoc
check "purging keeps the database" test -s /var/lib/askdoc/askdoc.db
finish
