"""Semantic versioning for the data: what a change requires, whether the version says so,
and the release step that sets the version in its one home and regenerates the rest."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from . import codes, file_gate
from .changelog import RELEASE, SEMVER
from .diff import LEVELS, Diff, diff_packages, read_package
from .fileio import dump_json, write_atomic
from .generate.changes_feed import write_record_changes
from .generate.derived_files import build, stale_files
from .json_values import loads_strict
from .problems import Problem
from .revisions import SnapshotError, commit_of, read_record, snapshot

UNRELEASED = re.compile(r"^## \[Unreleased\]\s*$", re.MULTILINE)


def parse_version(value: str) -> tuple[int, int, int]:
    match = SEMVER.fullmatch(value or "")
    if not match:
        raise ValueError(f"{value!r} is not MAJOR.MINOR.PATCH")
    return tuple(int(part) for part in match.groups())


def bump_of(old: str, new: str) -> str:
    """The level of the step from `old` to `new` (NONE when not increased)."""
    a, b = parse_version(old), parse_version(new)
    if b <= a:
        return "NONE"
    if b[0] > a[0]:
        return "MAJOR"
    if b[1] > a[1]:
        return "MINOR"
    return "PATCH"


def smallest_bump(old: str, level: str) -> str:
    major, minor, patch = parse_version(old)
    return {
        "MAJOR": f"{major + 1}.0.0",
        "MINOR": f"{major}.{minor + 1}.0",
        "PATCH": f"{major}.{minor}.{patch + 1}",
    }.get(level, old)


def _withdrawn(tables) -> dict[tuple[str, str], dict]:
    table = tables.get("withdrawn_ids")
    return {(r["resource"], r["record_id"]): r for r in table.rows} if table else {}


def newest_recorded(root: Path) -> str:
    """The newest release `changes/releases.csv` records: the default base of `check-version`.
    SnapshotError when none is: the gate never skips for want of a base."""
    releases = read_record(root)
    if not releases:
        raise SnapshotError("no release is recorded in changes/releases.csv, so there is no base to compare with")
    return max(releases, key=lambda r: parse_version(r.version)).version


def check_version(root: Path, base: str | None = None) -> tuple[list[Problem], Diff | None]:
    """Problems with the version of the package at `root` compared with `base` (a release number,
    git:<ref> or path:<folder>; by default the newest recorded release)."""
    root = Path(root)
    base = base or newest_recorded(root)
    with snapshot(base, root) as old_root:
        diff = diff_packages(old_root, root)
        old_descriptor, old_tables = read_package(old_root)
    new_descriptor, new_tables = read_package(root)
    problems: list[Problem] = []
    required, old, new = diff.required, diff.old_version, diff.new_version
    try:
        actual = bump_of(old, new)
    except ValueError as error:
        return [codes.VERSION_SEMVER.at("datapackage.json", None, "version", message=str(error))], diff
    if LEVELS.index(actual) < LEVELS.index(required):
        problems.append(
            codes.VERSION_BUMP_REQUIRED.at(
                "datapackage.json",
                None,
                "version",
                base=base,
                required=required,
                smallest_bump=smallest_bump(old, required),
                old=old,
                new=new,
                actual=actual,
            )
        )
    if actual != "NONE":
        changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8") if (root / "CHANGELOG.md").is_file() else ""
        if not any(m.group("version") == new for m in RELEASE.finditer(changelog)):
            problems.append(codes.VERSION_CHANGELOG_ENTRY.at("CHANGELOG.md", new=new))
    problems += [codes.VERSION_DERIVED_STALE.at(rel) for rel in stale_files(root)]
    if old_descriptor.get("id") and new_descriptor.get("id") != old_descriptor.get("id"):
        problems.append(
            codes.VERSION_ID_CHANGED.at(
                "datapackage.json", None, "id", id=str(old_descriptor.get("id"))[:80], base=base
            )
        )
    old_withdrawn, new_withdrawn = _withdrawn(old_tables), _withdrawn(new_tables)
    for change in diff.changes:
        if change.kind == "row-removed":
            key = (change.resource, ", ".join(change.data["key"]))
            entry = new_withdrawn.get(key)
            if entry is None:
                problems.append(
                    codes.VERSION_WITHDRAWAL_MISSING.at(
                        "data/withdrawn_ids.csv", variant="gone", table=key[0], record_id=key[1]
                    )
                )
            elif entry.get("withdrawn_in") != new:
                problems.append(
                    codes.VERSION_WITHDRAWAL_MISSING.at(
                        "data/withdrawn_ids.csv",
                        variant="elsewhere",
                        table=key[0],
                        record_id=key[1],
                        withdrawn_in=entry.get("withdrawn_in"),
                        new=new,
                    )
                )
        if change.kind == "row-repurposed":
            problems.append(
                codes.VERSION_ID_REUSED.at(
                    f"data/{change.resource}.csv", variant="repurposed", key=", ".join(change.data["key"])
                )
            )
    for (resource, record_id), entry in old_withdrawn.items():
        table = new_tables.get(resource)
        if table and len(table.key) == 1 and any(r.get(table.key[0]) == record_id for r in table.rows):
            problems.append(
                codes.VERSION_ID_REUSED.at(
                    f"data/{resource}.csv",
                    variant="withdrawn",
                    record_id=record_id,
                    withdrawn_in=entry.get("withdrawn_in"),
                )
            )
    return problems, diff


def _changelog_with_release(changelog: str, version: str, date: str, generated: str) -> str:
    match = UNRELEASED.search(changelog)
    if not match:
        raise ValueError("CHANGELOG.md has no '## [Unreleased]' section")
    next_heading = re.compile(r"^## \[", re.MULTILINE).search(changelog, match.end())
    end = next_heading.start() if next_heading else len(changelog)
    items = changelog[match.end() : end].strip()
    body = items or generated
    release = f"## [Unreleased]\n\n## [{version}] - {date}\n\n{body.strip()}\n\n"
    return changelog[: match.start()] + release + changelog[end:]


def _entry_from_diff(diff: Diff) -> str:
    sections = {"Added": [], "Changed": [], "Removed": []}
    for change in diff.changes:
        target = (
            "Added"
            if change.kind in ("row-added", "resource-added", "field-added")
            else "Removed"
            if change.kind in ("row-removed", "resource-removed", "field-removed")
            else "Changed"
        )
        line = f"- `{change.resource}`: {change.message}"
        for cell, (before, after) in change.data.get("cells", {}).items():
            line += f"; `{cell}`: {before!r} → {after!r}"
        sections[target].append(line)
    return (
        "\n\n".join(f"### {name}\n\n" + "\n".join(items) for name, items in sections.items() if items)
        or "### Changed\n\n- Metadata only."
    )


def release(root: Path, version: str, date: str | None = None) -> list[str]:
    """Set `version` in datapackage.json (and pyproject.toml), date the CHANGELOG entry, keep the
    record changes against the previous release (found by its number in changes/releases.csv),
    regenerate every derived file. Returns the files written. SnapshotError, before anything is
    written, when the previous release is released but not recorded."""
    root = Path(root)
    parse_version(version)
    descriptor_path = root / "datapackage.json"
    descriptor = loads_strict(file_gate.read_text(root, "datapackage.json"))
    previous = descriptor.get("version", "0.0.0")
    if bump_of(previous, version) == "NONE":
        raise ValueError(f"{version} is not greater than the current version {previous}")
    changelog_path = root / "CHANGELOG.md"
    released = any(m.group("version") == previous for m in RELEASE.finditer(file_gate.read_text(root, "CHANGELOG.md")))
    if released:
        commit_of(previous, root)  # the record changes need it: stop now, not after half the files
        with snapshot(previous, root) as old_root:
            generated = _entry_from_diff(diff_packages(old_root, root))
    else:  # the first release: nothing to compare with
        generated = "### Added\n\n- The first release."
    date = date or dt.datetime.now(dt.UTC).date().isoformat()
    descriptor["version"] = version
    written = []
    if write_atomic(descriptor_path, dump_json(descriptor), root):
        written.append("datapackage.json")
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        text = pyproject.read_text(encoding="utf-8")
        updated = re.sub(r'(?m)^version = "[^"]*"$', f'version = "{version}"', text, count=1)
        if write_atomic(pyproject, updated.encode("utf-8"), root):
            written.append("pyproject.toml")
    changelog = _changelog_with_release(changelog_path.read_text(encoding="utf-8"), version, date, generated)
    if write_atomic(changelog_path, changelog.encode("utf-8"), root):
        written.append("CHANGELOG.md")
    return written + write_record_changes(root, root) + build(root)
