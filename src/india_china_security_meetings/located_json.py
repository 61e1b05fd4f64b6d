"""Parse JSON while remembering the line where each value starts, for error messages."""

from __future__ import annotations

import json
import re

_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


class Located:
    """A parsed JSON document and the 1-based line of every value, by JSON path."""

    def __init__(self, text: str):
        self.text = text
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self.lines: dict[tuple, int] = {}
        self.duplicates: list[tuple[tuple, str]] = []  # (path of the object, key) of each repeated key
        end = _WS.match(text, 0).end()
        self.value, end = self._parse(end, ())
        end = _WS.match(text, end).end()
        if end != len(text):
            raise json.JSONDecodeError("Extra data", text, end)

    def _line(self, pos: int) -> int:
        import bisect

        return bisect.bisect_left(self._newlines, pos) + 1

    def _parse(self, pos: int, path: tuple):
        self.lines[path] = self._line(pos)
        text = self.text
        char = text[pos : pos + 1]
        if char == "{":
            out = {}
            pos = _WS.match(text, pos + 1).end()
            if text[pos : pos + 1] == "}":
                return out, pos + 1
            while True:
                if text[pos : pos + 1] != '"':
                    raise json.JSONDecodeError("Expecting property name enclosed in double quotes", text, pos)
                key, pos = json.decoder.scanstring(text, pos + 1)
                pos = _WS.match(text, pos).end()
                if text[pos : pos + 1] != ":":
                    raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
                pos = _WS.match(text, pos + 1).end()
                if key in out:
                    self.duplicates.append((path, key))
                out[key], pos = self._parse(pos, path + (key,))
                pos = _WS.match(text, pos).end()
                if text[pos : pos + 1] == ",":
                    pos = _WS.match(text, pos + 1).end()
                    continue
                if text[pos : pos + 1] == "}":
                    return out, pos + 1
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        if char == "[":
            items = []
            pos = _WS.match(text, pos + 1).end()
            if text[pos : pos + 1] == "]":
                return items, pos + 1
            while True:
                value, pos = self._parse(pos, path + (len(items),))
                items.append(value)
                pos = _WS.match(text, pos).end()
                if text[pos : pos + 1] == ",":
                    pos = _WS.match(text, pos + 1).end()
                    continue
                if text[pos : pos + 1] == "]":
                    return items, pos + 1
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        return _DECODER.raw_decode(text, pos)

    def line_of(self, path) -> int | None:
        """The line of the value at `path`, or of its nearest existing ancestor."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path)
