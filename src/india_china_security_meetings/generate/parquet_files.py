"""Every table as Apache Parquet, with Arrow types that follow its Table Schema.

Dates are Arrow dates, integers 64-bit integers, numbers doubles, and every string field a
string (CAMEO codes keep their leading zeros). Required fields are not nullable. Titles and
descriptions travel as field metadata, the table's and the package's as schema metadata. The
writer is pinned (requirements.txt) and writes no timestamps, so the same package gives the same
bytes.
"""

from __future__ import annotations

import json

from ..reader import PackageReader

# Written with these settings only: a change here changes every release file's bytes.
WRITE_OPTIONS = {"compression": "zstd", "compression_level": 9, "use_dictionary": True, "write_statistics": True}


def arrow_type(field_type: str):
    import pyarrow as pa

    return {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }[field_type]


def arrow_schema(reader: PackageReader, name: str):
    import pyarrow as pa

    schema = reader.schema(name)
    fields = []
    for field in schema["fields"]:
        metadata = {k: str(field[k]) for k in ("title", "description", "x-origin") if field.get(k)}
        fields.append(
            pa.field(
                field["name"],
                arrow_type(field.get("type", "string")),
                nullable=not field.get("constraints", {}).get("required", False),
                metadata=metadata,
            )
        )
    metadata = {
        "package": f"{reader.name} {reader.version}",
        "resource": name,
        "title": schema.get("title", ""),
        "description": schema.get("description", ""),
        "primaryKey": json.dumps(schema.get("primaryKey", [])),
    }
    return pa.schema(fields, metadata=metadata)


def parquet_bytes(reader: PackageReader, name: str) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(reader.records(name), schema=arrow_schema(reader, name))
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, **WRITE_OPTIONS)
    return sink.getvalue().to_pybytes()


def parquet_files(reader: PackageReader, stem: str) -> dict[str, bytes]:
    """{release file name: bytes}, one Parquet file per table."""
    return {f"{stem}-{name}.parquet": parquet_bytes(reader, name) for name in reader.table_names()}
