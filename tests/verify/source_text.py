"""A source from a few lines of text, for the gate's unit tests (every article here is made up for the test and
says so in its title)."""

from __future__ import annotations

from pathlib import Path

from factsheet.verify.sources import Source, parse_source


def source(body: str, **meta: str) -> Source:
    front = {"title": "Test article (made up for this test)", "publisher": "Test", **meta}
    lines = ["---", *(f"{key}: {value}" for key, value in front.items()), "---", "", body.strip(), ""]
    return parse_source("\n".join(lines), Path("sources/test-article.txt"))
