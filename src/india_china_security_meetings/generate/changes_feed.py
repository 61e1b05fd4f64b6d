"""`changes.json`: what a release added, corrected and withdrew, record by record, with reasons.

Computed by the same keyed diff as `make diff`, between the previous release (its git tag
`v<version>`, taken from CHANGELOG.md) and this package; the reasons are the release's CHANGELOG
entry and, for withdrawn records, `withdrawn_ids`. A consumer that mirrors the data applies the
feed instead of reloading everything, as with ACLED's deletion lists.
"""

from __future__ import annotations

import re

from ..changelog import RELEASE, SEMVER
from ..diff import SnapshotError, diff_packages, snapshot
from ..reader import PackageReader


def releases(changelog: str) -> list[tuple[str, str, str]]:
    """(version, date, entry text) of each dated release, newest first."""
    matches = list(RELEASE.finditer(changelog))
    out = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(changelog)
        body = changelog[match.end() : end]
        body = re.split(r"^\[[^\]]+\]: ", body, maxsplit=1, flags=re.MULTILINE)[0]  # link definitions
        out.append((match.group("version"), match.group("date"), body.strip()))
    return out


def changes_feed(root, repo) -> dict | None:
    """The feed for the package at `root` against its previous release in `repo`; None when there
    is no previous release or its tag is not in the repository (a shallow clone)."""
    reader = PackageReader(root)
    history = releases(reader.text("CHANGELOG.md"))
    if len(history) < 2 or history[0][0] != reader.version:
        return None
    (version, date, notes), (previous, _, _) = history[0], history[1]
    if not SEMVER.match(previous):
        return None  # only a release version names a tag; anything else could be a git expression
    try:
        with snapshot(f"v{previous}", repo) as old:
            diff = diff_packages(old, root)
    except SnapshotError:
        return None
    added, changed, schema = [], [], []
    for change in diff.changes:
        record = {"resource": change.resource, "record_id": "/".join(change.data.get("key", []))}
        if change.kind == "row-added":
            added.append(record)
        elif change.kind in ("row-changed", "row-repurposed"):
            cells = change.data.get("cells", {})
            changed.append({**record, "fields": {k: {"old": v[0], "new": v[1]} for k, v in cells.items()}})
        elif change.kind != "row-removed":  # removals appear as withdrawals below
            schema.append({"resource": change.resource, "level": change.level, "change": change.message})
    withdrawn = [
        {"resource": row["resource"], "record_id": row["record_id"], "reason": row["reason"]}
        for row in reader.rows("withdrawn_ids")
        if row.get("withdrawn_in") == version
    ]
    return {
        "package": reader.name,
        "version": version,
        "released": date,
        "previous": previous,
        "required_bump": diff.required,
        "notes": notes,
        "added": added,
        "changed": changed,
        "withdrawn": withdrawn,
        "other": schema,
    }
