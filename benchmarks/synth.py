#!/usr/bin/env python3
"""Write a synthetic package of N meetings: `python benchmarks/synth.py N OUT`.

Each meeting is the real meeting again, under its own IDs and its own copy of the held
source, so the synthetic package has the real package's schemas, rules and proportions
(about 125 rows per meeting) and passes the validator. The vocabularies (topics, CAMEO
codes, countries) are shared, as they would be. Deterministic: the same N gives the same bytes.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from india_china_security_meetings.csv_format import parse_csv, render_csv
from india_china_security_meetings.fileio import write_atomic
from india_china_security_meetings.generate.derived_files import data_files
from india_china_security_meetings.layout import csv_path, repository_root, table_schema_path, tables

SHARED = {"topics", "cameo_codes", "countries"}  # vocabularies: one copy for all meetings
# Labels that rules compare with the text (a place's label is the place as written) stay as they are.
LABEL_KEPT = {"places"}


def per_meeting_fields(schema: dict, table: str) -> set[str]:
    """Fields holding IDs of per-meeting records: the primary key and keys into per-meeting tables."""
    fields = set() if table in SHARED else set(schema["primaryKey"])
    for fk in schema.get("foreignKeys", []):
        target = fk["reference"].get("resource", table)
        if target not in SHARED:
            fields.update(fk["fields"])
    return fields


def _external_entry(entry: dict, schemas: dict, suffix: str, meeting: int) -> dict | None:
    """An entry of the outside-values register for one meeting: it names that meeting's record,
    and a value that is a per-meeting ID carries the meeting's suffix; entries about the shared
    vocabularies appear once."""
    resource = entry["resource"]
    if resource in SHARED:
        return entry if meeting == 1 else None
    entry = dict(entry, record_id=entry["record_id"] + suffix)
    if entry["field"] in per_meeting_fields(schemas[resource], resource):
        entry["value"] += suffix
    elif entry["field"] == "label" and entry["value"] and resource not in LABEL_KEPT:
        entry["value"] += f" (meeting {meeting})"  # as the labels themselves, below
    return entry


def synthesize(n: int, out: Path, root: Path | None = None) -> None:
    root = root or repository_root()
    out.mkdir(parents=True, exist_ok=True)
    for rel in ("schemas", "CHANGELOG.md", "CITATION.cff", "datapackage.json"):
        source, target = root / rel, out / rel
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, target)
    held = {}
    schemas = {t: json.loads((root / table_schema_path(t)).read_text(encoding="utf-8")) for t in tables(root)}
    for table in tables(root):
        schema = json.loads((root / table_schema_path(table)).read_text(encoding="utf-8"))
        parsed = parse_csv((root / csv_path(table)).read_text(encoding="utf-8"))
        rows = [cells for _, cells in parsed.rows]
        if table in SHARED:
            write_atomic(out / csv_path(table), render_csv(parsed.header, rows))
            continue
        ids = per_meeting_fields(schema, table)
        synthetic = []
        for meeting in range(1, n + 1):
            suffix = f"-m{meeting:04d}"
            for cells in rows:
                copy = {k: (v + suffix if k in ids and v else v) for k, v in cells.items()}
                if table == "external_values":
                    copy = _external_entry(copy, schemas, suffix, meeting)
                    if copy is None:
                        continue
                if table == "withdrawn_ids":
                    # a withdrawn record of a shared vocabulary is withdrawn once; others per meeting
                    if cells["resource"] in SHARED and meeting > 1:
                        continue
                    copy = dict(cells, record_id=cells["record_id"] + ("" if cells["resource"] in SHARED else suffix))
                if "label" in copy and copy["label"] and table not in LABEL_KEPT:
                    copy["label"] += f" (meeting {meeting})"  # each meeting's actors and sources are distinct records
                if table == "sources" and cells.get("path"):
                    copy["path"] = f"data/sources/synthetic-meeting-{meeting:04d}.txt"
                    held[copy["path"]] = root / cells["path"]
                synthetic.append(copy)
        write_atomic(out / csv_path(table), render_csv(parsed.header, synthetic))
    for rel, original in held.items():
        write_atomic(out / rel, original.read_bytes())
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["name"] += "-synthetic"
    descriptor["title"] = f"Synthetic benchmark package: {n} copies of the meeting"
    write_atomic(
        out / "datapackage.json", (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    )
    for rel, data in data_files(out).items():
        write_atomic(out / rel, data)


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("usage: python benchmarks/synth.py N OUT   (N ≥ 1 meetings)")
    synthesize(int(sys.argv[1]), Path(sys.argv[2]))
