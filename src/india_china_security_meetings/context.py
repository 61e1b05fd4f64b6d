"""The package under validation, read once: descriptor, file bytes, schemas and parsed tables."""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import file_gate
from .csv_format import ParsedCSV, iter_csv_lines, parse_csv_lines
from .json_values import MAX_DEPTH, depth, loads_strict
from .located_json import Located
from .reader import PackageError, PackageReader

# Files up to this size stay in memory once read; larger ones are read (and parsed) again by
# each rule that needs them, so memory holds one large table at a time, not all of them.
CACHE_LIMIT = 1_000_000


class CannotRun(Exception):
    """The package cannot be validated at all (no readable descriptor)."""


class TooDeep(Exception):
    """The descriptor parses (or would) but nests deeper than any descriptor of this package may."""


@dataclass(frozen=True)
class FileFacts:
    """What the rules ask of a file's bytes as a whole, found in one pass over its pieces."""

    size: int
    sha256: str
    line_feeds: int
    bom: bool
    not_utf8: tuple[int, int, int] | None  # (offset, byte, line) of the first byte that is not UTF-8
    tail: bytes  # the last two bytes
    # Of a UTF-8 file, each first (line, or character and line), or None:
    cr_line: int | None
    not_nfc_line: int | None
    control: tuple[str, int] | None

    @property
    def has_cr(self) -> bool:
        return self.cr_line is not None


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 (except tab and LF), DEL, C1


def _first_line_faults(piece: bytes, text: str, lines_before: int, cr, nfc, control):
    """The first CR, the first line not in NFC and the first control character, each with its
    line, as found so far and in one more piece of a UTF-8 file."""
    if cr is None and b"\r" in piece:
        cr = lines_before + piece.count(b"\n", 0, piece.index(b"\r")) + 1
    if nfc is None and not unicodedata.is_normalized("NFC", text):
        for number, line in enumerate(text.split("\n"), 1):
            if not unicodedata.is_normalized("NFC", line):
                nfc = lines_before + number
                break
    if control is None:
        match = _CONTROL.search(text)
        if match:
            control = (match.group(), lines_before + text.count("\n", 0, match.start()) + 1)
    return cr, nfc, control


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


