"""The languages a handout can be printed in: each is a strings table in `templates/strings/<code>.yaml`.

The table holds every label a template prints and the language's typography, as data: its direction, the
bundled font families its script needs after Inter, line height, whether words may hyphenate, whether words
are kept whole at line ends (Korean), and its CLDR locale, through which dates and numbers are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from babel import Locale, UnknownLocaleError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factsheet.errors import FactsheetError, Location, Problem
from factsheet.resources import TEMPLATES_DIR
from factsheet.sheet.load import load_yaml_file

if TYPE_CHECKING:
    from collections.abc import Mapping

    from factsheet.sheet.validate import LocatedSheet
    from factsheet.verify.sources import Source

STRINGS_FOLDER = TEMPLATES_DIR / "strings"


class Strings(BaseModel):
    """One language's strings table, typed: every label the templates print and the language's typography.
    Unknown keys are errors, so a misspelt setting is named rather than ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    direction: Literal["ltr", "rtl"] = "ltr"
    locale: str | None = None
    english_name: str | None = None
    """Where New York says the language's name otherwise than CLDR (Bengali, not Bangla)."""
    fonts: tuple[str, ...] = ()
    hyphenate: bool | None = None
    keep_words: bool = False
    """Keep words whole at line ends (Korean breaks between words, not syllables)."""
    line_height: float | None = Field(None, gt=0.8, lt=3)
    display_line_height: float = Field(1.25, gt=0.8, lt=3)
    small_print_line_height: float | None = Field(None, gt=0.8, lt=3)
    """The small print's (endnotes, colophon: mostly source titles in Latin script), where the body's tall
    leading would waste the room a one-page handout needs (Nastaliq)."""
    script: str | None = None
    script_scale: float | None = Field(None, gt=0.5, lt=2)
    """Runs of `script` print this much larger (Arabic script reads small beside Latin at one size)."""
    date_format: str | None = None
    months: tuple[str, ...] | None = Field(None, min_length=12, max_length=12)
    """With `date_format`, for a language CLDR has no long date format for."""
    language_names: dict[str, str] = Field(default_factory=dict)
    key_figures: str
    in_their_words: str
    we_demand: str
    sources: str
    as_of: str
    no_date: str
    page: str
    pages: str
    published_by: str
    partners: str
    scan_to_act: str
    draft_mark: str
    quote_open: str
    quote_close: str
    list_separator: str
    translated_from: str
    unreviewed: str
    checked_by: str


@dataclass(frozen=True)
class Language:
    """A language a handout can be printed in, with its labels and typography."""

    code: str
    strings: Strings

    @property
    def locale(self) -> Locale:
        return Locale.parse((self.strings.locale or self.code).replace("-", "_"))

    @property
    def name(self) -> str:
        """The language's English name, for messages: 'Chinese (Traditional)' (the table's `english_name`
        where New York says it otherwise than CLDR: Bengali, not Bangla)."""
        return self.strings.english_name or str(self.locale.get_display_name("en"))

    @property
    def fonts(self) -> tuple[str, ...]:
        return self.strings.fonts

    @property
    def direction(self) -> str:
        return self.strings.direction

    def name_in(self, other: Language) -> str:
        """This language's name as `other` writes it ('inglés' for English in Spanish); the strings table can
        give it where CLDR does not."""
        given = other.strings.language_names.get(self.code)
        return str(given or self.locale.get_display_name(other.locale) or self.name)


def language(code: str, where: Location) -> Language:
    """The language with this code, or a user error at `where` listing the ones there are."""
    path = STRINGS_FOLDER / f"{code}.yaml"
    if not path.is_file() or "/" in code or code.startswith("."):
        raise FactsheetError.at(
            where,
            f"factsheet has no labels for language '{code}'",
            f"use one of: {', '.join(available())}, or add templates/strings/{code}.yaml",
        )
    try:
        return Language(code, _table(path, path.stat().st_mtime_ns))
    except ValidationError as error:
        loaded = load_yaml_file(path)
        raise FactsheetError(
            [
                Problem(
                    loaded.locate(tuple(detail["loc"][:1])) if detail["loc"] else Location.of(path),
                    f"the strings table's {'.'.join(map(str, detail['loc'])) or 'content'}: {detail['msg']}",
                    "see templates/strings/en.yaml for every key and what it holds",
                )
                for detail in error.errors(include_url=False)
            ]
        ) from None
    except (UnknownLocaleError, ValueError) as error:
        raise FactsheetError.at(
            Location.of(path), f"unknown CLDR locale: {error}", "set locale: to a code Babel knows"
        ) from None


def quoted_fonts(located: LocatedSheet, sources: Mapping[str, Source]) -> tuple[str, ...]:
    """The bundled font families of the languages the sheet's cited sources are written in, where a source says
    it is in another language than the sheet's (a quote from a Chinese article prints in a Chinese font). A
    language factsheet has no table for needs none: its characters are checked against the sheet's fonts."""
    from factsheet.sheet.validate import cited_sources

    cited = {source_id for _path, source_id in cited_sources(located.sheet) if source_id in sources}
    codes = sorted({code for source_id in cited if (code := sources[source_id].meta.language)})
    families: list[str] = []
    for code in codes:
        if code != located.sheet.language and (STRINGS_FOLDER / f"{code}.yaml").is_file():
            families += language(code, Location.of(STRINGS_FOLDER)).fonts
    return tuple(dict.fromkeys(families))


def available() -> list[str]:
    return sorted(path.stem for path in STRINGS_FOLDER.glob("*.yaml"))


@cache
def _table(path: Path, _modified: int) -> Strings:
    data = load_yaml_file(path).data
    strings = Strings.model_validate(data if isinstance(data, dict) else {})
    Locale.parse((strings.locale or path.stem).replace("-", "_"))
    return strings
