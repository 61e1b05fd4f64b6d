"""JSON twins: each parses, matches its JSON Schema, and equals its CSV record for record."""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate
from json.encoder import encode_basestring as _encode_string

from .. import codes
from ..byte_stream import ByteStream
from ..csv_format import CastError, cast, converter
from ..json_values import DuplicateKey
from ..schema_conversion import json_schema_for
from . import rule

# Our generated JSON Schemas use only keywords that mean the same in draft 2020-12 and draft-07
# (type, properties, required, additionalProperties, items as one schema, enum, pattern,
# minimum, maximum, minLength, format), so a schema equal to the generated one can be compiled by
# fastjsonschema (draft-07) for speed. Any other schema goes to jsonschema, which speaks 2020-12.
_DRAFT7 = "http://json-schema.org/draft-07/schema#"


_COMPILED: dict[str, object] = {}


def _without_patterns(schema):
    """The JSON Schema without its `pattern` keywords. A pattern from a file a change can edit may
    backtrack without end on a crafted value, and Python's re cannot be interrupted in-process:
    patterns are applied once, by frictionless to the CSV in its worker (under a time limit),
    and each twin must equal its CSV value for value, so the twin inherits that check."""
    if isinstance(schema, dict):
        return {k: _without_patterns(v) for k, v in schema.items() if not (k == "pattern" and isinstance(v, str))}
    if isinstance(schema, list):
        return [_without_patterns(v) for v in schema]
    return schema


def _fast_validator(schema: dict):
    import fastjsonschema

    schema = _without_patterns(schema)
    key = json.dumps(schema, sort_keys=True)
    if key not in _COMPILED:
        _COMPILED[key] = fastjsonschema.compile({**schema, "$schema": _DRAFT7})
    return _COMPILED[key]


_RECORD_START = re.compile(r"^  \{", re.MULTILINE)


def _twins(ctx):
    """(json resource, csv resource or None) for every JSON resource."""
    for resource in ctx.resources:
        if resource.format == "json" and not resource.is_table:
            twin_of = resource.descriptor.get("x-twinOf")
            yield resource, ctx.resource_named(twin_of) if isinstance(twin_of, str) else None


def _record_lines(text: str, count: int) -> list[int | None]:
    """Line of each top-level record in the canonical layout (two-space indent)."""
    starts = [m.start() for m in _RECORD_START.finditer(text)]
    if len(starts) != count:
        return [None] * count
    # The line feeds from one record's start to the next, summed: the text is counted once through.
    feeds = accumulate(text.count("\n", a, b) for a, b in zip([0, *starts], starts))
    return [1 + count for count in feeds]


@rule(codes.JSON_TWIN_MISSING)
def check_twins_declared(ctx):
    """Every table has a JSON twin, and every JSON twin names a table."""
    twinned = set()
    for resource, csv_resource in _twins(ctx):
        if csv_resource is None:
            yield _twin_missing(ctx, resource, "/x-twinOf", "no-table")
        else:
            twinned.add(csv_resource.name)
    for csv_resource in ctx.table_resources():
        if csv_resource.name not in twinned:
            yield _twin_missing(ctx, csv_resource, "", "no-twin")


def _twin_missing(ctx, resource, key: str, variant: str):
    """The problem at `resource`'s entry in the descriptor (at its `key`, when given)."""
    return codes.JSON_TWIN_MISSING.at(
        ctx.descriptor_rel,
        ctx.line_of(("resources", resource.index)),
        f"resources/{resource.index}{key}",
        variant=variant,
        name=resource.name,
    )


