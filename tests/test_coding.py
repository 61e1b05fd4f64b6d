"""The event-data exports (GDELT and POLECAT layouts), written from the fixture package."""

from __future__ import annotations

import csv
import io

import india_china_security_meetings as icsm
from india_china_security_meetings.exports import GDELT, GDELT_STANDARD, POLECAT, POLECAT_STANDARD, event_exports


def test_exports_have_the_published_column_layouts(built_package):
    names = [name for name, _, _ in GDELT]
    assert (
        GDELT_STANDARD == 61
        and names[:2] == ["GLOBALEVENTID", "SQLDATE"]
        and names[59:61] == ["DATEADDED", "SOURCEURL"]
    )
    assert names[61:] == ["ICSM_CodedEventID", "ICSM_Attribution"]  # the package's own, after GDELT's
    assert POLECAT_STANDARD == 40 and POLECAT[39][0] == "Version"
    files = event_exports(built_package, "x")
    gdelt = files["x-events-gdelt.tsv"].decode().splitlines()
    assert len(gdelt) == 1 + len(icsm.records("coded_events", root=built_package))
    assert all(len(line.split("\t")) == len(GDELT) for line in gdelt)
    polecat = files["x-events-polecat.tsv"].decode().splitlines()
    assert all(len(line.split("\t")) == len(POLECAT) for line in polecat)
    exported = {line.split("\t")[0] for line in polecat[1:]}
    dropped = {
        r["coded_event_id"]
        for r in icsm.records("coded_events", root=built_package)
        if r["cameo_code"] == "043"
        or r["plover_event_type"] == "no-equivalent"
        or (
            r["cameo_code"] in ("046", "057", "051", "0313")
            and r["paired_with"]
            and r["paired_with"] < r["coded_event_id"]
        )
    }
    assert exported == {r["coded_event_id"] for r in icsm.records("coded_events", root=built_package)} - dropped


def test_gdelt_event_ids_are_integers_mapped_from_the_record_ids(built_package):
    rows = list(
        csv.DictReader(io.StringIO(event_exports(built_package, "x")["x-events-gdelt.tsv"].decode()), delimiter="\t")
    )
    assert all(r["GLOBALEVENTID"].isdigit() for r in rows)
    assert {r["GLOBALEVENTID"]: r["ICSM_CodedEventID"] for r in rows}["8"] == "ce-008"


def test_reported_events_say_so_in_both_exports(built_package):
    files = event_exports(built_package, "x")
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
