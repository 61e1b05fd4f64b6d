"""Bytes: every text file is UTF-8 without BOM, LF only, NFC, no control characters, with a final
newline; CSV cells carry no surrounding spaces and cannot be read as spreadsheet formulas."""

from __future__ import annotations

import re
import unicodedata

from ..csv_format import render_csv
from . import problem, rule

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 (except tab and LF), DEL, C1
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_EDGE = frozenset("=+-@") | frozenset(
    " \t\r\n\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _text_files(ctx):
    """Paths of the package's own text files: descriptor, data and schema files (not the held sources)."""
    seen = {ctx.descriptor_rel}
    yield ctx.descriptor_rel
    for resource in ctx.resources:
        candidates = [resource.path if resource.safe else None]
        for key in ("schema", "jsonSchema"):
            value = resource.descriptor.get(key)
            candidates.append(value if resource.safe and isinstance(value, str) else None)
        for rel in candidates:
            if rel and rel not in seen:
                seen.add(rel)
                yield rel


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


@rule(
    {
        "bytes/not-utf8": "A file is not valid UTF-8.",
        "bytes/bom": "A file starts with a byte order mark.",
        "bytes/crlf": "A file has a carriage return (CR); lines must end with LF only.",
        "bytes/final-newline": "A file does not end with exactly one LF.",
        "bytes/not-nfc": "A line is not in Unicode Normalization Form C.",
        "bytes/control-char": "A line holds a control character (NUL, C0 other than tab and LF, DEL or C1).",
    }
)
def check_file_bytes(ctx):
    """Text files are UTF-8 without BOM, LF only, NFC, free of control characters, with a final newline."""
    for rel in _text_files(ctx):
        data = ctx.read_bytes(rel)
        if data is None:
            continue
        if data.startswith(b"\xef\xbb\xbf"):
            yield problem("bytes/bom", rel, "file starts with a UTF-8 byte order mark; save it without BOM", 1)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            yield problem(
                "bytes/not-utf8",
                rel,
                f"byte {error.start} (0x{data[error.start]:02x}) is not valid UTF-8",
                _line_at(data, error.start),
            )
            continue
        cr = data.find(b"\r")
        if cr >= 0:
            yield problem("bytes/crlf", rel, "carriage return found; line endings must be LF only", _line_at(data, cr))
        if not data.endswith(b"\n") or data.endswith(b"\n\n"):
            yield problem("bytes/final-newline", rel, "file must end with exactly one LF", data.count(b"\n") + 1)
        if not unicodedata.is_normalized("NFC", text):
            for number, line in enumerate(text.split("\n"), 1):
                if not unicodedata.is_normalized("NFC", line):
                    yield problem("bytes/not-nfc", rel, "line is not in Unicode NFC; normalise it", number)
                    break
        match = _CONTROL.search(text)
        if match:
            yield problem(
                "bytes/control-char",
                rel,
                f"control character U+{ord(match.group()):04X} found",
                text.count("\n", 0, match.start()) + 1,
            )


def _looks_numeric(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


@rule(
    {
        "csv/malformed": "A CSV file cannot be parsed (broken quoting, or a field over the parser's size limit).",
        "csv/ragged-row": "A CSV record has a different number of cells from the header.",
        "csv/not-canonical": "A CSV file is not in the canonical form (minimal RFC 4180 quoting, LF, header row).",
        "csv/cell-whitespace": "A CSV cell starts or ends with whitespace.",
        "csv/formula": "A string cell starts with =, +, -, @, tab or CR and is not a number (spreadsheet formula injection).",
        "csv/newline-in-cell": "A cell holds a line break (quoted LF or CR): every record of this package is one line, and many readers split it.",
    },
    per_table=True,
)
def check_csv_cells(ctx, resource, table):
    """CSV files parse, are canonical, and hold no padded cells and no formula-like strings."""
    data = ctx.read_bytes(resource.path)
    if data is None or ctx.read_text(resource.path) is None:
        return
    if table is None:
        yield problem(
            "csv/malformed", resource.path, "the file cannot be parsed as CSV (unbalanced quotes or an oversized field)"
        )
        return
    for line, count in table.ragged:
        yield problem(
            "csv/ragged-row", resource.path, f"record has {count} cells but the header has {len(table.header)}", line
        )
    if (
        not table.ragged
        and b"\r" not in data
        and not data.startswith(b"\xef\xbb\xbf")
        and render_csv(table.header, [cells for _, cells in table.rows]) != data
    ):
        yield problem(
            "csv/not-canonical",
            resource.path,
            "bytes differ from the canonical CSV form (UTF-8, LF, minimal RFC 4180 quoting); rewrite it with the project's CSV writer",
        )
    schema = ctx.table_schemas.get(resource.name, {})
    string_fields = {f.get("name") for f in schema.get("fields", []) if f.get("type", "any") in ("string", "any")}
    for line, cells in table.rows:
        for name, value in cells.items():
            if "\n" in value or "\r" in value:
                yield problem(
                    "csv/newline-in-cell",
                    resource.path,
                    f"cell {value[:40]!r} holds a line break; write it on one line",
                    line,
                    name,
                )
            # Only the first and last characters matter: look at them before anything slower.
            if value and (value[0] in _EDGE or value[-1] in _EDGE):
                if value != value.strip():
                    yield problem(
                        "csv/cell-whitespace",
                        resource.path,
                        f"cell {value[:40]!r} has leading or trailing whitespace",
                        line,
                        name,
                    )
                if name in string_fields and value.startswith(_FORMULA_START) and not _looks_numeric(value):
                    yield problem(
                        "csv/formula",
                        resource.path,
                        f"cell {value[:40]!r} starts with {value[0]!r} and would run as a spreadsheet formula",
                        line,
                        name,
                    )
