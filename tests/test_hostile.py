"""Hostile input reaches nothing: pages, shells, git, paths outside the package, hangs, floods;
and no change to the package's files can switch a check off."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import zipfile

import pytest
import yaml

from conftest import FIXTURE, ROOT, copy_checkout, make_in
from india_china_security_meetings import file_gate
from india_china_security_meetings.csv_format import parse_csv, render_csv
from india_china_security_meetings.generate.derived_files import build
from india_china_security_meetings.generate.release_files import build_dist
from india_china_security_meetings.reader import PackageError
from india_china_security_meetings.validate import MAX_PER_RULE_AND_FILE, validate

# Hostile corpora: a corrupted copy of the package per case, about a hundred of them. They run
# with `make test-slow`, which CI runs beside `make test` on every change.
pytestmark = pytest.mark.slow

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "title<!--<script>alert(3)</script>",
    "</script><script>alert(4)</script>",
    "[link](javascript:alert(5))",
    '"><svg onload=alert(6)>',
    "&lt;script&gt;alert(7)&lt;/script&gt; & <b onclick=alert(8)>x</b>",
]


def codes(problems) -> set[str]:
    return {p.code for p in problems}


def edit_rows(package, table: str, edit) -> None:
    """Rewrite a table's CSV through `edit(rows)` (rows by ID, never by position), then rebuild."""
    parsed = parse_csv(package.file(f"data/{table}.csv").read_text(encoding="utf-8"))
    rows = [cells for _, cells in parsed.rows]
    edit(rows)
    package.file(f"data/{table}.csv").write_bytes(render_csv(parsed.header, rows))
    build(package.path)


def row(rows, key: str, value: str) -> dict:
    return next(r for r in rows if r[key] == value)


# -- the landing page ------------------------------------------------------------------


def _hostile_site(package, tmp_path, text: str) -> tuple[str, str]:
    from india_china_security_meetings.generate.site import build_site

    descriptor = package.descriptor()
    descriptor["title"] = f"Title {text}"
    descriptor["description"] = f"Summary {text}\n\nMore {text}"
    descriptor["keywords"] = [*descriptor["keywords"], text]
    for entry in descriptor["resources"]:
        entry["description"] = f"{entry.get('description', '')} {text}"
    package.write_descriptor(descriptor)
    schema_path = package.file("schemas/topics.tableschema.json")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["fields"][1]["description"] = f"Label {text}"
    schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    edit_rows(
        package, "topics", lambda rows: row(rows, "topic_id", "top-counter-terrorism").update(label=f"Counter {text}")
    )
    build(package.path)  # codebook.md, citation files from the hostile descriptor
    out = tmp_path / "site"
    build_site(package.path, out, tmp_path / "no-dist")
    return (out / "index.html").read_text(encoding="utf-8"), (out / "codebook.html").read_text(encoding="utf-8")


@pytest.mark.corpus
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_metadata_is_inert_on_both_pages(package, tmp_path, text):
    import html5lib

    for page, sections in zip(
        _hostile_site(package, tmp_path, text), (("about", "cite", "download", "resources", "timeline", "texts"), ())
    ):
        document = html5lib.parse(page, namespaceHTMLElements=False)
        scripts = document.findall(".//script")
        kinds = sorted(s.get("type") or "text/javascript" for s in scripts)
        assert kinds in (["application/ld+json"], ["application/ld+json", "text/javascript"]), kinds
        for script in scripts:
            if script.get("type") == "application/ld+json":
                assert json.loads(script.text)["@type"] == "Dataset"  # still whole: nothing closed it early
            else:
                assert "alert(" not in (script.text or "")
        for element in document.iter():
            for name, value in element.attrib.items():
                assert not name.lower().startswith("on"), (element.tag, name)
                if name.lower() in ("href", "src", "action", "formaction", "xlink:href"):
                    assert not value.strip().lower().startswith(("javascript:", "vbscript:", "data:text")), (
                        element.tag,
                        name,
                        value,
                    )
        ids = {element.get("id") for element in document.iter()}
        assert set(sections) <= ids
        assert document.find(".//footer") is not None  # nothing swallowed the rest of the page


