"""Two texts shown side by side where they differ: each cut to a short excerpt centred on the
first character that differs, with that character marked, so two long values that share their
first fifty characters never print as two identical excerpts."""

from __future__ import annotations

import os

MARK_OPEN, MARK_CLOSE = "⟦", "⟧"


def first_difference(a: str, b: str) -> int | None:
    """The index of the first character where `a` and `b` differ (the shorter one's end when one
    is a prefix of the other), or None when they are equal."""
    if a == b:
        return None
    return len(os.path.commonprefix([a, b]))


def excerpt_at(text: str, index: int, width: int) -> str:
    """About `width` characters of `text` around `index`, the character there marked (an empty mark
    where the text ends), with … where the text goes on."""
    half = width // 2
    start, end = max(0, index - half), min(len(text), index + half)
    marked = text[index : index + 1]
    shown = f"{text[start:index]}{MARK_OPEN}{marked}{MARK_CLOSE}{text[index + 1 : end]}"
    return ("…" if start > 0 else "") + shown + ("…" if end < len(text) else "")


def differing_excerpts(a: str, b: str, width: int = 50) -> tuple[str, str]:
    """(excerpt of a, excerpt of b), centred on their first difference; the texts themselves, cut
    to `width`, when they are equal."""
    index = first_difference(a, b)
    if index is None:
        return a[:width], b[:width]
    return excerpt_at(a, index, width), excerpt_at(b, index, width)
