"""Table Schemas: readable, valid against the official profile, enum equal to categories."""
from __future__ import annotations

import json

from .. import profiles
from ..json_values import loads_strict
from . import problem, rule


def _load_schema(ctx, resource):
    value = resource.descriptor.get("schema")
    if isinstance(value, dict):
        return value, ctx.descriptor_rel, None
    if not isinstance(value, str):
        return None, ctx.descriptor_rel, f"resource {resource.name!r} has no Table Schema"
    if not resource.safe:
        return None, value, None  # the path rules already said why
    text = ctx.read_text(value)
    if text is None:
        return None, value, "cannot be read as UTF-8"
    try:
        schema = loads_strict(text)
    except json.JSONDecodeError as error:
        return None, value, f"is not valid JSON: {error.msg} at line {error.lineno}"
    except ValueError as error:  # a key twice, or nested too deep
        return None, value, f"is not acceptable JSON: {error}"
    if not isinstance(schema, dict):
        return None, value, "must hold a JSON object"
    return schema, value, None


@rule({
    "schema/unreadable": "A table resource's Table Schema is missing, unreadable or not a JSON object.",
    "schema/profile": "A Table Schema violates the official Table Schema 2.0 profile.",
})
def check_table_schemas(ctx):
    """Every table resource has a Table Schema that is valid under the official profile."""
    for resource in ctx.resources:
        if not resource.is_table:
            continue
        schema, where, message = _load_schema(ctx, resource)
        if message:
            yield problem("schema/unreadable", where, message, None, "schema")
            resource.safe = False
            continue
        if schema is None:
            continue
        bad = False
        for error in profiles.table_schema_validator().iter_errors(schema):
            bad = True
            loc = "/".join(map(str, error.absolute_path)) or "(root)"
            yield problem("schema/profile", where, f"{loc}: {error.message[:300]} (Table Schema 2.0 profile)", None, loc)
        if not bad:
            ctx.table_schemas[resource.name] = schema


@rule("schema/enum-categories")
def check_enum_matches_categories(ctx):
    """A field with `categories` has `constraints.enum` listing exactly those values (frictionless checks only enum)."""
    for name, schema in ctx.table_schemas.items():
        where = ctx.resource_named(name).descriptor.get("schema")
        where = where if isinstance(where, str) else ctx.descriptor_rel
        for field in schema.get("fields", []):
            if "categories" not in field:
                continue
            values = [c["value"] if isinstance(c, dict) else c for c in field["categories"]]
            enum = field.get("constraints", {}).get("enum")
            if enum != values:
                yield problem("schema/enum-categories", where,
                              f"constraints.enum {enum!r} differs from the categories {values!r}; run `make build`",
                              None, field.get("name"))
