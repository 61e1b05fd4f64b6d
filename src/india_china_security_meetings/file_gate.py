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

from . import codes
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

    def __init__(self, code: codes.Code, message: str):
        super().__init__(message, code)

    @classmethod
    def of(cls, code: codes.Code, variant: str | None = None, **values) -> Refused:
        return cls(*_issue(code, variant, **values))


def _issue(code: codes.Code, variant: str | None = None, **values) -> tuple[codes.Code, str]:
    return code, code.text(variant, **values)


def path_text_issue(value: str) -> tuple[codes.Code, str] | None:
    """(code, message) when the text of a path breaks the rules, before the disk is asked."""
    if _SCHEME.match(value) or "://" in value:
        return _issue(codes.PATH_URL, rel=value)
    if value.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", value):
        return _issue(codes.PATH_ABSOLUTE, rel=value)
    if "\\" in value:
        return _issue(codes.PATH_BACKSLASH, rel=value)
    parts = value.split("/")
    if ".." in parts:
        return _issue(codes.PATH_PARENT, rel=value)
    if any(part.startswith(".") for part in parts if part):
        return _issue(codes.PATH_HIDDEN, rel=value)
    if "" in parts or value.strip() != value or not value or "\x00" in value:
        return _issue(codes.PATH_MALFORMED, rel=value)
    return None


def path_issue(root, value: str, limit: int = MAX_FILE_BYTES) -> tuple[codes.Code, str] | None:
    """(code, message) for the first way `value` breaks the rules, or None when it may be opened."""
    issue = path_text_issue(value)
    if issue:
        return issue
    base = os.path.realpath(root)
    full = os.path.realpath(os.path.join(root, value))
    if os.path.commonpath([full, base]) != base:
        return _issue(codes.PATH_ESCAPES, variant="resolves", rel=value)
    try:
        info = os.stat(full)
    except (OSError, ValueError):
        return _issue(codes.PATH_MISSING, variant="absent", rel=value)
    return _kind_issue(value, info, limit)


def _kind_issue(value: str, info: os.stat_result, limit: int) -> tuple[codes.Code, str] | None:
    if stat.S_ISDIR(info.st_mode):
        return _issue(codes.PATH_MISSING, variant="absent", rel=value)
    if not stat.S_ISREG(info.st_mode):
        return _issue(codes.PATH_NOT_REGULAR, variant="read", rel=value)
    if info.st_size > limit:
        return _issue(codes.PATH_TOO_LARGE, variant="bytes", rel=value, size=info.st_size, limit=limit)
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
        issue = _issue(codes.PATH_MISSING, variant="own", rel=rel)
    if issue:
        raise Refused(*issue)
    return _read_regular(os.path.realpath(os.path.join(root, rel)), rel, limit)


def _open_regular(full: str, rel: str, limit: int) -> int:
    """A descriptor of the regular file `full`, opened without blocking and checked again on the
    open file, so a file swapped for a FIFO between the check and the open cannot hang the reader."""
    try:
        fd = os.open(full, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise Refused.of(codes.PATH_MISSING, variant="unopened", rel=rel, why=error.strerror) from None
    issue = _kind_issue(rel, os.fstat(fd), limit)
    if issue:
        os.close(fd)
        raise Refused(*issue)
    return fd


def _grew(rel: str, limit: int) -> Refused:
    return Refused.of(codes.PATH_TOO_LARGE, variant="grew", rel=rel, limit=limit)


def _too_many_lines(rel: str, lines: int) -> Refused | None:
    if lines <= MAX_FILE_LINES:
        return None
    return Refused.of(codes.PATH_TOO_LARGE, variant="lines", rel=rel, lines=lines, limit=MAX_FILE_LINES)


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


def inside(root: Path, target: Path) -> Path:
    """`target` when it lies inside `root` (after resolving links); raises Refused otherwise."""
    base, full = os.path.realpath(root), os.path.realpath(target)
    if os.path.commonpath([full, base]) != base:
        raise Refused.of(codes.PATH_ESCAPES, variant="outside", target=target, root=root)
    return Path(full)
