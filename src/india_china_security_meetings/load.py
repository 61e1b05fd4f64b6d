"""Typed loaders: the tables as pandas DataFrames (or lists of typed dicts without pandas),
the frictionless Package, and the verbatim source text behind any record.

Every function takes `root`: the package's folder or its datapackage.json (default: the data
this code ships with)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from .generate.citation import release_date
from .generate.paragraph_view import VIEW
from .generate.release_files import fill_database
from .layout import DESCRIPTOR, data_root
from .reader import PackageError, PackageReader

_PANDAS_DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}

# The Table Schema type behind each column type of the release's SQLite database
# (release_files.SQL_TYPES read backwards; a boolean is stored as INTEGER, which reads as integer).
_FIELD_TYPES = {"TEXT": "string", "INTEGER": "integer", "REAL": "number", "DATE": "date"}


def _package_root(root) -> Path:
    """The folder of the package at `root`, a folder or the datapackage.json in it."""
    path = Path(root or data_root())
    if path.name == DESCRIPTOR and not path.is_dir():
        path = path.parent
    elif path.is_file():
        raise PackageError(f"{path}: not a package folder or a {DESCRIPTOR}")
    descriptor = path / DESCRIPTOR
    if not descriptor.is_file():
        raise PackageError(f"{descriptor}: no such file (give a package folder or its {DESCRIPTOR})")
    return path


def _reader(root) -> PackageReader:
    return PackageReader(_package_root(root))


def _frame_or_rows(rows: list[dict], fields: list[tuple[str, str]]):
    """The rows as a DataFrame: dates as datetime64, integers as Int64, numbers as Float64,
    booleans as boolean, strings as string; empty as missing. Without pandas, the rows themselves."""
    try:
        import pandas as pd
    except ImportError:
        return rows
    frame = pd.DataFrame.from_records(rows, columns=[name for name, _ in fields])
    for column, field_type in fields:
        if field_type == "date":
            frame[column] = pd.to_datetime(frame[column])
        else:
            frame[column] = frame[column].astype(_PANDAS_DTYPES.get(field_type, "object"))
    return frame


def schema(name: str, root: Path | None = None) -> dict:
    """The Table Schema of a table."""
    return _reader(root).schema(name)


def records(name: str, root: Path | None = None) -> list[dict]:
    """The rows of a table as dicts of typed values: int, float, bool, datetime.date, str; None when empty."""
    return _reader(root).records(name)


def load(name: str, root: Path | None = None):
    """A table with its declared types: a pandas DataFrame when pandas is installed, else a list of dicts."""
    reader = _reader(root)
    return _frame_or_rows(reader.records(name), reader.fields(name))


def load_all(root: Path | None = None) -> dict:
    """Every table, by name."""
    root = _package_root(root)
    return {name: load(name, root) for name in _reader(root).table_names()}


def _typed(field_type: str, value):
    if value is None:
        return None
    if field_type == "date":
        return dt.date.fromisoformat(value)
    return {"integer": int, "number": float, "boolean": bool}.get(field_type, lambda v: v)(value)


def paragraphs(root: Path | None = None):
    """The paragraph view (every statement and Q&A paragraph with speaker, date, event and topics),
    from the same query as the release's SQLite view `paragraphs`; typed as `load()` types a table
    (a DataFrame with pandas, else a list of dicts with datetime.date values).

    A column's type is that of the table column it comes from, as SQLite traces it through the
    view over the typed tables; the computed columns (the speaker's role and title, the
    '; '-separated topic lists) are text."""
    reader = _reader(root)
    con = sqlite3.connect(":memory:")
    try:
        fill_database(con, reader, release_date(reader.root))
        declared = con.execute(f'PRAGMA table_xinfo("{VIEW}")').fetchall()
        fields = [(column[1], _FIELD_TYPES.get(str(column[2]).upper(), "string")) for column in declared]
        cursor = con.execute(f'SELECT * FROM "{VIEW}"')
        rows = [{name: _typed(t, value) for (name, t), value in zip(fields, row)} for row in cursor]
    finally:
        con.close()
    return _frame_or_rows(rows, fields)


def package(root: Path | None = None):
    """The frictionless Package of the data, once every file it names has passed the file gate
    (frictionless itself would follow a URL or read a FIFO)."""
    from frictionless import Package

    reader = _reader(root)
    for entry in (r.descriptor for r in reader.resources):
        for key in ("path", "schema", "dialect", "jsonSchema"):
            if isinstance(entry.get(key), str):
                reader.bytes(entry[key])  # raises PackageError for anything the gate refuses
            elif key == "path":
                raise PackageError(f"resource {entry['name']!r} must have one path inside the package")
    return Package(str(reader.root / DESCRIPTOR))


def source_text(source_id: str, root: Path | None = None) -> str:
    """The verbatim text of a held source, exactly as published in the package."""
    return _reader(root).held_text(source_id)


def span(record, start: str = "start", end: str = "end", source: str = "source_id", root: Path | None = None) -> str:
    """The source text a record points to (a dict or a DataFrame row with source_id, start, end)."""
    return source_text(record[source], root)[int(record[start]) : int(record[end])]
