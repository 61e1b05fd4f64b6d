"""Versioned change, on throwaway git repositories: semver enforced, keyed diffs, IDs never reused."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE, ROOT, Copy
from india_china_security_meetings import file_gate
from india_china_security_meetings.cli import main
from india_china_security_meetings.diff import diff_packages
from india_china_security_meetings.revisions import SnapshotError, read_record, snapshot
from india_china_security_meetings.validate import validate
from india_china_security_meetings.versioning import check_version, release, smallest_bump

CURRENT = json.loads((FIXTURE / "datapackage.json").read_text())["version"]
PATCH, MINOR, MAJOR = (smallest_bump(CURRENT, level) for level in ("PATCH", "MINOR", "MAJOR"))


def git(repo, *args):
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="session")
def released_repository(tmp_path_factory, built_package) -> Path:
    """The fixture package as a git repository at its current release, recorded: made once, and
    copied (history included) for each test."""
    path = tmp_path_factory.mktemp("released") / "repository"
    shutil.copytree(built_package, path)
    # `make release` also sets the project's version: a project file of the fixture's version
    (path / "pyproject.toml").write_text(f'[project]\nname = "fixture"\nversion = "{CURRENT}"\n', encoding="utf-8")
    git(path, "init", "-q")
    git(path, "add", "-A")
    git(path, "commit", "-qm", CURRENT)
    record_current_release(path)  # no tags: releases are found by their number
    return path


@pytest.fixture
def repo(tmp_path, released_repository) -> Copy:
    shutil.copytree(released_repository, tmp_path, dirs_exist_ok=True)
    return Copy(tmp_path)


def record_current_release(path):
    """What a maintainer does in the commit after a release (`make record-release`)."""
    assert main(["record-release", "--root", str(path)]) == 0
    git(path, "add", "-A")
    git(path, "commit", "-qm", "record the release")


def codes(problems):
    return sorted({p.code for p in problems})


def commit(repo, message):
    git(repo.path, "commit", "-qam", message)


def test_corrected_value_with_patch_release_passes(repo):
    repo.edit_row("topics", "top-counter-terrorism", definition="Cooperation against terrorism of every kind.")
    release(repo.path, PATCH, "2026-12-01")
    commit(repo, "fix")
    problems, diff = check_version(repo.path, CURRENT)
    assert problems == [] and diff.required == "PATCH"


def test_corrected_value_without_release_requires_patch(repo):
    repo.edit_row("topics", "top-counter-terrorism", definition="Cooperation against terrorism of every kind.")
    problems, _ = check_version(repo.path, CURRENT)
    bump = [p for p in problems if p.code == "version/bump-required"]
    assert bump and "PATCH" in bump[0].message


def test_added_row_with_patch_bump_fails_naming_minor(repo):
    header, rows = repo.rows("topics")
    rows.append({"topic_id": "top-cyber-security", "label": "Cyber security", "definition": "Security of networks."})
    repo.write_rows("topics", header, rows)
    release(repo.path, PATCH, "2026-12-01")
    problems, diff = check_version(repo.path, CURRENT)
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
    problems, diff = check_version(repo.path, CURRENT)
    assert diff.required == "MAJOR"
    assert any(p.code == "version/bump-required" and "MAJOR" in p.message for p in problems)


def delete_a_link(repo):
    """Delete topic link tl-001, a record every release has held."""
    repo.edit_row("topic_links", "tl-001", drop=True)
    return "tl-001"


def test_deleted_record_without_withdrawal_entry_fails(repo):
    delete_a_link(repo)
    release(repo.path, MAJOR, "2026-12-01")
    problems, _ = check_version(repo.path, CURRENT)
    assert "version/withdrawal-missing" in codes(problems)


def test_deleted_record_with_withdrawal_entry_passes(repo):
    withdrawn = delete_a_link(repo)
    header_w, withdrawn_rows = repo.rows("withdrawn_ids")
    repo.write_rows(
        "withdrawn_ids",
        header_w,
        [
            *withdrawn_rows,
            {"resource": "topic_links", "record_id": withdrawn, "withdrawn_in": MAJOR, "reason": "Duplicate link."},
        ],
    )
    release(repo.path, MAJOR, "2026-12-01")
    problems, diff = check_version(repo.path, CURRENT)
    assert problems == [] and diff.required == "MAJOR"


def test_reused_id_fails(repo):
    header, rows = repo.rows("topic_links")
    withdrawn = delete_a_link(repo)
    header_w, withdrawn_rows = repo.rows("withdrawn_ids")
    repo.write_rows(
        "withdrawn_ids",
        header_w,
        [
            *withdrawn_rows,
            {"resource": "topic_links", "record_id": withdrawn, "withdrawn_in": MAJOR, "reason": "Duplicate link."},
        ],
    )
    release(repo.path, MAJOR, "2026-12-01")
    commit(repo, MAJOR)
    record_current_release(repo.path)
    repo.write_rows("topic_links", header, rows)  # the withdrawn ID comes back
    release(repo.path, smallest_bump(MAJOR, "MINOR"), "2026-12-02")
    problems, _ = check_version(repo.path, MAJOR)
    assert "version/id-reused" in codes(problems)


def test_diff_of_two_known_versions_lists_exact_rows_and_cells(repo):
    repo.edit_row("topics", "top-counter-terrorism", definition="Cooperation against terrorism of every kind.")
    header, rows = repo.rows("topics")
    rows.append({"topic_id": "top-cyber-security", "label": "Cyber security", "definition": "Security of networks."})
    repo.write_rows("topics", header, rows)
    release(repo.path, MINOR, "2026-12-01")
    commit(repo, MINOR)
    with snapshot(CURRENT, repo.path) as old, snapshot("git:HEAD", repo.path) as new:
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
    repo.edit_row("topics", "top-counter-terrorism", definition="Cooperation against terrorism of every kind.")
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check_version.py"), "--base", CURRENT, "--root", str(repo.path)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1 and "require a PATCH release" in check.stdout
    commit(repo, "edit")
    shown = subprocess.run(
        [sys.executable, str(ROOT / "scripts/diff.py"), CURRENT, "git:HEAD", "--root", str(repo.path)],
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


def test_a_release_keeps_its_record_changes_against_the_previous_release_by_number(repo):
    repo.edit_row("topics", "top-counter-terrorism", definition="Cooperation against terrorism of every kind.")
    release(repo.path, PATCH, "2026-12-01")
    kept = json.loads((repo.path / "changes" / f"{PATCH}.json").read_text(encoding="utf-8"))
    assert (kept["version"], kept["previous"], kept["required_bump"]) == (PATCH, CURRENT, "PATCH")
    assert [(c["resource"], list(c["fields"])) for c in kept["changed"]] == [("topics", ["definition"])]


# -- which commit each release is, and the one syntax for naming a version -------------------


def test_a_folder_named_like_a_version_or_a_ref_is_never_taken_for_it(repo):
    repo.edit_row("topics", "top-counter-terrorism", definition="Cooperation against terrorism of every kind.")
    for shadow in (CURRENT, f"v{CURRENT}", "HEAD"):  # copies of the changed package
        shutil.copytree(repo.path / "data", repo.path / shadow / "data")
        for name in ("datapackage.json", "CHANGELOG.md"):
            shutil.copy2(repo.path / name, repo.path / shadow / name)
        shutil.copytree(repo.path / "schemas", repo.path / shadow / "schemas")
    problems, _ = check_version(repo.path, CURRENT)
    assert "version/bump-required" in codes(problems)


@pytest.mark.parametrize("spec", ["HEAD", f"v{CURRENT}", ".", f"{CURRENT}\n", "1٣.0.0", "git:", "git:a..b", "url:x"])
def test_anything_not_written_in_the_one_syntax_is_refused(tmp_path, monkeypatch, spec):
    monkeypatch.chdir(tmp_path)
    if spec != "." and "\n" not in spec:  # a package folder of that very name is no excuse to guess
        (tmp_path / spec).mkdir(parents=True)
        (tmp_path / spec / "datapackage.json").write_text("{}", encoding="utf-8")
    with pytest.raises(SnapshotError, match="release number"):
        with snapshot(spec, tmp_path):
            pass


def test_check_version_compares_with_the_newest_recorded_release_by_default(repo):
    repo.edit_row("topics", "top-counter-terrorism", definition="Cooperation against terrorism of every kind.")
    result = run_script("check_version.py", "--root", str(repo.path))
    assert result.returncode == 1
    assert f"against {CURRENT} (requires PATCH)" in result.stdout


def test_check_version_fails_rather_than_skips_when_no_release_is_recorded(repo):
    (repo.path / "changes" / "releases.csv").unlink()
    result = run_script("check_version.py", "--root", str(repo.path))
    assert result.returncode == 2
    assert "no release is recorded in changes/releases.csv" in result.stderr


def test_a_release_whose_previous_release_is_unrecorded_stops_before_writing(repo):
    (repo.path / "changes" / "releases.csv").unlink()
    before = (repo.path / "datapackage.json").read_bytes()
    with pytest.raises(SnapshotError, match=f"release {CURRENT} is not recorded"):
        release(repo.path, PATCH, "2026-12-01")
    assert (repo.path / "datapackage.json").read_bytes() == before


def test_record_release_records_the_commit_that_set_the_version(repo):
    first = subprocess.run(
        ["git", "rev-list", "--max-parents=0", "HEAD"], cwd=repo.path, capture_output=True, text=True
    )
    assert read_record(repo.path)[0].commit == first.stdout.strip()
    assert run_script("releases.py", "--root", str(repo.path)).stdout.splitlines()[1].startswith(f"{CURRENT}\t")


def test_the_validator_refuses_a_recorded_commit_the_history_contradicts(repo):
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo.path, capture_output=True, text=True).stdout.strip()
    record = repo.path / "changes" / "releases.csv"
    for commit in (head, "ab" * 20):
        record.write_text(f"version,date,commit\n{CURRENT},2026-11-30,{commit}\n", encoding="utf-8")
        found = [p for p in validate(repo.path) if p.code == "version/release-record"]
        assert any(f"{commit[:12]} is not the commit that set {CURRENT}" in p.message for p in found), found


def test_a_release_forged_on_a_side_branch_and_merged_is_refused(repo):
    """A commit with changed data, given the released version and merged in, is not the release."""
    git(repo.path, "checkout", "-q", "-b", "forged", "HEAD~1")
    repo.edit_row("topics", "top-counter-terrorism", label="Counter-terrorism (forged)")
    commit(repo, "forged release")
    forged = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo.path, capture_output=True, text=True).stdout.strip()
    git(repo.path, "checkout", "-q", "-")
    git(repo.path, "merge", "-q", "--no-ff", "-s", "ours", "-m", "merge", "forged")
    record = repo.path / "changes" / "releases.csv"
    record.write_text(f"version,date,commit\n{CURRENT},2026-11-30,{forged}\n", encoding="utf-8")
    git(repo.path, "commit", "-qam", "re-point the release")
    messages = [p.message for p in validate(repo.path) if p.code == "version/release-record"]
    assert any("is not the commit that set" in m for m in messages), messages
    assert any("that line changed or went" in m for m in messages), messages


def test_a_release_with_a_commit_after_it_must_be_recorded(repo):
    (repo.path / "changes" / "releases.csv").unlink()
    commit(repo, "a commit after the release")
    found = [p for p in validate(repo.path) if p.code == "version/release-unrecorded"]
    assert f"release {CURRENT} is not recorded: run `make record-release` in the commit after the release" in [
        p.message for p in found
    ]


def test_a_snapshot_reads_only_the_package_files_of_a_commit(repo):
    with open(repo.path / "large.bin", "wb") as handle:  # beside the package, never read
        handle.truncate(64 * 1024 * 1024)
    git(repo.path, "add", "large.bin")
    commit(repo, "a large file")
    with snapshot("git:HEAD", repo.path) as old:
        assert (old / "datapackage.json").is_file() and not (old / "large.bin").exists()


@pytest.mark.parametrize("kind", ["too large", "a link"])
def test_a_package_file_the_gate_would_refuse_stops_the_snapshot(repo, kind):
    target = repo.path / "data" / "extra.csv"
    if kind == "a link":
        target.symlink_to("/etc/hostname")
    else:
        target.write_bytes(b"x" * (file_gate.MAX_FILE_BYTES + 1))
    git(repo.path, "add", "data/extra.csv")
    commit(repo, kind)
    with pytest.raises(SnapshotError, match="data/extra.csv"):
        with snapshot("git:HEAD", repo.path):
            pass


def run_script(name, *args):
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / name), *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_the_package_id_never_changes_from_one_version_to_the_next(repo):
    descriptor = repo.descriptor()
    descriptor["id"] = "urn:uuid:00000000-0000-4000-8000-000000000000"
    repo.write_descriptor(descriptor)
    problems, _ = check_version(repo.path, CURRENT)
    assert "version/id-changed" in codes(problems)


def test_a_recorded_line_edited_commits_ago_is_still_refused(repo):
    record = repo.path / "changes" / "releases.csv"
    record.write_text(record.read_text(encoding="utf-8").replace(",20", ",19", 1), encoding="utf-8")
    commit(repo, "re-date the release")
    repo.edit_row("topics", "top-counter-terrorism", definition="Cooperation against terrorism of every kind.")
    commit(repo, "a later commit")
    messages = [p.message for p in validate(repo.path) if p.code == "version/release-record"]
    assert any("that line changed or went" in m for m in messages), messages
