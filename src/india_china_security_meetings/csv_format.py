"""Reading and writing the canonical CSV form, and casting cells to typed values.

All CSV parsing of the project happens here, so the byte rules, the span checks and
the JSON generator see the same cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import operator
from dataclasses import dataclass, field

from .errors import PackageError

DIALECT = {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "header": True, "lineTerminator": "\n"}


@dataclass
class ParsedCSV:
    """A parsed CSV: its header and its records as (line number, cells as parsed); `rows` gives
    them as (line number, {field: text})."""

    header: list[str]
    records: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    ragged: list[tuple[int, int]] = field(default_factory=list)  # (line, number of cells)

    @property
    def rows(self):
        """(line number, {field: text}) of each record, each dict built as it is read: the records
        are kept as tuples of cells, a third of the memory of a dict per row."""
        return project(self.header, self.records)

    def column(self, name: str) -> list[str]:
        """The cells of one field, "" where a record has none (as `cells.get(name, "")`)."""
        index = {n: i for i, n in enumerate(self.header)}.get(name)
        if index is None or self.ragged:
            return [cells for _, (cells,) in self.cells_of([name])]
        return [cells[index] for _, cells in self.records]

    def cells_of(self, names, start: int = 0, stop: int | None = None):
        """(line, the cells of `names` in that order) of each record (from `start` to `stop`),
        "" for a cell the record lacks: what `cells.get(name, "")` gives on `rows`, without
        building a dict per row."""
        index = {name: i for i, name in enumerate(self.header)}  # the last of a repeated name, as in `rows`
        positions = [index.get(name) for name in names]
        if None not in positions and not self.ragged:
            pick = operator.itemgetter(*positions) if len(positions) > 1 else None
            for line, cells in self.records[start:stop]:
                yield line, pick(cells) if pick else (cells[positions[0]],)
            return
        # A short record or an absent name: as the dict has it.
        for line, cells in project(self.header, self.records[start:stop]):
            yield line, tuple(cells.get(name, "") for name in names)


def parse_csv(text: str) -> ParsedCSV:
    """Parse CSV text; lines are the physical line where each record starts (header = 1)."""
    return parse_csv_lines(io.StringIO(text, newline=""))


def parse_csv_lines(lines) -> ParsedCSV:
    """`parse_csv` over lines as a file opened with newline="" gives them (read one at a time)."""
    records = read_records(lines)
    table = ParsedCSV(header=next(records) or [])
    # One object per distinct value of a column: ids, kinds and codes repeat down a column, and
    # a large table then takes about half the memory (the cells are only ever read).
    seen: list[dict[str, str]] = [{} for _ in table.header]
    for line, cells in records:
        if len(cells) != len(table.header):
            table.ragged.append((line, len(cells)))
        # Cells beyond the header are dropped, as `dict(zip(header, cells))` drops them.
        table.records.append((line, tuple([known.setdefault(v, v) for known, v in zip(seen, cells)])))
    return table


def iter_csv_lines(lines, fields=None):
    """`project` over the records of lines as a file opened with newline="" gives them, read one
    at a time (ragged records included as parsed)."""
    records = read_records(lines)
    header = next(records)
    if header is not None:
        yield from project(header, records, fields)


def read_records(lines):
    """The header row (None when there is none), then (line, cells) of each record: the
    physical line where the record starts (the header's is 1)."""
    # A fixed, generous limit: frictionless raises the process-wide default on import, and the
    # result must not depend on which library was imported first.
    csv.field_size_limit(2**31 - 1)
    reader = csv.reader(lines, strict=True)
    yield next(reader, None)
    start = reader.line_num + 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1


def project(header: list[str], records, fields=None):
    """(line, {field: text}) of each (line, cells) record, as `dict(zip(header, cells))` has it:
    of the `fields` named only, when given. Those cells are picked by position, with no dict of
    the whole row (a rule that keeps rows then holds no texts or notes it never reads)."""
    if fields is None:
        for line, cells in records:
            yield line, dict(zip(header, cells))
        return
    index = {name: i for i, name in enumerate(header)}  # the last of a repeated name, as in the dict
    present = [name for name in fields if name in index]
    pick = operator.itemgetter(*[index[name] for name in present]) if len(present) > 1 else None
    for line, cells in records:
        if len(cells) < len(header):  # a short record: only the cells it has
            row = dict(zip(header, cells))
            yield line, {name: row[name] for name in present if name in row}
        elif pick:
            yield line, dict(zip(present, pick(cells)))
        else:
            yield line, {name: cells[index[name]] for name in present}


def render_csv(header: list[str], rows: list[dict[str, str]]) -> bytes:
    """The canonical bytes: UTF-8, header row, minimal RFC 4180 quoting, LF, final newline."""
    return _render([header], [[row.get(name, "") for name in header] for row in rows])


def render_rows(header: list[str], rows: list[dict[str, str]]) -> bytes:
    """The canonical bytes of `rows` alone, as they follow the header in `render_csv`."""
    return render_records([[row.get(name, "") for name in header] for row in rows])


def render_records(records) -> bytes:
    """The canonical bytes of records given as lists of cells in header order."""
    return _render([], records)


def _render(*groups) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    for group in groups:
        writer.writerows(group)
    return buffer.getvalue().encode("utf-8")


class CastError(PackageError, ValueError):
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
