"""Every page on a phone (390 × 844) and on paper (issue 11): nothing scrolls sideways, wide tables
scroll inside their own frame; in print, maps and charts fit the page and hover hints are not printed."""

import os
from pathlib import Path

import pytest

from conftest import browser_login
from pli.tests import pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(os.environ.get("PLI_SCREENSHOTS", "var/screenshots"))
PHONE = {"width": 390, "height": 844}
# Addresses that are files, not pages (downloads, feeds, the API).
NOT_HTML = (
    "format=",
    ".json",
    ".geojson",
    ".ics",
    "/api/",
    "/export",
    ".xlsx",
    ".csv",
    "/jsi18n/",
    "/figure/",
)
SKIPPED = {"accounts:logout"}  # it would end the session of the crawl

# How far the widest element reaches beyond the viewport, and which element it is.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  let worst = null;
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    // An element inside a frame that scrolls on its own (a wide table's) does not widen the page.
    let parent = element.parentElement, framed = false;
    while (parent && parent !== document.body) {
      const style = getComputedStyle(parent);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) { framed = true; break; }
      parent = parent.parentElement;
    }
    if (framed) continue;
    if (!worst || box.right > worst.right) {
      worst = {right: Math.round(box.right), tag: element.tagName.toLowerCase(),
               id: element.id, cls: String(element.className).slice(0, 60)};
    }
  }
  return {scroll: document.documentElement.scrollWidth, width, worst};
}"""


@pytest.fixture
def demo_world(statistics, tmp_path, coordinator):
    from vocabulary.seed import load_vocabulary

    load_vocabulary()  # a transactional test before this one flushed the migration's seed
    pages.load_demo(tmp_path)
    return coordinator


def html_pages():
    """The platform's own pages. The admin is left out: it is Django's, with its own phone layout, and
    the coordinator of the crawl is not staff (each of its addresses would show the admin's login)."""
    return [
        p
        for p in pages.pages()
        if p.name not in SKIPPED
        and not p.name.startswith("admin:")
        and not any(marker in p.url for marker in NOT_HTML)
    ]


def test_no_page_scrolls_sideways_on_a_phone(browser, live_server, demo_world):
    context = browser.new_context(locale="fr-BE", base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(30_000)
    browser_login(page, demo_world)
    targets = html_pages()
    too_wide, unread, seen = {}, {}, 0
    for target in targets:
        try:
            response = page.goto(target.url, wait_until="load")
        except Exception as error:  # noqa: BLE001 - told below, with the page
            unread[str(target)] = str(error).splitlines()[0]
            page.close()  # a failed navigation must not spill into the next page's
            page = context.new_page()
            continue
        if response.status == 405:  # a form's address (POST only): its page says so, in the layout
            continue
        if response.status != 200 or "text/html" not in (response.headers.get("content-type") or ""):
            unread[str(target)] = f"{response.status} {response.headers.get('content-type')}"
            continue
        seen += 1
        measure = page.evaluate(OVERFLOW)
        if measure["scroll"] > measure["width"] + 1:
            too_wide[str(target)] = measure
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, url in (("phone-findings", "/constats/"), ("phone-territory", "/territoire/92094/")):
        page.goto(url)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    context.close()
    assert unread == {}, unread
    assert seen > len(targets) * 3 // 4, f"the crawl measured {seen} of {len(targets)} pages"
    (SCREENSHOTS / "phone-overflow.txt").write_text("\n".join(f"{k}: {v}" for k, v in too_wide.items()))
    assert too_wide == {}, too_wide


def test_a_territory_page_prints_with_its_map_inside_the_page_and_no_hover_hint(
    page, statistics, coordinator
):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/territoire/90000/?annee=2015")
    page.wait_for_selector("#map path.leaflet-interactive")
    page.emulate_media(media="print")
    measure = """() => {
          const map = document.getElementById('map').getBoundingClientRect();
          const paths = [...document.querySelectorAll('#map path.leaflet-interactive')]
            .map((p) => p.getBoundingClientRect());
          return {mapRight: map.right, mapLeft: map.left, rightmost: Math.max(...paths.map((b) => b.right)),
                  leftmost: Math.min(...paths.map((b) => b.left))};
        }"""
    page.wait_for_timeout(300)
    # Still laid out at the screen's 1280 px when printing starts: the map takes the printed width
    # (17 cm, about 643 px) and is fitted to it, so that no commune lies beyond the paper's edge.
    wide = page.evaluate(measure)
    assert wide["mapRight"] - wide["mapLeft"] <= 650, wide
    assert wide["rightmost"] <= wide["mapRight"] + 1 and wide["leftmost"] >= wide["mapLeft"] - 1, wide
    page.set_viewport_size({"width": 700, "height": 1000})  # about an A4 page's printable width
    page.wait_for_timeout(300)
    fits = page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          const map = document.getElementById('map').getBoundingClientRect();
          const paths = [...document.querySelectorAll('#map path.leaflet-interactive')]
            .map((p) => p.getBoundingClientRect());
          return {width, mapRight: map.right, rightmost: Math.max(...paths.map((b) => b.right)),
                  mapLeft: map.left, leftmost: Math.min(...paths.map((b) => b.left))};
        }"""
    )
    assert fits["mapRight"] <= fits["width"] + 1, fits
    assert fits["rightmost"] <= fits["mapRight"] + 1 and fits["leftmost"] >= fits["mapLeft"] - 1, fits
    hint = page.get_by_text("Survolez une source", exact=False)
    assert hint.count() == 1 and not hint.is_visible(), "the hover hint is not printed"
    assert not page.locator("form.site-search").is_visible(), "the header's search box is not printed"
    source = page.locator(".source abbr[title]").first
    printed = page.evaluate("(e) => getComputedStyle(e, '::after').content", source.element_handle())
    assert "sha256" in printed, "a source's file and checksum are printed"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "print-territory.png", full_page=True)
    page.pdf(path=str(SCREENSHOTS / "print-territory.pdf"), format="A4")
