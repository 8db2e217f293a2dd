"""A fit error names what runs over, at its line in the sheet, with a fix for that part in this layout:
not a guess that blames sections a poster does not print."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factsheet.errors import FactsheetError
from factsheet.pipeline import BuildRequest, build
from tests.conftest import line_of

LONG_TITLE = "Ban police facial recognition in New York City and every borough, county and town across the state now"


def refusal(sheet: Path, tmp_path: Path, layout: str, *, draft: bool = False) -> tuple[str, str, int | None]:
    request = BuildRequest(papers=("letter",), layouts=(layout,), draft=draft)
    with pytest.raises(FactsheetError) as caught:
        build(sheet, request, output_dir=tmp_path / "out")
    (problem,) = [problem for problem in caught.value.problems if problem.severity == "error"]
    assert not (tmp_path / "out").exists()
    return problem.message, problem.hint, problem.location.line


def test_a_poster_blames_its_headline_not_the_sections_it_does_not_print(
    edit_sheet: Callable[[str, str], Path], tmp_path: Path
) -> None:
    sheet = edit_sheet("title: Ban police facial recognition in New York", f'title: "{LONG_TITLE}"')
    message, hint, line = refusal(sheet, tmp_path, "poster")
    assert "does not fit the poster layout's 1 page(s)" in message
    assert "the headline “Ban police facial recognition in New…”" in message
    assert hint.startswith("shorten the title")
    assert "section" not in hint
    assert line == line_of(sheet, "title:")


def test_a_card_names_the_figure_that_wrapped(edit_sheet: Callable[[str, str], Path], tmp_path: Path) -> None:
    """A figure too wide for the card wraps onto a second line and pushes the ask off its face: the figure is
    named, not the ask it pushed."""
    sheet = edit_sheet('  - figure: "9,850"', '  - figure: "9,850 requests a year"')
    message, hint, line = refusal(sheet, tmp_path, "card", draft=True)
    assert "front of each card" in message and "the key figure “9,850 requests a year”" in message
    assert hint.startswith("shorten the figure")
    assert line == line_of(sheet, "- figure:")


def test_a_card_names_the_label_that_runs_past_its_face(edit_sheet: Callable[[str, str], Path], tmp_path: Path) -> None:
    long_label = "label: facial recognition requests processed by the NYPD in 2019 " + "and more besides " * 14
    sheet = edit_sheet("label: facial recognition requests processed by the NYPD in 2019", long_label)
    message, hint, line = refusal(sheet, tmp_path, "card", draft=True)
    assert "front of each card" in message and "the key figure's label “facial recognition" in message
    assert hint.startswith("shorten the label")
    assert line == line_of(sheet, "- figure:")


def test_a_one_pager_names_the_section_that_runs_over(campaign: Path, tmp_path: Path) -> None:
    text = campaign.read_text(encoding="utf-8")
    extra = "  - heading: More\n    text: " + "A sentence that only takes up room on the page. " * 60 + "\n"
    quotes = text.index("\nquotes:") + 1
    campaign.write_text(text[:quotes] + extra + text[quotes:], encoding="utf-8")
    message, hint, line = refusal(campaign, tmp_path, "onepager", draft=True)
    assert "does not fit the onepager layout's 1 page(s)" in message
    assert "the section “More A sentence that only takes…”" in message
    assert hint.startswith("shorten the narrative sections")
    assert line == line_of(campaign, "  - heading: More")
