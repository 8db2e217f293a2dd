"""The misquote-gate corpus: every rule with cases that must pass and cases that must fail, exact messages.

The cases live in tests/corpus/cases.yaml and quote the invented test articles in tests/corpus/sources/.
They are all checked in one sheet, each at its own line, so the test also proves problems land on the right
line when many quotes fail at once.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from factsheet.pipeline import CheckResult, check
from tests.conftest import line_of

CORPUS = Path(__file__).parent / "corpus"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
SHEET_HEAD = """\
title: Corpus
tag: "#test"
slug: corpus
as_of: 2021-02-01
facts:
  - figure: "1,200"
    label: dollars spent on repairs in 2021
    text: The city spent $1,200 on repairs in 2021.
    cite:
      - source: hearing
        excerpt: the city spent $1,200 on repairs in 2021
action:
  heading: Act
  text: Placeholder call to action for tests.
  url: https://example.org/test
"""


SIGN_OFF = "this quote's change is not signed off yet: "
ROLES = {
    "Ana Ruiz": "Council Member",
    "Tom Okafor": "Budget director",
    "Lena Park": "Council Member",
    "Dana Cole": "tenant organiser",
    "Marisol Vega": "chair, tenants' association",
}
"""Each test speaker's role as the test sources state it (a case may give its own `role`)."""


def case_lines(case: dict[str, Any]) -> str:
    source = case.get("source", "hearing")
    if "speaker" in case:
        return (
            f"  - text: {json.dumps(case['quote'], ensure_ascii=False)}\n    speaker: {case['speaker']}\n"
            f"    role: {json.dumps(case.get('role', ROLES.get(case['speaker'], '')), ensure_ascii=False)}\n"
            f"    source: {source}\n"
        )
    if "fact" in case:
        fact = {key: json.dumps(value, ensure_ascii=False) for key, value in case["fact"].items()}
        return (
            f"  - figure: {fact['figure']}\n    label: {fact['label']}\n    text: {fact['text']}\n"
            f"    cite:\n      - source: {source}\n        excerpt: {fact['excerpt']}\n"
        )
    excerpt = json.dumps(case["excerpt"], ensure_ascii=False)
    return f"  - heading: excerpt case\n    text: x\n    cite:\n      - source: {source}\n        excerpt: {excerpt}\n"


def case_text(case: dict[str, Any]) -> str:
    return str(case["fact"]["label"] if "fact" in case else case.get("quote", case.get("excerpt", "")))


FACTS_PER_SHEET = 5
"""A sheet holds at most six facts: the fact cases are spread over as many sheets as they need (the first
sheet also holds every quote and excerpt case)."""


@pytest.fixture(scope="module")
def corpus_results(tmp_path_factory: pytest.TempPathFactory) -> list[CheckResult]:
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(CORPUS / "sources", folder / "sources")
    quotes = "".join(case_lines(case) for case in CASES if "speaker" in case)
    facts = [case_lines(case) for case in CASES if "fact" in case]
    excerpts = "".join(case_lines(case) for case in CASES if "speaker" not in case and "fact" not in case)
    results = []
    for number, start in enumerate(range(0, max(len(facts), 1), FACTS_PER_SHEET)):
        chunk = "".join(facts[start : start + FACTS_PER_SHEET])
        sheet = SHEET_HEAD.replace("facts:\n", "facts:\n" + chunk)
        if number == 0:
            sheet += "quotes:\n" + quotes + "sections:\n" + excerpts
        path = folder / f"sheet-{number}.yaml"
        path.write_text(sheet, encoding="utf-8")
        results.append(check(path))
    return results


@pytest.fixture(scope="module")
def corpus_result(corpus_results: list[CheckResult]) -> CheckResult:
    return corpus_results[0]


def case_place(case: dict[str, Any], results: list[CheckResult]) -> tuple[CheckResult, int]:
    """The check holding a case and the line its item starts on."""
    block = case_lines(case)
    for result in results:
        text = result.sheet_path.read_text(encoding="utf-8")
        if block in text:
            start = text[: text.index(block)].count("\n") + 1
            if "fact" in case:
                return result, start
            wanted = json.dumps(case_text(case), ensure_ascii=False)
            return result, start + next(n for n, line in enumerate(block.splitlines()) if wanted in line)
    raise AssertionError(f"case not written: {case['rule']}")


@pytest.mark.parametrize("case", CASES, ids=[case["rule"] for case in CASES])
def test_case(case: dict[str, Any], corpus_results: list[CheckResult]) -> None:
    """The gate's verdict on each case, and for a quote that passes, the alterations it lists for sign-off."""
    result, line = case_place(case, corpus_results)
    messages = [
        problem.message
        for problem in result.report.problems
        if problem.severity == "error" and problem.location.line in (line, line + 1, line + 2)
    ]
    errors = [
        re.sub(r" \((?:role|correction) [0-9a-f]{12}\)$", "", message)
        for message in messages
        if not message.startswith(SIGN_OFF)
    ]
    assert errors == ([] if case["expect"] == "ok" else [case["expect"]])
    listed = [
        message.removeprefix(SIGN_OFF).rsplit(" (alteration ", 1)[0]
        for message in messages
        if message.startswith(SIGN_OFF)
    ]
    assert listed == case.get("alters", [])


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    outcomes = {case["expect"] == "ok" for case in CASES}
    assert outcomes == {True, False}
    assert len(CASES) >= 28


def test_homoglyph_is_located_at_its_column(corpus_result: CheckResult) -> None:
    (problem,) = [problem for problem in corpus_result.report.problems if "CYRILLIC" in problem.message]
    line = line_of(corpus_result.sheet_path, "libr\u0430ry")
    column = corpus_result.sheet_path.read_text(encoding="utf-8").splitlines()[line - 1].index("\u0430") + 1
    assert (problem.location.line, problem.location.column) == (line, column)
