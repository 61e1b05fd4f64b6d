"""Values safe to carry: no terminal or bidirectional controls outside the source's own words,
and URLs only with the schemes a link may have (value_safety.py holds each check once)."""

from __future__ import annotations

from .. import contract
from ..changelog import PATH as CHANGELOG
from ..changelog import text_issue
from ..value_safety import BIDI, BIDI_KIND, CONTROL_KIND, URL_KIND, bidi_issue, descriptor_issues, url_issue
from . import problem, rule

CODES = {
    "values/control-char": "A descriptor or Table Schema string (once its JSON escapes are decoded) or CHANGELOG.md holds a control character (ESC, BEL, CR, C1).",
    "values/bidi-control": "A descriptor or Table Schema string or CHANGELOG.md holds a bidirectional control (U+202A–U+202E, U+2066–U+2069, marks): it reorders what readers see.",
    "values/url-scheme": "A URL of the descriptor (licence, source, contributor, homepage, id) has a scheme other than https or http (urn:uuid for the id), or no host.",
}


CODE_OF = {CONTROL_KIND: "values/control-char", BIDI_KIND: "values/bidi-control", URL_KIND: "values/url-scheme"}


@rule(CODES)
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
            path = tuple(part for part in pointer.split("/")[1:])
            line = line_of(tuple(int(p) if p.isdigit() else p for p in path)) if line_of else None
            yield problem(CODE_OF[kind], rel, f"{pointer}: {message}", line, pointer)
    changelog = ctx.read_text(CHANGELOG)
    issue = text_issue(changelog) if changelog is not None else None
    if issue:  # its notes reach the page, the archive and the release notes
        line, kind, message = issue
        yield problem(CODE_OF[kind], CHANGELOG, message, line)


def url_fields(name: str, schema: dict) -> set[str]:
    """The fields of a table that hold URLs: those the contract names, and any of format uri."""
    declared = set(contract.URL_FIELDS.get(name, ()))
    return declared | {f.get("name") for f in schema.get("fields", []) if f.get("format") == "uri"}


@rule(
    {
        "cells/bidi-control": "A table cell outside the verbatim fields holds a bidirectional control (U+202A–U+202E, U+2066–U+2069, marks).",
        "cells/url-scheme": "A URL cell (a field of format uri, or one the contract names) has a scheme other than https or http, or no host.",
    },
    per_table=True,
)
def check_cell_values(ctx, resource, table):
    """Cells outside the verbatim fields hold no bidirectional control; URL cells have a safe scheme."""
    schema = ctx.table_schemas.get(resource.name)
    if not schema or table is None:
        return
    verbatim = set(contract.VERBATIM.get(resource.name, {}))
    urls = url_fields(resource.name, schema)
    for name in table.header:
        if name in verbatim:
            continue
        if name not in urls and not BIDI.search("\n".join(value for _, (value,) in table.cells_of([name]))):
            continue  # one scan of the column: its rows are looked at only when it holds a control
        for line, (value,) in table.cells_of([name]):
            if value == "":
                continue
            bidi = bidi_issue(value)
            found = url_issue(value) if bidi is None and name in urls else None
            if bidi:
                yield problem("cells/bidi-control", resource.path, bidi, line, name)
            elif found:
                yield problem("cells/url-scheme", resource.path, f"{value[:60]!r} {found}", line, name)
