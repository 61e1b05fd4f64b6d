"""Verifiable record citations: each record's SHA-256 over its canonical JSON (RFC 8785)."""

from __future__ import annotations

import hashlib
import json

import pytest
import rfc8785

from india_china_security_meetings.cli import main
from india_china_security_meetings.reader import PackageReader
from india_china_security_meetings.record_hashes import citation, find, hashes_csv, record_hash


def twin_hash(root, table: str, record_id_field: str, record_id: str) -> str:
    """The hash computed the other way: from the published JSON twin's record."""
    records = json.loads((root / f"data/json/{table}.json").read_text(encoding="utf-8"))
    record = next(r for r in records if r[record_id_field] == record_id)
    return hashlib.sha256(rfc8785.dumps(record)).hexdigest()


def test_a_record_hash_is_the_sha256_of_its_json_twin_record_canonicalised(built_package):
    reader = PackageReader(built_package)
    for table, key, record_id in (("coded_events", "coded_event_id", "ce-008"), ("places", "place_id", "pl-wuhan")):
        assert record_hash(reader, table, find(reader, table, record_id)) == twin_hash(
            built_package, table, key, record_id
        )


def test_the_citation_names_version_table_record_and_hash(built_package):
    reader = PackageReader(built_package)
    text = citation(reader, "qa", "qa-2018-10-23-2-a1")
    assert f"version {reader.version} [Data set], table qa, record qa-2018-10-23-2-a1 (sha256:" in text
    assert text.startswith("india-china-security-meetings maintainers (") and "). First India" in text  # author, year
    assert twin_hash(built_package, "qa", "qa_id", "qa-2018-10-23-2-a1") in text


def test_verify_citation_exits_0_for_an_unchanged_record_and_1_for_a_changed_one(capsys, package):
    digest = twin_hash(package.path, "topics", "topic_id", "top-separatism")
    assert main(["verify-citation", "topics", "top-separatism", f"sha256:{digest}", "--root", str(package.path)]) == 0
    package.edit_row("topics", "top-separatism", definition="Separatist forces.")
    assert main(["verify-citation", "topics", "top-separatism", digest, "--root", str(package.path)]) == 1
    assert "changed: topics top-separatism" in capsys.readouterr().out


def test_verify_citation_reports_a_record_that_is_gone(capsys, package):
    package.edit_row("topics", "top-separatism", drop=True)
    assert main(["verify-citation", "topics", "top-separatism", "0" * 64, "--root", str(package.path)]) == 1
    assert "no record 'top-separatism'" in capsys.readouterr().out


@pytest.mark.parametrize("digest", ["00", "sha256:xyz", "g" * 64, "0" * 63])
def test_verify_citation_calls_a_malformed_hash_bad_input(capsys, digest):
    assert main(["verify-citation", "topics", "top-separatism", digest]) == 2
    assert "is not a SHA-256" in capsys.readouterr().err


def test_verify_citation_cannot_run_on_a_folder_without_a_package(tmp_path, capsys):
    assert main(["verify-citation", "topics", "top-separatism", "00", "--root", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("error:")


def test_the_release_lists_every_record_with_its_hash(built_package):
    reader = PackageReader(built_package)
    lines = hashes_csv(reader).decode("utf-8").splitlines()
    assert lines[0] == "resource,record_id,sha256"
    assert len(lines) - 1 == sum(len(reader.rows(t)) for t in reader.table_names())
    assert f"coded_events,ce-008,{twin_hash(built_package, 'coded_events', 'coded_event_id', 'ce-008')}" in lines
