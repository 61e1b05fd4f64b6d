"""The descriptor: the official Data Package 2.0 profile, hash spelling, file size and digest."""

from __future__ import annotations

import re

from .. import buildable, profiles
from . import problem, rule

HASH = re.compile(r"sha256:[0-9a-f]{64}", re.ASCII)  # fullmatch only


def _json_path(error) -> tuple:
    return tuple(error.absolute_path)


@rule("descriptor/profile")
def check_profile(ctx):
    """The descriptor validates against the official Data Package 2.0 profile, formats included."""
    for error in sorted(
        profiles.package_validator().iter_errors(ctx.descriptor), key=lambda e: list(map(str, e.absolute_path))
    ):
        path = _json_path(error)
        where = "/".join(map(str, path)) or "(root)"
        message = error.message if len(error.message) < 300 else error.message[:297] + "..."
        yield problem(
            "descriptor/profile",
            ctx.descriptor_rel,
            f"{where}: {message} (Data Package 2.0 profile, rule {error.validator!r})",
            ctx.line_of(path),
            where,
        )
    if ctx.descriptor.get("$schema") != "https://datapackage.org/profiles/2.0/datapackage.json":
        yield problem(
            "descriptor/profile",
            ctx.descriptor_rel,
            "$schema must be https://datapackage.org/profiles/2.0/datapackage.json (without it, tools read the package as v1)",
            ctx.line_of(("$schema",)),
            "$schema",
        )


@rule(
    {
        "descriptor/hash-format": "A resource's hash is not spelled 'sha256:' + 64 lowercase hex digits (other spellings go unverified).",
        "descriptor/hash-missing": "A resource has no hash or no bytes.",
        "file/hash-mismatch": "A file's SHA-256 digest differs from its resource's hash.",
        "file/bytes-mismatch": "A file's size differs from its resource's bytes.",
    }
)
def check_file_facts(ctx):
    """Every resource records bytes and a sha256 hash, and both match the file."""
    for resource in ctx.resources:
        base = ("resources", resource.index)
        declared_hash = resource.descriptor.get("hash")
        declared_bytes = resource.descriptor.get("bytes")
        if declared_hash is None or declared_bytes is None:
            missing = "hash" if declared_hash is None else "bytes"
            yield problem(
                "descriptor/hash-missing",
                ctx.descriptor_rel,
                f"resource {resource.name!r} has no {missing!r}",
                ctx.line_of(base),
                f"resources/{resource.index}/{missing}",
            )
        if declared_hash is not None and not (isinstance(declared_hash, str) and HASH.fullmatch(declared_hash)):
            yield problem(
                "descriptor/hash-format",
                ctx.descriptor_rel,
                f"resource {resource.name!r}: hash {declared_hash!r} must be 'sha256:' followed by 64 lowercase hex digits",
                ctx.line_of(base + ("hash",)),
                f"resources/{resource.index}/hash",
            )
        if not (resource.safe and resource.path):
            continue
        facts = ctx.facts(resource.path)
        if facts is None:
            continue
        if isinstance(declared_bytes, int) and not isinstance(declared_bytes, bool) and declared_bytes != facts.size:
            yield problem(
                "file/bytes-mismatch",
                resource.path,
                f"file has {facts.size} bytes but the descriptor says {declared_bytes} (resources/{resource.index}/bytes); rebuild with `make build`",
            )
        if isinstance(declared_hash, str) and HASH.fullmatch(declared_hash):
            actual = facts.sha256
            if declared_hash != "sha256:" + actual:
                yield problem(
                    "file/hash-mismatch",
                    resource.path,
                    f"file sha256 is {actual} but the descriptor says {declared_hash[7:]} (resources/{resource.index}/hash); rebuild with `make build`",
                )


@rule("descriptor/duplicate-key")
def check_duplicate_keys(ctx):
    """No object of the descriptor has a key twice (one reader keeps the first value, another the last)."""
    for path, key in ctx.located.duplicates:
        where = "/".join(map(str, path + (key,)))
        yield problem(
            "descriptor/duplicate-key",
            ctx.descriptor_rel,
            f"{where}: the key {key[:60]!r} appears twice in one object",
            ctx.line_of(path + (key,)),
            where,
        )


PROMISED = ("name", "title", "description", "version", "created", "keywords", "contributors", "licenses", "sources")


@rule("descriptor/metadata")
def check_promised_metadata(ctx):
    """The descriptor carries the metadata this package promises its users (name, title, version, licences, sources, …)."""
    for key in PROMISED:
        if not ctx.descriptor.get(key):
            yield problem(
                "descriptor/metadata",
                ctx.descriptor_rel,
                f"{key!r} is missing or empty; users cite and load the package by it",
                None,
                key,
            )
    for pointer, message in buildable.descriptor_shape_issues(ctx.descriptor):
        yield problem("descriptor/metadata", ctx.descriptor_rel, f"{pointer} {message}", None, pointer)
