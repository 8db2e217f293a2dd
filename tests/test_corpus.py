"""The misquote-gate corpus: every rule with cases that must pass and cases that must fail, exact messages.

The cases live in tests/corpus/cases.yaml and quote the invented test articles in tests/corpus/sources/.
They are all checked in one sheet, each at its own line, so the test also proves problems land on the right
line when many quotes fail at once.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

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


def case_lines(case: dict[str, str]) -> str:
    if "speaker" in case:
        return (
            f"  - text: {json.dumps(case['quote'], ensure_ascii=False)}\n    speaker: {case['speaker']}\n"
            f"    role: Test speaker\n    source: hearing\n"
        )
    excerpt = json.dumps(case["excerpt"], ensure_ascii=False)
    return f"  - heading: excerpt case\n    text: x\n    cite:\n      - source: hearing\n        excerpt: {excerpt}\n"


@pytest.fixture(scope="module")
def corpus_result(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(CORPUS / "sources", folder / "sources")
    quotes = "".join(case_lines(case) for case in CASES if "speaker" in case)
    excerpts = "".join(case_lines(case) for case in CASES if "speaker" not in case)
    (folder / "sheet.yaml").write_text(SHEET_HEAD + "quotes:\n" + quotes + "sections:\n" + excerpts, encoding="utf-8")
    return check(folder / "sheet.yaml")


@pytest.mark.parametrize("case", CASES, ids=[case["rule"] for case in CASES])
def test_case(case: dict[str, str], corpus_result: CheckResult) -> None:
    text = case.get("quote", case.get("excerpt", ""))
    line = line_of(corpus_result.sheet_path, json.dumps(text, ensure_ascii=False))
    errors = [
        problem.message
        for problem in corpus_result.report.problems
        if problem.severity == "error" and problem.location.line == line
    ]
    assert errors == ([] if case["expect"] == "ok" else [case["expect"]])


def test_every_rule_has_a_passing_and_a_failing_case() -> None:
    outcomes = {case["expect"] == "ok" for case in CASES}
    assert outcomes == {True, False}
    assert len(CASES) >= 28


def test_homoglyph_is_located_at_its_column(corpus_result: CheckResult) -> None:
    (problem,) = [problem for problem in corpus_result.report.problems if "CYRILLIC" in problem.message]
    line = line_of(corpus_result.sheet_path, "libr\u0430ry")
    column = corpus_result.sheet_path.read_text(encoding="utf-8").splitlines()[line - 1].index("\u0430") + 1
    assert (problem.location.line, problem.location.column) == (line, column)
