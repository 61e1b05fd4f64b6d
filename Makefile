# Two commands on a fresh machine with Python 3.11 and make:  `make`  then  `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Tools whose dependencies clash with the main lock have environments of their own (below).
CFF_VENV := .venv-cff
CROISSANT_VENV := .venv-croissant
CDP_VENV := .venv-cdp
# check-datapackage needs Python >= 3.12: the first interpreter here that is (a pyenv shim that
# names a version not selected fails the check and is passed over).
PYTHON312 ?= $(shell for p in python3.13 python3.12 $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3); do \
  "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo "$$p"; break; }; done)
STAMP := $(VENV)/.installed
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: all venv build check-build check-citation check-croissant check-datapackage validate dist wheel site diff check-version release record-release agreement lint test test-code test-slow serve lock clean

all: validate dist $(CFF_VENV)/.installed $(CROISSANT_VENV)/.installed $(CDP_VENV)/.installed

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

## Regenerate derived files (JSON twins, JSON Schemas, enums, descriptor bytes and hashes).
build: venv
	$(BIN)/python scripts/build.py

## Fail when a committed derived file is stale.
check-build: venv
	$(BIN)/python scripts/check_build.py

## Every integrity rule; exit 0 valid, 1 invalid, 2 could not run.
validate: venv
	$(BIN)/python scripts/validate.py

# Tools whose dependencies clash with the main lock get an environment of their own, built from
# their own lock file: $(call tool-venv,FOLDER,LOCK).
define tool-venv
$(1)/.installed: $(2)
	$$(PYTHON) -m venv $(1)
	$(1)/bin/python -m pip --disable-pip-version-check --quiet install -r $(2)
	touch $$@
endef

## CITATION.cff through cffconvert, in an environment of its own.
$(eval $(call tool-venv,$(CFF_VENV),requirements-cff.txt))

check-citation: $(CFF_VENV)/.installed
	$(CFF_VENV)/bin/cffconvert --validate -i CITATION.cff

## croissant.json through mlcroissant (the tests also load every record set), in an environment of its own.
$(eval $(call tool-venv,$(CROISSANT_VENV),requirements-croissant.txt))

check-croissant: $(CROISSANT_VENV)/.installed
	$(CROISSANT_VENV)/bin/mlcroissant validate --jsonld croissant.json

## datapackage.json through check-datapackage --strict (MUST and SHOULD), in an environment of its own.
$(CDP_VENV)/.installed: requirements-cdp.txt
	@if [ -z "$(PYTHON312)" ]; then echo "no Python >= 3.12 here: check-datapackage is not installed (its test is skipped outside CI)" >&2; else \
	  "$(PYTHON312)" -m venv $(CDP_VENV) && $(CDP_VENV)/bin/python -m pip --disable-pip-version-check --quiet install -r requirements-cdp.txt && touch $@; fi

check-datapackage: $(CDP_VENV)/.installed
	$(CDP_VENV)/bin/check-datapackage check datapackage.json --strict

# Values given on the command line (FROM, TO, BASE, VERSION) reach the tools as data, never as
# code: `$(value …)` keeps make from expanding them, they travel in the environment, recipes
# quote them ("$$X"), `--` ends the options, and the tools refuse anything that is not written
# as a release number (1.2.0), git:<ref> or path:<folder>: nothing is guessed from the disk.
FROM ?= git:HEAD
TO ?= path:.
override FROM := $(value FROM)
override TO := $(value TO)
override BASE := $(value BASE)
override VERSION := $(value VERSION)
export FROM TO BASE VERSION

## Keyed differences between two versions: make diff FROM=1.1.0 TO=path:. (release numbers, git:<ref>, path:<folder>).
diff: venv
	$(BIN)/python scripts/diff.py -- "$$FROM" "$$TO"

## Is the version bumped as the changes since BASE require? BASE defaults to the newest recorded release.
check-version: venv
	$(BIN)/python scripts/check_version.py $${BASE:+--base="$$BASE"}

## Set the version, date the CHANGELOG, regenerate, validate: make release VERSION=1.0.1
release: venv
	@test -n "$$VERSION" || { echo "usage: make release VERSION=X.Y.Z" >&2; exit 2; }
	$(BIN)/python scripts/release.py -- "$$VERSION"

## In the commit after a release: record which commit it is (changes/releases.csv).
record-release: venv
	$(BIN)/python scripts/record_release.py

## Inter-annotator agreement: annotation/first/, annotation/agreement.md, annotation/disagreements.csv.
agreement: venv
	$(BIN)/python scripts/agreement.py

## Release artifacts: dist/<name>-<version>.zip, .sqlite and SHA256SUMS (byte-identical rebuilds).
dist: venv
	$(BIN)/python scripts/dist.py

## The landing page: site/index.html (open it from disk), with the release files beside it.
site: dist
	$(BIN)/python scripts/site.py

## The Python distribution (wheel with the data as package data, and sdist) in dist/.
wheel: venv
	$(BIN)/python scripts/wheel.py

## ruff (lint, formatting) and import-linter (the layers of pyproject.toml), with no findings.
LINTED := src tests benchmarks scripts
lint: venv
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/lint-imports --no-cache

# Two suites (CONTRIBUTING.md, "Tests"): the code suite, tests/ but tests/data/, runs on the frozen
# package in tests/fixtures/package and never reads the live data; the data suite, tests/data/,
# checks the live package (it validates, generated files are fresh, release facts, the page and
# release files built from it).
## The code suite alone (no slow tests): what a change to src/ must keep green.
test-code: venv
	$(BIN)/python -m pytest tests --ignore=tests/data -n 2 --dist worksteal -m "not slow" --durations=10

# Both suites but the slow tests (they build environments, install packages, run R CMD check, or
# corrupt hundreds of copies): under a minute on two cores. CI runs `make test` and `make test-slow`.
test: venv check-citation $(CROISSANT_VENV)/.installed $(CDP_VENV)/.installed lint
	$(BIN)/python -m pytest -n 2 --dist worksteal -m "not slow" --durations=15

## Browse the release's SQLite database in Datasette (http://127.0.0.1:8001); PORT=… to change.
PORT ?= 8001
override PORT := $(value PORT)
export PORT
serve: dist
	$(BIN)/python scripts/serve.py --port "$$PORT"

## The slow tests: the wheel in fresh environments (also beside the oldest allowed versions), random corruptions.
test-slow: venv
	$(BIN)/python -m pytest -n 2 --dist loadgroup -m slow --durations=5

## Re-pin requirements.txt from the current environment (after changing a direct dependency).
lock: venv
	{ sed -n '/^#/p' requirements.txt; $(BIN)/python -m pip freeze --all --exclude-editable | sed -e '/^-e /d' -e '/^pip==/d'; } > requirements.lock.tmp
	mv requirements.lock.tmp requirements.txt

clean:
	rm -rf $(VENV) $(CFF_VENV) $(CROISSANT_VENV) $(CDP_VENV) dist site
