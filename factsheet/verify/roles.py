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

import re
from collections.abc import Mapping

from factsheet.sheet.validate import LocatedSheet
from factsheet.verify.meaning import SENTENCE_END
from factsheet.verify.names import surname
from factsheet.verify.normalize import normalize
from factsheet.verify.signable import Signable, fingerprint
from factsheet.verify.sources import Source

PRONOUN_START = re.compile(r"\s*[\"']?(?:He|She|They|His|Her|Their)\b")
FILLER = frozenset({"of", "the", "and", "for", "at", "in", "on", "a", "an", "to", "&", "de", "del", "la"})
PARENTHESIS = re.compile(r"\(([^()]*)\)")


def role_signables(located: LocatedSheet, sources: Mapping[str, Source]) -> list[Signable]:
    """A sign-off item for each speaker and role with a part no source states near their name (at the first
    quote printing it)."""
    items = []
    seen: set[tuple[str, str]] = set()
    for index, quote in enumerate(located.sheet.quotes):
        if (quote.speaker, quote.role) in seen:
            continue
        seen.add((quote.speaker, quote.role))
        ordered = [sources[quote.source], *(source for source in sources.values() if source.id != quote.source)]
        others = {surname(other.speaker) for other in located.sheet.quotes} - {surname(quote.speaker)}
        missing = unstated_parts(quote.role, quote.speaker, ordered, others)
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


def unstated_parts(role: str, speaker: str, sources: list[Source], others: set[str] | None = None) -> list[str]:
    """The parts of `role` that no sentence naming the speaker states (`others`: the surnames of the sheet's
    other speakers, whose side of a shared sentence does not count)."""
    windows = [window for source in sources for window in _windows(source, surname(speaker), others or set())]
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


def _windows(source: Source, name: str, others: set[str]) -> list[tuple[str, str]]:
    """The passages that can state the role of the person named at each mention of `name`: (as written,
    lowercased)."""
    text = source.normalized
    windows = []
    for mention in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
        start, end = source.paragraph_span(source.paragraph_at(mention.start()))
        before = [found.end() for found in SENTENCE_END.finditer(text, start, mention.start())]
        after = SENTENCE_END.search(text, mention.end(), end)
        first, last = (before[-1] if before else start), (after.end() if after else end)
        if after and PRONOUN_START.match(text, last):
            following = SENTENCE_END.search(text, last, end)
            last = following.end() if following else end
        for other in others:
            for found in re.finditer(rf"(?<!\w){re.escape(other)}(?!\w)", text[:last]):
                if first <= found.start() and found.end() <= mention.start():
                    first = found.end()
                elif found.start() >= mention.end():
                    last = min(last, found.start())
        window = text[first:last]
        windows.append((window, window.lower()))
    return windows


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
