"""The bad-input corpus: every fixture in tests/bad_input/ goes through the real CLI and must get its message.

Each fixture is a sheet file whose `# error: LINE:COL message` comments say exactly what the user must be
told. For each: `check` and `build` exit 1, stderr names `sheet.yaml:LINE:COL: error: message`, no traceback
is printed, and the output folder (which already holds a PDF) is left exactly as it was.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factsheet.cli import main
from factsheet.errors import FactsheetError
from factsheet.sheet.load import load_yaml_file

FIXTURES = Path(__file__).parent / "bad_input"
CORPUS_SOURCES = Path(__file__).parent / "corpus" / "sources"
EXPECTED = re.compile(r"^# error: (\d+):(\d+) (.+)$", re.MULTILINE)
OLD_PDF = b"%PDF-1.7 a previous good build that must survive\n"


@pytest.fixture
def campaign_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A campaign folder with the corpus sources and an output folder holding an earlier PDF; cwd is inside."""
    shutil.copytree(CORPUS_SOURCES, tmp_path / "sources")
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "corpus-letter.pdf").write_bytes(OLD_PDF)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def assert_refused(campaign: Path, expected: list[str]) -> None:
    before = snapshot(campaign / "output")
    for command in (["check", "sheet.yaml"], ["build", "sheet.yaml", "-o", "output"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit), f"crashed instead of reporting: {result.exception!r}"
        assert "Traceback" not in result.stderr
        for message in expected:
            assert message in result.stderr, f"{message!r} not in:\n{result.stderr}"
        assert result.stderr.rstrip().endswith("nothing was written.") or command[0] == "check"
    assert snapshot(campaign / "output") == before


FIXTURE_FILES = sorted(FIXTURES.glob("*.yaml"))


@pytest.mark.parametrize("fixture", FIXTURE_FILES, ids=[path.stem for path in FIXTURE_FILES])
def test_fixture(fixture: Path, campaign_dir: Path) -> None:
    text = fixture.read_text(encoding="utf-8")
    expected = [f"sheet.yaml:{line}:{column}: error: {message}" for line, column, message in EXPECTED.findall(text)]
    assert expected, f"{fixture.name} has no '# error: LINE:COL message' line"
    (campaign_dir / "sheet.yaml").write_text(text, encoding="utf-8")
    assert_refused(campaign_dir, expected)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("title: ok\nsubtitle: caf\xe9\n".encode("latin-1"), "sheet.yaml:2:14: error: this file is not valid UTF-8"),
        ("title: ok\n".encode("utf-16"), "sheet.yaml:1:1: error: this file is saved as UTF-16"),
        (b"title: a\x00b\n", "sheet.yaml:1:9: error: this file contains a control character (U+0000)"),
        (b"a:\n" + b"".join(b"  " * depth + b"- \n" for depth in range(1, 60)), "nested deeper than 40 levels"),
        (b"title: " + b"x" * 1_100_000 + b"\n", "sheet.yaml: error: this file is 1,100,008 bytes; the limit is"),
    ],
    ids=["latin-1", "utf-16", "nul-byte", "deep-nesting", "oversized"],
)
def test_unreadable_bytes(content: bytes, expected: str, campaign_dir: Path) -> None:
    (campaign_dir / "sheet.yaml").write_bytes(content)
    assert_refused(campaign_dir, [expected])


def plain(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(key, str) and plain(item) for key, item in value.items())
    if isinstance(value, list):
        return all(plain(item) for item in value)
    return value is None or isinstance(value, str)


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=400))
@example(b"\r?")
@example(b"a: b\rtitle: Join #x")
def test_arbitrary_bytes_only_ever_give_a_user_error(fuzz_folder: Path, content: bytes) -> None:
    path = fuzz_folder / "fuzz.yaml"
    path.write_bytes(content)
    try:
        loaded = load_yaml_file(path)
    except FactsheetError as error:
        assert error.problems and all(problem.location.file.endswith("fuzz.yaml") for problem in error.problems)
    else:
        assert plain(loaded.data), "whatever loads is text, lists and mappings: no tags, objects, numbers or dates"
        assert loaded.locate(()).file.endswith("fuzz.yaml")
