#!/bin/sh
# bench_import.sh - the speed of `salescoach import results`, run by
# `make bench-import` (docs/benchmarks.md).
#
# Generates a CSV of BENCH_PEOPLE (10,000) people times BENCH_MONTHS (100)
# monthly sales results (1,000,000 rows), imports the people into a new
# English organisation first (not timed), then times the import of the
# results beside its floor in the same run: the sqlite3 shell's `.import` of
# the same file into a bare table. Prints both rates in rows per second, their
# ratio, and the largest resident memory (RSS) of each, which must not grow
# with the file; the issue's aim is at least half the floor's rate. It does
# not fail when the aim is not met.
#
# Knobs (environment): BENCH_PEOPLE, BENCH_MONTHS, BUILD (build). Works in a
# temporary folder that is removed afterwards.
set -eu

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
PEOPLE=${BENCH_PEOPLE:-10000}
MONTHS=${BENCH_MONTHS:-100}
SC="$PWD/$BUILD/salescoach"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM

command -v sqlite3 >/dev/null || { echo "bench-import: the sqlite3 shell is needed (apt-get install sqlite3)" >&2; exit 1; }

awk -v n="$PEOPLE" 'BEGIN {
	print "name,email,title"
	for (i = 1; i <= n; i++) printf "Rep %d,rep%d@bench.example,Account manager\n", i, i
}' >"$T/people.csv"
awk -v n="$PEOPLE" -v m="$MONTHS" 'BEGIN {
	print "rep,month,quota,revenue,deals_won,deals_lost,activities"
	for (i = 1; i <= n; i++)
		for (k = 0; k < m; k++) {
			y = 2018 + int(k / 12); mo = k % 12 + 1
			printf "rep%d@bench.example,%04d-%02d,%d,%d,%d,%d,%d\n", i, y, mo,
			       20000 + (i * 7919 + k * 104729) % 30000, (i * 104729 + k * 7919) % 45000,
			       (i + k) % 9, (i * k) % 7, 20 + (i + 3 * k) % 60
		}
}' >"$T/results.csv"
ROWS=$((PEOPLE * MONTHS))
echo "bench-import: $ROWS results of $PEOPLE people over $MONTHS months ($(du -h "$T/results.csv" | cut -f1))"

"$SC" --db "$T/bench.db" org add --name "Bench" --locale en >/dev/null
"$SC" --db "$T/bench.db" import people "$T/people.csv" >/dev/null

# seconds and max RSS (KiB) of a command, into $secs and $rss
timed() {
	/usr/bin/time -f "%e %M" -o "$T/time" "$@" >"$T/out" 2>&1 || { cat "$T/out" >&2; exit 1; }
	read -r secs rss <"$T/time"
}

timed "$SC" --db "$T/bench.db" import results "$T/results.csv"
tail -1 "$T/out"
imp_secs=$secs imp_rss=$rss
timed sqlite3 "$T/floor.db" ".mode csv" ".import $T/results.csv results"
floor_secs=$secs floor_rss=$rss

awk -v rows="$ROWS" -v a="$imp_secs" -v b="$floor_secs" -v ra="$imp_rss" -v rb="$floor_rss" 'BEGIN {
	ia = a > 0 ? rows / a : rows; fb = b > 0 ? rows / b : rows
	printf "salescoach import results  %10.0f rows/s  (%.1f s, max RSS %d MiB)\n", ia, a, ra / 1024
	printf "sqlite3 .import (floor)    %10.0f rows/s  (%.1f s, max RSS %d MiB)\n", fb, b, rb / 1024
	met = (ia / fb >= 0.5) ? "" : ": not met"
	printf "ratio %.3f of the floor (aim: at least 0.5)%s\n", ia / fb, met
}'
