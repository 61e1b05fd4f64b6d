"""The landing page in a real browser: Playwright driving the system's Chromium, page opened from disk.

CI installs Chromium (.ci/run); there, a missing browser fails the suite instead of skipping it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
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


# The two screens a reader is checked at: a laptop and a phone.
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 375, "height": 812}
SCREENS = {"1366": DESKTOP, "375": PHONE}


def _open(browser, site, name):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto((site / name).as_uri())
    return context, page


@pytest.fixture(scope="module")
def page(browser, site):
    # One page for the module: loading it is most of a test's time. Tests that type or select
    # put things back as they found them (see `reset`), and tests at another width put the
    # desktop width back (see `screen`).
    context, page = _open(browser, site, "index.html")
    yield page
    context.close()


@pytest.fixture(scope="module")
def codebook(browser, site):
    context, page = _open(browser, site, "codebook.html")
    yield page
    context.close()


@contextlib.contextmanager
def screen(page, size):
    """The page at another viewport size for the block, then at the desktop size again."""
    page.set_viewport_size(size)
    try:
        yield page
    finally:
        page.set_viewport_size(DESKTOP)


def test_page_loads_from_disk_without_console_errors(page):
    assert page.title().startswith("First India–China High Level Meeting")
    assert page.errors == []


def test_codebook_page_loads_and_has_every_resource_section(codebook):
    descriptor = json.loads((ROOT / "datapackage.json").read_text())
    for entry in descriptor["resources"]:
        if entry.get("type") == "table":
            assert codebook.locator(f"h2#{entry['name'].replace('_', '-')}").count() == 1, entry["name"]
    assert codebook.errors == []


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


@pytest.mark.slow  # full-page screenshots at each width: the heaviest browser pass
@pytest.mark.parametrize("width", SCREENS)
def test_nothing_overflows_and_full_page_screenshots_of_both_pages_are_saved(page, codebook, width):
    """Screenshots for a reviewer: ARTIFACTS/site-index-1366.png, site-codebook-375.png, …"""
    ARTIFACTS.mkdir(exist_ok=True)
    for name, each in (("index", page), ("codebook", codebook)):
        with screen(each, SCREENS[width]):
            assert each.evaluate("document.documentElement.scrollWidth") <= int(width), name
            each.screenshot(path=str(ARTIFACTS / f"site-{name}-{width}.png"), full_page=True)


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
    version, _date, notes = history[0]
    current = page.locator(f'[id="release-{version}"]')
    fixed = notes.split("### Fixed", 1)[1]
    named = re.search(r"\b(?:ev|ce|cl|men|de|pl|act|src|agr|ext)-[a-z0-9-]+", fixed).group()  # a record it names
    assert named in current.inner_text()
    kept = json.loads((ROOT / "changes" / f"{version}.json").read_text(encoding="utf-8"))
    changed = kept["changed"][0]["record_id"]  # a record the release changed, from its kept diff
    assert current.locator("table td.id", has_text=changed).count() >= 1


AXE = ROOT / "tests/vendor/axe-core/axe.min.js"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"


@pytest.mark.slow  # axe-core over each whole page
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
    # Drawn: every event on one arrow, one arrow for each actor, target and (reported) account.
    drawn = page.locator("#coded svg.graph g.edge").evaluate_all("gs => gs.map(g => g.dataset.events.split(' '))")
    assert sorted(e for events in drawn for e in events) == sorted(r["coded_event_id"] for r in coded)
    pairs = {(r["actor_id"], r["target_id"]) for r in coded}
    assert len(pairs) <= page.locator("#coded svg.graph line.arrow").count() == len(drawn)


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

    assert badge("cl-019") == '" [passes on; according to reports]"'
    assert badge("cl-017") == '" [passes on; according to the readout]"'
    assert badge("cl-022") == '" [not aware; own words]"'
    link = page.locator('article[id="qa-2018-10-23-2-a1"] a.responds[href="#claim-cl-019"]').first
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
    # the question names him; the answer's restatement of the question (cl-028) is about him
    assert [shown.nth(i).get_attribute("id") for i in range(shown.count())] == [
        "qa-2018-10-23-2-q",
        "qa-2018-10-23-2-a3",
    ]


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


# -- what a reader sees: measured in the rendered page, not read from the markup ----------------

# Every word of every table cell as the browser laid it out: a unit that spans more than one line
# box is broken. Identifiers, codes, file names, hashes and numbers (code, .id, .code, .file,
# .hash, .num) are one unit each, whole (an example in words, code with spaces, is words); other
# text is words, which may break only after a hyphen or a slash, the way prose wraps. Range.getClientRects() gives one box per line a range is on.
BROKEN_IN_TABLES = """() => {
  const WHOLE = "code, .id, .code, .file, .hash, .num";
  const lines = rects => {
    const boxes = [...rects].filter(r => r.width > 0 && r.height > 0).sort((a, b) => a.top - b.top);
    let count = 0, bottom = -Infinity;
    for (const r of boxes) { if (r.top >= bottom - 1) { count += 1; bottom = r.bottom; } else { bottom = Math.max(bottom, r.bottom); } }
    return count;
  };
  const broken = [];
  const check = (node, start, end) => {
    if (end <= start) return;
    const range = document.createRange();
    range.setStart(node, start); range.setEnd(node, end);
    if (lines(range.getClientRects()) > 1) broken.push(node.data.slice(start, end));
  };
  for (const cell of document.querySelectorAll("td, th")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const whole = node.parentElement.closest(WHOLE);
      if (whole && cell.contains(whole) && !/\\s/.test(whole.textContent.trim())) {
        if (node === document.createTreeWalker(whole, NodeFilter.SHOW_TEXT).nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(whole);
          if (lines(range.getClientRects()) > 1) broken.push(whole.textContent);
        }
        continue;
      }
      for (const m of node.data.matchAll(/[^\\s\\-\\u2010-\\u2014\\/]+[\\-\\u2010-\\u2014\\/]?/g)) check(node, m.index, m.index + m[0].length);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", SCREENS)
@pytest.mark.parametrize("name", ["index", "codebook"])
def test_no_word_identifier_file_name_hash_or_code_in_a_table_breaks_across_lines(page, codebook, name, width):
    each = {"index": page, "codebook": codebook}[name]
    with screen(each, SCREENS[width]):
        assert each.locator("table").count() > 0
        broken = each.evaluate(BROKEN_IN_TABLES)
        # …and no table is wider than the page: the wide ones scroll in a box a keyboard reaches.
        loose = each.evaluate(
            """() => [...document.querySelectorAll('table')].filter(t => { const box = t.closest('.table-wrap');
                 return t.getBoundingClientRect().width > document.documentElement.clientWidth
                   && !(box && box.tabIndex === 0 && getComputedStyle(box).overflowX === 'auto'); }).length"""
        )
    assert broken == [], broken[:20]
    assert loose == 0


@pytest.mark.parametrize("width, screens", [("1366", 5), ("375", 8)])
def test_the_statement_starts_within_a_few_screens(page, width, screens):
    with screen(page, SCREENS[width]):
        top = page.evaluate(
            "document.querySelector('#texts article.record p.text').getBoundingClientRect().top + scrollY"
        )
    assert top < screens * SCREENS[width]["height"], top


def test_the_page_leads_with_citation_zip_sqlite_and_a_link_to_sha256sums(page, site):
    order = page.evaluate("[...document.querySelectorAll('main > section')].map(s => s.id)")
    for first, then in (("cite", "download"), ("download", "texts"), ("texts", "coded"), ("coded", "files")):
        assert order.index(first) < order.index(then), order
    lead = page.locator("#download")
    links = lead.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any(h.endswith(".zip") for h in links) and any(h.endswith(".sqlite") for h in links), links
    assert "dist/SHA256SUMS" in links
    for href in links:
        if href.startswith("dist/"):
            assert (site / href).is_file(), href
    sums = (site / "dist/SHA256SUMS").read_text().splitlines()
    files = page.locator("#files table a.file").evaluate_all("links => links.map(a => a.textContent)")
    assert files == [line.split("  ", 1)[1] for line in sums]  # the full list comes further down
    assert page.locator("#files a[href='dist/SHA256SUMS']").count() == 1


def test_the_codebook_has_real_tables_each_in_a_focusable_scroll_box(codebook):
    assert "|---" not in codebook.locator("main").inner_text()
    descriptor = json.loads((ROOT / "datapackage.json").read_text())
    tables = [e for e in descriptor["resources"] if e.get("type") == "table"]
    assert codebook.locator("main table").count() == len(tables)
    assert codebook.locator("main table th", has_text="description").count() == len(tables)
    boxes = codebook.locator("main table").evaluate_all(
        "ts => ts.map(t => { const box = t.parentElement; return [box.classList.contains('table-wrap'), box.tabIndex, box.getAttribute('role'), !!box.getAttribute('aria-label')]; })"
    )
    assert all(box == [True, 0, "region", True] for box in boxes), boxes


def _reported():
    """coded event ID -> whose account, derived here on its own from claims and claim_links."""
    attribution = {c["claim_id"]: c["attribution"] for c in records("claims")}
    words = {"reports": "according to reports", "readout": "according to the readout"}
    return {
        link["coded_event_id"]: words[attribution[link["claim_id"]]]
        for link in records("claim_links")
        if link["relation"] == "coded-as" and attribution[link["claim_id"]] in words
    }


def test_reported_events_say_so_in_words_in_the_table_and_the_graph(page):
    reported = _reported()
    assert reported["ce-016"] == reported["ce-017"] == "according to reports"
    assert reported["ce-008"] == "according to the readout"
    for row in records("coded_events"):
        text = page.locator(f'#coded tr[id="{row["coded_event_id"]}"]').inner_text()
        if row["coded_event_id"] in reported:
            assert f"Reported, {reported[row['coded_event_id']]}" in text, text
        else:
            assert "Reported" not in text and "according to" not in text, text
    edges = page.locator("#coded svg.graph g.edge").evaluate_all(
        """gs => gs.map(g => [g.dataset.events.split(' '), g.querySelector('text').textContent,
                              getComputedStyle(g.querySelector('line')).strokeDasharray])"""
    )
    for events, label, dashes in edges:
        accounts = {reported.get(e, "") for e in events}
        assert len(accounts) == 1, events  # an arrow never mixes reported and vouched-for events
        account = accounts.pop()
        assert (account in label) if account else ("according to" not in label), label
        assert (dashes != "none") == bool(account), (events, dashes)


@pytest.mark.parametrize("width", SCREENS)
def test_graph_labels_are_legible_and_each_sits_by_its_own_arrow(page, width):
    with screen(page, SCREENS[width]):
        sizes = page.evaluate(
            """() => { const svg = document.querySelector('#coded svg.graph');
                 const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                 return [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale); }"""
        )
        edges = page.evaluate(
            """() => [...document.querySelectorAll('#coded svg.graph g.edge')].map(g => {
                 const t = g.querySelector('text').getBoundingClientRect(), l = g.querySelector('line').getBoundingClientRect();
                 return {label: [t.left, t.top, t.right, t.bottom], line: [l.left, l.top, l.right, l.bottom]}; })"""
        )
    assert min(sizes) >= 11, sizes  # px on the screen, phone included

    def gap(a, b):  # distance between two boxes (0 when they touch or overlap)
        dx = max(a[0] - b[2], b[0] - a[2], 0)
        dy = max(a[1] - b[3], b[1] - a[3], 0)
        return (dx * dx + dy * dy) ** 0.5

    for i, edge in enumerate(edges):
        own = gap(edge["label"], edge["line"])
        assert edge["label"][2] > edge["line"][0] and edge["label"][0] < edge["line"][2]  # above its arrow
        for j, other in enumerate(edges):
            if i != j:
                assert own < gap(edge["label"], other["line"]), (i, j)
                assert gap(edge["label"], other["label"]) > 0, (i, j)  # labels never overlap


def test_the_agreement_is_named_not_shown_as_its_id(page):
    (agreement,) = records("agreements")
    options = page.locator("#f-entity option").all_inner_texts()
    assert agreement["name_india"] in options and agreement["agreement_id"] not in options
    card = page.locator(f'article.entity[id="entity-{agreement["agreement_id"]}"] h3')
    assert card.inner_text() == agreement["name_india"]
