#!/usr/bin/env bash
# Make sure Debian's PostgreSQL server binaries exist, so tests/store can start a real server.
# Idempotent and quiet: does nothing when initdb is already there. Needs root for apt-get.
set -euo pipefail

have_initdb() {
    compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

if have_initdb; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "ci_postgres.sh: PostgreSQL is missing and installing it needs root" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# The Debian package also creates the 'postgres' system user the test fixture runs the server as.
apt-get install -y -qq --no-install-recommends postgresql >/dev/null

if ! have_initdb; then
    echo "ci_postgres.sh: postgresql installed but no initdb under /usr/lib/postgresql" >&2
    exit 1
fi
