"""The release artifacts, as a downstream user meets them: verify, unpack, load."""

from __future__ import annotations

import base64
import csv
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT
from india_china_security_meetings.csv_format import parse_csv
from india_china_security_meetings.generate.release_files import build_dist
from india_china_security_meetings.validate import validate

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
# How many rows the snippets must read: counted from the data, not written down.
QA_ROWS = len(parse_csv((ROOT / "data/qa.csv").read_text(encoding="utf-8")).records)
STEM = f"{DESCRIPTOR['name']}-{DESCRIPTOR['version']}"
TABLES = [e for e in DESCRIPTOR["resources"] if e.get("type") == "table"]


def row_count(entry) -> int:
    return len(parse_csv((ROOT / entry["path"]).read_text(encoding="utf-8")).records)


@pytest.fixture(scope="module")
def dist(built_dist):
    return built_dist


@pytest.fixture(scope="module")
def unpacked(dist, tmp_path_factory):
    folder = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(dist / f"{STEM}.zip") as archive:
        archive.extractall(folder)
    return folder / STEM


@pytest.mark.slow  # builds the release a second time
def test_two_builds_give_identical_bytes(dist, tmp_path):
    build_dist(ROOT, tmp_path)
    assert (tmp_path / "SHA256SUMS").read_bytes() == (dist / "SHA256SUMS").read_bytes()
    for name in (f"{STEM}.zip", f"{STEM}.sqlite", *(f"{STEM}-{e['name']}.parquet" for e in TABLES)):
        assert (tmp_path / name).read_bytes() == (dist / name).read_bytes()


ARROW_TYPES = {"string": "string", "integer": "int64", "number": "double", "date": "date32[day]", "boolean": "bool"}


def _csv_values(entry) -> list[list]:
    """The CSV rows cast as the Table Schema says, as Python values."""
    import datetime as dt

    from india_china_security_meetings.csv_format import cast

    fields = json.loads((ROOT / entry["schema"]).read_text())["fields"]
    out = []
    for _, cells in parse_csv((ROOT / entry["path"]).read_text(encoding="utf-8")).rows:
        row = []
        for f in fields:
            value = cast(f.get("type", "string"), cells.get(f["name"], ""))
            row.append(dt.date.fromisoformat(value) if f.get("type") == "date" and value else value)
        out.append(row)
    return out


@pytest.mark.parametrize("entry", TABLES, ids=[e["name"] for e in TABLES])
def test_parquet_has_the_table_schema_types_and_the_csv_rows(dist, entry):
    import pyarrow.parquet as pq

    table = pq.read_table(dist / f"{STEM}-{entry['name']}.parquet", use_threads=False)
    fields = json.loads((ROOT / entry["schema"]).read_text())["fields"]
    assert [(f.name, str(f.type)) for f in table.schema] == [
        (f["name"], ARROW_TYPES[f.get("type", "string")]) for f in fields
    ]
    rows = [[record[f["name"]] for f in fields] for record in table.to_pylist()]
    assert rows == _csv_values(entry)


def _plain(value):
    """A pandas cell as the plain Python value the CSV casts to (missing values as None)."""
    import datetime as dt

    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item") and not isinstance(value, dt.date):
        return value.item()  # numpy scalar
    return value


def test_pandas_and_duckdb_read_the_parquet_files_row_for_row(dist):
    import duckdb
    import pandas as pd

    for entry in TABLES:
        path = dist / f"{STEM}-{entry['name']}.parquet"
        frame = pd.read_parquet(path, use_threads=False)
        names = list(frame.columns)
        got = [[_plain(row[n]) for n in names] for row in frame.to_dict("records")]
        assert got == _csv_values(entry), entry["name"]
        count = duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchall()[0][0]
        assert count == len(got)
    coded = duckdb.sql(
        f"SELECT cameo_code, typeof(cameo_code), typeof(date) FROM read_parquet('{dist / f'{STEM}-coded_events.parquet'}') "
        "WHERE coded_event_id = 'ce-008'"
    ).fetchall()[0]
    assert coded == ("0313", "VARCHAR", "DATE")


