"""Two long values that differ late are shown where they differ, not as two identical beginnings."""

from __future__ import annotations

from india_china_security_meetings.diff import Diff, render_markdown
from india_china_security_meetings.text_excerpts import differing_excerpts, first_difference

LONG = "A visit is coded as 042 (visitor → host) with its 043 (host → visitor), dated the first day. " * 2


def test_the_first_difference_is_found_and_marked_in_both_excerpts():
    changed = LONG[:150] + "X" + LONG[151:]
    before, after = differing_excerpts(LONG, changed, 40)
    assert before != after
    assert f"⟦{LONG[150]}⟧" in before and "⟦X⟧" in after
    assert before.startswith("…") and before.endswith("…")


def test_a_prefix_differs_where_the_shorter_text_ends():
    assert first_difference("abc", "abcd") == 3
    assert differing_excerpts("abc", "abcd", 10) == ("abc⟦⟧", "abc⟦d⟧")


def test_equal_texts_have_no_difference():
    assert first_difference(LONG, LONG) is None


def test_a_diff_of_two_long_cells_shows_them_apart():
    diff = Diff("1.1.0", "1.2.0")
    diff.add("PATCH", "coded_events", "row-changed", "row `ce-001` changed", cells={"coder_note": [LONG, LONG + "!"]})
    line = next(line for line in render_markdown(diff).splitlines() if "coder_note" in line)
    before, after = line.split("`: ", 1)[1].split("` → `")
    assert before != after and "⟦!⟧" in after


def test_a_span_mismatch_message_shows_the_words_where_they_differ(package):
    line = package.edit_row(
        "statements",
        "st-mha-2018-10-22-1",
        text="Union Home Minister Shri Rajnath Singh co-chaired the first India-China High Level Meeting on "
        "Bilateral Security Cooperation with Mr. Zhao Kezhi, State Councillor and Minister of Public Security of "
        "the People’s Republic of China today (22 October, 2018) in New Delhi.",
    )
    found = [p for p in package.problems() if p.code == "provenance/span-mismatch" and p.line == line]
    assert found and "Council⟦l⟧or" in found[0].message and "Council⟦o⟧r" in found[0].message
