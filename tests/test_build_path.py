"""One build path: the command line and `factsheet.build()` write the same files, byte for byte, and `check`
refuses everything about the input that `build` would refuse before rendering, with the same message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factsheet.errors import FactsheetError
from factsheet.pipeline import BuildRequest, build, check
from tests.conftest import line_of, run_cli


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


@pytest.mark.parametrize(
    ("flags", "request_"),
    [
        ((), BuildRequest()),
        (
            ("--merge", "merge-example.csv", "--name", "{slug}-{district}", "--combine", "--paper", "a4"),
            BuildRequest(papers=("a4",), merge=Path("merge-example.csv"), name="{slug}-{district}", combine=True),
        ),
        (
            ("--print-shop", "--crop-marks", "--job-ticket", "--paper", "letter", "--layout", "trifold"),
            BuildRequest(papers=("letter",), layouts=("trifold",), edition="shop", crop_marks=True, also=("ticket",)),
        ),
    ],
    ids=["declared-outputs", "merge", "shop-edition"],
)
def test_the_cli_and_the_library_write_the_same_files(
    campaign: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flags: tuple[str, ...], request_: BuildRequest
) -> None:
    monkeypatch.chdir(campaign.parent)
    code, _out, err = run_cli("build", ".", *flags, "-o", str(tmp_path / "cli"))
    assert code == 0, err
    result = build(campaign, request_, output_dir=tmp_path / "library")
    from_cli, from_library = files_in(tmp_path / "cli"), files_in(tmp_path / "library")
    assert sorted(from_cli) == sorted(from_library)
    assert {path.name for path in result.paths} | {".factsheet-manifest.json"} == set(from_library)
    for name, data in from_cli.items():
        assert data == from_library[name], f"{name} differs between the CLI and build()"


def test_the_declared_outputs_include_the_mail_merge(campaign: Path, tmp_path: Path) -> None:
    result = build(campaign, output_dir=tmp_path)
    assert [path.name for path in result.paths] == [
        "banthescan-letter.pdf",
        "banthescan-a4.pdf",
        "banthescan-example-district-a-letter.pdf",
        "banthescan-example-district-b-letter.pdf",
        "banthescan-example-district-c-letter.pdf",
        "banthescan-merged-letter.pdf",
    ]


def refused_by_check_and_build(sheet: Path, tmp_path: Path) -> list[str]:
    """Every problem check reports as an error must be what build refuses with, and build writes nothing."""
    code, out, err = run_cli("check", str(sheet))
    assert code == 1
    assert "problem(s) with the sheet's files or characters" in out
    checked = [problem.format() for problem in check(sheet).problems if problem.severity == "error"]
    assert checked and all(line in err for line in checked)
    with pytest.raises(FactsheetError) as caught:
        build(sheet, output_dir=tmp_path / "out")
    assert [problem.format() for problem in caught.value.problems] == checked
    assert not (tmp_path / "out").exists()
    return [problem.message for problem in caught.value.problems]


def test_check_refuses_characters_no_bundled_font_has(edit_sheet: Callable[[str, str], Path], tmp_path: Path) -> None:
    sheet = edit_sheet("subtitle: What the NYPD", "subtitle: 禁止 What the NYPD")
    assert refused_by_check_and_build(sheet, tmp_path) == [
        "no bundled font for English has '止' (U+6B62 CJK UNIFIED IDEOGRAPH-6B62), "
        "'禁' (U+7981 CJK UNIFIED IDEOGRAPH-7981): "
        "it would print as an empty box"
    ]


def test_check_refuses_a_broken_logo(edit_sheet: Callable[[str, str], Path], tmp_path: Path) -> None:
    sheet = edit_sheet("keywords: [", "logo:\n  file: logo.png\n  alt: Test logo (invented for tests)\nkeywords: [")
    (sheet.parent / "logo.png").write_bytes(b"GIF89a not really a picture")
    assert refused_by_check_and_build(sheet, tmp_path) == ["'logo.png' is not a PNG, JPEG, WebP or SVG image"]
    assert check(sheet).input_problems[0].location.line == line_of(sheet, "file: logo.png")


def test_check_refuses_a_broken_theme_font(edit_sheet: Callable[[str, str], Path], tmp_path: Path) -> None:
    fonts = "theme:\n  fonts:\n    - family: Test Sans (invented for tests)\n      file: fonts/test.otf\nkeywords: ["
    sheet = edit_sheet("keywords: [", fonts)
    (sheet.parent / "fonts").mkdir()
    (sheet.parent / "fonts" / "test.otf").write_bytes(b"not a font at all")
    assert refused_by_check_and_build(sheet, tmp_path) == ["'fonts/test.otf' is not an OpenType, TrueType or WOFF font"]


def test_check_refuses_a_declared_merge_file_outside_the_campaign(
    edit_sheet: Callable[[str, str], Path], tmp_path: Path
) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("district,name\nsecret,row\n", encoding="utf-8")
    sheet = edit_sheet("  - merge: merge-example.csv", f"  - merge: {outside}")
    assert refused_by_check_and_build(sheet, tmp_path) == [f"'{outside}' is outside the campaign folder"]
