"""Provenance: held texts match their digests, text cells equal their spans, and every body
paragraph of a source is represented exactly once."""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right

from .. import codes, contract
from ..file_gate import path_issue
from ..text_excerpts import differing_excerpts, first_difference
from . import rule

LABEL = re.compile(r"(Q|A): ")  # the printed labels that answer and question rows leave out


def _int(value: str):
    return int(value) if value.isdigit() else None


def _offsets(cells) -> tuple:
    """(start, end) of a row's span, each None unless written in digits."""
    return _int(cells.get("start", "")), _int(cells.get("end", ""))


@rule(
    codes.PROVENANCE_SOURCE_FILE,
    codes.PROVENANCE_SOURCE_HASH,
    codes.PROVENANCE_SOURCE_BYTES,
    codes.PROVENANCE_SOURCE_ENCODING,
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
            yield codes.PROVENANCE_SOURCE_FILE.at(resource.path, line, "path", message=issue[1])
            continue
        data = ctx.read_bytes(rel)
        digest = hashlib.sha256(data).hexdigest()
        if digest != cells.get("sha256"):
            yield codes.PROVENANCE_SOURCE_HASH.at(
                resource.path, line, "sha256", rel=rel, digest=digest, sha256=cells.get("sha256")
            )
        if cells.get("bytes", "") and cells["bytes"] != str(len(data)):
            yield codes.PROVENANCE_SOURCE_BYTES.at(
                resource.path, line, "bytes", rel=rel, size=len(data), recorded=cells["bytes"]
            )
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            yield codes.PROVENANCE_SOURCE_ENCODING.at(rel, start=error.start)


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
    codes.PROVENANCE_SPAN_INCOMPLETE,
    codes.PROVENANCE_SPAN_SOURCE,
    codes.PROVENANCE_SPAN_RANGE,
    codes.PROVENANCE_SPAN_MISMATCH,
    per_table=True,
)
def check_spans(ctx, resource, table):
    """Every verbatim cell equals source_text[start:end] (code points, half-open, over the UTF-8 text)."""
    texts = ctx.held_texts
    schema = ctx.table_schemas.get(resource.name)
    if schema and table:
        for text_field, source_field, start_field, end_field in span_fields(schema, resource.name):
            for line, (value, start, end, source_id) in table.cells_of(
                [text_field, start_field, end_field, source_field]
            ):
                if value == "" and start == "" and end == "":
                    continue
                if value == "" or start == "" or end == "":
                    yield codes.PROVENANCE_SPAN_INCOMPLETE.at(
                        resource.path,
                        line,
                        text_field,
                        text_field=text_field,
                        start_field=start_field,
                        end_field=end_field,
                    )
                    continue
                source = texts.get(source_id)
                if source is None:
                    yield codes.PROVENANCE_SPAN_SOURCE.at(
                        resource.path, line, source_field, source_field=source_field, source_id=source_id
                    )
                    continue
                a, b = _int(start), _int(end)
                if a is None or b is None:
                    continue  # frictionless reports the type
                if not a <= b <= len(source):
                    yield codes.PROVENANCE_SPAN_RANGE.at(
                        resource.path, line, start_field, a=a, b=b, n_source=len(source), source_id=source_id
                    )
                    continue
                if source[a:b] != value:
                    shown, quoted = differing_excerpts(value, source[a:b])
                    yield codes.PROVENANCE_SPAN_MISMATCH.at(
                        resource.path,
                        line,
                        text_field,
                        shown=shown,
                        source_id=source_id,
                        a=a,
                        b=b,
                        quoted=quoted,
                        first_difference=first_difference(value, source[a:b]),
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
    codes.PROVENANCE_SPAN_OVERLAP,
    codes.PROVENANCE_OUTSIDE_SEGMENT,
    codes.PROVENANCE_SEGMENT_REMAINDER,
    codes.PROVENANCE_PARAGRAPH_UNCOVERED,
    codes.PROVENANCE_PARAGRAPH_DUPLICATED,
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
        a, b = _offsets(cells)
        if a is None or b is None:
            continue
        spans.append((cells.get("source_id", ""), a, b, resource.path, line))
        segment = segments.get(cells.get("segment_id"))
        if segment is None:
            continue  # frictionless reports the foreign key
        covered.setdefault(cells.get("segment_id"), []).append((resource.path, line))
        s, e = _offsets(segment)
        if s is None or e is None:
            continue
        if not (s <= a <= b <= e) or segment.get("source_id") != cells.get("source_id"):
            yield codes.PROVENANCE_OUTSIDE_SEGMENT.at(
                resource.path,
                line,
                "start",
                a=a,
                b=b,
                source_id=cells.get("source_id"),
                segment_id=cells.get("segment_id"),
                segment_start=s,
                segment_end=e,
            )
            continue
        segment_text = segment.get("text", "")
        prefix, suffix = segment_text[: a - s], segment_text[len(segment_text) - (e - b) :] if e > b else ""
        if (prefix and not LABEL.fullmatch(prefix)) or suffix:
            yield codes.PROVENANCE_SEGMENT_REMAINDER.at(
                resource.path, line, "start", segment_id=cells.get("segment_id"), prefix=(prefix or suffix)[:40]
            )
    spans.sort()
    for previous, current in zip(spans, spans[1:]):
        if previous[0] == current[0] and current[1] < previous[2]:
            yield codes.PROVENANCE_SPAN_OVERLAP.at(
                current[3],
                current[4],
                "start",
                start=current[1],
                end=current[2],
                previous_start=previous[1],
                previous_end=previous[2],
                previous_path=previous[3],
                previous_line=previous[4],
            )
    seg_resource = ctx.resource_named("segments")
    for line, cells in ctx.table_rows("segments"):
        if cells.get("kind") != "body-paragraph":
            continue
        rows = covered.get(cells.get("segment_id"), [])
        if not rows:
            yield codes.PROVENANCE_PARAGRAPH_UNCOVERED.at(
                seg_resource.path,
                line,
                "segment_id",
                segment_id=cells.get("segment_id"),
                text=cells.get("text", "")[:40],
            )
        elif len(rows) > 1:
            where = ", ".join(f"{p} line {n}" for p, n in rows)
            yield codes.PROVENANCE_PARAGRAPH_DUPLICATED.at(
                seg_resource.path, line, "segment_id", segment_id=cells.get("segment_id"), n_rows=len(rows), where=where
            )


@rule(codes.PROVENANCE_SEGMENT_OVERLAP, codes.PROVENANCE_UNSEGMENTED_TEXT)
def check_segments_tile_sources(ctx):
    """The segments of each held source cover all its non-blank text without overlapping."""
    texts = ctx.held_texts
    resource = ctx.resource_named("segments")
    by_source: dict[str, list] = {}
    for line, cells in ctx.table_rows("segments"):
        a, b = _offsets(cells)
        if a is not None and b is not None:
            by_source.setdefault(cells.get("source_id", ""), []).append((a, b, line))
    for source_id, text in texts.items():
        cursor = 0
        newlines = [m.start() for m in re.finditer("\n", text)]
        for a, b, line in sorted(by_source.get(source_id, [])):
            if a < cursor:
                yield codes.PROVENANCE_SEGMENT_OVERLAP.at(resource.path, line, "start", a=a, b=b, source_id=source_id)
            elif text[cursor:a].strip():
                yield codes.PROVENANCE_UNSEGMENTED_TEXT.at(
                    resource.path,
                    line,
                    "start",
                    variant="after2",
                    source_id=source_id,
                    line=bisect_right(newlines, cursor) + 1,
                    text=text[cursor:a].strip()[:40],
                )
            cursor = max(cursor, b)
        if text[cursor:].strip():
            yield codes.PROVENANCE_UNSEGMENTED_TEXT.at(
                resource.path if resource else ctx.descriptor_rel,
                variant="after",
                source_id=source_id,
                line=bisect_right(newlines, cursor) + 1,
                text=text[cursor:].strip()[:40],
            )


@rule(codes.PROVENANCE_EVIDENCE_OUTSIDE_RECORD)
def check_evidence_inside_record(ctx):
    """An evidence span (topic links, coded events) lies inside the statement or Q&A paragraph the row points to."""
    spans = {}
    for name, key in (("statements", "statement_id"), ("qa", "qa_id")):
        for _, cells in ctx.table_rows(name):
            spans[(key, cells.get(key))] = (cells.get("source_id"), *_offsets(cells))
    for table in ctx.evidence_tables():
        resource = ctx.resource_named(table)
        for line, cells in ctx.table_rows(table):
            for key in ("statement_id", "qa_id"):
                if not cells.get(key):
                    continue
                target = spans.get((key, cells[key]))
                a, b = _offsets(cells)
                if target is None or a is None or b is None or None in target:
                    continue
                if target[0] != cells.get("source_id") or not (target[1] <= a <= b <= target[2]):
                    yield codes.PROVENANCE_EVIDENCE_OUTSIDE_RECORD.at(
                        resource.path,
                        line,
                        "start",
                        a=a,
                        b=b,
                        key=key,
                        record_id=cells[key],
                        record_start=target[1],
                        record_end=target[2],
                    )
