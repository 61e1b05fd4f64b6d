"""Keyed differences between two versions of the package, and the version bump they require.

Rows are aligned on each table's primary key by daff; the changed cells are then read from
the two tables themselves, so no value is ever parsed back out of a diff rendering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .reader import PackageError, PackageReader
from .revisions import SnapshotError
from .text_excerpts import differing_excerpts

LEVELS = ("NONE", "PATCH", "MINOR", "MAJOR")
_TIGHTER_IF_LARGER = {
    "minimum": True,
    "exclusiveMinimum": True,
    "minLength": True,
    "maximum": False,
    "exclusiveMaximum": False,
    "maxLength": False,
}


def max_level(*levels: str) -> str:
    return max(levels, key=LEVELS.index, default="NONE")


@dataclass
class KeyedTable:
    schema: dict
    header: list[str]
    rows: list[dict]

    @property
    def key(self) -> list[str]:
        key = self.schema.get("primaryKey", [])
        return [key] if isinstance(key, str) else list(key)

    def keyed(self) -> dict[tuple, dict]:
        return {tuple(r.get(k, "") for k in self.key): r for r in self.rows}


def read_package(root: Path) -> tuple[dict, dict[str, KeyedTable]]:
    reader = PackageReader(root)
    try:
        tables = {
            name: KeyedTable(reader.schema(name), reader.header(name), reader.rows(name))
            for name in reader.table_names()
        }
    except PackageError as error:
        raise SnapshotError(f"{root}: {error}") from None
    return reader.descriptor, tables


@dataclass
class Change:
    level: str
    resource: str
    kind: str
    message: str
    data: dict = field(default_factory=dict)


@dataclass
class Diff:
    old_version: str
    new_version: str
    changes: list[Change] = field(default_factory=list)

    @property
    def required(self) -> str:
        return max_level(*(c.level for c in self.changes))

    def add(self, level, resource, kind, message, **data):
        self.changes.append(Change(level, resource, kind, message, data))

    def to_json(self) -> dict:
        return {
            "from": self.old_version,
            "to": self.new_version,
            "required": self.required,
            "changes": [c.__dict__ for c in self.changes],
        }


def _constraint_level(name: str, old, new) -> str:
    if old == new:
        return "NONE"
    if name in ("required", "unique"):
        return "MAJOR" if new and not old else "MINOR"
    if name in ("enum", "pattern", *_TIGHTER_IF_LARGER) and (old is None or new is None):
        return "MAJOR" if old is None else "MINOR"  # a constraint added tightens, one dropped loosens
    if name == "enum":
        return "MAJOR" if set(old) - set(new) else "MINOR"
    if name in _TIGHTER_IF_LARGER:
        return "MAJOR" if (new > old) == _TIGHTER_IF_LARGER[name] else "MINOR"
    return "MAJOR"  # a new or changed pattern (or anything else) may reject released values


def diff_schema(diff: Diff, name: str, old: dict, new: dict):
    old_fields = {f["name"]: f for f in old.get("fields", [])}
    new_fields = {f["name"]: f for f in new.get("fields", [])}
    for gone in old_fields.keys() - new_fields.keys():
        diff.add("MAJOR", name, "field-removed", f"field `{gone}` removed", field=gone)
    for added in new_fields.keys() - old_fields.keys():
        diff.add("MAJOR", name, "field-added", f"field `{added}` added", field=added)
    common_old = [f for f in old_fields if f in new_fields]
    common_new = [f for f in new_fields if f in old_fields]
    if common_old != common_new:
        diff.add("MAJOR", name, "fields-reordered", "fields reordered", old=common_old, new=common_new)
    for fname in common_new:
        a, b = old_fields[fname], new_fields[fname]
        for prop in ("type", "format"):
            if a.get(prop) != b.get(prop):
                diff.add(
                    "MAJOR",
                    name,
                    "field-retyped",
                    f"field `{fname}` {prop} {a.get(prop)} → {b.get(prop)}",
                    field=fname,
                    old=a.get(prop),
                    new=b.get(prop),
                )
        ca, cb = a.get("constraints", {}), b.get("constraints", {})
        for constraint in sorted(ca.keys() | cb.keys()):
            level = _constraint_level(constraint, ca.get(constraint), cb.get(constraint))
            if level != "NONE":
                word = "tightened" if level == "MAJOR" else "loosened"
                diff.add(
                    level,
                    name,
                    "constraint",
                    f"field `{fname}` constraint `{constraint}` {word}: {ca.get(constraint)!r} → {cb.get(constraint)!r}",
                    field=fname,
                    constraint=constraint,
                    old=ca.get(constraint),
                    new=cb.get(constraint),
                )
        for prop in sorted((a.keys() | b.keys()) - {"name", "type", "format", "constraints"}):
            if a.get(prop) != b.get(prop):
                diff.add("PATCH", name, "field-metadata", f"field `{fname}` {prop} changed", field=fname, property=prop)
    for prop in ("primaryKey", "foreignKeys", "uniqueKeys"):
        a, b = old.get(prop) or [], new.get(prop) or []
        if a == b:
            continue
        # Any change of the primary key breaks; a foreign or unique key added may reject released rows.
        added, removed = [x for x in b if x not in a], [x for x in a if x not in b]
        level = "MAJOR" if prop == "primaryKey" or added else "MINOR" if removed else "NONE"
        if level != "NONE":
            diff.add(level, name, "keys", f"{prop} changed", old=a, new=b)
    for prop in ("title", "description"):
        if old.get(prop) != new.get(prop):
            diff.add("PATCH", name, "schema-metadata", f"schema {prop} changed")


def _span_moved(schema: dict, old: dict, new: dict) -> bool:
    """A record whose quoted span no longer overlaps its old span has been repurposed."""
    for declared in schema.get("fields", []):
        span = declared.get("x-span")
        if not isinstance(span, dict) or declared["name"] != "text":
            continue
        try:
            a0, a1 = int(old.get(span["start"], "")), int(old.get(span["end"], ""))
            b0, b1 = int(new.get(span["start"], "")), int(new.get(span["end"], ""))
        except ValueError:
            return False
        if old.get(span["source"]) != new.get(span["source"]) or b0 >= a1 or a0 >= b1:
            return True
    return False


def diff_rows(diff: Diff, name: str, old: KeyedTable, new: KeyedTable):
    import daff

    key = new.key or old.key
    if not key or old.key != new.key:
        return  # the key change is reported by the schema diff
    flags = daff.CompareFlags()
    for column in key:
        flags.addPrimaryKey(column)

    def as_view(t):
        return daff.PythonTableView([t.header] + [[r.get(h, "") for h in t.header] for r in t.rows])

    align = daff.Coopy.compareTables(as_view(old), as_view(new), flags).align()
    output = daff.PythonTableView([])
    daff.TableDiff(align, flags).hilite(output)
    header = next((row for row in output.data if row and row[0] == "@@"), None)
    if header is None:
        return
    positions = [header.index(k) for k in key]
    old_rows, new_rows = old.keyed(), new.keyed()
    shared = [h for h in new.header if h in old.header]
    for row in output.data:
        tag = row[0] if row else None
        if tag not in ("+++", "---", "->"):
            continue
        record_key = tuple(str(row[p]).split("->")[-1] if tag == "->" else str(row[p]) for p in positions)
        label = ", ".join(record_key)
        if tag == "+++":
            diff.add("MINOR", name, "row-added", f"row `{label}` added", key=list(record_key))
        elif tag == "---":
            diff.add("MAJOR", name, "row-removed", f"row `{label}` removed (a released ID)", key=list(record_key))
        else:
            before, after = old_rows.get(record_key), new_rows.get(record_key)
            if before is None or after is None:
                continue
            cells = {h: [before.get(h, ""), after.get(h, "")] for h in shared if before.get(h, "") != after.get(h, "")}
            if not cells:
                continue
            if _span_moved(new.schema, before, after):
                level, kind, message = (
                    "MAJOR",
                    "row-repurposed",
                    f"row `{label}` now quotes another passage (ID repurposed)",
                )
            else:
                level, kind, message = "PATCH", "row-changed", f"row `{label}` changed"
            diff.add(level, name, kind, message, key=list(record_key), cells=cells)


PACKAGE_METADATA = (
    "title",
    "description",
    "keywords",
    "contributors",
    "licenses",
    "sources",
    "homepage",
    "image",
    "id",
)


def diff_packages(old_root: Path, new_root: Path) -> Diff:
    old_descriptor, old_tables = read_package(old_root)
    new_descriptor, new_tables = read_package(new_root)
    diff = Diff(str(old_descriptor.get("version")), str(new_descriptor.get("version")))
    if old_descriptor.get("name") != new_descriptor.get("name"):
        diff.add(
            "MAJOR",
            "(package)",
            "renamed",
            f"package renamed {old_descriptor.get('name')} → {new_descriptor.get('name')}",
        )
    for prop in PACKAGE_METADATA:
        if old_descriptor.get(prop) != new_descriptor.get(prop):
            diff.add("PATCH", "(package)", "metadata", f"package {prop} changed")
    for name in sorted(old_tables.keys() - new_tables.keys()):
        diff.add("MAJOR", name, "resource-removed", f"resource `{name}` removed")
    for name in sorted(new_tables.keys() - old_tables.keys()):
        diff.add("MINOR", name, "resource-added", f"resource `{name}` added with {len(new_tables[name].rows)} rows")
    for name in [n for n in new_tables if n in old_tables]:
        diff_schema(diff, name, old_tables[name].schema, new_tables[name].schema)
        diff_rows(diff, name, old_tables[name], new_tables[name])
    return diff


def _cell(value: str) -> str:
    value = value if len(value) <= 120 else value[:117] + "…"
    return "`" + value.replace("`", "'") + "`" if value else "(empty)"


def render_markdown(diff: Diff) -> str:
    lines = [
        f"## Changes {diff.old_version} → {diff.new_version}",
        "",
        f"Smallest version bump required: **{diff.required}**.",
        "",
    ]
    if not diff.changes:
        return "\n".join(lines + ["No changes to data, schemas or package metadata.", ""])
    by_resource: dict[str, list[Change]] = {}
    for change in diff.changes:
        by_resource.setdefault(change.resource, []).append(change)
    for resource, changes in by_resource.items():
        lines += [f"### {resource}", ""]
        for change in changes:
            lines.append(f"- {change.message} ({change.level})")
            for cell, (before, after) in change.data.get("cells", {}).items():
                if len(before) > 120 or len(after) > 120:  # cut where they differ, not at the start
                    before, after = differing_excerpts(before, after, 117)
                lines.append(f"  - `{cell}`: {_cell(before)} → {_cell(after)}")
        lines.append("")
    return "\n".join(lines)
