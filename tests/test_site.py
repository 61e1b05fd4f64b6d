"""The landing page in a real browser: Playwright driving the system's Chromium, page opened from disk.

CI installs Chromium (.ci/run); there, a missing browser fails the suite instead of skipping it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from conftest import ROOT
from india_china_security_meetings.generate.site import build_site
from india_china_security_meetings.load import records

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
# Screenshots go outside the checkout (CI uploads them from there).
ARTIFACTS = Path(os.environ.get("ICSM_TEST_ARTIFACTS") or Path(tempfile.gettempdir()) / "icsm-test-artifacts")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if CHROMIUM is None and os.environ.get("CI"):
    pytest.fail("Chromium is required in CI for the browser tests (.ci/run installs it)", pytrace=False)
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory, built_dist):
    folder = tmp_path_factory.mktemp("site")
    build_site(ROOT, folder / "site", built_dist)
    return folder / "site"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page(browser, site):
    # One page for the module: loading it is most of a test's time. Tests that type or select
    # put things back as they found them (see `reset`).
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto((site / "index.html").as_uri())
    yield page
    context.close()


def test_page_loads_from_disk_without_console_errors(page):
    assert page.title().startswith("First India–China High Level Meeting")
    assert page.errors == []


def test_codebook_page_loads_and_has_every_resource_section(browser, site):
    page = browser.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto((site / "codebook.html").as_uri())
    descriptor = json.loads((ROOT / "datapackage.json").read_text())
    for entry in descriptor["resources"]:
        if entry.get("type") == "table":
            assert page.locator(f"h2#{entry['name'].replace('_', '-')}").count() == 1, entry["name"]
    assert errors == []
    page.close()


def test_embedded_jsonld_is_the_dataset_of_this_version(page):
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "Dataset"
    assert data["version"] == json.loads((ROOT / "datapackage.json").read_text())["version"]


def test_every_statement_and_answer_paragraph_and_every_event_is_on_the_page(page):
    text = page.locator("main").inner_text()
    for row in records("statements") + records("qa"):
        assert row["text"] in text
    for event in records("events"):
        assert page.locator(f'li[id="{event["event_id"]}"]').is_visible()
        assert event["label"] in text


def test_event_precision_is_shown_honestly(page):
    assert "month" in page.locator('li[id="ev-wuhan-informal-meeting"] .precision').inner_text()
    assert "interval" in page.locator('li[id="ev-zhao-visit-india"] .precision').inner_text()
    assert page.locator('li[id="ev-zhao-visit-india"] time').get_attribute("datetime") == "2018-10-21/2018-10-25"


def test_the_timeline_reads_at_two_scales_and_marks_the_one_unknown_day(page):
    lanes = page.locator("#timeline h3.lane")
    assert [lanes.nth(i).inner_text() for i in range(lanes.count())] == ["April 2018", "October 2018, 21–25"]
    assert page.locator("#timeline .ticks").first.locator("span").count() == 5  # the week in days
    mumbai = page.locator('li[id="ev-zhao-travel-mumbai"]')
    assert "one day, not known which" in mumbai.locator(".precision").inner_text()
    assert mumbai.locator(".span.one-day-of-range").count() == 1
    # On its own lane the week is wide: the visit spans the whole axis, not a few pixels.
    visit = page.locator('li[id="ev-zhao-visit-india"] .span').bounding_box()
    axis = page.locator('li[id="ev-zhao-visit-india"] .axis').bounding_box()
    assert visit["width"] > 0.9 * axis["width"]


def test_opening_a_record_anchor_shows_and_highlights_it(browser, site):
    page = browser.new_page(viewport={"width": 1280, "height": 700})
    page.goto((site / "index.html").as_uri() + "#qa-2018-10-23-2-a3")
    record = page.locator('article[id="qa-2018-10-23-2-a3"]')
    assert record.is_visible() and record.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top > -1 && r.top < innerHeight; }"  # sub-pixel layout
    )
    background = record.evaluate("e => getComputedStyle(e).backgroundColor")
    other = page.locator('article[id="qa-2018-10-23-2-a2"]').evaluate("e => getComputedStyle(e).backgroundColor")
    assert background != other
    page.close()


def test_copy_button_puts_the_citation_on_the_clipboard(browser, site):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    page.get_by_role("button", name="Copy citation").click()
    page.wait_for_function("document.querySelector('#cite .status').textContent.length > 0")
    expected = page.locator("#citation-text").inner_text().strip()
    assert page.evaluate("navigator.clipboard.readText()") == expected
    assert page.locator("#cite .status").first.inner_text() == "Copied"
    context.close()


def test_copy_button_is_reachable_by_keyboard(page):
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.copy") == "citation-text":
            break
    assert page.evaluate("document.activeElement.dataset.copy") == "citation-text"


def test_nothing_overflows_at_phone_width_and_screenshots_are_saved(browser, site):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, width, height in (("desktop", 1280, 900), ("phone", 375, 812)):
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto((site / "index.html").as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        page.screenshot(path=str(ARTIFACTS / f"site-{name}.png"), full_page=False)
        page.close()


def test_landmarks_and_headings_are_semantic(page):
    assert (
        page.locator("header").count() == 1
        and page.locator("main").count() == 1
        and page.locator("footer").count() == 1
    )
    assert page.locator("nav[aria-label]").count() == 1
    assert page.locator("h1").count() == 1


def test_each_release_lists_its_corrections_with_the_records_changed(page, site):
    from india_china_security_meetings.generate.changes_feed import releases

    history = releases((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    for version, _date, _notes in history:
        assert page.locator(f'[id="release-{version}"]').count() == 1
    current = page.locator(f'[id="release-{history[0][0]}"]')
    assert "ce-008" in current.inner_text()  # named in the CHANGELOG's Fixed list
    assert current.locator("table td.id", has_text="ce-008").count() == 1


AXE = ROOT / "tests/vendor/axe-core/axe.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"


@pytest.mark.parametrize("name", ["index.html", "codebook.html"])
def test_axe_finds_no_serious_or_critical_violations(browser, site, name):
    import hashlib

    assert hashlib.sha256(AXE.read_bytes()).hexdigest() == AXE_SHA256  # the vendored release, unmodified
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((site / name).as_uri())
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    page.close()
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], bad


def test_the_map_shows_every_place_and_each_place_lists_its_events(page):
    import hashlib

    atlas = ROOT / "src/india_china_security_meetings/site_assets/countries-110m.json"
    assert hashlib.sha256(atlas.read_bytes()).hexdigest() == (
        "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8"
    )  # world-atlas 2.0.2, unchanged
    assert page.locator("#places svg.map").is_visible()
    labels = {e["event_id"]: e["label"] for e in records("events")}
    for place in records("places"):
        item = page.locator(f'li[id="place-{place["place_id"]}"]')
        assert place["label"] in item.inner_text()
        if place["kind"] != "country":
            assert page.locator(f'svg.map g[id="map-{place["place_id"]}"]').count() == 1
        for location in records("locations"):
            if location["place_id"] == place["place_id"] and location["event_id"]:
                assert labels[location["event_id"]] in item.inner_text()
    assert page.locator("svg.map path.country.named").count() == 2  # India and China


def test_every_coded_event_is_listed_with_its_evidence_and_drawn(page):
    coded = records("coded_events")
    for row in coded:
        line = page.locator(f'#coded tr[id="{row["coded_event_id"]}"]')
        assert row["evidence"] in line.inner_text()
        target = row["statement_id"] or row["qa_id"]
        assert line.locator(f'a[href="#{target}"]').count() == 1
        claim = line.locator('a[href^="#claim-"]').get_attribute("href")  # the evidence words, marked in the text
        assert row["evidence"] in page.locator(f'span[id="{claim[1:]}"]').inner_text()
    pairs = {(r["actor_id"], r["target_id"]) for r in coded}
    assert page.locator("#coded svg.graph line").count() == len(pairs)


def test_a_mention_opens_its_entity_card_on_focus_and_escape_closes_it(page, reset):
    mention = page.locator('#qa-2018-10-23-2-q a.mention[href="#entity-act-masood-azhar"]').first
    mention.focus()
    card = page.locator("#card-popover")
    assert card.is_visible() and "Masood Azhar" in card.inner_text()
    assert "mention" in card.inner_text()  # the card lists the entity's mentions
    page.keyboard.press("Escape")
    assert not card.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    mention.hover()
    page.screenshot(path=str(ARTIFACTS / "site-entity-card.png"))


def test_every_mentioned_actor_and_place_has_a_card_with_its_mentions(page):
    for row in records("mentions"):
        for field in ("actor_id", "place_id"):
            if row[field]:
                assert page.locator(f'article.entity[id="entity-{row[field]}"]').count() == 1, row[field]


def test_a_claim_shows_its_stance_and_attribution_and_links_to_what_it_answers(page):
    def badge(claim_id):
        return page.locator(f'span[id="claim-{claim_id}"]').evaluate("e => getComputedStyle(e, '::after').content")

    assert badge("cl-019") == '" [reports; according to reports]"'
    assert badge("cl-017") == '" [reports; according to the readout]"'
    assert badge("cl-022") == '" [not aware; own words]"'
    link = page.locator('article[id="qa-2018-10-23-2-a1"] a.responds[href="#claim-cl-019"]')
    link.click()
    assert page.evaluate("location.hash") == "#claim-cl-019"
    assert page.locator('span[id="claim-cl-019"]').is_visible()


@pytest.fixture
def reset(page):
    yield
    page.fill("#q", "")
    for select in ("#f-speaker", "#f-topic", "#f-entity", "#f-stance"):
        page.select_option(select, "")
    page.keyboard.press("Escape")


def test_search_finds_a_phrase_from_every_paragraph(page, reset):
    search = page.locator("#q")
    for row in records("statements") + records("qa"):
        key = row.get("statement_id") or row["qa_id"]
        search.fill(row["text"][20:60])
        assert page.locator(f'article[id="{key}"]').is_visible(), key
        assert "of 11 paragraphs shown" in page.locator("#f-count").inner_text()
    search.fill("Paresh Baruah")
    shown = page.locator("#texts article.record:visible")
    assert [shown.nth(i).get_attribute("id") for i in range(shown.count())] == ["qa-2018-10-23-2-q"]


def test_filters_narrow_the_list(page, reset):
    page.select_option("#f-speaker", "Hua Chunying")
    visible = page.locator("#texts article.record:visible")
    assert visible.count() == 5 and all("answer" in (visible.nth(i).get_attribute("class") or "") for i in range(5))
    page.select_option("#f-stance", "not-aware")
    assert [visible.nth(i).get_attribute("id") for i in range(visible.count())] == ["qa-2018-10-23-2-a1"]
    page.select_option("#f-speaker", "")
    page.select_option("#f-stance", "")
    page.select_option("#f-entity", "Masood Azhar")
    assert {visible.nth(i).get_attribute("id") for i in range(visible.count())} == {
        "qa-2018-10-23-2-q",
        "qa-2018-10-23-2-a2",
    }
    page.select_option("#f-entity", "")
    page.select_option("#f-topic", "Drug control")
    assert visible.count() == 2  # statement ¶3 and answer 1 ¶2
    page.screenshot(path=str(ARTIFACTS / "site-filtered.png"))
