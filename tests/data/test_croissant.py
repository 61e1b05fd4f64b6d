"""croissant.json: MLCommons Croissant 1.1 metadata, checked by mlcroissant itself (in the
environment `make check-croissant` builds), and every record set loadable with the right rows."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import ROOT
from india_china_security_meetings.reader import PackageReader

PYTHON = ROOT / ".venv-croissant" / "bin" / "python"

pytestmark = [
    pytest.mark.mlcroissant,
    pytest.mark.skipif(not PYTHON.exists(), reason="run `make check-croissant` to build mlcroissant's environment"),
]


@pytest.fixture(scope="module")
def loaded():
    result = subprocess.run(
        [str(PYTHON), str(ROOT / "tests/croissant_records.py"), str(ROOT / "croissant.json")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_mlcroissant_validates_the_metadata_without_errors_or_warnings(loaded):
    assert loaded["errors"] == [] and loaded["warnings"] == []


def test_every_record_set_loads_with_every_row(loaded):
    reader = PackageReader(ROOT)
    assert loaded["counts"] == {name: len(reader.rows(name)) for name in reader.table_names()}


def test_loaded_values_keep_their_types_and_leading_zeros(loaded):
    reader = PackageReader(ROOT)
    for name, rows in loaded["cells"].items():
        expected = reader.records(name)[: len(rows)]
        for got, want in zip(rows, expected):
            for field, value in want.items():
                want_value = value.isoformat() if hasattr(value, "isoformat") else value
                if want_value is None:
                    continue  # mlcroissant gives missing cells as NaN or empty values
                assert got[field] == want_value, (name, field)
