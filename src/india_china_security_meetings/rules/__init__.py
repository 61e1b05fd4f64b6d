"""The integrity rules: each a small function with a stable code and a one-line docstring.

A rule takes the package as the reader left it (`reader.PackageReader`, read under the COLLECT
policy) and yields `Problem`s. Families
live in one module each; `all_rules()` lists them in the order they run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .. import codes as declared
from ..problems import Problem

# How a rule is run: once for the package; once per table, with the table parsed once and handed
# to every table rule in turn; or in the background, started before the others and collected last
# (frictionless reads the files itself, in a worker process, while our rules run).
PACKAGE, TABLE, BACKGROUND = "package", "table", "background"


@dataclass(frozen=True)
class Rule:
    """A check, how it runs, and the codes it may report."""

    name: str
    summary: str
    codes: tuple[declared.Code, ...]
    check: Callable[..., Iterable[Problem]]  # (ctx) | (ctx, resource, table) | (ctx) -> handle with .problems(ctx)
    scope: str = PACKAGE
    family: str = ""


_REGISTRY: list[Rule] = []


def rule(*codes: declared.Code, per_table: bool = False, background: bool = False):
    """Register a check with the codes (declared in codes.py) it may report.

    A per-table check takes (ctx, resource, table); a background check takes (ctx) and returns
    a handle whose `problems(ctx)` the runner collects after every other rule has run."""
    if not all(isinstance(code, declared.Code) for code in codes):
        raise TypeError("a rule names the Code constants of codes.py it reports")

    def register(func):
        summary = (func.__doc__ or "").strip().splitlines()[0]
        scope = BACKGROUND if background else TABLE if per_table else PACKAGE
        family = func.__module__.rsplit(".", 1)[1]
        _REGISTRY.append(Rule(func.__name__, summary, codes, func, scope, family))
        return func

    return register


@dataclass(frozen=True)
class CodeGroup:
    """Codes reported by something other than a rule (the runner, `check-version`), registered
    like a rule's so that every code the tools can print is listed once, with its meaning."""

    summary: str
    codes: tuple[declared.Code, ...]


CODE_GROUPS: list[CodeGroup] = []


def code_group(summary: str, *codes: declared.Code) -> CodeGroup:
    group = CodeGroup(summary, codes)
    CODE_GROUPS.append(group)
    return group


RUNNER = code_group(
    "The validator itself: when no rule can run, or one stopped on its input.",
    declared.DESCRIPTOR_UNREADABLE,
    declared.DESCRIPTOR_TOO_DEEP,
    declared.VALIDATOR_INTERNAL_ERROR,
)
GENERATORS = code_group(
    "The generators (dist, site, export) stop with these, besides the file gate's path codes.",
    declared.DIST_UNSAFE_ENTRY,
    declared.SITE_CLASH,
)


def catalogue() -> list[tuple[str, dict[str, str]]]:
    """(summary, {code: summary}) of every rule in running order, then of every other reporter."""
    all_rules()  # imports the families, whose modules register groups too
    entries = [(entry.summary, entry.codes) for entry in all_rules()] + [(g.summary, g.codes) for g in CODE_GROUPS]
    return [(summary, {code.name: code.summary for code in codes}) for summary, codes in entries]


def all_codes() -> dict[str, str]:
    return {code: summary for _, codes in catalogue() for code, summary in codes.items()}


# The families in the order they run: path rules first, since they decide which files are
# safe to open; then the descriptor and schemas, which the data rules read.
FAMILIES = (
    "paths",
    "descriptor",
    "schemas",
    "contract",
    "frictionless_layer",
    "text_files",
    "json_twins",
    "table_values",
    "values",
    "buildable",
    "provenance",
    "consistency",
    "coding",
    "layers",
    "versions",
)


def all_rules() -> list[Rule]:
    """Every rule, in family order and, within a family, in the order of its module
    (whatever order other code happened to import the families in)."""
    import importlib

    for family in FAMILIES:
        importlib.import_module(f"{__name__}.{family}")
    order = {family: index for index, family in enumerate(FAMILIES)}
    # Within a family, rules keep the order their module defines them in (registration order).
    return sorted(_REGISTRY, key=lambda r: order[r.family])
