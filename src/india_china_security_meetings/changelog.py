"""CHANGELOG.md as the tools read it: dated release headings (Keep a Changelog)."""

from __future__ import annotations

import re

# A version as this package writes it: semantic versioning, no prefix, no suffix.
# Used with fullmatch only, over ASCII digits: `$` would let a final newline through and `\d`
# would take any script's digits (1٣.0.0).
SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)", re.ASCII)
RELEASE = re.compile(
    r"^## \[(?P<version>[^\]\n]+)\] - (?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})( \[YANKED\])?$", re.MULTILINE
)


def newest_release(changelog: str):
    """(version, date, line) of the first dated release heading, or None."""
    match = RELEASE.search(changelog)
    if not match:
        return None
    return match.group("version"), match.group("date"), changelog.count("\n", 0, match.start()) + 1
