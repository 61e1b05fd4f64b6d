"""Run every rule over a package and collect the problems; never raise to the user."""

from __future__ import annotations

import time
import traceback
from collections import Counter
from pathlib import Path

from . import codes
from .errors import PackageError
from .problems import Problem
from .reader import COLLECT, Fault, PackageReader
from .rules import BACKGROUND, PACKAGE, TABLE, Rule, all_rules

# A hostile file can break one rule on every line: each rule lists this many problems per file,
# then one line says how many more there are, so output and memory stay small.
MAX_PER_RULE_AND_FILE = 50


class _Problems(list):
    """The problems found so far, at most MAX_PER_RULE_AND_FILE of each code in each file."""

    def __init__(self):
        super().__init__()
        self.counts: Counter = Counter()

    def append(self, item: Problem) -> None:
        key = (item.code, item.path)
        self.counts[key] += 1
        if self.counts[key] <= MAX_PER_RULE_AND_FILE:
            super().append(item)

    def extend(self, items) -> None:
        for item in items:
            self.append(item)

    def closed(self) -> list[Problem]:
        out = list(self)
        for (code, path), count in sorted(self.counts.items()):
            if count > MAX_PER_RULE_AND_FILE:
                more = count - MAX_PER_RULE_AND_FILE
                message = f"… and {more} more {code} problem(s) in this file (each rule lists at most {MAX_PER_RULE_AND_FILE} per file)"
                out.append(Problem(path, None, None, code, message))
        return out


def validate(target: Path, rules: list[Rule] | None = None) -> list[Problem]:
    """All problems of the package at `target` (a datapackage.json or its folder)."""
    ctx = PackageReader(Path(target), COLLECT)
    try:
        ctx.located  # noqa: B018 (reading the descriptor: a fault here stops the run)
    except Fault as fault:  # no descriptor to read: nothing else can be checked
        return [fault.problem]
    problems = _Problems()
    _guard(problems, "read the package", ctx, ctx.check)
    problems.extend(ctx.problems)
    return run_rules(ctx, all_rules() if rules is None else rules, problems)


def require_valid(target: Path) -> None:
    """Nothing is released from a package the validator refuses: PackageError naming the first
    problems (the release files, the page) when there are any."""
    problems = validate(target)
    if problems:
        shown = "; ".join(f"{p.path}:{p.line or ''}:{p.field or ''}: {p.code}: {p.message}" for p in problems[:5])
        raise PackageError(
            f"{target} is not valid ({len(problems)} problem(s); `validate` lists them), so nothing is built "
            f"from it: {shown}"
        )


def run_rules(
    ctx: PackageReader, rules: list[Rule], problems: _Problems | None = None, timings: dict[str, float] | None = None
) -> list[Problem]:
    """The one runner: background rules start first, then package rules, then each table is
    parsed once and handed to every table rule (and to each background rule that watches the
    table stream, through its handle's `see`); background findings are collected last.
    With `timings`, the seconds spent in each rule (and in parsing the tables) are added to it."""
    problems = _Problems() if problems is None else problems

    def step(name: str, action, *args):
        """One guarded, optionally timed call: a rule that breaks is reported, the others run."""
        start = time.perf_counter()
        try:
            return _guard(problems, name, ctx, lambda: action(*args))
        finally:
            if timings is not None:
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - start

    def report(check, *args):
        problems.extend(check(*args))

    handles = [(entry, step(entry.name, entry.check, ctx)) for entry in rules if entry.scope == BACKGROUND]
    for entry in rules:
        if entry.scope == PACKAGE:
            step(entry.name, report, entry.check, ctx)
    table_rules = [entry for entry in rules if entry.scope == TABLE]
    watchers = [(entry, handle) for entry, handle in handles if hasattr(handle, "see")]
    if table_rules or watchers:
        for resource in ctx.table_resources():
            table = step("parse CSV (once per table)", ctx.table, resource)
            for entry in table_rules:
                step(entry.name, report, entry.check, ctx, resource, table)
            for entry, handle in watchers:
                step(entry.name, handle.see, ctx, resource, table)
    for entry, handle in handles:
        if handle is not None:
            step(entry.name, report, handle.problems, ctx)
    return problems.closed()


def _guard(problems, name, ctx, action):
    """Run one rule; a rule that breaks on some input is reported, and the others still run."""
    try:
        return action()
    except Exception as error:
        last = traceback.extract_tb(error.__traceback__)[-1]
        where = dict(error_type=type(error).__name__, error=error, file=Path(last.filename).name, lineno=last.lineno)
        problems.append(codes.VALIDATOR_INTERNAL_ERROR.at(ctx.descriptor_rel, fatal=True, name=name, **where))
        return None
