"""The loader API in the checkout: typed tables, spans, and clear errors."""

from __future__ import annotations

import builtins
import datetime as dt

import pytest

import india_china_security_meetings as icsm


def test_load_gives_declared_pandas_types():
    frame = icsm.load("events")
    assert str(frame["date_text_start"].dtype) == "Int64"
    assert str(frame["earliest"].dtype).startswith("datetime64")
    assert str(frame["event_id"].dtype) == "string"


def test_without_pandas_load_returns_typed_dicts(monkeypatch):
    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("pandas is not installed")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    rows = icsm.load("statements")
    assert isinstance(rows, list) and rows[0]["paragraph"] == 1 and rows[0]["date"] == dt.date(2018, 10, 22)


def test_span_returns_the_words_a_record_points_to():
    for row in icsm.records("topic_links"):
        assert icsm.span(row) == row["evidence"]
    actor = icsm.records("actors")[0]
    assert icsm.span(actor, start="name_start", end="name_end") == actor["name"]


def test_unknown_names_raise_clear_errors():
    with pytest.raises(KeyError, match="the tables are"):
        icsm.load("nonexistent")
    with pytest.raises(KeyError, match="not held"):
        icsm.source_text("src-cn-readout")
