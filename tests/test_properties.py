"""Property tests of the misquote gate on the example's real quotes.

Any single-word edit of a verified quote must be refused; any change of whitespace or quote-mark style must
be accepted. Hypothesis searches for counterexamples the hand-written corpus did not think of.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factsheet.pipeline import check
from factsheet.verify.normalize import normalize
from factsheet.verify.passage import search

EXAMPLE = check()
QUOTES = [(quote.text, EXAMPLE.sources[quote.source]) for quote in EXAMPLE.located.sheet.quotes]
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=12)
SPACES = st.text(alphabet=" \n\t\u00a0\u2009\u202f", min_size=1, max_size=3)


def found(text: str, index: int) -> bool:
    return bool(search(normalize(text), QUOTES[index][1]).matches)


def test_the_example_quotes_are_found() -> None:
    assert all(found(text, index) for index, (text, _source) in enumerate(QUOTES))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_single_word_edit_is_refused(data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(QUOTES) - 1), label="quote")
    words = QUOTES[index][0].split()
    editorial = _inside_brackets(words)
    position = data.draw(st.integers(0, len(words) - 1).filter(lambda at: at not in editorial), label="word")
    edit = data.draw(st.sampled_from(["replace", "insert", "delete"]), label="edit")
    if edit == "delete":
        position = min(max(position, 1), len(words) - 2)
        edited = words[:position] + words[position + 1 :]
    else:
        word = data.draw(WORDS.filter(lambda new: new.lower() != words[position].strip(".,“”\"'").lower()))
        edited = [*words[:position], word, *words[position + (edit == "replace") :]]
    assert not found(" ".join(edited), index), f"accepted an edited quote: {' '.join(edited)!r}"


def _inside_brackets(words: list[str]) -> set[int]:
    """Word positions inside [brackets]: editorial words, which a quote may change by design."""
    inside, depth = set(), False
    for position, word in enumerate(words):
        depth = depth or word.startswith("[")
        if depth:
            inside.update({position - 1, position, position + 1})
        depth = depth and not word.endswith("]")
    return inside


QUOTE_STYLES = {"’": "'", "'": "’", "“": '"', "”": '"', '"': "“"}


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_any_whitespace_or_quote_style_change_is_accepted(data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(QUOTES) - 1), label="quote")
    words = QUOTES[index][0].split()
    pieces = [words[0]]
    for word in words[1:]:
        pieces += [data.draw(SPACES), word]
    restyled = "".join(
        QUOTE_STYLES[character] if character in QUOTE_STYLES and data.draw(st.booleans()) else character
        for character in "".join(pieces)
    )
    assert found(restyled, index), f"refused a quote that differs only in typography: {restyled!r}"
