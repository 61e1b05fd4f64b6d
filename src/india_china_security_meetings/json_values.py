"""JSON as this package reads it: no duplicate keys, bounded nesting.

A JSON object with a key twice means one thing to a reader that keeps the first value and
another to one that keeps the last, so the package refuses it everywhere. Nesting is bounded
because the descriptor and schemas of this package are a few levels deep and deeper values only
serve to exhaust recursive readers.
"""

from __future__ import annotations

import json

from .errors import PackageError

MAX_DEPTH = 64


class DuplicateKey(PackageError, ValueError):
    def __init__(self, key: str):
        super().__init__(f"the key {key[:60]!r} appears twice in one object")
        self.key = key


class TooDeep(PackageError, ValueError):
    def __init__(self):
        super().__init__(f"values are nested more than {MAX_DEPTH} levels deep")


def _pairs(pairs):
    out = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def depth(value) -> int:
    """How many levels of arrays and objects `value` has (iteratively: any depth is measured)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            items = item.values()
        elif isinstance(item, list):
            items = item
        else:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        # Only containers go on the stack: scalars add no level, and most values are scalars.
        stack.extend((child, level + 1) for child in items if isinstance(child, (dict, list)))
    return deepest


def loads_strict(text: str | bytes):
    """Parse JSON; ValueError (json.JSONDecodeError, DuplicateKey or TooDeep) when it is not acceptable."""
    try:
        value = json.loads(text, object_pairs_hook=_pairs)
    except RecursionError:
        raise TooDeep() from None
    if depth(value) > MAX_DEPTH:
        raise TooDeep()
    return value
