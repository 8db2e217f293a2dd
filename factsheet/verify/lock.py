"""Fingerprints of the archived sources, so an edited archive is noticed.

The misquote gate is only as good as the archive it checks against: if someone "fixes" a source's text to
match a misquote, every check would pass. `sources.lock` records the SHA-256 of each source's text when a
reviewer last accepted it; any later change is an error until someone reviews it and records it again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from factsheet.campaign import LOCK_FILE_NAME
from factsheet.errors import FactsheetError, Location
from factsheet.sheet.load import load_yaml_file
from factsheet.verify.sources import EVIDENCE_SUFFIXES, Source
from factsheet.write import write_atomic

HEADER = (
    "# factsheet: SHA-256 of each archived source's text (below its front matter), as last reviewed.\n"
    "# A source whose text no longer matches is an error. After reviewing the change, record it again with:\n"
    "#   factsheet check --record\n"
    "# Lines naming a file (id.warc.gz, id.html, id.pdf) fingerprint the evidence `factsheet source add` kept\n"
    "# as captured; they are written only by a capture, never by --record.\n"
)


def read_lock(campaign: Path) -> dict[str, str]:
    """The recorded fingerprints, by source id; empty when nothing was recorded yet."""
    path = campaign / LOCK_FILE_NAME
    if not path.is_file():
        return {}
    loaded = load_yaml_file(path)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    for key, value in data.items():
        if not isinstance(value, str) or len(value) != 64:
            raise FactsheetError.at(
                loaded.locate((key,)),
                f"the fingerprint of '{key}' is not a SHA-256 hex digest",
                "delete this line and run 'factsheet check --record' to record it again",
            )
    return {str(key): str(value) for key, value in data.items()}


def write_lock(campaign: Path, sources: Mapping[str, Source]) -> Path:
    """Record the fingerprint of every source's text, replacing the lock file atomically. The evidence
    fingerprints already recorded are kept as they are: reviewing a text does not bless an edited capture
    (evidence not recorded yet, a page saved by hand, is recorded now)."""
    recorded = read_lock(campaign)
    entries = {source_id: sources[source_id].sha256 for source_id in sources}
    entries |= {name: value for name, value in recorded.items() if is_evidence_name(name)}
    for source in sources.values():
        evidence = source.evidence
        if evidence is not None and evidence.name not in entries:
            entries[evidence.name] = file_sha256(evidence)
    return _write(campaign, entries)


def record_evidence(campaign: Path, name: str, sha256: str) -> Path:
    """Record the fingerprint of a capture's evidence file, keeping every other line of the lock."""
    return _write(campaign, {**read_lock(campaign), name: sha256})


def is_evidence_name(name: str) -> bool:
    return name.endswith(EVIDENCE_SUFFIXES)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write(campaign: Path, entries: Mapping[str, str]) -> Path:
    lines = [f"{json.dumps(name) if is_evidence_name(name) else name}: {entries[name]}\n" for name in sorted(entries)]
    return write_atomic(campaign / LOCK_FILE_NAME, (HEADER + "".join(lines)).encode("utf-8"))


def lock_location(campaign: Path, source_id: str) -> Location:
    """Where a source's fingerprint is written in the lock file (its line), for messages."""
    path = campaign / LOCK_FILE_NAME
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith((f"{source_id}:", f'"{source_id}":')):
            return Location.of(path, number, 1)
    return Location.of(path)
