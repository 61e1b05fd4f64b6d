"""Each rule, specified by a copy of the package broken in exactly one way.

Every case asserts the rule code and where it points (file, and line where there is one).
"""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from india_china_security_meetings.changelog import newest_release
from india_china_security_meetings.generate.derived_files import refresh_file_facts
from india_china_security_meetings.rules import all_codes

# --- mutations: each breaks one thing ---------------------------------------------------------


def drop_qa_row(p):
    header, rows = p.rows("qa")
    p.write_rows("qa", header, rows[:-1])


def duplicate_statement_row(p):
    header, rows = p.rows("statements")
    rows.append(dict(rows[0], statement_id="st-mha-2018-10-22-9", paragraph="9"))
    p.write_rows("statements", header, rows)


def crlf_csv(p):
    rel = "data/topics.csv"
    p.write_bytes(rel, p.file(rel).read_bytes().replace(b"\n", b"\r\n"))


def bom_csv(p):
    rel = "data/topics.csv"
    p.write_bytes(rel, b"\xef\xbb\xbf" + p.file(rel).read_bytes())


def no_final_newline(p):
    rel = "data/topics.csv"
    p.write_bytes(rel, p.file(rel).read_bytes().rstrip(b"\n"))


def latin1_csv(p):
    rel = "data/topics.csv"
    p.write_bytes(rel, p.file(rel).read_bytes().replace("India–China".encode(), "India\xe9China".encode("latin-1")))


def nfd_cell(p):
    p.set_cell("topics", 0, "definition", "Cooperation against terrorism in ge\u0301neral.")


def control_char(p):
    p.set_cell("topics", 0, "definition", "Cooperation\x07 against terrorism.")


def padded_cell(p):
    p.set_cell("topics", 0, "label", "Counter-terrorism ")


def formula_cell(p):
    p.set_cell("topics", 0, "definition", '=HYPERLINK("http://x")')


def over_quoted(p):
    rel = "data/topics.csv"
    p.write_bytes(rel, p.file(rel).read_bytes().replace(b"top-counter-terrorism,", b'"top-counter-terrorism",', 1))


def ragged_row(p):
    rel = "data/topics.csv"
    p.write_bytes(rel, p.file(rel).read_bytes().replace(b"top-counter-terrorism,", b"top-counter-terrorism,extra,", 1))


def unbalanced_quote(p):
    rel = "data/topics.csv"
    p.write_bytes(rel, p.file(rel).read_bytes().replace(b"top-counter-terrorism,", b'top-counter-terrorism,"', 1))


def wrong_hash(p):
    d = p.descriptor()
    d["resources"][0]["hash"] = "sha256:" + "0" * 64
    p.write_descriptor(d)


def wrong_bytes(p):
    d = p.descriptor()
    d["resources"][0]["bytes"] = 1
    p.write_descriptor(d)


def sha1_hash(p):
    d = p.descriptor()
    d["resources"][0]["hash"] = "sha1:" + "0" * 40
    p.write_descriptor(d)


def upper_hash(p):
    d = p.descriptor()
    d["resources"][0]["hash"] = d["resources"][0]["hash"].replace("sha256:", "SHA256:")
    p.write_descriptor(d)


def descriptor_line(key: str) -> int:
    """The line of a top-level key of the live descriptor (found, never counted by hand)."""
    lines = (ROOT / "datapackage.json").read_text(encoding="utf-8").splitlines()
    return 1 + next(i for i, line in enumerate(lines) if line.startswith(f'  "{key}":'))


def not_semver(p):
    d = p.descriptor()
    d["version"] = "v1-final"
    p.write_descriptor(d)


def profile_violation(p):
    d = p.descriptor()
    d["created"] = "yesterday"
    p.write_descriptor(d)


def no_title(p):
    d = p.descriptor()
    del d["title"]
    p.write_descriptor(d)


def set_path(value):
    def mutate(p):
        d = p.descriptor()
        d["resources"][8]["path"] = value
        p.write_descriptor(d)

    return mutate


def hidden_path(p):
    (p.file(".hidden")).mkdir()
    p.file("data/topics.csv").rename(p.file(".hidden/topics.csv"))
    set_path(".hidden/topics.csv")(p)


def symlink_out(p):
    outside = p.path.parent / "outside.csv"
    outside.write_bytes(p.file("data/topics.csv").read_bytes())
    p.file("data/topics.csv").unlink()
    p.file("data/topics.csv").symlink_to(outside)


