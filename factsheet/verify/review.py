"""The sign-off as a library: every alteration of a sheet's quotes with its status, and recording approvals.

`factsheet review` walks the unsigned ones from a terminal; scripts and the preview approve by id. Both record
through `approve`, so an approval means the same wherever it was given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from factsheet.errors import FactsheetError, Location
from factsheet.verify.alterations import Alteration, QuoteAlterations
from factsheet.verify.signoff import Approval, now, read_signoff, record_approvals


@dataclass(frozen=True)
class PendingChange:
    """One alteration of one quote, with its fingerprint and who signed it off (None while no one has)."""

    identifier: str
    quote: QuoteAlterations
    index: int
    approval: Approval | None

    @property
    def alteration(self) -> Alteration:
        return self.quote.alterations[self.index]

    @property
    def struck(self) -> str:
        return self.quote.struck(self.index)


def changes(campaign: Path, quotes: Iterable[QuoteAlterations]) -> list[PendingChange]:
    """Every alteration of the sheet's quotes in sheet order, signed off or not."""
    approved = read_signoff(campaign)
    return [
        PendingChange(quote.identifier(index), quote, index, approved.get(quote.identifier(index)))
        for quote in quotes
        for index in range(len(quote.alterations))
    ]


def approve(campaign: Path, chosen: list[PendingChange], by: str, location: Location) -> Path:
    """Record `by`'s approval of each chosen change, now."""
    name = " ".join(by.split())
    if not name:
        raise FactsheetError.at(location, "an approval needs the name of the person giving it", "pass --by 'Name'")
    when = now()
    approvals = [
        Approval(change.identifier, name, when, change.quote.quote, change.alteration.describe()) for change in chosen
    ]
    return record_approvals(campaign, approvals)
