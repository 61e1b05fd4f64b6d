"""Valid means safe to build: names, types and values every release format can carry."""

from __future__ import annotations

import os
import stat

from .. import buildable, codes, layout
from ..cells import RANGE_KIND, cell_issues
from ..json_values import loads_strict
from . import rule


@rule(codes.BUILD_RESERVED_NAME, codes.BUILD_FIELD_NAME, codes.BUILD_FIELD_TYPE, codes.BUILD_KEYS)
def check_buildable_schemas(ctx):
    """Table and field names and field types that every release format can carry."""
    for name, rel, schema in _table_schemas(ctx):
        issue = buildable.table_name_issue(name)
        if issue:
            yield codes.BUILD_RESERVED_NAME.at(rel, None, "name", message=issue)
        if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
            continue
        for issue in buildable.schema_issues(schema):
            yield codes.BUILD_KEYS.at(
                rel, None, "primaryKey" if issue.startswith("primaryKey") else "foreignKeys", message=issue
            )
        for field in schema["fields"]:
            if not isinstance(field, dict):
                continue
            name = field.get("name")
            issue = buildable.field_name_issue(name)
            if issue:
                yield codes.BUILD_FIELD_NAME.at(str(rel), None, str(name)[:60], message=issue)
            issue = buildable.field_type_issue(field.get("type", "string"))
            if issue:
                yield codes.BUILD_FIELD_TYPE.at(str(rel), None, str(name)[:60], message=issue)


def _table_schemas(ctx):
    """(table name, schema file, schema) of every table: the descriptor's, and any Table Schema on
    disk that `make build` would add (it stops on these same names and types, so they may be
    there without a resource yet)."""
    seen = set()
    for resource in ctx.resources:
        if resource.descriptor.get("type") == "table":
            seen.add(resource.name)
            yield resource.name, str(resource.descriptor.get("schema")), ctx.table_schemas.get(resource.name)
    for name in layout.tables(ctx.root):
        if name not in seen:
            rel = layout.table_schema_path(name)
            try:
                schema = loads_strict(ctx.read_text(rel) or "")
            except ValueError:
                schema = None  # unreadable: the contract and schema rules say so
            yield name, rel, schema


@rule(codes.BUILD_OUTPUT_PATH)
def check_output_paths(ctx):
    """Where the build and the generators write (documents, dist/, site/) is no link, FIFO or device."""
    base = os.path.realpath(ctx.root)
    for rel in (*layout.GENERATED_DOCUMENTS, *layout.OUTPUT_FOLDERS):
        parent = os.path.realpath(os.path.dirname(ctx.root / rel))
        if os.path.commonpath([parent, base]) != base:
            yield codes.BUILD_OUTPUT_PATH.at(rel, variant="folder", rel=rel)
            continue
        try:
            info = os.lstat(ctx.root / rel)
        except OSError:
            continue  # absent: the build makes it
        folder = rel in layout.OUTPUT_FOLDERS
        fine = stat.S_ISDIR(info.st_mode) if folder else stat.S_ISREG(info.st_mode)
        if stat.S_ISLNK(info.st_mode) or not fine:
            kind = "a folder" if folder else "a regular file"
            yield codes.BUILD_OUTPUT_PATH.at(rel, variant="file", rel=rel, kind=kind)


@rule(codes.BUILD_CELL_RANGE, per_table=True)
def check_buildable_cells(ctx, resource, table):
    """A cell is what the release writers read: integers in 64 bits, finite numbers, true/false, calendar dates, in ASCII."""
    schema = ctx.table_schemas.get(resource.name)
    if not schema or table is None:
        return
    for _, line, field, _, why in cell_issues(resource.name, schema, table, (RANGE_KIND,)):
        yield codes.BUILD_CELL_RANGE.at(resource.path, line, field, message=why)
