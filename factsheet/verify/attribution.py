"""Does the source put these words in this speaker's mouth?

A verbatim quote credited to the wrong person is still a misquote. Two checks, both on the source's own text:
the speaker's surname must appear near the quoted words (their paragraph, or just before it), and the nearest
attribution ("said X", "X added") must not name someone else. Pronouns ("he said") credit nobody by name and
fall back to the first check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factsheet.verify.passage import Match
from factsheet.verify.sources import Source

CONTEXT_BEFORE = 250
VERBS = (
    r"said|says|add(?:s|ed)|not(?:es|ed)|told|tells|stress(?:es|ed)|explain(?:s|ed)|wr(?:ote|ites)|ask(?:s|ed)"
    r"|argu(?:es|ed)|warn(?:s|ed)|continu(?:es|ed)|stat(?:es|ed)|insist(?:s|ed)|recall(?:s|ed)"
)
SPEECH_VERB = re.compile(rf"\b(?:{VERBS})\b")
CLAUSE_BOUNDARY = re.compile(r"[.!?;\"]")
CAPITALIZED = re.compile(r"\b[A-Z][\w'’-]+")
PARTICLES = frozenset({"de", "van", "von", "da", "del", "der", "la", "le", "al", "bin"})
NOT_NAMES = frozenset(
    {
        *(
            "The",
            "A",
            "An",
            "In",
            "On",
            "At",
            "But",
            "And",
            "Yet",
            "He",
            "She",
            "They",
            "It",
            "This",
            "That",
            "We",
            "I",
        ),
        *("January", "February", "March", "April", "May", "June", "July", "August", "September", "October"),
        *("November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    }
)


@dataclass(frozen=True)
class Attribution:
    """The verdict on one match: empty `problem` means the source credits the speaker."""

    problem: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Credit:
    """An attribution clause around a speech verb: "<before> said <after>"."""

    before: str
    verb: str
    after: str

    @property
    def text(self) -> str:
        return " ".join(part for part in (self.before, self.after) if part).strip(" ,")

    @property
    def names_anyone(self) -> bool:
        return any(word not in NOT_NAMES for word in CAPITALIZED.findall(self.text))

    def speaker(self) -> str:
        """A guess at who is credited, for curating: the name after "said", else the sentence's subject
        ("told" is followed by the listener, so its subject is used)."""
        if self.verb != "told":
            after = _name_runs(self.after)
            if after:
                return after[-1]
        before = _name_runs(self.before)
        return before[0] if before else ""


def _name_runs(text: str) -> list[str]:
    """Runs of capitalized words (with particles such as 'de'), each cut to its last three words."""
    runs: list[list[str]] = [[]]
    for token in text.split():
        word = token.strip(",.;:'’\"()")
        if word and word not in NOT_NAMES and (word[:1].isupper() or (word in PARTICLES)):
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
        if token.endswith(",") and runs[-1]:
            runs.append([])
    cleaned = [run for run in runs if run and not all(word in PARTICLES for word in run)]
    return [" ".join(run[-3:]) for run in cleaned]


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
    credit = nearest_credit(source, match.start, match.end)
    credited = credit.text if credit and credit.names_anyone else ""
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


def nearest_credit(source: Source, quote_start: int, quote_end: int) -> Credit | None:
    """The attribution clause nearest a quote (offsets into `source.normalized`) in its paragraph.

    A clause runs from the previous sentence end or quote mark to the next one around a speech verb, so
    "Senator Brad Hoylman, who proposed a ban, said the case was" credits Hoylman, and "said a spokesperson"
    or "he said" credits nobody by name.
    """
    text = source.normalized
    start, _ = source.paragraph_span(source.paragraph_at(quote_start))
    _, end = source.paragraph_span(source.paragraph_at(max(quote_end - 1, quote_start)))
    nearest: tuple[int, Credit] | None = None
    for verb in SPEECH_VERB.finditer(text, start, end):
        if quote_start <= verb.start() < quote_end:
            continue
        distance = quote_start - verb.start() if verb.start() < quote_start else verb.start() - quote_end
        if nearest is None or distance < nearest[0]:
            nearest = (distance, _clause(text, verb.start(), verb.end(), start, end))
    return nearest[1] if nearest else None


def _clause(text: str, verb_start: int, verb_end: int, start: int, end: int) -> Credit:
    boundaries = list(CLAUSE_BOUNDARY.finditer(text, start, verb_start))
    clause_start = boundaries[-1].end() if boundaries else start
    boundary = CLAUSE_BOUNDARY.search(text, verb_end, end)
    clause_end = boundary.start() if boundary else end
    before = " ".join(text[clause_start:verb_start].split()[-24:])
    after = " ".join(text[verb_end:clause_end].split()[:12])
    return Credit(before.strip(" ,"), text[verb_start:verb_end], after.strip(" ,"))
