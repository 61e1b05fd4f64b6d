"""Paths: relative, inside the package, not hidden, never a URL. Unsafe resources are never opened."""
from __future__ import annotations

import os
import re

from . import problem, rule

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def path_issue(root, value: str) -> tuple[str, str] | None:
    """(code, message) for the first way `value` breaks the path rules, or None."""
    if _SCHEME.match(value) or "://" in value:
        return "path/url", f"{value!r} is a URL or has a scheme; only relative paths inside the package are allowed and nothing is fetched"
    if value.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", value):
        return "path/absolute", f"{value!r} is absolute; use a path relative to the descriptor"
    if "\\" in value:
        return "path/backslash", f"{value!r} contains a backslash; use POSIX '/' separators"
    parts = value.split("/")
    if ".." in parts:
        return "path/parent", f"{value!r} refers to a parent folder ('..')"
    if any(part.startswith(".") for part in parts if part):
        return "path/hidden", f"{value!r} is or lies in a hidden file or folder"
    if "" in parts or value.strip() != value or not value:
        return "path/malformed", f"{value!r} has an empty segment or surrounding spaces"
    full = os.path.realpath(os.path.join(root, value))
    if os.path.commonpath([full, os.path.realpath(root)]) != os.path.realpath(root):
        return "path/escapes", f"{value!r} resolves outside the package (through a symbolic link)"
    if not os.path.isfile(full):
        return "path/missing", f"{value!r} does not exist or is not a file"
    return None


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
