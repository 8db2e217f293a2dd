"""Schema errors: plain words, the right line, every problem at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factsheet.errors import FactsheetError
from factsheet.pipeline import check
from tests.conftest import line_of


def problems_of(sheet: Path) -> list[str]:
    with pytest.raises(FactsheetError) as caught:
        check(sheet)
    return [
        f"{problem.location.line}:{problem.location.column}: {problem.message} | {problem.hint}"
        for problem in caught.value.problems
    ]


def test_the_example_sheet_is_valid(campaign: Path) -> None:
    result = check(campaign)
    assert result.located.sheet.slug == "banthescan"
    assert len(result.located.sheet.quotes) == 5
    assert {quote.speaker for quote in result.located.sheet.quotes} >= {
        "Albert Fox Cahn",
        "Michael Kleinman",
        "Brad Hoylman",
        "Bill de Blasio",
        "Derrick Ingram",
    }


def test_unknown_key_suggests_the_closest_field(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = edit_sheet("    speaker: Michael Kleinman", "    speeker: Michael Kleinman")
    quote_line = line_of(sheet, "  - text: If we can get New York")
    assert problems_of(sheet) == [
        f"{quote_line}:5: 'speaker' is missing | add a line 'speaker: ...' here",
        f"{line_of(sheet, 'speeker:')}:5: 'speeker' is not a known field here | did you mean 'speaker'?",
    ]


def test_missing_top_level_field(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = edit_sheet("slug: banthescan\n", "")
    first_field = line_of(sheet, "title:")
    assert problems_of(sheet) == [f"{first_field}:1: 'slug' is missing | add a line 'slug: ...' here"]


def test_wrong_type_and_bad_date_are_reported_together(edit_sheet: Callable[[str, str], Path]) -> None:
    edit_sheet("as_of: 2026-11-22", "as_of: 2026-02-30")
    sheet = edit_sheet("title: Ban police facial recognition in New York", "title:\n  - a list")
    assert problems_of(sheet) == [
        f"{line_of(sheet, '- a list')}:3: 'title' must be text, got a list | "
        "write the text on the same line after the colon",
        f"{line_of(sheet, 'as_of:')}:8: 'as_of' must be a real date, got '2026-02-30' | "
        "write the date as YYYY-MM-DD, e.g. 2021-03-15",
    ]


def test_bad_slug_gets_a_format_hint(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = edit_sheet("slug: banthescan", "slug: ../etc/passwd")
    assert problems_of(sheet) == [
        f"{line_of(sheet, 'slug:')}:7: 'slug' has an unusable value '../etc/passwd' | "
        "use lowercase letters, digits and hyphens only, e.g. 'banthescan-2021'"
    ]


def test_citing_a_missing_source_names_the_closest(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = edit_sheet(
        "    source: mte-activists-target-facial-recognition\n\n  - text: Further",
        "    source: mte-activists-target-facial-recognitio\n\n  - text: Further",
    )
    line = line_of(sheet, "source: mte-activists-target-facial-recognitio")
    assert problems_of(sheet) == [
        f"{line}:13: source 'mte-activists-target-facial-recognitio' does not exist | "
        "did you mean 'mte-activists-target-facial-recognition'? Sources are the .txt files in the sources/ folder"
    ]


def test_empty_list_where_one_item_is_required(edit_sheet: Callable[[str, str], Path], campaign: Path) -> None:
    text = campaign.read_text(encoding="utf-8")
    start, end = text.index("facts:\n"), text.index("sections:\n")
    campaign.write_text(text[:start] + "facts: []\n\n" + text[end:], encoding="utf-8")
    assert problems_of(campaign) == [
        f"{line_of(campaign, 'facts: []')}:8: 'facts' needs at least 1 item(s) | add at least 1 '- ' item(s) under it"
    ]


def test_source_front_matter_is_validated_with_its_line(campaign: Path) -> None:
    source = campaign.parent / "sources" / "mte-activists-target-facial-recognition.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("author: Laura Tucker", "auther: Laura Tucker"))
    with pytest.raises(FactsheetError) as caught:
        check(campaign)
    (problem,) = caught.value.problems
    assert problem.location.file.endswith("mte-activists-target-facial-recognition.txt")
    assert (problem.location.line, problem.message, problem.hint) == (
        4,
        "'auther' is not a known field here",
        "did you mean 'author'?",
    )
