"""Versions: the descriptor, the newest CHANGELOG release and CITATION.cff agree."""

from __future__ import annotations

import re

from .. import revisions
from ..changelog import RELEASE, date_issue, newest_release
from . import code_group, problem, rule

# What `check-version` reports (versioning.py): the version against the changes since a base.
CHECK_VERSION = code_group(
    "check-version: the version is bumped as the changes since the base require.",
    {
        "version/semver": "A version compared by check-version is not MAJOR.MINOR.PATCH.",
        "version/bump-required": "The changes since the base require a larger version step than the version takes.",
        "version/changelog-entry": "The new version has no dated CHANGELOG entry.",
        "version/derived-stale": "A derived file differs from what `make build` generates from the current data.",
        "version/withdrawal-missing": "A released record is gone without a withdrawn_ids entry for this version.",
        "version/id-reused": "A record ID now names another passage, or a withdrawn ID is used again.",
        "version/id-changed": "The package's id differs from the base's: it names the data set across versions.",
    },
)


def citation_version(text: str):
    """(version, line) from CITATION.cff, every scalar kept a string."""
    import yaml

    data = yaml.load(text, Loader=yaml.BaseLoader)
    version = data.get("version") if isinstance(data, dict) else None
    match = re.search(r"^version:", text, re.MULTILINE)
    return version, (text.count("\n", 0, match.start()) + 1 if match else None)


@rule(
    {
        "version/changelog": "CHANGELOG.md is missing or its newest release is not the package version.",
        "version/citation": "CITATION.cff is missing, unreadable, or its version is not the package version.",
    }
)
def check_versions(ctx):
    """datapackage.json version = newest CHANGELOG release = CITATION.cff version."""
    version = ctx.descriptor.get("version")
    changelog = ctx.read_text("CHANGELOG.md")
    if changelog is None:
        yield problem("version/changelog", "CHANGELOG.md", "missing or not UTF-8; it must list every release")
    else:
        release = newest_release(changelog)
        if release is None:
            yield problem("version/changelog", "CHANGELOG.md", "no release heading '## [X.Y.Z] - YYYY-MM-DD' found")
        elif date_issue(release[1]):
            yield problem(
                "version/changelog", "CHANGELOG.md", f"the newest release's date {date_issue(release[1])}", release[2]
            )
        elif release[0] != version:
            yield problem(
                "version/changelog",
                "CHANGELOG.md",
                f"newest release is {release[0]} but datapackage.json says {version}",
                release[2],
            )
    citation = ctx.read_text("CITATION.cff")
    if citation is None:
        yield problem("version/citation", "CITATION.cff", "missing or not UTF-8")
        return
    try:
        cited, line = citation_version(citation)
    except Exception as error:  # yaml.YAMLError and friends
        yield problem("version/citation", "CITATION.cff", f"not valid YAML: {str(error).splitlines()[0]}")
        return
    if cited != version:
        # Only a string is quoted: YAML aliases can make a small file stand for a huge value.
        shown = repr(cited[:60]) if isinstance(cited, str) else f"not a string ({type(cited).__name__})"
        yield problem(
            "version/citation",
            "CITATION.cff",
            f"version is {shown} but datapackage.json says {str(version)[:60]!r}",
            line,
            "version",
        )


@rule(
    {
        "version/release-record": "changes/releases.csv is malformed, or a commit it records is not that release in this history.",
        "version/release-unrecorded": "A released version (a dated CHANGELOG entry followed by a later commit) is not in changes/releases.csv.",
    }
)
def check_release_record(ctx):
    """Which commit each release is, recorded in the repository and checked against its history."""
    rel = revisions.RECORD
    try:
        releases = revisions.read_record(ctx.root)
    except revisions.SnapshotError as error:
        yield problem("version/release-record", rel, str(error))
        return
    seen: set[str] = set()
    for release in releases:
        if release.version in seen:
            yield problem("version/release-record", rel, f"{release.version} is recorded twice", release.line)
        seen.add(release.version)
    if not revisions.is_repository(ctx.root):
        return  # an unpacked release or a copy: there is no history to check against
    for release, why in revisions.history_issues(ctx.root, releases):
        yield problem("version/release-record", rel, f"release {release.version}: {why}", release.line or None)
    version = ctx.descriptor.get("version")
    changelog = ctx.read_text("CHANGELOG.md") or ""
    for match in RELEASE.finditer(changelog):
        released = match.group("version")
        if released in seen:
            continue
        if released != version or revisions.head_needs_record(ctx.root, version):
            yield problem(
                "version/release-unrecorded",
                rel,
                f"release {released[:40]} is not recorded: run `make record-release` in the commit after the release",
            )
