"""Curating helpers and editor support: quotes, find, schema, new, and the archive fingerprints."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from factsheet.pipeline import BuildRequest, build, check
from factsheet.resources import EXAMPLE_SHEET
from factsheet.verify.lock import LOCK_FILE_NAME
from factsheet.verify.sources import load_source
from tests.conftest import line_of
from tests.conftest import run_cli as run

SOURCES = EXAMPLE_SHEET.parent / "sources"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_quotes_lists_passages_with_speaker_and_line() -> None:
    source = SOURCES / "nypd-caught-using-facial-recognition.txt"
    code, out, _ = run("quotes", str(source))
    line = line_of(source, '"No police department')
    assert code == 0
    assert (
        f"nypd-caught-using-facial-recognition.txt:{line}: Cahn added\n"
        '- text: "No police department can be trusted with a surveillance tool this dangerous, '
        'but especially not the NYPD"\n'
        '  speaker: "Albert Fox Cahn"\n'
        '  role: ""\n'
        "  source: nypd-caught-using-facial-recognition\n"
    ) in out


def test_pasted_quotes_output_passes_the_gate(campaign: Path) -> None:
    """What `factsheet quotes` prints for a credited passage is accepted as it stands."""
    code, out, _ = run("quotes", str(campaign.parent / "sources" / "mte-activists-target-facial-recognition.txt"))
    assert code == 0
    block = out.split("\n\n")[1]
    assert '"If we can get New York' in block
    pasted = block.split("\n", 1)[1].replace('role: ""', "role: Director")
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(text.replace("quotes:\n", "quotes:\n" + pasted.replace("\n", "\n  ").join(["  ", "\n"]), 1))
    assert check(campaign).report.ok


def test_find_prints_exact_passages_and_lines() -> None:
    code, out, _ = run("find", "POSSIBLE matches", str(EXAMPLE_SHEET.parent))
    verge = SOURCES / "verge-ingram-facial-recognition.txt"
    assert code == 0
    assert f"verge-ingram-facial-recognition.txt:{line_of(verge, '2,510')}: possible matches\n" in out
    assert "leading to 2,510 “possible matches.”" in out


def test_find_nothing_exits_1() -> None:
    code, out, err = run("find", "no such words anywhere", str(EXAMPLE_SHEET.parent))
    assert (code, out) == (1, "")
    assert "contains 'no such words anywhere'" in err


def test_schema_describes_the_sheet(in_tmp: Path) -> None:
    code, out, _ = run("schema", "-o", "sheet.schema.json")
    assert (code, out) == (0, "sheet.schema.json\n")
    schema = json.loads((in_tmp / "sheet.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "factsheet sheet"
    assert schema["additionalProperties"] is False
    assert {"title", "tag", "slug", "as_of", "facts", "action"} <= set(schema["required"])
    assert schema["$defs"]["Quote"]["properties"]["text"]["description"].startswith("The quoted words, verbatim")


def test_new_scaffolds_a_campaign_that_checks_and_builds(in_tmp: Path) -> None:
    code, out, _ = run("new", "my-campaign")
    assert (code, out) == (0, "my-campaign/sheet.yaml\n")
    result = check(in_tmp / "my-campaign")
    assert result.report.ok
    assert result.report.quotes_checked == 1
    (pdf,) = build(in_tmp / "my-campaign", BuildRequest(papers=("letter",)), output_dir=in_tmp / "out").paths
    assert pdf.name == "starter-letter.pdf"
    assert (in_tmp / "my-campaign" / LOCK_FILE_NAME).is_file()


def test_new_never_overwrites(in_tmp: Path) -> None:
    (in_tmp / "taken").mkdir()
    (in_tmp / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run("new", "taken")
    assert code == 1
    assert err.startswith("taken: error: this folder already exists and is not empty\n")
    assert (in_tmp / "taken" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_an_edited_archive_is_an_error_until_recorded(campaign: Path) -> None:
    source = campaign.parent / "sources" / "nypd-caught-using-facial-recognition.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("this dangerous", "this risky"), encoding="utf-8")
    problems = [problem for problem in check(campaign).report.problems if problem.severity == "error"]
    assert [(problem.location.line, problem.message) for problem in problems] == [
        (
            line_of(campaign, "No police department"),
            "this quote is not word for word in 'nypd-caught-using-facial-recognition'",
        ),
        (
            load_source(source).first_text_line,
            "the text of 'nypd-caught-using-facial-recognition' changed since it was last reviewed",
        ),
    ]
    code, _, err = run("check", "--record", "--yes", "--by", "Test Reviewer (invented)", str(campaign))
    assert code == 1, "a sheet that fails the gate must not have its archive recorded as reviewed"
    assert "nothing was written" in err


def test_recording_a_reviewed_change_clears_the_error(campaign: Path, edit_sheet: Callable[[str, str], Path]) -> None:
    source = campaign.parent / "sources" / "nypd-caught-using-facial-recognition.txt"
    source.write_text(source.read_text(encoding="utf-8") + "\nA correction appended by the archivist.\n")
    assert not check(campaign).report.ok
    code, _, err = run("check", "--record", str(campaign))
    assert code == 2, "recording without a person at the terminal needs --yes and --by"
    code, _, err = run("check", "--record", "--yes", "--by", "Test Reviewer (invented)", str(campaign))
    assert code == 0
    assert "nypd-caught-using-facial-recognition.txt: changed since it was recorded earlier\n" in err
    assert "typed in by hand: compare it with the article before recording" in err
    assert "as reviewed by Test Reviewer (invented)\n" in err
    assert check(campaign).report.ok


def test_uncited_source_is_a_warning(campaign: Path) -> None:
    extra = campaign.parent / "sources" / "unused.txt"
    extra.write_text("---\ntitle: Unused\nurl: https://example.org/u\npublished: 2021-01-01\n---\n\nText.\n")
    messages = [problem.message for problem in check(campaign).report.problems if problem.severity == "warning"]
    assert "no fact, quote or section cites 'unused'" in messages
    assert "'unused' has no recorded fingerprint yet" in messages
