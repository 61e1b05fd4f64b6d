"""The contract: what the package must keep, declared in code (see `contract.py`), checked against
the files, so that removing a table, a span declaration or a reference check is an error."""

from __future__ import annotations

import os

from .. import codes, contract
from . import rule


@rule(codes.CONTRACT_TABLE_MISSING)
def check_required_tables(ctx):
    """Every table the contract names is a table resource of the descriptor (a dropped table is not a skipped check)."""
    present = {r.name for r in ctx.resources if r.is_table}
    for name in contract.REQUIRED_TABLES:
        if name not in present:
            yield codes.CONTRACT_TABLE_MISSING.at(
                ctx.descriptor_rel, ctx.line_of(("resources",)), "resources", name=name
            )


@rule(codes.CONTRACT_SPAN_DECLARATION)
def check_span_declarations(ctx):
    """Every verbatim field the contract names keeps `x-origin: verbatim` and its `x-span` (source, start, end) in its Table Schema."""
    for table, fields in contract.VERBATIM.items():
        schema = ctx.table_schemas.get(table)
        if schema is None:
            continue  # a missing table or unreadable schema is reported by its own rule
        resource = ctx.resource_named(table)
        where = resource.descriptor.get("schema")
        where = where if isinstance(where, str) else ctx.descriptor_rel
        declared = {f.get("name"): f for f in schema.get("fields", []) if isinstance(f, dict)}
        for name, (source, start, end) in fields.items():
            field = declared.get(name)
            expected = {"source": source, "start": start, "end": end}
            if field is None:
                yield codes.CONTRACT_SPAN_DECLARATION.at(where, None, name, variant="missing", name=name, table=table)
            elif field.get("x-span") != expected or field.get("x-origin") != "verbatim":
                yield codes.CONTRACT_SPAN_DECLARATION.at(
                    where,
                    None,
                    name,
                    variant="changed",
                    table=table,
                    name=name,
                    expected=expected,
                    x_origin=str(field.get("x-origin"))[:30],
                    x_span=str(field.get("x-span"))[:120],
                )


def _declared_files(ctx) -> set[str]:
    """The descriptor, every file a resource names (an inline schema or dialect is no file), every held source."""
    named = (r.descriptor.get(key) for r in ctx.resources for key in ("path", "schema", "jsonSchema", "dialect"))
    held = (cells["path"] for _, cells in ctx.table_rows("sources") if cells.get("path"))
    return {ctx.descriptor_rel, *(rel for rel in named if isinstance(rel, str)), *held}


@rule(codes.CONTRACT_UNDECLARED_FILE)
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
                yield codes.CONTRACT_UNDECLARED_FILE.at(rel)
