"""A worker's life in the pool: set up (memory ceiling, job timer, the PDF validator, its own fonts), then
render each job whose number arrives under its time limit and send back the PDF or the problems."""

from __future__ import annotations

import os
import signal
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from multiprocessing.connection import Connection
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from factsheet.errors import FactsheetError, Location, Problem
from factsheet.isolation import limit_memory
from factsheet.press.conformance import start_validator
from factsheet.render.weasy.loading import load_weasyprint

if TYPE_CHECKING:
    from factsheet.produce.job import Job
    from factsheet.produce.output import RenderedOutput
    from factsheet.results import CheckResult

    Render = Callable[..., RenderedOutput]

JOB_SECONDS = 30.0
TIMER_REPEAT_SECONDS = 0.5
"""The job timer fires again at this interval: a C library calling back into Python (cffi) swallows an
exception raised in the callback, so one alarm landing there would otherwise be lost."""
WORKER_EXTRA_MEMORY = 1_000_000_000
LIMIT_HINT = "simplify the template or shorten the content"


class _JobTimeoutError(BaseException):
    """Raised inside a worker by its job timer. Not an Exception: WeasyPrint catches Exception where it loads a
    font or an image and carries on without it, which would swallow the timer."""


def _on_timeout(signum: int, frame: FrameType | None) -> None:
    raise _JobTimeoutError


def work(
    connection: Connection, jobs: Sequence[Job], checks: Mapping[Path, CheckResult], render: Render, draft: bool
) -> None:
    """A worker's life: set up, then one job per number received."""
    with _worker_setup():
        _serve(connection, jobs, checks, render, draft)
    connection.close()
    os._exit(0)


@contextmanager
def _worker_setup() -> Iterator[None]:
    """A memory ceiling above what the worker already maps, its job timer, its validator and its own fonts."""
    from factsheet.render.weasy.fonts import own_font_folder

    limit_memory(WORKER_EXTRA_MEMORY)
    signal.signal(signal.SIGALRM, _on_timeout)
    start_validator()
    with own_font_folder():
        yield


def warm_work(connection: Connection) -> None:
    """A warm worker's life: load the renderer and set up, then wait for the jobs (or for the build to end
    without any)."""
    load_weasyprint()
    import pikepdf  # noqa: F401

    import factsheet.produce.output  # noqa: F401

    with _worker_setup():
        try:
            handed: tuple[Sequence[Job], Mapping[Path, CheckResult], Render, bool] | None = connection.recv()
        except (EOFError, OSError):
            handed = None
        if handed is not None:
            _serve(connection, *handed)
    connection.close()
    os._exit(0)


def _serve(
    connection: Connection, jobs: Sequence[Job], checks: Mapping[Path, CheckResult], render: Render, draft: bool
) -> None:
    """Render each job whose number arrives, under its time limit, and send back the PDF or the problems."""
    while (message := connection.recv()) is not None:
        index, scale = message
        job = (
            jobs[index]
            if scale is None or jobs[index].scale_hint is not None
            else replace(jobs[index], scale_hint=scale)
        )
        started = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, JOB_SECONDS, TIMER_REPEAT_SECONDS)
        try:
            answer: tuple[str, Any] = ("ok", render(checks[job.sheet_path], job, draft=draft))
            if time.monotonic() - started > JOB_SECONDS:
                raise _JobTimeoutError
        except FactsheetError as error:
            answer = ("problems", list(error.problems))
        except _JobTimeoutError:
            answer = ("problems", [_limit(job, f"rendering took longer than {JOB_SECONDS:g} seconds and was stopped")])
        except MemoryError:
            answer = ("problems", [_limit(job, "rendering ran out of memory and was stopped")])
        except Exception:
            answer = ("crash", traceback.format_exc())
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        connection.send(answer)


def _limit(job: Job, message: str) -> Problem:
    return Problem(Location.of(job.output), message, LIMIT_HINT)
