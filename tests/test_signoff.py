"""A person signs off what the misquote gate allows: check lists each change, build refuses unsigned ones,
`factsheet review` records approvals bound to the quote and its passage, and an edit voids them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import main
from factsheet.errors import FactsheetError
from factsheet.pipeline import BuildRequest, build, check
from factsheet.render.html import render_html
from factsheet.verify.signoff import SIGNOFF_FILE_NAME, read_signoff
from tests.conftest import line_of, run_cli

CORPUS = Path(__file__).parent / "corpus"
SHEET = """\
title: Sign-off test (invented content for tests)
tag: "#test"
slug: signoff
as_of: 2021-03-05
facts:
  - figure: "12%"
    label: the funding cut that could close the library
    text: A 12% cut could close the library.
    cite:
      - source: hearing
        excerpt: the state cuts funding by 12%
quotes:
  - text: We will open the clinic in March
    speaker: Lena Park
    role: Council Member
    source: speech
  - text: The clinic ... serves the whole district
    speaker: Lena Park
    role: Council Member
    source: speech
action:
  heading: Act
  text: Placeholder call to action for tests.
  url: https://example.org/test
"""


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    folder = tmp_path / "signoff"
    shutil.copytree(CORPUS / "sources", folder / "sources")
    (folder / "sheet.yaml").write_text(SHEET, encoding="utf-8")
    return folder / "sheet.yaml"


def unsigned(sheet: Path) -> list[str]:
    return [problem.message for problem in check(sheet).problems if "not signed off" in problem.message]


def test_check_lists_each_change_with_what_it_removes(campaign: Path) -> None:
    code, out, err = run_cli("check", str(campaign))
    assert code == 1
    assert out.endswith("2 error(s), 8 warning(s). Nothing will be printed until fixed.\n")
    edge = line_of(campaign, "We will open the clinic in March")
    assert f"sheet.yaml:{edge}:11: error: this quote's change is not signed off yet: the quote leaves out " in err
    assert "  source passage: We will open the clinic in March [-, and it will serve every family,-]\n" in err
    assert "source passage: The clinic [-, which opened long ago,-] serves the whole district," in err


def test_build_refuses_unsigned_changes_unless_drafting(campaign: Path, tmp_path: Path) -> None:
    with pytest.raises(FactsheetError) as caught:
        build(campaign, output_dir=tmp_path / "out")
    assert len([problem for problem in caught.value.problems if "not signed off" in problem.message]) == 2
    assert not (tmp_path / "out").exists()
    assert build(campaign, BuildRequest(draft=True), output_dir=tmp_path / "draft").paths


def test_review_from_a_terminal_records_who_and_when(campaign: Path) -> None:
    result = CliRunner().invoke(main, ["review", str(campaign)], input="Test Reviewer (invented)\ny\nn\n")
    assert result.exit_code == 0, result.output
    assert "[1/2] We will open the clinic in March" in result.output
    assert "  source passage: We will open the clinic in March [-, and it will serve every family,-]" in result.output
    assert "1 approved by Test Reviewer (invented)" in result.output
    ((approval,),) = read_signoff(campaign.parent).approvals.values()
    assert approval.approved_by == "Test Reviewer (invented)"
    assert approval.approved_at.endswith("+00:00")
    assert unsigned(campaign) == [
        "this quote's change is not signed off yet: the '...' removes 'which opened long ago' "
        f"(alteration {approval_id(campaign, 1)})"
    ]


def approval_id(sheet: Path, quote: int) -> str:
    (altered,) = [item for item in check(sheet).report.alterations if item.path == ("quotes", quote, "text")]
    return altered.identifier(0)


def test_approve_by_id_for_scripts_then_build_prints_the_edge_cut(campaign: Path, tmp_path: Path) -> None:
    ids = [approval_id(campaign, 0), approval_id(campaign, 1)]
    code, out, _err = run_cli("review", str(campaign), "--approve", ids[0], "--approve", ids[1], "--by", "A. Person")
    assert (code, out) == (0, f"approved 2 change(s) by A. Person: {campaign.parent / SIGNOFF_FILE_NAME}\n")
    checked = check(campaign)
    assert checked.ok
    assert checked.report.printed[0] == "We will open the clinic in March…"
    html = render_html(checked.located, checked.sources, checked.files, printed=checked.report.printed).html
    assert "We will open the clinic in March…" in re.sub(r"<[^>]+>", "", html)
    code, _out, err = run_cli("check", str(campaign))
    assert code == 0
    assert "signed off by A. Person" in err


def test_an_unknown_id_is_refused(campaign: Path) -> None:
    code, _out, err = run_cli("review", str(campaign), "--approve", "0123456789ab", "--by", "A. Person")
    assert code == 1
    assert "error: no alteration 0123456789ab in this sheet" in err
    assert not (campaign.parent / SIGNOFF_FILE_NAME).exists()


def test_editing_the_quote_or_its_passage_voids_the_approval(campaign: Path) -> None:
    first = approval_id(campaign, 1)
    run_cli("review", str(campaign), "--approve", first, "--by", "A. Person")
    assert len(unsigned(campaign)) == 1
    sheet = campaign.read_text(encoding="utf-8")
    campaign.write_text(sheet.replace("The clinic ... serves", "The clinic, ... serves"), encoding="utf-8")
    assert approval_id(campaign, 1) != first
    assert len(unsigned(campaign)) == 2, "an edited quote needs a new sign-off"
    campaign.write_text(sheet, encoding="utf-8")
    assert len(unsigned(campaign)) == 1, "the quote as approved keeps its approval"
    source = campaign.parent / "sources" / "speech.txt"
    source.write_text(
        source.read_text(encoding="utf-8").replace("which opened long ago", "which opened years ago"),
        encoding="utf-8",
    )
    assert approval_id(campaign, 1) != first
    assert len(unsigned(campaign)) == 2, "an edited source passage needs a new sign-off"
