"""A speaker's role or title is printed beside their words, so it is checked like them: each part of it must be
stated near the speaker's name in a source of the campaign; a part no source states is listed for sign-off.

A role is read in parts (split at commas and semicolons; a parenthesis is a part of its own unless it is the
initials of the part before it, "Surveillance Technology Oversight Project (STOP)"). A part is stated when the
sentence naming the speaker (and the next one, when it goes on with "He is ...") holds it, or holds each of its
words, a run of capitalized words possibly written as its initials ("New York City" as "NYC"). Where that
sentence also names another of the sheet's speakers, only the words on the speaker's side of that name count
("Budget director Tom Okafor disagreed with Ruiz" gives Ruiz no title). Case is ignored and a plural ending is
allowed ("chair" in "chairs").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from factsheet.sheet.validate import LocatedSheet
from factsheet.verify.meaning import SENTENCE_END
from factsheet.verify.names import surname
from factsheet.verify.normalize import normalize
from factsheet.verify.signable import Signable, fingerprint
from factsheet.verify.sources import Source

MAX_MENTIONS = 500
"""Mentions of a speaker looked at for their role: far more than any article has."""
PRONOUN_START = re.compile(r"\s*[\"']?(?:He|She|They|His|Her|Their)\b")
FILLER = frozenset({"of", "the", "and", "for", "at", "in", "on", "a", "an", "to", "&", "de", "del", "la"})
PARENTHESIS = re.compile(r"\(([^()]*)\)")


def role_signables(located: LocatedSheet, sources: Mapping[str, Source]) -> list[Signable]:
    """A sign-off item for each speaker and role with a part no source states near their name (at the first
    quote printing it)."""
    items = []
    mentions = _Mentions()
    seen: set[tuple[str, str]] = set()
    for index, quote in enumerate(located.sheet.quotes):
        if (quote.speaker, quote.role) in seen:
            continue
        seen.add((quote.speaker, quote.role))
        ordered = [sources[quote.source], *(source for source in sources.values() if source.id != quote.source)]
        others = {surname(other.speaker) for other in located.sheet.quotes} - {surname(quote.speaker)}
        missing = unstated_parts(quote.role, quote.speaker, ordered, others, mentions)
        if not missing:
            continue
        identifier = fingerprint("role", quote.speaker, quote.role)
        parts = "; ".join(f"'{part}'" for part in missing)
        items.append(
            Signable(
                identifier,
                "role",
                f"{quote.speaker}: {quote.role}",
                f"{parts} is not stated near {surname(quote.speaker)} in any source",
                quote.role,
                path=("quotes", index, "role"),
                evidence_label="role as printed",
                message=f"the role of {quote.speaker} is not stated in the sources: {parts} (role {identifier})",
            )
        )
    return items


class _Mentions:
    """Where each source names a word, and where its sentences end: found once per check, however many
    speakers and roles ask."""

    def __init__(self) -> None:
        self._found: dict[tuple[int, str], list[tuple[int, int]]] = {}
        self._ends: dict[int, list[int]] = {}

    def of(self, source: Source, word: str) -> list[tuple[int, int]]:
        key = (id(source), word)
        if key not in self._found:
            pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
            self._found[key] = [found.span() for found in pattern.finditer(source.normalized)]
        return self._found[key]

    def sentence_ends(self, source: Source) -> list[int]:
        if id(source) not in self._ends:
            self._ends[id(source)] = [found.end() for found in SENTENCE_END.finditer(source.normalized)]
        return self._ends[id(source)]


def unstated_parts(
    role: str, speaker: str, sources: list[Source], others: set[str] | None = None, mentions: _Mentions | None = None
) -> list[str]:
    """The parts of `role` that no sentence naming the speaker states (`others`: the surnames of the sheet's
    other speakers, whose side of a shared sentence does not count)."""
    found = mentions or _Mentions()
    windows = [window for source in sources for window in _windows(source, surname(speaker), others or set(), found)]
    return [part for part in role_parts(role) if not any(_states(window, part) for window in windows)]


def role_parts(role: str) -> list[str]:
    """A role split into the parts checked one by one; a parenthesis holding the initials of the part before
    it adds nothing to check."""
    parts: list[str] = []
    for piece in re.split(r"[,;]", normalize(role)):
        inner = [match.group(1).strip() for match in PARENTHESIS.finditer(piece)]
        outer = " ".join(PARENTHESIS.sub(" ", piece).split())
        if outer:
            parts.append(outer)
        parts += [words for words in inner if words and not (outer and words == _initials(outer))]
    return parts


def _windows(source: Source, name: str, others: set[str], mentions: _Mentions) -> list[tuple[str, str]]:
    """The passages that can state the role of the person named at each mention of `name`: (as written,
    lowercased). Sentence ends and other speakers' mentions are found once per source and looked up by
    bisection, so a source repeating a name thousands of times costs a pass, not a pass per mention."""
    text = source.normalized
    ends = mentions.sentence_ends(source)
    other_spans = sorted(span for other in sorted(others) for span in mentions.of(source, other))
    other_starts = [start for start, _end in other_spans]
    windows: dict[tuple[int, int], None] = {}
    for mention_start, mention_end in mentions.of(source, name)[:MAX_MENTIONS]:
        start, end = source.paragraph_span(source.paragraph_at(mention_start))
        before = bisect.bisect_right(ends, mention_start) - 1
        first = max(start, ends[before]) if before >= 0 else start
        after = bisect.bisect_left(ends, mention_end)
        last = min(end, ends[after]) if after < len(ends) else end
        if last < end and PRONOUN_START.match(text, last):
            following = bisect.bisect_right(ends, last)
            last = min(end, ends[following]) if following < len(ends) else end
        previous = bisect.bisect_right(other_starts, mention_start) - 1
        if previous >= 0 and other_spans[previous][1] <= mention_start:
            first = max(first, other_spans[previous][1])
        following_other = bisect.bisect_left(other_starts, mention_end)
        if following_other < len(other_starts):
            last = min(last, max(mention_end, other_starts[following_other]))
        windows[(first, last)] = None
    return [(text[first:last], text[first:last].lower()) for first, last in windows]


def _states(window: tuple[str, str], part: str) -> bool:
    if _has(window[1], part.lower()):
        return True
    return all(_found(window, unit) for unit in _units(part))


def _found(window: tuple[str, str], unit: str) -> bool:
    """A unit as written, as its initials, or (a name with small words in it) each of its capitalized runs
    found so: "Mayor of New York City" from "NYC Mayor"."""
    written, lowered = window
    if _has(lowered, unit.lower()) or _has_initials(written, unit):
        return True
    runs = [run.strip() for run in re.split(r"\b(?:" + "|".join(FILLER - {"&"}) + r")\b", unit) if run.strip()]
    return len(runs) > 1 and all(_found(window, run) for run in runs)


def _units(part: str) -> list[str]:
    """The words of a part to find, a run of capitalized words kept together with the small words inside it
    ("Department of Transportation")."""
    words = part.split()
    units: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word.lower() in FILLER:
            index += 1
            continue
        end = index + 1
        if word[:1].isupper():
            while end < len(words) and (
                (words[end][:1].isupper() and words[end].lower() not in FILLER)
                or (words[end].lower() in FILLER and end + 1 < len(words) and words[end + 1][:1].isupper())
            ):
                end += 1
        units.append(" ".join(words[index:end]))
        index = end
    return units


def _has(lowered: str, words: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(words)}(?:s|es)?(?!\w)", lowered) is not None


def _has_initials(written: str, unit: str) -> bool:
    """Whether the passage writes `unit` as its initials, with or without its small words (NYC, DOT)."""
    for initials in {_initials(unit), "".join(word[0].upper() for word in unit.split())}:
        if len(initials) > 1 and re.search(rf"(?<!\w){re.escape(initials)}(?!\w)", written):
            return True
    return False


def _initials(words: str) -> str:
    return "".join(word[0] for word in words.split() if word[:1].isupper() and word.lower() not in FILLER)
