"""Does the source put these words in this speaker's mouth?

A verbatim quote credited to the wrong person is still a misquote. Two checks, both on the source's own text:
the speaker's surname must appear near the quoted words (their paragraph, or just before it), and the nearest
attribution ("said X", "X added") must not name someone else. Pronouns ("he said") credit nobody by name and
fall back to the first check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factsheet.passage import Match
from factsheet.sources import Source

CONTEXT_BEFORE = 250
VERBS = (
    r"said|says|add(?:s|ed)|not(?:es|ed)|told|tells|stress(?:es|ed)|explain(?:s|ed)|wr(?:ote|ites)|ask(?:s|ed)"
    r"|argu(?:es|ed)|warn(?:s|ed)|continu(?:es|ed)|stat(?:es|ed)|insist(?:s|ed)|recall(?:s|ed)"
)
SPEECH_VERB = re.compile(rf"\b(?:{VERBS})\b")
CLAUSE_BOUNDARY = re.compile(r"[.!?;\"]")
CAPITALIZED = re.compile(r"\b[A-Z][\w'’-]+")
NOT_NAMES = {
    *("The", "A", "An", "In", "On", "At", "But", "And", "Yet", "He", "She", "They", "It", "This", "That", "We", "I"),
    *("January", "February", "March", "April", "May", "June", "July", "August", "September", "October"),
    *("November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


@dataclass(frozen=True)
class Attribution:
    """The verdict on one match: empty `problem` means the source credits the speaker."""

    problem: str = ""
    hint: str = ""


def surname(speaker: str) -> str:
    """The word a source uses to name a speaker after first mention: the last word of the name."""
    words = re.findall(r"[\w'’-]+", speaker)
    return words[-1] if words else speaker


def check_attribution(speaker: str, source: Source, match: Match) -> Attribution:
    """Whether `source` attributes the words at `match` to `speaker`."""
    name = surname(speaker)
    text = source.normalized
    paragraph_start, paragraph_end = source.paragraph_span(source.paragraph_at(match.start))
    _, paragraph_end = source.paragraph_span(source.paragraph_at(max(match.end - 1, match.start)))
    context_start = min(paragraph_start, max(0, match.start - CONTEXT_BEFORE))
    context = text[context_start:paragraph_end]
    named = re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", context) is not None
    credited = _nearest_credit(text, match, paragraph_start, paragraph_end)
    if credited and re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", credited) is None:
        return Attribution(
            f"'{source.id}' credits these words to '{credited}', not {speaker}",
            "check who said it in the source; quote the person the source names",
        )
    if not named:
        return Attribution(
            f"'{source.id}' does not name {name} near these words",
            "check the speaker, or cite the source that attributes the words to them",
        )
    return Attribution()


def _nearest_credit(text: str, match: Match, start: int, end: int) -> str:
    """The attribution clause nearest the quote in its paragraph, if it names anyone; '' otherwise.

    A clause runs from the previous sentence end or quote mark to the next one around a speech verb, so
    "Senator Brad Hoylman, who proposed a ban, said the case was" credits Hoylman, and "said a spokesperson"
    or "he said" credits nobody by name.
    """
    nearest: tuple[int, str] | None = None
    for verb in SPEECH_VERB.finditer(text, start, end):
        if match.start <= verb.start() < match.end:
            continue
        distance = match.start - verb.start() if verb.start() < match.start else verb.start() - match.end
        if nearest is None or distance < nearest[0]:
            nearest = (distance, _clause(text, verb.start(), verb.end(), start, end))
    if nearest is None:
        return ""
    names = [word for word in CAPITALIZED.findall(nearest[1]) if word not in NOT_NAMES]
    return nearest[1] if names else ""


def _clause(text: str, verb_start: int, verb_end: int, start: int, end: int) -> str:
    before = text[start:verb_start]
    boundaries = list(CLAUSE_BOUNDARY.finditer(before))
    clause_start = start + boundaries[-1].end() if boundaries else start
    after = CLAUSE_BOUNDARY.search(text, verb_end, end)
    clause_end = after.start() if after else end
    words = text[clause_start:verb_start].split()[-24:] + text[verb_end:clause_end].split()[:12]
    return " ".join(words).strip(" ,")
