"""The misquote gate: every quote, excerpt and number is checked against the archived source it cites.

This first version demands an exact match after typography-blind normalization (see `normalize`), on word
boundaries, with only the first letter's case free. Nothing is fuzzy: a near match is shown to help the
reviewer find the passage, never accepted.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache

from factsheet.errors import Location, Problem
from factsheet.load import Path_
from factsheet.normalize import find_verbatim, normalize, normalize_with_offsets
from factsheet.sources import Source
from factsheet.validate import LocatedSheet

NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")
PLACEHOLDER_HOSTS = re.compile(r"^https?://(?:[^/]*\.)?example\.(?:org|com|net)(?:/|$)")


@dataclass(frozen=True)
class VerificationReport:
    """What was checked and what failed; `ok` is False when any problem is an error."""

    problems: tuple[Problem, ...] = ()
    quotes_checked: int = 0
    excerpts_checked: int = 0
    numbers_checked: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not any(problem.severity == "error" for problem in self.problems)

    def summary(self) -> str:
        errors = sum(problem.severity == "error" for problem in self.problems)
        warnings = len(self.problems) - errors
        checked = (
            f"{self.quotes_checked} quotes, {self.excerpts_checked} excerpts and "
            f"{self.numbers_checked} numbers checked against their sources"
        )
        if errors:
            return f"{checked}: {errors} error(s), {warnings} warning(s). Nothing will be printed until fixed."
        return f"{checked}: all verified, {warnings} warning(s)."


@dataclass(frozen=True)
class _Normalized:
    text: str
    offsets: list[int]


@cache
def _normalized(text: str) -> _Normalized:
    return _Normalized(*normalize_with_offsets(text))


def verify(located: LocatedSheet, sources: Mapping[str, Source]) -> VerificationReport:
    """Check every quote, excerpt and number in the sheet; collect all problems rather than stopping early."""
    sheet, yaml = located.sheet, located.yaml
    problems: list[Problem] = []
    quotes = excerpts = numbers = 0
    for index, quote in enumerate(sheet.quotes):
        quotes += 1
        path: Path_ = ("quotes", index, "text")
        problems.extend(_check_passage(yaml.locate(path), "quote", quote.text, quote.source, sources))
    for path, excerpt, source_id in _excerpts(located):
        excerpts += 1
        problems.extend(_check_passage(yaml.locate(path), "excerpt", excerpt, source_id, sources))
    for index, fact in enumerate(sheet.facts):
        supported = " ".join(normalize(citation.excerpt or "") for citation in fact.cite)
        if not any(citation.excerpt for citation in fact.cite):
            problems.append(
                Problem(
                    yaml.locate(("facts", index, "cite")),
                    "this fact has no supporting excerpt",
                    "add 'excerpt:' with the passage of the source that states it, word for word",
                )
            )
            continue
        for field_name in ("figure", "label", "text"):
            for number in NUMBER.findall(normalize(getattr(fact, field_name))):
                numbers += 1
                if not _has_number(supported, number):
                    problems.append(
                        Problem(
                            yaml.locate(("facts", index, field_name)),
                            f"the number {number} is not in this fact's excerpt",
                            "every number in a fact must appear, exactly as written, in the cited excerpt",
                        )
                    )
    problems.extend(_placeholder_warnings(located))
    return VerificationReport(tuple(problems), quotes, excerpts, numbers)


def _excerpts(located: LocatedSheet) -> Iterator[tuple[Path_, str, str]]:
    for field_name in ("facts", "sections", "demands"):
        for index, item in enumerate(getattr(located.sheet, field_name)):
            for cite_index, citation in enumerate(item.cite):
                if citation.excerpt:
                    yield (field_name, index, "cite", cite_index, "excerpt"), citation.excerpt, citation.source


def _has_number(text: str, number: str) -> bool:
    """Whole-token match: 12% is not inside 112%, and 1,200 is not 1200."""
    return re.search(rf"(?<![\d,.]){re.escape(number)}(?![\d]|[,.]\d)", text) is not None


def _check_passage(
    location: Location, kind: str, passage: str, source_id: str, sources: Mapping[str, Source]
) -> list[Problem]:
    wanted = normalize(passage)
    cited = sources[source_id]
    if find_verbatim(wanted, _normalized(cited.text).text) >= 0:
        return []
    elsewhere = [
        other.id
        for other in sources.values()
        if other.id != source_id and find_verbatim(wanted, _normalized(other.text).text) >= 0
    ]
    if elsewhere:
        return [
            Problem(
                location,
                f"this {kind} is not in '{source_id}' but is in '{elsewhere[0]}'",
                f"cite '{elsewhere[0]}' as its source",
            )
        ]
    return [
        Problem(
            location,
            f"this {kind} is not word for word in '{source_id}'",
            "copy the passage from the source word for word (quote marks, dashes and line breaks may differ)",
            details=_closest_passage(wanted, cited),
        )
    ]


def _closest_passage(wanted: str, source: Source) -> tuple[str, ...]:
    """The source window most like the passage, with a word diff: a pointer for the reviewer, never a pass."""
    normalized = _normalized(source.text)
    words = list(re.finditer(r"\S+", normalized.text))
    size = len(wanted.split())
    if not words or not size:
        return ()
    wanted_words = wanted.split()
    best_start, best_score = 0, -1.0
    for start in range(max(1, len(words) - size + 1)):
        window = [match.group() for match in words[start : start + size]]
        score = difflib.SequenceMatcher(None, _cores(wanted_words), _cores(window), autojunk=False).ratio()
        if score > best_score:
            best_start, best_score = start, score
    window_words = words[best_start : best_start + size]
    window = [match.group() for match in window_words]
    line = source.line_of(normalized.offsets[window_words[0].start()])
    return (
        f"closest passage, {source.path.name} line {line}: {' '.join(window)}",
        f"difference: {word_diff(window, wanted_words)}",
    )


def word_diff(source_words: list[str], quoted_words: list[str]) -> str:
    """A compact word diff: [-source words-] where the quote drops or changes them, {+quoted words+} where it
    adds. Words are compared without surrounding punctuation, so a quote mark or trailing comma the quote
    leaves off is not shown as a change; punctuation inside a changed word still is."""
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, _cores(source_words), _cores(quoted_words), autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(" ".join(quoted_words[b_start:b_end]))
            continue
        if a_end > a_start:
            parts.append("[-" + " ".join(source_words[a_start:a_end]) + "-]")
        if b_end > b_start:
            parts.append("{+" + " ".join(quoted_words[b_start:b_end]) + "+}")
    return " ".join(parts)


def _cores(words: list[str]) -> list[str]:
    return [word.strip("\"',.;:!?()") for word in words]


def _placeholder_warnings(located: LocatedSheet) -> list[Problem]:
    """Placeholders are allowed while drafting, but a reviewer must see each one before the handout is printed."""
    sheet, yaml = located.sheet, located.yaml
    addresses: list[tuple[Path_, str | None]] = [(("action", "url"), sheet.action.url)]
    if sheet.contact:
        addresses += [(("contact", name), getattr(sheet.contact, name)) for name in ("website", "email")]
    warnings = [
        Problem(
            yaml.locate(path),
            f"'{value}' is a placeholder address",
            "replace it with the campaign's real address before printing",
            severity="warning",
        )
        for path, value in addresses
        if value and (PLACEHOLDER_HOSTS.match(value) or value.endswith(("@example.org", "@example.com")))
    ]
    return warnings
