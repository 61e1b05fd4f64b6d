"""What frictionless reads but does not enforce: `categories` and `uniqueKeys`."""

from __future__ import annotations

from .. import contract
from . import problem, rule


@rule("table/category", per_table=True)
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
                    yield problem(
                        "table/category",
                        resource.path,
                        f"{value!r} is not one of the categories {sorted(allowed)}",
                        line,
                        name,
                    )


@rule("table/unique-key", per_table=True)
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
                    yield problem(
                        "table/unique-key",
                        resource.path,
                        f"({', '.join(key)}) = {values!r} repeats line {seen[values]}",
                        line,
                        ",".join(key),
                    )
                else:
                    seen[values] = line


@rule("table/natural-key", per_table=True)
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
            yield problem(
                "table/natural-key",
                resource.path,
                f"same {', '.join(key)} as the row on line {seen[values]}: one fact recorded twice under two IDs",
                line,
                key[0],
            )
        else:
            seen[values] = line
