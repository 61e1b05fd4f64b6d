"""docs/codebook.md, generated from the Table Schemas and the data."""

from __future__ import annotations

from ..reader import PackageReader

ORIGINS = {
    "verbatim": "**source text**: byte-identical to a span of the held source",
    "annotation": "**our annotation**: coded by the curators, not the source's words",
    "identifier": "identifier assigned by this package (or a reference to one)",
    "provenance": "provenance: offsets or positions in the held source",
    "bibliographic": "bibliographic fact about a document, recorded where established",
    "external": "**outside knowledge**: not in the held text; every value is listed in `external_values` with its basis",
}


def _constraints(field: dict) -> str:
    parts = []
    for key, value in field.get("constraints", {}).items():
        if key == "enum":
            continue
        # A pipe would end the table cell, even inside a code span: GFM tables take it escaped.
        parts.append("required" if key == "required" and value else f"{key} `{str(value).replace('|', chr(92) + '|')}`")
    span = field.get("x-span")
    if span:
        parts.append(f"equals `{span['source']}` text at [`{span['start']}`, `{span['end']}`)")
    return "; ".join(parts) or "—"


def _example(rows: list[dict], name: str) -> str:
    for cells in rows:
        value = cells.get(name, "")
        if value:
            value = value if len(value) <= 80 else value[:77] + "…"
            return "`" + value.replace("`", "'").replace("|", "/") + "`"
    return "(always empty in this version)"


def codebook(reader: PackageReader) -> str:
    """The codebook of the package `reader` reads (the build passes the package it is making)."""
    descriptor = reader.descriptor
    out = [
        "# Codebook",
        "",
        f"Generated from the Table Schemas of version {descriptor['version']} by `make build`; do not edit by hand.",
        "",
        "Every field says where its values come from:",
        "",
        *[f"- `{key}`: {text}" for key, text in ORIGINS.items()],
        "",
        "Empty cells mean *unknown or not applicable*; nothing is filled from outside the source unless the field says so.",
        "Each table is also published as JSON (`data/json/<table>.json`, an array of typed objects; empty cells are `null`).",
        "",
    ]
    for entry in reader.table_entries():
        schema = reader.schema(entry["name"])
        rows = reader.rows(entry["name"])
        out += [f"## {entry['name']}", "", schema.get("description", ""), ""]
        out.append(f"File `{entry['path']}`, {len(rows)} rows; primary key `{', '.join(schema['primaryKey'])}`.")
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"].get("resource", entry["name"])
            out.append(f"`{', '.join(fk['fields'])}` → `{target}.{', '.join(fk['reference']['fields'])}`.")
        for key in schema.get("uniqueKeys", []):
            out.append(f"Unique together: `{', '.join(key)}`.")
        out += ["", "| field | type | origin | description | constraints | example |", "|---|---|---|---|---|---|"]
        for field in schema["fields"]:
            description = field.get("description", "").replace("|", "/")
            out.append(
                f"| `{field['name']}` | {field['type']} | {field.get('x-origin', '')} | **{field.get('title', '')}.** {description} | "
                f"{_constraints(field)} | {_example(rows, field['name'])} |"
            )
        coded = [f for f in schema["fields"] if f.get("categories")]
        for field in coded:
            out += ["", f"Allowed values of `{field['name']}`:", ""]
            out += [f"- `{c['value']}`: {c['label']}" for c in field["categories"]]
        out.append("")
    return "\n".join(out)
