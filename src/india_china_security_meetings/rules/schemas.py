"""Table Schemas: readable, valid against the official profile, enum equal to categories."""

from __future__ import annotations

from .. import codes
from . import rule


@rule(codes.SCHEMA_ENUM_CATEGORIES)
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
                yield codes.SCHEMA_ENUM_CATEGORIES.at(where, None, field.get("name"), enum=enum, values=values)
