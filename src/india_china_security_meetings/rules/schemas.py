"""Table Schemas: readable, valid against the official profile, enum equal to categories."""

from __future__ import annotations

from . import problem, rule


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
                yield problem(
                    "schema/enum-categories",
                    where,
                    f"constraints.enum {enum!r} differs from the categories {values!r}; run `make build`",
                    None,
                    field.get("name"),
                )
