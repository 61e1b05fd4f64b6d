"""What the release files can carry: the limits that make "valid" mean "safe to build".

The SQLite database adds tables of its own beside the package's, Parquet and SQLite hold 64-bit
integers and finite numbers, Croissant addresses a field by a JSON path, and each field type
needs a column type in every format. A package that passes the validator must build; these are
the facts the validator's `build/…` rules and the generators share.
"""

from __future__ import annotations

import re

# The field types every release format has a column type for (SQLite, Arrow/Parquet, JSON).
SUPPORTED_TYPES = ("string", "integer", "number", "boolean", "date")
# The names the SQLite release gives to what it adds beside the tables.
METADATA_TABLE = "metadata"
HELD_TEXTS_TABLE = "held_texts"
PARAGRAPH_VIEW = "paragraphs"
RESERVED_TABLES = (METADATA_TABLE, HELD_TEXTS_TABLE, PARAGRAPH_VIEW)
# A field name is a column in SQL, Parquet and R, and a step of a JSON path in Croissant: lowercase
# ASCII letters, digits and underscores, starting with a letter (matched whole).
FIELD_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}", re.ASCII)
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)", re.ASCII)
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?", re.ASCII)
_FINITE_DIGITS = 308  # beyond about 1.8e308 a float64 is infinite


def table_name_issue(name: str) -> str | None:
    if name in RESERVED_TABLES or name.lower().startswith("sqlite_"):
        return f"{name!r} is the name of something the SQLite release adds ({', '.join(RESERVED_TABLES)}, sqlite_…)"
    return None


def field_name_issue(name) -> str | None:
    if not isinstance(name, str) or not FIELD_NAME.fullmatch(name):
        return f"{str(name)[:60]!r} is not lowercase ASCII letters, digits and '_' starting with a letter (at most 63)"
    return None


def field_type_issue(field_type) -> str | None:
    if field_type not in SUPPORTED_TYPES:
        return f"type {str(field_type)[:30]!r} has no column type in the release files; use one of {', '.join(SUPPORTED_TYPES)}"
    return None


def cell_issue(field_type: str, text: str) -> str | None:
    """Why a non-empty integer or number cell cannot be carried by every release format."""
    if field_type == "integer":
        if not _INTEGER.fullmatch(text):
            return f"{text[:40]!r} is not an integer written in ASCII digits"
        if not INT64_MIN <= int(text) <= INT64_MAX:
            return f"{text[:40]!r} is outside the 64-bit range SQLite and Parquet hold"
    elif field_type == "number":
        match = _NUMBER.fullmatch(text)
        if not match:
            return f"{text[:40]!r} is not a finite decimal number in ASCII digits (no NaN, INF, '_' or spaces)"
        if abs(float(text)) == float("inf"):
            return f"{text[:40]!r} is beyond the range of a 64-bit float"
    return None
