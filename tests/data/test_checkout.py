"""The checkout itself: its package validates, its generated documents and kept files are fresh,
its releases are recorded (the data suite: these follow the live data, not the code)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from india_china_security_meetings.agreement import (
    AGREEMENT_MD,
    DISAGREEMENTS_CSV,
    FIRST_DIR,
    FIRST_README,
    FIRST_RELEASE,
    LAYERS,
    REGENERATE,
    derived_files,
    export_first,
)
from india_china_security_meetings.cli import main
from india_china_security_meetings.revisions import snapshot


def test_valid_package_exits_0_with_a_summary():
    # the script with no argument validates the checkout it is run from
    result = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("valid:")


def test_rule_catalogue_in_docs_is_generated_from_the_code():
    from india_china_security_meetings.docs import rules_markdown

    assert (ROOT / "docs/rules.md").read_text(encoding="utf-8") == rules_markdown()


def test_readme_resource_table_and_rule_catalogue_are_generated():
    from india_china_security_meetings.docs import readme_with_generated

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "csv/formula" in readme
    assert readme == readme_with_generated(readme, ROOT)


def test_releases_lists_each_recorded_release_with_its_commit(capsys):
    assert main(["releases", "--root", str(ROOT)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "version\tdate\tcommit"
    assert any(line.startswith("1.2.0\t2026-11-30\t8fb8b6785bc1") for line in lines)


def test_a_release_diffs_against_the_working_tree_by_its_number(capsys):
    # Release numbers resolve through changes/releases.csv: no tag is needed (a fresh clone has none).
    assert main(["diff", "1.1.0", f"path:{ROOT}", "--root", str(ROOT)]) == 0
    assert capsys.readouterr().out.startswith("## Changes 1.1.0 → ")


@pytest.mark.parametrize("rel", [AGREEMENT_MD, DISAGREEMENTS_CSV])
def test_the_kept_agreement_files_are_what_the_two_annotations_give(rel):
    expected = derived_files(ROOT)[rel]
    assert (ROOT / rel).read_bytes() == expected, f"{rel} is stale: regenerate it with `{REGENERATE}`"


def test_the_first_annotation_folder_says_what_it_is():
    assert (ROOT / FIRST_DIR / "README.md").read_text(encoding="utf-8") == FIRST_README, (
        f"{FIRST_DIR}/README.md is stale: regenerate it with `{REGENERATE}`"
    )


def _has_history() -> bool:
    result = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True)
    return result.returncode == 0


@pytest.mark.skipif(not _has_history(), reason="no git history here (an unpacked copy): release 1.2.0 cannot be read")
def test_the_first_annotation_is_release_1_2_0_exported():
    with snapshot(FIRST_RELEASE, ROOT) as old:
        exported = export_first(old)
    assert sorted(exported) == sorted(f"{layer}.csv" for layer in LAYERS)
    for name, data in exported.items():
        kept = ROOT / FIRST_DIR / name
        assert kept.read_bytes() == data, f"{FIRST_DIR}/{name} is not release {FIRST_RELEASE}'s: run `{REGENERATE}`"
