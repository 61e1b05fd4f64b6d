"""Regenerate every derived file of the package and tell which committed copies are stale.

Curated inputs: the source texts, the CSV tables, the Table Schemas (except their
`enum` lists, which mirror `categories`) and the top-level metadata of
`datapackage.json`. Everything else is derived here.
"""

from __future__ import annotations

import copy
import difflib
import functools
import hashlib
import re
import sys
from pathlib import Path

from .. import file_gate, layout
from ..csv_format import DIALECT
from ..docs import agreement_block, external_values_block, readme_with_generated, replace_block, rules_markdown
from ..exports import mapping_markdown
from ..fileio import dump_json, write_atomic
from ..json_values import loads_strict
from ..reader import PackageError, PackageReader, refuse_unusable_descriptor
from ..schema_conversion import json_schema_for
from . import citation
from .codebook import codebook
from .croissant import croissant
from .twin_files import json_twin_bytes


def sync_enums(table_schema: dict) -> dict:
    """`constraints.enum` lists exactly the `categories` values (frictionless checks the former only)."""
    for field in table_schema["fields"]:
        if "categories" in field:
            values = [c["value"] if isinstance(c, dict) else c for c in field["categories"]]
            field.setdefault("constraints", {})["enum"] = values
    return table_schema


def file_facts(data: bytes) -> dict:
    return {"bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest()}


def csv_resource(name: str, table_schema: dict, data: bytes) -> dict:
    return {
        "name": name,
        "type": "table",
        "title": table_schema.get("title", name),
        "description": table_schema.get("description", ""),
        "path": layout.csv_path(name),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": dict(DIALECT),
        "schema": layout.table_schema_path(name),
        **file_facts(data),
    }


def json_resource(name: str, table_schema: dict, data: bytes) -> dict:
    return {
        "name": layout.json_resource_name(name),
        "title": f"{table_schema.get('title', name)} (JSON)",
        "description": f"The rows of `{name}` as a JSON array of typed objects, generated from the CSV.",
        "path": layout.json_path(name),
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
        "jsonSchema": layout.json_schema_path(name),
        "x-twinOf": name,
        **file_facts(data),
    }


def derived_files(root: Path) -> dict[str, bytes]:
    """Every derived file as it should be, keyed by its path relative to `root`."""
    root = Path(root)
    out = data_files(root)
    out.update(documentation(root, out))
    return out


@functools.lru_cache(maxsize=256)
def _table_files(name: str, schema_text: str, csv_bytes: bytes) -> tuple:
    """A table's derived files and descriptor entries: a pure function of its name, Table Schema
    and CSV, remembered (a process that builds many copies of one package rebuilds only what
    changed)."""
    table_schema = sync_enums(loads_strict(schema_text))
    twin = json_twin_bytes(csv_bytes.decode("utf-8"), table_schema, layout.csv_path(name))
    return (
        dump_json(table_schema),
        dump_json(json_schema_for(table_schema)),
        twin,
        csv_resource(name, table_schema, csv_bytes),
        json_resource(name, table_schema, twin),
    )


def data_files(root: Path, tables=None) -> dict[str, bytes]:
    """The derived files of the data itself: enums, JSON Schemas, JSON twins, the descriptor's resources."""
    root = Path(root)
    out: dict[str, bytes] = {}
    resources_csv, resources_json = [], []
    for name in layout.tables(root) if tables is None else tables:
        schema_rel = layout.table_schema_path(name)
        schema_text = file_gate.read_text(root, schema_rel)
        csv_bytes = file_gate.read_bytes(root, layout.csv_path(name))
        schema_bytes, json_schema_bytes, twin, csv_entry, json_entry = _table_files(name, schema_text, csv_bytes)
        out[schema_rel] = schema_bytes
        out[layout.json_schema_path(name)] = json_schema_bytes
        out[layout.json_path(name)] = twin
        resources_csv.append(copy.deepcopy(csv_entry))
        resources_json.append(copy.deepcopy(json_entry))
    descriptor = loads_strict(file_gate.read_text(root, layout.DESCRIPTOR))
    if not isinstance(descriptor, dict):
        raise PackageError(f"{layout.DESCRIPTOR}: must hold a JSON object")
    refuse_unusable_descriptor(descriptor)
    generated = resources_csv + resources_json
    _say_what_is_replaced(descriptor.get("resources", []), generated)
    descriptor["resources"] = generated
    out[layout.DESCRIPTOR] = dump_json(descriptor)
    return out


def _say_what_is_replaced(current: list, generated: list) -> None:
    """The descriptor's resources are generated from the schemas and files: a hand edit there
    would be lost, so name each resource whose entry is rewritten (beyond its bytes and hash)."""

    def comparable(entry):
        return {k: v for k, v in entry.items() if k not in ("bytes", "hash")} if isinstance(entry, dict) else entry

    before = {e.get("name"): comparable(e) for e in current if isinstance(e, dict)}
    changed = [e["name"] for e in generated if before.get(e["name"]) not in (None, comparable(e))]
    if changed:
        print(
            f"note: datapackage.json: the entries of {', '.join(changed)} are generated from their schemas and files; "
            "hand edits there are replaced (edit the Table Schema or the data instead)",
            file=sys.stderr,
        )


def documentation(root: Path, generated: dict[str, bytes]) -> dict[str, bytes]:
    """Citation files, codebook, rule catalogue and the README's generated blocks, from the
    package as `generated` (the data files of this build) makes it."""
    # The package as this build makes it: the files just generated, the rest from disk, so one
    # build leaves nothing stale that a second would change.
    reader = PackageReader(root, files=generated)
    descriptor = reader.descriptor

    released = citation.release_date(root)
    files = {
        "CITATION.cff": citation.cff_text(descriptor, released).encode("utf-8"),
        ".zenodo.json": dump_json(citation.zenodo(descriptor, released)),
        # BibTeX ignores text outside entries: the marker costs no reader anything.
        "CITATION.bib": (
            "% Generated from datapackage.json by `make build`; do not edit by hand.\n"
            + citation.bibtex(descriptor, released)
        ).encode("utf-8"),
        "docs/dataset.jsonld": dump_json(citation.jsonld(reader, released)),
        "croissant.json": dump_json(croissant(reader, root)),
        "docs/codebook.md": codebook(reader).encode("utf-8"),
        "docs/rules.md": rules_markdown().encode("utf-8"),
        "docs/event-exports.md": mapping_markdown().encode("utf-8"),
    }
    if (root / "r/DESCRIPTION").is_file():  # the R package's version is the data's
        description = file_gate.read_text(root, "r/DESCRIPTION")
        version = f"Version: {descriptor.get('version', '')}"
        files["r/DESCRIPTION"] = re.sub(r"(?m)^Version: .*$", version, description).encode("utf-8")
    if (root / "docs/datasheet.md").is_file():  # copies made for tests may leave the documentation out
        datasheet = file_gate.read_text(root, "docs/datasheet.md")
        datasheet = replace_block(datasheet, "agreement", agreement_block(root))
        files["docs/datasheet.md"] = replace_block(datasheet, "external", external_values_block(root)).encode("utf-8")
    readme = file_gate.read_text(root, "README.md")
    files["README.md"] = readme_with_generated(readme, root, descriptor, released, reader).encode("utf-8")
    unregistered = set(files) - set(layout.GENERATED_DOCUMENTS)
    if unregistered:  # a new generated file is registered in layout.GENERATED_DOCUMENTS first
        raise ValueError(f"generated but not registered: {sorted(unregistered)}")
    return files


def stale_diffs(root: Path) -> dict[str, str]:
    """Derived files whose committed bytes differ from what the generators produce, each with a
    unified diff from the committed file to the generated one."""
    root = Path(root)
    stale = {}
    for rel, data in derived_files(root).items():
        try:
            current = file_gate.read_own_file(root, rel)
        except file_gate.Refused:
            current = None
        if current != data:
            before = [] if current is None else current.decode("utf-8", errors="replace").splitlines(keepends=True)
            after = data.decode("utf-8").splitlines(keepends=True)
            stale[rel] = "".join(
                difflib.unified_diff(before, after, f"a/{rel} (committed)", f"b/{rel} (generated)", n=2)
            )
    return stale


def stale_files(root: Path) -> list[str]:
    """Derived files whose committed bytes differ from what the generators produce."""
    return list(stale_diffs(root))


def build(root: Path) -> list[str]:
    """Write every derived file that changed; return their paths."""
    root = Path(root)
    files = derived_files(root)  # compute everything before writing anything
    return [rel for rel, data in files.items() if write_atomic(root / rel, data, root)]


def refresh_file_facts(root: Path) -> bool:
    """Recompute only `bytes` and `hash` of the resources already listed (for hand edits)."""
    root = Path(root)
    path = root / layout.DESCRIPTOR
    descriptor = loads_strict(file_gate.read_text(root, layout.DESCRIPTOR))
    for entry in descriptor.get("resources", []):
        entry.update(file_facts(file_gate.read_bytes(root, entry["path"])))
    return write_atomic(path, dump_json(descriptor), root)
