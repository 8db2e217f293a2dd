"""Numbers in facts: every number a fact prints must stand, whole, in the excerpt it cites."""

from __future__ import annotations

import re

from factsheet.errors import Problem
from factsheet.sheet.validate import LocatedSheet
from factsheet.verify.normalize import normalize

NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")


def check_numbers(located: LocatedSheet) -> tuple[int, list[Problem]]:
    """Every number in a fact's figure, label and text must stand, whole, in one of its excerpts."""
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
        supported = " ".join(normalize(citation.excerpt or "") for citation in fact.cite)
        for field_name in ("figure", "label", "text"):
            for number in NUMBER.findall(normalize(getattr(fact, field_name))):
                checked += 1
                if not has_number(supported, number):
                    problems.append(
                        Problem(
                            located.yaml.locate(("facts", index, field_name)),
                            f"the number {number} is not in this fact's excerpt",
                            "every number in a fact must appear, exactly as written, in the cited excerpt",
                        )
                    )
    return checked, problems


def has_number(text: str, number: str) -> bool:
    """Whole-token match: 12% is not inside 112%, and 1,200 is not 1200."""
    return re.search(rf"(?<![\d,.]){re.escape(number)}(?![\d]|[,.]\d)", text) is not None
