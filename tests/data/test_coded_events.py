"""The checkout's coded events: codes and values as GDELT and PLOVER publish them, pairs, evidence, and the README's join."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import india_china_security_meetings as icsm
from conftest import ROOT
from india_china_security_meetings.exports import event_exports

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
