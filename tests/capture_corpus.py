"""A capture corpus written for factsheet's tests and its capture benchmark (`bench/capture.py`): saved pages
covering each way front matter and text went wrong on real pages (#32), each with what a person would mark as
its front matter and article text.

Every page is a TEST PAGE: the outlets, names, dates and words are made up here and are not from any article.
This corpus is not held out (the code was written against it); it shows the classes stay fixed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

TOPICS = ("test council", "test library", "test bus route", "test park", "test school board")


@dataclass(frozen=True)
class Case:
    """One saved page, what it is about, and what a person would capture from it (None: refused)."""

    name: str
    html: bytes
    title: str | None
    author: str | None
    published: dt.date | None
    paragraphs: tuple[str, ...] | None
    language: str | None = "en"
    notes: tuple[str, ...] = field(default=())


def body(topic: str, count: int = 4) -> list[str]:
    return [
        f"Paragraph {n} about the {topic}: this test page was written for factsheet's capture tests, and says "
        f"nothing about any real {topic.removeprefix('test ')} or any real person, on any real day at all."
        for n in range(1, count + 1)
    ]


def page(
    title: str,
    paragraphs: list[str],
    *,
    head: str = "",
    before: str = "",
    after: str = "",
    structured: dict[str, object] | None = None,
    lang: str = "en",
    charset: str | None = "utf-8",
    heading: str | None = None,
    raw: list[str] | None = None,
) -> bytes:
    data = f'<script type="application/ld+json">{json.dumps(structured)}</script>' if structured else ""
    text = "".join(raw or [f"<p>{paragraph}</p>" for paragraph in paragraphs])
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head>{meta}<title>{title} | Test Gazette (TEST PAGE)</title>'
        f'<meta property="og:title" content="{title}">{head}{data}</head><body>'
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>{before}"
        f"<article><h1>{heading or title}</h1>{text}</article>{after}<footer>© Test Gazette</footer></body></html>"
    ).encode()


def article(**fields: object) -> dict[str, object]:
    return {"@context": "https://schema.org", "@type": "NewsArticle", **fields}


def cases() -> Iterator[Case]:
    """The corpus, one or more pages per class."""
    day = dt.date(2021, 3, 9)
    for index, topic in enumerate(TOPICS):
        title = f"The {topic} meets again (test {index})"
        text = body(topic)
        person = f"Test Reporter {chr(65 + index)}"
        structured = article(author={"@type": "Person", "name": person}, datePublished=f"{day}T09:00:00Z")
        yield Case(f"plain-{index}", page(title, text, structured=structured), title, person, day, (title, *text))
        login = '<div hidden><span class="author">Username</span><p>Log in to comment on this test page.</p></div>'
        yield Case(
            f"login-menu-{index}",
            page(title, text, before=login, structured=structured),
            title,
            person,
            day,
            (title, *text),
        )
        label = {0: "Authority control", 1: "作者", 2: "Last Updated January 7", 3: "Author:", 4: "WordPress"}[index]
        yield Case(
            f"label-byline-{index}",
            page(title, text, head=f'<meta name="author" content="{label}">'),
            title,
            None,
            None,
            (title, *text),
        )
        advert = f"<aside><h1>Win a test prize {index}</h1></aside>"
        yield Case(
            f"advert-heading-{index}",
            page(title, text, before=advert, structured=structured),
            title,
            person,
            day,
            (title, *text),
        )
        ui = ["Read more", f"{index + 3} comments", "Share this article", "Next slide", "Play video"]
        yield Case(
            f"ui-strings-{index}",
            page(title, [text[0], *ui, *text[1:]], structured=structured),
            title,
            person,
            day,
            (title, *text),
        )
    text = body("test market")
    title = "The test market opens (test)"
    yield Case(
        "glued-date",
        page(
            title,
            text,
            head='<meta name="author" content="Laura June Testmaker July">',
            before="<p class='byline'>By Laura June Testmaker July 14, 2015</p>",
        ),
        title,
        "Laura June Testmaker",
        dt.date(2015, 7, 14),
        (title, *text),
    )
    yield Case(
        "doubled-name",
        page(title, text, structured=article(author=[{"name": "TEST WRITER"}, {"name": "Test Writer"}])),
        title,
        "Test Writer",
        None,
        (title, *text),
    )
    yield Case(
        "co-authors",
        page(title, text, structured=article(author=[{"name": "Test One"}, {"name": "Test Two"}])),
        title,
        "Test One; Test Two",
        None,
        (title, *text),
    )
    modified = article(datePublished="2020-08-14", dateModified="2021-01-07")
    yield Case(
        "published-and-updated",
        page(title, text, structured=modified),
        title,
        None,
        dt.date(2020, 8, 14),
        (title, *text),
    )
    numeric = page(title, text, head='<meta name="date" content="3/09/15">', before="<p>3/09/15</p>")
    yield Case("numeric-date", numeric, title, None, None, (title, *text))
    founded = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Test Org",
        "foundingDate": "1999-05-01",
    }
    yield Case("founding-date", page(title, text, structured=founded), title, None, None, (title, *text))
    chant = "Again and again the test crowd sang the same test line, louder every time, as the test rally went on."
    yield Case(
        "repeated-paragraph",
        page(title, [text[0], chant, chant, *text[1:]]),
        title,
        None,
        None,
        (title, text[0], chant, chant, *text[1:]),
    )
    hidden = "<p hidden>A hidden test paragraph no reader of the page ever sees, kept out of the capture.</p>"
    yield Case(
        "hidden-paragraph",
        page(title, text, raw=[f"<p>{text[0]}</p>", hidden, *(f"<p>{t}</p>" for t in text[1:])]),
        title,
        None,
        None,
        (title, *text),
    )
    site = '<meta property="og:site_name" content="Libération (TEST PAGE)">'
    yield Case(
        "undeclared-utf8",
        page("Le marché de test ouvre", text, head=site, charset=None, lang="fr"),
        "Le marché de test ouvre",
        None,
        None,
        ("Le marché de test ouvre", *text),
        "fr",
    )
    teaser = '<article><h2><a href="/{n}">Test headline {n}</a></h2><p>A short test teaser, number {n}.</p></article>'
    listing = (
        "<html lang='en'><head><meta charset='utf-8'><title>Test Gazette</title></head><body>"
        + "".join(teaser.format(n=n) for n in range(10))
        + "</body></html>"
    ).encode()
    yield Case("list-page", listing, None, None, None, None)
    brief = ["A test brief: the test bridge reopens on Monday, the test office said.", "Traffic returns to both lanes."]
    yield Case(
        "short-brief",
        page("Test bridge reopens", brief, structured=article(datePublished="2021-05-03")),
        "Test bridge reopens",
        None,
        dt.date(2021, 5, 3),
        ("Test bridge reopens", *brief),
    )
    code_lines = ["def test_total(rows):", "    return sum(rows)"]
    raw = [
        f"<p>{text[0]}</p>",
        f"<pre><code>{chr(10).join(code_lines)}</code></pre>",
        *(f"<p>{t}</p>" for t in text[1:]),
    ]
    yield Case("code-block", page(title, text, raw=raw), title, None, None, (title, text[0], *code_lines, *text[1:]))
    old = body("test table", 5)
    cell = "<br><br>".join(old)
    layout = (
        '<html lang="en"><head><meta charset="utf-8"><title>The old test page | Test Gazette</title></head><body>'
        f'<table><tr><td><a href="/">Home</a></td><td><h1>The old test page</h1>{cell}</td></tr></table></body></html>'
    )
    yield Case("table-cell-article", layout.encode(), "The old test page", None, None, ("The old test page", *old))
    for code, stated in (("zh-Hant", "zh-TW"), ("ar", "ar")):
        yield Case(f"language-{stated}", page(title, text, lang=stated), title, None, None, (title, *text), code)


@dataclass(frozen=True)
class Score:
    """How one capture compares with what a person would mark."""

    name: str
    refused_right: bool
    recall: float = 1.0
    precision: float = 1.0
    fields: dict[str, bool] = field(default_factory=dict)
    invented: tuple[str, ...] = ()


def score(case: Case) -> Score:
    """Capture one page as `source add` reads it and compare with the case."""
    from collections import Counter

    from factsheet.errors import FactsheetError, Location
    from factsheet.verify.extract import from_html

    try:
        extracted = from_html(case.html, Location(f"{case.name}.html"))
    except FactsheetError:
        return Score(case.name, refused_right=case.paragraphs is None)
    if case.paragraphs is None:
        return Score(case.name, refused_right=False, recall=0.0, precision=0.0)
    expected = Counter(" ".join(case.paragraphs).split())
    captured = Counter(" ".join(extracted.paragraphs).split())
    common = sum((expected & captured).values())
    wanted = {"title": case.title, "author": case.author, "published": case.published, "language": case.language}
    got = {
        "title": extracted.title,
        "author": extracted.author,
        "published": extracted.published,
        "language": extracted.language or "en",
    }
    return Score(
        case.name,
        refused_right=True,
        recall=common / max(1, sum(expected.values())),
        precision=common / max(1, sum(captured.values())),
        fields={name: got[name] == value for name, value in wanted.items()},
        invented=tuple(name for name in ("author", "published") if wanted[name] is None and got[name] is not None),
    )
