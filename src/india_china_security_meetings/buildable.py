"""What the release files can carry: the limits that make "valid" mean "safe to build".

The SQLite database adds tables of its own beside the package's, Parquet and SQLite hold 64-bit
integers and finite numbers, Croissant addresses a field by a JSON path, and each field type
needs a column type in every format. A package that passes the validator must build; these are
the facts the validator's `build/…` rules and the generators share.
"""

from __future__ import annotations

import datetime as dt
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
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


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
    """Why a non-empty cell cannot be carried by every release format: it must be what the
    release writers read (csv_format.cast: `true`/`false`, YYYY-MM-DD, ASCII digits), and an
    integer must fit 64 bits and a number be finite."""
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
    elif field_type == "boolean" and text not in ("true", "false"):
        return f"{text[:40]!r} is not true or false (the release files read no other spelling)"
    elif field_type == "date":
        if not _DATE.fullmatch(text):
            return f"{text[:40]!r} is not a date YYYY-MM-DD in ASCII digits"
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return f"{text[:40]!r} is not a date of the calendar"
    return None


def schema_issues(schema: dict):
    """Why the keys of a Table Schema cannot be built: the release writers take a primary key as
    a non-empty list of the schema's fields, and each foreign key's fields likewise (Table Schema
    also allows a single string, which they do not)."""
    names = {f.get("name") for f in schema.get("fields", []) if isinstance(f, dict)}
    key = schema.get("primaryKey")
    if not (isinstance(key, list) and key and all(k in names for k in key)):
        yield f"primaryKey {str(key)[:60]!r} is not a non-empty list of the table's fields"
    for index, fk in enumerate(schema.get("foreignKeys", []) or []):
        fields = fk.get("fields") if isinstance(fk, dict) else None
        reference = fk.get("reference") if isinstance(fk, dict) else None
        target = reference.get("fields") if isinstance(reference, dict) else None
        if not (isinstance(fields, list) and fields and all(f in names for f in fields)):
            yield f"foreignKeys[{index}].fields {str(fields)[:60]!r} is not a non-empty list of the table's fields"
        elif not (isinstance(target, list) and len(target) == len(fields)):
            yield f"foreignKeys[{index}].reference.fields {str(target)[:60]!r} is not a list as long as its fields"


# What the citation files, the page and the release files read from the descriptor, by shape.
_TEXT_KEYS = ("name", "id", "title", "description", "version", "created", "homepage")
_LIST_OF_OBJECTS = ("licenses", "contributors", "sources")


def descriptor_shape_issues(descriptor: dict):
    """(pointer, why) for each value of the descriptor the citation files, the page and the
    release files are written from that has a shape they cannot use (Data Package allows some of
    them: a licence with only a path, a contributor with no title); each tool then stops naming it."""
    for key in _TEXT_KEYS:
        if key in descriptor and not isinstance(descriptor[key], str):
            yield key, "must be text"
    keywords = descriptor.get("keywords", [])
    if not (isinstance(keywords, list) and all(isinstance(k, str) for k in keywords)):
        yield "keywords", "must be a list of text"
    for key in _LIST_OF_OBJECTS:
        entries = descriptor.get(key, [])
        if not (isinstance(entries, list) and all(isinstance(e, dict) for e in entries)):
            yield key, "must be a list of objects"
            continue
        for index, entry in enumerate(entries):
            for field, value in entry.items():
                if field == "roles":
                    if not (isinstance(value, list) and all(isinstance(r, str) for r in value)):
                        yield f"{key}/{index}/roles", "must be a list of text"
                elif not isinstance(value, str):
                    yield f"{key}/{index}/{field}", "must be text"
    licences = descriptor.get("licenses")
    if not (isinstance(licences, list) and licences):
        yield "licenses", "must list at least one licence (the citation files name it)"
    elif all(isinstance(e, dict) for e in licences):
        for index, licence in enumerate(licences):
            if not licence.get("name"):
                yield f"licenses/{index}", "has no name (the citation files give the licence by its name)"
    contributors = descriptor.get("contributors", [])
    if isinstance(contributors, list) and all(isinstance(e, dict) for e in contributors):
        for index, contributor in enumerate(contributors):
            if not contributor.get("title"):
                yield f"contributors/{index}", "has no title (the citation names contributors by their title)"
