# Mini MPP Kiosk — every target sets itself up on a fresh machine (creates .venv, installs the project).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint demo cli-demo bench screenshots web-screenshots dist server-wheel clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[server,dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python scripts/run_demo.py

demo: $(STAMP)
	$(BIN)/python scripts/demo.py

lint: $(STAMP)
	$(BIN)/ruff check .

# Qt runs offscreen in tests; `make run` uses the real display.
test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -n $${PYTEST_WORKERS:-2} --dist loadfile

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

# The central web's pages in Debian's headless Chromium (apt: chromium chromium-driver).
web-screenshots: $(STAMP)
	$(BIN)/python scripts/web_screenshots.py

cli-demo: $(STAMP)
	$(BIN)/python scripts/cli_demo.py

bench: $(STAMP)
	$(BIN)/python bench/ticket_issue.py

# Bundle + .deb + NSIS compile check (the Windows installer itself is built on Windows).
dist: $(STAMP)
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null)} $(BIN)/python installer/build.py

# The central server alone (central + mpp, no desktop libraries): dist/mini_mpp_central-*.whl
server-wheel: $(STAMP)
	$(BIN)/python -m pip wheel --no-deps -w dist ./server

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
