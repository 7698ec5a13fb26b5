#!/bin/sh
# The openapi-lint test: docs/openapi.json through Redocly CLI, the version pinned in
# package-lock.json, with the rules of redocly.yaml. Fails (never skips) when the npm
# packages are not installed, saying how to install them.
# usage: lint.sh SOURCE_ROOT NPX (NPX empty when meson found no npx)
set -eu
root=$1
npx=${2:-}
cd "$root"
if [ -z "$npx" ]; then
	echo "openapi-lint: npx not found; install Node.js and npm (./scripts/install-deps.sh)" >&2
	exit 1
fi
if [ ! -x node_modules/.bin/redocly ] || [ ! -f node_modules/.package-lock.json ]; then
	echo "openapi-lint: Redocly CLI is not installed; run 'npm ci' in $root" >&2
	echo "(or ./scripts/install-deps.sh, which runs it)" >&2
	exit 1
fi
if [ -n "$(find package-lock.json -newer node_modules/.package-lock.json)" ]; then
	echo "openapi-lint: node_modules is older than package-lock.json; run 'npm ci' in $root" >&2
	exit 1
fi
# No telemetry and no update check: the tests reach no network.
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
export REDOCLY_TELEMETRY REDOCLY_SUPPRESS_UPDATE_NOTICE
exec "$npx" --no-install redocly lint --config redocly.yaml --format=stylish docs/openapi.json
