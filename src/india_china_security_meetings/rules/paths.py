"""Paths and resource kinds: relative, inside the package, not hidden, never a URL, within the caps,
plain CSV or JSON. The preparation step decides (prepare.py); these rules report what it found."""

from __future__ import annotations

from . import rule


@rule(
    {
        "path/url": "A path is a URL or has a scheme: nothing is ever fetched, so it is not opened.",
        "path/absolute": "A path is absolute (/, ~ or a drive letter) instead of relative to the descriptor.",
        "path/backslash": "A path uses backslashes instead of POSIX '/' separators.",
        "path/parent": "A path refers to a parent folder ('..').",
        "path/hidden": "A path is, or lies in, a hidden file or folder (a segment starting with '.').",
        "path/malformed": "A path is empty, has an empty segment or surrounding spaces.",
        "path/escapes": "A path resolves outside the package through a symbolic link.",
        "path/missing": "A path names no existing file.",
        "path/not-regular": "A path names a FIFO, socket or device instead of a regular file; it is never opened.",
        "path/too-large": "A file is larger than a file of this package may be, or the package's files together are: it is never read.",
        "path/multiple": "A resource has an array of paths; this package uses one file per resource.",
    }
)
def check_paths(ctx):
    """Every resource, schema and dialect path is relative, inside the package, not hidden, not a URL, and exists."""
    yield from ctx.findings.get("check_paths", ())


@rule(
    {
        "resource/compressed": "A resource is compressed or declares a compression; this package uses none, so it is not decompressed.",
        "resource/format": "A resource's format is not the one its type allows (csv for tables, json otherwise), so no other reader is asked.",
        "descriptor/unsafe-name": "The package or a resource name is not lowercase letters, digits, '.', '_' or '-' (it names files and folders).",
    }
)
def check_resource_kinds(ctx):
    """Resources are plain CSV or JSON files and every name is safe to use in a file name."""
    yield from ctx.findings.get("check_resource_kinds", ())
