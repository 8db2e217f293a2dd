"""What a number counts or measures: the unit or counted noun written just after it ("90,000 miles", "9,850
facial recognition requests"), so a fact cannot turn the source's miles into kilometres or its requests into
arrests.

A unit is looked for in the three words after a number, stopping at punctuation, at a preposition or
conjunction (the words after "12% of" are what the share is of, not its unit) and at another number. Spellings
and plurals are folded ("kilometres", "kilometers", "km"). A measure (length, weight, area, time) must be the
source's; a counted noun must not differ from the source's where the source names one. A year ("since 2011")
has no unit.
"""

from __future__ import annotations

import re

MEASURES = {
    **dict.fromkeys(("mile", "miles", "mi"), "mile"),
    **dict.fromkeys(("kilometre", "kilometres", "kilometer", "kilometers", "km"), "kilometre"),
    **dict.fromkeys(("metre", "metres", "meter", "meters"), "metre"),
    **dict.fromkeys(("foot", "feet", "ft"), "foot"),
    **dict.fromkeys(("inch", "inches"), "inch"),
    **dict.fromkeys(("yard", "yards"), "yard"),
    **dict.fromkeys(("acre", "acres"), "acre"),
    **dict.fromkeys(("hectare", "hectares"), "hectare"),
    **dict.fromkeys(("kilogram", "kilograms", "kg"), "kilogram"),
    **dict.fromkeys(("gram", "grams"), "gram"),
    **dict.fromkeys(("ton", "tons"), "ton"),
    **dict.fromkeys(("tonne", "tonnes"), "tonne"),
    **dict.fromkeys(("second", "seconds"), "second"),
    **dict.fromkeys(("minute", "minutes"), "minute"),
    **dict.fromkeys(("hour", "hours"), "hour"),
    **dict.fromkeys(("day", "days"), "day"),
    **dict.fromkeys(("week", "weeks"), "week"),
    **dict.fromkeys(("month", "months"), "month"),
    **dict.fromkeys(("year", "years"), "year"),
    **dict.fromkeys(("decade", "decades"), "decade"),
}
"""Units of measure, each spelling to one name: a fact's measure must be the one its excerpt gives."""
COUNTED = {
    noun: noun.removesuffix("s") if noun.endswith("s") and not noun.endswith("ss") else noun
    for noun in (
        *("people", "persons", "residents", "citizens", "adults", "children", "students", "workers", "members"),
        *("cases", "requests", "searches", "arrests", "stops", "matches", "complaints", "deaths", "injuries"),
        *("officers", "cameras", "images", "photos", "faces", "databases", "warrants", "subpoenas", "lawsuits"),
        *("votes", "signatures", "times", "incidents", "crimes", "victims", "suspects", "protesters", "protestors"),
        *("cities", "states", "countries", "agencies", "departments", "companies", "firms", "contracts"),
    )
}
"""Nouns a figure commonly counts: where fact and excerpt both name one, they must be the same."""
COUNTED |= {"person": "person", "protester": "protester"}
STOPS = frozenset(
    {"of", "in", "since", "from", "to", "by", "for", "per", "and", "or", "than", "at", "on", "with", "who", "that"}
    | {"last", "next", "this", "each", "every", "a", "an", "the"}
)
YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
WORD = re.compile(r"[^\W\d][\w'-]*|\d")


def unit_after(text: str, end: int, value: str) -> str | None:
    """The unit or counted noun of the number that ends at `end` in `text`, folded ('kilometre', 'request');
    None where the next words name none."""
    if YEAR.match(value):
        return None
    following = re.split(r"[,.;:!?()\[\]]", text[end:], maxsplit=1)[0]
    for word in WORD.findall(following)[:3]:
        lowered = word.lower().strip("'-")
        if lowered.isdigit() or lowered in STOPS:
            return None
        unit = MEASURES.get(lowered) or COUNTED.get(lowered)
        if unit:
            return unit
    return None


def is_measure(unit: str) -> bool:
    return unit in MEASURES.values()
