#!/bin/sh
# Install what salescoach needs to build and test, but only what is missing.
# Libraries are looked up with pkg-config and tools on PATH; the Debian
# packages of whatever is missing are installed with apt-get (through sudo
# when not root). Safe to run again: it does nothing when all is there.
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
need_cmd sqlite3 sqlite3
[ -e /usr/share/zoneinfo/Europe/Amsterdam ] || missing="$missing tzdata"

if [ -z "$missing" ]; then
	exit 0
fi

echo "salescoach: installing missing packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "salescoach: not root and no sudo; install these packages first:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086 # the list is meant to split into packages
$SUDO apt-get install -y -qq --no-install-recommends $missing
