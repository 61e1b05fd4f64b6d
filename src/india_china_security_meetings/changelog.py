"""CHANGELOG.md as the tools read it: dated release headings (Keep a Changelog)."""

from __future__ import annotations

import datetime as dt
import re

from . import codes, file_gate
from .value_safety import BIDI_KIND, CONTROL_KIND, bidi_issue, control_issue

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


# ZIP archives store dates from 1980 to 2107: a release date outside them cannot date the release files.
FIRST_YEAR, LAST_YEAR = 1980, 2107
PATH = "CHANGELOG.md"


def date_issue(date: str) -> str | None:
    """Why a release heading's date cannot date a release, or None."""
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        return f"{date!r} is not a date of the calendar"
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        return f"{date!r} is outside {FIRST_YEAR}–{LAST_YEAR}, the years a release archive can record"
    return None


def text_issue(text: str) -> tuple[int, str, str] | None:
    """(line, kind, why) of the first character of the CHANGELOG that no page, archive or release
    note may carry: a control or bidirectional character (kind as value_safety names it)."""
    for number, line in enumerate(text.split("\n"), 1):
        for kind, issue in ((CONTROL_KIND, control_issue(line)), (BIDI_KIND, bidi_issue(line))):
            if issue:
                return number, kind, issue
    return None


def changelog_text(root) -> str:
    """CHANGELOG.md through the file gate, refused (file_gate.Refused) when it holds a control or
    bidirectional character or its newest release date cannot date a release."""
    text = file_gate.read_text(root, PATH)
    issue = text_issue(text)
    if issue:
        line, kind, why = issue
        code = codes.VALUES_BIDI_CONTROL if kind == BIDI_KIND else codes.VALUES_CONTROL_CHAR
        raise file_gate.Refused.of(code, variant="refused", path=PATH, line=line, message=why)
    newest = newest_release(text)
    if newest and date_issue(newest[1]):
        raise file_gate.Refused.of(
            codes.VERSION_CHANGELOG, variant="refused", path=PATH, line=newest[2], date_issue=date_issue(newest[1])
        )
    return text
