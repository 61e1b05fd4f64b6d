"""The validator's fast paths give exactly what the plain definitions they replace give."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from india_china_security_meetings.byte_stream import ByteStream
from india_china_security_meetings.csv_format import iter_csv_lines, parse_csv
from india_china_security_meetings.file_facts import _CONTROL, _first_line_faults
from india_china_security_meetings.rules.json_twins import _encode_scalar
from india_china_security_meetings.rules.layers import _occurrences
from india_china_security_meetings.rules.text_files import _EDGE, _suspect_cells

CELL_CHARACTERS = "ab _-=é1\u00b2\t\r\n\u2028\u00a0"
# Small alphabets and short values: 50 examples each reach the edge cases (boundaries, repeats,
# line breaks, empty cells) without making the suite slower.
FEW = settings(max_examples=50)


@FEW
@given(
    text=st.text(alphabet="ab _-é1\u00b2\u2028", max_size=30),
    name=st.text(alphabet="ab _-é1\u00b2", min_size=1, max_size=4),
)
def test_name_occurrences_are_what_a_word_bounded_regex_finds(text, name):
    expected = [m.span() for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]
    assert list(_occurrences(text, name)) == expected


@FEW
@given(st.lists(st.text(alphabet=CELL_CHARACTERS, max_size=5), max_size=8))
def test_suspect_cells_are_the_cells_with_a_line_break_or_an_edge_character(cells):
    expected = [i for i, v in enumerate(cells) if v and ("\n" in v or "\r" in v or v[0] in _EDGE or v[-1] in _EDGE)]
    assert list(_suspect_cells(cells)) == expected


@FEW
@given(st.lists(st.lists(st.text(alphabet='ab,"\n ', max_size=4), min_size=1, max_size=4), min_size=1, max_size=6))
def test_cells_of_gives_what_get_gives_on_each_row(records):
    import csv
    import io

    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(records)
    table = parse_csv(buffer.getvalue())
    names = [*table.header, "absent"]
    expected = [(line, tuple(cells.get(n, "") for n in names)) for line, cells in table.rows]
    assert list(table.cells_of(names)) == expected


@FEW
@given(
    records=st.lists(st.lists(st.text(alphabet='ab,"\n ', max_size=4), min_size=1, max_size=4), min_size=1, max_size=6),
    fields=st.lists(st.text(alphabet="ab ", max_size=2), max_size=3),
)
def test_rows_of_some_fields_are_what_the_whole_row_dict_holds(records, fields):
    # Ragged records and repeated header names included: a parsed table and a streamed one alike.
    import csv
    import io

    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(records)
    text = buffer.getvalue()
    table = parse_csv(text)
    whole = [(line, dict(zip(table.header, cells))) for line, cells in table.records]
    expected = [(line, {f: row[f] for f in fields if f in row}) for line, row in whole]
    assert list(iter_csv_lines(io.StringIO(text, newline=""), fields)) == expected
    assert list(iter_csv_lines(io.StringIO(text, newline=""))) == whole == list(table.rows)


@FEW
@given(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text()))
def test_a_typed_value_is_encoded_as_json_dumps_writes_it(value):
    assert _encode_scalar(value) == json.dumps(value, ensure_ascii=False)


@FEW
@given(st.binary(max_size=40), st.lists(st.integers(min_value=1, max_value=7), max_size=10))
def test_a_byte_stream_matches_its_pieces_joined(data, cuts):
    pieces, position = [], 0
    for size in cuts:
        pieces.append(data[position : position + size])
        position += size
    pieces.append(data[position:])
    stream = ByteStream(pieces)
    for start in range(0, len(data), 3):
        assert stream.match(data[start : start + 3])
    assert stream.at_end()
    assert not ByteStream(pieces).match(data + b"x")


def test_a_file_read_in_pieces_is_the_file_and_each_piece_ends_a_line(tmp_path):
    from india_china_security_meetings import file_gate

    data = "".join(f"line {i} ‘é’\n" for i in range(500)).encode("utf-8") + b"no final newline"
    (tmp_path / "f.csv").write_bytes(data)
    pieces = list(file_gate.read_chunks(tmp_path, "f.csv", size=64))
    assert b"".join(pieces) == data == file_gate.read_bytes(tmp_path, "f.csv")
    assert all(piece.endswith(b"\n") for piece in pieces[:-1]) and len(pieces) > 10


@FEW
@given(st.text(alphabet="a\n\x07\x1b\x7f\x85\x9f\xa0\u00e9\u2013", max_size=30))
def test_the_byte_prescan_finds_the_first_control_character_the_text_search_finds(text):
    match = _CONTROL.search(text)
    expected = (match.group(), text.count("\n", 0, match.start()) + 1) if match else None
    piece = text.encode("utf-8")
    assert _first_line_faults(piece, text, 0, None, None, None)[2] == expected
