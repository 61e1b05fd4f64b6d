"""Versioned change, on throwaway git repositories: semver enforced, keyed diffs, IDs never reused."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import PACKAGE_FILES, ROOT, Copy
from india_china_security_meetings.diff import diff_packages, snapshot
from india_china_security_meetings.versioning import check_version, release, smallest_bump

CURRENT = json.loads((ROOT / "datapackage.json").read_text())["version"]
PATCH, MINOR, MAJOR = (smallest_bump(CURRENT, level) for level in ("PATCH", "MINOR", "MAJOR"))


def git(repo, *args):
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path) -> Copy:
    for name in [*PACKAGE_FILES, "pyproject.toml", "docs"]:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / name)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", CURRENT)
    git(tmp_path, "tag", "base")
    return Copy(tmp_path)


def codes(problems):
    return sorted({p.code for p in problems})


def commit(repo, message):
    git(repo.path, "commit", "-qam", message)


def test_corrected_value_with_patch_release_passes(repo):
    repo.set_cell("topics", 0, "definition", "Cooperation against terrorism of every kind.")
    release(repo.path, PATCH, "2026-12-01")
    commit(repo, "fix")
    problems, diff = check_version(repo.path, "base")
    assert problems == [] and diff.required == "PATCH"


def test_corrected_value_without_release_requires_patch(repo):
    repo.set_cell("topics", 0, "definition", "Cooperation against terrorism of every kind.")
    problems, _ = check_version(repo.path, "base")
    bump = [p for p in problems if p.code == "version/bump-required"]
    assert bump and "PATCH" in bump[0].message


def test_added_row_with_patch_bump_fails_naming_minor(repo):
    header, rows = repo.rows("topics")
    rows.append({"topic_id": "top-cyber-security", "label": "Cyber security", "definition": "Security of networks."})
    repo.write_rows("topics", header, rows)
    release(repo.path, PATCH, "2026-12-01")
    problems, diff = check_version(repo.path, "base")
    assert diff.required == "MINOR"
    assert any(p.code == "version/bump-required" and "MINOR" in p.message for p in problems)


def test_removed_field_with_minor_bump_fails_naming_major(repo):
    import json

    schema_path = repo.file("schemas/events.tableschema.json")
    schema = json.loads(schema_path.read_text())
    schema["fields"] = [f for f in schema["fields"] if f["name"] != "note"]
    schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
    header, rows = repo.rows("events")
    repo.write_rows("events", [h for h in header if h != "note"], rows)
    release(repo.path, MINOR, "2026-12-01")
    problems, diff = check_version(repo.path, "base")
    assert diff.required == "MAJOR"
    assert any(p.code == "version/bump-required" and "MAJOR" in p.message for p in problems)


def delete_last_link(repo):
    header, rows = repo.rows("topic_links")
    repo.write_rows("topic_links", header, rows[:-1])
    return rows[-1]["link_id"]


def test_deleted_record_without_withdrawal_entry_fails(repo):
    delete_last_link(repo)
    release(repo.path, MAJOR, "2026-12-01")
    problems, _ = check_version(repo.path, "base")
    assert "version/withdrawal-missing" in codes(problems)


def test_deleted_record_with_withdrawal_entry_passes(repo):
    withdrawn = delete_last_link(repo)
    repo.write_rows(
        "withdrawn_ids",
        ["resource", "record_id", "withdrawn_in", "reason"],
        [{"resource": "topic_links", "record_id": withdrawn, "withdrawn_in": MAJOR, "reason": "Duplicate link."}],
    )
    release(repo.path, MAJOR, "2026-12-01")
    problems, diff = check_version(repo.path, "base")
    assert problems == [] and diff.required == "MAJOR"


def test_reused_id_fails(repo):
    header, rows = repo.rows("topic_links")
    withdrawn = delete_last_link(repo)
    repo.write_rows(
        "withdrawn_ids",
        ["resource", "record_id", "withdrawn_in", "reason"],
        [{"resource": "topic_links", "record_id": withdrawn, "withdrawn_in": MAJOR, "reason": "Duplicate link."}],
    )
    release(repo.path, MAJOR, "2026-12-01")
    commit(repo, MAJOR)
    git(repo.path, "tag", "withdrawn")
    repo.write_rows("topic_links", header, rows)  # the withdrawn ID comes back
    release(repo.path, smallest_bump(MAJOR, "MINOR"), "2026-12-02")
    problems, _ = check_version(repo.path, "withdrawn")
    assert "version/id-reused" in codes(problems)


def test_diff_of_two_known_versions_lists_exact_rows_and_cells(repo):
    repo.set_cell("topics", 0, "definition", "Cooperation against terrorism of every kind.")
    header, rows = repo.rows("topics")
    rows.append({"topic_id": "top-cyber-security", "label": "Cyber security", "definition": "Security of networks."})
    repo.write_rows("topics", header, rows)
    release(repo.path, MINOR, "2026-12-01")
    commit(repo, MINOR)
    with snapshot("base", repo.path) as old, snapshot("HEAD", repo.path) as new:
        diff = diff_packages(old, new)
    table = sorted((c.kind, c.data.get("key"), c.data.get("cells")) for c in diff.changes if c.resource == "topics")
    assert table == [
        ("row-added", ["top-cyber-security"], None),
        (
            "row-changed",
            ["top-counter-terrorism"],
            {
                "definition": [
                    "Cooperation against terrorism in general.",
                    "Cooperation against terrorism of every kind.",
                ]
            },
        ),
    ]
    assert {c.resource for c in diff.changes} == {"topics"}
    assert diff.required == "MINOR"


def test_cli_says_patch_is_required_and_diff_shows_old_and_new(repo):
    repo.set_cell("topics", 0, "definition", "Cooperation against terrorism of every kind.")
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check_version.py"), "--base", "base", "--root", str(repo.path)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1 and "require a PATCH release" in check.stdout
    commit(repo, "edit")
    shown = subprocess.run(
        [sys.executable, str(ROOT / "scripts/diff.py"), "base", "HEAD", "--root", str(repo.path)],
        capture_output=True,
        text=True,
    )
    assert (
        "`Cooperation against terrorism in general.` → `Cooperation against terrorism of every kind.`" in shown.stdout
    )


def test_unknown_base_cannot_run(repo):
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check_version.py"), "--base", "no-such-ref", "--root", str(repo.path)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 2 and "Traceback" not in check.stderr


def test_a_release_keeps_its_record_changes_against_the_previous_release_tag(repo):
    git(repo.path, "tag", f"v{CURRENT}")
    repo.set_cell("topics", 0, "definition", "Cooperation against terrorism of every kind.")
    release(repo.path, PATCH, "2026-12-01")
    kept = json.loads((repo.path / "changes" / f"{PATCH}.json").read_text(encoding="utf-8"))
    assert (kept["version"], kept["previous"], kept["required_bump"]) == (PATCH, CURRENT, "PATCH")
    assert [(c["resource"], list(c["fields"])) for c in kept["changed"]] == [("topics", ["definition"])]


def test_a_release_without_the_previous_release_tag_keeps_no_record_changes(repo):
    repo.set_cell("topics", 0, "definition", "Cooperation against terrorism of every kind.")
    release(repo.path, PATCH, "2026-12-01")
    assert not (repo.path / "changes").exists()
