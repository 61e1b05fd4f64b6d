"""Each rule, specified by a copy of the package broken in exactly one way.

Every case asserts the rule code and where it points (file, and line where there is one). Rows are
found by ID and lines are looked up in the intact copy, so the cases hold whatever rows the fixture has.
"""

from __future__ import annotations

import json

import pytest

from india_china_security_meetings.changelog import newest_release
from india_china_security_meetings.generate.derived_files import refresh_file_facts
from india_china_security_meetings.rules import all_codes

# --- mutations: each breaks one thing ---------------------------------------------------------


def resource(descriptor: dict, name: str) -> dict:
    return next(entry for entry in descriptor["resources"] if entry["name"] == name)


def drop_qa_row(p):
    p.edit_row("qa", "qa-2018-10-23-2-a3", drop=True)  # the only row over paragraph seg-sra-page-018


def duplicate_statement_row(p):
    header, rows = p.rows("statements")
    rows.append(dict(p.row("statements", "st-mha-2018-10-22-1"), statement_id="st-mha-2018-10-22-9", paragraph="9"))
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
    p.edit_row("topics", "top-counter-terrorism", definition="Cooperation against terrorism in ge\u0301neral.")


def control_char(p):
    p.edit_row("topics", "top-counter-terrorism", definition="Cooperation\x07 against terrorism.")


def padded_cell(p):
    p.edit_row("topics", "top-counter-terrorism", label="Counter-terrorism ")


def formula_cell(p):
    p.edit_row("topics", "top-counter-terrorism", definition='=HYPERLINK("http://x")')


def over_quoted(p):
    rel = "data/topics.csv"
    p.write_bytes(rel, p.file(rel).read_bytes().replace(b"top-counter-terrorism,", b'"top-counter-terrorism",', 1))


def ragged_row(p):
    rel = "data/topics.csv"
    p.write_bytes(rel, p.file(rel).read_bytes().replace(b"top-counter-terrorism,", b"top-counter-terrorism,extra,", 1))


def unbalanced_quote(p):
    rel = "data/topics.csv"
    p.write_bytes(rel, p.file(rel).read_bytes().replace(b"top-counter-terrorism,", b'top-counter-terrorism,"', 1))


def set_in_sources_entry(key, value):
    """Set `key` of the descriptor's `sources` resource entry (`value` may be a function of the old value)."""

    def mutate(p):
        d = p.descriptor()
        entry = resource(d, "sources")
        entry[key] = value(entry[key]) if callable(value) else value
        p.write_descriptor(d)

    return mutate


wrong_hash = set_in_sources_entry("hash", "sha256:" + "0" * 64)
wrong_bytes = set_in_sources_entry("bytes", 1)
sha1_hash = set_in_sources_entry("hash", "sha1:" + "0" * 40)
upper_hash = set_in_sources_entry("hash", lambda digest: digest.replace("sha256:", "SHA256:"))


# --- where a case points, looked up in the intact copy before it is broken ----------------------


def line_starting(rel: str, prefix: str):
    """The first line of `rel` that starts with `prefix`."""

    def find(p) -> int:
        lines = p.file(rel).read_text(encoding="utf-8").splitlines()
        return 1 + next(i for i, line in enumerate(lines) if line.startswith(prefix))

    return find


def descriptor_line(key: str):
    return line_starting("datapackage.json", f'  "{key}":')


def last_line(p) -> int:
    return len(p.file("data/topics.csv").read_bytes().splitlines())


def json_record_line(table: str, record_id: str):
    """The line of the opening brace of a record in a table's JSON twin (one key a line)."""

    def find(p) -> int:
        key = next(iter(p.rows(table)[0]))
        return line_starting(f"data/json/{table}.json", f'    "{key}": "{record_id}"')(p) - 1

    return find


def newest_release_line(p) -> int:
    return newest_release(p.file("CHANGELOG.md").read_text(encoding="utf-8"))[2]


