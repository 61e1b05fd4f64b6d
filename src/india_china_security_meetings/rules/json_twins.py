"""JSON twins: each parses, matches its JSON Schema, and equals its CSV record for record."""
from __future__ import annotations

import json
import re

from ..build.json_schemas import json_schema_for
from ..tables import CastError, cast
from . import problem, rule

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
    lines, line, last = [], 1, 0
    for start in starts:
        line += text.count("\n", last, start)
        last = start
        lines.append(line)
    return lines


@rule({
    "json/twin-missing": "A table resource has no JSON twin, or a JSON twin names no table.",
    "json/invalid": "A JSON file does not parse.",
    "json/schema-unreadable": "A JSON resource's JSON Schema is missing or does not parse.",
    "json/schema-stale": "A JSON Schema differs from the one generated from its Table Schema.",
    "json/schema": "A JSON record violates its JSON Schema.",
    "json/row-count": "A JSON twin has a different number of records from its CSV.",
    "json/mismatch": "A JSON record differs from its CSV row.",
})
def check_json_twins(ctx):
    """Every table has a JSON twin that parses, matches its JSON Schema and equals the CSV record for record."""
    from jsonschema import Draft202012Validator

    twinned = set()
    for resource, csv_resource in _twins(ctx):
        base = ("resources", resource.index)
        if csv_resource is None:
            yield problem("json/twin-missing", ctx.descriptor_rel, f"JSON resource {resource.name!r} names no table in x-twinOf",
                          ctx.line_of(base), f"resources/{resource.index}/x-twinOf")
            continue
        twinned.add(csv_resource.name)
        if not (resource.safe and resource.path):
            continue
        value, error = ctx.json_value(resource.path)
        if error:
            match = re.search(r"line (\d+)", error)
            yield problem("json/invalid", resource.path, f"not valid JSON: {error}", int(match.group(1)) if match else None)
            continue
        schema_rel = resource.descriptor.get("jsonSchema")
        schema, schema_error = ctx.json_value(schema_rel) if isinstance(schema_rel, str) else (None, "no jsonSchema property")
        if schema_error or not isinstance(schema, dict):
            yield problem("json/schema-unreadable", schema_rel if isinstance(schema_rel, str) else ctx.descriptor_rel,
                          f"JSON Schema of {resource.name!r} cannot be used: {schema_error or 'not a JSON object'}")
            continue
        table_schema = ctx.table_schemas.get(csv_resource.name)
        if table_schema is not None and json_schema_for(table_schema) != schema:
            yield problem("json/schema-stale", schema_rel, f"differs from the JSON Schema generated from the Table Schema of {csv_resource.name!r}; run `make build`")
        lines = _record_lines(ctx.read_text(resource.path), len(value)) if isinstance(value, list) else []
        try:
            validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
            errors = list(validator.iter_errors(value))
        except Exception as exception:  # a broken schema must be reported, not raised
            yield problem("json/schema-unreadable", schema_rel, f"JSON Schema cannot be applied: {exception}")
            continue
        for err in errors[:1000] if len(errors) > 1000 else errors:
            path = list(err.absolute_path)
            line = lines[path[0]] if path and isinstance(path[0], int) and path[0] < len(lines) else None
            field = str(path[1]) if len(path) > 1 else None
            yield problem("json/schema", resource.path, f"record {path[0] + 1 if path else '-'}: {err.message[:300]}", line, field)
        if len(errors) > 1000:
            yield problem("json/schema", resource.path, f"{len(errors) - 1000} further JSON Schema errors not listed")
        if errors or table_schema is None:
            continue
        yield from _compare_with_csv(ctx, resource, csv_resource, table_schema, value, lines)
    for csv_resource in ctx.table_resources():
        if csv_resource.name not in twinned:
            yield problem("json/twin-missing", ctx.descriptor_rel, f"table {csv_resource.name!r} has no JSON twin",
                          ctx.line_of(("resources", csv_resource.index)), f"resources/{csv_resource.index}")


def _compare_with_csv(ctx, resource, csv_resource, table_schema, records, lines):
    table = ctx.table(csv_resource)
    if table is None:
        return
    if len(records) != len(table.rows):
        yield problem("json/row-count", resource.path,
                      f"{len(records)} records but {csv_resource.path} has {len(table.rows)} rows; run `make build`")
        return
    types = [(f["name"], f.get("type", "string")) for f in table_schema.get("fields", [])]
    for index, (record, (csv_line, cells)) in enumerate(zip(records, table.rows)):
        for name, field_type in types:
            try:
                expected = cast(field_type, cells.get(name, ""))
            except CastError:
                continue  # frictionless reports the CSV cell
            actual = record.get(name)
            if actual != expected or type(actual) is not type(expected):
                yield problem("json/mismatch", resource.path,
                              f"record {index + 1} has {json.dumps(actual, ensure_ascii=False)[:60]} but {csv_resource.path} line {csv_line} has "
                              f"{json.dumps(expected, ensure_ascii=False)[:60]}; run `make build`",
                              lines[index] if index < len(lines) else None, name)
