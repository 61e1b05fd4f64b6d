"""The runner and the code registry: one runner for every kind of rule, rules that only read, and
every code the tools can print registered once."""

from __future__ import annotations

import ast
import random
import string

import pytest

from conftest import ROOT
from india_china_security_meetings import codes as declared
from india_china_security_meetings.reader import COLLECT, PackageReader
from india_china_security_meetings.rules import all_rules, catalogue
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
    package.entry(descriptor, "segments")["path"] = "../outside.csv"
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


def test_every_declared_code_is_listed_in_the_catalogue_once():
    listed = [code for _, codes in catalogue() for code in codes]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(declared.BY_NAME)  # each registered by a rule or a group


def test_no_module_spells_a_code_out():
    spelled = [
        (str(path.relative_to(SOURCE)), node.lineno, node.value)
        for path in sorted(SOURCE.rglob("*.py"))
        if path.name != "codes.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and node.value in declared.BY_NAME
    ]
    assert spelled == []


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


def test_every_report_gives_the_values_its_template_names():
    """A report that left out a placeholder would stop its rule with a KeyError on the very input
    it is meant to describe: each `codes.X.at(...)` call names every value of its template."""
    missing = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            call = node.func if isinstance(node, ast.Call) else None
            if not (isinstance(call, ast.Attribute) and call.attr == "at" and isinstance(call.value, ast.Attribute)):
                continue
            code = getattr(declared, call.value.attr, None)
            keywords = {k.arg: k.value for k in node.keywords}
            if not isinstance(code, declared.Code) or None in keywords:  # **values: checked where built
                continue
            variant = keywords.get("variant")
            templates = code.template if isinstance(code.template, dict) else {None: code.template}
            chosen = [templates[variant.value]] if isinstance(variant, ast.Constant) else list(templates.values())
            for template in chosen:
                names = {
                    name.split("!")[0].split(":")[0] for _, name, _, _ in string.Formatter().parse(template) if name
                }
                if names - set(keywords):
                    missing.append((str(path.relative_to(SOURCE)), node.lineno, sorted(names - set(keywords))))
    assert missing == []
