"""Running one planned job: its kind makes the file, then the checks its kind declares read it back.

The pool's workers run this for every job; the registry (kinds.py) says what each kind makes and checks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factsheet.errors import Problem

if TYPE_CHECKING:
    from factsheet.produce.job import Job
    from factsheet.results import CheckResult


@dataclass(frozen=True)
class RenderedOutput:
    """A finished file, its page count (from its kind's check, which read it back), how long it took, and for
    a merge variant printed in full rather than composed into its batch's shared page, why."""

    pdf: bytes
    pages: int
    seconds: float
    note: str = ""
    scale: float | None = None
    """The type factor copyfitting printed it at (kept in the manifest for the next build)."""
    warnings: tuple[Problem, ...] = ()
    """A page or panel left sparse even in the largest type the layout allows."""


def render_job(checked: CheckResult, job: Job, *, draft: bool, isolate: bool = False) -> RenderedOutput:
    """The file a planned job asks for, made and checked by its kind. A pool worker is already isolated;
    `isolate` is for callers that are not."""
    started = time.perf_counter()
    produce = job.kind.produce
    assert produce is not None, f"the {job.kind.name} kind is gathered from other jobs, not planned as one"
    made = produce(checked, job, draft, isolate)
    pages = job.kind.check(job, made.data)
    return RenderedOutput(made.data, pages, time.perf_counter() - started, made.note, made.scale, made.warnings)
