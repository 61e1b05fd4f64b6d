"""The runner and the code registry: one runner for every kind of rule, rules that only read, and
every code the tools can print registered once."""

from __future__ import annotations

import ast
import random

import pytest

from conftest import ROOT
from india_china_security_meetings.reader import COLLECT, PackageReader
from india_china_security_meetings.rules import all_codes, all_rules
from india_china_security_meetings.rules.frictionless_layer import (
    _safe_descriptor,
    foreign_key_findings,
    frictionless_findings,
)
from india_china_security_meetings.validate import run_rules, validate

SOURCE = ROOT / "src" / "india_china_security_meetings"


def _broken(package):
    """A copy with problems for many families at once (paths, bytes, spans, coding)."""
    text = package.file("data/topics.csv").read_text(encoding="utf-8")
    package.write_bytes("data/topics.csv", text.replace("Counter-terrorism", "Counter-terrorism ", 1).encode("utf-8"))
    descriptor = package.descriptor()
    descriptor["resources"][1]["path"] = "../outside.csv"
    package.write_descriptor(descriptor)


@pytest.mark.parametrize("seed", [1, 2])
def test_families_in_any_order_give_the_same_report(package, seed):
    _broken(package)
    expected = validate(package.path)
    shuffled = all_rules()
    random.Random(seed).shuffle(shuffled)
    assert sorted(validate(package.path, shuffled)) == sorted(expected)
    assert expected


def test_rules_only_read_what_the_reader_decided(package):
    _broken(package)
    ctx = PackageReader(package.path, COLLECT).check()
    before = ([(r.name, r.safe) for r in ctx.resources], sorted(ctx.table_schemas), sorted(ctx.held_texts))
    run_rules(ctx, all_rules())
    assert ([(r.name, r.safe) for r in ctx.resources], sorted(ctx.table_schemas), sorted(ctx.held_texts)) == before


def _reported_codes():
    """(module, line, code) of every code passed to problem(...) or a Refused(...) in the source."""
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None)) in ("problem", "Refused")
                and node.args
            ):
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    yield path.relative_to(SOURCE), node.lineno, first.value
                elif isinstance(first, ast.JoinedStr):
                    yield (
                        path.relative_to(SOURCE),
                        node.lineno,
                        "".join(part.value if isinstance(part, ast.Constant) else "<…>" for part in first.values),
                    )
                else:
                    yield path.relative_to(SOURCE), node.lineno, None  # a variable: must come from a registered table


def test_every_code_a_module_can_report_is_registered():
    codes = all_codes()
    dynamic = {"frictionless/<…>"}  # frictionless's own error types, one registered family
    unlisted = [
        (str(module), line, code)
        for module, line, code in _reported_codes()
        if code is not None and code not in codes and code not in dynamic
    ]
    assert unlisted == []


def test_codes_held_in_variables_come_from_registered_tables():
    # A code passed as a variable is either a refusal's code (the file gate's, all registered path
    # codes) or one of a rule's own table; the gate's codes are checked here.
    from india_china_security_meetings import file_gate

    gate_codes = {code for _, _, code in _reported_codes() if code and code.startswith("path/")}
    assert gate_codes <= set(all_codes())
    assert file_gate.Refused("path/missing", "x").code in all_codes()


def test_the_catalogue_lists_each_code_once():
    from india_china_security_meetings.rules import catalogue

    listed = [code for _, codes in catalogue() for code in codes]
    assert len(listed) == len(set(listed))


def test_the_frictionless_worker_gives_the_same_report_as_in_process(package, monkeypatch):
    _broken(package)
    in_process = validate(package.path)
    monkeypatch.delenv("ICSM_VALIDATE_SERIAL", raising=False)
    assert sorted(validate(package.path)) == sorted(in_process)


def test_our_foreign_key_check_says_what_frictionless_would(package):
    # Broken keys of every shape: to another table, to the table itself, and from a new layer.
    package.edit_row("participants", "par-001", actor_id="act-nobody")
    package.edit_row("events", "ev-hlm-security-1", parent_event_id="ev-nowhere")
    package.edit_row("claim_links", "cll-001", actor_id="act-nobody")
    ctx = PackageReader(package.path, COLLECT).check()
    with_keys = frictionless_findings(_safe_descriptor(ctx, with_foreign_keys=True), str(package.path))
    theirs = sorted(f for f in with_keys if f[1] == "foreign-key")
    assert len(theirs) == 3
    assert sorted(foreign_key_findings(ctx)) == theirs
