"""The contract: what the package must keep, declared in code (see `contract.py`), checked against
the files, so that removing a table, a span declaration or a reference check is an error."""

from __future__ import annotations

import os

from .. import contract
from . import problem, rule


@rule("contract/table-missing")
def check_required_tables(ctx):
    """Every table the contract names is a table resource of the descriptor (a dropped table is not a skipped check)."""
    present = {r.name for r in ctx.resources if r.is_table}
    for name in contract.REQUIRED_TABLES:
        if name not in present:
            yield problem(
                "contract/table-missing",
                ctx.descriptor_rel,
                f"the table {name!r} is missing; the package promises it (contract.REQUIRED_TABLES) and rules depend on it",
                ctx.line_of(("resources",)),
                "resources",
            )


@rule("contract/span-declaration")
def check_span_declarations(ctx):
    """Every verbatim field the contract names keeps `x-origin: verbatim` and its `x-span` (source, start, end) in its Table Schema."""
    for table, fields in contract.VERBATIM.items():
        schema = ctx.table_schemas.get(table)
        if schema is None:
            continue  # a missing table or unreadable schema is reported by its own rule
        resource = ctx.resource_named(table)
        where = (
            resource.descriptor.get("schema")
            if isinstance(resource.descriptor.get("schema"), str)
            else ctx.descriptor_rel
        )
        declared = {f.get("name"): f for f in schema.get("fields", []) if isinstance(f, dict)}
        for name, (source, start, end) in fields.items():
            field = declared.get(name)
            expected = {"source": source, "start": start, "end": end}
            if field is None:
                yield problem(
                    "contract/span-declaration",
                    where,
                    f"verbatim field {name!r} of {table} is missing from the schema",
                    None,
                    name,
                )
            elif field.get("x-span") != expected or field.get("x-origin") != "verbatim":
                yield problem(
                    "contract/span-declaration",
                    where,
                    f"{table}.{name} must keep x-origin 'verbatim' and x-span {expected} (it has {str(field.get('x-origin'))[:30]!r}, "
                    f"{str(field.get('x-span'))[:120]}); its text is checked against the source through it",
                    None,
                    name,
                )


def _declared_files(ctx) -> set[str]:
    files = {ctx.descriptor_rel}
    for resource in ctx.resources:
        for key in ("path", "schema", "jsonSchema", "dialect"):
            value = resource.descriptor.get(key)
            if isinstance(value, str):
                files.add(value)
    for _, cells in ctx.table_rows("sources"):
        if cells.get("path"):
            files.add(cells["path"])
    return files


@rule("contract/undeclared-file")
def check_no_undeclared_files(ctx):
    """Every file under data/ and schemas/ is a resource, a schema, a held source or a vendored profile (a stray file is not ignored)."""
    declared = _declared_files(ctx)
    for folder in contract.DECLARED_FOLDERS:
        top = os.path.join(ctx.root, folder)
        if not os.path.isdir(top) or os.path.islink(top):
            continue
        for current, dirs, files in os.walk(top):  # links are listed, never followed
            dirs.sort()
            for name in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(current, d))]:
                rel = os.path.relpath(os.path.join(current, name), ctx.root).replace(os.sep, "/")
                if rel in declared or rel.startswith(contract.VENDORED_PREFIXES):
                    continue
                yield problem(
                    "contract/undeclared-file",
                    rel,
                    "lies in a package folder but no resource, schema or held source names it; remove it or declare it",
                )
