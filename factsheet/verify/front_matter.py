"""A captured page's front matter by evidence: each field from the strongest statement the page makes, kept only
when it is a plausible value of its kind, with where it came from.

What `source add` writes into the front matter prints in the handout's endnotes as the source's credit, so a
wrong author or date is a misattribution with the campaign's name on it. The rules, each from a failure seen
on real saved pages:

- An author is a person's or an organisation's name: never a label ("Author:", "作者", "Username"), a date
  ("Last Updated January 7"), a UI string or the software that made the page. Names are taken from the
  article's structured data (JSON-LD `author`, which lists co-authors) and the byline the extractor read,
  merged, each once; a month glued after a name from the dateline is dropped; a credential split off a name
  ("Brenda Goodman; MA") is put back; "Mac; I" becomes the "Mac & i" the page prints.
- A title is one that two of the page's own statements agree on (the JSON-LD headline, `og:title`, an <h1>,
  a part of <title> that is not the site's name), without the site's name; otherwise it is left to the user
  (`--title`), never taken from an ad panel's or a section's heading.
- Dates: see stated_dates.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

MONTHS = frozenset(
    {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October"}
    | {"November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}
)
LABELS = frozenset(
    {"author", "authors", "by", "byline", "username", "user name", "login", "log in", "sign in", "register"}
    | {"authority control", "admin", "administrator", "editor", "editors", "unknown", "anonymous", "guest"}
    | {"contributor", "contributors", "posted by", "written by", "staff", "作者", "記者", "autor", "auteur"}
    | {"автор", "redaktion"}
)
NOT_A_NAME = re.compile(
    r"(?i)\b(updated|published|posted|ago|min read|minutes?|hours?|share|follow|subscribe|comments?|read more|"
    r"wordpress|drupal|joomla|blogger|wix|squarespace|generator|microsoft|adobe|acrobat|photoshop|"
    r"menu|search|newsletter|advertis\w*|cookies?|privacy)\b"
)
BYLINE_WORD = re.compile(r"^(?:by|par|por|door|written by|posted by)\s+(?=\S)", re.IGNORECASE)
"""The word a byline starts with ("By Jane Doe", "Par Jeanne Dupont"), which is not part of the name."""
CREDENTIAL = re.compile(r"(?i)^(MA|MS|MSc|MD|PhD|Ph\.D\.|RN|MPH|JD|Esq\.?|Jr\.?|Sr\.?|II|III|IV|DO|MBA|CPA|BSN)$")
ARTICLE_TYPES = re.compile(r"(?i)(article|posting|report|review|story|webpage)$")
SCRIPTS = {"tw": "Hant", "hk": "Hant", "mo": "Hant", "hant": "Hant", "cn": "Hans", "sg": "Hans", "hans": "Hans"}
RIGHT_TO_LEFT = frozenset({"ar", "ur", "fa", "he", "yi", "ps", "sd", "ug", "dv", "ku"})


@dataclass(frozen=True)
class FrontMatter:
    """The fields a page states, each with where it came from, and notes where the page disagrees."""

    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    modified: dt.date | None = None
    language: str | None = None
    direction: str | None = None
    origins: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def _words(value: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", value.casefold()).split())


SEPARATOR = re.compile(r"\s+[|–—›»·•:-]{1,2}\s+")
"""What sites put between a headline and their name in <title> (not ':' or '-' inside a word)."""
TITLE_PARTS = re.compile(r"\s+(?:[|–—›»·•-]|::)\s+")


def _agrees(one: str | None, other: str | None) -> bool:
    """Whether two statements of a title agree: one holds the other, or most words of the shorter are in the
    longer (a site's own punctuation and case aside)."""
    first, second = _words(one or ""), _words(other or "")
    if not first or not second:
        return False
    if first in second or second in first:
        return True
    shorter, longer = sorted((first.split(), second.split()), key=len)
    return len(shorter) >= 2 and sum(word in longer for word in shorter) >= 0.6 * len(shorter)


def _site_words(page: Any, items: Sequence[dict[str, Any]]) -> set[str]:
    """The words a page's site is called by: its og:site_name, its publisher, its addresses' host names."""
    from urllib.parse import urlsplit

    names = [str(value) for value in page.xpath('//meta[@property="og:site_name"]/@content')]
    names += [str(item["publisher"].get("name")) for item in items if isinstance(item.get("publisher"), dict)]
    addresses = page.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content')
    names += [(urlsplit(str(address)).hostname or "").removeprefix("www.") for address in addresses]
    return {word for name in names for word in _words(name.replace(".", " ")).split()}


def _site_like(part: str, site: set[str]) -> bool:
    words = _words(part).split()
    return bool(words) and sum(word in site for word in words) >= 0.5 * len(words)


def choose_title(page: Any, items: Sequence[dict[str, Any]]) -> tuple[str | None, str]:
    """The title two of the page's own statements agree on (the JSON-LD headline, og:title, an <h1>, a part of
    the <title> that is not the site's name), and where it came from; else the <title> as the page states it
    when that is all it states, or its one part that is not the site's name; else None. A page whose og:title
    nothing confirms gets None: a heading and a <title> part agreeing then is a section's name."""
    tag = clean(_first(page.xpath("//title/text()")))
    og = _first(page.xpath('//meta[@property="og:title" or @name="og:title"]/@content'))
    headline = next((item["headline"] for item in items if isinstance(item.get("headline"), str)), None)
    headings = [" ".join(h.text_content().split()) for h in page.xpath("//h1")][:3]
    site = _site_words(page, items)
    parts = [part for part in TITLE_PARTS.split(tag or "") if part.strip() and not _site_like(part, site)]
    statements = [("the JSON-LD headline", headline), ("og:title", og)]
    statements += [("the <h1>", heading) for heading in headings]
    statements += [("<title>", part) for part in parts]
    stated = [(name, cleaned) for name, value in statements if (cleaned := clean(value))]
    for name, value in stated:
        confirming = [other for other, said in stated if other != name and _agrees(value, said)]
        if confirming and name != "og:title" and og and not _agrees(og, value):
            return None, ""
        if confirming:
            trimmed = [
                said
                for other, said in stated
                if value.startswith(said)
                and TITLE_PARTS.match(value[len(said) :])
                and (other != "<title>" or _site_like(value[len(said) :], site))
            ]
            return min([value, *trimmed], key=len), f"{name}, agreeing with {confirming[0]}"
    if tag and len(stated) == len(parts):
        return tag, "<title> (the page states no other title)"
    if len(parts) == 1 and not og:
        return clean(parts[0]), "<title>, without the site's name (no other statement agrees)"
    return None, ""


def choose_authors(extracted: str | None, items: Sequence[dict[str, Any]], page_text: str) -> tuple[str | None, str]:
    """The article's authors, '; '-separated, and where they came from."""
    stated = [name for item in items for name in _names(item.get("author"))]
    read = (extracted or "").split(";")
    names = _merged([*stated, *read], page_text)
    origin = "JSON-LD author" if stated else "the byline"
    if stated and any(_words(name) not in {_words(s) for s in stated} for name in names):
        origin = "JSON-LD author and the byline"
    return ("; ".join(names), origin) if names else (None, "")


def without_publisher(authors: str | None, publisher: str | None) -> str | None:
    """The authors less the publisher itself, when a person is named too ('National Geographic; Jane Doe')."""
    if not authors or not publisher:
        return authors
    names = authors.split("; ")
    people = [name for name in names if _words(name) != _words(publisher)]
    return "; ".join(people) if people else authors


def _names(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for each in value for name in _names(each)]
    return []


def _merged(candidates: Iterable[str], page_text: str) -> list[str]:
    names: list[str] = []
    for raw in candidates:
        name = _without_dateline(BYLINE_WORD.sub("", " ".join(raw.split())).strip(" :;,|–-"), page_text)
        if names and CREDENTIAL.match(name):
            names[-1] = f"{names[-1]}, {name}"
            continue
        if names and len(name) <= 2 and name.isalpha():
            joined = _joined_in_page(names[-1], name, page_text)
            if joined:
                names[-1] = joined
            continue
        if not plausible_name(name):
            continue
        same = next((index for index, known in enumerate(names) if _words(known) == _words(name)), None)
        if same is None:
            names.append(name)
        elif names[same].isupper() and not name.isupper():
            names[same] = name
    return names


def plausible_name(name: str) -> bool:
    """Whether a byline value can be a person's or an organisation's name."""
    return (
        bool(name)
        and any(character.isalpha() for character in name)
        and name.casefold().rstrip(":：") not in LABELS
        and not name.endswith((":", "："))
        and not any(character.isdigit() for character in name)
        and not NOT_A_NAME.search(name)
        and "@" not in name
        and "://" not in name
        and len(name.split()) <= 6
    )


def _without_dateline(name: str, page_text: str) -> str:
    words = name.split()
    if len(words) > 2 and words[-1] in MONTHS:
        rest = " ".join(words[:-1])
        if re.search(rf"{re.escape(rest)}\W+{words[-1]}\s+\d", page_text):
            return rest
    return name


def _joined_in_page(first: str, second: str, page_text: str) -> str | None:
    for separator in (" & ", " and ", " + "):
        found = re.search(re.escape(first + separator + second), page_text, re.IGNORECASE)
        if found:
            return found.group()
    return None


def choose_language(page: Any) -> tuple[str | None, str | None, str]:
    """The page's language as factsheet names it (zh-TW is zh-Hant: the script decides the fonts), its
    direction when right to left, and what the page stated when that differs."""
    stated = str(page.get("lang") or "").strip().replace("_", "-")
    parts = [part for part in stated.split("-") if part]
    if not parts or not re.fullmatch(r"[A-Za-z]{2,3}", parts[0]):
        return None, None, ""
    language = parts[0].lower()
    script = next((SCRIPTS[part.lower()] for part in parts[1:] if part.lower() in SCRIPTS), None)
    code = f"{language}-{script}" if language == "zh" and script else language
    rtl = str(page.get("dir") or "").lower() == "rtl" or language in RIGHT_TO_LEFT
    return code, "rtl" if rtl else None, stated if stated != code else ""


def article_items(items: Iterable[object]) -> list[dict[str, Any]]:
    """The JSON-LD objects that describe an article (not the site, the organisation or a breadcrumb list),
    flattening @graph."""
    found: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, list):
            found += article_items(item)
        elif isinstance(item, dict):
            if isinstance(item.get("@graph"), list):
                found += article_items(item["@graph"])
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(kind, str) and ARTICLE_TYPES.search(kind) for kind in kinds):
                found.append(item)
    return found


def types_of(items: Iterable[object]) -> list[str]:
    """Every JSON-LD @type the page states, @graph flattened."""
    found: list[str] = []
    for item in items:
        if isinstance(item, list):
            found += types_of(item)
        elif isinstance(item, dict):
            found += types_of(item.get("@graph") or [])
            kinds = item.get("@type")
            found += [kind for kind in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(kind, str)]
    return found


def _first(values: Sequence[object]) -> str | None:
    return next((text for value in values if (text := " ".join(str(value).split()))), None)


def clean(value: str | None) -> str | None:
    """A stated value with its entities decoded and its white space single, or None when it is blank."""
    import html

    return " ".join(html.unescape(value).split()) if value and value.strip() else None
