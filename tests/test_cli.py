"""CLI transcripts through click's CliRunner: exact stdout, stderr and exit code."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet import __version__
from factsheet.cli import main
from factsheet.pipeline import check
from tests.conftest import line_of
from tests.conftest import run_cli as run


@pytest.fixture
def in_campaign(campaign: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from inside the copied campaign folder, so paths in messages are short and predictable."""
    monkeypatch.chdir(campaign.parent)
    return campaign


def warnings_for(sheet: Path) -> str:
    """The example's warnings as the CLI must print them: the library's problems, one format() each."""
    return "".join(problem.format() + "\n" for problem in check(sheet).report.problems)


def test_version() -> None:
    assert run("--version") == (0, f"factsheet, version {__version__}\n", "")


def test_help_lists_the_commands() -> None:
    code, out, err = run("--help")
    assert (code, err) == (0, "")
    for command in ("build", "check", "quotes", "find", "schema", "new"):
        assert f"\n  {command} " in out


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("build", "[OPTIONS] [SHEET]"),
        ("check", "[OPTIONS] [SHEET]"),
        ("quotes", "[OPTIONS] SOURCE_FILE"),
        ("find", "[OPTIONS] WORDS [SHEET]"),
        ("schema", "[OPTIONS]"),
        ("new", "[OPTIONS] FOLDER"),
    ],
)
def test_every_command_has_help(command: str, usage: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and out.startswith(f"Usage: main {command} {usage}\n")


def test_check_passes_the_example(in_campaign: Path) -> None:
    assert run("check", "sheet.yaml", "--verbose") == (
        0,
        "sheet.yaml: 5 quotes, 12 excerpts and 12 numbers checked against their sources (5 of 5 typed in by hand, "
        "with no captured page): all verified, 7 warning(s).\n",
        warnings_for(in_campaign),
    )


def test_warnings_of_one_kind_are_shown_once_with_a_count(in_campaign: Path) -> None:
    code, _out, err = run("check", "sheet.yaml")
    assert code == 0
    assert err.count("warning: ") == 3, "one of each kind: no URL or date, placeholder address, placeholder text"
    assert err.endswith("... and 4 more warning(s) of the 2 kind(s) above; --verbose lists every one\n")


TABLE_ROW = re.compile(r"^(\S+\.pdf) +(\d+) +([\d,]+ KB) +(\d+\.\d\d s|up to date)$")


def table(out: str) -> tuple[list[tuple[str, str, str]], str]:
    """The summary table's rows (file, pages, time or 'up to date') and its closing line."""
    lines = out.splitlines()
    assert lines[0].split() == ["file", "pages", "size", "time"]
    rows = []
    for line in lines[1:-1]:
        match = TABLE_ROW.match(line)
        assert match, f"not a table row: {line!r}"
        rows.append((match[1], match[2], "up to date" if match[4] == "up to date" else "built"))
    return rows, lines[-1]


def test_build_prints_a_table_of_each_pdf_written(in_campaign: Path) -> None:
    code, out, err = run("build", ".", "--paper", "letter", "--paper", "a4", "-o", "out", "--verbose")
    assert code == 0
    rows, summary = table(out)
    assert rows == [("out/banthescan-letter.pdf", "1", "built"), ("out/banthescan-a4.pdf", "1", "built")]
    assert summary.startswith("2 output(s): 2 built, 0 up to date, in ")
    assert err.endswith(warnings_for(in_campaign))
    progress = [line.split(" in ")[0].split(" built ") for line in err.splitlines() if line.startswith("[")]
    assert sorted(counter for counter, _path in progress) == ["[1/2]", "[2/2]"]
    assert sorted(path for _counter, path in progress) == ["out/banthescan-a4.pdf", "out/banthescan-letter.pdf"]
    assert (in_campaign.parent / "out" / "banthescan-a4.pdf").read_bytes().startswith(b"%PDF-")
    code, out, err = run("build", ".", "--paper", "letter", "--paper", "a4", "-o", "out")
    rows, summary = table(out)
    assert (code, err) == (0, "")
    assert [status for _file, _pages, status in rows] == ["up to date", "up to date"]
    assert summary.startswith("2 output(s): 0 built, 2 up to date, in ")


def test_a_misquote_stops_check_and_build_with_its_line(
    in_campaign: Path, edit_sheet: Callable[[str, str], Path]
) -> None:
    edit_sheet("but especially not the NYPD", "but especially the NYPD")
    line = line_of(in_campaign, "but especially the NYPD")
    code, out, err = run("check", "sheet.yaml")
    assert code == 1
    assert out.endswith(": 1 error(s), 7 warning(s). Nothing will be printed until fixed.\n")
    assert err.startswith(
        f"sheet.yaml:{line}:11: error: this quote is not word for word in 'nypd-caught-using-facial-recognition'\n"
    )
    assert "difference: No police department can be trusted with a surveillance tool this dangerous, but" in err
    assert "[-not-]" in err
    code, out, err = run("build", "sheet.yaml", "-o", "out")
    assert (code, out) == (1, "")
    assert err.endswith("1 problem(s) found; nothing was written.\n")
    assert not (in_campaign.parent / "out").exists()


def test_schema_error_is_a_message_not_a_traceback(in_campaign: Path, edit_sheet: Callable[[str, str], Path]) -> None:
    edit_sheet('tag: "#BantheScan"', 'tga: "#BantheScan"')
    line = line_of(in_campaign, "tga:")
    assert run("check", "sheet.yaml") == (
        1,
        "",
        f"sheet.yaml:{line_of(in_campaign, 'title:')}:1: error: 'tag' is missing\n"
        "  fix: add a line 'tag: ...' here\n"
        f"sheet.yaml:{line}:1: error: 'tga' is not a known field here\n"
        "  fix: did you mean 'tag'?\n"
        "2 problem(s) found; nothing was written.\n",
    )


def test_json_report_for_ci(in_campaign: Path) -> None:
    code, out, _ = run("check", "sheet.yaml", "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["ok"] is True
    assert [problem["severity"] for problem in report["problems"]] == ["warning"] * 7
    assert report["problems"][-3]["line"] == line_of(in_campaign, "url: https://example.org")
    assert report["problems"][-1]["line"] == line_of(in_campaign, "name: Your organisation’s name (placeholder)")
    assert report["alterations"] == []


def test_missing_sheet_file(in_campaign: Path) -> None:
    assert run("check", "nope.yaml") == (
        1,
        "",
        "nope.yaml: error: there is no sheet file here\n"
        "  fix: give the path of a sheet YAML file, or of a campaign folder holding sheet.yaml\n"
        "1 problem(s) found; nothing was written.\n",
    )


def test_usage_errors_exit_2() -> None:
    code, _, err = run("build", "--paper", "a3")
    assert code == 2
    assert "Invalid value for '--paper': 'a3' is not one of 'a4', 'letter'." in err


def test_debug_shows_the_traceback(in_campaign: Path) -> None:
    result = CliRunner().invoke(main, ["--debug", "check", "nope.yaml"])
    assert result.exit_code == 1
    assert type(result.exception).__name__ == "FactsheetError"


def test_build_without_arguments_renders_the_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("build")
    rows, _summary = table(out)
    declared = ["letter", "a4", *(f"example-district-{letter}-letter" for letter in "abc"), "merged-letter"]
    assert (code, rows) == (
        0,
        [(f"output/banthescan-{name}.pdf", "1", "built") for name in declared[:-1]]
        + [("output/banthescan-merged-letter.pdf", "3", "built")],
    )
    assert err.startswith("no sheet.yaml here: using the built-in example campaign (#BantheScan)")
    assert err.count("warning: ") == 3 and "... and 4 more warning(s)" in err
    assert (tmp_path / "output" / "banthescan-letter.pdf").is_file()


def test_merge_through_the_cli(in_campaign: Path) -> None:
    code, out, _ = run("build", ".", "--merge", "merge-example.csv", "--name", "{slug}-{district}", "--combine")
    rows, summary = table(out)
    assert code == 0
    assert [file for file, _pages, _status in rows] == [
        "output/banthescan-example-district-a-letter.pdf",
        "output/banthescan-example-district-b-letter.pdf",
        "output/banthescan-example-district-c-letter.pdf",
        "output/banthescan-merged-letter.pdf",
    ]
    assert rows[-1][1] == "3"
    assert summary.startswith("4 output(s): 4 built, 0 up to date")


def test_bad_merge_rows_exit_1_before_rendering(in_campaign: Path) -> None:
    (in_campaign.parent / "rows.csv").write_text("district,name\nA,Someone\n", encoding="utf-8")
    code, out, err = run("build", ".", "--merge", "rows.csv")
    assert (code, out) == (1, "")
    assert err.startswith("rows.csv:1: error: column 'phone' is missing (the merge call to action uses it)\n")
    assert not (in_campaign.parent / "output").exists()


def test_merge_options_need_merge() -> None:
    code, _, err = run("build", "--combine")
    assert code == 2
    assert "--name and --combine go with --merge" in err


def test_all_builds_every_campaign_in_a_folder(in_campaign: Path) -> None:
    code, out, _ = run("build", "--all", str(in_campaign.parent.parent), "-o", "out")
    rows, _summary = table(out)
    assert code == 0
    assert len(rows) == 6, "letter, a4, three merge variants and the combined PDF"
