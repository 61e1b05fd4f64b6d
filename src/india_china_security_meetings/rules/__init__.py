"""The integrity rules: each a small function with a stable code and a one-line docstring.

A rule takes the loaded package (`PackageContext`) and yields `Problem`s. Families
live in one module each; `all_rules()` lists them in the order they run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..problems import Problem, excerpt, problem  # noqa: F401 (rules report through `problem`)

# How a rule is run: once for the package; once per table, with the table parsed once and handed
# to every table rule in turn; or in the background, started before the others and collected last
# (frictionless reads the files itself, in a worker process, while our rules run).
PACKAGE, TABLE, BACKGROUND = "package", "table", "background"


@dataclass(frozen=True)
class Rule:
    """A check, how it runs, and the codes it may report, each with a one-line description."""

    name: str
    summary: str
    codes: dict[str, str]
    check: Callable[..., Iterable[Problem]]  # (ctx) | (ctx, resource, table) | (ctx) -> handle with .problems(ctx)
    scope: str = PACKAGE
    family: str = ""


_REGISTRY: list[Rule] = []


def rule(codes: str | dict[str, str], per_table: bool = False, background: bool = False):
    """Register a check. A single code takes the docstring's first line as its description;
    a check that tells several failures apart lists its codes with their descriptions.

    A per-table check takes (ctx, resource, table); a background check takes (ctx) and returns
    a handle whose `problems(ctx)` the runner collects after every other rule has run."""

    def register(func):
        summary = (func.__doc__ or "").strip().splitlines()[0]
        table = {codes: summary} if isinstance(codes, str) else dict(codes)
        scope = BACKGROUND if background else TABLE if per_table else PACKAGE
        _REGISTRY.append(Rule(func.__name__, summary, table, func, scope, _family(func)))
        func.codes = table
        return func

    return register


def _family(func) -> str:
    return func.__module__.rsplit(".", 1)[1]


@dataclass(frozen=True)
class CodeGroup:
    """Codes reported by something other than a rule (the runner, `check-version`), registered
    like a rule's so that every code the tools can print is listed once, with its meaning."""

    summary: str
    codes: dict[str, str]


RUNNER = CodeGroup(
    "The validator itself: when no rule can run, or one stopped on its input.",
    {
        "descriptor/unreadable": "The descriptor is missing, not a regular file, too large, not UTF-8 or not a JSON object: nothing else can be checked.",
        "descriptor/too-deep": "The descriptor nests values deeper than any descriptor of this package may; no other rule runs.",
        "validator/internal-error": "A rule stopped on this input; the other rules ran and their findings stand.",
    },
)
GENERATORS = CodeGroup(
    "The generators (dist, site, export) stop with these, besides the file gate's path codes.",
    {
        "dist/unsafe-entry": "A line of dist/SHA256SUMS is not a digest and a plain file name, so the landing page copies nothing.",
        "site/clash": "A contentUrl of the JSON-LD or croissant.json names a file of the site itself (index.html, codebook.html, dist/): the site is not built.",
    },
)
CODE_GROUPS: list[CodeGroup] = [RUNNER, GENERATORS]


def code_group(summary: str, codes: dict[str, str]) -> CodeGroup:
    group = CodeGroup(summary, dict(codes))
    CODE_GROUPS.append(group)
    return group


def catalogue() -> list[tuple[str, dict[str, str]]]:
    """(summary, codes) of every rule in running order, then of every other reporter."""
    all_rules()  # imports the families, whose modules register groups too
    return [(entry.summary, entry.codes) for entry in all_rules()] + [
        (group.summary, group.codes) for group in CODE_GROUPS
    ]


def all_codes() -> dict[str, str]:
    out: dict[str, str] = {}
    for _, codes in catalogue():
        out.update(codes)
    return out


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
