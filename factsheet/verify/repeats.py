"""The same words quoted twice in one handout read as padding at best and as two different occasions at worst:
a warning names both places, so the campaign keeps one."""

from __future__ import annotations

import re

from factsheet.errors import Problem
from factsheet.sheet.validate import LocatedSheet
from factsheet.verify.normalize import normalize


def repeated_quotes(located: LocatedSheet) -> list[Problem]:
    """A warning at each quote whose words (ignoring case, typography and punctuation) an earlier quote of
    the sheet already prints, or that one holds the other whole."""
    problems = []
    seen: list[tuple[int, str]] = []
    for index, quote in enumerate(located.sheet.quotes):
        words = _words(quote.text)
        earlier = next((first for first, other in seen if words and (words in other or other in words)), None)
        if earlier is not None:
            first_line = located.yaml.locate(("quotes", earlier, "text")).line
            problems.append(
                Problem(
                    located.yaml.locate(("quotes", index, "text")),
                    f"this quote repeats the words of the quote at line {first_line}",
                    "keep one of them: the handout would print the same words twice",
                    severity="warning",
                )
            )
        seen.append((index, words))
    return problems


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", normalize(text).lower())) + " "
