#!/bin/sh
# tools/run.sh BINARY: `make run`. Creates var/askdoc.db with the demo content
# on first run, then serves it (ASKDOC_LISTEN, default 127.0.0.1:8080).
set -e
bin=$1
db=${ASKDOC_DB:-var/askdoc.db}
mkdir -p "$(dirname "$db")"
if [ ! -f "$db" ]; then
	echo "run: creating $db with the demo content"
	"$bin" import --db "$db" data/demo.jsonl
	"$bin" demo-users --db "$db" 2>/dev/null || true
fi
exec "$bin" serve --db "$db"
