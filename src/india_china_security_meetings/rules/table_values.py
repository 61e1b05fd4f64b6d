"""What frictionless reads but does not enforce: `categories` and `uniqueKeys`."""

from __future__ import annotations

from .. import codes, contract
from . import rule


@rule(codes.TABLE_CATEGORY, per_table=True)
def check_categories(ctx, resource, table):
    """A value of a field with `categories` is one of them (frictionless ignores categories)."""
    schema = ctx.table_schemas.get(resource.name)
    if schema and table:
        for field in schema.get("fields", []):
            if "categories" not in field:
                continue
            allowed = {str(c["value"]) if isinstance(c, dict) else str(c) for c in field["categories"]}
            name = field.get("name")
            for line, (value,) in table.cells_of([name]):
                if value != "" and value not in allowed:
                    yield codes.TABLE_CATEGORY.at(resource.path, line, name, value=value, allowed=sorted(allowed))


@rule(codes.TABLE_UNIQUE_KEY, per_table=True)
def check_unique_keys(ctx, resource, table):
    """Rows are unique on each of the schema's `uniqueKeys`, rows with an empty key cell excepted (frictionless ignores uniqueKeys)."""
    schema = ctx.table_schemas.get(resource.name)
    if schema and table:
        for key in schema.get("uniqueKeys", []):
            seen: dict[tuple, int] = {}
            for line, values in table.cells_of(key):
                if "" in values:
                    continue
                if values in seen:
                    yield codes.TABLE_UNIQUE_KEY.at(
                        resource.path, line, ",".join(key), key=", ".join(key), values=values, seen=seen[values]
                    )
                else:
                    seen[values] = line


@rule(codes.TABLE_NATURAL_KEY, per_table=True)
def check_natural_keys(ctx, resource, table):
    """No two rows say the same thing under two IDs: rows differ on the fields the contract names as the table's content."""
    key = contract.NATURAL_KEYS.get(resource.name)
    if not key or table is None:
        return
    seen: dict[tuple, int] = {}
    for line, values in table.cells_of(key):
        if not any(values):
            continue
        if values in seen:
            yield codes.TABLE_NATURAL_KEY.at(resource.path, line, key[0], key=", ".join(key), seen=seen[values])
        else:
            seen[values] = line
