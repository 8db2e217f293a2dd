"""The coalition's sign-off: who approved each alteration of a quote, and when, kept in the campaign folder.

Several groups put their names on one handout, so a person, not the machine, approves every cut, bracket,
[sic] and edge cut. `signoff.yaml` records each approval under the alteration's fingerprint (see
alterations.py): an edit of the quote or of the archived passage gives the alteration a new fingerprint, so the
old approval no longer applies and the build asks again.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from factsheet.campaign import SIGNOFF_FILE_NAME
from factsheet.errors import FactsheetError
from factsheet.sheet.load import load_yaml_file
from factsheet.write import write_atomic

HEADER = (
    "# factsheet sign-off: each alteration of a quote (a cut, a bracket, [sic], an edge cut) that a person checked\n"
    "# keeps the speaker's meaning, by its fingerprint. Editing the quote or its source passage voids the approval.\n"
    "# Written by `factsheet review`; to withdraw an approval, delete its entry.\n"
)


@dataclass(frozen=True)
class Approval:
    """One signed-off alteration: its fingerprint, who approved it and when, and (for people reading the file)
    the quote and the change."""

    alteration: str
    approved_by: str
    approved_at: str
    quote: str = ""
    change: str = ""


def read_signoff(campaign: Path) -> dict[str, Approval]:
    """The approvals recorded for a campaign, by alteration fingerprint; none when there is no file yet."""
    path = campaign / SIGNOFF_FILE_NAME
    if not path.is_file():
        return {}
    loaded = load_yaml_file(path)
    entries = loaded.data.get("approvals") if isinstance(loaded.data, dict) else None
    if not isinstance(entries, list):
        raise FactsheetError.at(
            loaded.locate(("approvals",)), "the sign-off file has no list of approvals", _REWRITE_HINT
        )
    approvals: dict[str, Approval] = {}
    for index, entry in enumerate(entries):
        fields = ("alteration", "approved_by", "approved_at")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(name), str) for name in fields):
            raise FactsheetError.at(
                loaded.locate(("approvals", index)),
                "this approval lacks its alteration, approved_by or approved_at",
                _REWRITE_HINT,
            )
        known = {name: str(entry.get(name) or "") for name in (*fields, "quote", "change")}
        approvals[known["alteration"]] = Approval(**known)
    return approvals


def record_approvals(campaign: Path, new: list[Approval]) -> Path:
    """Add approvals to the campaign's sign-off file (atomically), keeping the ones already there."""
    approvals = {**read_signoff(campaign), **{approval.alteration: approval for approval in new}}
    lines = [HEADER, "approvals:\n"]
    for approval in approvals.values():
        lines.append(f"  - alteration: {approval.alteration}\n")
        for name in ("approved_by", "approved_at", "quote", "change"):
            lines.append(f"    {name}: {json.dumps(getattr(approval, name), ensure_ascii=False)}\n")
    return write_atomic(campaign / SIGNOFF_FILE_NAME, "".join(lines).encode("utf-8"))


def now() -> str:
    """The time of an approval, in UTC to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


_REWRITE_HINT = "let `factsheet review` write this file; each entry needs alteration, approved_by and approved_at"
