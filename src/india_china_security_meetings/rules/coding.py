"""Event coding: coded events agree with the code table, pair as CAMEO prescribes, and fall
within their events."""

from __future__ import annotations

import datetime as dt

from .. import authorities
from . import problem, rule

QUAD_BY_ROOT = {
    **{f"{r:02d}": 1 for r in range(1, 6)},
    **{f"{r:02d}": 2 for r in range(6, 10)},
    **{f"{r:02d}": 3 for r in range(10, 15)},
    **{f"{r:02d}": 4 for r in range(15, 21)},
}
COPIED = ("root_code", "base_code", "quad_class", "goldstein", "plover_event_type", "plover_mode", "plover_context")
PAIRS = {"042": "043", "043": "042", "046": "046", "057": "057"}  # the linked or reciprocal code CAMEO prescribes


@rule("coding/code-structure")
def check_code_table(ctx):
    """Each CAMEO code's root and base are its first two and three digits, and its QuadClass follows its root (GDELT)."""
    path = ctx.path_of("cameo_codes")
    for line, cells in ctx.table_rows("cameo_codes"):
        code = cells.get("cameo_code", "")
        if cells.get("root_code") != code[:2] or cells.get("base_code") != code[:3]:
            yield problem(
                "coding/code-structure",
                path,
                f"{code}: root must be {code[:2]!r} and base {code[:3]!r}",
                line,
                "root_code",
            )
        expected = QUAD_BY_ROOT.get(code[:2])
        if expected and cells.get("quad_class") != str(expected):
            yield problem(
                "coding/code-structure",
                path,
                f"{code}: root {code[:2]} has QuadClass {expected} in GDELT, not {cells.get('quad_class')}",
                line,
                "quad_class",
            )


@rule("coding/code-table")
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
                yield problem(
                    "coding/code-table",
                    path,
                    f"{name} is {cells.get(name)!r} but cameo_codes says {reference.get(name)!r} for {cells.get('cameo_code')}",
                    line,
                    name,
                )


@rule("coding/pairs")
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
            yield problem(
                "coding/pairs",
                path,
                f"{cells.get('cameo_code')} needs its paired {wanted} (paired_with)",
                line,
                "paired_with",
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
            yield problem(
                "coding/pairs",
                path,
                f"{cells.get('coded_event_id')} ({cells.get('cameo_code')}) and {other.get('coded_event_id')} must be a {wanted} "
                "with the actors reversed, on the same day and event, each pointing to the other",
                line,
                "paired_with",
            )


@rule("coding/date-outside-event")
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
            yield problem(
                "coding/date-outside-event",
                path,
                f"{day} is outside {cells.get('event_id')} ({low}..{high})",
                line,
                "date",
            )


@rule("coding/actor-country")
def check_actor_countries(ctx):
    """A coded actor's CAMEO code starts with its country, which matches the actor's own country where known."""
    actors = {c.get("actor_id"): c for _, c in ctx.table_rows("actors")}
    path = ctx.path_of("coded_events")
    for line, cells in ctx.table_rows("coded_events"):
        for side in ("actor", "target"):
            code, country = cells.get(f"{side}_cameo_code", ""), cells.get(f"{side}_country", "")
            known = actors.get(cells.get(f"{side}_id"), {}).get("country", "")
            if not code.startswith(country) or (known and known != country):
                yield problem(
                    "coding/actor-country",
                    path,
                    f"{side} {cells.get(f'{side}_id')}: CAMEO code {code!r}, country {country!r}, actor's country {known!r} disagree",
                    line,
                    f"{side}_country",
                )


@rule("coding/authority")
def check_code_table_against_authorities(ctx):
    """Each CAMEO code's Goldstein value equals GDELT's and its PLOVER type, mode and context equal CAMEO2PLOVER-2021 (vendored files)."""
    gdelt, mapping = authorities.goldstein(), authorities.plover()
    path = ctx.path_of("cameo_codes")
    for line, cells in ctx.table_rows("cameo_codes"):
        code, root = cells.get("cameo_code", ""), cells.get("cameo_code", "")[:2]
        if root not in authorities.GOLDSTEIN_ROOTS or code not in gdelt:
            yield problem(
                "coding/authority",
                path,
                f"{code[:10]!r} is not in the vendored GDELT Goldstein table; add its authority rows first",
                line,
                "cameo_code",
            )
            continue
        try:
            value = float(cells.get("goldstein", ""))
        except ValueError:
            value = None
        if value != gdelt[code]:
            yield problem(
                "coding/authority",
                path,
                f"{code}: Goldstein is {cells.get('goldstein')!r} but GDELT's CAMEO.goldsteinscale.txt says {gdelt[code]}",
                line,
                "goldstein",
            )
        actual = (cells.get("plover_event_type", ""), cells.get("plover_mode", ""), cells.get("plover_context", ""))
        if root in authorities.NO_PLOVER_ROOTS:
            expected = ("no-equivalent", "", "")
        elif root in authorities.PLOVER_ROOTS and code in mapping:
            expected = mapping[code]
        else:
            yield problem(
                "coding/authority",
                path,
                f"{code} has no line in the vendored CAMEO2PLOVER-2021 rows; add its authority rows first",
                line,
                "plover_event_type",
            )
            continue
        for name, have, want in zip(("plover_event_type", "plover_mode", "plover_context"), actual, expected):
            if have != want:
                yield problem(
                    "coding/authority",
                    path,
                    f"{code}: {name} is {have!r} but CAMEO2PLOVER-2021 says {want!r}",
                    line,
                    name,
                )
