"""Dates in words: a month or weekday a fact names must be one its excerpt names, compared by value in any of
the languages involved ("since November 2015" is refused where the source says December; "diciembre" in a
Spanish source supports "December"). Years are numbers and are checked with them; relative words ("last
year") are left as written.

English names are matched capitalized only ("May", not the verb "may"; "March", not "march") and with their
usual abbreviations; other languages' names, taken from the Unicode CLDR through Babel, are matched whole and
in any case (Spanish and French write months in lowercase).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

ENGLISH_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ABBREVIATIONS = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9}
ABBREVIATIONS |= {"Oct": 10, "Nov": 11, "Dec": 12}


@cache
def _names(language: str) -> dict[str, str]:
    """Each month and weekday name of a language, lowercased unless English, to 'month N' or 'weekday N'."""
    base = language.split("-")[0]
    if base == "en":
        found = {name: f"month {number}" for number, name in enumerate(ENGLISH_MONTHS, 1)}
        found |= {f"{name}.": f"month {number}" for name, number in ABBREVIATIONS.items()}
        found |= {name: f"month {number}" for name, number in ABBREVIATIONS.items() if name != "May"}
        return found | {name: f"weekday {number}" for number, name in enumerate(ENGLISH_WEEKDAYS)}
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return {}
    found = {}
    for context in ("format", "stand-alone"):
        for number, name in locale.months[context]["wide"].items():
            found[name.lower()] = f"month {number}"
        for number, name in locale.days[context]["wide"].items():
            found[name.lower()] = f"weekday {number}"
    return found


def dates_in(text: str, languages: Iterable[str]) -> dict[str, str]:
    """The months and weekdays `text` names, as written, by value ('month 12')."""
    found: dict[str, str] = {}
    for language in dict.fromkeys(languages):
        names = _names(language)
        if not names:
            continue
        english = language.split("-")[0] == "en"
        for word in re.findall(r"[^\W\d_]+\.?", text):
            key = word if english else word.lower().rstrip(".")
            value = names.get(key) or (names.get(word.rstrip(".")) if english else None)
            if value:
                found.setdefault(word.rstrip(".") if value.startswith("weekday") else word, value)
    return found


def unsupported_dates(text: str, excerpts: Iterable[str], languages: Iterable[str]) -> list[str]:
    """The months and weekdays `text` names that no excerpt names (compared by value)."""
    wanted = list(dict.fromkeys(languages))
    supported = {value for excerpt in excerpts for value in dates_in(excerpt, wanted).values()}
    return [written for written, value in dates_in(text, wanted).items() if value not in supported]
