"""Whom a source credits with a quote: verify/attribution.py on its own, on made-up text written the way news
writes names ("Mr. Reeves", "C. Eugene Steuerle", "he said" after a paragraph naming the speaker)."""

from __future__ import annotations

import pytest

from factsheet.verify.attribution import check_attribution
from factsheet.verify.passage import search
from tests.verify.source_text import source

TEXT = """Dana Okafor, who chairs the committee, opened the hearing.

"We will not wait any longer," she said.

"The budget is set," said Mr. Reeves, the finance director.

"Nobody asked us," said C. Eugene Steuerle, a fellow at the institute."""


@pytest.mark.parametrize(
    ("quote", "speaker"),
    [
        ("We will not wait any longer", "Dana Okafor"),
        ("The budget is set", "Tom Reeves"),
        ("Nobody asked us", "Eugene Steuerle"),
    ],
)
def test_the_person_the_source_names_is_credited(quote: str, speaker: str) -> None:
    article = source(TEXT)
    (match,) = search(quote, article).matches
    assert check_attribution(speaker, article, match).problem == ""


def test_words_credited_to_someone_else_are_refused_naming_them() -> None:
    article = source(TEXT)
    (match,) = search("The budget is set", article).matches
    assert check_attribution("Dana Okafor", article, match).problem == (
        "'test-article' credits these words to 'Reeves', not Dana Okafor"
    )
