"""Fingerprints of the archived sources, who reviewed each, and the evidence each was captured from.

The misquote gate is only as good as the archive it checks against: if someone "fixes" a source's text to
match a misquote, every check would pass. `sources.lock` records the SHA-256 of each source's text when a
reviewer last accepted it, with that reviewer's name and the time, and for a captured source the SHA-256 of
the page as received and the extractor that read it (so `check` can read the page again the same way and
compare). Evidence lines are written only by a capture; `check --record` never blesses an edited capture.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from factsheet.campaign import LOCK_FILE_NAME
from factsheet.errors import FactsheetError, Location
from factsheet.sheet.load import LoadedYaml, load_yaml_file
from factsheet.verify.sources import EVIDENCE_SUFFIXES, Source
from factsheet.write import write_atomic

HEADER = (
    "# factsheet: SHA-256 of each archived source's text (below its front matter), as last reviewed, and by whom.\n"
    "# A source whose text no longer matches is an error. After reviewing the change, record it again with:\n"
    "#   factsheet check --record\n"
    "# evidence: the page or PDF `factsheet source add` kept as captured, and the extractor that read it; written\n"
    "# only by a capture, never by --record. check reads each captured page again and compares it with the text.\n"
)
DIGEST = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class TextRecord:
    """A source text as last reviewed: its fingerprint, who recorded it and when (empty in an older lock)."""

    sha256: str
    recorded_by: str = ""
    recorded_at: str = ""


@dataclass(frozen=True)
class EvidenceRecord:
    """A capture's evidence file: its fingerprint as captured and the extractor that read it then."""

    sha256: str
    extractor: str = ""


@dataclass(frozen=True)
class Lock:
    """What sources.lock records, by source id (texts) and by evidence file name."""

    texts: dict[str, TextRecord] = field(default_factory=dict)
    evidence: dict[str, EvidenceRecord] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.texts or self.evidence)


def read_lock(campaign: Path) -> Lock:
    """The recorded fingerprints; an empty lock when nothing was recorded yet. A lock written before reviewers
    were recorded (one `id: digest` line per file) reads as one with no names."""
    path = campaign / LOCK_FILE_NAME
    if not path.is_file():
        return Lock()
    loaded = load_yaml_file(path)
    data = loaded.data if isinstance(loaded.data, dict) else {}
    if isinstance(data.get("sources"), dict) or isinstance(data.get("evidence"), dict):
        texts = {
            str(key): TextRecord(
                _digest(loaded, ("sources", str(key)), value),
                *(_text(value, name) for name in ("recorded_by", "recorded_at")),
            )
            for key, value in (data.get("sources") or {}).items()
        }
        evidence = {
            str(key): EvidenceRecord(_digest(loaded, ("evidence", str(key)), value), _text(value, "extractor"))
            for key, value in (data.get("evidence") or {}).items()
        }
        return Lock(texts, evidence)
    flat = {str(key): _digest(loaded, (str(key),), value) for key, value in data.items()}
    return Lock(
        {key: TextRecord(value) for key, value in flat.items() if not is_evidence_name(key)},
        {key: EvidenceRecord(value) for key, value in flat.items() if is_evidence_name(key)},
    )


def _digest(loaded: LoadedYaml, path: tuple[str, ...], value: object) -> str:
    digest = value.get("sha256") if isinstance(value, dict) else value
    if not isinstance(digest, str) or not DIGEST.match(digest):
        raise FactsheetError.at(
            loaded.locate(path),
            f"the fingerprint of '{path[-1]}' is not a SHA-256 hex digest",
            "delete this entry and run 'factsheet check --record' to record it again (a capture's evidence: "
            "capture the source again with factsheet source add --replace)",
        )
    return digest


def _text(value: object, name: str) -> str:
    found = value.get(name) if isinstance(value, dict) else None
    return str(found) if found is not None else ""


def write_lock(campaign: Path, sources: Mapping[str, Source], by: str, at: str) -> Path:
    """Record every source's text as reviewed by `by` at `at`, replacing the lock file atomically. A source
    whose text is unchanged keeps the reviewer who recorded it; the evidence already recorded is kept as it
    is (reviewing a text does not bless an edited capture)."""
    lock = read_lock(campaign)
    texts = {}
    for source_id, source in sources.items():
        old = lock.texts.get(source_id)
        texts[source_id] = old if old is not None and old.sha256 == source.sha256 else TextRecord(source.sha256, by, at)
    return _write(campaign, Lock(texts, dict(lock.evidence)))


def record_evidence(campaign: Path, name: str, sha256: str, extractor: str) -> Path:
    """Record the fingerprint of a capture's evidence file and its extractor, keeping the rest of the lock
    but the entry of an earlier capture of the same source in another form (a saved page replaced by a WARC)."""
    lock = read_lock(campaign)
    source_id = name.removesuffix(next(suffix for suffix in EVIDENCE_SUFFIXES if name.endswith(suffix)))
    kept = {key: value for key, value in lock.evidence.items() if not key.startswith(f"{source_id}.")}
    return _write(campaign, Lock(lock.texts, {**kept, name: EvidenceRecord(sha256, extractor)}))


def is_evidence_name(name: str) -> bool:
    return name.endswith(EVIDENCE_SUFFIXES)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write(campaign: Path, lock: Lock) -> Path:
    lines = [HEADER, "sources:\n"]
    for name in sorted(lock.texts):
        text = lock.texts[name]
        lines.append(f"  {name}:\n    sha256: {text.sha256}\n")
        if text.recorded_by:
            lines.append(f"    recorded_by: {json.dumps(text.recorded_by, ensure_ascii=False)}\n")
            lines.append(f"    recorded_at: {json.dumps(text.recorded_at)}\n")
    if lock.evidence:
        lines.append("evidence:\n")
    for name in sorted(lock.evidence):
        evidence = lock.evidence[name]
        lines.append(f"  {json.dumps(name)}:\n    sha256: {evidence.sha256}\n")
        if evidence.extractor:
            lines.append(f"    extractor: {json.dumps(evidence.extractor)}\n")
    return write_atomic(campaign / LOCK_FILE_NAME, "".join(lines).encode("utf-8"))


def lock_location(campaign: Path, name: str) -> Location:
    """Where a source's or evidence file's entry is written in the lock file (its line), for messages."""
    path = campaign / LOCK_FILE_NAME
    if path.is_file():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip().startswith((f"{name}:", f'"{name}":')):
                return Location.of(path, number, line.index(line.strip()[0]) + 1)
    return Location.of(path)
