"""Two people for a meaning change: the sheet's sign-off policy, `review` refusing a second approval by the same
person and saying who approved so far, roles the sources do not state, and the coalition's sign-off of the
whole sheet printed as "Checked by" (and voided by any edit)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from factsheet.cli import main
from factsheet.pipeline import BuildRequest, build, check
from factsheet.verify.signoff import read_signoff

CORPUS = Path(__file__).parent / "corpus"
SHEET = """\
title: Two-person test (invented content for tests)
tag: "#test"
slug: twoperson
as_of: 2021-03-05
facts:
  - figure: "12%"
    label: the funding cut that could close the library
    text: A 12% cut could close the library.
    cite:
      - source: hearing
        excerpt: the state cuts funding by 12%
quotes:
  - text: "[The council] will not close the library, and we never planned to"
    speaker: Ana Ruiz
    role: Council Member
    source: hearing
  - text: The library may close if the state cuts funding by 12%
    speaker: Tom Okafor
    role: Budget director
    source: hearing
  - text: Residents deserve better
    speaker: Tom Okafor
    role: Budget director and library trustee
    source: hearing
action:
  heading: Act
  text: Placeholder call to action for tests.
  url: https://example.org/test
"""


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    folder = tmp_path / "twoperson"
    shutil.copytree(CORPUS / "sources", folder / "sources")
    (folder / "sheet.yaml").write_text(SHEET, encoding="utf-8")
    return folder / "sheet.yaml"


def review(campaign: Path, *arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["review", str(campaign), *arguments])
    return result.exit_code, result.output


def test_the_default_policy_asks_two_people_for_a_replacing_bracket_and_an_unstated_role(campaign: Path) -> None:
    changes = {change.item.kind: change for change in check(campaign).changes()}
    assert {kind: change.needed for kind, change in changes.items()} == {"replacement": 2, "role": 2}
    role = changes["role"].item
    assert role.unsigned == (
        f"the role of Tom Okafor is not stated in the sources: 'Budget director and library trustee' "
        f"(role {role.identifier})"
    )
    assert [problem.location.line for problem in check(campaign).problems if role.identifier in problem.message] == [
        SHEET.splitlines().index("    role: Budget director and library trustee") + 1
    ]


def test_one_person_cannot_sign_a_meaning_change_twice(campaign: Path) -> None:
    bracket = next(change for change in check(campaign).changes() if change.item.kind == "replacement")
    assert review(campaign, "--approve", bracket.identifier, "--by", "Ana Test (invented)")[0] == 0
    code, out = review(campaign, "--approve", bracket.identifier, "--by", "ana test (invented)")
    assert code == 1
    assert f"ana test (invented) has already approved {bracket.identifier}" in out
    assert "approved so far by Ana Test (invented) (" in out
    messages = [problem.hint for problem in check(campaign).problems if bracket.identifier in problem.message]
    assert len(messages) == 1 and "2 different people must approve it; approved so far by Ana Test" in messages[0]
    code, out = review(campaign, "--approve", bracket.identifier, "--by", "Bo Test (invented)")
    assert code == 0
    (approvals,) = [read_signoff(campaign.parent).approvals[bracket.identifier]]
    assert [approval.approved_by for approval in approvals] == ["Ana Test (invented)", "Bo Test (invented)"]
    assert not [problem for problem in check(campaign).problems if bracket.identifier in problem.message]


def test_the_terminal_review_skips_what_the_same_person_already_approved(campaign: Path) -> None:
    first = CliRunner().invoke(main, ["review", str(campaign)], input="Ana Test (invented)\ny\ny\n")
    assert first.exit_code == 0 and "2 approved by Ana Test (invented)" in first.output
    again = CliRunner().invoke(main, ["review", str(campaign)], input="Ana Test (invented)\n")
    assert again.output.count("you approved it already: someone else must give the next approval") == 2
    assert "approved so far by Ana Test (invented) (" in again.output


def test_the_policy_is_the_sheets(campaign: Path) -> None:
    campaign.write_text(SHEET + "signoff:\n  replacement: 1\n  role: 3\n", encoding="utf-8")
    needed = {change.item.kind: change.needed for change in check(campaign).changes()}
    assert needed == {"replacement": 1, "role": 3}
    campaign.write_text(SHEET + "signoff:\n  cut: 0\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(campaign)])
    assert result.exit_code == 1
    assert "sheet.yaml:30:8: error: 'cut': Input should be greater than or equal to 1" in result.output


def signed_campaign(campaign: Path) -> Path:
    """Every change approved by two invented reviewers, the unstated role taken out."""
    campaign.write_text(SHEET.replace(" and library trustee", ""), encoding="utf-8")
    for name in ("Ana Test (invented)", "Bo Test (invented)"):
        assert review(campaign, "--approve", check(campaign).changes()[0].identifier, "--by", name)[0] == 0
    assert check(campaign).ok
    return campaign


def test_a_coalition_sign_off_prints_as_checked_by_until_the_sheet_changes(campaign: Path, tmp_path: Path) -> None:
    signed_campaign(campaign)
    code, out = review(campaign, "--coalition", "Test Coalition (invented)", "--by", "Cy Test (invented)")
    assert code == 0 and "signed off the whole sheet for Test Coalition (invented)" in out
    (entry,) = read_signoff(campaign.parent).coalition
    assert (entry.organisation, entry.person, len(entry.sheet)) == (
        "Test Coalition (invented)",
        "Cy Test (invented)",
        64,
    )
    home = build(campaign, BuildRequest(papers=("letter",)), output_dir=tmp_path / "out").paths[0]
    archived = build(campaign, BuildRequest(papers=("letter",), edition="archive"), output_dir=tmp_path / "archive")
    archive = archived.paths[0]
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(home).pages)
    assert "Checked by Test Coalition (invented) (Cy Test (invented), " in text
    assert "signoff.yaml" in PdfReader(archive).attachments
    campaign.write_text(campaign.read_text(encoding="utf-8").replace("Act\n", "Act now\n"), encoding="utf-8")
    assert check(campaign).coalition == ()
    rebuilt = build(campaign, BuildRequest(papers=("letter",)), output_dir=tmp_path / "again")
    again = " ".join(page.extract_text() for page in PdfReader(rebuilt.paths[0]).pages)
    assert "Checked by" not in again


def test_a_sheet_that_fails_cannot_be_signed_by_the_coalition(campaign: Path) -> None:
    code, out = review(campaign, "--coalition", "Test Coalition (invented)", "--by", "Cy Test (invented)")
    assert code == 1 and "not signed off yet" in out
    assert read_signoff(campaign.parent).coalition == ()


@pytest.mark.parametrize("name", ["Ana\u202eTest", "Ana\u200bTest", "Ana\x07Test", "Ana \udcffTest"])
def test_a_name_with_hidden_characters_is_refused(campaign: Path, name: str) -> None:
    bracket = next(change for change in check(campaign).changes() if change.item.kind == "replacement")
    result = CliRunner().invoke(main, ["review", str(campaign), "--approve", bracket.identifier, "--by", name])
    assert result.exit_code == 1 and "the name contains an invisible or control character (U+" in result.output
    assert read_signoff(campaign.parent).approvals == {}


def test_approvals_given_at_once_are_all_kept(campaign: Path) -> None:
    """Two processes (the preview and the command line, say) approving at the same moment lose nothing."""
    import multiprocessing

    from factsheet.errors import Location
    from factsheet.verify.review import approve

    changes = check(campaign).changes()
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=approve, args=(campaign.parent, [change], f"Tester {number} (invented)", Location("x")))
        for number, change in enumerate(changes * 4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    recorded = read_signoff(campaign.parent).approvals
    assert sum(len(approvals) for approvals in recorded.values()) == len(workers)
