"""`make serve`: the release's SQLite database in a real Datasette server, queried over HTTP."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT
from india_china_security_meetings.csv_format import parse_csv

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
DATABASE = DESCRIPTOR["name"]  # served without the version, so that record URLs stay stable
STEM = f"{DESCRIPTOR['name']}-{DESCRIPTOR['version']}"
TABLES = [e for e in DESCRIPTOR["resources"] if e.get("type") == "table"]

pytestmark = pytest.mark.datasette


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(built_dist, tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")  # serve writes a link beside the database: a folder of its own
    for name in (f"{STEM}.sqlite", f"{STEM}-datasette.json"):
        (out / name).symlink_to(built_dist / name)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts/serve.py"), "--dist", str(out), "--port", str(port), "--root", str(ROOT)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"datasette exited: {process.stderr.read().decode()[:500]}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def get(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_every_table_has_its_rows_in_the_served_database(server):
    for entry in TABLES:
        rows = len(parse_csv((ROOT / entry["path"]).read_text(encoding="utf-8")).records)
        served = get(f"{server}/{DATABASE}/{entry['name']}.json?_size=0")
        assert served["filtered_table_rows_count"] == rows, entry["name"]


def test_titles_descriptions_and_licence_come_from_the_descriptor(server):
    metadata = get(f"{server}/-/metadata.json")
    assert metadata["license_url"] == DESCRIPTOR["licenses"][0]["path"]
    tables = metadata["databases"][DATABASE]["tables"]
    schema = json.loads((ROOT / "schemas/claims.tableschema.json").read_text(encoding="utf-8"))
    assert tables["claims"]["description"] == schema["description"]
    assert tables["claims"]["columns"]["stance"].startswith("Stance.")


def test_a_foreign_key_is_shown_with_its_label(server):
    rows = get(f"{server}/{DATABASE}/participants.json?_shape=array&_labels=on&participant_id=par-001")
    assert rows[0]["actor_id"] == {"value": "act-rajnath-singh", "label": "Rajnath Singh"}


def test_the_held_text_is_readable_and_every_record_has_a_url(server):
    rows = get(f"{server}/{DATABASE}/held_texts.json?_shape=array")
    held = (ROOT / rows[0]["path"]).read_text(encoding="utf-8")
    assert rows[0]["text"] == held
    record = get(f"{server}/{DATABASE}/coded_events/ce-008.json?_shape=array")
    assert record[0]["cameo_code"] == "0313"


def page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def coded_event(coded_event_id: str) -> dict:
    rows = parse_csv((ROOT / "data/coded_events.csv").read_text(encoding="utf-8")).rows
    return next(cells for _, cells in rows if cells["coded_event_id"] == coded_event_id)


def test_the_release_declares_the_foreign_keys_datasette_links(built_dist):
    import sqlite3

    con = sqlite3.connect(built_dist / f"{STEM}.sqlite")
    targets = {(row[3], row[2], row[4]) for row in con.execute("PRAGMA foreign_key_list(coded_events)")}
    assert ("actor_id", "actors", "actor_id") in targets


def test_a_table_page_links_a_foreign_key_to_the_target_record(server):
    actor = coded_event("ce-008")["actor_id"]
    html = page(f"{server}/{DATABASE}/coded_events?coded_event_id=ce-008")
    assert f'<a href="/{DATABASE}/actors/{actor}">' in html


def test_a_record_page_links_a_foreign_key_to_the_target_record(server):
    actor = coded_event("ce-008")["actor_id"]
    html = page(f"{server}/{DATABASE}/coded_events/ce-008")
    assert f'<a href="/{DATABASE}/actors/{actor}">' in html


def _closed_details(html: str) -> list:
    import html5lib

    document = html5lib.parse(html, namespaceHTMLElements=False)
    return [d for d in document.iter("details") if "open" not in d.attrib]


def test_a_tables_column_descriptions_are_in_a_closed_details(server):
    schema = json.loads((ROOT / "schemas/claims.tableschema.json").read_text(encoding="utf-8"))
    html = page(f"{server}/{DATABASE}/claims")
    described = [[dt.text for dt in d.iter("dt")] for d in _closed_details(html)]
    assert [f["name"] for f in schema["fields"]] in described


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.slow  # a browser on the served page
@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium)")
def test_on_screen_the_first_row_comes_before_any_column_description(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            screen = browser.new_page(viewport={"width": 1366, "height": 900})
            screen.goto(f"{server}/{DATABASE}/coded_events")  # 31 columns
            first_row = screen.locator("table.rows-and-columns tbody tr").first.bounding_box()["y"]
            descriptions = screen.locator("dl.column-descriptions dd")
            listed = descriptions.count()
            shown = [d.bounding_box()["y"] for d in descriptions.all() if d.is_visible()]
        finally:
            browser.close()
    assert listed and first_row < 900 and all(y > first_row for y in shown)
