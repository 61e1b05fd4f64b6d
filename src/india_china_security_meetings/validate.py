"""Run every rule over a package and collect the problems; never raise to the user."""
from __future__ import annotations

import traceback
from pathlib import Path

from .context import CannotRun, PackageContext
from .problems import Problem
from .rules import all_rules, problem


def validate(target: Path) -> list[Problem]:
    """All problems of the package at `target` (a datapackage.json or its folder)."""
    try:
        ctx = PackageContext.load(Path(target))
    except CannotRun as error:
        return [problem("descriptor/unreadable", str(target), str(error), fatal=True)]
    problems: list[Problem] = []
    for entry in all_rules():
        try:
            problems.extend(entry.check(ctx))
        except Exception as error:  # one broken rule must not hide the others' findings
            last = traceback.extract_tb(error.__traceback__)[-1]
            problems.append(problem("validator/internal-error", ctx.descriptor_rel,
                                    f"rule {entry.name} stopped on this input ({type(error).__name__}: {error}; "
                                    f"{Path(last.filename).name}:{last.lineno}); other rules ran", fatal=True))
    return problems
