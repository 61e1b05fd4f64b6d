"""Where things live in the package, and the order of its resources."""

from __future__ import annotations

from pathlib import Path

from .file_gate import safe_name

DESCRIPTOR = "datapackage.json"

# The released tables, in the order the descriptor lists them (referenced tables first). A new
# table needs no entry here: `tables()` discovers it from its Table Schema and lists it after
# these, by name; once released it joins this list, so that dropping it becomes an error.
TABLES = (
    "sources",
    "segments",
    "actors",
    "events",
    "participants",
    "agreements",
    "statements",
    "qa",
    "topics",
    "topic_links",
    "cameo_codes",
    "countries",
    "coded_events",
    "withdrawn_ids",
    "places",
    "locations",
    "date_evidence",
    "mentions",
    "claims",
    "claim_links",
    "external_values",
)


_SCHEMA_SUFFIX = ".tableschema.json"


def tables(root) -> tuple[str, ...]:
    """Every table of the package at `root`: one per `schemas/<name>.tableschema.json`."""

    found = sorted(p.name[: -len(_SCHEMA_SUFFIX)] for p in (Path(root) / "schemas").glob("*" + _SCHEMA_SUFFIX))
    found = [name for name in found if safe_name(name) and "." not in name]
    return tuple(name for name in TABLES if name in found) + tuple(name for name in found if name not in TABLES)


def table_schema_path(name: str) -> str:
    return f"schemas/{name}.tableschema.json"


def json_schema_path(name: str) -> str:
    return f"schemas/{name}.schema.json"


def csv_path(name: str) -> str:
    return f"data/{name}.csv"


def json_path(name: str) -> str:
    return f"data/json/{name}.json"


def json_resource_name(name: str) -> str:
    return f"{name}-json"


INSTALLED_DATA = Path(__file__).resolve().parent / "_data"

# What a copy of the package holds besides its resources: the validator checks the
# versions in CHANGELOG.md and CITATION.cff, and users need the rights and the documentation.
PACKAGE_DOCUMENTS = (
    "README.md",
    "CHANGELOG.md",
    "CITATION.cff",
    "CITATION.bib",
    "LICENSE",
    "LICENSE-DATA.md",
    "docs/codebook.md",
    "docs/datasheet.md",
    "docs/annotation.md",
    "docs/citing.md",
    "docs/dataset.jsonld",
    "croissant.json",
    "docs/event-exports.md",
    "changes/releases.csv",
)


# Every file `make build` writes besides the data's own derived files (JSON Schemas, JSON twins,
# the descriptor), in one place: the build writes only these, and the validator checks that none
# of them is a link, FIFO or folder in the package (a build would write through it or hang).
GENERATED_DOCUMENTS = (
    "CITATION.cff",
    ".zenodo.json",
    "CITATION.bib",
    "docs/dataset.jsonld",
    "croissant.json",
    "docs/codebook.md",
    "docs/rules.md",
    "docs/event-exports.md",
    "docs/datasheet.md",
    "r/DESCRIPTION",
    "README.md",
)
# Folders the tools write into by default.
OUTPUT_FOLDERS = ("dist", "site")

# The R package (r/): its files travel in the release, so that R users install it from there.
R_PACKAGE_FILES = (
    "r/DESCRIPTION",
    "r/LICENSE",
    "r/NAMESPACE",
    "r/R/icsm.R",
    "r/man/icsm_citation.Rd",
    "r/man/icsm_read.Rd",
    "r/man/icsm_root.Rd",
    "r/man/icsm_tables.Rd",
    "r/tests/testthat.R",
    "r/tests/testthat/fixtures/package/CHANGELOG.md",
    "r/tests/testthat/fixtures/package/data/actors.csv",
    "r/tests/testthat/fixtures/package/data/events.csv",
    "r/tests/testthat/fixtures/package/data/notes.txt",
    "r/tests/testthat/fixtures/package/datapackage.json",
    "r/tests/testthat/fixtures/package/schemas/actors.tableschema.json",
    "r/tests/testthat/fixtures/package/schemas/events.tableschema.json",
    "r/tests/testthat/helper-icsm.R",
    "r/tests/testthat/test-gate.R",
    "r/tests/testthat/test-icsm.R",
)


def repository_root() -> Path:
    """The checkout this code runs from (the folder holding datapackage.json)."""
    return Path(__file__).resolve().parents[2]


def data_root() -> Path:
    """The data package this code ships with: installed package data, else the checkout."""
    return INSTALLED_DATA if (INSTALLED_DATA / DESCRIPTOR).is_file() else repository_root()
