#!/usr/bin/env bash
# Debian packages `make cluster` needs (nginx, PgBouncer, wrk, Redis, PostgreSQL's cluster tools).
# Installs only what is missing; needs root.
set -euo pipefail
need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
[ -x /usr/sbin/pgbouncer ] || need+=(pgbouncer)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v pg_createcluster >/dev/null 2>&1 || need+=(postgresql)
command -v curl >/dev/null 2>&1 || need+=(curl)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "make cluster needs: sudo apt-get install -y ${need[*]}"; exit 1
fi
echo "cluster: installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
