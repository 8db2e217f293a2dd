"""What a translated text must keep to be printed: it is sheet text, so no invisible or direction-changing
character and no look-alike letter; every number the English has, by value; exactly the English's merge
{columns}; and only characters its language's fonts can print."""

from __future__ import annotations

import re
from pathlib import Path

from factsheet.errors import Location, Problem
from factsheet.sheet.glyphs import EMPTY_BOX, describe, unprintable
from factsheet.translate.fields import Field
from factsheet.translate.languages import Language
from factsheet.translate.numbers import number_problem
from factsheet.verify.normalize import describe_character, invisible_character, suspicious_character


def hidden_problems(item: Field, text: str, path: Path, lines: list[str], where: Location) -> list[Problem]:
    """A msgstr is sheet text: an invisible or direction-changing character, or a look-alike letter from
    another script inside a word, is refused at its PO line and column, as in the sheet."""
    index = invisible_character(text)
    if index is not None:
        reason = f"an invisible character ({describe_character(text[index])})"
    else:
        suspicious = suspicious_character(text)
        if suspicious is None:
            return []
        index, reason = suspicious
    character = text[index]
    line, column = where.line, None
    for number in range((where.line or 1) - 1, min(len(lines), (where.line or 1) + 200)):
        if character in lines[number]:
            line, column = number + 1, lines[number].index(character) + 1
            break
    return [
        Problem(
            Location.of(path, line, column),
            f"{item.context}: the translation contains {reason}",
            "retype the word by hand (a character like this can make a number or a name read differently "
            "from what is checked)",
        )
    ]


def content_problems(
    item: Field, text: str, target: Language, where: Location, covered: frozenset[int]
) -> list[Problem]:
    problems = []
    numbers = number_problem(item.text, text, target.locale)
    if numbers is not None:
        problems.append(Problem(where, f"{item.context}: {numbers[0]}", numbers[1]))
    wanted, found = _brace_groups(item.text), _brace_groups(text)
    if wanted != found:
        problems.append(
            Problem(
                where,
                f"{item.context}: the translation must keep {', '.join(wanted or []) or 'no {column}'} exactly "
                "as written, and no other braces",
                "a {column} is filled from each mail-merge row: copy it unchanged, in English",
            )
        )
    missing = unprintable(text, covered)
    if missing:
        problems.append(
            Problem(
                where,
                f"{item.context}: the {target.name} fonts have no {describe(missing)}: {EMPTY_BOX}",
                "use a more common character, or add a font that has it to templates/fonts",
            )
        )
    return problems


def _brace_groups(text: str) -> list[str] | None:
    """Every brace group a text writes, sorted ({{ and }} are literal braces); None for a stray brace."""
    groups = sorted(re.findall(r"\{[^{}]*\}", text.replace("{{", "").replace("}}", "")))
    rest = re.sub(r"\{[^{}]*\}", "", text.replace("{{", "").replace("}}", ""))
    return None if "{" in rest or "}" in rest else groups
