"""The one gate every file of a package passes before any tool opens it.

Resources, schemas, held sources, CHANGELOG.md, CITATION.cff and documents are named by files a
change can edit, so a name is checked before anything is opened: a relative POSIX path inside
the package, never a URL, never hidden, and on disk a regular file (not a FIFO, a device or a
folder, which would hang or flood a reader) no larger than the cap, reached through no symbolic
link that leaves the package. The validator reports a refusal as a problem; the generators and
loaders stop with it.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .errors import PackageError


def _limit(variable: str, default: int) -> int:
    value = os.environ.get(variable, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


# The largest file of the real package has about 21 KB and all of them together about 250 KB. A
# file beyond the first cap is refused unread, and resources beyond the second (all files
# together) are not opened: time and memory grow with the number of rows, and a hostile package
# of tiny rows must still be judged in seconds. The caps are the operator's to raise (the
# synthetic benchmark corpora do), never the package's.
MAX_FILE_BYTES = _limit("ICSM_MAX_FILE_BYTES", 512 * 1024)
MAX_PACKAGE_BYTES = _limit("ICSM_MAX_PACKAGE_BYTES", 1536 * 1024)
# Work grows with rows, not bytes: a file of bare newlines is half a million rows in 512 KiB. The
# longest file of the real package has about 600 lines.
MAX_FILE_LINES = _limit("ICSM_MAX_FILE_LINES", 20_000)
# CSV rows cost most: frictionless builds an error object of about 150 µs for every bad cell, so
# a table of rows that are all wrong costs seconds per thousand. The real package has 139 rows.
MAX_TABLE_LINES = _limit("ICSM_MAX_TABLE_LINES", 1_000)
MAX_PACKAGE_TABLE_LINES = _limit("ICSM_MAX_PACKAGE_TABLE_LINES", 2_000)

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# Names and versions become file and folder names (dist/<name>-<version>.zip, data/json/<name>.json).
SAFE_NAME = re.compile(r"[a-z0-9](?:[a-z0-9_-]|\.(?!\.))*", re.ASCII)  # fullmatch only


FIXED_NAMES = ("SHA256SUMS",)


class Refused(PackageError):
    """A file the gate will not open: `code` names the rule, the message says why."""

    def __init__(self, code: str, message: str):
        super().__init__(message, code)


def path_text_issue(value: str) -> tuple[str, str] | None:
    """(code, message) when the text of a path breaks the rules, before the disk is asked."""
    if _SCHEME.match(value) or "://" in value:
        return (
            "path/url",
            f"{value!r} is a URL or has a scheme; only relative paths inside the package are allowed and nothing is fetched",
        )
    if value.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", value):
        return "path/absolute", f"{value!r} is absolute; use a path relative to the descriptor"
    if "\\" in value:
        return "path/backslash", f"{value!r} contains a backslash; use POSIX '/' separators"
    parts = value.split("/")
    if ".." in parts:
        return "path/parent", f"{value!r} refers to a parent folder ('..')"
    if any(part.startswith(".") for part in parts if part):
        return "path/hidden", f"{value!r} is or lies in a hidden file or folder"
    if "" in parts or value.strip() != value or not value or "\x00" in value:
        return "path/malformed", f"{value!r} has an empty segment, a NUL or surrounding spaces"
    return None


def path_issue(root, value: str, limit: int = MAX_FILE_BYTES) -> tuple[str, str] | None:
    """(code, message) for the first way `value` breaks the rules, or None when it may be opened."""
    issue = path_text_issue(value)
    if issue:
        return issue
    base = os.path.realpath(root)
    full = os.path.realpath(os.path.join(root, value))
    if os.path.commonpath([full, base]) != base:
        return "path/escapes", f"{value!r} resolves outside the package (through a symbolic link)"
    try:
        info = os.stat(full)
    except (OSError, ValueError):
        return "path/missing", f"{value!r} does not exist or is not a file"
    return _kind_issue(value, info, limit)


def _kind_issue(value: str, info: os.stat_result, limit: int) -> tuple[str, str] | None:
    if stat.S_ISDIR(info.st_mode):
        return "path/missing", f"{value!r} does not exist or is not a file"
    if not stat.S_ISREG(info.st_mode):
        return "path/not-regular", f"{value!r} is not a regular file (a FIFO, socket or device); it is not opened"
    if info.st_size > limit:
        return (
            "path/too-large",
            f"{value!r} has {info.st_size} bytes, more than the {limit} a file of this package may have; it is not read",
        )
    return None


def read_bytes(root, rel: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `rel` inside the package at `root`; raises Refused."""
    issue = path_issue(root, rel, limit)
    if issue:
        raise Refused(*issue)
    return _read_regular(os.path.realpath(os.path.join(root, rel)), rel, limit)


