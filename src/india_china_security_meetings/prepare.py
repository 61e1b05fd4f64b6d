"""The one preparation step of a validation: everything the rules read, decided before any rule runs.

Which resources are safe to open (paths, kinds, caps), the Table Schemas that can be used, and the
held source texts are worked out here, once; what is wrong with them is kept as findings that the
path, resource and schema rules report. Rules then only read the context, so the order in which
they run cannot change what they find.
"""

from __future__ import annotations

import functools
import hashlib
import json

from . import file_gate, profiles
from .file_gate import path_issue, safe_name
from .json_values import loads_strict
from .problems import problem

# Compressed files are decompressed by frictionless without bound (a small archive can expand to
# gigabytes); this package uses none, so a resource that is or declares one is refused unread.
COMPRESSED = (".zip", ".gz", ".bz2", ".xz", ".lzma", ".zst", ".tgz", ".7z")
# What a resource's data may be: the readers (frictionless's and ours) are asked for these only.
FORMATS = {"table": {"csv"}, None: {"json"}}


def prepare(ctx) -> None:
    """Fill `ctx.findings` (by rule name), mark unsafe resources, load schemas and held texts."""
    ctx.findings["check_resource_kinds"] = list(_resource_kinds(ctx))
    ctx.findings["check_paths"] = list(_paths(ctx)) + list(_caps(ctx))
    ctx.findings["check_table_schemas"] = list(_table_schemas(ctx))
    ctx.held_texts = _held_texts(ctx)


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


def _resource_kinds(ctx):
    """Resources are plain CSV or JSON files and every name is safe to use in a file name."""
    if not safe_name(ctx.descriptor.get("name")):
        yield problem(
            "descriptor/unsafe-name",
            ctx.descriptor_rel,
            f"name {str(ctx.descriptor.get('name'))[:60]!r} must be lowercase letters, digits, '.', '_' or '-' (no '..' or '/')",
            ctx.line_of(("name",)),
            "name",
        )
    for resource in ctx.resources:
        base = ("resources", resource.index)
        name = resource.descriptor.get("name")
        if not safe_name(name):
            resource.safe = False
            yield problem(
                "descriptor/unsafe-name",
                ctx.descriptor_rel,
                f"resource name {str(name)[:60]!r} must be lowercase letters, digits, '.', '_' or '-' (no '..' or '/')",
                ctx.line_of(base + ("name",)),
                f"resources/{resource.index}/name",
            )
        compression = resource.descriptor.get("compression")
        if compression is not None or (resource.path or "").lower().endswith(COMPRESSED):
            resource.safe = False
            yield problem(
                "resource/compressed",
                ctx.descriptor_rel,
                f"resource {resource.name!r} is compressed ({compression or resource.path!r}); store it uncompressed",
                ctx.line_of(base + (("compression",) if compression is not None else ("path",))),
                f"resources/{resource.index}",
            )
            continue
        allowed = FORMATS["table" if resource.is_table else None]
        declared = resource.descriptor.get("format")
        suffix = (resource.path or "").rsplit(".", 1)[-1].lower()
        if (declared is not None and declared not in allowed) or (resource.path and suffix not in allowed):
            resource.safe = False
            yield problem(
                "resource/format",
                ctx.descriptor_rel,
                f"resource {resource.name!r} has format {declared!r} and file {resource.path!r}; "
                f"a {'table' if resource.is_table else 'JSON'} resource must be {'/'.join(sorted(allowed))}",
                ctx.line_of(base),
                f"resources/{resource.index}/format",
            )


def _paths(ctx):
    """Every resource, schema and dialect path is relative, inside the package, not hidden, not a URL, and exists."""
    for resource, json_path, value in _descriptor_paths(ctx):
        if isinstance(value, list):
            if resource is not None:
                resource.safe = False
            yield problem(
                "path/multiple",
                ctx.descriptor_rel,
                "a resource must have one path (a string); arrays of paths are not used in this package",
                ctx.line_of(json_path),
                "/".join(map(str, json_path)),
            )
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


