# Two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# optional: a package index for the CPU build of torch, e.g. https://download.pytorch.org/whl/cpu
TORCH_INDEX ?=
TORCH_ARGS := $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX),)

.PHONY: run test lint clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first (pinned; the CPU wheel on the build machines), so stanza (via argostranslate) does not pull a CUDA build
	$(BIN)/pip install --quiet -c constraints.txt $(TORCH_ARGS) torch==2.13.0
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/l10n run --config pipeline/nightly.toml --report out/report.json

test: $(STAMP)
	$(BIN)/ruff check l10n tests bench pipeline scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check l10n tests bench pipeline scripts
	$(BIN)/mypy

clean:
	rm -rf $(VENV) out .pytest_cache
