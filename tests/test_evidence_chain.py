"""The evidence chain: a captured source's text is compared with its captured page on every check, so editing
the text to match a misquote and recording it again no longer launders it; a cleaning of the capture is a
correction two different people sign off; recording shows what changed and names who reviewed it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import main
from factsheet.pipeline import check
from factsheet.verify.lock import read_lock
from factsheet.verify.sources import load_source
from tests.capture_site import RECORD, TEST_PARAGRAPHS, TITLE, add, quote_the_test_article
from tests.pages.news import news_page

QUOTE = "This is a test quotation that the capture must keep word for word"
MISQUOTE = "This is a test quotation that the capture may keep word for word"


def launder(campaign: Path) -> Path:
    """Edit the archived text so it matches a misquote, and the sheet's quote to the misquote."""
    text = campaign.parent / "sources" / "test-article.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("must keep", "may keep"), encoding="utf-8")
    campaign.write_text(campaign.read_text(encoding="utf-8").replace(QUOTE, MISQUOTE), encoding="utf-8")
    return text


@pytest.fixture(params=["warc", "saved page"])
def captured(request: pytest.FixtureRequest, campaign: Path, site: str, tmp_path: Path) -> Path:
    """The example campaign with the test article captured (from the loopback site as a WARC, or from a page
    saved in a browser), quoted and recorded."""
    if request.param == "warc":
        result = add(campaign, f"{site}/2020/08/test-article", "--id", "test-article")
    else:
        saved = tmp_path / "saved.html"
        saved.write_bytes(news_page(TITLE, TEST_PARAGRAPHS))
        result = add(campaign, str(saved), "--id", "test-article")
    assert result.exit_code == 0, result.output
    quote_the_test_article(campaign)
    assert CliRunner().invoke(main, ["check", str(campaign), "--record", *RECORD]).exit_code == 0
    assert check(campaign).ok
    return campaign


def test_a_source_edited_to_match_a_misquote_and_recorded_again_is_refused(captured: Path) -> None:
    text = launder(captured)
    evidence = load_source(text).evidence
    assert evidence is not None
    recorded = CliRunner().invoke(main, ["check", str(captured), "--record", *RECORD])
    assert recorded.exit_code == 1, "recording must not bless a text that differs from its captured page"
    result = CliRunner().invoke(main, ["check", str(captured)])
    assert result.exit_code == 1
    line = next(number for number, words in enumerate(text.read_text().splitlines(), 1) if "may keep" in words)
    assert (
        f"test-article.txt:{line}: error: the text of 'test-article' differs from its captured copy "
        f"{evidence.name}: 1 difference(s) from what {evidence.name} says (correction "
    ) in result.output
    assert f"  differences: test-article.txt line {line}: [-must-] {{+may+}}\n" in result.output


def test_a_cleaning_of_the_capture_passes_once_two_different_people_sign_it_off(captured: Path) -> None:
    text = captured.parent / "sources" / "test-article.txt"
    cleaned = text.read_text(encoding="utf-8").replace("TEST ARTICLE. ", "")
    text.write_text(cleaned, encoding="utf-8")
    [correction] = [item for item in check(captured).report.signables if item.kind == "correction"]
    assert correction.evidence.endswith("[-ARTICLE.-]") or "[-TEST ARTICLE.-]" in correction.evidence
    first = CliRunner().invoke(main, ["review", str(captured), "--approve", correction.identifier, "--by", "Ana Test"])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(main, ["review", str(captured), "--approve", correction.identifier, "--by", "ana test"])
    assert again.exit_code == 1
    assert f"ana test has already approved {correction.identifier}" in again.output
    assert "needs a second person" in again.output and "approved so far by Ana Test (" in again.output
    still = CliRunner().invoke(main, ["check", str(captured)])
    assert still.exit_code == 1 and "2 different people must approve it; approved so far by Ana Test" in still.output
    second = CliRunner().invoke(main, ["review", str(captured), "--approve", correction.identifier, "--by", "Bo Test"])
    assert second.exit_code == 0, second.output
    assert CliRunner().invoke(main, ["check", str(captured), "--record", *RECORD]).exit_code == 0
    assert check(captured).ok


def test_evidence_no_capture_recorded_is_an_error_and_hand_typed_sources_are_named(captured: Path) -> None:
    sources = captured.parent / "sources"
    stray = sources / "verge-ingram-facial-recognition.html"
    stray.write_bytes(news_page(TITLE, TEST_PARAGRAPHS))
    problems = [problem for problem in check(captured).problems if problem.severity == "error"]
    assert [problem.message for problem in problems] == [
        "the captured copy verge-ingram-facial-recognition.html of 'verge-ingram-facial-recognition' is not "
        "recorded in sources.lock, so its text cannot be compared with it"
    ]
    stray.unlink()
    report = check(captured).report
    assert "test-article" not in report.hand_typed and len(report.hand_typed) == 5
    assert "(5 of 6 typed in by hand, with no captured page)" in report.summary()


def test_record_shows_what_changed_against_the_captured_page_and_who_recorded_before(captured: Path) -> None:
    text = captured.parent / "sources" / "test-article.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("TEST ARTICLE. ", ""), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(captured), "--record", *RECORD])
    assert result.exit_code == 1
    assert "test-article.txt: changed since it was recorded by Test Reviewer (invented) (" in result.output
    assert "against its captured page, line " in result.output and "[-TEST ARTICLE.-]" in result.output
    assert read_lock(captured.parent).texts["test-article"].recorded_by == "Test Reviewer (invented)"


def test_capturing_again_in_another_form_leaves_no_stale_lock_entry(campaign: Path, site: str, tmp_path: Path) -> None:
    saved = tmp_path / "saved.html"
    saved.write_bytes(news_page(TITLE, TEST_PARAGRAPHS))
    assert add(campaign, str(saved), "--id", "test-article").exit_code == 0
    assert add(campaign, f"{site}/2020/08/test-article", "--id", "test-article", "--replace").exit_code == 0
    assert set(read_lock(campaign.parent).evidence) == {"test-article.warc.gz"}
