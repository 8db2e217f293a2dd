"""Which words of a source are someone's speech: verify/speech.py on its own."""

from __future__ import annotations

from factsheet.verify.speech import speech_in
from tests.verify.source_text import source


def spoken(text: str, **meta: str) -> list[tuple[str, str, str]]:
    found = source(text, **meta)
    return [(found.normalized[s.start : s.end], s.kind, s.speaker) for s in speech_in(found)]


def test_quotation_marks_make_speech_and_the_narration_is_not() -> None:
    text = 'The council met on Monday. "We will not wait any longer," said Dana Okafor, a member.'
    assert spoken(text) == [("We will not wait any longer,", "quoted", "")]


def test_a_block_quotation_is_speech() -> None:
    text = "The letter said:\n\n> Every request is logged and reviewed.\n\nIt was signed by six groups."
    assert [kind for _, kind, _ in spoken(text)] == ["block"]


def test_a_statement_is_its_authors_own_words() -> None:
    assert spoken("We oppose the plan.", kind="statement", speaker="Test Coalition") == [
        ("We oppose the plan.", "own words", "Test Coalition")
    ]


def test_a_transcript_credits_each_paragraph_to_its_label() -> None:
    text = "Okafor: We will not wait.\n\nReeves: The budget is set."
    assert [(words.strip(), speaker) for words, _, speaker in spoken(text, kind="transcript")] == [
        ("We will not wait.", "Okafor"),
        ("The budget is set.", "Reeves"),
    ]
