"""Find a quoted passage in a source, allowing only the alterations an honest quote may show.

A quote may cut words (`...`), add or replace a few words in brackets (`[the police]`), mark an original error
(`[sic]`) and change the case of its first letter. Everything else must match the source exactly, after
`normalize`. A cut or bracket may never remove a negation, number, hedge or condition: that is the trick that
turns "will not close" into "will ... close". Matching is exact search on word boundaries, never similarity.
"""

from __future__ import annotations

import math
import re
import time
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field

from factsheet.verify.meaning import (
    INSIDE_CLAUSE,
    WORD,
    alters_meaning,
    inside_clause,
    shown_briefly,
)
from factsheet.verify.normalize import find_all_verbatim
from factsheet.verify.sources import Source

MAX_GAP_CHARACTERS = 300
MAX_BRACKET_WORDS = 6
MAX_MATCHES = 20
CHECK_SECONDS = 30
MAX_PIECES = 12
MAX_BRACKET_CHARACTERS = 200
"""How far past the words before it a bracket's words may end: six words of the source, generously."""
MAX_SEARCH_STEPS = 20_000
"""A quote of many cuts against a repetitive source could try every combination of its pieces' places: the
search stops after this many tries and says so, instead of running for hours."""

ELLIPSIS = re.compile(r"\s*\.\s?\.\s?\.\s*")
BRACKET = re.compile(r"\s*\[([^\[\]]{1,80})\]\s*")
SIC = re.compile(r"\s*\[sic\]", re.IGNORECASE)
CASE_BRACKET = re.compile(r"\[([^\W\d_])\](?=[^\W\d_])")
CLAUSE_EDGE = re.compile(r"[.!?;:,\"]")


@dataclass(frozen=True)
class Join:
    """What stands between two literal pieces of a quote: a cut, or a bracketed insertion/replacement."""

    kind: str
    text: str = ""

    def shown(self) -> str:
        return "..." if self.kind == "cut" else f"[{self.text}]"


@dataclass(frozen=True)
class Pattern:
    """A quote split into the literal pieces that must appear in the source, and what joins them."""

    pieces: tuple[str, ...]
    joins: tuple[Join, ...]
    leading: Join | None = None
    trailing: Join | None = None


@dataclass(frozen=True)
class Match:
    """Where the pieces of a quote stand in a source's normalized text."""

    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass
class Search:
    """The matches found, and the best reason a near match was refused (to tell the user why)."""

    matches: list[Match] = field(default_factory=list)
    refusal: str = ""
    refusal_offset: int = -1
    refusal_weight: int = 0
    steps: int = 0
    deadline: float = math.inf

    def exhausted(self) -> bool:
        """Past the step budget or the deadline: the search stops with a reason instead of running on."""
        if self.steps > MAX_SEARCH_STEPS:
            _refuse(self, 4, 0, "its cuts fit the source in too many ways to check; quote fewer, longer pieces")
            return True
        if time.monotonic() > self.deadline:
            _refuse(self, 4, 0, f"checking the sheet took longer than {CHECK_SECONDS} seconds and was stopped here")
            return True
        return False

    places: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    """Every occurrence of each piece, found once per search (finding them again for each partial match made a
    quote of several cuts quadratic in the source's length)."""


def parse(quote: str) -> Pattern:
    """Split a normalized quote at its cuts and brackets; `[sic]` is dropped, the words around it must touch.
    A bracketed first letter (`[I]t`, `[t]he`) only changes the case of the word it starts."""
    text = CASE_BRACKET.sub(r"\1", SIC.sub("", quote))
    parts: list[str | Join] = []
    position = 0
    for marker in re.finditer(f"{ELLIPSIS.pattern}|{BRACKET.pattern}", text):
        parts.append(text[position : marker.start()])
        bracket = marker.group(1)
        parts.append(Join("bracket", bracket) if bracket is not None else Join("cut"))
        position = marker.end()
    parts.append(text[position:])
    leading = _edge_join(parts, 0)
    trailing = _edge_join(parts, -1)
    pieces: list[str] = []
    joins: list[Join] = []
    for part in parts:
        if isinstance(part, Join):
            if len(joins) == len(pieces) - 1 and pieces:
                joins.append(part)
            elif joins:
                joins[-1] = Join("cut") if "cut" in (joins[-1].kind, part.kind) else Join("bracket", joins[-1].text)
        elif part.strip():
            if len(joins) < len(pieces):
                joins.append(Join("cut"))
            pieces.append(part.strip())
    return Pattern(tuple(pieces), tuple(joins[: max(len(pieces) - 1, 0)]), leading, trailing)


def _edge_join(parts: list[str | Join], index: int) -> Join | None:
    """A bracket or cut at the very start or end of the quote, removed from `parts`."""
    while parts and isinstance(parts[index], str) and not str(parts[index]).strip():
        parts.pop(index)
    if parts and isinstance(parts[index], Join):
        join = parts.pop(index)
        assert isinstance(join, Join)
        return join
    return None


