"""The coalition's sign-off: who approved each change a person must judge, and who checked the whole sheet.

Several groups put their names on one handout, so a person, not the machine, approves every cut, bracket,
[sic], edge cut, unstated role and source correction. `signoff.yaml` records each approval under the change's
fingerprint (see signable.py): an edit of the quote or of the archived passage gives the change a new
fingerprint, so the old approvals no longer apply and the build asks again. A change that can alter meaning
needs approvals from several different people, so one entry may hold several approvals.

`coalition:` records partner organisations' sign-off of the whole sheet, each bound to the sheet's
fingerprint (the sheet, its sources, their lock and the approvals): any later edit voids it, and only a
current one is printed as "Checked by".
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from factsheet.campaign import SIGNOFF_FILE_NAME
from factsheet.errors import FactsheetError
from factsheet.sheet.load import load_yaml_file
from factsheet.write import write_atomic

HEADER = (
    "# factsheet sign-off: each change a person judged (a cut, a bracket, [sic], an edge cut, a role the sources\n"
    "# do not state, a corrected source) by its fingerprint, with who approved it and when. Editing the quote or\n"
    "# its source passage voids the approval. coalition: partners who checked the whole sheet, by its fingerprint.\n"
    "# Written by `factsheet review`; to withdraw an approval, delete its entry.\n"
)


@dataclass(frozen=True)
class Approval:
    """One person's approval of one change: its fingerprint, who and when, and (for people reading the file)
    what was approved and the change."""

    alteration: str
    approved_by: str
    approved_at: str
    quote: str = ""
    change: str = ""


@dataclass(frozen=True)
class CoalitionSignoff:
    """A partner organisation's sign-off of the whole sheet: who, for which organisation, when, and the
    fingerprint of the sheet as it was then."""

    organisation: str
    person: str
    at: str
    sheet: str


@dataclass(frozen=True)
class Signoffs:
    """Everything signoff.yaml holds: approvals by change fingerprint (in the order given), and the
    coalition's sign-offs of the whole sheet."""

    approvals: dict[str, tuple[Approval, ...]]
    coalition: tuple[CoalitionSignoff, ...] = ()


def read_signoff(campaign: Path) -> Signoffs:
    """What a campaign's sign-off file records; nothing when there is no file yet."""
    path = campaign / SIGNOFF_FILE_NAME
    if not path.is_file():
        return Signoffs({})
    loaded = load_yaml_file(path)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    entries = data.get("approvals") or []
    if not isinstance(entries, list):
        raise FactsheetError.at(
            loaded.locate(("approvals",)), "the sign-off file has no list of approvals", _REWRITE_HINT
        )
    approvals: dict[str, tuple[Approval, ...]] = {}
    for index, entry in enumerate(entries):
        fields = ("alteration", "approved_by", "approved_at")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(name), str) for name in fields):
            raise FactsheetError.at(
                loaded.locate(("approvals", index)),
                "this approval lacks its alteration, approved_by or approved_at",
                _REWRITE_HINT,
            )
        known = {name: str(entry.get(name) or "") for name in (*fields, "quote", "change")}
        approvals[known["alteration"]] = (*approvals.get(known["alteration"], ()), Approval(**known))
    coalition = []
    for index, entry in enumerate(data.get("coalition") or []):
        names = ("organisation", "person", "at", "sheet")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(name), str) for name in names):
            raise FactsheetError.at(
                loaded.locate(("coalition", index)),
                "this coalition sign-off lacks its organisation, person, at or sheet",
                "let `factsheet review --coalition ORGANISATION --by NAME` write it",
            )
        coalition.append(CoalitionSignoff(*(str(entry[name]) for name in names)))
    return Signoffs(approvals, tuple(coalition))


def record_approvals(campaign: Path, new: list[Approval]) -> Path:
    """Add approvals to the campaign's sign-off file (atomically, one writer at a time: the preview and the
    command line may approve at once, and neither approval may be lost), keeping the ones already there."""
    with _exclusive(campaign):
        current = read_signoff(campaign)
        approvals = dict(current.approvals)
        for approval in new:
            approvals[approval.alteration] = (*approvals.get(approval.alteration, ()), approval)
        return _write(campaign, Signoffs(approvals, current.coalition))


def record_coalition(campaign: Path, signoff: CoalitionSignoff) -> Path:
    """Add a partner's sign-off of the whole sheet, replacing that organisation's earlier one."""
    with _exclusive(campaign):
        current = read_signoff(campaign)
        kept = tuple(entry for entry in current.coalition if entry.organisation != signoff.organisation)
        return _write(campaign, Signoffs(current.approvals, (*kept, signoff)))


@contextmanager
def _exclusive(campaign: Path) -> Iterator[None]:
    """Hold the campaign folder's lock while reading and rewriting the sign-off file."""
    descriptor = os.open(campaign, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _write(campaign: Path, signoffs: Signoffs) -> Path:
    lines = [HEADER, "approvals:\n" if signoffs.approvals else "approvals: []\n"]
    for approvals in signoffs.approvals.values():
        for approval in approvals:
            lines.append(f"  - alteration: {approval.alteration}\n")
            for name in ("approved_by", "approved_at", "quote", "change"):
                lines.append(f"    {name}: {json.dumps(getattr(approval, name), ensure_ascii=False)}\n")
    if signoffs.coalition:
        lines.append("coalition:\n")
    for entry in signoffs.coalition:
        lines.append(f"  - organisation: {json.dumps(entry.organisation, ensure_ascii=False)}\n")
        for name in ("person", "at", "sheet"):
            lines.append(f"    {name}: {json.dumps(getattr(entry, name), ensure_ascii=False)}\n")
    text = "".join(lines)
    yaml.safe_load(text)
    return write_atomic(campaign / SIGNOFF_FILE_NAME, text.encode("utf-8"))


def now() -> str:
    """The time of an approval, in UTC to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


_REWRITE_HINT = "let `factsheet review` write this file; each entry needs alteration, approved_by and approved_at"
