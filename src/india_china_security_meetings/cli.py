"""The command line's handlers: one function per command of `commands.py`, which describes them."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from . import __version__, codes
from .agreement import write_files
from .changelog import RELEASE, changelog_text
from .commands import build_parser
from .diff import diff_packages, render_markdown
from .exports import event_exports
from .file_gate import Refused
from .fileio import write_atomic
from .generate.derived_files import build, stale_diffs
from .generate.release_files import build_dist, source_date_epoch
from .generate.site import build_site
from .generate.twin_files import BuildError
from .layout import data_root, repository_root
from .problems import EXIT_CANNOT_RUN, EXIT_VALID, exit_code, render_json, render_text
from .reader import PackageError, PackageReader
from .record_hashes import citation, is_sha256, verify
from .revisions import SnapshotError, read_record, record_release, snapshot
from .rules import all_codes
from .validate import validate
from .value_safety import printable
from .versioning import check_version, newest_recorded, release


def _fail(message: str, code: int = EXIT_CANNOT_RUN) -> int:
    """Print `error: message` on stderr; return the exit code (by default: could not run)."""
    print(f"error: {message}", file=sys.stderr)
    return code


def _package(path) -> Path:
    """The package a command was given, else the data this code ships with."""
    return Path(path) if path else data_root()


def cmd_validate(args) -> int:

    if args.list_rules:
        for code, summary in all_codes().items():
            print(f"{code}\t{summary}")
        return EXIT_VALID
    if args.path == "":
        return _fail("the path to validate is empty; give a datapackage.json or its folder")
    target = _package(args.path)
    if target.is_file() and zipfile.is_zipfile(target):
        return _fail(
            f"{target} is a ZIP archive: unpack it first, then validate the folder (or the datapackage.json) it holds"
        )
    problems = validate(target)
    render = render_json if args.format == "json" else render_text
    sys.stdout.write(render(problems, str(target)))
    return exit_code(problems)


def cmd_build(args) -> int:

    root = _package(args.path)
    try:
        if args.check:
            stale = stale_diffs(root)
            for rel, diff in stale.items():
                print(f"{rel}: stale: differs from what `make build` generates:")
                sys.stdout.write(diff[:20000] + ("\n… (diff cut at 20000 characters)\n" if len(diff) > 20000 else ""))
            return 1 if stale else 0
        for rel in build(root):
            print(f"wrote {rel}")
        return 0
    except BuildError as error:
        return _fail(str(error), code=1)
    except (OSError, ValueError, KeyError) as error:
        return _fail(f"could not build {root}: {type(error).__name__}: {error}")


def _root(args) -> Path:

    return Path(args.root) if args.root else repository_root()


def cmd_diff(args) -> int:

    root = _root(args)
    try:
        with snapshot(args.old, root) as old, snapshot(args.new, root) as new:
            diff = diff_packages(old, new)
    except SnapshotError as error:
        return _fail(str(error))
    if args.format == "json":
        print(json.dumps(diff.to_json(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_markdown(diff))
    return 0


def cmd_check_version(args) -> int:

    root = _root(args)
    try:
        base = args.base or newest_recorded(root)
        problems, diff = check_version(root, base)
    except SnapshotError as error:
        return _fail(str(error))
    render = render_json if args.format == "json" else render_text
    sys.stdout.write(render(problems, f"version {diff.new_version} against {base} (requires {diff.required})"))
    return exit_code(problems)


def cmd_releases(args) -> int:

    try:
        releases = read_record(_package(args.root))
    except SnapshotError as error:
        return _fail(str(error))
    print("version\tdate\tcommit")
    for entry in releases:
        print(f"{entry.version}\t{entry.date}\t{entry.commit}")
    return 0


def cmd_record_release(args) -> int:

    root = _root(args)
    reader = PackageReader(root)
    dated = {m.group("version"): m.group("date") for m in RELEASE.finditer(changelog_text(root))}
    if reader.version not in dated:
        return _fail(f"{reader.version} has no dated CHANGELOG entry: it is not released")
    try:
        line = record_release(root, reader.version, dated[reader.version])
    except SnapshotError as error:
        return _fail(str(error))
    print(f"recorded {line.strip()}" if line else f"{reader.version} is recorded already")
    return 0


def cmd_release(args) -> int:

    root = _root(args)
    try:
        written = release(root, args.version, args.date)
    except (ValueError, OSError, SnapshotError) as error:
        return _fail(str(error))
    for rel in written:
        print(f"wrote {rel}")
    problems = validate(root)
    sys.stdout.write(render_text(problems, str(root)))
    if not problems:
        print(
            f"Released {args.version}: review and commit it; then, in the next commit, "
            "`make record-release` records which commit it is."
        )
    return exit_code(problems)


def _root_and_out(args, default: str) -> tuple[Path, Path]:
    """The package and the output folder: OUT if given, else `default` inside the package."""
    root = _root(args)
    if args.out:
        return root, Path(args.out)
    out = root / default
    if out.is_symlink():  # a link in the package would send the output elsewhere
        raise Refused.of(codes.PATH_ESCAPES, variant="default-output", out=out)
    return root, out


def cmd_dist(args) -> int:

    root, out = _root_and_out(args, "dist")
    artifacts = build_dist(root, out)
    for name, data in sorted(artifacts.items()):
        print(f"{out / name}  {len(data)} bytes")
    return 0


def cmd_site(args) -> int:

    root, out = _root_and_out(args, "site")
    for name in build_site(root, out):
        print(out / name)
    return 0


def cmd_export(args) -> int:

    root, out = _root_and_out(args, "dist")
    reader = PackageReader(root)
    for name, data in event_exports(root, f"{reader.name}-{reader.version}").items():
        write_atomic(out / name, data, out)
        print(out / name)
    return 0


def cmd_wheel(args) -> int:

    root, out = _root_and_out(args, "dist")
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(source_date_epoch(root)))
    commands = [
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(root),
        ],
        [
            sys.executable,
            "-c",
            "import sys; from setuptools import build_meta; build_meta.build_sdist(sys.argv[1])",
            str(out),
        ],
    ]
    with _build_lock(root):  # setuptools builds in the checkout's build/: one build at a time
        for command in commands:
            # A stale setuptools build folder would leak old files into the wheel.
            shutil.rmtree(root / "build", ignore_errors=True)
            result = subprocess.run(command, cwd=root, env=env, stdin=subprocess.DEVNULL)
            shutil.rmtree(root / "build", ignore_errors=True)
            if result.returncode:
                return EXIT_CANNOT_RUN
    for path in sorted(out.glob("india_china_security_meetings-*")):
        print(path)
    return 0


@contextlib.contextmanager
def _build_lock(root: Path):
    """An exclusive lock per checkout, held outside it (in the temporary folder), so two builds
    started at once (two test workers, two terminals) take turns instead of sharing build/."""
    import fcntl
    import hashlib
    import tempfile

    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"icsm-wheel-{digest}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def cmd_agreement(args) -> int:

    for rel in write_files(_root(args)):
        print(f"wrote {rel}")
    return 0


def cmd_cite(args) -> int:

    try:
        print(citation(PackageReader(_package(args.root)), args.table, args.record))
    except KeyError as error:
        return _fail(error.args[0], code=1)
    return 0


def cmd_verify_citation(args) -> int:

    root = _package(args.root)
    if not is_sha256(args.sha256):
        return _fail(f"{args.sha256[:80]!r} is not a SHA-256 (64 hexadecimal digits, optionally after 'sha256:')")
    unchanged, message = verify(PackageReader(root), args.table, args.record, args.sha256)
    print(message)
    return 0 if unchanged else 1


def cmd_serve(args) -> int:
    """Datasette over the release's SQLite database, with the metadata `dist` wrote beside it."""
    if importlib.util.find_spec("datasette") is None:
        return _fail(
            "Datasette is not installed: `pip install 'india-china-security-meetings[serve]'` "
            "(or `pip install datasette`), then run `serve --root <unpacked release> --dist <folder with the "
            ".sqlite and -datasette.json>`"
        )
    root = _root(args)
    reader = PackageReader(root)
    stem = f"{reader.name}-{reader.version}"
    out = Path(args.dist) if args.dist else root / "dist"
    database, metadata = out / f"{stem}.sqlite", out / f"{stem}-datasette.json"
    if not database.is_file() or not metadata.is_file():
        return _fail(f"{database} or {metadata} is missing; run `make dist` first")
    # Served under the package's name, without the version: Datasette reads a dot in a database
    # name as a format suffix, and a record's URL stays the same from one release to the next.
    served = out / f"{reader.name}.db"
    if served.is_symlink() or served.exists():
        served.unlink()
    served.symlink_to(database.name)
    command = [sys.executable, "-m", "datasette", "serve", "--immutable", str(served)]
    command += ["--metadata", str(metadata), "--host", args.host, "--port", str(args.port)]
    command += ["--plugins-dir", str(DATASETTE_PLUGINS)]  # record pages link their foreign keys
    os.execv(sys.executable, command)  # the server replaces this process; Ctrl-C stops it
    return EXIT_CANNOT_RUN  # not reached


