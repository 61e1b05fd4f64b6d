"""Provenance: held texts match their digests, text cells equal their spans, and every body
paragraph of a source is represented exactly once."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right

from .. import contract
from ..file_gate import path_issue
from ..text_excerpts import differing_excerpts, first_difference
from . import problem, rule

LABEL = re.compile(r"(Q|A): ")  # the printed labels that answer and question rows leave out


def _int(value: str):
    return int(value) if value.isdigit() else None


def held_texts(ctx) -> dict[str, str]:
    """source_id -> decoded held text, for sources rows whose file is safe, present and intact (prepared once)."""
    return ctx.held_texts


@rule(
    {
        "provenance/source-file": "A held source's path is unsafe or names no file.",
        "provenance/source-hash": "A held source's bytes do not match its recorded sha256.",
        "provenance/source-bytes": "A held source's size does not match its recorded bytes.",
        "provenance/source-encoding": "A held source is not valid UTF-8.",
    }
)
def check_held_sources(ctx):
    """Every held source text exists inside the package and matches its recorded sha256 and size."""
    resource = ctx.resource_named("sources")
    for line, cells in ctx.table_rows("sources"):
        rel = cells.get("path", "")
        if not rel:
            continue
        issue = path_issue(ctx.root, rel)
        if issue:
            yield problem("provenance/source-file", resource.path, issue[1], line, "path")
            continue
        data = ctx.read_bytes(rel)
        digest = hashlib.sha256(data).hexdigest()
        if digest != cells.get("sha256"):
            yield problem(
                "provenance/source-hash",
                resource.path,
                f"{rel} has sha256 {digest}, not the recorded {cells.get('sha256')!r}: the held text must stay byte for byte",
                line,
                "sha256",
            )
        if cells.get("bytes", "") and cells["bytes"] != str(len(data)):
            yield problem(
                "provenance/source-bytes",
                resource.path,
                f"{rel} has {len(data)} bytes, not the recorded {cells['bytes']}",
                line,
                "bytes",
            )
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            yield problem(
                "provenance/source-encoding",
                rel,
                f"byte {error.start} is not valid UTF-8; spans are counted over the UTF-8 text",
            )


def span_fields(schema: dict, table: str | None = None):
    """(text field, source field, start field, end field) of every verbatim field of a Table Schema,
    and of every field the contract declares verbatim for `table`, whatever the schema says."""
    pinned = contract.VERBATIM.get(table, {})
    for name, (source, start, end) in pinned.items():
        yield name, source, start, end
    for field in schema.get("fields", []):
        span = field.get("x-span")
        if isinstance(span, dict) and field.get("name") not in pinned:
            yield field["name"], span.get("source"), span.get("start"), span.get("end")


@rule(
    {
        "provenance/span-incomplete": "A verbatim cell and its span offsets are not all set or all empty.",
        "provenance/span-source": "A span points into a source whose text is not held (or not intact).",
        "provenance/span-range": "A span's offsets are out of order or beyond the end of the source text.",
        "provenance/span-mismatch": "A verbatim cell differs from the source text at its span.",
    },
    per_table=True,
)
def check_spans(ctx, resource, table):
    """Every verbatim cell equals source_text[start:end] (code points, half-open, over the UTF-8 text)."""
    texts = held_texts(ctx)
    schema = ctx.table_schemas.get(resource.name)
    if schema and table:
        for text_field, source_field, start_field, end_field in span_fields(schema, resource.name):
            for line, (value, start, end, source_id) in table.cells_of(
                [text_field, start_field, end_field, source_field]
            ):
                if value == "" and start == "" and end == "":
                    continue
                if value == "" or start == "" or end == "":
                    yield problem(
                        "provenance/span-incomplete",
                        resource.path,
                        f"{text_field}, {start_field} and {end_field} must be all set or all empty",
                        line,
                        text_field,
                    )
                    continue
                source = texts.get(source_id)
                if source is None:
                    yield problem(
                        "provenance/span-source",
                        resource.path,
                        f"{source_field} {source_id!r} is not a held, intact source text",
                        line,
                        source_field,
                    )
                    continue
                a, b = _int(start), _int(end)
                if a is None or b is None:
                    continue  # frictionless reports the type
                if not a <= b <= len(source):
                    yield problem(
                        "provenance/span-range",
                        resource.path,
                        f"span [{a}, {b}) does not fit the {len(source)} characters of {source_id}",
                        line,
                        start_field,
                    )
                    continue
                if source[a:b] != value:
                    shown, quoted = differing_excerpts(value, source[a:b])
                    yield problem(
                        "provenance/span-mismatch",
                        resource.path,
                        f"cell {shown!r} differs from {source_id}[{a}:{b}] = {quoted!r} "
                        f"(first difference at character {first_difference(value, source[a:b])}, marked ⟦ ⟧)",
                        line,
                        text_field,
                    )


def paragraph_rows(ctx):
    """(resource, line, cells) of rows that represent a body paragraph: the contract's paragraph tables.

    Other tables may point into a segment (mentions do) without representing its paragraph."""
    for name in contract.PARAGRAPH_TABLES:
        resource = ctx.resource_named(name)
        if resource is None:
            continue  # contract/table-missing reports it
        for line, cells in ctx.table_rows(resource.name):
            yield resource, line, cells


@rule(
    {
        "provenance/span-overlap": "Spans of two paragraph rows from one source overlap.",
        "provenance/outside-segment": "A paragraph row's span does not lie inside its segment.",
        "provenance/segment-remainder": "Part of a body paragraph is not covered by its row (beyond a 'Q: ' or 'A: ' label).",
        "provenance/paragraph-uncovered": "A body paragraph of a source is represented by no row.",
        "provenance/paragraph-duplicated": "A body paragraph of a source is represented by more than one row.",
    }
)
def check_paragraph_coverage(ctx):
    """Every body paragraph is covered by exactly one row, and paragraph rows never overlap."""
    # Only what the check needs, so the segments table is never held whole.
    segments = {
        cells.get("segment_id"): {k: cells.get(k, "") for k in ("source_id", "start", "end", "text")}
        for _, cells in ctx.table_rows("segments")
    }
    spans = []
    covered: dict[str, list] = {}
    for resource, line, cells in paragraph_rows(ctx):
        a, b = _int(cells.get("start", "")), _int(cells.get("end", ""))
        if a is None or b is None:
            continue
        spans.append((cells.get("source_id", ""), a, b, resource.path, line))
        segment = segments.get(cells.get("segment_id"))
        if segment is None:
            continue  # frictionless reports the foreign key
        covered.setdefault(cells.get("segment_id"), []).append((resource.path, line))
        s, e = _int(segment.get("start", "")), _int(segment.get("end", ""))
        if s is None or e is None:
            continue
        if not (s <= a <= b <= e) or segment.get("source_id") != cells.get("source_id"):
            yield problem(
                "provenance/outside-segment",
                resource.path,
                f"span [{a}, {b}) of {cells.get('source_id')} is not inside segment {cells.get('segment_id')} [{s}, {e})",
                line,
                "start",
            )
            continue
        prefix, suffix = (
            segment.get("text", "")[: a - s],
            segment.get("text", "")[len(segment.get("text", "")) - (e - b) :] if e > b else "",
        )
        if (prefix and not LABEL.fullmatch(prefix)) or suffix:
            yield problem(
                "provenance/segment-remainder",
                resource.path,
                f"segment {cells.get('segment_id')} has uncovered text {(prefix or suffix)[:40]!r} outside the row's span",
                line,
                "start",
            )
    spans.sort()
    for previous, current in zip(spans, spans[1:]):
        if previous[0] == current[0] and current[1] < previous[2]:
            yield problem(
                "provenance/span-overlap",
                current[3],
                f"span [{current[1]}, {current[2]}) overlaps [{previous[1]}, {previous[2]}) of {previous[3]} line {previous[4]}",
                current[4],
                "start",
            )
    seg_resource = ctx.resource_named("segments")
    for line, cells in ctx.table_rows("segments"):
        if cells.get("kind") != "body-paragraph":
            continue
        rows = covered.get(cells.get("segment_id"), [])
        if not rows:
            yield problem(
                "provenance/paragraph-uncovered",
                seg_resource.path,
                f"body paragraph {cells.get('segment_id')} ({cells.get('text', '')[:40]!r}…) is represented by no statement or Q&A row",
                line,
                "segment_id",
            )
        elif len(rows) > 1:
            where = ", ".join(f"{p} line {n}" for p, n in rows)
            yield problem(
                "provenance/paragraph-duplicated",
                seg_resource.path,
                f"body paragraph {cells.get('segment_id')} is represented by {len(rows)} rows: {where}",
                line,
                "segment_id",
            )


@rule(
    {
        "provenance/segment-overlap": "Two segments of one source overlap.",
        "provenance/unsegmented-text": "Non-blank text of a held source lies in no segment.",
    }
)
def check_segments_tile_sources(ctx):
    """The segments of each held source cover all its non-blank text without overlapping."""
    texts = held_texts(ctx)
    resource = ctx.resource_named("segments")
    by_source: dict[str, list] = {}
    for line, cells in ctx.table_rows("segments"):
        a, b = _int(cells.get("start", "")), _int(cells.get("end", ""))
        if a is not None and b is not None:
            by_source.setdefault(cells.get("source_id", ""), []).append((a, b, line))
    for source_id, text in texts.items():
        spans = sorted(by_source.get(source_id, []))
        cursor = 0
        newlines = [m.start() for m in re.finditer("\n", text)]
        for a, b, line in spans:
            if a < cursor:
                yield problem(
                    "provenance/segment-overlap",
                    resource.path,
                    f"segment [{a}, {b}) overlaps the previous segment of {source_id}",
                    line,
                    "start",
                )
            elif text[cursor:a].strip():
                yield problem(
                    "provenance/unsegmented-text",
                    resource.path,
                    f"{source_id} line {bisect_right(newlines, cursor) + 1} has text {text[cursor:a].strip()[:40]!r} in no segment",
                    line,
                    "start",
                )
            cursor = max(cursor, b)
        if text[cursor:].strip():
            yield problem(
                "provenance/unsegmented-text",
                resource.path if resource else ctx.descriptor_rel,
                f"{source_id} line {bisect_right(newlines, cursor) + 1} has text {text[cursor:].strip()[:40]!r} after the last segment",
            )


@rule("provenance/evidence-outside-record")
def check_evidence_inside_record(ctx):
    """An evidence span (topic links, coded events) lies inside the statement or Q&A paragraph the row points to."""
    spans = {}
    for name, key in (("statements", "statement_id"), ("qa", "qa_id")):
        for _, cells in ctx.table_rows(name):
            spans[(key, cells.get(key))] = (
                cells.get("source_id"),
                _int(cells.get("start", "")),
                _int(cells.get("end", "")),
            )
    for table in ctx.evidence_tables():
        resource = ctx.resource_named(table)
        for line, cells in ctx.table_rows(table):
            for key in ("statement_id", "qa_id"):
                if not cells.get(key):
                    continue
                target = spans.get((key, cells[key]))
                a, b = _int(cells.get("start", "")), _int(cells.get("end", ""))
                if target is None or a is None or b is None or None in target:
                    continue
                if target[0] != cells.get("source_id") or not (target[1] <= a <= b <= target[2]):
                    yield problem(
                        "provenance/evidence-outside-record",
                        resource.path,
                        f"evidence [{a}, {b}) is not inside {key} {cells[key]} [{target[1]}, {target[2]})",
                        line,
                        "start",
                    )
