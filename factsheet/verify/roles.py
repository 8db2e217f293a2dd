"""A speaker's role or title is printed beside their words, so it is checked like them: each part of it must be
stated near the speaker's name in a source of the campaign; a part no source states is listed for sign-off.

A role is read in parts (split at commas and semicolons; a parenthesis is a part of its own unless it is the
initials of the part before it, "Surveillance Technology Oversight Project (STOP)"). A part is stated when a
passage around a mention of the speaker's surname (its paragraph and 300 characters either side) holds it, or
holds each of its words, a run of capitalized words possibly written as its initials ("New York City" as
"NYC"). Case is ignored and a plural ending is allowed ("chair" in "chairs").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from factsheet.sheet.validate import LocatedSheet
from factsheet.verify.attribution import surname
from factsheet.verify.normalize import normalize
from factsheet.verify.signable import Signable, fingerprint
from factsheet.verify.sources import Source

NEAR = 300
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
        missing = unstated_parts(quote.role, quote.speaker, ordered)
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


def unstated_parts(role: str, speaker: str, sources: list[Source]) -> list[str]:
    """The parts of `role` that no passage near the speaker's surname states."""
    windows = [window for source in sources for window in _windows(source, surname(speaker))]
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


def _windows(source: Source, name: str) -> list[tuple[str, str]]:
    """The passages around each mention of `name`: (as written, lowercased)."""
    text = source.normalized
    windows = []
    for mention in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
        start, end = source.paragraph_span(source.paragraph_at(mention.start()))
        window = text[min(start, max(0, mention.start() - NEAR)) : max(end, mention.end() + NEAR)]
        windows.append((window, window.lower()))
    return windows


def _states(window: tuple[str, str], part: str) -> bool:
    written, lowered = window
    if _has(lowered, part.lower()):
        return True
    return all(_has(lowered, unit.lower()) or _has_initials(written, unit) for unit in _units(part))


def _units(part: str) -> list[str]:
    """The words of a part to find, a run of capitalized words kept together ("New York City")."""
    units: list[str] = []
    run: list[str] = []
    for word in part.split():
        if word[:1].isupper() and word.lower() not in FILLER:
            run.append(word)
            continue
        if run:
            units.append(" ".join(run))
            run = []
        if word.lower() not in FILLER:
            units.append(word)
    if run:
        units.append(" ".join(run))
    return units


def _has(lowered: str, words: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(words)}(?:s|es)?(?!\w)", lowered) is not None


def _has_initials(written: str, unit: str) -> bool:
    initials = _initials(unit)
    return len(initials) > 1 and re.search(rf"(?<!\w){re.escape(initials)}(?!\w)", written) is not None


def _initials(words: str) -> str:
    return "".join(word[0] for word in words.split() if word[:1].isupper() and word.lower() not in FILLER)
