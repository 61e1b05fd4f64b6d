"""The cells of a parsed table that no tool may carry, found by one scan of each column.

Written once for both readers of a table: the validator's rules report every such cell, the
package reader (RAISE policy) refuses the first. A column is matched whole first, and its cells
are looked at one by one only when it fails, so a clean table costs one regular-expression pass
per column.
"""

from __future__ import annotations

import re

from . import buildable, contract
from .value_safety import BIDI, BIDI_KIND, CONTROL, CONTROL_KIND, URL_KIND, bidi_issue, control_issue, url_issue

RANGE_KIND = "range"
KINDS = (CONTROL_KIND, BIDI_KIND, URL_KIND, RANGE_KIND)
# A column of cells that are all plainly fine, matched whole (one line a cell, empty allowed):
# integers of at most 18 digits (inside 64 bits), decimals without exponent, true/false.
_COLUMN = {
    "integer": re.compile(r"(?:-?(?:0|[1-9][0-9]{0,17})|)(?:\n(?:-?(?:0|[1-9][0-9]{0,17})|))*", re.ASCII),
    "number": re.compile(
        r"(?:-?(?:0|[1-9][0-9]{0,300})(?:\.[0-9]+)?|)(?:\n(?:-?(?:0|[1-9][0-9]{0,300})(?:\.[0-9]+)?|))*", re.ASCII
    ),
    "boolean": re.compile(r"(?:true|false|)(?:\n(?:true|false|))*"),
}
_RANGE_TYPES = ("integer", "number", "boolean", "date")


# Cells are joined this many at a time: one match per block, and no copy of a whole large column.
_BLOCK = 4096


def _some(pattern: re.Pattern, column: list[str]) -> bool:
    """Whether some cell of the column holds a match of `pattern`."""
    return any(pattern.search("\n".join(column[i : i + _BLOCK])) for i in range(0, len(column), _BLOCK))


def _every(whole: re.Pattern, column: list[str]) -> bool:
    """Whether every cell of the column is matched by `whole` (a pattern of lines)."""
    return all(whole.fullmatch("\n".join(column[i : i + _BLOCK])) for i in range(0, len(column), _BLOCK))


def url_fields(name: str, schema: dict) -> set[str]:
    """The fields of a table that hold URLs: those the contract names, and any of format uri."""
    declared = set(contract.URL_FIELDS.get(name, ()))
    return declared | {f.get("name") for f in schema.get("fields", []) if f.get("format") == "uri"}


def cell_issues(name: str, schema: dict, table, kinds=KINDS):
    """(kind, line, field, value, why) of each cell of table `name` that holds a control
    character, a bidirectional control outside the source's own words, a URL with an unsafe
    scheme, or a value the release writers cannot read as its type."""
    verbatim = set(contract.VERBATIM.get(name, {}))
    urls = url_fields(name, schema) if URL_KIND in kinds else set()
    for field in table.header:  # as written: a repeated name is a repeated column
        words = field in verbatim  # the source's words: only the source may hold them as they are
        column = table.column(field) if CONTROL_KIND in kinds or (BIDI_KIND in kinds and not words) else []
        control = CONTROL_KIND in kinds and _some(CONTROL, column)
        bidi = BIDI_KIND in kinds and not words and _some(BIDI, column)
        url = field in urls and not words
        if not (control or bidi or url):
            continue
        for line, (value,) in table.cells_of([field]):
            found = control and control_issue(value)
            if found:
                yield CONTROL_KIND, line, field, value, found
            found = value and bidi and bidi_issue(value)
            if found:
                yield BIDI_KIND, line, field, value, found
            elif value and url and (found := url_issue(value)):
                yield URL_KIND, line, field, value, found
    if RANGE_KIND not in kinds:
        return
    for field in schema.get("fields", []):  # each field as declared, its cells as a reader takes them
        field_type = field.get("type") if isinstance(field, dict) else None
        if field_type not in _RANGE_TYPES:
            continue
        fast = _COLUMN.get(field_type)
        if fast and _every(fast, table.column(field.get("name"))):
            continue
        for line, (value,) in table.cells_of([field.get("name")]):
            found = value and buildable.cell_issue(field_type, value)
            if found:
                yield RANGE_KIND, line, field.get("name"), value, found
