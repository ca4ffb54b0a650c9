# SPDX-License-Identifier: AGPL-3.0-or-later
# The two commands a newcomer needs:
#   make run    install what is missing, build, load demo data, serve on :8080
#   make test   install what is missing, build, run every test on SQLite and PostgreSQL
.PHONY: run test bench build deps web-deps clean

JOBS ?= $(shell nproc)

deps:
	@scripts/install-deps.sh

# npm ci only when the lock file changed since the last install.
web/node_modules/.hotshop-installed: web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

web-deps: deps web/node_modules/.hotshop-installed

# Ninja, not Make: a new source file then compiles alone, where CMake's
# Makefiles rewrite flags.make (it lists every source's precompiled-header
# options) and so rebuild everything. A build/ from the Makefile generator is
# started afresh.
build: web-deps
	@if [ -f build/CMakeCache.txt ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$$' build/CMakeCache.txt; then \
	  echo "build/ was configured for another generator: starting it afresh"; rm -rf build; fi
	cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DHOTSHOP_WEB=ON -Wno-dev >/dev/null
	cmake --build build -j$(JOBS)

run: build
	@scripts/run.sh

test: build
	@scripts/test.sh

bench: build
	cmake --build build --target import_bench match_bench workplace_bench -j$(JOBS)
	@bench/run.sh

clean:
	rm -rf build
