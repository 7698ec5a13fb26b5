#!/bin/sh
# The same benchmark on SQLite and on PostgreSQL, in one run, on the same
# generated organisation (docs/benchmarks.md):
#
#   bench_pg.sh alerts   bench_alerts on var/bench.db (generated first when
#                        missing), then on a throwaway PostgreSQL the file is
#                        copied into with `salescoach copy` (its time is a
#                        figure too), then the ratios of the medians.
#
# The cluster is tests/support/pg_cluster.sh's, in var/pg-bench, with fsync
# on and memory for the organisation; it is stopped and removed at the end.
# Without PostgreSQL's server installed only SQLite runs, and it says so.
# BUILD is the build folder (make passes it).
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
DB=var/bench.db
what=${1:-alerts}
[ "$what" = alerts ] || {
	echo "usage: bench_pg.sh alerts" >&2
	exit 2
}

median_of() { # file, label: the median (second figure) of the line that begins with label
	awk -v l="$2" 'index($0, l) == 3 { split($0, f, "ms"); m = f[2]; gsub(/[^0-9.]/, "", m)
		print m; exit }' "$1"
}

out_lite=$(mktemp) out_pg=$(mktemp)
echo "== SQLite ($DB)"
"$BUILD/bench/bench_alerts" --db "$DB" | tee "$out_lite"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	echo
	echo "== PostgreSQL: not installed, not measured (./scripts/install-deps.sh --test installs it)"
	rm -f "$out_lite" "$out_pg"
	exit 0
fi
dir=$(pwd)/var/pg-bench
sh tests/support/pg_cluster.sh stop "$dir" >/dev/null 2>&1 || true
mkdir -p "$dir"
[ "$(id -u)" -ne 0 ] || chmod 711 "$(pwd)/var"
cleanup() { sh tests/support/pg_cluster.sh stop "$dir" >/dev/null 2>&1 || true; rm -f "$out_lite" "$out_pg"; }
trap cleanup EXIT INT TERM
admin=$(PG_CLUSTER_OPTS="-c fsync=on -c shared_buffers=2GB -c effective_cache_size=8GB -c work_mem=64MB -c max_wal_size=4GB" \
	sh tests/support/pg_cluster.sh start "$dir")
psql -X -q -d "$admin" -c "CREATE ROLE salescoach LOGIN" -c "CREATE DATABASE bench OWNER salescoach"
uri=$(echo "$admin" | sed 's|salescoach_admin@/postgres|salescoach@/bench|')
echo
echo "== copy $DB to PostgreSQL"
start=$(date +%s.%N)
"$BUILD/salescoach" copy --from "$DB" --to "$uri" | head -1
end=$(date +%s.%N)
copy_s=$(echo "$end $start" | awk '{ printf "%.1f", $1 - $2 }')
# The planner's statistics, as autovacuum would gather them a little later.
psql -X -q -d "$(echo "$admin" | sed 's|/postgres?|/bench?|')" -c "VACUUM ANALYZE"
echo "   copied in $copy_s s (one transaction, every table counted on both sides)"
echo
echo "== PostgreSQL ($(psql -X -A -t -d "$admin" -c 'SHOW server_version'), Unix socket)"
"$BUILD/bench/bench_alerts" --db "$uri" | tee "$out_pg"

lf=$(median_of "$out_lite" "floor (scan)") le=$(median_of "$out_lite" "evaluation ")
pf=$(median_of "$out_pg" "floor (scan)") pe=$(median_of "$out_pg" "evaluation ")
echo
echo "== PostgreSQL beside SQLite (medians, same run)"
echo "$lf $pf $le $pe $copy_s" | awk '{
	printf "  floor (scan)   SQLite %9.1f ms  PostgreSQL %9.1f ms  ratio %5.2f\n", $1, $2, $2 / $1
	printf "  evaluation     SQLite %9.1f ms  PostgreSQL %9.1f ms  ratio %5.2f (aim: within 2)\n", $3, $4, $4 / $3
	printf "  copy to PostgreSQL  %.1f s\n", $5 }'