def test_source_date_epoch_sets_the_archive_time(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build_dist(ROOT, tmp_path)
    with zipfile.ZipFile(tmp_path / f"{STEM}.zip") as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_sha256sums_cover_the_artifacts_in_gnu_format(dist):
    lines = (dist / "SHA256SUMS").read_text().splitlines()
    assert lines == sorted(lines, key=lambda line: line[66:])
    for line in lines:
        digest, name = re.fullmatch(r"([0-9a-f]{64})  (\S+)", line).groups()
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest


def test_archive_has_one_top_folder_with_fixed_entries(dist):
    with zipfile.ZipFile(dist / f"{STEM}.zip") as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names) and all(n.startswith(f"{STEM}/") for n in names)
    assert all(i.create_system == 3 and i.external_attr == 0o100644 << 16 for i in infos)
    for required in (
        "datapackage.json",
        "README.md",
        "CHANGELOG.md",
        "CITATION.cff",
        "LICENSE",
        "LICENSE-DATA.md",
        "SHA256SUMS",
        "data/sources/security-risks-asia-2018-10-23.txt",
    ):
        assert f"{STEM}/{required}" in names


def test_archive_checksums_hold(unpacked):
    result = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=unpacked, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # frictionless over every resource of the archive
def test_unpacked_archive_passes_frictionless(unpacked):
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=unpacked,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and json.loads(result.stdout)["valid"], result.stdout[:2000]


def test_unpacked_archive_passes_our_validator(unpacked):
    assert validate(unpacked) == []


@pytest.mark.slow  # frictionless reads every row of the archive
def test_frictionless_reads_declared_types_and_all_rows(unpacked):
    from frictionless import Package

    package = Package(str(unpacked / "datapackage.json"))
    for entry in TABLES:
        rows = package.get_resource(entry["name"]).read_rows()
        assert len(rows) == row_count(entry)
    statement = package.get_resource("statements").read_rows()[0]
    assert type(statement["paragraph"]) is int and statement["date"].isoformat() == "2018-10-22"


def test_pandas_and_duckdb_read_the_archive_csvs(unpacked):
    pd = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    for entry in TABLES:
        schema = json.loads((unpacked / entry["schema"]).read_text())
        ints = {f["name"]: "Int64" for f in schema["fields"] if f["type"] == "integer"}
        frame = pd.read_csv(unpacked / entry["path"], dtype=ints, keep_default_na=False, na_values=[""])
        assert len(frame) == row_count(entry)
        assert all(str(frame[name].dtype) == "Int64" for name in ints)
        count = duckdb.sql(f"SELECT count(*) FROM read_csv('{unpacked / entry['path']}')").fetchall()[0][0]
        assert count == row_count(entry)


def test_sqlite_has_every_table_with_keys_and_row_counts(dist):
    con = sqlite3.connect(dist / f"{STEM}.sqlite")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    for entry in TABLES:
        assert con.execute(f'SELECT count(*) FROM "{entry["name"]}"').fetchone()[0] == row_count(entry)
        schema = json.loads((ROOT / entry["schema"]).read_text())
        info = con.execute(f'PRAGMA table_info("{entry["name"]}")').fetchall()
        assert [c[1] for c in info] == [f["name"] for f in schema["fields"]]
        assert [c[1] for c in info if c[5]] == schema["primaryKey"]
        declared = {c[1]: c[2] for c in info}
        assert all(
            declared[f["name"]] == {"integer": "INTEGER", "date": "DATE"}.get(f["type"], declared[f["name"]])
            for f in schema["fields"]
        )
        assert len(con.execute(f'PRAGMA foreign_key_list("{entry["name"]}")').fetchall()) == sum(
            len(fk["fields"]) for fk in schema.get("foreignKeys", [])
        )
    metadata = dict(con.execute('SELECT "key", "value" FROM "metadata"'))
    assert metadata["version"] == DESCRIPTOR["version"] and "CC-BY-4.0" in metadata["license"] and metadata["citation"]