def foreign_key(p):
    p.set_cell("participants", 0, "actor_id", "act-nobody")


def primary_key(p):
    p.set_cell("topics", 1, "topic_id", "top-counter-terrorism")


def bad_date(p):
    p.set_cell("statements", 0, "date", "2018-13-45", rebuild=False)
    refresh_file_facts(p.path)


def bad_pattern(p):
    p.set_cell("topics", 0, "topic_id", "TOPIC 1")


def bad_category(p):
    schema_path = p.file("schemas/events.tableschema.json")
    schema = json.loads(schema_path.read_text())
    field = next(f for f in schema["fields"] if f["name"] == "event_type")
    field["constraints"].pop("enum")  # so only our categories rule can see the bad value
    schema_path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    p.set_cell("events", 0, "event_type", "picnic", rebuild=False)
    refresh_file_facts(p.path)


def unique_key(p):
    p.set_cell("statements", 1, "paragraph", "1")


def json_edit(p):
    rel = "data/json/topics.json"
    records = json.loads(p.file(rel).read_text())
    records[2]["label"] = "Something else"
    p.write_bytes(rel, (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode())


def json_malformed(p):
    p.write_bytes("data/json/topics.json", b'[{"a": 1,,}]\n')


def json_wrong_type(p):
    rel = "data/json/statements.json"
    records = json.loads(p.file(rel).read_text())
    records[1]["paragraph"] = "2"
    p.write_bytes(rel, (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode())


def json_row_dropped(p):
    rel = "data/json/topics.json"
    records = json.loads(p.file(rel).read_text())
    p.write_bytes(rel, (json.dumps(records[:-1], ensure_ascii=False, indent=2) + "\n").encode())


def stale_json_schema(p):
    rel = "schemas/topics.schema.json"
    schema = json.loads(p.file(rel).read_text())
    schema["title"] = "Changed by hand"
    p.write_bytes(rel, (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode())


def span_shifted(p):
    header, rows = p.rows("statements")
    rows[0]["start"] = str(int(rows[0]["start"]) + 1)
    p.write_rows("statements", header, rows)


def span_past_end(p):
    p.set_cell("topic_links", 0, "end", "99999")


def span_half_set(p):
    p.set_cell("actors", 0, "name_end", "")


def text_retyped(p):
    p.set_cell("qa", 0, "text", p.rows("qa")[1][0]["text"].replace("’", "'"))


def source_modified(p):
    rel = "data/sources/security-risks-asia-2018-10-23.txt"
    p.file(rel).write_bytes(p.file(rel).read_bytes().replace(b"Rajnath", b"Rajnat"))


def overlapping_rows(p):
    header, rows = p.rows("qa")
    rows[2]["start"] = str(int(rows[1]["end"]) - 5)
    rows[2]["text"] = ""  # keep the text consistent with the new span
    p.write_rows("qa", header, rows, rebuild=False)
    text = p.file("data/sources/security-risks-asia-2018-10-23.txt").read_text()
    rows[2]["text"] = text[int(rows[2]["start"]) : int(rows[2]["end"])]
    p.write_rows("qa", header, rows)


def truncated_paragraph(p):
    header, rows = p.rows("statements")
    rows[0]["end"] = str(int(rows[0]["end"]) - 1)
    rows[0]["text"] = rows[0]["text"][:-1]
    p.write_rows("statements", header, rows)


def evidence_elsewhere(p):
    header, rows = p.rows("topic_links")
    rows[0]["statement_id"] = "st-mha-2018-10-22-4"
    p.write_rows("topic_links", header, rows)


def segment_dropped(p):
    header, rows = p.rows("segments")
    p.write_rows("segments", header, [r for r in rows if r["position"] != "3"])


def child_outside_parent(p):
    header, rows = p.rows("events")
    rows[1].update(date_edtf="2018-10-27", earliest="2018-10-27", latest="2018-10-27")
    p.write_rows("events", header, rows)


def edtf_disagrees(p):
    p.set_cell("events", 5, "latest", "2018-04-29")


def dates_reversed(p):
    header, rows = p.rows("events")
    rows[0].update(date_edtf="2018-10-25/2018-10-21", earliest="2018-10-25", latest="2018-10-21")
    p.write_rows("events", header, rows)


def statement_misdated(p):
    p.set_cell("statements", 0, "date", "2018-10-23")


def answer_by_journalist(p):
    p.set_cell("qa", 1, "speaker_id", "act-journalist-q1")


def implausible_role(p):
    p.set_cell("participants", 0, "role", "questioner")


def answer_to_wrong_question(p):
    p.set_cell("qa", 1, "replies_to", "qa-2018-10-23-2-q")


def link_to_both(p):
    p.set_cell("topic_links", 0, "qa_id", "qa-2018-10-23-1-q")


def agreement_misdated(p):
    p.set_cell("agreements", 0, "signed", "2018-10-23")


def withdrawn_id_reused(p):
    p.write_rows(
        "withdrawn_ids",
        ["resource", "record_id", "withdrawn_in", "reason"],
        [{"resource": "topics", "record_id": "top-drug-control", "withdrawn_in": "1.0.0", "reason": "test"}],
    )


def goldstein_off(p):
    p.set_cell("coded_events", 0, "goldstein", "3.0")


def root_code_off(p):
    p.set_cell("cameo_codes", 3, "root_code", "03")


def pair_broken(p):
    p.set_cell("coded_events", 1, "paired_with", "ce-003")


def coded_date_off(p):
    p.set_cell("coded_events", 6, "date", "2018-10-24")


def actor_country_off(p):
    p.set_cell("coded_events", 0, "actor_country", "IND")


VERSION = json.loads((ROOT / "datapackage.json").read_text())["version"]
NEWEST_RELEASE_LINE = newest_release((ROOT / "CHANGELOG.md").read_text())[2]


def path_with_empty_segment(p):
    set_path("data//topics.csv")(p)


def path_array(p):
    d = p.descriptor()
    d["resources"][8]["path"] = ["data/topics.csv", "data/topics.csv"]
    p.write_descriptor(d)


def no_bytes(p):
    d = p.descriptor()
    del d["resources"][0]["bytes"]
    p.write_descriptor(d)


def schema_file_missing(p):
    p.file("schemas/topics.tableschema.json").unlink()


def schema_without_fields(p):
    p.write_bytes("schemas/topics.tableschema.json", b'{"fields": "none"}\n', refresh=False)


def enum_out_of_step(p):
    schema_path = p.file("schemas/events.tableschema.json")
    schema = json.loads(schema_path.read_text())
    field = next(f for f in schema["fields"] if f["name"] == "status")
    field["constraints"]["enum"] = ["took-place", "announced", "rumoured"]
    schema_path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")


def json_schema_broken(p):
    p.write_bytes("schemas/topics.schema.json", b"{not json\n", refresh=False)


def table_schema_broken(p):
    p.write_bytes("schemas/topics.tableschema.json", b"{not json\n", refresh=False)


def source_path_outside(p):
    p.set_cell("sources", 0, "path", "data/sources/missing.txt")


def source_bytes_wrong(p):
    p.set_cell("sources", 0, "bytes", "4790")


def source_not_utf8(p):
    rel = "data/sources/security-risks-asia-2018-10-23.txt"
    data = p.file(rel).read_bytes() + b"\xff"
    import hashlib

    p.file(rel).write_bytes(data)
    header, rows = p.rows("sources")
    rows[0].update(sha256=hashlib.sha256(data).hexdigest(), bytes=str(len(data)))
    p.write_rows("sources", header, rows)


def span_in_unheld_source(p):
    p.set_cell("actors", 0, "source_id", "src-mha-statement")


def row_in_wrong_segment(p):
    p.set_cell("statements", 0, "segment_id", "seg-sra-page-007")


def segments_overlap(p):
    header, rows = p.rows("segments")
    rows[1]["start"] = str(int(rows[0]["end"]) - 3)
    text = p.file("data/sources/security-risks-asia-2018-10-23.txt").read_text()
    rows[1]["text"] = text[int(rows[1]["start"]) : int(rows[1]["end"])]
    p.write_rows("segments", header, rows)


def parent_cycle(p):
    p.set_cell("events", 0, "parent_event_id", "ev-hlm-security-1")


def answer_after_event(p):
    header, rows = p.rows("events")
    rows[4].update(date_edtf="2018-10-24", earliest="2018-10-24", latest="2018-10-24")
    p.write_rows("events", header, rows)


def state_as_co_chair(p):
    p.set_cell("participants", 0, "actor_id", "act-india")


def group_as_issuer(p):
    header, rows = p.rows("statements")
    for row in rows:
        row["issuer_id"] = "act-jem"
    p.write_rows("statements", header, rows)


def changelog_behind(p):
    text = p.file("CHANGELOG.md").read_text()
    p.file("CHANGELOG.md").write_text(text.replace(f"## [{VERSION}]", "## [0.9.0]", 1))


def citation_behind(p):
    text = p.file("CITATION.cff").read_text()
    p.file("CITATION.cff").write_text(text.replace(f'version: "{VERSION}"', 'version: "0.9.0"'))


def no_twin(p):
    d = p.descriptor()
    d["resources"] = [r for r in d["resources"] if r["name"] != "topics-json"]
    p.write_descriptor(d)


CASES = [
    # (mutation, code, file, line)
    (drop_qa_row, "provenance/paragraph-uncovered", "data/segments.csv", 19),
    (duplicate_statement_row, "provenance/paragraph-duplicated", "data/segments.csv", 7),
    (crlf_csv, "bytes/crlf", "data/topics.csv", 1),
    (bom_csv, "bytes/bom", "data/topics.csv", 1),
    (no_final_newline, "bytes/final-newline", "data/topics.csv", 16),
    (latin1_csv, "bytes/not-utf8", "data/topics.csv", None),
    (nfd_cell, "bytes/not-nfc", "data/topics.csv", 2),
    (control_char, "bytes/control-char", "data/topics.csv", 2),
    (padded_cell, "csv/cell-whitespace", "data/topics.csv", 2),
    (formula_cell, "csv/formula", "data/topics.csv", 2),
    (over_quoted, "csv/not-canonical", "data/topics.csv", None),
    (ragged_row, "csv/ragged-row", "data/topics.csv", 2),
    (unbalanced_quote, "csv/malformed", "data/topics.csv", None),
    (wrong_hash, "file/hash-mismatch", "data/sources.csv", None),
    (wrong_bytes, "file/bytes-mismatch", "data/sources.csv", None),
    (sha1_hash, "descriptor/hash-format", "datapackage.json", None),
    (upper_hash, "descriptor/hash-format", "datapackage.json", None),
    (not_semver, "descriptor/version", "datapackage.json", descriptor_line("version")),
    (profile_violation, "descriptor/profile", "datapackage.json", descriptor_line("created")),
    (no_title, "descriptor/metadata", "datapackage.json", None),
    (set_path("http://127.0.0.1:9/topics.csv"), "path/url", "datapackage.json", None),
    (set_path("/etc/passwd"), "path/absolute", "datapackage.json", None),
    (set_path("data/../data/topics.csv"), "path/parent", "datapackage.json", None),
    (set_path("data\\topics.csv"), "path/backslash", "datapackage.json", None),
    (set_path("data/nothing.csv"), "path/missing", "datapackage.json", None),
    (hidden_path, "path/hidden", "datapackage.json", None),
    (symlink_out, "path/escapes", "datapackage.json", None),
    (foreign_key, "frictionless/foreign-key", "data/participants.csv", 2),
    (primary_key, "frictionless/primary-key", "data/topics.csv", 3),
    (bad_date, "frictionless/type-error", "data/statements.csv", 2),
    (bad_pattern, "frictionless/constraint-error", "data/topics.csv", 2),
    (bad_category, "table/category", "data/events.csv", 2),
    (unique_key, "table/unique-key", "data/statements.csv", 3),
    (json_edit, "json/mismatch", "data/json/topics.json", 12),
    (json_malformed, "json/invalid", "data/json/topics.json", 1),
    (json_wrong_type, "json/schema", "data/json/statements.json", None),
    (json_row_dropped, "json/row-count", "data/json/topics.json", None),
    (stale_json_schema, "json/schema-stale", "schemas/topics.schema.json", None),
    (no_twin, "json/twin-missing", "datapackage.json", None),
    (span_shifted, "provenance/span-mismatch", "data/statements.csv", 2),
    (span_past_end, "provenance/span-range", "data/topic_links.csv", 2),
    (span_half_set, "provenance/span-incomplete", "data/actors.csv", 2),
    (text_retyped, "provenance/span-mismatch", "data/qa.csv", 2),
    (source_modified, "provenance/source-hash", "data/sources.csv", 2),
    (overlapping_rows, "provenance/span-overlap", "data/qa.csv", 4),
    (truncated_paragraph, "provenance/segment-remainder", "data/statements.csv", 2),
    (evidence_elsewhere, "provenance/evidence-outside-record", "data/topic_links.csv", 2),
    (segment_dropped, "provenance/unsegmented-text", "data/segments.csv", None),
    (child_outside_parent, "consistency/child-outside-parent", "data/events.csv", 3),
    (edtf_disagrees, "consistency/edtf", "data/events.csv", 7),
    (dates_reversed, "consistency/date-order", "data/events.csv", 2),
    (statement_misdated, "consistency/date-outside-source", "data/statements.csv", 2),
    (answer_by_journalist, "consistency/speaker", "data/qa.csv", 3),
    (implausible_role, "consistency/role-event", "data/participants.csv", 2),
    (answer_to_wrong_question, "consistency/reply", "data/qa.csv", 3),
    (link_to_both, "consistency/link-target", "data/topic_links.csv", 2),
    (agreement_misdated, "consistency/agreement", "data/agreements.csv", 2),
    (withdrawn_id_reused, "consistency/withdrawn-id-reused", "data/topics.csv", 4),
    (goldstein_off, "coding/code-table", "data/coded_events.csv", 2),
    (root_code_off, "coding/code-structure", "data/cameo_codes.csv", 5),
    (pair_broken, "coding/pairs", "data/coded_events.csv", 3),
    (coded_date_off, "coding/date-outside-event", "data/coded_events.csv", 8),
    (actor_country_off, "coding/actor-country", "data/coded_events.csv", 2),
    (path_with_empty_segment, "path/malformed", "datapackage.json", None),
    (path_array, "path/multiple", "datapackage.json", None),
    (no_bytes, "descriptor/hash-missing", "datapackage.json", None),
    (schema_file_missing, "path/missing", "datapackage.json", None),
    (schema_without_fields, "schema/profile", "schemas/topics.tableschema.json", None),
    (enum_out_of_step, "schema/enum-categories", "schemas/events.tableschema.json", None),
    (json_schema_broken, "json/schema-unreadable", "schemas/topics.schema.json", None),
    (table_schema_broken, "schema/unreadable", "schemas/topics.tableschema.json", None),
    (source_path_outside, "provenance/source-file", "data/sources.csv", 2),
    (source_bytes_wrong, "provenance/source-bytes", "data/sources.csv", 2),
    (source_not_utf8, "provenance/source-encoding", "data/sources/security-risks-asia-2018-10-23.txt", None),
    (span_in_unheld_source, "provenance/span-source", "data/actors.csv", 2),
    (row_in_wrong_segment, "provenance/outside-segment", "data/statements.csv", 2),
    (segments_overlap, "provenance/segment-overlap", "data/segments.csv", 3),
    (parent_cycle, "consistency/parent-cycle", "data/events.csv", None),
    (answer_after_event, "consistency/date-outside-event", "data/qa.csv", 2),
    (state_as_co_chair, "consistency/role-actor", "data/participants.csv", 2),
    (group_as_issuer, "consistency/issuer", "data/statements.csv", 2),
    (changelog_behind, "version/changelog", "CHANGELOG.md", NEWEST_RELEASE_LINE),
    (citation_behind, "version/citation", "CITATION.cff", 6),
]


@pytest.mark.parametrize("mutate, code, path, line", CASES, ids=[f"{c[1]}:{c[0].__name__}" for c in CASES])
def test_broken_copy_reports_the_rule_and_its_location(package, mutate, code, path, line):
    mutate(package)
    problems = package.problems()  # one validation per case
    found = [p for p in problems if p.code == code]
    assert found, f"{code} not reported; got {sorted({p.code for p in problems})}"
    assert any(p.path == path and (line is None or p.line == line) for p in found), found
    assert not any(p.fatal for p in problems)


def test_every_case_code_is_a_listed_rule():
    codes = all_codes()
    for _, code, _, _ in CASES:
        assert code in codes or code.startswith("frictionless/"), code


def test_unreadable_descriptor_cannot_run(package):
    package.file("datapackage.json").write_text("{not json")
    problems = package.problems()
    assert [p.code for p in problems] == ["descriptor/unreadable"] and problems[0].fatal
