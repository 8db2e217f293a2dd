"""The preview page in real Chromium (Debian's `chromium` with pip's playwright): it shows the example's
pages, shows an error with its line after an edit and fresh pages after the fix, shows a quote's source
passage, switches layout, and refuses a visit without the token. Skipped, with the reason, where Chromium or
playwright is missing; .ci/run installs both."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factsheet.preview.server import PreviewServer
from tests.preview_server import serving

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install playwright")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed: apt-get install chromium")
WAIT_MS = 20_000


@pytest.fixture
def server(campaign: Path) -> Iterator[PreviewServer]:
    with serving(campaign) as served:
        yield served


@pytest.fixture
def page(server: PreviewServer, tmp_path: Path) -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        opened = browser.new_page(viewport={"width": 1400, "height": 1000})
        opened.goto(server.url)
        opened.wait_for_selector("#status[data-state='fresh']", timeout=WAIT_MS)
        yield opened
        opened.screenshot(path=str(tmp_path / "last.png"))
        browser.close()


def wait_until(page: Any, expression: str) -> None:
    """Poll a JavaScript expression from outside the page: the page's Content-Security-Policy forbids the
    string evaluation playwright's own wait_for_function uses."""
    for _ in range(WAIT_MS // 100):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


def loaded_pictures(page: Any) -> int:
    count: int = page.evaluate(
        "[...document.querySelectorAll('#page-list img')].filter(img => img.complete && img.naturalWidth > 0).length"
    )
    return count


def test_the_page_shows_the_example_pages_and_verdicts(page: Any, tmp_path: Path) -> None:
    wait_until(
        page,
        "document.querySelectorAll('#page-list img').length === 1 && "
        "document.querySelector('#page-list img').naturalWidth > 0",
    )
    assert loaded_pictures(page) == 1
    assert page.get_attribute("#page-list img", "alt") == "Page 1 of 1"
    assert page.text_content("#status").startswith("Up to date")
    assert "all verified, 7 warning(s)" in page.text_content("#summary")
    assert page.locator("#items button.verified").count() == 14
    assert page.get_attribute("#download", "download") == "banthescan-letter.pdf"
    page.screenshot(path=str(tmp_path / "fresh.png"))


def test_an_edited_number_shows_its_error_and_line_then_the_fix_restores_fresh_pages(
    page: Any, campaign: Path, tmp_path: Path
) -> None:
    text = campaign.read_text()
    line = next(number for number, row in enumerate(text.splitlines(), 1) if 'figure: "9,850"' in row)
    campaign.write_text(text.replace('figure: "9,850"', 'figure: "9,580"'))
    page.wait_for_selector("#problems li.error", timeout=WAIT_MS)
    error = page.text_content("#problems li.error")
    assert f"sheet.yaml:{line}:13: error" in error
    assert "the number 9,580 is not in this fact's excerpt" in error
    assert page.text_content("#problems li.error .context .here").strip().startswith(f"{line} │")
    assert page.evaluate("document.body.classList.contains('stale')")
    assert page.is_visible("#stale-note") and loaded_pictures(page) == 1
    assert page.locator("#items button.error").count() == 1
    page.screenshot(path=str(tmp_path / "broken.png"))
    campaign.write_text(text)
    page.wait_for_selector("#status[data-state='fresh']", timeout=WAIT_MS)
    assert page.locator("#problems li.error").count() == 0
    assert not page.evaluate("document.body.classList.contains('stale')")
    wait_until(page, "document.querySelector('#page-list img').naturalWidth > 0")


def test_choosing_a_quote_shows_its_source_passage(page: Any, tmp_path: Path) -> None:
    page.click("#items button[data-key='quotes/1']")
    page.wait_for_selector("#evidence:not([hidden]) mark", timeout=WAIT_MS)
    assert page.text_content("#evidence mark") == (
        "If we can get New York to ban this technology, that shows that it’s possible to ban it almost anywhere."
    )
    source = page.text_content("#evidence .source")
    assert source.startswith("Police Use of Facial Recognition in NYC Targeted by Activists")
    assert "mte-activists-target-facial-recognition.txt, line " in source
    page.screenshot(path=str(tmp_path / "passage.png"))


def test_switching_the_layout_on_the_page(page: Any) -> None:
    page.select_option("select[name='layout']", "card")
    wait_until(
        page,
        "document.querySelectorAll('#page-list img').length === 2 && "
        "document.querySelector('#status').dataset.state === 'fresh'",
    )
    assert loaded_pictures(page) == 2
    assert page.get_attribute("#download", "download") == "banthescan-card-letter.pdf"


def test_a_visit_without_the_token_is_refused(page: Any, server: PreviewServer) -> None:
    response = page.goto(f"http://127.0.0.1:{server.port}/")
    assert response.status == 403
    assert "carries the preview's token" in page.text_content("body")
