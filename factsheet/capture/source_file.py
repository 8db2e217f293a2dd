"""The source file `source add` writes: front matter from what the document states (or the user, marked as
theirs), then the text; and the short id it is known by.

Every message about a source names its id, so the default id is short: the publisher and a few words of the
title (`gothamist-nypd-facial-recognition-unit`), not the whole headline.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass

from factsheet.verify.extract import Extracted

MAX_ID_CHARACTERS = 40
TITLE_WORDS = 4
PUBLISHER_CHARACTERS = 16
MINOR_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with", "as", "is"}
    | {"are", "was", "were", "be", "how", "why", "what", "when", "who", "this", "that", "these", "those", "its"}
    | {"it", "his", "her", "their", "our", "your", "after", "over", "into", "about"}
)


@dataclass(frozen=True)
class Given:
    """Front matter fields the user states by hand (`--title`, `--author`, `--date`, `--publisher`)."""

    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    publisher: str | None = None

    def applied_to(self, extracted: Extracted) -> Extracted:
        """The extraction with the user's fields in place of the document's, each recorded as theirs."""
        stated = {name: value for name, value in dataclasses.asdict(self).items() if value}
        if not stated:
            return extracted
        origins = [(name, origin) for name, origin in extracted.origins if name not in stated]
        origins += [(name, f"given with --{'date' if name == 'published' else name}") for name in stated]
        note = "stated by the user, not by the document: " + ", ".join(stated)
        return dataclasses.replace(extracted, **stated, origins=tuple(origins), notes=(*extracted.notes, note))


def source_text(
    extracted: Extracted, address: str | None, retrieved: dt.date | None, origin: str, evidence: str
) -> tuple[str, tuple[str, ...]]:
    """The source file: front matter (an empty field where the document does not state it), then the text;
    and the fields left empty."""
    fields: dict[str, object] = {
        "publisher": extracted.publisher,
        "title": extracted.title,
        "author": extracted.author,
        "published": extracted.published,
        "url": address,
        "retrieved": retrieved,
    }
    missing = tuple(name for name, value in fields.items() if not value)
    if extracted.modified is not None:
        fields["modified"] = extracted.modified
    said = "; not stated by the document: " + ", ".join(missing) if missing else ""
    by_user = next((note for note in extracted.notes if note.startswith("stated by the user")), "")
    note = (
        f"Captured with factsheet source add from {origin}; evidence kept in {evidence} "
        f"(SHA-256 in sources.lock){said}."
    )
    if by_user:
        note += f" {by_user[0].upper()}{by_user[1:]}."
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
    if extracted.direction:
        lines.append(f"direction: {extracted.direction}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + extracted.text, missing


def _ascii_words(text: str) -> list[str]:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", ascii_text.lower())


def default_id(publisher: str | None, title: str) -> str:
    """A short source id: the publisher's name and the title's first few words that carry meaning, in
    lowercase ASCII with hyphens; a title with no such words is used whole, cut at a word."""
    lead = ""
    for word in _ascii_words(publisher or ""):
        if len(lead) + len(word) + 1 > PUBLISHER_CHARACTERS:
            break
        lead = f"{lead}-{word}" if lead else word
    title_words = [word for word in _ascii_words(title) if word not in MINOR_WORDS and word not in lead.split("-")]
    words = ([lead] if lead else []) + title_words[:TITLE_WORDS]
    if len(words) < 2:
        words = _ascii_words(title) or ["source"]
    identifier = ""
    for word in words:
        if identifier and len(identifier) + len(word) + 1 > MAX_ID_CHARACTERS:
            break
        identifier = f"{identifier}-{word}" if identifier else word
    return identifier[:MAX_ID_CHARACTERS].strip("-") or "source"


NOTHING_GIVEN = Given()