def test_paragraph_view_is_the_same_in_sqlite_and_csv_and_covers_every_paragraph(dist):
    con = sqlite3.connect(dist / f"{STEM}.sqlite")
    cursor = con.execute('SELECT * FROM "paragraphs"')
    header = [c[0] for c in cursor.description]
    view = [["" if v is None else str(v) for v in row] for row in cursor]
    with open(dist / f"{STEM}-paragraphs.csv", encoding="utf-8", newline="") as f:
        exported = list(csv.reader(f))
    assert exported == [header, *view]
    ids = [row[0] for row in view]
    assert sorted(ids) == sorted(
        [r[0] for r in con.execute("SELECT statement_id FROM statements UNION ALL SELECT qa_id FROM qa")]
    )
    answer = dict(zip(header, view[ids.index("qa-2018-10-23-2-a1")]))
    assert (answer["speaker_name"], answer["speaker_role"]) == ("Hua Chunying", "spokesperson")
    assert answer["topic_ids"] == "top-harbouring-of-militants; top-un-terrorist-listing"


def test_every_quoted_span_is_a_web_annotation_that_resolves_in_the_held_text(dist, unpacked):
    page = json.loads((dist / f"{STEM}-annotations.jsonld").read_text(encoding="utf-8"))
    assert page["@context"] == "http://www.w3.org/ns/anno.jsonld" and page["type"] == "AnnotationPage"
    expected = 0
    for entry in TABLES:
        schema = json.loads((ROOT / entry["schema"]).read_text())
        spans = [f for f in schema["fields"] if f.get("x-span")]
        rows = parse_csv((ROOT / entry["path"]).read_text(encoding="utf-8")).rows
        expected += sum(1 for _, cells in rows for f in spans if cells.get(f["name"]))
    assert len(page["items"]) == expected and len({a["id"] for a in page["items"]}) == expected
    # The target names the held text by its RFC 6920 name (ni:///sha-256;…), found here by its bytes.
    held = {}
    for cells in (row for _, row in parse_csv((unpacked / "data/sources.csv").read_text(encoding="utf-8")).rows):
        if cells.get("path"):
            data = (unpacked / cells["path"]).read_bytes()
            name = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).decode().rstrip("=")
            held[f"ni:///sha-256;{name}"] = data.decode("utf-8")
    for annotation in page["items"]:
        target = annotation["target"]
        text = held[target["source"]]
        quote, position = target["selector"]
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert text[:start].endswith(quote["prefix"]) and text[end:].startswith(quote["suffix"])
        # The quote alone finds the same place: prefix + exact + suffix occurs exactly once.
        assert text.count(quote["prefix"] + quote["exact"] + quote["suffix"]) == 1


def test_json_files_in_the_archive_match_their_json_schemas(unpacked):
    for entry in DESCRIPTOR["resources"]:
        if entry.get("format") != "json":
            continue
        schema = json.loads((unpacked / entry["jsonSchema"]).read_text())
        records = json.loads((unpacked / entry["path"]).read_text())
        assert (
            list(Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(records))
            == []
        )


def readme_snippets():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- download:begin", 1)[1].split("<!-- download:end -->", 1)[0]
    return re.findall(r"```(\w+)\n(.*?)```", block, re.DOTALL)


def test_readme_download_section_has_every_snippet():
    assert [lang for lang, _ in readme_snippets()] == ["sh", "python", "python", "r", "sql", "sh"]


