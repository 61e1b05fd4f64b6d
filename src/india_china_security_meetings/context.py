"""The package under validation, read once: descriptor, file bytes, schemas and parsed tables."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .jsonlines import Located
from .tables import Table, parse_csv


class CannotRun(Exception):
    """The package cannot be validated at all (no readable descriptor)."""


@dataclass
class Resource:
    """One entry of `resources`, with what the rules need to know about it."""

    index: int
    name: str
    descriptor: dict
    path: str | None  # relative POSIX path when it is a plain string
    safe: bool = True  # path rules passed: safe to open and to hand to frictionless

    @property
    def is_table(self) -> bool:
        return self.descriptor.get("type") == "table"

    @property
    def format(self) -> str:
        return str(self.descriptor.get("format", "")).lower()


@dataclass
class PackageContext:
    root: Path
    descriptor_rel: str
    descriptor: dict
    located: Located
    resources: list[Resource] = field(default_factory=list)
    _bytes: dict = field(default_factory=dict)
    _texts: dict = field(default_factory=dict)
    _tables: dict = field(default_factory=dict)
    _json: dict = field(default_factory=dict)
    table_schemas: dict = field(default_factory=dict)  # resource name -> Table Schema dict (when loadable)
    json_schemas: dict = field(default_factory=dict)  # resource name -> JSON Schema dict (when loadable)

    @classmethod
    def load(cls, target: Path) -> "PackageContext":
        target = Path(target)
        descriptor_path = target / "datapackage.json" if target.is_dir() else target
        if not descriptor_path.exists():
            raise CannotRun(f"{descriptor_path}: no such file")
        if descriptor_path.is_dir():
            raise CannotRun(f"{descriptor_path}: is a folder, not a descriptor")
        try:
            raw = descriptor_path.read_bytes()
        except OSError as error:
            raise CannotRun(f"{descriptor_path}: cannot be read ({error.strerror})") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CannotRun(f"{descriptor_path}: is not UTF-8 (byte {error.start})") from None
        try:
            located = Located(text.removeprefix("\ufeff"))
        except (json.JSONDecodeError, RecursionError) as error:
            where = f" at line {error.lineno}, column {error.colno}" if isinstance(error, json.JSONDecodeError) else ""
            raise CannotRun(f"{descriptor_path}: is not valid JSON{where}") from None
        if not isinstance(located.value, dict):
            raise CannotRun(f"{descriptor_path}: must hold a JSON object, not {type(located.value).__name__}")
        ctx = cls(
            root=descriptor_path.parent,
            descriptor_rel=descriptor_path.name,
            descriptor=located.value,
            located=located,
        )
        resources = located.value.get("resources")
        if isinstance(resources, list):
            for index, entry in enumerate(resources):
                if isinstance(entry, dict):
                    name = entry.get("name") if isinstance(entry.get("name"), str) else f"#{index}"
                    path = entry.get("path") if isinstance(entry.get("path"), str) else None
                    ctx.resources.append(Resource(index, name, entry, path))
        return ctx

    # -- reading, each file once -------------------------------------------------------
    def read_bytes(self, rel: str) -> bytes | None:
        if rel not in self._bytes:
            try:
                self._bytes[rel] = (self.root / rel).read_bytes()
            except (OSError, ValueError):
                self._bytes[rel] = None
        return self._bytes[rel]

    def read_text(self, rel: str) -> str | None:
        """The file decoded as UTF-8 (None when missing or not UTF-8)."""
        if rel not in self._texts:
            data = self.read_bytes(rel)
            try:
                self._texts[rel] = None if data is None else data.decode("utf-8")
            except UnicodeDecodeError:
                self._texts[rel] = None
        return self._texts[rel]

    def table(self, resource: Resource) -> Table | None:
        """The parsed CSV of a table resource (None when it cannot be read or parsed)."""
        if resource.name not in self._tables:
            text = self.read_text(resource.path) if resource.safe and resource.path else None
            parsed = None
            if text is not None:
                try:
                    parsed = parse_csv(text.removeprefix("\ufeff"))
                except Exception:  # csv.Error on malformed quoting, or a field over the size limit
                    parsed = None
            self._tables[resource.name] = parsed
        return self._tables[resource.name]

    def json_value(self, rel: str):
        """(value, error) of a JSON file."""
        if rel not in self._json:
            text = self.read_text(rel)
            if text is None:
                self._json[rel] = (None, "missing or not UTF-8")
            else:
                try:
                    self._json[rel] = (json.loads(text), None)
                except (json.JSONDecodeError, RecursionError) as error:
                    self._json[rel] = (None, str(error))
        return self._json[rel]

    def line_of(self, path) -> int | None:
        return self.located.line_of(path)

    def table_resources(self) -> list[Resource]:
        return [r for r in self.resources if r.is_table and r.safe and r.path]

    def resource_named(self, name: str) -> Resource | None:
        for resource in self.resources:
            if resource.name == name:
                return resource
        return None

    def rows(self, name: str) -> list[tuple[int, dict[str, str]]]:
        """Rows of a table resource by name, empty when it is absent or unreadable."""
        resource = self.resource_named(name)
        table = self.table(resource) if resource is not None and resource.is_table else None
        return table.rows if table else []
