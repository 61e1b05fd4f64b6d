"""Typed loaders: the tables as pandas DataFrames (or lists of typed dicts without pandas),
the frictionless Package, and the verbatim source text behind any record."""

from __future__ import annotations

from pathlib import Path

from .layout import DESCRIPTOR, data_root
from .reader import PackageError, PackageReader

_PANDAS_DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


def _reader(root: Path | None) -> PackageReader:
    return PackageReader(Path(root or data_root()))


def schema(name: str, root: Path | None = None) -> dict:
    """The Table Schema of a table."""
    return _reader(root).schema(name)


def records(name: str, root: Path | None = None) -> list[dict]:
    """The rows of a table as dicts of typed values: int, float, bool, datetime.date, str; None when empty."""
    return _reader(root).records(name)


def load(name: str, root: Path | None = None):
    """A table with its declared types: a pandas DataFrame when pandas is installed, else a list of dicts."""
    try:
        import pandas as pd
    except ImportError:
        return records(name, root)
    reader = _reader(root)
    fields = reader.schema(name)["fields"]
    frame = pd.DataFrame.from_records(reader.records(name), columns=[f["name"] for f in fields])
    for field in fields:
        column, field_type = field["name"], field.get("type", "string")
        if field_type == "date":
            frame[column] = pd.to_datetime(frame[column])
        else:
            frame[column] = frame[column].astype(_PANDAS_DTYPES.get(field_type, "object"))
    return frame


def load_all(root: Path | None = None) -> dict:
    """Every table, by name."""
    root = Path(root or data_root())
    return {name: load(name, root) for name in _reader(root).table_names()}


def paragraphs(root: Path | None = None) -> list[dict]:
    """The paragraph view (every statement and Q&A paragraph with speaker, date, event and topics),
    from the same query as the release's SQLite view `paragraphs`."""
    import sqlite3

    from .generate.citation import release_date
    from .generate.paragraph_view import VIEW
    from .generate.release_files import fill_database

    reader = _reader(root)
    con = sqlite3.connect(":memory:")
    try:
        fill_database(con, reader, release_date(reader.root))
        cursor = con.execute(f'SELECT * FROM "{VIEW}"')
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor]
    finally:
        con.close()


def package(root: Path | None = None):
    """The frictionless Package of the data, once every file it names has passed the file gate
    (frictionless itself would follow a URL or read a FIFO)."""
    from frictionless import Package

    reader = _reader(root)
    for entry in reader.resource_entries():
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
