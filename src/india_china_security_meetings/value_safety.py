"""Values that are safe to carry into a terminal, a web page, a database and a link.

A JSON file can spell any character as an escape (`\\u001b`), so the byte checks of the file gate
do not see a terminal escape in a descriptor; bidirectional controls (U+202E, U+2066…) reorder
what a reader sees; a `javascript:` licence becomes a link that runs code when clicked. Each check
is written once here: the validator reports what it finds, the reader and the generators refuse
it, and every command renders what it echoes through `printable`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# C0 controls other than tab and LF, DEL and C1 (the same set as the byte check of the files),
# and lone surrogates, which a JSON escape (\ud800) can spell and no UTF-8 file can hold.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Bidirectional formatting characters: embeddings, overrides, isolates and the marks.
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Schemes a URL of this package may have: the web's two, and `urn:uuid:` for the identifier that
# Data Package 2.0's examples give for `id`. Nothing that runs code (javascript:, data:, vbscript:)
# and nothing that reads local files (file:).
WEB_SCHEMES = ("https", "http")
IDENTIFIER_SCHEMES = ("https", "http", "urn")
_UUID_URN = re.compile(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.ASCII)
_HOST = re.compile(r"[A-Za-z0-9.-]+(:[0-9]{1,5})?", re.ASCII)
MAX_URL = 2000
CONTROL_KIND, BIDI_KIND, URL_KIND = "control", "bidi", "url"


def _character_issue(pattern: re.Pattern, name: str, value: str, why: str = "") -> str | None:
    match = pattern.search(value)
    if match:
        return f"holds the {name} U+{ord(match.group()):04X} at position {match.start()}{why}"
    return None


def control_issue(value: str) -> str | None:
    return _character_issue(CONTROL, "control character", value)


def bidi_issue(value: str) -> str | None:
    return _character_issue(BIDI, "bidirectional control", value, " (it reorders what readers see)")


def url_issue(value, schemes=WEB_SCHEMES) -> str | None:
    """Why `value` is not a URL this package may carry, or None."""
    if not isinstance(value, str) or not value:
        return "is not a non-empty string"
    if len(value) > MAX_URL:
        return f"is longer than {MAX_URL} characters"
    if any(char.isspace() for char in value) or CONTROL.search(value) or BIDI.search(value):
        return "holds white space or control characters"
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in schemes:
        return f"has the scheme {scheme[:20]!r}; a URL here must use {' or '.join(s + ':' for s in schemes)}"
    if scheme == "urn":
        return None if _UUID_URN.fullmatch(value) else "is a URN other than urn:uuid:<lowercase UUID>"
    try:
        parts = urlsplit(value)
    except ValueError as error:
        return f"does not parse as a URL ({error})"
    if not parts.netloc or not _HOST.fullmatch(parts.netloc):
        return "has no host name (letters, digits, '.', '-', an optional port) after '//'"
    return None


# Where the descriptor carries URLs: `homepage` and `$schema` at any level, `id` at the top, and the
# `path` of each licence, source and contributor, wherever those lists appear.
DESCRIPTOR_URL_KEYS = {"homepage": WEB_SCHEMES, "$schema": WEB_SCHEMES, "id": IDENTIFIER_SCHEMES}
URL_LISTS = ("licenses", "sources", "contributors")


def descriptor_issues(value, pointer: str = ""):
    """(JSON pointer, kind, message) for every unsafe string of a descriptor or Table Schema: control
    and bidirectional characters in keys and values, and URLs with a scheme outside the list."""
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{pointer}/{key}"
            for kind, issue in ((CONTROL_KIND, control_issue(key)), (BIDI_KIND, bidi_issue(key))):
                if issue:
                    yield where, kind, f"the key {issue}"
            # `homepage` and `$schema` wherever they appear (package or resource), `id` at the top.
            if key in DESCRIPTOR_URL_KEYS and (pointer == "" or key != "id") and isinstance(item, str):
                issue = url_issue(item, DESCRIPTOR_URL_KEYS[key])
                if issue:
                    yield where, URL_KIND, f"{item[:60]!r} {issue}"
            if key in URL_LISTS and isinstance(item, list):
                for index, entry in enumerate(item):
                    if isinstance(entry, dict) and "path" in entry:
                        issue = url_issue(entry["path"])
                        if issue:
                            yield f"{where}/{index}/path", URL_KIND, f"{str(entry['path'])[:60]!r} {issue}"
            yield from descriptor_issues(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from descriptor_issues(item, f"{pointer}/{index}")
    elif isinstance(value, str):
        for kind, issue in ((CONTROL_KIND, control_issue(value)), (BIDI_KIND, bidi_issue(value))):
            if issue:
                yield pointer or "/", kind, issue


def printable(text: str) -> str:
    """`text` with every control and bidirectional character shown as an escape, for a terminal
    (LF and tab are kept: they are how lines are laid out)."""
    return BIDI.sub(_escape, CONTROL.sub(_escape, text))


def _escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"  # read the same way by a person and, inside a string, by JSON
