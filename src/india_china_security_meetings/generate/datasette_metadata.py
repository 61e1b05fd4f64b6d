"""Datasette metadata for the release's SQLite database, generated from the descriptor.

Titles, descriptions, the licence and the source for the database and every table, a
description for every column (with its origin: source text, our annotation, outside knowledge),
and the column Datasette shows for a foreign key's label. Datasette draws foreign-key links from
the SQLite schema itself; the held texts are the table `held_texts`.
"""

from __future__ import annotations

from ..buildable import HELD_TEXTS_TABLE, METADATA_TABLE
from ..reader import PackageReader
from .paragraph_view import DESCRIPTION as PARAGRAPHS_DESCRIPTION
from .paragraph_view import VIEW

# The column a referencing row shows for a record of these tables (Datasette's label_column).
LABEL_COLUMNS = ("label", "name", "title")


def metadata(reader: PackageReader, database: str) -> dict:
    descriptor = reader.descriptor
    licence = next(iter(descriptor.get("licenses", [])), {})
    source = next(iter(descriptor.get("sources", [])), {})
    tables = {}
    for name in reader.table_names():
        schema = reader.schema(name)
        columns = {}
        for field in schema["fields"]:
            origin = field.get("x-origin", "")
            columns[field["name"]] = f"{field.get('title', '')}. {field.get('description', '')} [{origin}]".strip()
        entry = {"title": schema.get("title", name), "description": schema.get("description", ""), "columns": columns}
        names = [f["name"] for f in schema["fields"]]
        label = next((c for c in LABEL_COLUMNS if c in names), None)
        if label:
            entry["label_column"] = label
        tables[name] = entry
    tables[HELD_TEXTS_TABLE] = {
        "title": "Held source texts",
        "description": "The verbatim text of each held source, byte for byte as in data/sources/: every span "
        "(source_id, start, end) of the other tables points into it. Not covered by the data licence.",
    }
    tables[VIEW] = {"title": "Paragraph view", "description": PARAGRAPHS_DESCRIPTION}
    tables[METADATA_TABLE] = {"title": "Package metadata", "description": "Name, version, licence and citation."}
    return {
        "title": f"{descriptor.get('title', reader.name)} — version {reader.version}",
        "description": descriptor.get("description", "").split("\n\n")[0],
        "license": licence.get("title") or licence.get("name", ""),
        "license_url": licence.get("path", ""),
        "source": source.get("title", ""),
        "source_url": source.get("path", ""),
        "databases": {database: {"tables": tables}},
    }
