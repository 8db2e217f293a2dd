"""No tofu on paper: every character a sheet prints must have a glyph in the fonts it prints with.

A character the fonts lack prints as an empty box (or in some fallback font the machine happens to have), and
nobody notices until the handout is in someone's hand. The check runs on the sheet's text (and on each
translation's) before rendering and names the character, its code point and the line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from factsheet.errors import Problem
from factsheet.sheet.assets import NamedFiles
from factsheet.sheet.coverage import family_characters
from factsheet.sheet.load import text_fields
from factsheet.sheet.validate import LocatedSheet

if TYPE_CHECKING:
    from factsheet.translate.languages import Language

EMPTY_BOX = "it would print as an empty box"


@cache
def covered_characters(language_code: str = "en") -> frozenset[int]:
    """Every code point the bundled fonts a handout in this language prints with have a glyph for: Inter, then
    the bundled fonts of the language's script (an English sheet with a Chinese character is refused even
    though a Chinese font is bundled: the English font stack would not reach it)."""
    return family_characters(("Inter", "Inter Display", *_language_fonts(language_code)))


def theme_font_characters(files: NamedFiles) -> frozenset[int]:
    """Every code point the fonts a theme brings have glyphs for (the ones that passed their checks)."""
    from fontTools.ttLib import TTFont, TTLibError

    covered: set[int] = set()
    for path in files.fonts.values():
        try:
            with TTFont(path, lazy=True) as opened:
                covered.update(opened.getBestCmap() or {})
        except (TTLibError, OSError, AssertionError):
            continue
    return frozenset(covered)


def missing_glyphs(located: LocatedSheet, covered: frozenset[int]) -> list[Problem]:
    """One problem per text field holding characters none of the `covered` code points print (the sheet
    language's bundled fonts, the theme's fonts, those of a quoted source's language)."""
    problems = []
    for path, text in text_fields(located.yaml.data):
        missing = unprintable(text, covered)
        if missing:
            problems.append(
                Problem(
                    located.yaml.locate(path),
                    f"no bundled font for {_name(located.sheet.language)} has {describe(missing)}: {EMPTY_BOX}",
                    "replace the character, or add an open-licence font that has it to templates/fonts",
                )
            )
    return problems


def unprintable(text: str, covered: frozenset[int]) -> list[str]:
    """The characters of `text`, each once and in code-point order, that would print but have no glyph."""
    return sorted({character for character in text if _printed(character) and ord(character) not in covered})


def describe(characters: Iterable[str]) -> str:
    """Characters as a reader can find them: `'止' (U+6B62 CJK UNIFIED IDEOGRAPH-6B62)`."""
    return ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, '?')})" for c in characters)


def _printed(character: str) -> bool:
    return not character.isspace() and unicodedata.category(character)[0] != "C"


def _language_fonts(language_code: str) -> tuple[str, ...]:
    found = _language(language_code)
    return found.fonts if found is not None else ()


def _name(language_code: str) -> str:
    found = _language(language_code)
    return found.name if found is not None else language_code


def _language(language_code: str) -> Language | None:
    """The language's strings table; an unknown code is the sheet's own error, reported by validation."""
    from factsheet.errors import FactsheetError, Location
    from factsheet.translate.languages import STRINGS_FOLDER, language

    try:
        return language(language_code, Location.of(STRINGS_FOLDER))
    except FactsheetError:
        return None