def version(p) -> str:
    return p.descriptor()["version"]


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
        resource(d, "topics")["path"] = value
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
    p.edit_row("participants", "par-001", actor_id="act-nobody")


def primary_key(p):
    p.edit_row("topics", "top-organised-crime", topic_id="top-counter-terrorism")


def bad_date(p):
    p.edit_row("statements", "st-mha-2018-10-22-1", rebuild=False, date="2018-13-45")
    refresh_file_facts(p.path)


def bad_pattern(p):
    p.edit_row("topics", "top-counter-terrorism", topic_id="TOPIC 1")


def bad_category(p):
    schema_path = p.file("schemas/events.tableschema.json")
    schema = json.loads(schema_path.read_text())
    field = next(f for f in schema["fields"] if f["name"] == "event_type")
    field["constraints"].pop("enum")  # so only our categories rule can see the bad value
    schema_path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    p.edit_row("events", "ev-zhao-visit-india", rebuild=False, event_type="picnic")
    refresh_file_facts(p.path)


def unique_key(p):
    p.edit_row("statements", "st-mha-2018-10-22-2", paragraph="1")


def json_edit(p):
    rel = "data/json/topics.json"
    records = json.loads(p.file(rel).read_text())
    next(r for r in records if r["topic_id"] == "top-drug-control")["label"] = "Something else"
    p.write_bytes(rel, (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode())


def json_malformed(p):
    p.write_bytes("data/json/topics.json", b'[{"a": 1,,}]\n')


def json_wrong_type(p):
    rel = "data/json/statements.json"
    records = json.loads(p.file(rel).read_text())
    next(r for r in records if r["statement_id"] == "st-mha-2018-10-22-2")["paragraph"] = "2"
    p.write_bytes(rel, (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode())


def json_row_dropped(p):
    rel = "data/json/topics.json"
    records = [r for r in json.loads(p.file(rel).read_text()) if r["topic_id"] != "top-drug-control"]
    p.write_bytes(rel, (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode())


def stale_json_schema(p):
    rel = "schemas/topics.schema.json"
    schema = json.loads(p.file(rel).read_text())
    schema["title"] = "Changed by hand"
    p.write_bytes(rel, (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode())


def span_shifted(p):
    start = int(p.row("statements", "st-mha-2018-10-22-1")["start"])
    p.edit_row("statements", "st-mha-2018-10-22-1", start=str(start + 1))


def span_past_end(p):
    p.edit_row("topic_links", "tl-001", end="99999")


def span_half_set(p):
    p.edit_row("actors", "act-rajnath-singh", name_end="")


def text_retyped(p):
    question = p.row("qa", "qa-2018-10-23-1-q")
    p.edit_row("qa", "qa-2018-10-23-1-q", text=question["text"].replace("’", "'"))


def source_modified(p):
    rel = "data/sources/security-risks-asia-2018-10-23.txt"
    p.file(rel).write_bytes(p.file(rel).read_bytes().replace(b"Rajnath", b"Rajnat"))


def overlapping_rows(p):
    start = int(p.row("qa", "qa-2018-10-23-1-a1")["end"]) - 5
    end = int(p.row("qa", "qa-2018-10-23-1-a2")["end"])
    text = p.file("data/sources/security-risks-asia-2018-10-23.txt").read_text()
    # the text follows the new span, so only the overlap is wrong
    p.edit_row("qa", "qa-2018-10-23-1-a2", start=str(start), text=text[start:end])


def truncated_paragraph(p):
    statement = p.row("statements", "st-mha-2018-10-22-1")
    p.edit_row("statements", "st-mha-2018-10-22-1", end=str(int(statement["end"]) - 1), text=statement["text"][:-1])


def evidence_elsewhere(p):
    p.edit_row("topic_links", "tl-001", statement_id="st-mha-2018-10-22-4")


def segment_dropped(p):
    p.edit_row("segments", "seg-sra-page-003", drop=True)


def child_outside_parent(p):
    p.edit_row("events", "ev-hlm-security-1", date_edtf="2018-10-27", earliest="2018-10-27", latest="2018-10-27")


def edtf_disagrees(p):
    p.edit_row("events", "ev-wuhan-informal-meeting", latest="2018-04-29")


def dates_reversed(p):
    p.edit_row(
        "events", "ev-zhao-visit-india", date_edtf="2018-10-25/2018-10-21", earliest="2018-10-25", latest="2018-10-21"
    )


def statement_misdated(p):
    p.edit_row("statements", "st-mha-2018-10-22-1", date="2018-10-23")


def answer_by_journalist(p):
    p.edit_row("qa", "qa-2018-10-23-1-a1", speaker_id="act-journalist-q1")


def implausible_role(p):
    p.edit_row("participants", "par-001", role="questioner")


def answer_to_wrong_question(p):
    p.edit_row("qa", "qa-2018-10-23-1-a1", replies_to="qa-2018-10-23-2-q")


def link_to_both(p):
    p.edit_row("topic_links", "tl-001", qa_id="qa-2018-10-23-1-q")


def agreement_misdated(p):
    p.edit_row("agreements", "agr-security-cooperation-2018", signed="2018-10-23")


def withdrawn_id_reused(p):
    p.write_rows(
        "withdrawn_ids",
        ["resource", "record_id", "withdrawn_in", "reason"],
        [{"resource": "topics", "record_id": "top-drug-control", "withdrawn_in": "1.0.0", "reason": "test"}],
    )


def goldstein_off(p):
    p.edit_row("coded_events", "ce-001", goldstein="3.0")


def root_code_off(p):
    p.edit_row("cameo_codes", "022", root_code="03")


def pair_broken(p):
    p.edit_row("coded_events", "ce-002", paired_with="ce-003")


def coded_date_off(p):
    p.edit_row("coded_events", "ce-007", date="2018-10-24")


def actor_country_off(p):
    p.edit_row("coded_events", "ce-001", actor_country="IND")


def path_with_empty_segment(p):
    set_path("data//topics.csv")(p)


def path_array(p):
    d = p.descriptor()
    resource(d, "topics")["path"] = ["data/topics.csv", "data/topics.csv"]
    p.write_descriptor(d)


def no_bytes(p):
    d = p.descriptor()
    del resource(d, "sources")["bytes"]
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
    p.edit_row("sources", "src-sra-page", path="data/sources/missing.txt")


def source_bytes_wrong(p):
    held = int(p.row("sources", "src-sra-page")["bytes"])
    p.edit_row("sources", "src-sra-page", bytes=str(held - 1))


def source_not_utf8(p):
    rel = "data/sources/security-risks-asia-2018-10-23.txt"
    data = p.file(rel).read_bytes() + b"\xff"
    import hashlib

    p.file(rel).write_bytes(data)
    p.edit_row("sources", "src-sra-page", sha256=hashlib.sha256(data).hexdigest(), bytes=str(len(data)))


def span_in_unheld_source(p):
    p.edit_row("actors", "act-rajnath-singh", source_id="src-mha-statement")


def row_in_wrong_segment(p):
    p.edit_row("statements", "st-mha-2018-10-22-1", segment_id="seg-sra-page-007")


def segments_overlap(p):
    start = int(p.row("segments", "seg-sra-page-001")["end"]) - 3
    end = int(p.row("segments", "seg-sra-page-002")["end"])
    text = p.file("data/sources/security-risks-asia-2018-10-23.txt").read_text()
    p.edit_row("segments", "seg-sra-page-002", start=str(start), text=text[start:end])


def parent_cycle(p):
    p.edit_row("events", "ev-zhao-visit-india", parent_event_id="ev-hlm-security-1")


def answer_after_event(p):
    p.edit_row(
        "events", "ev-mfa-presscon-2018-10-23", date_edtf="2018-10-24", earliest="2018-10-24", latest="2018-10-24"
    )


def state_as_co_chair(p):
    p.edit_row("participants", "par-001", actor_id="act-india")


def group_as_issuer(p):
    header, rows = p.rows("statements")
    for row in rows:
        row["issuer_id"] = "act-jem"
    p.write_rows("statements", header, rows)


def changelog_behind(p):
    text = p.file("CHANGELOG.md").read_text()
    p.file("CHANGELOG.md").write_text(text.replace(f"## [{version(p)}]", "## [0.9.0]", 1))


def citation_behind(p):
    text = p.file("CITATION.cff").read_text()
    p.file("CITATION.cff").write_text(text.replace(f'version: "{version(p)}"', 'version: "0.9.0"'))


def no_twin(p):
    d = p.descriptor()
    d["resources"] = [r for r in d["resources"] if r["name"] != "topics-json"]
    p.write_descriptor(d)


CASES = [
    # (mutation, code, file, where: None, a line, the ID of a row of that CSV, or a function of the copy)
    (drop_qa_row, "provenance/paragraph-uncovered", "data/segments.csv", "seg-sra-page-018"),
    (duplicate_statement_row, "provenance/paragraph-duplicated", "data/segments.csv", "seg-sra-page-006"),
    (crlf_csv, "bytes/crlf", "data/topics.csv", 1),
    (bom_csv, "bytes/bom", "data/topics.csv", 1),
    (no_final_newline, "bytes/final-newline", "data/topics.csv", last_line),
    (latin1_csv, "bytes/not-utf8", "data/topics.csv", None),
    (nfd_cell, "bytes/not-nfc", "data/topics.csv", "top-counter-terrorism"),
    (control_char, "bytes/control-char", "data/topics.csv", "top-counter-terrorism"),
    (padded_cell, "csv/cell-whitespace", "data/topics.csv", "top-counter-terrorism"),
    (formula_cell, "csv/formula", "data/topics.csv", "top-counter-terrorism"),
    (over_quoted, "csv/not-canonical", "data/topics.csv", None),
    (ragged_row, "csv/ragged-row", "data/topics.csv", "top-counter-terrorism"),
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
    (foreign_key, "frictionless/foreign-key", "data/participants.csv", "par-001"),
    (primary_key, "frictionless/primary-key", "data/topics.csv", "top-organised-crime"),
    (bad_date, "frictionless/type-error", "data/statements.csv", "st-mha-2018-10-22-1"),
    (bad_pattern, "frictionless/constraint-error", "data/topics.csv", "top-counter-terrorism"),
    (bad_category, "table/category", "data/events.csv", "ev-zhao-visit-india"),
    (unique_key, "table/unique-key", "data/statements.csv", "st-mha-2018-10-22-2"),
    (json_edit, "json/mismatch", "data/json/topics.json", json_record_line("topics", "top-drug-control")),
    (json_malformed, "json/invalid", "data/json/topics.json", 1),
    (json_wrong_type, "json/schema", "data/json/statements.json", None),
    (json_row_dropped, "json/row-count", "data/json/topics.json", None),
    (stale_json_schema, "json/schema-stale", "schemas/topics.schema.json", None),
    (no_twin, "json/twin-missing", "datapackage.json", None),
    (span_shifted, "provenance/span-mismatch", "data/statements.csv", "st-mha-2018-10-22-1"),
    (span_past_end, "provenance/span-range", "data/topic_links.csv", "tl-001"),
    (span_half_set, "provenance/span-incomplete", "data/actors.csv", "act-rajnath-singh"),
    (text_retyped, "provenance/span-mismatch", "data/qa.csv", "qa-2018-10-23-1-q"),
    (source_modified, "provenance/source-hash", "data/sources.csv", "src-sra-page"),
    (overlapping_rows, "provenance/span-overlap", "data/qa.csv", "qa-2018-10-23-1-a2"),
    (truncated_paragraph, "provenance/segment-remainder", "data/statements.csv", "st-mha-2018-10-22-1"),
    (evidence_elsewhere, "provenance/evidence-outside-record", "data/topic_links.csv", "tl-001"),
    (segment_dropped, "provenance/unsegmented-text", "data/segments.csv", None),
    (child_outside_parent, "consistency/child-outside-parent", "data/events.csv", "ev-hlm-security-1"),
    (edtf_disagrees, "consistency/edtf", "data/events.csv", "ev-wuhan-informal-meeting"),
    (dates_reversed, "consistency/date-order", "data/events.csv", "ev-zhao-visit-india"),
    (statement_misdated, "consistency/date-outside-source", "data/statements.csv", "st-mha-2018-10-22-1"),
    (answer_by_journalist, "consistency/speaker", "data/qa.csv", "qa-2018-10-23-1-a1"),
    (implausible_role, "consistency/role-event", "data/participants.csv", "par-001"),
    (answer_to_wrong_question, "consistency/reply", "data/qa.csv", "qa-2018-10-23-1-a1"),
    (link_to_both, "consistency/link-target", "data/topic_links.csv", "tl-001"),
    (agreement_misdated, "consistency/agreement", "data/agreements.csv", "agr-security-cooperation-2018"),
    (withdrawn_id_reused, "consistency/withdrawn-id-reused", "data/topics.csv", "top-drug-control"),
    (goldstein_off, "coding/code-table", "data/coded_events.csv", "ce-001"),
    (root_code_off, "coding/code-structure", "data/cameo_codes.csv", "022"),
    (pair_broken, "coding/pairs", "data/coded_events.csv", "ce-002"),
    (coded_date_off, "coding/date-outside-event", "data/coded_events.csv", "ce-007"),
    (actor_country_off, "coding/actor-country", "data/coded_events.csv", "ce-001"),
    (path_with_empty_segment, "path/malformed", "datapackage.json", None),
    (path_array, "path/multiple", "datapackage.json", None),
    (no_bytes, "descriptor/hash-missing", "datapackage.json", None),
    (schema_file_missing, "path/missing", "datapackage.json", None),
    (schema_without_fields, "schema/profile", "schemas/topics.tableschema.json", None),
    (enum_out_of_step, "schema/enum-categories", "schemas/events.tableschema.json", None),
    (json_schema_broken, "json/schema-unreadable", "schemas/topics.schema.json", None),
    (table_schema_broken, "schema/unreadable", "schemas/topics.tableschema.json", None),
    (source_path_outside, "provenance/source-file", "data/sources.csv", "src-sra-page"),
    (source_bytes_wrong, "provenance/source-bytes", "data/sources.csv", "src-sra-page"),
    (source_not_utf8, "provenance/source-encoding", "data/sources/security-risks-asia-2018-10-23.txt", None),
    (span_in_unheld_source, "provenance/span-source", "data/actors.csv", "act-rajnath-singh"),
    (row_in_wrong_segment, "provenance/outside-segment", "data/statements.csv", "st-mha-2018-10-22-1"),
    (segments_overlap, "provenance/segment-overlap", "data/segments.csv", "seg-sra-page-002"),
    (parent_cycle, "consistency/parent-cycle", "data/events.csv", None),
    (answer_after_event, "consistency/date-outside-event", "data/qa.csv", "qa-2018-10-23-1-q"),
    (state_as_co_chair, "consistency/role-actor", "data/participants.csv", "par-001"),
    (group_as_issuer, "consistency/issuer", "data/statements.csv", "st-mha-2018-10-22-1"),
    (changelog_behind, "version/changelog", "CHANGELOG.md", newest_release_line),
    (citation_behind, "version/citation", "CITATION.cff", line_starting("CITATION.cff", "version:")),
]


def located(p, path: str, where) -> int | None:
    """The line a case expects, found in the intact copy: a row by its ID, or by a function."""
    if isinstance(where, str):
        return p.line_of(path.removeprefix("data/").removesuffix(".csv"), where)
    return where(p) if callable(where) else where


@pytest.mark.parametrize("mutate, code, path, where", CASES, ids=[f"{c[1]}:{c[0].__name__}" for c in CASES])
def test_broken_copy_reports_the_rule_and_its_location(package, mutate, code, path, where):
    line = located(package, path, where)
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
