"""Values safe to carry: no terminal or bidirectional controls outside the source's own words,
and URLs only with the schemes a link may have (value_safety.py holds each check once)."""

from __future__ import annotations

from .. import codes
from ..cells import cell_issues
from ..changelog import PATH as CHANGELOG
from ..changelog import text_issue
from ..value_safety import BIDI_KIND, CONTROL_KIND, URL_KIND, descriptor_issues
from . import rule

CODE_OF = {
    CONTROL_KIND: codes.VALUES_CONTROL_CHAR,
    BIDI_KIND: codes.VALUES_BIDI_CONTROL,
    URL_KIND: codes.VALUES_URL_SCHEME,
}


@rule(codes.VALUES_CONTROL_CHAR, codes.VALUES_BIDI_CONTROL, codes.VALUES_URL_SCHEME)
def check_descriptor_values(ctx):
    """Descriptor and Table Schema strings, and CHANGELOG.md, are safe to print, render and follow as links."""
    documents = [(ctx.descriptor_rel, ctx.descriptor, ctx.line_of)]
    for resource in ctx.resources:
        schema = ctx.table_schemas.get(resource.name)
        where = resource.descriptor.get("schema")
        if isinstance(schema, dict) and isinstance(where, str):
            documents.append((where, schema, None))
    for rel, value, line_of in documents:
        for pointer, kind, message in descriptor_issues(value):
            line = line_of(tuple(int(p) if p.isdigit() else p for p in pointer.split("/")[1:])) if line_of else None
            yield CODE_OF[kind].at(rel, line, pointer, variant="pointer", pointer=pointer, message=message)
    changelog = ctx.read_text(CHANGELOG)
    issue = text_issue(changelog) if changelog is not None else None
    if issue:  # its notes reach the page, the archive and the release notes
        line, kind, message = issue
        yield CODE_OF[kind].at(CHANGELOG, line, variant="changelog", message=message)


@rule(codes.CELLS_BIDI_CONTROL, codes.CELLS_URL_SCHEME, per_table=True)
def check_cell_values(ctx, resource, table):
    """Cells outside the verbatim fields hold no bidirectional control; URL cells have a safe scheme."""
    schema = ctx.table_schemas.get(resource.name)
    if not schema or table is None:
        return
    for kind, line, field, value, why in cell_issues(resource.name, schema, table, (BIDI_KIND, URL_KIND)):
        if kind == BIDI_KIND:
            yield codes.CELLS_BIDI_CONTROL.at(resource.path, line, field, message=why)
        else:
            yield codes.CELLS_URL_SCHEME.at(resource.path, line, field, value=value[:60], found=why)
