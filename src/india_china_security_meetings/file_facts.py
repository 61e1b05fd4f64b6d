"""What the byte rules ask of a file as a whole, found in one pass over its pieces: size, digest,
line feeds, byte order mark, the first byte that is not UTF-8, and the first carriage return,
line not in NFC and control character, each with its line."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class FileFacts:
    """What the rules ask of a file's bytes as a whole, found in one pass over its pieces."""

    size: int
    sha256: str
    line_feeds: int
    bom: bool
    not_utf8: tuple[int, int, int] | None  # (offset, byte, line) of the first byte that is not UTF-8
    tail: bytes  # the last two bytes
    # Of a UTF-8 file, each first (line, or character and line), or None:
    cr_line: int | None
    not_nfc_line: int | None
    control: tuple[str, int] | None

    @property
    def has_cr(self) -> bool:
        return self.cr_line is not None


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 (except tab and LF), DEL, C1
# The bytes any of them needs in UTF-8: the byte itself (C0, DEL) or the lead byte 0xC2 of
# U+0080–U+00BF (C1). A byte search is about twice as fast, and most pieces have neither.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f\xc2]")


def _first_line_faults(piece: bytes, text: str, lines_before: int, cr, nfc, control):
    """The first CR, the first line not in NFC and the first control character, each with its
    line, as found so far and in one more piece of a UTF-8 file."""
    if cr is None and b"\r" in piece:
        cr = lines_before + piece.count(b"\n", 0, piece.index(b"\r")) + 1
    if nfc is None and not unicodedata.is_normalized("NFC", text):
        for number, line in enumerate(text.split("\n"), 1):
            if not unicodedata.is_normalized("NFC", line):
                nfc = lines_before + number
                break
    if control is None and _CONTROL_BYTES.search(piece):
        match = _CONTROL.search(text)
        if match:
            control = (match.group(), lines_before + text.count("\n", 0, match.start()) + 1)
    return cr, nfc, control


def measure(pieces) -> FileFacts:
    """The facts of a file read as `pieces`, each ending just after a line feed (the last may not)."""
    digest, size, feeds, tail, first = hashlib.sha256(), 0, 0, b"", b""
    not_utf8 = cr = nfc = control = None
    for piece in pieces:
        digest.update(piece)
        if not_utf8 is None:
            try:
                text = piece.decode("utf-8")
            except UnicodeDecodeError as error:
                line = feeds + piece.count(b"\n", 0, error.start) + 1
                not_utf8 = (size + error.start, piece[error.start], line)
            else:
                cr, nfc, control = _first_line_faults(piece, text, feeds, cr, nfc, control)
        first = first or piece[:3]
        tail = (tail + piece)[-2:]
        size += len(piece)
        feeds += piece.count(b"\n")
    return FileFacts(size, digest.hexdigest(), feeds, first == b"\xef\xbb\xbf", not_utf8, tail, cr, nfc, control)
