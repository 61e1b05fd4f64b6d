"""Bytes: every text file is UTF-8 without BOM, LF only, NFC, no control characters, with a final
newline; CSV cells carry no surrounding spaces and cannot be read as spreadsheet formulas."""

from __future__ import annotations

import re

from .. import codes
from ..byte_stream import ByteStream
from ..csv_format import project, render_csv, render_records, render_rows
from . import rule

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_EDGE = frozenset("=+-@") | frozenset(
    " \t\r\n\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _text_files(ctx):
    """Paths of the package's own text files: descriptor, data and schema files (not the held sources)."""
    rels = [ctx.descriptor_rel]
    for resource in ctx.resources:
        if resource.safe:
            rels += [resource.path, resource.descriptor.get("schema"), resource.descriptor.get("jsonSchema")]
    # Each file once, in the order first named; an inline schema (a dict) is no file.
    return list(dict.fromkeys(rel for rel in rels if isinstance(rel, str) and rel))


@rule(
    codes.BYTES_NOT_UTF8,
    codes.BYTES_BOM,
    codes.BYTES_CRLF,
    codes.BYTES_FINAL_NEWLINE,
    codes.BYTES_NOT_NFC,
    codes.BYTES_CONTROL_CHAR,
)
def check_file_bytes(ctx):
    """Text files are UTF-8 without BOM, LF only, NFC, free of control characters, with a final newline."""
    for rel in _text_files(ctx):
        facts = ctx.facts(rel)
        if facts is None:
            continue
        if facts.bom:
            yield codes.BYTES_BOM.at(rel, 1)
        if facts.not_utf8 is not None:
            offset, byte, line = facts.not_utf8
            yield codes.BYTES_NOT_UTF8.at(rel, line, offset=offset, byte=byte)
            continue
        if facts.cr_line is not None:
            yield codes.BYTES_CRLF.at(rel, facts.cr_line)
        if not facts.tail.endswith(b"\n") or facts.tail == b"\n\n":
            yield codes.BYTES_FINAL_NEWLINE.at(rel, facts.line_feeds + 1)
        if facts.not_nfc_line is not None:
            yield codes.BYTES_NOT_NFC.at(rel, facts.not_nfc_line)
        if facts.control is not None:
            char, line = facts.control
            yield codes.BYTES_CONTROL_CHAR.at(rel, line, codepoint=ord(char))


def _canonical(table, stream: ByteStream) -> bool:
    """True when the file is the canonical CSV of its parsed rows: rendered a batch of rows at a
    time and compared with the file as it is read, so neither is held whole."""
    if not stream.match(render_csv(table.header, [])):
        return False
    # With distinct field names and no short record, a record's cells are its row in header order.
    plain = len(set(table.header)) == len(table.header) and not table.ragged
    for start in range(0, len(table.records), 1000):
        if plain:
            batch = render_records([cells for _, cells in table.records[start : start + 1000]])
        else:
            batch = render_rows(
                table.header, [cells for _, cells in project(table.header, table.records[start : start + 1000])]
            )
        if not stream.match(batch):
            return False
    return stream.at_end()


def _looks_numeric(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


@rule(
    codes.CSV_MALFORMED,
    codes.CSV_RAGGED_ROW,
    codes.CSV_NOT_CANONICAL,
    codes.CSV_CELL_WHITESPACE,
    codes.CSV_FORMULA,
    codes.CSV_NEWLINE_IN_CELL,
    per_table=True,
)
def check_csv_cells(ctx, resource, table):
    """CSV files parse, are canonical, and hold no padded cells and no formula-like strings."""
    facts = ctx.facts(resource.path)
    if facts is None or facts.not_utf8 is not None:
        return
    if table is None:
        yield codes.CSV_MALFORMED.at(resource.path)
        return
    for line, count in table.ragged:
        yield codes.CSV_RAGGED_ROW.at(resource.path, line, count=count, n_header=len(table.header))
    if (
        not table.ragged
        and not facts.has_cr
        and not facts.bom
        and not _canonical(table, ByteStream(ctx.chunks(resource.path)))
    ):
        yield codes.CSV_NOT_CANONICAL.at(resource.path)
    schema = ctx.table_schemas.get(resource.name, {})
    string_fields = {f.get("name") for f in schema.get("fields", []) if f.get("type", "any") in ("string", "any")}
    found = []  # (row, column, problem): reported in row order, as a reader of the file meets them
    lines = [line for line, _ in table.records]
    for column, name in enumerate(dict.fromkeys(table.header)):  # each name once, as in a row's dict
        cells = table.column(name)
        for row in _suspect_cells(cells):
            for item in _cell_problems(resource.path, lines[row], name, cells[row], name in string_fields):
                found.append((row, column, item))
    found.sort(key=lambda entry: entry[:2])
    for _, _, item in found:
        yield item


# A cell's first or last character that calls for a closer look (no line feed: in a column
# joined with line feeds, those are the separators). Each pattern starts or ends with the line
# feed itself, which the regex engine finds fast.
_EDGE_CLASS = "[" + re.escape("".join(sorted(_EDGE - {"\n"}))) + "]"
_CELL_STARTS_WITH_EDGE = re.compile(rf"\n(?={_EDGE_CLASS})")
_CELL_ENDS_WITH_EDGE = re.compile(rf"(?<={_EDGE_CLASS})\n")


def _suspect_cells(cells: list[str]):
    """Indexes of the cells with a line break or an edge character, in order. The column is
    searched joined, by the regex engine, instead of cell by cell: a column whose cells hold
    line breaks is rare, and then every cell is looked at."""
    joined = "\n" + "\n".join(cells) + "\n"  # cell i lies between line feeds i and i + 1
    if "\r" in joined or joined.count("\n") != len(cells) + 1:
        yield from (
            i
            for i, value in enumerate(cells)
            if value and ("\n" in value or "\r" in value or value[0] in _EDGE or value[-1] in _EDGE)
        )
        return
    found = set()
    for pattern, after in ((_CELL_STARTS_WITH_EDGE, 0), (_CELL_ENDS_WITH_EDGE, -1)):
        feeds, counted = 0, 0
        for match in pattern.finditer(joined):
            feeds += joined.count("\n", counted, match.start())
            counted = match.start()
            found.add(feeds + after)
    yield from sorted(found)


def _cell_problems(path, line, name, value, is_string):
    if "\n" in value or "\r" in value:
        yield codes.CSV_NEWLINE_IN_CELL.at(path, line, name, value=value[:40])
    # Only the first and last characters matter: look at them before anything slower.
    if value and (value[0] in _EDGE or value[-1] in _EDGE):
        if value != value.strip():
            yield codes.CSV_CELL_WHITESPACE.at(path, line, name, value=value[:40])
        if is_string and value.startswith(_FORMULA_START) and not _looks_numeric(value):
            yield codes.CSV_FORMULA.at(path, line, name, value=value[:40], first=value[0])