@rule(
    codes.JSON_INVALID,
    codes.JSON_DUPLICATE_KEY,
    codes.JSON_SCHEMA_UNREADABLE,
    codes.JSON_SCHEMA_STALE,
    codes.JSON_SCHEMA,
    codes.JSON_ROW_COUNT,
    codes.JSON_MISMATCH,
    per_table=True,
)
def check_json_twin(ctx, csv_resource, table):
    """A table's JSON twin parses, matches its JSON Schema and equals the CSV record for record."""
    from jsonschema import Draft202012Validator

    for resource, twin_of in _twins(ctx):
        if twin_of is not csv_resource or not (resource.safe and resource.path):
            continue
        schema_rel = resource.descriptor.get("jsonSchema")
        table_schema = ctx.table_schemas.get(csv_resource.name)
        if (
            table is not None
            and table_schema is not None
            and _streams_clean(ctx, resource.path, schema_rel, table_schema, table)
        ):
            continue  # the common case, in one pass and one record at a time; otherwise look closely below
        value, error = ctx.json_value(resource.path)
        if error:
            match = re.search(r"line (\d+)", str(error))
            code = codes.JSON_DUPLICATE_KEY if isinstance(error, DuplicateKey) else codes.JSON_INVALID
            yield code.at(resource.path, int(match.group(1)) if match else None, error=error)
            continue
        schema, schema_error = (
            ctx.json_value(schema_rel) if isinstance(schema_rel, str) else (None, "no jsonSchema property")
        )
        if schema_error or not isinstance(schema, dict):
            yield codes.JSON_SCHEMA_UNREADABLE.at(
                schema_rel if isinstance(schema_rel, str) else ctx.descriptor_rel,
                variant="unreadable",
                name=resource.name,
                schema_error=schema_error or "not a JSON object",
            )
            ctx.forget(resource.path)
            continue
        fresh = table_schema is not None and json_schema_for(table_schema) == schema
        if table_schema is not None and not fresh:
            yield codes.JSON_SCHEMA_STALE.at(schema_rel, name=csv_resource.name)
        try:
            validator = Draft202012Validator(
                _without_patterns(schema), format_checker=Draft202012Validator.FORMAT_CHECKER
            )
            errors = list(validator.iter_errors(value))
        except Exception as exception:  # a broken schema must be reported, not raised
            yield codes.JSON_SCHEMA_UNREADABLE.at(schema_rel, variant="unreadable2", exception=exception)
            ctx.forget(resource.path)
            continue
        lines = _record_lines(ctx.read_text(resource.path), len(value)) if errors and isinstance(value, list) else []
        for err in errors[:1000]:
            path = list(err.absolute_path)
            line = lines[path[0]] if path and isinstance(path[0], int) and path[0] < len(lines) else None
            field = str(path[1]) if len(path) > 1 else None
            yield codes.JSON_SCHEMA.at(
                resource.path,
                line,
                field,
                variant="record",
                record=path[0] + 1 if path else "-",
                message=err.message[:300],
            )
        if len(errors) > 1000:
            yield codes.JSON_SCHEMA.at(resource.path, variant="more", count=len(errors) - 1000)
        if not errors and table_schema is not None and table is not None:
            yield from _compare_with_csv(ctx, resource, csv_resource, table_schema, value, table)
        ctx.forget(resource.path)  # each twin is read once and dropped: memory stays at one table


_BATCH = 1000  # records rendered and compared at a time


