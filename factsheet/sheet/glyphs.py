"""No tofu on paper: every character a sheet prints must have a glyph in the bundled fonts.

A character the fonts lack prints as an empty box (or in some fallback font the machine happens to have), and
nobody notices until the handout is in someone's hand. The check runs on the sheet's text before rendering
and names the character, its code point and the YAML line.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from factsheet.errors import Problem
from factsheet.sheet.assets import NamedFiles
from factsheet.sheet.coverage import family_characters
from factsheet.sheet.load import text_fields
from factsheet.sheet.validate import LocatedSheet
from factsheet.translate.languages import STRINGS_FOLDER


@cache
def covered_characters(language_code: str = "en") -> frozenset[int]:
    """Every code point the fonts a handout in this language prints with have a glyph for: Inter, then the
    bundled fonts of the language's script (an English sheet with a Chinese character is refused even though
    a Chinese font is bundled: the English font stack would not reach it)."""
    from factsheet.errors import FactsheetError, Location
    from factsheet.translate.languages import language

    try:
        fonts = language(language_code, Location.of(STRINGS_FOLDER)).fonts
    except FactsheetError:
        fonts = ()
    return family_characters(("Inter", "Inter Display", *fonts))


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


def missing_glyphs(located: LocatedSheet, files: NamedFiles, also: tuple[str, ...] = ()) -> list[Problem]:
    """One problem per text field holding characters no bundled font, nor any font the theme brings, can print.
    `also` are further bundled families the handout prints with (those of a quoted source's language)."""
    covered = covered_characters(located.sheet.language) | theme_font_characters(files) | family_characters(also)
    problems = []
    for path, text in text_fields(located.yaml.data):
        missing = sorted({character for character in text if _printed(character) and ord(character) not in covered})
        if missing:
            names = ", ".join(
                f"'{character}' (U+{ord(character):04X} {unicodedata.name(character, '?')})" for character in missing
            )
            problems.append(
                Problem(
                    located.yaml.locate(path),
                    f"no bundled font for {_name(located.sheet.language)} has {names}: it would print as an empty box",
                    "replace the character, or add an open-licence font that has it to templates/fonts",
                )
            )
    return problems


def _printed(character: str) -> bool:
    return not character.isspace() and unicodedata.category(character)[0] != "C"


def _name(language_code: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(language_code.replace("-", "_")).get_display_name("en"))
    except (ValueError, UnknownLocaleError):
        return language_code
