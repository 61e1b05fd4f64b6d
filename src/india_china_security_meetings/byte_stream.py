"""Comparing a file, piece by piece, with bytes produced one record at a time: no side is held whole."""

from __future__ import annotations

from collections.abc import Iterable


class ByteStream:
    """The bytes of an iterable of pieces, consumed from the front by `match`."""

    def __init__(self, pieces: Iterable[bytes]):
        self._pieces = iter(pieces)
        self._buffer = b""
        self._position = 0

    def _fill(self, wanted: int) -> None:
        while len(self._buffer) - self._position < wanted:
            piece = next(self._pieces, None)
            if piece is None:
                return
            self._buffer = self._buffer[self._position :] + piece
            self._position = 0

    def match(self, expected: bytes) -> bool:
        """True, consuming them, when the next bytes are `expected`."""
        self._fill(len(expected))
        if not self._buffer.startswith(expected, self._position):
            return False
        self._position += len(expected)
        return True

    def at_end(self) -> bool:
        self._fill(1)
        return self._position >= len(self._buffer)
