"""The one reader of a package, for every tool: the validator, the generators, the release
artifacts, the diff, the landing page and the loaders.

Every file goes through the file gate, every JSON file is parsed without duplicate keys, and the
descriptor's names are checked before they name anything. Each check of what is read is written
once, here, and applied under one of two policies: RAISE (a generator or loader stops at the
first fault with a `PackageError`) or COLLECT (the validator keeps the fault as a problem, marks
what cannot be read and goes on). `check()` reads the whole package once under the policy and
leaves a finished view that the rules only read: which resources are safe to open, the Table
Schemas that can be used and the held texts that are intact.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import itertools
import json
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from . import buildable, codes, file_gate, profiles
from .cells import cell_issues
from .changelog import SEMVER
from .csv_format import ParsedCSV, cast, iter_csv_lines, parse_csv_lines, project
from .errors import PackageError
from .file_facts import FileFacts, measure
from .file_gate import Refused, path_issue, safe_name
from .json_values import MAX_DEPTH, depth, loads_strict
from .layout import DESCRIPTOR
from .located_json import Located
from .problems import Problem, problem
from .value_safety import descriptor_issues

RAISE, COLLECT = "raise", "collect"
# Files up to this size stay in memory once read; larger ones are read (and parsed) again by
# each rule that needs them, so memory holds one large table at a time, not all of them.
CACHE_LIMIT = 1_000_000
# Compressed files are decompressed by frictionless without bound (a small archive can expand to
# gigabytes); this package uses none, so a resource that is or declares one is refused unread.
COMPRESSED = (".zip", ".gz", ".bz2", ".xz", ".lzma", ".zst", ".tgz", ".7z")
# What a resource's data may be: the readers (frictionless's and ours) are asked for these only.
FORMATS = {"table": {"csv"}, None: {"json"}}


class UnknownTable(PackageError, KeyError):
    """A table name the package does not have."""

    def __str__(self) -> str:
        return str(self.args[0])


class Fault(PackageError):
    """A check of the reader failed under the RAISE policy: the problem the validator would list."""

    def __init__(self, found: Problem):
        where = found.path + (f":{found.line}" if found.line else "")
        super().__init__(f"{where}: {found.message}", found.code)
        self.problem = found


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


@dataclass(frozen=True)
class Resource:
    """One entry of `resources`, with what the rules need to know about it."""

    index: int
    name: str
    descriptor: dict
    path: str | None  # relative POSIX path when it is a plain string
    safe: bool = True  # the reader's checks passed: safe to open and to hand to frictionless

    @property
    def is_table(self) -> bool:
        return self.descriptor.get("type") == "table"

    @property
    def format(self) -> str:
        return str(self.descriptor.get("format", "")).lower()


@functools.lru_cache(maxsize=256)
def _profile_errors(schema_json: str) -> tuple[tuple[str, str], ...]:
    """(location, message) of each error of a Table Schema under the official profile.

    A pure function of the schema's content, remembered: checking the profile is the costliest
    step of reading a package, and a process that reads many copies of one package (the test
    suite, an editor integration) meets the same schemas again and again."""
    return tuple(
        ("/".join(map(str, error.absolute_path)) or "(root)", error.message[:300])
        for error in profiles.table_schema_validator().iter_errors(json.loads(schema_json))
    )


class PackageReader:
    """The package at `target` (its folder or its descriptor), read lazily and each file at most
    once, under the RAISE or the COLLECT policy. `files` stand in for the disk's (a build reads
    the package as it is about to write it)."""

    def __init__(self, target, policy: str = RAISE, files: dict[str, bytes] | None = None):
        target = Path(target)
        descriptor = target / DESCRIPTOR if target.is_dir() else target
        self.target, self.root, self.descriptor_rel = target, descriptor.parent, descriptor.name
        self.policy = policy
        self.problems: list[Problem] = []  # what the checks found, under COLLECT
        self.refusals: dict[str, Refused] = {}  # relative path -> why the gate would not open it
        self.table_schemas: dict[str, dict] = {}  # table name -> usable Table Schema
        self.held_texts: dict[str, str] = {}  # source_id -> held text (safe, present, intact)
        self._bytes: dict = dict(files or {})
        self._decoded: dict = {}
        self._json: dict = {}
        self._facts: dict = {}
        self._tables: dict = {}
        self._rows: dict[str, list[dict]] = {}
        self._unsafe: set[int] = set()  # indexes of resources a check refused
        self._schema_of: dict[int, dict | None] = {}  # resource index -> its usable Table Schema

    def _fail(self, found: Problem):
        """One fault found by a check: raised under RAISE, kept under COLLECT (then None)."""
        if self.policy == RAISE:
            raise Fault(found)
        self.problems.append(found)
        return None

    # -- the descriptor --------------------------------------------------------------------
    @functools.cached_property
    def located(self) -> Located:
        """The descriptor parsed with the line of every value; a fault here stops every tool."""
        path = self.root / self.descriptor_rel
        where = str(self.target)

        def unreadable(message: str) -> Fault:  # nothing else can be checked
            return Fault(codes.DESCRIPTOR_UNREADABLE.at(where, fatal=True, message=f"{path}: {message}"))

        if not path.exists():
            raise unreadable("no such file")
        if path.is_dir():
            raise unreadable("is a folder, not a descriptor")
        data = self.read_bytes(self.descriptor_rel)
        if data is None:
            raise unreadable(self.refusals[self.descriptor_rel].message)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise unreadable(f"is not UTF-8 (byte {error.start})") from None
        too_deep = Fault(codes.DESCRIPTOR_TOO_DEEP.at(str(path), depth=MAX_DEPTH))
        try:
            located = Located(text.removeprefix("\ufeff"))
        except json.JSONDecodeError as error:
            raise unreadable(f"is not valid JSON at line {error.lineno}, column {error.colno}") from None
        except RecursionError:
            raise too_deep from None
        except ValueError as error:  # a number beyond what Python converts, …
            raise unreadable(f"is not acceptable JSON ({str(error)[:100]})") from None
        if depth(located.value) > MAX_DEPTH:
            raise too_deep
        if not isinstance(located.value, dict):
            raise unreadable(f"must hold a JSON object, not {type(located.value).__name__}")
        if self.policy == RAISE:
            for _, key in located.duplicates:
                self._fail(codes.DESCRIPTOR_DUPLICATE_KEY.at(DESCRIPTOR, where="(root)", key=key[:60]))
            if not isinstance(located.value.get("resources"), list):
                self._fail(codes.DESCRIPTOR_PROFILE.at(DESCRIPTOR, variant="resources"))
            refuse_unusable_descriptor(located.value)
        return located

    @property
    def descriptor(self) -> dict:
        return self.located.value

    def line_of(self, path) -> int | None:
        return self.located.line_of(path)

    @functools.cached_property
    def name(self) -> str | None:
        value = self.descriptor.get("name")
        if safe_name(value):
            return value
        line = self.line_of(("name",))
        return self._fail(
            codes.DESCRIPTOR_UNSAFE_NAME.at(self.descriptor_rel, line, "name", variant="package", name=str(value)[:60])
        )

    @functools.cached_property
    def version(self) -> str | None:
        version = self.descriptor.get("version")
        if isinstance(version, str) and SEMVER.fullmatch(version):
            return version
        line = self.line_of(("version",))
        return self._fail(codes.DESCRIPTOR_VERSION.at(self.descriptor_rel, line, "version", version=version))

    @functools.cached_property
    def resources(self) -> list[Resource]:
        """Every resource entry that is an object, its name checked (a fault marks it unsafe)."""
        entries = self.descriptor.get("resources")
        out = []
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, dict):
                if self.policy == RAISE:  # else the profile rule reports it
                    self._fail(codes.DESCRIPTOR_PROFILE.at(self.descriptor_rel, variant="entry", index=index))
                continue
            name = entry.get("name")
            if not safe_name(name):
                self._unsafe.add(index)
                line, field = self.line_of(("resources", index, "name")), f"resources/{index}/name"
                name_ = str(name)[:60]
                self._fail(
                    codes.DESCRIPTOR_UNSAFE_NAME.at(self.descriptor_rel, line, field, variant="resource", name=name_)
                )
            path = entry.get("path") if isinstance(entry.get("path"), str) else None
            out.append(Resource(index, name if isinstance(name, str) else f"#{index}", entry, path))
        return out

    def resource_named(self, name: str) -> Resource | None:
        for resource in self.resources:
            if resource.name == name:
                return resource
        return None

    def path_of(self, name: str) -> str:
        """The file of a resource by name, for problem locations (the descriptor when unknown)."""
        resource = self.resource_named(name)
        return resource.path if resource is not None and resource.path else self.descriptor_rel

    def table_resources(self) -> list[Resource]:
        return [r for r in self.resources if r.is_table and r.safe and r.path]

    def table_names(self) -> list[str]:
        tables = [r for r in self.resources if r.is_table]
        for resource in tables:
            issue = buildable.table_name_issue(resource.name)
            if issue and self.policy == RAISE:  # else the buildable rules report it
                self._fail(codes.BUILD_RESERVED_NAME.at(self.descriptor_rel, message=f"table {issue}"))
        return [r.name for r in tables]

    def _table(self, name: str) -> Resource:
        names = self.table_names()  # under RAISE, a reserved table name stops here first
        resource = next((r for r in self.resources if r.name == name and r.is_table), None)
        if resource is None:
            raise UnknownTable(f"no table {name[:60]!r}; the tables are: {', '.join(names)}")
        return resource

    def entry(self, name: str) -> dict:
        return self._table(name).descriptor

    def table_entries(self) -> list[dict]:
        self.table_names()
        return [r.descriptor for r in self.resources if r.is_table]

    def evidence_tables(self) -> list[str]:
        """Tables whose rows point to a statement or Q&A paragraph as their evidence."""
        return [
            name
            for name, schema in self.table_schemas.items()
            if {"statement_id", "qa_id"} <= {f.get("name") for f in schema.get("fields", [])}
        ]

    # -- files, each read once -------------------------------------------------------------
    def read_bytes(self, rel: str) -> bytes | None:
        """The file's bytes, or None when the gate refuses it (`refusals` says why)."""
        if rel in self._bytes:
            return self._bytes[rel]
        try:
            data = file_gate.read_bytes(self.root, rel)
        except Refused as refused:
            data = None
            self.refusals[rel] = refused
        if data is None or len(data) <= CACHE_LIMIT:
            self._bytes[rel] = data
        return data

    def bytes(self, rel: str) -> bytes:
        data = self.read_bytes(rel)
        if data is None:
            refused = self.refusals.get(rel)
            raise PackageError(f"{rel}: {refused.message if refused else 'cannot be read'}", refused and refused.code)
        return data

    def read_text(self, rel: str) -> str | None:
        """The file decoded as UTF-8 (None when missing or not UTF-8)."""
        try:
            return self.text(rel)
        except PackageError:
            return None

    def text(self, rel: str) -> str:
        if rel not in self._decoded:
            data = self.bytes(rel)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as error:
                raise PackageError(f"{rel}: not UTF-8 at byte {error.start}") from None
            if len(data) > CACHE_LIMIT:
                return text
            self._decoded[rel] = text
        return self._decoded[rel]

    def json_value(self, rel: str):
        """(value, error) of a JSON file; the error is a message or the ValueError that refused it."""
        if rel not in self._json:
            data = self.read_bytes(rel)
            if data is None:
                self._json[rel] = (None, "missing or unreadable")
            else:
                try:
                    self._json[rel] = (loads_strict(data.decode("utf-8")), None)
                except UnicodeDecodeError as error:
                    self._json[rel] = (None, f"not UTF-8 at byte {error.start}")
                except ValueError as error:  # bad JSON, a duplicate key, too deep
                    self._json[rel] = (None, error)
        return self._json[rel]

    def json(self, rel: str):
        value, error = self.json_value(rel)
        if error is not None:
            self.bytes(rel)  # a refusal says why in its own words
            raise PackageError(f"{rel}: {error}")
        return value

    def forget(self, rel: str) -> None:
        """Drop a file's cached bytes, text and parsed JSON once no later rule needs them."""
        for cache in (self._bytes, self._decoded, self._json):
            cache.pop(rel, None)

    def chunks(self, rel: str):
        """The file's bytes in pieces that end after a line feed: one piece when it is small
        (and kept), else read piece by piece, so no reader holds a large file whole."""
        if rel in self._bytes:
            if self._bytes[rel] is not None:
                yield self._bytes[rel]
            return
        kept, size = [], 0
        try:
            for piece in file_gate.read_chunks(self.root, rel):
                size += len(piece)
                if size <= CACHE_LIMIT:
                    kept.append(piece)
                yield piece
        except Refused as refused:
            self.refusals[rel] = refused
            self._bytes[rel] = None
            return
        if size <= CACHE_LIMIT:
            self._bytes[rel] = b"".join(kept)

    def facts(self, rel: str) -> FileFacts | None:
        """What the byte rules ask of a file, found in one pass over its pieces (a piece ends at
        a line feed, so no line is cut); None when the gate refuses it (`refusals` says why)."""
        if rel not in self._facts:
            facts = measure(self.chunks(rel))
            self._facts[rel] = None if self._bytes.get(rel, b"") is None else facts
        return self._facts[rel]

    def text_lines(self, rel: str):
        """The lines of a UTF-8 file as `open(newline="")` gives them, decoded piece by piece, a
        leading byte order mark dropped; nothing when the file is refused or not UTF-8."""
        facts = self.facts(rel)
        if facts is None or facts.not_utf8 is not None:
            return iter(())
        texts = (piece.decode("utf-8") for piece in self.chunks(rel))
        first = io.StringIO(next(texts, "").removeprefix("\ufeff"), newline="")
        return itertools.chain(first, itertools.chain.from_iterable(io.StringIO(t, newline="") for t in texts))

    # -- the whole package, checked once ---------------------------------------------------
    def check(self) -> PackageReader:
        """Read the package once under the policy: names, resource kinds, paths and caps, Table
        Schemas, held texts. Afterwards the resources say which are safe, and nothing changes."""
        try:
            self.name, self.version  # noqa: B018 (each property checks its value)
            self._resource_kinds()
            self._paths()
            self._caps()
            self._load_table_schemas()
        finally:  # a check that broke leaves unread what the checks before it refused
            self.resources = tuple(replace(r, safe=r.index not in self._unsafe) for r in self.resources)
        self.held_texts = self._held_texts()
        # What the rules read is finished now: a rule that tried to change it would fail loudly.
        self.table_schemas, self.held_texts = MappingProxyType(self.table_schemas), MappingProxyType(self.held_texts)
        return self

    def _refuse(
        self, resource: Resource | None, code: codes.Code, json_path: tuple, field: str, message=None, **values
    ):
        """A fault of the descriptor at `json_path` that keeps `resource` unread."""
        if resource is not None:
            self._unsafe.add(resource.index)
        line = self.line_of(json_path)
        found = code.at(self.descriptor_rel, line, field, **values) if message is None else None
        self._fail(found or problem(code, self.descriptor_rel, message, line, field))

    def _resource_kinds(self) -> None:
        """Resources are plain CSV or JSON files, never compressed."""
        for resource in self.resources:
            base = ("resources", resource.index)
            compression = resource.descriptor.get("compression")
            if compression is not None or (resource.path or "").lower().endswith(COMPRESSED):
                where = base + (("compression",) if compression is not None else ("path",))
                field, compression = f"resources/{resource.index}", compression or resource.path
                self._refuse(
                    resource, codes.RESOURCE_COMPRESSED, where, field, name=resource.name, compression=compression
                )
                continue
            allowed = FORMATS["table" if resource.is_table else None]
            declared = resource.descriptor.get("format")
            suffix = (resource.path or "").rsplit(".", 1)[-1].lower()
            unknown = declared is not None and (not isinstance(declared, str) or declared not in allowed)
            if unknown or (resource.path and suffix not in allowed):
                kind, allowed = "table" if resource.is_table else "JSON", "/".join(sorted(allowed))
                values = dict(name=resource.name, declared=declared, path=resource.path, kind=kind, allowed=allowed)
                self._refuse(resource, codes.RESOURCE_FORMAT, base, f"resources/{resource.index}/format", **values)

    def _descriptor_paths(self):
        """(resource or None, JSON path, value) of every path-like property of the descriptor."""
        for resource in self.resources:
            base = ("resources", resource.index)
            if resource.descriptor.get("path") is not None:
                yield resource, base + ("path",), resource.descriptor["path"]
            for key in ("schema", "dialect", "jsonSchema", "profile"):
                if isinstance(resource.descriptor.get(key), str):
                    yield resource, base + (key,), resource.descriptor[key]
        if isinstance(self.descriptor.get("profile"), str):
            yield None, ("profile",), self.descriptor["profile"]

    def _paths(self) -> None:
        """Every resource, schema and dialect path is relative, inside the package, not hidden,
        not a URL, and exists."""
        for resource, json_path, value in self._descriptor_paths():
            where = "/".join(map(str, json_path))
            if isinstance(value, list):
                self._refuse(resource, codes.PATH_MULTIPLE, json_path, where)
            elif isinstance(value, str):  # another type: the profile says so
                issue = path_issue(self.root, value)
                if issue:
                    self._refuse(resource, issue[0], json_path, where, issue[1])
        for resource in self.resources:
            if resource.path is None and "data" not in resource.descriptor:
                self._unsafe.add(resource.index)

    def _caps(self) -> None:
        """Files of safe resources, read once here, within the caps of a file and of the package."""
        total = table_lines = 0
        for resource in self.resources:
            if resource.index in self._unsafe or not resource.path:
                continue
            base = ("resources", resource.index)
            keys = ("schema", "dialect", "jsonSchema")
            linked = (resource.descriptor.get(k) for k in keys if isinstance(resource.descriptor.get(k), str))
            for rel in sorted({resource.path, *linked}):
                facts = self.facts(rel)  # read once here, piece by piece; small files are kept
                if facts is None:
                    self._unsafe.add(resource.index)
                    refused = self.refusals.get(rel)
                    if refused is not None:
                        self._refuse(resource, refused.code, base, f"resources/{resource.index}", refused.message)
                    break
                total += facts.size
                if rel == resource.path and resource.is_table:
                    table_lines += facts.line_feeds
                    if facts.line_feeds > file_gate.MAX_TABLE_LINES:
                        values = dict(name=resource.name, lines=facts.line_feeds, limit=file_gate.MAX_TABLE_LINES)
                        field = f"resources/{resource.index}/path"
                        self._refuse(resource, codes.PATH_TOO_LARGE, base, field, variant="table-lines", **values)
                        break
            over = total > file_gate.MAX_PACKAGE_BYTES or table_lines > file_gate.MAX_PACKAGE_TABLE_LINES
            if resource.index not in self._unsafe and over:
                limits = dict(max_bytes=file_gate.MAX_PACKAGE_BYTES, max_lines=file_gate.MAX_PACKAGE_TABLE_LINES)
                values = dict(name=resource.name, total=total, table_lines=table_lines, **limits)
                field = f"resources/{resource.index}/path"
                self._refuse(resource, codes.PATH_TOO_LARGE, base, field, variant="package", **values)

    def _load_table_schemas(self) -> None:
        for resource in self.resources:
            if resource.is_table:
                self._table_schema(resource)

    def _table_schema(self, resource: Resource) -> dict | None:
        """The Table Schema of a table resource when it can be read and is valid under the
        official profile (each fault is the reader's: raised, or kept once and the table not read)."""
        if resource.index not in self._schema_of:
            schema = self._read_table_schema(resource)
            self._schema_of[resource.index] = schema
            if schema is not None:  # of two resources of one name, the last one's
                self.table_schemas[resource.name] = schema
        return self._schema_of[resource.index]

    def _read_table_schema(self, resource: Resource) -> dict | None:
        value = resource.descriptor.get("schema")
        if isinstance(value, dict):
            schema, where, message = value, self.descriptor_rel, None
        elif not isinstance(value, str):
            schema, where, message = None, self.descriptor_rel, f"resource {resource.name!r} has no Table Schema"
        elif resource.index in self._unsafe:
            return None  # the path checks already said why
        else:
            schema, where, message = None, value, None
            text = self.read_text(value)
            refused = self.refusals.get(value)
            try:
                schema = loads_strict(text) if text is not None else None
                message = (refused.message if refused else "cannot be read as UTF-8") if text is None else None
            except json.JSONDecodeError as error:
                message = f"is not valid JSON: {error.msg} at line {error.lineno}"
            except ValueError as error:  # a key twice, or nested too deep
                message = f"is not acceptable JSON: {error}"
            if message is None and not isinstance(schema, dict):
                message = "must hold a JSON object"
        if message:
            self._unsafe.add(resource.index)
            return self._fail(codes.SCHEMA_UNREADABLE.at(where, None, "schema", message=message))
        errors = _profile_errors(json.dumps(schema, sort_keys=True))
        for loc, message in errors:
            self._fail(codes.SCHEMA_PROFILE.at(where, None, loc, loc=loc, message=message))
        if errors:
            return None
        if self.policy == RAISE:
            refuse_unbuildable(refuse_unsafe_values(schema, where), where)
        return schema

    def _held_texts(self) -> dict[str, str]:
        """source_id -> decoded held text, for sources rows whose file passes the gate and is
        intact (the rule on held sources says what is wrong with the others)."""
        texts = {}
        for _, cells in self.table_rows("sources"):
            data = self.read_bytes(cells["path"]) if cells.get("path") else None
            if data is not None and hashlib.sha256(data).hexdigest() == cells.get("sha256"):
                try:
                    texts[cells.get("source_id", "")] = data.decode("utf-8")
                except UnicodeDecodeError:
                    pass
        return texts

    # -- tables ----------------------------------------------------------------------------
    def schema(self, name: str) -> dict:
        schema = self._table_schema(self._table(name))
        if schema is None:
            raise PackageError(f"the Table Schema of {name!r} cannot be used")
        return schema

    def fields(self, name: str) -> list[tuple[str, str]]:
        """(name, type) of each field of a table."""
        return [(f["name"], f.get("type", "string")) for f in self.schema(name)["fields"]]

    def _parse(self, resource: Resource) -> tuple[ParsedCSV | None, str | None]:
        """(parsed table, None) or (None, why it cannot be parsed)."""
        if not (resource.safe and resource.path):
            return None, "cannot be read"
        facts = self.facts(resource.path)
        if facts is None:
            return None, self.refusals[resource.path].message if resource.path in self.refusals else "cannot be read"
        if facts.not_utf8 is not None:
            return None, f"not UTF-8 at byte {facts.not_utf8[0]}"
        try:
            return parse_csv_lines(self.text_lines(resource.path)), None
        except Exception as error:  # csv.Error on malformed quoting, or a field over the size limit
            return None, f"cannot be parsed as CSV ({error})"

    def table(self, resource: Resource) -> ParsedCSV | None:
        """The parsed CSV of a table resource (None when it cannot be read or parsed: the CSV
        rules say why)."""
        if resource.name not in self._tables:
            parsed, _ = self._parse(resource)
            facts = self._facts.get(resource.path)
            if facts is None or facts.size > CACHE_LIMIT:
                return parsed
            self._tables[resource.name] = parsed
        return self._tables[resource.name]

    def table_rows(self, name: str, fields: tuple[str, ...] | None = None):
        """(line, cells) of a table resource by name; nothing when it is absent or unreadable.
        With `fields`, the cells are only those of the fields named (a rule that keeps rows
        then holds no texts or notes it never reads).

        A large table is parsed again and streamed, so a rule that keeps only what it needs
        never holds the whole table."""
        resource = self.resource_named(name)
        if resource is None or not resource.is_table:
            return iter(())
        if resource.name in self._tables:
            table = self._tables[resource.name]
            return project(table.header, table.records, fields) if table else iter(())
        return self._stream(resource, fields)

    def _stream(self, resource: Resource, fields):
        if not (resource.safe and resource.path):
            return
        try:
            yield from iter_csv_lines(self.text_lines(resource.path), fields)
        except Exception:  # unparseable: the CSV rules report it
            return

    def rows(self, name: str) -> list[dict[str, str]]:
        """The cells of each row as text, exactly as in the CSV."""
        if name not in self._rows:
            resource = self._table(name)
            self.schema(name)
            if resource.path is None:
                raise PackageError(f"{name}: has no file")
            resource = replace(resource, safe=resource.index not in self._unsafe)
            parsed, why = self._parse(resource)
            if parsed is None:
                self.bytes(resource.path)  # a refusal says why in its own words
                raise PackageError(f"{name}: {why}")
            self._refuse_unsafe_cells(name, resource.path, parsed)
            self._tables[name], self._rows[name] = parsed, [cells for _, cells in parsed.rows]
        return self._rows[name]

    def _refuse_unsafe_cells(self, name: str, rel: str, parsed: ParsedCSV) -> None:
        """What the validator's values rules report stops every tool that reads the table."""
        for _, line, field, value, why in cell_issues(name, self.schema(name), parsed):
            raise PackageError(f"{rel}:{line}:{field}: {value[:60]!r} {why}")

    def header(self, name: str) -> list[str]:
        """The header row of a table's CSV, as written."""
        self.rows(name)
        return self._tables[name].header

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
