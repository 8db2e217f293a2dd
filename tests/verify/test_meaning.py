"""What a cut or a bracket may not remove or add: verify/meaning.py on its own."""

from __future__ import annotations

import pytest

from factsheet.verify.meaning import alters_meaning


@pytest.mark.parametrize(
    ("replaced", "inserted", "why"),
    [
        ("did not ", "", "the cut removes 'not' (a negation) from the source's words"),
        ("may ", "", "the cut removes 'may' (a hedge) from the source's words"),
        ("if the council agrees, ", "", "the cut removes 'if' (a condition) from the source's words"),
        ("in 2019 ", "", "the cut removes '2019' (a number) from the source's words"),
        ("it", "never", "the cut adds 'never' (a negation), which the source does not say there"),
    ],
)
def test_a_cut_or_bracket_that_changes_the_claim_is_named(replaced: str, inserted: str, why: str) -> None:
    assert alters_meaning(replaced, inserted, "cut") == why


@pytest.mark.parametrize(
    ("replaced", "inserted"),
    [("very ", ""), ("the department", "the NYPD"), ("who spoke on Tuesday, ", ""), ("not", "not")],
)
def test_a_cut_or_bracket_that_keeps_the_claim_passes(replaced: str, inserted: str) -> None:
    assert alters_meaning(replaced, inserted, "bracket") == ""
