"""The alterations an honest quote may show, each named with what it takes out, for a person to sign off.

The machine proves the words are the speaker's; it cannot prove a cut keeps the meaning. So every cut, bracket,
[sic] and edge cut the rules allow is listed with the source's words it removes or replaces, and carries a
fingerprint of the quote and the source passage: approving it binds to exactly these words, and editing
either the quote or the archived passage makes it a new alteration that needs approving again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from factsheet.sheet.load import Path_

AlterationKind = Literal["cut", "bracket", "sic", "edge cut"]


@dataclass(frozen=True)
class Alteration:
    """One change a quote makes to its source's words. `start` and `end` are the removed or replaced words'
    offsets in the source's normalized text; `inserted` is a bracket's own words."""

    kind: AlterationKind
    removed: str
    start: int
    end: int
    inserted: str = ""

    def describe(self) -> str:
        if self.kind == "cut":
            return f"the '...' removes '{self.removed}'"
        if self.kind == "bracket":
            return f"[{self.inserted}] stands for '{self.removed}'" if self.removed else f"[{self.inserted}] is added"
        if self.kind == "sic":
            return "[sic] marks an error the source itself made"
        return f"the quote leaves out '{self.removed}'"


@dataclass(frozen=True)
class QuoteAlterations:
    """The alterations of one quote against the source passage it was found in (`passage_start` and
    `passage_end` are offsets into the source's normalized text, `passage` those words)."""

    path: Path_
    quote: str
    source_id: str
    passage: str
    passage_start: int
    alterations: tuple[Alteration, ...]

    def identifier(self, index: int) -> str:
        """A fingerprint of the quote, its passage and this alteration: the id an approval is recorded under."""
        alteration = self.alterations[index]
        parts = (self.quote, self.source_id, self.passage, alteration.kind, alteration.removed, alteration.inserted)
        digest = hashlib.sha256("\x1f".join((*parts, str(alteration.start - self.passage_start))).encode())
        return digest.hexdigest()[:12]

    def struck(self, index: int) -> str:
        """The source passage with this alteration's removed words marked [-like this-] (and a bracket's own
        words after them as {+[like this]+}), exactly as the source has them."""
        alteration = self.alterations[index]
        start, end = alteration.start - self.passage_start, alteration.end - self.passage_start
        removed = self.passage[start:end].strip()
        if not removed and not alteration.inserted:
            return self.passage
        marked = f"[-{removed}-]" if removed else ""
        if alteration.inserted:
            marked += f"{{+[{alteration.inserted}]+}}"
        return f"{self.passage[:start].rstrip()} {marked} {self.passage[end:].lstrip()}".strip()
