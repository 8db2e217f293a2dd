"""Shared fixtures: a private copy of the example campaign, and the reference-refresh flag.

Reference files (golden HTML, page PNGs) are refreshed only by running pytest with `--update-references`;
review the diff of the refreshed files before committing them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from factsheet.cli import main
from factsheet.resources import EXAMPLE_SHEET


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-references",
        action="store_true",
        help="Rewrite golden HTML and reference page images from the current output instead of comparing.",
    )


@pytest.fixture
def update_references(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-references"))


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    """A writable copy of the example campaign folder; returns the path of its sheet."""
    target = tmp_path / "banthescan"
    shutil.copytree(EXAMPLE_SHEET.parent, target, ignore=shutil.ignore_patterns("output"))
    return target / "sheet.yaml"


@pytest.fixture
def edit_sheet(campaign: Path) -> Callable[[str, str], Path]:
    """Replace one exact piece of the example sheet's text, failing loudly if it is not there."""

    def edit(old: str, new: str) -> Path:
        text = campaign.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"expected exactly one {old!r} in the example sheet"
        campaign.write_text(text.replace(old, new), encoding="utf-8")
        return campaign

    return edit


def run_cli(*arguments: str) -> tuple[int, str, str]:
    """Run the real CLI in-process; returns exit code, stdout and stderr (kept apart, as a terminal shows them)."""
    result = CliRunner().invoke(main, list(arguments), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first occurrence of `needle` in a file, so tests do not hard-code lines."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


from tests.capture_site import no_proxy, site  # noqa: E402, F401  (fixtures for the capture and evidence tests)
