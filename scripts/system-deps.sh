#!/usr/bin/env bash
# Debian packages the test suite needs. Installs only what is missing; needs root (CI runs as root).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
fc-list 2>/dev/null | grep -qi "noto.*arab\|amiri" || need+=(fonts-noto-core)
# nginx: tests/deploy runs `nginx -t` on deploy/nginx/joud.conf.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
	echo "Missing system packages: ${need[*]}"
	echo "Install them with: sudo apt-get install -y ${need[*]}"
	exit 1
fi
echo "Installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
