"""Typed loaders: the tables as pandas DataFrames (or lists of typed dicts without pandas),
the frictionless Package, and the verbatim source text behind any record."""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

from .layout import DESCRIPTOR, data_root
from .tables import cast, parse_csv

_PANDAS_DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}


@lru_cache(maxsize=None)
def _descriptor(root: Path) -> dict:
    return json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))


def _entry(name: str, root: Path) -> dict:
    for entry in _descriptor(root)["resources"]:
        if entry["name"] == name and entry.get("type") == "table":
            return entry
    names = [e["name"] for e in _descriptor(root)["resources"] if e.get("type") == "table"]
    raise KeyError(f"no table {name!r}; the tables are: {', '.join(names)}")


def schema(name: str, root: Path | None = None) -> dict:
    """The Table Schema of a table."""
    root = Path(root or data_root())
    return json.loads((root / _entry(name, root)["schema"]).read_text(encoding="utf-8"))


def records(name: str, root: Path | None = None) -> list[dict]:
    """The rows of a table as dicts of typed values: int, float, bool, datetime.date, str; None when empty."""
    root = Path(root or data_root())
    fields = [(f["name"], f.get("type", "string")) for f in schema(name, root)["fields"]]
    out = []
    for _, cells in parse_csv((root / _entry(name, root)["path"]).read_text(encoding="utf-8")).rows:
        row = {}
        for field, field_type in fields:
            value = cast(field_type, cells.get(field, ""))
            row[field] = dt.date.fromisoformat(value) if field_type == "date" and value is not None else value
        out.append(row)
    return out


def load(name: str, root: Path | None = None):
    """A table with its declared types: a pandas DataFrame when pandas is installed, else a list of dicts."""
    try:
        import pandas as pd
    except ImportError:
        return records(name, root)
    root = Path(root or data_root())
    fields = schema(name, root)["fields"]
    frame = pd.DataFrame.from_records(records(name, root), columns=[f["name"] for f in fields])
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
    return {e["name"]: load(e["name"], root) for e in _descriptor(root)["resources"] if e.get("type") == "table"}


def package(root: Path | None = None):
    """The frictionless Package of the data."""
    from frictionless import Package

    return Package(str(Path(root or data_root()) / DESCRIPTOR))


def source_text(source_id: str, root: Path | None = None) -> str:
    """The verbatim text of a held source, exactly as published in the package."""
    root = Path(root or data_root())
    for row in records("sources", root):
        if row["source_id"] == source_id:
            if not row["path"]:
                raise KeyError(f"source {source_id!r} is listed but its text is not held")
            return (root / row["path"]).read_bytes().decode("utf-8")
    raise KeyError(f"no source {source_id!r}")


def span(record, start: str = "start", end: str = "end", source: str = "source_id", root: Path | None = None) -> str:
    """The source text a record points to (a dict or a DataFrame row with source_id, start, end)."""
    return source_text(record[source], root)[int(record[start]) : int(record[end])]
