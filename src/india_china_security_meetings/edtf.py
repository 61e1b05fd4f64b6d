"""Earliest and latest day of an EDTF date: levels 0 and 1 (a date or an interval), and level 2's
one-of-a-set (`[2018-10-22..2018-10-25]`: one day of the range, not known which)."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_D = "[0-9]"
_DATE = re.compile(  # fullmatch only, ASCII digits
    rf"(?P<year>{_D}{{4}}|{_D}{{3}}X|{_D}{{2}}XX)(-(?P<month>{_D}{{2}}|XX)(-(?P<day>{_D}{{2}}|XX))?)?[?~%]?", re.ASCII
)


def _single(value: str) -> tuple[dt.date, dt.date]:
    match = _DATE.fullmatch(value)
    if not match:
        raise ValueError(f"{value!r} is not an EDTF date")
    year, month, day = match.group("year"), match.group("month"), match.group("day")
    if "X" in year:
        if month or day:
            raise ValueError(f"{value!r}: a year with unspecified digits takes no month")
        low, high = int(year.replace("X", "0")), int(year.replace("X", "9"))
        return dt.date(low, 1, 1), dt.date(high, 12, 31)
    y = int(year)
    if month is None or month == "XX":
        if day not in (None, "XX"):
            raise ValueError(f"{value!r}: a day needs a month")
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    m = int(month)
    if not 1 <= m <= 12:
        raise ValueError(f"{value!r}: month {m} does not exist")
    last = calendar.monthrange(y, m)[1]
    if day is None or day == "XX":
        return dt.date(y, m, 1), dt.date(y, m, last)
    d = int(day)
    if not 1 <= d <= last:
        raise ValueError(f"{value!r}: day {d} does not exist")
    return dt.date(y, m, d), dt.date(y, m, d)


def _one_of_set(value: str) -> tuple[dt.date, dt.date]:
    """A closed one-of-a-set of dates or ranges (`[a..b]`, `[a,b]`, `[a,b..c]`): its first and last possible day."""
    members = value[1:-1].split(",")
    if "" in members:
        raise ValueError(f"{value!r}: an empty member in a set")
    low = high = None
    for member in members:
        first, dots, last = member.partition("..")
        if dots and (not first or not last):
            raise ValueError(f"{value!r}: open ranges in a set are not supported")
        a, b = _single(first)[0], _single(last or first)[1]
        if a > b:
            raise ValueError(f"{value!r}: {member!r} ends before it starts")
        if high is not None and a <= high:
            raise ValueError(f"{value!r}: members must be in order without overlap")
        low, high = low or a, b
    return low, high


def bounds(value: str) -> tuple[dt.date | None, dt.date | None]:
    """(earliest, latest) possible day; None for an open or unknown interval end."""
    if value.startswith("[") and value.endswith("]"):
        return _one_of_set(value)
    if "/" in value:
        start, _, end = value.partition("/")
        low = None if start in ("", "..") else _single(start)[0]
        high = None if end in ("", "..") else _single(end)[1]
        if low is None and high is None:
            raise ValueError(f"{value!r} has no known end")
        if low and high and low > high:
            raise ValueError(f"{value!r} ends before it starts")
        return low, high
    return _single(value)
