"""The one reader: the same checks under both policies, each fault reported once, and the view the
rules read finished even when a check breaks."""

from __future__ import annotations

import copy
import json

import pytest

from india_china_security_meetings.errors import PackageError
from india_china_security_meetings.reader import COLLECT, PackageReader


def entry_named(descriptor: dict, name: str) -> dict:
    return next(e for e in descriptor["resources"] if e["name"] == name)


def test_a_number_too_long_to_convert_makes_the_descriptor_unreadable(package):
    text = package.file("datapackage.json").read_text(encoding="utf-8")
    package.file("datapackage.json").write_text(text.replace("{", '{"n": ' + "9" * 5000 + ",", 1), encoding="utf-8")
    assert [(p.code, p.fatal) for p in package.problems()] == [("descriptor/unreadable", True)]
    with pytest.raises(PackageError, match="is not acceptable JSON"):
        PackageReader(package.path).descriptor  # noqa: B018


def test_of_two_tables_of_one_name_each_table_schema_is_checked(package):
    descriptor = package.descriptor()
    twin = copy.deepcopy(entry_named(descriptor, "actors"))
    twin["schema"] = "schemas/actors2.tableschema.json"
    descriptor["resources"].append(twin)
    package.write_descriptor(descriptor)
    package.file("schemas/actors2.tableschema.json").write_text('{"fields": [{"name": "x", "type": "bogus"}]}\n')
    found = [p for p in package.problems() if p.code == "schema/profile"]
    assert {p.path for p in found} == {"schemas/actors2.tableschema.json"}


def test_a_format_that_is_not_a_string_is_refused_not_a_crash(package):
    descriptor = package.descriptor()
    entry_named(descriptor, "actors")["format"] = ["csv"]
    entry_named(descriptor, "sources")["path"] = "/etc/passwd"
    package.write_descriptor(descriptor)
    codes = {p.code for p in package.problems()}
    assert {"resource/format", "path/absolute"} <= codes
    assert "validator/internal-error" not in codes
    assert not any("/etc/passwd" in p.message for p in package.problems() if p.code.startswith("frictionless/"))


def test_a_json_resource_named_like_a_table_does_not_hide_the_table(package):
    descriptor = package.descriptor()
    shadow = {"name": "actors", "path": "data/json/actors.json", "format": "json"}
    descriptor["resources"].insert(0, shadow)
    package.write_descriptor(descriptor)
    reader = PackageReader(package.path)
    assert reader.entry("actors")["type"] == "table"
    assert reader.rows("actors")


def test_asking_for_a_broken_schema_again_reports_it_once(package):
    descriptor = package.descriptor()
    entry_named(descriptor, "actors")["schema"] = {"fields": "not a list"}
    package.write_descriptor(descriptor)
    reader = PackageReader(package.path, COLLECT).check()
    before = len(reader.problems)
    for _ in range(2):
        with pytest.raises(PackageError):
            reader.schema("actors")
    assert len(reader.problems) == before


def test_a_column_named_twice_in_the_header_reports_each_bad_cell_once(package):
    schema = json.loads(package.file("schemas/events.tableschema.json").read_text(encoding="utf-8"))
    date_field = next(f["name"] for f in schema["fields"] if f.get("type") == "date")
    head, rest = package.file("data/events.csv").read_text(encoding="utf-8").split("\n", 1)
    columns = head.split(",")
    columns[-1] = date_field  # the last column, of text, now repeats a date field's name
    package.write_bytes("data/events.csv", (",".join(columns) + "\n" + rest).encode("utf-8"))
    found = [(p.line, p.field) for p in package.problems() if p.code == "build/cell-range"]
    assert found and len(found) == len(set(found))
