"""What the gate says about the archive and the sheet's unfinished parts: fingerprints that no longer match,
sources nobody cites or whose metadata a reader will miss, and placeholders that must not reach the printer."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from factsheet.errors import Location, Problem
from factsheet.sheet.load import Path_, text_fields
from factsheet.sheet.validate import LocatedSheet, cited_sources
from factsheet.verify.lock import Lock, file_sha256, lock_location
from factsheet.verify.sources import EVIDENCE_SUFFIXES, Source

PLACEHOLDER_TEXT = re.compile(r"placeholder", re.IGNORECASE)
"""What `factsheet new` writes in every field it fills, and what a campaign writes where it has nothing yet."""
PLACEHOLDER_HOSTS = re.compile(r"^https?://(?:[^/]*\.)?example\.(?:org|com|net)(?:/|$)")
MAX_SHOWN = 70


def check_archive(
    located: LocatedSheet, sources: Mapping[str, Source], lock: Lock, *, compare_fingerprints: bool
) -> list[Problem]:
    """Archive integrity (fingerprints), sources nobody cites, and metadata a reader will miss."""
    campaign = located.yaml.file.parent
    recorded = {name: text.sha256 for name, text in lock.texts.items()} if compare_fingerprints else {}
    cited = {source_id for _path, source_id in cited_sources(located.sheet)}
    problems: list[Problem] = []
    for source in sources.values():
        fingerprint = recorded.get(source.id)
        if fingerprint is not None and fingerprint != source.sha256:
            problems.append(
                Problem(
                    Location.of(source.path, source.first_text_line),
                    f"the text of '{source.id}' changed since it was last reviewed",
                    "compare it with the original article; if the change is right, run 'factsheet check --record'",
                    details=(f"recorded fingerprint at {lock_location(campaign, source.id)}",),
                )
            )
        elif fingerprint is None and recorded:
            problems.append(
                Problem(
                    Location.of(source.path, 1),
                    f"'{source.id}' has no recorded fingerprint yet",
                    "once its quotes check out, run 'factsheet check --record'",
                    severity="warning",
                )
            )
        problems += _evidence_problems(campaign, source, lock)
        if source.id not in cited:
            problems.append(
                Problem(
                    Location.of(source.path, 1),
                    f"no fact, quote or section cites '{source.id}'",
                    "cite it, or move it out of the sources folder",
                    severity="warning",
                )
            )
        missing = [name for name, value in (("URL", source.meta.url), ("date", source.meta.published)) if not value]
        if missing:
            problems.append(
                Problem(
                    Location.of(source.path, source.meta_lines.get("url" if "URL" in missing else "published", 1)),
                    f"'{source.id}' has no {' and no '.join(missing)}, so its endnote cannot show one",
                    "fill it in from the article if it shows it; never guess",
                    severity="warning",
                    details=(f"its note says: {source.meta.note}",) if source.meta.note else (),
                )
            )
    return problems


def _evidence_problems(campaign: Path, source: Source, lock: Lock) -> list[Problem]:
    """A capture's evidence must be as it was captured: it is what shows what the page said that day."""
    evidence = source.evidence
    if evidence is None:
        deleted = [name for name in lock.evidence if name.startswith(f"{source.id}.")]
        return [
            Problem(
                lock_location(campaign, name),
                f"the captured copy {name} of '{source.id}' is missing from the sources folder",
                "restore it from a backup or from the archive edition of a handout, or capture the source again "
                "with factsheet source add --replace",
            )
            for name in deleted
            if name.removeprefix(f"{source.id}").startswith(EVIDENCE_SUFFIXES)
        ]
    record = lock.evidence.get(evidence.name)
    if record is not None and record.sha256 != file_sha256(evidence):
        return [
            Problem(
                Location.of(evidence),
                f"the captured copy {evidence.name} of '{source.id}' changed since it was captured",
                "it is the evidence of what the page said: restore it from a backup, or capture the source again "
                "with factsheet source add --replace",
                details=(f"recorded fingerprint at {lock_location(campaign, evidence.name)}",),
            )
        ]
    return []


def placeholder_warnings(located: LocatedSheet) -> list[Problem]:
    """Placeholders are allowed while drafting, but a reviewer must see each one before the handout is printed."""
    sheet, yaml = located.sheet, located.yaml
    addresses: list[tuple[Path_, str | None]] = [(("action", "url"), sheet.action.url)]
    if sheet.contact:
        addresses += [(("contact", name), getattr(sheet.contact, name)) for name in ("website", "email")]
    problems = [
        Problem(
            yaml.locate(path),
            f"'{value}' is a placeholder address",
            "replace it with the campaign's real address before printing",
            severity="warning",
        )
        for path, value in addresses
        if value and (PLACEHOLDER_HOSTS.match(value) or value.endswith(("@example.org", "@example.com")))
    ]
    flagged = {problem.location for problem in problems}
    for path, text in text_fields(yaml.data):
        if PLACEHOLDER_TEXT.search(text) and yaml.locate(path) not in flagged:
            problems.append(
                Problem(
                    yaml.locate(path),
                    shorten(f"'{' '.join(text.split())}' is placeholder text"),
                    "replace it with the campaign's own words before printing: it would print as it stands",
                    severity="warning",
                )
            )
    return problems


def shorten(text: str) -> str:
    """A message with any long quoted value cut to MAX_SHOWN characters."""
    return re.sub(rf"'([^']{{{MAX_SHOWN}}})[^']+'", r"'\1…'", text)