def read_own_file(root, rel: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """A file whose name comes from this code, not from the package (such as `.zenodo.json`):
    no name rules, but still inside `root`, a regular file and within the cap."""
    inside(Path(root), Path(root) / rel)
    try:
        issue = _kind_issue(rel, os.stat(os.path.join(root, rel)), limit)
    except OSError:
        issue = ("path/missing", f"{rel!r} does not exist")
    if issue:
        raise Refused(*issue)
    return _read_regular(os.path.realpath(os.path.join(root, rel)), rel, limit)


def _open_regular(full: str, rel: str, limit: int) -> int:
    """A descriptor of the regular file `full`, opened without blocking and checked again on the
    open file, so a file swapped for a FIFO between the check and the open cannot hang the reader."""
    try:
        fd = os.open(full, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise Refused("path/missing", f"{rel!r} cannot be opened ({error.strerror})") from None
    issue = _kind_issue(rel, os.fstat(fd), limit)
    if issue:
        os.close(fd)
        raise Refused(*issue)
    return fd


def _grew(rel: str, limit: int) -> Refused:
    return Refused("path/too-large", f"{rel!r} grew beyond {limit} bytes while it was read; it is not used")


def _too_many_lines(rel: str, lines: int) -> Refused | None:
    if lines <= MAX_FILE_LINES:
        return None
    return Refused(
        "path/too-large",
        f"{rel!r} has {lines} lines, more than the {MAX_FILE_LINES} a file of this package may have; it is not used",
    )


def _read_regular(full: str, rel: str, limit: int) -> bytes:
    fd = _open_regular(full, rel, limit)
    try:
        size = os.fstat(fd).st_size
        with os.fdopen(fd, "rb", closefd=False) as handle:
            # Asking for the file's size, not the cap: a read of n bytes reserves n bytes first.
            data = handle.read(min(limit, size) + 1)
            if len(data) > size:  # it grew since fstat: read on, up to the cap
                data += handle.read(limit + 1 - len(data))
    finally:
        os.close(fd)
    if len(data) > limit:
        raise _grew(rel, limit)
    refused = _too_many_lines(rel, data.count(b"\n"))
    if refused:
        raise refused
    return data


# Large files are read in pieces of about this size, so that no reader holds one whole.
CHUNK_BYTES = 1 << 20


def read_chunks(root, rel: str, limit: int = MAX_FILE_BYTES, size: int = CHUNK_BYTES):
    """The bytes `read_bytes` returns, as consecutive pieces that each end just after a line
    feed (the last one may not): a UTF-8 sequence is never cut, and each piece decodes alone.
    Raises Refused before the first piece when the path rules refuse the file, and after the
    last when it grew beyond the cap or has too many lines (the caller drops what it saw)."""
    issue = path_issue(root, rel, limit)
    if issue:
        raise Refused(*issue)
    fd = _open_regular(os.path.realpath(os.path.join(root, rel)), rel, limit)
    total = lines = 0
    try:
        with os.fdopen(fd, "rb", closefd=False) as handle:
            rest: list[bytes] = []  # blocks since the last line feed, joined once one comes
            while block := handle.read(size):
                total += len(block)
                if total > limit:
                    raise _grew(rel, limit)
                lines += block.count(b"\n")
                cut = block.rfind(b"\n") + 1
                if not cut:
                    rest.append(block)  # a line longer than a block: no copy until it ends
                    continue
                yield b"".join([*rest, block[:cut]])
                rest = [block[cut:]] if cut < len(block) else []
            if rest:
                yield b"".join(rest)
    finally:
        os.close(fd)
    refused = _too_many_lines(rel, lines)
    if refused:
        raise refused


def read_text(root, rel: str, limit: int = MAX_FILE_BYTES) -> str:
    """`rel` decoded as UTF-8; raises Refused, or UnicodeDecodeError for other bytes."""
    return read_bytes(root, rel, limit).decode("utf-8")


def safe_name(value) -> bool:
    """True when `value` may be used as a file or folder name (lowercase, digits, '.', '_', '-'),
    or is one of the fixed upper-case names the tools write themselves."""
    return isinstance(value, str) and len(value) <= 100 and (bool(SAFE_NAME.fullmatch(value)) or value in FIXED_NAMES)


def require_safe_name(value, what: str) -> str:
    if not safe_name(value):
        raise Refused(
            "descriptor/unsafe-name",
            f"{what} {str(value)[:60]!r} must be lowercase letters, digits, '.', '_' or '-' (no '..', no '/') before it names a file",
        )
    return value


def inside(root: Path, target: Path) -> Path:
    """`target` when it lies inside `root` (after resolving links); raises Refused otherwise."""
    base, full = os.path.realpath(root), os.path.realpath(target)
    if os.path.commonpath([full, base]) != base:
        raise Refused("path/escapes", f"{target} lies outside {root}")
    return Path(full)
