#!/bin/sh
# A throwaway PostgreSQL cluster for the tests.
#
#   pg_cluster.sh start DIR   make a cluster in DIR (which must not exist or
#                             be empty), start it on a Unix socket in DIR
#                             only (no TCP), print its connection string
#   pg_cluster.sh stop DIR    stop it and remove DIR
#
# The superuser is salescoach_admin, with trust authentication: only who
# can reach the socket in DIR can connect. PostgreSQL refuses to run as
# root, and CI runs as root: then the server runs as the user postgres
# (made by Debian's package), and DIR is given to it.
#
# fsync is off (a throwaway cluster); $PG_CLUSTER_OPTS adds server settings
# ("-c shared_buffers=1GB -c fsync=on"), later ones winning.
set -eu

bindir() {
	for d in "$(pg_config --bindir 2>/dev/null || true)" \
		$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5 -n -r); do
		[ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && {
			echo "$d"
			return 0
		}
	done
	echo "pg_cluster: PostgreSQL's server (initdb, pg_ctl) is not installed;" \
		"run ./scripts/install-deps.sh --test" >&2
	return 1
}

as_owner() { # command...: as the cluster's owner
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# The socket's name carries the port number; with no TCP any number is
# free as long as DIR is ours. 5432 keeps the connection string plain.
port=5432

case "${1:-}" in
start)
	[ $# -eq 2 ] || {
		echo "usage: pg_cluster.sh start DIR" >&2
		exit 2
	}
	bin=$(bindir)
	dir=$2
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	if [ "$(id -u)" -eq 0 ]; then
		id postgres >/dev/null 2>&1 || {
			echo "pg_cluster: running as root needs the user postgres (Debian's postgresql package)" >&2
			exit 1
		}
		chown postgres: "$dir"
	fi
	chmod 755 "$dir"
	as_owner test -w "$dir" || {
		echo "pg_cluster: $dir is out of reach of $(as_owner id -un): its parents must let it pass" >&2
		exit 1
	}
	as_owner "$bin/initdb" -D "$dir/data" -U salescoach_admin --auth=trust \
		--encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		exit 1
	}
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
		-o "-c listen_addresses='' -c unix_socket_directories='$dir' -p $port -c fsync=off ${PG_CLUSTER_OPTS:-}" \
		start >/dev/null || {
		cat "$dir/server.log" >&2
		exit 1
	}
	echo "postgresql://salescoach_admin@/postgres?host=$dir&port=$port"
	;;
stop)
	[ $# -eq 2 ] || {
		echo "usage: pg_cluster.sh stop DIR" >&2
		exit 2
	}
	dir=$2
	[ -d "$dir" ] || exit 0
	if [ -f "$dir/data/postmaster.pid" ]; then
		bin=$(bindir)
		as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
	;;
*)
	echo "usage: pg_cluster.sh start|stop DIR" >&2
	exit 2
	;;
esac
