"""What a build says about each output: one line of the summary table, and the progress callback's shape."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal


@dataclass(frozen=True)
class OutputReport:
    """One line of the summary table: the file, whether it was built or already up to date, its pages, size in
    bytes and render time, which of its inputs changed since the last build, and for a merge variant printed
    in full instead of composed into its batch's shared page (see render/variable.py), why."""

    path: Path
    status: Literal["built", "up to date"]
    pages: int
    size: int
    seconds: float
    changed: tuple[str, ...] = ()
    note: str = ""


Progress = Callable[[OutputReport, int, int], None]
"""Called as each output is rendered, with how many are done of how many in all."""
