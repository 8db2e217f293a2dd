"""The capture corpus (tests/capture_corpus.py): every labelled test page is refused or read as a person would
mark it, with no author or date the page does not state. `bench/capture.py` prints the same figures."""

from __future__ import annotations

import pytest

from tests.capture_corpus import Case, cases, score


@pytest.mark.parametrize("case", list(cases()), ids=lambda case: case.name)
def test_each_test_page_is_captured_as_a_person_would_mark_it(case: Case) -> None:
    result = score(case)
    assert result.refused_right, "refused an article, or took a page that is not one"
    assert not result.invented, f"filled in what the page does not state: {result.invented}"
    assert all(result.fields.values()), f"wrong fields: {[name for name, ok in result.fields.items() if not ok]}"
    assert result.recall >= 0.95 and result.precision >= 0.95, (result.recall, result.precision)
