"""The command line: `india-china-security-meetings validate|build|rules`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .layout import data_root
from .problems import EXIT_CANNOT_RUN, EXIT_VALID, exit_code, render_json, render_text


def _default_target() -> Path:
    return data_root()


def cmd_validate(args) -> int:
    from .rules import all_codes
    from .validate import validate

    if args.list_rules:
        for code, summary in all_codes().items():
            print(f"{code}\t{summary}")
        return EXIT_VALID
    target = Path(args.path) if args.path else _default_target()
    problems = validate(target)
    render = render_json if args.format == "json" else render_text
    sys.stdout.write(render(problems, str(target)))
    return exit_code(problems)


def cmd_build(args) -> int:
    from .build.json_twins import BuildError
    from .build.package import build, stale_files

    root = Path(args.path) if args.path else _default_target()
    try:
        return _build(root, args.check, build, stale_files)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (OSError, ValueError, KeyError) as error:
        print(f"error: could not build {root}: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN


def _build(root, check, build, stale_files) -> int:
    if check:
        stale = stale_files(root)
        for rel in stale:
            print(f"{rel}: stale: differs from what `make build` generates")
        return 1 if stale else 0
    for rel in build(root):
        print(f"wrote {rel}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="india-china-security-meetings", description=__doc__)
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check every integrity rule; exit 0 valid, 1 invalid, 2 could not run")
    v.add_argument("path", nargs="?", help="a datapackage.json or its folder (default: this repository's)")
    v.add_argument("--format", choices=["text", "json"], default="text")
    v.add_argument("--list-rules", action="store_true", help="print every rule code with its description")
    v.set_defaults(func=cmd_validate)
    b = sub.add_parser("build", help="regenerate the derived files (JSON twins, JSON Schemas, descriptor facts)")
    b.add_argument("path", nargs="?", help="the package folder (default: this repository)")
    b.add_argument("--check", action="store_true", help="write nothing; exit 1 when a derived file is stale")
    b.set_defaults(func=cmd_build)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return EXIT_CANNOT_RUN
    except Exception as error:  # the last line of defence: a message, never a traceback
        print(f"error: could not run: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_CANNOT_RUN


if __name__ == "__main__":
    sys.exit(main())
