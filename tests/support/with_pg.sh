#!/bin/sh
# Run a command against a throwaway PostgreSQL cluster.
#
#   with_pg.sh COMMAND ARGS...
#
# Starts a cluster (pg_cluster.sh) in a new directory under /tmp, makes in it
# the program's role, salescoach (a login, not a superuser: row-level
# security binds no superuser), and the database salescoach_test owned by it,
# then runs COMMAND with
#
#   SALESCOACH_TEST_PG        the URI of salescoach_test as salescoach
#   SALESCOACH_TEST_PG_ADMIN  the superuser's URI (database postgres), for a
#                             test that makes databases of its own
#
# and exits with COMMAND's status. The cluster is stopped and its directory
# removed whatever happens: when COMMAND fails, on a signal, and (through a
# watcher in a session of its own) when this script is killed outright, as a
# test's timeout may do.
set -u

here=$(cd "$(dirname "$0")" && pwd)
cluster="$here/pg_cluster.sh"

[ $# -ge 1 ] || {
	echo "usage: with_pg.sh COMMAND ARGS..." >&2
	exit 2
}
command -v psql >/dev/null 2>&1 || {
	echo "with_pg: psql (postgresql-client) is not installed; run ./scripts/install-deps.sh --test" >&2
	exit 1
}

# Under /tmp whatever TMPDIR says: the socket's path must stay short (a Unix
# socket's name has ~100 bytes), and the server's user must reach it as root.
dir=$(mktemp -d /tmp/scpg.XXXXXX) || exit 1
watcher=

stop() {
	[ -n "$watcher" ] && kill -- "-$watcher" 2>/dev/null
	watcher=
	"$cluster" stop "$dir"
}
trap 'stop' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# The watcher stops the cluster once this script is gone, if it could not.
setsid sh -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; "$2" stop "$3"' \
	with_pg-watch "$$" "$cluster" "$dir" </dev/null >/dev/null 2>&1 &
watcher=$!

admin=$("$cluster" start "$dir") || {
	echo "with_pg: no PostgreSQL cluster could be started" >&2
	exit 1
}
psql -X -q -v ON_ERROR_STOP=1 -d "$admin" \
	-c "CREATE ROLE salescoach LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE" \
	-c "CREATE DATABASE salescoach_test OWNER salescoach" >/dev/null || {
	echo "with_pg: the role salescoach or the database salescoach_test could not be made" >&2
	exit 1
}

SALESCOACH_TEST_PG="postgresql://salescoach@/salescoach_test?host=$dir&port=5432"
SALESCOACH_TEST_PG_ADMIN=$admin
export SALESCOACH_TEST_PG SALESCOACH_TEST_PG_ADMIN

"$@"
status=$?
exit "$status"
