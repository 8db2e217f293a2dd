"""The same input gives the same bytes on every machine with the same Python packages: font subsetting runs
through the HarfBuzz inside the uharfbuzz wheel, never the system's libharfbuzz-subset or fontTools."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from factsheet.resources import EXAMPLE_SHEET

ROOT = Path(__file__).resolve().parent.parent
HIDE_SUBSETTER = Path(__file__).parent / "hide_subsetter.py"


def build_in_a_process(output: Path, *, hide_system_subsetter: bool) -> bytes:
    command = [str(HIDE_SUBSETTER)] if hide_system_subsetter else ["-m", "factsheet"]
    arguments = ["build", str(EXAMPLE_SHEET), "--paper", "letter", "-o", str(output)]
    subprocess.run([sys.executable, *command, *arguments], check=True, cwd=ROOT, capture_output=True, timeout=300)
    return (output / "banthescan-letter.pdf").read_bytes()


def test_the_same_bytes_with_and_without_the_systems_subsetter(tmp_path: Path) -> None:
    with_library = build_in_a_process(tmp_path / "with", hide_system_subsetter=False)
    without = build_in_a_process(tmp_path / "without", hide_system_subsetter=True)
    assert with_library == without
    assert len(without) < 150_000, "the fonts are subset, not embedded whole"