# -- shells and git --------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize(
    "target, variable", [("diff", "FROM"), ("diff", "TO"), ("check-version", "BASE"), ("release", "VERSION")]
)
@pytest.mark.parametrize(
    "payload",
    [
        # Four injections in one value (a command list, make's shell function, backquotes, command
        # substitution), each touching its own marker; the quote-breaking one alone, since an
        # unbalanced quote would stop a vulnerable shell line before the others ran.
        "x; touch {p}1 $(shell touch {p}2) `touch {p}3` $$(touch {p}4)",
        "1.0.1' ; touch '{p}5",
    ],
)
def test_make_variables_never_reach_a_shell(tmp_path, checkout_repository, target, variable, payload):
    marker = tmp_path / "pwned"
    before = (checkout_repository / "datapackage.json").read_bytes()
    result = make_in(checkout_repository, target, f"{variable}={payload.format(p=marker)}")
    assert not list(tmp_path.glob("pwned*")), result
    # the tool refuses the value as it is (exit 2, could not run), and make passes that on
    refusal = "is not MAJOR.MINOR.PATCH" if variable == "VERSION" else "is not a release number (1.2.0), git:<ref>"
    assert result.returncode == 2 and "[Makefile:" in result.stderr and "Error 2" in result.stderr, result
    assert refusal in result.stderr, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert (checkout_repository / "datapackage.json").read_bytes() == before


@pytest.mark.corpus
@pytest.mark.parametrize(
    "args",
    [
        ["check-version", "--base=--output={f}"],
        ["diff", "--", "--output={f}", "HEAD"],
        ["diff", "--", "--remote=git://127.0.0.1:9/x", "HEAD"],
        ["diff", "HEAD", "-o{f}"],
    ],
)
def test_git_never_takes_a_value_as_an_option(tmp_path, args):
    target = tmp_path / "victim"
    target.write_text("keep me")
    script = {"check-version": "check_version.py", "diff": "diff.py"}[args[0]]
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), *[a.format(f=target) for a in args[1:]]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert target.read_text() == "keep me"


# -- paths from package values ---------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["../../x", "a/b", "..", "UPPER", "-rf"])
def test_unsafe_package_name_is_invalid_and_never_names_a_file(package, tmp_path, name):
    descriptor = package.descriptor()
    descriptor["name"] = name
    package.write_descriptor(descriptor)
    assert "descriptor/unsafe-name" in codes(package.problems())
    with pytest.raises(PackageError):
        build_dist(package.path, tmp_path / "out" / "dist")
    assert not any(tmp_path.rglob("x*")) and not (tmp_path / "out").exists()


def test_source_text_never_reads_outside_the_package(package):
    from india_china_security_meetings.load import source_text

    edit_rows(package, "sources", lambda rows: row(rows, "source_id", "src-sra-page").update(path="/etc/passwd"))
    with pytest.raises(PackageError):
        source_text("src-sra-page", package.path)


# -- special files, links, archives, sizes --------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize(
    "rel",
    ["CHANGELOG.md", "CITATION.cff", "data/topics.csv", "schemas/topics.tableschema.json", "data/json/topics.json"],
)
def test_a_fifo_is_refused_not_waited_on(package, rel):
    package.file(rel).unlink()
    os.mkfifo(package.file(rel))

    def hung(signum, frame):
        raise TimeoutError(f"the validator waited on the FIFO {rel}")

    # In this process, with an alarm as the guard a subprocess's timeout would be: a reader
    # that opened the FIFO for reading would block here, and the alarm would fail the test.
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        problems = validate(package.path)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert problems and not any(p.fatal for p in problems), problems  # invalid, and every rule ran


def test_a_fifo_descriptor_cannot_be_read(tmp_path):
    os.mkfifo(tmp_path / "datapackage.json")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/validate.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 2 and "not a regular file" in result.stdout


