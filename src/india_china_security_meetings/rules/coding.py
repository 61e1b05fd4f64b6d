"""Event coding: coded events agree with the code table, pair as CAMEO prescribes, and fall
within their events."""

from __future__ import annotations

import datetime as dt

from .. import authorities, codes
from . import rule

QUAD_BY_ROOT = {
    **{f"{r:02d}": 1 for r in range(1, 6)},
    **{f"{r:02d}": 2 for r in range(6, 10)},
    **{f"{r:02d}": 3 for r in range(10, 15)},
    **{f"{r:02d}": 4 for r in range(15, 21)},
}
PLOVER = ("plover_event_type", "plover_mode", "plover_context")
COPIED = ("root_code", "base_code", "quad_class", "goldstein", *PLOVER)
PAIRS = {"042": "043", "043": "042", "046": "046", "057": "057"}  # the linked or reciprocal code CAMEO prescribes


@rule(codes.CODING_CODE_STRUCTURE)
def check_code_table(ctx):
    """Each CAMEO code's root and base are its first two and three digits, and its QuadClass follows its root (GDELT)."""
    path = ctx.path_of("cameo_codes")
    for line, cells in ctx.table_rows("cameo_codes"):
        code = cells.get("cameo_code", "")
        if cells.get("root_code") != code[:2] or cells.get("base_code") != code[:3]:
            yield codes.CODING_CODE_STRUCTURE.at(
                path, line, "root_code", variant="digits", code=code, root=code[:2], base=code[:3]
            )
        expected = QUAD_BY_ROOT.get(code[:2])
        if expected and cells.get("quad_class") != str(expected):
            yield codes.CODING_CODE_STRUCTURE.at(
                path,
                line,
                "quad_class",
                variant="quad-class",
                code=code,
                root=code[:2],
                expected=expected,
                quad_class=cells.get("quad_class"),
            )


@rule(codes.CODING_CODE_TABLE)
def check_against_code_table(ctx):
    """A coded event's root, base, QuadClass, Goldstein and PLOVER values equal its code's row in cameo_codes."""
    table = {cells.get("cameo_code"): cells for _, cells in ctx.table_rows("cameo_codes")}
    path = ctx.path_of("coded_events")
    for line, cells in ctx.table_rows("coded_events"):
        reference = table.get(cells.get("cameo_code"))
        if reference is None:
            continue  # the foreign key reports it
        for name in COPIED:
            if cells.get(name, "") != reference.get(name, ""):
                yield codes.CODING_CODE_TABLE.at(
                    path,
                    line,
                    name,
                    name=name,
                    have=cells.get(name),
                    reference=reference.get(name),
                    cameo_code=cells.get("cameo_code"),
                )


@rule(codes.CODING_PAIRS)
def check_pairs(ctx):
    """Each 042 has its 043 (actors reversed), each 046 and 057 its reciprocal, and any other paired event a reciprocal of the same code, on the same day and event."""
    fields = ("coded_event_id", "cameo_code", "paired_with", "actor_id", "target_id", "date", "event_id")
    rows = {cells.get("coded_event_id"): (line, cells) for line, cells in ctx.table_rows("coded_events", fields)}
    path = ctx.path_of("coded_events")
    for line, cells in rows.values():
        wanted = PAIRS.get(cells.get("cameo_code"))
        if wanted is None:
            if not cells.get("paired_with"):
                continue
            wanted = cells.get("cameo_code")  # a reciprocal our coding chose (a commitment of both sides)
        partner = rows.get(cells.get("paired_with"))
        if partner is None:
            yield codes.CODING_PAIRS.at(
                path, line, "paired_with", variant="missing", cameo_code=cells.get("cameo_code"), wanted=wanted
            )
            continue
        other = partner[1]
        if (
            other.get("cameo_code") != wanted
            or other.get("actor_id") != cells.get("target_id")
            or other.get("target_id") != cells.get("actor_id")
            or other.get("date") != cells.get("date")
            or other.get("event_id") != cells.get("event_id")
            or other.get("paired_with") != cells.get("coded_event_id")
        ):
            yield codes.CODING_PAIRS.at(
                path,
                line,
                "paired_with",
                variant="mismatch",
                coded_event_id=cells.get("coded_event_id"),
                cameo_code=cells.get("cameo_code"),
                partner_id=other.get("coded_event_id"),
                wanted=wanted,
            )


