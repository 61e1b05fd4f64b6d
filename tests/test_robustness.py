"""Whatever the input, the validator reports and exits 1 or 2; it never crashes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from india_china_security_meetings.validate import validate


def run_cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts/validate.py"), *args], cwd=cwd, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "datapackage.json: is not valid JSON at line 1, column 1"),
        (b"\x00\xff\xfe binary", "datapackage.json: is not UTF-8 (byte 1)"),
        (b"\xef\xbb\xbf{", "datapackage.json: is not valid JSON at line 1, column 2"),
        (b"[1, 2]", "datapackage.json: must hold a JSON object, not list"),
        (b"{" * 100000, "datapackage.json: is not valid JSON at line 1, column 2"),
    ],
)
def test_unusable_descriptor_exits_2_without_traceback(tmp_path, content, message):
    (tmp_path / "datapackage.json").write_bytes(content)
    result = run_cli(str(tmp_path))
    assert result.returncode == 2, result
    assert "Traceback" not in result.stdout + result.stderr
    assert f"descriptor/unreadable: {tmp_path / message}" in result.stdout, result.stdout


def test_a_descriptor_object_of_the_wrong_shape_is_invalid_not_unusable(tmp_path):
    """An object is read: what is wrong in it is reported (exit 1), not a failure to run."""
    (tmp_path / "datapackage.json").write_bytes(b'{"resources": 5}')
    result = run_cli(str(tmp_path))
    assert result.returncode == 1, result
    assert "Traceback" not in result.stdout + result.stderr
    assert "datapackage.json::contributors: descriptor/metadata:" in result.stdout


def test_missing_package_exits_2(tmp_path):
    result = run_cli(str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "descriptor/unreadable" in result.stdout


def test_wrong_types_in_descriptor_are_reported(package):
    d = package.descriptor()
    package.entry(d, "sources")["schema"] = 42
    package.entry(d, "segments")["path"] = ["a.csv", "b.csv"]
    d["resources"] = ["not an object" if e["name"] == "actors" else e for e in d["resources"]]
    d["keywords"] = "not a list"
    package.write_descriptor(d)
    problems = package.problems()
    assert problems and not any(p.code == "validator/internal-error" for p in problems)


def test_ten_megabyte_line_is_refused_unread(package):
    rel = "data/topics.csv"
    package.write_bytes(rel, package.file(rel).read_bytes() + b"top-x," + b"a" * 10_000_000 + b",b\n", refresh=False)
    problems = package.problems()
    assert "path/too-large" in {p.code for p in problems}
    assert not any(p.code == "validator/internal-error" for p in problems)


def test_empty_and_binary_data_files_are_reported(package):
    package.write_bytes("data/topics.csv", b"")
    package.write_bytes("data/actors.csv", bytes(range(256)) * 4)
    problems = package.problems()
    assert {"data/topics.csv", "data/actors.csv"} <= {p.path for p in problems}
    assert not any(p.code == "validator/internal-error" for p in problems)


# Files whose every byte is pinned by a recorded hash: any change must be reported.
PINNED = ["data/qa.csv", "data/events.csv", "data/json/qa.json", "data/sources/security-risks-asia-2018-10-23.txt"]
# Files where an edit can be legitimate (a reworded description): it must never crash the validator.
FREE = ["datapackage.json", "schemas/qa.tableschema.json", "schemas/qa.schema.json"]
FILES = PINNED + FREE


@st.composite
def corruption(draw):
    rel = draw(st.sampled_from(FILES))
    kind = draw(st.sampled_from(["flip", "drop-line", "duplicate-line", "swap-cells"]))
    return rel, kind, draw(st.integers(min_value=0, max_value=10**6)), draw(st.integers(min_value=1, max_value=255))


def corrupt(data: bytes, kind: str, position: int, mask: int) -> bytes:
    if kind == "flip":
        i = position % len(data)
        return data[:i] + bytes([data[i] ^ mask]) + data[i + 1 :]
    lines = data.split(b"\n")
    i = 1 + position % max(1, len(lines) - 2)
    if kind == "drop-line":
        return b"\n".join(lines[:i] + lines[i + 1 :])
    if kind == "duplicate-line":
        return b"\n".join(lines[: i + 1] + lines[i:])
    cells = lines[i].split(b",")
    if len(cells) > 1:
        j = position % (len(cells) - 1)
        cells[j], cells[j + 1] = cells[j + 1], cells[j]
    lines[i] = b",".join(cells)
    return b"\n".join(lines)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(corruption())
def test_random_corruption_never_crashes_and_pinned_files_never_pass(package, change):
    rel, kind, position, mask = change
    original = package.file(rel).read_bytes()
    corrupted = corrupt(original, kind, position, mask)
    package.file(rel).write_bytes(corrupted)
    try:
        problems = validate(package.path)
        assert not any(p.code == "validator/internal-error" for p in problems), problems
        if corrupted != original and rel in PINNED:
            assert problems, f"{kind} at {position} in {rel} went unnoticed"
    finally:
        package.file(rel).write_bytes(original)


def test_resources_that_are_not_a_list_stop_no_rule(tmp_path):
    (tmp_path / "datapackage.json").write_text('{"resources": 5}', encoding="utf-8")
    codes = {p.code for p in validate(tmp_path)}
    assert "descriptor/profile" in codes and "validator/internal-error" not in codes
