"""`factsheet source add` against a loopback web server serving pages written for these tests (nothing beyond
127.0.0.1 is ever reached): the captured text and front matter, the WARC record, the lock entry, a quote from
the captured text verifying, and every careful refusal."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

import factsheet.capture.fetch
from factsheet.cli import main
from factsheet.verify.extract import EXTRACTION_REVISION
from factsheet.verify.lock import read_lock
from factsheet.verify.sources import load_source
from tests.capture_site import RECORD, TEST_PARAGRAPHS, TITLE, add, quote_the_test_article
from tests.pages.news import news_page
from tests.pages.report import REPORT_PAGES, REPORT_TITLE, report_pdf


def snapshot(campaign: Path) -> dict[str, bytes]:
    folder = campaign.parent
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_an_article_is_captured_without_its_clutter_with_front_matter_evidence_and_lock(
    campaign: Path, site: str
) -> None:
    result = add(campaign, f"{site}/2020/08/test-article", "--id", "test-article")
    assert result.exit_code == 0, result.output
    source = load_source(campaign.parent / "sources" / "test-article.txt")
    assert source.meta.title == TITLE
    assert source.meta.publisher is None, "the page claims another site's address, so its publisher is a claim"
    assert "names https://news.example.org/2020/08/test-article as its address and 'Example News (TEST PAGE)'" in (
        source.meta.note or ""
    )
    assert source.meta.author == "Test Reporter"
    assert source.meta.published is not None and source.meta.published.isoformat() == "2020-08-14"
    assert source.meta.url == f"{site}/2020/08/test-article", "the address it was fetched from"
    assert source.meta.retrieved is not None
    assert source.text.split("\n\n") == [*TEST_PARAGRAPHS[:-1], TEST_PARAGRAPHS[-1] + "\n"]
    for clutter in ("cookies", "ADVERTISEMENT", "Sign up", "Related test story", "Share on", "All rights reserved"):
        assert clutter not in source.text
    warc = campaign.parent / "sources" / "test-article.warc.gz"
    from warcio.archiveiterator import ArchiveIterator

    with warc.open("rb") as stream:
        records = list(ArchiveIterator(stream))
    response = next(record for record in records if record.rec_type == "response")
    assert response.rec_headers.get_header("WARC-Target-URI") == f"{site}/2020/08/test-article"
    assert response.http_headers.get_statuscode() == "200"
    assert response.http_headers.get_header("Content-Type") == "text/html; charset=utf-8"
    with warc.open("rb") as stream:
        payload = next(r for r in ArchiveIterator(stream) if r.rec_type == "response").content_stream().read()
    assert payload == news_page(TITLE, TEST_PARAGRAPHS)
    recorded = read_lock(campaign.parent).evidence["test-article.warc.gz"]
    assert recorded.sha256 == hashlib.sha256(warc.read_bytes()).hexdigest()
    assert recorded.extractor.startswith(f"factsheet-extract {EXTRACTION_REVISION}; trafilatura ")
    assert "sources/test-article.txt (107 words) and its evidence" in result.stdout
    assert '- text: "This is a test quotation that the capture must keep word for word"' in result.stdout
    assert 'speaker: "Test Speaker"' in result.stdout


def test_a_quote_from_the_captured_text_verifies(campaign: Path, site: str) -> None:
    assert add(campaign, f"{site}/2020/08/test-article", "--id", "test-article").exit_code == 0
    quote_the_test_article(campaign)
    result = CliRunner().invoke(main, ["check", str(campaign)])
    assert result.exit_code == 0, result.output
    assert "6 quotes" in result.output
    assert "'test-article' has no recorded fingerprint yet" in result.output


def test_what_the_page_does_not_state_stays_empty(campaign: Path, site: str) -> None:
    result = add(campaign, f"{site}/no-date", "--id", "no-date")
    assert result.exit_code == 0, result.output
    source = load_source(campaign.parent / "sources" / "no-date.txt")
    assert source.meta.published is None and source.meta.author is None
    assert source.meta.url == f"{site}/no-date", "the address it was fetched from"
    assert source.meta.publisher == "Example News (TEST PAGE)", "a page that claims no other address"
    assert "left empty: author, published" in result.output
    written = (campaign.parent / "sources" / "no-date.txt").read_text()
    assert "\nauthor:\n" in written and "\npublished:\n" in written


def test_a_redirect_is_followed_and_recorded_at_its_final_address(campaign: Path, site: str) -> None:
    assert add(campaign, f"{site}/old-address", "--id", "moved").exit_code == 0
    warc = gzip.decompress((campaign.parent / "sources" / "moved.warc.gz").read_bytes())
    assert f"WARC-Target-URI: {site}/2020/08/test-article".encode() in warc
    assert b'"requested"' in warc or b"requested: " in warc


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/paywall", "refused to serve the page to factsheet (402"),
        ("/teaser", "no article text was found in this page"),
        ("/cover", "no article text was found in this page"),
        ("/picture.png", "serves 'image/png', not a web page or a PDF"),
        ("/to-a-file", "only web addresses starting with http:// or https:// can be fetched"),
        ("/missing", "the site says this page does not exist (404"),
        ("/huge", "the response is larger than 0 MB"),
        ("/slow", "the site did not answer within 0.5 seconds"),
    ],
)
def test_a_page_that_cannot_be_captured_is_refused_plainly_and_nothing_is_written(
    campaign: Path, site: str, path: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(factsheet.capture.fetch, "MAX_BYTES", 200_000)
    monkeypatch.setattr(factsheet.capture.fetch, "TIMEOUT_SECONDS", 0.5)
    before = snapshot(campaign)
    result = add(campaign, f"{site}{path}")
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert snapshot(campaign) == before


def test_other_schemes_and_files_are_refused(campaign: Path, tmp_path: Path) -> None:
    for target in ("file:///etc/passwd", "ftp://127.0.0.1/report.pdf", "javascript:alert(1)"):
        result = add(campaign, target)
        assert result.exit_code == 1 and "only web addresses starting with http://" in result.output, target
    text_file = tmp_path / "notes.txt"
    text_file.write_text("some notes")
    result = add(campaign, str(text_file))
    assert result.exit_code == 1 and "a saved web page (.html) or a PDF report (.pdf)" in result.output


def test_an_existing_source_is_replaced_only_when_asked_and_the_changes_are_shown(campaign: Path, site: str) -> None:
    assert add(campaign, f"{site}/2020/08/test-article", "--id", "test-article").exit_code == 0
    before = snapshot(campaign)
    refused = add(campaign, f"{site}/no-date", "--id", "test-article")
    assert refused.exit_code == 1 and "a source named 'test-article' already exists" in refused.output
    assert "--replace" in refused.output and snapshot(campaign) == before
    replaced = add(campaign, f"{site}/no-date", "--id", "test-article", "--replace")
    assert replaced.exit_code == 0, replaced.output
    assert '-author: "Test Reporter"' in replaced.output and "+author:" in replaced.output
    warc = campaign.parent / "sources" / "test-article.warc.gz"
    recorded = read_lock(campaign.parent).evidence["test-article.warc.gz"]
    assert recorded.sha256 == hashlib.sha256(warc.read_bytes()).hexdigest()
    assert recorded.extractor.startswith(f"factsheet-extract {EXTRACTION_REVISION}; trafilatura ")


def test_an_edited_capture_fails_the_check_and_recording_does_not_bless_it(campaign: Path, site: str) -> None:
    assert add(campaign, f"{site}/2020/08/test-article", "--id", "test-article").exit_code == 0
    quote_the_test_article(campaign)
    assert CliRunner().invoke(main, ["check", str(campaign), "--record", *RECORD]).exit_code == 0
    warc = campaign.parent / "sources" / "test-article.warc.gz"
    warc.write_bytes(gzip.compress(gzip.decompress(warc.read_bytes()).replace(b"1,234", b"9,234")))
    result = CliRunner().invoke(main, ["check", str(campaign)])
    assert result.exit_code == 1
    assert "the captured copy test-article.warc.gz of 'test-article' changed since it was captured" in result.output
    assert CliRunner().invoke(main, ["check", str(campaign), "--record", *RECORD]).exit_code == 1
    warc.unlink()
    result = CliRunner().invoke(main, ["check", str(campaign)])
    assert "the captured copy test-article.warc.gz of 'test-article' is missing" in result.output


def test_a_saved_copy_of_a_seed_article_gives_a_source_the_example_quotes_verify_against(
    campaign: Path, tmp_path: Path
) -> None:
    """The seed's text inside a realistic page (navigation, ads, cookie banner, related links), with none of
    the details the seed does not state: the capture replaces the hand-made source, and every quote, excerpt
    and number of the example that cites it still verifies."""
    seed = campaign.parent / "sources" / "verge-ingram-facial-recognition.txt"
    original = load_source(seed)
    paragraphs = [" ".join(paragraph.split()) for paragraph in original.text.split("\n\n") if paragraph.strip()]
    saved = tmp_path / "NYPD used facial recognition.html"
    page = news_page(
        original.meta.title, paragraphs, publisher=original.meta.publisher, author=None, published=None, url=None
    )
    saved.write_bytes(page)
    seed.unlink()
    result = add(campaign, str(saved), "--id", "verge-ingram-facial-recognition")
    assert result.exit_code == 0, result.output
    captured = load_source(seed)
    assert captured.meta.title == original.meta.title and captured.meta.publisher == original.meta.publisher
    assert (campaign.parent / "sources" / "verge-ingram-facial-recognition.html").read_bytes() == page
    checked = CliRunner().invoke(main, ["check", str(campaign)])
    errors = [line for line in checked.output.splitlines() if ": error: " in line]
    assert errors == [
        line
        for line in errors
        if "the text of 'verge-ingram-facial-recognition' changed since it was last reviewed" in line
    ]
    assert CliRunner().invoke(main, ["check", str(campaign), "--record", *RECORD]).exit_code == 0
    assert CliRunner().invoke(main, ["check", str(campaign)]).exit_code == 0


def test_the_archive_edition_carries_the_captured_evidence(campaign: Path, site: str, tmp_path: Path) -> None:
    assert add(campaign, f"{site}/2020/08/test-article", "--id", "test-article").exit_code == 0
    assert CliRunner().invoke(main, ["check", str(campaign), "--record", *RECORD]).exit_code == 0
    output = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(campaign), "--archive", "--paper", "letter", "-o", str(output)])
    assert result.exit_code == 0, result.output
    from pypdf import PdfReader

    [pdf] = output.glob("*-archive.pdf")
    attached = PdfReader(pdf).attachments
    warc = campaign.parent / "sources" / "test-article.warc.gz"
    assert attached["sources/test-article.warc.gz"] == [warc.read_bytes()]


def cite_report(campaign: Path, page: int) -> None:
    """Make the example's first fact also cite the test report's page `page` (labelled test data)."""
    sheet = campaign.read_text()
    first_cite = "    cite:\n      - source: verge-ingram-facial-recognition\n"
    extra = (
        "      - source: test-report\n"
        "        excerpt: the test department processed 1,234 test requests\n"
        f"        page: {page}\n"
    )
    campaign.write_text(sheet.replace(first_cite, first_cite.replace("    cite:\n", "    cite:\n" + extra), 1))


def test_a_pdf_report_is_captured_page_by_page_and_a_fact_cites_its_page(
    campaign: Path, site: str, tmp_path: Path
) -> None:
    result = add(campaign, f"{site}/report.pdf", "--id", "test-report")
    assert result.exit_code == 0, result.output
    assert "a line [page N] starts each page" in result.output
    source = load_source(campaign.parent / "sources" / "test-report.txt")
    assert source.meta.title == REPORT_TITLE and source.meta.author == "Test Department"
    assert source.meta.published is None
    assert sorted(source.pages) == [1, 2, 3]
    for number, paragraphs in enumerate(REPORT_PAGES, start=1):
        start, end = source.pages[number]
        assert [" ".join(p.split()) for p in source.text[start:end].split("\n\n") if p.strip()] == paragraphs
    cite_report(campaign, 2)
    checked = CliRunner().invoke(main, ["check", str(campaign)])
    assert checked.exit_code == 0, checked.output
    output = tmp_path / "out"
    arguments = ["build", str(campaign), "--layout", "trifold", "--paper", "letter", "-o", str(output)]
    built = CliRunner().invoke(main, arguments)
    assert built.exit_code == 0, built.output
    from pypdf import PdfReader

    pages = PdfReader(output / "banthescan-trifold-letter.pdf").pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert f"{REPORT_TITLE}”, Test Department, n.d., p. 2, {site}/report.pdf." in text.replace("\xa0", " ")


def test_a_wrong_page_names_the_page_the_excerpt_is_on(campaign: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.pdf"
    report.write_bytes(report_pdf())
    assert add(campaign, str(report), "--id", "test-report").exit_code == 0
    assert (campaign.parent / "sources" / "test-report.pdf").read_bytes() == report.read_bytes()
    captured = load_source(campaign.parent / "sources" / "test-report.txt")
    assert captured.meta.retrieved is None and captured.meta.url is None, "a file states neither"
    cite_report(campaign, 3)
    result = CliRunner().invoke(main, ["check", str(campaign)])
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(campaign.read_text().splitlines(), 1) if "page: 3" in text)
    assert f"sheet.yaml:{line}:15: error: this excerpt is on page 2 of 'test-report', not on page 3" in result.output
    assert "fix: cite page: 2" in result.output


def test_a_page_on_an_article_says_pages_are_for_reports(campaign: Path) -> None:
    sheet = campaign.read_text()
    excerpt = (
        "excerpt: official statistics stating that the department processed 9,850 requests using the software in 2019"
    )
    assert excerpt in sheet
    campaign.write_text(sheet.replace(excerpt, excerpt + "\n        page: 1", 1))
    result = CliRunner().invoke(main, ["check", str(campaign)])
    assert "'verge-ingram-facial-recognition' has no pages: page is for a report captured from a PDF" in result.output


def test_a_saved_page_gives_the_address_the_browser_noted(campaign: Path, tmp_path: Path) -> None:
    page = news_page(TITLE, TEST_PARAGRAPHS, url=None)
    saved = tmp_path / "saved.html"
    saved.write_bytes(b"<!-- saved from url=(0041)https://news.example.org/2020/08/saved -->\n" + page)
    result = add(campaign, str(saved), "--id", "saved")
    assert result.exit_code == 0, result.output
    source = load_source(campaign.parent / "sources" / "saved.txt")
    assert source.meta.url == "https://news.example.org/2020/08/saved"
    assert source.meta.retrieved is None and "left empty: retrieved" in result.output


def test_a_document_that_takes_too_long_to_read_is_stopped(
    campaign: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import factsheet.capture

    monkeypatch.setattr(factsheet.capture, "EXTRACT_SECONDS", 0.001)
    saved = tmp_path / "saved.html"
    saved.write_bytes(news_page(TITLE, TEST_PARAGRAPHS * 50))
    before = snapshot(campaign)
    result = add(campaign, str(saved), "--id", "slow")
    assert result.exit_code == 1
    assert "reading the document took longer than 0.001 seconds and was stopped" in result.output
    assert snapshot(campaign) == before


def test_a_campaign_without_a_sources_folder_gets_one(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["new", str(tmp_path / "fresh")]).exit_code == 0
    sources = tmp_path / "fresh" / "sources"
    for path in sources.iterdir():
        path.unlink()
    sources.rmdir()
    saved = tmp_path / "saved.html"
    saved.write_bytes(news_page(TITLE, TEST_PARAGRAPHS))
    result = add(tmp_path / "fresh" / "sheet.yaml", str(saved))
    assert result.exit_code == 0, result.output
    assert (sources / "example-news-test-article-test-council.txt").is_file(), "a short id: publisher and title words"


def test_a_sources_folder_linking_out_of_the_campaign_is_refused(campaign: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    sources = campaign.parent / "sources"
    for path in sources.iterdir():
        path.unlink()
    sources.rmdir()
    sources.symlink_to(outside)
    saved = tmp_path / "saved.html"
    saved.write_bytes(news_page(TITLE, TEST_PARAGRAPHS))
    result = add(campaign, str(saved))
    assert result.exit_code == 1 and "the sources folder is a link to a folder outside the campaign" in result.output
    assert list(outside.iterdir()) == []


def test_a_byline_keeps_the_full_stops_of_its_initials(campaign: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.html"
    saved.write_bytes(news_page(TITLE, TEST_PARAGRAPHS, author="Nelson D. Testwartz"))
    assert add(campaign, str(saved), "--id", "test-article").exit_code == 0
    assert load_source(campaign.parent / "sources" / "test-article.txt").meta.author == "Nelson D. Testwartz"
