"""`factsheet source add`: from a link, a saved web page or a PDF report to an archived, fingerprinted source.

The source file is written in the format a volunteer writes by hand (front matter, then the text), from what
the document itself states; beside it the evidence is kept as received (the HTTP response as a WARC record, or
the saved file as given), and its SHA-256 goes into sources.lock, so anyone can later show what the page said
the day it was captured. The source's text itself is recorded in the lock only after review
(`factsheet check --record`), as for a source written by hand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from factsheet.campaign import SOURCES_FOLDER
from factsheet.capture.source_file import NOTHING_GIVEN, Given, default_id, source_text
from factsheet.errors import FactsheetError, Location, display_path
from factsheet.reading import read_regular
from factsheet.verify.evidence import extractor_id
from factsheet.verify.extract import Extracted, from_html, from_pdf
from factsheet.verify.lock import read_lock, record_evidence
from factsheet.verify.sources import EVIDENCE_SUFFIXES, MAX_SOURCE_BYTES, parse_source
from factsheet.write import publish_all

MAX_FILE_BYTES = 20_000_000
EXTRACT_SECONDS = 60.0
ADDRESS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")
"""Anything that starts with a scheme is an address (a one-letter 'scheme' is a Windows drive)."""
SOURCE_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class Captured:
    """What `capture` wrote: the source file, its evidence file, the evidence's SHA-256, the front matter
    fields the document did not state, and (with `replace`) the changes to the text it replaced."""

    source: Path
    evidence: Path
    sha256: str
    missing: tuple[str, ...]
    notes: tuple[str, ...]
    changes: tuple[str, ...] = ()
    origins: tuple[tuple[str, str], ...] = ()
    """Where each front matter field came from, as (field, what stated it)."""


def capture(
    target: str,
    campaign: Path,
    *,
    source_id: str | None = None,
    given: Given = NOTHING_GIVEN,
    replace: bool = False,
    min_words: int | None = None,
) -> Captured:
    """Archive `target` (an http(s) address, or the path of a saved .html or .pdf file) into the campaign's
    sources folder. `given` holds what the user states by hand (title, author, date, publisher), which
    overrides the document and is recorded as theirs; `min_words` lowers the bar for a short item."""
    retrieved: dt.date | None = None
    if source_id is not None:
        _refuse_id(source_id, Location(target))
        if not replace:
            _refuse_existing(campaign / SOURCES_FOLDER / f"{source_id}.txt", source_id)
        _refuse_unsafe(campaign / SOURCES_FOLDER / f"{source_id}.txt")
    if ADDRESS.match(target):
        from factsheet.capture.fetch import fetch
        from factsheet.capture.warc import warc_bytes

        fetched = fetch(target)
        where = Location(target)
        extracted = _extract(fetched.body, fetched.kind, where, fetched.url, min_words)
        evidence_bytes, suffix = warc_bytes(fetched), ".warc.gz"
        retrieved = fetched.at.date()
        address: str | None = fetched.url
        origin = fetched.url
        extracted = _claims_elsewhere(extracted, fetched.url)
    else:
        path = Path(target)
        where = Location.of(path)
        suffix = path.suffix.lower()
        if suffix in (".htm", ".xhtml"):
            suffix = ".html"
        if suffix not in (".html", ".pdf"):
            raise FactsheetError.at(
                where,
                "factsheet can add a saved web page (.html) or a PDF report (.pdf)",
                "save the page from your browser as 'Web Page, HTML only', or give the page's address",
            )
        evidence_bytes = read_regular(path, MAX_FILE_BYTES, where)
        extracted = _extract(evidence_bytes, suffix.removeprefix("."), where, None, min_words)
        address = extracted.url
        origin = path.name
    extracted = given.applied_to(extracted)
    if not extracted.title:
        raise FactsheetError.at(
            where,
            "the document does not state its title, or states different ones",
            "give the title as the document shows it: --title 'The Headline'",
        )
    identifier = source_id or default_id(extracted.publisher, extracted.title)
    _refuse_id(identifier, where)
    folder = campaign / SOURCES_FOLDER
    if folder.is_symlink() or (folder.exists() and not folder.resolve().is_relative_to(campaign.resolve())):
        raise FactsheetError.at(
            Location.of(folder),
            "the sources folder is a link to a folder outside the campaign",
            "make sources/ a real folder inside the campaign folder",
        )
    read_lock(campaign)
    source_path = folder / f"{identifier}.txt"
    evidence_path = folder / f"{identifier}{suffix}"
    text, missing = source_text(extracted, address, retrieved, origin, evidence_path.name)
    if len(text.encode("utf-8")) > MAX_SOURCE_BYTES:
        raise FactsheetError.at(
            where,
            f"the captured text is {len(text.encode('utf-8')) // 1000:,} KB, more than a source may hold "
            f"({MAX_SOURCE_BYTES // 1000:,} KB)",
            "capture the article's own page rather than a page of many articles, or save only the article",
        )
    changes: tuple[str, ...] = ()
    _refuse_unsafe(source_path)
    if source_path.exists():
        if not replace:
            _refuse_existing(source_path, identifier)
        changes = _changes(source_path, text)
    parse_source(text, source_path)
    folder.mkdir(exist_ok=True)
    publish_all([(source_path, text.encode("utf-8")), (evidence_path, evidence_bytes)])
    for stale in EVIDENCE_SUFFIXES:
        old = folder / f"{identifier}{stale}"
        if stale != suffix and old.is_file():
            old.unlink()
    sha256 = hashlib.sha256(evidence_bytes).hexdigest()
    record_evidence(campaign, evidence_path.name, sha256, extractor_id())
    return Captured(source_path, evidence_path, sha256, missing, extracted.notes, changes, extracted.origins)


def _refuse_id(identifier: str, where: Location) -> None:
    """Checked before anything is downloaded: an id is a file name, so only lowercase letters, digits and
    hyphens, nothing after a line break."""
    if not SOURCE_ID.fullmatch(identifier) or len(identifier) > 80:
        raise FactsheetError.at(
            where,
            f"'{identifier}' cannot be a source id",
            "give one with --id: lowercase letters, digits and hyphens, such as nypd-facial-recognition-2020",
        )


def _refuse_unsafe(source_path: Path) -> None:
    """A source file to be replaced must be a regular file inside the campaign: never a named pipe (reading
    it would wait for ever) or a link to a file elsewhere."""
    if source_path.is_symlink() or (source_path.exists() and not source_path.is_file()):
        raise FactsheetError.at(
            Location.of(source_path),
            "this source is a link or a special file, not a plain text file",
            "remove it, then capture the source again",
        )


def _refuse_existing(source_path: Path, identifier: str) -> None:
    """Checked before fetching when the id is known, so a name already taken costs no download."""
    if source_path.exists():
        raise FactsheetError.at(
            Location.of(source_path),
            f"a source named '{identifier}' already exists",
            "choose another name with --id, or pass --replace to capture it again (the changes are shown, "
            "and check then asks for a review)",
        )


def _extract(data: bytes, kind: str, where: Location, url: str | None, min_words: int | None) -> Extracted:
    """The document read in a child process under a time limit and a memory ceiling: a page or PDF is
    someone else's file, and a pathological one must stop with a message, not hang or exhaust the machine."""
    from factsheet.isolation import run_isolated

    reader = from_pdf if kind == "pdf" else from_html
    arguments = (data, where) if kind == "pdf" else (data, where, url, min_words)
    origin = Path(where.file)
    return run_isolated(reader, *arguments, origin=origin, seconds=EXTRACT_SECONDS, task="reading the document")


def _claims_elsewhere(extracted: Extracted, fetched: str) -> Extracted:
    """A page that names another site as its address (rel=canonical, JSON-LD) may be a copy, or pretend to be
    another outlet: its address is where it was fetched, and what it claims (the other address, and the
    publisher it states) is kept in the note, never as the source's url or publisher."""
    claimed = extracted.url
    if not claimed or _host(claimed) == _host(fetched):
        return extracted
    publisher = f" and '{extracted.publisher}' as its publisher" if extracted.publisher else ""
    claims = f"The page names {claimed} as its address{publisher}; not taken as the source's, it was fetched here."
    return dataclasses.replace(extracted, url=None, publisher=None, claims=claims)


def _host(address: str) -> str:
    return (urlsplit(address).hostname or "").lower().removeprefix("www.")


def _changes(existing: Path, text: str) -> tuple[str, ...]:
    """The replaced source's text against the new capture, as a unified diff of lines."""
    old = existing.read_text(encoding="utf-8", errors="replace").splitlines()
    name = display_path(existing)
    diff = difflib.unified_diff(old, text.splitlines(), f"{name} (before)", f"{name} (captured now)", lineterm="", n=1)
    return tuple(diff)