class PackageContext(PackageReader):
    """The package under validation, read through the one package reader (`reader.PackageReader`)
    and extended for the validator: a file the gate refuses, or that does not parse, is recorded
    for the rule that reports it instead of stopping the run; large files are read in pieces."""

    def __init__(self, root: Path, descriptor_rel: str, descriptor: dict, located: Located):
        super().__init__(root)
        self.descriptor = descriptor  # already read, with its lines (`located`); the reader's property is not asked
        self.descriptor_rel = descriptor_rel
        self.located = located
        self.resources: list[Resource] = []
        self._bytes: dict = {}
        self._decoded: dict = {}
        self._tables: dict = {}
        self._json: dict = {}
        self._facts: dict = {}
        self.findings: dict = {}  # rule name -> problems the preparation step found for it
        self.held_texts: dict = {}  # source_id -> held text (safe, present, intact)
        self.refusals: dict = {}  # relative path -> file_gate.Refused, for files the gate would not open
        self.table_schemas: dict = {}  # resource name -> Table Schema dict (when loadable)
        self.json_schemas: dict = {}  # resource name -> JSON Schema dict (when loadable)

    @classmethod
    def load(cls, target: Path) -> PackageContext:
        target = Path(target)
        descriptor_path = target / "datapackage.json" if target.is_dir() else target
        if not descriptor_path.exists():
            raise CannotRun(f"{descriptor_path}: no such file")
        if descriptor_path.is_dir():
            raise CannotRun(f"{descriptor_path}: is a folder, not a descriptor")
        try:
            raw = file_gate.read_bytes(descriptor_path.parent, descriptor_path.name)
        except file_gate.Refused as refused:
            raise CannotRun(f"{descriptor_path}: {refused.message}") from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CannotRun(f"{descriptor_path}: is not UTF-8 (byte {error.start})") from None
        try:
            located = Located(text.removeprefix("\ufeff"))
        except json.JSONDecodeError as error:
            raise CannotRun(
                f"{descriptor_path}: is not valid JSON at line {error.lineno}, column {error.colno}"
            ) from None
        except RecursionError:
            raise TooDeep(descriptor_path) from None
        if depth(located.value) > MAX_DEPTH:
            raise TooDeep(descriptor_path)
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
    def bytes(self, rel: str) -> bytes:
        """The reader's `bytes`, through the validator's cache: a refusal is kept for its rule."""
        data = self.read_bytes(rel)
        if data is None:
            refused = self.refusals.get(rel)
            raise PackageError(f"{rel}: {refused.message if refused else 'cannot be read'}")
        return data

    def read_bytes(self, rel: str) -> bytes | None:
        if rel in self._bytes:
            return self._bytes[rel]
        try:
            data = file_gate.read_bytes(self.root, rel)
        except file_gate.Refused as refused:
            data = None  # the rule that names the file says why (see `refusal`)
            self.refusals[rel] = refused
        if data is None or len(data) <= CACHE_LIMIT:
            self._bytes[rel] = data
        return data

    def read_text(self, rel: str) -> str | None:
        """The file decoded as UTF-8 (None when missing or not UTF-8)."""
        if rel in self._decoded:
            return self._decoded[rel]
        data = self.read_bytes(rel)
        try:
            text = None if data is None else data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if data is None or len(data) <= CACHE_LIMIT:
            self._decoded[rel] = text
        return text

    def chunks(self, rel: str):
        """The file's bytes in pieces that end after a line feed: one piece when it is small
        (and kept), else read piece by piece, so no rule holds a large file whole."""
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
        except file_gate.Refused as refused:
            self.refusals[rel] = refused
            self._bytes[rel] = None
            return
        if size <= CACHE_LIMIT:
            self._bytes[rel] = b"".join(kept)

    def facts(self, rel: str) -> FileFacts | None:
        """What the byte rules ask of a file, found in one pass over its pieces (a piece ends at
        a line feed, so no line is cut); None when the gate refuses it (`refusals` says why)."""
        if rel not in self._facts:
            digest, size, feeds, tail, first = hashlib.sha256(), 0, 0, b"", b""
            not_utf8 = cr = nfc = control = None
            for piece in self.chunks(rel):
                digest.update(piece)
                if not_utf8 is None:
                    try:
                        text = piece.decode("utf-8")
                    except UnicodeDecodeError as error:
                        line = feeds + piece.count(b"\n", 0, error.start) + 1
                        not_utf8 = (size + error.start, piece[error.start], line)
                    else:
                        cr, nfc, control = _first_line_faults(piece, text, feeds, cr, nfc, control)
                first = first or piece[:3]
                tail = (tail + piece)[-2:]
                size += len(piece)
                feeds += piece.count(b"\n")
            refused = self._bytes.get(rel, b"") is None
            self._facts[rel] = (
                None
                if refused
                else FileFacts(
                    size,
                    digest.hexdigest(),
                    feeds,
                    first == b"\xef\xbb\xbf",
                    not_utf8,
                    tail,
                    cr,
                    nfc,
                    control,
                )
            )
        return self._facts[rel]

    def text_lines(self, rel: str):
        """The lines of a UTF-8 file as `open(newline="")` gives them, decoded piece by piece, a
        leading byte order mark dropped; nothing when the file is refused or not UTF-8."""
        facts = self.facts(rel)
        if facts is None or facts.not_utf8 is not None:
            return
        first = True
        for piece in self.chunks(rel):
            text = piece.decode("utf-8")
            if first:
                text, first = text.removeprefix("\ufeff"), False
            yield from io.StringIO(text, newline="")

    def table(self, resource: Resource) -> ParsedCSV | None:
        """The parsed CSV of a table resource (None when it cannot be read or parsed)."""
        if resource.name in self._tables:
            return self._tables[resource.name]
        facts = self.facts(resource.path) if resource.safe and resource.path else None
        parsed = None
        if facts is not None and facts.not_utf8 is None:
            try:
                parsed = parse_csv_lines(self.text_lines(resource.path))
            except Exception:  # csv.Error on malformed quoting, or a field over the size limit
                parsed = None
        if facts is None or facts.size <= CACHE_LIMIT:
            self._tables[resource.name] = parsed
        return parsed

    def json_value(self, rel: str):
        """(value, error) of a JSON file; the error is a message or the ValueError that refused it."""
        if rel not in self._json:
            data = self.read_bytes(rel)
            if data is None:
                self._json[rel] = (None, "missing or unreadable")
            else:
                try:
                    # Parsed from the bytes: no decoded copy of a large file is held beside them.
                    self._json[rel] = (loads_strict(data.decode("utf-8") if len(data) <= CACHE_LIMIT else data), None)
                except UnicodeDecodeError as error:
                    self._json[rel] = (None, f"not UTF-8 at byte {error.start}")
                except ValueError as error:  # bad JSON, a duplicate key, too deep
                    self._json[rel] = (None, error)
                del data
        return self._json[rel]

    def forget(self, rel: str) -> None:
        """Drop a file's cached bytes, text and parsed JSON once no later rule needs them."""
        for cache in (self._bytes, self._decoded, self._json):
            cache.pop(rel, None)

    def line_of(self, path) -> int | None:
        return self.located.line_of(path)

    def evidence_tables(self) -> list[str]:
        """Tables whose rows point to a statement or Q&A paragraph as their evidence."""
        return [
            name
            for name, schema in self.table_schemas.items()
            if {"statement_id", "qa_id"} <= {f.get("name") for f in schema.get("fields", [])}
        ]

    def table_resources(self) -> list[Resource]:
        return [r for r in self.resources if r.is_table and r.safe and r.path]

    def resource_named(self, name: str) -> Resource | None:
        for resource in self.resources:
            if resource.name == name:
                return resource
        return None

    def path_of(self, name: str) -> str:
        """The file of a resource by name, for problem locations (the descriptor when unknown)."""
        resource = self.resource_named(name)
        return resource.path if resource is not None and resource.path else self.descriptor_rel

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
            rows = iter(table.rows if table else ())
        else:
            rows = self._stream(resource)
        if fields is None:
            return rows
        return ((line, {f: cells[f] for f in fields if f in cells}) for line, cells in rows)

    def _stream(self, resource: Resource):
        if not (resource.safe and resource.path):
            return
        try:
            yield from iter_csv_lines(self.text_lines(resource.path))
        except Exception:  # unparseable: the CSV rules report it
            return
