"""The one reader of a package, for every tool: the generators, the release artifacts, the diff,
the landing page, the loaders and the validator.

Every file goes through the file gate, every JSON file is parsed without duplicate keys, and the
descriptor's names are checked before they name anything, so a hostile package stops a tool
with a message instead of steering it. The validator's `context.PackageContext` is this reader,
extended to record what it refuses as problems instead of stopping, and to read large files in
pieces.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path

from . import buildable, contract, file_gate
from .changelog import SEMVER
from .csv_format import cast, parse_csv
from .file_gate import Refused
from .json_values import loads_strict
from .layout import DESCRIPTOR
from .value_safety import bidi_issue, control_issue, descriptor_issues, url_issue


class PackageError(Exception):
    """The package cannot be read as this tool needs it (refused file, bad JSON, unknown table)."""


class UnknownTable(PackageError, KeyError):
    """A table name the package does not have."""

    def __str__(self) -> str:
        return str(self.args[0])


def refuse_unsafe_values(value, rel: str):
    """`value` (a descriptor or Table Schema) unchanged; PackageError at its first string that is
    unsafe to print, render or follow as a link: what the validator reports, every tool refuses."""
    for pointer, _, message in descriptor_issues(value):
        raise PackageError(f"{rel}: {pointer[:80]}: {message}")
    return value


def refuse_unusable_descriptor(value: dict) -> dict:
    """The descriptor unchanged; PackageError at the first value no tool may carry (unsafe text or
    URL) or can use (a shape the citation files, the page and the release files cannot read)."""
    for pointer, message in buildable.descriptor_shape_issues(value):
        raise PackageError(f"{DESCRIPTOR}: {pointer} {message}")
    return refuse_unsafe_values(value, DESCRIPTOR)


def refuse_unbuildable(schema: dict, rel: str) -> dict:
    """`schema` unchanged; PackageError at its first field no release format can carry."""
    for field in schema["fields"]:
        name = field.get("name") if isinstance(field, dict) else None
        issue = buildable.field_name_issue(name) or buildable.field_type_issue(
            field.get("type", "string") if isinstance(field, dict) else None
        )
        if issue:
            raise PackageError(f"{rel}: field {str(name)[:60]!r}: {issue}")
    for issue in buildable.schema_issues(schema):
        raise PackageError(f"{rel}: {issue}")
    return schema


class PackageReader:
    """The package at `root`, read lazily and each file at most once."""

    def __init__(self, root):
        self.root = Path(root)
        self._texts: dict[str, str] = {}
        self._schemas: dict[str, dict] = {}
        self._rows: dict[str, list[dict]] = {}
        self._headers: dict[str, list[str]] = {}

    # -- files ---------------------------------------------------------------------------
    def bytes(self, rel: str) -> bytes:
        try:
            return file_gate.read_bytes(self.root, rel)
        except Refused as refused:
            raise PackageError(f"{rel}: {refused.message}") from None

    def text(self, rel: str) -> str:
        if rel not in self._texts:
            try:
                self._texts[rel] = self.bytes(rel).decode("utf-8")
            except UnicodeDecodeError as error:
                raise PackageError(f"{rel}: not UTF-8 at byte {error.start}") from None
        return self._texts[rel]

    def json(self, rel: str):
        try:
            return loads_strict(self.text(rel))
        except ValueError as error:
            raise PackageError(f"{rel}: {error}") from None

    # -- the descriptor ------------------------------------------------------------------
    @cached_property
    def descriptor(self) -> dict:
        value = self.json(DESCRIPTOR)
        if not isinstance(value, dict) or not isinstance(value.get("resources"), list):
            raise PackageError(f"{DESCRIPTOR}: must be an object with a list of resources")
        return refuse_unusable_descriptor(value)

    @property
    def name(self) -> str:
        return self._checked_name(self.descriptor.get("name"), "package name")

    @property
    def version(self) -> str:
        version = self.descriptor.get("version")
        if not (isinstance(version, str) and SEMVER.fullmatch(version)):
            raise PackageError(f"{DESCRIPTOR}: version {str(version)[:40]!r} is not MAJOR.MINOR.PATCH")
        return version

    @staticmethod
    def _checked_name(value, what: str) -> str:
        try:
            return file_gate.require_safe_name(value, what)
        except Refused as refused:
            raise PackageError(f"{DESCRIPTOR}: {refused.message}") from None

    def resource_entries(self) -> list[dict]:
        out = []
        for entry in self.descriptor["resources"]:
            if not isinstance(entry, dict):
                raise PackageError(f"{DESCRIPTOR}: every resource must be an object")
            self._checked_name(entry.get("name"), "resource name")
            out.append(entry)
        return out

    def table_entries(self) -> list[dict]:
        tables = [entry for entry in self.resource_entries() if entry.get("type") == "table"]
        for entry in tables:
            issue = buildable.table_name_issue(entry["name"])
            if issue:
                raise PackageError(f"{DESCRIPTOR}: table {issue}")
        return tables

    def table_names(self) -> list[str]:
        return [entry["name"] for entry in self.table_entries()]

    def entry(self, name: str) -> dict:
        for entry in self.table_entries():
            if entry["name"] == name:
                return entry
        raise UnknownTable(f"no table {name[:60]!r}; the tables are: {', '.join(self.table_names())}")

    # -- tables --------------------------------------------------------------------------
    def schema(self, name: str) -> dict:
        if name not in self._schemas:
            value = self.entry(name).get("schema")
            schema = value if isinstance(value, dict) else self.json(str(value))
            if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
                raise PackageError(f"the Table Schema of {name!r} has no list of fields")
            self._schemas[name] = refuse_unbuildable(refuse_unsafe_values(schema, str(value)), str(value))
        return self._schemas[name]

    def fields(self, name: str) -> list[tuple[str, str]]:
        """(name, type) of each field of a table."""
        return [(f["name"], f.get("type", "string")) for f in self.schema(name)["fields"]]

    def rows(self, name: str) -> list[dict[str, str]]:
        """The cells of each row as text, exactly as in the CSV."""
        if name not in self._rows:
            try:
                parsed = parse_csv(self.text(str(self.entry(name).get("path"))).removeprefix("\ufeff"))
            except Exception as error:  # csv.Error: broken quoting
                if isinstance(error, PackageError):
                    raise
                raise PackageError(f"{name}: cannot be parsed as CSV ({error})") from None
            self._refuse_unsafe_cells(name, parsed)
            self._rows[name] = [cells for _, cells in parsed.rows]
            self._headers[name] = parsed.header
        return self._rows[name]

    def _refuse_unsafe_cells(self, name: str, parsed) -> None:
        """What the validator's values rules report stops every tool that reads the table."""
        verbatim = set(contract.VERBATIM.get(name, {}))
        fields = self.schema(name)["fields"]
        urls = set(contract.URL_FIELDS.get(name, ())) | {f.get("name") for f in fields if f.get("format") == "uri"}
        types = {f.get("name"): f.get("type", "string") for f in fields}
        for field in parsed.header:
            for line, (value,) in parsed.cells_of([field]):
                issue = control_issue(value) or (
                    None
                    if field in verbatim  # the source's words: only the source may hold them as they are
                    else bidi_issue(value)
                    or (url_issue(value) if field in urls and value else None)
                    or (buildable.cell_issue(types.get(field), value) if value else None)
                )
                if issue:
                    raise PackageError(f"{self.entry(name).get('path')}:{line}:{field}: {value[:60]!r} {issue}")

    def header(self, name: str) -> list[str]:
        """The header row of a table's CSV, as written."""
        self.rows(name)
        return self._headers[name]

    def records(self, name: str) -> list[dict]:
        """The rows as dicts of typed values: int, float, bool, datetime.date, str; None when empty."""
        fields = self.fields(name)
        out = []
        for cells in self.rows(name):
            row = {}
            for field, field_type in fields:
                value = cast(field_type, cells.get(field, ""))
                row[field] = dt.date.fromisoformat(value) if field_type == "date" and value is not None else value
            out.append(row)
        return out

    def held_text(self, source_id: str) -> str:
        """The verbatim text of a held source, through the same gate as every other file."""
        for row in self.rows("sources"):
            if row.get("source_id") == source_id:
                if not row.get("path"):
                    raise KeyError(f"source {source_id!r} is listed but its text is not held")
                return self.text(row["path"])
        raise KeyError(f"no source {source_id!r}")
