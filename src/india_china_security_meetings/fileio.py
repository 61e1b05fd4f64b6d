"""Writing files whole or not at all, and only where the command may write."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path

from . import codes
from .file_gate import Refused, inside


def write_atomic(path: Path, data: bytes, root: Path | None = None) -> bool:
    """Write `data` to `path` through a temporary file; return True when the bytes changed.

    Nothing is written through a link or onto a FIFO, device or folder at `path`, and with `root`
    (the folder the command writes in) nothing outside it, however its subfolders are linked: a
    package may hold any of these where a derived file goes. An unchanged file is left alone
    (compared after checking its kind and size, so no read can hang or be unbounded)."""
    path = Path(path)
    if root is not None and path.parent.exists():
        inside(Path(root), path.parent)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None:
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
            raise Refused.of(codes.PATH_NOT_REGULAR, variant="written", path=path)
        if info.st_size == len(data) and path.read_bytes() == data:
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    if root is not None:
        inside(Path(root), path.parent)  # a folder made just now lies where its parent does
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return True


def dump_json(value) -> bytes:
    """The one JSON layout of the project: UTF-8, two-space indent, LF, final newline."""
    return (json.dumps(value, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
