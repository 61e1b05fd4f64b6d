"""Judged by the standards' own tools: the W3C Web Annotation test suite's MUST assertions on every
annotation of the release, and check-datapackage's MUST and SHOULD rules on the descriptor."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from conftest import ROOT

SUITE = ROOT / "tests" / "vendor" / "w3c-web-annotation"
CHECK_DATAPACKAGE = ROOT / ".venv-cdp" / "bin" / "check-datapackage"
# Keys of an assertion file that describe the test rather than the schema.
TEST_KEYS = ("assertionType", "expectedResult", "onUnexpectedResult", "errorMessage")


def must_assertions() -> list[tuple[str, dict, bool]]:
    """(file, schema, expected to be valid) of each MUST assertion a single annotation is held to."""
    listed = json.loads((SUITE / "annotations" / "annotationMusts.test").read_text(encoding="utf-8"))["assertions"]
    out = []
    for rel in listed:
        assertion = json.loads((SUITE / rel).read_text(encoding="utf-8"))
        if assertion.get("assertionType") != "must":
            continue
        schema = {key: value for key, value in assertion.items() if key not in TEST_KEYS}
        out.append((rel, schema, assertion.get("expectedResult", "valid") == "valid"))
    return out


def registry() -> Registry:
    """The suite's shared definitions, found by the names the assertions use in their `$ref`s."""
    resources = [
        (path.name, Resource(contents=json.loads(path.read_text(encoding="utf-8")), specification=DRAFT4))
        for path in (SUITE / "definitions").glob("*.json")
    ]
    return Registry().with_resources(resources)


def test_the_suite_holds_the_must_assertions_it_lists():
    assert len(must_assertions()) > 40


@pytest.mark.slow  # the W3C suite's every MUST assertion over every annotation of the release
def test_every_annotation_meets_every_must_assertion_of_the_w3c_suite(built_dist):
    (page_file,) = built_dist.glob("*-annotations.jsonld")
    page = json.loads(page_file.read_text(encoding="utf-8"))
    validators = [
        (rel, Draft4Validator(schema, registry=registry(), format_checker=FormatChecker()), valid)
        for rel, schema, valid in must_assertions()
    ]
    failures = {}
    for item in page["items"]:
        annotation = {"@context": page["@context"], **item}  # as published alone, with the page's context
        for rel, validator, valid in validators:
            if validator.is_valid(annotation) != valid:
                failures.setdefault(rel, []).append(item["id"])
    assert page["items"] and not failures, {rel: ids[:3] for rel, ids in failures.items()}


def test_a_relative_target_fails_the_suite_so_the_check_can_fail():
    (rel, schema, _) = next(a for a in must_assertions() if a[0].endswith("3.2-targetObjectsRecognized.json"))
    validator = Draft4Validator(schema, registry=registry(), format_checker=FormatChecker())
    assert not validator.is_valid({"target": {"source": "data/sources/x.txt"}})
    assert validator.is_valid({"target": {"source": "ni:///sha-256;vADF4J6ERL2h_2UVdWcLcVTdLDQomTaCXsb9GzFxLIY"}})


@pytest.mark.skipif(
    not CHECK_DATAPACKAGE.exists() and not os.environ.get("CI"),
    reason="check-datapackage needs Python >= 3.12 (make builds .venv-cdp where one is installed)",
)
def test_check_datapackage_strict_finds_nothing_to_improve():
    result = subprocess.run(
        [str(CHECK_DATAPACKAGE), "check", str(ROOT / "datapackage.json"), "--strict"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
