"""Adding a table takes three hand edits: its CSV, its Table Schema and a CHANGELOG line."""

from __future__ import annotations

import json

from india_china_security_meetings.generate.derived_files import build, stale_files
from india_china_security_meetings.layout import tables


def test_a_new_table_is_discovered_generated_and_valid(package):
    package.file("data/regions.csv").write_text("region_id,label\nreg-south-asia,South Asia\n", encoding="utf-8")
    schema = {
        "$schema": "https://datapackage.org/profiles/2.0/tableschema.json",
        "description": "Regions used to group places.",
        "fields": [
            {
                "name": "region_id",
                "type": "string",
                "title": "Region ID",
                "description": "Stable ID.",
                "constraints": {"required": True, "unique": True, "pattern": "^reg-[a-z0-9-]+$"},
                "x-origin": "identifier",
            },
            {
                "name": "label",
                "type": "string",
                "title": "Label",
                "description": "Our label.",
                "constraints": {"required": True},
                "x-origin": "annotation",
            },
        ],
        "primaryKey": ["region_id"],
    }
    package.file("schemas/regions.tableschema.json").write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
    changelog = package.file("CHANGELOG.md").read_text(encoding="utf-8")
    package.file("CHANGELOG.md").write_text(
        changelog.replace("## [Unreleased]\n", "## [Unreleased]\n\n- `regions`: new table.\n", 1), encoding="utf-8"
    )

    assert tables(package.path)[-1] == "regions"
    written = build(package.path)
    assert {"data/json/regions.json", "schemas/regions.schema.json", "datapackage.json"} <= set(written)
    names = [entry["name"] for entry in package.descriptor()["resources"]]
    assert "regions" in names and "regions-json" in names
    assert package.problems() == []


def test_one_build_after_adding_a_table_leaves_nothing_stale(package):
    """Every generated file comes from the one in-memory package the build makes: the codebook,
    the JSON-LD and Croissant list the new table after the first build, and a second writes nothing."""
    package.file("data/regions.csv").write_text("region_id,label\nreg-south-asia,South Asia\n", encoding="utf-8")
    fields = [{"name": "region_id", "type": "string"}, {"name": "label", "type": "string"}]
    schema = {"fields": fields, "primaryKey": ["region_id"]}
    package.file("schemas/regions.tableschema.json").write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
    build(package.path)
    assert stale_files(package.path) == []
    assert build(package.path) == []
    assert "## regions" in package.file("docs/codebook.md").read_text(encoding="utf-8")
    assert "regions.region_id" in package.file("docs/dataset.jsonld").read_text(encoding="utf-8")