def search(quote: str, source: Source, deadline: float = math.inf) -> Search:
    """Every place `quote` (normalized) fits in `source`: verbatim first, then as an altered quote. Past
    `deadline` (time.monotonic()) the search stops and says so."""
    found = Search(deadline=deadline)
    found.matches = [Match((span,)) for span in _occurrences(quote, source.normalized, allow_case=True)]
    if found.matches:
        return found
    pattern = parse(quote)
    if not pattern.pieces:
        return found
    if len(pattern.pieces) > MAX_PIECES:
        _refuse(found, 4, 0, f"it has {len(pattern.pieces) - 1} cuts and brackets; a quote may have {MAX_PIECES - 1}")
        return found
    for first in _occurrences(pattern.pieces[0], source.normalized, allow_case=True):
        if found.exhausted():
            break
        if not _edge_ok(pattern.leading, source, first[0], before=True, found=found):
            continue
        for spans in _extend(pattern, source, [first], found):
            match = Match(tuple(spans))
            if match not in found.matches and _edge_ok(pattern.trailing, source, match.end, before=False, found=found):
                found.matches.append(match)
                if len(found.matches) >= MAX_MATCHES:
                    return found
    return found


def _occurrences(piece: str, text: str, *, allow_case: bool, start: int = 0) -> Iterator[tuple[int, int]]:
    """Every word-bounded occurrence of `piece` in `text` from `start` on, in order."""
    for begin in find_all_verbatim(piece, text, first_letter_case=allow_case, start=start):
        yield begin, begin + len(piece)


def _extend(
    pattern: Pattern, source: Source, spans: list[tuple[int, int]], found: Search
) -> Iterator[list[tuple[int, int]]]:
    index = len(spans)
    if index == len(pattern.pieces):
        yield spans
        return
    join = pattern.joins[index - 1]
    end = spans[-1][1]
    limit = end + (MAX_GAP_CHARACTERS + 2 if join.kind == "cut" else MAX_BRACKET_CHARACTERS)
    if index not in found.places:
        found.places[index] = list(
            _occurrences(pattern.pieces[index], source.normalized, allow_case=join.kind == "cut")
        )
    places = found.places[index]
    for candidate in places[bisect_left(places, (end, end)) :]:
        found.steps += 1
        if found.exhausted():
            return
        if candidate[0] > limit:
            if join.kind == "cut":
                _refuse(found, 1, candidate[0], _too_far(candidate[0] - end))
            return
        if _join_ok(join, source, end, candidate[0], found):
            yield from _extend(pattern, source, [*spans, candidate], found)


def _join_ok(join: Join, source: Source, end: int, start: int, found: Search) -> bool:
    removed = source.normalized[end:start].strip()
    if join.kind == "cut":
        if not removed:
            _refuse(found, 1, end, "a '...' here cuts nothing: the words on both sides touch in the source")
            return False
        if source.paragraph_at(end) != source.paragraph_at(start):
            _refuse(found, 2, end, "the '...' joins words from different paragraphs of the source")
            return False
        if inside_clause(source.normalized, end, start):
            reason = alters_meaning(removed, "", "...")
            _refuse(
                found,
                3,
                end,
                reason or f"the ... cuts '{shown_briefly(removed)}' from inside a clause: {INSIDE_CLAUSE}",
            )
            return False
    elif len(WORD.findall(removed)) > MAX_BRACKET_WORDS:
        _refuse(found, 2, end, f"[{join.text}] stands for more than {MAX_BRACKET_WORDS} words of the source")
        return False
    return _keeps_meaning(join, removed, end, found)


def _edge_ok(join: Join | None, source: Source, offset: int, *, before: bool, found: Search) -> bool:
    """A bracket opening or closing the quote stands for the words between the quote and the clause's edge
    (at most six): "[The council] will" replaces "We" in "“We will", "by [a lot]" replaces "12%" in "by 12%,"."""
    if join is None or join.kind == "cut":
        return True
    text = source.normalized
    if before:
        window = max(0, offset - MAX_BRACKET_CHARACTERS)
        boundaries = list(CLAUSE_EDGE.finditer(text, window, offset))
        replaced = text[boundaries[-1].end() if boundaries else window : offset]
        words = WORD.findall(replaced)[-MAX_BRACKET_WORDS:]
    else:
        boundary = CLAUSE_EDGE.search(text, offset)
        replaced = text[offset : boundary.start() if boundary else len(text)]
        words = WORD.findall(replaced)[:MAX_BRACKET_WORDS]
    return _keeps_meaning(join, " ".join(words), offset, found)


def _keeps_meaning(join: Join, replaced: str, offset: int, found: Search) -> bool:
    reason = alters_meaning(replaced, join.text, join.shown())
    if reason:
        _refuse(found, 3, offset, reason)
    return not reason


def _too_far(distance: int) -> str:
    return f"the words after '...' are {distance} characters away in the source (at most {MAX_GAP_CHARACTERS})"


def _refuse(found: Search, weight: int, offset: int, reason: str) -> None:
    """Keep the most telling reason: a removed negation beats a long gap beats an empty cut."""
    current = found.refusal_weight
    if weight > current:
        found.refusal, found.refusal_offset, found.refusal_weight = reason, offset, weight