def _streams_clean(ctx, rel, schema_rel, table_schema, table) -> bool:
    """True when the twin is, byte for byte, the canonical rendering (`make build`'s layout) of
    the CSV's typed values and every value passes its field's JSON Schema; False sends it to the
    detailed checks, which judge it by value and say what is wrong.

    Equal bytes settle most of what the detailed checks ask: the file parses, is an array of
    flat objects with exactly the schema's keys (none twice), and each value equals its CSV cell
    with its exact JSON type. What is left is each field's own schema (enum, bounds, formats),
    a pure function of the value, so it is asked once per distinct value of a column."""
    import fastjsonschema

    if not isinstance(schema_rel, str):
        return False
    schema, error = ctx.json_value(schema_rel)
    if error or not isinstance(schema, dict) or json_schema_for(table_schema) != schema:
        return False
    fields = table_schema.get("fields", [])
    if ctx.facts(rel) is None or not fields:
        return False
    stream = ByteStream(ctx.chunks(rel))  # read piece by piece, through the gate
    names = [f["name"] for f in fields]
    columns = [(f"    {_encode_string(f['name'])}: ", _encoder(f.get("type", "string"))) for f in fields]
    try:
        for start in range(0, len(table.records), _BATCH):
            batch = [cells for _, cells in table.cells_of(names, start, start + _BATCH)]
            encoded = []
            for column, (prefix, encode) in zip(zip(*batch), columns):
                # Each distinct cell of the batch encoded once: ids, kinds and codes repeat.
                known = {cell: prefix + encode(cell) for cell in set(column)}
                encoded.append([known[cell] for cell in column])
            records = ",\n".join(["  {\n" + ",\n".join(record) + "\n  }" for record in zip(*encoded)])
            if not stream.match((("[\n" if start == 0 else ",\n") + records).encode("utf-8")):
                return False
        if not stream.match(b"\n]\n" if table.records else b"[]\n") or not stream.at_end():
            return False
        for field in fields:
            field_schema = schema["items"]["properties"][field["name"]]
            if set(field_schema) <= {"title", "description", "type"} and isinstance(field_schema.get("type"), list):
                continue  # any value of the declared type (or null) passes, and the cast gave one
            validate_value = _fast_validator({**field_schema, "$schema": _DRAFT7})
            convert = converter(field.get("type", "string"))
            for value in {convert(cell) for cell in set(table.column(field["name"]))}:
                validate_value(value)
    except (CastError, ValueError, fastjsonschema.JsonSchemaException):
        return False
    return True


def _encoder(field_type: str):
    """CSV cell → its typed value as `json.dumps` writes it (ensure_ascii=False)."""
    if field_type in ("string", "any"):
        return lambda text: _encode_string(text) if text else "null"
    convert = converter(field_type)
    return lambda text: _encode_scalar(convert(text))


def _encode_scalar(value) -> str:
    """A typed value as `json.dumps` writes it; ValueError for what the canonical layout cannot
    hold (a non-finite number), so that the detailed checks look at it."""
    if value is None:
        return "null"
    kind = type(value)
    if kind is str:
        return _encode_string(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    raise ValueError(value)


_JSON_TYPES = {"integer": {int}, "number": {float}, "boolean": {bool}}


def _columns_equal(table, table_schema, records) -> bool:
    """Column by column: every JSON value equals its cast CSV cell, with the exact JSON type.
    (A column at a time costs far less than building a typed dict per row.)"""
    try:
        for field in table_schema.get("fields", []):
            name, field_type = field["name"], field.get("type", "string")
            convert = converter(field_type)
            column = [record.get(name) for record in records]
            if column != [convert(cells.get(name, "")) for _, cells in table.rows]:
                return False
            allowed = _JSON_TYPES.get(field_type, {str}) | {type(None)}
            if not set(map(type, column)) <= allowed:
                return False
    except CastError:
        return False  # frictionless reports the CSV cell; the detailed comparison skips it
    return all(len(record) == len(table_schema.get("fields", [])) for record in records)


def _compare_with_csv(ctx, resource, csv_resource, table_schema, records, table):
    if len(records) != len(table.records):
        yield codes.JSON_ROW_COUNT.at(
            resource.path, n_records=len(records), path=csv_resource.path, n_rows=len(table.records)
        )
        return
    if _columns_equal(table, table_schema, records):
        return
    lines = _record_lines(ctx.read_text(resource.path), len(records))
    types = [(f["name"], f.get("type", "string")) for f in table_schema.get("fields", [])]
    for index, (record, (csv_line, cells)) in enumerate(zip(records, table.rows)):
        for name, field_type in types:
            try:
                expected = cast(field_type, cells.get(name, ""))
            except CastError:
                continue  # frictionless reports the CSV cell
            actual = record.get(name)
            if actual != expected or type(actual) is not type(expected):
                yield codes.JSON_MISMATCH.at(
                    resource.path,
                    lines[index] if index < len(lines) else None,
                    name,
                    record=index + 1,
                    json_value=json.dumps(actual, ensure_ascii=False)[:60],
                    path=csv_resource.path,
                    csv_line=csv_line,
                    csv_value=json.dumps(expected, ensure_ascii=False)[:60],
                )
