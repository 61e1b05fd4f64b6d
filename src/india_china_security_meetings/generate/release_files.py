"""Release artifacts: a self-contained ZIP of the package, an SQLite database, and SHA256SUMS.

The same commit gives the same bytes: time comes from SOURCE_DATE_EPOCH (default: the
release date of the version), entries are sorted, and permissions and system fields are fixed.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import os
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path

from .. import file_gate
from ..buildable import HELD_TEXTS_TABLE, METADATA_TABLE
from ..csv_format import cast
from ..exports import event_exports
from ..fileio import dump_json, write_atomic
from ..layout import PACKAGE_DOCUMENTS, R_PACKAGE_FILES
from ..reader import PackageError, PackageReader
from ..record_hashes import hashes_csv
from ..validate import require_valid
from . import citation, paragraph_view
from .changes_feed import changes_feed
from .datasette_metadata import metadata as datasette_metadata
from .parquet_files import parquet_files
from .release_readme import release_readme
from .web_annotations import annotation_files

ZIP_EPOCH_MIN = 315532800  # 1980-01-01: ZIP cannot store earlier times
SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "DATE"}


def source_date_epoch(root: Path) -> int:
    """SOURCE_DATE_EPOCH if set, else midnight UTC of the version's release date."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value:
        epoch = int(value)
    else:
        epoch = calendar.timegm(time.strptime(citation.release_date(root), "%Y-%m-%d"))
    return max(epoch, ZIP_EPOCH_MIN)


def package_files(reader: PackageReader) -> list[str]:
    """Every file a user needs: descriptor, data, schemas, held sources, documents; each name
    checked by the file gate, so nothing outside the package can be carried into an archive."""
    files = {"datapackage.json", *PACKAGE_DOCUMENTS, *R_PACKAGE_FILES}
    for entry in (r.descriptor for r in reader.resources):
        files.add(str(entry.get("path")))
        for key in ("schema", "jsonSchema"):
            if isinstance(entry.get(key), str):
                files.add(entry[key])
    for cells in reader.rows("sources"):
        if cells.get("path"):
            files.add(cells["path"])
    for rel in files:
        issue = file_gate.path_issue(reader.root, rel)
        if issue:
            raise PackageError(f"{rel[:100]}: {issue[1]}")
    return sorted(files)


