"""Coded events: codes, values and mappings as published by GDELT and PLOVER; pairs; evidence; exports."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys

import pytest

import india_china_security_meetings as icsm
from conftest import ROOT
from india_china_security_meetings.exports import GDELT, GDELT_STANDARD, POLECAT, POLECAT_STANDARD, event_exports

# Transcribed independently from GDELT's CAMEO.eventcodes.txt / CAMEO.goldsteinscale.txt and
# CAMEO2PLOVER-2021.txt, so the data is checked against the published tables, not against itself.
REFERENCE = {
    "010": ("Make statement, not specified below", 1, 0.0, "no-equivalent", None, None),
    "013": ("Make optimistic comment", 1, 0.4, "no-equivalent", None, None),
    "0213": ("Appeal for judicial cooperation", 1, 3.4, "no-equivalent", None, None),
    "022": ("Appeal for diplomatic cooperation, such as policy support", 1, 3.2, "no-equivalent", None, None),
    "0313": ("Express intent to cooperate on judicial matters", 1, 5.2, "AGREE", None, "legal"),
    "042": ("Make a visit", 1, 1.9, "CONSULT", "visit", None),
    "043": ("Host a visit", 1, 2.8, "CONSULT", "host", None),
    "046": ("Engage in negotiation", 1, 7.0, "CONSULT", None, "diplomatic"),
    "051": ("Praise or endorse", 1, 3.4, "SUPPORT", None, "diplomatic"),
    "057": ("Sign formal agreement", 1, 8.0, "SUPPORT", None, "diplomatic"),
}


def test_code_table_agrees_with_the_published_tables():
    table = {r["cameo_code"]: r for r in icsm.records("cameo_codes")}
    assert set(table) == set(REFERENCE)
    for code, (label, quad, goldstein, plover, mode, context) in REFERENCE.items():
        row = table[code]
        assert (row["label"], row["quad_class"], row["goldstein"]) == (label, quad, goldstein), code
        assert (row["plover_event_type"], row["plover_mode"], row["plover_context"]) == (plover, mode, context), code
        assert (row["root_code"], row["base_code"]) == (code[:2], code[:3])


def test_every_coded_event_agrees_with_the_code_table():
    table = {r["cameo_code"]: r for r in icsm.records("cameo_codes")}
    for row in icsm.records("coded_events"):
        reference = table[row["cameo_code"]]
        for name in (
            "root_code",
            "base_code",
            "quad_class",
            "goldstein",
            "plover_event_type",
            "plover_mode",
            "plover_context",
        ):
            assert row[name] == reference[name], (row["coded_event_id"], name)


def test_codes_are_strings_with_leading_zeros():
    assert all(
        isinstance(r["cameo_code"], str) and r["cameo_code"].startswith("0") for r in icsm.records("coded_events")
    )


def test_each_visit_has_its_host_and_reciprocal_codes_come_in_pairs():
    rows = {r["coded_event_id"]: r for r in icsm.records("coded_events")}
    expected = {"042": "043", "043": "042", "046": "046", "057": "057"}
    for row in rows.values():
        if row["cameo_code"] in expected:
            partner = rows[row["paired_with"]]
            assert partner["cameo_code"] == expected[row["cameo_code"]]
            assert (partner["actor_id"], partner["target_id"]) == (row["target_id"], row["actor_id"])
            assert partner["paired_with"] == row["coded_event_id"]
    codes = [r["cameo_code"] for r in rows.values()]
    assert codes.count("042") == codes.count("043") == 1 and codes.count("046") == codes.count("057") == 2


def test_every_coded_event_has_evidence_inside_an_existing_paragraph_and_a_date_within_its_event():
    statements = {r["statement_id"]: r for r in icsm.records("statements")}
    qa = {r["qa_id"]: r for r in icsm.records("qa")}
    events = {r["event_id"]: r for r in icsm.records("events")}
    for row in icsm.records("coded_events"):
        target = statements.get(row["statement_id"]) or qa.get(row["qa_id"])
        assert target is not None, row["coded_event_id"]
        assert target["start"] <= row["start"] <= row["end"] <= target["end"]
        assert icsm.span(row) == row["evidence"]
        event = events[row["event_id"]]
        assert event["earliest"] <= row["date"] <= event["latest"]


def test_country_crosswalk_keeps_fips_and_iso_apart():
    countries = {r["iso3"]: r for r in icsm.records("countries")}
    assert (
        countries["CHN"]["iso2"],
        countries["CHN"]["fips"],
        countries["CHN"]["cow"],
        countries["CHN"]["wikidata"],
    ) == ("CN", "CH", 710, "Q148")
    assert (
        countries["IND"]["iso2"],
        countries["IND"]["fips"],
        countries["IND"]["cow"],
        countries["IND"]["wikidata"],
    ) == ("IN", "IN", 750, "Q668")


def test_exports_have_the_published_column_layouts():
    names = [name for name, _, _ in GDELT]
    assert (
        GDELT_STANDARD == 61
        and names[:2] == ["GLOBALEVENTID", "SQLDATE"]
        and names[59:61] == ["DATEADDED", "SOURCEURL"]
    )
    assert names[61:] == ["ICSM_CodedEventID", "ICSM_Attribution"]  # the package's own, after GDELT's
    assert POLECAT_STANDARD == 40 and POLECAT[39][0] == "Version"
    files = event_exports(ROOT, "x")
    gdelt = files["x-events-gdelt.tsv"].decode().splitlines()
    assert len(gdelt) == 1 + len(icsm.records("coded_events"))
    assert all(len(line.split("\t")) == len(GDELT) for line in gdelt)
    polecat = files["x-events-polecat.tsv"].decode().splitlines()
    assert all(len(line.split("\t")) == len(POLECAT) for line in polecat)
    exported = {line.split("\t")[0] for line in polecat[1:]}
    dropped = {
        r["coded_event_id"]
        for r in icsm.records("coded_events")
        if r["cameo_code"] == "043"
        or r["plover_event_type"] == "no-equivalent"
        or (
            r["cameo_code"] in ("046", "057", "051", "0313")
            and r["paired_with"]
            and r["paired_with"] < r["coded_event_id"]
        )
    }
    assert exported == {r["coded_event_id"] for r in icsm.records("coded_events")} - dropped


def test_readme_join_with_a_gdelt_extract_runs(tmp_path):
    pytest.importorskip("duckdb")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Joining with political event datasets", 1)[1].split("\n## ", 1)[0]
    sql = re.search(r"```sql\n(.*?)```", section, re.DOTALL).group(1)
    (tmp_path / "dist").mkdir()
    for name, data in event_exports(ROOT, "pkg").items():
        (tmp_path / "dist" / name).write_bytes(data)
    # A synthetic two-row extract in GDELT's columns: one row matches the talks, one matches nothing.
    (tmp_path / "gdelt.csv").write_text(
        "GLOBALEVENTID,SQLDATE,Actor1CountryCode,Actor2CountryCode,EventCode,SOURCEURL\n"
        "900000001,20181022,IND,CHN,046,https://example.invalid/a\n"
        "900000002,20181022,USA,CHN,046,https://example.invalid/b\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import duckdb; print(duckdb.sql({sql!r}).fetchall())"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "('ce-003', '046', 'own-words', '900000001'" in result.stdout


def test_gdelt_event_ids_are_integers_mapped_from_the_record_ids():
    rows = list(csv.DictReader(io.StringIO(event_exports(ROOT, "x")["x-events-gdelt.tsv"].decode()), delimiter="\t"))
    assert all(r["GLOBALEVENTID"].isdigit() for r in rows)
    assert {r["GLOBALEVENTID"]: r["ICSM_CodedEventID"] for r in rows}["8"] == "ce-008"


def test_reported_events_say_so_in_both_exports():
    files = event_exports(ROOT, "x")
    for name in ("x-events-gdelt.tsv", "x-events-polecat.tsv"):
        rows = list(csv.DictReader(io.StringIO(files[name].decode()), delimiter="\t"))
        attribution = {r["ICSM_CodedEventID"]: r["ICSM_Attribution"] for r in rows}
        assert attribution.get("ce-017", "reports") == "reports" and set(attribution.values()) <= {
            "own-words",
            "readout",
            "reports",
        }
    gdelt = list(csv.DictReader(io.StringIO(files["x-events-gdelt.tsv"].decode()), delimiter="\t"))
    assert {r["ICSM_CodedEventID"]: r["ICSM_Attribution"] for r in gdelt}["ce-017"] == "reports"