def _caps(ctx):
    """Files of safe resources, read once here, within the caps of a file and of the package."""
    total = table_lines = 0
    for resource in ctx.resources:
        if not (resource.safe and resource.path):
            continue
        files = sorted(
            {
                resource.path,
                *(
                    resource.descriptor.get(k)
                    for k in ("schema", "dialect", "jsonSchema")
                    if isinstance(resource.descriptor.get(k), str)
                ),
            }
        )
        for rel in files:
            facts = ctx.facts(rel)  # read once here, piece by piece; small files are kept
            if facts is None:
                resource.safe = False
                refused = ctx.refusals.get(rel)
                if refused is not None:
                    yield problem(
                        refused.code,
                        ctx.descriptor_rel,
                        refused.message,
                        ctx.line_of(("resources", resource.index)),
                        f"resources/{resource.index}",
                    )
                break
            total += facts.size
            if rel == resource.path and resource.is_table:
                lines = facts.line_feeds
                table_lines += lines
                if lines > file_gate.MAX_TABLE_LINES:
                    resource.safe = False
                    yield problem(
                        "path/too-large",
                        ctx.descriptor_rel,
                        f"resource {resource.name!r} has {lines} lines, more than the {file_gate.MAX_TABLE_LINES} a table of this package may have; "
                        "it is not read",
                        ctx.line_of(("resources", resource.index)),
                        f"resources/{resource.index}/path",
                    )
                    break
        if resource.safe and (total > file_gate.MAX_PACKAGE_BYTES or table_lines > file_gate.MAX_PACKAGE_TABLE_LINES):
            resource.safe = False
            yield problem(
                "path/too-large",
                ctx.descriptor_rel,
                f"resource {resource.name!r}: the resource files up to this one hold {total} bytes and {table_lines} table lines, "
                f"more than the {file_gate.MAX_PACKAGE_BYTES} bytes or {file_gate.MAX_PACKAGE_TABLE_LINES} table lines a package may have; it is not read",
                ctx.line_of(("resources", resource.index)),
                f"resources/{resource.index}/path",
            )


def _load_schema(ctx, resource):
    value = resource.descriptor.get("schema")
    if isinstance(value, dict):
        return value, ctx.descriptor_rel, None
    if not isinstance(value, str):
        return None, ctx.descriptor_rel, f"resource {resource.name!r} has no Table Schema"
    if not resource.safe:
        return None, value, None  # the path rules already said why
    text = ctx.read_text(value)
    if text is None:
        return None, value, "cannot be read as UTF-8"
    try:
        schema = loads_strict(text)
    except json.JSONDecodeError as error:
        return None, value, f"is not valid JSON: {error.msg} at line {error.lineno}"
    except ValueError as error:  # a key twice, or nested too deep
        return None, value, f"is not acceptable JSON: {error}"
    if not isinstance(schema, dict):
        return None, value, "must hold a JSON object"
    return schema, value, None


@functools.lru_cache(maxsize=256)
def _profile_errors(schema_json: str) -> tuple[tuple[str, str], ...]:
    """(location, message) of each error of a Table Schema under the official profile.

    A pure function of the schema's content, remembered: checking the profile is the costliest
    step of preparing a package, and a process that validates many copies of one package (the
    test suite, an editor integration) meets the same schemas again and again."""
    out = []
    for error in profiles.table_schema_validator().iter_errors(json.loads(schema_json)):
        out.append(("/".join(map(str, error.absolute_path)) or "(root)", error.message[:300]))
    return tuple(out)


def _table_schemas(ctx):
    """Every table resource has a Table Schema that is valid under the official profile."""
    for resource in ctx.resources:
        if not resource.is_table:
            continue
        schema, where, message = _load_schema(ctx, resource)
        if message:
            yield problem("schema/unreadable", where, message, None, "schema")
            resource.safe = False
            continue
        if schema is None:
            continue
        errors = _profile_errors(json.dumps(schema, sort_keys=True))
        for loc, message in errors:
            yield problem("schema/profile", where, f"{loc}: {message} (Table Schema 2.0 profile)", None, loc)
        if not errors:
            ctx.table_schemas[resource.name] = schema


def _held_texts(ctx) -> dict[str, str]:
    """source_id -> decoded held text, for sources rows whose file passes the gate and is intact
    (the rule on held sources says what is wrong with the others)."""
    texts = {}
    for _, cells in ctx.table_rows("sources"):
        data = ctx.read_bytes(cells["path"]) if cells.get("path") else None
        if data is not None and hashlib.sha256(data).hexdigest() == cells.get("sha256"):
            try:
                texts[cells.get("source_id", "")] = data.decode("utf-8")
            except UnicodeDecodeError:
                pass
    return texts
