"""CHANGELOG.md as the tools read it: dated release headings (Keep a Changelog)."""

from __future__ import annotations

import re

# A version as this package writes it: semantic versioning, no prefix, no suffix.
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
RELEASE = re.compile(r"^## \[(?P<version>[^\]]+)\] - (?P<date>\d{4}-\d{2}-\d{2})( \[YANKED\])?$", re.MULTILINE)


def newest_release(changelog: str):
    """(version, date, line) of the first dated release heading, or None."""
    match = RELEASE.search(changelog)
    if not match:
        return None
    return match.group("version"), match.group("date"), changelog.count("\n", 0, match.start()) + 1
