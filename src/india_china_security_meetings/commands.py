"""The command line as data: each command's name, who it is for, its one-line help and arguments.

This module imports nothing of the package, so the handlers (`cli.py`) and the documentation
generated from it (the README's command table, `--help`) both read it without an import cycle.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field

PROG = "india-china-security-meetings"
USERS, MAINTAINERS = "users", "maintainers"
GROUP_TITLES = {
    USERS: "Commands for users of the data",
    MAINTAINERS: "Commands for maintainers (a checkout of the repository)",
}


@dataclass(frozen=True)
class Arg:
    names: tuple[str, ...]
    options: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Command:
    name: str
    group: str
    help: str
    args: tuple[Arg, ...] = ()
    defaults: dict = field(default_factory=dict)


def _root(what: str = "the package (default: this checkout, or the installed data)") -> Arg:
    return Arg(("--root",), {"help": what})


def _out(default: str) -> Arg:
    return Arg(("out",), {"nargs": "?", "help": f"the output folder (default: {default})"})


VERSION_SPEC = "a release number (1.2.0), git:<ref> or path:<folder>"

COMMANDS: tuple[Command, ...] = (
    Command(
        "validate",
        USERS,
        "check every integrity rule; exit 0 valid, 1 invalid, 2 could not run",
        (
            Arg(("path",), {"nargs": "?", "help": "a datapackage.json or its folder (default: this repository's)"}),
            Arg(("--format",), {"choices": ["text", "json"], "default": "text"}),
            Arg(("--list-rules",), {"action": "store_true", "help": "print every rule code with its description"}),
        ),
    ),
    Command(
        "cite",
        USERS,
        "how to cite one record, with the SHA-256 of its canonical JSON",
        (
            Arg(("table",), {"help": "the table, e.g. coded_events"}),
            Arg(("record",), {"help": "the record ID, e.g. ce-008"}),
            _root(),
        ),
    ),
    Command(
        "verify-citation",
        USERS,
        "is a cited record unchanged in this release? exit 0 yes, 1 no, 2 bad input",
        (
            Arg(("table",), {"help": "the table named in the citation"}),
            Arg(("record",), {"help": "the record ID named in the citation"}),
            Arg(("sha256",), {"help": "the hash in the citation (sha256:… or the bare hex digest)"}),
            _root("the release to check, an unpacked folder (default: this checkout, or the installed data)"),
        ),
    ),
    Command(
        "releases",
        USERS,
        "every recorded release: version, date, commit",
        (_root(),),
    ),
    Command(
        "diff",
        USERS,
        "keyed differences between two versions and the bump they require",
        (
            Arg(("old",), {"help": VERSION_SPEC}),
            Arg(("new",), {"help": VERSION_SPEC}),
            Arg(("--format",), {"choices": ["markdown", "json"], "default": "markdown"}),
            _root("the git repository that release numbers and git: refs are read from (default: this checkout)"),
        ),
    ),
    Command(
        "serve",
        USERS,
        "browse the release's SQLite database in Datasette (run `make dist` first)",
        (
            Arg(("--port",), {"type": int, "default": 8001}),
            Arg(("--host",), {"default": "127.0.0.1"}),
            Arg(("--dist",), {"help": "the folder `make dist` wrote (default: dist/)"}),
            _root("the package (default: this checkout)"),
        ),
    ),
    Command(
        "export",
        USERS,
        "coded events in GDELT- and POLECAT-like layouts (default OUT: dist/)",
        (_out("dist/"), _root("the package (default: this checkout)")),
    ),
    Command(
        "build",
        MAINTAINERS,
        "regenerate the derived files (JSON twins, JSON Schemas, descriptor facts, documentation)",
        (
            Arg(("path",), {"nargs": "?", "help": "the package folder (default: this repository)"}),
            Arg(("--check",), {"action": "store_true", "help": "write nothing; exit 1 when a derived file is stale"}),
        ),
    ),
    Command(
        "check-build",
        MAINTAINERS,
        "write nothing; print a diff of each stale derived file; exit 1 when any is",
        (Arg(("path",), {"nargs": "?", "help": "the package folder (default: this repository)"}),),
        {"check": True},
    ),
    Command(
        "check-version",
        MAINTAINERS,
        "is the version bumped as the changes since BASE require?",
        (
            Arg(("--base",), {"help": f"{VERSION_SPEC} (default: the newest recorded release)"}),
            Arg(("--format",), {"choices": ["text", "json"], "default": "text"}),
            _root("the package to check (default: this checkout)"),
        ),
    ),
    Command(
        "release",
        MAINTAINERS,
        "set the version, date the CHANGELOG entry, keep the record changes, regenerate, validate",
        (
            Arg(("version",), {"help": "MAJOR.MINOR.PATCH"}),
            Arg(("--date",), {"help": "release date YYYY-MM-DD (default: today, UTC)"}),
            _root("the package to release (default: this checkout)"),
        ),
    ),
    Command(
        "record-release",
        MAINTAINERS,
        "record the commit of the current release (run in the commit after it)",
        (_root("the repository (default: this checkout)"),),
    ),
    Command(
        "agreement",
        MAINTAINERS,
        "inter-annotator agreement: regenerate annotation/first/, agreement.md and disagreements.csv",
        (_root("the repository (default: this checkout)"),),
    ),
    Command(
        "dist",
        MAINTAINERS,
        "release artifacts: ZIP, SQLite, Parquet, paragraph view, event exports, web annotations, "
        "record hashes, SHA256SUMS (default OUT: dist/)",
        (_out("dist/"), _root("the package (default: this checkout)")),
    ),
    Command(
        "site",
        MAINTAINERS,
        "the landing page and codebook page (default OUT: site/)",
        (_out("site/"), _root("the package (default: this checkout)")),
    ),
    Command(
        "wheel",
        MAINTAINERS,
        "the Python distribution, wheel and sdist (default OUT: dist/)",
        (_out("dist/"), _root("the package (default: this checkout)")),
    ),
)


def grouped() -> dict[str, list[Command]]:
    """The commands by group, users' first, each group in the order of COMMANDS."""
    return {group: [c for c in COMMANDS if c.group == group] for group in GROUP_TITLES}


def overview() -> str:
    """The command list `--help` shows, grouped (argparse cannot group subcommands itself)."""
    lines = []
    for group, commands in grouped().items():
        lines.append(f"{GROUP_TITLES[group]}:")
        lines += [f"  {c.name:<16}{c.help}" for c in commands]
        lines.append("")
    return "\n".join(lines)


def build_parser(
    handlers: dict[str, Callable] | None = None, version: str = "", description: str = ""
) -> argparse.ArgumentParser:
    """The one command line; `handlers` maps each command's name to the function that runs it."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=description,
        epilog=overview(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=version)
    parser.add_argument("--traceback", action="store_true", help="on an unexpected error, show the internals too")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", help="one of the commands below")
    for command in COMMANDS:
        # No `help=`: the commands are listed once, grouped, in the epilog (`overview`).
        command_parser = sub.add_parser(command.name, description=command.help)
        for arg in command.args:
            command_parser.add_argument(*arg.names, **arg.options)
        command_parser.set_defaults(func=(handlers or {}).get(command.name), **command.defaults)
    return parser
