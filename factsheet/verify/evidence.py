"""The evidence chain: a captured source's text must be what its captured page says.

`factsheet source add` keeps the page as received (a WARC record, or the saved page or PDF) and records its
SHA-256 and the extractor that read it. On every check the text is extracted again from that evidence, the same
way, and compared with `sources/ID.txt`: editing the text to match a misquote and recording it again no longer
launders it. A difference is a correction (a caption or a newsletter line a volunteer removed) that people
sign off like a cut; until then it is an error with the word diff. Evidence is read again in-process only once
its fingerprint matches the lock, that is after a capture read it under time and memory limits. The text read
from each evidence file is cached by its fingerprint and the extractor, outside the campaign.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from factsheet.caching import cache_folder
from factsheet.errors import FactsheetError, Location, Problem
from factsheet.verify.extract import EXTRACTION_REVISION, from_html, from_pdf
from factsheet.verify.lock import Lock, file_sha256
from factsheet.verify.signable import Signable, fingerprint
from factsheet.verify.sources import Source

SHOWN_DIFFERENCES = 6
WORDS_SHOWN = 14


@dataclass
class EvidenceCheck:
    """What comparing the sources with their evidence found: problems, corrections to sign off, and the
    sources typed in by hand (no evidence to compare with)."""

    problems: list[Problem] = field(default_factory=list)
    corrections: list[Signable] = field(default_factory=list)
    hand_typed: list[str] = field(default_factory=list)


@cache
def extractor_id() -> str:
    """The extractor as recorded in the lock: factsheet's extraction revision and the libraries that read
    pages and PDFs, so a later check can tell whether it reads evidence the same way."""
    from importlib.metadata import version

    libraries = "; ".join(f"{name} {version(name)}" for name in ("trafilatura", "htmldate", "pypdfium2"))
    return f"factsheet-extract {EXTRACTION_REVISION}; {libraries}"


def check_evidence(campaign: Path, sources: dict[str, Source], lock: Lock) -> EvidenceCheck:
    """Compare every captured source's text with the text its evidence gives now."""
    found = EvidenceCheck()
    for source in sources.values():
        evidence = source.evidence
        if evidence is None:
            found.hand_typed.append(source.id)
            continue
        record = lock.evidence.get(evidence.name)
        if record is None:
            found.problems.append(
                Problem(
                    Location.of(evidence),
                    f"the captured copy {evidence.name} of '{source.id}' is not recorded in sources.lock, so its "
                    "text cannot be compared with it",
                    f"capture it again so it is recorded: factsheet source add {evidence.name} --id {source.id} "
                    "--replace (or remove the file if it is not the page this source came from)",
                )
            )
            continue
        if record.sha256 != file_sha256(evidence):
            continue
        try:
            extracted = evidence_text(evidence, record.sha256)
        except FactsheetError as error:
            found.problems += error.problems
            continue
        if extracted.strip() != source.text.strip():
            found.corrections.append(_correction(campaign, source, evidence, extracted, record.extractor))
    return found


def _correction(campaign: Path, source: Source, evidence: Path, extracted: str, recorded: str) -> Signable:
    differences = text_differences(extracted, source)
    first_line = differences[0][0] if differences else source.first_text_line
    shown = [f"{source.path.name} line {line}: {diff}" for line, diff in differences[:SHOWN_DIFFERENCES]]
    if len(differences) > SHOWN_DIFFERENCES:
        shown.append(f"and {len(differences) - SHOWN_DIFFERENCES} more")
    if recorded and recorded != extractor_id():
        shown.append(f"captured with {recorded}; read now with {extractor_id()}")
    identifier = fingerprint(source.id, evidence.name, hashlib.sha256(extracted.encode()).hexdigest(), source.sha256)
    change = f"{len(differences)} difference(s) from what {evidence.name} says"
    return Signable(
        identifier,
        "correction",
        source.id,
        change,
        "\n".join(shown),
        source_file=source.path,
        source_line=first_line,
        evidence_label="differences",
        message=f"the text of '{source.id}' differs from its captured copy {evidence.name}: {change} "
        f"(correction {identifier})",
    )


def correction_hint(item: Signable) -> str:
    """How to settle a correction: put the captured words back, or have people sign off the cleaning."""
    return (
        "if the archived text was edited, restore the captured words (or capture it again with factsheet source "
        f"add --replace); if it is a cleaning of the capture (a caption or a newsletter line removed), people "
        f"sign it off: factsheet review, or factsheet review --approve {item.identifier} --by 'Their Name'"
    )


def text_differences(extracted: str, source: Source) -> list[tuple[int, str]]:
    """Each place the source's text differs from the evidence's, as (line in the source file, word diff)."""
    old = extracted.split()
    new_matches = list(re.finditer(r"\S+", source.text))
    new = [match.group() for match in new_matches]
    found = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        offset = new_matches[min(b_start, len(new_matches) - 1)].start() if new_matches else 0
        parts = []
        if a_end > a_start:
            parts.append("[-" + _cut(old[a_start:a_end]) + "-]")
        if b_end > b_start:
            parts.append("{+" + _cut(new[b_start:b_end]) + "+}")
        found.append((source.line_of(offset), " ".join(parts)))
    return found


def _cut(words: list[str]) -> str:
    return " ".join(words) if len(words) <= WORDS_SHOWN else " ".join(words[:WORDS_SHOWN]) + " …"


def evidence_text(evidence: Path, sha256: str) -> str:
    """The text the extractor gives for an evidence file, as a capture would write it below the front
    matter; cached by the file's fingerprint and the extractor."""
    cached = _cache_folder() / f"{sha256}-{hashlib.sha256(extractor_id().encode()).hexdigest()[:12]}.txt"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    data = evidence.read_bytes()
    where = Location.of(evidence)
    if evidence.name.endswith(".warc.gz"):
        data, kind, url = _warc_response(data, where)
    else:
        kind, url = evidence.suffix.removeprefix("."), None
    text = (from_pdf(data, where) if kind == "pdf" else from_html(data, where, url, min_words=0)).text
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(cached)
    except OSError:
        pass
    return text


def _cache_folder() -> Path:
    return cache_folder("evidence")


def _warc_response(data: bytes, where: Location) -> tuple[bytes, str, str | None]:
    """The payload, its kind (html or pdf) and its address from the response record of a capture's WARC."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type == "response":
                content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                kind = "pdf" if "pdf" in content_type.lower() else "html"
                return record.content_stream().read(), kind, record.rec_headers.get_header("WARC-Target-URI")
    except ArchiveLoadFailed:
        pass
    raise FactsheetError.at(
        where,
        "this captured copy holds no readable web response",
        "capture the source again with factsheet source add --replace",
    )
