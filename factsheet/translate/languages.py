"""The languages a handout can be printed in: each is a strings table in `templates/strings/<code>.yaml`.

The table holds every label a template prints and the language's typography, as data: its direction, the
bundled font families its script needs after Inter, line height, whether words may hyphenate, whether words
are kept whole at line ends (Korean), and its CLDR locale, through which dates and numbers are written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError

from factsheet.errors import FactsheetError, Location
from factsheet.resources import TEMPLATES_DIR
from factsheet.sheet.load import load_yaml_file

if TYPE_CHECKING:
    from collections.abc import Mapping

    from factsheet.sheet.validate import LocatedSheet
    from factsheet.verify.sources import Source

STRINGS_FOLDER = TEMPLATES_DIR / "strings"


@dataclass(frozen=True)
class Language:
    """A language a handout can be printed in, with its labels and typography."""

    code: str
    strings: dict[str, Any]

    @property
    def locale(self) -> Locale:
        return Locale.parse(str(self.strings.get("locale", self.code)).replace("-", "_"))

    @property
    def name(self) -> str:
        """The language's English name, for messages: 'Chinese (Traditional)' (the table's `english_name`
        where New York says it otherwise than CLDR: Bengali, not Bangla)."""
        return str(self.strings.get("english_name") or self.locale.get_display_name("en"))

    @property
    def fonts(self) -> tuple[str, ...]:
        return tuple(self.strings.get("fonts", ()))

    @property
    def direction(self) -> str:
        return str(self.strings.get("direction", "ltr"))

    def flag(self, name: str) -> bool | None:
        """A yes/no setting of the table (`hyphenate`, `keep_words`); None where the table does not say.
        Strings tables are read as strict YAML, where `true` is text, not a boolean."""
        value = self.strings.get(name)
        return None if value is None else str(value).strip().lower() in ("true", "yes")

    def name_in(self, other: Language) -> str:
        """This language's name as `other` writes it ('inglés' for English in Spanish); the strings table can
        give it where CLDR does not."""
        given = other.strings.get("language_names", {}).get(self.code)
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
def _table(path: Path, _modified: int) -> dict[str, Any]:
    data = load_yaml_file(path).data
    assert isinstance(data, dict)
    Locale.parse(str(data.get("locale", path.stem)).replace("-", "_"))
    return data
