"""What `check --record` is about to bless: each source whose text is new or changed since it was last
recorded, who recorded it then, and for a captured source how its text differs from its captured page.

The lock keeps fingerprints, not old texts, so a hand-typed source's change is named, not shown; a captured
source's text is shown against what its evidence says, which is the comparison that matters.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from factsheet.errors import FactsheetError
from factsheet.verify.evidence import evidence_text, text_differences
from factsheet.verify.lock import file_sha256, read_lock
from factsheet.verify.sources import Source


@dataclass(frozen=True)
class SourceChange:
    """One source `--record` would record: `status` is 'new' or 'changed'; `before` says who recorded the
    earlier text and when; `differences` are word diffs against its captured page, if it has one."""

    source: Source
    status: str
    before: str = ""
    differences: tuple[str, ...] = ()


def source_changes(campaign: Path, sources: Mapping[str, Source]) -> list[SourceChange]:
    """The sources whose text differs from what sources.lock records (new ones included)."""
    lock = read_lock(campaign)
    found = []
    for source in sources.values():
        old = lock.texts.get(source.id)
        if old is not None and old.sha256 == source.sha256:
            continue
        before = ""
        if old is not None:
            before = f"recorded by {old.recorded_by} ({old.recorded_at})" if old.recorded_by else "recorded earlier"
        differences: tuple[str, ...] = ()
        evidence = source.evidence
        record = lock.evidence.get(evidence.name) if evidence is not None else None
        if evidence is not None and record is not None and record.sha256 == file_sha256(evidence):
            try:
                extracted = evidence_text(evidence, record.sha256)
            except FactsheetError:
                extracted = ""
            differences = tuple(f"line {line}: {diff}" for line, diff in text_differences(extracted, source))
        found.append(SourceChange(source, "changed" if old is not None else "new", before, differences))
    return found
