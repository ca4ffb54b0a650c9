#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Installs the Debian packages hotshop builds, runs and tests with. Idempotent:
# does nothing when every package is already present.
set -euo pipefail
PKGS=(
  build-essential cmake ninja-build pkg-config
  libboost-dev libpqxx-dev libpq-dev libsqlite3-dev nlohmann-json3-dev
  libsodium-dev liboath-dev libphonenumber-dev libicu-dev
  libhowardhinnant-date-dev libqrencode-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev
  postgresql postgresql-contrib sqlite3
  chromium
  nginx-light wrk curl procps python3
  john-data
)
missing=()
# Node.js may come from elsewhere (it bundles npm); only ask Debian when absent.
command -v npm >/dev/null 2>&1 || PKGS+=(nodejs npm)
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
