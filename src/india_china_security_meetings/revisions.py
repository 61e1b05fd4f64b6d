"""What a command compares, written one way: a release by its number, a git ref, or a folder.

    1.2.0            the release 1.2.0, the commit `changes/releases.csv` records for it
    git:<ref>        a commit of this repository (a hash, a branch, HEAD~1)
    path:<folder>    an unpacked package (a folder holding datapackage.json)

Nothing is guessed from what exists on disk: a folder named `v1.2.0` or `HEAD` is never taken
for a version or a ref, and a release resolves by its number in any clone, with or without tags.

Which commit each release is lives in `changes/releases.csv`. A commit cannot name its own
hash, so the release commit is recorded by the commit after it (`release record`); the validator
checks every recorded commit against the history (`version/release-record`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import file_gate
from .changelog import SEMVER
from .errors import PackageError
from .fileio import write_atomic

RECORD = "changes/releases.csv"
RECORD_FIELDS = ("version", "date", "commit")
SYNTAX = "a release number (1.2.0), git:<ref> or path:<folder>"

# What a git ref may look like here: branch and tag names, hashes, HEAD~2, v1.0.0^{commit}.
# Never a leading '-': git would read it as an option (--output=FILE, --remote=URL). ASCII only,
# matched whole (a '$' anchor would let a final newline through).
_REF = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._/~^{}+-]{0,199}", re.ASCII)
_COMMIT = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}", re.ASCII)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# git's tree entry modes: a regular file (plain or executable); links and submodules are refused.
_REGULAR_MODES = ("100644", "100755")
# The package's own files in a commit: nothing else of the tree is read.
PACKAGE_PATHS = ("datapackage.json", "CHANGELOG.md", "CITATION.cff", "data", "schemas")
# A package has about a hundred files and a few releases; far more is an attack on the time a
# snapshot or a validation takes, refused before git is asked for the contents.
MAX_SNAPSHOT_FILES = 2000
MAX_RELEASES = 1000
MAX_RECORD_VERSIONS = 2000  # commits that changed the record, read back for its history
CHUNK = 1 << 20


class SnapshotError(PackageError):
    """A version that cannot be read (bad syntax, unknown release or ref, no descriptor)."""


@dataclass(frozen=True)
class Spec:
    kind: str  # "release", "git" or "path"
    value: str

    def __str__(self) -> str:
        return self.value if self.kind == "release" else f"{self.kind}:{self.value}"


@dataclass(frozen=True)
class Release:
    version: str
    date: str
    commit: str
    line: int


def _shown(value) -> str:
    return repr(str(value)[:60])


def parse_spec(text) -> Spec:
    """The one syntax; SnapshotError for anything else."""
    if not isinstance(text, str) or not text or len(text) > 4096 or text.startswith("-"):
        raise SnapshotError(f"{_shown(text)} is not {SYNTAX}")
    if any(ord(char) < 32 or 0x7F <= ord(char) < 0xA0 for char in text):
        raise SnapshotError(f"{_shown(text)} holds control characters; write {SYNTAX}")
    if SEMVER.fullmatch(text):
        return Spec("release", text)
    kind, colon, value = text.partition(":")
    if colon and kind == "git" and _REF.fullmatch(value) and ".." not in value and "@{" not in value:
        return Spec("git", value)
    if colon and kind == "path" and value:
        return Spec("path", value)
    raise SnapshotError(f"{_shown(text)} is not {SYNTAX}")


def _git(repo: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], stdin=subprocess.DEVNULL, capture_output=True, **kwargs)


def resolve_ref(ref: str, repo: Path) -> str:
    """The commit a git ref names, verified by git itself; SnapshotError when it names none."""
    if not _REF.fullmatch(ref) or ".." in ref or "@{" in ref:
        raise SnapshotError(f"{_shown(ref)} is not a git ref (letters, digits, '._/~^{{}}+-', not starting with '-')")
    result = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}", text=True)
    commit = result.stdout.strip()
    if result.returncode or not _COMMIT.fullmatch(commit):
        raise SnapshotError(f"git:{ref} names no commit of the git repository {repo}")
    return commit


def read_record(root: Path) -> list[Release]:
    """The releases `changes/releases.csv` records, oldest first; [] when there is none.
    SnapshotError when the file is there but not a record (the validator says where)."""
    if not os.path.lexists(Path(root) / RECORD):
        return []
    try:
        text = file_gate.read_text(root, RECORD)
    except (file_gate.Refused, UnicodeDecodeError) as error:
        raise SnapshotError(f"{RECORD}: {error}") from None
    return _parse_record(text)


def _parse_record(text: str) -> list[Release]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or tuple(rows[0]) != RECORD_FIELDS:
        raise SnapshotError(f"{RECORD}: the header must be {','.join(RECORD_FIELDS)}")
    if len(rows) - 1 > MAX_RELEASES:
        raise SnapshotError(f"{RECORD}: {len(rows) - 1} releases, more than the {MAX_RELEASES} this tool reads")
    releases = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(RECORD_FIELDS):
            raise SnapshotError(f"{RECORD}:{line}: {len(row)} cells, expected {len(RECORD_FIELDS)}")
        version, date, commit = row
        if not SEMVER.fullmatch(version) or not _DATE.fullmatch(date) or not _COMMIT.fullmatch(commit):
            raise SnapshotError(f"{RECORD}:{line}: expected MAJOR.MINOR.PATCH, YYYY-MM-DD and a full commit hash")
        releases.append(Release(version, date, commit, line))
    return releases


def commit_of(version: str, root: Path) -> str:
    """The recorded commit of release `version`; SnapshotError when it is not recorded."""
    for release in read_record(root):
        if release.version == version:
            return release.commit
    raise SnapshotError(f"release {version} is not recorded in {RECORD}")


def record_line(release: Release) -> str:
    return f"{release.version},{release.date},{release.commit}\n"


@contextlib.contextmanager
def snapshot(text: str, repo: Path):
    """A folder holding the package that `text` names (see the module's syntax)."""
    spec = parse_spec(text)
    if spec.kind == "path":
        folder = Path(spec.value)
        if not (folder / "datapackage.json").is_file():
            raise SnapshotError(f"{_shown(spec.value)} is not a package folder (no datapackage.json in it)")
        yield folder
        return
    commit = commit_of(spec.value, repo) if spec.kind == "release" else resolve_ref(spec.value, repo)
    with tempfile.TemporaryDirectory() as folder:
        extract(repo, commit, Path(folder), str(spec))
        yield Path(folder)


def _tree(repo: Path, commit: str, shown: str) -> list[tuple[str, str, str, str, int]]:
    """(mode, kind, object, path, size) of the package's own paths in `commit`."""
    result = _git(repo, "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", *PACKAGE_PATHS)
    if result.returncode:
        raise SnapshotError(f"{shown}: its files cannot be listed: {result.stderr.decode(errors='replace')[:200]}")
    entries = []
    for item in result.stdout.split(b"\0"):
        if not item:
            continue
        meta, _, path = item.partition(b"\t")
        mode, kind, sha, size = meta.decode("ascii").split()
        entries.append((mode, kind, sha, path.decode("utf-8", errors="replace"), int(size) if size.isdigit() else -1))
    return entries


def _cat_file_batch(repo: Path, names: list[str]):
    """(name, kind, size, stdout) of each object named, read by one `git cat-file --batch`: the
    caller reads exactly `size` bytes (and the LF after them) for each found object before the
    next. One process for any number of objects."""
    process = subprocess.Popen(
        ["git", "-C", str(repo), "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    try:
        for name in names:
            if "\n" in name or "\r" in name:  # one name a line: a line break would shift every answer
                yield name, None, -1, process.stdout
                continue
            # One name, then its answer, then the next: writing them all first can fill both pipes.
            process.stdin.write(f"{name}\n".encode())
            process.stdin.flush()
            header = process.stdout.readline().decode("utf-8", errors="replace").split()
            if len(header) != 3 or not header[2].isdigit():  # "<name> missing"
                yield name, None, -1, process.stdout
                continue
            yield name, header[1], int(header[2]), process.stdout
    finally:
        process.stdin.close()
        process.stdout.close()
        process.wait()


def _small_blobs(repo: Path, names: list[str]):
    """(name, bytes) of each object named, read by one git process; the bytes are None for an
    object that is no blob, or one over the file cap (read past in chunks, never held whole)."""
    for name, kind, size, stream in _cat_file_batch(repo, names):
        if kind != "blob":
            yield name, None
            continue
        if size > file_gate.MAX_FILE_BYTES:
            while size > 0:
                size -= len(stream.read(min(size, CHUNK))) or size
            data = None
        else:
            data = stream.read(size)
        stream.read(1)  # the LF after each object
        yield name, data


def extract(repo: Path, commit: str, folder: Path, shown: str) -> None:
    """Write the package's own files of `commit` into `folder`, streamed from one git process to
    disk, under the file gate's caps: no file is held in memory, and a link, a submodule, an
    unsafe name, a file over the cap or more files than a package has stops the snapshot."""
    entries = _tree(repo, commit, shown)
    if len(entries) > MAX_SNAPSHOT_FILES:
        raise SnapshotError(
            f"{shown}: {len(entries)} files under the package's folders, more than the {MAX_SNAPSHOT_FILES} read"
        )
    total = 0
    for mode, kind, _, path, size in entries:
        issue = file_gate.path_text_issue(path)
        if issue:
            raise SnapshotError(f"{shown}: {issue[1]}")
        if any(ord(char) < 32 or ord(char) == 127 for char in path):
            raise SnapshotError(f"{shown}: {path!r} has a control character in its name")
        if kind != "blob" or mode not in _REGULAR_MODES:
            raise SnapshotError(f"{shown}: {path!r} is not a regular file in that commit (a link or submodule)")
        if not 0 <= size <= file_gate.MAX_FILE_BYTES:
            raise SnapshotError(
                f"{shown}: {path!r} has {size} bytes, more than the {file_gate.MAX_FILE_BYTES} a file of this package may have"
            )
        total += size
        if total > file_gate.MAX_PACKAGE_BYTES * 4:  # data, schemas and twins together
            raise SnapshotError(f"{shown}: the package's files add up to more than this tool reads")
    paths = [path for _, _, _, path, _ in entries]
    objects = [sha for _, _, sha, _, _ in entries]  # by object name: no path is read as a revision
    for (_, kind, size, stream), path, expected in zip(_cat_file_batch(repo, objects), paths, entries):
        if kind != "blob" or size != expected[4]:
            raise SnapshotError(f"{shown}: {path!r} cannot be read")
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as handle:
            left = size
            while left > 0:
                piece = stream.read(min(left, CHUNK))
                if not piece:
                    raise SnapshotError(f"{shown}: {path!r} ended early")
                handle.write(piece)
                left -= len(piece)
        stream.read(1)
    if not (folder / "datapackage.json").is_file():
        raise SnapshotError(f"{shown} has no datapackage.json")


def _versions(repo: Path, commits: list[str]) -> dict[str, str | None]:
    """The version datapackage.json states at each commit (None where it has none), one git process."""
    out: dict[str, str | None] = {}
    for name, data in _small_blobs(repo, [f"{c}:datapackage.json" for c in commits]):
        try:
            version = None if data is None else json.loads(data).get("version")
        except (ValueError, AttributeError):
            version = None
        out[name.split(":", 1)[0]] = version if isinstance(version, str) else None
    return out


def is_repository(root: Path) -> bool:
    """Is `root` the top of a git work tree (a checkout, not an unpacked release)?"""
    result = _git(root, "rev-parse", "--show-toplevel", text=True)
    return result.returncode == 0 and os.path.realpath(result.stdout.strip()) == os.path.realpath(root)


def release_commits(root: Path) -> dict[str, str]:
    """version -> the newest commit on HEAD's first-parent line that set datapackage.json to it:
    the commits `record-release` records, found with two git processes for the whole history."""
    listed = _git(root, "rev-list", "--first-parent", "HEAD", "--", "datapackage.json", text=True).stdout.split()
    versions = _versions(root, listed)
    found: dict[str, str] = {}
    # Along the first-parent line, each listed commit changed the file from the next (older) one.
    for index, commit in enumerate(listed):
        version = versions.get(commit)
        before = versions.get(listed[index + 1]) if index + 1 < len(listed) else None
        if version and version != before and version not in found:
            found[version] = commit
    return found


def _recorded_before(root: Path) -> list[Release]:
    """Every line the record has held in any commit of HEAD's history (each version of the file
    read once, with one git process): a recorded line never changes and never goes."""
    commits = _git(
        root, "rev-list", f"--max-count={MAX_RECORD_VERSIONS}", "HEAD", "--", RECORD, text=True
    ).stdout.split()
    out: list[Release] = []
    for _, data in _small_blobs(root, [f"{commit}:{RECORD}" for commit in commits]):
        if data is None:
            continue
        try:
            out += _parse_record(data.decode("utf-8"))
        except (SnapshotError, UnicodeDecodeError):
            continue  # that commit's record was malformed: the validator said so then
    return out


def history_issues(root: Path, releases: list[Release]) -> list[tuple[Release, str]]:
    """(release, why) for each recorded release the history contradicts: its commit is not the
    one on HEAD's first-parent line that set that version, or an earlier commit recorded it
    otherwise (the record only grows; a recorded line never changes)."""
    shallow = _git(root, "rev-parse", "--is-shallow-repository", text=True).stdout.strip() == "true"
    expected = release_commits(root)
    issues = []
    for release in releases:
        commit = expected.get(release.version)
        if commit is None:
            if not shallow:
                issues.append((release, f"no commit on HEAD's first-parent line sets the version to {release.version}"))
        elif commit != release.commit:
            issues.append(
                (
                    release,
                    f"commit {release.commit[:12]} is not the commit that set {release.version} ({commit[:12]} is)",
                )
            )
    current = {(r.version, r.date, r.commit) for r in releases}
    for key in dict.fromkeys((r.version, r.date, r.commit) for r in _recorded_before(root)):
        if key not in current:
            version, date, commit = key
            earlier = Release(version, date, commit, 0)
            issues.append(
                (earlier, f"release {version} was recorded as {commit[:12]} ({date}) and that line changed or went")
            )
    return list(dict.fromkeys(issues))


def head_needs_record(root: Path, version: str) -> bool:
    """Is the release `version` committed with a commit after it, so that it must be recorded?
    True when HEAD and its parent both state `version`: the release commit is behind HEAD."""
    head = _git(root, "rev-parse", "--verify", "--quiet", "HEAD", text=True).stdout.strip()
    parent = _git(root, "rev-parse", "--verify", "--quiet", "HEAD^", text=True).stdout.strip()
    if not (head and parent):
        return False
    versions = _versions(root, [head, parent])
    return versions.get(head) == version == versions.get(parent)


def record_release(root: Path, version: str, date: str) -> str | None:
    """Add the commit of release `version` to the record (from the commit after the release);
    the line written, or None when it is recorded already. SnapshotError when the history holds
    no commit that set this version."""
    releases = read_record(root)
    if any(release.version == version for release in releases):
        return None
    commit = release_commits(root).get(version)
    if commit is None:
        raise SnapshotError(f"no commit of this history sets the version to {version}: commit the release first")
    line = record_line(Release(version, date, commit, 0))
    text = file_gate.read_text(root, RECORD) if releases else ",".join(RECORD_FIELDS) + "\n"
    write_atomic(Path(root) / RECORD, (text + line).encode("utf-8"), root)
    return line
