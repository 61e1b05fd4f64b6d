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


def test_valid_package_exits_0_with_a_summary():
    result = run()
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("valid:")


def test_descriptor_path_and_folder_are_both_accepted(capsys):
    assert validate_command(capsys, str(ROOT / "datapackage.json"))[0] == 0
    assert validate_command(capsys, str(ROOT))[0] == 0


def test_problem_lines_follow_path_line_field_code_message(package, capsys):
    package.set_cell("topics", 0, "label", "Counter-terrorism ")
    code, out = validate_command(capsys, str(package.path))
    assert code == 1
    first = out.splitlines()[0]
    assert re.match(r"^data/topics\.csv:2:label: csv/cell-whitespace: .+", first), first
    assert "problem(s)" in out.splitlines()[-1]


def test_json_format_is_machine_readable(package, capsys):
    package.set_cell("topics", 0, "label", "Counter-terrorism ")
    code, out = validate_command(capsys, str(package.path), "--format", "json")
    report = json.loads(out)
    assert report["valid"] is False and report["exit_code"] == 1 == code
    assert {"path", "line", "field", "code", "message"} <= set(report["problems"][0])


def test_list_rules_prints_every_code_with_a_description(capsys):
    lines = validate_command(capsys, "--list-rules")[1].splitlines()
    assert len(lines) == len(all_codes())
    assert all(re.match(r"^[a-z]+/[a-z0-9<>-]+\t\S", line) for line in lines)


def test_rule_catalogue_in_docs_is_generated_from_the_code():
    from india_china_security_meetings.docs import rules_markdown

    assert (ROOT / "docs/rules.md").read_text(encoding="utf-8") == rules_markdown()


def test_readme_resource_table_and_rule_catalogue_are_generated():
    from india_china_security_meetings.docs import readme_with_generated

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "csv/formula" in readme
    assert readme == readme_with_generated(readme, ROOT)


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


def test_releases_lists_each_recorded_release_with_its_commit(capsys):
    assert main(["releases", "--root", str(ROOT)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "version\tdate\tcommit"
    assert any(line.startswith("1.2.0\t2026-11-30\t8fb8b6785bc1") for line in lines)


def test_a_release_diffs_against_the_working_tree_by_its_number(capsys):
    # Release numbers resolve through changes/releases.csv: no tag is needed (a fresh clone has none).
    assert main(["diff", "1.1.0", f"path:{ROOT}", "--root", str(ROOT)]) == 0
    assert capsys.readouterr().out.startswith("## Changes 1.1.0 → ")


def test_a_folder_is_named_as_one_never_guessed(capsys):
    assert main(["diff", str(ROOT), f"path:{ROOT}", "--root", str(ROOT)]) == 2
    assert "release number (1.2.0), git:<ref> or path:<folder>" in capsys.readouterr().err
