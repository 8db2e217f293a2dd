"""Run a function in a forked child with a time limit and a memory ceiling.

WeasyPrint has no limits of its own: a hostile template can nest until it recurses too deep, lay out for
minutes, or allocate gigabytes. Rendering in a child process means any of that ends the child, not the tool,
and the user gets a plain message. Forking keeps the parent's imported modules and caches, so the child
starts warm.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

from factsheet.errors import FactsheetError, Location, renderer_failure

T = TypeVar("T")
DEFAULT_SECONDS = 30.0
DEFAULT_EXTRA_MEMORY = 1_000_000_000


def run_isolated(
    function: Callable[..., T],
    *arguments: Any,
    origin: Path,
    seconds: float = DEFAULT_SECONDS,
    extra_memory: int = DEFAULT_EXTRA_MEMORY,
    task: str = "rendering",
    setting: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> T:
    """`function(*arguments)` in a child process; user errors come back as the FactsheetError (or subclass:
    content that does not fit, say) the child raised, limits as one too,
    naming the `task` ("rendering", "checking the PDF"). The child runs it inside `setting()` (a renderer's
    fonts in a folder of the child's own, say)."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, function, arguments, extra_memory, setting), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            child.kill()
            raise FactsheetError.at(
                Location.of(origin),
                f"{task} took longer than {seconds:g} seconds and was stopped",
                "simplify the template or shorten the content; a one-page handout renders in well under a second",
            )
        try:
            kind, payload = receiver.recv()
        except EOFError:
            child.join(timeout=5)
            kind, payload = _ended(child.exitcode)
    finally:
        receiver.close()
        child.join(timeout=5)
        if child.is_alive():
            child.kill()
    if kind == "ok":
        result: T = payload
        return result
    if kind == "problems":
        error_type, problems = payload
        raise error_type(problems)
    if kind == "memory":
        raise FactsheetError.at(
            Location.of(origin),
            f"{task} needed more than {extra_memory // 1_000_000:,} MB of memory and was stopped",
            "check images and templates for something very large",
        )
    raise renderer_failure(Location.of(origin), str(payload))


def _ended(code: int | None) -> tuple[str, object]:
    """What a child that died without answering ran into: the memory ceiling (the kernel kills it, or its
    allocator aborts), a signal, or an exit with a code."""
    if code is None:
        return "crash", "the renderer stopped answering"
    if code in (-signal.SIGKILL, -signal.SIGABRT):
        return "memory", None
    if code < 0:
        return "crash", f"the renderer was stopped by signal {signal.Signals(-code).name}"
    return "crash", f"the renderer stopped unexpectedly (exit code {code})"


def _child(
    sender: Connection,
    function: Callable[..., Any],
    arguments: tuple[Any, ...],
    extra: int,
    setting: Callable[[], AbstractContextManager[object]],
) -> None:
    limit_memory(extra)
    with setting():
        try:
            message: tuple[str, Any] = ("ok", function(*arguments))
        except FactsheetError as error:
            message = ("problems", (type(error), list(error.problems)))
        except MemoryError:
            message = ("memory", None)
        except BaseException:
            message = ("crash", traceback.format_exc())
    try:
        sender.send(message)
    finally:
        sender.close()
        os._exit(0)


def limit_memory(extra: int) -> None:
    """Cap this process's address space at `extra` bytes above what it already maps (imported libraries
    count), so a runaway render fails with MemoryError instead of exhausting the machine."""
    with Path("/proc/self/statm").open() as statm:
        mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    resource.setrlimit(resource.RLIMIT_AS, (mapped + extra, mapped + extra))
