"""Run every rule over a package and collect the problems; never raise to the user."""
from __future__ import annotations

import traceback
from pathlib import Path

from collections import Counter

from .context import CannotRun, PackageContext, TooDeep
from .json_values import MAX_DEPTH
from .problems import Problem
from .rules import all_rules, problem

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
                out.append(problem(code, path, f"… and {count - MAX_PER_RULE_AND_FILE} more {code} problem(s) in this file "
                                               f"(each rule lists at most {MAX_PER_RULE_AND_FILE} per file)"))
        return out


def validate(target: Path) -> list[Problem]:
    """All problems of the package at `target` (a datapackage.json or its folder)."""
    try:
        ctx = PackageContext.load(Path(target))
    except CannotRun as error:
        return [problem("descriptor/unreadable", str(target), str(error), fatal=True)]
    except TooDeep as error:
        return [problem("descriptor/too-deep", str(error.args[0]),
                        f"values are nested more than {MAX_DEPTH} levels deep; no descriptor of this package needs that, and no other rule ran")]
    from .rules.frictionless_layer import Background, check_with_frictionless

    problems = _Problems()
    background = None
    rules = all_rules()
    per_table = [entry for entry in rules if entry.per_table]
    for entry in rules:
        if entry.check is check_with_frictionless:
            # The rules before this one decided which files are safe; frictionless now reads
            # them in a worker process while the remaining rules run here.
            background = _guard(problems, entry.name, ctx, lambda: Background(ctx))
        elif entry is (per_table[0] if per_table else None):
            # Each table is parsed once and handed to every per-table rule before the next.
            for resource in ctx.table_resources():
                table = ctx.table(resource)
                for check in per_table:
                    _guard(problems, check.name, ctx, lambda: problems.extend(check.per_table(ctx, resource, table)))
        elif not entry.per_table:
            _guard(problems, entry.name, ctx, lambda: problems.extend(entry.check(ctx)))
    if background is not None:
        _guard(problems, "check_with_frictionless", ctx, lambda: problems.extend(background.problems(ctx)))
    return problems.closed()


def _guard(problems, name, ctx, action):
    """Run one rule; a rule that breaks on some input is reported, and the others still run."""
    try:
        return action()
    except Exception as error:
        last = traceback.extract_tb(error.__traceback__)[-1]
        problems.append(problem("validator/internal-error", ctx.descriptor_rel,
                                f"rule {name} stopped on this input ({type(error).__name__}: {error}; "
                                f"{Path(last.filename).name}:{last.lineno}); other rules ran", fatal=True))
        return None
