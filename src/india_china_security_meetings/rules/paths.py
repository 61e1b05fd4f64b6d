"""Paths: relative, inside the package, not hidden, never a URL. Unsafe resources are never opened."""
from __future__ import annotations

import os

from .. import file_gate
from ..file_gate import path_issue, safe_name
from . import problem, rule

# Compressed files are decompressed by frictionless without bound (a small archive can expand to
# gigabytes); this package uses none, so a resource that is or declares one is refused unread.
COMPRESSED = (".zip", ".gz", ".bz2", ".xz", ".lzma", ".zst", ".tgz", ".7z")
# What a resource's data may be: the readers (frictionless's and ours) are asked for these only.
FORMATS = {"table": {"csv"}, None: {"json"}}


def _descriptor_paths(ctx):
    """(resource or None, JSON path, value) of every path-like property of the descriptor."""
    for resource in ctx.resources:
        base = ("resources", resource.index)
        value = resource.descriptor.get("path")
        if isinstance(value, list):
            yield resource, base + ("path",), value
        elif value is not None:
            yield resource, base + ("path",), value
        for key in ("schema", "dialect", "jsonSchema", "profile"):
            if isinstance(resource.descriptor.get(key), str):
                yield resource, base + (key,), resource.descriptor[key]
    if isinstance(ctx.descriptor.get("profile"), str):
        yield None, ("profile",), ctx.descriptor["profile"]


@rule({
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
})
def check_paths(ctx):
    """Every resource, schema and dialect path is relative, inside the package, not hidden, not a URL, and exists."""
    for resource, json_path, value in _descriptor_paths(ctx):
        if isinstance(value, list):
            if resource is not None:
                resource.safe = False
            yield problem("path/multiple", ctx.descriptor_rel, "a resource must have one path (a string); arrays of paths are not used in this package",
                          ctx.line_of(json_path), "/".join(map(str, json_path)))
            continue
        if not isinstance(value, str):
            continue  # the profile reports the wrong type
        issue = path_issue(ctx.root, value)
        if issue:
            if resource is not None:
                resource.safe = False
            code, message = issue
            yield problem(code, ctx.descriptor_rel, message, ctx.line_of(json_path), "/".join(map(str, json_path)))
    for resource in ctx.resources:
        if resource.path is None and "data" not in resource.descriptor:
            resource.safe = False
    total = table_lines = 0
    for resource in ctx.resources:
        if not (resource.safe and resource.path):
            continue
        files = sorted({resource.path, *(resource.descriptor.get(k) for k in ("schema", "dialect", "jsonSchema")
                                         if isinstance(resource.descriptor.get(k), str))})
        for rel in files:
            data = ctx.read_bytes(rel)  # read once here, kept for the rules that follow
            if data is None:
                resource.safe = False
                refused = ctx.refusals.get(rel)
                if refused is not None:
                    yield problem(refused.code, ctx.descriptor_rel, refused.message, ctx.line_of(("resources", resource.index)),
                                  f"resources/{resource.index}")
                break
            total += len(data)
            if rel == resource.path and resource.is_table:
                lines = data.count(b"\n")
                table_lines += lines
                if lines > file_gate.MAX_TABLE_LINES:
                    resource.safe = False
                    yield problem("path/too-large", ctx.descriptor_rel,
                                  f"resource {resource.name!r} has {lines} lines, more than the {file_gate.MAX_TABLE_LINES} a table of this package may have; "
                                  "it is not read", ctx.line_of(("resources", resource.index)), f"resources/{resource.index}/path")
                    break
        if resource.safe and (total > file_gate.MAX_PACKAGE_BYTES or table_lines > file_gate.MAX_PACKAGE_TABLE_LINES):
            resource.safe = False
            yield problem("path/too-large", ctx.descriptor_rel,
                          f"resource {resource.name!r}: the resource files up to this one hold {total} bytes and {table_lines} table lines, "
                          f"more than the {file_gate.MAX_PACKAGE_BYTES} bytes or {file_gate.MAX_PACKAGE_TABLE_LINES} table lines a package may have; it is not read",
                          ctx.line_of(("resources", resource.index)), f"resources/{resource.index}/path")


@rule({
    "resource/compressed": "A resource is compressed or declares a compression; this package uses none, so it is not decompressed.",
    "resource/format": "A resource's format is not the one its type allows (csv for tables, json otherwise), so no other reader is asked.",
    "descriptor/unsafe-name": "The package or a resource name is not lowercase letters, digits, '.', '_' or '-' (it names files and folders).",
})
def check_resource_kinds(ctx):
    """Resources are plain CSV or JSON files and every name is safe to use in a file name."""
    if not safe_name(ctx.descriptor.get("name")):
        yield problem("descriptor/unsafe-name", ctx.descriptor_rel,
                      f"name {str(ctx.descriptor.get('name'))[:60]!r} must be lowercase letters, digits, '.', '_' or '-' (no '..' or '/')",
                      ctx.line_of(("name",)), "name")
    for resource in ctx.resources:
        base = ("resources", resource.index)
        name = resource.descriptor.get("name")
        if not safe_name(name):
            resource.safe = False
            yield problem("descriptor/unsafe-name", ctx.descriptor_rel,
                          f"resource name {str(name)[:60]!r} must be lowercase letters, digits, '.', '_' or '-' (no '..' or '/')",
                          ctx.line_of(base + ("name",)), f"resources/{resource.index}/name")
        compression = resource.descriptor.get("compression")
        if compression is not None or (resource.path or "").lower().endswith(COMPRESSED):
            resource.safe = False
            yield problem("resource/compressed", ctx.descriptor_rel,
                          f"resource {resource.name!r} is compressed ({compression or resource.path!r}); store it uncompressed",
                          ctx.line_of(base + (("compression",) if compression is not None else ("path",))), f"resources/{resource.index}")
            continue
        allowed = FORMATS["table" if resource.is_table else None]
        declared = resource.descriptor.get("format")
        suffix = (resource.path or "").rsplit(".", 1)[-1].lower()
        if (declared is not None and declared not in allowed) or (resource.path and suffix not in allowed):
            resource.safe = False
            yield problem("resource/format", ctx.descriptor_rel,
                          f"resource {resource.name!r} has format {declared!r} and file {resource.path!r}; "
                          f"a {'table' if resource.is_table else 'JSON'} resource must be {'/'.join(sorted(allowed))}",
                          ctx.line_of(base), f"resources/{resource.index}/format")
