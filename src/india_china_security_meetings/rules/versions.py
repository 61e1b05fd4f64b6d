"""Versions: the descriptor, the newest CHANGELOG release and CITATION.cff agree."""

from __future__ import annotations

import re

from .. import codes, revisions
from ..changelog import RELEASE, date_issue, newest_release
from . import code_group, rule

# What `check-version` reports (versioning.py): the version against the changes since a base.
CHECK_VERSION = code_group(
    "check-version: the version is bumped as the changes since the base require.",
    codes.VERSION_SEMVER,
    codes.VERSION_BUMP_REQUIRED,
    codes.VERSION_CHANGELOG_ENTRY,
    codes.VERSION_DERIVED_STALE,
    codes.VERSION_WITHDRAWAL_MISSING,
    codes.VERSION_ID_REUSED,
    codes.VERSION_ID_CHANGED,
)


def citation_version(text: str):
    """(version, line) from CITATION.cff, every scalar kept a string."""
    import yaml

    data = yaml.load(text, Loader=yaml.BaseLoader)
    version = data.get("version") if isinstance(data, dict) else None
    match = re.search(r"^version:", text, re.MULTILINE)
    return version, (text.count("\n", 0, match.start()) + 1 if match else None)


@rule(codes.VERSION_CHANGELOG, codes.VERSION_CITATION)
def check_versions(ctx):
    """datapackage.json version = newest CHANGELOG release = CITATION.cff version."""
    version = ctx.descriptor.get("version")
    changelog = ctx.read_text("CHANGELOG.md")
    if changelog is None:
        yield codes.VERSION_CHANGELOG.at("CHANGELOG.md", variant="missing")
    else:
        release = newest_release(changelog)
        if release is None:
            yield codes.VERSION_CHANGELOG.at("CHANGELOG.md", variant="no-release")
        elif date_issue(release[1]):
            yield codes.VERSION_CHANGELOG.at(
                "CHANGELOG.md", release[2], variant="date", date_issue=date_issue(release[1])
            )
        elif release[0] != version:
            yield codes.VERSION_CHANGELOG.at(
                "CHANGELOG.md", release[2], variant="differs", newest=release[0], version=version
            )
    citation = ctx.read_text("CITATION.cff")
    if citation is None:
        yield codes.VERSION_CITATION.at("CITATION.cff", variant="missing")
        return
    try:
        cited, line = citation_version(citation)
    except Exception as error:  # yaml.YAMLError and friends
        yield codes.VERSION_CITATION.at("CITATION.cff", variant="yaml", error=str(error).splitlines()[0])
        return
    if cited != version:
        # Only a string is quoted: YAML aliases can make a small file stand for a huge value.
        shown = repr(cited[:60]) if isinstance(cited, str) else f"not a string ({type(cited).__name__})"
        yield codes.VERSION_CITATION.at(
            "CITATION.cff", line, "version", variant="differs", shown=shown, version=str(version)[:60]
        )


@rule(codes.VERSION_RELEASE_RECORD, codes.VERSION_RELEASE_UNRECORDED)
def check_release_record(ctx):
    """Which commit each release is, recorded in the repository and checked against its history."""
    rel = revisions.RECORD
    try:
        releases = revisions.read_record(ctx.root)
    except revisions.SnapshotError as error:
        yield codes.VERSION_RELEASE_RECORD.at(rel, variant="malformed", message=str(error))
        return
    seen: set[str] = set()
    for release in releases:
        if release.version in seen:
            yield codes.VERSION_RELEASE_RECORD.at(rel, release.line, variant="twice", version=release.version)
        seen.add(release.version)
    if not revisions.is_repository(ctx.root):
        return  # an unpacked release or a copy: there is no history to check against
    for release, why in revisions.history_issues(ctx.root, releases):
        yield codes.VERSION_RELEASE_RECORD.at(
            rel, release.line or None, variant="history", version=release.version, why=why
        )
    version = ctx.descriptor.get("version")
    changelog = ctx.read_text("CHANGELOG.md") or ""
    for match in RELEASE.finditer(changelog):
        released = match.group("version")
        if released in seen:
            continue
        if released != version or revisions.head_needs_record(ctx.root, version):
            yield codes.VERSION_RELEASE_UNRECORDED.at(rel, released=released[:40])