@pytest.mark.corpus  # each snippet in a process of its own: the first with the fast tests
@pytest.mark.parametrize("index", range(6))
def test_readme_snippet_runs_against_the_built_artifacts(dist, tmp_path, index):
    lang, code = readme_snippets()[index]
    if lang == "r" and shutil.which("Rscript") is None:
        pytest.skip("no R on this machine (tests/test_r.py says how to install it; CI does)")
    for name in (f"{STEM}.zip", f"{STEM}.sqlite", "SHA256SUMS"):
        shutil.copy(dist / name, tmp_path / name)
    with zipfile.ZipFile(tmp_path / f"{STEM}.zip") as archive:
        archive.extractall(tmp_path)
    if lang == "r":
        library = tmp_path / "r-library"  # install.packages writes to the first library: this one
        library.mkdir()
        result = subprocess.run(
            ["Rscript", "-e", code + f"\nstopifnot(nrow(qa) == {QA_ROWS}, inherits(qa$date, 'Date'))"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=dict(os.environ, R_LIBS_USER=str(library)),
        )
    elif lang == "python":
        result = subprocess.run(
            [sys.executable, "-c", code + f"\nassert len(qa) == {QA_ROWS}"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
    elif lang == "sql":
        check = f"import duckdb; rows = duckdb.sql({code.strip()!r}).fetchall(); assert len(rows) == {QA_ROWS}, rows"
        result = subprocess.run([sys.executable, "-c", check], cwd=tmp_path, capture_output=True, text=True)
    else:
        if index == 0:
            (tmp_path / STEM).rename(tmp_path / "already-unpacked")  # the snippet unpacks it itself
        if "sqlite3" in code and shutil.which("sqlite3") is None:
            sql = re.search(r'"(.*)"', code).group(1)
            code = f'{sys.executable} -c "import sqlite3; print(sqlite3.connect(\'{STEM}.sqlite\').execute(\\"{sql}\\").fetchall())"'
        result = subprocess.run(["bash", "-euo", "pipefail", "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_changes_feed_lists_each_correction_and_addition_record_by_record(dist):
    from india_china_security_meetings.generate.changes_feed import releases

    history = releases((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    previous = history[1][0]
    feed = json.loads((dist / f"{STEM}-changes.json").read_text(encoding="utf-8"))
    assert (feed["version"], feed["previous"]) == (DESCRIPTOR["version"], previous)
    assert feed["notes"] == history[0][2] and feed["required_bump"] in ("PATCH", "MINOR", "MAJOR")
    for change in feed["changed"]:
        assert change["record_id"] and change["fields"], change
        assert all(set(v) == {"old", "new"} and v["old"] != v["new"] for v in change["fields"].values())
    assert f"  {STEM}-changes.json\n" in (dist / "SHA256SUMS").read_text()


def test_the_kept_record_changes_are_the_diff_against_the_previous_release():
    import subprocess

    from india_china_security_meetings.generate.changes_feed import record_changes

    kept = json.loads((ROOT / "changes" / f"{DESCRIPTOR['version']}.json").read_text(encoding="utf-8"))
    commit = kept["previous_commit"]
    present = subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{commit}^{{commit}}"], capture_output=True)
    if present.returncode:
        pytest.skip(f"the previous release's commit {commit[:12]} is not in this copy (no git history)")
    from india_china_security_meetings.revisions import snapshot

    with snapshot(DESCRIPTOR["version"], ROOT) as released:  # the release as it was made, not today's tree
        assert record_changes(released, ROOT, commit) == kept


# -- the archive's README: written for whoever downloaded the release ----------------------


def test_the_archive_readme_gives_no_make_commands(unpacked):
    readme = (unpacked / "README.md").read_text(encoding="utf-8")
    assert not re.search(r"\bmake\b", readme)


def test_the_archive_readme_says_how_to_cite_before_anything_else(unpacked):
    from india_china_security_meetings.rules import all_codes

    readme = (unpacked / "README.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## (.+)$", readme, re.MULTILINE)
    assert sections[0] == "How to cite"
    cite = readme.index("## How to cite")
    rule_codes = [readme.find(f"`{code}`") for code in all_codes()]  # a rule table names them so
    assert all(at == -1 or at > cite for at in rule_codes)


def test_the_archive_readme_names_the_version_before_the_citation(unpacked):
    readme = (unpacked / "README.md").read_text(encoding="utf-8")
    assert DESCRIPTOR["version"] in readme.split("## How to cite")[0]


def test_the_archive_readme_links_only_to_files_the_archive_carries(unpacked):
    readme = (unpacked / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)]+)\)", readme)
    assert "docs/codebook.md" in targets and "LICENSE-DATA.md" in targets
    assert [t for t in targets if not (unpacked / t).is_file()] == []


def test_the_archive_readme_says_how_to_load_in_python_r_and_sql(unpacked):
    readme = (unpacked / "README.md").read_text(encoding="utf-8")
    assert "pip install" in readme and "dtype=str" in readme
    assert "R CMD INSTALL r" in readme and (unpacked / "r/DESCRIPTION").is_file()
    assert f"sqlite3 {STEM}.sqlite" in readme


@pytest.mark.slow  # each snippet in a process of its own
def test_the_archive_readmes_python_snippets_run_in_the_unpacked_folder(unpacked):
    readme = (unpacked / "README.md").read_text(encoding="utf-8")
    snippets = re.findall(r"```python\n(.*?)```", readme, re.DOTALL)
    assert len(snippets) == 2
    for code in snippets:
        result = subprocess.run(
            [sys.executable, "-c", code + f"\nassert len(qa) == {QA_ROWS}"],
            cwd=unpacked,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr


def test_the_archive_readme_states_that_quoted_texts_are_not_under_the_data_licence(unpacked):
    readme = (unpacked / "README.md").read_text(encoding="utf-8")
    rights = readme.split("## Licence and rights", 1)[1].split("\n## ", 1)[0]
    assert DESCRIPTOR["licenses"][0]["path"] in rights
    assert "not covered by the data licence" in rights and "(LICENSE-DATA.md)" in rights


def _release_readme(package) -> str:
    from india_china_security_meetings.generate.citation import release_date
    from india_china_security_meetings.generate.release_readme import release_readme
    from india_china_security_meetings.reader import PackageReader

    return release_readme(PackageReader(package.path), release_date(package.path), ["datapackage.json"])


def test_the_archive_readme_names_the_repository_when_the_descriptor_has_a_homepage(package):
    descriptor = package.descriptor()
    descriptor["homepage"] = "https://example.org/icsm"
    package.write_descriptor(descriptor)
    assert "<https://example.org/icsm>" in _release_readme(package)


def test_the_archive_readme_names_no_repository_without_a_homepage(package):
    addresses = set(re.findall(r"<(https?://[^>]+)>", _release_readme(package)))
    assert addresses == {licence["path"] for licence in package.descriptor()["licenses"]}


@pytest.mark.slow  # installs the R package
@pytest.mark.r
def test_the_archive_readmes_r_snippets_run_in_the_unpacked_folder(dist, tmp_path):
    if shutil.which("Rscript") is None:
        pytest.skip("no R on this machine (tests/test_r.py says how to install it; CI does)")
    with zipfile.ZipFile(dist / f"{STEM}.zip") as archive:
        archive.extractall(tmp_path)
    folder, library = tmp_path / STEM, tmp_path / "r-library"
    library.mkdir()  # R CMD INSTALL writes to the first library: this one
    readme = (folder / "README.md").read_text(encoding="utf-8")
    shell, r_code = re.search(r"```sh\n(R CMD INSTALL .*?)```\n\n```r\n(.*?)```", readme, re.DOTALL).groups()
    env = dict(os.environ, R_LIBS_USER=str(library))
    installed = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", shell], cwd=folder, capture_output=True, text=True, env=env
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    result = subprocess.run(
        ["Rscript", "-e", r_code + f"\nstopifnot(nrow(qa) == {QA_ROWS}, inherits(qa$date, 'Date'))"],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
