"""The dates a captured page states: the article's publication date from its strongest statement, a
modified date kept apart, and a date found elsewhere only when the page writes it so that it reads one way.

"3/09/15" is 3 September or 9 March depending on who wrote it, and the date prints in the handout's endnotes
as the source's date: a date that can be read two ways is left to the user (`--date`), never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def choose_dates(
    page: Any, items: Sequence[dict[str, Any]], found: str | None, html_text: str, language: str | None = None
) -> tuple[dt.date | None, dt.date | None, str, tuple[str, ...]]:
    """The published and modified dates, where the published one came from, and notes."""
    published, origin = _stated_date(page, items, "datePublished", "article:published_time")
    modified, _ = _stated_date(page, items, "dateModified", "article:modified_time")
    if published is not None:
        return published, modified, origin, ()
    if found is None:
        return None, modified, "", ()
    date = dt.date.fromisoformat(found)
    if _written_unambiguously(date, html_text, language):
        if modified is not None and date == modified:
            return None, modified, "", ("the only date the page states is when it was last updated",)
        return date, modified, "a date the page's markup states", ()
    ambiguous = "the page writes its date only in numbers, not saying day or month first: give it with --date"
    return None, modified, "", (ambiguous,)


def _stated_date(page: Any, items: Sequence[dict[str, Any]], key: str, meta: str) -> tuple[dt.date | None, str]:
    for item in items:
        value = item.get(key)
        if isinstance(value, str) and (date := _iso(value)):
            return date, f"JSON-LD {key}"
    for value in page.xpath(f'//meta[@property="{meta}" or @name="{meta}"]/@content'):
        if date := _iso(str(value)):
            return date, meta
    for value in page.xpath(f'//*[@itemprop="{key}"]/@content | //*[@itemprop="{key}"]/@datetime'):
        if date := _iso(str(value)):
            return date, f"itemprop={key}"
    return None, ""


def _iso(value: str) -> dt.date | None:
    match = ISO_DATE.match(value.strip())
    try:
        return dt.date(*map(int, match.groups())) if match else None
    except ValueError:
        return None


def _written_unambiguously(date: dt.date, html_text: str, language: str | None) -> bool:
    """Whether the page writes `date` so that it can be read only one way: ISO, with its month in words (in
    English or the page's language), day first with dots (25.01.2020, a convention that is never month first),
    or in numbers whose day cannot be a month (19/1/2020)."""
    if date.isoformat() in html_text or f"{date:%Y/%m/%d}" in html_text:
        return True
    day, month, year = date.day, date.month, date.year
    names = {date.strftime("%B"), date.strftime("%b")} | _month_names(language, month)
    spelled = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    if re.search(rf"(?i)\b({spelled})\.?\s+0?{day}\b|\b0?{day}\.?\s+({spelled})\b", html_text):
        return True
    if re.search(rf"\b0?{day}\.0?{month}\.(?:{year}|{year % 100:02d})\b", html_text):
        return True
    return day > 12 and bool(
        re.search(rf"\b0?{day}/0?{month}/(?:{year}|{year % 100:02d})\b|\b0?{month}/0?{day}/{year}\b", html_text)
    )


def _month_names(language: str | None, month: int) -> set[str]:
    """The month's names in the page's language, wide and abbreviated (none for a language Babel lacks)."""
    if not language or language == "en":
        return set()
    from babel.core import UnknownLocaleError
    from babel.dates import get_month_names

    try:
        return {
            str(get_month_names(width, locale=language.replace("-", "_"))[month]) for width in ("wide", "abbreviated")
        }
    except (UnknownLocaleError, ValueError, KeyError):
        return set()
