"""The HTML stage: golden output for the example, escaping, strict templates, endnote numbering."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factsheet.pipeline import check
from factsheet.render.html import endnote_numbers, render_html, superscript

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_example_html_matches_golden(campaign: Path, paper: str, update_references: bool) -> None:
    checked = check(campaign)
    rendered = render_html(checked.located, checked.sources, checked.files, paper=paper)
    golden = GOLDEN / f"banthescan-{paper}.html"
    if update_references:
        golden.write_text(rendered.html, encoding="utf-8")
    assert rendered.html == golden.read_text(encoding="utf-8"), "HTML changed: review, then --update-references"
    assert rendered.stylesheets[-1] == {"letter": "@page { size: letter; }", "a4": "@page { size: A4; }"}[paper]


def test_text_is_escaped_not_interpreted(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = edit_sheet(
        "title: Ban police facial recognition in New York",
        "title: \"Ban <b>police</b> <link rel='attachment' href='file:///etc/passwd'>\"",
    )
    checked = check(sheet)
    html = render_html(checked.located, checked.sources, checked.files).html
    assert "<b>police</b>" not in html and "<link rel='attachment'" not in html
    assert "Ban &lt;b&gt;police&lt;/b&gt; &lt;link rel=&#39;attachment&#39;" in html


def test_sources_are_numbered_in_reading_order(campaign: Path) -> None:
    assert endnote_numbers(check(campaign).located.sheet) == {
        "verge-ingram-facial-recognition": 1,
        "itechpost-de-blasio-reassess": 2,
        "nypd-caught-using-facial-recognition": 3,
        "gothamist-facial-recognition-unit": 4,
        "mte-activists-target-facial-recognition": 5,
    }


def test_superscript_digits() -> None:
    assert superscript(1) == "¹"
    assert superscript(12) == "¹²"
    assert superscript(4090) == "⁴⁰⁹⁰"
