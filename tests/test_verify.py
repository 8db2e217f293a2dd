"""The first misquote gate: exact after typography folding, on word boundaries, never fuzzy."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factsheet.pipeline import check
from factsheet.verify.normalize import find_verbatim, normalize
from tests.conftest import line_of

CAHN = "No police department can be trusted with a surveillance tool this dangerous, but especially not the NYPD"


def errors(sheet: Path) -> list[str]:
    report = check(sheet).report
    return [f"{problem.location.line}: {problem.message}" for problem in report.problems if problem.severity == "error"]


def test_example_is_fully_verified(campaign: Path) -> None:
    report = check(campaign).report
    assert report.ok
    assert (report.quotes_checked, report.excerpts_checked, report.numbers_checked) == (5, 12, 12)
    assert [problem.message for problem in report.problems] == [
        *[
            f"'{source}' has no URL and no date, so its endnote cannot show one"
            for source in (
                "itechpost-de-blasio-reassess",
                "mte-activists-target-facial-recognition",
                "nypd-caught-using-facial-recognition",
                "verge-ingram-facial-recognition",
            )
        ],
        "'https://example.org/placeholder-campaign-link' is a placeholder address",
        "'placeholder@example.org' is a placeholder address",
        "'Your organisation’s name (placeholder)' is placeholder text",
    ]
    assert all(problem.details[0].startswith("its note says: ") for problem in report.problems[:4])
    assert all(problem.severity == "warning" for problem in report.problems)


def test_changed_word_is_refused_with_the_closest_passage(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = edit_sheet(CAHN, CAHN.replace("dangerous", "risky"))
    report = check(sheet).report
    (problem,) = [problem for problem in report.problems if problem.severity == "error"]
    assert problem.location.line == line_of(sheet, "risky")
    assert problem.message == "this quote is not word for word in 'nypd-caught-using-facial-recognition'"
    source_line = line_of(sheet.parent / "sources" / "nypd-caught-using-facial-recognition.txt", '"No police')
    assert problem.details == (
        f'closest passage, nypd-caught-using-facial-recognition.txt line {source_line}: "{CAHN},"',
        "difference: No police department can be trusted with a surveillance tool this [-dangerous,-] {+risky,+} "
        "but especially not the NYPD",
    )
    assert not report.ok


def test_dropped_not_is_refused(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = edit_sheet("but especially not the NYPD", "but especially the NYPD")
    assert errors(sheet) == [
        f"{line_of(sheet, 'but especially the NYPD')}: "
        "this quote is not word for word in 'nypd-caught-using-facial-recognition'"
    ]


def test_quote_found_in_another_source_names_it(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = edit_sheet(
        "    role: Executive Director, Surveillance Technology Oversight Project (STOP)\n"
        "    source: nypd-caught-using-facial-recognition",
        "    role: Executive Director, Surveillance Technology Oversight Project (STOP)\n"
        "    source: verge-ingram-facial-recognition",
    )
    assert errors(sheet) == [
        f"{line_of(sheet, CAHN)}: this quote is not in 'verge-ingram-facial-recognition' "
        "but is in 'nypd-caught-using-facial-recognition'"
    ]


def test_changed_number_in_a_fact_is_refused(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = edit_sheet('  - figure: "9,850"', '  - figure: "9,851"')
    assert errors(sheet) == [f"{line_of(sheet, '9,851')}: the number 9,851 is not in this fact's excerpt"]


def test_number_must_match_as_a_whole_token(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = edit_sheet('  - figure: "2011"', '  - figure: "011"')
    line = line_of(sheet, 'figure: "011"')
    assert errors(sheet) == [f"{line}: the number 011 is not in this fact's excerpt"]


def test_fact_without_excerpt_is_refused(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = edit_sheet(
        "        excerpt: The NYPD has been using facial recognition software to identify suspects since 2011\n", ""
    )
    line = line_of(sheet, "the year since which")
    assert errors(sheet) == [f"{line + 3}: this fact has no supporting excerpt"]


@pytest.mark.parametrize(
    ("quoted", "found"),
    [
        ("it’s possible", True),  # curly apostrophe in both
        ("it's possible", True),  # straight apostrophe in the quote
        ("it\u2019s\u00a0possible", True),  # no-break space
        ("It’s possible to\n   ban it", True),  # line-wrapped quote, first letter capitalised
        ("its possible", False),
        ("s possible", False),  # starts inside a word
        ("it’s possibl", False),  # ends inside a word
        ("IT’S possible", False),  # case is never folded beyond the first letter
    ],
)
def test_typography_is_folded_but_nothing_else(quoted: str, found: bool) -> None:
    source = normalize("that shows that it’s possible to ban it almost anywhere.")
    assert (find_verbatim(normalize(quoted), source) >= 0) is found


def test_the_word_diff_shows_a_punctuation_difference() -> None:
    from factsheet.verify.diff import word_diff

    source = ["We", "will", "not", "close", "the", "library,", "and", "we", "never", "planned", "to,"]
    quoted = ["We", "will", "not", "close", "the", "library", "and", "we", "never", "planned", "to"]
    assert word_diff(source, quoted) == "We will not close the [-library,-] {+library+} and we never planned to"
    assert word_diff(['"We', "will"], ["we", "will"]) == "we will", "quote marks and the first letter's case are not"


def test_a_name_suffix_is_not_the_surname() -> None:
    from factsheet.verify.names import surname

    assert [surname(name) for name in ("Martin Luther King Jr.", "Bill de Blasio", "Ana Ruiz III")] == [
        "King",
        "Blasio",
        "Ruiz",
    ]
