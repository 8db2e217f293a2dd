"""Theme colours must be readable: WCAG AA contrast for every pair the layout prints text in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factsheet.errors import FactsheetError
from factsheet.pipeline import check
from factsheet.sheet.contrast import contrast_ratio
from tests.conftest import line_of


def test_known_ratios() -> None:
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#ffffff", "#ffffff"), 1) == 1.0
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54


def test_the_default_theme_passes(campaign: Path) -> None:
    assert check(campaign).located.sheet.theme.accent == "#d03c24"


def test_a_low_contrast_theme_is_an_error_naming_the_pair(
    edit_sheet: Callable[[str, str], Path],
) -> None:
    sheet = edit_sheet("keywords: [", 'theme:\n  accent: "#ff8a80"\n  tint: "#5a5a5a"\nkeywords: [')
    with pytest.raises(FactsheetError) as caught:
        check(sheet)
    accent, tint = line_of(sheet, "accent:"), line_of(sheet, "tint:")
    assert [(problem.location.line, problem.message) for problem in caught.value.problems] == [
        (
            accent,
            "'paper' (#ffffff) on 'accent' (#ff8a80) contrasts 2.3:1; WCAG AA asks 4.5:1 for the call-to-action box",
        ),
        (accent, "'accent' (#ff8a80) on 'paper' (#ffffff) contrasts 2.3:1; WCAG AA asks 4.5:1 for endnote marks"),
        (tint, "'ink' (#15171c) on 'tint' (#5a5a5a) contrasts 2.6:1; WCAG AA asks 4.5:1 for the demands box"),
    ]


def test_built_in_themes_by_name(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = edit_sheet("keywords: [", "theme: grayscale\nkeywords: [")
    assert check(sheet).located.sheet.theme.accent == "#666666"


def test_a_built_in_theme_as_a_base_with_changes(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = edit_sheet("keywords: [", 'theme:\n  base: grayscale\n  tint: "#f5f5f5"\nkeywords: [')
    theme = check(sheet).located.sheet.theme
    assert (theme.ink, theme.tint) == ("#111111", "#f5f5f5")


def test_an_unknown_theme_lists_the_built_in_ones(edit_sheet: Callable[[str, str], Path]) -> None:
    sheet = edit_sheet("keywords: [", "theme: neon\nkeywords: [")
    with pytest.raises(FactsheetError) as caught:
        check(sheet)
    (problem,) = caught.value.problems
    assert (problem.location.line, problem.message) == (
        line_of(sheet, "theme: neon"),
        "'theme' names no built-in theme 'neon' (there are: campaign, grayscale)",
    )
