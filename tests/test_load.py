"""The loader API: typed tables, spans, and clear errors (its default package is the fixture here)."""

from __future__ import annotations

import builtins
import datetime as dt
import re

import pytest

import india_china_security_meetings as icsm

pytestmark = pytest.mark.usefixtures("loader_reads_the_fixture")


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
    first = next(row for row in rows if row["statement_id"] == "st-mha-2018-10-22-1")
    assert isinstance(rows, list) and first["paragraph"] == 1 and first["date"] == dt.date(2018, 10, 22)


def test_span_returns_the_words_a_record_points_to():
    for row in icsm.records("topic_links"):
        assert icsm.span(row) == row["evidence"]
    actor = next(row for row in icsm.records("actors") if row["actor_id"] == "act-rajnath-singh")
    assert icsm.span(actor, start="name_start", end="name_end") == actor["name"]


def test_unknown_names_raise_clear_errors():
    with pytest.raises(KeyError, match="the tables are"):
        icsm.load("nonexistent")
    with pytest.raises(KeyError, match="not held"):
        icsm.source_text("src-cn-readout")


def _without_pandas(monkeypatch):
    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas is not installed")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)


def test_paragraphs_with_pandas_is_a_frame_with_declared_types():
    pd = pytest.importorskip("pandas")
    frame = icsm.paragraphs().set_index("paragraph_id", drop=False)
    answer = frame.loc["qa-2018-10-23-2-a1"]
    assert str(frame["date"].dtype).startswith("datetime64") and answer["date"] == pd.Timestamp("2018-10-23")
    assert str(frame["exchange"].dtype) == "Int64" and answer["exchange"] == 2
    assert str(frame["speaker_name"].dtype) == "string" and answer["speaker_name"] == "Hua Chunying"


def test_paragraph_columns_have_the_types_of_the_table_columns_they_come_from():
    pytest.importorskip("pandas")
    view = icsm.paragraphs()
    for table in ("qa", "statements"):
        frame = icsm.load(table)
        shared = [c for c in view.columns if c in frame.columns]
        assert shared and {c: str(view[c].dtype) for c in shared} == {c: str(frame[c].dtype) for c in shared}, table


def test_computed_paragraph_columns_are_text():
    pytest.importorskip("pandas")
    view = icsm.paragraphs()
    for column in ("speaker_role", "speaker_title", "topic_ids", "topic_labels", "reported_coded_event_ids"):
        assert str(view[column].dtype) == "string", column


def test_each_paragraph_lists_its_reported_coded_events(monkeypatch):
    _without_pandas(monkeypatch)
    reported = {row["paragraph_id"]: row["reported_coded_event_ids"] for row in icsm.paragraphs()}
    coded = icsm.load("coded_events")
    expected: dict[str, list[str]] = {}
    for row in coded:
        if row["attribution"] == "reports":
            expected.setdefault(row["statement_id"] or row["qa_id"], []).append(row["coded_event_id"])
    assert expected  # the two requests of question 2
    assert {k: v for k, v in reported.items() if v} == {k: "; ".join(sorted(v)) for k, v in expected.items()}


def test_without_pandas_paragraphs_are_dicts_with_dates_as_dates(monkeypatch):
    _without_pandas(monkeypatch)
    rows = {row["paragraph_id"]: row for row in icsm.paragraphs()}
    statement = rows["st-mha-2018-10-22-1"]
    assert statement["date"] == dt.date(2018, 10, 22) and statement["number"] == 1 and statement["exchange"] is None


def test_load_keeps_the_leading_zero_of_a_cameo_code():
    pytest.importorskip("pandas")
    frame = icsm.load("coded_events").set_index("coded_event_id")
    assert frame.loc["ce-001", "cameo_code"] == "042"
    assert str(frame["cameo_code"].dtype) == "string"


def test_read_csv_keeps_cameo_codes_only_as_text(built_package):
    pd = pytest.importorskip("pandas")
    csv = built_package / "data/coded_events.csv"
    guessed = pd.read_csv(csv, keep_default_na=False, na_values=[""])
    as_text = pd.read_csv(csv, dtype=str, keep_default_na=False, na_values=[""])
    assert guessed.set_index("coded_event_id").loc["ce-001", "cameo_code"] == 42
    assert as_text.set_index("coded_event_id").loc["ce-001", "cameo_code"] == "042"


# Every public function of the loader, called on one package root.
PUBLIC = {
    "schema": lambda root: icsm.schema("topics", root=root),
    "records": lambda root: icsm.records("topics", root=root),
    "load": lambda root: icsm.load("topics", root=root),
    "load_all": lambda root: icsm.load_all(root=root),
    "paragraphs": lambda root: icsm.paragraphs(root=root),
    "package": lambda root: icsm.package(root=root),
    "source_text": lambda root: icsm.source_text("src-sra-page", root=root),
    "span": lambda root: icsm.span({"source_id": "src-sra-page", "start": 0, "end": 10}, root=root),
}


def test_a_root_may_be_the_descriptor_itself(package):
    package.edit_row("topics", "top-separatism", label="Separatism (edited)")
    rows = {row["topic_id"]: row for row in icsm.records("topics", root=package.file("datapackage.json"))}
    assert rows["top-separatism"]["label"] == "Separatism (edited)"


@pytest.mark.parametrize("call", PUBLIC.values(), ids=PUBLIC.keys())
def test_every_loader_function_accepts_the_descriptor_path(package, call):
    assert call(package.file("datapackage.json")) is not None


@pytest.mark.parametrize("call", PUBLIC.values(), ids=PUBLIC.keys())
def test_a_root_without_a_descriptor_is_an_error_naming_the_path_tried(tmp_path, call):
    from india_china_security_meetings.reader import PackageError

    with pytest.raises(PackageError, match=re.escape(str(tmp_path / "datapackage.json"))):
        call(tmp_path)
