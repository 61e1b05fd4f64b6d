"""Reading and writing the canonical CSV form, and casting cells to typed values.

All CSV parsing of the project happens here, so the byte rules, the span checks and
the JSON generator see the same cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True, "lineTerminator": "\n"}


@dataclass
class ParsedCSV:
    """A parsed CSV: its header and its rows as (line number, {field: text})."""

    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    ragged: list[tuple[int, int]] = field(default_factory=list)  # (line, number of cells)


def parse_csv(text: str) -> ParsedCSV:
    """Parse CSV text; lines are the physical line where each record starts (header = 1)."""
    # A fixed, generous limit: frictionless raises the process-wide default on import, and the
    # result must not depend on which library was imported first.
    csv.field_size_limit(2**31 - 1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    table = ParsedCSV(header=[])
    start = 1
    for cells in reader:
        if header is None:
            header = cells
            table.header = cells
        else:
            if len(cells) != len(header):
                table.ragged.append((start, len(cells)))
            table.rows.append((start, dict(zip(header, cells))))
        start = reader.line_num + 1
    return table


def iter_csv(text: str):
    """(line, {field: text}) of each record, one at a time (ragged records included as parsed)."""
    csv.field_size_limit(2**31 - 1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = next(reader, None)
    if header is None:
        return
    start = reader.line_num + 1
    for cells in reader:
        yield start, dict(zip(header, cells))
        start = reader.line_num + 1


def render_csv(header: list[str], rows: list[dict[str, str]]) -> bytes:
    """The canonical bytes: UTF-8, header row, minimal RFC 4180 quoting, LF, final newline."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return buffer.getvalue().encode("utf-8")


class CastError(ValueError):
    """A cell that cannot be read as its declared type."""


def cast(field_type: str, text: str):
    """The typed value of a CSV cell (None for the empty cell), as the JSON twin holds it."""
    if text == "":
        return None
    if field_type in ("string", "any"):
        return text
    if field_type == "integer":
        if text.strip() != text or not text.lstrip("-").isdigit():
            raise CastError(f"{text!r} is not an integer")
        return int(text)
    if field_type == "number":
        try:
            return float(text)
        except ValueError:
            raise CastError(f"{text!r} is not a number") from None
    if field_type == "boolean":
        if text in ("true", "false"):
            return text == "true"
        raise CastError(f"{text!r} is not true or false")
    if field_type == "date":
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            raise CastError(f"{text!r} is not a date YYYY-MM-DD") from None
        if len(text) != 10:
            raise CastError(f"{text!r} is not a date YYYY-MM-DD")
        return text
    raise CastError(f"type {field_type!r} is not supported by this package")


def _as_int(text: str):
    if text == "":
        return None
    if not text.lstrip("-").isdigit() or text.strip() != text:
        raise CastError(f"{text!r} is not an integer")
    return int(text)


def converter(field_type: str):
    """A fast `cast` for one field type (the same results, without dispatching per cell)."""
    if field_type in ("string", "any"):
        return lambda text: text or None
    if field_type == "integer":
        return _as_int
    return lambda text: cast(field_type, text)
