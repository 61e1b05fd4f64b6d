"""frictionless: types, constraints and primary keys, on the resources that are safe to open;
foreign keys are checked here, on the tables already parsed, and reported in frictionless's words.

frictionless reads every table itself, so it runs in a worker process while the other rules
run here (the machine has two cores or more); its findings come back as plain data.

Why not let frictionless check foreign keys: for each key it copies the referenced resource,
re-validates its metadata and reads it again (46 extra table reads for this package), which was
about three quarters of its time. The check itself is a set lookup on tables this process has
already parsed; `foreign_key_findings` reproduces frictionless 5.21's semantics and message
exactly (`tests/test_runner.py` compares the two on a broken copy).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os

from .. import codes
from ..csv_format import ParsedCSV, converter
from ..file_gate import Refused, read_bytes
from . import rule

# Errors with which frictionless fails to open a table at all.
_OPEN_ERRORS = {"encoding-error", "source-error", "scheme-error", "format-error", "resource-error"}
# Reported by our own rules with more precise messages.
_OWN = {"hash-count", "byte-count"}
# frictionless keeps every error object (with the row's cells) until the report is done: a cap
# keeps a hostile table from filling the worker's memory; the validator lists few of them anyway.
_ERROR_LIMIT = 1000
# What frictionless is shown of a resource: where the file is and how to read it. Everything
# else could make it fetch (profiles, $schema URLs), decompress (compression, innerpath) or
# decode with another codec (encoding): this package is UTF-8 CSV and JSON, checked by our rules.
_RESOURCE_KEYS = ("name", "type", "path", "format", "mediatype", "schema", "dialect")
_OFFICIAL_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"


def _safe_descriptor(ctx, with_foreign_keys: bool = False) -> dict:
    """A copy of the descriptor holding only resources that passed the path rules, with each
    Table Schema as already read and checked (so frictionless opens no schema file itself)."""
    descriptor = {
        k: copy.deepcopy(v) for k, v in ctx.descriptor.items() if k not in ("profile", "$schema", "resources")
    }
    descriptor["$schema"] = _OFFICIAL_PROFILE
    # Tables only: for the JSON twins frictionless would check nothing our own rules do not
    # (they parse each twin, apply its JSON Schema and compare it with its CSV record by record).
    keep = {r.index: r for r in ctx.resources if r.safe and r.is_table}
    descriptor["resources"] = []
    entries = ctx.descriptor.get("resources")
    for index, entry in enumerate(entries if isinstance(entries, list) else []):  # else the profile rule reports it
        if index not in keep:
            continue
        copied = {k: copy.deepcopy(entry[k]) for k in _RESOURCE_KEYS if k in entry}
        if keep[index].name in ctx.table_schemas:
            copied["schema"] = copy.deepcopy(ctx.table_schemas[keep[index].name])
            if not with_foreign_keys:
                copied["schema"].pop("foreignKeys", None)  # checked by foreign_key_findings
        copied["encoding"] = "utf-8"
        descriptor["resources"].append(copied)
    return descriptor


def frictionless_findings(descriptor: dict, basepath: str, remember: bool = False) -> list[tuple]:
    """(resource name or None, error type, message, row number, field) for every frictionless error.

    What `Package.validate` does, step by step: the package's metadata first (an error there
    ends the validation, as it does in frictionless), then each resource. The metadata's
    findings depend only on the descriptor, and without foreign keys a resource's findings only
    on its descriptor entry and its bytes, so with `remember` they are kept by those: a process
    that validates many versions of one package (the test suite, an editor) asks frictionless
    again only about what changed."""
    try:
        keys = [_resource_key(entry, basepath) if remember else None for entry in descriptor["resources"]]
        metadata_key = json.dumps(descriptor, sort_keys=True, ensure_ascii=False) if remember else None
        if _METADATA.get(metadata_key):
            return _METADATA[metadata_key]
        from frictionless import FrictionlessException, Package, Resource, system

        if metadata_key in _METADATA and None not in keys:
            # Metadata known to be valid: only the resources whose bytes changed are read, each
            # on its own (without foreign keys it needs nothing from the others).
            with system.use_context(trusted=False):
                return [
                    finding
                    for key, entry in zip(keys, descriptor["resources"])
                    for finding in (
                        _REMEMBERED[key]
                        if key in _REMEMBERED
                        else _resource_findings(key, Resource(entry, basepath=basepath))
                    )
                ]

        with system.use_context(trusted=False):
            try:
                package = Package(descriptor, basepath=basepath)
                package.to_descriptor(validate=True)
            except FrictionlessException as exception:  # an invalid schema, found early or late
                found = [
                    _package_finding(e.type, e.message)
                    for e in (getattr(exception, "reasons", None) or [exception.error])
                ]
                _remember(_METADATA, metadata_key, found)
                return found
            _remember(_METADATA, metadata_key, [])
            found = []
            for key, resource in zip(keys, package.resources):
                found += _resource_findings(key, resource)
    except Exception as exception:  # a crash inside the library must not become a traceback
        return [_package_finding("crashed", f"frictionless stopped with {type(exception).__name__}: {exception}")]
    return found


def _package_finding(error_type: str, message: str) -> tuple:
    """A finding of the package as a whole: no resource, row or field."""
    return None, error_type, message, None, None


_METADATA: dict[str, list[tuple]] = {}
_REMEMBERED: dict[tuple[str, str], list[tuple]] = {}


def _remember(memory: dict, key, found: list[tuple]) -> None:
    if key is not None:
        if len(memory) > 512:
            memory.clear()
        memory[key] = found


def _resource_key(entry: dict, basepath: str) -> tuple[str, str] | None:
    try:
        content = hashlib.sha256(read_bytes(basepath, entry["path"])).hexdigest()
    except (Refused, KeyError, TypeError):
        return None  # not remembered: frictionless says what it finds
    return json.dumps(entry, sort_keys=True, ensure_ascii=False), content


def _resource_findings(key, resource) -> list[tuple]:
    if key in _REMEMBERED:
        return _REMEMBERED[key]
    report = resource.validate(limit_errors=_ERROR_LIMIT)
    found = [_package_finding(e.type, e.message) for e in report.errors]
    for task in report.tasks:
        for e in task.errors:
            if e.type not in _OWN:
                names = getattr(e, "field_names", None)
                field = getattr(e, "field_name", None) or (",".join(names) if names else None)
                found.append((task.name, e.type, e.message, getattr(e, "row_number", None), field))
        found += [(task.name, "warning", str(w), None, None) for w in task.warnings]
    _remember(_REMEMBERED, key, found)
    return found


def _lenient_table(ctx, resource):
    """A table our strict parser refuses (csv/malformed reports it), read as leniently as
    frictionless reads it, so that its foreign keys are judged on the same rows."""
    import csv
    import io

    text = ctx.read_text(resource.path) if resource.safe and resource.path else None
    if text is None:
        return None
    try:
        records = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    except csv.Error:
        return None
    if not records:
        return None
    return ParsedCSV(records[0], [(0, tuple(r)) for r in records[1:] if r])


def _typed_rows(ctx, resource, names: tuple[str, ...], table=None):
    """(row number as frictionless counts it, typed cells of `names`) for each row, one at a time
    (a check keeps what it finds, never the typed table); None if unreadable."""
    table = table or ctx.table(resource) or _lenient_table(ctx, resource)
    if table is None or not set(names) <= set(table.header):
        return None
    converters = _converters(ctx, resource, names)
    return ((number, _typed(cells, converters)) for number, (_, cells) in enumerate(table.cells_of(names), start=2))


def _distinct_typed(ctx, resource, names: tuple[str, ...], table) -> dict[tuple, tuple] | None:
    """Each distinct tuple of the cells of `names` with its typed values (as `_typed_rows` types
    them); None when the table lacks one of the names."""
    if not set(names) <= set(table.header):
        return None
    converters = _converters(ctx, resource, names)
    raws = set(zip(*[table.column(name) for name in names])) if names else {()} & {() for _ in table.records[:1]}
    return {raw: _typed(raw, converters) for raw in raws}


def _converters(ctx, resource, names):
    types = {f.get("name"): f.get("type", "string") for f in ctx.table_schemas.get(resource.name, {}).get("fields", [])}
    return [converter(types.get(name, "string")) for name in names]


def _typed(cells, converters) -> tuple:
    values = []
    for text, convert in zip(cells, converters):
        try:
            values.append(convert(text))
        except ValueError:
            values.append(text)  # frictionless compares the raw cell of a cell it cannot type
    return tuple(values)


def _key_set(rows) -> set | None:
    return None if rows is None else {v for _, v in rows if set(v) != {None}}


class ForeignKeys:
    """Foreign keys with frictionless 5.21's semantics and wording: a row whose key cells are not
    all empty must match a row of the referenced table (itself when `resource` is empty); a
    reference to a table the package does not (safely) have is a resource error.

    Fed each table as the runner parses it (`see`), it keeps the key sets other tables refer to
    and checks the table's own keys against the tables already seen; the package's tables come
    in reference order, so no table is parsed again. A key whose table comes later (or could not
    be parsed strictly) is checked in `findings`, from the files, as before."""

    def __init__(self, ctx):
        self._safe = {r.name: r for r in ctx.resources if r.safe and r.is_table}
        self._keys = {}  # resource name -> [(fk index, fields, target name, target fields)]
        for resource in self._safe.values():
            keys = []
            for index, fk in enumerate((ctx.table_schemas.get(resource.name) or {}).get("foreignKeys", [])):
                if isinstance(fk, dict) and isinstance(fk.get("reference"), dict):
                    target = fk["reference"].get("resource", "")
                    keys.append((index, tuple(fk.get("fields", [])), target, tuple(fk["reference"].get("fields", []))))
            self._keys[resource.name] = keys
        self._wanted = {(t or name, tf) for name, keys in self._keys.items() for _, _, t, tf in keys}
        self._lookups: dict[tuple, set | None] = {}
        self._checked: dict[tuple[str, int], list[tuple]] = {}

    def see(self, ctx, resource, table) -> None:
        if table is None or self._safe.get(resource.name) is not resource:
            return
        for name, key in self._wanted:
            if name == resource.name and (name, key) not in self._lookups:
                typed = _distinct_typed(ctx, resource, key, table)
                self._lookups[(name, key)] = None if typed is None else {v for v in typed.values() if set(v) != {None}}
        for index, fields, target, source_key in self._keys.get(resource.name, []):
            lookup_key = (target or resource.name, source_key)
            if lookup_key in self._lookups:
                self._checked[(resource.name, index)] = self._violations_in(
                    ctx, resource, table, fields, target, source_key, self._lookups[lookup_key]
                )

    def _violations_in(self, ctx, resource, table, fields, target, source_key, lookup) -> list[tuple]:
        """`_violations`, asked once per distinct key value: a key repeats down a column, and
        only the rows of a value that is not found are read again, in order."""
        typed = _distinct_typed(ctx, resource, fields, table)
        if lookup is None or typed is None:
            return []
        missing = {raw for raw, value in typed.items() if set(value) != {None} and value not in lookup}
        if not missing:
            return []
        rows = (
            (number, typed[raw]) for number, (_, raw) in enumerate(table.cells_of(fields), start=2) if raw in missing
        )
        return self._violations(resource, fields, target, source_key, lookup, rows)

    def findings(self, ctx, frictionless_errors=()) -> list[tuple]:
        # frictionless opens a referenced table to build its lookup; when it cannot read it, the
        # referencing table gets that table's error and is not read further.
        unreadable = {}
        for name, error_type, message, row_number, _ in frictionless_errors:
            if name and row_number is None and error_type in _OPEN_ERRORS:
                unreadable.setdefault(name, (error_type, message))
        found = []
        for resource in self._safe.values():
            for index, fields, target, source_key in self._keys.get(resource.name, []):
                if target and target != resource.name and target not in self._safe:
                    note = (
                        f'failed to handle a foreign key for resource "{resource.name}" as resource '
                        f'"{target}" does not exist'
                    )
                    found.append(
                        (resource.name, "resource-error", f"The data resource has an error: {note}", None, None)
                    )
                    break  # frictionless stops reading the table at the first such key
                if target and target != resource.name and target in unreadable:
                    found.append((resource.name, *unreadable[target], None, None))
                    break
                if (resource.name, index) in self._checked:
                    found += self._checked[(resource.name, index)]
                    continue
                lookup_key = (target or resource.name, source_key)
                if lookup_key not in self._lookups:
                    self._lookups[lookup_key] = _key_set(_typed_rows(ctx, self._safe[lookup_key[0]], source_key))
                rows = _typed_rows(ctx, resource, fields)
                found += self._violations(resource, fields, target, source_key, self._lookups[lookup_key], rows)
        return found

    @staticmethod
    def _violations(resource, fields, target, source_key, lookup, rows) -> list[tuple]:
        if lookup is None or rows is None:
            return []
        found = []
        for number, cells in rows:
            if set(cells) == {None} or cells in lookup:
                continue
            # frictionless 5.21's template (resources/table.py), word for word.
            values = ", ".join(str(c) for c in cells)
            note = (
                f'for "{", ".join(fields)}": values "{values}" not found in the lookup table '
                f'"{target}" as "{", ".join(source_key)}"'
            )
            message = f'Row at position "{number}" violates the foreign key: {note}'
            found.append((resource.name, "foreign-key", message, number, ",".join(fields)))
        return found


def foreign_key_findings(ctx, frictionless_errors=()) -> list[tuple]:
    """The foreign-key findings of the package, its tables read from the files."""
    return ForeignKeys(ctx).findings(ctx, frictionless_errors)


def to_problems(ctx, findings):
    """Problems with the physical CSV line of frictionless's row position (header = 1)."""
    lines: dict[str, list] = {}
    for name, error_type, message, row_number, field in findings:
        resource = ctx.resource_named(name) if name else None
        path = resource.path if resource and resource.path else ctx.descriptor_rel
        line = None
        if row_number is not None and resource is not None:
            if resource.name not in lines:  # each table parsed once, however many errors it has
                table = ctx.table(resource) if resource.is_table else None
                lines[resource.name] = [n for n, _ in table.rows] if table else []
            known = lines[resource.name]
            line = known[row_number - 2] if 2 <= row_number <= len(known) + 1 else row_number
        # the declaration stands for every frictionless error type: the code names the type
        yield codes.FRICTIONLESS.of_type(error_type).at(path, line, field, message=message)


