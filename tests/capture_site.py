"""The loopback web site the capture tests fetch from (127.0.0.1 only, proxies cleared), and helpers to add a
source from it and quote it. Its pages are written for the tests and labelled TEST."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner, Result

from factsheet.cli import main
from tests.pages.news import news_page
from tests.pages.report import report_pdf

TEST_PARAGRAPHS = [
    "TEST ARTICLE. The test council met on Tuesday to discuss the test proposal, which would change how the "
    "test department uses its test equipment in public places.",
    "“This is a test quotation that the capture must keep word for word,” said Test Speaker, a spokesperson "
    "for the test coalition. “We wrote it only for this test.”",
    "The test department said it processed 1,234 test requests in the test year, according to figures it "
    "released to the test newspaper.",
    "Test Official, the head of the test department, said the equipment was “used only as a lead, never as "
    "proof,” and that the department would publish a test policy.",
]
RECORD = ("--yes", "--by", "Test Reviewer (invented)")
TITLE = "TEST ARTICLE: Test council weighs test proposal"


class Site(BaseHTTPRequestHandler):
    """The test pages, by path."""

    pages: ClassVar[dict[str, tuple[int, str, bytes, dict[str, str]]]] = {}

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        if self.path == "/short":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "50000")
            self.end_headers()
            self.wfile.write(b"<p>TEST: only part of the page</p>")
            self.close_connection = True
            return
        if self.path == "/slow":
            time.sleep(2)
        status, content_type, body, headers = self.pages.get(self.path, (404, "text/plain", b"not found", {}))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    html = "text/html; charset=utf-8"
    Site.pages = {
        "/2020/08/test-article": (200, html, news_page(TITLE, TEST_PARAGRAPHS), {}),
        "/no-date": (200, html, news_page(TITLE, TEST_PARAGRAPHS, published=None, author=None, url=None), {}),
        "/old-address": (301, html, b"", {"Location": "/2020/08/test-article"}),
        "/to-a-file": (302, html, b"", {"Location": "file:///etc/passwd"}),
        "/paywall": (402, html, b"<p>Subscribe to read</p>", {}),
        "/teaser": (200, html, news_page(TITLE, TEST_PARAGRAPHS[:1], paywalled=True), {}),
        "/cover": (200, html, b"<html><body><nav><a href='/'>Home</a></nav><p>Welcome</p></body></html>", {}),
        "/picture.png": (200, "image/png", b"\x89PNG\r\n\x1a\n", {}),
        "/huge": (200, html, b"<p>" + b"x" * 300_000 + b"</p>", {}),
        "/slow": (200, html, news_page(TITLE, TEST_PARAGRAPHS), {}),
        "/report.pdf": (200, "application/pdf", report_pdf(), {}),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy set in the environment must not carry the tests' requests anywhere beyond 127.0.0.1."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")


def add(campaign: Path, *arguments: str) -> Result:
    return CliRunner().invoke(main, ["source", "add", *arguments, str(campaign.parent)], catch_exceptions=False)


def quote_the_test_article(campaign: Path) -> None:
    """Add to the sheet a quote taken from the captured test article (labelled test data)."""
    quote = (
        "  - text: This is a test quotation that the capture must keep word for word\n"
        "    speaker: Test Speaker\n    role: spokesperson for the test coalition (TEST)\n"
        "    source: test-article\n\n"
    )
    campaign.write_text(campaign.read_text().replace("quotes:\n", "quotes:\n" + quote, 1))
