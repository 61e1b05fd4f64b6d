"""The published package: layout, descriptor, provenance and loading, as a researcher meets it."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from jsonschema import Draft7Validator

from india_china_security_meetings import layout
from india_china_security_meetings.csv_format import parse_csv
from india_china_security_meetings.generate.codebook import ORIGINS
from india_china_security_meetings.generate.derived_files import stale_files
from india_china_security_meetings.validate import validate

SOURCE = "data/sources/security-risks-asia-2018-10-23.txt"
SOURCE_SHA256 = "bc00c5e09e8444bda1ff651575670b7154dd2c34289936825ec6fd1b31712c86"


def descriptor(root):
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def table(root, name):
    return [cells for _, cells in parse_csv((root / f"data/{name}.csv").read_text(encoding="utf-8")).rows]


def test_layout_has_every_top_level_part(root):
    for rel in [
        "datapackage.json",
        "data",
        "schemas",
        "scripts",
        "tests",
        "CHANGELOG.md",
        "README.md",
        "CITATION.cff",
        "LICENSE",
        "LICENSE-DATA.md",
        "Makefile",
        "requirements.txt",
        ".gitattributes",
        ".ci/run",
    ]:
        assert (root / rel).exists(), rel


def test_held_source_is_byte_identical(root):
    import hashlib

    data = (root / SOURCE).read_bytes()
    assert hashlib.sha256(data).hexdigest() == SOURCE_SHA256
    assert len(data) == 4791


def test_descriptor_declares_v2_and_release_metadata(root):
    d = descriptor(root)
    assert d["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    from india_china_security_meetings.changelog import newest_release

    assert re.fullmatch(r"\d+\.\d+\.\d+", d["version"])
    assert newest_release((root / "CHANGELOG.md").read_text(encoding="utf-8"))[0] == d["version"]
    assert not re.search(r"\d", d["name"]), "the name is invariant: no version or years"
    for key in ("title", "description", "created", "keywords", "contributors", "sources", "licenses"):
        assert d[key]
    assert all(c.get("roles") for c in d["contributors"])
    assert "NOT covered" in d["description"]


def test_descriptor_validates_against_official_profile_with_formats(root):
    profile = json.loads((root / "schemas/profiles/datapackage-2.0/datapackage.json").read_text())
    errors = list(Draft7Validator(profile, format_checker=Draft7Validator.FORMAT_CHECKER).iter_errors(descriptor(root)))
    assert errors == []


def test_every_resource_has_file_facts_and_a_schema_file(root):
    for entry in descriptor(root)["resources"]:
        assert re.fullmatch(r"sha256:[0-9a-f]{64}", entry["hash"])
        assert entry["bytes"] == (root / entry["path"]).stat().st_size
        for key in ("path", "format", "mediatype", "encoding", "description"):
            assert entry[key]
        schema = entry.get("schema") or entry.get("jsonSchema")
        assert schema.startswith("schemas/") and (root / schema).is_file()


def test_every_csv_is_a_table_with_a_json_twin(root):
    entries = descriptor(root)["resources"]
    tables = {e["name"] for e in entries if e.get("type") == "table"}
    twins = {e["x-twinOf"] for e in entries if e.get("format") == "json"}
    assert tables == twins == set(layout.tables(root))  # every Table Schema on disk, as the build discovers them


def test_frictionless_cli_reports_one_valid_task_per_resource(root):
    run = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    report = json.loads(run.stdout)
    assert run.returncode == 0 and report["valid"], run.stdout[:2000]
    assert sorted(t["name"] for t in report["tasks"]) == sorted(e["name"] for e in descriptor(root)["resources"])


def test_our_validator_finds_nothing(root):
    assert validate(root) == []


def test_derived_files_are_fresh(root):
    assert stale_files(root) == []


def test_project_version_equals_data_version(root):
    import tomllib

    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    assert project["version"] == descriptor(root)["version"]


def test_every_body_paragraph_appears_verbatim_as_a_cell(root):
    text = (root / SOURCE).read_text(encoding="utf-8")
    cells = {c["text"] for c in table(root, "statements")} | {c["text"] for c in table(root, "qa")}
    body = [s for s in table(root, "segments") if s["kind"] == "body-paragraph"]
    assert body  # (how many is the data's business, not this test's)
    for segment in body:
        paragraph = re.sub(r"^(Q|A): ", "", segment["text"])
        assert paragraph in cells
        assert paragraph in text


def test_qa_rows_drop_the_printed_labels(root):
    rows = table(root, "qa")
    assert [r["role"] for r in rows].count("question") == 2
    assert not any(r["text"].startswith(("Q: ", "A: ")) for r in rows)


@pytest.mark.parametrize(
    "event_id, edtf, earliest, latest",
    [
        ("ev-zhao-visit-india", "2018-10-21/2018-10-25", "2018-10-21", "2018-10-25"),
        ("ev-hlm-security-1", "2018-10-22", "2018-10-22", "2018-10-22"),
        ("ev-agreement-signing", "2018-10-22", "2018-10-22", "2018-10-22"),
        ("ev-zhao-travel-mumbai", "[2018-10-22..2018-10-25]", "2018-10-22", "2018-10-25"),
        ("ev-mfa-presscon-2018-10-23", "2018-10-23", "2018-10-23", "2018-10-23"),
        ("ev-wuhan-informal-meeting", "2018-04", "2018-04-01", "2018-04-30"),
    ],
)
def test_event_dates_carry_their_precision(root, event_id, edtf, earliest, latest):
    event = {e["event_id"]: e for e in table(root, "events")}[event_id]
    assert (event["date_edtf"], event["earliest"], event["latest"]) == (edtf, earliest, latest)


def test_unknowns_stay_empty(root):
    actors = {a["actor_id"]: a for a in table(root, "actors")}
    assert actors["act-journalist-q1"]["name"] == "" and actors["act-journalist-q2"]["name"] == ""
    events = {e["event_id"]: e for e in table(root, "events")}
    assert events["ev-zhao-travel-mumbai"]["status"] == "announced"
    assert events["ev-mfa-presscon-2018-10-23"]["place"] == ""
    assert all(
        not s["url"] for s in table(root, "sources") if s["source_id"] in ("src-mha-statement", "src-cn-readout")
    )


def test_each_side_names_the_meeting_in_its_own_words(root):
    meeting = {e["event_id"]: e for e in table(root, "events")}["ev-hlm-security-1"]
    assert meeting["name_india"] == "first India-China High Level Meeting on Bilateral Security Cooperation"
    assert meeting["name_china"] == ""  # the Foreign Ministry's words are a descriptor, not a name


def test_annotation_and_verbatim_columns_are_declared(root):
    for path in (root / "schemas").glob("*.tableschema.json"):
        for field in json.loads(path.read_text())["fields"]:
            assert field["x-origin"] in ORIGINS, (path.name, field["name"])  # each explained in the codebook
            assert field["title"] and field["description"], (path.name, field["name"])
            assert ("x-span" in field) == (field["x-origin"] == "verbatim")


def test_csv_loads_in_pandas_with_declared_types(root):
    pd = pytest.importorskip("pandas")
    for entry in descriptor(root)["resources"]:
        if entry.get("type") != "table":
            continue
        schema = json.loads((root / entry["schema"]).read_text())
        dtypes = {f["name"]: "string" for f in schema["fields"] if f["type"] == "string"}
        dtypes.update({f["name"]: "Int64" for f in schema["fields"] if f["type"] == "integer"})
        dates = [f["name"] for f in schema["fields"] if f["type"] == "date"]
        frame = pd.read_csv(
            root / entry["path"], dtype=dtypes, parse_dates=dates, keep_default_na=False, na_values=[""]
        )
        assert list(frame.columns) == [f["name"] for f in schema["fields"]]
        for name in dates:
            assert pd.api.types.is_datetime64_any_dtype(frame[name])


def test_csv_loads_in_duckdb_with_declared_types(root):
    duckdb = pytest.importorskip("duckdb")
    sql_types = {"string": "VARCHAR", "integer": "BIGINT", "date": "DATE", "number": "DOUBLE", "boolean": "BOOLEAN"}
    con = duckdb.connect()
    for entry in descriptor(root)["resources"]:
        if entry.get("type") != "table":
            continue
        schema = json.loads((root / entry["schema"]).read_text())
        columns = {f["name"]: sql_types[f["type"]] for f in schema["fields"]}
        relation = con.read_csv(str(root / entry["path"]), header=True, columns=columns)
        assert relation.columns == list(columns)
        assert [str(t) for t in relation.types] == list(columns.values())
        assert len(relation.fetchall()) == len(table(root, entry["name"]))


def test_json_twins_equal_their_csv_record_for_record(root):
    from india_china_security_meetings.generate.twin_files import records_from_csv

    for entry in descriptor(root)["resources"]:
        if entry.get("format") != "json":
            continue
        csv_entry = next(e for e in descriptor(root)["resources"] if e["name"] == entry["x-twinOf"])
        schema = json.loads((root / csv_entry["schema"]).read_text())
        records = json.loads((root / entry["path"]).read_text())
        assert records == records_from_csv((root / csv_entry["path"]).read_text(), schema)
