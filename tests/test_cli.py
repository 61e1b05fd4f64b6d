"""The command line contract: exit codes, the line format, JSON output, the rule list."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import ROOT
from india_china_security_meetings.rules import all_codes


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), *args], capture_output=True, text=True)


def test_valid_package_exits_0_with_a_summary():
    result = run()
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("valid:")


def test_descriptor_path_and_folder_are_both_accepted():
    assert run(str(ROOT / "datapackage.json")).returncode == 0


def test_problem_lines_follow_path_line_field_code_message(package):
    package.set_cell("topics", 0, "label", "Counter-terrorism ")
    result = run(str(package.path))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert re.match(r"^data/topics\.csv:2:label: csv/cell-whitespace: .+", first), first
    assert "problem(s)" in result.stdout.splitlines()[-1]


def test_json_format_is_machine_readable(package):
    package.set_cell("topics", 0, "label", "Counter-terrorism ")
    report = json.loads(run(str(package.path), "--format", "json").stdout)
    assert report["valid"] is False and report["exit_code"] == 1
    assert {"path", "line", "field", "code", "message"} <= set(report["problems"][0])


def test_list_rules_prints_every_code_with_a_description():
    lines = run("--list-rules").stdout.splitlines()
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
