"""Adding a table takes three hand edits (CONTRIBUTING.md, "Add a table"): its CSV, its Table
Schema and a CHANGELOG line. One build then leaves nothing stale, the package validates, and the
code suite still passes: a maintainer's new table breaks no test of the code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from india_china_security_meetings.generate.derived_files import build, stale_files
from india_china_security_meetings.layout import tables
from india_china_security_meetings.validate import validate

SCHEMA = {
    "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
    "title": "Regions",
    "description": "Regions used to group places.",
    "fields": [
        {
            "name": "region_id",
            "type": "string",
            "title": "Region ID",
            "description": "Stable ID.",
            "constraints": {"required": True, "unique": True, "pattern": "^reg-[a-z0-9-]+$"},
            "x-origin": "identifier",
        },
        {
            "name": "label",
            "type": "string",
            "title": "Label",
            "description": "Our label.",
            "constraints": {"required": True},
            "x-origin": "annotation",
        },
    ],
    "primaryKey": ["region_id"],
}


def add_regions_table(root: Path) -> None:
    """The three hand edits CONTRIBUTING.md lists, and nothing else."""
    (root / "data/regions.csv").write_text("region_id,label\nreg-south-asia,South Asia\n", encoding="utf-8")
    (root / "schemas/regions.tableschema.json").write_text(json.dumps(SCHEMA, indent=2) + "\n", encoding="utf-8")
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]\n" in changelog
    (root / "CHANGELOG.md").write_text(
        changelog.replace("## [Unreleased]\n", "## [Unreleased]\n\n- `regions`: new table.\n", 1), encoding="utf-8"
    )


def test_a_new_table_is_discovered_generated_and_valid(package):
    add_regions_table(package.path)
    assert tables(package.path)[-1] == "regions"
    written = build(package.path)
    assert {"data/json/regions.json", "schemas/regions.schema.json", "datapackage.json"} <= set(written)
    names = [entry["name"] for entry in package.descriptor()["resources"]]
    assert "regions" in names and "regions-json" in names
    assert package.problems() == []


def test_one_build_after_adding_a_table_leaves_nothing_stale(package):
    """Every generated file comes from the one in-memory package the build makes: the codebook,
    the JSON-LD and Croissant list the new table after the first build, and a second writes nothing."""
    add_regions_table(package.path)
    build(package.path)
    assert stale_files(package.path) == []
    assert build(package.path) == []
    assert "## regions" in package.file("docs/codebook.md").read_text(encoding="utf-8")
    assert "regions.region_id" in package.file("docs/dataset.jsonld").read_text(encoding="utf-8")


@pytest.mark.slow  # clones the repository and runs the whole code suite in it
def test_after_adding_a_table_to_a_clone_the_code_suite_passes(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, capture_output=True)
    add_regions_table(clone)
    env = dict(os.environ, PYTHONPATH=str(clone / "src"))  # the clone's code, whichever .venv runs it
    built = subprocess.run([sys.executable, "scripts/build.py"], cwd=clone, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert stale_files(clone) == []
    assert validate(clone) == []
    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "tests", "--ignore=tests/data", "-m", "not slow"]
        + ["-p", "no:cacheprovider", "-x", "-q", "-n", "2"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
    )
    assert suite.returncode == 0, suite.stdout[-4000:] + suite.stderr[-2000:]
