"""Numbers in facts: every number a fact prints must stand, whole and with its unit, in the excerpt it cites.

A number is compared with what makes it a quantity: a currency sign or word ($, €, £, dollars), a percent
sign or word (%, percent, per cent) and a scale (thousand, million, billion, trillion). So "90%" is not found
in "within 90 days", nor "$3 million" in "3 million people"; "90 percent" does stand for "90%". Digits and
separators are compared as written: "1,200" is not "1200", and 12 is not inside 112.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from factsheet.errors import Problem
from factsheet.sheet.validate import LocatedSheet
from factsheet.verify.dates import unsupported_dates
from factsheet.verify.normalize import normalize
from factsheet.verify.sources import Source
from factsheet.verify.units import is_measure, unit_after

QUANTITY = re.compile(
    r"(?P<currency>US\$|\$|€|£|¥)?\s?"
    r"(?<![\d,.])(?P<value>\d(?:[\d,.]*\d)?)(?![\d]|[,.]\d)"
    r"(?:\s?(?P<percent>%|percent\b|per\s?cent\b))?"
    r"(?:\s(?P<scale>thousand|million|billion|trillion|bn)\b)?"
    r"(?:\s(?P<money>dollars|euros|pounds)\b)?",
    re.IGNORECASE,
)
CURRENCY_WORDS = {"dollars": "$", "euros": "€", "pounds": "£", "us$": "$"}
SCALES = {"bn": "billion"}


@dataclass(frozen=True)
class Quantity:
    """A number as written, with the unit that belongs to it: currency, percent and scale, and the measure or
    counted noun written after it (see units.py)."""

    written: str
    value: str
    currency: str
    percent: bool
    scale: str
    noun: str | None = None

    @property
    def unit(self) -> tuple[str, bool, str]:
        return self.currency, self.percent, self.scale


def quantities(text: str) -> list[Quantity]:
    """Every number in `text` (already normalized) with its unit."""
    found = []
    for match in QUANTITY.finditer(text):
        currency = (match["currency"] or match["money"] or "").lower()
        scale = (match["scale"] or "").lower()
        found.append(
            Quantity(
                written=match.group().strip(),
                value=match["value"],
                currency=CURRENCY_WORDS.get(currency, currency),
                percent=bool(match["percent"]),
                scale=SCALES.get(scale, scale),
                noun=unit_after(text, match.end(), match["value"]),
            )
        )
    return found


def check_numbers(located: LocatedSheet, sources: Mapping[str, Source]) -> tuple[int, list[Problem]]:
    """Every number in a fact's figure (read with its label, as the handout prints them), label and text must
    stand, with its unit and what it counts, in one of its excerpts; every month and weekday it names too."""
    checked = 0
    problems: list[Problem] = []
    for index, fact in enumerate(located.sheet.facts):
        if not any(citation.excerpt for citation in fact.cite):
            problems.append(
                Problem(
                    located.yaml.locate(("facts", index, "cite")),
                    "this fact has no supporting excerpt",
                    "add 'excerpt:' with the passage of the source that states it, word for word",
                )
            )
            continue
        excerpts = [normalize(citation.excerpt or "") for citation in fact.cite]
        supported = [quantity for excerpt in excerpts for quantity in quantities(excerpt)]
        languages = [located.sheet.language]
        languages += [sources[citation.source].meta.language or located.sheet.language for citation in fact.cite]
        figure = quantities(normalize(f"{fact.figure} {fact.label}"))[: len(quantities(normalize(fact.figure)))]
        for field_name, found in (
            ("figure", figure),
            ("label", quantities(normalize(fact.label))),
            ("text", quantities(normalize(fact.text))),
        ):
            where = located.yaml.locate(("facts", index, field_name))
            for quantity in found:
                checked += 1
                problem = _unsupported(quantity, supported)
                if problem:
                    problems.append(Problem(where, *problem))
            for written in unsupported_dates(normalize(getattr(fact, field_name)), excerpts, languages):
                checked += 1
                problems.append(
                    Problem(
                        where,
                        f"'{written}' is not in this fact's excerpt",
                        "every month and weekday a fact names must be the one its excerpt names; quote the "
                        "passage that gives the date",
                    )
                )
    return checked, problems


def _unsupported(quantity: Quantity, supported: list[Quantity]) -> tuple[str, str] | None:
    """Why no excerpt number supports `quantity` (None when one does): missing, or counting something else."""
    same = [other for other in supported if has_quantity(quantity, other)]
    if not same:
        return (
            f"the number {quantity.written} is not in this fact's excerpt",
            "every number in a fact must appear, exactly as written and with its unit (%, $, million), in the "
            "cited excerpt",
        )
    wanted = quantity.noun
    if wanted is None or any(other.noun == wanted for other in same):
        return None
    if not is_measure(wanted) and any(other.noun is None for other in same):
        return None
    given = next((other.noun for other in same if other.noun), None)
    says = f"{quantity.value} {given}s" if given else f"only {quantity.value}, with no unit"
    return (
        f"the number {quantity.written} counts {wanted}s in this fact, but its excerpt says {says}",
        "a number keeps the unit and the thing it counts that the source gives (miles stay miles)",
    )


def has_quantity(wanted: Quantity, found: Quantity) -> bool:
    """Same digits and separators, and the same unit."""
    return wanted.value == found.value and wanted.unit == found.unit
