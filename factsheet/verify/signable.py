"""Everything a person signs off, in one shape: a quote's cut or bracket, a role the sources do not state, a
correction of a captured source's text; and how many different people each kind needs.

The machine proves words are in the source; it cannot prove a cut keeps a claim or a cleaned source still says
what the page said. Each of those is a `Signable` with a fingerprint of exactly what was judged (editing it
voids the approval) and a kind. The sheet's `signoff:` policy says how many different approvers each kind
needs: by default one for a cut, an edge cut, an added bracket or [sic]; two for what can change meaning (a
bracket that replaces words, a cut of a whole sentence or a long clause, a role the sources do not state, a
corrected source); none for a bracket that only changes case or typography.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from factsheet.sheet.load import Path_
from factsheet.sheet.model import SignoffPolicy
from factsheet.verify.alterations import Alteration, QuoteAlterations
from factsheet.verify.meaning import SENTENCE_END
from factsheet.verify.normalize import normalize

SignableKind = Literal[
    "cut", "claim cut", "edge cut", "bracket", "replacement", "typography", "sic", "role", "correction"
]
CLAIM_CUT_WORDS = 10
"""A cut of this many words or more, or of a sentence's end, can take a claim with it: two people sign it."""


@dataclass(frozen=True)
class Signable:
    """One thing a person must approve. `path` is the sheet item it belongs to (None for a source correction,
    which is at `source_file`:`source_line`); `subject` is what is approved (the quote, the role, the source),
    `change` what it changes in plain words, `evidence` the source passage or word diff a reviewer reads."""

    identifier: str
    kind: SignableKind
    subject: str
    change: str
    evidence: str
    path: Path_ | None = None
    source_file: Path | None = None
    source_line: int = 1
    evidence_label: str = "source passage"
    message: str = ""
    """What `check` says while it is not signed off (a quote's alteration when empty)."""

    @property
    def details(self) -> tuple[str, ...]:
        """The evidence as a problem's detail lines: labelled, each further line indented."""
        lines = self.evidence.splitlines() or [""]
        return (f"{self.evidence_label}: {lines[0]}", *(f"  {line}" for line in lines[1:]))

    @property
    def unsigned(self) -> str:
        default = f"this quote's change is not signed off yet: {self.change} (alteration {self.identifier})"
        return self.message or default

    def needed(self, policy: SignoffPolicy) -> int:
        """How many different people must approve this under the sheet's policy."""
        return int(getattr(policy, self.kind.replace(" ", "_")))


def fingerprint(*parts: str) -> str:
    """A short id bound to exactly these words: any edit gives a new one."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def quote_signables(quote: QuoteAlterations) -> list[Signable]:
    """A quote's alterations as things to sign off, each with the kind its policy counts."""
    return [
        Signable(
            quote.identifier(index),
            _kind(alteration),
            quote.quote,
            alteration.describe(),
            quote.struck(index),
            path=quote.path,
        )
        for index, alteration in enumerate(quote.alterations)
    ]


def _kind(alteration: Alteration) -> SignableKind:
    if alteration.kind == "bracket" and alteration.removed:
        same = normalize(alteration.inserted).lower() == normalize(alteration.removed).lower()
        return "typography" if same else "replacement"
    if alteration.kind == "cut":
        removed = alteration.removed
        long = len(removed.split()) >= CLAIM_CUT_WORDS or SENTENCE_END.search(removed.rstrip(".!?\"' ")) is not None
        return "claim cut" if long else "cut"
    return alteration.kind