# The worker: a fresh interpreter (not a fork, which would carry the parent's memory, the
# package read so far, into a process that needs none of it; not multiprocessing's spawn, which
# would import the caller's main script again). It reads its task before importing anything.
_WORKER = (
    "import sys; task = sys.stdin.buffer.read(); "
    "from india_china_security_meetings.rules.frictionless_layer import serve; serve(task, int(sys.argv[1]))"
)


class Background:
    """frictionless running in a worker process; `problems(ctx)` waits for it, up to a time limit."""

    def __init__(self, ctx):
        descriptor = _safe_descriptor(ctx)
        self._foreign_keys = ForeignKeys(ctx)
        self._findings = []  # with no table to read, frictionless has nothing to say
        self._process = None
        if descriptor["resources"] and os.environ.get("ICSM_VALIDATE_SERIAL"):
            self._findings = frictionless_findings(descriptor, str(ctx.root), remember=True)
        elif descriptor["resources"]:
            self._start(json.dumps([descriptor, str(ctx.root)]).encode("utf-8"))

    def _start(self, task: bytes) -> None:
        import subprocess
        import sys

        # The worker finds this code (and its libraries) where this process found them.
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self._process = subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        stdin, self._process.stdin = self._process.stdin, None  # `communicate` only reads
        try:
            stdin.write(task)
            stdin.close()
        except OSError:  # it died at once; `_wait` says so
            pass

    def see(self, ctx, resource, table) -> None:
        """Each table as the runner parsed it: the foreign keys are checked on it here."""
        self._foreign_keys.see(ctx, resource, table)

    def problems(self, ctx):
        if self._process is not None:
            self._findings = self._wait()
        findings = self._findings + self._foreign_keys.findings(ctx, self._findings)
        return list(to_problems(ctx, findings))

    def _wait(self):
        import subprocess

        limit = _worker_timeout()
        try:
            out, err = self._process.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            # A pattern constraint can backtrack without end on a crafted cell (Python's re
            # cannot be interrupted in-process): the worker is stopped and the fact reported.
            self._process.kill()
            self._process.communicate()
            return [
                _package_finding(
                    "timeout",
                    f"frictionless did not finish within {limit:g} s and was stopped; "
                    "look for a pattern constraint that backtracks, or a table beyond the caps",
                )
            ]
        try:
            return [tuple(finding) for finding in json.loads(out)]
        except ValueError:  # the worker died (out of memory, killed): say so
            last = (err.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1][:200]
            return [
                _package_finding(
                    "crashed", f"the frictionless worker stopped (exit {self._process.returncode}): {last}"
                )
            ]


def serve(task: bytes, parent: int) -> None:
    """The worker's whole life: validate, write the findings as JSON, exit at once (tearing
    down frictionless's objects would only keep the validator waiting)."""
    import sys

    _die_with_parent(parent)
    descriptor, basepath = json.loads(task)
    sys.stdout.buffer.write(json.dumps(frictionless_findings(descriptor, basepath)).encode("utf-8"))
    sys.stdout.flush()
    os._exit(0)


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this worker when the validator dies, however it dies (a timeout's
    SIGKILL included), so no orphan goes on validating. Elsewhere the time limit still holds."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _worker_timeout() -> float:
    """Seconds frictionless may take: far more than any package within the file gate's caps
    needs (about 10 s at the caps); the operator may raise it for larger packages."""
    value = os.environ.get("ICSM_FRICTIONLESS_TIMEOUT", "")
    return float(value) if value.replace(".", "", 1).isdigit() and float(value) > 0 else 20.0


@rule(codes.FRICTIONLESS, background=True)
def check_with_frictionless(ctx):
    """frictionless 5.21 validation: types, constraints, keys; the code names frictionless's error type."""
    return Background(ctx)
