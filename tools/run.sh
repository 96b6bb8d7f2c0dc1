#!/bin/sh
# tools/run.sh BINARY: `make run`. Creates var/askdoc.db with the demo content
# on first run, then serves it (ASKDOC_LISTEN, default 127.0.0.1:8080).
set -e
bin=$1
db=${ASKDOC_DB:-var/askdoc.db}
mkdir -p "$(dirname "$db")"
if [ ! -f "$db" ]; then
	echo "run: creating $db with the demo content"
	if ! sh tools/demo.sh "$bin" "$db.new"; then
		rm -f "$db.new" "$db.new-wal" "$db.new-shm"
		echo "run: could not create the demo database" >&2
		exit 1
	fi
	"$bin" backup --db "$db.new" "$db"
	rm -f "$db.new" "$db.new-wal" "$db.new-shm"
fi
echo "run: serving $db on http://${ASKDOC_LISTEN:-127.0.0.1:8080}/"
exec "$bin" serve --db "$db"
