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
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from factsheet.campaign import SOURCES_FOLDER
from factsheet.errors import FactsheetError, Location, display_path
from factsheet.reading import read_regular
from factsheet.verify.evidence import extractor_id
from factsheet.verify.extract import Extracted, from_html, from_pdf
from factsheet.verify.lock import read_lock, record_evidence
from factsheet.verify.sources import EVIDENCE_SUFFIXES, MAX_SOURCE_BYTES, parse_source
from factsheet.write import publish_all

MAX_FILE_BYTES = 20_000_000
EXTRACT_SECONDS = 60.0
MAX_ID_CHARACTERS = 60
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


def capture(
    target: str, campaign: Path, *, source_id: str | None = None, title: str | None = None, replace: bool = False
) -> Captured:
    """Archive `target` (an http(s) address, or the path of a saved .html or .pdf file) into the campaign's
    sources folder."""
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
        extracted = _extract(fetched.body, fetched.kind, where, fetched.url)
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
        extracted = _extract(evidence_bytes, suffix.removeprefix("."), where, None)
        address = extracted.url
        origin = path.name
    chosen_title = title or extracted.title
    if not chosen_title:
        raise FactsheetError.at(
            where,
            "the document does not state its title",
            "give the title as the document shows it: --title 'The Headline'",
        )
    identifier = source_id or _slug(chosen_title)
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
    text, missing = _source_text(extracted, chosen_title, address, retrieved, origin, evidence_path.name)
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
    return Captured(source_path, evidence_path, sha256, missing, extracted.notes, changes)


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


def _extract(data: bytes, kind: str, where: Location, url: str | None) -> Extracted:
    """The document read in a child process under a time limit and a memory ceiling: a page or PDF is
    someone else's file, and a pathological one must stop with a message, not hang or exhaust the machine."""
    from factsheet.isolation import run_isolated

    reader = from_pdf if kind == "pdf" else from_html
    arguments = (data, where) if kind == "pdf" else (data, where, url)
    origin = Path(where.file)
    return run_isolated(reader, *arguments, origin=origin, seconds=EXTRACT_SECONDS, task="reading the document")


def _source_text(
    extracted: Extracted, title: str, address: str | None, retrieved: dt.date | None, origin: str, evidence: str
) -> tuple[str, tuple[str, ...]]:
    """The source file: front matter (an empty field where the document does not state it), then the text."""
    fields: dict[str, object] = {
        "publisher": extracted.publisher,
        "title": title,
        "author": extracted.author,
        "published": extracted.published,
        "url": address,
        "retrieved": retrieved,
    }
    missing = tuple(name for name, value in fields.items() if not value)
    said = "; not stated by the document: " + ", ".join(missing) if missing else ""
    note = (
        f"Captured with factsheet source add from {origin}; evidence kept in {evidence} "
        f"(SHA-256 in sources.lock){said}."
    )
    lines = ["---"]
    for name, value in fields.items():
        if value is None or value == "":
            lines.append(f"{name}:")
        elif isinstance(value, dt.date):
            lines.append(f"{name}: {value.isoformat()}")
        else:
            lines.append(f"{name}: {json.dumps(value, ensure_ascii=False)}")
    if extracted.claims:
        note += " " + extracted.claims
    lines.append(f"note: {json.dumps(note, ensure_ascii=False)}")
    if extracted.language and extracted.language != "en":
        lines.append(f"language: {json.dumps(extracted.language)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + extracted.text, missing


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


def _slug(title: str) -> str:
    """A source id from the title: its words in lowercase ASCII, hyphenated, cut at a word."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > MAX_ID_CHARACTERS:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug
