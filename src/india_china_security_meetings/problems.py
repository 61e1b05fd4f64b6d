"""Problems as data: what every rule reports, and the one place that renders them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_CANNOT_RUN = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One integrity problem: where it is, which rule found it, and what was expected."""

    path: str
    line: int | None
    field: str | None
    code: str
    message: str
    fatal: bool = False  # the validator could not go on (unreadable descriptor, …)

    def to_dict(self) -> dict:
        return asdict(self)


def _sort_key(problem: Problem):
    return (problem.path, problem.line or 0, problem.field or "", problem.code, problem.message)


def exit_code(problems: Iterable[Problem]) -> int:
    problems = list(problems)
    if any(p.fatal for p in problems):
        return EXIT_CANNOT_RUN
    return EXIT_INVALID if problems else EXIT_VALID


def render_text(problems: list[Problem], checked: str) -> str:
    """`path:line:field: code: message` per problem, then a one-line summary."""
    lines = []
    for p in sorted(problems, key=_sort_key):
        location = p.path
        location += f":{p.line}" if p.line is not None else ":"
        location += f":{p.field}" if p.field else ":"
        lines.append(f"{location}: {p.code}: {p.message}")
    if problems:
        files = len({p.path for p in problems})
        lines.append(f"{len(problems)} problem(s) in {files} file(s) of {checked}")
    else:
        lines.append(f"valid: {checked}")
    return "\n".join(lines) + "\n"


def render_json(problems: list[Problem], checked: str) -> str:
    report = {
        "checked": checked,
        "valid": not problems,
        "exit_code": exit_code(problems),
        "problems": [p.to_dict() for p in sorted(problems, key=_sort_key)],
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


# Messages may quote cells, paths and names from the package: each is cut to a short excerpt,
# so a hostile value of any size yields a line of bounded length.
MAX_MESSAGE = 400
MAX_LOCATION = 200


def excerpt(value: str, limit: int) -> str:
    value = str(value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def problem(
    code, path: str, message: str, line: int | None = None, field: str | None = None, fatal: bool = False
) -> Problem:
    """A problem of `code` (a codes.Code), every quoted value cut to an excerpt."""
    return Problem(
        path=excerpt(path, MAX_LOCATION),
        line=line,
        field=None if field is None else excerpt(field, MAX_LOCATION),
        code=code.name,
        message=excerpt(message, MAX_MESSAGE),
        fatal=fatal,
    )
