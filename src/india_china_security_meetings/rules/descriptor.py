"""The descriptor: the official Data Package 2.0 profile, hash spelling, file size and digest."""

from __future__ import annotations

import re

from .. import buildable, codes, profiles
from . import rule

HASH = re.compile(r"sha256:[0-9a-f]{64}", re.ASCII)  # fullmatch only


@rule(codes.DESCRIPTOR_PROFILE)
def check_profile(ctx):
    """The descriptor validates against the official Data Package 2.0 profile, formats included."""
    for error in sorted(
        profiles.package_validator().iter_errors(ctx.descriptor), key=lambda e: list(map(str, e.absolute_path))
    ):
        path = tuple(error.absolute_path)
        where = "/".join(map(str, path)) or "(root)"
        message = error.message if len(error.message) < 300 else error.message[:297] + "..."
        line, rule_name = ctx.line_of(path), error.validator
        yield codes.DESCRIPTOR_PROFILE.at(
            ctx.descriptor_rel, line, where, variant="profile", where=where, message=message, validator=rule_name
        )
    if ctx.descriptor.get("$schema") != "https://datapackage.org/profiles/2.0/datapackage.json":
        yield codes.DESCRIPTOR_PROFILE.at(ctx.descriptor_rel, ctx.line_of(("$schema",)), "$schema", variant="schema")


@rule(codes.DESCRIPTOR_HASH_FORMAT, codes.DESCRIPTOR_HASH_MISSING, codes.FILE_HASH_MISMATCH, codes.FILE_BYTES_MISMATCH)
def check_file_facts(ctx):
    """Every resource records bytes and a sha256 hash, and both match the file."""
    for resource in ctx.resources:
        base = ("resources", resource.index)
        declared_hash = resource.descriptor.get("hash")
        declared_bytes = resource.descriptor.get("bytes")
        if declared_hash is None or declared_bytes is None:
            missing = "hash" if declared_hash is None else "bytes"
            line, field = ctx.line_of(base), f"resources/{resource.index}/{missing}"
            yield codes.DESCRIPTOR_HASH_MISSING.at(ctx.descriptor_rel, line, field, name=resource.name, missing=missing)
        if declared_hash is not None and not (isinstance(declared_hash, str) and HASH.fullmatch(declared_hash)):
            line, field = ctx.line_of(base + ("hash",)), f"resources/{resource.index}/hash"
            yield codes.DESCRIPTOR_HASH_FORMAT.at(
                ctx.descriptor_rel, line, field, name=resource.name, declared_hash=declared_hash
            )
        if not (resource.safe and resource.path):
            continue
        facts = ctx.facts(resource.path)
        if facts is None:
            continue
        if isinstance(declared_bytes, int) and not isinstance(declared_bytes, bool) and declared_bytes != facts.size:
            yield codes.FILE_BYTES_MISMATCH.at(
                resource.path, size=facts.size, declared_bytes=declared_bytes, index=resource.index
            )
        if isinstance(declared_hash, str) and HASH.fullmatch(declared_hash):
            if declared_hash != "sha256:" + facts.sha256:
                yield codes.FILE_HASH_MISMATCH.at(
                    resource.path, actual=facts.sha256, declared_hash=declared_hash[7:], index=resource.index
                )


@rule(codes.DESCRIPTOR_DUPLICATE_KEY)
def check_duplicate_keys(ctx):
    """No object of the descriptor has a key twice (one reader keeps the first value, another the last)."""
    for path, key in ctx.located.duplicates:
        where = "/".join(map(str, path + (key,)))
        yield codes.DESCRIPTOR_DUPLICATE_KEY.at(
            ctx.descriptor_rel, ctx.line_of(path + (key,)), where, where=where, key=key[:60]
        )


PROMISED = ("name", "title", "description", "version", "created", "keywords", "contributors", "licenses", "sources")


@rule(codes.DESCRIPTOR_METADATA)
def check_promised_metadata(ctx):
    """The descriptor carries the metadata this package promises its users (name, title, version, licences, sources, …)."""
    for key in PROMISED:
        if not ctx.descriptor.get(key):
            yield codes.DESCRIPTOR_METADATA.at(ctx.descriptor_rel, None, key, variant="missing", key=key)
    for pointer, message in buildable.descriptor_shape_issues(ctx.descriptor):
        yield codes.DESCRIPTOR_METADATA.at(
            ctx.descriptor_rel, None, pointer, variant="invalid", pointer=pointer, message=message
        )
