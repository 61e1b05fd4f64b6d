"""The integrity rules: each a small function with a stable code and a one-line docstring.

A rule takes the loaded package (`PackageContext`) and yields `Problem`s. Families
live in one module each; `all_rules()` lists them in the order they run.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..problems import Problem


@dataclass(frozen=True)
class Rule:
    """A check and the codes it may report, each with a one-line description."""

    name: str
    summary: str
    codes: dict[str, str]
    check: Callable[..., Iterable[Problem]]
    per_table: Callable[..., Iterable[Problem]] | None = None  # (ctx, resource, table) for one table
    family: str = ""


_REGISTRY: list[Rule] = []


def rule(codes: str | dict[str, str], per_table: bool = False):
    """Register a check. A single code takes the docstring's first line as its description;
    a check that tells several failures apart lists its codes with their descriptions.

    A per-table check takes (ctx, resource, table) and looks at one table: the validator
    parses each table once and hands it to every per-table check in turn."""

    def register(func):
        summary = (func.__doc__ or "").strip().splitlines()[0]
        table = {codes: summary} if isinstance(codes, str) else dict(codes)
        if per_table:
            def over_all_tables(ctx, _func=func):
                for resource in ctx.table_resources():
                    yield from _func(ctx, resource, ctx.table(resource))

            over_all_tables.__name__ = func.__name__
            _REGISTRY.append(Rule(func.__name__, summary, table, over_all_tables, func, _family(func)))
        else:
            _REGISTRY.append(Rule(func.__name__, summary, table, func, None, _family(func)))
        func.codes = table
        return func

    return register


def _family(func) -> str:
    return func.__module__.rsplit(".", 1)[1]


# Codes the runner reports itself, when no rule can run or one stopped.
RUNNER_CODES = {
    "descriptor/unreadable": "The descriptor is missing, not a regular file, too large, not UTF-8 or not a JSON object: nothing else can be checked.",
    "descriptor/too-deep": "The descriptor nests values deeper than any descriptor of this package may; no other rule runs.",
    "validator/internal-error": "A rule stopped on this input; the other rules ran and their findings stand.",
}


def all_codes() -> dict[str, str]:
    out: dict[str, str] = dict(RUNNER_CODES)
    for entry in all_rules():
        out.update(entry.codes)
    return out


# The families in the order they run: path rules first, since they decide which files are
# safe to open; then the descriptor and schemas, which the data rules read.
FAMILIES = ("paths", "descriptor", "schemas", "contract", "frictionless_layer", "text_files", "json_twins", "table_values",
            "provenance", "consistency", "coding", "versions")


def all_rules() -> list[Rule]:
    """Every rule, in family order and, within a family, in the order of its module
    (whatever order other code happened to import the families in)."""
    import importlib

    for family in FAMILIES:
        importlib.import_module(f"{__name__}.{family}")
    order = {family: index for index, family in enumerate(FAMILIES)}
    # Within a family, rules keep the order their module defines them in (registration order).
    return sorted(_REGISTRY, key=lambda r: order[r.family])


# Messages may quote cells, paths and names from the package: each is cut to a short excerpt,
# so a hostile value of any size yields a line of bounded length.
MAX_MESSAGE = 400
MAX_LOCATION = 200


def excerpt(value: str, limit: int) -> str:
    value = str(value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def problem(code: str, path: str, message: str, line: int | None = None, field: str | None = None, fatal: bool = False) -> Problem:
    return Problem(path=excerpt(path, MAX_LOCATION), line=line, field=None if field is None else excerpt(field, MAX_LOCATION),
                   code=code, message=excerpt(message, MAX_MESSAGE), fatal=fatal)
