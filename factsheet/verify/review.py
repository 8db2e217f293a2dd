"""The sign-off as a library: every change a person must judge with its approvals so far, recording approvals
(never two by the same person for one change), and the coalition's sign-off of the whole sheet.

`factsheet review` walks the unsigned changes from a terminal; scripts and the preview approve by id. All
record through `approve`, so an approval means the same wherever it was given.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from factsheet.errors import FactsheetError, Location
from factsheet.sheet.model import SignoffPolicy
from factsheet.verify.normalize import describe_character, invisible_character
from factsheet.verify.signable import Signable
from factsheet.verify.signoff import (
    Approval,
    CoalitionSignoff,
    Signoffs,
    now,
    read_signoff,
    record_approvals,
    record_coalition,
)


@dataclass(frozen=True)
class PendingChange:
    """One change with the approvals it has and how many different people it needs."""

    item: Signable
    approvals: tuple[Approval, ...]
    needed: int

    @property
    def identifier(self) -> str:
        return self.item.identifier

    @property
    def signed(self) -> bool:
        return len({approval.approved_by for approval in self.approvals}) >= self.needed

    @property
    def approvers(self) -> str:
        """Who approved so far, for messages: "Ana Ruiz (2026-11-30T10:00:00+00:00)"."""
        return ", ".join(f"{approval.approved_by} ({approval.approved_at})" for approval in self.approvals)


def changes(campaign: Path, items: Iterable[Signable], policy: SignoffPolicy) -> list[PendingChange]:
    """Every change to sign off, in sheet order, with its approvals; a kind the policy needs no one for
    (a typographic bracket) is left out."""
    approved = read_signoff(campaign).approvals
    pending = [PendingChange(item, approved.get(item.identifier, ()), item.needed(policy)) for item in items]
    return [change for change in pending if change.needed > 0]


def approve(campaign: Path, chosen: list[PendingChange], by: str, location: Location) -> Path:
    """Record `by`'s approval of each chosen change, now. A person approves a change once: a change that
    needs two people needs two different names."""
    name = person_name(by, location)
    again = [change for change in chosen if same_person(name, change.approvals)]
    if again:
        raise FactsheetError.at(
            location,
            f"{name} has already approved {', '.join(change.identifier for change in again)}: a change that "
            f"needs {again[0].needed} people needs a second person",
            f"approved so far by {again[0].approvers}; ask someone else to review it",
        )
    when = now()
    return record_approvals(
        campaign,
        [Approval(change.identifier, name, when, change.item.subject, change.item.change) for change in chosen],
    )


def person_name(
    given: str, location: Location, missing: str = "an approval needs the name of the person giving it"
) -> str:
    """A name as recorded: its spaces collapsed; refused when empty, or with a control, invisible or
    direction character or bytes that are not UTF-8 (such a name could read as someone else's)."""
    name = " ".join(given.split())
    if not name:
        raise FactsheetError.at(location, missing, "pass --by 'Name'")
    index = invisible_character(name)
    if index is not None:
        shown = describe_character(name[index])
        raise FactsheetError.at(
            location,
            f"the name contains an invisible or control character ({shown})",
            "type the name by hand, in UTF-8",
        )
    return name


def same_person(name: str, approvals: Iterable[Approval]) -> bool:
    """Whether `name` already approved (names compared with spaces collapsed, ignoring case)."""
    return any(" ".join(approval.approved_by.split()).casefold() == name.casefold() for approval in approvals)


def sheet_fingerprint(campaign: Path, inputs: Iterable[Path]) -> str:
    """The fingerprint a coalition signs: the sheet and every file it is checked against (sources, lock,
    translations), and every approval given, so any later edit voids the sign-off."""
    digest = hashlib.sha256()
    for path in sorted(set(inputs)):
        if path.is_file():
            digest.update(f"{path.relative_to(campaign)}\x00".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for identifier, approvals in sorted(read_signoff(campaign).approvals.items()):
        digest.update(f"{identifier}:{[approval.approved_by for approval in approvals]}\x00".encode())
    return digest.hexdigest()


def sign_sheet(campaign: Path, fingerprint: str, organisation: str, by: str, location: Location) -> Path:
    """Record that `by`, for `organisation`, checked the whole sheet as it is now."""
    names = [
        person_name(value, location, "a coalition sign-off needs the organisation and the person")
        for value in (organisation, by)
    ]
    return record_coalition(campaign, CoalitionSignoff(names[0], names[1], now(), fingerprint))


def current_coalition(signoffs: Signoffs, fingerprint: str) -> tuple[CoalitionSignoff, ...]:
    """The coalition sign-offs given for the sheet exactly as it is now."""
    return tuple(entry for entry in signoffs.coalition if entry.sheet == fingerprint)
