# Mesa's entry points. `make run` and `make test` work on a fresh machine with python3.11.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Touched after each install: pip runs again only when pyproject.toml is newer.
INSTALLED := $(VENV)/.installed

.PHONY: run test test-quick lint schema bench install services console

run: $(INSTALLED)
	$(BIN)/mesa migrate
	$(BIN)/mesa seed-demo
	$(BIN)/mesa serve

# The distributed half of the suite starts real PostgreSQL and Redis servers; it must not be
# skipped here (MESA_REQUIRE_DISTRIBUTED), so a missing redis-server is installed when root.
# The two halves run side by side on TEST_WORKERS processes (`make test TEST_WORKERS=0` runs
# them one after the other, in one process).
TEST_WORKERS ?= 2

test: lint services
	MESA_REQUIRE_DISTRIBUTED=1 $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup --durations=25

# For a developer's quick run: the suite without the tests marked slow (end to end, seconds
# each: served processes, the browser, CLI runs, fresh installs). CI runs `make test`, all of it.
test-quick: lint services
	MESA_REQUIRE_DISTRIBUTED=1 $(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup -m "not slow"

services:
	@command -v redis-server >/dev/null || { [ "$$(id -u)" = 0 ] && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; } \
		|| { echo "redis-server is missing: install it (apt-get install redis-server)"; exit 1; }
	@# The console's browser tests drive Debian's chromium (Playwright never downloads one).
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
		|| { echo "chromium is missing: install it (apt-get install chromium)"; exit 1; }
	@# The console's build check runs `npm ci` and `npm run build` in web/ (Node.js 20.19+).
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 with npm"; exit 1; }

# The Mesa Console (web/) into api/http/console/static, which is committed: run after changing
# web/ or schema.graphql (tests/test_console_build.py fails until then).
console:
	cd web && npm ci --no-audit --no-fund && npm run build

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

schema: $(INSTALLED)
	$(BIN)/mesa export-schema

bench: $(INSTALLED)
	@if [ -f bench/__main__.py ]; then $(BIN)/python -m bench; \
	else echo "bench: no bench package yet (bench/__main__.py)"; fi

install: $(INSTALLED)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e ".[dev]"
	touch $@