def sha256sums(entries: dict[str, bytes]) -> bytes:
    """GNU coreutils format, sorted by name."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(entries.items())).encode(
        "utf-8"
    )


def zip_bytes(top: str, entries: dict[str, bytes], epoch: int) -> bytes:
    stamp = time.gmtime(epoch)[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=stamp)
            info.create_system = 3  # Unix, whatever the building machine
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[name], compresslevel=9)
    return buffer.getvalue()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(name: str, schema: dict) -> str:
    columns = []
    for field in schema["fields"]:
        column = f"{_quote(field['name'])} {SQL_TYPES.get(field.get('type', 'string'), 'TEXT')}"
        if field.get("constraints", {}).get("required"):
            column += " NOT NULL"
        columns.append(column)
    columns.append(f"PRIMARY KEY ({', '.join(map(_quote, schema['primaryKey']))})")
    for fk in schema.get("foreignKeys", []):
        target = fk["reference"].get("resource") or name
        columns.append(
            f"FOREIGN KEY ({', '.join(map(_quote, fk['fields']))}) "
            f"REFERENCES {_quote(target)} ({', '.join(map(_quote, fk['reference']['fields']))})"
        )
    return f"CREATE TABLE {_quote(name)} (\n  " + ",\n  ".join(columns) + "\n)"


def _sql_value(field_type: str, text: str):
    value = cast(field_type, text)
    return int(value) if isinstance(value, bool) else value


def fill_database(con: sqlite3.Connection, reader: PackageReader, released: str) -> None:
    """One table per resource (declared types, keys), a `metadata` table, the held source texts
    (`held_texts`), and the paragraph view."""
    descriptor = reader.descriptor
    con.execute(f'CREATE TABLE {_quote(METADATA_TABLE)} ("key" TEXT PRIMARY KEY, "value" TEXT NOT NULL)')
    licences = "; ".join(f"{lic.get('name', '')} ({lic.get('path', '')})" for lic in descriptor.get("licenses", []))
    metadata = {
        "name": reader.name,
        "title": descriptor["title"],
        "version": reader.version,
        "released": released,
        "license": licences,
        "citation": citation.recommended_citation(descriptor, released),
        "rights": "Quoted source texts are not covered by the data licence; see LICENSE-DATA.md in the archive.",
        "description": descriptor.get("description", ""),
    }
    con.executemany(f"INSERT INTO {_quote(METADATA_TABLE)} VALUES (?, ?)", sorted(metadata.items()))
    for name in reader.table_names():
        schema = reader.schema(name)
        con.execute(create_table_sql(name, schema))
        fields = reader.fields(name)
        marks = ", ".join("?" for _ in fields)
        con.executemany(
            f"INSERT INTO {_quote(name)} VALUES ({marks})",
            [[_sql_value(t, cells.get(n, "")) for n, t in fields] for cells in reader.rows(name)],
        )
    # The held source texts themselves, so that every span can be read where the rows are.
    con.execute(
        f'CREATE TABLE {_quote(HELD_TEXTS_TABLE)} ("source_id" TEXT PRIMARY KEY REFERENCES "sources" ("source_id"), '
        '"path" TEXT NOT NULL, "sha256" TEXT NOT NULL, "text" TEXT NOT NULL)'
    )
    con.executemany(
        f"INSERT INTO {_quote(HELD_TEXTS_TABLE)} VALUES (?, ?, ?, ?)",
        [
            (row["source_id"], row["path"], row["sha256"], reader.held_text(row["source_id"]))
            for row in reader.rows("sources")
            if row.get("path")
        ],
    )
    paragraph_view.create_view(con)
    violations = con.execute("PRAGMA foreign_key_check").fetchall()
    if violations:
        raise ValueError(f"foreign key violations in the SQLite build: {violations[:5]}")


def sqlite_bytes(reader: PackageReader, released: str) -> bytes:
    """The release's SQLite database (see `fill_database`), byte-identical for the same package."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "package.sqlite"
        con = sqlite3.connect(path)
        try:
            con.execute("PRAGMA page_size = 4096")
            con.execute("PRAGMA journal_mode = DELETE")
            fill_database(con, reader, released)
            con.commit()
        finally:
            con.close()
        return path.read_bytes()


def paragraphs_csv(database: bytes) -> bytes:
    """The paragraph view as CSV, read from the release's own SQLite database (the same view)."""
    con = sqlite3.connect(":memory:")
    try:
        con.deserialize(database)
        return paragraph_view.paragraphs_csv(con)
    finally:
        con.close()


def build_dist(root: Path, out: Path) -> dict[str, bytes]:
    """Write the artifacts into `out`; return {file name: bytes}."""
    root, out = Path(root), Path(out)
    require_valid(root)
    reader = PackageReader(root)
    released = citation.release_date(root)
    epoch = source_date_epoch(root)
    stem = f"{reader.name}-{reader.version}"  # both checked: they name files in `out`
    entries = {rel: reader.bytes(rel) for rel in package_files(reader)}
    # The archive's README is written for whoever downloaded it, not the repository's.

    entries["README.md"] = release_readme(reader, released, [*entries, "SHA256SUMS"]).encode("utf-8")
    entries["SHA256SUMS"] = sha256sums(entries)

    database = sqlite_bytes(reader, released)
    artifacts = {
        f"{stem}.zip": zip_bytes(stem, entries, epoch),
        f"{stem}.sqlite": database,
        f"{stem}-paragraphs.csv": paragraphs_csv(database),
        **event_exports(root, stem),
        **parquet_files(reader, stem),
        **annotation_files(reader, stem),
        f"{stem}-record-hashes.csv": hashes_csv(reader),
        f"{stem}-datasette.json": dump_json(datasette_metadata(reader, reader.name)),
    }

    feed = changes_feed(root)
    if feed is not None:  # none before a first release, or when `make release` had no history
        artifacts[f"{stem}-changes.json"] = dump_json(feed)
    artifacts["SHA256SUMS"] = sha256sums(artifacts)
    for name, data in artifacts.items():
        write_atomic(out / name, data, out)
    return artifacts