def test_a_link_out_of_the_package_is_refused_and_never_shipped(package, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    tmp_path = tmp_path_factory.mktemp("out")
    secret = outside / "secret.md"
    secret.write_text("## [1.0.0] - 2026-11-29\nsecret\n")
    package.file("CHANGELOG.md").unlink()
    package.file("CHANGELOG.md").symlink_to(secret)
    assert "version/changelog" in codes(package.problems())
    with pytest.raises((PackageError, file_gate.Refused)):
        build_dist(package.path, tmp_path / "dist")
    assert not (tmp_path / "dist").exists() or not any(
        b"secret" in zipfile.ZipFile(z).read(n)
        for z in (tmp_path / "dist").glob("*.zip")
        for n in zipfile.ZipFile(z).namelist()
    )


def test_an_oversized_file_is_refused_unread(package):
    rel = "data/topics.csv"
    with open(package.file(rel), "r+b") as handle:  # sparse: large on paper, nothing on disk
        handle.truncate(200 * 1024 * 1024)
    problems = package.problems()
    assert any(p.code == "path/too-large" and "topics.csv" in p.message for p in problems)


@pytest.mark.parametrize("measure", ["bytes", "lines"])
def test_resource_files_together_beyond_the_package_cap_are_not_read(package, measure, monkeypatch):
    from india_china_security_meetings import file_gate

    # Small caps keep the test quick; the rule compares with whatever the caps are.
    monkeypatch.setattr(file_gate, "MAX_PACKAGE_TABLE_LINES", 200)
    monkeypatch.setattr(file_gate, "MAX_PACKAGE_BYTES", 4 * file_gate.MAX_FILE_BYTES)
    tables = ("topics", "countries", "cameo_codes", "actors", "events")
    for table in tables:
        rel = f"data/{table}.csv"
        data = package.file(rel).read_bytes()
        if measure == "bytes":  # one long row each: under the file cap, over the package cap together
            padding = b"x," + b"a" * (file_gate.MAX_FILE_BYTES - len(data) - 100) + b"\n"
        else:  # blank lines: under a table's line cap, over the package's together
            padding = b"\n" * (file_gate.MAX_PACKAGE_TABLE_LINES // (len(tables) - 1))
        package.file(rel).write_bytes(data + padding)
    problems = package.problems()
    assert any(p.code == "path/too-large" and "up to this one" in p.message for p in problems)


@pytest.mark.parametrize("how", ["property", "suffix"])
def test_compressed_resources_are_refused_undecompressed(package, how):
    descriptor = package.descriptor()
    entry = next(e for e in descriptor["resources"] if e["name"] == "topics")
    if how == "property":
        entry["compression"] = "zip"
    else:
        with zipfile.ZipFile(package.file("data/topics.csv.zip"), "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("topics.csv", b"topic_id,label,definition\n" + b"a" * 10_000_000)
        entry["path"] = "data/topics.csv.zip"
    package.write_descriptor(descriptor)
    assert "resource/compressed" in codes(package.problems())


# -- bounded output ---------------------------------------------------------------------


def test_each_rule_lists_at_most_n_problems_per_file_and_messages_stay_short(package):
    def pad(rows):
        template = dict(next(row for row in rows if row["topic_id"] == "top-counter-terrorism"))
        for number in range(300):  # fewer rows than a table may have, more problems than a rule lists
            rows.append({**template, "topic_id": f"top-x{number}", "label": " " + "x" * 1000})

    edit_rows(package, "topics", pad)
    problems = package.problems()
    whitespace = [p for p in problems if p.code == "csv/cell-whitespace"]
    assert len(whitespace) == MAX_PER_RULE_AND_FILE + 1
    assert "… and 250 more" in whitespace[-1].message or any("… and 250 more" in p.message for p in whitespace)
    assert max(len(p.message) for p in problems) <= 400


@pytest.mark.parametrize("depth", [700, 100_000])
def test_deep_nesting_is_reported_not_followed(package, depth):
    text = package.file("datapackage.json").read_text(encoding="utf-8")
    package.file("datapackage.json").write_text(
        text.replace('"keywords": [', '"x-deep": ' + "[" * depth + "]" * depth + ', "keywords": [', 1)
    )
    problems = package.problems()
    assert codes(problems) == {"descriptor/too-deep"}


# -- checks a change cannot switch off -------------------------------------------------


def test_removing_an_x_span_is_an_error_and_the_text_is_still_checked(package):
    path = package.file("schemas/statements.tableschema.json")
    schema = json.loads(path.read_text(encoding="utf-8"))
    text_field = next(f for f in schema["fields"] if f["name"] == "text")
    del text_field["x-span"]
    path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    edit_rows(
        package,
        "statements",
        lambda rows: row(rows, "statement_id", "st-mha-2018-10-22-1").update(text="Invented words."),
    )
    found = codes(package.problems())
    assert {"contract/span-declaration", "provenance/span-mismatch"} <= found


def test_dropping_a_table_from_the_descriptor_is_an_error(package):
    descriptor = package.descriptor()
    descriptor["resources"] = [
        e for e in descriptor["resources"] if e["name"] not in ("withdrawn_ids", "withdrawn_ids-json")
    ]
    package.write_descriptor(descriptor)
    assert "contract/table-missing" in codes(package.problems())


@pytest.mark.corpus
@pytest.mark.parametrize("rel", ["data/stray.csv", "schemas/extra.json", "data/json/.hidden.json"])
def test_a_stray_file_in_a_package_folder_is_an_error(package, rel):
    package.file(rel).write_text("a,b\n1,2\n")
    problems = package.problems()
    assert any(p.code == "contract/undeclared-file" and p.path == rel for p in problems)


def test_reference_values_are_checked_against_the_authorities_not_themselves(package):
    edit_rows(package, "cameo_codes", lambda rows: row(rows, "cameo_code", "057").update(goldstein="9.0"))
    edit_rows(
        package, "coded_events", lambda rows: [r.update(goldstein="9.0") for r in rows if r["cameo_code"] == "057"]
    )
    assert "coding/authority" in codes(package.problems())


def test_the_vendored_authorities_are_the_published_rows():
    import hashlib

    from india_china_security_meetings import authorities

    pinned = {
        authorities.GOLDSTEIN_FILE: "5d4ce1fa8305bca7ecdf8dd1ebc30c73aeaf8109447a77a96cacbcfb4628f790",
        authorities.PLOVER_FILE: "171b2c7b7ce0a49893429519303939c779c071ffdea4d563a9cdb8299b36e6b6",
    }
    for name, digest in pinned.items():
        assert hashlib.sha256((authorities.HERE / name).read_bytes()).hexdigest() == digest, name
    assert authorities.plover()["043"] == ("CONSULT", "host", "")
    assert authorities.plover()["042"] == ("CONSULT", "visit", "")


# -- one meaning per value -------------------------------------------------------------


def test_duplicate_keys_in_the_descriptor_are_an_error(package):
    text = package.file("datapackage.json").read_text(encoding="utf-8")
    package.file("datapackage.json").write_text(
        text.replace('"name": ', '"name": "other-name",\n  "name": ', 1), encoding="utf-8"
    )
    assert "descriptor/duplicate-key" in codes(package.problems())


def test_duplicate_keys_in_a_json_twin_are_an_error(package):
    rel = "data/json/topics.json"
    text = package.file(rel).read_text(encoding="utf-8")
    package.write_bytes(rel, text.replace('"label": ', '"label": "Something else",\n    "label": ', 1).encode("utf-8"))
    assert "json/duplicate-key" in codes(package.problems())


def test_a_coded_event_copied_under_a_new_id_is_an_error(package):
    def copy(rows):
        rows.append({**row(rows, "coded_event_id", "ce-004"), "coded_event_id": "ce-900", "note": "Same event again."})

    edit_rows(package, "coded_events", copy)
    assert "table/natural-key" in codes(package.problems())


def test_a_line_break_inside_a_cell_is_an_error(package):
    edit_rows(
        package, "topics", lambda rows: row(rows, "topic_id", "top-counter-terrorism").update(definition="Two\nlines.")
    )
    assert "csv/newline-in-cell" in codes(package.problems())


def test_a_source_updated_before_it_is_dated_is_an_error(package):
    edit_rows(
        package,
        "sources",
        lambda rows: row(rows, "source_id", "src-sra-page").update(dated="2018-10-24", updated="2018-10-23"),
    )
    assert "consistency/date-pair" in codes(package.problems())


# -- workflows --------------------------------------------------------------------------

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml")) + [ROOT / "action.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_and_inputs_never_reach_a_script(path):
    text = path.read_text(encoding="utf-8")
    for line in re.findall(r"uses:\s*(\S+.*)", text):
        assert re.match(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d", line), line
    document = yaml.safe_load(text)
    steps = [s for job in document.get("jobs", {}).values() for s in job.get("steps", [])] + document.get(
        "runs", {}
    ).get("steps", [])
    for step in steps:
        assert "${{" not in step.get("run", ""), step.get("run")
    if path.name != "action.yml":
        assert "permissions" in document
        for job in document["jobs"].values():
            if "write" in json.dumps(job.get("permissions", {})):
                assert all(
                    not s.get("uses", "").split("@")[0].count("/") or s["uses"].startswith("actions/")
                    for s in job["steps"]
                )


# -- the checkout a script runs from ---------------------------------------------------


def test_scripts_act_on_the_checkout_they_are_run_from(tmp_path, built_package):
    copy = copy_checkout(tmp_path / "checkout")
    shutil.rmtree(copy / "data")  # the fixture's package, not the live data (the profiles stay)
    for schema in (copy / "schemas").glob("*.json"):
        schema.unlink()
    shutil.copytree(built_package, copy, dirs_exist_ok=True)
    topics = copy / "data/topics.csv"
    topics.write_bytes(topics.read_bytes().replace(b"Counter-terrorism", b"Counter-terror1sm", 1))
    result = subprocess.run(
        [sys.executable, str(copy / "scripts/validate.py")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert result.returncode == 1 and str(copy) in result.stdout, result.stdout


@pytest.mark.corpus
@pytest.mark.parametrize("value", ["/etc/passwd", "http://127.0.0.1:9/x.csv", "../outside.csv"])
def test_the_frictionless_loader_opens_nothing_the_gate_refuses(package, value):
    from india_china_security_meetings.load import package as frictionless_package

    descriptor = package.descriptor()
    next(e for e in descriptor["resources"] if e["name"] == "topics")["path"] = value
    package.write_descriptor(descriptor)
    with pytest.raises(PackageError):
        frictionless_package(package.path)


def _validate_cli(path, **env):
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts/validate.py"), str(path)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        env={**os.environ, "ICSM_VALIDATE_SERIAL": "", **env},
    )


def test_a_backtracking_pattern_is_stopped_by_the_time_limit(package):
    path = package.file("schemas/topics.tableschema.json")
    schema = json.loads(path.read_text(encoding="utf-8"))
    next(f for f in schema["fields"] if f["name"] == "label")["constraints"]["pattern"] = "^(a+)+$"
    path.write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
    edit_rows(
        package, "topics", lambda rows: row(rows, "topic_id", "top-counter-terrorism").update(label="a" * 40 + "!")
    )
    result = _validate_cli(package.path, ICSM_FRICTIONLESS_TIMEOUT="1")
    assert result.returncode == 1 and "frictionless/timeout" in result.stdout, result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_yaml_aliases_in_citation_cff_are_not_expanded_into_the_report(package):
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]" for p, c in zip("abcdef", "bcdefg")
    ]
    package.file("CITATION.cff").write_text(
        "\n".join(levels) + "\nversion: [" + ", ".join(["*g"] * 9) + "]\n", encoding="utf-8"
    )
    problems = [p for p in package.problems() if p.code == "version/citation"]
    assert problems and "not a string" in problems[0].message


def test_a_deeply_nested_twin_is_reported_quickly(package):
    package.write_bytes("data/json/topics.json", b"[" * 100_000 + b"]" * 100_000 + b"\n")
    assert "json/invalid" in codes(package.problems())


# -- citations and the changes feed --------------------------------------------------------


@pytest.mark.parametrize("table", ["../sources", "data/topics.csv", "<script>", "x" * 5000])
def test_verify_citation_names_an_unknown_table_and_reads_nothing_else(capsys, table):
    from india_china_security_meetings.cli import main

    assert main(["verify-citation", table, "top-separatism", "0" * 64]) == 1
    out = capsys.readouterr().out
    assert "has no table" in out and len(out) < 400


def test_verify_citation_refuses_a_huge_or_malformed_hash_in_one_short_line(capsys):
    from india_china_security_meetings.cli import main

    assert main(["verify-citation", "topics", "top-separatism", "sha256:" + "<script>" * 200_000]) == 2
    err = capsys.readouterr().err
    assert "is not a SHA-256" in err and len(err) < 200


def test_a_leading_dash_is_an_option_error_not_a_record(capsys):
    from india_china_security_meetings.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["cite", "topics", "--root=/etc"])
    assert stopped.value.code == 2


def test_cite_and_verify_on_a_fifo_descriptor_stop_with_a_message(tmp_path, capsys):
    from india_china_security_meetings.cli import main

    os.mkfifo(tmp_path / "datapackage.json")
    assert main(["cite", "topics", "top-separatism", "--root", str(tmp_path)]) == 2
    assert main(["verify-citation", "topics", "top-separatism", "0" * 64, "--root", str(tmp_path)]) == 2
    assert capsys.readouterr().err.count("error:") == 2


@pytest.mark.corpus
@pytest.mark.parametrize("previous", ["-x", "--output=/tmp/pwned", "1.0.0 HEAD", "1.0.0^{/x}"])
def test_a_hostile_previous_version_in_the_changelog_gives_no_record_changes(package, tmp_path, previous):
    from india_china_security_meetings.generate.changes_feed import record_changes

    text = package.file("CHANGELOG.md").read_text(encoding="utf-8")
    second = re.findall(r"^## \[([^\]]+)\] - ", text, re.MULTILINE)[1]
    package.file("CHANGELOG.md").write_text(text.replace(f"## [{second}]", f"## [{previous}]", 1), encoding="utf-8")
    assert record_changes(package.path, ROOT) is None
    assert not (tmp_path / "pwned").exists() and not os.path.exists("/tmp/pwned")


def test_cite_names_an_unknown_table_in_one_short_line(capsys):
    from india_china_security_meetings.cli import main

    assert main(["cite", "<script>" * 10_000, "top-separatism"]) == 1
    err = capsys.readouterr().err
    assert "no table" in err and len(err) < 600


KEPT_CHANGES = f"changes/{json.loads((FIXTURE / 'datapackage.json').read_text(encoding='utf-8'))['version']}.json"


@pytest.mark.corpus
@pytest.mark.parametrize("kind", ["symlink-out", "fifo", "folder", "not-an-object", "record-id-not-text", "too-large"])
def test_a_hostile_kept_changes_file_stops_the_feed_with_its_name(package, tmp_path_factory, kind):
    from india_china_security_meetings.generate.changes_feed import changes_feed

    kept = package.file(KEPT_CHANGES)
    kept.parent.mkdir(exist_ok=True)
    if kind == "symlink-out":
        outside = tmp_path_factory.mktemp("outside") / "changes.json"
        outside.write_text('{"added": []}', encoding="utf-8")
        kept.symlink_to(outside)
    elif kind == "fifo":
        os.mkfifo(kept)
    elif kind == "folder":
        kept.mkdir()
    elif kind == "not-an-object":
        kept.write_text("[1, 2]", encoding="utf-8")
    elif kind == "record-id-not-text":
        kept.write_text('{"changed": [{"resource": "qa", "record_id": {"x": 1}}]}', encoding="utf-8")
    else:
        kept.write_bytes(b'{"other": [' + b'{"a": 1},' * (file_gate.MAX_FILE_BYTES // 8) + b"{}]}")
    with pytest.raises(PackageError, match=re.escape(KEPT_CHANGES)) as raised:
        changes_feed(package.path)
    assert len(str(raised.value)) < 400


def test_markup_in_a_kept_changes_file_is_inert_on_the_landing_page(package, tmp_path):

    import html5lib

    from india_china_security_meetings.generate.site import build_site

    package.with_release_documents()  # the release archive carries them too
    kept = package.file(KEPT_CHANGES)
    kept.parent.mkdir(exist_ok=True)
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    change = {
        "resource": f"qa{payload}",
        "record_id": f"ce-008{payload}",
        "fields": {f"note{payload}": {"old": payload}},
    }
    kept.write_text(json.dumps({"previous": "1.1.0", "changed": [change]}), encoding="utf-8")
    build_dist(package.path, tmp_path / "dist")
    build_site(package.path, tmp_path / "site", tmp_path / "dist")
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "ce-008&lt;script&gt;" in page
    document = html5lib.parse(page, namespaceHTMLElements=False)
    assert not any("alert(" in (s.text or "") for s in document.findall(".//script"))
    assert not any(name.lower().startswith("on") for e in document.iter() for name in e.attrib)


def test_a_line_longer_than_a_read_block_comes_whole_and_once(tmp_path):
    data = b"id,text\n" + b"a," + b"x" * 50_000 + b"\n" + b"b,y\n" + b"z" * 1_000
    (tmp_path / "long.csv").write_bytes(data)
    pieces = list(file_gate.read_chunks(tmp_path, "long.csv", size=64))
    assert b"".join(pieces) == data
    assert all(piece.endswith(b"\n") for piece in pieces[:-1]) and pieces[-1] == b"z" * 1_000
