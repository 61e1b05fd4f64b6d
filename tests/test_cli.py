"""The command line contract: exit codes, the line format, JSON output, the rule list."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from india_china_security_meetings.cli import main
from india_china_security_meetings.rules import all_codes


def run(*args):
    """The script itself, in its own process: what a pipeline runs."""
    return subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), *args], capture_output=True, text=True)


def validate_command(capsys, *args) -> tuple[int, str]:
    """(exit code, standard output) of `validate` run in this process: the same code as the
    script, without starting an interpreter for each case."""
    from india_china_security_meetings.cli import main

    code = main(["validate", *args])
    return code, capsys.readouterr().out


def test_descriptor_path_and_folder_are_both_accepted(capsys, built_package):
    assert validate_command(capsys, str(built_package / "datapackage.json"))[0] == 0
    assert validate_command(capsys, str(built_package))[0] == 0


def test_problem_lines_follow_path_line_field_code_message(package, capsys):
    package.edit_row("topics", "top-counter-terrorism", label="Counter-terrorism ")
    code, out = validate_command(capsys, str(package.path))
    assert code == 1
    first = out.splitlines()[0]
    line = package.line_of("topics", "top-counter-terrorism")
    assert re.match(rf"^data/topics\.csv:{line}:label: csv/cell-whitespace: .+", first), first
    assert "problem(s)" in out.splitlines()[-1]


def test_json_format_is_machine_readable(package, capsys):
    package.edit_row("topics", "top-counter-terrorism", label="Counter-terrorism ")
    code, out = validate_command(capsys, str(package.path), "--format", "json")
    report = json.loads(out)
    assert report["valid"] is False and report["exit_code"] == 1 == code
    assert {"path", "line", "field", "code", "message"} <= set(report["problems"][0])


def test_list_rules_prints_every_code_with_a_description(capsys):
    lines = validate_command(capsys, "--list-rules")[1].splitlines()
    assert len(lines) == len(all_codes())
    assert all(re.match(r"^[a-z]+/[a-z0-9<>-]+\t\S", line) for line in lines)


def test_every_subcommand_has_a_one_line_shim_in_scripts():
    import re

    from india_china_security_meetings.docs import commands_table

    commands = set(re.findall(r"`india-china-security-meetings ([a-z-]+)`", commands_table()))
    shims = {}
    for script in (ROOT / "scripts").glob("*.py"):
        called = re.findall(r'main\(\["([a-z-]+)", \*sys\.argv\[1:\]\]\)', script.read_text(encoding="utf-8"))
        assert len(called) == 1, script.name  # a shim, nothing else
        shims[called[0]] = script.name
    assert set(shims) == commands


def test_help_groups_users_commands_apart_from_maintainers_commands(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    users, maintainers = shown.index("Commands for users"), shown.index("Commands for maintainers")
    assert users < shown.index("  validate ") < shown.index("  diff ") < maintainers < shown.index("  release ")
    assert " rules " not in shown  # there is no such command


def test_validating_a_zip_says_to_unpack_it_first(tmp_path, capsys):
    import zipfile

    archive = tmp_path / "release.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("x/datapackage.json", "{}")
    assert main(["validate", str(archive)]) == 2
    assert "unpack it first" in capsys.readouterr().err


def test_serve_without_datasette_names_the_extra_and_the_root(monkeypatch, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "datasette" else real(name, *a))
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "india-china-security-meetings[serve]" in err and "--root" in err


def test_a_folder_is_named_as_one_never_guessed(capsys, built_package):
    folder = str(built_package)
    assert main(["diff", folder, f"path:{folder}", "--root", folder]) == 2
    assert "release number (1.2.0), git:<ref> or path:<folder>" in capsys.readouterr().err
