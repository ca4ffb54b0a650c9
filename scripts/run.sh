#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# make run: a local hotshop on SQLite with demo data, at http://127.0.0.1:8080.
# Reuses var/hotshop.db and var/master.key when they exist.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
chmod 700 var
DB="sqlite:var/hotshop.db"
KEY="var/master.key"
LISTEN="${HOTSHOP_LISTEN:-127.0.0.1:8080}"
build/hotshop keys init --key-file "$KEY"
build/hotshop migrate --db "$DB"
build/hotshop demo --db "$DB" --key-file "$KEY"
echo
echo "Open http://$LISTEN in your browser. Stop with Ctrl-C."
exec build/hotshop serve --db "$DB" --key-file "$KEY" --listen "$LISTEN" --web-dir build/web
