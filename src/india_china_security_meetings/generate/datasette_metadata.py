"""Datasette metadata for the release's SQLite database, generated from the descriptor.

Titles, descriptions, the licence and the source for the database and every table, a
description for every column (with its origin: source text, our annotation, outside knowledge),
and the column Datasette shows for a foreign key's label. Datasette draws foreign-key links from
the SQLite schema itself (the release declares every foreign key); the held texts are the table
`held_texts`.

Datasette 0.65 prints a table's column descriptions (metadata `columns`) as a list above its
rows, and has no setting to move it: with about 31 columns, the data starts a screen further
down. `serve` passes no template folder, so the list is collapsed with metadata alone: the
table's `description_html` carries the description and, in a closed <details>, the column
descriptions; a stylesheet hides Datasette's own list (each column's menu still shows its
description). `columns` stays, for the column menus and for clients of /-/metadata.json.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from ..buildable import HELD_TEXTS_TABLE, METADATA_TABLE
from ..reader import PackageReader
from .paragraph_view import COLUMNS as PARAGRAPHS_COLUMNS
from .paragraph_view import DESCRIPTION as PARAGRAPHS_DESCRIPTION
from .paragraph_view import VIEW

# The column a referencing row shows for a record of these tables (Datasette's label_column).
LABEL_COLUMNS = ("label", "name", "title")

# Datasette's own list of column descriptions, a direct child of the page's content section (the
# collapsed copy in the description is not).
HIDE_COLUMN_LIST = "section.content>dl.column-descriptions{display:none}"
STYLESHEET = "data:text/css," + quote(HIDE_COLUMN_LIST, safe="")


def description_html(description: str, columns: dict[str, str]) -> str:
    """The table's description, then its column descriptions in a closed <details>."""
    items = "".join(f"<dt>{escape(name)}</dt><dd>{escape(text)}</dd>" for name, text in columns.items())
    details = (
        f"<details><summary>Column descriptions ({len(columns)})</summary>"
        f'<dl class="column-descriptions">{items}</dl></details>'
    )
    return (f"<p>{escape(str(description))}</p>" if description else "") + (details if columns else "")


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
        description = schema.get("description", "")
        entry = {
            "title": schema.get("title", name),
            "description": description,
            "description_html": description_html(description, columns),
            "columns": columns,
        }
        label = next((c for c in LABEL_COLUMNS if c in columns), None)  # the columns are the field names
        if label:
            entry["label_column"] = label
        tables[name] = entry
    tables[HELD_TEXTS_TABLE] = {
        "title": "Held source texts",
        "description": "The verbatim text of each held source, byte for byte as in data/sources/: every span "
        "(source_id, start, end) of the other tables points into it. Not covered by the data licence.",
    }
    tables[VIEW] = {"title": "Paragraph view", "description": PARAGRAPHS_DESCRIPTION, "columns": PARAGRAPHS_COLUMNS}
    tables[METADATA_TABLE] = {"title": "Package metadata", "description": "Name, version, licence and citation."}
    return {
        "title": f"{descriptor.get('title', reader.name)} — version {reader.version}",
        "description": descriptor.get("description", "").split("\n\n")[0],
        "license": licence.get("title") or licence.get("name", ""),
        "license_url": licence.get("path", ""),
        "source": source.get("title", ""),
        "source_url": source.get("path", ""),
        "extra_css_urls": [STYLESHEET],
        "databases": {database: {"tables": tables}},
    }
