# Linli Kiosk: two commands on a fresh machine.
#   make run   - creates .venv, installs, starts the kiosk (demo data + simulated devices if unconfigured)
#   make test  - creates .venv, installs, runs lint contracts and the whole suite headless
#   make bench - prints the benchmark figures
#   make screenshots - every screen and state, zh_CN and en, 1366x768 and 1920x1080, to docs/screenshots/
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint typecheck sysdeps venv clean translations screenshots package

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PY=python3.x)"; exit 1; }
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	@bash scripts/sysdeps.sh
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

sysdeps:
	@bash scripts/sysdeps.sh

run: $(STAMP)
	BIN=$(BIN) bash scripts/run.sh

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen bash scripts/with-services.sh $(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen bash scripts/with-services.sh $(BIN)/python -m bench

translations: $(STAMP)
	$(BIN)/python scripts/build_translations.py

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# The one-folder program (PyInstaller) in dist/linli-kiosk/, then a smoke test of it
# (--version, demo-data, verify, backup, doctor, run --demo until its window is up).
# Not part of `make test`: 2-3.5 minutes here (build 100-165 s, smoke 16-30 s). Windows: docs/windows.md.
package: $(STAMP)
	@$(BIN)/python -c "import PyInstaller" 2>/dev/null || $(BIN)/python -m pip install -q "pyinstaller>=6.10"
	$(BIN)/python packaging/build.py
