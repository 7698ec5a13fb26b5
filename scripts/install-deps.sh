#!/bin/sh
# Install what salescoach needs to build and test, but only what is missing.
# Libraries are looked up with pkg-config and tools on PATH; the Debian
# packages of whatever is missing are installed with apt-get (through sudo
# when not root). Safe to run again: it does nothing when all is there.
# With --test (make check) also Chromium, for the browser tests, and PostgreSQL.
# Then libFuzzer's runtime, which Debian packages apart from clang.
# Last, the npm packages of package-lock.json (esbuild and Preact, which build
# the web interface; the test tools) are installed into node_modules/ when they are missing or older
# than the lockfile. Run from the repository root (make deps does).
set -eu

missing=""
need_pkg() { # pkg-config name, Debian package
	pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"
}
need_cmd() { # command, Debian package
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}

need_cmd pkg-config pkg-config
need_cmd cc gcc
need_cmd meson meson
need_cmd ninja ninja-build
need_cmd python3 python3
need_pkg sqlite3 libsqlite3-dev
need_pkg jansson libjansson-dev
need_pkg cmocka libcmocka-dev
need_pkg libsodium libsodium-dev
need_pkg zlib zlib1g-dev
need_pkg libical libical-dev
need_pkg xlsxwriter libxlsxwriter-dev
need_pkg libcurl libcurl4-openssl-dev
need_pkg libzip libzip-dev
need_pkg libpq libpq-dev # the PostgreSQL store (--db postgresql://...)
[ -e /usr/include/csv.h ] || missing="$missing libcsv-dev" # libcsv has no pkg-config file
need_cmd sqlite3 sqlite3
[ -e /usr/share/zoneinfo/Europe/Amsterdam ] || missing="$missing tzdata"
need_cmd node nodejs
need_cmd npm npm
need_cmd clang clang # the fuzz targets (libFuzzer) of make check
# The browser tests of make check (tests/web) drive Debian's Chromium; make run needs none.
if [ "${1:-}" = "--test" ]; then
	need_cmd chromium chromium
	# The e-mail tests send to a real SMTP server started on loopback.
	/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing="$missing python3-aiosmtpd"
	# The PostgreSQL schema's test starts a throwaway PostgreSQL server (initdb, pg_ctl) and
	# drives it with psql.
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
	need_cmd psql postgresql-client
fi

updated=""
install() { # Debian packages
	echo "salescoach: installing missing packages: $*"
	if [ "$(id -u)" -eq 0 ]; then
		SUDO=""
	elif command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		echo "salescoach: not root and no sudo; install these packages first: $*" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	[ -n "$updated" ] || $SUDO apt-get update -qq
	updated=1
	$SUDO apt-get install -y -qq --no-install-recommends "$@"
}

if [ -n "$missing" ]; then
	# shellcheck disable=SC2086 # the list is meant to split into packages
	install $missing
fi

# libFuzzer and the sanitizers' runtimes for clang N are in libclang-rt-N-dev,
# which clang only recommends: look for the fuzzer's library.
fuzzer_runtime() {
	for lib in "$(clang -print-resource-dir)"/lib/*/libclang_rt.fuzzer*.a; do
		[ -e "$lib" ] && return 0
	done
	return 1
}
if ! fuzzer_runtime; then
	install "libclang-rt-$(clang -dumpversion | cut -d. -f1)-dev"
	fuzzer_runtime || {
		echo "salescoach: clang has no libFuzzer runtime; see docs/fuzzing.md" >&2
		exit 1
	}
fi

# npm writes node_modules/.package-lock.json on every install: when it is
# missing or older than the lockfile, install exactly what the lockfile says.
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] ||
	[ -n "$(find package-lock.json -newer node_modules/.package-lock.json)" ]; then
	echo "salescoach: installing the npm packages of package-lock.json"
	npm ci --no-audit --no-fund
fi
