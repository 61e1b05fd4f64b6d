"""The JSON twin of a CSV table: an array of typed objects, one per row, in field order."""

from __future__ import annotations

from ..csv_format import CastError, cast, parse_csv
from ..errors import PackageError
from ..fileio import dump_json


class BuildError(PackageError, ValueError):
    """Input the generators cannot turn into a derived file; the message names file, line and field."""


def records_from_csv(csv_text: str, table_schema: dict, where: str = "<csv>") -> list[dict]:
    types = {f["name"]: f.get("type", "string") for f in table_schema["fields"]}
    names = [f["name"] for f in table_schema["fields"]]
    records = []
    for line, cells in parse_csv(csv_text).rows:
        record = {}
        for name in names:
            try:
                record[name] = cast(types[name], cells.get(name, ""))
            except CastError as error:
                raise BuildError(f"{where}:{line}:{name}: {error}; fix the cell, then run `make build` again") from None
        records.append(record)
    return records


def json_twin_bytes(csv_text: str, table_schema: dict, where: str = "<csv>") -> bytes:
    return dump_json(records_from_csv(csv_text, table_schema, where))