@rule(codes.CODING_DATE_OUTSIDE_EVENT)
def check_coded_dates(ctx):
    """A coded event's date lies within its event's earliest and latest days."""
    events = {c.get("event_id"): c for _, c in ctx.table_rows("events")}
    path = ctx.path_of("coded_events")
    for line, cells in ctx.table_rows("coded_events"):
        event = events.get(cells.get("event_id"))
        try:
            day = dt.date.fromisoformat(cells.get("date", ""))
            low, high = dt.date.fromisoformat(event["earliest"]), dt.date.fromisoformat(event["latest"])
        except (TypeError, ValueError, KeyError):
            continue
        if not low <= day <= high:
            yield codes.CODING_DATE_OUTSIDE_EVENT.at(
                path, line, "date", day=day, event_id=cells.get("event_id"), low=low, high=high
            )


@rule(codes.CODING_ACTOR_COUNTRY)
def check_actor_countries(ctx):
    """A coded actor's CAMEO code starts with its country, which matches the actor's own country where known."""
    actors = {c.get("actor_id"): c for _, c in ctx.table_rows("actors")}
    path = ctx.path_of("coded_events")
    for line, cells in ctx.table_rows("coded_events"):
        for side in ("actor", "target"):
            code, country = cells.get(f"{side}_cameo_code", ""), cells.get(f"{side}_country", "")
            known = actors.get(cells.get(f"{side}_id"), {}).get("country", "")
            if not code.startswith(country) or (known and known != country):
                yield codes.CODING_ACTOR_COUNTRY.at(
                    path,
                    line,
                    f"{side}_country",
                    side=side,
                    actor=cells.get(f"{side}_id"),
                    code=code,
                    country=country,
                    known=known,
                )


@rule(codes.CODING_AUTHORITY)
def check_code_table_against_authorities(ctx):
    """Each CAMEO code's Goldstein value equals GDELT's and its PLOVER type, mode and context equal CAMEO2PLOVER-2021 (vendored files)."""
    gdelt, mapping = authorities.goldstein(), authorities.plover()
    path = ctx.path_of("cameo_codes")
    for line, cells in ctx.table_rows("cameo_codes"):
        code, root = cells.get("cameo_code", ""), cells.get("cameo_code", "")[:2]
        if root not in authorities.GOLDSTEIN_ROOTS or code not in gdelt:
            yield codes.CODING_AUTHORITY.at(path, line, "cameo_code", variant="no-goldstein", code=code[:10])
            continue
        try:
            value = float(cells.get("goldstein", ""))
        except ValueError:
            value = None
        if value != gdelt[code]:
            yield codes.CODING_AUTHORITY.at(
                path,
                line,
                "goldstein",
                variant="goldstein",
                code=code,
                goldstein=cells.get("goldstein"),
                gdelt=gdelt[code],
            )
        if root in authorities.NO_PLOVER_ROOTS:
            expected = ("no-equivalent", "", "")
        elif root in authorities.PLOVER_ROOTS and code in mapping:
            expected = mapping[code]
        else:
            yield codes.CODING_AUTHORITY.at(path, line, "plover_event_type", variant="no-plover", code=code)
            continue
        for name, want in zip(PLOVER, expected):
            if cells.get(name, "") != want:
                yield codes.CODING_AUTHORITY.at(
                    path, line, name, variant="plover", code=code, name=name, have=cells.get(name, ""), want=want
                )
