"""A PDF report written for the capture tests: three pages of labelled test text, printed by WeasyPrint."""

from __future__ import annotations

import html

REPORT_TITLE = "TEST REPORT: Test department statistics, test year"
REPORT_PAGES = [
    [
        "TEST REPORT. This report is written for factsheet's tests and describes no real department.",
        "Section 1. The test department publishes these test statistics once a test year, as the test council "
        "asked it to in its test resolution.",
    ],
    [
        "Section 2. In the test year the test department processed 1,234 test requests, of which 567 led to "
        "a possible test match.",
        "Each request was reviewed by two test examiners before any result was shared with test investigators.",
    ],
    [
        "Section 3. The test department will report again next test year.",
    ],
]


def report_pdf() -> bytes:
    """The report as a PDF, each page's paragraphs on their own page, with its title in the document info."""
    import weasyprint

    pages = "".join(
        '<section style="break-after: page">' + "".join(f"<p>{html.escape(text)}</p>" for text in page) + "</section>"
        for page in REPORT_PAGES
    )
    document = (
        f"<html><head><title>{html.escape(REPORT_TITLE)}</title><meta name=author content='Test Department'>"
        f"<style>@page {{ size: letter; margin: 1in }} body {{ font: 12pt/1.4 serif }}</style></head>"
        f"<body>{pages}</body></html>"
    )
    pdf = weasyprint.HTML(string=document).write_pdf()
    assert isinstance(pdf, bytes)
    return pdf
