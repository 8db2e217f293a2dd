"""A pool of forked worker processes that render jobs, each under a memory ceiling and a per-job time limit.

The work is handed over explicitly: each worker is forked with the jobs, the checked sheets and the render
function as its arguments (fork copies them, nothing is pickled), then receives job numbers over its own pipe
and answers with the PDF or the problems. A worker that dies (killed for memory, say) is reported for the job
it had, and every failure is collected before anything is reported, so one run names every broken row.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from multiprocessing.connection import Connection, wait
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from factsheet.batch.report import OutputReport, Progress
from factsheet.errors import FactsheetError, Location, Problem, renderer_failure
from factsheet.press.conformance import start_validator
from factsheet.render.isolation import limit_memory
from factsheet.render.loading import load_weasyprint

if TYPE_CHECKING:
    from factsheet.batch.plan import BuildRequest, Job
    from factsheet.pipeline import CheckResult
    from factsheet.render.output import RenderedOutput

    Render = Callable[..., RenderedOutput]

JOB_SECONDS = 30.0
TIMER_REPEAT_SECONDS = 0.5
"""The job timer fires again at this interval: a C library calling back into Python (cffi) swallows an
exception raised in the callback, so one alarm landing there would otherwise be lost."""
WORKER_EXTRA_MEMORY = 1_000_000_000
LIMIT_HINT = "simplify the template or shorten the content"


def render_all(
    jobs: Sequence[Job],
    checks: Mapping[Path, CheckResult],
    render: Render,
    request: BuildRequest,
    progress: Progress | None,
    total: int,
    done: int = 0,
) -> dict[int, RenderedOutput]:
    """Render every job in forked workers; returns each job's output by its index, or raises every problem.
    `done` of the build's `total` outputs are finished before these (up to date), for the progress count."""
    if not jobs:
        return {}
    count = max(1, min(request.jobs or os.cpu_count() or 1, len(jobs)))
    import pikepdf  # noqa: F401  (imported once here, before the fork, not once in every worker)

    load_weasyprint()

    context = multiprocessing.get_context("fork")
    workers: dict[Connection, Any] = {}
    for _ in range(count):
        ours, theirs = context.Pipe()
        process = context.Process(target=_work, args=(theirs, jobs, checks, render, request.draft), daemon=True)
        process.start()
        theirs.close()
        workers[ours] = process
    results: dict[int, RenderedOutput] = {}
    problems: list[Problem] = []
    pending = list(range(len(jobs)))
    busy: dict[Connection, int] = {}
    try:
        for connection in workers:
            _hand_out(connection, pending, busy)
        while busy:
            for ready in wait([*busy, *(workers[connection].sentinel for connection in busy)]):
                answered = [c for c in busy if ready in (c, workers[c].sentinel)]
                if not answered:
                    continue
                connection = answered[0]
                index = busy.pop(connection)
                kind, payload = _receive(connection, workers[connection], jobs[index])
                if kind == "ok":
                    results[index] = payload
                    done += 1
                    if progress is not None:
                        report = OutputReport(
                            jobs[index].output,
                            "built",
                            payload.pages,
                            len(payload.pdf),
                            payload.seconds,
                            note=payload.note,
                        )
                        progress(report, done, total)
                elif kind == "problems":
                    problems.extend(payload)
                else:
                    problems.extend(renderer_failure(Location.of(jobs[index].output), payload).problems)
                if workers[connection].is_alive():
                    _hand_out(connection, pending, busy)
    finally:
        for connection, process in workers.items():
            _stop(connection, process)
    if problems:
        raise FactsheetError(problems)
    return results


def _hand_out(connection: Connection, pending: list[int], busy: dict[Connection, int]) -> None:
    if pending:
        busy[connection] = pending.pop(0)
        connection.send(busy[connection])


def _receive(connection: Connection, process: Any, job: Job) -> tuple[str, Any]:
    """A worker's answer; a worker that died without one is reported against its job."""
    try:
        if connection.poll(0) or process.is_alive():
            result: tuple[str, Any] = connection.recv()
            return result
    except (EOFError, OSError):
        pass
    return "problems", [
        Problem(
            Location.of(job.output),
            f"the renderer stopped unexpectedly (exit code {process.exitcode}); it may have run out of memory",
            LIMIT_HINT,
        )
    ]


def _stop(connection: Connection, process: Any) -> None:
    with suppress(OSError):
        connection.send(None)
    connection.close()
    process.join(timeout=5)
    if process.is_alive():
        process.kill()


class _JobTimeoutError(BaseException):
    """Raised inside a worker by its job timer. Not an Exception: WeasyPrint catches Exception where it loads a
    font or an image and carries on without it, which would swallow the timer."""


def _on_timeout(signum: int, frame: FrameType | None) -> None:
    raise _JobTimeoutError


def _work(
    connection: Connection, jobs: Sequence[Job], checks: Mapping[Path, CheckResult], render: Render, draft: bool
) -> None:
    """A worker's life: a memory ceiling above what it already maps, then one job per number received."""
    from factsheet.render.pdf import own_font_folder

    limit_memory(WORKER_EXTRA_MEMORY)
    signal.signal(signal.SIGALRM, _on_timeout)
    start_validator()
    with own_font_folder():
        _serve(connection, jobs, checks, render, draft)
    connection.close()
    os._exit(0)


def _serve(
    connection: Connection, jobs: Sequence[Job], checks: Mapping[Path, CheckResult], render: Render, draft: bool
) -> None:
    """Render each job whose number arrives, under its time limit, and send back the PDF or the problems."""
    while (index := connection.recv()) is not None:
        job = jobs[index]
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
