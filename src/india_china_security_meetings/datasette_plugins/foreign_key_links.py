"""Datasette plugin (loaded by `serve` with --plugins-dir): on a record's page, each foreign-key
value is a link to the record it names, as it already is on table pages.

Datasette 0.65 expands foreign keys into {"value", "label"} on table pages only; on a record page
the cell holds the plain value, which this hook turns into a link to the target's own page.
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.utils import tilde_encode
from markupsafe import Markup, escape


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if table is None or value is None or isinstance(value, dict | bytes):
        return None  # a query, an empty cell, or a table page's own expanded key

    async def link():
        for key in await datasette.get_database(database).foreign_keys_for_table(table):
            if key["column"] == column:
                url = datasette.urls.row(database, key["other_table"], tilde_encode(str(value)))
                return Markup(f'<a href="{escape(url)}">{escape(value)}</a>')
        return None

    return link
