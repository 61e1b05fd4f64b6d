"""Hostile values: what a package carries must be safe to print, to render, to follow as a link and
to build. Each class of value the validator refuses, every tool refuses too, with a message."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from india_china_security_meetings.cli import main
from india_china_security_meetings.generate.derived_files import build
from india_china_security_meetings.generate.release_files import build_dist
from india_china_security_meetings.generate.site import build_site, markdown_html
from india_china_security_meetings.reader import PackageError
from india_china_security_meetings.versioning import release

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m"

# Hostile corpora: a corrupted copy of the package per case, about a hundred of them. They run
# with `make test-slow`, which CI runs beside `make test` on every change.
pytestmark = pytest.mark.slow


def codes(problems) -> set[str]:
    return {p.code for p in problems}


def with_descriptor(package, **changes):
    descriptor = package.descriptor()
    for pointer, value in changes.items():
        *parents, last = pointer.split("__")
        target = descriptor
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    package.write_descriptor(descriptor)


# -- URLs -------------------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "file:///etc/passwd"]
)
@pytest.mark.parametrize("where", ["licenses__0__path", "sources__0__path", "homepage"])
def test_a_descriptor_url_with_an_unsafe_scheme_is_invalid_and_never_built(package, tmp_path, where, url):
    with_descriptor(package, **{where: url})
    found = [p for p in package.problems() if p.code == "values/url-scheme"]
    assert found and found[0].field == "/" + where.replace("__", "/")
    with pytest.raises(PackageError, match="scheme"):
        build(package.path)
    with pytest.raises(PackageError, match="scheme"):
        build_dist(package.path, tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def test_an_identifier_may_be_a_uuid_urn_and_nothing_else_of_its_kind(package):
    with_descriptor(package, id="urn:uuid:0b6f2f5e-6f6e-4d3c-9a4e-2f1d6c7b8a90")
    assert "values/url-scheme" not in codes(package.problems())
    with_descriptor(package, id="urn:javascript:alert(1)")
    assert "values/url-scheme" in codes(package.problems())


def test_a_url_cell_with_an_unsafe_scheme_is_invalid_and_never_built(package, tmp_path):
    package.with_release_documents()
    line = package.edit_row("sources", "src-sra-page", url="javascript:alert(document.cookie)")
    found = [p for p in package.problems() if p.code == "cells/url-scheme"]
    assert [(p.line, p.field) for p in found] == [(line, "url")]
    with pytest.raises(PackageError, match="scheme"):
        build_dist(package.path, tmp_path / "dist")


# -- terminal escapes -----------------------------------------------------------------------------


def test_control_characters_spelled_as_json_escapes_are_invalid(package):
    with_descriptor(package, title="Title" + ESCAPES)
    found = [p for p in package.problems() if p.code == "values/control-char"]
    assert found and found[0].field == "/title" and "U+001B" in found[0].message


def test_a_title_with_terminal_escapes_is_never_written_into_the_citation_files(package):
    with_descriptor(package, title="Title" + ESCAPES)
    before = package.file("README.md").read_bytes()
    with pytest.raises(PackageError, match="control character"):
        build(package.path)
    assert package.file("README.md").read_bytes() == before


def test_commands_echo_package_values_with_their_controls_escaped(package, capsys, built_package):
    with_descriptor(package, title="Title" + ESCAPES)
    assert main(["cite", "topics", "top-separatism", "--root", str(package.path)]) == 2
    assert main(["cite", "topics", "top-" + ESCAPES, "--root", str(built_package)]) == 1
    captured = capsys.readouterr()
    shown = captured.out + captured.err
    assert "U+001B" in shown and not any(char in shown for char in "\x1b\x07\x9b")


# -- anchors ----------------------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("version", ["1.3.0\n", "1٣.0.0", "１.3.0", "v1.3.0", "1.3.0 "])
def test_a_release_version_must_be_ascii_and_whole(package, version):
    with pytest.raises(ValueError, match="MAJOR.MINOR.PATCH"):
        release(package.path, version, "2026-12-01")


@pytest.mark.parametrize("version", ["1.3.0\n", "1٣.0.0"])
def test_a_descriptor_version_must_be_ascii_and_whole(package, version):
    with_descriptor(package, version=version)
    assert "descriptor/version" in codes(package.problems())


def test_a_package_name_with_a_final_newline_is_unsafe(package, tmp_path):
    with_descriptor(package, name=package.descriptor()["name"] + "\n")
    assert "descriptor/unsafe-name" in codes(package.problems())
    with pytest.raises(PackageError):
        build_dist(package.path, tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


@pytest.mark.parametrize("version", ["1.3.0\nx", "1.3.0\n", "1٣.0.0", "01.3.0", "1.3", ""])
def test_the_action_refuses_a_version_that_is_not_whole_ascii(version):
    import yaml

    steps = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["runs"]["steps"]
    script = next(s["run"] for s in steps if s.get("name") == "Install the validator")
    check = script.split("python -m pip")[0]  # the checks only: nothing is installed
    result = subprocess.run(
        ["bash", "-c", check], env={"ICSM_VERSION": version, "PATH": "/usr/bin:/bin"}, capture_output=True, text=True
    )
    assert result.returncode == 2, version
    assert "MAJOR.MINOR.PATCH" in result.stderr


def test_the_action_accepts_a_plain_version():
    import yaml

    steps = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))["runs"]["steps"]
    script = next(s["run"] for s in steps if s.get("name") == "Install the validator")
    check = script.split("python -m pip")[0]
    result = subprocess.run(["bash", "-c", check], env={"ICSM_VERSION": "1.3.0", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0


# -- bidirectional controls ---------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200f"])
def test_a_bidirectional_control_in_a_label_is_invalid_and_never_built(package, tmp_path, char):
    package.with_release_documents()
    line = package.edit_row("actors", "act-zhao-kezhi", label=f"Zhao {char}iheK")
    found = [p for p in package.problems() if p.code == "cells/bidi-control"]
    assert [(p.line, p.field) for p in found] == [(line, "label")]
    with pytest.raises(PackageError, match="bidirectional"):
        build_dist(package.path, tmp_path / "dist")


def test_a_bidirectional_control_in_a_schema_description_is_invalid(package):
    import json

    path = package.file("schemas/topics.tableschema.json")
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["fields"][0]["description"] += "\u202e"
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    found = [p for p in package.problems() if p.code == "values/bidi-control"]
    assert found and found[0].path == "schemas/topics.tableschema.json"


# -- valid means buildable --------------------------------------------------------------------------


def add_table(package, name: str, fields: list[dict], rows: list[dict]) -> str | None:
    """A new table as CONTRIBUTING says: a Table Schema and its CSV, then a build; the build's
    refusal, if it refuses (it then writes nothing)."""
    import json

    schema = {"fields": fields, "primaryKey": [fields[0]["name"]]}
    package.file(f"schemas/{name}.tableschema.json").write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
    header = [f["name"] for f in fields]
    lines = [",".join(header)] + [",".join(row[h] for h in header) for row in rows]
    package.file(f"data/{name}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        build(package.path)
    except PackageError as error:
        return str(error)
    return None


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["metadata", "held_texts", "paragraphs", "sqlite_master"])
def test_a_table_named_like_what_the_database_adds_is_invalid_and_not_built(package, name):
    refused = add_table(package, name, [{"name": "key_id", "type": "string"}], [{"key_id": "a"}])
    assert refused and "SQLite release adds" in refused
    assert "build/reserved-name" in codes(package.problems())


def test_a_field_type_no_release_format_carries_is_invalid_and_not_built(package):
    refused = add_table(
        package, "extras", [{"name": "extra_id", "type": "string"}, {"name": "value", "type": "any"}], []
    )
    assert refused and "has no column type" in refused
    assert "build/field-type" in codes(package.problems())


@pytest.mark.corpus
@pytest.mark.parametrize("field", ['quote"d', "Upper", "with space", "a.b", "ünï"])
def test_a_field_name_that_is_not_a_plain_identifier_is_invalid_and_not_built(package, field):
    refused = add_table(
        package, "extras", [{"name": "extra_id", "type": "string"}, {"name": field, "type": "string"}], []
    )
    assert refused and "lowercase ASCII" in refused
    assert "build/field-name" in codes(package.problems())


@pytest.mark.corpus
@pytest.mark.parametrize(
    "field_type, value",
    [
        ("integer", str(2**63)),
        ("integer", str(-(2**63) - 1)),
        ("integer", "١٢"),
        ("number", "NaN"),
        ("number", "1e999"),
    ],
)
def test_a_cell_beyond_what_sqlite_and_parquet_hold_is_invalid_and_not_built(package, field_type, value):
    fields = [{"name": "extra_id", "type": "string"}, {"name": "value", "type": field_type}]
    refused = add_table(package, "extras", fields, [{"extra_id": "a", "value": value}])
    assert refused and refused.startswith("data/extras.csv:2:value:")
    # Listed by an earlier build, then edited: the validator names the cell.
    assert add_table(package, "extras", fields, [{"extra_id": "a", "value": "1"}]) is None
    package.write_bytes("data/extras.csv", f"extra_id,value\na,{value}\n".encode())
    found = [p for p in package.problems() if p.code == "build/cell-range"]
    assert [(p.path, p.line, p.field) for p in found] == [("data/extras.csv", 2, "value")]


def test_the_largest_64_bit_integer_is_valid(package):
    add_table(
        package,
        "extras",
        [{"name": "extra_id", "type": "string"}, {"name": "value", "type": "integer"}],
        [{"extra_id": "a", "value": str(2**63 - 1)}],
    )
    assert "build/cell-range" not in codes(package.problems())


# -- quieter leaks ----------------------------------------------------------------------------------


def test_a_markdown_image_never_becomes_a_remote_fetch():
    html = markdown_html("See ![tracker](https://example.org/pixel.png) here.")
    assert "<img" not in html and 'href="https://example.org/pixel.png"' in html


def test_the_codebook_tables_are_rendered_as_tables():
    assert "<table>" in markdown_html("| a | b |\n|---|---|\n| 1 | 2 |\n")


def test_a_link_definition_line_inside_an_entry_keeps_the_rest_of_the_notes():
    from india_china_security_meetings.generate.changes_feed import releases

    changelog = (
        "# Changelog\n\n## [1.1.0] - 2026-01-02\n\n- first\n[x]: the middle\n- last\n\n"
        "## [1.0.0] - 2026-01-01\n\n- only\n\n[1.1.0]: https://example.org/1.1.0\n[1.0.0]: https://example.org/1.0.0\n"
    )
    assert [notes for _, _, notes in releases(changelog)] == ["- first\n[x]: the middle\n- last", "- only"]


@pytest.mark.parametrize("latitude, longitude", [("28.6", ""), ("NaN", "77.2")])
def test_a_broken_coordinate_pair_stops_the_page_naming_the_record(package, tmp_path, latitude, longitude):
    package.with_release_documents()
    package.edit_row("places", "pl-new-delhi", latitude=latitude, longitude=longitude)
    assert codes(package.problems()) & {"places/coordinates", "build/cell-range"}
    with pytest.raises(PackageError, match="data/places.csv") as stopped:
        build_dist(package.path, tmp_path / "dist")
        build_site(package.path, tmp_path / "site", tmp_path / "dist")
    assert "latitude" in str(stopped.value)


def test_validating_an_empty_path_is_an_error_not_the_installed_data():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/validate.py"), ""],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2 and "the path to validate is empty" in result.stderr


# -- what the attack on 1.3.0's hardening found -----------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("key", ["extra_id", [], ["missing"]])
def test_a_primary_key_the_release_writers_cannot_take_is_invalid_and_not_built(package, key):
    fields = [{"name": "extra_id", "type": "string"}]
    package.file("data/extras.csv").write_text("extra_id\na\n", encoding="utf-8")
    schema = {"fields": fields, "primaryKey": key}
    package.file("schemas/extras.tableschema.json").write_text(json.dumps(schema) + "\n", encoding="utf-8")
    with pytest.raises(PackageError, match="primaryKey"):
        build(package.path)
    assert "build/keys" in codes(package.problems())


@pytest.mark.parametrize(
    "where, entry", [("licenses", {"path": "https://example.org/l"}), ("contributors", {"roles": ["creator"]})]
)
def test_metadata_the_citation_is_written_from_must_be_there(package, where, entry):
    descriptor = package.descriptor()
    descriptor[where] = [entry]
    package.write_descriptor(descriptor)
    assert "descriptor/metadata" in codes(package.problems())
    with pytest.raises(PackageError, match=f"{where}/0"):
        build(package.path)


@pytest.mark.corpus
@pytest.mark.parametrize("date", ["2026-02-30", "0000-01-01", "2200-01-01"])
def test_a_release_date_no_archive_can_hold_is_invalid_and_not_built(package, tmp_path, date):
    from india_china_security_meetings.file_gate import Refused

    package.with_release_documents()
    text = package.file("CHANGELOG.md").read_text(encoding="utf-8")
    version = package.descriptor()["version"]
    package.file("CHANGELOG.md").write_text(
        re.sub(rf"## \[{re.escape(version)}\] - [0-9-]+", f"## [{version}] - {date}", text, count=1), encoding="utf-8"
    )
    assert "version/changelog" in codes(package.problems())
    with pytest.raises((Refused, PackageError), match=date):
        build_dist(package.path, tmp_path / "dist")


def test_the_page_names_no_record_of_this_package_in_its_templates():
    templates = ROOT / "src" / "india_china_security_meetings" / "site_templates"
    for template in templates.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        for code in re.findall(r"\{[{%].*?[%}]\}", text, re.DOTALL):  # what the template looks up, not its prose
            assert not re.search(r"[\"'](src|act|ev|ce|cl|st|qa|agr|pl|top)-[a-z0-9]", code), (template.name, code)


def test_link_definitions_at_the_end_of_a_long_changelog_are_stripped_in_one_pass():
    from india_china_security_meetings.generate.changes_feed import releases

    changelog = "# Changelog\n\n## [1.0.0] - 2026-01-01\n\n- only\n" + "[x]: y\n" * 100_000
    assert releases(changelog) == [("1.0.0", "2026-01-01", "- only")]


def test_a_release_record_longer_than_any_history_is_refused_unread(package, monkeypatch):
    from india_china_security_meetings import revisions

    monkeypatch.setattr(revisions, "MAX_RELEASES", 20)
    MAX_RELEASES = revisions.MAX_RELEASES

    lines = [f"1.0.{n},2026-01-01,{'a' * 40}" for n in range(MAX_RELEASES + 1)]
    package.file("changes").mkdir()
    package.file("changes/releases.csv").write_text("version,date,commit\n" + "\n".join(lines) + "\n", encoding="utf-8")
    found = [p for p in package.problems() if p.code == "version/release-record"]
    assert found and f"more than the {MAX_RELEASES}" in found[0].message


def test_a_commit_with_more_files_than_a_package_has_is_not_unpacked(package, monkeypatch):
    from india_china_security_meetings import revisions
    from india_china_security_meetings.revisions import SnapshotError, snapshot

    monkeypatch.setattr(revisions, "MAX_SNAPSHOT_FILES", 150)  # the rule, not the number, is under test
    MAX_SNAPSHOT_FILES = revisions.MAX_SNAPSHOT_FILES
    folder = package.file("data/many")
    folder.mkdir()
    for n in range(MAX_SNAPSHOT_FILES + 1):
        (folder / f"f{n}.csv").write_bytes(b"")
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *args], cwd=package.path, check=True, capture_output=True)
    with pytest.raises(SnapshotError, match=f"more than the {MAX_SNAPSHOT_FILES}"):
        with snapshot("git:HEAD", package.path):
            pass


@pytest.mark.corpus
@pytest.mark.parametrize("kind", ["fifo", "link out", "link to a device"])
def test_build_never_writes_through_a_link_or_onto_a_fifo(package, tmp_path_factory, kind):
    import os

    from india_china_security_meetings.file_gate import Refused

    package.with_release_documents()
    outside = tmp_path_factory.mktemp("outside")  # the package fixture is its own tmp_path
    target = package.file("docs/rules.md")
    target.unlink()
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "link out":
        target.symlink_to(outside / "rules.md")
    else:
        target.symlink_to("/dev/zero")
    assert "build/output-path" in codes(package.problems())
    with pytest.raises(Refused):
        build(package.path)
    assert list(outside.iterdir()) == []


def test_a_linked_docs_folder_is_never_written_into(package, tmp_path_factory):
    import shutil

    from india_china_security_meetings.file_gate import Refused

    package.with_release_documents()
    outside = tmp_path_factory.mktemp("outside") / "docs"
    shutil.copytree(package.file("docs"), outside)
    before = {p.name: p.read_bytes() for p in outside.iterdir()}
    shutil.rmtree(package.file("docs"))
    package.file("docs").symlink_to(outside)
    package.edit_row("topics", "top-separatism", definition="Separatist forces.")
    with pytest.raises(Refused):
        build(package.path)
    assert {p.name: p.read_bytes() for p in outside.iterdir()} == before


@pytest.mark.parametrize("char, code", [("\x1b[2J", "values/control-char"), ("\u202e", "values/bidi-control")])
def test_controls_in_the_changelog_are_invalid_and_never_published(package, tmp_path, char, code):
    from india_china_security_meetings.file_gate import Refused

    package.with_release_documents()
    text = package.file("CHANGELOG.md").read_text(encoding="utf-8")
    package.file("CHANGELOG.md").write_text(
        text.replace("## [Unreleased]", f"## [Unreleased]\n\n- note {char}x", 1), encoding="utf-8"
    )
    assert code in codes(package.problems())
    with pytest.raises((Refused, PackageError), match="CHANGELOG.md"):
        build_dist(package.path, tmp_path / "dist")


@pytest.mark.parametrize("key", ["homepage", "$schema"])
def test_a_resource_level_url_has_a_safe_scheme_too(package, key):
    descriptor = package.descriptor()
    package.entry(descriptor, "sources")[key] = "javascript:alert(1)"
    package.write_descriptor(descriptor)
    index = [e["name"] for e in descriptor["resources"]].index("sources")
    found = [p for p in package.problems() if p.code == "values/url-scheme"]
    assert found and found[0].field == f"/resources/{index}/{key}"


# -- what the second attack found -------------------------------------------------------------------


def test_a_lone_surrogate_spelled_as_a_json_escape_is_invalid_and_never_built(package):
    text = package.file("datapackage.json").read_text(encoding="utf-8")
    package.file("datapackage.json").write_text(text.replace('"title": "', '"title": "\\ud800', 1), encoding="utf-8")
    assert "values/control-char" in codes(package.problems())
    with pytest.raises(PackageError, match="U\\+D800"):
        build(package.path)


def test_many_objects_asked_of_git_at_once_never_fill_both_pipes():
    from india_china_security_meetings.revisions import _cat_file_batch

    names = [f"{n:040x}" for n in range(20_000)]  # far more answers than a pipe holds
    answers = list(_cat_file_batch(ROOT, names))
    assert len(answers) == len(names) and all(kind is None for _, kind, _, _ in answers)


def test_a_line_break_in_a_file_name_of_a_commit_stops_the_snapshot(package):
    from india_china_security_meetings.revisions import SnapshotError, snapshot

    package.file("data/a\nb.csv").write_text("x\n", encoding="utf-8")
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *args], cwd=package.path, check=True, capture_output=True)
    with pytest.raises(SnapshotError, match="control character in its name"):
        with snapshot("git:HEAD", package.path):
            pass


@pytest.mark.parametrize(
    "definition, code",
    [
        ("Separatist \x1b]8;;https://evil\x07forces.", "bytes/control-char"),  # a terminal hyperlink
        ('=HYPERLINK("https://example.org")', "csv/formula"),  # a spreadsheet formula
    ],
)
def test_a_cell_the_validator_refuses_is_never_released(package, tmp_path, definition, code):
    package.with_release_documents()
    package.edit_row("topics", "top-separatism", definition=definition)
    assert code in codes(package.problems())
    with pytest.raises(PackageError, match="is not valid"):
        build_dist(package.path, tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


@pytest.mark.corpus
@pytest.mark.parametrize(
    "key, value, pointer",
    [
        ("keywords", 5, "keywords"),
        ("id", 5, "id"),
        ("contributors", [{"title": "x", "roles": 5}], "contributors/0/roles"),
    ],
)
def test_a_descriptor_value_of_a_shape_no_tool_can_use_stops_the_build_naming_it(package, key, value, pointer):
    descriptor = package.descriptor()
    descriptor[key] = value
    package.write_descriptor(descriptor)
    with pytest.raises(PackageError, match=f"datapackage.json: {pointer} must be"):
        build(package.path)


def test_a_docs_folder_linked_outside_is_invalid(package, tmp_path_factory):
    import shutil

    package.with_release_documents()
    outside = tmp_path_factory.mktemp("outside") / "docs"
    shutil.move(package.file("docs"), outside)
    package.file("docs").symlink_to(outside)
    found = [p for p in package.problems() if p.code == "build/output-path"]
    assert found and "resolves outside the package" in found[0].message


def test_the_zenodo_description_carries_no_markup_of_the_package():
    from india_china_security_meetings.generate.citation import zenodo

    descriptor = {"title": "t", "version": "1.0.0", "licenses": [{"name": "CC-BY-4.0"}]}
    descriptor["description"] = '<img src="https://example.org/x.png"><a href="javascript:alert(1)">x</a>'
    assert "<img" not in zenodo(descriptor, "2026-01-01")["description"]
