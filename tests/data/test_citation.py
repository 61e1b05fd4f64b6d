"""Citation metadata and documentation: generated from the descriptor, complete, in step with the version."""

from __future__ import annotations

import json
import re

import yaml
from jsonschema import Draft7Validator

from india_china_security_meetings.csv_format import parse_csv


def descriptor(root):
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def test_zenodo_metadata_is_a_dataset_of_this_version(root):
    zenodo = json.loads((root / ".zenodo.json").read_text(encoding="utf-8"))
    assert zenodo["upload_type"] == "dataset"
    assert zenodo["version"] == descriptor(root)["version"]
    assert "doi" not in zenodo  # none minted yet: never invented


def test_jsonld_is_a_schema_org_dataset_of_this_version(root):
    record = json.loads((root / "docs/dataset.jsonld").read_text(encoding="utf-8"))
    assert record["@type"] == "Dataset" and record["version"] == descriptor(root)["version"]
    assert len(record["description"]) >= 50
    for key in (
        "name",
        "license",
        "creator",
        "keywords",
        "temporalCoverage",
        "spatialCoverage",
        "variableMeasured",
        "distribution",
    ):
        assert record[key], key
    assert record["temporalCoverage"] == "2018-04-01/2018-10-25"
    assert record["identifier"] == descriptor(root)["id"]  # the package's UUID, never a DOI before one exists
    assert record["identifier"].startswith("urn:uuid:")


def test_bibtex_names_the_version(root):
    bib = (root / "CITATION.bib").read_text(encoding="utf-8")
    assert re.search(r"version = \{" + re.escape(descriptor(root)["version"]) + r"\}", bib)
    assert "doi" not in bib


def test_citation_cff_is_a_dataset_of_this_version(root):
    citation = yaml.load((root / "CITATION.cff").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert citation["type"] == "dataset" and citation["version"] == descriptor(root)["version"]
    schema = json.loads((root / "schemas/profiles/cff-1.2.0/schema.json").read_text(encoding="utf-8"))
    assert list(Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER).iter_errors(citation)) == []


def test_codebook_names_every_field_of_every_resource(root):
    codebook = (root / "docs/codebook.md").read_text(encoding="utf-8")
    for entry in descriptor(root)["resources"]:
        if entry.get("type") != "table":
            continue
        assert f"## {entry['name']}" in codebook
        for field in json.loads((root / entry["schema"]).read_text())["fields"]:
            assert f"| `{field['name']}` |" in codebook, (entry["name"], field["name"])


def test_datasheet_has_all_seven_sections(root):
    datasheet = (root / "docs/datasheet.md").read_text(encoding="utf-8")
    for section in (
        "Motivation",
        "Composition",
        "Collection process",
        "Preprocessing",
        "Uses",
        "Distribution",
        "Maintenance",
    ):
        assert re.search(rf"^## \d\. {section}", datasheet, re.MULTILINE), section


def test_readme_example_record_exists(root):
    ids = {cells["qa_id"] for _, cells in parse_csv((root / "data/qa.csv").read_text(encoding="utf-8")).rows}
    assert "qa-2018-10-23-2-a3" in ids
    assert "record `qa-2018-10-23-2-a3`" in (root / "README.md").read_text(encoding="utf-8")