class _Printable:
    """A text stream that shows control and bidirectional characters as escapes: whatever a
    command echoes from a package (a title, a cell, a path) reaches the terminal inert."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text))

    def __getattr__(self, name):
        return getattr(self._stream, name)


def main(argv=None) -> int:
    with contextlib.redirect_stdout(_Printable(sys.stdout)), contextlib.redirect_stderr(_Printable(sys.stderr)):
        return _main(argv)


DATASETTE_PLUGINS = Path(__file__).resolve().parent / "datasette_plugins"
DESCRIPTION = (
    "Validate, cite, compare and browse the data package on the First India–China High Level Meeting "
    "on Bilateral Security Cooperation (New Delhi, 22 October 2018)."
)


def _main(argv=None) -> int:
    # The command line with its handlers (the description itself is `commands.py`).
    args = build_parser(HANDLERS, version=__version__, description=DESCRIPTION).parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return EXIT_CANNOT_RUN
    except (PackageError, Refused) as error:  # a package this tool will not read: say why, in one line
        return _fail(str(error))
    except Exception as error:  # the last line of defence: a message, never a traceback
        if args.traceback:
            raise
        return _fail(f"could not run: {type(error).__name__}: {str(error)[:500]}")


HANDLERS = {
    "validate": cmd_validate,
    "cite": cmd_cite,
    "verify-citation": cmd_verify_citation,
    "releases": cmd_releases,
    "diff": cmd_diff,
    "serve": cmd_serve,
    "export": cmd_export,
    "build": cmd_build,
    "check-build": cmd_build,
    "check-version": cmd_check_version,
    "release": cmd_release,
    "record-release": cmd_record_release,
    "agreement": cmd_agreement,
    "dist": cmd_dist,
    "site": cmd_site,
    "wheel": cmd_wheel,
}


if __name__ == "__main__":
    sys.exit(main())
