"""The synthetic benchmark corpus: deterministic, and valid under every rule (no timing here)."""

from __future__ import annotations

import sys

from conftest import ROOT
from india_china_security_meetings.validate import validate

sys.path.insert(0, str(ROOT / "benchmarks"))

from synth import SHARED, synthesize  # noqa: E402


def test_synthetic_package_passes_the_validator(tmp_path):
    synthesize(3, tmp_path / "p")
    assert validate(tmp_path / "p") == []


def test_synthetic_package_is_deterministic(tmp_path):
    synthesize(2, tmp_path / "a")
    synthesize(2, tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def test_synthetic_rows_scale_with_meetings(tmp_path):
    def rows(folder):
        return sum(p.read_bytes().count(b"\n") - 1 for p in (folder / "data").glob("*.csv"))

    synthesize(1, tmp_path / "one")
    synthesize(4, tmp_path / "four")
    one = tmp_path / "one" / "data"
    # The vocabularies, and the outside-value entries about them, appear once whatever N is.
    shared = sum((one / f"{table}.csv").read_bytes().count(b"\n") - 1 for table in SHARED)
    shared += sum(
        line.split(b",")[1].decode() in SHARED for line in (one / "external_values.csv").read_bytes().splitlines()[1:]
    )
    # So do the withdrawals of vocabulary records.
    shared += sum(
        line.split(b",")[0].decode() in SHARED for line in (one / "withdrawn_ids.csv").read_bytes().splitlines()[1:]
    )
    assert rows(tmp_path / "four") - shared == 4 * (rows(tmp_path / "one") - shared)
