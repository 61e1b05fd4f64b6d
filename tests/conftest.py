"""Shared fixtures: the repository's own package, and throwaway copies to break one rule at a time."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from india_china_security_meetings.csv_format import parse_csv, render_csv
from india_china_security_meetings.fileio import write_atomic
from india_china_security_meetings.generate.derived_files import data_files, refresh_file_facts
from india_china_security_meetings.validate import validate

# frictionless runs in this process, not in a worker per validation: the test runner already
# keeps both cores busy, and a fresh worker costs more than it saves here (test_runner checks
# that the worker gives the same report).
os.environ.setdefault("ICSM_VALIDATE_SERIAL", "1")

# No example database: the tests write nothing into the checkout.
settings.register_profile("project", database=None)
settings.load_profile("project")

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_FILES = ["datapackage.json", "data", "schemas", "CHANGELOG.md", "CITATION.cff", "README.md"]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def _inputs_digest() -> str:
    """A digest of everything `make dist` reads: the package and the code that builds it."""
    import hashlib

    digest = hashlib.sha256()
    for folder in ("data", "schemas", "changes", "src", "r", "docs", "annotation"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    for name in ("datapackage.json", "CHANGELOG.md", "README.md", "CITATION.cff", "croissant.json"):
        digest.update(name.encode() + b"\0" + (ROOT / name).read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def built_dist() -> Path:
    """The release files, built once for all test workers (outside the checkout) and read-only
    by convention: tests that need to change them copy them first."""
    import fcntl
    import tempfile

    from india_china_security_meetings.generate.release_files import build_dist

    folder = Path(tempfile.gettempdir()) / f"icsm-test-dist-{_inputs_digest()}"
    folder.mkdir(exist_ok=True)
    with open(folder.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one worker builds; the others wait, then reuse it
        if not (folder / "SHA256SUMS").is_file():
            build_dist(ROOT, folder)
    return folder


class Copy:
    """A copy of the package in a temporary folder, with helpers that edit it in one way."""

    def __init__(self, path: Path):
        self.path = path

    def file(self, rel: str) -> Path:
        return self.path / rel

    def descriptor(self) -> dict:
        return json.loads(self.file("datapackage.json").read_text(encoding="utf-8"))

    def write_descriptor(self, descriptor: dict, refresh: bool = False):
        self.file("datapackage.json").write_text(
            json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )

    def rows(self, table: str):
        parsed = parse_csv(self.file(f"data/{table}.csv").read_text(encoding="utf-8"))
        return parsed.header, [cells for _, cells in parsed.rows]

    def write_rows(self, table: str, header, rows, rebuild: bool = True):
        self.file(f"data/{table}.csv").write_bytes(render_csv(header, rows))
        if rebuild:
            # JSON twins, JSON Schemas and the descriptor's hashes follow, so only the intended
            # rule breaks (the documentation a data edit would also regenerate is not validated).
            for rel, data in data_files(self.path).items():
                write_atomic(self.path / rel, data)

    def set_cell(self, table: str, row: int, field: str, value: str, rebuild: bool = True):
        header, rows = self.rows(table)
        rows[row][field] = value
        self.write_rows(table, header, rows, rebuild)

    def edit_row(self, table: str, record_id: str, **cells):
        """Change cells of the row whose first column (its ID) is `record_id`; `None` drops the row."""
        header, rows = self.rows(table)
        index = next(i for i, row in enumerate(rows) if row[header[0]] == record_id)
        if cells.get("drop"):
            del rows[index]
        else:
            rows[index].update(cells)
        self.write_rows(table, header, rows)
        return self.line_of(table, record_id) if not cells.get("drop") else None

    def line_of(self, table: str, record_id: str) -> int:
        """The CSV line of the row with this ID (tests locate rows by ID, never by position)."""
        header, rows = self.rows(table)
        return 2 + next(i for i, row in enumerate(rows) if row[header[0]] == record_id)

    def write_bytes(self, rel: str, data: bytes, refresh: bool = True):
        self.file(rel).write_bytes(data)
        if refresh:
            refresh_file_facts(self.path)

    def problems(self):
        return validate(self.path)

    def codes(self):
        return sorted({p.code for p in self.problems()})


@pytest.fixture
def package(tmp_path) -> Copy:
    for name in PACKAGE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy2(source, tmp_path / name)
    return Copy(tmp_path)


# Files whose tests wait on other programs (a browser, R, mlcroissant, a server) or build the
# release run first, so that the two workers do not end on them one after the other.
_FIRST = ("test_site.py", "test_croissant.py", "test_r.py", "test_datasette.py", "test_dist.py")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: _FIRST.index(item.path.name) if item.path.name in _FIRST else len(_FIRST))
