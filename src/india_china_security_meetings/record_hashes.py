"""A verifiable fingerprint of every record: SHA-256 over its canonical JSON (RFC 8785).

The record is the row as its JSON twin holds it (typed values, every field, `null` for empty
cells); RFC 8785's JSON Canonicalization Scheme fixes key order, number form and string escapes,
so the hash depends only on the record's content. A citation that carries the hash can be checked
against any release: the record is unchanged exactly when the hash is the same.
"""

from __future__ import annotations

import hashlib
import re

from .citing import recommended_citation, release_date
from .csv_format import cast, render_csv
from .reader import PackageReader, UnknownTable


def record(reader: PackageReader, table: str, cells: dict[str, str]) -> dict:
    """The typed record of one row, as in the JSON twin."""
    return {name: cast(field_type, cells.get(name, "")) for name, field_type in reader.fields(table)}


def record_hash(reader: PackageReader, table: str, cells: dict[str, str]) -> str:
    import rfc8785

    return hashlib.sha256(rfc8785.dumps(record(reader, table, cells))).hexdigest()


def record_id(reader: PackageReader, table: str, cells: dict[str, str]) -> str:
    """The primary key of a row ('/'-joined when it has several fields)."""
    return "/".join(cells.get(k, "") for k in reader.schema(table)["primaryKey"])


def find(reader: PackageReader, table: str, wanted: str) -> dict[str, str] | None:
    return next((cells for cells in reader.rows(table) if record_id(reader, table, cells) == wanted), None)


def hashes_csv(reader: PackageReader) -> bytes:
    """resource, record_id, sha256 for every record of every table, in package order."""
    rows = [
        {"resource": table, "record_id": record_id(reader, table, cells), "sha256": record_hash(reader, table, cells)}
        for table in reader.table_names()
        for cells in reader.rows(table)
    ]
    return render_csv(["resource", "record_id", "sha256"], rows)


def citation(reader: PackageReader, table: str, wanted: str) -> str:
    """How to cite one record: package, version, table, ID and the record's hash."""
    cells = find(reader, table, wanted)
    if cells is None:
        raise KeyError(f"{table[:60]} has no record {wanted[:60]!r}")
    dataset = recommended_citation(reader.descriptor, release_date(reader.root)).removesuffix(".")
    return f"{dataset}, table {table}, record {wanted} (sha256:{record_hash(reader, table, cells)})."


def is_sha256(value: str) -> bool:
    """A SHA-256 as a citation gives it: 64 hexadecimal digits, optionally after 'sha256:'."""
    return bool(re.fullmatch(r"[0-9a-fA-F]{64}", value.removeprefix("sha256:")))


def verify(reader: PackageReader, table: str, wanted: str, expected: str) -> tuple[bool, str]:
    """(unchanged?, what to tell the user) for a cited record in this package. Raises
    PackageError when the package cannot be read (the command line then exits 2)."""
    try:
        cells = find(reader, table, wanted)
    except UnknownTable:
        return False, f"version {reader.version} has no table {table[:60]!r}"
    if cells is None:
        return False, f"version {reader.version} has no record {wanted[:60]!r} in {table} (see withdrawn_ids)"
    if not is_sha256(expected):
        return False, f"{expected[:80]!r} is not a SHA-256 (64 hexadecimal digits, optionally after 'sha256:')"
    expected = expected.removeprefix("sha256:").lower()
    actual = record_hash(reader, table, cells)
    if actual == expected:
        return True, f"unchanged: {table} {wanted} in version {reader.version} has sha256 {actual}"
    return False, (
        f"changed: {table} {wanted} in version {reader.version} has sha256 {actual}, not {expected}; "
        "compare the versions with `india-china-security-meetings diff <cited version> <this version>`"
    )
