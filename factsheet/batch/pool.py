"""A pool of forked worker processes that render jobs, each under a memory ceiling and a per-job time limit.

The work is handed over explicitly: each worker is forked with the jobs, the checked sheets and the render
function as its arguments (fork copies them, nothing is pickled), then receives job numbers over its own pipe
and answers with the PDF or the problems. A worker that dies (killed for memory, say) is reported for the job
it had, and every failure is collected before anything is reported, so one run names every broken row.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factsheet.batch.worker import LIMIT_HINT, warm_work, work
from factsheet.errors import FactsheetError, Location, Problem, renderer_failure
from factsheet.produce.report import OutputReport, Progress
from factsheet.render.weasy.loading import load_weasyprint

if TYPE_CHECKING:
    from factsheet.produce.job import BuildRequest, Job
    from factsheet.produce.output import RenderedOutput
    from factsheet.results import CheckResult

    Render = Callable[..., RenderedOutput]

_warm: tuple[Connection, Any] | None = None


@contextmanager
def warm_worker() -> Iterator[None]:
    """Start one worker loading the renderer now, so that the caller's own imports and the sheet's check run
    on one core while WeasyPrint loads on another; the next `render_all` in this process hands its jobs to it.

    A cold one-PDF build otherwise pays both in a row (about a quarter of a second more than a bare WeasyPrint
    script). The worker is forked before anything heavy is imported, so the jobs and checks reach it pickled
    rather than copied by the fork; a worker that is never used is stopped when the block ends."""
    global _warm
    ours, theirs = multiprocessing.get_context("fork").Pipe()
    process = multiprocessing.get_context("fork").Process(target=warm_work, args=(theirs,), daemon=True)
    process.start()
    theirs.close()
    _warm = (ours, process)
    try:
        yield
    finally:
        unused, _warm = _warm, None
        if unused is not None:
            _discard(*unused)


def _take_warm_worker() -> tuple[Connection, Any] | None:
    global _warm
    warm, _warm = _warm, None
    if warm is not None and not warm[1].is_alive():
        _discard(*warm)
        return None
    return warm


def _discard(connection: Connection, process: Any) -> None:
    """Stop a warm worker that was given nothing: it holds no work, so it need not finish loading first."""
    connection.close()
    process.kill()
    process.join(timeout=5)


class Interrupted(Exception):  # noqa: N818  (it is not an error: the user pressed Ctrl-C)
    """The user stopped the build (Ctrl-C); `finished` holds the outputs rendered before, by job index."""

    def __init__(self, finished: dict[int, RenderedOutput]) -> None:
        super().__init__("interrupted")
        self.finished = finished


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
    workers: dict[Connection, Any] = {}
    warm = _take_warm_worker()
    if warm is not None:
        try:
            warm[0].send((jobs, checks, render, request.draft))
            workers[warm[0]] = warm[1]
        except (pickle.PicklingError, TypeError, AttributeError, OSError):
            _discard(*warm)
    if len(workers) < count:
        import pikepdf  # noqa: F401  (imported once here, before the fork, not once in every worker)

        load_weasyprint()
    context = multiprocessing.get_context("fork")
    for _ in range(count - len(workers)):
        ours, theirs = context.Pipe()
        process = context.Process(target=work, args=(theirs, jobs, checks, render, request.draft), daemon=True)
        process.start()
        theirs.close()
        workers[ours] = process
    results: dict[int, RenderedOutput] = {}
    problems: list[Problem] = []
    pending = _interleaved(jobs, request.draft)
    busy: dict[Connection, int] = {}
    scales: dict[str, float] = {}
    try:
        for connection in workers:
            _hand_out(connection, pending, busy, jobs, scales, request.draft)
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
                    if jobs[index].row is not None and payload.scale is not None:
                        scales.setdefault(jobs[index].batch_key(request.draft), payload.scale)
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
                    _hand_out(connection, pending, busy, jobs, scales, request.draft)
    except KeyboardInterrupt:
        raise Interrupted(results) from None
    finally:
        for connection, process in workers.items():
            _stop(connection, process)
    if problems:
        raise FactsheetError(problems)
    return results


def _hand_out(
    connection: Connection,
    pending: list[int],
    busy: dict[Connection, int],
    jobs: Sequence[Job],
    scales: Mapping[str, float],
    draft: bool,
) -> None:
    """The next job's number, with the type size another worker already found for its kind of merge
    variant (copyfitting measures it once per kind, not once per worker)."""
    if pending:
        index = busy[connection] = pending.pop(0)
        connection.send((index, scales.get(jobs[index].batch_key(draft)) if jobs[index].row is not None else None))


def _interleaved(jobs: Sequence[Job], draft: bool) -> list[int]:
    """Job numbers taking each kind of merge variant in turn, so that the workers start on different kinds
    and each measures the type size of a different one."""
    queues: dict[str, list[int]] = {}
    for index, job in enumerate(jobs):
        queues.setdefault(job.batch_key(draft) if job.row is not None else f"job {index}", []).append(index)
    order: list[int] = []
    while queues:
        for key in list(queues):
            order.append(queues[key].pop(0))
            if not queues[key]:
                del queues[key]
    return order


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
