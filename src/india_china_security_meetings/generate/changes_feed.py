"""`changes.json`: what a release added, corrected and withdrew, record by record, with reasons.

The record-by-record part is the same keyed diff as `make diff`, between the previous release and
this one. It needs git history, which a source archive or a shallow clone lacks, so `make release`
computes it once and keeps it in `changes/<version>.json`; every later build reads that file, and a
rebuild from the same commit is byte-identical wherever it runs. The reasons are not copied there:
they are read at build time from the release's CHANGELOG entry and, for withdrawn records, from
`withdrawn_ids`, their one home. A consumer that mirrors the data applies the feed instead of
reloading everything, as with ACLED's deletion lists.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from jsonschema import Draft202012Validator

from ..changelog import RELEASE, SEMVER, changelog_text
from ..diff import diff_packages
from ..fileio import dump_json, write_atomic
from ..reader import PackageError, PackageReader
from ..revisions import commit_of, snapshot

FOLDER = "changes"

_RECORD = {
    "type": "object",
    "required": ["resource", "record_id"],
    "properties": {"resource": {"type": "string"}, "record_id": {"type": "string"}, "fields": {"type": "object"}},
}
# The shape the release files and the landing page read from a kept file; anything else is refused.
_KEPT = Draft202012Validator(
    {
        "type": "object",
        "properties": {
            "previous": {"type": "string"},
            "required_bump": {"type": "string"},
            "added": {"type": "array", "items": _RECORD},
            "changed": {"type": "array", "items": _RECORD},
            "other": {"type": "array", "items": {"type": "object"}},
        },
    }
)


# Keep a Changelog's version links, one per line at the very end of the file ("[1.0.0]: https://…").
# A line of that shape inside an entry is the entry's own text and stays in it.
LINK_DEFINITION = re.compile(r"\[[^\]\n]+\]: .*")


def without_link_definitions(body: str) -> str:
    """`body` less the link definitions (and blank lines) at its end: one pass from the end."""
    lines = body.split("\n")
    while lines and (not lines[-1].strip() or LINK_DEFINITION.fullmatch(lines[-1])):
        lines.pop()
    return "\n".join(lines)


def releases(changelog: str) -> list[tuple[str, str, str]]:
    """(version, date, entry text) of each dated release, newest first."""
    matches = list(RELEASE.finditer(changelog))
    out = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(changelog)
        body = changelog[match.end() : end]
        if index + 1 == len(matches):  # the link definitions at the end of the file, and only those
            body = without_link_definitions(body)
        out.append((match.group("version"), match.group("date"), body.strip()))
    return out


def stored_path(root: Path, version: str) -> Path:
    return Path(root) / FOLDER / f"{version}.json"


def record_changes(root: Path, repo: Path, commit: str | None = None) -> dict | None:
    """The diff of the package at `root` against its previous release in `repo` (at `commit`, or
    the commit `changes/releases.csv` records for it), record by record; None when the CHANGELOG
    names no previous release. SnapshotError when that release is not recorded or not readable:
    a release never silently goes without its record changes."""
    reader = PackageReader(root)
    history = releases(changelog_text(reader.root))
    if len(history) < 2 or history[0][0] != reader.version:
        return None
    previous = history[1][0]
    if not SEMVER.fullmatch(previous):
        return None  # a hostile heading names no release
    commit = commit or commit_of(previous, repo)
    with snapshot(f"git:{commit}", repo) as old:
        diff = diff_packages(old, root)
    added, changed, other = [], [], []
    for change in diff.changes:
        record = {"resource": change.resource, "record_id": "/".join(change.data.get("key", []))}
        if change.kind == "row-added":
            added.append(record)
        elif change.kind in ("row-changed", "row-repurposed"):
            cells = change.data.get("cells", {})
            changed.append({**record, "fields": {k: {"old": v[0], "new": v[1]} for k, v in cells.items()}})
        elif change.kind != "row-removed":  # removals appear as withdrawals, with their reasons
            other.append({"resource": change.resource, "level": change.level, "change": change.message})
    return {
        "$comment": f"Written by `make release` from the diff against {previous} ({commit}); do not edit.",
        "version": reader.version,
        "previous": previous,
        "previous_commit": commit,
        "required_bump": diff.required,
        "added": added,
        "changed": changed,
        "other": other,
    }


def write_record_changes(root: Path, repo: Path) -> list[str]:
    """Keep this release's record changes in `changes/<version>.json`; the files written."""
    changes = record_changes(root, repo)
    if changes is None:
        return []
    path = stored_path(root, changes["version"])
    path.parent.mkdir(exist_ok=True)
    return [str(path.relative_to(root))] if write_atomic(path, dump_json(changes), root) else []


def changes_feed(root: Path) -> dict | None:
    """The feed of the package at `root`: its kept record changes with the CHANGELOG's notes and
    the withdrawals' reasons; None when no record changes are kept for this version."""
    reader = PackageReader(root)
    history = releases(changelog_text(reader.root))
    if not history or history[0][0] != reader.version or not SEMVER.fullmatch(reader.version):
        return None
    rel = f"{FOLDER}/{reader.version}.json"
    if not os.path.lexists(stored_path(root, reader.version)):
        return None  # a link, a FIFO or a folder there is refused by the gate below, not skipped
    kept = reader.json(rel)
    problem = next(_KEPT.iter_errors(kept), None)
    if problem is not None:
        where = "/".join(map(str, problem.absolute_path)) or "the top level"
        raise PackageError(f"{rel}: at {where[:80]}: {problem.message[:200]}")
    version, date, notes = history[0]
    withdrawn = [
        {"resource": row["resource"], "record_id": row["record_id"], "reason": row["reason"]}
        for row in reader.rows("withdrawn_ids")
        if row.get("withdrawn_in") == version
    ]
    return {
        "package": reader.name,
        "version": version,
        "released": date,
        "previous": kept.get("previous"),
        "required_bump": kept.get("required_bump"),
        "notes": notes,
        "added": kept.get("added", []),
        "changed": kept.get("changed", []),
        "withdrawn": withdrawn,
        "other": kept.get("other", []),
    }
