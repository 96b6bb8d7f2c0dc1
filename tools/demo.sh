#!/bin/sh
# tools/demo.sh BINARY DB: fill DB with the demo content: the demo doctors
# (data/demo-doctors.tsv, with random passwords nobody knows) first, so
# the demo answers link to their profiles, then data/demo.jsonl, and the
# demo readers (data/demo-readers.tsv, random passwords too) whose
# comments, with the doctors' replies, are data/demo-comments.jsonl.
set -e
bin=$1
db=$2
tab=$(printf '\t')
tail -n +2 data/demo-doctors.tsv | while IFS="$tab" read -r email name title hospital dept bio signoff; do
	[ -n "$email" ] || continue
	pw=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
	"$bin" user add --db "$db" --role doctor --email "$email" --name "$name" \
		--title "$title" --hospital "$hospital" --department "$dept" \
		--bio "$bio" --signoff "$signoff" --password "$pw" >/dev/null
done
"$bin" import --db "$db" data/demo.jsonl
"$bin" names --db "$db" data/demo-names.tsv >/dev/null
# The liver department's intake form, and the answers its demo questions
# carry (private: only doctors see them).
"$bin" intake --db "$db" form "Gastroenterology and Hepatology" data/demo-intake-liver.json >/dev/null
"$bin" intake --db "$db" answers data/demo-intake.jsonl >/dev/null
tail -n +2 data/demo-readers.tsv | while IFS="$tab" read -r email name; do
	[ -n "$email" ] || continue
	pw=$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')
	"$bin" user add --db "$db" --role patient --email "$email" --name "$name" \
		--password "$pw" >/dev/null
done
"$bin" comments --db "$db" data/demo-comments.jsonl >/dev/null
